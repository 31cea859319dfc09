"""IATI export: every mapping rule on small fixtures, schema validity on real and generated data."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import subprocess
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from typer.testing import CliRunner

from intstrat.checks.iati import org_number_valid, split_by_year, split_percent
from intstrat.checks.rules import Context, check_repository
from intstrat.cli import app
from intstrat.exports import iati
from intstrat.i18n import language
from intstrat.loading.repository import load_repository
from tests.helpers import build_repo

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()
TODAY = dt.date(2026, 6, 1)
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
UPDATED = dt.datetime(2026, 5, 1, 8, 30, tzinfo=dt.UTC)
REF = "SE-ON-2120000001"
XML = "{http://www.w3.org/XML/1998/namespace}lang"

CONFIG = """\
format: 1
organisation:
  name: {sv: Testby kommun, en: Testby Municipality}
  country: SE
  website: https://testby.example.se
  org_number: 212000-0001
language: sv
units:
  - id: utbildning
    name: Utbildningsförvaltningen
    contact: {name: Anna Andersson, email: anna@example.se, role: samordnare}
funders:
  - {id: icld, name: ICLD, iati_ref: SE-ON-2021004748}
  - {id: erasmus-plus, name: Erasmus+, eu: true}
themes:
  - {id: socialt-arbete, name: Socialt arbete, dac_sector: 16010}
  - {id: demokrati, name: Demokrati, dac_sector: 15150}
  - {id: kultur, name: Kultur}
"""

PARTNERS = {
    "data/partners/vushtrri.yaml": """\
        id: vushtrri
        name: Komuna Vushtrri
        type: municipality
        country: XK
        iati_ref: XK-BRN-12345
        """,
    "data/partners/jb-marks.yaml": """\
        id: jb-marks
        name: JB Marks Local Municipality
        type: municipality
        country: ZA
        """,
    "data/partners/lnu.yaml": """\
        id: lnu
        name: Linnéuniversitetet
        type: university
        country: SE
        """,
}


def project(ident: str, *lines: str, **fields: str) -> dict[str, str]:
    """A project file: defaults overridden by `fields` (value "" drops the key), then lines."""
    values = {
        "id": ident,
        "title": "{sv: Projekt " + ident + ", en: Project " + ident + "}",
        "kind": "project",
        "status": "ongoing",
        "owner": "utbildning",
        "partners": "[vushtrri]",
        "period": "{start: 2024-02, end: 2027-01}",
        "themes": "[socialt-arbete]",
        "summary": "Ett projekt.",
    }
    values.update(fields)
    text = "".join(f"{k}: {v}\n" for k, v in values.items() if v != "")
    return {f"data/projects/{ident}.yaml": text + "".join(f"{line}\n" for line in lines)}


def make_repo(root: Path, *projects: dict[str, str], config: str = CONFIG) -> Path:
    files: dict[str, str] = {"intstrat.yaml": config, "data/projects/sekos-2.yaml": ""}
    files.update(PARTNERS)
    for p in projects:
        files.update(p)
    return build_repo(root, files)


def export(root: Path, **options: Any) -> tuple[iati.IatiExport, etree._Element]:
    """Export the repository at `root` to a file, and parse the file back."""
    out = root / "out" / "iati.xml"
    options = {"today": TODAY, "generated": NOW, "updated": UPDATED, **options}
    done = iati.export(load_repository(root), out, **options)
    tree = etree.parse(str(out))
    assert iati.schema_errors(tree) == []
    return done, tree.getroot()


def activity(tree: etree._Element, ident: str) -> etree._Element:
    found = tree.findall(f"iati-activity[iati-identifier='{REF}-{ident}']")
    assert len(found) == 1, ident
    return found[0]


def codes(root: Path, *, pipeline: bool = False) -> list[tuple[str, int, str]]:
    """(file, line, code) of every diagnostic, with the IATI rules."""
    repo = load_repository(root)
    ctx = Context(repo, TODAY)
    from intstrat.checks.iati import plan

    plan(ctx, repo.project_entries, pipeline=pipeline)
    return sorted({(d.path, d.line, d.code) for d in [*check_repository(repo, TODAY), *ctx.found]})


# ------------------------------------------------------------------ valid files


def test_example_data_exports_valid_against_the_schema(tmp_path: Path) -> None:
    out = tmp_path / "iati.xml"
    repo = load_repository(ROOT)
    done = iati.export(repo, out, today=TODAY, generated=NOW, updated=UPDATED)
    tree = etree.parse(str(out))
    assert iati.schema_errors(tree) == []
    assert iati.ruleset_problems(tree, TODAY, NOW) == []
    published = [
        e
        for e in repo.project_entries
        if e.record.kind in ("project", "prestudy")
        and e.record.status in ("planned", "ongoing", "completed", "cancelled")
    ]
    assert done.activities == len(published) > 10
    idents = tree.getroot().xpath("iati-activity/iati-identifier/text()")
    assert idents == [f"SE-ON-2120000688-{e.record.id}" for e in published]


def _generate() -> Any:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_data_exports_valid_against_the_schema(tmp_path: Path) -> None:
    root = _generate().generate(300, tmp_path / "gen")
    out = tmp_path / "iati.xml"
    done = iati.export(load_repository(root), out, today=TODAY, generated=NOW, updated=UPDATED)
    tree = etree.parse(str(out))
    assert iati.schema_errors(tree) == []
    assert iati.ruleset_problems(tree, TODAY, NOW) == []
    assert done.activities == len(tree.getroot()) > 150
    assert len(tree.getroot().xpath("//budget")) > done.activities


def _as_lxml_prints_it(path: Path) -> bytes:
    """The file parsed without its indentation and pretty-printed again by lxml."""
    tree = etree.parse(str(path), etree.XMLParser(remove_blank_text=True))
    return bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def test_the_text_writer_writes_what_lxml_would(tmp_path: Path) -> None:
    """The file is written as text; its layout and escaping are lxml's, byte for byte."""
    out = tmp_path / "example.xml"
    iati.export(load_repository(ROOT), out, today=TODAY, generated=NOW, updated=UPDATED)
    assert out.read_bytes() == _as_lxml_prints_it(out)
    root = _generate().generate(60, tmp_path / "gen")
    out = tmp_path / "generated.xml"
    iati.export(load_repository(root), out, today=TODAY, generated=NOW, updated=UPDATED)
    assert out.read_bytes() == _as_lxml_prints_it(out)


@pytest.mark.parametrize(
    "value",
    ["a&b<c>d\"e'f", "tab\there\nnew\r\nline", "]]>&amp;", " å ä ö € 😀 ", "<!-- x -->", ""],
)
def test_text_and_attributes_are_escaped_as_libxml2_does(value: str) -> None:
    element = etree.Element("a", x=value)
    element.text = value
    expected = etree.tostring(element, encoding="UTF-8").decode() + "\n"
    written = iati._leaf(0, "a", iati._attrs([("x", value)]), value)
    assert written == expected
    assert etree.fromstring(written.encode()).get("x") == value


def _planned(root: Path) -> Any:
    from intstrat.checks.iati import plan
    from intstrat.format.models import Kind

    repo = load_repository(root)
    return plan(Context(repo, TODAY), repo.project_entries, kinds=frozenset(Kind))


def test_the_rules_read_the_same_facts_from_the_plan_as_from_the_written_file(
    tmp_path: Path,
) -> None:
    """The export checks the rules on the plan: that is the file, fact for fact."""
    for root in (ROOT, _generate().generate(60, tmp_path / "gen")):
        planned = _planned(root)
        updated = dict.fromkeys((a.path for a in planned.activities), UPDATED)
        tree = etree.fromstring(iati.render(planned, NOW, updated))
        from_file = [iati.Facts.of_element(a) for a in tree.iterfind("iati-activity")]
        stamp = iati._stamp(UPDATED)
        from_plan = [
            iati.Facts.of_plan(a, planned.reporting, planned.lang, stamp)
            for a in planned.activities
        ]
        assert from_file == from_plan
        kinds = {child[0] for facts in from_plan for child in facts.children}
        assert len(from_plan) > 10 and kinds >= {"budget", "transaction"}


def test_broken_plans_break_the_same_rules_as_their_files() -> None:
    planned = _planned(ROOT)
    first = next(a for a in planned.activities if a.budgets and a.commitments)
    budget = replace(first.budgets[0], end=first.budgets[0].start + dt.timedelta(days=400))
    broken = replace(
        first,
        identifier="SE-ON-999-x",
        sectors=((15112, Decimal("90.00")),),
        budgets=(budget,),
        commitments=(replace(first.commitments[0], day=dt.date(2027, 1, 1)),),
    )
    planned.activities = [broken, broken]
    updated = {broken.path: NOW + dt.timedelta(hours=1)}
    from_plan = iati.plan_problems(planned, updated, TODAY, NOW)
    tree = etree.ElementTree(etree.fromstring(iati.render(planned, NOW, updated)))
    assert from_plan == iati.ruleset_problems(tree, TODAY, NOW)
    assert len(from_plan) == 11  # 5 for each, and the second identifier is a repeat
    assert sum("not unique" in p for p in from_plan) == 1
    for words in ("reporting-org ref", "longer than a year", "sector percentages", "future"):
        assert any(words in p for p in from_plan), words


def test_the_validators_catch_broken_files(tmp_path: Path) -> None:
    """Schema and rules are real checks: a file broken by hand fails both."""
    _, tree = export(make_repo(tmp_path, project("p1")))
    a = tree.find("iati-activity")
    a.insert(0, a.find("reporting-org"))  # reporting-org before iati-identifier
    assert any("iati-identifier" in e for e in iati.schema_errors(etree.ElementTree(tree)))
    funding = "funding: [{funder: icld, amount: {value: 100, currency: SEK}}]"
    _, tree = export(make_repo(tmp_path, project("p1", funding)))
    a = tree.find("iati-activity")
    a.find("iati-identifier").text = "SE-ON-999-p1"
    a.find("budget/period-end").set("iso-date", "2026-03-01")
    a.find("sector").set("percentage", "90")
    a.find("activity-date[@type='2']").set("iso-date", "2026-07-01")
    problems = iati.ruleset_problems(etree.ElementTree(tree), TODAY, NOW)
    assert len(problems) == 4
    assert any("does not start with the reporting-org ref" in p for p in problems)
    assert any("longer than a year" in p for p in problems)
    assert any("sector percentages" in p for p in problems)
    assert any("(actual) is in the future" in p for p in problems)


# ------------------------------------------------------------------ the mapping


def test_status_mapping_and_what_is_published(tmp_path: Path) -> None:
    statuses = ["idea", "applied", "rejected", "planned", "ongoing", "completed", "cancelled"]
    application = "application: {funder: icld, submitted: 2023-10-01, outcome: %s}"
    projects = []
    for status in statuses:
        lines = []
        if status in ("applied", "rejected"):
            lines.append(application % ("pending" if status == "applied" else "rejected"))
        period = "{start: 2020, end: 2022}" if status == "completed" else "{start: 2026-01}"
        projects.append(project(status, *lines, status=status, period=period))
    root = make_repo(tmp_path, *projects)
    done, tree = export(root)
    got = {
        a.find("other-identifier").get("ref"): a.find("activity-status").get("code") for a in tree
    }
    assert got == {"planned": "1", "ongoing": "2", "completed": "4", "cancelled": "5"}
    assert sorted(why for _path, why in done.unpublished) == [
        "status 'applied'",
        "status 'idea'",
        "status 'rejected'",
    ]
    with language("sv"):  # as people read the value, with the file's id
        done, _ = export(root)
    assert sorted(why for _path, why in done.unpublished) == [
        "status 'ansökt' (applied)",
        "status 'avslag' (rejected)",
        "status 'idé' (idea)",
    ]
    _, tree = export(root, pipeline=True)
    got = {
        a.find("other-identifier").get("ref"): a.find("activity-status").get("code") for a in tree
    }
    assert got["idea"] == got["applied"] == "1"
    assert "rejected" not in got


def test_networks_and_single_activities_are_not_published_unless_asked(tmp_path: Path) -> None:
    root = make_repo(tmp_path, project("p1"), project("conf", kind="activity"))
    done, tree = export(root)
    assert [a.find("other-identifier").get("ref") for a in tree] == ["p1"]
    assert done.unpublished == [("data/projects/conf.yaml", "kind 'activity'")]
    _, tree = export(root, kinds=["activity"])
    assert [a.find("other-identifier").get("ref") for a in tree] == ["conf"]


def test_dates_from_partial_dates(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path,
        project("running", period="{start: 2018-03, end: 2027}"),
        project("done", status="completed", period="{start: 2019, end: 2020-02}"),
        project("later", status="planned", period="{start: 2026-09-15, end: 2028-06}"),
    )
    _, tree = export(root)

    def dates(ident: str) -> list[tuple[str, str]]:
        return [
            (d.get("type"), d.get("iso-date")) for d in activity(tree, ident).iter("activity-date")
        ]

    # ongoing: actual start (2) from the first day, planned end (3) from the last day
    assert dates("running") == [("2", "2018-03-01"), ("3", "2027-12-31")]
    # completed: actual start and actual end (4); February 2020 ends on the 29th
    assert dates("done") == [("2", "2019-01-01"), ("4", "2020-02-29")]
    # planned: planned start (1) and planned end (3)
    assert dates("later") == [("1", "2026-09-15"), ("3", "2028-06-30")]


def test_budget_of_a_multi_year_grant_is_split_by_days_per_year(tmp_path: Path) -> None:
    # 2022-03-01..2024-06-30: 306 days in 2022, 365 in 2023, 182 in 2024 (leap year); 853 in all.
    funding = "funding: [{funder: icld, amount: {value: 853000, currency: SEK}}]"
    root = make_repo(tmp_path, project("p1", funding, period="{start: 2022-03, end: 2024-06}"))
    _, tree = export(root)
    a = activity(tree, "p1")
    assert a.get("default-currency") == "SEK"
    budgets = [
        (
            b.find("period-start").get("iso-date"),
            b.find("period-end").get("iso-date"),
            b.find("value").get("value-date"),
            b.findtext("value"),
            b.get("type"),
            b.get("status"),
        )
        for b in a.iter("budget")
    ]
    assert budgets == [
        ("2022-03-01", "2022-12-31", "2022-03-01", "306000", "1", "2"),
        ("2023-01-01", "2023-12-31", "2023-01-01", "365000", "1", "2"),
        ("2024-01-01", "2024-06-30", "2024-01-01", "182000", "1", "2"),
    ]


def test_split_rounds_to_the_unit_and_keeps_the_total() -> None:
    # 1,000,000 over the same 853 days: 358733.88, 427901.52, 213364.60 before rounding;
    # the two units left over go to the largest remainders (.88 and .60).
    parts = split_by_year(Decimal(1000000), dt.date(2022, 3, 1), dt.date(2024, 6, 30))
    assert [p.value for p in parts] == [Decimal(358734), Decimal(427901), Decimal(213365)]
    cents = split_by_year(Decimal("100.00"), dt.date(2023, 1, 1), dt.date(2025, 12, 31))
    # 2023: 365 days, 2024: 366, 2025: 365 of 1096: 33.3029, 33.3942, 33.3029 before
    # rounding down to cents; the one cent left goes to 2024 (remainder .42 against .29)
    assert [p.value for p in cents] == [Decimal("33.30"), Decimal("33.40"), Decimal("33.30")]
    assert sum(p.value for p in cents) == Decimal("100.00")
    assert split_percent(3) == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    assert split_percent(1) == [Decimal(100)]


def test_split_keeps_the_totals_precision_and_gives_every_part_the_status() -> None:
    """The text each part is written with: a total within one year is the total itself."""
    one = split_by_year(Decimal("1234.50"), dt.date(2024, 2, 1), dt.date(2024, 11, 30), "2")
    assert [(p.start, p.end, str(p.value), p.status) for p in one] == [
        (dt.date(2024, 2, 1), dt.date(2024, 11, 30), "1234.50", "2")
    ]
    # 870,000 over 2018-04-01..2019-12-31: 275 and 365 of 640 days, 373828.125 and
    # 496171.875; the unit left over goes to 2019 (.875 against .125).
    whole = split_by_year(Decimal(870000), dt.date(2018, 4, 1), dt.date(2019, 12, 31))
    assert [(p.start, p.end, str(p.value), p.status) for p in whole] == [
        (dt.date(2018, 4, 1), dt.date(2018, 12, 31), "373828", "1"),
        (dt.date(2019, 1, 1), dt.date(2019, 12, 31), "496172", "1"),
    ]
    cents = split_by_year(Decimal("100.00"), dt.date(2023, 1, 1), dt.date(2025, 12, 31), "2")
    assert [(str(p.value), p.status) for p in cents] == [
        ("33.30", "2"),
        ("33.40", "2"),
        ("33.30", "2"),
    ]


def test_split_gives_a_tie_to_the_earliest_part() -> None:
    # 582,000 over 3,900 days (2027-12-04 to 2038-08-07): 28 days in 2027, 366 in the
    # leap years, 219 in 2038. Before rounding: 2027 4178 + 1800/3900, the leap years
    # 54618 + 1800/3900, the others 54469 + 900/3900, 2038 32681 + 2100/3900. Four
    # units are left: 2038 (largest remainder), then of the four tied at 1800/3900 the
    # earliest three, 2027, 2028 and 2032; 2036 keeps 54618. (Divided in decimals of 28
    # digits, the fractions differed in their last digit and 2036 won over 2027.)
    parts = split_by_year(Decimal(582000), dt.date(2027, 12, 4), dt.date(2038, 8, 7))
    assert [int(p.value) for p in parts] == [
        4179,
        54619,
        54469,
        54469,
        54469,
        54619,
        54469,
        54469,
        54469,
        54618,
        54469,
        32682,
    ]
    assert sum(p.value for p in parts) == 582000


def test_recipient_countries_are_the_partners_abroad(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path,
        project("two", partners="[vushtrri, jb-marks, lnu]"),
        project("home", partners="[lnu]"),
    )
    done, tree = export(root)
    countries = [
        (c.get("code"), c.get("percentage"))
        for c in activity(tree, "two").iter("recipient-country")
    ]
    assert countries == [("XK", "50"), ("ZA", "50")]
    assert activity(tree, "home").find("recipient-country") is None
    warnings = [(d.path, d.code) for d in done.diagnostics]
    assert warnings == [("data/projects/home.yaml", "I007")]


def test_sdg_tags_and_sectors(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path, project("p1", "sdgs: [4, 13]", themes="[socialt-arbete, demokrati, kultur]")
    )
    _, tree = export(root)
    a = activity(tree, "p1")
    assert [(t.get("vocabulary"), t.get("code")) for t in a.iter("tag")] == [
        ("2", "4"),
        ("2", "13"),
    ]
    sectors = [(s.get("vocabulary"), s.get("code"), s.get("percentage")) for s in a.iter("sector")]
    assert sectors == [("1", "16010", "50"), ("1", "15150", "50")]


def test_participating_organisations_and_their_roles(tmp_path: Path) -> None:
    funding = "funding: [{funder: icld, kind: grant}, {funder: own, kind: staff-time}]"
    root = make_repo(tmp_path, project("p1", funding, partners="[vushtrri, lnu]"))
    _, tree = export(root)
    orgs = [
        (o.get("role"), o.get("ref"), o.get("type"), o.findtext("narrative"))
        for o in activity(tree, "p1").iter("participating-org")
    ]
    assert orgs == [
        ("1", "SE-ON-2021004748", None, "ICLD"),
        ("1", REF, "11", "Testby kommun"),
        ("2", REF, "11", "Testby kommun"),
        ("4", REF, "11", "Testby kommun"),
        ("4", "XK-BRN-12345", "11", "Komuna Vushtrri"),
        ("4", None, "80", "Linnéuniversitetet"),
    ]
    reporting = activity(tree, "p1").find("reporting-org")
    assert (reporting.get("ref"), reporting.get("type")) == (REF, "11")
    names = [(n.get(XML), n.text) for n in reporting.iter("narrative")]
    assert names == [(None, "Testby kommun"), ("en", "Testby Municipality")]


def test_granted_funding_is_an_incoming_commitment(tmp_path: Path) -> None:
    lines = [
        "application: {funder: icld, submitted: 2023-10-01, decided: 2024-01-18, outcome: granted}",
        "funding:",
        "  - {funder: icld, amount: {value: 980000, currency: SEK}}",
        "  - {funder: own, amount: {value: 5000, currency: EUR}}",
    ]
    done, tree = export(make_repo(tmp_path, project("p1", *lines)))
    t = activity(tree, "p1").find("transaction")
    assert t.find("transaction-type").get("code") == "11"
    assert t.find("transaction-date").get("iso-date") == "2024-01-18"
    value = t.find("value")
    assert (value.text, value.get("value-date"), value.get("currency")) == (
        "980000",
        "2024-01-18",
        None,
    )
    assert t.find("provider-org").get("ref") == "SE-ON-2021004748"
    assert t.find("receiver-org").get("ref") == REF
    # the EUR amount cannot join the SEK budget: a warning at its currency
    assert [(d.code, d.line) for d in done.diagnostics] == [("I008", 13)]


def test_contact_links_results_and_descriptions(tmp_path: Path) -> None:
    lines = [
        "purpose: Syftet.",
        "links: [{title: Mer, url: 'https://example.se/p?a=1&b=2'}]",
        "results:",
        "  - {id: r1, title: Ett resultat, date: 2025-05, description: Vad det gav.}",
    ]
    _, tree = export(make_repo(tmp_path, project("p1", *lines)))
    a = activity(tree, "p1")
    assert [(d.get("type"), d.findtext("narrative")) for d in a.iter("description")][:2] == [
        ("1", "Ett projekt."),
        ("2", "Syftet."),
    ]
    contact = a.find("contact-info")
    assert contact.findtext("person-name/narrative") == "Anna Andersson"
    assert contact.findtext("job-title/narrative") == "samordnare"
    assert contact.findtext("department/narrative") == "Utbildningsförvaltningen"
    assert contact.findtext("email") == "anna@example.se"
    link = a.find("document-link")
    assert (link.get("url"), link.get("format"), link.find("category").get("code")) == (
        "https://example.se/p?a=1&b=2",
        "text/html",
        "A12",
    )
    result = a.find("result")
    assert result.findtext("title/narrative") == "Ett resultat"
    assert result.find("indicator").get("measure") == "5"
    assert result.find("indicator/period/period-start").get("iso-date") == "2025-05-01"
    assert result.find("indicator/period/period-end").get("iso-date") == "2025-05-31"


def test_text_is_escaped_and_control_characters_refused_before(tmp_path: Path) -> None:
    hostile = '"<script>alert(1)</script> & ]]> bell"'
    done, tree = export(make_repo(tmp_path, project("p1", title=hostile)))
    raw = (tmp_path / "out" / "iati.xml").read_bytes()
    assert b"<script>" not in raw
    assert (
        activity(tree, "p1").findtext("title/narrative") == "<script>alert(1)</script> & ]]> bell"
    )
    assert done.diagnostics == []
    # A control character never gets this far: check refuses it (S013), so does the export.
    root = make_repo(tmp_path / "ctrl", project("p1", title='"]]> \\x07bell"'))
    assert codes(root) == [("data/projects/p1.yaml", 2, "S013")]
    with pytest.raises(iati.IatiNotReady, match="S013"):
        iati.export(load_repository(root), tmp_path / "x.xml", today=TODAY)


def test_control_characters_in_addresses_and_refs_never_reach_the_file(tmp_path: Path) -> None:
    lines = [
        'links: [{title: Mer, url: "https://example.se/\\x01a"}]',
        'contact: {name: Bo, email: "bo\\x07@example.se", phone: "0470\\x1b-1"}',
    ]
    partner = PARTNERS["data/partners/vushtrri.yaml"].replace(
        "iati_ref: XK-BRN-12345", 'iati_ref: "XK-BRN-1\\x02"'
    )
    root = make_repo(tmp_path, project("p1", *lines), {"data/partners/vushtrri.yaml": partner})
    # check refuses them where they are written (S013), so the export refuses too.
    found = sorted((d.path, d.line, d.code) for d in check_repository(load_repository(root), TODAY))
    assert found == [
        ("data/partners/vushtrri.yaml", 5, "S013"),
        ("data/projects/p1.yaml", 10, "S013"),
        ("data/projects/p1.yaml", 11, "S013"),
        ("data/projects/p1.yaml", 11, "S013"),
    ]
    with pytest.raises(iati.IatiNotReady, match="S013"):
        iati.export(load_repository(root), tmp_path / "x.xml", today=TODAY)
    assert not (tmp_path / "x.xml").exists()


# ------------------------------------------------------------------ problems point at the YAML


def test_missing_period_points_at_the_record(tmp_path: Path) -> None:
    root = make_repo(tmp_path, project("p1", period=""))
    assert codes(root) == [("data/projects/p1.yaml", 4, "I003")]


def test_missing_or_wrong_organisation_number_points_at_intstrat_yaml(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path, project("p1"), config=CONFIG.replace("  org_number: 212000-0001\n", "")
    )
    assert codes(root) == [("intstrat.yaml", 2, "I001")]
    with pytest.raises(iati.IatiNotReady, match=r"intstrat.yaml:2:1: I001"):
        iati.export(load_repository(root), tmp_path / "x.xml", today=TODAY, allow_errors=True)
    root = make_repo(tmp_path, project("p1"), config=CONFIG.replace("212000-0001", "212000-0002"))
    assert codes(root) == [("intstrat.yaml", 6, "I002")]
    assert org_number_valid("212000-0688") and not org_number_valid("212000-0689")


def test_what_else_would_make_the_file_invalid(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path,
        project("nodesc", summary=""),
        project("nosector", themes="[kultur]"),
        project("future", status="completed", period="{start: 2025, end: 2026}"),
        project(
            "undated",
            "application: {funder: icld, submitted: 2023-10-01, outcome: granted}",
            "funding: [{funder: icld, amount: {value: 1, currency: SEK}}]",
        ),
        project(
            "open",
            "funding: [{funder: icld, amount: {value: 1, currency: SEK}}]",
            period="{start: 2024}",
        ),
    )
    assert codes(root) == [
        ("data/projects/future.yaml", 7, "I006"),  # end 2026 means 2026-12-31
        ("data/projects/nodesc.yaml", 2, "I004"),
        ("data/projects/nosector.yaml", 8, "I005"),
        ("data/projects/open.yaml", 7, "I008"),
        ("data/projects/undated.yaml", 10, "I010"),
    ]


def test_an_amount_without_currency_is_a_schema_error(tmp_path: Path) -> None:
    root = make_repo(tmp_path, project("p1", "funding: [{funder: icld, amount: {value: 5}}]"))
    result = runner.invoke(app, ["check", "--iati", "--repo", str(root), "--today", "2026-06-01"])
    assert result.exit_code == 1
    assert "data/projects/p1.yaml:10:" in result.stdout and "S002" in result.stdout


# ------------------------------------------------------------------ last-updated-datetime


def test_last_updated_comes_from_git_then_the_file(tmp_path: Path) -> None:
    root = make_repo(tmp_path, project("p1"), project("p2"))
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.se",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.se",
        "GIT_COMMITTER_DATE": "2025-02-03T04:05:06+01:00",
        "GIT_AUTHOR_DATE": "2025-02-03T04:05:06+01:00",
    }
    for command in (["init", "-q"], ["add", "."], ["commit", "-qm", "data"]):
        subprocess.run(["git", *command], cwd=root, env=env, check=True)
    (root / "data/projects/p2.yaml").write_text(
        (root / "data/projects/p2.yaml").read_text() + "sdgs: [5]\n"
    )
    os.utime(root / "data/projects/p2.yaml", (1700000000, 1700000000))
    got = iati.last_updated(root, ["data/projects/p1.yaml", "data/projects/p2.yaml"], NOW)
    assert got["data/projects/p1.yaml"] == dt.datetime.fromisoformat("2025-02-03T04:05:06+01:00")
    assert got["data/projects/p2.yaml"] == dt.datetime.fromtimestamp(1700000000, tz=dt.UTC)
    # never after the file's generated-datetime
    early = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    assert set(iati.last_updated(root, ["data/projects/p1.yaml"], early).values()) == {early}


# ------------------------------------------------------------------ the command


def _cli(root: Path, *args: str) -> Any:
    return runner.invoke(
        app,
        ["export", "iati", "--repo", str(root), "--today", "2026-06-01", *args],
        env={"SOURCE_DATE_EPOCH": "1780000000"},
    )


def test_cli_writes_a_valid_file_exit_0(tmp_path: Path) -> None:
    root = make_repo(tmp_path, project("p1"), project("p2", partners="[jb-marks]"))
    out = tmp_path / "iati.xml"
    result = _cli(root, "-o", str(out), "--partner", "jb-marks")
    assert result.exit_code == 0, result.output
    assert "1 activity, valid against the IATI 2.03 schema" in result.stderr
    tree = etree.parse(str(out))
    assert iati.schema_errors(tree) == []
    assert tree.getroot().get("generated-datetime") == "2026-05-28T20:26:40+00:00"
    assert tree.getroot().xpath("iati-activity/iati-identifier/text()") == [f"{REF}-p2"]


def test_cli_refuses_invalid_data_exit_1_unless_allowed(tmp_path: Path) -> None:
    root = make_repo(tmp_path, project("p1"), project("p2", period=""))
    out = tmp_path / "iati.xml"
    result = _cli(root, "-o", str(out))
    assert result.exit_code == 1
    assert "data/projects/p2.yaml:4:1: I003" in result.stderr
    assert not out.exists()
    result = _cli(root, "-o", str(out), "--allow-errors")
    assert result.exit_code == 0, result.output
    assert "left out 1 project with errors" in result.stderr
    assert etree.parse(str(out)).getroot().xpath("iati-activity/iati-identifier/text()") == [
        f"{REF}-p1"
    ]


def test_check_finds_what_an_export_with_the_pipeline_refuses(tmp_path: Path) -> None:
    """An idea without a period passed `check --iati` (ideas are not published) but
    stopped `export iati --include-pipeline`, whose message sent the user to the check."""
    root = make_repo(tmp_path, project("p1"), project("p2", status="idea", period=""))
    today = ["--repo", str(root), "--today", "2026-06-01"]
    assert runner.invoke(app, ["check", "--iati", *today]).exit_code == 0
    checked = runner.invoke(app, ["check", "--include-pipeline", *today])
    assert checked.exit_code == 1
    assert "data/projects/p2.yaml:4:1: error I003 " in checked.stdout
    exported = _cli(root, "-o", str(tmp_path / "iati.xml"), "--include-pipeline")
    assert exported.exit_code == 1
    assert "data/projects/p2.yaml:4:1: I003" in exported.stderr
    assert "('intstrat check --iati --include-pipeline' lists all)" in exported.stderr


def test_cli_without_organisation_number_names_the_config_line(tmp_path: Path) -> None:
    config = CONFIG.replace("  org_number: 212000-0001\n", "")
    root = make_repo(tmp_path, project("p1"), config=config)
    result = _cli(root, "-o", str(tmp_path / "x.xml"), "--allow-errors")
    assert result.exit_code == 1
    assert "intstrat.yaml:2:1: I001" in result.stderr
    assert "org_number" in result.stderr


def test_every_export_format_is_registered_and_iati_works_through_the_api(tmp_path: Path) -> None:
    import intstrat
    from intstrat.exports.dataset import EXPORTERS
    from intstrat.formats import ExportFormat

    assert set(EXPORTERS) == set(ExportFormat)
    root = make_repo(tmp_path, project("p1", period="{start: 2024-02, end: 2025-01}"))
    [path] = intstrat.export(intstrat.load(root), "iati", tmp_path / "api.xml")
    tree = etree.parse(str(path))
    assert iati.schema_errors(tree) == []
    assert tree.getroot().xpath("iati-activity/iati-identifier/text()") == [f"{REF}-p1"]


def test_cli_usage_errors_exit_2(tmp_path: Path) -> None:
    root = make_repo(tmp_path, project("p1"))
    assert _cli(root).exit_code == 2
    result = runner.invoke(
        app, ["export", "csv", "-o", str(tmp_path / "c"), "--repo", str(root), "--sdg", "4"]
    )
    assert result.exit_code == 2
    assert "for iati only" in result.stderr


def test_check_iati_reports_only_when_asked(tmp_path: Path) -> None:
    root = make_repo(tmp_path, project("p1", period=""))
    plain = runner.invoke(app, ["check", "--repo", str(root)])
    assert plain.exit_code == 0, plain.output
    result = runner.invoke(app, ["check", "--iati", "--repo", str(root), "-f", "json"])
    assert result.exit_code == 1
    assert '"code": "I003"' in result.stdout and '"line": 4' in result.stdout


def test_the_file_is_validated_piece_by_piece_and_every_piece_counts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In pieces of 3 activities: the same bytes, and a fault in the third piece is found."""
    monkeypatch.setattr(iati, "PIECE", 3)
    planned = _planned(ROOT)
    updated = dict.fromkeys((a.path for a in planned.activities), UPDATED)
    assert len(planned.activities) > 9
    data = iati.write_checked(planned, NOW, updated, TODAY)
    assert data == iati.render(planned, NOW, updated)
    assert data.count(b"<iati-activity ") == len(planned.activities)
    written = iati._Writer.activity
    seen: list[Any] = []

    def seventh_misordered(self: Any, out: list[str], activity: Any, updated: Any) -> None:
        written(self, out, activity, updated)
        seen.append(activity)
        if len(seen) == 7:
            out[-1] = '    <activity-status code="2"/>\n' + out[-1]

    monkeypatch.setattr(iati._Writer, "activity", seventh_misordered)
    with pytest.raises(iati.IatiBug, match=r"line \d+: Element 'activity-status'"):
        iati.write_checked(planned, NOW, updated, TODAY)


def test_a_schema_failure_of_our_own_output_is_a_bug_exit_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Valid data that still yields an invalid file means intstrat is wrong: exit 3."""
    written = iati._Writer.activity

    def misordered(self: Any, out: list[str], activity: Any, updated: Any) -> None:
        written(self, out, activity, updated)
        out[-1] = '    <activity-status code="2"/>\n' + out[-1]  # after the last result

    monkeypatch.setattr(iati._Writer, "activity", misordered)
    root = make_repo(tmp_path, project("p1"))
    out = tmp_path / "iati.xml"
    result = _cli(root, "-o", str(out))
    assert result.exit_code == 3
    assert "does not match the IATI 2.03 schema" in result.stderr
    assert "line " in result.stderr and "activity-status" in result.stderr
    assert not out.exists()


# ------------------------------------------------------------------ planned, written and checked in turn


def _many(root: Path, *broken: int) -> Path:
    """Nine projects p1..p9; those numbered in `broken` lack a period (I003, an error)."""
    files = [
        project(f"p{n}", period="" if n in broken else "{start: 2024-02}") for n in range(1, 10)
    ]
    return make_repo(root, *files)


def test_the_file_is_the_same_in_pieces_of_any_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Planned, checked and written 3 activities at a time: the bytes of the whole plan."""
    from intstrat.checks.iati import plan

    repo = load_repository(ROOT)
    whole = tmp_path / "whole.xml"
    iati.export(repo, whole, today=TODAY, generated=NOW, updated=UPDATED)
    monkeypatch.setattr(iati, "PIECE", 3)
    pieces = tmp_path / "pieces.xml"
    done = iati.export(repo, pieces, today=TODAY, generated=NOW, updated=UPDATED)
    planned = plan(Context(repo, TODAY), repo.project_entries)
    updated = dict.fromkeys((a.path for a in planned.activities), UPDATED)
    assert done.activities == len(planned.activities) > 9
    assert pieces.read_bytes() == whole.read_bytes() == iati.render(planned, NOW, updated)


def test_an_error_in_a_late_piece_refuses_the_file_and_lists_every_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Errors found after pieces were written still refuse: the old file stays, nothing
    half-written is left beside it, and the errors are listed as in one piece."""
    root = _many(tmp_path / "repo", 2, 8, 9)
    out = tmp_path / "out" / "iati.xml"
    out.parent.mkdir()
    out.write_text("the old file\n")
    with pytest.raises(iati.IatiNotReady) as whole:
        iati.export(load_repository(root), out, today=TODAY, generated=NOW, updated=UPDATED)
    monkeypatch.setattr(iati, "PIECE", 2)
    with pytest.raises(iati.IatiNotReady) as pieces:
        iati.export(load_repository(root), out, today=TODAY, generated=NOW, updated=UPDATED)
    assert str(pieces.value) == str(whole.value)
    message = str(pieces.value)
    assert "3 errors" in message
    places = [f"data/projects/p{n}.yaml:4:1: I003" for n in (2, 8, 9)]
    assert [message.index(p) for p in places] == sorted(message.index(p) for p in places)
    assert out.read_text() == "the old file\n"
    assert sorted(p.name for p in out.parent.iterdir()) == ["iati.xml"]


def test_an_error_of_the_ordinary_rules_refuses_after_every_piece_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The repository's own rules run after the last piece; their errors still refuse."""
    monkeypatch.setattr(iati, "PIECE", 2)
    files = [project(f"p{n}", period="{start: 2024-02}") for n in range(1, 8)]
    files.append(project("p9", period="{start: 2024-02}", funding="[{funder: nobody}]"))
    root = make_repo(tmp_path / "repo", *files)
    expected = [d for d in check_repository(load_repository(root), TODAY) if d.severity == "error"]
    assert [(d.path, d.line) for d in expected] == [("data/projects/p9.yaml", 10)]
    out = tmp_path / "iati.xml"
    with pytest.raises(iati.IatiNotReady, match=rf"p9.yaml:10:\d+: {expected[0].code} "):
        iati.export(load_repository(root), out, today=TODAY, generated=NOW, updated=UPDATED)
    assert not out.exists()


def test_allowed_errors_leave_out_the_same_projects_in_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _many(tmp_path / "repo", 1, 4, 9)
    options: dict[str, Any] = {
        "today": TODAY,
        "generated": NOW,
        "updated": UPDATED,
        "allow_errors": True,
    }
    whole = tmp_path / "whole.xml"
    done = iati.export(load_repository(root), whole, **options)
    monkeypatch.setattr(iati, "PIECE", 2)
    pieces = tmp_path / "pieces.xml"
    again = iati.export(load_repository(root), pieces, **options)
    assert pieces.read_bytes() == whole.read_bytes()
    assert again.left_out == done.left_out == [f"data/projects/p{n}.yaml" for n in (1, 4, 9)]
    assert again.activities == done.activities == 6
    idents = etree.parse(str(pieces)).getroot().xpath("iati-activity/iati-identifier/text()")
    assert idents == [f"{REF}-p{n}" for n in (2, 3, 5, 6, 7, 8)]
    assert [(d.path, d.line, d.code) for d in again.diagnostics] == [
        (f"data/projects/p{n}.yaml", 4, "I003") for n in (1, 4, 9)
    ]


def test_a_rule_broken_in_a_late_piece_is_a_bug_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ruleset checks run on every piece; a failure in the last one still stops the file."""
    monkeypatch.setattr(iati, "PIECE", 2)
    checked: list[str] = []
    rules = iati.facts_problems

    def last_one_broken(facts: Any, *args: Any) -> list[str]:
        checked.append(facts.ident)
        found = rules(facts, *args)
        return [*found, f"{facts.ident}: made up"] if facts.ident.endswith("-p9") else found

    monkeypatch.setattr(iati, "facts_problems", last_one_broken)
    root = _many(tmp_path / "repo")
    out = tmp_path / "iati.xml"
    with pytest.raises(iati.IatiBug, match=f"breaks IATI's rules.*{REF}-p9: made up"):
        iati.export(load_repository(root), out, today=TODAY, generated=NOW, updated=UPDATED)
    assert checked == [f"{REF}-p{n}" for n in range(1, 10)]
    assert not out.exists()


def test_a_shared_contact_with_control_characters_is_reported_for_every_project(
    tmp_path: Path,
) -> None:
    """Contacts are made once per person, but what making one reports is reported for
    every project that names the person, as before.

    The loader refuses control characters (S013), so the records are changed in
    memory here, as a record made some other way could hold them."""
    from intstrat.checks.iati import plan
    from intstrat.format.models import Contact

    bo = "contact: {name: Bo, email: bo@example.se}"
    root = make_repo(
        tmp_path, *(project(f"p{n}", bo) for n in (1, 2, 5, 6)), project("p3"), project("p4")
    )
    repo = load_repository(root)
    assert repo.config is not None
    unit = repo.config.units[0]
    bell = Contact.model_construct(name="Anna\x07 Andersson", email="anna@example.se")
    units = [unit.model_copy(update={"contact": bell})]
    repo.config = repo.config.model_copy(update={"units": units})
    ringing = Contact.model_construct(name="Bo\x07", email="bo@example.se")
    repo.project_entries = [
        replace(e, record=e.record.model_copy(update={"contact": ringing}))
        if e.record.id in ("p1", "p2")
        else e
        for e in repo.project_entries
    ]
    ctx = Context(repo, TODAY)
    planned = plan(ctx, repo.project_entries)
    found = sorted((d.path, d.line) for d in ctx.found if d.code == "I009")
    assert found == [
        ("data/projects/p1.yaml", 10),
        ("data/projects/p2.yaml", 10),
        ("intstrat.yaml", 11),
        ("intstrat.yaml", 11),
    ]
    people = {a.project_id: a.contact.person for a in planned.activities if a.contact}
    assert people == {
        "p1": ((None, "Bo"),),
        "p2": ((None, "Bo"),),
        "p3": ((None, "Anna Andersson"),),
        "p4": ((None, "Anna Andersson"),),
        "p5": ((None, "Bo"),),
        "p6": ((None, "Bo"),),
    }

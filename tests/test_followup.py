"""The follow-up over a mandate period (`intstrat followup 2023-2026`).

Every key figure of Sjöby's follow-up (tests/followups.py) counted by hand; the
follow-up and the annual summaries agree on the example data; --as-of, --rev,
--explain and the command line's exit codes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from intstrat.cli import app
from intstrat.documents.followup import Cell, Followup, Row, build_followup
from intstrat.documents.render import render
from intstrat.documents.report import Figure, build_report
from intstrat.loading.repository import Repository, load_repository
from tests.followups import CONFIG, PROJECTS, followup_repo
from tests.helpers import build_repo

ROOT = Path(__file__).resolve().parent.parent
NB = "\xa0"
TODAY = dt.date(2026, 11, 30)
runner = CliRunner()


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return followup_repo(tmp_path_factory.mktemp("sjoby"))


@pytest.fixture(scope="module")
def repo(root: Path) -> Repository:
    return load_repository(root)


@pytest.fixture(scope="module")
def f(repo: Repository) -> Followup:
    return build_followup(repo, 2023, 2026, today=TODAY)


def rows(f: Followup) -> dict[str, Row]:
    return {r.key: r for r in f.figures()}


def years(row: Row) -> list[str]:
    return [c.value for c in row.years]


def keys(cell: Cell) -> set[str]:
    return {s.key for s in cell.sources if s.counted}


# ---------------------------------------------------------------------- by hand


def test_work_year_by_year(f: Followup) -> None:
    r = rows(f)
    # Ran: 2023 alpha (2021-03..2023-06) and zeta (network since 2020); 2024 beta (from
    # 2024-02) and zeta; 2025 beta, zeta and eta (2025); 2026 beta and zeta. Theta is
    # planned, gamma and epsilon never ran. The period counts alpha, beta, zeta, eta once.
    assert (years(r["running"]), r["running"].period.value) == (["2", "2", "3", "2"], "4")
    assert keys(r["running"].period) == {"alpha", "beta", "zeta", "eta"}
    # Started: beta 2024, eta 2025. Ended: alpha 2023, eta 2025.
    assert (years(r["started"]), r["started"].period.value) == (["0", "1", "1", "0"], "2")
    assert (years(r["ended"]), r["ended"].period.value) == (["1", "0", "1", "0"], "2")
    # Units: 2023 kommunledning (alpha) and utbildning (zeta); 2024 utbildning; 2025 both.
    assert years(r["units"]) == ["2", "1", "2", "1"]
    # Partners: 2023 kolding (alpha and zeta, once); later hamar (beta, eta) and kolding.
    assert (years(r["partners"]), r["partners"].period.value) == (["1", "2", "2", "2"], "2")
    assert (years(r["countries"]), keys(r["countries"].period)) == (
        ["1", "2", "2", "2"],
        {"DK", "NO"},
    )
    # SDGs: 2023 8 (alpha), 17 (zeta); 2025 4 (beta, eta), 8 (eta), 17.
    assert (years(r["sdgs"]), r["sdgs"].period.value) == (["2", "2", "3", "2"], "3")


def test_applications_by_the_year_of_decision(f: Followup) -> None:
    r = rows(f)
    # Submitted: 2023 gamma (March) and beta (October); 2024 eta; 2026 theta (February)
    # and epsilon (September, pending).
    assert (years(r["submitted"]), r["submitted"].period.value) == (["2", "1", "0", "2"], "5")
    # Granted: beta in January 2024 (submitted 2023), eta undated (its submission year,
    # 2024), theta in June 2026. Rejected: gamma in June 2023.
    assert (years(r["granted"]), keys(r["granted"].years[1])) == (
        ["0", "2", "0", "1"],
        {"beta", "eta"},
    )
    assert (years(r["rejected"]), r["rejected"].period.value) == (["1", "0", "0", "0"], "1")
    # Share granted: 0 of 1, 2 of 2, no decisions, 1 of 1; the period 3 of 4.
    assert years(r["success"]) == [f"0{NB}%", f"100{NB}%", "–", f"100{NB}%"]
    assert r["success"].period.value == f"75{NB}%"
    # Money by the year of the decision, never adding SEK to EUR: 500 000 + 200 000 kr in
    # 2024, 150 000 € in 2026.
    amount = r["granted_amount"]
    assert years(amount) == ["–", f"700{NB}000{NB}kr", "–", f"150{NB}000{NB}€"]
    assert amount.period.values == [f"150{NB}000{NB}€", f"700{NB}000{NB}kr"]
    assert amount.period.totals == {"EUR": 150000, "SEK": 700000}


def test_reach_per_year_and_for_the_period(f: Followup) -> None:
    r = f.reach
    # 2023: alpha's 30 people of 2023 (not its 50 of 2021-2023); 2024: beta's 12 schools.
    # Beta's 40 teachers of 2024-2025 are in no single year, but end inside the period;
    # so do alpha's 50 of 2021-2023, which began before it: the period counts both.
    assert years(r) == ["30 personer", "12 organisationer", "–", "–"]
    assert r.period.values == ["120 personer", "12 organisationer"]
    assert r.period.totals == {"people": 30 + 40 + 50, "organisations": 12}
    # In tables, a line per unit with a number in each cell.
    assert [(line.label, line.years, line.period) for line in f.reach_lines] == [
        ("Deltagare och målgrupper (personer)", ["30", "–", "–", "–"], "120"),
        ("Deltagare och målgrupper (organisationer)", ["–", "12", "–", "–"], "12"),
    ]
    # Every figure is summed: none ends outside the period or lacks a unit or a year.
    assert (f.reach_others, f.reach_others_note) == (0, "")
    assert [s.key for s in r.period.sources if not s.counted] == []


def test_a_reach_unit_only_the_previous_period_has_is_no_line_of_dashes(
    tmp_path: Path,
) -> None:
    """Delta reached 41 households in 2020 and no work of 2023-2026 reached any: the
    trends tables (which show no previous period) have no households line of "–" in every
    column; the comparison says it once, with the change."""
    delta = PROJECTS["delta"].replace(
        "        results:",
        "        reach:\n          - {count: 41, who: familjer, unit: households, year: 2020}\n"
        "        results:",
    )
    assert delta != PROJECTS["delta"]
    root = followup_repo(tmp_path / "r", {**PROJECTS, "delta": delta})
    f = build_followup(load_repository(root), 2023, 2026, today=TODAY)
    assert [line.label for line in f.reach_lines] == [
        "Deltagare och målgrupper (personer)",
        "Deltagare och målgrupper (organisationer)",
    ]
    reach = {row.key: row for row in f.comparison}["reach"]
    assert reach.previous is not None and reach.previous.values == ["41 hushåll"]
    assert reach.period.values == ["120 personer", "12 organisationer"]
    assert reach.change == ["−41 hushåll", "+120 personer", "+12 organisationer"]
    md = render(f, "md", root)
    assert isinstance(md, str)
    assert "(hushåll) |" not in md  # no line of its own
    assert "| Deltagare och målgrupper | 41 hushåll |" in md


def test_a_group_given_for_several_years_counts_once_in_the_period(tmp_path: Path) -> None:
    """The same staff reached in 2025 (26) and 2026 (31) are 31 people over the period,
    not 57; each year still counts its own figure, and another group is added."""
    beta = PROJECTS["beta"].replace(
        """          - {count: 12, who: skolor, unit: organisations, year: 2024}
          - {count: 40, who: lärare, unit: people, period: {start: 2024, end: 2025}}""",
        """          - {count: 26, who: personal, unit: people, year: 2025}
          - {count: 31, who: personal, unit: people, year: 2026}
          - {count: 31, who: personal, unit: organisations, year: 2026}
          - {count: 5, who: elever, unit: people, year: 2025}""",
    )
    assert beta != PROJECTS["beta"]
    root = followup_repo(tmp_path / "r", {**PROJECTS, "beta": beta})
    r = build_followup(load_repository(root), 2023, 2026, today=TODAY).reach
    # 2025: 26 staff and 5 pupils; 2026: 31 staff, and 31 of another unit (not the same group)
    assert years(r) == ["30 personer", "–", "31 personer", "31 personer, 31 organisationer"]
    assert r.period.totals == {"people": 30 + 50 + 31 + 5, "organisations": 31}
    (left,) = [s for s in r.period.sources if s.key == "beta#0"]
    assert not left.counted
    assert left.note.endswith("samma grupp räknas en gång för perioden, med sitt största antal")


def test_the_note_under_the_trends_says_why_each_reach_figure_is_left_out(
    tmp_path: Path,
) -> None:
    """The note counts the figures left out of the period's reach per reason, and names
    only the reasons that apply: a group counted once with its largest figure is not
    "without a unit or year", nor is it "shown per project" instead."""
    beta = PROJECTS["beta"].replace(
        """          - {count: 12, who: skolor, unit: organisations, year: 2024}
          - {count: 40, who: lärare, unit: people, period: {start: 2024, end: 2025}}""",
        """          - {count: 26, who: personal, unit: people, year: 2025}
          - {count: 31, who: personal, unit: people, year: 2026}""",
    )
    assert beta != PROJECTS["beta"]
    root = followup_repo(tmp_path / "same", {**PROJECTS, "beta": beta})
    f = build_followup(load_repository(root), 2023, 2026, today=TODAY)
    # Only beta's 26 staff of 2025 is left out: the same staff count 31 in 2026.
    assert f.reach_others == 1
    assert f.reach_others_note == (
        "1 uppgift räknas inte för perioden: samma grupp i samma projekt räknas en gång, med "
        "sitt största antal."
    )
    for fmt in ("md", "html"):
        text = render(f, fmt, root)
        assert isinstance(text, str)
        assert f.reach_others_note in text
        assert "enhet eller år saknas" not in text
    # Every reason once, and one twice: 7 parents (no unit), 9 heads (no year), 4 and 3
    # municipalities of 2026-2027 (they end after the period), beside the staff.
    more = beta.replace(
        "          - {count: 31, who: personal, unit: people, year: 2026}",
        """          - {count: 31, who: personal, unit: people, year: 2026}
          - {count: 7, who: föräldrar, year: 2025}
          - {count: 9, who: rektorer, unit: people}
          - {count: 4, who: kommuner, unit: organisations, period: {start: 2026, end: 2027}}
          - {count: 3, who: regioner, unit: organisations, period: {start: 2026, end: 2027}}""",
    )
    root = followup_repo(tmp_path / "all", {**PROJECTS, "beta": more})
    f = build_followup(load_repository(root), 2023, 2026, today=TODAY)
    assert f.reach_others == 5
    assert f.reach_others_note == (
        "1 uppgift räknas inte för perioden: samma grupp i samma projekt räknas en gång, med "
        "sitt största antal. "
        "1 uppgift summeras inte eftersom den inte anger vad som räknas (enhet saknas); den "
        "står per projekt i årens sammanställningar. "
        "1 uppgift summeras inte eftersom år eller period saknas; den står per projekt i årens "
        "sammanställningar. "
        "2 uppgifter slutar utanför perioden och räknas i den period där de slutar."
    )
    en = build_followup(load_repository(root), 2023, 2026, today=TODAY, lang="en")
    assert en.reach_others_note == (
        "1 figure is not added for the period: the same group in the same project counts "
        "once, with its largest figure. "
        "1 figure is not added up because it does not say what it counts (no unit); the "
        "annual summaries show it per project. "
        "1 figure is not added up because it gives no year or period; the annual summaries "
        "show it per project. "
        "2 figures end outside the period and count in the period they end in."
    )


def test_funding_without_an_application_is_named_under_the_table(tmp_path: Path) -> None:
    """A grant written only under `funding:` has no year of decision and is in no figure;
    the follow-up says how many such projects there are, so the total is not read as all
    the money there was. Funding of the organisation's own (`own`) is not such a grant."""
    plain = build_followup(load_repository(followup_repo(tmp_path / "none")), 2023, 2026,
                           today=TODAY)  # fmt: skip
    assert plain.funding.unrecorded == ""
    iota = """\
        id: iota
        title: Iota
        status: completed
        owner: kommunledning
        period: {start: 2021, end: 2024}
        funding: [{funder: icld, amount: {value: 300000, currency: SEK}}]
        """
    kappa = iota.replace("iota", "kappa").replace("funder: icld", "funder: own")
    root = followup_repo(tmp_path / "r", {**PROJECTS, "iota": iota, "kappa": kappa})
    f = build_followup(load_repository(root), 2023, 2026, today=TODAY)
    assert f.funding.unrecorded == (
        "Därtill har 1 projekt i perioden extern finansiering utan ansökan med beslut "
        "(1 i föregående period); den räknas inte ovan, eftersom beslutsåret saknas."
    )
    assert f.funding.total.period.values == plain.funding.total.period.values  # not counted


def test_results_and_travel(f: Followup) -> None:
    r = rows(f)
    # Results: modell 2023-05 (implemented), rapport 2025-03, rutin 2026-02 (implemented).
    assert (years(r["results"]), r["results"].period.value) == (["1", "0", "1", "1"], "3")
    assert (years(r["implemented"]), r["implemented"].period.value) == (
        ["1", "0", "0", "1"],
        "2",
    )
    assert [i.title for i in f.implemented] == ["Modell", "Ny rutin"]
    # Trips: 2023-04 DK (2, flight, compensated), 2024-05 NO (4, flight, not compensated),
    # 2026-03 NO (1, flight, compensated); 2022-09 is the previous period.
    assert f.travel is not None
    travel = {row.key: row for row in f.travel.rows}
    assert years(travel["trips"]) == ["1", "1", "0", "1"]
    assert (years(travel["travellers"]), travel["travellers"].period.value) == (
        ["2", "4", "0", "1"],
        "7",
    )
    assert years(travel["flights"]) == ["1", "1", "0", "1"]
    assert years(travel["compensated"]) == ["1", "0", "0", "1"]
    assert years(travel["compensated_share"]) == [f"100{NB}%", f"0{NB}%", "–", f"100{NB}%"]
    assert travel["compensated_share"].period.value == f"67{NB}%"
    assert (
        f.travel.intro == "Enligt Sjöbys internationella strategi ska flygresor klimatkompenseras."
    )


def test_forms_and_areas_with_the_inactive_flagged(f: Followup) -> None:
    forms = {a.id: a for a in f.forms.areas}
    # Extern finansiering: alpha (2023, ended) and eta (2025, started and ended); gamma
    # and epsilon were applications only.
    ext = forms["extern-finansiering"]
    assert (years(ext.running), years(ext.started), years(ext.ended)) == (
        ["1", "0", "1", "0"],
        ["0", "0", "1", "0"],
        ["1", "0", "1", "0"],
    )
    assert [w.id for w in ext.work] == ["alpha", "eta"]
    assert years(forms["samarbete"].running) == ["2", "1", "1", "1"]  # alpha, zeta
    assert years(forms["kompetensutveckling"].running) == ["0", "1", "2", "1"]  # beta, eta
    goals = {a.id: a for a in f.goals.areas}
    assert years(goals["tillvaxt"].running) == ["1", "0", "1", "0"]  # alpha, eta
    assert years(goals["kunskap"].running) == ["0", "1", "1", "1"]  # beta (delta is earlier)
    # Nothing under Livskvalitet in the period: flagged.
    assert not goals["livskvalitet"].active
    assert f.goals.inactive == ["Livskvalitet"]
    assert f.forms.inactive == []
    # Zeta names no strategic area: listed apart.
    assert f.goals.unassigned is not None
    assert [w.id for w in f.goals.unassigned.work] == ["zeta"]
    assert f.forms.unassigned is None


def test_funding_per_funder_per_resident_and_own(f: Followup) -> None:
    funding = f.funding
    by_funder = {row.label: row for row in funding.by_funder}
    assert list(by_funder) == ["Erasmus+", "ICLD"]  # Nordplus granted nothing
    assert years(by_funder["ICLD"]) == ["–", f"700{NB}000{NB}kr", "–", "–"]
    assert by_funder["Erasmus+"].period.value == f"150{NB}000{NB}€"
    # Erasmus+ in 2019-2022: delta 80 000 € (2019) and alpha 100 000 € (2021).
    assert by_funder["Erasmus+"].previous is not None
    assert by_funder["Erasmus+"].previous.value == f"180{NB}000{NB}€"
    assert funding.eu.period.value == f"150{NB}000{NB}€"
    # 20 000 residents: 150 000 € / 20 000 = 7,50 €; 700 000 kr / 20 000 = 35,00 kr.
    assert funding.population == f"20{NB}000 invånare"
    assert funding.per_resident == [f"7,50{NB}€", f"35,00{NB}kr"]
    assert funding.eu_per_resident == [f"7,50{NB}€"]
    # Own: zeta's 10 000 kr in cash, eta's staff time (delta and theta did not run).
    assert funding.own.period.value == f"10{NB}000{NB}kr"
    # One sentence: the first note begins it.
    assert funding.own_notes == [f"Egna medel: 10{NB}000{NB}kr", "egen personaltid i 1 projekt"]


def test_partners_active_new_and_dormant(f: Followup) -> None:
    p = f.partners
    assert [(i.name, i.years, i.new) for i in p.active] == [
        ("Kolding Kommune", "2023–2026", False),  # partner since 2015, zeta since 2020
        ("Hamar kommune", "2024–2026", True),  # first work: beta, 2024
    ]
    assert p.new.period.value == "1"
    # Tartu's last work was delta (2021); Gdynia never had any; Riga's partnership ended
    # in 2022, so it is over, not dormant.
    assert [(i.name, i.last_active) for i in p.dormant_items] == [
        ("Tartu linn", "2021"),
        ("Gdynia", ""),
    ]
    assert p.dormant.period.value == "2"
    assert [c.name for c in p.countries] == ["Danmark", "Norge"]


LNU = "id: lnu\nname: Linnéuniversitetet\ntype: university\ncountry: SE\n"


def _with_a_swedish_partner(root: Path, config: str = CONFIG) -> Followup:
    """Sjöby with Linnéuniversitetet (SE) in alpha (2021-2023) and delta (2019-2021)."""
    projects = {
        **PROJECTS,
        "alpha": PROJECTS["alpha"].replace("partners: [kolding]", "partners: [kolding, lnu]"),
        "delta": PROJECTS["delta"].replace("partners: [tartu]", "partners: [tartu, lnu]"),
    }
    followup_repo(root, projects)
    build_repo(root, {"intstrat.yaml": config, "data/partners/lnu.yaml": LNU}, defaults=False)
    return build_followup(load_repository(root), 2023, 2026, today=TODAY)


def test_the_organisations_own_country_is_no_country_of_its_work(tmp_path: Path) -> None:
    """A Swedish university is a partner of Sjöby's work, but Sweden (organisation.country,
    SE when not given) is not a country of its international work."""
    f = _with_a_swedish_partner(tmp_path / "se")
    r = rows(f)
    # Partners 2023: kolding and lnu (alpha), kolding (zeta); the period adds hamar.
    assert (years(r["partners"]), r["partners"].period.value) == (["2", "2", "2", "2"], "3")
    assert "Linnéuniversitetet" in [p.name for p in f.partners.active]
    # Countries 2023: DK (not SE); 2024-2026 DK and NO; the period DK and NO.
    assert (years(r["countries"]), keys(r["countries"].period)) == (
        ["1", "2", "2", "2"],
        {"DK", "NO"},
    )
    # 2019-2022: delta's tartu (EE) and lnu, alpha's and zeta's kolding (DK): 2, not 3.
    previous = r["countries"].previous
    assert previous is not None and (previous.value, keys(previous)) == ("2", {"DK", "EE"})
    assert r["countries"].change == ["±0"]
    # --explain lists the Swedish partner as not counted, and why.
    (home,) = [s for s in previous.sources if not s.counted]
    assert (home.key, home.text, home.note) == (
        "SE",
        "Sverige",
        "Linnéuniversitetet: det egna landet räknas inte",
    )
    assert r["countries"].rule == (
        "Olika länder bland årets partner, utom det egna landet (Sverige); perioden räknar "
        "varje land en gång."
    )
    assert [c.name for c in f.partners.countries] == ["Danmark", "Norge"]
    md = render(f, "md", tmp_path / "se")
    assert isinstance(md, str)
    assert "**Länder:** Danmark, Norge\n" in md


def test_the_own_country_is_the_one_intstrat_yaml_names(tmp_path: Path) -> None:
    """Sjöby placed in Denmark: Kolding is at home, the Swedish university abroad."""
    config = CONFIG.replace("population: 20000}", "population: 20000, country: DK}")
    assert config != CONFIG
    f = _with_a_swedish_partner(tmp_path / "dk", config)
    r = rows(f)
    # 2023 SE (lnu in alpha); 2024-2026 NO (beta, eta); the period SE and NO.
    assert (years(r["countries"]), keys(r["countries"].period)) == (
        ["1", "1", "1", "1"],
        {"SE", "NO"},
    )
    assert "(Danmark)" in r["countries"].rule
    assert [c.name for c in f.partners.countries] == ["Norge", "Sverige"]
    en = build_followup(load_repository(tmp_path / "dk"), 2023, 2026, today=TODAY, lang="en")
    assert {row.key: row for row in en.figures()}["countries"].rule == (
        "Distinct countries of the year's partners, except the organisation's own country "
        "(Denmark); the period counts each country once."
    )


def test_new_and_dormant_partners_of_the_previous_period(f: Followup) -> None:
    r = {row.key: row for row in f.comparison}
    new, dormant = r["new_partners"], r["dormant_partners"]
    # 2019-2022: Tartu's first work was delta (2019); Kolding was a partner since 2015.
    assert new.previous is not None and new.previous.value == "1"
    assert [s.key for s in new.previous.sources] == ["tartu"]
    assert (new.period.value, new.change) == ("1", ["±0"])  # Hamar, 2024
    # At the end of 2022 (no work in 2021-2022 makes a partner dormant): Gdynia, with no
    # work ever and no `since`, is; Hamar is not: without a `since` its partnership begins
    # with its first work (beta, 2024), so it was no partner yet, dormant or not. Tartu
    # worked in 2021; Riga's partnership ended in 2022.
    assert dormant.previous is not None and dormant.previous.value == "1"
    assert [s.key for s in dormant.previous.sources] == ["gdynia"]
    assert dormant.change == ["+1"]


def test_comparison_with_the_previous_period(f: Followup) -> None:
    # Delta starts in 2019, so the data reaches back to 2019-2022.
    assert f.previous_label == "2019–2022"
    r = {row.key: row for row in f.comparison}
    # 2019-2022 ran delta, alpha (from 2021) and zeta (from 2020); all three started then.
    assert r["running"].previous is not None and r["running"].previous.value == "3"
    assert r["running"].change == ["+1"]
    assert r["started"].change == ["−1"]
    # Decisions 2019-2022: delta (2019) and alpha (2021), both granted: 100 % -> 75 %.
    assert r["success"].change == ["−25 procentenheter"]
    assert r["granted_amount"].change == [f"−30{NB}000{NB}€", f"+700{NB}000{NB}kr"]
    # No reach figure of 2019-2022's work lies inside 2019-2022.
    assert r["reach"].previous is not None and r["reach"].previous.value == "–"
    # The chart's history, year by year: 2019 delta; 2020 delta, zeta; 2021 delta, zeta,
    # alpha; 2022 zeta, alpha (delta ended in 2021).
    assert [c.value for c in r["running"].history] == ["1", "2", "3", "2"]


def test_no_comparison_when_the_data_starts_later(tmp_path: Path) -> None:
    later = {k: v for k, v in PROJECTS.items() if k != "delta"}
    # Without delta, the earliest date is alpha's application of 2020-11: not 2019.
    built = build_followup(load_repository(followup_repo(tmp_path, later)), 2023, 2026)
    assert built.previous_label == ""
    assert built.comparison == []
    assert "comparison" not in built.sections
    assert all(row.previous is None and row.change == [] for row in built.figures())


# ---------------------------------------------------------------------- --as-of


def test_as_of_uses_only_what_was_known_then(repo: Repository) -> None:
    f = build_followup(repo, 2023, 2026, as_of=dt.date(2025, 6, 30), today=TODAY)
    r = rows(f)
    # 2026 had not begun: nothing known.
    assert [c.known for c in r["running"].years] == [True, True, True, False]
    assert years(r["running"]) == ["2", "2", "3", "–"]
    # Eta (2025-01..2025-12) was running then, not ended.
    assert (years(r["ended"]), r["ended"].period.value) == (["1", "0", "0", "–"], "1")
    # Theta and epsilon were submitted in 2026: not yet.
    assert r["submitted"].period.value == "3"
    assert r["granted"].period.value == "2"
    # Beta's 40 teachers of 2024-2025 were not reported before 2025 was over; alpha's 30
    # of 2023 and 50 of 2021-2023 were.
    assert f.reach.period.values == ["80 personer", "12 organisationer"]
    # Rutin (2026-02) did not exist; rapport (2025-03) did.
    assert years(r["results"]) == ["1", "0", "1", "–"]
    assert f.basis == [
        "Underlaget är läget 30 juni 2025: det som enligt posternas egna datum inte hade "
        "hänt då räknas inte (senare beslut räknas som väntande, senare resultat och resor "
        "finns inte)."
    ]
    assert f.unknown_note == "Efter 30 juni 2025 var inget känt än; de åren står tomma."


def test_as_of_a_decision_after_the_day_is_pending(repo: Repository) -> None:
    # Theta was submitted in February 2026 and granted on 15 June 2026.
    before = build_followup(repo, 2023, 2026, as_of=dt.date(2026, 6, 14))
    after = build_followup(repo, 2023, 2026, as_of=dt.date(2026, 6, 15))
    assert years(rows(before)["submitted"])[3] == "1"  # theta; epsilon came in September
    assert years(rows(before)["granted"])[3] == "0"
    assert years(rows(after)["granted"])[3] == "1"


# ---------------------------------------------------------------------- --explain


def test_explain_lists_each_years_records_with_lines(root: Path) -> None:
    result = runner.invoke(app, ["followup", "2023-2026", "--explain", "--repo", str(root)])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("Uppföljning 2023–2026 – varifrån siffrorna kommer\n")
    block = re.search(r"^Beviljade \(beslutsår\)\n(.*?)\n\n", text, re.M | re.S)
    assert block is not None
    lines = block.group(1).splitlines()
    assert lines[1] == "2023: 0"
    assert lines[3] == "2024: 2"
    # beta's decision date is line 11 of its file; eta has no date, so its outcome (line 11).
    assert re.fullmatch(r"\s+1\. data/projects/beta\.yaml:11\s+Beta – inlämnad 1 oktober "
                        r"2023; beviljad 2024", lines[4])  # fmt: skip
    assert re.fullmatch(r"\s+2\. data/projects/eta\.yaml:11\s+Eta – inlämnad 1 november "
                        r"2024; beviljad \(beslutsdatum saknas\)", lines[5])  # fmt: skip
    assert "2023–2026: 3 (posterna under åren ovan, var och en en gång)" in lines
    # The period's reach has its own records: alpha's second figure (line 18), for
    # 2021-2023, ends inside 2023-2026 and counts there, and not in 2019-2022.
    reach = re.search(r"^Deltagare och målgrupper\n(.*?)\n\n", text, re.M | re.S)
    assert reach is not None
    period, previous = reach.group(1).split("2019–2022 (föregående period)")
    assert "2023–2026: 120 personer, 12 organisationer" in period
    assert re.search(r"2\. data/projects/alpha\.yaml:18\s+Alfa – 50 deltagare totalt, "
                     r"mars.2021.– juni.2023\n", period)  # fmt: skip
    assert re.search(r"data/projects/alpha\.yaml:18\s+Alfa – 50 deltagare totalt, "
                     r".*: slutar utanför perioden", previous)  # fmt: skip


def test_explain_json_has_every_figure_with_lines(root: Path) -> None:
    args = ["followup", "2023-2026", "--explain", "--json", "--repo", str(root)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    figures = {fig["key"]: fig for fig in data["figures"]}
    assert (data["first"], data["last"], data["previous"]) == (2023, 2026, "2019–2022")
    amount = figures["granted_amount"]["years"]["2024"]
    assert amount["totals"] == {"SEK": 700000}
    assert [(s["path"], s["line"], s["amount"]) for s in amount["sources"]] == [
        ("data/projects/beta.yaml", 10, 500000),
        ("data/projects/eta.yaml", 10, 200000),
    ]
    assert figures["dormant_partners"]["period"]["value"] == "2"
    assert {s["key"] for s in figures["dormant_partners"]["period"]["sources"]} == {
        "tartu",
        "gdynia",
    }
    assert "goals:livskvalitet:running" in figures


# ---------------------------------------------------------------------- documents


def test_markdown_and_html(f: Followup, root: Path) -> None:
    md = render(f, "md", root)
    assert isinstance(md, str)
    assert md.startswith("# Internationellt arbete 2023–2026\n")
    assert "| Pågående arbete | 2 | 2 | 3 | 2 | **4** |" in md
    assert "**Livskvalitet**: Ingen verksamhet under perioden" in md
    assert "**Utan verksamhet under perioden: Livskvalitet.**" in md
    html = render(f, "html", root)
    assert isinstance(html, str)
    assert html.count("<svg ") == 4  # trends, funding, strategic areas, SDGs
    assert 'aria-label="Diagram: beviljad extern finansiering per finansiär, 2023–2026"' in html
    assert "Ingen verksamhet under perioden" in html


LEGEND = "– betyder att det inte finns något att summera"
COUNTING = "Per år summeras uppgifter som anger vad som räknas"


def test_the_trend_tables_notes_come_under_it_in_every_format(f: Followup, root: Path) -> None:
    """The legend of "–" explains the table, so it follows the table, as does how reach
    is counted: above it, the legend read as a stray line under the chart."""
    md = render(f, "md", root)
    html = render(f, "html", root)
    assert isinstance(md, str) and isinstance(html, str)
    md_section = md[md.index("## Utvecklingen år för år") :]
    before = md_section[: md_section.index(LEGEND)].rstrip()
    assert before.splitlines()[-1].startswith("| ")  # the table's last row
    assert md_section.index(LEGEND) < md_section.index(COUNTING)
    html_section = html[html.index(">Utvecklingen år för år<") :]
    before = html_section[: html_section.index(LEGEND)]
    assert before.endswith('</table></div>\n  <p class="note">')
    assert html_section.index(LEGEND) < html_section.index(COUNTING)


def test_word_keeps_the_trend_tables_notes_under_its_last_rows(f: Followup, root: Path) -> None:
    from io import BytesIO

    from docx import Document
    from docx.text.paragraph import Paragraph

    data = render(f, "docx", root)
    assert isinstance(data, bytes)
    document = Document(BytesIO(data))
    table = next(t for t in document.tables if t.rows[1].cells[0].text == "VERKSAMHET")
    legend = Paragraph(table._tbl.getnext(), document.part)
    counting = Paragraph(legend._p.getnext(), document.part)
    assert legend.text.startswith(LEGEND)
    assert counting.text.startswith(COUNTING)
    assert [p.text for p in document.paragraphs].count(legend.text) == 1  # not above too

    def kept(row: Any) -> bool:
        return all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)

    # The last two rows go to the next page with the notes rather than leave them alone;
    # the legend stays with the counting rules, and neither breaks across pages.
    assert kept(table.rows[-1]) and kept(table.rows[-2])
    assert legend.paragraph_format.keep_with_next
    assert legend.paragraph_format.keep_together and counting.paragraph_format.keep_together
    # A group's caption (VERKSAMHET) is never the last row on a page.
    captions = [r for r in table.rows[1:] if r.cells[0].text.isupper()]
    assert [r.cells[0].text for r in captions] == [
        "VERKSAMHET",
        "ANSÖKNINGAR OCH BESLUT",
        "RÄCKVIDD",  # as in the HTML, the Markdown and the key figures
        "RESULTAT",
    ]
    assert all(kept(r) for r in captions)


def test_word_keeps_the_lines_under_a_heading_with_what_follows(f: Followup, root: Path) -> None:
    """Between the heading of the strategic areas and its chart stand the intro and the
    areas without work; neither may be the line a page ends on."""
    from io import BytesIO

    from docx import Document

    data = render(f, "docx", root)
    assert isinstance(data, bytes)
    paragraphs = Document(BytesIO(data)).paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == "Strategiska områden")
    heading, intro, inactive = paragraphs[start : start + 3]
    # The chart joins the last of them (LibreOffice keeps no paragraph with a picture's).
    assert inactive.text == "Utan verksamhet under perioden: Livskvalitet.\n"
    assert inactive._p.xpath(".//pic:pic")
    assert inactive.paragraph_format.keep_together
    assert all(p.paragraph_format.keep_with_next for p in (heading, intro, inactive))


def test_english(repo: Repository, root: Path) -> None:
    f = build_followup(repo, 2023, 2026, lang="en")
    assert (f.title, f.subtitle) == (
        "International work 2023–2026",
        "Follow-up of the term of office",
    )
    md = render(f, "md", root)
    assert isinstance(md, str)
    assert "| Work running | 2 | 2 | 3 | 2 | **4** |" in md
    assert f.funding.per_resident == ["€7.50", f"SEK{NB}35.00"]


def test_record_text_is_escaped(tmp_path: Path) -> None:
    hostile = PROJECTS["zeta"].replace(
        "title: Zeta-nätverket", "title: '<script>alert(1)</script> | **fet**'"
    )
    root = followup_repo(tmp_path, {**PROJECTS, "zeta": hostile})
    f = build_followup(load_repository(root), 2023, 2026)
    html = render(f, "html", root)
    assert isinstance(html, str)
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    md = render(f, "md", root)
    assert isinstance(md, str)
    assert "<script>" not in md and "\\*\\*fet\\*\\*" in md


def test_a_repository_without_travel_forms_or_goals(tmp_path: Path) -> None:
    root = build_repo(tmp_path)  # Testby: one project of 2018-2021, no trips
    f = build_followup(load_repository(root), 2019, 2022)
    assert f.travel is None
    assert "travel" not in f.sections
    assert f.subtitle == "Uppföljning över mandatperioden"
    plain = build_repo(
        tmp_path / "plain", {"intstrat.yaml": "format: 1\norganisation: {name: X}\n"}
    )
    g = build_followup(load_repository(plain), 2019, 2021)
    assert "forms" not in g.sections and "goals" not in g.sections
    assert g.subtitle == "Uppföljning över perioden"
    assert g.funding.per_resident == [] and g.funding.population == ""


# ---------------------------------------------------------------------- the annual summaries


def _report_totals(figure: Figure) -> dict[str, float]:
    totals: dict[str, float] = {}
    for s in figure.sources:
        if s.counted and s.amount is not None:
            totals[s.measure] = totals.get(s.measure, 0) + s.amount
    return totals


def test_the_follow_up_and_the_annual_summaries_agree_on_the_example_data() -> None:
    """Every per-year figure of the example 2023-2026 follow-up is the annual summary's."""
    repo = load_repository(ROOT)
    f = build_followup(repo, 2023, 2026, today=TODAY)
    r = rows(f)
    travel = {row.key: row for row in f.travel.rows} if f.travel else {}
    for i, year in enumerate(range(2023, 2027)):
        report = build_report(repo, year, today=TODAY)
        k = {fig.key: fig for fig in report.key_figures}

        def counted(key: str, tag: str | None = None, *, k: dict[str, Figure] = k) -> set[str]:
            return {s.key for s in k[key].sources if s.counted and (tag is None or tag in s.tags)}

        assert keys(r["running"].years[i]) == counted("projects"), year
        assert r["running"].years[i].value == k["projects"].value, year
        assert keys(r["ended"].years[i]) == counted("projects", "varav avslutade under året")
        assert keys(r["partners"].years[i]) == counted("partners"), year
        assert r["countries"].years[i].value == k["countries"].value, year
        assert r["units"].years[i].value == k["units"].value, year
        assert f"{r['sdgs'].years[i].value} / 17" == k["sdgs"].value, year
        assert keys(r["submitted"].years[i]) == counted("applications"), year
        assert keys(r["granted"].years[i]) == counted("decisions", "beviljad"), year
        assert keys(r["rejected"].years[i]) == counted("decisions", "avslag"), year
        assert r["granted_amount"].years[i].totals == _report_totals(k["granted"]), year
        if r["granted_amount"].years[i].totals:
            assert r["granted_amount"].years[i].values == k["granted"].values, year
        assert f.reach.years[i].totals == _report_totals(k["reach"]), year
        if f.reach.years[i].totals:
            assert f.reach.years[i].values == k["reach"].values, year
        assert keys(r["results"].years[i]) == counted("results"), year
        assert keys(r["implemented"].years[i]) == counted("results", "varav implementerade")
        assert keys(travel["trips"].years[i]) == counted("trips"), year
        assert travel["travellers"].years[i].value == str(report.travel.travellers), year
        assert travel["flights"].years[i].value == str(report.travel.flights), year
        assert travel["compensated"].years[i].value == str(report.travel.compensated), year
    # And the sums across the years are the period's where each thing counts once a year.
    for key in ("started", "ended", "submitted", "granted", "rejected", "results"):
        assert sum(c.totals[""] for c in r[key].years) == r[key].period.totals[""], key


# ---------------------------------------------------------------------- --rev


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """A git repository: commit 1 (tag v2025) without theta, commit 2 with it."""
    root = followup_repo(tmp_path / "data", {k: v for k, v in PROJECTS.items() if k != "theta"})
    _git(root, "init", "-q", "-b", "main")
    _git(root, "config", "user.email", "test@example.se")
    _git(root, "config", "user.name", "Test")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "2025", "--date", "2025-12-31T12:00:00")
    _git(root, "tag", "v2025")
    followup_repo(root)  # adds theta (granted June 2026)
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "2026")
    return root


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_rev_renders_from_the_committed_data(history: Path) -> None:
    (history / "data/projects/zeta.yaml").write_text("id: zeta\nstatus: nonsense\n")  # uncommitted
    args = ["followup", "2023-2026", "--repo", str(history), "--allow-errors"]
    now = runner.invoke(app, [*args, "--explain", "--json"])
    assert now.exit_code == 0, now.output
    old = runner.invoke(app, ["followup", "2023-2026", "--repo", str(history), "--rev", "v2025",
                              "--explain", "--json"])  # fmt: skip
    assert old.exit_code == 0, old.output
    figures = {fig["key"]: fig for fig in json.loads(old.stdout)["figures"]}
    # At v2025 theta did not exist: nothing granted in 2026, and zeta is still valid.
    assert figures["granted"]["years"]["2026"]["value"] == "0"
    assert "zeta" in {s["key"] for s in figures["running"]["period"]["sources"]}
    assert json.loads(old.stdout)["basis"][0].startswith(
        "Underlaget är dataförrådet i versionen v2025 (commit "
    )
    # The working tree is as it was: the uncommitted change is still there.
    assert (history / "data/projects/zeta.yaml").read_text() == "id: zeta\nstatus: nonsense\n"
    head = runner.invoke(app, ["followup", "2023-2026", "--repo", str(history), "--rev", "HEAD",
                               "--explain", "--json"])  # fmt: skip
    assert {f["key"]: f for f in json.loads(head.stdout)["figures"]}["granted"]["years"]["2026"][
        "value"
    ] == "1"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_rev_of_a_data_repository_in_a_subfolder(tmp_path: Path) -> None:
    outer = tmp_path / "outer"
    root = followup_repo(outer / "international")
    _git(outer, "init", "-q")
    _git(outer, "-c", "user.email=t@example.se", "-c", "user.name=T", "add", "-A")
    _git(outer, "-c", "user.email=t@example.se", "-c", "user.name=T", "commit", "-q", "-m", "x")
    result = runner.invoke(app, ["followup", "2023-2026", "--repo", str(root), "--rev", "HEAD"])
    assert result.exit_code == 0, result.output
    assert "| Pågående arbete | 2 | 2 | 3 | 2 | **4** |" in result.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize(
    ("rev", "message"),
    [
        ("v2030", "there is no revision 'v2030' in the git repository at"),
        ("--output=x", "'--output=x' is not a git revision"),
    ],
)
def test_rev_errors(history: Path, rev: str, message: str) -> None:
    result = runner.invoke(app, ["followup", "2023-2026", "--repo", str(history), f"--rev={rev}"])
    assert result.exit_code == 2
    assert message in result.stderr


def test_rev_outside_git_and_without_git(root: Path, tmp_path: Path) -> None:
    alone = followup_repo(tmp_path / "alone")
    result = runner.invoke(app, ["followup", "2023-2026", "--repo", str(alone), "--rev", "v1"],
                           env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})  # fmt: skip
    assert result.exit_code == 2
    assert "is not in a git repository; leave out --rev, or run 'git init'" in result.stderr
    assert "fatal" not in result.stderr  # git's own English is not repeated after it
    empty = tmp_path / "bin"
    empty.mkdir()
    result = runner.invoke(app, ["followup", "2023-2026", "--repo", str(alone), "--rev", "v1"],
                           env={"PATH": str(empty)})  # fmt: skip
    assert result.exit_code == 2
    assert "--rev reads the data with git, which is not installed" in result.stderr


def test_rev_in_a_repository_git_will_not_read_says_what_git_advises(
    history: Path, tmp_path: Path
) -> None:
    """A repository owned by another user (a CI container's checkout): git refuses it, and
    its advice (the safe.directory line) is passed on, not 'not in a git repository'."""
    import os

    try:
        os.chown(history, 65534, 65534)
    except PermissionError:
        pytest.skip("only root can give the repository to another user")
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "XDG_CONFIG_HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1"}
    result = runner.invoke(
        app, ["followup", "2023-2026", "--repo", str(history), "--rev", "v1"], env=env
    )
    assert result.exit_code == 2
    assert (
        f"--rev: git will not read the repository at {history}, since another user owns it; "
        f"if you trust it, run: git config --global --add safe.directory {history}"
    ) in " ".join(result.stderr.split())
    assert "fatal" not in result.stderr  # git's English is not repeated after it
    assert "is not in a git repository" not in result.stderr


# ---------------------------------------------------------------------- the command line


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["2026-2023"], "the period 2026-2023 ends before it starts; write 2023-2026"),
        (["2023"], "'2023' is not a period; write the first and last year: 2023-2026"),
        (["2023-2026", "--from", "2023"], "give the period either as 2023-2026 or with --from"),
        ([], "which period? e.g. intstrat followup 2023-2026"),
        (["2000-2026"], "a follow-up covers at most 12 years"),
        (["2023-2026", "--as-of", "31/12/2026"], "--as-of 31/12/2026: write a day like"),
        (["2023-2026", "--as-of", "2026-06-31"], "--as-of: '2026-06-31': June 2026 has 30 days"),
        (["2023-2026", "--json"], "--json goes with --explain"),
        (["2023-2026", "--explain", "-f", "pdf"], "--explain prints text"),
        (["2023-2026", "--explain", "-o", "f.xlsx"], "--explain writes text, not a document"),
    ],
)
def test_usage_errors_exit_2(root: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["followup", *args, "--repo", str(root)])
    assert result.exit_code == 2, result.output
    assert message in result.stderr


def test_from_alone_is_a_mandate_period_and_files_go_to_out(root: Path) -> None:
    result = runner.invoke(app, ["followup", "--from", "2023", "-f", "pdf", "--repo", str(root)])
    assert result.exit_code == 0, result.output
    pdf = root / "out" / "uppfoljning-2023-2026.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert (
        "wrote out/uppfoljning-2023-2026.pdf" in result.stderr
        or "uppfoljning-2023-2026.pdf" in result.stderr
    )


def test_data_errors_exit_1_unless_allowed(tmp_path: Path) -> None:
    root = followup_repo(tmp_path, {**PROJECTS, "trasig": "id: trasig\nstatus: nonsense\n"})
    result = runner.invoke(app, ["followup", "2023-2026", "--repo", str(root)])
    assert result.exit_code == 1
    assert "data/projects/trasig.yaml" in result.stderr
    allowed = runner.invoke(app, ["followup", "2023-2026", "--repo", str(root), "--allow-errors"])
    assert allowed.exit_code == 0
    assert "| Pågående arbete | 2 | 2 | 3 | 2 | **4** |" in allowed.stdout


def test_word(f: Followup, root: Path) -> None:
    from io import BytesIO

    from docx import Document

    data = render(f, "docx", root)
    assert isinstance(data, bytes)
    document = Document(BytesIO(data))
    headings = [
        p.text for p in document.paragraphs if p.style and p.style.name.startswith("Heading")
    ]
    assert "Utvecklingen år för år" in headings
    assert "Jämfört med föregående period" in headings
    rows = {
        tuple(cell.text for cell in row.cells) for table in document.tables for row in table.rows
    }
    assert ("Pågående arbete", "2", "2", "3", "2", "4") in rows
    assert ("Livskvalitet", "", "", "", "", "Ingen verksamhet under perioden") in rows
    assert len(document.inline_shapes) == 4  # trends, funding, strategic areas, SDGs
    core = document.core_properties
    assert core.language == "sv-SE"
    assert core.title == "Internationellt arbete 2023–2026 – Sjöby kommun"
    assert core.author == core.last_modified_by == "Sjöby kommun"
    assert core.comments == ""  # not "generated by python-docx"
    assert core.created == core.modified and core.created.year > 2013


class _Tables(HTMLParser):
    """The cells of an HTML page's tables, by the table's class: rows of texts, with a
    line break (<br>) as "\n"."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.table: list[list[str]] | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.table = self.tables.setdefault(dict(attrs).get("class") or "", [])
        elif tag == "tr" and self.table is not None:
            self.table.append([])
        elif tag in ("th", "td") and self.table is not None:
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self.table is not None and self.cell is not None:
            self.table[-1].append("".join(self.cell).strip())
            self.cell = None
        elif tag == "table":
            self.table = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def test_word_shows_the_funding_table_of_the_html(f: Followup, root: Path) -> None:
    """Every format shows the same figures: Word's funding table had no column for the
    previous period (2019-2022), which the HTML and PDF have."""
    from io import BytesIO

    from docx import Document

    html = render(f, "html", root)
    assert isinstance(html, str)
    parser = _Tables()
    parser.feed(html)
    shown = [row for row in parser.tables["years funding"] if len(row) > 1]
    data = render(f, "docx", root)
    assert isinstance(data, bytes)
    document = Document(BytesIO(data))
    (table,) = [t for t in document.tables if t.rows[0].cells[0].text == "Finansiär"]
    word = [[cell.text for cell in row.cells] for row in table.rows]
    assert word == shown
    # By hand: Erasmus+ granted 180 000 € in 2019-2022 (delta and alpha), 150 000 € in 2026
    # (theta); ICLD 700 000 kr in 2024 (beta and eta).
    assert word[0] == ["Finansiär", "2019–2022", "2023", "2024", "2025", "2026", "2023–2026"]
    assert word[1] == ["Erasmus+", f"180{NB}000{NB}€", "–", "–", "–", f"150{NB}000{NB}€",
                       f"150{NB}000{NB}€"]  # fmt: skip
    assert word[2] == ["ICLD", "–", "–", f"700{NB}000{NB}kr", "–", "–", f"700{NB}000{NB}kr"]


def test_rev_with_a_link_out_of_the_repository_says_which_file(history: Path) -> None:
    """A committed link to /etc/passwd stopped the revision's unpacking with tarfile's
    English ("... is a link to an absolute path"); the file is named in the user's words."""
    (history / "data/projects/leak.yaml").symlink_to("/etc/passwd")
    _git(history, "add", "-A")
    _git(history, "commit", "-q", "-m", "leak")
    result = runner.invoke(app, ["followup", "2023-2026", "--repo", str(history), "--rev", "HEAD"])
    assert result.exit_code == 2
    assert (
        "revision 'HEAD' holds data/projects/leak.yaml, a link or special file that leads out "
        "of the repository"
    ) in result.stderr
    assert "absolute path" not in result.stderr

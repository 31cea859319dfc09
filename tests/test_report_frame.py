"""A municipality with its own frame: Ljungby-like forms and areas, no travel rules,
several currencies, reach in mixed units. Every key figure computed by hand below."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from intstrat.checks.run import check
from intstrat.documents.render import render_text
from intstrat.documents.report import Figure, Report, build_report
from intstrat.formats import DocumentFormat as Format
from intstrat.loading.repository import load_repository
from tests.ljungby import CONFIG, ljungby_repo

NBSP = "\xa0"


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ljungby_repo(tmp_path_factory.mktemp("ljungby"))


def build(root: Path, year: int = 2023, **kwargs: object) -> Report:
    return build_report(load_repository(root), year, today=dt.date(2024, 3, 1), **kwargs)  # type: ignore[arg-type]


def figures(report: Report) -> dict[str, Figure]:
    return {f.key: f for f in report.key_figures}


def test_key_figures_by_hand(root: Path) -> None:
    f = figures(build(root))
    # Ran in 2023 (ongoing or completed, period overlapping 2023): skolutbyte,
    # gransregional-handel, interreg-turism (projects), natverk-kultur (network),
    # vanort-hamar and sprakcafe (activities). Not: the planned, applied and rejected
    # ones, nor gammalt (2019-2021). Finished in 2023: gransregional-handel (2023-03),
    # vanort-hamar (2023-09), sprakcafe (2023-05).
    assert (f["projects"].value, f["projects"].details) == (
        "6",
        ["3 projekt", "1 nätverk", "2 aktiviteter", "varav 3 avslutades under året"],
    )
    # kolding, hamar (skolutbyte); hamar (gransregional, vanort); kolding (turism);
    # tartu-ulikool (natverk): 3 partners, in DK, NO and EE.
    assert f["partners"].value == "3"
    assert f["countries"].value == "3"
    # barn-och-utbildning, kommunledning, ljungbybostader.
    assert f["units"].value == "3"
    # Submitted in 2023: sprakcafe (granted 2023-02-20), nordplus-larare (granted
    # 2023-05-10), erasmus-vuxen (rejected 2023-07-01), icld-forstudie (granted
    # 2024-02-01), digital-nordisk (pending).
    assert (f["applications"].value, f["applications"].details) == (
        "5",
        [
            "2 beviljades 2023",
            "1 avslogs 2023",
            "1 beviljades 2024",
            "1 väntar på beslut",
        ],
    )
    # Decided in 2023: the three above plus interreg-turism (submitted 2022, granted
    # 2023-03-15) and natverk-kultur (submitted 2022-12, granted 2023-02, no amount).
    assert (f["decisions"].label, f["decisions"].value, f["decisions"].details) == (
        "Beslut om ansökningar under 2023",
        "5",
        ["4 beviljades", "1 avslogs"],
    )
    # Granted by 2023 decisions: EUR 15 000 (nordplus-larare) + 180 000 (interreg-turism)
    # = 195 000; SEK 40 000 (sprakcafe); natverk-kultur has no amount. Never added up.
    assert f["granted"].values == [f"195{NBSP}000{NBSP}€", f"40{NBSP}000{NBSP}kr"]
    assert f["granted"].value == f"195{NBSP}000{NBSP}€, 40{NBSP}000{NBSP}kr"
    # gransregional-handel (Interreg, 2021-01..2023-03) has funding but no application.
    assert f["granted"].details == [
        "beviljade utan angivet belopp: 1",
        "därtill extern finansiering i 1 av årets projekt, som inte räknas här eftersom ingen "
        "ansökan med beslut är registrerad",
    ]
    (unrecorded,) = [s for s in f["granted"].sources if s.key == "gransregional-handel"]
    assert not unrecorded.counted
    assert unrecorded.note == (
        "finansiering från Interreg Öresund-Kattegat-Skagerrak utan ansökan: beslutsåret saknas, "
        "räknas inte"
    )
    # Reach of 2023: people 45 (skolutbyte, 2023) + 6 (vanort, 2023) + 40 (sprakcafe,
    # 2023-03..05) = 91; organisations 3 (skolutbyte, 2023) + 25 (gransregional,
    # 2023-01..03) = 28. Not summed: 120 pupils over 2022-08..2024-06, 4 "kommuner"
    # without a unit, 2 places without a year; gammalt did not run in 2023.
    assert f["reach"].values == ["91 personer", "28 organisationer"]
    assert f["reach"].details == [
        "därtill 120 personer i uppgifter som gäller flera år, däribland 2023",
        "2 uppgifter utan år eller enhet, eller för andra år, står vid sina projekt",
    ]
    # Results dated 2023: utbytesmodell (implemented), handelsrapport.
    assert (f["results"].value, f["results"].details) == ("2", ["varav 1 implementerade"])
    # SDGs of the year's work: 4; 8, 9; 11; 8, 11; 17; 4, 10 -> {4, 8, 9, 10, 11, 17}.
    assert f["sdgs"].value == "6 / 17"
    # Trips dated 2023: Kolding (April), Norway (October), Hamar (September).
    assert f["trips"].value == "3"


def test_english_figures_say_what_they_count(root: Path) -> None:
    f = figures(build(root, lang="en"))
    assert f["reach"].values == ["91 people", "28 organisations"]
    assert f["granted"].values == ["€195,000", f"SEK{NBSP}40,000"]
    assert f["applications"].details[2] == "1 granted in 2024"


def test_no_figure_means_not_reported_and_no_grant_is_not_zero(root: Path) -> None:
    f = figures(build(root, 2026))
    assert f["reach"].values == ["uppgift saknas"]
    assert f["granted"].values == ["inget beviljat"]
    assert f["applications"].value == "0"
    en = figures(build(root, 2026, lang="en"))
    assert (en["reach"].value, en["granted"].value) == ("not reported", "nothing granted")


def test_a_grant_without_amount_is_not_nothing(tmp_path: Path) -> None:
    root = ljungby_repo(tmp_path)
    # 2023-02: natverk-kultur was granted without an amount; 2022 has no other grant
    # decision with an amount except skolutbyte (EUR 60 000, decided 2022-07-01).
    (root / "data/projects/skolutbyte.yaml").unlink()
    f = figures(build(root, 2023))
    assert f["granted"].values == [f"195{NBSP}000{NBSP}€", f"40{NBSP}000{NBSP}kr"]
    for name in ("nordplus-larare", "interreg-turism", "sprakcafe"):
        (root / f"data/projects/{name}.yaml").unlink()
    f = figures(build(root, 2023))
    assert f["granted"].values == ["belopp saknas"]
    assert f["granted"].details[0] == "beviljade utan angivet belopp: 1"


def test_sections_by_the_repositorys_own_forms_and_areas(root: Path) -> None:
    report = build(root)
    forms = {a.name: [p.title for p in a.projects] for a in report.forms.areas}
    assert forms == {
        "Extern finansiering": [
            "Elevutbyte med Kolding och Hamar",
            "Gränsregional handel",
            "Hållbar turism i Småland och Jylland",
        ],
        "Kompetensutveckling": [],
        "Samarbete": [
            "Elevutbyte med Kolding och Hamar",
            "Gränsregional handel",
            "Hållbar turism i Småland och Jylland",
            "Nordiskt kulturnätverk",
            "Vänortsbesök i Hamar",
        ],
    }
    assert [p.title for p in report.forms.unassigned] == ["Språkcafé för nyanlända"]
    areas = {a.name: [p.title for p in a.projects] for a in report.goals.areas}
    assert areas == {
        "Tillväxt": ["Gränsregional handel", "Hållbar turism i Småland och Jylland"],
        "Kunskap": ["Elevutbyte med Kolding och Hamar"],
        "Livskvalitet": [
            "Hållbar turism i Småland och Jylland",
            "Nordiskt kulturnätverk",
            "Vänortsbesök i Hamar",
        ],
    }
    md = render_text(report, Format.MD, root)
    forms_md = re.search(r"^## Former för internationellt arbete\n(.*?)^## ", md, re.M | re.S)
    assert forms_md is not None
    assert "### Kompetensutveckling\n\nIngen verksamhet under året.\n" in forms_md.group(1)
    assert "### Utan angiven form\n\n- Språkcafé för nyanlända (aktivitet," in forms_md.group(1)
    assert "## Strategiska områden" in md


def test_each_unit_names_its_work_and_its_missing_contact(root: Path) -> None:
    units = {u.id: u for u in build(root).units}
    kl = units["kommunledning"]
    assert [p.title for p in kl.projects] == [
        "Gränsregional handel",
        "Hållbar turism i Småland och Jylland",
        "Nordiskt kulturnätverk",
    ]
    assert [(a.project, a.decision) for a in kl.applications] == [
        ("Förstudie om kommunalt partnerskap", "beviljad 2024"),
        ("Digital service i nordiska kommuner", "väntar på beslut"),
    ]
    assert [r.title for r in kl.results] == ["Rapport om gränshandel"]
    bu = units["barn-och-utbildning"]
    assert [(a.project, a.decision) for a in bu.applications] == [
        ("Språkcafé för nyanlända", "beviljad 2023"),
        ("Lärarutbyte i Norden", "beviljad 2023"),
        ("Vuxenutbildning i Europa", "avslag 2023"),
    ]
    assert [r.title for r in bu.results] == ["Modell för elevutbyte"]
    assert units["ljungbybostader"].contact is None
    md = render_text(build(root), Format.MD, root)
    unit = re.search(r"^### Ljungbybostäder AB\n(.*?)^### ", md, re.M | re.S)
    assert unit is not None
    assert "**Kontaktperson saknas**" in unit.group(1)
    assert "- Vänortsbesök i Hamar (aktivitet, 12–\u206014\xa0september\xa02023" in md
    assert "Ansökningar:\n\n- Förstudie om kommunalt partnerskap (ICLD, 300\xa0000\xa0kr; " in md
    assert "Enligt Policy för internationellt arbete ska varje förvaltning och bolag" in md


def test_no_travel_rule_is_borrowed(root: Path) -> None:
    report = build(root)
    assert report.travel.intro == "Resor i det internationella arbetet under året."
    assert report.travel.compensation_required is False
    for fmt in (Format.MD, Format.HTML):
        text = render_text(report, fmt, root)
        assert "minimeras" not in text
        assert "klimatkompenseras" not in text
        assert "Växjö" not in text
    html = render_text(report, Format.HTML, root)
    assert 'class="warn"' not in html  # two uncompensated flights, but no rule broken
    assert report.strategy is not None
    assert report.strategy.intro == "Sammanställningen följer Policy för internationellt arbete."


def test_decisions_from_earlier_applications_are_listed(root: Path) -> None:
    report = build(root)
    assert [(a.project, a.submitted, a.decision) for a in report.earlier_decisions] == [
        ("Hållbar turism i Småland och Jylland", "1 november 2022", "beviljad 2023"),
        ("Nordiskt kulturnätverk", "december 2022", "beviljad 2023"),
    ]


def test_reach_section_lists_every_figure_and_why(root: Path) -> None:
    report = build(root)
    rows = [
        (p.title, r.count, r.unit_label, r.span, r.counted, r.note)
        for p in report.reach
        for r in p.reach
    ]
    assert rows == [
        ("Elevutbyte med Kolding och Hamar", 45, "personer", "2023", True, ""),
        ("Elevutbyte med Kolding och Hamar", 3, "organisationer", "2023", True, ""),
        (
            "Elevutbyte med Kolding och Hamar",
            120,
            "personer",
            "augusti\xa02022\xa0– juni\xa02024",
            False,
            "avser flera år",
        ),
        (
            "Gränsregional handel",
            25,
            "organisationer",
            "januari–\u2060mars\xa02023",
            True,
            "",
        ),
        ("Gränsregional handel", 4, "", "", False, "uppgift om vad som räknas saknas"),
        (
            "Nordiskt kulturnätverk",
            2,
            "platser",
            "",
            False,
            "uppgift om år saknas",
        ),
        ("Språkcafé för nyanlända", 40, "personer", "mars–\u2060maj\xa02023", True, ""),
        ("Vänortsbesök i Hamar", 6, "personer", "2023", True, ""),
    ]


def test_checks_follow_the_repositorys_strategy(root: Path) -> None:
    today = dt.date(2024, 3, 1)
    codes = [(d.code, d.path, d.line) for d in check(root, today=today).diagnostics]
    # The policy asks for a contact person per unit: the two units with projects and no
    # contact are warned. It says nothing about flights: the two uncompensated
    # flights are not.
    assert codes == [("R009", "intstrat.yaml", 10), ("R009", "intstrat.yaml", 13)]


def test_a_municipality_without_a_strategy_is_held_to_nothing(tmp_path: Path) -> None:
    config = CONFIG[: CONFIG.index("strategy:")]
    root = ljungby_repo(tmp_path, config)
    assert check(root, today=dt.date(2024, 3, 1)).diagnostics == []
    report = build(root)
    assert report.strategy is None
    assert report.units_intro == ""
    md = render_text(report, Format.MD, root)
    assert "Sammanställningen följer" not in md
    assert "Enligt " not in md
    assert "Policy" not in md


def test_a_travel_rule_in_the_config_is_followed(tmp_path: Path) -> None:
    config = CONFIG + "  travel: {compensate_flights: true}\n"
    root = ljungby_repo(tmp_path, config)
    found = [(d.code, d.path, d.line) for d in check(root, today=dt.date(2024, 3, 1)).diagnostics]
    assert ("R010", "data/projects/skolutbyte.yaml", 26) in found
    assert ("R010", "data/projects/vanort-hamar.yaml", 14) in found
    report = build(root)
    assert report.travel.intro == (
        "Enligt Policy för internationellt arbete ska flygresor klimatkompenseras."
    )
    assert 'class="warn"' in render_text(report, Format.HTML, root)


def test_one_units_figures(root: Path) -> None:
    f = figures(build(root, unit="barn-och-utbildning"))
    # Its work in 2023: skolutbyte and sprakcafe; partners kolding and hamar.
    assert (f["projects"].value, f["partners"].value, f["countries"].value) == ("2", "2", "2")
    # Submitted in 2023: sprakcafe and nordplus-larare (granted 2023), erasmus-vuxen
    # (rejected 2023); no earlier application of this unit was decided in 2023.
    assert f["applications"].details == ["2 beviljades 2023", "1 avslogs 2023"]
    assert f["decisions"].value == "3"
    assert f["granted"].values == [f"15{NBSP}000{NBSP}€", f"40{NBSP}000{NBSP}kr"]
    # People: 45 (skolutbyte) + 40 (sprakcafe); organisations: 3 schools.
    assert f["reach"].values == ["85 personer", "3 organisationer"]


def test_strategy_and_reach_text_from_a_pull_request_stay_text(tmp_path: Path) -> None:
    config = CONFIG.replace(
        "name: Policy för internationellt arbete",
        "name: \"<script>alert(1)</script> Policy\"\n  reporting: '<b>fet</b>'",
    )
    root = ljungby_repo(tmp_path, config)
    text = (root / "data/projects/vanort-hamar.yaml").read_text(encoding="utf-8")
    (root / "data/projects/vanort-hamar.yaml").write_text(
        text.replace("who: anställda", "who: '<img src=x onerror=alert(2)>'"), encoding="utf-8"
    )
    html = render_text(build(root), Format.HTML, root)
    assert "<script>" not in html and "<img" not in html and "<b>fet" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Policy" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html

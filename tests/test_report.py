"""The report context: the right records in the right sections, and the figures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from intstrat.documents.report import Report, _says_type, build_report
from intstrat.errors import UsageError
from intstrat.format.models import UnitType
from intstrat.loading.repository import load_repository
from tests.helpers import build_repo, project
from tests.reporting import report_repo


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return report_repo(tmp_path_factory.mktemp("report"))


def build(root: Path, year: int = 2023, **kwargs: object) -> Report:
    return build_report(load_repository(root), year, today=dt.date(2024, 2, 1), **kwargs)  # type: ignore[arg-type]


def titles(items: list) -> list[str]:  # type: ignore[type-arg]
    return [i.title for i in items]


def test_sections_hold_the_right_records(root: Path) -> None:
    report = build(root)
    assert titles(report.eu_projects) == ["Gröna kompetenser"]
    assert titles(report.other_projects) == [
        "Förstudie som började i december",
        "Projekt som slutade i januari",
    ]
    assert titles(report.other_work) == ["<script>alert('x')</script> Skript | pipe", "Nätverket"]
    every = titles(report.eu_projects + report.other_projects + report.other_work)
    assert "Gammalt projekt" not in every
    assert "Ansökan som väntar" not in every  # applied, never ran


def test_finished_during_the_year_is_marked(root: Path) -> None:
    report = build(root)
    finished = {p.title: p.finished for p in report.other_projects + report.eu_projects}
    assert finished == {
        "Förstudie som började i december": False,
        "Projekt som slutade i januari": True,
        "Gröna kompetenser": False,
    }


def test_applications_by_year_submitted_whatever_the_outcome(root: Path) -> None:
    report = build(root)
    assert [(a.project, a.outcome, a.submitted) for a in report.applications] == [
        ("Ansökan som avslogs", "rejected", "februari 2023"),
        ("Förstudie som började i december", "granted", "2 maj 2023"),
        ("Ansökan som väntar", "pending", "31 oktober 2023"),
        ("Beviljad året efter", "granted", "15 november 2023"),
    ]
    assert report.applications[3].decided == "20 januari 2024"
    assert report.applications[2].amount == "90\xa0000\xa0€"
    assert report.applications[2].eu is True
    assert [a.project for a in build(root, 2024).applications] == []


def test_results_of_the_year_implemented_first(root: Path) -> None:
    report = build(root)
    assert [(r.title, r.implemented, r.date) for r in report.results] == [
        ("Ny kursmodul", True, "juni 2023"),
        ("Ny rutin i hemtjänsten", False, "januari 2023"),
        ("Rapport om gröna jobb", False, "februari 2023"),
    ]


def test_key_figures(root: Path) -> None:
    figures = {f.label: (f.value, f.details) for f in build(root).key_figures}
    assert figures["Projekt, förstudier, nätverk och aktiviteter"] == (
        "5",
        [
            "2 projekt",
            "1 förstudie",
            "1 nätverk",
            "1 aktivitet",
            "varav 2 avslutades under året",
        ],
    )
    assert figures["Partner"] == ("2", [])
    assert figures["Länder"] == ("2", [])
    # Distinct owners of the year's work (a unit with only an application is not one).
    assert figures["Ansvariga förvaltningar och bolag"] == ("3", [])
    # Submitted in 2023, each outcome with the year of its decision.
    assert figures["Inlämnade ansökningar"] == (
        "4",
        [
            "1 beviljades 2023",
            "1 avslogs 2023",
            "1 beviljades 2024",
            "1 väntar på beslut",
        ],
    )
    # Decided in 2023: the granted pre-study (September) and the rejection (June).
    assert figures["Beslut om ansökningar under 2023"] == ("2", ["1 beviljades", "1 avslogs"])
    # Only decisions of 2023 count: 150 000 kr; the 700 000 kr were decided in 2024.
    # eu-skills (Erasmus+) and icld-january (ICLD), both in 2023's work, have funding from
    # others but no application: no year of decision, so named beside the figure.
    assert figures["Beviljad extern finansiering (beslut under året)"] == (
        "150\xa0000\xa0kr",
        [
            "därtill extern finansiering i 2 av årets projekt, som inte räknas här eftersom ingen "
            "ansökan med beslut är registrerad"
        ],
    )
    # The one reach figure says neither what it counts nor for which year: never summed.
    assert figures["Deltagare och målgrupper under året"] == (
        "uppgift saknas",
        ["1 uppgift utan år eller enhet, eller för ett annat år, står vid sitt projekt"],
    )
    assert figures["Resultat"] == ("3", ["varav 1 implementerade"])
    assert figures["Globala mål som berörs"] == ("3 / 17", [])
    assert figures["Resor"] == ("2", [])


def test_key_figures_count_each_kind_in_its_own_number_in_english(root: Path) -> None:
    figures = {f.key: f for f in build(root, lang="en").key_figures}
    assert figures["projects"].details == [
        "2 projects",
        "1 pre-study",
        "1 network",
        "1 activity",
        "2 of them finished during the year",
    ]
    assert figures["decisions"].details == ["1 granted", "1 rejected"]
    assert figures["results"].details == ["1 of them implemented"]


def test_granted_funding_lands_in_the_year_decided(root: Path) -> None:
    figures = {f.label: f.value for f in build(root, 2024).key_figures}
    assert figures["Beviljad extern finansiering (beslut under året)"] == "700\xa0000\xa0kr"


def test_sdg_coverage_in_official_colours(root: Path) -> None:
    sdgs = build(root).sdgs
    assert len(sdgs) == 17
    counts = {g.number: g.count for g in sdgs if g.count}
    assert counts == {4: 2, 13: 1, 17: 1}
    assert (sdgs[3].title, sdgs[3].colour) == ("God utbildning för alla", "#C5192D")


def test_travel_and_compensation(root: Path) -> None:
    travel = build(root).travel
    assert [(t.date, t.destination, t.compensated) for t in travel.trips] == [
        ("maj 2023", "Sydafrika", True),
        ("september 2023", "Sydafrika", False),
    ]
    assert (travel.travellers, travel.flights, travel.compensated, travel.uncompensated) == (
        5,
        2,
        1,
        1,
    )


def test_partners_active_in_the_year_with_countries(root: Path) -> None:
    partners = build(root).partners
    assert [(p.name, p.country, p.projects) for p in partners] == [
        ("Komuna Vushtrri", "Kosovo", ["Projekt som slutade i januari"]),
        (
            "JB Marks Local Municipality",
            "Sydafrika",
            ["Förstudie som började i december", "Gröna kompetenser"],
        ),
    ]


def test_units_with_contacts_and_what_they_did(root: Path) -> None:
    units = {u.id: u for u in build(root).units}
    assert list(units) == ["utbildning", "omsorg", "tekniska"]
    assert units["utbildning"].contact is not None
    assert units["utbildning"].contact.email == "anna@example.se"
    assert titles(units["utbildning"].projects) == ["Gröna kompetenser", "Nätverket"]
    assert [a.project for a in units["omsorg"].applications] == [
        "Ansökan som avslogs",
        "Förstudie som började i december",
    ]
    assert units["tekniska"].contact is None


def test_english_falls_back_to_swedish_titles(root: Path) -> None:
    report = build(root, lang="en")
    assert report.title == "International work 2023"
    assert titles(report.eu_projects) == ["Green skills"]
    assert report.other_projects[1].title == "Projekt som slutade i januari"
    assert report.partners[1].country == "South Africa"
    assert report.applications[0].submitted == "February 2023"
    assert report.units[0].name == "Department of Education"


def test_one_units_report(root: Path) -> None:
    report = build(root, unit="omsorg")
    assert report.unit is not None
    assert report.subtitle == "Årlig sammanställning för Omsorgsförvaltningen"
    assert titles(report.other_projects) == [
        "Förstudie som började i december",
        "Projekt som slutade i januari",
    ]
    assert report.eu_projects == []
    assert [u.id for u in report.units] == ["omsorg"]
    assert [a.project for a in report.applications] == [
        "Ansökan som avslogs",
        "Förstudie som började i december",
    ]


def test_unknown_unit_suggests_one(root: Path) -> None:
    with pytest.raises(UsageError, match=r"did you mean '.*' \(omsorg\)"):
        build(root, unit="omsorgen")


def test_an_empty_year(root: Path) -> None:
    report = build(root, 2005)
    assert report.eu_projects == report.other_projects == report.other_work == []
    assert report.applications == []
    assert report.results == []
    assert report.partners == []
    assert report.travel.trips == []
    assert all(g.count == 0 for g in report.sdgs)


def test_figure_lines_are_found_only_when_explained(root: Path) -> None:
    """Rendering needs no line numbers; finding them parses files again, so a report
    looks them up only when --explain asks (and then they are the record's lines)."""
    from intstrat.documents.render import render
    from intstrat.formats import DocumentFormat

    repo = load_repository(root)
    report = build_report(repo, 2023, today=dt.date(2024, 2, 1))
    render(report, DocumentFormat.HTML, root, None)
    assert repo.locator._positions == {}
    period = next(s for f in report.key_figures for s in f.sources if s.loc == ("period",))
    text = (root / period.path).read_text(encoding="utf-8").splitlines()
    assert text[period.line - 1].startswith("period:")
    assert set(repo.locator._positions) == {period.path}


def test_a_units_type_is_shown_only_where_its_name_does_not_say_it(root: Path) -> None:
    units = {u.id: u for u in build(root).units}
    assert (units["utbildning"].type_label, units["utbildning"].type_shown) == ("förvaltning", "")
    english = {u.id: u for u in build(root, lang="en").units}
    assert english["omsorg"].name == "Department of Social Care"
    assert english["omsorg"].type_shown == ""


@pytest.mark.parametrize(
    ("name", "kind", "says"),
    [
        ("Utbildningsförvaltningen", UnitType.DEPARTMENT, True),
        ("Förvaltningen arbete och välfärd", UnitType.DEPARTMENT, True),
        ("Kultur och fritid", UnitType.DEPARTMENT, False),
        ("Växjö Energi AB (Veab)", UnitType.COMPANY, True),
        ("Växjöbostäder AB", UnitType.COMPANY, True),
        ("Ljungby Energi", UnitType.COMPANY, False),
        ("Tabell AB-förvaltningen", UnitType.COMPANY, True),
        ("Abbe och Co", UnitType.COMPANY, False),  # 'Ab' inside a word is not 'AB'
    ],
)
def test_says_type(name: str, kind: UnitType, says: bool) -> None:
    assert _says_type(name, kind) is says


def test_the_organisations_own_country_is_no_country_of_the_work(tmp_path: Path) -> None:
    # Testby (SE by default) works with Vushtrri (XK) and a Swedish university: two
    # partners, one country; the university is listed for --explain, not counted.
    root = build_repo(
        tmp_path,
        {
            "data/partners/lnu.yaml": "id: lnu\nname: Linnéuniversitetet\ntype: university\n"
            "country: SE\n",
            "data/projects/sekos-2.yaml": project(
                partners="[vushtrri, lnu]", period="{start: 2022, end: 2024}", status="ongoing"
            ),
        },
    )
    figures = {f.key: f for f in build(root).key_figures}
    assert figures["partners"].value == "2"
    countries = figures["countries"]
    assert countries.value == "1"
    assert [(s.key, s.counted) for s in countries.sources] == [("XK", True), ("SE", False)]
    assert countries.sources[1].note == "Linnéuniversitetet: det egna landet räknas inte"
    assert countries.rule == "Olika länder bland årets partner, utom det egna landet (Sverige)."

"""`show`: one record in full."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from intstrat.cli import app
from intstrat.errors import UsageError
from intstrat.i18n import Words
from intstrat.loading.repository import load_repository
from intstrat.query.show import card
from tests.reporting import report_repo

runner = CliRunner()


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return report_repo(tmp_path_factory.mktemp("show"))


def test_project_card(root: Path) -> None:
    found = card(load_repository(root), "eu-skills", Words("sv"))
    assert found.title == "Gröna kompetenser"
    assert found.path == "data/projects/eu-skills.yaml"
    facts = dict(found.facts)
    assert facts["Partner"] == "JB Marks Local Municipality (Sydafrika)"
    assert facts["Finansiering"] == "Erasmus+ 250\xa0000\xa0€, egen personaltid"
    assert facts["Globala mål"] == "4. God utbildning för alla, 13. Bekämpa klimatförändringarna"
    sections = dict(found.sections)
    assert sections["Resultat"] == [
        "juni\xa02023: Ny kursmodul (implementerat)",
        "februari\xa02023: Rapport om gröna jobb",
    ]
    assert sections["Räckvidd"] == ["120 kursdeltagare"]
    # Dates keep their words together (no-break spaces), as the dates of a period do.
    # The number of travellers says what it counts, in the singular too.
    assert sections["Resor"] == [
        "maj\xa02023: Sydafrika, 3 resenärer, flyg",
        "september\xa02023: Sydafrika, 2 resenärer, flyg",
        "oktober\xa02022: Sydafrika, 2 resenärer, flyg",
    ]


def test_quotes_and_one_traveller_in_each_language(tmp_path: Path) -> None:
    from tests.helpers import build_repo, project

    root = build_repo(
        tmp_path,
        {
            "data/projects/sekos-2.yaml": project(
                quotes="[{text: Det gav mycket, name: Anna Berg}]",
                travel="[{date: 2019-05, destination: XK, travellers: 1}]",
            )
        },
    )
    sv = dict(card(load_repository(root), "sekos-2", Words("sv")).sections)
    assert sv["Citat"] == ["”Det gav mycket” – Anna Berg"]  # Swedish quotes: ”…”
    assert sv["Resor"] == ["maj\xa02019: Kosovo, 1 resenär"]
    en = dict(card(load_repository(root), "sekos-2", Words("en")).sections)
    assert en["Quotes"] == ["“Det gav mycket” – Anna Berg"]
    assert en["Travel"] == ["May\xa02019: Kosovo, 1 traveller"]


def test_partner_card_in_english(root: Path) -> None:
    found = card(load_repository(root), "jb-marks", Words("en"))
    assert dict(found.facts)["Country"] == "South Africa"
    assert dict(found.sections)["Projects"] == [
        "Green skills (September\xa02022\u202f–\u20092030)",
        "Förstudie som började i december (December\xa02023\u202f–\u2009March\xa02030)",
    ]


def test_a_record_is_found_as_people_write_it(root: Path) -> None:
    """An id in capitals, or the project's title or the partner's name (either language,
    accents and case aside), finds the record an id would."""
    repo = load_repository(root)
    for written in ("EU-SKILLS", "gröna kompetenser", "Grona Kompetenser"):
        assert card(repo, written, Words("sv")).path == "data/projects/eu-skills.yaml"
    assert card(repo, "JB MARKS local municipality", Words("sv")).path == (
        "data/partners/jb-marks.yaml"
    )


def test_unknown_id_suggests(root: Path) -> None:
    with pytest.raises(UsageError, match="did you mean 'eu-skills'"):
        card(load_repository(root), "euskills", Words("sv"))


def test_show_command(root: Path) -> None:
    result = runner.invoke(app, ["show", "icld-january", "--repo", str(root)])
    assert result.exit_code == 0
    assert "Projekt som slutade i januari" in result.stdout
    assert "Komuna Vushtrri (Kosovo)" in result.stdout
    assert "icld-january.yaml" in result.stdout
    missing = runner.invoke(app, ["show", "nope", "--repo", str(root)])
    assert missing.exit_code == 2


def test_a_fact_with_no_value_is_left_out(tmp_path: Path) -> None:
    """An applied project has no period yet: `show` printed an empty 'Period' row."""
    from tests.helpers import build_repo, project

    application = "{funder: icld, submitted: 2024-03-01}"
    root = build_repo(
        tmp_path,
        {
            "data/projects/sekos-2.yaml": project(
                status="applied", period="", application=application
            )
        },
    )
    found = card(load_repository(root), "sekos-2", Words("sv"))
    assert [label for label, _ in found.facts] == [
        "Typ",
        "Status",
        "Ansvarig",
        "Partner",
        "Ansökan",
    ]
    shown = runner.invoke(app, ["show", "sekos-2", "--repo", str(root)], env={"COLUMNS": "80"})
    assert shown.exit_code == 0, shown.output
    assert "Period" not in shown.stdout


def test_an_amount_a_date_and_the_title_survive_a_narrow_terminal(tmp_path: Path) -> None:
    """At 48 columns `show` printed "3 200" over "000 kr" (rich broke the amount at its
    no-break spaces) and cut the title in the panel's border; the path too, at 40."""
    from tests.helpers import build_repo, project

    title = "Vägar in på arbetsmarknaden för långtidsarbetslösa"
    application = (
        "{funder: icld, submitted: 2021-03-10, decided: 2021-06-01, outcome: rejected, "
        "amount: {value: 3200000, currency: SEK}}"
    )
    root = build_repo(
        tmp_path,
        {
            "data/projects/arbetsmarknad-esf-2021.yaml": project(
                id="arbetsmarknad-esf-2021",
                title=title,
                status="rejected",
                period="",
                application=application,
            )
        },
    )
    args = ["show", "arbetsmarknad-esf-2021", "--repo", str(root)]
    for width in range(40, 81):
        shown = runner.invoke(app, args, env={"COLUMNS": str(width)})
        assert shown.exit_code == 0, shown.output
        lines = shown.stdout.splitlines()
        path = str(root / "data/projects/arbetsmarknad-esf-2021.yaml")
        assert lines[-1] == path or lines[-1].endswith(f" {path} ─╯")
        assert max(map(len, lines[:-1])) <= width
        assert any("3\xa0200\xa0000\xa0kr" in line for line in lines), (width, shown.stdout)
        assert any("10\xa0mars\xa02021" in line for line in lines), (width, shown.stdout)
        said = " ".join(line.strip("│╭╮╰╯─ ") for line in lines)
        assert title in " ".join(said.split()), (width, shown.stdout)


def _shared_id(root: Path) -> Path:
    """A network project and a partner, both with the id and the name 'ubc'."""
    from tests.helpers import build_repo, project

    name = "Union of the Baltic Cities (UBC)"
    return build_repo(
        root,
        {
            "data/partners/ubc.yaml": f"id: ubc\nname: {name}\ntype: network\ncountry: PL\n",
            "data/projects/ubc.yaml": project(id="ubc", title=name, kind="network"),
        },
    )


def test_an_id_of_a_project_and_a_partner_is_ambiguous_and_each_can_be_named(
    tmp_path: Path,
) -> None:
    """`show ubc` showed the project, and the partner could not be shown at all."""
    root = _shared_id(tmp_path)
    repo = ["--repo", str(root)]
    for given in ("ubc", "Union of the Baltic Cities (UBC)", "UNION of the baltic cities (ubc)"):
        result = runner.invoke(app, ["show", given, *repo])
        assert result.exit_code == 2, result.output
        assert result.stderr == (
            f"intstrat: '{given}' names more than one record: project/ubc (Union of the Baltic "
            "Cities (UBC)), partner/ubc (Union of the Baltic Cities (UBC)); show one with "
            "'intstrat show project/ubc', or give its file\n"
        )
    partner, project = "partners/ubc.yaml", "projects/ubc.yaml"
    for given, fact, path in [
        ("partner/ubc", "Country", partner),
        ("partners/ubc", "Country", partner),
        ("data/partners/ubc.yaml", "Country", partner),
        (str(root / "data/partners/ubc.yaml"), "Country", partner),
        ("project/ubc", "Status", project),
        ("projekt/ubc", "Status", project),
        ("data/projects/ubc.yaml", "Status", project),
    ]:
        result = runner.invoke(app, ["show", given, *repo, "--lang", "en"])
        assert result.exit_code == 0, (given, result.output)
        assert f"│ {fact} " in result.stdout, given
        assert path in result.stdout.replace("\n", ""), given
    wrong = runner.invoke(app, ["show", "data/partners/nope.yaml", *repo])
    assert (wrong.exit_code, wrong.stderr) == (
        2,
        "intstrat: data/partners/nope.yaml is no project's or partner's file in the repository\n",
    )


def test_a_kind_before_the_id_limits_the_search_to_it(tmp_path: Path) -> None:
    root = _shared_id(tmp_path)
    data = load_repository(root)
    assert card(data, "partner/ubc", Words("en")).path == "data/partners/ubc.yaml"
    assert card(data, "project/Union of the Baltic Cities (UBC)", Words("en")).path == (
        "data/projects/ubc.yaml"
    )
    assert card(data, "vushtrri", Words("en")).path == "data/partners/vushtrri.yaml"
    with pytest.raises(UsageError, match="no project or partner 'project/vushtrri'"):
        card(data, "project/vushtrri", Words("en"))

"""`stats`: counts and sums per group, with a total."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intstrat.cli import app
from intstrat.formats import StatsBy as By
from intstrat.i18n import Words
from intstrat.loading.repository import Repository, load_repository
from intstrat.query.filters import Filters, projects
from intstrat.query.stats import merge_same_years, stats
from tests.helpers import build_repo, project
from tests.ljungby import ljungby_repo
from tests.reporting import report_repo

runner = CliRunner()


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return report_repo(tmp_path_factory.mktemp("stats"))


@pytest.fixture(scope="module")
def repo(root: Path) -> Repository:
    return load_repository(root)


def rows(repo: Repository, by: By, **filters: object) -> list[tuple[str, int]]:
    found = stats(repo, projects(repo, Filters(**filters)), by, Words("sv"), dt.date(2024, 6, 1))  # type: ignore[arg-type]
    return [(r["label"], r["projects"]) for r in found]


def test_by_country_with_total(repo: Repository) -> None:
    assert rows(repo, By.COUNTRY) == [("Kosovo", 2), ("Sydafrika", 2), ("Totalt", 9)]


def test_by_sdg_counts_each_goal(repo: Repository) -> None:
    assert rows(repo, By.SDG, year=2023) == [
        ("4. God utbildning för alla", 2),
        ("13. Bekämpa klimatförändringarna", 1),
        ("17. Genomförande och globalt partnerskap", 1),
        ("Totalt", 5),
    ]


def test_by_year_in_year_order(repo: Repository) -> None:
    found = dict(rows(repo, By.YEAR))
    assert found["2010"] == 1  # the network, since 2010
    assert found["2023"] == 5
    assert found["2024"] == 3  # ongoing: counted up to today (2024-06-01 here)
    assert "2025" not in found


def test_funding_per_currency_and_reach(repo: Repository) -> None:
    found = stats(repo, projects(repo), By.FUNDER, Words("sv"))
    by_key = {r["key"]: r for r in found}
    assert by_key["erasmus-plus"]["funding_EUR"] == 250000
    assert by_key["icld"]["funding_SEK"] == 500000
    # The only reach figure (120 course participants) does not say what it counts, so it
    # is added to no column.
    assert not [column for column in by_key[""] if column.startswith("reach")]


@pytest.fixture(scope="module")
def ljungby_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ljungby_repo(tmp_path_factory.mktemp("ljungby"))


@pytest.fixture(scope="module")
def ljungby(ljungby_root: Path) -> Repository:
    return load_repository(ljungby_root)


def test_reach_is_added_per_unit_and_for_the_year_asked(ljungby: Repository) -> None:
    every = stats(ljungby, projects(ljungby), By.KIND, Words("sv"), dt.date(2024, 6, 1))
    # All time: people 45 + 120 + 6 + 40 + 10, organisations 3 + 25, places 2 (kulturhus);
    # the 4 kommuner of gransregional-handel say no unit and are in no column.
    assert {k: v for k, v in every[-1].items() if k.startswith("reach")} == {
        "reach_people": 221,
        "reach_organisations": 28,
        "reach_places": 2,
    }
    chosen = projects(ljungby, Filters(year=2023))
    in_2023 = stats(ljungby, chosen, By.KIND, Words("sv"), dt.date(2024, 6, 1), year=2023)
    # 2023 only: people 45 (skolutbyte) + 6 (vanort-hamar) + 40 (sprakcafe, March-May);
    # organisations 3 + 25 (January-March); not the 120 pupils of 2022-2024, not the
    # kulturhus without a year.
    assert {k: v for k, v in in_2023[-1].items() if k.startswith("reach")} == {
        "reach_people": 91,
        "reach_organisations": 28,
        "reach_places": 0,
    }
    by_year = {
        r["key"]: r
        for r in stats(ljungby, projects(ljungby), By.YEAR, Words("sv"), dt.date(2024, 6, 1))
    }
    assert (by_year["2020"]["reach_people"], by_year["2023"]["reach_people"]) == (10, 91)
    assert by_year["2024"]["reach_people"] == 0


def test_stats_command_counts_reach_of_the_year_given(ljungby_root: Path) -> None:
    args = ["stats", "--year", "2023", "--repo", str(ljungby_root), "-f", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    total = json.loads(result.stdout)[-1]
    assert (total["reach_people"], total["reach_organisations"]) == (91, 28)


def test_stats_command_formats(root: Path) -> None:
    result = runner.invoke(app, ["stats", "--by", "unit", "--repo", str(root), "-f", "json"])
    data = json.loads(result.stdout)
    assert data[0] == {
        "key": "utbildning",
        "label": "Utbildningsförvaltningen",
        "projects": 5,
        "funding_EUR": 250000,
        "funding_SEK": 0,
    }
    table = runner.invoke(app, ["stats", "--by", "kind", "--repo", str(root)])
    assert table.exit_code == 0
    assert "Totalt" in table.stdout
    chart = runner.invoke(app, ["stats", "--by", "country", "--chart", "--repo", str(root)])
    assert "█" in chart.stdout
    assert "Kosovo" in chart.stdout


def test_the_table_fits_80_columns_and_says_what_does_not_add_up(ljungby_root: Path) -> None:
    """Too many columns for 80: the funding and the reach become two tables, numbers are
    never broken over lines, group names break between words; and a grouping where a
    project is in several groups says that the groups do not add up to the total."""
    env = {"COLUMNS": "80"}
    result = runner.invoke(app, ["stats", "--by", "year", "--repo", str(ljungby_root)], env=env)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert sum(line.startswith("År ") for line in lines) == 2  # two tables, each with years
    reach_head = next(i for i, line in enumerate(lines) if "organisationer" in line)
    assert "Finansiering" not in lines[reach_head]
    said = " ".join(result.stdout.split())
    assert "Ett projekt räknas i varje år det pågick, med hela sin finansiering" in said
    kinds = runner.invoke(app, ["stats", "--by", "kind", "--repo", str(ljungby_root)], env=env)
    assert "summerar inte" not in kinds.stdout  # one kind each: the kinds add up
    sdgs = runner.invoke(app, ["stats", "--by", "sdg", "--repo", str(ljungby_root)], env=env)
    assert "grupperna summerar inte till totalen" in " ".join(sdgs.stdout.split())


def _year(key: str, projects: int, sek: int = 0) -> dict[str, object]:
    return {"key": key, "label": key, "projects": projects, "funding_SEK": sek}


def test_runs_of_three_same_years_share_a_row() -> None:
    rows = [
        *(_year(str(y), 1) for y in range(2000, 2015)),
        _year("2015", 2),
        _year("2016", 2),  # two alike: kept apart
        _year("2017", 3, 100),
        _year("2018", 3, 100),
        _year("2019", 3, 100),
        _year("2021", 3, 100),  # not the year after 2019: a run of its own
        _year("", 9, 100),
    ]
    merged, span = merge_same_years(rows)
    assert [(r["label"], r["projects"]) for r in merged] == [
        ("2000–2014", 1),
        ("2015", 2),
        ("2016", 2),
        ("2017–2019", 3),
        ("2021", 3),
        ("", 9),
    ]
    assert span == "2000–2014"
    assert merge_same_years(rows[-3:]) == (rows[-3:], None)


def test_the_year_table_merges_quiet_years_and_says_so(root: Path) -> None:
    """The network of the fixture runs alone from 2010 to 2017: one row, and the caption
    says what such a row means. csv keeps a row per year."""
    args = ["stats", "--by", "year", "--repo", str(root)]
    table = runner.invoke(app, args, env={"COLUMNS": "80"})
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    assert any(line.startswith("2010–2017 ") and line.split()[2] == "1" for line in lines)
    assert not any(line.startswith("2011") for line in lines)
    text = " ".join(table.stdout.split())
    assert "En rad som 2010–2017 står för vart och ett av de åren" in text
    csv = runner.invoke(app, [*args, "-f", "csv"])
    assert [line.split(",")[0] for line in csv.stdout.splitlines()[1:4]] == ["2010", "2011", "2012"]


def test_a_funders_row_sums_only_its_own_money(tmp_path: Path) -> None:
    """One project funded by ICLD in kronor and by Erasmus+ in euros: each funder's row
    has its own amount only, and the total has both."""
    both = project(
        funding="[{funder: icld, amount: {value: 500000, currency: SEK}}, "
        "{funder: erasmus-plus, amount: {value: 100000, currency: EUR}}]"
    )
    repo = load_repository(build_repo(tmp_path, {"data/projects/sekos-2.yaml": both}))
    found = {r["key"]: r for r in stats(repo, projects(repo), By.FUNDER, Words("sv"))}
    assert (found["icld"]["funding_SEK"], found["icld"]["funding_EUR"]) == (500000, 0)
    assert (found["erasmus-plus"]["funding_SEK"], found["erasmus-plus"]["funding_EUR"]) == (
        0,
        100000,
    )
    assert (found[""]["funding_SEK"], found[""]["funding_EUR"]) == (500000, 100000)


def _numbers(table: str) -> Counter[str]:
    """The cells of a stats table that are numbers, as printed."""
    cells = (cell.strip() for line in table.splitlines() for cell in line.split("│")[1:])
    return Counter(cell for cell in cells if cell and NUMBER.fullmatch(cell))


NUMBER = re.compile(r"\d{1,3}(?:\u00a0\d{3})*")


@pytest.mark.parametrize("width", [20, 24, 30, 40, 50, 60, 80])
@pytest.mark.parametrize("by", ["partner", "unit", "funder"])
def test_no_number_is_ever_cut(ljungby_root: Path, by: str, width: int) -> None:
    """`COLUMNS=50 stats --by partner` printed 3 400 000 kronor as '3 4', and at 40 the
    total as '1 3': the numbers go to further tables instead, and a column that does not
    fit at all beside the groups' names is named under them."""
    from intstrat.i18n import language
    from intstrat.query.stats import heading

    args = ["stats", "--by", by, "--repo", str(ljungby_root), "--lang", "sv"]
    rows = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    result = runner.invoke(app, args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) <= width
    columns = [c for c in rows[0] if c not in ("key", "label")]
    with language("sv"):
        headings = {" ".join(heading(c, By(by)).split()): c for c in columns}
    said = " ".join(result.stdout.split())
    named = re.search(r"utelämnade kolumner: (.*?); bredda terminalen eller använd -f csv", said)
    left_out = [headings[h] for h in named.group(1).split(", ")] if named else []
    if width >= 30:
        assert left_out == []
    if width == 20:  # too narrow for 'Finansiering' beside any group's name
        assert {"funding_EUR", "funding_NOK", "funding_SEK"} <= set(left_out)
    expected = Counter(
        Words("sv").number(row[c]) for row in rows for c in columns if c not in left_out
    )
    assert _numbers(result.stdout) == expected


@pytest.mark.parametrize("width", [40, 80, 120])
def test_the_chart_wraps_a_long_name_beside_its_bar(tmp_path: Path, width: int) -> None:
    """Names were cut at 40 letters ('8. Anständiga arbetsvillkor och ekonomisk')."""
    from tests.helpers import build_repo, project

    root = build_repo(tmp_path, {"data/projects/sekos-2.yaml": project(sdgs="[8]")})
    args = ["stats", "--by", "sdg", "--chart", "--repo", str(root), "--lang", "sv"]
    result = runner.invoke(app, args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) <= width
    name = " ".join(line.split("█")[0].strip() for line in lines)
    assert "8. Anständiga arbetsvillkor och ekonomisk tillväxt" in " ".join(name.split())
    assert lines[0].rstrip().endswith("█ 1")


def _funded_repo(root: Path) -> Path:
    """Five projects whose funding lines are, or are not, money the work has."""
    icld = "{funder: icld, amount: {value: %d, currency: SEK}, kind: grant}"
    return build_repo(
        root,
        {
            # Granted by ICLD, with Erasmus+ in kind beside it: 500 000 kr, 7 000 kr in kind.
            "data/projects/sekos-2.yaml": project(
                application="{funder: icld, submitted: 2017-03-01, "
                "amount: {value: 500000, currency: SEK}, decided: 2017-06-01, outcome: granted}",
                funding=f"[{icld % 500000}, "
                "{funder: erasmus-plus, amount: {value: 7000, currency: SEK}, kind: in-kind}]",
            ),
            # Rejected by ICLD: its line is money asked for, not received.
            "data/projects/avslag.yaml": project(
                id="avslag",
                status="rejected",
                period="",
                application="{funder: icld, submitted: 2023-03-01, "
                "amount: {value: 999999, currency: SEK}, decided: 2023-06-01, outcome: rejected}",
                funding=f"[{icld % 999999}]",
            ),
            # Still open at Erasmus+.
            "data/projects/ansokt.yaml": project(
                id="ansokt",
                status="applied",
                period="",
                application="{funder: erasmus-plus, submitted: 2023-03-01}",
                funding="[{funder: erasmus-plus, amount: {value: 100000, currency: EUR}}]",
            ),
            # Planned, no application: not received.
            "data/projects/plan.yaml": project(
                id="plan", status="planned", period="{start: 2030}", funding=f"[{icld % 40000}]"
            ),
            # Ran, with funding written without an application: received.
            "data/projects/pagar.yaml": project(
                id="pagar", status="ongoing", period="{start: 2023}", funding=f"[{icld % 30000}]"
            ),
        },
    )


def test_only_money_received_is_summed_and_in_kind_apart(tmp_path: Path) -> None:
    """A rejected or pending application's funding line and a plan's are not money the
    work has; a contribution in kind is not cash and has columns of its own."""
    repo = load_repository(_funded_repo(tmp_path))
    total = stats(repo, projects(repo), By.KIND, Words("sv"))[-1]
    # 500 000 (granted) + 30 000 (ran without an application); not 999 999, 40 000 or the
    # 100 000 € applied for, so no euro column at all.
    assert total == {
        "key": "",
        "label": "Totalt",
        "projects": 5,
        "funding_SEK": 530000,
        "in_kind_SEK": 7000,
    }
    by_funder = {r["key"]: r for r in stats(repo, projects(repo), By.FUNDER, Words("sv"))}
    assert (by_funder["icld"]["projects"], by_funder["icld"]["funding_SEK"]) == (2, 530000)
    assert by_funder["erasmus-plus"]["projects"] == 1
    assert (by_funder["erasmus-plus"]["funding_SEK"], by_funder["erasmus-plus"]["in_kind_SEK"]) == (
        0,
        7000,
    )


def test_the_table_says_which_funding_is_not_counted(tmp_path: Path) -> None:
    root = _funded_repo(tmp_path)
    result = runner.invoke(app, ["stats", "--repo", str(root), "--lang", "en"])
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert "530,000" in said and "7,000" in said and "999,999" not in said
    from intstrat.query.stats import heading

    assert heading("in_kind_SEK", By.KIND) == "In kind\nSEK"
    assert (
        "3 funding lines are not counted: their application is pending or rejected, or the "
        "work did not run." in said
    )


def test_a_year_says_its_funding_is_whole_projects_money(tmp_path: Path) -> None:
    """`stats --year 2023` counts the work that ran in 2023 with its whole funding, granted
    in 2017 here: the table says so, and where the money of 2023 is."""
    root = _funded_repo(tmp_path)
    args = ["stats", "--repo", str(root), "--lang", "en"]
    result = runner.invoke(app, [*args, "--year", "2019"])
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert "500,000" in said
    assert (
        "Funding is each project's whole funding, whatever year it was granted, not only the "
        "money of 2019; the money granted by decisions of 2019 is in 'intstrat report 2019'."
        in said
    )
    assert "whole funding" not in runner.invoke(app, args).stdout

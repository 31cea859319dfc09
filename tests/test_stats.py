"""`stats`: counts and sums per group, with a total."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intstrat.cli import app
from intstrat.formats import StatsBy as By
from intstrat.i18n import Words
from intstrat.loading.repository import Repository, load_repository
from intstrat.query.filters import Filters, projects
from intstrat.query.stats import stats
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
    assert by_key[""]["reach"] == 120


def test_stats_command_formats(root: Path) -> None:
    result = runner.invoke(app, ["stats", "--by", "unit", "--repo", str(root), "-f", "json"])
    data = json.loads(result.stdout)
    assert data[0] == {
        "key": "utbildning",
        "label": "Utbildningsförvaltningen",
        "projects": 5,
        "funding_EUR": 250000,
        "funding_SEK": 0,
        "reach": 120,
    }
    table = runner.invoke(app, ["stats", "--by", "kind", "--repo", str(root)])
    assert table.exit_code == 0
    assert "Totalt" in table.stdout
    chart = runner.invoke(app, ["stats", "--by", "country", "--chart", "--repo", str(root)])
    assert "█" in chart.stdout
    assert "Kosovo" in chart.stdout

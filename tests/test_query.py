"""The one query function: every filter, and how they combine."""

from __future__ import annotations

from pathlib import Path

import pytest

from intstrat.loading.repository import Repository, load_repository
from intstrat.query.filters import Filters, partners, projects, results
from tests.reporting import report_repo


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Repository:
    return load_repository(report_repo(tmp_path_factory.mktemp("query")))


def ids(repo: Repository, **filters: object) -> list[str]:
    return sorted(e.record.id for e in projects(repo, Filters(**filters)))  # type: ignore[arg-type]


ALL = [
    "applied",
    "decided-next-year",
    "eu-skills",
    "hostile",
    "icld-january",
    "network",
    "old",
    "prestudy-december",
    "rejected",
]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ALL),
        ({"year": 2023}, ["eu-skills", "hostile", "icld-january", "network", "prestudy-december"]),
        ({"year": 2019}, ["network", "old"]),
        ({"status": ["applied", "rejected"]}, ["applied", "rejected"]),
        ({"kind": ["prestudy"]}, ["prestudy-december"]),
        ({"partner": ["vushtrri"]}, ["icld-january", "old"]),
        ({"country": ["ZA"]}, ["eu-skills", "prestudy-december"]),
        ({"country": ["XK", "ZA"]}, ["eu-skills", "icld-january", "old", "prestudy-december"]),
        ({"unit": ["omsorg"]}, ["icld-january", "prestudy-december", "rejected"]),
        ({"funder": ["icld"]}, ["decided-next-year", "icld-january", "prestudy-december"]),
        ({"eu": True}, ["eu-skills"]),
        ({"eu": False}, [i for i in ALL if i != "eu-skills"]),
        ({"sdg": [17]}, ["network"]),
        ({"sdg": [4, 17]}, ["eu-skills", "icld-january", "network"]),
        ({"sdg": [4], "unit": ["omsorg"]}, ["icld-january"]),
        ({"year": 2023, "country": ["ZA"], "eu": False}, ["prestudy-december"]),
    ],
)
def test_project_filters(repo: Repository, filters: dict[str, object], expected: list[str]) -> None:
    assert ids(repo, **filters) == expected


def test_theme_form_and_goal_filters(tmp_path: Path) -> None:
    from tests.helpers import build_repo, project

    root = build_repo(
        tmp_path,
        {
            "data/projects/sekos-2.yaml": project(themes="[socialt-arbete]", forms="[samarbete]"),
            "data/projects/other.yaml": project(id="other", goals="[kunskap]"),
        },
    )
    data = load_repository(root)
    assert ids(data, theme=["socialt-arbete"]) == ["sekos-2"]
    assert ids(data, form=["samarbete"]) == ["sekos-2"]
    assert ids(data, goal=["kunskap"]) == ["other"]


def test_results_by_year_of_their_date(repo: Repository) -> None:
    found = [(e.record.id, r.id) for e, r in results(repo, Filters(year=2023))]
    assert sorted(found) == [
        ("eu-skills", "kursmodul"),
        ("eu-skills", "rapport"),
        ("icld-january", "ny-rutin"),
    ]
    assert [(e.record.id, r.id) for e, r in results(repo, Filters(year=2020))] == [
        ("old", "gammalt")
    ]
    assert len(results(repo, Filters(unit=["omsorg"]))) == 1


def test_partners_filtered_by_country_or_by_their_projects(repo: Repository) -> None:
    assert partners(repo) == ["jb-marks", "vushtrri"]
    assert partners(repo, Filters(country=["XK"])) == ["vushtrri"]
    assert partners(repo, Filters(year=2023, eu=True)) == ["jb-marks"]
    assert partners(repo, Filters(unit=["tekniska"])) == []


def test_a_funder_funds_only_with_money_received(tmp_path: Path) -> None:
    """`--funder` and `--eu`: a funding line of a rejected or pending application, or of
    work that never ran, is no funding (the rule of `domain.funding`)."""
    from tests.test_stats import _funded_repo

    data = load_repository(_funded_repo(tmp_path))
    assert ids(data, funder=["icld"]) == ["pagar", "sekos-2"]
    assert ids(data, funder=["erasmus-plus"]) == ["sekos-2"]  # in kind, in work that ran
    assert ids(data, eu=True) == ["sekos-2"]
    assert "avslag" in ids(data, eu=False) and "ansokt" in ids(data, eu=False)
    from intstrat.i18n import Words
    from intstrat.query.tables import project_rows

    rows = {r["id"]: r for r in project_rows(data, projects(data), Words("en"))}
    assert (rows["avslag"]["funders"], rows["ansokt"]["funders"]) == ([], [])
    assert rows["sekos-2"]["funders"] == ["icld", "erasmus-plus"]

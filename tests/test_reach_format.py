"""Format v1 additions for the report: what a reach figure counts and when, and the
strategy section of intstrat.yaml. All optional; old records stay valid."""

from __future__ import annotations

from pathlib import Path

from intstrat.checks.run import check
from intstrat.format.models import Config, Reach, ReachUnit
from tests.helpers import CONFIG, build_repo, project

P = "data/projects/sekos-2.yaml"


def findings(root: Path) -> list[tuple[str, str, int, int, str]]:
    return [(d.code, d.path, d.line, d.column, d.message) for d in check(root).diagnostics]


def test_old_reach_without_unit_or_year_stays_valid(tmp_path: Path) -> None:
    text = project() + "reach:\n  - {count: 100, who: gymnasieelever}\n"
    assert findings(build_repo(tmp_path, {P: text})) == []


def test_reach_with_unit_and_year_or_period(tmp_path: Path) -> None:
    text = project() + (
        "reach:\n"
        "  - {count: 45, who: elever, unit: people, year: 2019}\n"
        "  - {count: 3, who: skolor, unit: organisations, period: {start: 2018, end: 2021}}\n"
    )
    assert findings(build_repo(tmp_path, {P: text})) == []


def test_reach_with_both_year_and_period_is_an_error_at_the_item(tmp_path: Path) -> None:
    text = project() + (
        "reach:\n  - {count: 45, who: elever, unit: people, year: 2019, period: {start: 2018}}\n"
    )
    assert findings(build_repo(tmp_path, {P: text})) == [
        (
            "S011",
            P,
            8,
            5,
            "reach › item 1: give either year (one year) or period (several), not both",
        )
    ]


def test_reach_unit_is_one_of_the_known_ones(tmp_path: Path) -> None:
    text = project() + "reach:\n  - {count: 45, who: elever, unit: pupils}\n"
    [(code, path, line, _column, message)] = findings(build_repo(tmp_path, {P: text}))
    assert (code, path, line) == ("S003", P, 8)
    assert "'people'" in message and "'places'" in message


def test_reach_year_is_a_year(tmp_path: Path) -> None:
    text = project() + "reach:\n  - {count: 45, who: elever, unit: people, year: '2023'}\n"
    [(code, _path, line, _column, _message)] = findings(build_repo(tmp_path, {P: text}))
    assert (code, line) == ("S004", 8)


def test_strategy_section(tmp_path: Path) -> None:
    config = CONFIG[: CONFIG.index("strategy:")] + (
        "strategy:\n"
        "  name: {sv: Internationell strategi, en: International strategy}\n"
        "  adopted: 2013-10-15\n"
        "  period: {start: 2024, end: 2027}\n"
        "  travel: {minimise: true, compensate_flights: false}\n"
        "  reporting: Rapporteringen ska innehålla resultat.\n"
    )
    assert findings(build_repo(tmp_path, {"intstrat.yaml": config})) == []
    parsed = Config.model_validate(
        {"format": 1, "organisation": {"name": "X"}, "strategy": {"name": "S"}}
    )
    assert parsed.strategy is not None
    assert (parsed.strategy.contact_per_unit, parsed.strategy.travel) == (False, None)


def test_strategy_typo_is_caught(tmp_path: Path) -> None:
    config = CONFIG[: CONFIG.index("strategy:")] + (
        "strategy:\n  name: S\n  travel: {compensate_flight: true}\n"
    )
    [(code, path, line, _column, message)] = findings(
        build_repo(tmp_path, {"intstrat.yaml": config})
    )
    assert (code, path, line) == ("S001", "intstrat.yaml", 21)
    assert "did you mean 'compensate_flights'" in message


def test_reach_units_in_order() -> None:
    assert [u.value for u in ReachUnit] == ["people", "households", "organisations", "places"]
    assert Reach.model_validate({"count": 1, "who": "x"}).unit is None

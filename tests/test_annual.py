"""The year membership rules of the annual summary, on their edges."""

from __future__ import annotations

from typing import Any

import pytest

from intstrat.domain.annual import (
    decided_in,
    decision_dated,
    decision_year,
    finished_in,
    granted_in,
    ran_in,
    reach_in,
    reach_spans,
    reach_totals,
    reach_within,
    reach_years,
    result_in,
    submitted_in,
    trip_in,
)
from intstrat.format.models import Application, Project, Reach, ReachUnit, Result, Trip


def make(status: str = "completed", start: Any = 2021, end: Any = 2022, **more: Any) -> Project:
    data: dict[str, Any] = {"id": "p", "title": "P", "status": status, "owner": "u", **more}
    if start is not None:
        data["period"] = {"start": start, "end": end}
    return Project.model_validate(data)


@pytest.mark.parametrize(
    ("start", "end", "year", "ran", "finished"),
    [
        ("2021-03", "2022-01", 2022, True, True),  # ended in January
        ("2021-03", "2022-01", 2023, False, False),
        ("2023-12", "2024-06", 2023, True, False),  # starts in December
        ("2023-12-31", "2024-06", 2023, True, False),  # starts on the last day
        ("2023-12", "2024-06", 2022, False, False),
        (2023, 2023, 2023, True, True),  # year-only period
        ("2022-06", "2022-06", 2022, True, True),  # month-only period
        ("2020-01-01", "2022-12-31", 2021, True, False),  # year in the middle
    ],
)
def test_project_in_year_edges(start: Any, end: Any, year: int, ran: bool, finished: bool) -> None:
    project = make("completed", start, end)
    assert ran_in(project, year) is ran
    assert finished_in(project, year) is finished


def test_ongoing_without_end_runs_every_year_from_its_start() -> None:
    project = make("ongoing", 2000, None)
    assert ran_in(project, 2000)
    assert ran_in(project, 2023)
    assert not ran_in(project, 1999)
    assert not finished_in(project, 2023)


@pytest.mark.parametrize("status", ["idea", "planned", "applied", "rejected", "cancelled"])
def test_only_work_that_ran_is_in_the_year(status: str) -> None:
    assert not ran_in(make(status, 2023, 2023), 2023)


def test_no_period_is_in_no_year() -> None:
    assert not ran_in(make("ongoing", None), 2023)


def test_ongoing_project_does_not_finish_even_if_its_end_is_in_the_year() -> None:
    assert not finished_in(make("ongoing", 2022, 2023), 2023)


def test_application_belongs_to_the_year_submitted_not_decided() -> None:
    application = Application.model_validate(
        {"funder": "f", "submitted": "2023-10-31", "decided": "2024-03", "outcome": "granted"}
    )
    assert submitted_in(application, 2023)
    assert not submitted_in(application, 2024)
    assert granted_in(application, 2024)
    assert not granted_in(application, 2023)
    assert not submitted_in(None, 2023)


def test_granted_without_decision_date_counts_in_the_submission_year() -> None:
    application = Application.model_validate(
        {"funder": "f", "submitted": 2022, "outcome": "granted"}
    )
    assert granted_in(application, 2022)
    pending = application.model_copy(update={"outcome": "pending"})
    assert not granted_in(pending, 2022)


def test_results_and_trips_belong_to_the_year_of_their_date() -> None:
    result = Result.model_validate({"id": "r", "title": "R", "date": "2023-01"})
    assert result_in(result, 2023)
    assert not result_in(result, 2022)
    trip = Trip.model_validate({"date": "2022-12-31", "destination": "ZA"})
    assert trip_in(trip, 2022)
    assert not trip_in(trip, 2023)


def test_a_decision_belongs_to_the_year_it_was_taken() -> None:
    granted_later = Application.model_validate(
        {"funder": "f", "submitted": "2023-10-01", "decided": "2024-01-18", "outcome": "granted"}
    )
    assert decision_year(granted_later) == 2024
    assert decided_in(granted_later, 2024)
    assert not decided_in(granted_later, 2023)
    assert decision_dated(granted_later)
    rejected = granted_later.model_copy(update={"outcome": "rejected"})
    assert decided_in(rejected, 2024)
    assert not granted_in(rejected, 2024)


def test_a_pending_application_has_no_decision_year() -> None:
    pending = Application.model_validate({"funder": "f", "submitted": "2023-10-01"})
    assert decision_year(pending) is None
    assert not decided_in(pending, 2023)
    assert not decision_dated(pending)
    assert decision_year(None) is None


def test_an_undated_decision_counts_in_the_year_submitted_and_says_so() -> None:
    undated = Application.model_validate(
        {"funder": "f", "submitted": "2022-12", "outcome": "rejected"}
    )
    assert decision_year(undated) == 2022
    assert not decision_dated(undated)


def reach(**fields: Any) -> Reach:
    return Reach.model_validate({"count": 10, "who": "elever", **fields})


@pytest.mark.parametrize(
    ("fields", "years", "in_2023"),
    [
        ({"unit": "people", "year": 2023}, (2023, 2023), True),
        ({"unit": "people", "year": 2022}, (2022, 2022), False),
        ({"unit": "people", "period": {"start": "2023-03", "end": "2023-05"}}, (2023, 2023), True),
        # A course's participants over 2022-2024 are not participants of 2023.
        ({"unit": "people", "period": {"start": 2022, "end": 2024}}, (2022, 2024), False),
        ({"unit": "people", "period": {"start": "2023-09"}}, None, False),  # still running
        ({"unit": "places"}, None, False),  # no year
        ({"year": 2023}, (2023, 2023), False),  # no unit
        ({}, None, False),
    ],
)
def test_reach_counts_in_a_year_only_with_a_unit_and_a_time_frame_inside_it(
    fields: dict[str, Any], years: tuple[int, int] | None, in_2023: bool
) -> None:
    figure = reach(**fields)
    assert reach_years(figure) == years
    assert reach_in(figure, 2023) is in_2023


def test_a_multi_year_figure_counts_in_a_span_that_holds_it() -> None:
    """What the mandate-period follow-up (issue 14) needs: the same rule over years."""
    course = reach(unit="people", period={"start": 2022, "end": 2024})
    assert reach_within(course, 2019, 2022) is False  # not over yet
    assert reach_within(course, 2022, 2025) is True
    # It ends in 2023-2026, so that period counts it although it began before: two
    # periods after each other count it once, and not in neither.
    assert reach_within(course, 2023, 2026) is True
    assert reach_within(course, 2019, 2023) is False
    assert reach_within(course, 2024, 2024) is False  # one year: only a figure for that year
    assert reach_within(reach(period={"start": 2022, "end": 2024}), 2023, 2026) is False


def test_reach_totals_add_only_like_to_like() -> None:
    figures = [
        reach(count=45, unit="people", year=2023),
        reach(count=3, unit="places", year=2023),
        reach(count=6, unit="people", period={"start": "2023-09", "end": "2023-09"}),
        reach(count=180, unit="people", period={"start": 2022, "end": 2024}),
        reach(count=4),
    ]
    assert reach_totals(figures, 2023, 2023) == {ReachUnit.PEOPLE: 51, ReachUnit.PLACES: 3}
    assert list(reach_totals(figures, 2022, 2024)) == [ReachUnit.PEOPLE, ReachUnit.PLACES]
    assert reach_totals(figures, 2022, 2024)[ReachUnit.PEOPLE] == 231


def test_a_figure_spans_a_year_it_is_for_with_others() -> None:
    """The figures the annual key figure names beside its total ('därtill ...')."""
    course = reach(unit="people", period={"start": "2022-09", "end": "2024-08"})
    assert [reach_spans(course, y) for y in (2021, 2022, 2023, 2024, 2025)] == [
        False, True, True, True, False,
    ]  # fmt: skip
    assert not reach_spans(reach(unit="people", year=2023), 2023)  # counted, not spanning
    assert not reach_spans(reach(period={"start": 2022, "end": 2024}), 2023)  # no unit

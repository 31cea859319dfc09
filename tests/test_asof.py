"""What was known on a day (`domain.asof`): each record as its own dates say it stood."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from intstrat.domain import annual
from intstrat.domain.asof import known, partner_as_of, project_as_of
from intstrat.format.models import Outcome, Partner, Project, Status
from intstrat.format.values import PartialDate

DAY = dt.date(2025, 6, 30)


def make(**data: Any) -> Project:
    return Project.model_validate({"id": "p", "title": "P", "owner": "u", **data})


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (PartialDate(2025, 6, 30), True),
        (PartialDate(2025, 7, 1), False),
        (PartialDate(2025, 6), True),  # June is not after 30 June
        (PartialDate(2025), True),  # nor is 2025
        (PartialDate(2026), False),
    ],
)
def test_an_event_is_known_unless_it_lies_after_the_day(date: PartialDate, expected: bool) -> None:
    assert known(date, DAY) is expected


def test_work_not_started_by_then_did_not_run() -> None:
    p = project_as_of(make(status="completed", period={"start": "2025-09", "end": 2026}), DAY)
    assert p.status is Status.PLANNED
    assert not annual.ran_in(p, 2025)


def test_work_ending_later_was_running_and_had_not_finished() -> None:
    original = make(status="completed", period={"start": 2024, "end": "2025-11"})
    p = project_as_of(original, DAY)
    assert p.status is Status.ONGOING
    assert p.period is not None and p.period.end is None
    assert annual.ran_in(p, 2025) and not annual.finished_in(p, 2025)
    assert annual.finished_in(original, 2025)


def test_applications_submitted_or_decided_later() -> None:
    later = project_as_of(
        make(status="applied", application={"funder": "icld", "submitted": "2025-09"}), DAY
    )
    assert later.application is None and later.status is Status.IDEA
    pending = project_as_of(
        make(
            status="rejected",
            application={
                "funder": "icld",
                "submitted": "2025-02",
                "decided": "2025-08-14",
                "outcome": "rejected",
            },
        ),
        DAY,
    )
    assert pending.application is not None
    assert (pending.application.outcome, pending.application.decided) == (Outcome.PENDING, None)
    assert pending.status is Status.APPLIED
    assert annual.submitted_in(pending.application, 2025)
    assert not annual.decided_in(pending.application, 2025)


def test_results_trips_and_reach_of_later_do_not_exist() -> None:
    p = project_as_of(
        make(
            status="ongoing",
            period={"start": 2024},
            results=[
                {"id": "a", "title": "A", "date": "2025-06"},
                {"id": "b", "title": "B", "date": "2025-07"},
            ],
            travel=[{"date": "2025-05", "destination": "XK"}, {"date": 2026, "destination": "XK"}],
            reach=[
                {"count": 5, "who": "x", "unit": "people", "year": 2024},
                {"count": 6, "who": "y", "unit": "people", "year": 2025},  # 2025 not over
                {"count": 7, "who": "z"},
            ],
        ),
        DAY,
    )
    assert [r.id for r in p.results] == ["a"]
    assert [str(t.date) for t in p.travel] == ["2025-05"]
    assert [r.count for r in p.reach] == [5, 7]


def test_a_record_with_nothing_later_is_the_same_object() -> None:
    p = make(status="completed", period={"start": 2020, "end": 2021})
    assert project_as_of(p, DAY) is p


def test_partnerships_by_their_dates() -> None:
    partner = Partner.model_validate(
        {"id": "x", "name": "X", "type": "municipality", "country": "XK", "since": 2026}
    )
    assert partner_as_of(partner, DAY).since is None
    ended = Partner.model_validate(
        {"id": "x", "name": "X", "type": "municipality", "country": "XK", "until": "2025-12"}
    )
    assert partner_as_of(ended, DAY).until is None


def test_started_in_needs_work_that_ran() -> None:
    assert annual.started_in(make(status="ongoing", period={"start": "2024-03"}), 2024)
    assert not annual.started_in(make(status="planned", period={"start": "2024-03"}), 2024)
    assert not annual.started_in(make(status="ongoing", period={"start": "2023-12"}), 2024)

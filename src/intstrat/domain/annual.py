"""What belongs in year Y: the rules of the annual summary, defined once.

* A project, pre-study, network or activity is in year Y when it actually ran
  (status ongoing or completed) and its period overlaps Y. Work that was only
  an idea, planned, applied for, rejected or cancelled did not run.
* It *finished* in Y when it is completed and its period ends in Y.
* It *started* in Y when it ran and its period starts in Y (the follow-up of a
  mandate period counts work started and ended per year).
* An application is *submitted* in the year of its `submitted` date, whatever
  its outcome and whenever it was decided.
* A *decision* (granted or rejected) belongs to the year of its `decided` date:
  an application submitted in 2023 and granted in January 2024 is a decision of
  2024, and its money is granted in 2024. A decision without a date counts in
  the year the application was submitted (the only year we know), and is
  labelled as undated wherever it is shown.
* A result belongs to the year of its date, whichever project it came from.
* A trip belongs to the year of its date.
* A reach figure is added to the total of a year only when it says what it counts
  (`unit`) and its own time frame (`year`, or `period`) is that year: 180 course
  participants over 2022-2024 are not 180 participants in 2023. A figure without a
  unit or a time frame is shown with its project and never summed.
* A span of several years (a mandate period, for its follow-up) adds the figures
  with a unit whose time frame *ends* inside it, wherever it began, as a completed
  project counts where it ends: the 180 participants of 2022-2024 count in 2023-2026
  and not in 2019-2022. Consecutive periods then count each figure once, and a
  figure that crosses the line between two periods is never lost between them.

Year, month and day precision all work: a period `2021-02 .. 2022-01` is in
2021 and 2022, and finished in 2022.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from intstrat.format.models import (
    OWN_FUNDER,
    RAN,
    Application,
    Outcome,
    Project,
    Reach,
    ReachUnit,
    Result,
    Status,
    Trip,
)


def ran_in(project: Project, year: int) -> bool:
    return (
        project.status in RAN and project.period is not None and project.period.overlaps_year(year)
    )


def finished_in(project: Project, year: int) -> bool:
    return (
        project.status is Status.COMPLETED
        and project.period is not None
        and project.period.ends_in(year)
    )


def started_in(project: Project, year: int) -> bool:
    """It ran (ongoing or completed), and its period starts in `year`."""
    return (
        project.status in RAN and project.period is not None and project.period.start.year == year
    )


def submitted_in(application: Application | None, year: int) -> bool:
    return application is not None and application.submitted.year == year


def decision_year(application: Application | None) -> int | None:
    """The year the application was decided; None while it is pending.

    An undated decision is placed in the year of submission (see the module
    docstring); `decision_dated` tells the two apart.
    """
    if application is None or application.outcome == Outcome.PENDING:
        return None
    return (application.decided or application.submitted).year


def decision_dated(application: Application) -> bool:
    """True when the decision has its own date (False for pending or undated ones)."""
    return application.outcome != Outcome.PENDING and application.decided is not None


def decided_in(application: Application | None, year: int) -> bool:
    """Granted or rejected by a decision of `year`, whenever it was submitted."""
    return decision_year(application) == year


def granted_in(application: Application | None, year: int) -> bool:
    """Granted, by a decision taken in `year` (or submitted in it, if undated)."""
    return (
        application is not None
        and application.outcome == Outcome.GRANTED
        and decided_in(application, year)
    )


def result_in(result: Result, year: int) -> bool:
    return result.date.year == year


def trip_in(trip: Trip, year: int) -> bool:
    return trip.date.year == year


# ------------------------------------------------------------------ reach


def reach_years(reach: Reach) -> tuple[int, int] | None:
    """The first and last year a reach figure is for, or None if it does not say.

    A period without an end is still running, so its last year is unknown (None).
    """
    if reach.year is not None:
        return reach.year, reach.year
    if reach.period is not None and reach.period.end is not None:
        return reach.period.start.year, reach.period.end.year
    return None


def reach_within(reach: Reach, first: int, last: int) -> bool:
    """Whether the figure may be added to the total of the years `first`..`last`.

    It must say what it counts; for one year it must be for that year, for several its
    time frame must end inside them. See the module docstring for why a figure for a
    longer period is never counted in one year, and counts in the period it ends in.
    """
    years = reach_years(reach)
    if reach.unit is None or years is None:
        return False
    if first == last:
        return years == (first, first)
    return first <= years[1] <= last


def counted_in_another_year(figures: Sequence[Reach], i: int, first: int, last: int) -> bool:
    """Whether figure `i` of one project's `figures` is left out of the total of the years
    `first`..`last` because the same group is counted there from another year.

    A project that reaches the same group each year (its staff: 26 in 2025, 31 in 2026)
    writes one figure per year, and each year's total counts it. Over the years those
    are mostly the same people, so a span of years counts the group once, with its
    largest figure (the first of equal ones): 31, never 57. The same group is the same
    text of `who` and the same unit.
    """
    mine = figures[i]
    if first == last or not reach_within(mine, first, last):
        return False
    for j, other in enumerate(figures):
        if (
            j != i
            and other.unit == mine.unit
            and other.who == mine.who
            and reach_within(other, first, last)
            and (other.count > mine.count or (other.count == mine.count and j < i))
        ):
            return True
    return False


def funding_without_application(project: Project) -> bool:
    """Whether the project has funding from others (not `own`) but no application: a
    grant with no decision date, which no year's granted funding can count."""
    return project.application is None and any(f.funder != OWN_FUNDER for f in project.funding)


def reach_spans(reach: Reach, year: int) -> bool:
    """Whether the figure says what it counts and is for several years, `year` among them:
    part of the year's work, but never added to the year's total (`reach_in`)."""
    years = reach_years(reach)
    return (
        reach.unit is not None
        and years is not None
        and years[0] <= year <= years[1]
        and years != (year, year)
    )


def reach_in(reach: Reach, year: int) -> bool:
    """Whether the figure is added to the total of the annual summary of `year`."""
    return reach_within(reach, year, year)


def reach_totals(figures: Iterable[Reach], first: int, last: int) -> dict[ReachUnit, int]:
    """The sum per unit of the figures that count in `first`..`last`, in unit order.

    Only like is added to like: people to people, places to places.
    """
    totals: dict[ReachUnit, int] = defaultdict(int)
    for reach in figures:
        if reach_within(reach, first, last):
            assert reach.unit is not None
            totals[reach.unit] += reach.count
    return {unit: totals[unit] for unit in ReachUnit if unit in totals}

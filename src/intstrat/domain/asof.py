"""What was known on a day: the records as they stood then, by their own dates.

`intstrat followup 2023-2026 --as-of 2026-12-31` follows up a period with only
what the records themselves say had happened by that day. The rule, per record:

* An event is known when its date is not after the day, at the precision it is
  written: `2026-12` is not after 2026-12-15, `2027` is. Events are a period's
  start and end, an application's submission and decision, a result, a trip.
* Work that had not started by then did not run (it counts as planned).
* Work that had started but not ended by then was running: a completed project
  whose end is later counts as ongoing, with its end not yet known.
* An application submitted later did not exist; one decided later was pending.
* Results and trips dated later did not exist.
* A reach figure is known once the year or period it counts is over (its last
  day is not after the day); a figure for 2026 is not known on 2026-06-30.
* A partnership that began later did not exist yet; one that ended later was
  still running.

Everything else is taken from the records as they are now: a record entered or
corrected later (a result of 2026 recorded in 2027) still counts. To reproduce
a follow-up from the data exactly as it was, render it from a git revision
(`--rev`, see `intstrat.loading.revision`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from intstrat.format.models import RAN, Outcome, Partner, Project, Reach, Status
from intstrat.format.values import PartialDate, Period
from intstrat.loading.repository import Entry, Repository


def known(date: PartialDate, day: dt.date) -> bool:
    """Whether an event dated `date` had happened by `day` (compared at its own precision)."""
    return date.first_day <= day


def _reach_known(reach: Reach, day: dt.date) -> bool:
    if reach.year is not None:
        return dt.date(reach.year, 12, 31) <= day
    if reach.period is not None:
        end = reach.period.end
        return end is not None and end.last_day <= day
    return True  # without a time frame it is never added up anyway


def project_as_of(project: Project, day: dt.date) -> Project:
    """The project as its own dates say it stood on `day`."""
    p = project
    changes: dict[str, object] = {}
    period = p.period
    status = p.status
    if status in RAN and period is not None:
        if not known(period.start, day):
            status = Status.PLANNED
        elif period.end is not None and not known(period.end, day):
            status = Status.ONGOING
            period = Period(start=period.start, end=None)
    application = p.application
    if application is not None:
        if not known(application.submitted, day):
            application = None
            if status in (Status.APPLIED, Status.REJECTED):
                status = Status.IDEA
        elif application.decided is not None and not known(application.decided, day):
            # Decided later: pending then. An undated decision counts in the year of
            # submission (see `annual`), which is known.
            application = application.model_copy(
                update={"outcome": Outcome.PENDING, "decided": None}
            )
            if status is Status.REJECTED:
                status = Status.APPLIED
    if status is not p.status:
        changes["status"] = status
    if period is not p.period:
        changes["period"] = period
    if application is not p.application:
        changes["application"] = application
    results = [r for r in p.results if known(r.date, day)]
    if len(results) != len(p.results):
        changes["results"] = results
    travel = [t for t in p.travel if known(t.date, day)]
    if len(travel) != len(p.travel):
        changes["travel"] = travel
    reach = [r for r in p.reach if _reach_known(r, day)]
    if len(reach) != len(p.reach):
        changes["reach"] = reach
    return p.model_copy(update=changes) if changes else p


def partner_as_of(partner: Partner, day: dt.date) -> Partner:
    """The partner as its own dates say it stood on `day`."""
    changes: dict[str, object] = {}
    if partner.since is not None and not known(partner.since, day):
        changes["since"] = None
    if partner.until is not None and not known(partner.until, day):
        changes["until"] = None
    return partner.model_copy(update=changes) if changes else partner


def repository_as_of(repo: Repository, day: dt.date) -> Repository:
    """The repository with every record as it stood on `day` (see the module docstring).

    Paths stay the same, so the audit trail still points at the real files and lines.
    """
    return dataclasses.replace(
        repo,
        partner_entries=[Entry(e.path, partner_as_of(e.record, day)) for e in repo.partner_entries],
        project_entries=[Entry(e.path, project_as_of(e.record, day)) for e in repo.project_entries],
    )

"""What belongs in year Y: the rules of the annual summary, defined once.

* A project, pre-study, network or activity is in year Y when it actually ran
  (status ongoing or completed) and its period overlaps Y. Work that was only
  an idea, planned, applied for, rejected or cancelled did not run.
* It *finished* in Y when it is completed and its period ends in Y.
* An application belongs to the year it was submitted, whatever its outcome
  and whenever it was decided.
* A result belongs to the year of its date, whichever project it came from.
* A trip belongs to the year of its date.

Year, month and day precision all work: a period `2021-02 .. 2022-01` is in
2021 and 2022, and finished in 2022.
"""

from __future__ import annotations

from intstrat.format.models import RAN, Application, Project, Result, Status, Trip


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


def submitted_in(application: Application | None, year: int) -> bool:
    return application is not None and application.submitted.year == year


def result_in(result: Result, year: int) -> bool:
    return result.date.year == year


def trip_in(trip: Trip, year: int) -> bool:
    return trip.date.year == year


def granted_in(application: Application | None, year: int) -> bool:
    """Granted, by a decision taken in `year` (or submitted in it, if undated)."""
    if application is None or application.outcome != "granted":
        return False
    decided = application.decided or application.submitted
    return decided.year == year

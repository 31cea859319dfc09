"""What counts as external and as EU funding, defined once for every output.

`funders_of` is every external funder a project names (the web site's pages); the
queries (`stats` sums, `list --funder` and `--eu` filter) count only funding received:

* `own` is the organisation itself, not external funding.
* A line from a funder the project applied to counts only when that application was
  granted: pending or rejected, it is money asked for, not money received.
* A line from a funder the project did not apply to counts when the work ran (ongoing
  or completed): the funding of an idea, a plan, an application, a rejected or a
  cancelled project was hoped for, not received.
* A granted application's funder funds the project, with or without a funding line.
* Money (a grant, cash, or a line that does not say) is summed apart from a contribution
  in kind (`in-kind`, `staff-time`): one is cash, the other is not, and they are never
  added together.
"""

from __future__ import annotations

from intstrat.format.models import OWN_FUNDER, RAN, Config, Funding, FundingKind, Outcome, Project


def funders_of(project: Project) -> list[str]:
    """External funders: of its funding, and of its application if granted."""
    ids = [f.funder for f in project.funding if f.funder != OWN_FUNDER]
    application = project.application
    if application is not None and application.outcome == "granted":
        ids.append(application.funder)
    return list(dict.fromkeys(ids))


def is_eu(project: Project, config: Config | None) -> bool:
    """Funded by a funder marked `eu: true` in intstrat.yaml, by the rule of `funders`:
    an EU application pending or rejected is no EU funding."""
    if config is None:
        return False
    eu = {f.id for f in config.funders if f.eu}
    return any(funder in eu for funder in funders(project))


#: Kinds of funding that are not cash: summed apart from the money.
IN_KIND = frozenset({FundingKind.IN_KIND, FundingKind.STAFF_TIME})


def received(project: Project, line: Funding) -> bool:
    """Whether an external funding line is funding the project has (see the module)."""
    if line.funder == OWN_FUNDER:
        return False
    application = project.application
    if application is not None and application.funder == line.funder:
        return application.outcome == Outcome.GRANTED
    return project.status in RAN


def in_kind(line: Funding) -> bool:
    """A contribution in kind (goods, services, staff time), not money."""
    return line.kind in IN_KIND


def lines(project: Project) -> list[Funding]:
    """The project's external funding lines that count (`received`)."""
    return [line for line in project.funding if received(project, line)]


def unreceived(project: Project) -> list[Funding]:
    """External funding lines with an amount that do not count: asked for, not received."""
    return [
        line
        for line in project.funding
        if line.funder != OWN_FUNDER and line.amount is not None and not received(project, line)
    ]


def funders(project: Project) -> list[str]:
    """The external funders that fund the project: of its funding lines that count, and of
    its application if granted (in that order, each once)."""
    ids = [line.funder for line in lines(project)]
    application = project.application
    if application is not None and application.outcome == Outcome.GRANTED:
        ids.append(application.funder)
    return list(dict.fromkeys(ids))

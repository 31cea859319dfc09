"""What counts as external and as EU funding, defined once for every output."""

from __future__ import annotations

from intstrat.format.models import OWN_FUNDER, Config, Project


def funders_of(project: Project) -> list[str]:
    """External funders: of its funding, and of its application if granted."""
    ids = [f.funder for f in project.funding if f.funder != OWN_FUNDER]
    application = project.application
    if application is not None and application.outcome == "granted":
        ids.append(application.funder)
    return list(dict.fromkeys(ids))


def is_eu(project: Project, config: Config | None) -> bool:
    """Funded by a funder marked `eu: true` in intstrat.yaml."""
    if config is None:
        return False
    eu = {f.id for f in config.funders if f.eu}
    return any(funder in eu for funder in funders_of(project))

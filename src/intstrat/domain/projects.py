"""What "N projekt och förstudier" counts, defined once for every output.

The brochure's fact boxes and the site's partnership cards and strategic areas
all say how many projects and pre-studies there are; a reader who holds the
brochure beside the site must find the same number. Work counts when it ran
(status ongoing or completed, as in the annual summary) and is a project or a
pre-study: not an idea or a plan, not a study visit or other single activity,
not a network membership.
"""

from __future__ import annotations

from collections.abc import Iterable

from intstrat.format.models import RAN, Kind, Project
from intstrat.i18n import Words

#: The kinds of work counted as projects ("13 projekt och förstudier").
PROJECT_KINDS = (Kind.PROJECT, Kind.PRESTUDY)


def is_counted(project: Project) -> bool:
    """Whether `project` is one of the "projekt och förstudier"."""
    return project.status in RAN and project.kind in PROJECT_KINDS


def counted(projects: Iterable[Project]) -> list[Project]:
    return [p for p in projects if is_counted(p)]


def count_text(words: Words, key: str, n: int) -> str:
    """`13 projekt och förstudier`, `1 projekt`: the count with the words for it.

    `key` names the plural text; `key_one` is the singular, since "1 projekt och
    förstudier" is not Swedish.
    """
    return words(f"{key}_one" if n == 1 else key, n=n)

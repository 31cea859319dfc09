"""What "N projekt och förstudier" counts (`domain.projects`), shared by the brochure and the site."""

from __future__ import annotations

import pytest

from intstrat.domain.projects import count_text, counted, is_counted
from intstrat.format.models import Kind, Project, Status
from intstrat.i18n import Words


def _project(kind: str, status: str) -> Project:
    data: dict[str, object] = {
        "id": "p",
        "title": "P",
        "kind": kind,
        "status": status,
        "owner": "u",
    }
    if status in ("ongoing", "completed"):
        data["period"] = {"start": 2020, "end": 2021} if status == "completed" else {"start": 2020}
    return Project.model_validate(data)


@pytest.mark.parametrize("kind", [str(k) for k in Kind])
@pytest.mark.parametrize("status", [str(s) for s in Status if s not in ("applied", "rejected")])
def test_only_projects_and_prestudies_that_ran_count(kind: str, status: str) -> None:
    expected = kind in ("project", "prestudy") and status in ("ongoing", "completed")
    assert is_counted(_project(kind, status)) is expected


def test_counted_keeps_the_order() -> None:
    a, b = _project("prestudy", "completed"), _project("activity", "completed")
    c = _project("project", "ongoing")
    assert counted([a, b, c]) == [a, c]


def test_one_is_said_in_the_singular() -> None:
    sv, en = Words("sv"), Words("en")
    assert count_text(sv, "br_partner_projects", 1) == "1 projekt"
    assert count_text(sv, "br_partner_projects", 6) == "6 projekt och förstudier"
    assert count_text(en, "br_partner_projects", 0) == "0 projects and pre-studies"

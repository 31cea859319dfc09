from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from pydantic import BaseModel

from intstrat.format.emit import dump_record
from intstrat.format.models import Config, Partner, Project
from intstrat.loading.parse import parse
from tests.strategies import partners, projects


def reload(model: BaseModel) -> BaseModel:
    data, problems = parse(dump_record(model))
    assert problems == []
    return type(model).model_validate(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects)
def test_projects_survive_load_dump_load(data: dict[str, Any]) -> None:
    project = Project.model_validate(data)
    again = reload(project)
    assert again == project
    assert again.model_dump(mode="json") == project.model_dump(mode="json")


@settings(max_examples=50, deadline=None)
@given(partners)
def test_partners_survive_load_dump_load(data: dict[str, Any]) -> None:
    partner = Partner.model_validate(data)
    assert reload(partner) == partner


def test_config_defaults() -> None:
    config = Config.model_validate({"format": 1, "organisation": {"name": "Växjö kommun"}})
    assert config.language == "sv"
    assert config.organisation.country == "SE"
    assert config.units == []


def test_dump_writes_only_keys_that_were_given_in_model_order() -> None:
    project = Project.model_validate(
        {"status": "ongoing", "owner": "x", "title": "T", "id": "p", "sdgs": [4]}
    )
    assert dump_record(project).splitlines() == [
        "id: p",
        "title: T",
        "status: ongoing",
        "owner: x",
        "sdgs:",
        "  - 4",
    ]

"""JSON Schemas for editors and other tools, generated from the models.

Never edit the files in schemas/ by hand: `intstrat schema -o schemas` writes
them and `intstrat schema -o schemas --check` (run in CI) fails when they are
stale.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from intstrat.fileio import write_atomic
from intstrat.format.models import Config, Partner, Project

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMAS: dict[str, type[BaseModel]] = {"project": Project, "partner": Partner, "config": Config}
TITLES = {
    "project": "intstrat project (data/projects/<id>.yaml), format 1",
    "partner": "intstrat partner (data/partners/<id>.yaml), format 1",
    "config": "intstrat repository config (intstrat.yaml), format 1",
}


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def json_schema(kind: str) -> dict[str, Any]:
    schema = SCHEMAS[kind].model_json_schema()
    return {"$schema": DRAFT, "$id": file_name(kind), **schema, "title": TITLES[kind]}


def render(kind: str) -> str:
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"


def stale_schemas(out: Path, kinds: list[str]) -> list[Path]:
    """Schema files in `out` that are missing or differ from the models."""
    stale = []
    for kind in kinds:
        path = out / file_name(kind)
        if not path.is_file() or path.read_text(encoding="utf-8") != render(kind):
            stale.append(path)
    return stale


def write_schemas(out: Path, kinds: list[str]) -> list[Path]:
    written = []
    for kind in kinds:
        path = out / file_name(kind)
        write_atomic(path, render(kind))
        written.append(path)
    return written

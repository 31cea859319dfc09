"""YAML text from records, written with ruamel.yaml (YAML 1.2, block style).

The counterpart of `parse`: what `emit` writes, `parse` reads back to the same
values (a property test holds the two together).
"""

from __future__ import annotations

import io
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML


def yaml_writer() -> YAML:
    writer = YAML(typ="rt")
    writer.width = 100
    writer.indent(mapping=2, sequence=4, offset=2)
    writer.allow_unicode = True
    return writer


def dump_data(data: Any) -> str:
    stream = io.StringIO()
    yaml_writer().dump(data, stream)
    return stream.getvalue()


def record_data(record: BaseModel) -> dict[str, Any]:
    """The record as plain YAML data: only keys that were written, in model order."""
    data: dict[str, Any] = record.model_dump(mode="json", exclude_unset=True)
    return data


def dump_record(record: BaseModel) -> str:
    return dump_data(record_data(record))

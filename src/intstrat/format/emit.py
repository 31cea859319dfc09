"""YAML text from records, written with ruamel.yaml (YAML 1.2, block style).

The counterpart of `parse`: what `emit` writes, `parse` reads back to the same
values (a property test holds the two together).
"""

from __future__ import annotations

import io
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.resolver import VersionedResolver

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _CoreResolver(VersionedResolver):
    """ruamel's YAML 1.2 resolver without its timestamps.

    intstrat reads plain scalars by YAML 1.2's core schema, where `2024-02-10` is text
    (`parse.resolve_plain`). ruamel still resolves it as a timestamp and so quoted every
    full date it wrote (`start: '2024-02-10'`), unlike a month (`2024-02`) and unlike
    the records people write.
    """

    def add_version_implicit_resolver(
        self, version: Any, tag: Any, regexp: Any, first: Any
    ) -> None:
        if tag != _TIMESTAMP:
            super().add_version_implicit_resolver(version, tag, regexp, first)


def yaml_writer() -> YAML:
    writer = YAML(typ="rt")
    writer.Resolver = _CoreResolver
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

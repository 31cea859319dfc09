"""Pydantic's validation errors, retold as diagnostics a contact person can act on.

Pydantic says `('results', 0, 'date'): Input should be ...`; a contact person
needs `data/projects/x.yaml:31:11: error S005 results[0].date: '2021-13' is not
a date; write ...`. Positions come from a second, position-tracking parse of
the file, made only for files that have errors.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from intstrat.loading.diagnostics import Diagnostic, did_you_mean
from intstrat.loading.parse import Loc, Span, locate

_CUSTOM_CODES = {
    "intstrat_date": "S005",
    "intstrat_slug": "S006",
    "intstrat_country": "S007",
    "intstrat_currency": "S008",
    "intstrat_range": "S009",
    "intstrat_type": "S004",
    "intstrat_value": "S011",
    "intstrat_length": "S012",
}
_RANGE_TYPES = {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}
_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list, such as [a, b] or lines starting with '- '",
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values",
    "model_attributes_type": "a mapping of keys to values",
}


def describe(value: object) -> str:
    """How a value looks to the person who wrote it."""
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def dotted(loc: Loc) -> str:
    """`('results', 0, 'date')` -> `results[0].date`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _unwrap(annotation: Any) -> Any:
    """The model inside `X | None`, `list[X]` and `Annotated[X, ...]`, if any."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (list, typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            annotation = models[0] if models else (args[0] if len(args) == 1 else None)
        else:
            return annotation


def model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that validates the mapping at `loc`, for naming its keys."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _unwrap(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _message(error: ErrorDetails, model: type[BaseModel]) -> tuple[str, str, Loc]:
    """(code, message, loc to point at) for one pydantic error."""
    loc: Loc = tuple(error["loc"])
    kind = error["type"]
    where = dotted(loc)
    if kind == "extra_forbidden":
        key = str(loc[-1])
        parent = model_at(model, loc[:-1])
        known = list(parent.model_fields) if parent else []
        hint = did_you_mean(key, known)
        where_in = f" in {dotted(loc[:-1])}" if len(loc) > 1 else ""
        return "S001", f"unknown key '{key}'{where_in}{hint}", loc
    if kind == "missing":
        inside = dotted(loc[:-1])
        return (
            "S002",
            f"missing required key '{loc[-1]}'" + (f" in {inside}" if inside else ""),
            loc[:-1],
        )
    if kind in ("enum", "literal_error"):
        if model.__name__ == "Config" and loc == ("format",):
            return (
                "S010",
                f"format {error['input']!r} is not one this intstrat can read (it reads "
                "format 1); upgrade intstrat, or write 'format: 1'",
                loc,
            )
        choices = re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", "")))
        value = error["input"]
        hint = did_you_mean(str(value), choices) if isinstance(value, str) else ""
        if not hint:
            hint = "; expected one of: " + ", ".join(f"'{c}'" for c in choices)
        return "S003", f"{where}: {describe(value)} is not allowed{hint}", loc
    if kind in _CUSTOM_CODES:
        return _CUSTOM_CODES[kind], f"{where}: {error['msg']}", loc
    if kind in _RANGE_TYPES:
        return "S009", f"{where}: {error['msg'].replace('Input should be', 'must be')}", loc
    if kind in _EXPECTED:
        expected = _EXPECTED[kind]
        got = describe(error["input"])
        hint = ""
        if kind == "string_type" and isinstance(error["input"], int | float):
            hint = "; put the value in quotes"
        return "S004", f"{where}: expected {expected}, got {got}{hint}", loc
    if kind == "string_too_short":
        return "S011", f"{where}: must not be empty", loc
    if kind == "string_too_long":
        limit = error.get("ctx", {}).get("max_length")
        length = len(error["input"]) if isinstance(error["input"], str) else 0
        return (
            "S012",
            f"{where}: is {length} characters long, more than the {limit} it may have; shorten it",
            loc,
        )
    return "S011", f"{where}: {error['msg']}", loc


def schema_diagnostics(
    exc: ValidationError,
    model: type[BaseModel],
    path: str,
    positions: dict[Loc, Span],
    refused: Iterable[Loc] = (),
) -> Iterator[Diagnostic]:
    """One diagnostic per pydantic error, placed at the key or item at fault.

    Errors about values in `refused` (or inside them, or containing them) are left
    out: those values have their own diagnostic already (see `bounds`).
    """
    skip = [r for r in refused if r]
    for error in exc.errors(include_url=False):
        given: Loc = tuple(error["loc"])
        if given and any(given[: len(r)] == r or r[: len(given)] == given for r in skip):
            continue
        code, message, loc = _message(error, model)
        if loc:
            line, column = locate(positions, loc, key=True)
        else:  # the record itself: point at its first key, not at a comment above it
            line, column = min(
                ((s[0], s[1]) for k, s in positions.items() if len(k) == 1), default=(1, 1)
            )
        yield Diagnostic(path, line, column, code, message)

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
from pydantic_core import ErrorDetails, PydanticCustomError

from intstrat.i18n import N_, _, grouped
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
_EXPECTED = {
    "string_type": N_("text"),
    "int_type": N_("a whole number"),
    "int_parsing": N_("a whole number"),
    "int_from_float": N_("a whole number"),
    "float_type": N_("a number"),
    "float_parsing": N_("a number"),
    # YAML's words, which no language changes: `ja`, `sant` and `yes` are text.
    "bool_type": N_("true or false (yes and no are written true and false)"),
    "bool_parsing": N_("true or false (yes and no are written true and false)"),
    "list_type": N_("a list, such as [a, b] or lines starting with '- '"),
    "dict_type": N_("a mapping of keys to values"),
    "model_type": N_("a mapping of keys to values"),
    "model_attributes_type": N_("a mapping of keys to values"),
}


def describe(value: object) -> str:
    """How a value looks to the person who wrote it."""
    if value is None:
        return _("nothing (the value is empty)")
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, int | float):
        return _("the number {value}").format(value=value)
    if isinstance(value, str):
        return _("the text '{value}'").format(value=value)
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    return type(value).__name__


def field_path(loc: Loc) -> str:
    """Where a value is, as the person who wrote the file counts: `('results', 0,
    'date')` -> `results › item 1 › date` (a list's items from 1, in their language).

    The keys stay as they are written in the file; `results[0].date` read as the
    first result only to a programmer.
    """
    return " › ".join(
        _("item {number}").format(number=part + 1) if isinstance(part, int) else part
        for part in loc
    )


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


#: A number the format wrote with English digit groups, to regroup in the reader's language.
_GROUPED = re.compile(r"-?\d{1,3}(?:,\d{3})+")


def value_message(error: PydanticCustomError) -> str:
    """The message of a value the format refused outside a record (a date `new` asks
    for), translated as `check` says it."""
    details = {
        "type": error.type,
        "loc": (),
        "msg": error.message(),
        "input": (error.context or {}).get("value"),
        "ctx": error.context or {},
    }
    return _custom(typing.cast(ErrorDetails, details))


def date_problem(value: str) -> str | None:
    """What is wrong with a date typed outside a record (`new`'s answers, `--today`), in
    the words `check` uses for one in a record; None for a good date."""
    from intstrat.format.values import PartialDate

    try:
        PartialDate.parse(int(value) if value.isdigit() else value)
    except PydanticCustomError as exc:
        return value_message(exc)
    return None


def country_named(value: object) -> str | None:
    """The code of the country whose name (in Swedish or English) `value` is:
    `Litauen` or `Lithuania` -> `LT`, as `list --country` reads a name."""
    from intstrat.format.values import country_codes, fold
    from intstrat.formats import LANGUAGES
    from intstrat.i18n import Words

    if not isinstance(value, str) or not value.strip():
        return None
    wanted = fold(value).strip()
    for lang in LANGUAGES:
        words = Words(lang)
        for code in sorted(country_codes()):
            if fold(words.country(code)) == wanted:
                return code
    return None


def _custom(error: ErrorDetails) -> str:
    """The message of an error raised by the format (`format.values.invalid`), translated."""
    context = dict(error.get("ctx") or {})
    template = context.pop("template", None)
    phrases = context.pop("phrases", ())
    if not isinstance(template, str):
        return error["msg"]
    for key in phrases:
        context[key] = _(str(context[key]))
    for key, value in context.items():
        if key == "got":  # the value itself, as it looks to the person who wrote it
            context[key] = describe(value)
        elif isinstance(value, str) and _GROUPED.fullmatch(value):  # "1,000,000" from the format
            context[key] = grouped(int(value.replace(",", "")))
    try:
        return str(_(template).format(**context))
    except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder
        return error["msg"]


#: What a range check says, per pydantic error type and its context key.
_RANGE_WORDS = {
    "greater_than": (N_("must be more than {limit}"), "gt"),
    "greater_than_equal": (N_("must be at least {limit}"), "ge"),
    "less_than": (N_("must be less than {limit}"), "lt"),
    "less_than_equal": (N_("must be at most {limit}"), "le"),
}


def schema_message(
    error: ErrorDetails, model: type[BaseModel], where: str | None = None
) -> tuple[str, str, Loc]:
    """(code, message, loc to point at) for one pydantic error, in the current language.

    `where` names the value at fault (default: its place in the file, `results[0].date`);
    `intstrat new` names the option that gave it instead.
    """
    loc: Loc = tuple(error["loc"])
    kind = error["type"]
    if where is None:
        where = field_path(loc)
    if kind == "extra_forbidden":
        key = str(loc[-1])
        parent = model_at(model, loc[:-1])
        known = list(parent.model_fields) if parent else []
        hint = did_you_mean(key, known)
        if not hint:  # no near miss: say what to do with it
            hint = (
                _("; remove it, or move it under 'extra:', where a record keeps data of its own")
                if "extra" in known
                else _("; remove it")
            )
        if len(loc) > 1:
            message = _("unknown key '{key}' in {where}").format(
                key=key, where=field_path(loc[:-1])
            )
        else:
            message = _("unknown key '{key}'").format(key=key)
        return "S001", message + hint, loc
    if kind == "missing":
        inside = field_path(loc[:-1])
        if inside:
            message = _("missing required key '{key}' in {where}").format(key=loc[-1], where=inside)
        else:
            message = _("missing required key '{key}'").format(key=loc[-1])
        return "S002", message, loc[:-1]
    if kind in ("enum", "literal_error"):
        if model.__name__ == "Config" and loc == ("format",):
            return (
                "S010",
                _(
                    "format {value} is not one this intstrat can read (it reads format 1); "
                    "upgrade intstrat, or write 'format: 1'"
                ).format(value=repr(error["input"])),
                loc,
            )
        choices = re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", "")))
        value = error["input"]
        hint = did_you_mean(str(value), choices) if isinstance(value, str) else ""
        if not hint:
            hint = _("; expected one of: {choices}").format(
                choices=", ".join(f"'{c}'" for c in choices)
            )
        message = _("{where}: {value} is not allowed").format(where=where, value=describe(value))
        return "S003", message + hint, loc
    if kind == "intstrat_country" and (code := country_named(error["input"])):
        message = _(
            "{where}: '{value}' is the name of a country, not its code; did you mean {code}?"
        ).format(where=where, value=error["input"], code=code)
        return "S007", message, loc
    if kind in _CUSTOM_CODES:
        return _CUSTOM_CODES[kind], f"{where}: {_custom(error)}", loc
    if kind in _RANGE_WORDS:
        words, key = _RANGE_WORDS[kind]
        limit = error.get("ctx", {}).get(key)
        return "S009", f"{where}: " + _(words).format(limit=limit), loc
    if kind in _EXPECTED:
        expected = _(_EXPECTED[kind])
        got = describe(error["input"])
        message = _("{where}: expected {expected}, got {got}").format(
            where=where, expected=expected, got=got
        )
        if kind == "string_type" and isinstance(error["input"], int | float):
            message += _("; put the value in quotes")
        return "S004", message, loc
    if kind == "string_too_short":
        return "S011", _("{where}: must not be empty").format(where=where), loc
    if kind == "string_too_long":
        limit = error.get("ctx", {}).get("max_length")
        length = len(error["input"]) if isinstance(error["input"], str) else 0
        return (
            "S012",
            _(
                "{where}: is {length} characters long, more than the {limit} it may have; "
                "shorten it"
            ).format(where=where, length=length, limit=limit),
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
        code, message, loc = schema_message(error, model)
        if loc:
            line, column = locate(positions, loc, key=True)
        else:  # the record itself: point at its first key, not at a comment above it
            line, column = min(
                ((s[0], s[1]) for k, s in positions.items() if len(k) == 1), default=(1, 1)
            )
        yield Diagnostic(path, line, column, code, message)

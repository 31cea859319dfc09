"""Bounds every value of a record keeps, whatever its field (the schema layer's first pass).

The models bound each field they know (counts, amounts, names). This pass covers
every value, `extra:` and keys included, for what no output can take: numbers
that are not finite or do not fit in 64 bits (JSON, SQLite and spreadsheets
break on them), invisible control characters (they crashed Word and Excel
output and would be printed raw to a terminal), and texts so long that
documents and the YAML writer choke on them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from intstrat.i18n import N_, _, grouped
from intstrat.loading.parse import (
    BIDI_CONTROLS,
    MAX_INTEGER,
    MAX_STRING_CHARS,
    MIN_INTEGER,
    HugeNumber,
    Loc,
    char_name,
)
from intstrat.loading.validation import field_path

#: The longest text anywhere in a record: a few pages. Summaries, purposes and
#: descriptions are a few paragraphs; longer text belongs in a linked document.
MAX_TEXT_CHARS = MAX_STRING_CHARS
#: Invisible characters a text may not hold: C0 controls but tab and line feed, DEL,
#: C1 controls, lone surrogates and the non-characters U+FFFE and U+FFFF. Word (XML),
#: Excel and terminals all break on some of them.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class OutOfBounds:
    """One value (or key) out of bounds: where, which code, and what to do."""

    loc: Loc
    key: bool
    code: str
    reason: str
    """What is wrong and what to do, without saying where (`message` does)."""

    @property
    def message(self) -> str:
        return f"{field_path(self.loc)}: {self.reason}"


def out_of_bounds(data: Any) -> list[OutOfBounds]:
    """Every value and key of `data` that is out of bounds, in document order."""
    return list(_walk(data, ()))


def _walk(value: Any, loc: Loc) -> Iterator[OutOfBounds]:
    if isinstance(value, dict):
        for key, item in value.items():
            sub = (*loc, key)
            problem = _text_problem(key, N_("the key"))
            if problem is not None:
                yield OutOfBounds(sub, True, problem[0], problem[1])
            yield from _walk(item, sub)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*loc, index))
    elif isinstance(value, str):
        problem = _text_problem(value, N_("the text"))
        if problem is not None:
            yield OutOfBounds(loc, False, problem[0], problem[1])
    elif isinstance(value, HugeNumber):
        yield OutOfBounds(loc, False, "S009", _huge(value.text))
    elif isinstance(value, float) and not math.isfinite(value):
        yield OutOfBounds(loc, False, "S009", _not_finite(value))
    elif isinstance(value, int) and not MIN_INTEGER <= value <= MAX_INTEGER:
        yield OutOfBounds(loc, False, "S009", _huge(str(value)))


def _text_problem(text: str, what: str) -> tuple[str, str] | None:
    if len(text) > MAX_TEXT_CHARS:
        return "S012", _(
            "{what} is {length} characters long, more than the {limit} a text may have; "
            "shorten it, or put the full text in a document and link to it"
        ).format(what=_(what), length=grouped(len(text)), limit=grouped(MAX_TEXT_CHARS))
    match = _CONTROL.search(text)
    if match is not None:
        return "S013", _(
            "{what} holds the invisible control character {char} after '{before}'; remove it "
            "(text may hold tabs and line breaks, but nothing else invisible)"
        ).format(what=_(what), char=char_name(match.group()), before=_before(text, match.start()))
    match = BIDI_CONTROLS.search(text)
    if match is not None:
        return "S013", _(
            "{what} holds the invisible character {char} after '{before}', which changes the "
            "order in which the text after it is shown; remove it (right-to-left text needs "
            "no such character)"
        ).format(what=_(what), char=char_name(match.group()), before=_before(text, match.start()))
    return None


def _before(text: str, end: int) -> str:
    """A few printable characters before a position, to find it by."""
    shown = BIDI_CONTROLS.sub("", _CONTROL.sub("", text[max(0, end - 20) : end]))
    return shown[-12:]


def _huge(text: str) -> str:
    """Said of a number too far from zero, as the file writes it (digits, or `1e400`)."""
    shown = text if len(text) <= 24 else f"{text[:12]}...{text[-4:]}"
    if text.startswith("-"):
        return _(
            "the number {number} is far too small; a number in a record is at least {smallest}"
        ).format(number=shown, smallest=grouped(MIN_INTEGER))
    if not text.lstrip("+").isdigit():  # a decimal such as 1e400
        return _(
            "the number {number} is far too large; a number in a record is at most {largest}"
        ).format(number=shown, largest=grouped(MAX_INTEGER))
    return _(
        "the number {number} ({count} digits) is far too large; a number in a record is at "
        "most {largest}"
    ).format(number=shown, count=len(text.lstrip("+")), largest=grouped(MAX_INTEGER))


def _not_finite(value: float) -> str:
    if value != value:  # noqa: PLR0124  (NaN check)
        return _("'.nan' means 'not a number'; write a number, or leave the value out")
    return _("'{value}' is infinite; write a number, or leave the value out").format(
        value=".inf" if value > 0 else "-.inf"
    )

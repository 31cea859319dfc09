"""The one safe YAML reader behind every record intstrat loads.

Design, measured on a 50-line project file (see docs/performance.md):

* libyaml (through PyYAML's C parser) turns text into *events* in ~0.1 ms; ruamel's
  round-trip loader takes ~5 ms, far too slow for `check` on 10,000 files in CI.
* We never let PyYAML construct objects. We build plain dicts, lists and scalars
  from the events ourselves, resolving plain scalars by the YAML 1.2 core schema
  (so `NO` is the string "NO", `2017-03-15` is a string, `0o17` is octal).
* Tags, anchors, aliases and directives are refused at the event level, so no
  object is ever built from a tag and an alias bomb never expands.
* Positions are only collected when asked for (`positions=`): loading stays cheap
  and memory small, and a file with a finding is simply parsed a second time to
  say where (see `locate`).

The events are read in `events`, imported on the first parse: a warm run parses
nothing and does not import PyYAML. ruamel.yaml is still the library for *writing*
YAML (`fmt`, `new`), where comments must survive.
"""

from __future__ import annotations

import codecs
import functools
import math
import re
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from intstrat.i18n import N_, _

#: Path of a value inside a document: mapping keys and sequence indexes.
Loc = tuple[str | int, ...]
#: Where a value sits: (key line, key column, value line, value column), 1-based.
#: For a sequence item the "key" is the item itself.
Span = tuple[int, int, int, int]

_SPECIAL: dict[str, Any] = {
    "": None,
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)\Z")
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
#: Characters intstrat does not allow in a file. YAML's "printable" set excludes C0
#: controls but tab and line breaks, DEL, C1 controls but NEL, surrogates, U+FFFE/U+FFFF.
#: The line breaks only YAML 1.1 has (NEL, U+2028, U+2029) and a CR without LF are refused
#: too: libyaml starts a new line at them where an editor does not (or YAML 1.2 would
#: not), so every line number after them would be wrong.
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029]"
)
_LONE_CR = re.compile("\r(?!\n)")
#: Bidirectional embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069):
#: they reorder how the text around them is shown, so a title can read differently from
#: what it holds ("Trojan source"). Right-to-left text needs none of them.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_UNPRINTABLE_OR_CR = re.compile(_UNPRINTABLE.pattern + "|" + _LONE_CR.pattern)
#: Either of the two classes above, in one scan of a file: the common file holds
#: neither, and one character class is scanned 4 times faster than the two one by one.
_UNPRINTABLE_OR_BIDI = re.compile(
    _UNPRINTABLE.pattern.removesuffix("]") + BIDI_CONTROLS.pattern.removeprefix("[")
)
#: How deep mappings and lists may nest. Real records need 4 levels; deeper is a
#: mistake or an attack (a recursive reader, ours or another tool's, would crash).
MAX_DEPTH = 64
_TOO_DEEP = N_(
    "lists and mappings are nested more than {depth} levels deep here; a record needs "
    "a few levels: flatten this value"
)
#: Integer literals longer than this are not converted: no record needs them, and
#: converting a 5,000-digit number is slow (CPython refuses it outright).
MAX_INTEGER_CHARS = 40
#: Integers anywhere in a record fit in 64 bits, like SQLite's (see `bounds`).
MIN_INTEGER, MAX_INTEGER = -(2**63), 2**63 - 1
#: The longest text anywhere in a record (see `bounds`).
MAX_STRING_CHARS = 20_000


class HugeNumber:
    """A number too large to be one: an integer too long to be converted, or a decimal
    beyond what a float holds (`1e400`), kept as its text so that the finding (S009)
    quotes what the file says rather than `inf`."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"HugeNumber({self.text[:12]}..., {len(self.text)} characters)"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, HugeNumber) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)


def resolve_plain(value: str) -> Any:
    """The YAML 1.2 core-schema meaning of a plain (unquoted) scalar."""
    if value in _SPECIAL:
        return _SPECIAL[value]
    first = value[0]
    if first in "0123456789+-.":
        if _INT.match(value):
            return int(value, 10) if len(value) <= MAX_INTEGER_CHARS else HugeNumber(value)
        if _OCT.match(value):
            return int(value[2:], 8) if len(value) <= MAX_INTEGER_CHARS else HugeNumber(value)
        if _HEX.match(value):
            return int(value[2:], 16) if len(value) <= MAX_INTEGER_CHARS else HugeNumber(value)
        if _FLOAT.match(value):
            number = float(value)
            return number if math.isfinite(number) else HugeNumber(value)
        if _INF.match(value):
            return float("-inf") if first == "-" else float("inf")
        if _NAN.match(value):
            return float("nan")
    return value


@dataclass(frozen=True, slots=True)
class YamlProblem:
    """A finding of the YAML layer (codes Y001-Y012)."""

    code: str
    line: int
    column: int
    message: str


def decode(raw: bytes) -> str | YamlProblem:
    """UTF-8 text of a file (a byte-order mark is fine), or where it stops being UTF-8."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE 00 00
        return YamlProblem(
            "Y001", 1, 1, _("the file is saved as UTF-32; save it as UTF-8 in your editor")
        )
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_wide(raw):
        return YamlProblem(
            "Y001", 1, 1, _("the file is saved as UTF-16; save it as UTF-8 in your editor")
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        return YamlProblem(
            "Y001",
            line,
            column,
            _(
                "byte 0x{byte:02x} is not valid UTF-8; save the file as UTF-8 (it looks like "
                "Latin-1 or Windows-1252)"
            ).format(byte=raw[exc.start]),
        )


def _looks_wide(raw: bytes) -> bool:
    """UTF-16 (or UTF-32) without a byte-order mark: in text that is mostly ASCII,
    every other byte is zero. A stray NUL in UTF-8 text is not that (see `parse`)."""
    zeros = raw.count(0)
    return zeros >= 2 and zeros * 4 >= len(raw)


def _unprintable(text: str) -> list[YamlProblem]:
    """Where the file holds characters YAML does not allow, one finding per line."""
    problems: list[YamlProblem] = []
    lines: set[int] = set()
    for match in _UNPRINTABLE_OR_CR.finditer(text):
        start = match.start()
        line = text.count("\n", 0, start) + 1
        if line in lines:
            continue
        lines.add(line)
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        problems.append(
            YamlProblem(
                "Y002",
                line,
                column,
                _(
                    "invalid YAML: the invisible character {char} is not allowed in a file; "
                    "remove it, or make it a normal line break (it can come from copying text "
                    "out of another program)"
                ).format(char=char_name(match.group())),
            )
        )
        if len(problems) >= 10:
            break
    return problems


_CONTROL_NAMES = (
    {0x2028: "LINE SEPARATOR", 0x2029: "PARAGRAPH SEPARATOR"}
    | dict(
        enumerate(
            [
                "NUL",
                "SOH",
                "STX",
                "ETX",
                "EOT",
                "ENQ",
                "ACK",
                "BEL",
                "BS",
                "TAB",
                "LF",
                "VT",
                "FF",
                "CR",
                "SO",
                "SI",
                "DLE",
                "DC1",
                "DC2",
                "DC3",
                "DC4",
                "NAK",
                "SYN",
                "ETB",
                "CAN",
                "EM",
                "SUB",
                "ESC",
                "FS",
                "GS",
                "RS",
                "US",
            ]
        )
    )
    | {0x7F: "DEL", 0x85: "NEL", 0x9B: "CSI"}
)


def char_name(char: str) -> str:
    """`U+001B (ESC)`: how to name an invisible character in a message."""
    import unicodedata

    code = ord(char)
    name = _CONTROL_NAMES.get(code) or unicodedata.name(char, "")
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def parse(
    text: str, positions: dict[Loc, Span] | None = None
) -> tuple[dict[str, Any] | None, list[YamlProblem]]:
    """Parse one YAML document that must be a mapping.

    Returns the data (None when any problem was found) and every problem found.
    Fills `positions` with the place of each key and item when given.
    """
    data, problems, _ = parse_record(text, positions)
    return data, problems


def parse_record(
    text: str, positions: dict[Loc, Span] | None = None
) -> tuple[dict[str, Any] | None, list[YamlProblem], bool]:
    """`parse`, and whether a value in the data may be out of bounds (see `bounds`).

    False is the common case, and then no value needs a second look: no number is
    out of 64 bits or not finite (the builder checks each as it makes it), no text
    holds a control character (only a backslash escape can put one there), and no
    text is longer than the file.
    """
    problems = []
    if "\t" in text:
        problems = [
            YamlProblem(
                "Y004",
                text.count("\n", 0, m.start()) + 1,
                m.end() - m.start(),
                _("line is indented with a tab; YAML needs spaces, so replace the tab with spaces"),
            )
            for m in _TAB_INDENT.finditer(text)
        ]
    if problems:
        return None, problems, False
    flagged = _UNPRINTABLE_OR_BIDI.search(text) is not None
    if (flagged and _UNPRINTABLE.search(text)) or ("\r" in text and _LONE_CR.search(text)):
        return None, _unprintable(text), False
    data, unbounded = _events().build(text, problems, positions)
    if data is None:
        return None, problems, False
    if problems:
        return None, problems, False
    suspect = (
        unbounded
        or "\\" in text
        or len(text) > MAX_STRING_CHARS
        or flagged  # by a bidirectional control, since nothing unprintable is left
    )
    return data, problems, suspect


@functools.cache
def _events() -> ModuleType:
    """The event reader, imported once on first use (an import statement in
    `parse_record` would cost 1.5 µs for each of 10,000 files)."""
    from intstrat.loading import events

    return events


def _unbounded(value: Any) -> bool:
    """A number no output can take: beyond 64 bits, infinite, not a number, or huge."""
    kind = value.__class__
    if kind is int:
        return not MIN_INTEGER <= value <= MAX_INTEGER
    if kind is float:
        return not math.isfinite(value)
    return kind is HugeNumber


def locate(positions: dict[Loc, Span], loc: Loc, *, key: bool = True) -> tuple[int, int]:
    """Line and column for a path, falling back to the nearest enclosing value.

    Pydantic error locations can name a key that is missing, or a union branch
    ('str', 'function-after[...]') that is not in the data: the longest prefix
    that exists in the file is the best place to point at.
    """
    for end in range(len(loc), 0, -1):
        span = positions.get(loc[:end])
        if span is not None:
            return (span[0], span[1]) if key else (span[2], span[3])
    return 1, 1

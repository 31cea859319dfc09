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

ruamel.yaml is still the library for *writing* YAML (`fmt`, `new`), where
comments must survive.
"""

from __future__ import annotations

import codecs
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from intstrat.i18n import N_, _

#: Path of a value inside a document: mapping keys and sequence indexes.
Loc = tuple[str | int, ...]
#: Where a value sits: (key line, key column, value line, value column), 1-based.
#: For a sequence item the "key" is the item itself.
Span = tuple[int, int, int, int]

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

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
    """An integer too long to be converted; the schema layer refuses it (S009)."""

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
            return float(value)
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


class _Fatal(Exception):
    def __init__(self, problem: YamlProblem) -> None:
        self.problem = problem


_HINTS: tuple[tuple[str, str], ...] = (
    ("mapping values are not allowed", N_("text containing ': ' must be quoted")),
    ("could not find expected ':'", N_("a key needs ':' after it; check this line's indentation")),
    ("did not find expected key", N_("check the indentation of this line and the one above")),
    ("did not find expected '-' indicator", N_("list items must line up under each other")),
    ("found unexpected end of stream", N_("a quote or bracket is not closed")),
    ("found unacceptable character", N_("remove the invisible control character")),
)
#: libyaml's words for the commonest mistakes, said plainly (others are shown as libyaml
#: gives them, in English).
_PROBLEMS: dict[str, str] = {
    "mapping values are not allowed in this context": N_("a ':' where no value can start"),
    "mapping values are not allowed here": N_("a ':' where no value can start"),
    "did not find expected ',' or ']'": N_("a ',' or ']' is missing"),
    "did not find expected ',' or '}'": N_("a ',' or '}' is missing"),
    "could not find expected ':'": N_("a key without ':'"),
    "did not find expected key": N_("a line that is neither a key nor a list item here"),
    "did not find expected '-' indicator": N_("a list item out of line"),
    "found unexpected end of stream": N_("the file ends inside a quote or bracket"),
    "found character that cannot start any token": N_(
        "a character that cannot start a value (quote the value)"
    ),
    "did not find expected node content": N_("a value is missing"),
    "while parsing a block mapping": N_("in this mapping"),
    "while parsing a block collection": N_("in this list"),
    "while parsing a flow sequence": N_("in this [...] list"),
    "while parsing a flow mapping": N_("in this {...} mapping"),
    "while scanning a quoted scalar": N_("in this quoted text"),
    "while scanning a simple key": N_("in this key"),
}


#: libyaml's contexts that say nothing a person can use.
_SILENT_CONTEXTS = frozenset({"while scanning for the next token"})


def _plain(problem: str) -> str:
    """libyaml's words for a problem, in plain words of the current language if known."""
    known = _PROBLEMS.get(problem)
    return _(known) if known else problem


def _syntax_problem(exc: yaml.MarkedYAMLError) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = exc.problem or exc.context or "invalid YAML"
    if "exceeded maximum nesting depth" in problem:  # libyaml's own limit, at 1000 levels
        return YamlProblem("Y014", line, column, _(_TOO_DEEP).format(depth=MAX_DEPTH))
    message = _("invalid YAML: {problem}").format(problem=_plain(problem))
    if exc.context and exc.problem and exc.context not in _SILENT_CONTEXTS:
        message += f" ({_plain(exc.context)})"
    for needle, hint in _HINTS:
        if needle in problem:
            message += f"; {_(hint)}"
            break
    return YamlProblem("Y002", line, column, message)


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
    loader = _Loader(text)
    builder = _Builder(loader.get_event, problems, positions)
    try:
        data = builder.document()
    except _Fatal as fatal:
        return None, [*problems, fatal.problem], False
    except yaml.MarkedYAMLError as exc:
        problem = _syntax_problem(exc)
        if problem.code == "Y014" and any(p.code == "Y014" for p in problems):
            return None, problems, False  # the same nesting, found (and placed) at our limit
        return None, [*problems, problem], False
    except yaml.reader.ReaderError as exc:  # pragma: no cover - `_unprintable` saw it first
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        problem = YamlProblem(
            "Y002", line, column, _("invalid YAML: {problem}").format(problem=exc.reason)
        )
        return None, [*problems, problem], False
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml errors are all marked
        message = " ".join(str(exc).split())
        problem = YamlProblem("Y002", 1, 1, _("invalid YAML: {problem}").format(problem=message))
        return None, [*problems, problem], False
    finally:
        loader.dispose()
    if problems:
        return None, problems, False
    suspect = (
        builder.unbounded
        or "\\" in text
        or len(text) > MAX_STRING_CHARS
        or flagged  # by a bidirectional control, since nothing unprintable is left
    )
    return data, problems, suspect


def _unbounded(value: Any) -> bool:
    """A number no output can take: beyond 64 bits, infinite, not a number, or huge."""
    kind = value.__class__
    if kind is int:
        return not MIN_INTEGER <= value <= MAX_INTEGER
    if kind is float:
        return not math.isfinite(value)
    return kind is HugeNumber


class _Builder:
    """Plain Python values from a stream of libyaml events."""

    __slots__ = ("depth", "get", "positions", "problems", "unbounded")

    def __init__(
        self,
        get: Callable[[], Any],
        problems: list[YamlProblem],
        positions: dict[Loc, Span] | None,
    ) -> None:
        self.get = get
        self.problems = problems
        self.positions = positions
        self.depth = 0
        #: Whether a number out of bounds was built (see `parse_record`).
        self.unbounded = False

    def problem(self, code: str, mark: Any, message: str) -> None:
        self.problems.append(YamlProblem(code, mark.line + 1, mark.column + 1, message))

    def document(self) -> dict[str, Any]:
        get = self.get
        get()  # StreamStartEvent
        event = get()
        if type(event) is StreamEndEvent:
            raise _Fatal(YamlProblem("Y009", 1, 1, _("the file is empty; it must hold a record")))
        assert type(event) is DocumentStartEvent
        if event.version is not None or event.tags:
            self.problem(
                "Y007",
                event.start_mark,
                _(
                    "remove the %YAML/%TAG directive line; intstrat reads YAML 1.2 and needs "
                    "no directives"
                ),
            )
        root_event = get()
        root = self.node(root_event, ())
        end = get()
        assert type(end) is DocumentEndEvent
        following = get()
        if type(following) is not StreamEndEvent:
            self.problem(
                "Y008",
                following.start_mark,
                _("a second YAML document starts here ('---'); put one record in each file"),
            )
        if root is None:
            raise _Fatal(
                YamlProblem("Y009", 1, 1, _("the file holds no data; it must hold a record"))
            )
        if not isinstance(root, dict):
            mark = root_event.start_mark
            raise _Fatal(
                YamlProblem(
                    "Y010",
                    mark.line + 1,
                    mark.column + 1,
                    _(
                        "the top level is {kind}; a record must be a mapping of keys to values, "
                        "such as 'id: my-project'"
                    ).format(kind=_kind(root)),
                )
            )
        return root

    def node(self, event: Any, loc: Loc) -> Any:
        kind = type(event)
        if kind is AliasEvent:
            self.problem(
                "Y006",
                event.start_mark,
                _("alias '*{anchor}' is not allowed; write the value out in full").format(
                    anchor=event.anchor
                ),
            )
            return None
        if event.anchor is not None:
            self.problem(
                "Y006",
                event.start_mark,
                _("anchor '&{anchor}' is not allowed; remove it").format(anchor=event.anchor),
            )
        if event.tag is not None:
            self.problem(
                "Y005",
                event.start_mark,
                _(
                    "tag '{tag}' is not allowed; remove it (records hold plain text, numbers, "
                    "lists and mappings)"
                ).format(tag=_short_tag(event.tag)),
            )
        if kind is ScalarEvent:
            if event.style == "" and event.implicit[0]:
                return resolve_plain(event.value)
            return event.value
        if self.depth >= MAX_DEPTH:
            self.problem("Y014", event.start_mark, _(_TOO_DEEP).format(depth=MAX_DEPTH))
            self.skip()
            return None
        self.depth += 1
        try:
            if kind is MappingStartEvent:
                return self.mapping(loc)
            assert kind is SequenceStartEvent
            return self.sequence(loc)
        finally:
            self.depth -= 1

    def skip(self) -> None:
        """Consume the events of the collection just started, without building it."""
        get, level = self.get, 1
        while level:
            kind = type(get())
            if kind is MappingStartEvent or kind is SequenceStartEvent:
                level += 1
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                level -= 1

    def mapping(self, loc: Loc) -> dict[str, Any]:
        get, positions = self.get, self.positions
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        while True:
            key_event = get()
            if type(key_event) is MappingEndEvent:
                return result
            key_mark = key_event.start_mark
            if type(key_event) is not ScalarEvent:
                self.problem(
                    "Y011", key_mark, _("a key must be a plain name, not a list or mapping")
                )
                if type(key_event) is AliasEvent:
                    self.node(key_event, loc)  # reports the alias
                else:
                    self.skip()  # its content is not read: one finding, however deep it goes
                self.node(get(), loc)
                continue
            if key_event.anchor is not None or key_event.tag is not None:
                self.node(key_event, loc)  # reports the anchor or tag
            key: str = key_event.value
            value_event = get()
            sub = (*loc, key)
            if positions is not None:
                value_mark = value_event.start_mark
                positions[sub] = (
                    key_mark.line + 1,
                    key_mark.column + 1,
                    value_mark.line + 1,
                    value_mark.column + 1,
                )
            if _is_plain_scalar(value_event):  # the common case, inlined for speed
                if value_event.style == "":
                    value = resolve_plain(value_event.value)
                    if value.__class__ is not str and _unbounded(value):
                        self.unbounded = True
                else:
                    value = value_event.value
            else:
                value = self.node(value_event, sub)
            if key in first_line:
                self.problem(
                    "Y003",
                    key_mark,
                    _("key '{key}' appears twice (first on line {line}); keep one of them").format(
                        key=key, line=first_line[key]
                    ),
                )
                continue
            first_line[key] = key_mark.line + 1
            result[key] = value

    def sequence(self, loc: Loc) -> list[Any]:
        get, positions = self.get, self.positions
        result: list[Any] = []
        while True:
            event = get()
            if type(event) is SequenceEndEvent:
                return result
            sub = (*loc, len(result))
            if positions is not None:
                mark = event.start_mark
                line, column = mark.line + 1, mark.column + 1
                positions[sub] = (line, column, line, column)
            if _is_plain_scalar(event):
                if event.style == "":
                    value = resolve_plain(event.value)
                    if value.__class__ is not str and _unbounded(value):
                        self.unbounded = True
                    result.append(value)
                else:
                    result.append(event.value)
            else:
                result.append(self.node(event, sub))


def _is_plain_scalar(event: Any) -> bool:
    """A scalar with no tag or anchor: its value needs no further checks."""
    return type(event) is ScalarEvent and event.tag is None and event.anchor is None


def _short_tag(tag: str) -> str:
    """Show a tag the way it was written: `!!str`, not `tag:yaml.org,2002:str`."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


def _kind(value: object) -> str:
    """What a value is, for a sentence: `a list`, `a text`, `a number`."""
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, str):
        return _("a text")
    if isinstance(value, bool):
        return _("true or false")
    if isinstance(value, int | float):
        return _("a number")
    return type(value).__name__


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

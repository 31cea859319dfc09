"""Plain values and their positions from libyaml's events (see `parse` for the design).

Kept apart from `parse` so that a run that parses nothing (a warm `check` reads
every record from the cache) does not import PyYAML: 15-20 ms of a small
repository's check, most of it PyYAML compiling its own regular expressions.
"""

from __future__ import annotations

from collections.abc import Callable
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
from intstrat.loading.parse import (
    _TOO_DEEP,
    MAX_DEPTH,
    Loc,
    Span,
    YamlProblem,
    _unbounded,
    resolve_plain,
)

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
    "block sequence entries are not allowed in this context": N_(
        "a list item ('- ') where no list can start"
    ),
    "mapping keys are not allowed in this context": N_("a key ('? ') where no key can start"),
    "found unknown escape character": N_(
        "an unknown escape after a backslash (write \\\\ for a backslash itself)"
    ),
    "did not find expected hexdecimal number": N_(
        "an escape such as \\x41 or \\u00e5 without its hexadecimal digits"
    ),
    "found invalid Unicode character escape code": N_(
        "an escape \\u or \\U that is no Unicode character"
    ),
    "did not find expected comment or line break": N_(
        "more after the value on the same line (a comment starts with ' #')"
    ),
    "did not find expected whitespace or line break": N_(
        "more after the block's | or > on the same line"
    ),
    "found an indentation indicator equal to 0": N_(
        "a block indentation of 0 after | or > (use 1 to 9, or leave it out)"
    ),
    "found unexpected document indicator": N_("a line '---' or '...' inside a quoted text"),
    "did not find expected alphabetic or numeric character": N_(
        "an anchor (&) or alias (*) without a name"
    ),
    "did not find expected <document start>": N_("more after the end of the record"),
    "while parsing a quoted scalar": N_("in this quoted text"),
    "while parsing a block node": N_("in this value"),
    "while parsing a flow node": N_("in this value"),
    "while parsing a node": N_("in this value"),
    "while scanning a block scalar": N_("in this block of text (| or >)"),
    "while scanning a plain scalar": N_("in this text"),
    "while scanning an anchor": N_("in this anchor"),
    "while scanning an alias": N_("in this alias"),
    "while scanning a tag": N_("in this tag"),
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


def build(
    text: str, problems: list[YamlProblem], positions: dict[Loc, Span] | None
) -> tuple[dict[str, Any] | None, bool]:
    """The record in `text`, or None with what is wrong added to `problems`; and
    whether a number built was out of bounds (see `parse.parse_record`)."""
    loader = _Loader(text)
    builder = _Builder(loader.get_event, problems, positions)
    try:
        return builder.document(), builder.unbounded
    except _Fatal as fatal:
        problems.append(fatal.problem)
    except yaml.MarkedYAMLError as exc:
        problem = _syntax_problem(exc)
        # The same nesting, found (and placed) at our own limit, is not said twice.
        if problem.code != "Y014" or not any(p.code == "Y014" for p in problems):
            problems.append(problem)
    except yaml.reader.ReaderError as exc:  # pragma: no cover - `_unprintable` saw it first
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        message = _("invalid YAML: {problem}").format(problem=exc.reason)
        problems.append(YamlProblem("Y002", line, column, message))
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml errors are all marked
        message = " ".join(str(exc).split())
        problems.append(
            YamlProblem("Y002", 1, 1, _("invalid YAML: {problem}").format(problem=message))
        )
    finally:
        loader.dispose()
    return None, False


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

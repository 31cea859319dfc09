"""Diagnostics: every finding of `check`, with a stable code and an exact place.

Codes never change meaning once released: data repositories, CI logs and
`docs/checks.md` refer to them. A new rule gets a new code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from intstrat.i18n import _


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    name: str
    severity: Severity
    summary: str


def _codes(*codes: Code) -> dict[str, Code]:
    return {c.code: c for c in codes}


E, W = Severity.ERROR, Severity.WARNING

#: Every diagnostic code intstrat can emit. `docs/checks.md` documents each one
#: (a test keeps the two in step).
CODES: dict[str, Code] = _codes(
    # Layer 1: the file and its YAML.
    Code("Y001", "not-utf8", E, "the file is not valid UTF-8"),
    Code("Y002", "syntax", E, "the file is not valid YAML"),
    Code("Y003", "duplicate-key", E, "a key appears twice in the same mapping"),
    Code("Y004", "tab-indent", E, "a line is indented with a tab"),
    Code("Y005", "tag", E, "an explicit YAML tag such as !!python/object"),
    Code("Y006", "anchor-alias", E, "an anchor (&name) or alias (*name)"),
    Code("Y007", "directive", E, "a %YAML or %TAG directive"),
    Code("Y008", "multiple-documents", E, "more than one YAML document in a file"),
    Code("Y009", "empty", E, "the file holds no data"),
    Code("Y010", "not-a-mapping", E, "the top level is not a mapping of keys to values"),
    Code("Y011", "complex-key", E, "a key that is a list or mapping instead of a name"),
    Code("Y012", "unreadable", E, "the file cannot be read"),
    Code("Y013", "outside-repository", E, "a symbolic link to a file outside the repository"),
    Code("Y014", "too-deep", E, "lists and mappings nested deeper than 64 levels"),
    Code("Y015", "too-large", E, "a file larger than a record may be"),
    # Layer 2: each record against its model.
    Code("S001", "unknown-key", E, "a key the format does not know (typo?)"),
    Code("S002", "missing-key", E, "a required key is missing"),
    Code("S003", "not-a-choice", E, "a value that is not one of the allowed choices"),
    Code("S004", "wrong-type", E, "a value of the wrong type (text, number, list, ...)"),
    Code("S005", "bad-date", E, "a date that is not YYYY, YYYY-MM or YYYY-MM-DD"),
    Code("S006", "bad-id", E, "an id that is not a lowercase slug"),
    Code("S007", "bad-country", E, "a country that is not an ISO 3166-1 alpha-2 code"),
    Code("S008", "bad-currency", E, "a currency that is not an ISO 4217 code"),
    Code(
        "S009",
        "out-of-range",
        E,
        "a number outside its range (SDG 1-17, counts >= 0, finite, not absurdly large, ...)",
    ),
    Code("S010", "bad-format-version", E, "an intstrat.yaml `format` this version cannot read"),
    Code("S011", "invalid-value", E, "a value that breaks another rule of the format"),
    Code("S012", "too-long", E, "a text longer than it may be (names 300, texts 20,000)"),
    Code("S013", "control-character", E, "an invisible control character in a text"),
    # Layer 3: the repository as a whole.
    Code("R001", "id-mismatch", E, "a record's id differs from its file name"),
    Code("R002", "duplicate-id", E, "two records or config entries share an id"),
    Code(
        "R003",
        "unknown-reference",
        E,
        "a reference to a partner, unit, funder, ... that does not exist",
    ),
    Code("R004", "period-backwards", E, "a period or partnership ends before it starts"),
    Code("R005", "completed-without-end", E, "a completed project has no end date"),
    Code("R006", "missing-application", E, "an applied or rejected project has no application"),
    Code(
        "R007", "outcome-mismatch", E, "the application outcome disagrees with the project status"
    ),
    Code("R008", "result-before-start", E, "a result is dated before its project started"),
    Code("R009", "unit-without-contact", W, "a unit that owns projects has no contact person"),
    Code("R010", "flight-not-compensated", W, "a flight that was not climate-compensated"),
    Code("R011", "ongoing-past-end", W, "an ongoing project whose end date has passed"),
    Code("R012", "decided-before-submitted", E, "an application decided before it was submitted"),
    Code("R013", "stray-file", W, "a file in data/ that intstrat does not read"),
    Code("R014", "image-missing", E, "an image that is not a file in the repository"),
    Code("R015", "leftover-temporary", W, "a temporary file left by an interrupted write"),
    Code("R016", "no-featured-project", W, "partnerships but no project example for the brochure"),
    Code("R017", "funding-not-granted", W, "funding whose application is not granted"),
    # IATI readiness: only `check --iati` and `export iati` run these.
    Code("I001", "iati-no-org-number", E, "intstrat.yaml has no organisation number for IATI"),
    Code("I002", "iati-bad-org-number", E, "the organisation number fails its check digit"),
    Code("I003", "iati-no-period", E, "a project to publish has no period, so no start date"),
    Code("I004", "iati-no-description", E, "a project to publish has no summary or purpose"),
    Code("I005", "iati-no-sector", E, "none of a project's themes has a DAC sector"),
    Code("I006", "iati-date-in-future", E, "an actual date or a decision lies after today"),
    Code("I007", "iati-no-recipient-country", W, "no partner abroad, so no recipient country"),
    Code("I008", "iati-budget-left-out", W, "an amount that cannot go into the yearly budgets"),
    Code("I009", "iati-control-character", W, "text with control characters, left out"),
    Code("I010", "iati-commitment-undated", W, "a granted application without a decision date"),
)


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One finding, pinned to a place a person (or an editor) can jump to."""

    path: str
    line: int
    column: int
    code: str
    message: str

    def __post_init__(self) -> None:
        # Messages quote what people wrote. Whatever that was, a message stays one line
        # a terminal shows as it is (no escape sequences) and of a size a person reads.
        readable = readable_message(self.message)
        if readable is not self.message:
            object.__setattr__(self, "message", readable)

    @property
    def shown_path(self) -> str:
        """The path as a terminal shows it: a line break in a file name is written `\\n`."""
        return readable_message(self.path)

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    @property
    def name(self) -> str:
        return CODES[self.code].name

    def as_dict(self) -> dict[str, str | int]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": str(self.severity),
            "code": self.code,
            "name": self.name,
            "message": self.message,
        }


#: Invisible characters that must never reach a terminal or an annotation: controls
#: (line breaks included), and the Unicode marks that reorder text on screen.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LONG_QUOTE = re.compile(r"'([^']{101,})'")
MAX_MESSAGE_CHARS = 1000


def readable_message(message: str) -> str:
    """`message` with invisible characters shown as escapes (`\\x1b`) and long quoted
    values shortened; the same object when there is nothing to change."""
    if _INVISIBLE.search(message):
        message = _INVISIBLE.sub(lambda m: repr(m.group())[1:-1], message)
    if len(message) > 200:
        message = _LONG_QUOTE.sub(
            lambda m: f"'{m.group(1)[:60]}...{m.group(1)[-20:]}' ({len(m.group(1))} characters)",
            message,
        )
        if len(message) > MAX_MESSAGE_CHARS:
            message = message[: MAX_MESSAGE_CHARS - 3] + "..."
    return message


def _ordered(choices: Iterable[object]) -> list[str]:
    """The choices once each, in their order; a set's sorted, so every run says the same."""
    options = list(dict.fromkeys(str(c) for c in choices))
    if isinstance(choices, set | frozenset):
        options.sort()
    return options


def closest(word: str, choices: Iterable[object]) -> str | None:
    """The choice that `word` most likely misspells, if one is close."""
    import difflib

    close = difflib.get_close_matches(word, _ordered(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[object]) -> str:
    """A "did you mean" suffix for a misspelt name, or "" when nothing is close."""
    options = _ordered(choices)
    close = closest(word, options)
    if close:
        return _("; did you mean '{name}'?").format(name=close)
    if 0 < len(options) <= 8:
        return _("; expected one of: {choices}").format(
            choices=", ".join(f"'{o}'" for o in options)
        )
    return ""

"""Diagnostics as text for people, workflow annotations for GitHub, or JSON."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from intstrat.formats import CheckFormat
from intstrat.i18n import N_, _, ngettext
from intstrat.loading.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from rich.console import Console


def summary(diagnostics: Sequence[Diagnostic], files: int) -> dict[str, int]:
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    return {"files": files, "errors": errors, "warnings": len(diagnostics) - errors}


def _checked(files: int) -> str:
    return ngettext("checked {n} file", "checked {n} files", files).format(n=files)


def _counts(counts: dict[str, int]) -> str:
    errors, warnings = counts["errors"], counts["warnings"]
    return _("{errors}, {warnings}").format(
        errors=ngettext("{n} error", "{n} errors", errors).format(n=errors),
        warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
    )


#: The severity as people read it (JSON and GitHub keep `error` and `warning`).
SEVERITY_WORDS = {Severity.ERROR: N_("error"), Severity.WARNING: N_("warning")}


#: A line of the text output: its pieces and their styles on a terminal.
_Line = list[tuple[str, str | None]]


def _line(d: Diagnostic) -> _Line:
    styles = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}
    return [
        (f"{d.shown_path}:{d.line}:{d.column}:", "bold"),
        (" ", None),
        (_(SEVERITY_WORDS[d.severity]), styles[d.severity]),
        (" ", None),
        (d.code, "cyan"),
        (" ", None),
        (d.message, None),
    ]


def finding_line(d: Diagnostic) -> str:
    """One finding as `check` prints it without colours (`new` shows its warnings so)."""
    return "".join(piece for piece, _style in _line(d)).translate(_STRIP_CONTROL)


def _lines(diagnostics: Sequence[Diagnostic], files: int) -> list[_Line]:
    lines: list[_Line] = [_line(d) for d in diagnostics]
    counts = summary(diagnostics, files)
    if not diagnostics:
        lines.append([(_("{checked}: all good").format(checked=_checked(files)), "green")])
    else:
        total = _("{checked}: {counts}").format(checked=_checked(files), counts=_counts(counts))
        lines.append([(total, "bold red" if counts["errors"] else "yellow")])
    return lines


def print_text(console: Console, diagnostics: Sequence[Diagnostic], files: int) -> None:
    """`path:line:col: error CODE message`, like compilers and ruff, coloured on a terminal.

    Built from `Text` pieces, never markup: a message quotes user data, and
    `[bold]` in a title must print as written.
    """
    from rich.text import Text

    for pieces in _lines(diagnostics, files):
        line = Text()
        for text, style in pieces:
            line.append(text, style=style)
        console.print(line, soft_wrap=True)


#: What rich leaves out of printed text (`rich.control.STRIP_CONTROL_CODES`): bell,
#: backspace, vertical tab, form feed, carriage return.
_STRIP_CONTROL = dict.fromkeys((7, 8, 11, 12, 13))


def plain_text(diagnostics: Sequence[Diagnostic], files: int) -> str | None:
    """The text `print_text` prints where there are no colours, made without rich;
    None when it cannot be the same (a tab, which rich widens by display cells).

    Importing rich's console takes about 20 ms: a tenth of a small repository's
    check, whose output usually goes to a CI log or a pipe.
    """
    text = "".join(
        "".join(piece for piece, _style in pieces).translate(_STRIP_CONTROL) + "\n"
        for pieces in _lines(diagnostics, files)
    )
    return None if "\t" in text else text


def _colourless() -> bool:
    """Whether rich would print to stdout without colours or other terminal codes."""
    forced = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS")
    try:
        terminal = sys.stdout.isatty()
    except (AttributeError, ValueError):  # replaced or closed
        terminal = False
    return not terminal and not any(name in os.environ for name in forced)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands: each finding becomes an annotation on the PR diff."""
    lines = []
    for d in diagnostics:
        level = "error" if d.severity is Severity.ERROR else "warning"
        props = ",".join(
            (
                f"file={_escape_property(d.path)}",
                f"line={d.line}",
                f"col={d.column}",
                f"title={_escape_property(f'{d.code} {d.name}')}",
            )
        )
        lines.append(f"::{level} {props}::{_escape_data(f'{d.code} {d.message}')}")
    return "\n".join(lines) + ("\n" if lines else "")


def as_json(diagnostics: Sequence[Diagnostic], files: int) -> str:
    document = {
        "version": 1,
        "summary": summary(diagnostics, files),
        "diagnostics": [d.as_dict() for d in diagnostics],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _write_text(diagnostics: Sequence[Diagnostic], files: int) -> None:
    text = plain_text(diagnostics, files) if _colourless() else None
    if text is not None:
        sys.stdout.write(text)
        return
    from rich.console import Console

    print_text(Console(highlight=False), diagnostics, files)


def _write_github(diagnostics: Sequence[Diagnostic], files: int) -> None:
    sys.stdout.write(github(diagnostics))
    counts = summary(diagnostics, files)
    print(_("{checked}: {counts}").format(checked=_checked(files), counts=_counts(counts)))


def _write_json(diagnostics: Sequence[Diagnostic], files: int) -> None:
    sys.stdout.write(as_json(diagnostics, files))


#: How `check` prints its findings, per `--format`.
WRITERS: dict[CheckFormat, Callable[[Sequence[Diagnostic], int], None]] = {
    CheckFormat.TEXT: _write_text,
    CheckFormat.GITHUB: _write_github,
    CheckFormat.JSON: _write_json,
}


def default_format() -> CheckFormat:
    """GitHub annotations inside a GitHub Actions workflow, text for people elsewhere."""
    return CheckFormat.GITHUB if os.environ.get("GITHUB_ACTIONS") == "true" else CheckFormat.TEXT

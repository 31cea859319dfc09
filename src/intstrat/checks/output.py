"""Diagnostics as text for people, workflow annotations for GitHub, or JSON."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence

from rich.console import Console
from rich.text import Text

from intstrat.formats import CheckFormat
from intstrat.loading.diagnostics import Diagnostic, Severity


def summary(diagnostics: Sequence[Diagnostic], files: int) -> dict[str, int]:
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    return {"files": files, "errors": errors, "warnings": len(diagnostics) - errors}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def print_text(console: Console, diagnostics: Sequence[Diagnostic], files: int) -> None:
    """`path:line:col: error CODE message`, like compilers and ruff, coloured on a terminal.

    Built from `Text` pieces, never markup: a message quotes user data, and
    `[bold]` in a title must print as written.
    """
    styles = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}
    for d in diagnostics:
        line = Text()
        line.append(f"{d.path}:{d.line}:{d.column}:", style="bold")
        line.append(" ")
        line.append(str(d.severity), style=styles[d.severity])
        line.append(" ")
        line.append(d.code, style="cyan")
        line.append(" ")
        line.append(d.message)
        console.print(line, soft_wrap=True)
    counts = summary(diagnostics, files)
    checked = f"checked {_plural(files, 'file')}"
    if not diagnostics:
        console.print(Text(f"{checked}: all good", style="green"))
        return
    parts = f"{_plural(counts['errors'], 'error')}, {_plural(counts['warnings'], 'warning')}"
    style = "bold red" if counts["errors"] else "yellow"
    console.print(Text(f"{checked}: {parts}", style=style))


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
    print_text(Console(highlight=False), diagnostics, files)


def _write_github(diagnostics: Sequence[Diagnostic], files: int) -> None:
    sys.stdout.write(github(diagnostics))
    counts = summary(diagnostics, files)
    print(
        f"checked {_plural(counts['files'], 'file')}: {_plural(counts['errors'], 'error')}, "
        f"{_plural(counts['warnings'], 'warning')}"
    )


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

"""`export`: every record for other tools (spreadsheets, Datasette, scripts)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from intstrat.commands.common import RepoOption, handle_errors, load, refuse_errors, stderr
from intstrat.formats import ExportFormat


@handle_errors
def export(
    what: Annotated[ExportFormat, typer.Argument(help="csv, xlsx, json or sqlite.")],
    out: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The file (csv: a folder, one file per table); "
            "json goes to standard output without it.",
            show_default=False,
        ),
    ] = None,
    bom: Annotated[
        bool,
        typer.Option("--bom", help="CSV with a byte-order mark, so Excel reads å, ä, ö right."),
    ] = False,
    allow_errors: Annotated[
        bool, typer.Option("--allow-errors", help="Export even if 'intstrat check' finds errors.")
    ] = False,
    repo: RepoOption = None,
) -> None:
    """All records for other tools: CSV, Excel, JSON, or SQLite (for Datasette)."""
    from intstrat.errors import UsageError
    from intstrat.exports import dataset

    _, data = load(repo)
    refuse_errors(data, allow_errors)
    if out is None:
        if what is not ExportFormat.JSON:
            raise UsageError(f"export {what} needs -o PATH")
        sys.stdout.write(dataset.export_json(data))
        return
    for path in dataset.export(data, what, out, bom=bom):
        stderr(f"wrote {path}")

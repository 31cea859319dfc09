"""`report` and `brochure`: the documents the coordinator hands on."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from intstrat.commands.common import (
    LangOption,
    RepoOption,
    handle_errors,
    load,
    progress,
    refuse_errors,
    stderr,
)
from intstrat.formats import DocumentFormat, Lang

TemplateOption = Annotated[
    str | None,
    typer.Option(
        "--template",
        help="A template in the repository's templates/ (docx: a .docx to take styles from).",
        show_default=False,
    ),
]


def _write(document: str | bytes, out: Path | None, default_name: str) -> None:
    """Text without -o goes to standard output; files are written whole or not at all."""
    from intstrat.fileio import write_atomic

    if out is None and isinstance(document, str):
        sys.stdout.write(document)
        return
    target = out or Path(default_name)
    write_atomic(target, document)
    stderr(f"wrote {target}")


@handle_errors
def report(
    year: Annotated[
        int, typer.Argument(help="The year to summarise, e.g. 2023.", min=1900, max=2100)
    ],
    output_format: Annotated[
        DocumentFormat,
        typer.Option("--format", "-f", help="md, html, pdf or docx (Word)."),
    ] = DocumentFormat.MD,
    lang: Annotated[
        Lang | None,
        typer.Option(
            "--lang", help="sv or en (default: the repository's language).", show_default=False
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit", help="Only this unit's (department's or company's) work.", show_default=False
        ),
    ] = None,
    template: TemplateOption = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write here. md and html go to standard output without it; pdf and docx get "
            "a file name like internationellt-arbete-2023.pdf.",
            show_default=False,
        ),
    ] = None,
    allow_errors: Annotated[
        bool,
        typer.Option("--allow-errors", help="Render even if 'intstrat check' finds errors."),
    ] = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Instead of the document, list each key figure with its rule and the "
            "records (file:line) it was computed from.",
        ),
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="With --explain: the explanation as JSON.")
    ] = False,
    repo: RepoOption = None,
) -> None:
    """The annual summary of international work for YEAR, as the strategy asks for it."""
    from rich.console import Console

    from intstrat.documents.explain import explain_or_render
    from intstrat.documents.render import default_file_name
    from intstrat.documents.report import build_report

    root, data = load(repo)
    refuse_errors(data, allow_errors)
    with progress(Console(stderr=True), f"intstrat report {year} --format {output_format}"):
        built = build_report(data, year, lang.value if lang else None, unit)
        document = explain_or_render(built, output_format, root, template, explain, as_json)
    _write(document, out, default_file_name(built, output_format))


@handle_errors
def brochure(
    output_format: Annotated[
        DocumentFormat, typer.Option("--format", "-f", help="html or pdf.")
    ] = DocumentFormat.PDF,
    lang: LangOption = None,
    partner: Annotated[
        list[str] | None,
        typer.Option(
            "--partner",
            help="Only these partners (default: every partnership, i.e. "
            "partner with a 'since' date).",
            show_default=False,
        ),
    ] = None,
    featured: Annotated[
        list[str] | None,
        typer.Option(
            "--featured",
            help="These projects as examples (default: featured: true).",
            show_default=False,
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="The cover title.", show_default=False)
    ] = None,
    template: Annotated[
        str | None, typer.Option("--template", help="A template in templates/.", show_default=False)
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write here (html without it goes to standard output; pdf gets partnerskap.pdf).",
            show_default=False,
        ),
    ] = None,
    repo: RepoOption = None,
) -> None:
    """The partnership brochure: partners, results implemented at home, project examples."""
    from rich.console import Console

    from intstrat.documents.brochure import build_brochure
    from intstrat.documents.render import default_file_name, render

    root, data = load(repo)
    refuse_errors(data, allow=False)
    with progress(Console(stderr=True), "intstrat brochure"):
        built = build_brochure(data, lang.value if lang else None, partner, featured, title)
        document = render(built, output_format, root, template)
    _write(document, out, default_file_name(built, output_format))

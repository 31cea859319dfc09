"""`site`: the international work as a static, accessible web site."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from intstrat.commands.common import (
    LangOption,
    RepoOption,
    handle_errors,
    load,
    parse_day,
    progress,
    refuse_errors,
    refuse_repository_output,
    stderr,
)
from intstrat.commands.localise import document_language
from intstrat.i18n import _


@handle_errors
def site(
    out: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The folder to write the site to; a site written there before is replaced.",
        ),
    ],
    lang: LangOption = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            metavar="URL",
            help="Where the site will be published, e.g. https://example.org/international/ "
            "(for canonical links, Open Graph and sitemap.xml).",
            show_default=False,
        ),
    ] = None,
    repository_url: Annotated[
        str | None,
        typer.Option(
            "--repository-url",
            metavar="URL",
            help="The data repository on the web, for 'how to contribute' (its CONTRIBUTING.md).",
            show_default=False,
        ),
    ] = None,
    licence: Annotated[
        str | None,
        typer.Option(
            "--licence",
            metavar="LICENCE",
            help="The data's licence, e.g. 'CC0 1.0' (default: data_licence in intstrat.yaml; "
            "without either the site says that none is given).",
            show_default=False,
        ),
    ] = None,
    one_language: Annotated[
        bool,
        typer.Option("--one-language", help="Only the main language, no pages in the other."),
    ] = False,
    clean_urls: Annotated[
        bool,
        typer.Option(
            "--clean-urls",
            help="Links end in / instead of /index.html (for a web server; opened from a "
            "folder on disk the site then shows folder listings).",
        ),
    ] = False,
    today: Annotated[
        dt.date | None,
        typer.Option(
            "--today",
            parser=parse_day,
            metavar="DATE",
            help="The date the site says it was updated, and the last year with a year "
            "page (default: today).",
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            help="Processes to write with, one per language (0: one per CPU).",
        ),
    ] = 0,
    allow_errors: Annotated[
        bool,
        typer.Option("--allow-errors", help="Build even if 'intstrat check' finds errors."),
    ] = False,
    repo: RepoOption = None,
) -> None:
    """The international work as a static web site: pages, filters, search, a map."""
    from rich.console import Console

    from intstrat.site import Options, build_site

    root, data = load(repo)
    refuse_repository_output(root, out)
    refuse_errors(data, allow_errors)
    options = Options(
        lang=document_language(lang and lang.value),
        other_language=not one_language,
        base_url=base_url or "",
        repository_url=repository_url or "",
        licence=licence or "",
        clean_urls=clean_urls,
        today=today,
        jobs=jobs,
    )
    with progress(Console(stderr=True), "intstrat site"):
        written = build_site(data, out, options)
    for note in written.notes:
        stderr(_("note: {note}").format(note=note))
    stderr(
        _("wrote {pages} pages ({languages}) to {out}").format(
            pages=written.pages, languages=", ".join(written.languages), out=written.out
        )
    )

"""`followup`: the strategy's follow-up over a mandate period (2023-2026)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from intstrat.commands.common import (
    RepoOption,
    calendar_problem,
    collector_paused,
    handle_errors,
    load,
    progress,
    refuse_errors,
)
from intstrat.commands.documents import (
    AllowErrorsOption,
    DocumentFormatOption,
    DocumentLangOption,
    TemplateOption,
    format_or_explain,
    write_document,
)
from intstrat.commands.localise import document_language
from intstrat.formats import DocumentFormat, Lang

if TYPE_CHECKING:
    import datetime as dt

    from intstrat.loading.revision import Revision

#: Years in a mandate period (mandatperiod), what --from or --to alone spans.
MANDATE_YEARS = 4


def _span(period: str | None, first: int | None, last: int | None) -> tuple[int, int]:
    """The years from PERIOD, or from --from/--to (one of them alone spans a mandate period)."""
    from intstrat.documents.followup import check_span, parse_period
    from intstrat.errors import UsageError
    from intstrat.i18n import _

    if period is not None:
        if first is not None or last is not None:
            raise UsageError(_("give the period either as 2023-2026 or with --from and --to"))
        first, last = parse_period(period)
    elif first is None and last is None:
        raise UsageError(_("which period? e.g. intstrat followup 2023-2026"))
    elif last is None:
        assert first is not None
        last = first + MANDATE_YEARS - 1
    elif first is None:
        first = last - MANDATE_YEARS + 1
    check_span(first, last)
    return first, last


def _day(value: str | None) -> dt.date | None:
    import datetime as dt

    from intstrat.errors import UsageError
    from intstrat.i18n import _

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        problem = calendar_problem(value)
        if problem is not None:
            raise UsageError(f"--as-of: {problem}") from None
        raise UsageError(
            _("--as-of {value}: write a day like 2026-12-31").format(value=value)
        ) from None


@handle_errors
def followup(
    period: Annotated[
        str | None,
        typer.Argument(
            metavar="PERIOD", help="The years to follow up, e.g. 2023-2026.", show_default=False
        ),
    ] = None,
    first: Annotated[
        int | None,
        typer.Option(
            "--from", metavar="YEAR", help="The first year (instead of PERIOD).", show_default=False
        ),
    ] = None,
    last: Annotated[
        int | None,
        typer.Option(
            "--to",
            metavar="YEAR",
            help="The last year (default: four years from --from, a mandate period).",
            show_default=False,
        ),
    ] = None,
    output_format: DocumentFormatOption = None,
    lang: DocumentLangOption = None,
    template: TemplateOption = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write here ('-' for standard output); the extension sets the format. "
            "Without it md and html go to standard output, pdf and docx to out/ in the "
            "repository (e.g. out/uppfoljning-2023-2026.pdf or .docx).",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="Only what was known on this day, by the records' own dates: later "
            "decisions are pending, later results and trips do not exist (e.g. 2026-12-31).",
            show_default=False,
        ),
    ] = None,
    rev: Annotated[
        str | None,
        typer.Option(
            "--rev",
            metavar="REVISION",
            help="Read the data as committed at this git revision (a tag, branch or "
            "commit), without touching the working tree.",
            show_default=False,
        ),
    ] = None,
    allow_errors: AllowErrorsOption = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Instead of the document, list every figure per year with its rule and the "
            "records (file:line) it was computed from.",
        ),
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="With --explain: the explanation as JSON.")
    ] = False,
    repo: RepoOption = None,
) -> None:
    """The follow-up of the international work over a period (a mandate period), as the
    strategy asks: by form and strategic area, year by year, with the previous period."""
    from rich.console import Console

    from intstrat.documents.explain import check_options
    from intstrat.loading.listing import find_root

    years = _span(period, first, last)
    day = _day(as_of)
    fmt = format_or_explain(output_format, out, explain, as_json)
    check_options(fmt, template, explain, as_json)
    root = find_root(repo)
    label = f"intstrat followup {years[0]}-{years[1]} --format {fmt}"
    with progress(Console(stderr=True), label):
        if rev is None:
            document, name = _make(root, years, fmt, lang, template, day, None, allow_errors,
                                   explain, as_json)  # fmt: skip
        else:
            from intstrat.loading.revision import checkout

            with checkout(root, rev) as (folder, revision):
                document, name = _make(folder, years, fmt, lang, template, day, revision,
                                       allow_errors, explain, as_json)  # fmt: skip
    write_document(document, out, root, name)


def _make(
    root: Path,
    years: tuple[int, int],
    fmt: DocumentFormat,
    lang: Lang | None,
    template: str | None,
    day: dt.date | None,
    revision: Revision | None,
    allow_errors: bool,
    explain: bool,
    as_json: bool,
) -> tuple[str | bytes, str]:
    """The document (or its explanation) from the repository at `root`, and its file name."""
    from intstrat.documents.explain import explain_followup
    from intstrat.documents.followup import build_followup
    from intstrat.documents.render import default_file_name, render

    _, data = load(root)
    refuse_errors(data, allow_errors)
    # The follow-up of 10,000 projects makes some 100,000 small objects without cycles;
    # the collector's walks over them and the loaded records took 0.1-0.4 s.
    with collector_paused():
        built = build_followup(
            data,
            years[0],
            years[1],
            document_language(lang and lang.value),
            as_of=day,
            revision=revision,
        )
        if explain:
            document: str | bytes = explain_followup(
                built, data.locator, "json" if as_json else "text"
            )
        else:
            document = render(built, fmt, root, template)
    return document, default_file_name(built, fmt)

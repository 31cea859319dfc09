"""`list`, `show`, `search` and `stats`: questions a coordinator asks many times a day."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from intstrat.commands.common import (
    EXIT_DATA_ERRORS,
    LangOption,
    MessagesLangOption,
    RepoOption,
    collector_paused,
    display_path,
    handle_errors,
    load,
    say_left_out,
    with_filters,
    words_for,
)
from intstrat.formats import RecordType, StatsBy, TableFormat
from intstrat.i18n import current_language, language

if TYPE_CHECKING:
    from collections.abc import Sequence

    from intstrat.query.filters import Duplicate, Filters

FormatOption = Annotated[
    TableFormat, typer.Option("--format", "-f", help="table, csv, json or yaml.")
]


@handle_errors
@with_filters
def list_command(
    what: Annotated[
        RecordType, typer.Argument(metavar="WHAT", help="projects, partners or results.")
    ] = RecordType.PROJECTS,
    filters: Filters | None = None,
    sort: Annotated[
        str | None,
        typer.Option("--sort", metavar="COLUMN", help="Sort by this column.", show_default=False),
    ] = None,
    output_format: FormatOption = TableFormat.TABLE,
    lang: LangOption = None,
    repo: RepoOption = None,
) -> None:
    """Projects, partners or results, filtered: all filters must hold, repeats mean 'or'."""
    from intstrat.commands.terminal import print_rows
    from intstrat.domain.vocabulary import Vocabulary
    from intstrat.query.filters import duplicates, resolve_filters
    from intstrat.query.tables import VIEWS, rows_of, sort_rows

    _root, data = load(repo)
    assert filters is not None
    words = words_for(lang, data)
    vocabulary = Vocabulary(data)
    found = rows_of(data, what, resolve_filters(data, filters), words)
    rows = sort_rows(found, sort, VIEWS[what], vocabulary, words.lang)
    messages = current_language()  # $INTSTRAT_LANG's: what is said about the table
    with language(words.lang):  # the table's words are the table's language, headers too
        print_rows(rows, output_format, VIEWS[what], vocabulary, words.lang, messages)
    say_left_out(data.left_out)
    say_duplicates(duplicates(data))


@handle_errors
def show(
    ident: Annotated[
        str, typer.Argument(metavar="ID", help="A project's or partner's id, title or name.")
    ],
    lang: LangOption = None,
    repo: RepoOption = None,
) -> None:
    """One project or partner in full, with the file to edit."""
    from pathlib import Path

    from intstrat.commands.terminal import print_card
    from intstrat.query.filters import duplicates
    from intstrat.query.show import card

    root, data = load(repo)
    words = words_for(lang, data)
    found = card(data, ident, words, Path.cwd())
    with language(words.lang):
        print_card(found, display_path(root, found.path))
    say_duplicates([d for d in duplicates(data) if found.path in d.paths])


@handle_errors
def search(
    text: Annotated[
        list[str], typer.Argument(metavar="WORDS", help="Words to find; all must occur.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Hits as JSON.")] = False,
    limit: Annotated[int, typer.Option("--limit", help="At most this many hits.", min=1)] = 20,
    repo: RepoOption = None,
    lang: MessagesLangOption = None,
) -> None:
    """Find projects and partners by any words, ignoring case and diacritics (vaxjo finds Växjö)."""
    from intstrat.commands.localise import document_language, repository_language
    from intstrat.commands.terminal import print_hits
    from intstrat.loading.listing import find_root
    from intstrat.query.search import hits_json, search_repository

    root = find_root(repo)
    with collector_paused():
        found = search_repository(root, " ".join(text), limit=limit)
    hits = found.hits
    if as_json:
        print(hits_json(hits))
    else:
        # The hits are in the language of `list`'s table (--lang, else the repository's);
        # their count is a message, in $INTSTRAT_LANG's.
        messages = current_language()
        shown = document_language(lang.value if lang else None)
        with language(shown or repository_language(["--repo", str(root)]) or "sv"):
            print_hits(hits, [display_path(root, hit.path) for hit in hits], messages)
    say_left_out(found.left_out)
    say_duplicates(found.duplicates)
    if not hits:
        raise typer.Exit(EXIT_DATA_ERRORS)


@handle_errors
@with_filters
def stats(
    by: Annotated[StatsBy, typer.Option("--by", help="Group by this.")] = StatsBy.KIND,
    filters: Filters | None = None,
    chart: Annotated[bool, typer.Option("--chart", help="Bars in the terminal.")] = False,
    output_format: FormatOption = TableFormat.TABLE,
    lang: LangOption = None,
    repo: RepoOption = None,
) -> None:
    """Counts of projects, external funding per currency and reach per unit, per group."""
    from intstrat.commands.terminal import print_bars, print_rows, print_stats
    from intstrat.query import filters as query
    from intstrat.query.stats import funding_notes
    from intstrat.query.stats import stats as compute

    _root, data = load(repo)
    assert filters is not None
    words = words_for(lang, data)
    chosen = query.resolve_filters(data, filters)
    entries = query.projects(data, chosen)
    rows = compute(data, entries, by, words, year=chosen.year)
    messages = current_language()
    with language(words.lang):
        if output_format is not TableFormat.TABLE:
            print_rows(rows, output_format)
        elif chart:
            print_bars(rows)
        else:
            notes = funding_notes(entries, rows, chosen.year)
            print_stats(rows, words, by, notes, messages)
    say_left_out(data.left_out)
    say_duplicates(query.duplicates(data))


def say_duplicates(found: Sequence[Duplicate], limit: int = 5) -> None:
    """Tell on stderr which ids several files share, and which file a query took each
    from: a copied file must not be counted twice, nor shown in silence in its stead."""
    from intstrat.commands.common import stderr
    from intstrat.i18n import _

    for duplicate in found[:limit]:
        said = (
            _(
                "note: {n} project files have the id '{id}': {paths}; it is counted once, "
                "from {kept} ('intstrat check' reports the error)"
            )
            if duplicate.kind == "project"
            else _(
                "note: {n} partner files have the id '{id}': {paths}; it is counted once, "
                "from {kept} ('intstrat check' reports the error)"
            )
        )
        stderr(
            said.format(
                n=len(duplicate.paths),
                id=duplicate.id,
                paths=", ".join(duplicate.paths),
                kept=duplicate.kept,
            )
        )
    if len(found) > limit:
        stderr(_("note: {n} more ids are in more than one file").format(n=len(found) - limit))

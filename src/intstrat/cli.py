"""The `intstrat` command: registers the commands of `intstrat.commands` and nothing more.

Each command module imports its library modules inside the command, so
`intstrat --help` and `intstrat check` do not pay for commands they do not run.

Exit codes (commands/common.py, the README): 0 fine; 1 the data has errors (or warnings
under --strict); 2 the command could not run (bad arguments, no repository, the OS said no);
3 a bug in intstrat; 130 interrupted; 141 the output's reader went away.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import Annotated

import typer

from intstrat import __version__
from intstrat.commands import checking, documents, editing, exporting, followup, queries, site
from intstrat.commands.coercion import convert_given_options_only
from intstrat.commands.localise import LocalisedCommand, LocalisedGroup, localise_framework
from intstrat.formats import CHOICE_WORDS, Lang
from intstrat.i18n import N_

localise_framework()
convert_given_options_only()


def _version(value: bool) -> None:
    if value:
        print(f"intstrat {__version__}")
        raise typer.Exit()


def _root(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = None,
    lang: Annotated[
        Lang | None,
        typer.Option(
            "--lang",
            help="The language of messages and documents: sv or en (default: the "
            "repository's language, else sv; $INTSTRAT_LANG sets that of messages).",
            show_default=False,
            case_sensitive=False,
        ),
    ] = None,
) -> None:
    """A municipality's international work as data: check it, query it, report it."""


#: Each command: its function, a one-line summary for `intstrat --help`, and an example
#: command line shown under its own help.
COMMANDS: list[tuple[str, Callable[..., None], str, str]] = [
    ("check", checking.check, N_("Check every record: YAML, schema, references, rules."),
     "intstrat check --format github"),
    ("report", documents.report, N_("The annual summary of international work for a year."),
     "intstrat report 2023 --format pdf"),
    ("followup", followup.followup,
     N_("The follow-up over a mandate period: by form and area, year by year."),
     "intstrat followup 2023-2026 --format pdf"),
    ("brochure", documents.brochure, N_("The partnership brochure as HTML or PDF."),
     "intstrat brochure --format pdf --lang en"),
    ("site", site.site, N_("The international work as a static, accessible web site."),
     "intstrat site -o out/site"),
    ("list", queries.list_command, N_("Projects, partners or results, filtered."),
     "intstrat list --year 2023 --status pågående"),
    ("show", queries.show, N_("One project or partner in full."), "intstrat show sekos-2"),
    ("search", queries.search, N_("Search all text; case and accents do not matter."),
     "intstrat search vaxjo energi"),
    ("stats", queries.stats, N_("Projects, funding and reach per group."),
     "intstrat stats --by country --year 2023"),
    ("export", exporting.export, N_("Every record for other tools: CSV, Excel, JSON, SQLite."),
     "intstrat export xlsx -o out/intstrat.xlsx"),
    ("init", editing.init, N_("A new data repository for an organisation."),
     "intstrat init ljungby --name 'Ljungby kommun'"),
    ("fmt", checking.fmt, N_("Rewrite records in the canonical layout, keeping comments."),
     "intstrat fmt --check"),
    ("schema", checking.schema, N_("JSON Schemas of the format, for editors."),
     "intstrat schema -o schemas"),
]  # fmt: skip


def _choice_words(words: dict[str, str]) -> Callable[[str], str]:
    """A command's Swedish words for its choices, as click normalises a token."""

    def normalise(token: str) -> str:
        return words.get(token.lower(), token)

    return normalise


def _application(commands: list[tuple[str, Callable[..., None], str, str]]) -> typer.Typer:
    """The `intstrat` group with these commands (and `new` when all are there)."""
    application = typer.Typer(
        name="intstrat",
        cls=LocalisedGroup,
        help="A municipality's international work as data: check it, query it, report it.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    application.callback()(_root)
    for name, function, summary, example in commands:
        words = CHOICE_WORDS.get(name)
        application.command(
            name,
            cls=LocalisedCommand,
            short_help=summary,
            epilog=example,
            # click compares choices (and option names) through this: `list projekt`.
            context_settings={"token_normalize_func": _choice_words(words)} if words else None,
        )(function)
    if commands is COMMANDS:
        application.add_typer(
            editing.new_app,
            name="new",
            short_help=N_("A new project or partner file, valid from the start."),
        )
    return application


app = _application(COMMANDS)


def application_for(args: Sequence[str]) -> typer.Typer:
    """The group to run `args` with: `app`, or, when the first argument names a
    command, the same group holding only that command.

    typer turns every command's signature into options before it runs any one of
    them: 25 ms of each start, a tenth of a small repository's check. Whatever a
    command does or says (its help, its usage errors) is the same in both groups.
    """
    chosen = [command for command in COMMANDS if args and command[0] == args[0]]
    return _application(chosen) if chosen else app


def main() -> None:
    """Entry point of the `intstrat` script.

    pydantic plugins (instrumentation installed beside other tools) are not looked
    for: what a repository's records are must not depend on what else is installed,
    and looking reads every installed package's entry points (5 ms, a run's first
    validator). An explicit $PYDANTIC_DISABLE_PLUGINS is left as it is.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    application_for(sys.argv[1:])()

"""The `intstrat` command: registers the commands of `intstrat.commands` and nothing more.

Each command module imports its library modules inside the command, so
`intstrat --help` and `intstrat check` do not pay for commands they do not run.

Exit codes: 0 fine; 1 the data has errors (or warnings under --strict);
2 the command could not run (no repository, bad arguments); 3 a bug in intstrat.
"""

from __future__ import annotations

from typing import Annotated

import typer

from intstrat import __version__
from intstrat.commands import checking, documents, editing, exporting, queries, site
from intstrat.commands.localise import LocalisedGroup, localise_framework

localise_framework()
app = typer.Typer(
    name="intstrat",
    cls=LocalisedGroup,
    help="A municipality's international work as data: check it, query it, report it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"intstrat {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = None,
) -> None:
    """A municipality's international work as data: check it, query it, report it."""


app.command()(checking.check)
app.command()(checking.schema)
app.command()(documents.report)
app.command("fmt")(checking.fmt)
app.add_typer(editing.new_app, name="new")
app.command()(editing.init)
app.command("list")(queries.list_command)
app.command()(queries.show)
app.command()(queries.search)
app.command()(queries.stats)
app.command()(exporting.export)
app.command()(documents.brochure)
app.command()(site.site)


def main() -> None:
    """Entry point of the `intstrat` script."""
    app()

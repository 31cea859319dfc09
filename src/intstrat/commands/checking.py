"""`check`, `fmt` and `schema`: the commands CI and editors run on every change."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from intstrat import DOCS_URL
from intstrat.commands.common import (
    EXIT_DATA_ERRORS,
    MessagesLangOption,
    RepoOption,
    collector_paused,
    display_path,
    handle_errors,
    parse_day,
    stderr,
)
from intstrat.formats import CheckFormat, SchemaKind
from intstrat.i18n import _, ngettext

if TYPE_CHECKING:
    from collections.abc import Sequence

    from intstrat.checks.rules import Rule


@handle_errors
def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH",
            help="Only report findings in these files or folders.",
            show_default=False,
        ),
    ] = None,
    repo: RepoOption = None,
    output_format: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text for people, github for workflow annotations, json for tools "
            "(default: github when GITHUB_ACTIONS=true, else text).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    iati: Annotated[
        bool,
        typer.Option(
            "--iati",
            help=f"Also check what 'intstrat export iati' needs (I codes; see {DOCS_URL}iati.md).",
        ),
    ] = False,
    include_pipeline: Annotated[
        bool,
        typer.Option(
            "--include-pipeline",
            help="With --iati: check ideas and applications too, as 'intstrat export iati "
            "--include-pipeline' publishes them (implies --iati).",
        ),
    ] = False,
    today: Annotated[
        dt.date | None,
        typer.Option(
            "--today",
            metavar="DATE",
            parser=parse_day,
            help="Check dates against this day instead of today (YYYY-MM-DD).",
            show_default=False,
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Read and validate every file again, without the cache in .intstrat-cache "
            "(also: INTSTRAT_NO_CACHE=1).",
        ),
    ] = False,
    lang: MessagesLangOption = None,
) -> None:
    """Check every record: YAML, schema and the repository's references and rules."""
    from intstrat.checks import output
    from intstrat.checks.run import check as run_checks
    from intstrat.loading.listing import find_root

    root = find_root(repo)
    extra: Sequence[Rule] = ()
    if include_pipeline:
        from intstrat.checks.iati import IATI_PIPELINE_RULES

        extra = IATI_PIPELINE_RULES
    elif iati:
        from intstrat.checks.iati import IATI_RULES

        extra = IATI_RULES
    with collector_paused():
        result = run_checks(root, paths or [], today, extra, cache=False if no_cache else None)
    shown = [replace(d, path=display_path(root, d.path)) for d in result.diagnostics]
    output.WRITERS[output_format or output.default_format()](shown, result.files)
    raise typer.Exit(result.exit_code(strict=strict))


@handle_errors
def fmt(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH", help="Files or folders (default: every record).", show_default=False
        ),
    ] = None,
    check_only: Annotated[
        bool,
        typer.Option("--check", help="Change nothing; list files that would change, exit 1."),
    ] = False,
    repo: RepoOption = None,
    lang: MessagesLangOption = None,
) -> None:
    """Rewrite records in one canonical layout, keeping every comment and value."""
    from intstrat.edit.fmt import format_repository
    from intstrat.loading.listing import find_root

    root = find_root(repo)
    outcomes = format_repository(root, paths or [], write=not check_only)
    changed = [o for o in outcomes if o.changed]
    broken = [o for o in outcomes if o.diagnostics]
    for outcome in changed:
        where = display_path(root, outcome.path)
        print(
            _("would reformat {path}").format(path=where)
            if check_only
            else _("reformatted {path}").format(path=where)
        )
    for outcome in broken:
        first = outcome.diagnostics[0]
        stderr(
            _(
                "{path}:{line}:{column}: not formatted, it has errors ({code} {message}); "
                "run 'intstrat check'"
            ).format(
                path=display_path(root, outcome.path),
                line=first.line,
                column=first.column,
                code=first.code,
                message=first.message,
            )
        )
    for outcome in outcomes:
        if outcome.kept is not None:
            line, reason = outcome.kept
            stderr(
                _("{path}:{line}: not formatted: {reason}").format(
                    path=display_path(root, outcome.path), line=line, reason=reason
                )
            )
    # A file left as it is, because formatting it would lose a comment, is not in the
    # canonical layout either: --check fails on it, with the way to fix it said above.
    kept = [o for o in outcomes if o.kept is not None and not o.changed and not o.diagnostics]
    unchanged = len(outcomes) - len(changed) - len(broken) - len(kept)
    n = len(changed)
    summary = (
        ngettext("{n} file would reformat", "{n} files would reformat", n)
        if check_only
        else ngettext("{n} file reformatted", "{n} files reformatted", n)
    ).format(n=n)
    summary += ", " + ngettext("{n} unchanged", "{n} unchanged", unchanged).format(n=unchanged)
    if kept:
        summary += ", " + ngettext(
            "{n} to be laid out by hand", "{n} to be laid out by hand", len(kept)
        ).format(n=len(kept))
    if broken:
        summary += ", " + _("{n} with errors").format(n=len(broken))
    stderr(summary)
    if check_only and changed:
        stderr(_("run 'intstrat fmt' to lay them out; it changes nothing but the layout"))
    failed = broken or (check_only and (changed or kept))
    raise typer.Exit(EXIT_DATA_ERRORS if failed else 0)


def _refuse_schema_folder(out: Path) -> None:
    """Refuse `schema -o` into a repository's records, templates or git folders (its
    schemas/ folder is where schemas belong; any folder outside a repository is fine)."""
    from intstrat.commands.common import REPOSITORY_INPUTS
    from intstrat.errors import UsageError
    from intstrat.loading.listing import CONFIG_FILE

    try:
        folder = out.resolve()
    except (OSError, RuntimeError):
        return  # writing says what is wrong with it
    for root in (folder, *folder.parents):
        if (root / CONFIG_FILE).is_file():
            for name in REPOSITORY_INPUTS:
                if name != "schemas" and folder.is_relative_to(root / name):
                    raise UsageError(
                        _(
                            "-o {path} is in the repository's own {name}, which intstrat "
                            "reads: schemas go in schemas/ or a folder of their own"
                        ).format(path=out, name=name)
                    )
            return


@handle_errors
def schema(
    kind: Annotated[
        SchemaKind | None,
        typer.Argument(
            metavar="KIND",
            help="Which schema (default: all with -o, project without).",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write the schema files into this folder.", show_default=False
        ),
    ] = None,
    check_only: Annotated[
        bool,
        typer.Option("--check", help="With -o: change nothing, exit 1 if the files are stale."),
    ] = False,
    lang: MessagesLangOption = None,
) -> None:
    """JSON Schemas of the format, for editor autocompletion and other tools."""
    import sys

    from intstrat.errors import UsageError
    from intstrat.fileio import is_stdout
    from intstrat.format import schema as schemas

    if out is None or is_stdout(out):  # `-o -` is standard output, as everywhere
        if check_only:
            raise UsageError(_("--check needs -o DIR: the folder whose schemas to compare"))
        sys.stdout.write(schemas.render(str(kind or SchemaKind.PROJECT)))
        return
    _refuse_schema_folder(out)
    kinds = [str(kind)] if kind else list(schemas.SCHEMAS)
    if check_only:
        stale = schemas.stale_schemas(out, kinds)
        for path in stale:
            print(
                _("{path}: out of date; run 'intstrat schema -o {out}'").format(path=path, out=out)
            )
        raise typer.Exit(EXIT_DATA_ERRORS if stale else 0)
    for path in schemas.write_schemas(out, kinds):
        print(_("wrote {path}").format(path=path))

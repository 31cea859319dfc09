"""The command line: each command parses arguments, calls one library function
and turns its result into output and an exit code.

Library modules are imported inside the commands, so `intstrat --help` and
`intstrat check` do not pay for the imports of commands they do not run.

Exit codes: 0 fine; 1 the data has errors (or warnings under --strict);
2 the command could not run (no repository, bad arguments); 3 a bug in intstrat.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec, TypeVar

import typer

from intstrat import __version__
from intstrat.formats import (
    CheckFormat,
    DocumentFormat,
    Lang,
    RecordType,
    StatsBy,
    TableFormat,
)

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from rich.console import Console

    from intstrat.i18n import Words
    from intstrat.load.repository import Repository
    from intstrat.query.filters import Filters

app = typer.Typer(
    name="intstrat",
    help="A municipality's international work as data: check it, query it, report it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_DATA_ERRORS = 1
EXIT_USAGE = 2
EXIT_BUG = 3
ISSUES_URL = "https://github.com/intstrat/intstrat/issues"

P = ParamSpec("P")
R = TypeVar("R")


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def handle_errors(command: Callable[P, R]) -> Callable[P, R]:
    """The one place where exceptions become messages and exit codes."""
    from intstrat.errors import IntstratError

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except IntstratError as exc:
            _stderr(f"intstrat: {exc}")
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            _stderr("intstrat: interrupted")
            raise typer.Exit(130) from None
        except Exception as exc:  # a bug: say so in one line, never a traceback
            _stderr(
                f"intstrat: internal error ({type(exc).__name__}: {exc}). This is a bug in "
                f"intstrat {__version__}; please report it at {ISSUES_URL}"
            )
            if os.environ.get("INTSTRAT_DEBUG"):
                raise
            raise typer.Exit(EXIT_BUG) from None

    return wrapper


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


RepoOption = Annotated[
    Path | None,
    typer.Option(
        "--repo",
        envvar="INTSTRAT_REPO",
        help="The data repository (default: the folder with intstrat.yaml, found upwards "
        "from here).",
        show_default=False,
    ),
]


def _parse_day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not a date like 2024-01-31") from None


def _display_path(root: Path, rel: str) -> str:
    """A root-relative path as the user can open it from the current folder."""
    full = root / rel
    try:
        return full.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return full.as_posix()


@app.command()
@handle_errors
def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Only report findings in these files or folders.", show_default=False),
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
    today: Annotated[
        dt.date | None,
        typer.Option(
            "--today",
            metavar="DATE",
            parser=_parse_day,
            help="Check dates against this day instead of today (YYYY-MM-DD).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check every record: YAML, schema and the repository's references and rules."""
    from dataclasses import replace

    from intstrat.checks import output
    from intstrat.checks import rules as checks
    from intstrat.load.repository import find_root

    root = find_root(repo)
    result = checks.check(root, paths or [], today)
    shown = [replace(d, path=_display_path(root, d.path)) for d in result.diagnostics]
    fmt = output_format or (
        CheckFormat.GITHUB if os.environ.get("GITHUB_ACTIONS") == "true" else CheckFormat.TEXT
    )
    if fmt is CheckFormat.JSON:
        sys.stdout.write(output.as_json(shown, result.files))
    elif fmt is CheckFormat.GITHUB:
        sys.stdout.write(output.github(shown))
        summary = output.summary(shown, result.files)
        print(
            f"checked {summary['files']} files: {summary['errors']} errors, "
            f"{summary['warnings']} warnings"
        )
    else:
        from rich.console import Console

        output.print_text(Console(highlight=False), shown, result.files)
    raise typer.Exit(result.exit_code(strict=strict))


class SchemaKind(StrEnum):
    PROJECT = "project"
    PARTNER = "partner"
    CONFIG = "config"


@app.command()
@handle_errors
def schema(
    kind: Annotated[
        SchemaKind | None,
        typer.Argument(
            help="Which schema (default: all with -o, project without).", show_default=False
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
) -> None:
    """JSON Schemas of the format, for editor autocompletion and other tools."""
    from intstrat.errors import UsageError
    from intstrat.format import schema as schemas

    if out is None:
        if check_only:
            raise UsageError("--check needs -o DIR: the folder whose schemas to compare")
        sys.stdout.write(schemas.render(str(kind or SchemaKind.PROJECT)))
        return
    kinds = [str(kind)] if kind else list(schemas.SCHEMAS)
    if check_only:
        stale = schemas.stale_schemas(out, kinds)
        for path in stale:
            print(f"{path}: out of date; run 'intstrat schema -o {out}'")
        raise typer.Exit(EXIT_DATA_ERRORS if stale else 0)
    for path in schemas.write_schemas(out, kinds):
        print(f"wrote {path}")


@app.command()
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
    template: Annotated[
        str | None,
        typer.Option(
            "--template",
            help="A template in the repository's templates/ (docx: a .docx to take styles from).",
            show_default=False,
        ),
    ] = None,
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
    repo: RepoOption = None,
) -> None:
    """The annual summary of international work for YEAR, as the strategy asks for it."""
    from rich.console import Console

    from intstrat.documents import render
    from intstrat.documents.report import build_report
    from intstrat.fileio import write_atomic
    from intstrat.load.repository import find_root, load_repository

    root = find_root(repo)
    data = load_repository(root)
    _refuse_errors(data, allow_errors)
    fmt = output_format
    stderr = Console(stderr=True)
    with _progress(stderr, f"intstrat report {year} --format {fmt}"):
        built = build_report(data, year, lang.value if lang else None, unit)
        document = render.render_report(built, fmt, root, template)
    if out is None and fmt not in render.BINARY:
        assert isinstance(document, str)
        sys.stdout.write(document)
        return
    target = out or Path(render.default_file_name(built, fmt, unit))
    write_atomic(target, document)
    print(f"wrote {target}", file=sys.stderr)


@app.command("fmt")
@handle_errors
def fmt_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders (default: every record).", show_default=False),
    ] = None,
    check_only: Annotated[
        bool,
        typer.Option("--check", help="Change nothing; list files that would change, exit 1."),
    ] = False,
    repo: RepoOption = None,
) -> None:
    """Rewrite records in one canonical layout, keeping every comment and value."""
    from intstrat.edit.fmt import format_repository
    from intstrat.load.repository import find_root

    root = find_root(repo)
    outcomes = format_repository(root, paths or [], write=not check_only)
    changed = [o for o in outcomes if o.changed]
    broken = [o for o in outcomes if o.diagnostics]
    verb = "would reformat" if check_only else "reformatted"
    for outcome in changed:
        print(f"{verb} {_display_path(root, outcome.path)}")
    for outcome in broken:
        first = outcome.diagnostics[0]
        print(
            f"{_display_path(root, outcome.path)}:{first.line}:{first.column}: not formatted, "
            f"it has errors ({first.code} {first.message}); run 'intstrat check'",
            file=sys.stderr,
        )
    unchanged = len(outcomes) - len(changed) - len(broken)
    print(
        f"{len(changed)} files {verb}, {unchanged} unchanged"
        + (f", {len(broken)} with errors" if broken else ""),
        file=sys.stderr,
    )
    raise typer.Exit(EXIT_DATA_ERRORS if broken or (check_only and changed) else 0)


new_app = typer.Typer(
    help="Create a new record file (asks for the essentials in a terminal).",
    no_args_is_help=True,
)
app.add_typer(new_app, name="new")


def _interactive(no_input: bool) -> bool:
    """Ask questions only when a person is at a terminal."""
    return not no_input and sys.stdin.isatty()


def _ask(
    question: str, check: Callable[[str], object] | None = None, default: str | None = None
) -> str:
    """One question; a wrong answer is explained and asked again."""

    def proc(value: str) -> str:
        value = value.strip()
        if check is not None and value:
            try:
                check(value)
            except ValueError as exc:
                raise typer.BadParameter(str(exc).split("\n")[0]) from None
        return value

    answer: str = typer.prompt(
        question, default=default or "", show_default=bool(default), value_proc=proc
    )
    return answer


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _each(check: Callable[[str], object]) -> Callable[[str], None]:
    def run(value: str) -> None:
        for part in _split(value):
            check(part)

    return run


def _sdg(value: str) -> None:
    if not value.isdigit() or not 1 <= int(value) <= 17:
        raise ValueError(f"'{value}' is not an SDG; the goals are numbered 1 to 17")


@new_app.command("project")
@handle_errors
def new_project(
    ident: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]", help="The id (default: from the title).", show_default=False
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option(help="The project's name.", show_default=False)
    ] = None,
    kind: Annotated[str, typer.Option(help="project, prestudy, network or activity.")] = "project",
    status: Annotated[
        str | None,
        typer.Option(help="idea, applied, planned, ongoing, completed, ...", show_default=False),
    ] = None,
    owner: Annotated[
        str | None,
        typer.Option(help="The owning unit's id from intstrat.yaml.", show_default=False),
    ] = None,
    partner: Annotated[
        list[str] | None,
        typer.Option("--partner", help="A partner id (repeat for more).", show_default=False),
    ] = None,
    start: Annotated[
        str | None, typer.Option(help="Start: 2024, 2024-03 or 2024-03-15.", show_default=False)
    ] = None,
    end: Annotated[
        str | None, typer.Option(help="End, if it has ended or is planned to.", show_default=False)
    ] = None,
    sdg: Annotated[
        list[int] | None,
        typer.Option("--sdg", help="An SDG 1-17 (repeat for more).", show_default=False),
    ] = None,
    theme: Annotated[
        list[str] | None, typer.Option("--theme", help="A theme id (repeat).", show_default=False)
    ] = None,
    form: Annotated[
        list[str] | None, typer.Option("--form", help="A form id (repeat).", show_default=False)
    ] = None,
    goal: Annotated[
        list[str] | None, typer.Option("--goal", help="A goal id (repeat).", show_default=False)
    ] = None,
    summary: Annotated[
        str | None, typer.Option(help="A few sentences about it.", show_default=False)
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Never ask; take only the options.")
    ] = False,
    repo: RepoOption = None,
) -> None:
    """A new project file in data/projects/, valid from the start."""
    from intstrat.edit import scaffold
    from intstrat.errors import UsageError
    from intstrat.format.models import Kind, Status
    from intstrat.i18n import Words
    from intstrat.load.repository import find_root, load_repository

    root = find_root(repo)
    data = load_repository(root)
    choices = scaffold.Choices.of(data)
    t = Words(choices.language)  # type: ignore[arg-type]
    kinds, statuses = [k.value for k in Kind], [s.value for s in Status]
    answers: dict[str, object] = {
        "title": title,
        "kind": kind,
        "status": status,
        "owner": owner,
        "partners": partner or [],
        "start": start,
        "end": end,
        "sdgs": sdg or [],
        "themes": theme or [],
        "forms": form or [],
        "goals": goal or [],
        "summary": summary,
    }
    if _interactive(no_input):
        answers["title"] = title or _ask(t("ask_title"), lambda v: v)
        if not ident:
            answers["kind"] = _ask(
                t("ask_kind", options=", ".join(kinds)),
                lambda v: scaffold.check_one_of(v, kinds, "kind"),
                kind,
            )
        answers["status"] = status or _ask(
            t("ask_status", options=", ".join(statuses)),
            lambda v: scaffold.check_one_of(v, statuses, "status"),
        )
        answers["owner"] = owner or _ask(
            t("ask_owner", options=", ".join(choices.units)),
            lambda v: scaffold.check_one_of(v, choices.units, "unit"),
        )
        if partner is None:
            answers["partners"] = _split(
                _ask(
                    t("ask_partners", options=", ".join(choices.partners)),
                    _each(lambda v: scaffold.check_one_of(v, choices.partners, "partner")),
                )
            )
        answers["start"] = start or _ask(t("ask_start"), scaffold.check_date) or None
        if answers["start"] and end is None:
            answers["end"] = _ask(t("ask_end"), scaffold.check_date) or None
        if sdg is None:
            answers["sdgs"] = [int(v) for v in _split(_ask(t("ask_sdgs"), _each(_sdg)))]
    missing = [name for name in ("title", "status", "owner") if not answers[name]]
    if missing:
        raise UsageError(f"missing --{', --'.join(missing)} (run it in a terminal to be asked)")
    taken = set(data.projects) | data.broken.get("project", set())
    proposed = ident or scaffold.propose_id(str(answers["title"]), taken)
    if _interactive(no_input) and not ident:
        proposed = _ask(t("ask_id"), _slug_check, proposed)
    answers["id"] = proposed
    try:
        record = scaffold.project_data(answers, choices)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    path = scaffold.write_record(root, "project", record, choices.language)
    print(t("wrote_new", path=_display_path(root, path.relative_to(root).as_posix())))


@new_app.command("partner")
@handle_errors
def new_partner(
    ident: Annotated[
        str | None,
        typer.Argument(metavar="[ID]", help="The id (default: from the name).", show_default=False),
    ] = None,
    name: Annotated[
        str | None, typer.Option(help="The partner's name.", show_default=False)
    ] = None,
    partner_type: Annotated[
        str,
        typer.Option(
            "--type", help="municipality, region, university, organisation, network or company."
        ),
    ] = "municipality",
    country: Annotated[
        str | None, typer.Option(help="Two-letter country code: ZA, XK, ...", show_default=False)
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Year the partnership began.", show_default=False)
    ] = None,
    website: Annotated[str | None, typer.Option(help="https://...", show_default=False)] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Never ask; take only the options.")
    ] = False,
    repo: RepoOption = None,
) -> None:
    """A new partner file in data/partners/, valid from the start."""
    from intstrat.edit import scaffold
    from intstrat.errors import UsageError
    from intstrat.format.models import PartnerType
    from intstrat.format.values import country_codes
    from intstrat.i18n import Words
    from intstrat.load.repository import find_root, load_repository

    root = find_root(repo)
    data = load_repository(root)
    choices = scaffold.Choices.of(data)
    t = Words(choices.language)  # type: ignore[arg-type]
    types = [p.value for p in PartnerType]
    answers: dict[str, object] = {
        "name": name,
        "type": partner_type,
        "country": country,
        "since": since,
        "website": website,
    }
    if _interactive(no_input):
        answers["name"] = name or _ask(t("ask_name"), lambda v: v)
        answers["type"] = _ask(
            t("ask_type", options=", ".join(types)),
            lambda v: scaffold.check_one_of(v, types, "type"),
            partner_type,
        )
        answers["country"] = country or _ask(
            t("ask_country"), lambda v: scaffold.check_one_of(v, sorted(country_codes()), "country")
        )
        answers["since"] = since or _ask(t("ask_since"), scaffold.check_date) or None
    missing = [n for n in ("name", "country") if not answers[n]]
    if missing:
        raise UsageError(f"missing --{', --'.join(missing)} (run it in a terminal to be asked)")
    taken = set(data.partners) | data.broken.get("partner", set())
    answers["id"] = ident or scaffold.propose_id(str(answers["name"]), taken)
    if _interactive(no_input) and not ident:
        answers["id"] = _ask(t("ask_id"), _slug_check, str(answers["id"]))
    path = scaffold.write_record(root, "partner", scaffold.partner_data(answers), choices.language)
    print(t("wrote_new", path=_display_path(root, path.relative_to(root).as_posix())))


@app.command()
@handle_errors
def init(
    directory: Annotated[Path, typer.Argument(help="Where to create it (default: here).")] = Path(),
    name: Annotated[
        str | None,
        typer.Option(help="The organisation, e.g. 'Ljungby kommun'.", show_default=False),
    ] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Default language of documents.")] = Lang.SV,
    unit: Annotated[
        list[str] | None,
        typer.Option(
            "--unit",
            metavar="ID=NAME",
            help="A department or company, e.g. utbildning=Utbildningsförvaltningen (repeat).",
            show_default=False,
        ),
    ] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never ask.")] = False,
) -> None:
    """A new data repository for an organisation, ready for 'intstrat check'."""
    from intstrat.edit import scaffold
    from intstrat.errors import UsageError

    organisation = name
    if not organisation and _interactive(no_input):
        organisation = _ask("Organisationens namn / Name of the organisation", lambda v: v)
    if not organisation:
        raise UsageError("missing --name, e.g. --name 'Ljungby kommun'")
    units = []
    for item in unit or []:
        ident, sep, unit_name = item.partition("=")
        if not sep or not ident or not unit_name:
            raise UsageError(
                f"--unit {item!r}: write ID=NAME, e.g. utbildning=Utbildningsförvaltningen"
            )
        units.append((ident.strip(), unit_name.strip()))
    written = scaffold.init_repository(directory, organisation, lang.value, units or None)
    for path in written:
        print(f"wrote {path}")
    print(f"next: cd {directory} && intstrat check && intstrat new project")


def _slug_check(value: str) -> None:
    from pydantic import TypeAdapter, ValidationError

    from intstrat.format.values import Slug

    try:
        TypeAdapter(Slug).validate_python(value)
    except ValidationError as exc:
        raise ValueError(exc.errors()[0]["msg"]) from None


# Filters shared by list, stats and export; the query itself is intstrat.query.filters.
YearOpt = Annotated[
    int | None, typer.Option("--year", help="Work that ran in this year.", show_default=False)
]
StatusOpt = Annotated[
    list[str] | None, typer.Option("--status", help="Status (repeat for more).", show_default=False)
]
KindOpt = Annotated[
    list[str] | None,
    typer.Option("--kind", help="project, prestudy, network, activity.", show_default=False),
]
PartnerOpt = Annotated[
    list[str] | None, typer.Option("--partner", help="A partner id.", show_default=False)
]
CountryOpt = Annotated[
    list[str] | None,
    typer.Option("--country", help="A partner's country: ZA, XK, ...", show_default=False),
]
UnitOpt = Annotated[
    list[str] | None, typer.Option("--unit", help="The owning unit's id.", show_default=False)
]
FunderOpt = Annotated[
    list[str] | None, typer.Option("--funder", help="An external funder's id.", show_default=False)
]
EuOpt = Annotated[
    bool | None, typer.Option("--eu/--not-eu", help="EU-funded or not.", show_default=False)
]
SdgOpt = Annotated[list[int] | None, typer.Option("--sdg", help="An SDG 1-17.", show_default=False)]
ThemeOpt = Annotated[
    list[str] | None, typer.Option("--theme", help="A theme id.", show_default=False)
]
FormOpt = Annotated[list[str] | None, typer.Option("--form", help="A form id.", show_default=False)]
GoalOpt = Annotated[list[str] | None, typer.Option("--goal", help="A goal id.", show_default=False)]


def _filters(
    year: int | None = None,
    status: list[str] | None = None,
    kind: list[str] | None = None,
    partner: list[str] | None = None,
    country: list[str] | None = None,
    unit: list[str] | None = None,
    funder: list[str] | None = None,
    eu: bool | None = None,
    sdg: list[int] | None = None,
    theme: list[str] | None = None,
    form: list[str] | None = None,
    goal: list[str] | None = None,
) -> Filters:
    from intstrat.query.filters import Filters

    return Filters(
        year=year,
        status=status or (),
        kind=kind or (),
        partner=partner or (),
        country=country or (),
        unit=unit or (),
        funder=funder or (),
        eu=eu,
        sdg=sdg or (),
        theme=theme or (),
        form=form or (),
        goal=goal or (),
    )


def _load(repo: Path | None) -> tuple[Path, Repository]:
    from intstrat.load.repository import find_root, load_repository

    root = find_root(repo)
    return root, load_repository(root)


@app.command("list")
@handle_errors
def list_command(
    what: Annotated[
        RecordType, typer.Argument(help="projects, partners or results.")
    ] = RecordType.PROJECTS,
    year: YearOpt = None,
    status: StatusOpt = None,
    kind: KindOpt = None,
    partner: PartnerOpt = None,
    country: CountryOpt = None,
    unit: UnitOpt = None,
    funder: FunderOpt = None,
    eu: EuOpt = None,
    sdg: SdgOpt = None,
    theme: ThemeOpt = None,
    form: FormOpt = None,
    goal: GoalOpt = None,
    sort: Annotated[
        str | None, typer.Option("--sort", help="Sort by this column.", show_default=False)
    ] = None,
    output_format: Annotated[
        TableFormat, typer.Option("--format", "-f", help="table, csv, json or yaml.")
    ] = TableFormat.TABLE,
    lang: Annotated[
        Lang | None, typer.Option("--lang", help="sv or en.", show_default=False)
    ] = None,
    repo: RepoOption = None,
) -> None:
    """Projects, partners or results, filtered: all filters must hold, repeats mean 'or'."""
    from intstrat.query import filters as query
    from intstrat.query import tables as tabular

    _, data = _load(repo)
    filters = _filters(
        year=year,
        status=status,
        kind=kind,
        partner=partner,
        country=country,
        unit=unit,
        funder=funder,
        eu=eu,
        sdg=sdg,
        theme=theme,
        form=form,
        goal=goal,
    )
    words = _words(lang, data)
    if what is RecordType.PROJECTS:
        rows = tabular.project_rows(data, query.projects(data, filters), words)
    elif what is RecordType.PARTNERS:
        rows = tabular.partner_rows(data, query.partners(data, filters), words)
    else:
        rows = tabular.result_rows(query.results(data, filters), words)
    _print_rows(tabular.sort_rows(rows, sort), output_format)


@app.command()
@handle_errors
def show(
    ident: Annotated[str, typer.Argument(metavar="ID", help="A project or partner id.")],
    lang: Annotated[
        Lang | None, typer.Option("--lang", help="sv or en.", show_default=False)
    ] = None,
    repo: RepoOption = None,
) -> None:
    """One project or partner in full, with the file to edit."""
    from rich.console import Console, Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from intstrat.query.show import card

    root, data = _load(repo)
    found = card(data, ident, _words(lang, data))
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    for label, value in found.facts:
        facts.add_row(label, value)
    parts: list[Table | Text] = [facts]
    for heading, lines in found.sections:
        parts.append(Text(""))
        parts.append(Text(heading, style="bold"))
        parts.extend(Text(f"• {line}" if len(lines) > 1 else line) for line in lines)
    console = Console(highlight=False)
    console.print(
        Panel(
            Group(*parts),
            title=Text(found.title, style="bold"),
            subtitle=Text(_display_path(root, found.path)),
            title_align="left",
            subtitle_align="right",
        )
    )


@app.command()
@handle_errors
def search(
    text: Annotated[list[str], typer.Argument(help="Words to find; all must occur.")],
    as_json: Annotated[bool, typer.Option("--json", help="Hits as JSON.")] = False,
    limit: Annotated[int, typer.Option("--limit", help="At most this many hits.", min=1)] = 20,
    repo: RepoOption = None,
) -> None:
    """Find projects and partners by any words, ignoring case and diacritics (vaxjo finds Växjö)."""
    import json

    from rich.console import Console
    from rich.text import Text

    from intstrat.query.search import search as find

    root, data = _load(repo)
    hits = find(data, " ".join(text))[:limit]
    if as_json:
        print(json.dumps([hit.__dict__ for hit in hits], ensure_ascii=False, indent=2))
        return
    console = Console(highlight=False)
    for hit in hits:
        head = Text()
        head.append(hit.title, style="bold")
        head.append(f"  {hit.kind} {hit.id}  {_display_path(root, hit.path)}", style="dim")
        snippet = Text(hit.snippet)
        for start, end in hit.spans:
            snippet.stylize("bold yellow", start, end)
        console.print(head)
        console.print(Text("  ").append_text(snippet))
    console.print(f"{len(hits)} hits", style="dim")
    if not hits:
        raise typer.Exit(EXIT_DATA_ERRORS)


@app.command()
@handle_errors
def stats(
    by: Annotated[StatsBy, typer.Option("--by", help="Group by this.")] = StatsBy.KIND,
    year: YearOpt = None,
    status: StatusOpt = None,
    kind: KindOpt = None,
    partner: PartnerOpt = None,
    country: CountryOpt = None,
    unit: UnitOpt = None,
    funder: FunderOpt = None,
    eu: EuOpt = None,
    sdg: SdgOpt = None,
    theme: ThemeOpt = None,
    form: FormOpt = None,
    goal: GoalOpt = None,
    chart: Annotated[bool, typer.Option("--chart", help="Bars in the terminal.")] = False,
    output_format: Annotated[
        TableFormat, typer.Option("--format", "-f", help="table, csv, json or yaml.")
    ] = TableFormat.TABLE,
    lang: Annotated[
        Lang | None, typer.Option("--lang", help="sv or en.", show_default=False)
    ] = None,
    repo: RepoOption = None,
) -> None:
    """Counts of projects, external funding per currency and reach, per group."""
    from intstrat.query import filters as query
    from intstrat.query.stats import stats as compute

    _, data = _load(repo)
    filters = _filters(
        year=year,
        status=status,
        kind=kind,
        partner=partner,
        country=country,
        unit=unit,
        funder=funder,
        eu=eu,
        sdg=sdg,
        theme=theme,
        form=form,
        goal=goal,
    )
    words = _words(lang, data)
    rows = compute(data, query.projects(data, filters), by, words)
    if output_format is not TableFormat.TABLE:
        _print_rows(rows, output_format)
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False)
    if chart:
        widest = max((r["projects"] for r in rows[:-1]), default=0) or 1
        width = max(10, min(50, console.width - 50))
        for row in rows[:-1]:
            line = Text(f"{row['label'][:40]:<40} ")
            line.append("█" * max(1, round(row["projects"] / widest * width)), style="cyan")
            line.append(f" {row['projects']}")
            console.print(line)
        return
    table = Table(show_edge=False, pad_edge=False, highlight=False)
    columns = [k for k in rows[0] if k != "key"]
    for column in columns:
        table.add_column(
            column,
            justify="left" if column == "label" else "right",
            overflow="fold" if column == "label" else "ellipsis",
        )
    for row in rows:
        cells = [row[c] if c == "label" else words.number(row[c]) for c in columns]
        table.add_row(*cells, style="bold" if row["key"] == "" else None)
    console.print(table)


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"
    SQLITE = "sqlite"


@app.command()
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
    from intstrat.exports import dataset as exports
    from intstrat.fileio import write_atomic

    _, data = _load(repo)
    _refuse_errors(data, allow_errors)
    if what is ExportFormat.JSON:
        text = exports.export_json(data)
        if out is None:
            sys.stdout.write(text)
            return
        write_atomic(out, text)
        written = [out]
    elif out is None:
        raise UsageError(f"export {what} needs -o PATH")
    elif what is ExportFormat.CSV:
        written = exports.export_csv(data, out, bom=bom)
    elif what is ExportFormat.XLSX:
        written = [exports.export_xlsx(data, out)]
    else:
        written = [exports.export_sqlite(data, out)]
    for path in written:
        print(f"wrote {path}", file=sys.stderr)


@app.command()
@handle_errors
def brochure(
    output_format: Annotated[
        DocumentFormat, typer.Option("--format", "-f", help="html or pdf.")
    ] = DocumentFormat.PDF,
    lang: Annotated[
        Lang | None, typer.Option("--lang", help="sv or en.", show_default=False)
    ] = None,
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
    from intstrat.documents.render import render_brochure
    from intstrat.fileio import write_atomic

    root, data = _load(repo)
    _refuse_errors(data, allow=False)
    with _progress(Console(stderr=True), "intstrat brochure"):
        built = build_brochure(data, lang.value if lang else None, partner, featured, title)
        document = render_brochure(built, output_format, root, template)
    if out is None and isinstance(document, str):
        sys.stdout.write(document)
        return
    target = out or Path("partnerskap.pdf" if built.lang == "sv" else "partnerships.pdf")
    write_atomic(target, document)
    print(f"wrote {target}", file=sys.stderr)


def _words(lang: Lang | None, data: Repository) -> Words:
    from intstrat.i18n import Words

    if lang is not None:
        return Words(lang.value)
    return Words(data.config.language if data.config else "sv")


#: Columns a terminal table shows; csv, json and yaml give every column.
TABLE_COLUMNS = {
    "id": {"no_wrap": True},
    "title": {"overflow": "fold", "ratio": 1},
    "name": {"overflow": "fold", "ratio": 1},
    "status": {"no_wrap": True},
    "owner": {"no_wrap": True},
    "start": {"no_wrap": True},
    "end": {"no_wrap": True},
    "countries": {"no_wrap": True},
    "country_name": {"no_wrap": True},
    "since": {"no_wrap": True},
    "projects": {"justify": "right"},
    "project": {"no_wrap": True},
    "date": {"no_wrap": True},
    "implemented": {"no_wrap": True},
}


def _print_rows(rows: list[dict[str, object]], output_format: TableFormat) -> None:
    from intstrat.query import tables as tabular

    if output_format is TableFormat.CSV:
        sys.stdout.write(tabular.to_csv(rows))
    elif output_format is TableFormat.JSON:
        sys.stdout.write(tabular.to_json(rows))
    elif output_format is TableFormat.YAML:
        sys.stdout.write(tabular.to_yaml(rows))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(show_edge=False, pad_edge=False, highlight=False, expand=False)
        shown = [k for k in (rows[0] if rows else {}) if k in TABLE_COLUMNS]
        for key in shown:
            table.add_column(key, **TABLE_COLUMNS[key])  # type: ignore[arg-type]
        for row in rows:
            table.add_row(
                *(
                    ", ".join(map(str, v)) if isinstance(v, list) else str(v)
                    for v in (row[k] for k in shown)
                )
            )
        console = Console(highlight=False)
        console.print(table)
        console.print(f"{len(rows)} rows", style="dim")


def _refuse_errors(data: Repository, allow: bool) -> None:
    """A summary built on broken records silently leaves them out: refuse, or say so."""
    from intstrat.checks.rules import check_repository
    from intstrat.errors import IntstratError
    from intstrat.load.diagnostics import Severity

    errors = [d for d in check_repository(data) if d.severity is Severity.ERROR]
    if not errors:
        return
    listing = "\n".join(f"  {d.path}:{d.line}:{d.column}: {d.code} {d.message}" for d in errors[:5])
    more = f"\n  ... and {len(errors) - 5} more" if len(errors) > 5 else ""
    if allow:
        print(
            f"intstrat: warning: {len(errors)} errors; records with errors are left out:\n"
            f"{listing}{more}",
            file=sys.stderr,
        )
        return
    error = IntstratError(
        f"the data has {len(errors)} errors, so the report would be incomplete:\n{listing}{more}\n"
        "Fix them (intstrat check lists all), or render anyway with --allow-errors."
    )
    error.exit_code = EXIT_DATA_ERRORS
    raise error


def _progress(console: Console, message: str) -> AbstractContextManager[object]:
    """A spinner on stderr while rendering, on a terminal only (never in logs or pipes)."""
    import contextlib

    if console.is_terminal:
        return console.status(message)
    return contextlib.nullcontext()


def main() -> None:
    """Entry point of the `intstrat` script."""
    app()

"""What every command shares: the error handler, common options and small helpers.

The one place where exceptions become messages and exit codes, and where the
options that several commands take (`--repo`, `--lang`, the query filters) are
declared, so each is written once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import inspect
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from intstrat import ISSUES_URL, __version__
from intstrat.formats import Lang
from intstrat.i18n import _, ngettext

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from rich.console import Console

    from intstrat.i18n import Words
    from intstrat.loading.repository import Repository

EXIT_DATA_ERRORS = 1
EXIT_USAGE = 2
EXIT_BUG = 3
EXIT_INTERRUPTED = 130
EXIT_CLOSED_PIPE = 141  # 128 + SIGPIPE, what a shell reports for `yes | head -1`

P = ParamSpec("P")
R = TypeVar("R")


def stderr(message: str) -> None:
    print(message, file=sys.stderr)


def handle_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Exceptions become one line on stderr and an exit code, never a traceback.

    Exit codes: 0 done; 1 the data has errors; 2 the command could not run (a user
    mistake, or an OS condition such as a missing folder or a full disk); 3 a bug
    in intstrat; 130 interrupted (Ctrl-C); 141 the reader of our output went away
    (`intstrat list | head -1`), as a Unix tool killed by SIGPIPE reports it.
    """
    from intstrat.errors import IntstratError

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            try:
                return command(*args, **kwargs)
            finally:
                # Output still buffered would otherwise meet a closed pipe at exit,
                # outside this handler.
                sys.stdout.flush()
        except typer.Exit:
            raise
        except typer.Abort as exc:  # a prompt: Ctrl-C, or no more input
            if isinstance(exc.__context__, EOFError):
                stderr(_("intstrat: no answer: the input ended; give the options instead"))
                raise typer.Exit(EXIT_USAGE) from None
            stderr(_("intstrat: interrupted"))
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except IntstratError as exc:
            stderr(_("intstrat: {message}").format(message=exc))
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            stderr(_("intstrat: interrupted"))
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:
            quiet_stdout()
            raise typer.Exit(EXIT_CLOSED_PIPE) from None
        except SystemExit as exc:
            # rich's Console meets a closed pipe by exiting 1 (Console.on_broken_pipe).
            if isinstance(exc.__context__, BrokenPipeError):
                raise typer.Exit(EXIT_CLOSED_PIPE) from None
            raise
        except OSError as exc:  # the OS said no: a folder, a permission, a full disk
            stderr(_("intstrat: {message}").format(message=os_error_text(exc)))
            raise typer.Exit(EXIT_USAGE) from None
        except Exception as exc:  # a bug: say so in one line, never a traceback
            extra = _missing_extra(exc)
            if extra is not None:
                stderr(
                    _(
                        "intstrat: {command} needs the '{extra}' extra ({module} is not "
                        "installed); install it with: python -m pip install 'intstrat[{extra}]'"
                    ).format(command=_command_name(command), extra=extra, module=extra_module(exc))
                )
                raise typer.Exit(EXIT_USAGE) from None
            stderr(
                _(
                    "intstrat: internal error ({error}). This is a bug in intstrat {version}; "
                    "please report it at {url}"
                ).format(error=f"{type(exc).__name__}: {exc}", version=__version__, url=ISSUES_URL)
            )
            if os.environ.get("INTSTRAT_DEBUG"):
                raise
            raise typer.Exit(EXIT_BUG) from None

    return wrapper


#: Modules of the optional extras (pyproject.toml), by the extra that installs them.
EXTRAS = {"matplotlib": "documents", "weasyprint": "documents", "docx": "documents"}


def extra_module(exc: BaseException) -> str:
    return ((exc.name if isinstance(exc, ModuleNotFoundError) else None) or "").split(".")[0]


def _missing_extra(exc: BaseException) -> str | None:
    """The extra to install when `exc` is a module of one that is missing."""
    if not isinstance(exc, ModuleNotFoundError):
        return None
    return EXTRAS.get(extra_module(exc))


def _command_name(command: Callable[..., object]) -> str:
    """`intstrat report`, `intstrat new project` from the function behind the command."""
    return "intstrat " + command.__name__.removesuffix("_command").replace("_", " ")


def os_error_text(exc: OSError) -> str:
    """One line for an OS error: `cannot write x: ...; nothing was written`, `data: ...`."""
    from intstrat.fileio import WriteError, reason
    from intstrat.i18n.system import os_reason

    if isinstance(exc, WriteError):
        details = {k: os_reason(v) if k == "why" else v for k, v in exc.details.items()}
        why = os_reason(_(exc.reason).format(**details))
        if exc.through:
            return _("cannot write {path}: {reason}; the output may be incomplete").format(
                path=exc.path, reason=why
            )
        return _("cannot write {path}: {reason}; nothing was written").format(
            path=exc.path, reason=why
        )
    why = os_reason(reason(exc), exc.errno)
    if exc.filename:
        return _("{path}: {reason}").format(path=exc.filename, reason=why)
    return why


def quiet_stdout() -> None:
    """Point standard output at /dev/null, so the exit does not fail flushing to a closed pipe.

    What the Python documentation recommends for SIGPIPE (library/signal.html).
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file descriptor (a test runner's buffer)
        pass


RepoOption = Annotated[
    Path | None,
    typer.Option(
        "--repo",
        envvar="INTSTRAT_REPO",
        metavar="FOLDER",
        help="The data repository (default: the folder with intstrat.yaml, found upwards "
        "from here).",
        show_default=False,
    ),
]
LangOption = Annotated[
    Lang | None,
    typer.Option("--lang", help="sv or en.", show_default=False, case_sensitive=False),
]
#: `--lang` of a command that writes no document: it only chooses the language of messages
#: (which `commands.localise` reads before parsing), so the command body never uses it.
MessagesLangOption = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        help="The language of messages: sv or en (default: the repository's language).",
        show_default=False,
        case_sensitive=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write here.", show_default=False),
]


def parse_day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        problem = calendar_problem(value)
        raise typer.BadParameter(
            problem or _("'{value}' is not a date like 2024-01-31").format(value=value)
        ) from None


def calendar_problem(value: str) -> str | None:
    """Why a value written as a day (2026-02-30) is no day of the calendar, in the words
    of `check` ('February 2026 has 28 days'); None for anything not written as a day."""
    import re

    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return None
    from intstrat.loading.validation import date_problem

    return date_problem(value)


def display_path(root: Path, rel: str | Path) -> str:
    """A root-relative path as the user can open it from the current folder."""
    full = root / rel
    try:
        return full.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return full.as_posix()


#: What in a repository is input (and its history): `-o` never writes there. Records
#: are changed only by `fmt` and `new`, which write them on purpose.
REPOSITORY_INPUTS = ("intstrat.yaml", "data", "templates", "schemas", ".git", ".github")


def refuse_repository_output(root: Path, out: Path | str | None) -> None:
    """Refuse an `-o` that would overwrite the repository's own files.

    `export json -o intstrat.yaml`, `report -o data/projects/x.yaml` or `-o .git/config`
    would replace what the user wrote (or git's own files) with an output; a typo
    should not cost a record.
    """
    from intstrat.errors import UsageError
    from intstrat.fileio import is_stdout

    if out is None or is_stdout(out):
        return
    given = Path.cwd() / out
    try:
        target = given.parent.resolve() / given.name
        # Where it really leads: a link (or a linked folder) committed into out/ must not
        # turn a report into data/projects/x.yaml, or an export's folder into data/.
        real = given.resolve()
        real_root = root.resolve()
    except (OSError, RuntimeError):  # a link loop on the way: writing reports it
        return
    for name in REPOSITORY_INPUTS:
        protected = real_root / name
        if target == protected or target.is_relative_to(protected):
            raise UsageError(
                _(
                    "-o {path} is in the repository's own {name}, which intstrat reads: an "
                    "output never goes there; choose another place, such as out/"
                ).format(path=out, name=name)
            )
        if real == protected or real.is_relative_to(protected):
            raise UsageError(
                _(
                    "{path} is a symbolic link to {real}, in the repository's own {name}, "
                    "which intstrat reads: an output never goes there; remove the link, or "
                    "choose another place"
                ).format(path=out, real=real, name=name)
            )


def say_left_out(paths: Sequence[str], limit: int = 5) -> None:
    """Tell on stderr which record files with errors a query or document leaves out:
    a contact person's new project with a typo must not just disappear."""
    if not paths:
        return
    shown = ", ".join(paths[:limit])
    if len(paths) > limit:
        shown += " " + _("and {n} more").format(n=len(paths) - limit)
    stderr(
        ngettext(
            "note: {n} file has errors and is left out: {paths}; 'intstrat check' says why",
            "note: {n} files have errors and are left out: {paths}; 'intstrat check' says why",
            len(paths),
        ).format(n=len(paths), paths=shown)
    )


def load(repo: Path | None) -> tuple[Path, Repository]:
    """The repository the user means, loaded; the cyclic GC tuned for a short process."""
    from intstrat.loading.listing import find_root
    from intstrat.loading.repository import load_repository

    root = find_root(repo)
    with collector_paused():
        return root, load_repository(root)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the repository loads.

    Records hold no reference cycles, so reference counting frees them all the
    same; but each generation-2 collection walks every live record, and with
    10,000 projects those walks took 80% of the loading time (2.1 s of 2.5 s).
    Freezing what was loaded keeps the collector from walking it again (0.4 s).
    A process-wide tweak, so it lives here at the command line's edge and never
    in a library call that a notebook or a server makes.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def words_for(lang: Lang | None, data: Repository) -> Words:
    """The output language: `--lang` (the command's, or one before it), else the
    repository's own."""
    from intstrat.commands.localise import document_language
    from intstrat.i18n import Words

    chosen = document_language(lang.value if lang else None)
    if chosen is not None:
        return Words(chosen)
    return Words(data.config.language if data.config else "sv")


def refuse_errors(data: Repository, allow: bool) -> None:
    """A document built on broken records silently leaves them out: refuse, or warn."""
    from intstrat.checks.rules import error_listing, require_valid

    errors = require_valid(data, allow_errors=allow)
    if errors:
        stderr(
            ngettext(
                "intstrat: warning: {n} error; records with errors are left out:",
                "intstrat: warning: {n} errors; records with errors are left out:",
                len(errors),
            ).format(n=len(errors))
            + "\n"
            + error_listing(errors)
        )


def progress(console: Console, message: str) -> AbstractContextManager[object]:
    """A spinner on stderr while rendering, on a terminal only (never in logs or pipes)."""
    if console.is_terminal:
        return console.status(message)
    return contextlib.nullcontext()


# The query filters shared by list, stats and export; the query itself is intstrat.query.
FILTER_OPTIONS: dict[str, Any] = {
    "year": Annotated[
        int | None,
        typer.Option(
            "--year", metavar="YEAR", help="Work that ran in this year.", show_default=False
        ),
    ],
    "status": Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            metavar="STATUS",
            help="A status in Swedish or English (pågår, ongoing); repeat for more.",
            show_default=False,
        ),
    ],
    "kind": Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            metavar="KIND",
            help="project, prestudy, network or activity (or projekt, förstudie, ...).",
            show_default=False,
        ),
    ],
    "partner": Annotated[
        list[str] | None,
        typer.Option(
            "--partner", metavar="PARTNER", help="A partner, by id or name.", show_default=False
        ),
    ],
    "country": Annotated[
        list[str] | None,
        typer.Option(
            "--country",
            metavar="COUNTRY",
            help="A partner's country, by name or code (Lettland, LV).",
            show_default=False,
        ),
    ],
    "unit": Annotated[
        list[str] | None,
        typer.Option(
            "--unit",
            metavar="UNIT",
            help="The owning department or company, by id or name.",
            show_default=False,
        ),
    ],
    "funder": Annotated[
        list[str] | None,
        typer.Option(
            "--funder",
            metavar="FUNDER",
            help="An external funder that funds the work (a funding line, or a granted "
            "application), by id or name; applications still open or rejected are not "
            "funded: find them with --status.",
            show_default=False,
        ),
    ],
    "eu": Annotated[
        bool | None, typer.Option("--eu/--not-eu", help="EU-funded or not.", show_default=False)
    ],
    "sdg": Annotated[
        list[int] | None,
        typer.Option(
            "--sdg",
            metavar="NUMBER",
            help="A Sustainable Development Goal, 1-17.",
            show_default=False,
        ),
    ],
    "theme": Annotated[
        list[str] | None,
        typer.Option(
            "--theme", metavar="THEME", help="A theme, by id or name.", show_default=False
        ),
    ],
    "form": Annotated[
        list[str] | None,
        typer.Option(
            "--form", metavar="FORM", help="A form of work, by id or name.", show_default=False
        ),
    ],
    "goal": Annotated[
        list[str] | None,
        typer.Option(
            "--goal", metavar="AREA", help="A strategic area, by id or name.", show_default=False
        ),
    ],
}


def with_filters(command: Callable[..., R]) -> Callable[..., R]:
    """Give a command the query filters in place of its `filters` parameter.

    Like sqlite-utils' `output_options`: the options are declared once here, the
    command receives one `Filters` value. Typer reads the signature, so the
    wrapper shows the filter options where `filters` stood.
    """
    signature = inspect.signature(command)
    namespace = command.__globals__
    params: list[inspect.Parameter] = []
    for given in signature.parameters.values():
        param = given
        if param.name != "filters" and isinstance(param.annotation, str):
            # `from __future__ import annotations`: typer needs the real objects.
            param = param.replace(annotation=eval(param.annotation, namespace))
        if param.name == "filters":
            params += [
                inspect.Parameter(
                    name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None, annotation=ann
                )
                for name, ann in FILTER_OPTIONS.items()
            ]
        else:
            params.append(param)

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> R:
        from intstrat.query.filters import Filters

        values = {name: kwargs.pop(name) for name in FILTER_OPTIONS}
        filters = Filters.from_options(**values)
        return command(*args, filters=filters, **kwargs)

    wrapper.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=params, return_annotation=None
    )
    wrapper.__annotations__ = {p.name: p.annotation for p in params}
    return wrapper

"""The `intstrat` script (and `python -m intstrat`), guarded from its first instruction.

Each command has its own error handler (`commands.common.handle_errors`), but
some things happen outside any command: importing the command line (a Ctrl-C
in the first tenth of a second), printing `--help` or `--version` (to a full
disk), flushing the output at the end, and starting with no standard output
at all (`intstrat check >&-`). They end the same way a command's errors do: one
line in the user's language and the usual exit code, never a traceback.
"""

from __future__ import annotations

import sys


def main() -> None:
    sys.exit(_run())


def _run() -> int:
    """The exit code of the command line run with `sys.argv`."""
    _text_streams()
    if sys.stdout is None:  # closed by the caller: nothing we print could be read
        return _said(
            N_(
                "standard output is closed; give the output somewhere to go "
                "(a terminal, a file or a pipe)"
            ),
            2,
        )
    unreadable = _not_utf8(sys.argv[1:])
    if unreadable is not None:
        position, shown = unreadable
        return _said(
            N_(
                "argument {n} ({shown}) is not UTF-8 text; set the terminal's character "
                "encoding to UTF-8 and type it again"
            ),
            2,
            n=str(position),
            shown=shown,
        )
    try:
        from intstrat.cli import main as run

        try:
            run()
        finally:
            sys.stdout.flush()  # what is still buffered meets a full disk here, not at exit
    except SystemExit as exc:
        if exc.code == 1 and _pipe_closed_for_typer():
            return 141  # as for every other output to a closed pipe
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt:
        return _said(N_("interrupted"), 130)
    except BrokenPipeError:
        _quiet_stdout()
        return 141
    except OSError as exc:
        _quiet_stdout()
        return _said(exc, 2)
    return 0


def _text_streams() -> None:
    """Make the output streams take every character intstrat writes.

    Redirected output (a file, a pipe) is written as UTF-8, like every file intstrat
    writes, whatever the locale says (Windows' cp1252, `LANG=sv_SE.ISO-8859-1`): an
    export or a report on standard output must hold "Klaipėda", not end the run. A
    terminal that cannot show a character gets a replacement for it instead.
    """
    for stream, redirect in ((sys.stdout, True), (sys.stderr, False)):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if stream is None or encoding in ("utf8", "utf8sig"):
            continue
        try:
            if redirect and not stream.isatty():
                stream.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
            else:
                stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            pass  # not a text stream we can change (a test runner's buffer)


def _not_utf8(arguments: list[str]) -> tuple[int, str] | None:
    """The position and a printable form of the first argument that is not UTF-8.

    Python hands such bytes over as lone surrogates ("v\\udce4xj\\udcf6" for "växjö" typed
    in a Latin-1 terminal), which no output can encode.
    """
    for position, argument in enumerate(arguments, start=1):
        if any("\udc80" <= c <= "\udcff" for c in argument):
            raw = argument.encode("utf-8", "surrogateescape")
            return position, raw.decode("utf-8", "backslashreplace")
    return None


def _pipe_closed_for_typer() -> bool:
    """Whether typer met a closed pipe (printing --help or --version to `| true`): it
    wraps standard output to keep quiet and exits 1, where a closed pipe is 141."""
    try:
        from typer._click.utils import PacifyFlushWrapper
    except ImportError:  # pragma: no cover - another typer
        return False
    return isinstance(sys.stdout, PacifyFlushWrapper)


def N_(message: str) -> str:
    return message


def _said(message: str | OSError, code: int, **values: str) -> int:
    """Print `intstrat: message` in the language the command line asks for, with
    `values` filled in; return `code`."""
    from intstrat.i18n import _

    try:
        from intstrat.commands.localise import choose_language
        from intstrat.i18n.messages import use_language

        use_language(choose_language(sys.argv[1:]))
    except Exception:
        pass
    if isinstance(message, OSError):
        from intstrat.commands.common import os_error_text

        text = os_error_text(message)
    else:
        text = _(message).format(**values) if values else _(message)
    print(_("intstrat: {message}").format(message=text), file=sys.stderr)
    return code


def _quiet_stdout() -> None:
    from intstrat.commands.common import quiet_stdout

    quiet_stdout()


if __name__ == "__main__":
    main()

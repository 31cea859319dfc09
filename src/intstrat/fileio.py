"""Writing files so that nothing a user has is lost, half-written or silently replaced.

Three ways to write, chosen by what the target is:

- a regular file, or a path that does not exist yet: written to a temporary file
  beside it and renamed over it (`write_atomic`), so readers see the old file or
  the new one, never a mix, and an interrupted run leaves the old file as it was.
  The old file's mode, owner and group are kept, or nothing is written.
- a character device, FIFO or socket (`/dev/null`, `/dev/stdout`, a named pipe):
  written through (`write_output`). Renaming over it would replace the device
  with a regular file.
- `-`: standard output.

A new record is created exclusively (`create_new`): two runs racing for one
name never overwrite each other. Every failure of the operating system becomes a
`WriteError` (an OSError; exit 2) that names the path the user gave and the OS's reason.
This module sits below `i18n`, so its few messages are plain English; the
error keeps `path` and `reason` apart for a translated message at the edge.
The time a written file records (IATI's generated-datetime, a Word document's
created and modified) is one moment, `generated_at`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

#: `-o -`: standard output.
STDOUT = "-"
#: Temporary files are named `.NAME.XXXXXXXX.tmp` beside their target.
TEMPORARY_PREFIX = "."
TEMPORARY_SUFFIX = ".tmp"


def N_(message: str) -> str:
    """Mark a message for the catalogue; the command line's edge translates it."""
    return message


class WriteError(OSError):
    """A file could not be written; the message names it and the reason.

    An `OSError`, since the operating system said no: the command line's edge
    turns it into exit 2 (`fileio` sits beside `errors`, and imports nothing, so
    the edge also translates `reason`, an English message with `details` to fill in).
    """

    def __init__(
        self,
        path: Path | str,
        reason: str,
        *,
        through: bool = False,
        details: dict[str, str] | None = None,
    ) -> None:
        self.path = Path(path)
        self.reason = reason
        self.details = details or {}
        self.through = through
        outcome = "the output may be incomplete" if through else "nothing was written"
        super().__init__(f"cannot write {path}: {reason.format(**self.details)}; {outcome}")


def reason(exc: OSError) -> str:
    """The operating system's reason, without the errno and the (temporary) file name."""
    return exc.strerror or str(exc) or type(exc).__name__


def is_stdout(path: Path | str) -> bool:
    return str(path) == STDOUT


def _raw(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def _existing(path: Path, given: Path | str) -> os.stat_result | None:
    """The file's status (following links), None if it does not exist."""
    try:
        return path.stat()
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        raise _not_a_folder(given, path) from None
    except OSError as exc:
        raise WriteError(given, reason(exc)) from None


def _not_a_folder(given: Path | str, path: Path) -> WriteError:
    """`intstrat.yaml/x.json`: name the part of the path that is a file."""
    for parent in reversed(path.parents):
        if parent.exists() and not parent.is_dir():
            folder = {"parent": str(parent)}
            return WriteError(given, N_("{parent} is not a folder"), details=folder)
    return WriteError(given, os.strerror(20))  # ENOTDIR


def make_folder(folder: Path, given: Path | str) -> None:
    """Create `folder` and its parents; a failure names `given`."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise _not_a_folder(given, folder / "x") from None
    except NotADirectoryError:
        raise _not_a_folder(given, folder) from None
    except OSError as exc:
        raise WriteError(given, reason(exc)) from None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def replacing(
    path: Path, given: Path | str | None = None, *, follow_links: bool = True
) -> Iterator[Path]:
    """A temporary path beside `path`; renamed over `path` if the block succeeds.

    For writers that need a file name (SQLite). A symbolic link is kept and the file
    it points to replaced (a record that is a link stays one), unless `follow_links`
    is False: an output (`-o`) replaces a link with the file, so a link committed into
    out/ never turns a report into the file it points to. Anything but a regular file
    is refused, and so is a file whose owner or group the new one could not keep.
    """
    shown = given if given is not None else path
    link = path.is_symlink()
    target = path.resolve() if link and follow_links else path
    old = None if link and not follow_links else _existing(target, shown)
    if old is not None and stat.S_ISDIR(old.st_mode):
        raise WriteError(shown, N_("it is a folder; give a file name"))
    if old is not None and not stat.S_ISREG(old.st_mode):
        raise WriteError(shown, N_("it is not a regular file"))
    make_folder(target.parent, shown)
    try:
        fd, name = tempfile.mkstemp(
            prefix=f"{TEMPORARY_PREFIX}{target.name}.", suffix=TEMPORARY_SUFFIX, dir=target.parent
        )
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise WriteError(shown, reason(exc)) from None
        # The file is made beside the target and renamed over it: say that it is the
        # folder that refused, or '/proc/version' reads as missing when it is not, and a
        # writable file in a read-only folder as not writable.
        raise WriteError(
            shown,
            N_("no new file can be made in its folder {folder} ({why})"),
            details={"folder": str(target.parent), "why": reason(exc)},
        ) from None
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        _sync(temporary)
        _keep_owner_and_mode(temporary, old, shown)
        temporary.replace(target)
    except WriteError:
        temporary.unlink(missing_ok=True)
        raise
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise WriteError(shown, reason(exc)) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _sync(path: Path) -> None:
    """Put the finished file on the disk before it is renamed into place: after a crash
    the target is the old file or the whole new one, never an empty one."""
    fd = os.open(path, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _keep_owner_and_mode(temporary: Path, old: os.stat_result | None, shown: Path | str) -> None:
    if old is None:
        temporary.chmod(0o666 & ~_umask())
        return
    new = temporary.stat()
    if (new.st_uid, new.st_gid) != (old.st_uid, old.st_gid):
        try:
            os.chown(temporary, old.st_uid, old.st_gid)
        except PermissionError:
            raise WriteError(
                shown,
                N_(
                    "it belongs to another user or group, and a new file would not; "
                    "ask its owner, or copy it to a file of your own"
                ),
            ) from None
    temporary.chmod(stat.S_IMODE(old.st_mode))


def write_atomic(
    path: Path, data: str | bytes, given: Path | str | None = None, *, follow_links: bool = True
) -> None:
    """Write `path` whole or not at all: a temporary file beside it, then a rename.

    A rename within one directory is atomic on POSIX and Windows, so readers see
    either the old file or the new one, never a mix. `follow_links`: see `replacing`.
    """
    with (
        replacing(path, given, follow_links=follow_links) as temporary,
        temporary.open("wb") as handle,
    ):
        handle.write(_raw(data))


def is_special(path: Path) -> bool:
    """A device, FIFO or socket: something to write through, never to replace."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def write_output(path: Path | str, data: str | bytes) -> None:
    """Write what the user asked for with `-o`: stdout, a device or pipe, or a file.

    Only regular files (and new ones) are replaced atomically; a character
    device, FIFO or socket is written through, never replaced by a file. A symbolic
    link is replaced by the file, never written through (see `replacing`).
    """
    if is_stdout(path):
        write_stdout(data)
        return
    target = Path(path)
    if target.is_symlink():
        write_atomic(target, data, path, follow_links=False)
        return
    _existing(target, path)  # a path through a file (intstrat.yaml/x.json) says so
    if is_special(target):
        try:
            with target.open("wb") as handle:
                handle.write(_raw(data))
        except OSError as exc:
            raise WriteError(path, reason(exc), through=True) from None
        return
    write_atomic(target, data, path)


def write_stdout(data: str | bytes) -> None:
    """Text or bytes to standard output (a PDF piped on, `-o -`); bytes never to a terminal."""
    if isinstance(data, bytes) and sys.stdout.isatty():
        raise WriteError(
            STDOUT,
            N_("binary data is not for the terminal; redirect it (> FILE) or give -o FILE"),
        )
    if isinstance(data, str):
        sys.stdout.write(data)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
    sys.stdout.flush()


def create_new(path: Path, data: str | bytes) -> None:
    """Create `path` exclusively (O_EXCL): if it exists, even made by a racing run, refuse.

    Raises `FileExistsError` for an existing file (the caller says what to do) and
    `WriteError` for any other failure. A half-written file (disk full) is removed.
    """
    make_folder(path.parent, path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        raise
    except OSError as exc:
        raise WriteError(path, reason(exc)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(_raw(data))
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException as exc:
        path.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise WriteError(path, reason(exc)) from None
        raise


def leftover_temporaries(folder: Path) -> list[Path]:
    """Temporary files of an interrupted write (`kill -9`) in `folder`."""
    try:
        paths = list(folder.iterdir())
    except OSError:
        return []
    return sorted(
        path
        for path in paths
        if path.name.startswith(TEMPORARY_PREFIX)
        and path.name.endswith(TEMPORARY_SUFFIX)
        and path.name.count(".") >= 3
    )


def generated_at(now: dt.datetime | None = None) -> dt.datetime:
    """The moment a file is made, for the times it records: SOURCE_DATE_EPOCH when set,
    so that a reproducible build gives the same bytes twice (reproducible-builds.org)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if now is None and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return now or dt.datetime.now(dt.UTC)

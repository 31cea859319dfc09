"""Reading files of a data repository, and never a file outside it.

A data repository arrives through pull requests, and git stores symbolic links:
`images/logo.png -> /etc/passwd` or `data/partners/x.yaml -> ~/.ssh/id_rsa` is
one commit away. Every file intstrat reads from a repository (records, images,
templates) is resolved to its real path first and refused unless that path lies
inside the repository. A link inside the repository to another file inside it is
fine. Sizes are bounded too, so a huge file is refused before anything parses it.
"""

from __future__ import annotations

import errno
import os
import stat
from functools import cache
from pathlib import Path
from typing import Literal

from intstrat.i18n import _, grouped

#: The largest record file intstrat reads. The biggest real record is a few kB;
#: a multi-megabyte "record" is a mistake (or an attack on the YAML scanner, which
#: is superlinear in the length of a line).
MAX_RECORD_BYTES = 1_000_000


Why = Literal["outside", "loop", "unreadable", "not-a-file", "too-large"]


class FileRefused(Exception):
    """A file intstrat will not read; `code` and `message` become a diagnostic."""

    def __init__(self, code: str, message: str, why: Why) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.why: Why = why


@cache
def _real(root: str) -> str:
    return os.path.realpath(root)


def is_inside(root: Path, real: str) -> bool:
    """Whether the real path `real` is the repository `root` or lies under it."""
    top = _real(str(root))
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def resolve_inside(root: Path, rel: str) -> Path:
    """The real path of `root/rel`, which must exist and lie inside the repository.

    Raises `FileRefused`: Y013 for a link that leads out of the repository,
    Y012 for a missing file or a symbolic link loop.
    """
    try:
        real = os.path.realpath(root / rel, strict=True)
    except OSError as exc:
        raise _os_refused(exc) from None
    if not is_inside(root, real):
        raise _outside(real)
    return Path(real)


_OPEN_FLAGS = (
    os.O_RDONLY
    # A FIFO put where a record should be must not hang the check; it is refused below.
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def read_inside(root: Path, rel: str, limit: int = MAX_RECORD_BYTES) -> bytes:
    """The bytes of a regular file inside the repository, at most `limit` of them.

    See `read_inside_stat`, which this is without the file's status.
    """
    return read_inside_stat(root, rel, limit)[0]


def read_inside_stat(
    root: Path, rel: str, limit: int = MAX_RECORD_BYTES
) -> tuple[bytes, os.stat_result | None]:
    """The bytes of a regular file inside the repository, at most `limit` of them, and
    the file's status as it was before reading when `rel` itself is the file (None when
    it is a symbolic link): what `lstat` would say, without asking twice.

    Raises `FileRefused` (see `resolve_inside`; Y012 for anything but a regular
    file or an unreadable one, Y015 for a file larger than `limit`).

    Fast for the common case, a plain file (check reads thousands): one `lstat`,
    then the file is opened without following links and the kernel is asked
    where the open file really is, which also catches a folder on the way that
    links out. A link is resolved and checked before it is opened, so nothing
    outside the repository (a device, say) is ever opened.
    """
    path: str | Path = f"{root}/{rel}"  # a str: pathlib would cost as much as the read
    try:
        link = stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError as exc:
        raise _os_refused(exc) from None
    if link:
        path = resolve_inside(root, rel)
    try:
        fd = os.open(path, _OPEN_FLAGS | (0 if link else _NOFOLLOW))
    except OSError as exc:
        raise _os_refused(exc) from None
    try:  # the descriptor itself: a file object per record costs more than the read
        real = _open_path(fd) or os.path.realpath(path)
        if not is_inside(root, real):
            raise _outside(real)
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise FileRefused(
                    "Y012",
                    _("cannot read the file: it is not a regular file; replace it with one"),
                    "not-a-file",
                )
            if info.st_size > limit:
                raise too_large(info.st_size, limit)
            # Ask for what is there (a buffer of `limit` for every record costs more than
            # the read), and then for the rest if the file grew meanwhile.
            data = _read_fd(fd, info.st_size + 1)
            if len(data) > info.st_size:
                data += _read_fd(fd, limit + 1 - len(data))
        except OSError as exc:
            raise _os_refused(exc) from None
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew while we read it
        raise too_large(len(data), limit)
    return data, None if link else info


def _read_fd(fd: int, size: int) -> bytes:
    """Up to `size` bytes from `fd`: fewer only at the end of the file."""
    data = os.read(fd, size)
    if 0 < len(data) < size:  # a short read (rare for a file): read on to the end
        parts = [data]
        while size > (got := sum(map(len, parts))):
            part = os.read(fd, size - got)
            if not part:
                break
            parts.append(part)
        data = b"".join(parts)
    return data


def _open_path(fd: int) -> str | None:
    """Where an open file really is, from the kernel (Linux); None where it cannot say."""
    try:
        return os.readlink(f"/proc/self/fd/{fd}")  # noqa: PTH115  (a str, fast)
    except OSError:
        return None


def _outside(real: str) -> FileRefused:
    return FileRefused(
        "Y013",
        _(
            "this is a symbolic link to {target}, outside the repository; intstrat reads "
            "only files inside the repository, so put the file itself here"
        ).format(target=real),
        "outside",
    )


def _os_refused(exc: OSError) -> FileRefused:
    if exc.errno == errno.ELOOP:
        return FileRefused(
            "Y012",
            _(
                "cannot read the file: it is a symbolic link that leads back to itself; "
                "replace the link with the file it should be"
            ),
            "loop",
        )
    return FileRefused(
        "Y012", _("cannot read the file: {reason}").format(reason=_reason(exc)), "unreadable"
    )


def too_large(size: int, limit: int) -> FileRefused:
    return FileRefused(
        "Y015",
        _(
            "the file is {size} bytes, more than the {limit} bytes a record may have; "
            "a record is a few kilobytes: split the text, or move large content out of the "
            "repository and link to it"
        ).format(size=grouped(size), limit=grouped(limit)),
        "too-large",
    )


def utf8_name(name: str) -> bool:
    """Whether a file name is UTF-8. Python holds other bytes of a name as surrogates,
    which no output, cache (SQLite) or web page can carry."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _reason(exc: OSError) -> str:
    from intstrat.i18n.system import os_reason

    return os_reason(exc.strerror or type(exc).__name__, exc.errno)

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

from intstrat.i18n import _

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
    given = root / rel
    try:
        real = os.path.realpath(given, strict=True)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise FileRefused(
                "Y012",
                _(
                    "cannot read the file: it is a symbolic link that leads back to itself; "
                    "replace the link with the file it should be"
                ),
                "loop",
            ) from None
        raise FileRefused(
            "Y012", _("cannot read the file: {reason}").format(reason=_reason(exc)), "unreadable"
        ) from None
    if not is_inside(root, real):
        raise FileRefused(
            "Y013",
            _(
                "this is a symbolic link to {target}, outside the repository; intstrat reads "
                "only files inside the repository, so put the file itself here"
            ).format(target=real),
            "outside",
        )
    return Path(real)


def read_inside(root: Path, rel: str, limit: int = MAX_RECORD_BYTES) -> bytes:
    """The bytes of a regular file inside the repository, at most `limit` of them.

    Raises `FileRefused` (see `resolve_inside`; Y012 for anything but a regular
    file or an unreadable one, Y015 for a file larger than `limit`).
    """
    real = resolve_inside(root, rel)
    try:
        # O_NONBLOCK: a FIFO put where a record should be must not hang the check.
        fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise FileRefused(
            "Y012", _("cannot read the file: {reason}").format(reason=_reason(exc)), "unreadable"
        ) from None
    with os.fdopen(fd, "rb") as handle:
        try:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise FileRefused(
                    "Y012",
                    _("cannot read the file: it is not a regular file; replace it with one"),
                    "not-a-file",
                )
            if info.st_size > limit:
                raise too_large(info.st_size, limit)
            data = handle.read(limit + 1)
        except OSError as exc:
            raise FileRefused(
                "Y012",
                _("cannot read the file: {reason}").format(reason=_reason(exc)),
                "unreadable",
            ) from None
    if len(data) > limit:  # it grew while we read it
        raise too_large(len(data), limit)
    return data


def too_large(size: int, limit: int) -> FileRefused:
    return FileRefused(
        "Y015",
        _(
            "the file is {size} bytes, more than the {limit} bytes a record may have; "
            "a record is a few kilobytes: split the text, or move large content out of the "
            "repository and link to it"
        ).format(size=size, limit=limit),
        "too-large",
    )


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__

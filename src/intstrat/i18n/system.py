"""The operating system's reasons in the person's language.

`os.strerror` speaks the C library's language, English on almost every machine a
municipality runs; the reasons people meet (no permission, a full disk, a name too
long) are said in their words, the others as the system gives them.
"""

from __future__ import annotations

import errno
import os

from intstrat.i18n.messages import N_, _

OS_REASONS = {
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EDQUOT: N_("Disk quota exceeded"),
    errno.ENOENT: N_("No such file or directory"),
    errno.EROFS: N_("Read-only file system"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.EISDIR: N_("Is a directory"),
    errno.EEXIST: N_("File exists"),
    errno.EIO: N_("Input/output error"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.ELOOP: N_("Too many levels of symbolic links"),
}


def os_reason(text: str, code: int | None = None) -> str:
    """The OS's reason (`Permission denied`) in the current language, where we know it."""
    for known, words in OS_REASONS.items():
        if code == known or text == os.strerror(known):
            translated = _(words)
            return text if translated == words else translated
    return text

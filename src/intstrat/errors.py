"""One exception root: everything a user can fix is an `IntstratError`.

The CLI prints its message (no traceback) and exits with `exit_code`. Anything
else that escapes is a bug in intstrat and exits 3 with a request to report it.
"""

from __future__ import annotations


class IntstratError(Exception):
    """A problem the user can fix; the message says what and how."""

    exit_code = 2


class RepositoryNotFound(IntstratError):
    pass


class UsageError(IntstratError):
    pass

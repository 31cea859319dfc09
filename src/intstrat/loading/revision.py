"""A data repository as it was at a git revision, read with git itself.

`intstrat followup 2023-2026 --rev v2026` renders from the records as they were
committed at `v2026`, so a follow-up handed to the board can be reproduced
exactly later. git writes the revision's `intstrat.yaml`, `data/` and
`templates/` as a tar stream (`git archive`), which is unpacked into a temporary
folder with Python's `data` extraction filter (no absolute paths, no links out
of the folder, no devices); the working tree and the index are never touched.
The records are then loaded from that folder like any other repository, so
every check and every limit of loading applies to them too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from intstrat.errors import UsageError
from intstrat.i18n import _

#: What a data repository is made of; the rest of the git repository is not read.
PARTS = ("intstrat.yaml", "data", "templates")
#: The largest archive read from git: far above any real data repository.
MAX_ARCHIVE_BYTES = 2_000_000_000


@dataclass(frozen=True)
class Revision:
    name: str
    """As given: `v2026`, `main~3`."""
    commit: str
    date: dt.date
    """The commit's date."""


def _git(
    root: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, check=False, timeout=600, env=env
        )
    except FileNotFoundError:
        raise UsageError(
            _("--rev reads the data with git, which is not installed; install git, or leave "
              "out --rev")
        ) from None  # fmt: skip
    except subprocess.TimeoutExpired:
        raise UsageError(_("git took too long to answer; try again")) from None


def _message(done: subprocess.CompletedProcess[bytes]) -> str:
    """What git said on stderr, on one line (its advice included: for a repository owned
    by another user, the `git config --global --add safe.directory` line to run)."""
    said = " ".join(done.stderr.decode("utf-8", "replace").split())
    return said or f"git exited with {done.returncode}"


#: git's words in the C locale (whatever the user's language) for a folder outside git.
_NOT_A_REPOSITORY = b"not a git repository"


#: git's words (C locale) when the repository belongs to another user, and its advice.
_DUBIOUS = b"dubious ownership"
_SAFE_DIRECTORY = re.compile(rb"git config --global --add safe\.directory '?([^'\n]+)'?")


def _cannot_read(root: Path, done: subprocess.CompletedProcess[bytes]) -> UsageError:
    """Why git could not read the repository, in the user's language where it is known:
    a repository owned by another user (a CI container, a shared folder) is common."""
    if _DUBIOUS in done.stderr:
        advice = _SAFE_DIRECTORY.search(done.stderr)
        folder = advice.group(1).decode("utf-8", "replace").strip() if advice else str(root)
        return UsageError(
            _("--rev: git will not read the repository at {root}, since another user owns "
              "it; if you trust it, run: git config --global --add safe.directory "
              "{folder}").format(root=root, folder=folder)
        )  # fmt: skip
    return UsageError(
        _("--rev: git cannot read the repository at {root}: {problem}").format(
            root=root, problem=_message(done)
        )
    )


def resolve(root: Path, rev: str) -> tuple[Revision, Path, str]:
    """The commit `rev` names, the git repository's top folder, and the data repository's
    folder inside it ("" or "international/")."""
    if not rev or rev.startswith("-"):
        raise UsageError(_("'{rev}' is not a git revision").format(rev=rev))
    # In the C locale, so that git's words for the commonest failure can be told apart
    # (and said in the user's language, without git's English after them).
    inside = _git(
        root, "rev-parse", "--show-toplevel", "--show-prefix", env={**os.environ, "LC_ALL": "C"}
    )
    if inside.returncode != 0:
        if _NOT_A_REPOSITORY in inside.stderr:
            raise UsageError(
                _("--rev needs the data repository to be in git, but {root} is not in a git "
                  "repository; leave out --rev, or run 'git init' and commit the data "
                  "first").format(root=root)
            )  # fmt: skip
        raise _cannot_read(root, inside)
    top, _newline, prefix = inside.stdout.decode("utf-8").partition("\n")
    prefix = prefix.strip()
    found = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if found.returncode != 0:
        raise UsageError(
            _("there is no revision '{rev}' in the git repository at {root}; see 'git tag' and "
              "'git log --oneline' for the ones there are").format(rev=rev, root=root)
        )  # fmt: skip
    commit = found.stdout.decode().strip()
    shown = _git(root, "show", "-s", "--format=%cs", commit)
    date = dt.date.fromisoformat(shown.stdout.decode().strip())
    return Revision(rev, commit, date), Path(top.strip()), prefix


@contextlib.contextmanager
def checkout(root: Path, rev: str) -> Iterator[tuple[Path, Revision]]:
    """A temporary folder with the data repository as committed at `rev`, and the commit.

    The folder is removed when the block ends; everything read from it (templates,
    lines for `--explain`) must be read inside the block.
    """
    info, top, prefix = resolve(root, rev)
    tree = f"{info.commit}:{prefix}"
    # From the top folder: inside a subfolder git would take paths relative to it.
    listed = _git(top, "ls-tree", "--name-only", tree)
    names = set(listed.stdout.decode("utf-8", "replace").splitlines())
    if "intstrat.yaml" not in names:
        raise UsageError(
            _("revision '{rev}' has no {prefix}intstrat.yaml: the data repository did not "
              "exist there yet").format(rev=rev, prefix=prefix)
        )  # fmt: skip
    parts = [p for p in PARTS if p in names]
    archive = _git(top, "archive", "--format=tar", tree, "--", *parts)
    if archive.returncode != 0:
        raise UsageError(
            _("git could not read revision '{rev}': {problem}").format(
                rev=rev, problem=_message(archive)
            )
        )
    if len(archive.stdout) > MAX_ARCHIVE_BYTES:
        raise UsageError(_("revision '{rev}' is too large to read").format(rev=rev))
    folder = Path(tempfile.mkdtemp(prefix="intstrat-rev-"))
    try:
        try:
            with tarfile.open(fileobj=io.BytesIO(archive.stdout), mode="r:") as tar:
                tar.extractall(folder, filter="data")
        except tarfile.FilterError as exc:  # a link out, an absolute path, a device
            raise UsageError(
                _(
                    "revision '{rev}' holds {name}, a link or special file that leads out "
                    "of the repository; intstrat reads no such file, so remove it from "
                    "that revision's data or choose another revision"
                ).format(rev=rev, name=exc.tarinfo.name)
            ) from None
        except tarfile.TarError as exc:
            raise UsageError(
                _("git's archive of revision '{rev}' could not be read: {problem}").format(
                    rev=rev, problem=exc
                )
            ) from None
        yield folder, info
    finally:
        shutil.rmtree(folder, ignore_errors=True)

"""The findings of the last check, for a repository in which nothing has changed since.

`check` runs in an editor hook on every save and in CI on every push, mostly on a
repository that is as it was the last time. The content cache (`loading.cache`)
already spares parsing and validating unchanged files, but loading 10,000 records from
it and running the rules still take a second. When every input of the rules is what it
was, their findings are too, so they are taken from the cache instead.

The findings are used only when all of these are as they were when they were stored:
the content of every record file (the content cache's hashes, trusted only where it
knows a file as it is now), the set of record files and of stray files, intstrat.yaml,
the versions of intstrat, the format and the cache (the cache's generation), the code
itself (the size and time of each of intstrat's files, so a changed rule under
development counts), the day (rules compare dates with today) and the language of the
messages. What the rules read from the file system apart from records is looked at
again on every run: whether each image is there (R014; if any answer differs, the
whole check runs), stray files (R013) and files left by interrupted writes (R015).

Only a repository whose files all loaded without a finding is remembered: a file with
errors is read again on every run (as the content cache does), so its findings always
come from the file as it is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from intstrat.checks.files import (
    image_problem,
    named_images,
    stray_findings,
    temporaries_findings,
)
from intstrat.i18n import current_language
from intstrat.loading.diagnostics import Diagnostic
from intstrat.loading.listing import cached_listing

if TYPE_CHECKING:
    from intstrat.loading.repository import Repository

#: The cache document (`RecordCache.documents`) of the findings. Bump the number when
#: what is stored in it changes.
DOCUMENT = "findings-v1"

#: Findings made again on every run (see the module's docstring).
_RECHECKED = frozenset({"R013", "R015"})


@dataclass(frozen=True)
class Findings:
    """What a check found in the whole repository, and the files it counted."""

    diagnostics: list[Diagnostic]
    counted: list[str]


def recall(root: Path, today: dt.date) -> Findings | None:
    """The findings of the last check when nothing they depend on has changed, with
    R013, R014 and R015 made anew; None when anything may have."""
    listing = cached_listing(root)
    if listing is None or listing.invalid or listing.misnamed:
        return None
    records = [*listing.partners, *listing.projects]
    key = _key(today, records, listing.stray)
    stored = listing.store.documents(DOCUMENT, [""]).get("")
    if stored is None or stored[0] != key:
        return None
    try:
        data = json.loads(stored[1])
        diagnostics = [Diagnostic(*row) for row in data["findings"]]
        counted = [str(path) for path in data["counted"]]
        images = [(str(image), problem) for image, problem in data["images"]]
    except (ValueError, TypeError, KeyError):  # pragma: no cover - written by us, MAC'd
        return None
    if any(image_problem(root, image) != problem for image, problem in images):
        return None  # an image came or went: R014 says where, so check it all
    diagnostics += stray_findings(root, listing.stray)
    diagnostics += temporaries_findings(root)
    return Findings(sorted(diagnostics), counted)


def remember(repo: Repository, today: dt.date, found: Findings) -> None:
    """Store a whole check's findings for the next run, when it may use them."""
    store = repo.locator.store
    if store is None or repo.diagnostics:
        return  # no cache, or a file with findings (read again every run)
    paths = [e.path for e in repo.partner_entries] + [e.path for e in repo.project_entries]
    if any(path not in repo.digests for path in paths):
        return  # pragma: no cover - every file loaded through the cache has its hash
    records = [(path, repo.digests[path]) for path in paths]
    images = sorted({image for _path, _loc, image in named_images(repo)})
    data = {
        "findings": [
            [d.path, d.line, d.column, d.code, d.message]
            for d in found.diagnostics
            if d.code not in _RECHECKED
        ],
        "counted": found.counted,
        "images": [[image, image_problem(repo.root, image)] for image in images],
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    key = _key(today, records, repo.stray)
    store.put_documents(DOCUMENT, [("", key, text.encode("utf-8", "surrogateescape"))])


def _key(today: dt.date, records: Sequence[tuple[str, bytes]], stray: Sequence[str]) -> bytes:
    """What the findings depend on besides the cache's generation (which its documents
    are keyed to already): see the module's docstring."""
    hashed = hashlib.blake2b(digest_size=16)
    hashed.update(f"{today.isoformat()}\0{current_language()}\0".encode())
    hashed.update(_code())
    for path, digest in sorted(records):
        hashed.update(path.encode("utf-8", "surrogateescape") + b"\0" + digest)
    hashed.update(b"\1")
    for path in stray:
        hashed.update(path.encode("utf-8", "surrogateescape") + b"\0")
    return hashed.digest()


@cache
def _code() -> bytes:
    """The size and modification time of every file of intstrat itself (its modules and
    message catalogues): a release bumps the version, but a rule changed in a working
    copy must not be answered by what the old rule found. Once per process: the code
    that runs is what was imported, and a check that misses computes the key twice."""
    package = Path(__file__).resolve().parent.parent
    parts: list[Any] = []
    for folder, names, files in os.walk(package):
        names[:] = sorted(n for n in names if n != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".mo")):
                info = Path(folder, name).stat()
                parts.append(f"{folder}/{name}\0{info.st_size}\0{info.st_mtime_ns}\0")
    return "".join(parts).encode("utf-8", "surrogateescape")

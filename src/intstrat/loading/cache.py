"""The content cache: validated records of unchanged files, so a warm run skips parsing.

Where: `.intstrat-cache/records.sqlite` in the repository, or under the user's cache
folder (`$XDG_CACHE_HOME/intstrat/repos/...`) when the repository cannot be written;
never anywhere else in the repository. The folder holds a `.gitignore` of its own, so
git leaves it out even where the repository's `.gitignore` does not name it. Without
a user cache folder (no home folder) there is no cache at all: the key lives there.

Never through a link: a pull request can commit `.intstrat-cache` as a symbolic link,
or links in it named as the cache's files (or as SQLite's `-journal` and `-wal`, which
SQLite opens by name), to make a run write outside the repository. A cache folder is
used only while it is a real folder of the user's holding no link (`_safe_folder`,
checked before every connection); any other is passed over for the user's folder,
silently, as for a read-only repository. Its small files are created exclusively and
never through a link, and a new database is made in a fresh private folder and renamed
into place, which replaces a link rather than following it.

What: for each record file that loaded with no finding, its validated record as a
`codec` row (JSON text), the file's size, times and inode, and a hash of its bytes.
Files with findings are never cached: they are read again every run, so every
diagnostic comes from the file as it is. The repository rules run again unless nothing
they depend on changed (`checks.remembered`).

When an entry is used:
* its stat key (size, mtime, ctime, inode) matches, and the file was last changed
  well before the run that wrote the entry read it (otherwise a change within the
  file system's clock tick could hide behind an equal stat key, as in git's "racy"
  entries); or else
* the hash of the file's bytes matches: the content hash is the final word when
  the times lie, after a `git checkout` or a copy, and then the entry is refreshed.

Never trusted: every entry carries a keyed hash (BLAKE2b) made with a secret key
kept in the user's cache folder, never in the repository. A cache committed to the
repository, copied from another machine, written by another user, or damaged fails
that check and is ignored (and rebuilt); SQLite errors of any kind mean no cache.
The whole cache is also dropped when intstrat's version, the format's, the codec's
or intstrat.yaml changes. The data is JSON, which cannot run code when read (a
pickle could).

Concurrent runs are safe: each write is one SQLite transaction, and a run that
cannot get the lock within a moment simply does not write (the cache is only ever a
shortcut). `--no-cache` or INTSTRAT_NO_CACHE=1 bypasses it entirely.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import json.scanner
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISDIR, S_ISREG
from typing import Any

from intstrat.loading.files import utf8_name

CACHE_DIR = ".intstrat-cache"
DATABASE = "records.sqlite"
ENV_NO_CACHE = "INTSTRAT_NO_CACHE"
#: SQLite's application id of our cache files ('ISC1'), so a file that is not ours is
#: never read as one.
APPLICATION_ID = 0x49534331
#: The layout of the tables; another layout is dropped and rebuilt.
SCHEMA_VERSION = 3
#: What the YAML and schema layers refuse: raise it when they refuse more, so that a file
#: cached as clean by an earlier build (same release number, e.g. a development install)
#: is read and checked again. 2: bidirectional controls (S013).
LOADER_VERSION = 2
#: A file changed less than this before the run that cached it is checked by its hash
#: next time (file system clocks tick coarsely: 4 ms on ext4, 2 s on FAT).
RACY_NS = 2_000_000_000
#: How long a run waits for another one's write before giving up writing itself.
LOCK_TIMEOUT = 0.5

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime INTEGER NOT NULL,
    ctime INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    written INTEGER NOT NULL,
    digest BLOB NOT NULL,
    valid INTEGER NOT NULL,
    datahash BLOB NOT NULL,
    mac BLOB NOT NULL
);
-- The valid records' rows, apart from what identifies the files, so that reading the
-- identities (every run, and all a search from the index needs) reads 1 MB, not 35.
CREATE TABLE IF NOT EXISTS record_data (path TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    name TEXT NOT NULL,
    path TEXT NOT NULL,
    digest BLOB NOT NULL,
    mac BLOB NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (name, path)
);
"""

#: The C scanner of the standard library's JSON decoder, called without the per-call
#: checks of `json.loads` (rows are many and small).
_scan = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[arg-type]


def disabled_by_environment() -> bool:
    """Whether $INTSTRAT_NO_CACHE asks for no cache (any value but '' and '0')."""
    return os.environ.get(ENV_NO_CACHE, "") not in ("", "0")


def user_cache_dir() -> Path | None:
    """`$XDG_CACHE_HOME/intstrat`, else `~/.cache/intstrat`; None without a home folder.

    A relative $XDG_CACHE_HOME is ignored, as the XDG specification says (it would
    put the cache in whatever folder the command runs in, a repository perhaps).
    """
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not Path(base).is_absolute():
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError, OSError):  # no $HOME, and no user entry either
            return None
    return Path(base) / "intstrat"


def digest(raw: bytes) -> bytes:
    """The content hash of a file's bytes."""
    return hashlib.blake2b(raw, digest_size=16).digest()


@dataclass(frozen=True, slots=True)
class FileStat:
    """What identifies a file's version without reading it."""

    size: int
    mtime: int
    ctime: int
    inode: int

    @classmethod
    def of(cls, info: os.stat_result) -> FileStat:
        return cls(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


@dataclass(slots=True)
class Cached:
    """One entry as read from the cache: what the file was, and whether it was valid."""

    stat: FileStat
    written: int
    digest: bytes
    #: Whether the file held a valid record (else it had findings, and only its
    #: identity is kept: `check` reads it again for them).
    valid: bool
    datahash: bytes
    mac: bytes
    #: The record's row as JSON (read when first needed).
    data: bytes | None = None


@dataclass(slots=True)
class Fresh:
    """One entry to write: a file read in this run, and its record's row if valid."""

    path: str
    stat: FileStat
    digest: bytes
    data: bytes | None
    #: Its data's hash and keyed hash, when a `Sealer` made them already (in a worker).
    sealed: tuple[bytes, bytes] | None = None


def _hash(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def _entry_mac(
    key: bytes,
    generation: str,
    path: str,
    stat: FileStat,
    written: int,
    valid: bool,
    hashed: bytes,
    datahash: bytes,
) -> bytes:
    """The keyed hash that says an entry was made by us (see the module's docstring)."""
    header = (
        f"{generation}\0{path}\0{stat.size}\0{stat.mtime}\0{stat.ctime}\0"
        f"{stat.inode}\0{written}\0{int(valid)}\0"
    ).encode("utf-8", "surrogateescape")
    return hashlib.blake2b(b"".join((header, hashed, datahash)), key=key, digest_size=16).digest()


@dataclass(frozen=True, slots=True)
class Sealer:
    """Makes the hashes of a new entry of one run's cache (`RecordCache.sealer`).

    The process pool that parses a cold repository makes them beside the parsing, so
    the run's own process, which rebuilds every record and then writes the cache
    alone, has 11,000 fewer rows to hash at 10,000 projects (0.1 s). Only ever given
    to our own forked workers, which hold the same key already.
    """

    key: bytes
    generation: str
    written: int

    def seal(
        self, path: str, stat: FileStat, hashed: bytes, data: bytes | None
    ) -> tuple[bytes, bytes]:
        """(data hash, keyed hash) of the entry `RecordCache.add` would make."""
        datahash = _hash(data or b"")
        mac = _entry_mac(
            self.key, self.generation, path, stat, self.written, data is not None, hashed, datahash
        )
        return datahash, mac


def _secret() -> bytes | None:
    """The key of the cache's keyed hashes, made once per user; None if it cannot be."""
    folder = user_cache_dir()
    if folder is None:
        return None
    path = folder / "key"
    try:
        key = path.read_bytes()
        if len(key) == 32:
            return key
    except OSError:
        pass
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".key-{os.getpid()}-{time.time_ns()}"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(os.urandom(32))
        try:
            os.link(temporary, path)  # never replaces a key another run just made
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
        key = path.read_bytes()
    except OSError:
        return None
    return key if len(key) == 32 else None


def _generation(config: bytes) -> str:
    """What every entry depends on: the versions, and the repository's config."""
    from intstrat import __version__
    from intstrat.versions import CODEC_VERSION, FORMAT_VERSION

    versions = (__version__, FORMAT_VERSION, CODEC_VERSION, SCHEMA_VERSION, LOADER_VERSION)
    parts = "".join(f"{v}\0" for v in versions).encode()
    return hashlib.blake2b(parts + config, digest_size=16).hexdigest()


def _location(root: Path) -> Path | None:
    """The cache file of a repository: in it when it can be written and its cache folder
    is safe, else the user's; None when there is neither."""
    folder = root / CACHE_DIR
    if os.path.lexists(folder):
        if _safe_folder(folder) and os.access(folder, os.W_OK):
            return folder / DATABASE
    elif os.access(root, os.W_OK):
        return folder / DATABASE
    users = user_cache_dir()
    if users is None:
        return None
    name = hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
    return users / "repos" / name / DATABASE


def _safe_folder(folder: Path) -> bool:
    """Whether `folder` is a real folder (not a link) of this user's holding no link.

    What a pull request can commit there is links, and nothing else that matters: a
    regular file or a folder under one of the cache's names is only a broken cache
    (its entries fail their keyed hash). A link in it could lead SQLite, which opens
    its journal by name, out of the repository.
    """
    try:
        info = os.lstat(folder)
        if not S_ISDIR(info.st_mode):
            return False
        if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
            return False
        with os.scandir(folder) as entries:
            return not any(entry.is_symlink() for entry in entries)
    except OSError:
        return False


class UnsafeFolder(OSError):
    """The cache folder is a link or holds one (see `_safe_folder`): no cache this run."""


_IGNORE_TEXT = "# intstrat's cache: rebuilt when missing\n*\n"
_TAG_TEXT = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# intstrat's cache of validated records (https://bford.info/cachedir/)\n"
)


def _prepare_folder(folder: Path) -> None:
    """The cache folder, made so git and backup tools leave it out; `UnsafeFolder` when
    what is there is not safe to write in."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        folder.mkdir(0o700)
    if not _safe_folder(folder):
        raise UnsafeFolder(f"{folder}: not a folder of our own")
    _create(folder / ".gitignore", _IGNORE_TEXT)
    _create(folder / "CACHEDIR.TAG", _TAG_TEXT)


def _create(path: Path, text: str) -> None:
    """`path` with `text` unless it exists; never through a link (even a dangling one)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0), 0o644)
    except FileExistsError:
        return
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


class RecordCache:
    """The cache of one repository for one run: read once at the start, written once."""

    def __init__(self, path: Path, key: bytes, generation: str) -> None:
        self.path = path
        self._key = key
        self.generation = generation
        #: When this run started reading files (see `RACY_NS`).
        self.started = time.time_ns()
        self.entries: dict[str, Cached] = {}
        self._fresh: list[Fresh] = []
        self._stale = False
        self._data_read = False

    @classmethod
    def open(cls, root: Path, config: bytes) -> RecordCache | None:
        """The repository's cache, read; None when there can be none (no key)."""
        key = _secret()
        if key is None:
            return None
        location = _location(root)
        if location is None:
            return None
        cache = cls(location, key, _generation(config))
        cache._read()
        return cache

    def _connect(self) -> sqlite3.Connection:
        """A connection to the cache file; `UnsafeFolder` unless its folder is safe (it
        is checked each time: SQLite opens the file and its journal by name)."""
        if not _safe_folder(self.path.parent):
            raise UnsafeFolder(f"{self.path.parent}: not a folder of our own")
        connection = sqlite3.connect(self.path, timeout=LOCK_TIMEOUT, isolation_level=None)
        connection.execute("PRAGMA trusted_schema = OFF")
        return connection

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection | None]:
        """One write transaction, committed when the block ends and rolled back if it
        raises; None when another run holds the lock (it will write much the same)."""
        connection = self._connect()
        try:
            try:
                connection.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError:
                yield None
                return
            try:
                yield connection
                connection.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    connection.execute("ROLLBACK")
                raise
        finally:
            connection.close()

    def _read(self) -> None:
        """Every entry of the current generation; nothing if the file is not ours.

        Only what identifies the files is read here; the records' rows are read on
        the first `trusted` (a search from the index needs none of them).
        """
        try:
            if not S_ISREG(os.lstat(self.path).st_mode):
                raise FileNotFoundError(self.path)
        except OSError:
            self._stale = True
            return
        try:
            connection = self._connect()
            try:
                if not self._ours(connection):
                    self._stale = True
                    return
                entries = self.entries
                for (
                    path,
                    size,
                    mtime,
                    ctime,
                    inode,
                    written,
                    hashed,
                    valid,
                    datahash,
                    mac,
                ) in connection.execute(
                    "SELECT path, size, mtime, ctime, inode, written, digest, valid, "
                    "datahash, mac FROM records"
                ):
                    stat = FileStat(size, mtime, ctime, inode)
                    entry = Cached(stat, written, hashed, bool(valid), datahash, mac)
                    if entry.mac != self._mac(path, entry):
                        continue  # not made by us (or damaged): as if not cached
                    entries[path] = entry
            finally:
                connection.close()
        except (sqlite3.Error, ValueError, TypeError, OSError):
            self.entries = {}
            self._stale = True

    def _ours(self, connection: sqlite3.Connection) -> bool:
        """Whether the file is our cache, of this layout and generation."""
        application = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if application != APPLICATION_ID or version != SCHEMA_VERSION:
            return False
        row = connection.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return row is not None and row[0] == self.generation

    def _read_data(self) -> None:
        """The rows of the valid records, each checked against its authenticated hash."""
        self._data_read = True
        try:
            connection = self._connect()
            try:
                if not self._ours(connection):
                    self.entries = {}
                    return
                for path, data in connection.execute("SELECT path, data FROM record_data"):
                    entry = self.entries.get(path)
                    if entry is not None and isinstance(data, bytes):
                        entry.data = data
            finally:
                connection.close()
        except (sqlite3.Error, ValueError, TypeError, OSError):
            self.entries = {}

    def _mac(self, path: str, entry: Cached) -> bytes:
        return _entry_mac(
            self._key,
            self.generation,
            path,
            entry.stat,
            entry.written,
            entry.valid,
            entry.digest,
            entry.datahash,
        )

    def sealer(self) -> Sealer:
        """What makes this run's new entries' hashes elsewhere (see `add`)."""
        return Sealer(self._key, self.generation, self.started)

    def unchanged(self, path: str, stat: FileStat) -> Cached | None:
        """The entry of `path` if its stat key says the file is as cached, else None."""
        entry = self.entries.get(path)
        if entry is None or entry.stat != stat:
            return None
        if max(stat.mtime, stat.ctime) >= entry.written - RACY_NS:
            return None  # changed too close to when it was read: ask the hash
        return entry

    def trusted(self, path: str, stat: FileStat) -> Any | None:
        """The cached row of `path` if its stat key says it is unchanged, else None."""
        entry = self.unchanged(path, stat)
        if entry is None or not entry.valid:
            return None
        return self._row(entry)

    def same_content(self, path: str, hashed: bytes, stat: FileStat) -> Any | None:
        """The cached row of `path` if its content hash matches; the entry is refreshed."""
        entry = self.entries.get(path)
        if entry is None or entry.digest != hashed or not entry.valid:
            return None
        data = self._data(entry)
        row = self._row(entry)
        if row is not None and data is not None and utf8_name(path):
            self._fresh.append(Fresh(path, stat, hashed, data))
        return row

    def _data(self, entry: Cached) -> bytes | None:
        if not self._data_read:
            self._read_data()
        return entry.data

    def _row(self, entry: Cached) -> Any | None:
        """The entry's row, decoded once: its JSON is let go (50,000 rows are 100 MB)."""
        data = self._data(entry)
        entry.data = None
        if data is None or _hash(data) != entry.datahash:
            return None
        try:
            return _scan(data.decode("utf-8"), 0)[0]
        except (ValueError, StopIteration):
            return None

    def add(
        self,
        path: str,
        stat: FileStat,
        hashed: bytes,
        data: bytes | None,
        sealed: tuple[bytes, bytes] | None = None,
    ) -> None:
        """Remember a file read in this run: `data` is its record's row as JSON, or None
        when the file has findings (then only that it has them is remembered).

        `sealed`: what this run's `sealer()` made of the same entry, if it did."""
        entry = self.entries.get(path)
        if (
            data is None
            and entry is not None
            and not entry.valid
            and entry.stat == stat
            and entry.digest == hashed
        ):
            return  # known to have findings, and unchanged: nothing to write
        if utf8_name(path):
            self._fresh.append(Fresh(path, stat, hashed, data, sealed))

    def documents(
        self, name: str, paths: Iterable[str] | None = None
    ) -> dict[str, tuple[bytes, bytes]]:
        """Documents derived from records (a search index), by path: (digest, data); all
        of `name`, or those of `paths`.

        Each was made from the record of the file with that content hash; one not made
        by us is left out."""
        found: dict[str, tuple[bytes, bytes]] = {}
        if self._stale:
            return found
        query = "SELECT path, digest, mac, data FROM documents WHERE name = ?"
        try:
            connection = self._connect()
            try:
                if not self._ours(connection):
                    return found
                if paths is None:
                    rows: Iterable[Any] = connection.execute(query, (name,))
                else:
                    rows = (
                        row
                        for path in paths
                        for row in connection.execute(f"{query} AND path = ?", (name, path))
                    )
                for path, hashed, mac, data in rows:
                    if mac == self._document_mac(name, path, hashed, data):
                        found[path] = (hashed, data)
            finally:
                connection.close()
        except (sqlite3.Error, ValueError, TypeError, OSError):
            return {}
        return found

    def _document_mac(self, name: str, path: str, hashed: bytes, data: bytes) -> bytes:
        header = f"{self.generation}\0{name}\0{path}\0".encode("utf-8", "surrogateescape")
        keyed = hashlib.blake2b(header, key=self._key, digest_size=16)
        keyed.update(hashed)
        keyed.update(data)
        return keyed.digest()

    def put_documents(self, name: str, documents: list[tuple[str, bytes, bytes]]) -> None:
        """Store documents (path, digest, data) and drop the others of `name`; never
        raises (a document not stored is made again next time)."""
        if self._stale:
            return
        rows = [
            (name, path, hashed, self._document_mac(name, path, hashed, data), data)
            for path, hashed, data in documents
            if utf8_name(path)
        ]
        with contextlib.suppress(sqlite3.Error, OSError), self._writing() as connection:
            if connection is not None and self._ours(connection):
                connection.execute("DELETE FROM documents WHERE name = ?", (name,))
                connection.executemany(
                    "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?)", rows
                )

    def save(self, present: Iterable[str]) -> None:
        """Write this run's entries and forget files that are gone; never raises.

        Nothing is written when nothing changed, so a warm run only reads.
        """
        gone = set(self.entries).difference(present)
        if not (self._fresh or gone or self._stale):
            return
        with contextlib.suppress(sqlite3.Error, OSError):
            self._write(gone)

    def _write(self, gone: set[str]) -> None:
        if self._stale:
            self._replace()
        with self._writing() as connection:
            if connection is None:
                return  # another run is writing: it will have done much the same
            row = connection.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
            if row is None or row[0] != self.generation:
                connection.execute("DELETE FROM records")
                connection.execute("DELETE FROM record_data")
                connection.execute("DELETE FROM documents")
                connection.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (self.generation,)
                )
            for table in ("records", "record_data"):
                connection.executemany(f"DELETE FROM {table} WHERE path = ?", ((p,) for p in gone))
            connection.executemany(
                "DELETE FROM record_data WHERE path = ?",
                ((fresh.path,) for fresh in self._fresh if fresh.data is None),
            )
            connection.executemany(
                "INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                self._rows(),
            )
            connection.executemany(
                "INSERT OR REPLACE INTO record_data VALUES (?, ?)",
                ((fresh.path, fresh.data) for fresh in self._fresh if fresh.data is not None),
            )
        self._fresh = []

    def _rows(self) -> Iterator[tuple[Any, ...]]:
        written = self.started
        sealer = self.sealer()
        for fresh in self._fresh:
            s, data = fresh.stat, fresh.data
            datahash, mac = fresh.sealed or sealer.seal(fresh.path, s, fresh.digest, data)
            yield (fresh.path, s.size, s.mtime, s.ctime, s.inode, written, fresh.digest,
                   int(data is not None), datahash, mac)  # fmt: skip

    def _replace(self) -> None:
        """A new, empty cache file in place of a missing, foreign or broken one.

        Made in a fresh folder of its own (no one else's file, or link, can be there
        under the name of its journal) and renamed into place, so no run ever opens half
        of one; a rename replaces a link in its way, never follows it.
        """
        folder = self.path.parent
        _prepare_folder(folder)
        workspace = Path(tempfile.mkdtemp(prefix=f".{DATABASE}-", dir=folder))
        try:
            temporary = workspace / DATABASE
            connection = sqlite3.connect(temporary, isolation_level=None)
            try:
                connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                connection.executescript(_SCHEMA)
                connection.execute("INSERT INTO meta VALUES ('generation', ?)", (self.generation,))
            finally:
                connection.close()
            temporary.replace(self.path)
        finally:
            shutil.rmtree(workspace, ignore_errors=True)
        for suffix in ("-journal", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(f"{self.path}{suffix}").unlink()
        self._stale = False

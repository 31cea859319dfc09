"""Finding a data repository and loading every record in it (layers 1 and 2).

The result is a `Repository`: the records that are valid, and a diagnostic
for everything that is not. A broken file never stops the others from
loading, so `check` reports every finding at once.
"""

from __future__ import annotations

import json
import json.encoder
import json.scanner
import os
import stat
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from intstrat.format.models import Config, Partner, Project
from intstrat.loading.bounds import out_of_bounds
from intstrat.loading.codec import records_codec
from intstrat.loading.diagnostics import Diagnostic, Severity
from intstrat.loading.files import (
    FileRefused,
    read_inside,
    read_inside_stat,
)
from intstrat.loading.listing import (
    CONFIG_FILE,
    DATA_PREFIXES,
    PARTNERS_DIR,
    PROJECTS_DIR,
    list_data,
)
from intstrat.loading.parse import Loc, Span, YamlProblem, decode, locate, parse, parse_record
from intstrat.loading.validation import schema_diagnostics

#: Paths whose error leaves out more than one file: the config, and a data folder that
#: is a file or cannot be read (every record in it).
_LEFT_OUT_WHOLE = frozenset({CONFIG_FILE, "data", PARTNERS_DIR, PROJECTS_DIR})
#: The cache's document holding the validated intstrat.yaml (see `_load_config`).
CONFIG_DOCUMENT = "config"

if typing.TYPE_CHECKING:
    from intstrat.loading.cache import FileStat, RecordCache, Sealer

RecordKind = Literal["partner", "project"]
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Entry(Generic[M]):
    """A valid record and the file it came from (relative to the repository root).

    In `Repository.partial_*` the record is partial: `invalid` names the top-level
    fields that failed validation, which hold None (a list or mapping: empty).
    """

    path: str
    record: M
    invalid: frozenset[str] = frozenset()
    #: Lists of intstrat.yaml's sections (units, funders, ...) of which only some items
    #: validated: the record holds those items, and this their indices in the file.
    kept: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    #: The ids written on the items left out, per section: a reference to one of them
    #: is not reported (the item's own error says enough).
    left_out: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def valid(self, *fields: str) -> bool:
        """Whether all of `fields` validated (always, for a valid record)."""
        return not self.invalid.intersection(fields)

    def items(self, section: str) -> list[tuple[int, Any]]:
        """The items of a list field with their indices in the file."""
        values = getattr(self.record, section)
        return list(zip(self.kept.get(section, range(len(values))), values, strict=True))


@dataclass
class Repository:
    root: Path
    locator: Locator
    config: Config | None
    partner_entries: list[Entry[Partner]]
    project_entries: list[Entry[Project]]
    #: Findings of the YAML and schema layers.
    diagnostics: list[Diagnostic]
    #: File stems, per kind, of records that exist but failed to load. References
    #: to them count as resolved, so one broken file does not cascade into many.
    broken: dict[RecordKind, set[str]] = field(default_factory=dict)
    #: YAML files under data/ that intstrat does not read (wrong folder or suffix).
    stray: list[str] = field(default_factory=list)
    #: Records with errors, keeping the fields that did validate, so `check` can run
    #: the repository rules on those too and report everything in one run (see
    #: `Entry.invalid`). Nothing but the checks should read them.
    partial_partners: list[Entry[Partner]] = field(default_factory=list)
    partial_projects: list[Entry[Project]] = field(default_factory=list)
    partial_config: Entry[Config] | None = None
    #: The content hash of each record file read through the cache (see `loading.cache`),
    #: by path: what documents derived from the records (a search index) are keyed by.
    digests: dict[str, bytes] = field(default_factory=dict)

    @cached_property
    def partners(self) -> dict[str, Partner]:
        """Valid partners by id (the first one wins if an id is used twice)."""
        out: dict[str, Partner] = {}
        for entry in self.partner_entries:
            out.setdefault(entry.record.id, entry.record)
        return out

    @cached_property
    def projects(self) -> dict[str, Project]:
        out: dict[str, Project] = {}
        for entry in self.project_entries:
            out.setdefault(entry.record.id, entry.record)
        return out

    @property
    def left_out(self) -> list[str]:
        """The files that did not load (YAML or schema errors): every query and document
        is made without them (without intstrat.yaml: without the names of its units,
        funders and themes), and says so."""
        return sorted(
            {
                d.path
                for d in self.diagnostics
                if d.severity is Severity.ERROR
                and (d.path.startswith(DATA_PREFIXES) or d.path in _LEFT_OUT_WHOLE)
            }
        )


#: The cache's documents holding the positions of files that had findings (`Locator`).
POSITIONS_DOCUMENT = "positions-v1"


class Locator:
    """Positions of keys in files, parsed again on demand and remembered.

    With the content cache, the positions of a file are kept there too, keyed by its
    bytes: a warm run whose rules find something in an unchanged file (a warning in
    intstrat.yaml, an ongoing project past its end) then parses nothing, so does not
    import PyYAML. `save` writes what this run parsed.
    """

    def __init__(self, root: Path, store: RecordCache | None = None) -> None:
        self.root = root
        self.store = store
        self._positions: dict[str, dict[Loc, Span]] = {}
        self._kept: dict[str, tuple[bytes, bytes]] | None = None  # the cache's, read once
        self._parsed: dict[str, tuple[bytes, bytes]] = {}

    def positions(self, path: str) -> dict[Loc, Span]:
        if path not in self._positions:
            spans: dict[Loc, Span] = {}
            try:
                raw: bytes | None = read_inside(self.root, path)
            except FileRefused:
                raw = None  # read_record has said why
            if raw is not None:
                spans = self._cached(path, raw)
            self._positions[path] = spans
        return self._positions[path]

    def _cached(self, path: str, raw: bytes) -> dict[Loc, Span]:
        """The positions in `raw`, from the cache when it has them for these bytes."""
        from intstrat.loading.cache import digest as content_hash

        digest = content_hash(raw)
        if self.store is not None:
            found = self._kept_positions().get(path)
            if found is not None and found[0] == digest:
                try:
                    return {tuple(loc): tuple(span) for loc, span in json.loads(found[1])}
                except (ValueError, TypeError):
                    pass  # not ours after all: parse
        spans: dict[Loc, Span] = {}
        text = decode(raw)
        if isinstance(text, str):
            parse(text, spans)
        if self.store is not None:
            data = json.dumps([[list(loc), list(span)] for loc, span in spans.items()])
            self._parsed[path] = (digest, data.encode())
        return spans

    def _kept_positions(self) -> dict[str, tuple[bytes, bytes]]:
        """The positions the cache holds, by path: read once, on the first finding (only
        files that had findings are there, so it is small)."""
        if self._kept is None:
            self._kept = self.store.documents(POSITIONS_DOCUMENT) if self.store else {}
        return self._kept

    def save(self) -> None:
        """Keep the positions parsed in this run in the cache (with those kept before, of
        files that are still there); never raises."""
        if self.store is None or not self._parsed:
            return
        kept = {
            path: found
            for path, found in self._kept_positions().items()
            if os.path.lexists(self.root / path)
        }
        kept.update(self._parsed)
        self.store.put_documents(
            POSITIONS_DOCUMENT, [(path, digest, data) for path, (digest, data) in kept.items()]
        )
        self._parsed.clear()

    def at(self, path: str, loc: Loc, *, key: bool = True) -> tuple[int, int]:
        return locate(self.positions(path), loc, key=key)

    def remember(self, path: str, text: str) -> None:
        """Take `text` as the file at `path` (a record about to be written, see `new`)."""
        spans: dict[Loc, Span] = {}
        parse(text, spans)
        self._positions[path] = spans


def _problem(path: str, problem: YamlProblem) -> Diagnostic:
    return Diagnostic(path, problem.line, problem.column, problem.code, problem.message)


def read_record(root: Path, path: str) -> tuple[dict[str, Any] | None, list[Diagnostic]]:
    """Layer 1: the data of one file, or why it cannot be read as a record.

    Only files inside the repository are read (a symbolic link out of it is
    refused), and only up to `MAX_RECORD_BYTES`.
    """
    data, diagnostics, _ = _read(root, path)
    return data, diagnostics


def _read(root: Path, path: str) -> tuple[dict[str, Any] | None, list[Diagnostic], bool]:
    """`read_record`, and whether a value may be out of bounds (see `parse_record`)."""
    try:
        raw = read_inside(root, path)
    except FileRefused as refused:
        return None, [Diagnostic(path, 1, 1, refused.code, refused.message)], False
    return _parse_bytes(path, raw)


def _parse_bytes(path: str, raw: bytes) -> tuple[dict[str, Any] | None, list[Diagnostic], bool]:
    """Layer 1 on bytes read from `path` (see `_read`)."""
    text = decode(raw)
    if isinstance(text, YamlProblem):
        return None, [_problem(path, text)], False
    data, problems, suspect = parse_record(text)
    return data, [_problem(path, p) for p in problems], suspect


def load_record(
    root: Path, path: str, model: type[M], locator: Locator | None = None
) -> tuple[M | None, list[Diagnostic]]:
    """Layers 1 and 2 for one file: the validated model, or the diagnostics."""
    record, diagnostics, _ = load_entry(root, path, model, locator)
    return record, diagnostics


def load_entry(
    root: Path, path: str, model: type[M], locator: Locator | None = None
) -> tuple[M | None, list[Diagnostic], Entry[M] | None]:
    """`load_record`, and for a record with errors the partial record (see `Entry`)."""
    return _validate(root, path, model, locator, *_read(root, path))


def _validate(
    root: Path,
    path: str,
    model: type[M],
    locator: Locator | None,
    data: dict[str, Any] | None,
    diagnostics: list[Diagnostic],
    suspect: bool,
) -> tuple[M | None, list[Diagnostic], Entry[M] | None]:
    """Layer 2 on the data layer 1 read (see `load_entry`)."""
    if data is None:
        return None, diagnostics, None
    bounds = out_of_bounds(data) if suspect else []
    found: ValidationError | None
    try:
        record = model.model_validate(data)
    except ValidationError as exc:
        found = exc
    else:
        if not bounds:
            return record, [], None
        found = None
    positions = (locator or Locator(root)).positions(path)
    diagnostics = [
        Diagnostic(path, *locate(positions, b.loc, key=b.key), b.code, b.message) for b in bounds
    ]
    refused = [b.loc for b in bounds]
    if found is not None:
        # A value out of bounds is reported once, by the bounds; the model's view of
        # the same value ("expected a whole number") would only repeat it.
        diagnostics += schema_diagnostics(found, model, path, positions, refused)
    failed = [*refused, *(tuple(e["loc"]) for e in (found.errors() if found else []))]
    return None, diagnostics, _partial(path, model, data, failed)


def _partial(path: str, model: type[M], data: dict[str, Any], failed: list[Loc]) -> Entry[M]:
    """The record with every top-level field that validated on its own, and the rest
    None (or empty), so the repository rules can check what is right in a record that
    also has errors: one `check` lists every finding, not one layer at a time."""
    fields = model.model_fields
    invalid = {str(loc[0]) for loc in failed if loc and loc[0] in fields}
    if any(len(loc) == 1 and loc[0] not in fields for loc in failed):
        # An unknown top-level key may be a misspelt field ('unit:' for 'units:'): the
        # fields left out are not known to be empty, so nothing is checked against them.
        invalid |= {name for name in fields if name not in data}
    record = model.model_construct()
    validator = model.__pydantic_validator__
    for name in fields:
        if name in data and name not in invalid:
            try:
                validator.validate_assignment(record, name, data[name])
            except ValidationError:  # pragma: no cover - it failed with the others already
                invalid.add(name)
    kept: dict[str, tuple[int, ...]] = {}
    left_out: dict[str, frozenset[str]] = {}
    for name in sorted(invalid):
        items = _valid_items(fields[name].annotation, data.get(name), name, failed)
        if items is None:
            continue
        indices, values, ids = items
        try:
            validator.validate_assignment(record, name, values)
        except ValidationError:  # pragma: no cover - each item validated on its own
            continue
        invalid.discard(name)
        kept[name], left_out[name] = indices, ids
    for name in invalid:
        origin = typing.get_origin(fields[name].annotation)
        empty: Any = [] if origin is list else {} if origin is dict else None
        record.__dict__[name] = empty
    return Entry(path, record, frozenset(invalid), kept, left_out)


def _valid_items(
    annotation: Any, value: Any, name: str, failed: list[Loc]
) -> tuple[tuple[int, ...], list[Any], frozenset[str]] | None:
    """Of a list of models in which some items failed, the items that did not (and their
    indices), and the ids written on those that did; None when the list as a whole failed.

    One misspelt unit in intstrat.yaml would otherwise hide every finding about units
    (an unknown owner, a duplicate id) until it is fixed: a round trip per layer.
    """
    if typing.get_origin(annotation) is not list or not isinstance(value, list):
        return None
    (item_model,) = typing.get_args(annotation)
    if not (isinstance(item_model, type) and issubclass(item_model, BaseModel)):
        return None
    bad = {loc[1] for loc in failed if len(loc) >= 2 and loc[0] == name}
    if any(loc == (name,) for loc in failed) or not all(isinstance(i, int) for i in bad):
        return None
    indices = tuple(i for i in range(len(value)) if i not in bad)
    ids = frozenset(
        str(item["id"])
        for i, item in enumerate(value)
        if i in bad and isinstance(item, dict) and isinstance(item.get("id"), str | int)
    )
    return indices, [value[i] for i in indices], ids


def load_repository(
    root: Path, *, cache: bool | None = None, jobs: int | None = None
) -> Repository:
    """Load intstrat.yaml and every partner and project file under `root`.

    `cache`: use the content cache (`loading.cache`; default: unless
    $INTSTRAT_NO_CACHE says no). `jobs`: processes to parse with (default: every
    core when enough files need parsing to pay for starting them; 1: none).
    Records and diagnostics are the same, in the same order, whichever is used.
    """
    from intstrat.loading import cache as caching

    locator = Locator(root)
    diagnostics: list[Diagnostic] = []
    broken: dict[RecordKind, set[str]] = {"partner": set(), "project": set()}

    use_cache = cache if cache is not None else not caching.disabled_by_environment()
    config, found, partial_config, store, config_row = _load_config(root, locator, use_cache)
    locator.store = store
    diagnostics.extend(found)

    listing = list_data(root)
    diagnostics += listing.findings
    partner_files, project_files = listing.partners, listing.projects
    digests: dict[str, bytes] = {}
    loader = _Loader(root, locator, store, jobs, digests)
    partner_batch = _Batch(partner_files, Partner, broken["partner"])
    project_batch = _Batch(project_files, Project, broken["project"])
    loader.load([partner_batch, project_batch], diagnostics)
    partners, partial_partners = partner_batch.entries, partner_batch.partial
    projects, partial_projects = project_batch.entries, project_batch.partial
    if store is not None:
        store.save([*partner_files, *project_files])
        if config_row is not None:
            store.put_documents(CONFIG_DOCUMENT, [config_row])
    return Repository(
        root=root,
        locator=locator,
        config=config,
        partner_entries=partners,
        project_entries=projects,
        diagnostics=diagnostics,
        broken=broken,
        stray=listing.stray,
        partial_partners=partial_partners,
        partial_projects=partial_projects,
        partial_config=partial_config,
        digests=digests,
    )


def _load_config(
    root: Path, locator: Locator, use_cache: bool
) -> tuple[
    Config | None,
    list[Diagnostic],
    Entry[Config] | None,
    RecordCache | None,
    tuple[str, bytes, bytes] | None,
]:
    """intstrat.yaml validated, or from the cache when a run validated these very bytes.

    Returns the config, its findings, its partial record (see `Entry`), the content
    cache keyed to the bytes read (None when not used), and the config's row for the
    cache when it was validated here and had no finding, to be stored after the
    records (see `load_repository`). Building the config's validator and reading the
    country and currency lists take 25-30 ms, a tenth of a small repository's check.
    """
    from intstrat.loading.cache import RecordCache, digest

    try:
        raw = read_inside(root, CONFIG_FILE)
    except FileRefused as refused:
        return (
            None,
            [Diagnostic(CONFIG_FILE, 1, 1, refused.code, refused.message)],
            None,
            None,
            None,
        )
    store = RecordCache.open(root, raw) if use_cache else None
    hashed = digest(raw)
    if store is not None:
        config = _cached_config(store, hashed)
        if config is not None:
            return config, [], None, store, None
    config, found, partial = _validate(
        root, CONFIG_FILE, Config, locator, *_parse_bytes(CONFIG_FILE, raw)
    )
    row = None
    if store is not None and config is not None and not found:
        data = json.dumps(records_codec().encode(config), ensure_ascii=False, separators=(",", ":"))
        row = (CONFIG_FILE, hashed, data.encode("utf-8"))
    return config, found, partial, store, row


def _cached_config(store: RecordCache, hashed: bytes) -> Config | None:
    """The config a run validated from bytes with this hash, if the cache has it."""
    found = store.documents(CONFIG_DOCUMENT, [CONFIG_FILE]).get(CONFIG_FILE)
    if found is None or found[0] != hashed:
        return None
    try:
        return records_codec().decode(Config, json.loads(found[1]))
    except (ValueError, TypeError, KeyError, IndexError):  # pragma: no cover - only ours
        return None


#: The C scanner of the standard library's JSON decoder, without `json.loads`'s checks
#: of each call: a worker's rows are many, small and made by `_load_one`.
_scan = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[arg-type]


#: The C encoder of the standard library's JSON, made once: `json.dumps` with options
#: builds a `JSONEncoder` and this on every call (a third of the time of a row).
#: The same text as `json.dumps(row, ensure_ascii=False, separators=(",", ":"))`.
def _not_json(value: object) -> None:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


_encode_json = json.encoder.c_make_encoder(  # type: ignore[attr-defined]
    None, _not_json, json.encoder.encode_basestring, None, ":", ",", False, False, True
)

#: Fewer files to parse than this are parsed in this process: starting a process pool
#: and sending records back costs more than it saves below about this many.
PARALLEL_THRESHOLD = 400
#: Files per task sent to a worker: big enough to keep the pipe quiet, small enough
#: to share the work evenly.
CHUNK = 64


@dataclass(slots=True)
class _Outcome:
    """What loading one file gave: a record (or its row), or the findings."""

    path: str
    record: BaseModel | None = None
    #: The record as a codec row in JSON (to cache, or sent back by a worker).
    data: bytes | None = None
    #: The cached row still holds: the file's bytes hash to the cached hash.
    unchanged: bool = False
    stat: FileStat | None = None
    digest: bytes | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    partial: Entry[Any] | None = None
    #: The cache entry's hashes, made by a worker (see `cache.Sealer`).
    sealed: tuple[bytes, bytes] | None = None


#: How a worker sends back a file that loaded with no finding (nearly all of them):
#: (path, the row's JSON or None when the cached row still holds, the stat key's four
#: numbers, the content hash, the cache entry's hashes or None). Plain tuples of
#: bytes and numbers pickle several times faster than an `_Outcome`.
_Sent = tuple[str, bytes | None, tuple[int, int, int, int], bytes, tuple[bytes, bytes] | None]


@dataclass(slots=True)
class _Batch(Generic[M]):
    """The record files of one kind to load, and what loading them gave."""

    paths: list[str]
    model: type[M]
    #: File stems of the records that failed to load (see `Repository.broken`).
    broken: set[str]
    entries: list[Entry[M]] = field(default_factory=list)
    partial: list[Entry[M]] = field(default_factory=list)
    records: list[M | None] = field(default_factory=list)
    #: Indices of the files the cache did not give.
    todo: list[int] = field(default_factory=list)
    failed: dict[int, _Outcome] = field(default_factory=dict)


class _Loader:
    """Loads the record files of a repository: from the cache, in workers, or here."""

    def __init__(
        self,
        root: Path,
        locator: Locator,
        store: RecordCache | None,
        jobs: int | None,
        digests: dict[str, bytes],
    ) -> None:
        self.root = root
        self.locator = locator
        self.store = store
        self.jobs = jobs
        self.digests = digests

    def load(self, batches: list[_Batch[Any]], diagnostics: list[Diagnostic]) -> None:
        """Every batch's entries, in the order of its paths, and their findings in that
        order, batch after batch. The files of all batches that the cache does not give
        are parsed in one stream (one process pool for all kinds)."""
        for batch in batches:
            self._from_cache(batch)
        work = [(batch, index) for batch in batches for index in batch.todo]
        decoders = {batch.model: self._decoder(batch.model) for batch in batches}
        # Records are rebuilt here while the workers parse the next files.
        for (batch, index), outcome in zip(work, self._parse(batches), strict=True):
            record, done = self._record(outcome, batch.model, decoders[batch.model])
            batch.records[index] = record
            if record is None:
                assert done is not None
                batch.failed[index] = done
        for batch in batches:
            for index, path in enumerate(batch.paths):
                record = batch.records[index]
                if record is not None:
                    batch.entries.append(Entry(path, record))
                    continue
                failed = batch.failed[index]
                batch.broken.add(path.rsplit("/", 1)[-1].removesuffix(".yaml"))
                diagnostics.extend(failed.diagnostics)
                if failed.partial is not None:
                    batch.partial.append(failed.partial)

    def _decoder(self, model: type[M]) -> Callable[[list[Any]], M] | None:
        return records_codec().decoder(model) if self.store is not None else None

    def _from_cache(self, batch: _Batch[M]) -> None:
        """The records the cache holds for unchanged files; the others are to do."""
        from intstrat.loading.cache import FileStat

        store, root = self.store, self.root
        decode_row = self._decoder(batch.model)
        batch.records = [None] * len(batch.paths)
        for index, path in enumerate(batch.paths):
            if store is not None and decode_row is not None and path in store.entries:
                try:
                    info = os.lstat(f"{root}/{path}")
                except OSError:
                    info = None
                if info is not None and stat.S_ISREG(info.st_mode):
                    row = store.trusted(path, FileStat.of(info))
                    if row is not None:
                        record = _decode(decode_row, row)
                        if record is not None:
                            batch.records[index] = record
                            self.digests[path] = store.entries[path].digest
                            continue
            batch.todo.append(index)

    def _record(
        self,
        outcome: _Outcome | _Sent,
        model: type[M],
        decode_row: Callable[[list[Any]], M] | None,
    ) -> tuple[M | None, _Outcome | None]:
        """The record of a parsed file (its row decoded if a worker sent it), cached;
        and the outcome it came from (whose findings tell why, when there is none)."""
        from intstrat.loading.cache import FileStat

        store = self.store
        if outcome.__class__ is tuple:
            path, data, numbers, hashed, sealed = outcome
            if data is not None:  # the common case, without an _Outcome
                rebuilt = records_codec().decode(
                    model, _scan(data.decode("utf-8", "surrogatepass"), 0)[0]
                )
                if store is not None:
                    store.add(path, FileStat(*numbers), hashed, data, sealed)
                    self.digests[path] = hashed
                return rebuilt, None
            outcome = _Outcome(
                path,
                data=data,
                unchanged=data is None,
                stat=FileStat(*numbers),
                digest=hashed,
                sealed=sealed,
            )
        assert isinstance(outcome, _Outcome)
        if outcome.unchanged:
            assert store is not None and outcome.digest is not None and outcome.stat is not None
            row = store.same_content(outcome.path, outcome.digest, outcome.stat)
            record = _decode(decode_row, row) if decode_row is not None else None
            if record is not None:
                self.digests[outcome.path] = outcome.digest
                return record, outcome
            # The cached row could not be used after all: parse the file here.
            outcome = _load_one(self.root, outcome.path, model, self.locator, None, True)
        found: M | None = None
        if outcome.record is not None:
            found = outcome.record  # type: ignore[assignment]
        elif outcome.data is not None:
            row = _scan(outcome.data.decode("utf-8", "surrogatepass"), 0)[0]
            found = records_codec().decode(model, row)
        if store is not None and outcome.stat is not None and outcome.digest is not None:
            # A file with findings is remembered too (without a record), so a search can
            # tell from the cache alone that nothing changed.
            store.add(outcome.path, outcome.stat, outcome.digest, outcome.data, outcome.sealed)
            if found is not None:
                self.digests[outcome.path] = outcome.digest
        return found, outcome

    def _parse(self, batches: list[_Batch[Any]]) -> Iterator[_Outcome | _Sent]:
        """Layers 1 and 2 for each file to do, batch after batch, in order: in worker
        processes when it pays."""
        store = self.store
        entries = store.entries if store is not None else {}
        sealer = store.sealer() if store is not None else None
        caching = store is not None
        jobs = self.jobs if self.jobs is not None else (os.cpu_count() or 1)
        count = sum(len(batch.todo) for batch in batches)
        if jobs > 1 and count >= (PARALLEL_THRESHOLD if self.jobs is None else 2):
            tasks = []
            for batch in batches:
                model = batch.model
                if not model.__pydantic_complete__:
                    model.model_rebuild()  # its validator, built once here for every worker
                paths = [batch.paths[i] for i in batch.todo]
                known = [
                    entries[p].digest if p in entries and entries[p].valid else None for p in paths
                ]
                tasks += [
                    (str(self.root), paths[i : i + CHUNK], model, known[i : i + CHUNK], sealer)
                    for i in range(0, len(paths), CHUNK)
                ]
            pool = _pool(jobs)
            if pool is not None:
                with pool:
                    for chunk in pool.imap(_load_chunk, tasks):
                        yield from chunk
                return
        for batch in batches:
            for index in batch.todo:
                path = batch.paths[index]
                entry = entries.get(path)
                expected = entry.digest if entry is not None and entry.valid else None
                yield _load_one(
                    self.root, path, batch.model, self.locator, expected, caching, keep=True
                )


def _pool(jobs: int) -> Any:
    """A pool of forked workers (they inherit what is imported), or None where there is
    no fork: starting fresh interpreters would cost more than parsing saves."""
    import multiprocessing

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - no fork on this platform
        return None
    try:
        return context.Pool(jobs)
    except OSError:  # pragma: no cover - no more processes: parse here
        return None


def _load_chunk(
    task: tuple[str, list[str], type[BaseModel], list[bytes | None], Sealer | None],
) -> list[_Outcome | _Sent]:
    """A worker's part: the files of one chunk, each record sent back as a codec row,
    with its cache entry's hashes made here (see `_Sent`)."""
    root, paths, model, known, sealer = task
    out: list[_Outcome | _Sent] = []
    for path, expected in zip(paths, known, strict=True):
        outcome = _load_one(Path(root), path, model, None, expected, True)
        s, hashed = outcome.stat, outcome.digest
        if s is None or hashed is None or not (outcome.unchanged or outcome.data is not None):
            out.append(outcome)  # findings, or a file the cache cannot key: as it is
            continue
        data = None if outcome.unchanged else outcome.data
        sealed = sealer.seal(path, s, hashed, data) if sealer is not None and data else None
        out.append((path, data, (s.size, s.mtime, s.ctime, s.inode), hashed, sealed))
    return out


def _decode(decode_row: Callable[[list[Any]], M] | None, row: Any) -> M | None:
    """A record from a cached row; None if the row does not fit (then the file is read)."""
    if decode_row is None or row is None:
        return None
    try:
        return decode_row(row)
    except Exception:  # any misfit means: read the file instead
        return None


def _load_one(
    root: Path,
    path: str,
    model: type[M],
    locator: Locator | None,
    expected: bytes | None,
    encode: bool,
    *,
    keep: bool = False,
) -> _Outcome:
    """Layers 1 and 2 for one file, and what the cache needs to remember it.

    `expected`: the content hash of the cached entry, if any: bytes that still hash
    to it need no parsing. `encode`: give the record as a codec row (JSON). `keep`:
    give the record itself too (in this process; a worker sends only the row).
    """
    from intstrat.loading.cache import FileStat, digest

    try:
        raw, info = read_inside_stat(root, path)
    except FileRefused as refused:
        return _Outcome(path, diagnostics=[Diagnostic(path, 1, 1, refused.code, refused.message)])
    # Links are read (inside the repository) but never cached: they have no stat key.
    file_stat = FileStat.of(info) if info is not None else None
    hashed = digest(raw) if encode else None
    if expected is not None and hashed == expected and file_stat is not None:
        return _Outcome(path, unchanged=True, stat=file_stat, digest=hashed)
    record, diagnostics, partial = _validate(root, path, model, locator, *_parse_bytes(path, raw))
    if record is None:
        return _Outcome(
            path, diagnostics=diagnostics, partial=partial, stat=file_stat, digest=hashed
        )
    data = None
    if encode:
        row = records_codec().encode(record)
        data = "".join(_encode_json(row, 0)).encode("utf-8", "surrogatepass")
    return _Outcome(
        path,
        record=record if keep else None,
        data=data,
        stat=file_stat,
        digest=hashed,
    )

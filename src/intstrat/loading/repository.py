"""Finding a data repository and loading every record in it (layers 1 and 2).

The result is a `Repository`: the records that are valid, and a diagnostic
for everything that is not. A broken file never stops the others from
loading, so `check` reports every finding at once.
"""

from __future__ import annotations

import os
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from intstrat.errors import RepositoryNotFound, UsageError
from intstrat.format.models import Config, Partner, Project
from intstrat.i18n import _
from intstrat.loading.bounds import out_of_bounds
from intstrat.loading.diagnostics import Diagnostic
from intstrat.loading.files import FileRefused, read_inside, resolve_inside
from intstrat.loading.parse import Loc, Span, YamlProblem, decode, locate, parse, parse_record
from intstrat.loading.validation import schema_diagnostics

CONFIG_FILE = "intstrat.yaml"
PARTNERS_DIR = "data/partners"
PROJECTS_DIR = "data/projects"
ENV_REPO = "INTSTRAT_REPO"

RecordKind = Literal["partner", "project"]
M = TypeVar("M", bound=BaseModel)


def find_root(repo: Path | None = None, start: Path | None = None) -> Path:
    """The repository root: `repo` if given, else $INTSTRAT_REPO, else walk up like git."""
    explicit = repo or (Path(os.environ[ENV_REPO]) if os.environ.get(ENV_REPO) else None)
    if explicit is not None:
        candidate = explicit.parent if explicit.name == CONFIG_FILE else explicit
        if (candidate / CONFIG_FILE).is_file():
            return candidate.resolve()
        raise RepositoryNotFound(
            _(
                "{path} is not an intstrat repository: it has no intstrat.yaml. Run "
                "'intstrat init' to create one, or point --repo at the folder that has it."
            ).format(path=explicit)
        )
    return discover(start or Path.cwd())


def discover(start: Path) -> Path:
    """The nearest folder at or above `start` that has intstrat.yaml, like git finds .git."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise RepositoryNotFound(
        _(
            "no intstrat.yaml found in {path} or any folder above it. Run intstrat inside a "
            "data repository, or give its folder with --repo PATH (or $INTSTRAT_REPO)."
        ).format(path=here)
    )


def relative_paths(root: Path, paths: Iterable[Path]) -> list[str]:
    """Paths given on the command line as root-relative POSIX paths ("" for the root)."""
    out = []
    for given in paths:
        resolved = given.resolve()
        if not resolved.exists():
            raise UsageError(_("{path}: no such file or folder").format(path=given))
        try:
            rel = resolved.relative_to(root).as_posix()
        except ValueError:
            raise UsageError(
                _("{path} is outside the repository {root}").format(path=given, root=root)
            ) from None
        out.append("" if rel == "." else rel)
    return out


@dataclass(frozen=True, slots=True)
class Entry(Generic[M]):
    """A valid record and the file it came from (relative to the repository root).

    In `Repository.partial_*` the record is partial: `invalid` names the top-level
    fields that failed validation, which hold None (a list or mapping: empty).
    """

    path: str
    record: M
    invalid: frozenset[str] = frozenset()

    def valid(self, *fields: str) -> bool:
        """Whether all of `fields` validated (always, for a valid record)."""
        return not self.invalid.intersection(fields)


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


class Locator:
    """Positions of keys in files, parsed again on demand and remembered."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._positions: dict[str, dict[Loc, Span]] = {}

    def positions(self, path: str) -> dict[Loc, Span]:
        if path not in self._positions:
            spans: dict[Loc, Span] = {}
            try:
                text = decode(read_inside(self.root, path))
            except FileRefused:
                text = None  # read_record has said why
            if isinstance(text, str):
                parse(text, spans)
            self._positions[path] = spans
        return self._positions[path]

    def at(self, path: str, loc: Loc, *, key: bool = True) -> tuple[int, int]:
        return locate(self.positions(path), loc, key=key)


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
    data, diagnostics, suspect = _read(root, path)
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
    for name in invalid:
        origin = typing.get_origin(fields[name].annotation)
        empty: Any = [] if origin is list else {} if origin is dict else None
        record.__dict__[name] = empty
    return Entry(path, record, frozenset(invalid))


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """Whether an entry is a folder (a link loop or an unreadable entry is not)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_yaml_name(name: str) -> bool:
    """`x.yaml`, and the names people mean the same by: `x.yml`, `x.YAML`."""
    return name.lower().endswith((".yaml", ".yml"))


def _folder_refused(root: Path, folder: str) -> Diagnostic | None:
    """A diagnostic when a data folder is a link that leads out of the repository."""
    try:
        resolve_inside(root, folder)
    except FileRefused as refused:
        message = refused.message
        if refused.why == "outside":
            message = _(
                "this folder is a symbolic link out of the repository; intstrat reads only "
                "records inside the repository, so put the files themselves here"
            )
        return Diagnostic(folder, 1, 1, refused.code, message)
    return None


def _yaml_files(root: Path, folder: str) -> tuple[list[str], list[str]]:
    """(record files, stray YAML files) in a data folder, as root-relative paths.

    A record file is any entry named `*.yaml` that is not a folder: links, loops
    and other odd entries are among them, so reading them gives a diagnostic
    instead of silence. `*.yml`, `*.YAML` and subfolders are stray.
    """
    records: list[str] = []
    stray: list[str] = []
    directory = root / folder
    if not directory.is_dir():
        return records, stray
    for entry in os.scandir(directory):
        name = entry.name
        if name.startswith("."):
            continue
        if _is_dir(entry):
            stray.append(f"{folder}/{name}")
        elif name.endswith(".yaml"):
            records.append(f"{folder}/{name}")
        elif _is_yaml_name(name):
            stray.append(f"{folder}/{name}")
    records.sort()
    stray.sort()
    return records, stray


def _stray_data_files(root: Path) -> list[str]:
    """YAML files under data/ outside the two record folders."""
    data = root / "data"
    if not data.is_dir():
        return []
    known = {PARTNERS_DIR, PROJECTS_DIR}
    out = []
    for entry in sorted(os.scandir(data), key=lambda e: e.name):
        rel = f"data/{entry.name}"
        if rel in known or entry.name.startswith("."):
            continue
        if _is_dir(entry) or _is_yaml_name(entry.name):
            out.append(rel)
    return out


def load_repository(root: Path) -> Repository:
    """Load intstrat.yaml and every partner and project file under `root`."""
    locator = Locator(root)
    diagnostics: list[Diagnostic] = []
    broken: dict[RecordKind, set[str]] = {"partner": set(), "project": set()}

    config, found, partial_config = load_entry(root, CONFIG_FILE, Config, locator)
    diagnostics.extend(found)

    files: dict[str, tuple[list[str], list[str]]] = {}
    for folder in (PARTNERS_DIR, PROJECTS_DIR):
        refused = _folder_refused(root, folder) if os.path.lexists(root / folder) else None
        if refused is not None:
            diagnostics.append(refused)
            files[folder] = ([], [])
        else:
            files[folder] = _yaml_files(root, folder)
    partner_files, stray_partners = files[PARTNERS_DIR]
    project_files, stray_projects = files[PROJECTS_DIR]
    partial_partners: list[Entry[Partner]] = []
    partial_projects: list[Entry[Project]] = []
    partners = _load_all(
        root, partner_files, Partner, locator, diagnostics, broken["partner"], partial_partners
    )
    projects = _load_all(
        root, project_files, Project, locator, diagnostics, broken["project"], partial_projects
    )
    return Repository(
        root=root,
        locator=locator,
        config=config,
        partner_entries=partners,
        project_entries=projects,
        diagnostics=diagnostics,
        broken=broken,
        stray=[*stray_partners, *stray_projects, *_stray_data_files(root)],
        partial_partners=partial_partners,
        partial_projects=partial_projects,
        partial_config=partial_config,
    )


def _load_all(
    root: Path,
    paths: Iterable[str],
    model: type[M],
    locator: Locator,
    diagnostics: list[Diagnostic],
    broken: set[str],
    partial: list[Entry[M]],
) -> list[Entry[M]]:
    entries: list[Entry[M]] = []
    for path in paths:
        record, found, part = load_entry(root, path, model, locator)
        if record is None:
            broken.add(path.rsplit("/", 1)[-1].removesuffix(".yaml"))
            diagnostics.extend(found)
            if part is not None:
                partial.append(part)
        else:
            entries.append(Entry(path, record))
    return entries

"""Where a data repository is and which files in it are records, without reading them.

Finding the root (like git), listing the record files of the two data folders and the
files beside them that intstrat does not read, and what the content cache knows about
those files: what `load_repository` starts from, and what lets `search` and `check`
answer for an unchanged repository without loading it.
"""

from __future__ import annotations

import os
import stat
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from intstrat.errors import RepositoryNotFound, UsageError
from intstrat.i18n import _
from intstrat.loading.diagnostics import Diagnostic
from intstrat.loading.files import FileRefused, read_inside, resolve_inside, utf8_name

if typing.TYPE_CHECKING:
    from intstrat.loading.cache import RecordCache

CONFIG_FILE = "intstrat.yaml"
PARTNERS_DIR = "data/partners"
PROJECTS_DIR = "data/projects"
#: Where record files live, for telling their findings from those of intstrat.yaml.
DATA_PREFIXES = (f"{PARTNERS_DIR}/", f"{PROJECTS_DIR}/")
ENV_REPO = "INTSTRAT_REPO"


def find_root(repo: Path | None = None, start: Path | None = None) -> Path:
    """The repository root: `repo` if given, else $INTSTRAT_REPO, else walk up like git."""
    explicit = repo or (Path(os.environ[ENV_REPO]) if os.environ.get(ENV_REPO) else None)
    if explicit is not None:
        candidate = explicit.parent if explicit.name == CONFIG_FILE else explicit
        if _has_config(candidate):
            return candidate.resolve()
        # Named as the person gave it: --repo, or the variable they may have forgotten
        # (the command line reads the variable into --repo itself).
        from_environment = os.environ.get(ENV_REPO)
        if repo is None or (from_environment and Path(from_environment) == repo):
            where = f"${ENV_REPO}={explicit}"
        else:
            where = f"--repo {explicit}"
        if not os.path.lexists(candidate):
            raise RepositoryNotFound(_("{where}: the folder does not exist").format(where=where))
        if not candidate.is_dir():
            raise RepositoryNotFound(
                _("{where}: not a folder; give the folder that has intstrat.yaml").format(
                    where=where
                )
            )
        above = next((f for f in candidate.resolve().parents if _has_config(f)), None)
        if above is not None:
            raise RepositoryNotFound(
                _(
                    "{where}: a folder inside the repository {root}; give the repository itself"
                ).format(where=where, root=above)
            )
        raise RepositoryNotFound(
            _(
                "{where}: not an intstrat repository (it has no intstrat.yaml). Run "
                "'intstrat init' to create one, or give the folder that has it."
            ).format(where=where)
        )
    return discover(start or Path.cwd())


def discover(start: Path) -> Path:
    """The nearest folder at or above `start` that has intstrat.yaml, like git finds .git."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if _has_config(folder):
            return folder
        if (folder / CONFIG_FILE).is_dir():  # what the user meant, made a folder by mistake
            raise RepositoryNotFound(
                _("{path} is a folder; intstrat.yaml must be a file (the repository's "
                  "settings, as 'intstrat init' writes it)").format(path=folder / CONFIG_FILE)
            )  # fmt: skip
    raise RepositoryNotFound(
        _(
            "no intstrat.yaml found in {path} or any folder above it. Run intstrat inside a "
            "data repository, or give its folder with --repo PATH (or $INTSTRAT_REPO)."
        ).format(path=here)
    )


def _has_config(folder: Path) -> bool:
    """Whether `folder` has an intstrat.yaml: a file, or anything in its place that is not
    a folder (a link to a device, a loop), which then gets its own finding (Y012, Y013)
    instead of a search that goes on upwards."""
    config = folder / CONFIG_FILE
    return os.path.lexists(config) and not config.is_dir()


def relative_paths(root: Path, paths: Iterable[Path]) -> list[str]:
    """Paths given on the command line as root-relative POSIX paths ("" for the root)."""
    out = []
    problems = []  # every path given wrongly, in one run
    for given in paths:
        try:
            resolved = given.resolve()
        except (OSError, RuntimeError):  # a link that leads back to itself
            problems.append(
                _("{path}: a symbolic link that leads back to itself; replace the link with "
                  "the file it should be").format(path=given)
            )  # fmt: skip
            continue
        if not resolved.exists():
            problems.append(_("{path}: no such file or folder").format(path=given))
            continue
        try:
            rel = resolved.relative_to(root).as_posix()
        except ValueError:
            problems.append(
                _("{path} is outside the repository {root}").format(path=given, root=root)
            )
            continue
        out.append("" if rel == "." else rel)
    if problems:
        raise UsageError("\n".join(problems))
    return out


def is_dir_entry(entry: os.DirEntry[str]) -> bool:
    """Whether an entry is a folder (a link loop or an unreadable entry is not)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def is_yaml_name(name: str) -> bool:
    """`x.yaml`, and the names people mean the same by: `x.yml`, `x.YAML`."""
    return name.lower().endswith((".yaml", ".yml"))


def folder_refused(root: Path, folder: str) -> Diagnostic | None:
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


def yaml_files(root: Path, folder: str) -> tuple[list[str], list[str], list[str]]:
    """(record files, stray YAML files, YAML files named in no UTF-8) in a data folder,
    as root-relative paths.

    A record file is any entry named `*.yaml` that is not a folder: links, loops
    and other odd entries are among them, so reading them gives a diagnostic
    instead of silence. `*.yml`, `*.YAML` and subfolders are stray. A name that is
    not UTF-8 is neither (see `misnamed_findings`).
    """
    records: list[str] = []
    stray: list[str] = []
    misnamed: list[str] = []
    directory = root / folder
    if not directory.is_dir():
        return records, stray, misnamed
    for entry in os.scandir(directory):
        name = entry.name
        if name.startswith("."):
            continue
        if not utf8_name(name):
            if is_yaml_name(name):
                misnamed.append(f"{folder}/{name}")
            continue
        if is_dir_entry(entry):
            stray.append(f"{folder}/{name}")
        elif name.endswith(".yaml"):
            records.append(f"{folder}/{name}")
        elif is_yaml_name(name):
            stray.append(f"{folder}/{name}")
    records.sort()
    stray.sort()
    return records, stray, misnamed


def misnamed_findings(paths: list[str]) -> list[Diagnostic]:
    """An error for each YAML file whose name is not UTF-8 (`yaml_files` lists them): it
    cannot be a record (a record's file name is its id, a-z, 0-9 and -), so it is not read."""
    message = _(
        "the file's name is not valid UTF-8, so intstrat cannot read it as a record; "
        "rename the file to its id (a-z, 0-9 and -, such as ubc.yaml)"
    )
    shown = (p.encode("utf-8", "surrogateescape").decode("utf-8", "replace") for p in paths)
    return sorted(Diagnostic(path, 1, 1, "Y001", message) for path in shown)


def stray_data_files(root: Path) -> list[str]:
    """YAML files under data/ outside the two record folders."""
    data = root / "data"
    if not data.is_dir():
        return []
    known = {PARTNERS_DIR, PROJECTS_DIR}
    out = []
    for entry in sorted(os.scandir(data), key=lambda e: e.name):
        rel = f"data/{entry.name}"
        if rel in known or entry.name.startswith(".") or not utf8_name(entry.name):
            continue
        if is_dir_entry(entry) or is_yaml_name(entry.name):
            out.append(rel)
    return out


def open_cache(root: Path) -> RecordCache | None:
    """The repository's content cache, keyed to its config's bytes (see `loading.cache`)."""
    from intstrat.loading.cache import RecordCache

    try:
        config = read_inside(root, CONFIG_FILE)
    except FileRefused:
        return None  # load_entry has said why; without a config nothing is worth caching
    return RecordCache.open(root, config)


def not_folders(root: Path) -> list[str]:
    """The data folders that are files (a link is `folder_refused`'s to judge)."""
    return [
        folder
        for folder in ("data", PARTNERS_DIR, PROJECTS_DIR)
        if os.path.lexists(root / folder)
        and not (root / folder).is_symlink()
        and not (root / folder).is_dir()
    ]


@dataclass(frozen=True)
class DataListing:
    """The two data folders as listed, before any file in them is read: the one list
    that loading and the answers from the cache (`cached_listing`) both start from."""

    partners: list[str]
    projects: list[str]
    #: YAML files under data/ that intstrat does not read (`Repository.stray`).
    stray: list[str]
    #: YAML files under data/ whose names are not UTF-8 (`misnamed_findings`).
    misnamed: list[str]
    #: What is wrong with the folders themselves, in the order loading reports it: a
    #: file where data/ or a data folder should be (Y012), a folder linked out, the
    #: misnamed files of each folder.
    findings: list[Diagnostic]
    #: Whether both folders could be listed (neither is a file or a link out).
    complete: bool


def list_data(root: Path) -> DataListing:
    """The record files of both data folders and what lies beside them."""
    findings: list[Diagnostic] = []
    complete = True
    for folder in not_folders(root)[:1]:  # data/ as a file hides the two beneath it
        complete = False
        findings.append(
            Diagnostic(
                folder,
                1,
                1,
                "Y012",
                _(
                    "this is a file, but intstrat reads its records from a folder {folder}/ "
                    "of .yaml files; rename the file and make {folder} a folder"
                ).format(folder=folder),
            )
        )
    listed: dict[str, list[str]] = {}
    stray: list[str] = []
    misnamed: list[str] = []
    for folder in (PARTNERS_DIR, PROJECTS_DIR):
        refused = folder_refused(root, folder) if os.path.lexists(root / folder) else None
        if refused is not None:
            complete = False
            findings.append(refused)
            listed[folder] = []
            continue
        records, strays, misnames = yaml_files(root, folder)
        listed[folder] = records
        stray += strays
        misnamed += misnames
        findings += misnamed_findings(misnames)
    return DataListing(
        listed[PARTNERS_DIR],
        listed[PROJECTS_DIR],
        [*stray, *stray_data_files(root)],
        misnamed,
        findings,
        complete,
    )


@dataclass(frozen=True)
class CachedListing:
    """The record files of a repository as the content cache knows them, unread."""

    store: RecordCache
    #: The valid partner and project files (path, content hash), in the order
    #: `load_repository` gives them.
    partners: list[tuple[str, bytes]]
    projects: list[tuple[str, bytes]]
    #: The record files with errors.
    invalid: list[str]
    #: YAML files under data/ that intstrat does not read (`Repository.stray`).
    stray: list[str]
    #: YAML files under data/ whose names are not UTF-8 (`misnamed_findings`).
    misnamed: list[str]


def cached_listing(root: Path) -> CachedListing | None:
    """What the cache knows of every record file, without reading any of them; None
    unless it knows each exactly as it is now (and the cache is not turned off).

    What lets a search answer from its index (`query.search`) and a check from the
    findings of the last run (`checks.remembered`) without loading.
    """
    from intstrat.loading.cache import FileStat, disabled_by_environment

    if disabled_by_environment():
        return None
    store = open_cache(root)
    if store is None:
        return None
    listing = list_data(root)
    if not listing.complete:
        return None  # loading says what is wrong with the folders
    found: list[list[tuple[str, bytes]]] = []
    invalid: list[str] = []
    for records in (listing.partners, listing.projects):
        valid: list[tuple[str, bytes]] = []
        for path in records:
            try:
                info = os.lstat(f"{root}/{path}")
            except OSError:
                return None
            entry = store.unchanged(path, FileStat.of(info)) if stat.S_ISREG(info.st_mode) else None
            if entry is None:
                return None
            if entry.valid:
                valid.append((path, entry.digest))
            else:
                invalid.append(path)
        found.append(valid)
    return CachedListing(
        store, found[0], found[1], sorted(invalid), listing.stray, listing.misnamed
    )

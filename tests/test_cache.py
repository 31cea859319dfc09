"""The content cache and the parallel loader: the same records and diagnostics as a cold,
serial run, whatever happens to the files, the config, intstrat's version or the cache."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from intstrat.checks.output import print_text
from intstrat.checks.rules import check_loaded
from intstrat.cli import app
from intstrat.loading import cache as caching
from intstrat.loading import listing, repository
from intstrat.loading.codec import records_codec
from intstrat.loading.repository import Repository, load_repository
from tests.helpers import build_repo, check_in_new_process, project

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent

PARTNER_B = """\
id: tartu
name: Tartu linn
type: municipality
country: EE
"""
BROKEN_YAML = "id: trasig\ntitle: [oavslutad\n"
BROKEN_SCHEMA = project(id="fel-schema", status="kanske", sdgs="[4, 18]")
BROKEN_RULE = project(id="fel-regel", owner="ingen-sadan", partners="[vushtrri, saknas]")


@pytest.fixture(autouse=True)
def _own_cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache's key (and any user-folder cache) in this test's folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.delenv(caching.ENV_NO_CACHE, raising=False)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The record files parsed in this process, in order (loading without workers)."""
    seen: list[str] = []
    original = repository._parse_bytes

    def counting(path: str, raw: bytes) -> Any:
        if path.startswith("data/"):
            seen.append(path)
        return original(path, raw)

    monkeypatch.setattr(repository, "_parse_bytes", counting)
    return seen


def many(root: Path, n: int = 12) -> Path:
    """A repository with `n` more good projects, a second partner and three broken files."""
    files = {
        f"data/projects/projekt-{i}.yaml": project(
            id=f"projekt-{i}",
            title=f"{{sv: 'Projekt {i} i Växjö', en: 'Project {i}'}}",
            period=f"{{start: 2019-0{1 + i % 9}, end: 2022}}",
            sdgs=f"[{1 + i % 17}]",
        )
        for i in range(n)
    }
    files["data/partners/tartu.yaml"] = PARTNER_B
    files["data/projects/trasig.yaml"] = BROKEN_YAML
    files["data/projects/fel-schema.yaml"] = BROKEN_SCHEMA
    files["data/projects/fel-regel.yaml"] = BROKEN_RULE
    return build_repo(root, files)


def record_files(root: Path) -> list[Path]:
    return list((root / "data").rglob("*.yaml"))


def state(repo: Repository) -> dict[str, Any]:
    """Everything a command sees of a loaded repository, comparable with ==."""

    def fields_set(record: Any) -> Any:
        if hasattr(record, "__pydantic_fields_set__"):
            return (
                type(record).__name__,
                sorted(record.__pydantic_fields_set__),
                {k: fields_set(v) for k, v in record.__dict__.items()},
            )
        if isinstance(record, list):
            return [fields_set(v) for v in record]
        return (type(record).__name__, record)

    return {
        "partners": [(e.path, e.record, fields_set(e.record)) for e in repo.partner_entries],
        "projects": [(e.path, e.record, fields_set(e.record)) for e in repo.project_entries],
        "config": repo.config,
        "diagnostics": repo.diagnostics,
        "broken": repo.broken,
        "partial": [(e.path, e.invalid) for e in repo.partial_projects],
        "checked": check_loaded(repo).diagnostics,
    }


def text_output(repo: Repository) -> str:
    from rich.console import Console

    console = Console(record=True, width=200, color_system=None)
    result = check_loaded(repo)
    print_text(console, result.diagnostics, result.files)
    return console.export_text()


def test_warm_run_gives_what_a_cold_run_gives(tmp_path: Path, parses: list[str]) -> None:
    root = many(tmp_path / "repo")
    cold = state(load_repository(root, cache=False, jobs=1))
    assert not (root / caching.CACHE_DIR).exists()
    parses.clear()
    first = state(load_repository(root, jobs=1))
    assert (root / caching.CACHE_DIR / caching.DATABASE).is_file()
    assert len(parses) == len(record_files(root)) == 18  # every one, read and cached
    _age(root)
    parses.clear()
    warm = state(load_repository(root, jobs=1))
    # Only the files with findings in layers 1 and 2 are parsed again: valid records
    # (fel-regel's finding is a repository rule's) come from the cache.
    assert sorted(parses) == ["data/projects/fel-schema.yaml", "data/projects/trasig.yaml"]
    assert cold == first == warm
    codes = [d.code for d in warm["checked"]]
    assert "Y002" in codes and "S003" in codes and "R003" in codes  # rules still ran


def _age(root: Path, seconds: int = 60) -> None:
    """Make every file look written a while ago (and the cache written after that)."""
    database = root / caching.CACHE_DIR / caching.DATABASE
    connection = sqlite3.connect(database)
    # Entries remember when their run began; a file changed within RACY_NS of that is
    # checked by its hash. Move the files' times back rather than wait.
    for path in root.rglob("*.yaml"):
        info = path.stat()
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns - seconds * 10**9))
    connection.close()


def test_cache_entries_are_trusted_only_long_after_the_file_changed(tmp_path: Path) -> None:
    root = many(tmp_path / "repo", 2)
    load_repository(root, jobs=1)
    store = caching.RecordCache.open(root, (root / "intstrat.yaml").read_bytes())
    assert store is not None
    path = "data/projects/projekt-0.yaml"
    info = caching.FileStat.of(os.lstat(root / path))
    # Just written: the stat key is not enough (the ctime is recent), the hash decides.
    assert store.trusted(path, info) is None
    assert store.entries[path].stat == info


def test_any_change_to_a_file_is_seen(tmp_path: Path, parses: list[str]) -> None:
    root = many(tmp_path / "repo", 3)
    path = root / "data/projects/projekt-1.yaml"
    load_repository(root, jobs=1)
    _age(root)
    before = path.stat()
    # Same size, and the modification time put back: only the content says it changed.
    text = path.read_text(encoding="utf-8").replace("Projekt 1 i", "Projekt 7 i")
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    parses.clear()
    repo = load_repository(root, jobs=1)
    assert "data/projects/projekt-1.yaml" in parses
    assert repo.projects["projekt-1"].title.get("sv") == "Projekt 7 i Växjö"
    assert state(repo) == state(load_repository(root, cache=False, jobs=1))


def test_a_change_right_after_a_cached_run_is_seen(tmp_path: Path) -> None:
    root = many(tmp_path / "repo", 2)
    path = root / "data/projects/projekt-0.yaml"
    load_repository(root, jobs=1)
    # Within the same clock tick, same size: a stat key could match; the hash cannot.
    text = path.read_text(encoding="utf-8").replace("status: completed", "status: cancelled")
    info = path.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    repo = load_repository(root, jobs=1)
    assert str(repo.projects["projekt-0"].status) == "cancelled"


def test_a_new_broken_file_and_a_removed_one(tmp_path: Path) -> None:
    root = many(tmp_path / "repo", 3)
    load_repository(root, jobs=1)
    _age(root)
    (root / "data/projects/projekt-2.yaml").write_text("id: projekt-2\ntitle: [\n", "utf-8")
    (root / "data/projects/projekt-1.yaml").unlink()
    repo = load_repository(root, jobs=1)
    assert "projekt-1" not in repo.projects and "projekt-2" not in repo.projects
    assert any(d.path == "data/projects/projekt-2.yaml" for d in repo.diagnostics)
    assert state(repo) == state(load_repository(root, cache=False, jobs=1))
    store = caching.RecordCache.open(root, (root / "intstrat.yaml").read_bytes())
    assert store is not None
    assert "data/projects/projekt-1.yaml" not in store.entries  # forgotten


def test_touched_files_with_the_same_content_are_not_parsed(
    tmp_path: Path, parses: list[str]
) -> None:
    """What a `git checkout` does: new times, same bytes; the content hash has the last word."""
    root = many(tmp_path / "repo", 3)
    load_repository(root, jobs=1)
    for path in root.rglob("*.yaml"):
        path.write_bytes(path.read_bytes())
    parses.clear()
    repo = load_repository(root, jobs=1)
    assert sorted(parses) == ["data/projects/fel-schema.yaml", "data/projects/trasig.yaml"]
    assert state(repo) == state(load_repository(root, cache=False, jobs=1))


def test_a_changed_config_drops_the_cache(tmp_path: Path, parses: list[str]) -> None:
    root = many(tmp_path / "repo", 2)
    load_repository(root, jobs=1)
    _age(root)
    config = root / "intstrat.yaml"
    config.write_text(config.read_text("utf-8") + "vision: Ett öppet Testby\n", "utf-8")
    parses.clear()
    load_repository(root, jobs=1)
    assert len(parses) == len(record_files(root))  # every record file again


@pytest.fixture
def config_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """How often intstrat.yaml was parsed (and so validated) in this process."""
    seen: list[str] = []
    original = repository._parse_bytes

    def counting(path: str, raw: bytes) -> Any:
        if path == listing.CONFIG_FILE:
            seen.append(path)
        return original(path, raw)

    monkeypatch.setattr(repository, "_parse_bytes", counting)
    return seen


def test_the_config_comes_from_the_cache_while_its_bytes_are_the_same(
    tmp_path: Path, config_parses: list[str]
) -> None:
    root = many(tmp_path / "repo", 2)
    expected = state(load_repository(root, cache=False, jobs=1))
    load_repository(root, jobs=1)  # validates the config, then keeps it
    _age(root)
    config_parses.clear()
    warm = load_repository(root, jobs=1)
    assert config_parses == []
    assert state(warm) == expected
    assert type(warm.config).__name__ == "Config"

    config = root / "intstrat.yaml"
    config.write_text(config.read_text("utf-8") + "vision: Ett öppet Testby\n", "utf-8")
    changed = state(load_repository(root, cache=False, jobs=1))
    config_parses.clear()
    assert state(load_repository(root, jobs=1)) == changed
    assert config_parses == ["intstrat.yaml"]  # new bytes: validated again


def test_a_config_with_findings_is_never_kept(tmp_path: Path, config_parses: list[str]) -> None:
    root = many(tmp_path / "repo", 2)
    config = root / "intstrat.yaml"
    config.write_text(config.read_text("utf-8") + "visjon: stavfel\n", "utf-8")
    for _run in range(3):
        repo = load_repository(root, jobs=1)
        assert "intstrat.yaml" in [d.path for d in repo.diagnostics]
        _age(root)
    assert config_parses == ["intstrat.yaml"] * 3


def test_a_forged_config_in_the_cache_is_not_used(tmp_path: Path, config_parses: list[str]) -> None:
    root = many(tmp_path / "repo", 2)
    expected = state(load_repository(root, cache=False, jobs=1))
    load_repository(root, jobs=1)
    database = root / caching.CACHE_DIR / caching.DATABASE
    connection = sqlite3.connect(database)
    (data,) = connection.execute("SELECT data FROM documents WHERE name = 'config'").fetchone()
    forged = bytes(data).replace(b"Testby", b"Annanby")
    assert forged != bytes(data)
    connection.execute("UPDATE documents SET data = ? WHERE name = 'config'", (forged,))
    connection.commit()
    connection.close()
    config_parses.clear()
    assert state(load_repository(root, jobs=1)) == expected
    assert config_parses == ["intstrat.yaml"]


def test_another_intstrat_version_drops_the_cache(
    tmp_path: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = many(tmp_path / "repo", 2)
    load_repository(root, jobs=1)
    _age(root)
    monkeypatch.setattr("intstrat.__version__", "99.0.0")
    parses.clear()
    repo = load_repository(root, jobs=1)
    assert len(parses) == len(record_files(root))
    assert state(repo) == state(load_repository(root, cache=False, jobs=1))


def _garbage(database: Path) -> None:
    database.write_bytes(b"SQLite format 3\x00" + os.urandom(3000))


def _foreign(database: Path) -> None:
    database.unlink()
    connection = sqlite3.connect(database)
    connection.execute("CREATE TABLE records (path TEXT, data TEXT)")
    connection.execute("INSERT INTO records VALUES ('data/projects/projekt-0.yaml', '[]')")
    connection.commit()
    connection.close()


def _tampered(database: Path) -> None:
    """A row changed by someone without the key: a record claiming another title."""
    connection = sqlite3.connect(database)
    (data,) = connection.execute(
        "SELECT data FROM record_data WHERE path = 'data/projects/projekt-0.yaml'"
    ).fetchone()
    forged = bytes(data).replace(b"Projekt 0 i", b"Forfalskat")
    connection.execute(
        "UPDATE record_data SET data = ? WHERE path = 'data/projects/projekt-0.yaml'", (forged,)
    )
    connection.commit()
    connection.close()


def _other_key(database: Path) -> None:
    """The cache of another user or machine (say, committed to the repository)."""
    key = Path(os.environ["XDG_CACHE_HOME"]) / "intstrat" / "key"
    key.write_bytes(os.urandom(32))


@pytest.mark.parametrize("damage", [_garbage, _foreign, _tampered, _other_key])
def test_a_broken_or_foreign_cache_is_ignored_and_rebuilt(
    tmp_path: Path, parses: list[str], damage: Callable[[Path], None]
) -> None:
    root = many(tmp_path / "repo", 2)
    expected = state(load_repository(root, cache=False, jobs=1))
    load_repository(root, jobs=1)
    _age(root)
    damage(root / caching.CACHE_DIR / caching.DATABASE)
    parses.clear()
    assert state(load_repository(root, jobs=1)) == expected
    assert "data/projects/projekt-0.yaml" in parses  # not trusted
    _age(root)
    parses.clear()
    assert state(load_repository(root, jobs=1)) == expected
    assert "data/projects/projekt-0.yaml" not in parses  # rebuilt, and used again


@pytest.mark.parametrize("what", ["deleted", "corrupted"])
def test_the_cache_deleted_or_corrupted_mid_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, what: str
) -> None:
    root = many(tmp_path / "repo", 2)
    expected = state(load_repository(root, cache=False, jobs=1))
    load_repository(root, jobs=1)
    database = root / caching.CACHE_DIR / caching.DATABASE
    (root / "data/projects/projekt-0.yaml").write_text(
        project(id="projekt-0", title="Ändrad titel"), "utf-8"
    )
    expected = state(load_repository(root, cache=False, jobs=1))
    save = caching.RecordCache.save

    def meanwhile(self: caching.RecordCache, present: Any) -> None:
        # Between reading the cache and writing to it, another process breaks it.
        if what == "deleted":
            database.unlink()
        else:
            database.write_bytes(b"\x00garbage" * 500)
        save(self, present)

    monkeypatch.setattr(caching.RecordCache, "save", meanwhile)
    assert state(load_repository(root, jobs=1)) == expected
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    assert state(load_repository(root, jobs=1)) == expected
    assert state(load_repository(root, jobs=1)) == expected


def test_no_cache_option_and_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = many(tmp_path / "repo", 1)
    result = runner.invoke(app, ["check", "--no-cache", "--repo", str(root)])
    assert result.exit_code == 1, result.output
    assert not (root / caching.CACHE_DIR).exists()
    monkeypatch.setenv(caching.ENV_NO_CACHE, "1")
    runner.invoke(app, ["list", "--repo", str(root)])
    assert not (root / caching.CACHE_DIR).exists()
    monkeypatch.setenv(caching.ENV_NO_CACHE, "0")
    runner.invoke(app, ["check", "--repo", str(root)])
    assert (root / caching.CACHE_DIR / caching.DATABASE).is_file()
    # git leaves the folder out, whatever the repository's .gitignore says.
    assert (root / caching.CACHE_DIR / ".gitignore").read_text("utf-8").splitlines()[-1] == "*"


def test_a_read_only_repository_is_cached_in_the_users_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = many(tmp_path / "repo", 1)
    real_access = os.access
    monkeypatch.setattr(
        "intstrat.loading.cache.os.access",
        lambda p, m: False if Path(p) == root else real_access(p, m),
    )
    load_repository(root, jobs=1)
    assert not (root / caching.CACHE_DIR).exists()
    stored = list((tmp_path / "user-cache" / "intstrat" / "repos").rglob(caching.DATABASE))
    assert len(stored) == 1


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` and its bytes (what a write through a link would change)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _link(root: Path, outside: Path, name: str, target: str) -> None:
    """`.intstrat-cache/NAME` (or the folder itself, for "") made a link to outside/TARGET."""
    link = root / caching.CACHE_DIR / name if name else root / caching.CACHE_DIR
    if name:
        link.parent.mkdir(exist_ok=True)
    else:
        shutil.rmtree(link, ignore_errors=True)
    link.unlink(missing_ok=True)
    link.symlink_to(outside / target)


#: (name in the cache folder, what it leads to outside, whether a real cache is there
#: first): what a pull request can commit to make a run write out of the repository.
LINKS = {
    "gitignore-to-a-file": (".gitignore", "victim", False),
    "tag-dangling": ("CACHEDIR.TAG", "absent", False),
    "database-to-a-file": (caching.DATABASE, "victim", False),
    "database-dangling": (caching.DATABASE, "absent", True),
    "journal-to-a-file": (caching.DATABASE + "-journal", "victim", True),
    "journal-dangling": (caching.DATABASE + "-journal", "absent", True),
    "wal-to-a-file": (caching.DATABASE + "-wal", "victim", True),
    "shm-dangling": (caching.DATABASE + "-shm", "absent", True),
    "folder-to-a-folder": ("", "folder", False),
    "folder-dangling": ("", "absent", False),
}


@pytest.mark.parametrize("kind", LINKS)
def test_links_in_the_cache_folder_are_never_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """A link committed under `.intstrat-cache` leaves what it leads to as it was: the
    folder is passed over for the user's, silently, and every command says the same."""
    name, target, cached_first = LINKS[kind]
    root = many(tmp_path / "repo", 2)
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "victim").write_text("the user's own file\n", "utf-8")
    before = _snapshot(outside)
    no_cache = {caching.ENV_NO_CACHE: "1"}
    expected = {
        command: runner.invoke(app, [*command, "--repo", str(root)], env=no_cache)
        for command in (("check",), ("list",), ("search", "Projekt"))
    }
    if cached_first:
        assert runner.invoke(app, ["list", "--repo", str(root)]).exit_code == 0
        if name.endswith(("-wal", "-shm")):  # a database that opens its WAL by name
            connection = sqlite3.connect(root / caching.CACHE_DIR / caching.DATABASE)
            connection.execute("PRAGMA journal_mode = WAL")
            connection.close()
    _link(root, outside, name, target)
    opened: list[Path] = []
    connect = sqlite3.connect

    def recording(path: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        opened.append(Path(path).resolve())
        connection: sqlite3.Connection = connect(path, *args, **kwargs)
        return connection

    monkeypatch.setattr(sqlite3, "connect", recording)  # the module the cache imported
    for _ in range(2):  # cold, then warm
        for command, result in expected.items():
            again = runner.invoke(app, [*command, "--repo", str(root)])
            assert (again.exit_code, again.stdout) == (result.exit_code, result.stdout), kind
        assert _snapshot(outside) == before
        assert not (outside / "absent").exists()
        assert not (outside / "folder/.gitignore").exists()
    assert opened
    assert not [p for p in opened if p.is_relative_to(outside)]
    assert list((tmp_path / "user-cache" / "intstrat" / "repos").rglob(caching.DATABASE))


def test_a_cache_folder_of_regular_files_is_still_used(tmp_path: Path) -> None:
    """Only links make a cache folder unsafe: a cache of this user's own is used as ever."""
    root = many(tmp_path / "repo", 1)
    load_repository(root, jobs=1)
    (root / caching.CACHE_DIR / "notes.txt").write_text("mine\n", "utf-8")
    load_repository(root, jobs=1)
    assert not (tmp_path / "user-cache" / "intstrat" / "repos").exists()


@pytest.mark.parametrize("error", [RuntimeError, KeyError])
def test_without_a_home_folder_commands_run_without_a_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: type[Exception]
) -> None:
    """No $HOME and no user entry (a service account): Path.home() raises, the key has no
    folder, and every command runs as with the cache (exit 0, the same output)."""
    root = build_repo(tmp_path / "repo")
    commands = (["check"], ["list"], ["search", "Kosovo"])
    expected = [runner.invoke(app, [*command, "--repo", str(root)]) for command in commands]
    assert [r.exit_code for r in expected] == [0, 0, 0]
    shutil.rmtree(root / caching.CACHE_DIR)

    def no_home(cls: type[Path]) -> Path:
        raise error("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr(Path, "home", classmethod(no_home))
    for command, result in zip(commands, expected, strict=True):
        again = runner.invoke(app, [*command, "--repo", str(root)])
        assert (again.exit_code, again.stdout) == (0, result.stdout), again.output
    assert not (root / caching.CACHE_DIR).exists()


def test_a_relative_xdg_cache_home_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the XDG specification says: else the key would be made wherever the command
    runs (in a repository, perhaps)."""
    root = build_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert runner.invoke(app, ["list"]).exit_code == 0
    assert not (root / "relative").exists()
    assert (tmp_path / "home" / ".cache" / "intstrat" / "key").is_file()


def test_init_ignores_the_cache_folder(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["init", str(tmp_path / "ny"), "--name", "Nyby kommun", "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    ignored = (tmp_path / "ny" / ".gitignore").read_text("utf-8").splitlines()
    assert caching.CACHE_DIR + "/" in ignored
    assert caching.CACHE_DIR + "/" in (ROOT / ".gitignore").read_text("utf-8").splitlines()


def test_parallel_loading_gives_byte_identical_diagnostics(tmp_path: Path) -> None:
    root = many(tmp_path / "repo", 40)
    serial = load_repository(root, cache=False, jobs=1)
    parallel = load_repository(root, cache=False, jobs=2)
    assert state(parallel) == state(serial)
    assert text_output(parallel) == text_output(serial)
    # And from a cache that only holds part of the files.
    load_repository(root, jobs=1)
    for i in range(0, 40, 3):
        (root / f"data/projects/projekt-{i}.yaml").write_text(
            project(id=f"projekt-{i}", title=f"Nytt {i}"), "utf-8"
        )
    mixed = load_repository(root, jobs=2)
    assert state(mixed) == state(load_repository(root, cache=False, jobs=1))


def test_entries_sealed_by_workers_are_trusted_next_run(
    tmp_path: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold parallel run hashes and signs its new cache entries in the workers, all
    kinds in one pool; the next run trusts every one of them and parses nothing."""
    root = many(tmp_path / "repo", 20)
    pools: list[int] = []
    original = repository._pool

    def counting(jobs: int) -> Any:
        pools.append(jobs)
        return original(jobs)

    monkeypatch.setattr(repository, "_pool", counting)
    cold = load_repository(root, jobs=2)
    assert pools == [2]  # partners and projects in the same pool
    assert parses == []  # all of it in the workers
    store = caching.RecordCache.open(root, (root / "intstrat.yaml").read_bytes())
    assert store is not None
    names = {p.relative_to(root).as_posix() for p in record_files(root)}
    assert set(store.entries) == names  # every keyed hash checked out, findings too
    invalid = sorted(path for path, entry in store.entries.items() if not entry.valid)
    assert invalid == ["data/projects/fel-schema.yaml", "data/projects/trasig.yaml"]
    warm = load_repository(root, jobs=1)
    assert parses == invalid  # only the files with findings are read again
    assert state(warm) == state(cold) == state(load_repository(root, cache=False, jobs=1))


def test_every_record_of_the_example_repository_survives_the_codec() -> None:
    """A rebuilt row equals the validated record, field by field, set fields included."""
    repo = load_repository(ROOT, cache=False, jobs=1)
    codec = records_codec()
    import json

    records: list[Any] = [repo.config, *repo.partners.values(), *repo.projects.values()]
    assert len(records) > 20
    for record in records:
        encoded = codec.encode(record)
        # The loader's own JSON encoder writes what json.dumps would.
        text = "".join(repository._encode_json(encoded, 0))
        assert text == json.dumps(encoded, ensure_ascii=False, separators=(",", ":"))
        row = json.loads(json.dumps(encoded))
        again = codec.decode(type(record), row)
        assert again == record
        assert again.model_dump() == record.model_dump()
        assert again.model_dump(exclude_unset=True) == record.model_dump(exclude_unset=True)


def test_the_loaders_json_encoder_matches_json_dumps() -> None:
    row = ['Växjö \u2028 "citat" \\ \ud800', 1.5, -(2**63), None, True, {"a": [1, {}]}, []]
    expected = json.dumps(row, ensure_ascii=False, separators=(",", ":"))
    assert "".join(repository._encode_json(row, 0)) == expected
    with pytest.raises(TypeError, match="not JSON serializable"):
        "".join(repository._encode_json([object()], 0))


def test_rebuilt_records_share_their_set_fields_and_stay_values() -> None:
    """Records given the same fields share one set of their names (a fifth of a large
    repository's memory); a changed copy has its own, and no record can change another."""
    import copy
    import json

    from intstrat.format.models import Project

    repo = load_repository(ROOT, cache=False, jobs=1)
    codec = records_codec()
    decoded = [
        codec.decode(Project, json.loads(json.dumps(codec.encode(p))))
        for p in repo.projects.values()
        if p.period is not None
    ]
    first, second = next(
        (a, b)
        for a in decoded
        for b in decoded
        if a is not b and a.period.model_fields_set == b.period.model_fields_set  # type: ignore[union-attr]
    )
    assert first.period.__pydantic_fields_set__ is second.period.__pydantic_fields_set__  # type: ignore[union-attr]
    given = set(first.model_fields_set)
    unset = next(name for name in Project.model_fields if name not in given)

    changed = first.model_copy(update={unset: None, "featured": True})
    assert unset in changed.model_fields_set
    assert first.model_fields_set == given
    assert copy.deepcopy(first).model_fields_set == given
    first.id = first.id  # a field it was given: allowed, changes nothing shared
    with pytest.raises(TypeError, match="model_copy"):
        setattr(first, unset, None)
    assert first.model_fields_set == given


def test_a_warm_check_parses_nothing_and_builds_no_validator(tmp_path: Path) -> None:
    """A warm check reads every record from the cache: importing PyYAML (15-20 ms) or
    building a model's validator (5-15 ms each, and pydantic's plugin look-up on the
    first) would be a tenth of a small repository's check."""
    root = build_repo(tmp_path / "repo")
    then = (
        "from intstrat.format import models, values\n"
        "built = [m.__name__ for m in (models.Project, models.Partner, models.Config,\n"
        "         values.Period, values.Translations) if m.__pydantic_complete__]\n"
        "print('yaml' in sys.modules, built, file=sys.stderr)"
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}

    def run() -> list[str]:
        return check_in_new_process(root, then, env)[-2:]

    # Cold: every file parsed and validated, the cache written.
    assert run() == ["0", "True ['Project', 'Partner', 'Config']"]
    assert run() == ["0", "False []"]  # warm: nothing parsed, nothing validated
    (root / "data" / "projects" / "sekos-2.yaml").write_text(project(summary="{sv: Ny}"))
    assert run() == ["0", "True ['Project']"]  # one project changed


def test_a_warm_check_with_findings_keeps_their_positions_and_parses_nothing(
    tmp_path: Path,
) -> None:
    """A rule's finding needs its file's positions: kept in the cache by the file's bytes,
    a warm run with a warning parses nothing (no PyYAML), and says the same lines."""
    past_end = project(status="ongoing", period="{start: 2018, end: 2020}")
    root = build_repo(tmp_path / "repo", {"data/projects/sekos-2.yaml": past_end})
    then = "print('yaml' in sys.modules, file=sys.stderr)"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    fresh = runner.invoke(app, ["check", "--repo", str(root), "--no-cache"]).stdout
    assert "data/projects/sekos-2.yaml:3:9: warning R011" in fresh

    def warm() -> str:
        assert check_in_new_process(root, then, env)[-2:] == ["0", "False"]
        return runner.invoke(app, ["check", "--repo", str(root)]).stdout

    assert check_in_new_process(root, then, env)[-2:] == ["0", "True"]  # cold: parsed
    assert warm() == fresh
    # The file changes (the finding moves down a line): its positions are parsed again.
    moved = "# a comment\n" + past_end
    (root / "data/projects/sekos-2.yaml").write_text(moved, encoding="utf-8")
    assert check_in_new_process(root, then, env)[-2:] == ["0", "True"]
    fresh = runner.invoke(app, ["check", "--repo", str(root), "--no-cache"]).stdout
    assert "data/projects/sekos-2.yaml:4:9: warning R011" in fresh
    assert warm() == fresh
    # Positions tampered with in the cache are not ours: parsed again, never trusted.
    database = root / caching.CACHE_DIR / caching.DATABASE
    connection = sqlite3.connect(database)
    with connection:
        connection.execute(
            "UPDATE documents SET data = ? WHERE name = ?",
            (b'[[["period", "end"], [1, 1, 1, 1]]]', repository.POSITIONS_DOCUMENT),
        )
    connection.close()
    assert check_in_new_process(root, then, env)[-2:] == ["0", "True"]
    assert runner.invoke(app, ["check", "--repo", str(root)]).stdout == fresh

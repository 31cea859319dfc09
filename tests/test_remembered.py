"""A check of an unchanged repository answers from the last run's findings: the same
diagnostics and count as a check without the cache, and a full check again after any
change that could change what the rules find."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from intstrat.checks import remembered
from intstrat.checks.run import CheckResult, check
from intstrat.i18n import language
from intstrat.loading import cache as caching
from intstrat.loading import repository
from tests.helpers import build_repo, check_in_new_process, project

TODAY = dt.date(2026, 12, 3)
ONGOING = "data/projects/pagaende.yaml"


@pytest.fixture(autouse=True)
def _own_cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.delenv(caching.ENV_NO_CACHE, raising=False)
    # The files are written moments before they are checked; a file system's clock tick
    # is far shorter than RACY_NS, which these tests need not wait out (one does).
    monkeypatch.setattr(caching, "RACY_NS", 0)


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The repositories loaded (rather than answered from memory) in this test."""
    seen: list[Path] = []
    original = repository.load_repository

    def counting(root: Path, **kwargs: object) -> repository.Repository:
        seen.append(root)
        return original(root, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(repository, "load_repository", counting)
    return seen


def _repo(tmp_path: Path) -> Path:
    """A repository whose files all load, with findings of the rules: an unknown unit
    (R003, an error) and a project ongoing past its end (R011, from today's date)."""
    return build_repo(
        tmp_path / "repo",
        {
            "data/projects/okand.yaml": project(id="okand", owner="kultur"),
            ONGOING: project(id="pagaende", status="ongoing", period="{start: 2025, end: 2026-06}"),
            "bilder/logga.png": "not really a png",
            "data/partners/vushtrri.yaml": "id: vushtrri\nname: Komuna Vushtrri\n"
            "type: municipality\ncountry: XK\nimage: bilder/logga.png\n",
        },
    )


def _plain(result: CheckResult) -> tuple[list[tuple[str, int, int, str, str]], int]:
    return [(d.path, d.line, d.column, d.code, d.message) for d in result.diagnostics], (
        result.files
    )


def _codes(result: CheckResult) -> list[str]:
    return [d.code for d in result.diagnostics]


def test_an_unchanged_repository_is_answered_from_memory(tmp_path: Path, loads: list[Path]) -> None:
    root = _repo(tmp_path)
    cold = _plain(check(root, today=TODAY, cache=False))
    assert sorted(set(_codes(check(root, today=TODAY, cache=False)))) == ["R003", "R011"]
    first = _plain(check(root, today=TODAY))
    assert len(loads) == 3
    warm = _plain(check(root, today=TODAY))
    assert len(loads) == 3  # not loaded: every input is as it was
    assert cold == first == warm
    assert warm[1] == 5  # intstrat.yaml, one partner, three projects


def test_paths_given_are_counted_and_filtered_from_memory(
    tmp_path: Path, loads: list[Path]
) -> None:
    root = _repo(tmp_path)
    check(root, today=TODAY)
    one = check(root, [root / ONGOING], today=TODAY)
    assert len(loads) == 1
    assert (_codes(one), one.files) == (["R011"], 1)
    assert {d.path for d in one.diagnostics} == {ONGOING}


def test_a_changed_record_is_checked_again(tmp_path: Path, loads: list[Path]) -> None:
    root = _repo(tmp_path)
    check(root, today=TODAY)
    (root / "data/projects/okand.yaml").write_text(project(id="okand"), encoding="utf-8")
    after = check(root, today=TODAY)
    assert len(loads) == 2
    assert _codes(after) == ["R011"]
    assert _plain(after) == _plain(check(root, today=TODAY, cache=False))


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda root: (root / "data/projects/ny.yaml").write_text(project(id="ny", owner="x")),
            id="record-added",
        ),
        pytest.param(lambda root: (root / "data/projects/okand.yaml").unlink(), id="removed"),
        pytest.param(
            lambda root: (root / "intstrat.yaml").write_text(
                (root / "intstrat.yaml").read_text().replace("id: omsorg", "id: kultur")
            ),
            id="config",
        ),
    ],
)
def test_any_change_to_the_records_or_config_is_checked_in_full(
    tmp_path: Path, loads: list[Path], change: object
) -> None:
    root = _repo(tmp_path)
    check(root, today=TODAY)
    change(root)  # type: ignore[operator]
    after = check(root, today=TODAY)
    assert len(loads) == 2
    assert _plain(after) == _plain(check(root, today=TODAY, cache=False))


def test_another_day_is_checked_in_full(tmp_path: Path, loads: list[Path]) -> None:
    """R011 compares a project's end with today: the day before its end it has none."""
    root = _repo(tmp_path)
    assert "R011" in _codes(check(root, today=TODAY))
    earlier = check(root, today=dt.date(2026, 5, 1))
    assert len(loads) == 2
    assert "R011" not in _codes(earlier)


def test_another_language_is_checked_in_full(tmp_path: Path, loads: list[Path]) -> None:
    root = _repo(tmp_path)
    english = check(root, today=TODAY)
    with language("sv"):
        swedish = check(root, today=TODAY)
    assert len(loads) == 2
    assert _codes(english) == _codes(swedish)
    assert [d.message for d in english.diagnostics] != [d.message for d in swedish.diagnostics]
    assert "finns inte" in swedish.diagnostics[0].message


def test_changed_code_is_checked_in_full(
    tmp_path: Path, loads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rule edited in a working copy (same version number) must find anew."""
    root = _repo(tmp_path)
    check(root, today=TODAY)
    code = remembered._code()
    monkeypatch.setattr(remembered, "_code", lambda: code + b"rules.py changed")
    check(root, today=TODAY)
    assert len(loads) == 2


def test_an_image_that_goes_or_comes_is_found(tmp_path: Path, loads: list[Path]) -> None:
    root = _repo(tmp_path)
    assert "R014" not in _codes(check(root, today=TODAY))
    (root / "bilder/logga.png").unlink()
    gone = check(root, today=TODAY)
    assert ("data/partners/vushtrri.yaml", "R014") in {(d.path, d.code) for d in gone.diagnostics}
    (root / "bilder/logga.png").write_text("back")
    assert "R014" not in _codes(check(root, today=TODAY))
    assert len(loads) == 3  # each time an image changed, all was checked


def test_stray_and_temporary_files_are_found_from_memory(tmp_path: Path, loads: list[Path]) -> None:
    root = _repo(tmp_path)
    check(root, today=TODAY)
    (root / "data/projects/.okand.yaml.a1b2c3.tmp").write_text("half")
    left = check(root, today=TODAY)
    assert len(loads) == 1  # R015 is looked for on every run
    assert "R015" in _codes(left)
    (root / "data/projects/.okand.yaml.a1b2c3.tmp").unlink()
    (root / "data/projects/extra.yml").write_text("id: extra\n")
    stray = check(root, today=TODAY)
    assert [d.path for d in stray.diagnostics if d.code == "R013"] == ["data/projects/extra.yml"]
    assert _plain(stray) == _plain(check(root, today=TODAY, cache=False))
    loaded = len(loads)
    assert _plain(check(root, today=TODAY)) == _plain(stray)  # R013 made anew, from memory
    assert len(loads) == loaded


def test_a_file_named_in_no_utf8_is_found(tmp_path: Path, loads: list[Path]) -> None:
    """Such a file is no record (the cache knows nothing of it): Y001 every time."""
    root = _repo(tmp_path)
    check(root, today=TODAY)
    os.close(os.open(bytes(root / "data/projects") + b"/ok\xe4nd.yaml", os.O_CREAT | os.O_WRONLY))
    assert "Y001" in _codes(check(root, today=TODAY))
    assert "Y001" in _codes(check(root, today=TODAY))


def test_a_repository_with_file_errors_is_never_answered_from_memory(
    tmp_path: Path, loads: list[Path]
) -> None:
    """Files with YAML or schema errors are read again every run (as the content cache
    does), so their findings always come from the file as it is."""
    root = _repo(tmp_path)
    (root / "data/projects/trasig.yaml").write_text("id: trasig\ntitle: [\n")
    first = check(root, today=TODAY)
    second = check(root, today=TODAY)
    assert len(loads) == 2
    assert "Y002" in _codes(second)
    assert _plain(first) == _plain(second)


def test_no_cache_and_extra_rules_always_check_in_full(tmp_path: Path, loads: list[Path]) -> None:
    from intstrat.checks.iati import IATI_RULES

    root = _repo(tmp_path)
    check(root, today=TODAY)
    check(root, today=TODAY, cache=False)
    iati = check(root, today=TODAY, extra=IATI_RULES)
    assert len(loads) == 3
    assert any(d.code.startswith("I") for d in iati.diagnostics)


def test_findings_tampered_with_in_the_cache_are_not_used(
    tmp_path: Path, loads: list[Path]
) -> None:
    import sqlite3

    root = _repo(tmp_path)
    expected = _plain(check(root, today=TODAY))
    database = root / caching.CACHE_DIR / caching.DATABASE
    with sqlite3.connect(database) as connection:
        changed = connection.execute(
            "UPDATE documents SET data = replace(data, 'kultur', 'KULTUR') WHERE name = ?",
            (remembered.DOCUMENT,),
        ).rowcount
    connection.close()
    assert changed == 1
    assert _plain(check(root, today=TODAY)) == expected
    assert len(loads) == 2


def test_the_command_answers_from_memory_in_a_new_process(tmp_path: Path) -> None:
    """End to end, with the real wait before a file's cache entry is trusted: the second
    run neither loads the records nor imports the models, and says the same."""
    root = _repo(tmp_path)
    time.sleep(2.1)  # past RACY_NS (in a new process the monkeypatch does not hold)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "user-cache")}
    env.pop(caching.ENV_NO_CACHE, None)
    then = "print('intstrat.format.models' in sys.modules, file=sys.stderr)"
    assert check_in_new_process(root, then, env)[-2:] == ["1", "True"]
    assert check_in_new_process(root, then, env)[-2:] == ["1", "False"]
    command = [sys.executable, "-m", "intstrat", "check", "--repo", str(root), "-f", "json"]
    warm, cold = (
        subprocess.run(command + extra, capture_output=True, text=True, env=env, check=False)
        for extra in ([], ["--no-cache"])
    )
    assert warm.returncode == cold.returncode == 1
    assert warm.stdout == cold.stdout
    assert '"R003"' in warm.stdout

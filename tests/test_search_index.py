"""The search index in the cache: the same hits, ranking and snippets as a search of the
loaded records, without loading them; folding by table gives the same text as by character."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from intstrat.cli import app
from intstrat.format.values import fold, fold_char
from intstrat.loading import cache as caching
from intstrat.loading import repository
from intstrat.loading.repository import load_repository
from intstrat.query import search as searching
from intstrat.query.search import search, search_repository
from tests.helpers import build_repo, project
from tests.partnerships import partnership_repo

runner = CliRunner()
QUERIES = ["vaxjo", "VÄXJÖ energi", "skola", "kosovo", "a", "ø", "projekt 1", "ingenting-alls"]


@pytest.fixture(autouse=True)
def _own_cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.delenv(caching.ENV_NO_CACHE, raising=False)
    # The files are written moments before they are searched; a file system's clock tick
    # is far shorter than RACY_NS, which the tests need not wait out.
    monkeypatch.setattr(caching, "RACY_NS", 0)


def _repo(tmp_path: Path) -> Path:
    root = partnership_repo(tmp_path / "repo")
    files = {
        f"data/projects/projekt-{i}.yaml": project(
            id=f"projekt-{i}",
            title=f"'Projekt {i}: skola i Växjö'" if i % 2 else f"Energi {i} i Kosovo",
            summary="Skolan i Växjö och Rønne; Straße, Þórshöfn." if i % 3 else "Skola.",
        )
        for i in range(8)
    }
    files["data/projects/trasig.yaml"] = "id: trasig\ntitle: skola [\n"
    return build_repo(root, files, defaults=False)


def _plain(hits: list[Any]) -> list[dict[str, Any]]:
    return [hit.__dict__ for hit in hits]


def test_the_index_gives_the_same_hits_as_the_loaded_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _repo(tmp_path)
    loaded = load_repository(root, cache=False)
    expected = {q: _plain(search(loaded, q)) for q in QUERIES}
    assert any(len(v) > 3 for v in expected.values())
    # First: loads (and writes the cache and the index).
    assert {q: _plain(search_repository(root, q).hits) for q in QUERIES} == expected

    def no_loading(*args: object, **kwargs: object) -> None:
        raise AssertionError("searched by loading the repository, not from the index")

    monkeypatch.setattr(repository, "load_repository", no_loading)
    assert {q: _plain(search_repository(root, q).hits) for q in QUERIES} == expected
    for q in QUERIES:
        assert _plain(search_repository(root, q, limit=2).hits) == expected[q][:2]


def test_a_changed_file_is_searched_as_it_is_now(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    search_repository(root, "x")
    assert search_repository(root, "vaxjo").hits
    (root / "data/projects/projekt-1.yaml").write_text(
        project(id="projekt-1", title="Nytt namn i Ljungby"), "utf-8"
    )
    hits = search_repository(root, "ljungby").hits
    assert [h.id for h in hits] == ["projekt-1"]
    assert _plain(hits) == _plain(search(load_repository(root, cache=False), "ljungby"))


def test_a_forged_index_is_not_used(tmp_path: Path) -> None:
    import sqlite3

    root = _repo(tmp_path)
    search_repository(root, "x")
    connection = sqlite3.connect(root / caching.CACHE_DIR / caching.DATABASE)
    connection.execute("UPDATE documents SET data = CAST('hemligt' AS BLOB)")
    connection.commit()
    connection.close()
    expected = _plain(search(load_repository(root, cache=False), "skola"))
    assert _plain(search_repository(root, "skola").hits) == expected


@pytest.mark.parametrize("name", [searching.INDEX, searching.TEXTS])
def test_a_forged_index_entry_is_not_used(tmp_path: Path, name: str) -> None:
    """A row made to look like a record's (its digest kept, its text changed) without
    the cache's key is ignored: the search loads the records instead."""
    import sqlite3

    root = _repo(tmp_path)
    search_repository(root, "x")
    path = "data/projects/projekt-1.yaml"
    forged = (
        b"projekt-1\xfehemligt skola skola skola\xfe\xfe\xfe"
        if name == searching.INDEX
        else json.dumps(["project", "projekt-1", "Hemligt", path, [["title", "Hemligt skola"]]])
    )
    connection = sqlite3.connect(root / caching.CACHE_DIR / caching.DATABASE)
    changed = connection.execute(
        "UPDATE documents SET data = ? WHERE name = ? AND path = ?",
        (forged if isinstance(forged, bytes) else forged.encode(), name, path),
    ).rowcount
    connection.commit()
    connection.close()
    assert changed == 1
    expected = _plain(search(load_repository(root, cache=False), "skola"))
    assert _plain(search_repository(root, "skola").hits) == expected
    assert "Hemligt" not in json.dumps(expected)


def test_only_the_hits_shown_are_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _repo(tmp_path)
    expected = _plain(search(load_repository(root, cache=False), "skola"))
    search_repository(root, "x")  # indexes
    asked: list[tuple[str, list[str] | None]] = []
    documents = caching.RecordCache.documents

    def recording(self: caching.RecordCache, name: str, paths: Any = None) -> Any:
        asked.append((name, None if paths is None else list(paths)))
        return documents(self, name, paths)

    monkeypatch.setattr(caching.RecordCache, "documents", recording)
    assert _plain(search_repository(root, "skola", limit=2).hits) == expected[:2]
    assert asked == [(searching.INDEX, None), (searching.TEXTS, [h["path"] for h in expected[:2]])]


def test_search_command_uses_the_index_and_prints_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _repo(tmp_path)
    cold = runner.invoke(app, ["search", "skola", "--json", "--repo", str(root)])
    monkeypatch.setattr(searching, "_fields", None)  # only the index can answer now
    warm = runner.invoke(app, ["search", "skola", "--json", "--repo", str(root)])
    assert warm.exit_code == cold.exit_code == 0, warm.output
    assert json.loads(warm.stdout) == json.loads(cold.stdout)


def test_folding_by_table_is_folding_by_character() -> None:
    samples = [
        "Växjö VAXJO Rønne Straße ﬁre Þórshöfn Łódź İstanbul ǅ Ångström ΣΊΣΥΦΟΣ ς",
        "".join(chr(c) for c in range(32, 0x2500) if unicodedata.category(chr(c)) != "Cs"),
    ]
    for text in samples:
        assert fold(text) == "".join(fold_char(c) for c in text)
    for code in range(0, 0x30000, 7):
        char = chr(code)
        if unicodedata.category(char) != "Cs":
            assert fold(char) == fold_char(char), hex(code)

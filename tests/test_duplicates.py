"""Records that share an id (a copied file): every query and export counts the id once,
from the file named after it, and says so; `export` refuses, as `report` does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intstrat.cli import app
from intstrat.loading import cache as caching
from intstrat.loading import repository
from intstrat.loading.repository import load_repository
from intstrat.query.filters import duplicates, projects
from intstrat.query.search import search_repository
from tests.helpers import PARTNER, build_repo, project

runner = CliRunner()
NOTE = (
    "note: 2 project files have the id 'sekos-2': data/projects/sekos-2-kopia.yaml, "
    "data/projects/sekos-2.yaml; it is counted once, from data/projects/sekos-2.yaml "
    "('intstrat check' reports the error)\n"
)


@pytest.fixture(autouse=True)
def _own_cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.delenv(caching.ENV_NO_CACHE, raising=False)
    monkeypatch.setattr(caching, "RACY_NS", 0)


def _copied(root: Path) -> Path:
    """sekos-2 with 500 000 kr from ICLD, and a copy of it whose name sorts first (`-`
    before `.`); the partner vushtrri copied too, in another country."""
    original = project(funding="[{funder: icld, amount: {value: 500000, currency: SEK}}]")
    return build_repo(
        root,
        {
            "data/projects/sekos-2.yaml": original,
            "data/projects/sekos-2-kopia.yaml": original.replace(
                "Socialt entreprenörskap Kosovo", "Kopian"
            ),
            "data/partners/vushtrri-gammal.yaml": PARTNER.replace("XK", "AL"),
        },
    )


def test_each_id_once_from_the_file_named_after_it(tmp_path: Path) -> None:
    repo = load_repository(_copied(tmp_path / "r"))
    assert [e.path for e in projects(repo)] == ["data/projects/sekos-2.yaml"]
    found = {(d.kind, d.id): (d.paths, d.kept) for d in duplicates(repo)}
    assert found == {
        ("project", "sekos-2"): (
            ["data/projects/sekos-2-kopia.yaml", "data/projects/sekos-2.yaml"],
            "data/projects/sekos-2.yaml",
        ),
        ("partner", "vushtrri"): (
            ["data/partners/vushtrri-gammal.yaml", "data/partners/vushtrri.yaml"],
            "data/partners/vushtrri.yaml",
        ),
    }


def test_list_stats_and_show_count_it_once_and_say_so(tmp_path: Path) -> None:
    root = _copied(tmp_path / "r")
    repo = ["--repo", str(root)]
    listed = runner.invoke(app, ["list", "-f", "json", *repo])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.stdout)
    assert [(r["id"], r["title"], r["countries"]) for r in rows] == [
        ("sekos-2", "Socialt entreprenörskap Kosovo", ["XK"])
    ]
    assert listed.stderr.startswith(NOTE)
    partners = json.loads(runner.invoke(app, ["list", "partners", "-f", "json", *repo]).stdout)
    assert [(p["id"], p["country"], p["projects"]) for p in partners] == [("vushtrri", "XK", 1)]
    stats = runner.invoke(app, ["stats", "-f", "json", *repo])
    assert stats.exit_code == 0, stats.output
    assert json.loads(stats.stdout)[-1]["projects"] == 1
    assert json.loads(stats.stdout)[-1]["funding_SEK"] == 500000  # not 1 000 000
    assert stats.stderr.startswith(NOTE)
    shown = runner.invoke(app, ["show", "sekos-2", *repo])
    assert shown.exit_code == 0, shown.output
    assert "Socialt entreprenörskap Kosovo" in shown.stdout and "Kopian" not in shown.stdout
    assert shown.stderr == NOTE  # only about the record shown
    copy = runner.invoke(app, ["show", str(root / "data/projects/sekos-2-kopia.yaml"), *repo])
    assert "Kopian" in copy.stdout  # its file shows the copy


@pytest.mark.parametrize("cache", [False, True])
def test_search_finds_it_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: bool) -> None:
    root = _copied(tmp_path / "r")
    if cache:
        search_repository(root, "x")  # writes the index

        def no_loading(*args: object, **kwargs: object) -> None:
            raise AssertionError("searched by loading the repository, not from the index")

        monkeypatch.setattr(repository, "load_repository", no_loading)
    found = search_repository(root, "kosovo", cache=None if cache else False)
    assert [(h.id, h.path) for h in found.hits] == [("sekos-2", "data/projects/sekos-2.yaml")]
    partner = search_repository(root, "vushtrri", cache=None if cache else False).hits
    assert [(h.id, h.path) for h in partner] == [("vushtrri", "data/partners/vushtrri.yaml")]
    assert [(d.kind, d.id, d.kept) for d in found.duplicates] == [
        ("project", "sekos-2", "data/projects/sekos-2.yaml"),
        ("partner", "vushtrri", "data/partners/vushtrri.yaml"),
    ]


def test_export_refuses_and_with_allow_errors_takes_each_id_once(tmp_path: Path) -> None:
    root = _copied(tmp_path / "r")
    repo = ["--repo", str(root)]
    refused = runner.invoke(app, ["export", "json", *repo])
    assert refused.exit_code == 1 and "R002" in refused.stderr
    allowed = runner.invoke(app, ["export", "json", "--allow-errors", *repo])
    assert allowed.exit_code == 0, allowed.output
    data = json.loads(allowed.stdout)
    assert [(p["id"], p["title"]) for p in data["projects"]] == [
        ("sekos-2", "Socialt entreprenörskap Kosovo")
    ]
    assert [(p["id"], p["country"]) for p in data["partners"]] == [("vushtrri", "XK")]
    out = tmp_path / "x.sqlite"
    assert runner.invoke(app, ["export", "sqlite", "-o", str(out), "--allow-errors", *repo])
    import sqlite3

    with sqlite3.connect(out) as db:
        assert db.execute("select id, title_sv from projects").fetchall() == [
            ("sekos-2", "Socialt entreprenörskap Kosovo")
        ]

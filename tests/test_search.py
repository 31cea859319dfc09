"""Search that forgives lost diacritics, ranks, and points at the words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intstrat.cli import app
from intstrat.format.values import fold
from intstrat.loading.repository import Repository, load_repository
from intstrat.query.search import search
from tests.partnerships import partnership_repo

runner = CliRunner()


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return partnership_repo(tmp_path_factory.mktemp("partnerships"))


@pytest.fixture(scope="module")
def repo(root: Path) -> Repository:
    return load_repository(root)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Växjö", "vaxjo"),
        ("ENTREPRENÖRSKAP", "entreprenorskap"),
        ("Klaipėda", "klaipeda"),
        ("Rønne", "ronne"),
        ("Straße", "strasse"),
        ("ﬁre", "fire"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_search_finds_text_without_diacritics(repo: Repository) -> None:
    hits = search(repo, "entreprenorskap")
    assert [h.id for h in hits] == ["sekos"]
    top = hits[0]
    assert top.field == "title"
    assert [top.snippet[s:e] for s, e in top.spans] == ["entreprenörskap"]


def test_all_words_must_occur_and_hits_rank_by_field(repo: Repository) -> None:
    hits = search(repo, "jb marks")
    assert [(h.kind, h.id, h.field) for h in hits] == [
        ("partner", "jb-marks", "name"),
        ("project", "energiplan", "summary"),
    ]
    assert hits[0].score > hits[1].score
    assert search(repo, "jb marks zebra") == []


def test_quotes_and_english_titles_are_searched(repo: Repository) -> None:
    assert [h.id for h in search(repo, "Britta Pedagog")] == ["mis"]
    assert [h.id for h in search(repo, "preschool")] == ["mis"]


def test_long_text_gets_a_snippet_around_the_match(repo: Repository) -> None:
    hit = search(repo, "Draknasten")[0]
    assert (hit.id, hit.field) == ("sekos", "purpose")
    assert hit.snippet.startswith("…")
    assert [hit.snippet[s:e] for s, e in hit.spans] == ["Draknästen"]


def test_search_command(root: Path) -> None:
    result = runner.invoke(app, ["search", "jb", "marks", "--repo", str(root)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("JB Marks Local Municipality")
    hits = json.loads(
        runner.invoke(app, ["search", "draknasten", "--json", "--repo", str(root)]).stdout
    )
    assert [hit["id"] for hit in hits] == ["sekos"]
    assert runner.invoke(app, ["search", "zebra", "--repo", str(root)]).exit_code == 1

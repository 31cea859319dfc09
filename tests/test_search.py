"""Search that forgives lost diacritics, ranks, and points at the words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intstrat.cli import app
from intstrat.loading.repository import Repository, load_repository
from intstrat.query.search import fold, search

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


@pytest.fixture(scope="module")
def vaxjo() -> Repository:
    return load_repository(ROOT)


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


def test_search_finds_text_without_diacritics(vaxjo: Repository) -> None:
    hits = search(vaxjo, "entreprenorskap")
    assert [h.id for h in hits][:2] == ["sekos-2", "sekos-1"]
    top = hits[0]
    assert top.field == "title"
    assert [top.snippet[s:e] for s, e in top.spans] == ["entreprenörskap"]


def test_all_words_must_occur_and_hits_rank_by_field(vaxjo: Repository) -> None:
    hits = search(vaxjo, "vaxjo energi")
    assert [h.id for h in hits] == ["energiplan-agenda-2030", "lokala-energigemenskaper"]
    assert hits[0].score > hits[1].score
    assert search(vaxjo, "vaxjo energi zebra") == []


def test_partners_are_found_too(vaxjo: Repository) -> None:
    hits = search(vaxjo, "klaipeda")
    assert ("partner", "klaipeda") in [(h.kind, h.id) for h in hits]


def test_quotes_and_english_titles_are_searched(vaxjo: Repository) -> None:
    assert [h.id for h in search(vaxjo, "Britta Carlsnas")] == ["mis-2"]
    assert "mis-2" in [h.id for h in search(vaxjo, "preschool")]


def test_long_text_gets_a_snippet_around_the_match(vaxjo: Repository) -> None:
    hit = search(vaxjo, "Draknasten")[0]
    assert hit.snippet.startswith("…")
    assert [hit.snippet[s:e] for s, e in hit.spans] == ["Draknästen"]


def test_search_command(tmp_path: Path) -> None:
    result = runner.invoke(app, ["search", "vaxjo", "energi", "--repo", str(ROOT)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith(
        "Utveckling av en energiplan i linje med Agenda 2030"
    )
    hits = json.loads(
        runner.invoke(app, ["search", "familjeteam", "--json", "--repo", str(ROOT)]).stdout
    )
    assert hits[0]["id"] == "familjeteam"
    assert runner.invoke(app, ["search", "zebra", "--repo", str(ROOT)]).exit_code == 1

"""Exports written a record (or a row) at a time give what the whole-in-memory ones gave."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from intstrat.exports.dataset import export_json, iter_tables, tables
from intstrat.loading.repository import Repository, load_repository
from tests.helpers import build_repo
from tests.partnerships import partnership_repo


def _whole(repo: Repository) -> str:
    """The JSON export as it was made before it was streamed: one json.dumps."""
    document: dict[str, Any] = {
        "format": 1,
        "config": repo.config.model_dump(mode="json") if repo.config else None,
        "partners": [p.model_dump(mode="json") for _, p in sorted(repo.partners.items())],
        "projects": [p.model_dump(mode="json") for _, p in sorted(repo.projects.items())],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def test_streamed_json_is_the_same_text(tmp_path: Path) -> None:
    repo = load_repository(partnership_repo(tmp_path / "full"))
    assert len(repo.projects) > 3
    assert export_json(repo) == _whole(repo)
    # No partners, and a config with errors (None): the empty list and null as json writes them.
    empty = build_repo(
        tmp_path / "empty",
        {"intstrat.yaml": "format: 1\norganisation: 3\n", "data/partners/vushtrri.yaml": ""},
    )
    bare = load_repository(empty)
    assert bare.config is None and not bare.partners
    assert export_json(bare) == _whole(bare)


def test_table_rows_made_lazily_are_the_tables(tmp_path: Path) -> None:
    repo = load_repository(partnership_repo(tmp_path / "full"))
    lazy = {name: list(rows) for name, rows in iter_tables(repo)}
    assert lazy == tables(repo)
    assert list(lazy)[:4] == ["units", "funders", "partners", "projects"]
    assert sum(len(rows) for rows in lazy.values()) > 20

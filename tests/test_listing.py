"""Listing a repository's data folders (loading.listing): one list that loading and
the answers from the cache both start from."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from intstrat.loading import cache as caching
from intstrat.loading.listing import cached_listing, list_data
from intstrat.loading.repository import load_repository

from .helpers import PARTNER, build_repo, project


def test_records_stray_and_misnamed_are_told_apart(tmp_path: Path) -> None:
    root = build_repo(
        tmp_path,
        {
            "data/projects/b.yaml": project(id="b"),
            "data/projects/a.yaml": project(id="a"),
            "data/projects/c.yml": project(id="c"),
            "data/projects/sub/d.yaml": project(id="d"),
            "data/notes.yaml": "x: 1\n",
            "data/projects/.hidden.yaml": "x: 1\n",
        },
    )
    (root / os.fsdecode(b"data/partners/r\xe4v.yaml")).write_text(PARTNER)

    listing = list_data(root)

    assert listing.partners == ["data/partners/vushtrri.yaml"]
    assert listing.projects == [
        "data/projects/a.yaml",
        "data/projects/b.yaml",
        "data/projects/sekos-2.yaml",
    ]
    assert listing.stray == ["data/projects/c.yml", "data/projects/sub", "data/notes.yaml"]
    assert listing.misnamed == [os.fsdecode(b"data/partners/r\xe4v.yaml")]
    assert [(d.code, d.line) for d in listing.findings] == [("Y001", 1)]
    assert listing.complete


def test_data_as_a_file_is_one_finding_and_an_incomplete_listing(tmp_path: Path) -> None:
    build_repo(tmp_path)
    for folder in ("data/partners", "data/projects"):
        for file in (tmp_path / folder).iterdir():
            file.unlink()
        (tmp_path / folder).rmdir()
    (tmp_path / "data").rmdir()
    (tmp_path / "data").write_text("not a folder\n")

    listing = list_data(tmp_path)

    assert [(d.path, d.code) for d in listing.findings] == [("data", "Y012")]
    assert not listing.complete
    assert listing.partners == listing.projects == []


def test_a_folder_linked_out_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.yaml").write_text(PARTNER)
    root = build_repo(tmp_path / "repo")
    for file in (root / "data/partners").iterdir():
        file.unlink()
    (root / "data/partners").rmdir()
    (root / "data/partners").symlink_to(outside)

    listing = list_data(root)

    assert [d.path for d in listing.findings] == ["data/partners"]
    assert not listing.complete
    assert listing.partners == []


def test_loading_and_the_cache_see_the_same_stray_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(caching, "RACY_NS", 0)  # files just written count as settled
    root = build_repo(
        tmp_path,
        {"data/projects/c.yml": project(id="c"), "data/extra.yaml": "x: 1\n"},
    )
    loaded = load_repository(root, cache=True)

    known = cached_listing(root)

    assert known is not None
    assert known.stray == loaded.stray == ["data/projects/c.yml", "data/extra.yaml"]
    assert [p for p, _ in known.projects] == ["data/projects/sekos-2.yaml"]

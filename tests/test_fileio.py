"""Atomic writes: an interrupted write never leaves a half-written file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from intstrat.fileio import WriteError, write_atomic


def test_write_creates_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "a.yaml"
    write_atomic(target, "id: a\n")
    assert target.read_text(encoding="utf-8") == "id: a\n"
    write_atomic(target, b"id: b\n")
    assert target.read_bytes() == b"id: b\n"
    assert [p.name for p in target.parent.iterdir()] == ["a.yaml"]


def test_failure_after_the_temporary_file_is_written_keeps_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("original\n", encoding="utf-8")

    def fail(self: Path, other: Path) -> None:
        assert self.read_text(encoding="utf-8") == "new\n"  # the temporary file was written
        raise OSError("disk pulled out")

    monkeypatch.setattr(Path, "replace", fail)
    with pytest.raises(WriteError, match=r"a.yaml: disk pulled out; nothing was written"):
        write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "original\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]  # no temporary file left


def test_interrupt_during_write_keeps_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("original\n", encoding="utf-8")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "original\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_mode_of_an_existing_file_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("x\n", encoding="utf-8")
    target.chmod(0o600)
    write_atomic(target, "y\n")
    assert target.stat().st_mode & 0o777 == 0o600

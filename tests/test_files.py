"""Reading repository files: only inside the repository, only regular files, bounded."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from intstrat.checks.run import check
from intstrat.loading.files import FileRefused, read_inside, read_inside_stat, resolve_inside
from intstrat.loading.repository import load_repository
from tests.helpers import PARTNER, build_repo

SECRET = "id: secret\nname: Hemlig uppgift 4711\ntype: municipality\ncountry: ZZ\n"


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path]:
    """A repository in tmp_path/repo and a file outside it with a recognisable secret."""
    root = build_repo(tmp_path / "repo")
    outside = tmp_path / "outside.yaml"
    outside.write_text(SECRET, encoding="utf-8")
    return root, outside


def refused(root: Path, rel: str, **kwargs: int) -> FileRefused:
    with pytest.raises(FileRefused) as info:
        read_inside(root, rel, **kwargs)
    return info.value


def test_files_and_links_inside_the_repository_are_read(layout: tuple[Path, Path]) -> None:
    root, _ = layout
    (root / "data/partners/alias.yaml").symlink_to("vushtrri.yaml")
    assert read_inside(root, "data/partners/alias.yaml") == PARTNER.encode()
    assert (
        resolve_inside(root, "data/partners/alias.yaml")
        == (root / "data/partners/vushtrri.yaml").resolve()
    )


def test_the_status_of_a_file_read_is_its_own_and_none_for_a_link(
    layout: tuple[Path, Path],
) -> None:
    """What the cache keys a file by comes with its bytes: the file's lstat, and nothing
    for a link (a link is never cached: its target can change behind its back)."""
    root, _ = layout
    (root / "data/partners/alias.yaml").symlink_to("vushtrri.yaml")
    raw, info = read_inside_stat(root, "data/partners/vushtrri.yaml")
    expected = os.lstat(root / "data/partners/vushtrri.yaml")
    assert raw == PARTNER.encode()
    assert info is not None
    assert (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns) == (
        expected.st_ino,
        expected.st_size,
        expected.st_mtime_ns,
        expected.st_ctime_ns,
    )
    assert read_inside_stat(root, "data/partners/alias.yaml") == (PARTNER.encode(), None)
    # A file that grows past the limit while it is read is still refused.
    (root / "data/projects/big.yaml").write_bytes(b"x" * 5000)
    assert read_inside_stat(root, "data/projects/big.yaml", 5000)[0] == b"x" * 5000
    with pytest.raises(FileRefused):
        read_inside_stat(root, "data/projects/big.yaml", 4999)


def test_a_link_out_of_the_repository_is_refused(layout: tuple[Path, Path]) -> None:
    root, outside = layout
    (root / "data/partners/secret.yaml").symlink_to(outside)
    problem = refused(root, "data/partners/secret.yaml")
    assert (problem.code, problem.why) == ("Y013", "outside")
    assert "outside the repository" in problem.message


def test_a_relative_link_climbing_out_is_refused(layout: tuple[Path, Path]) -> None:
    root, _ = layout
    (root / "data/partners/up.yaml").symlink_to("../../../outside.yaml")
    assert refused(root, "data/partners/up.yaml").code == "Y013"


def test_a_link_loop_is_refused_not_a_crash(layout: tuple[Path, Path]) -> None:
    root, _ = layout
    (root / "data/partners/a.yaml").symlink_to("b.yaml")
    (root / "data/partners/b.yaml").symlink_to("a.yaml")
    problem = refused(root, "data/partners/a.yaml")
    assert (problem.code, problem.why) == ("Y012", "loop")


def test_a_named_pipe_is_refused_without_hanging(layout: tuple[Path, Path]) -> None:
    root, _ = layout
    os.mkfifo(root / "data/projects/pipe.yaml")
    problem = refused(root, "data/projects/pipe.yaml")
    assert (problem.code, problem.why) == ("Y012", "not-a-file")


def test_a_file_over_the_limit_is_refused_before_it_is_read(layout: tuple[Path, Path]) -> None:
    root, _ = layout
    (root / "data/projects/big.yaml").write_bytes(b"x" * 1001)
    problem = refused(root, "data/projects/big.yaml", limit=1000)
    assert (problem.code, problem.why) == ("Y015", "too-large")
    assert "the file is 1,001 bytes, more than the 1,000 bytes" in problem.message


def test_check_refuses_records_linked_from_outside_and_never_echoes_them(
    layout: tuple[Path, Path],
) -> None:
    root, outside = layout
    (root / "data/partners/secret.yaml").symlink_to(outside)
    (root / "data/partners/loop.yaml").symlink_to("loop.yaml")
    found = check(root).diagnostics
    assert [(d.path, d.line, d.code) for d in found] == [
        ("data/partners/loop.yaml", 1, "Y012"),
        ("data/partners/secret.yaml", 1, "Y013"),
    ]
    assert not any("4711" in d.message or "ZZ" in d.message for d in found)


def test_a_data_folder_linked_out_of_the_repository_is_one_finding(tmp_path: Path) -> None:
    root = build_repo(tmp_path / "repo")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret.yaml").write_text(SECRET, encoding="utf-8")
    (root / "data/partners/vushtrri.yaml").rename(elsewhere / "vushtrri.yaml")
    (root / "data/partners").rmdir()
    (root / "data/partners").symlink_to(elsewhere)
    repo = load_repository(root)
    assert repo.partner_entries == []
    assert [(d.path, d.code) for d in repo.diagnostics] == [("data/partners", "Y013")]


@pytest.mark.parametrize("target", ["/dev/zero", "{outside}", "missing.yaml"])
def test_an_intstrat_yaml_that_is_a_link_out_is_a_finding_not_a_hang(
    tmp_path: Path, target: str
) -> None:
    import subprocess
    import sys

    root = build_repo(tmp_path / "repo")
    (tmp_path / "outside.yaml").write_text(SECRET, encoding="utf-8")
    (root / "intstrat.yaml").unlink()
    (root / "intstrat.yaml").symlink_to(target.format(outside=tmp_path / "outside.yaml"))
    done = subprocess.run(
        [sys.executable, "-m", "intstrat", "check", "--lang", "en"],
        cwd=root / "data",
        capture_output=True,
        text=True,
        timeout=120,  # reading /dev/zero to choose the language hung forever
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "intstrat.yaml:1:1: error Y01" in done.stdout
    assert "4711" not in done.stdout + done.stderr


def test_an_unreadable_record_is_a_finding(
    layout: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Permissions cannot be tested as root (CI runs as root), so the OS says no here."""
    root, _ = layout
    real_open = os.open

    def deny(path: str, flags: int, *args: int) -> int:
        if str(path).endswith("vushtrri.yaml"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", deny)
    found = check(root).diagnostics
    assert [(d.path, d.line, d.code) for d in found] == [("data/partners/vushtrri.yaml", 1, "Y012")]
    assert found[0].message == "cannot read the file: Permission denied"

"""Ordinary mistakes and OS failures: never exit 3, always the path and the reason, nothing written.

Each case runs one command through the CLI in a fresh repository and asserts the exit
code, the message on stderr (the path the user gave and the OS's or our reason), and
that no file under the test's folder was created, changed or removed. OS conditions
that root cannot provoke (permissions, a full disk) are simulated at the system call
the code makes, so the suite means the same as root and as a user.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intstrat.cli import app
from tests.helpers import build_repo, project

runner = CliRunner()
P = "data/projects/sekos-2.yaml"

Setup = Callable[[Path, pytest.MonkeyPatch], None]


def _tree(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every path under `folder` with its mode and (for files) contents.

    The content cache (`.intstrat-cache/`, written as the repository loads) is no
    output of a command, like `__pycache__`: it is left out.
    """
    out: dict[str, tuple[int, bytes]] = {}
    for path in sorted(folder.rglob("*")):
        if ".intstrat-cache" in path.parts:
            continue
        info = path.lstat()
        body = path.read_bytes() if stat.S_ISREG(info.st_mode) else b""
        out[path.relative_to(folder).as_posix()] = (info.st_mode, body)
    return out


def _os_error(code: int) -> OSError:
    return OSError(code, os.strerror(code))


def _fail_mkstemp(code: int) -> Setup:
    """The folder refuses new files: read-only (EACCES) or full (ENOSPC)."""

    def setup(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
            raise _os_error(code)

        monkeypatch.setattr(tempfile, "mkstemp", refuse)

    return setup


def _disk_full_on_write(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up while the temporary file is written (fsync reports ENOSPC)."""

    def full(fd: int) -> None:
        raise _os_error(errno.ENOSPC)

    monkeypatch.setattr(os, "fsync", full)


def _read_only_folder_for_new_files(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def refuse(path: str | Path, flags: int, *args: int, **kwargs: object) -> int:
        if flags & os.O_CREAT and str(path).endswith(".yaml"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refuse)


def _unreadable_projects(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_scandir = os.scandir

    def refuse(path: str | Path = ".") -> object:
        if str(path).endswith("data/projects"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)


def _interrupt(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("intstrat.commands.queries.load", interrupted)


def _closed_pipe(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def closed(*args: object) -> None:
        raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))

    monkeypatch.setattr("intstrat.commands.terminal.print_rows", closed)


@dataclass
class Case:
    name: str
    args: list[str]
    code: int
    says: str
    """What stderr says; {root} and {tmp} are filled in. Empty: stderr must be empty."""
    setup: Setup | None = None
    whole: bool = False
    """`says` is all of stderr (else a part of it)."""
    files: dict[str, str] = field(default_factory=dict)
    """Files of the repository other than the defaults."""


NOTHING = "; nothing was written\n"

#: A file and a folder in the repository that are not its input (those -o refuses).
NOTES = {"notes.txt": "kept\n", "docs/a.md": "kept\n"}

CASES = [
    Case(
        "init-unit-id-with-capitals",
        ["init", "{tmp}/new", "--name", "X", "--unit", "Kultur=Kulturförvaltningen"],
        2,
        "'Kultur' is not a valid id: use lowercase letters a-z, digits and single hyphens, "
        "e.g. --unit 'kultur=Kulturförvaltningen'",
    ),
    Case(
        "output-under-a-device",
        ["export", "json", "-o", "/dev/null/x.json"],
        2,
        "intstrat: cannot write /dev/null/x.json: /dev/null is not a folder" + NOTHING,
        whole=True,
    ),
    Case(
        "output-under-a-file",
        ["export", "json", "-o", "{root}/notes.txt/x.json"],
        2,
        "intstrat: cannot write {root}/notes.txt/x.json: {root}/notes.txt is not a "
        "folder" + NOTHING,
        files=NOTES,
        whole=True,
    ),
    Case(
        "output-is-a-folder",
        ["export", "json", "-o", "{root}/docs"],
        2,
        "intstrat: cannot write {root}/docs: it is a folder; give a file name" + NOTHING,
        files=NOTES,
        whole=True,
    ),
    Case(
        "sqlite-output-under-a-file",
        ["export", "sqlite", "-o", "{root}/notes.txt/x.sqlite"],
        2,
        "{root}/notes.txt is not a folder" + NOTHING,
        files=NOTES,
    ),
    Case(
        "report-output-is-a-folder",
        ["report", "2023", "-o", "{tmp}"],
        2,
        "intstrat: cannot write {tmp}: it is a folder; give a file name" + NOTHING,
        whole=True,
    ),
    Case(
        "permission-denied",
        ["export", "json", "-o", "{tmp}/x.json"],
        2,
        "intstrat: cannot write {tmp}/x.json: no new file can be made in its folder {tmp} "
        "(Permission denied)" + NOTHING,
        setup=_fail_mkstemp(errno.EACCES),
        whole=True,
    ),
    Case(
        "disk-full-creating",
        ["export", "xlsx", "-o", "{tmp}/x.xlsx"],
        2,
        "intstrat: cannot write {tmp}/x.xlsx: No space left on device" + NOTHING,
        setup=_fail_mkstemp(errno.ENOSPC),
        whole=True,
    ),
    Case(
        "disk-full-writing",
        ["export", "json", "-o", "{root}/notes.txt"],  # replacing a file: it survives
        2,
        "intstrat: cannot write {root}/notes.txt: No space left on device" + NOTHING,
        files=NOTES,
        setup=_disk_full_on_write,
        whole=True,
    ),
    Case(
        "report-disk-full",
        ["report", "2023", "-o", "{tmp}/r.md"],
        2,
        "intstrat: cannot write {tmp}/r.md: No space left on device" + NOTHING,
        setup=_disk_full_on_write,
        whole=True,
    ),
    Case(
        "fmt-read-only-folder",
        ["fmt"],
        2,
        "intstrat: cannot write {root}/" + P + ": no new file can be made in its folder "
        "{root}/data/projects (Permission denied)" + NOTHING,
        setup=_fail_mkstemp(errno.EACCES),
        files={P: project().replace("id: ", "id:    ")},
        whole=True,
    ),
    Case(
        "new-read-only-folder",
        ["new", "project", "--title", "Ny", "--status", "idea", "--owner", "omsorg"],
        2,
        "intstrat: cannot write {root}/data/projects/ny.yaml: Permission denied" + NOTHING,
        setup=_read_only_folder_for_new_files,
        whole=True,
    ),
    Case(
        "unreadable-projects-folder",
        ["list"],
        2,
        "intstrat: {root}/data/projects: Permission denied\n",
        setup=_unreadable_projects,
        whole=True,
    ),
    Case(
        "check-unreadable-projects-folder",
        ["check"],
        2,
        "intstrat: {root}/data/projects: Permission denied\n",
        setup=_unreadable_projects,
        whole=True,
    ),
    Case(
        "report-format-contradicts-extension",
        ["report", "2023", "-f", "md", "-o", "{tmp}/r.pdf"],
        2,
        "intstrat: -o {tmp}/r.pdf is a pdf file name but --format is md; change one of them "
        "(e.g. -o {tmp}/r.md)\n",
        whole=True,
    ),
    Case(
        "report-unknown-extension",
        ["report", "2023", "-o", "{tmp}/r.txt"],
        2,
        "cannot tell the format from the file name {tmp}/r.txt: end it in one of .md, .html, "
        ".pdf, .docx, or give --format",
    ),
    Case(
        "brochure-format-contradicts-extension",
        ["brochure", "-f", "pdf", "-o", "{tmp}/b.html"],
        2,
        "-o {tmp}/b.html is a html file name but --format is pdf",
    ),
    Case(
        "export-csv-to-a-csv-file-name",
        ["export", "csv", "-o", "{tmp}/out.csv"],
        2,
        "intstrat: export csv writes one file per table: give a folder (-o {tmp}/out/) or a "
        "zip (-o {tmp}/out.zip), not {tmp}/out.csv\n",
        whole=True,
    ),
    Case(
        "export-csv-to-standard-output",
        ["export", "csv", "-o", "-"],
        2,
        "for one table on standard output use 'intstrat list --format csv'",
    ),
    Case(
        "export-extension-of-another-format",
        ["export", "xlsx", "-o", "{tmp}/x.json"],
        2,
        "intstrat: -o {tmp}/x.json is a name for json, not xlsx; change one of them\n",
        whole=True,
    ),
    Case(
        "export-without-output",
        ["export", "sqlite"],
        2,
        "intstrat: export sqlite needs -o PATH (or -o - for standard output)\n",
        whole=True,
    ),
    Case(
        "check-a-missing-path",
        ["check", "{tmp}/nothing.yaml"],
        2,
        "{tmp}/nothing.yaml: no such file or folder",
    ),
    Case(
        "interrupted",
        ["list"],
        130,
        "intstrat: interrupted\n",
        setup=_interrupt,
        whole=True,
    ),
    Case(
        "closed-pipe",
        ["list"],
        141,
        "",
        setup=_closed_pipe,
        whole=True,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_failure(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = build_repo(tmp_path / "repo", case.files)
    monkeypatch.chdir(root)
    before = _tree(tmp_path)
    if case.setup is not None:
        case.setup(root, monkeypatch)
    args = [a.format(root=root, tmp=tmp_path) for a in case.args]
    if args[0] != "init":
        args += ["--repo", str(root)] if args[0] != "new" else []
    if args[0] == "new":
        args[2:2] = ["--repo", str(root)]
    result = runner.invoke(app, args)
    monkeypatch.undo()
    says = case.says.format(root=root, tmp=tmp_path)
    assert result.exit_code == case.code, result.output
    assert result.exit_code != 3
    if case.whole:
        assert result.stderr == says
    else:
        assert says in result.stderr
        assert result.stderr.count("\n") == 1  # one line, no traceback
    assert _tree(tmp_path) == before  # nothing created, changed or removed


def test_every_export_creates_a_missing_folder(tmp_path: Path) -> None:
    root = build_repo(tmp_path / "repo")
    for what, name in (
        ("json", "x.json"),
        ("xlsx", "x.xlsx"),
        ("sqlite", "x.sqlite"),
        ("csv", "csv"),
        ("csv", "x.zip"),
    ):
        target = tmp_path / what / "new" / "dir" / name
        result = runner.invoke(app, ["export", what, "-o", str(target), "--repo", str(root)])
        assert result.exit_code == 0, result.output
        assert target.exists(), what


def test_csv_zip_holds_one_file_per_table(tmp_path: Path) -> None:
    import zipfile

    root = build_repo(tmp_path / "repo")
    target = tmp_path / "tables.zip"
    result = runner.invoke(app, ["export", "csv", "-o", str(target), "--repo", str(root)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {target}\n"
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        assert names[:4] == ["units.csv", "funders.csv", "partners.csv", "projects.csv"]
        projects = archive.read("projects.csv").decode("utf-8").splitlines()
    assert projects[1].startswith("sekos-2,Socialt entreprenörskap Kosovo,")


def test_dash_means_standard_output(tmp_path: Path) -> None:
    root = build_repo(tmp_path / "repo")
    result = runner.invoke(app, ["export", "json", "-o", "-", "--repo", str(root)])
    assert result.exit_code == 0
    assert result.stdout.startswith('{\n  "format": 1,')
    assert result.stderr == ""
    sqlite = runner.invoke(app, ["export", "sqlite", "-o", "-", "--repo", str(root)])
    assert sqlite.exit_code == 0
    assert sqlite.stdout_bytes.startswith(b"SQLite format 3\x00")
    report = runner.invoke(app, ["report", "2023", "-o", "-", "--repo", str(root)])
    assert report.stdout.startswith("# Internationellt arbete 2023\n")
    assert not (root / "-").exists() and not (tmp_path / "-").exists()


def test_output_through_a_fifo_leaves_it_a_fifo(tmp_path: Path) -> None:
    import threading

    root = build_repo(tmp_path / "repo")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = runner.invoke(app, ["export", "json", "-o", str(fifo), "--repo", str(root)])
    reader.join(10)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received[0].startswith(b'{\n  "format": 1,')


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mknod needs root")
def test_output_to_a_device_writes_through_and_keeps_the_device(tmp_path: Path) -> None:
    root = build_repo(tmp_path / "repo")
    null = tmp_path / "null"  # the same device as /dev/null (1, 3), made here to be safe
    full = tmp_path / "full"  # /dev/full (1, 7): every write fails with ENOSPC
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    ok = runner.invoke(app, ["export", "json", "-o", str(null), "--repo", str(root)])
    assert ok.exit_code == 0, ok.output
    failed = runner.invoke(app, ["export", "xlsx", "-o", str(full), "--repo", str(root)])
    assert failed.exit_code == 2
    assert failed.stderr == (
        f"intstrat: cannot write {full}: No space left on device; the output may be incomplete\n"
    )
    for device in (null, full):
        assert stat.S_ISCHR(device.stat().st_mode), device
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full", "null", "repo"]


def test_a_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    """`intstrat list | head -1` in a real pipe: 141 as a Unix tool, nothing on stderr."""
    files = {f"data/projects/p-{i}.yaml": project(id=f"p-{i}") for i in range(400)}
    files[P] = ""
    root = build_repo(tmp_path / "repo", files)
    command = [sys.executable, "-c", "from intstrat.cli import main; main()"]
    for args in (["list"], ["search", "socialt", "--json", "--limit", "400"]):
        process = subprocess.Popen(
            [*command, *args, "--repo", str(root)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()
        stderr = process.stderr.read()
        assert process.wait(60) == 141, stderr
        assert stderr == b""


def test_ctrl_c_at_a_prompt_exits_130(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer._click import termui

    from intstrat.commands import editing

    root = build_repo(tmp_path / "repo")
    monkeypatch.setattr(editing, "terminal_prompt", lambda no_input: editing.TerminalPrompt())

    def ctrl_c(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # pressed while the first question is asked

    monkeypatch.setattr(termui, "echo", ctrl_c)
    result = runner.invoke(app, ["new", "project", "--repo", str(root)])
    assert result.exit_code == 130
    assert result.stderr.endswith("intstrat: interrupted\n")
    assert sorted(p.name for p in (root / "data/projects").iterdir()) == ["sekos-2.yaml"]


def test_input_that_ends_at_a_prompt_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from intstrat.commands import editing

    root = build_repo(tmp_path / "repo")
    monkeypatch.setattr(editing, "terminal_prompt", lambda no_input: editing.TerminalPrompt())
    result = runner.invoke(app, ["new", "project", "--repo", str(root)], input="")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "intstrat: no answer: the input ended; give the options instead\n"
    )


def test_two_new_projects_racing_for_one_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other run creates the file after this one looked: it is never overwritten."""
    from intstrat.edit import new

    root = build_repo(tmp_path / "repo")
    target = root / "data/projects/ny.yaml"
    real_text = new.record_text

    def racing(*args: object) -> str:
        target.write_text("id: ny  # the other run's\n", encoding="utf-8")
        return real_text(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(new, "record_text", racing)
    result = runner.invoke(
        app,
        [
            "new",
            "project",
            "--repo",
            str(root),
            "--title",
            "Ny",
            "--status",
            "idea",
            "--owner",
            "omsorg",
        ],
    )
    assert result.exit_code == 2
    assert result.stderr == ("intstrat: data/projects/ny.yaml exists already; choose another id\n")
    assert target.read_text(encoding="utf-8") == "id: ny  # the other run's\n"

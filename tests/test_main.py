"""The script's guard: what happens outside every command ends as a command's errors do."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

import intstrat.cli
from intstrat.__main__ import _run
from tests.helpers import build_repo


def _fails_with(exc: BaseException) -> object:
    def run() -> None:
        print("some output")
        raise exc

    return run


@pytest.mark.parametrize(
    ("exc", "code", "english", "swedish"),
    [
        (KeyboardInterrupt(), 130, "intstrat: interrupted\n", "intstrat: avbruten\n"),
        (
            OSError(errno.ENOSPC, "No space left on device"),
            2,
            "intstrat: No space left on device\n",
            "intstrat: inget utrymme kvar på enheten\n",
        ),
        (BrokenPipeError(errno.EPIPE, "Broken pipe"), 141, "", ""),
    ],
)
def test_what_escapes_a_command_ends_in_one_line_and_its_exit_code(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    exc: BaseException,
    code: int,
    english: str,
    swedish: str,
) -> None:
    monkeypatch.setattr(intstrat.cli, "main", _fails_with(exc))
    for lang, said in (("en", english), ("sv", swedish)):
        monkeypatch.setattr(sys, "argv", ["intstrat", "--lang", lang, "check"])
        assert _run() == code
        assert capsys.readouterr().err == said


def test_a_closed_standard_output_is_said_not_a_bug(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["intstrat", "check", "--lang", "sv"])
    monkeypatch.setattr(sys, "stdout", None)
    assert _run() == 2
    assert capsys.readouterr().err == (
        "intstrat: standard ut är stängd; ge utdata någonstans att ta vägen "
        "(en terminal, en fil eller en pipe)\n"
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
@pytest.mark.parametrize("args", [["--help"], ["--version"], ["list", "--help"]])
def test_help_and_version_to_a_full_disk(args: list[str], tmp_path: Path) -> None:
    """Printed by the framework, outside every command's own handler."""
    env = {**os.environ, "INTSTRAT_LANG": "sv"}
    with Path("/dev/full").open("w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "intstrat", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
            env=env,
            check=False,
        )
    assert (done.returncode, done.stderr) == (2, "intstrat: inget utrymme kvar på enheten\n")


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["check", "--help"]])
def test_help_to_a_closed_pipe_exits_141_like_every_output(args: list[str]) -> None:
    """typer keeps quiet on a closed pipe and exits 1 (a failure to a CI script); every
    other output to a closed pipe exits 141, as the shell's own tools do."""
    process = subprocess.Popen(
        [sys.executable, "-m", "intstrat", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    assert process.wait(timeout=60) == 141
    assert process.stderr.read() == b""


def test_an_argument_that_is_not_utf8_is_said_not_a_bug(tmp_path: Path) -> None:
    """ "växjö" typed in a Latin-1 terminal reaches Python as lone surrogates; printing it
    back was an internal error (exit 3)."""
    done = subprocess.run(
        [sys.executable, "-m", "intstrat", "search", os.fsdecode(b"v\xe4xj\xf6 \xc3\xa5")],
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "INTSTRAT_LANG": "sv"},
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.decode("utf-8") == (
        "intstrat: argument 2 (v\\xe4xj\\xf6 å) är inte UTF-8-text; ställ in terminalens "
        "teckenkodning på UTF-8 och skriv det igen\n"
    )


def test_redirected_output_is_utf8_whatever_the_locale(tmp_path: Path) -> None:
    """Windows' cp1252 (or LANG=...ISO-8859-1) cannot encode 'ė': a list of partners
    redirected to a file was an internal error (exit 3); it is UTF-8, as files are."""
    root = build_repo(
        tmp_path / "repo",
        {"data/partners/klaipeda.yaml": "id: klaipeda\nname: Klaipėdos miesto savivaldybė\n"
         "country: LT\ntype: municipality\n"},
    )  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "intstrat", "list", "partners", "-f", "csv"],
        capture_output=True,
        cwd=root,
        env={**os.environ, "PYTHONIOENCODING": "cp1252"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Klaipėdos miesto savivaldybė" in done.stdout.decode("utf-8")

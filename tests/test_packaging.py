"""The install: a small core for CI, the document stack as the 'documents' extra."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intstrat.cli import app
from tests.helpers import build_repo, project

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT_STACK = ("matplotlib", "weasyprint", "docx")
P = "data/projects/sekos-2.yaml"
runner = CliRunner()


def test_the_document_stack_is_an_extra_and_make_test_installs_it() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = " ".join(project["dependencies"])
    for name in ("matplotlib", "weasyprint", "python-docx"):
        assert name not in core
    assert [d.split(">")[0] for d in project["optional-dependencies"]["documents"]] == [
        "matplotlib",
        "weasyprint",
        "python-docx",
    ]
    assert "intstrat[documents,test]" in project["optional-dependencies"]["dev"]
    assert project["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    assert project["urls"]["Issues"] == "https://github.com/intstrat/intstrat/issues"


def test_core_commands_run_without_the_document_stack(tmp_path: Path) -> None:
    """What CI and contact persons run, in a process where the extra cannot be imported."""
    root = build_repo(tmp_path / "repo", {P: project(sdgs="[4, 8]")})
    commands = [
        ["check", "--strict"],
        ["fmt", "--check"],
        ["list"],
        ["show", "sekos-2"],
        ["search", "kosovo"],
        ["stats"],
        ["schema"],
        ["report", "2020"],
        ["report", "2020", "-f", "html", "-o", str(tmp_path / "r.html")],  # the chart is HTML
        ["brochure", "-f", "html", "-o", str(tmp_path / "b.html")],
        ["export", "json", "-o", str(tmp_path / "x.json")],
        ["export", "csv", "-o", str(tmp_path / "csv")],
        ["new", "partner", "--name", "Lund", "--country", "SE", "--no-input"],
    ]
    script = (
        "import sys\n"
        f"sys.modules.update(dict.fromkeys({DOCUMENT_STACK!r}))\n"  # None: import fails
        "from intstrat.cli import main\n"
        "main()\n"
    )
    for args in commands:
        where = [] if args[0] == "schema" else ["--repo", str(root)]
        done = subprocess.run(
            [sys.executable, "-c", script, *args, *where],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, (args, done.stderr)


@pytest.mark.parametrize(
    ("args", "module"),
    [
        (["report", "2020", "-f", "pdf"], "weasyprint"),
        (["report", "2020", "-f", "docx"], "docx"),
        (["brochure", "-f", "pdf"], "weasyprint"),
    ],
)
def test_a_command_that_needs_the_extra_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], module: str
) -> None:
    root = build_repo(tmp_path / "repo", {P: project(sdgs="[4, 8]")})  # a chart to draw
    for name in DOCUMENT_STACK:
        monkeypatch.setitem(sys.modules, name, None)
    result = runner.invoke(app, [*args, "--repo", str(root)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"intstrat: intstrat {args[0]} needs the 'documents' extra ({module} is not installed); "
        "install it with: python -m pip install 'intstrat[documents]'\n"
    )
    assert not (root / "out").exists()

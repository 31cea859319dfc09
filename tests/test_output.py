"""`check`'s text output: the same lines with rich on a terminal and without it elsewhere."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from typer.testing import CliRunner

from intstrat.checks.output import plain_text, print_text
from intstrat.cli import app
from intstrat.loading.diagnostics import CODES, Diagnostic
from tests.helpers import build_repo, check_in_new_process

CODE_LIST = sorted(CODES)


def _rich(diagnostics: list[Diagnostic], files: int) -> str:
    """What rich prints where there is no terminal (a CI log, a pipe)."""
    out = io.StringIO()
    print_text(Console(file=out, highlight=False, force_terminal=False), diagnostics, files)
    return out.getvalue()


# Any text, including what rich treats specially: markup brackets, control characters,
# tabs, wide characters, line breaks, emoji codes, lines wider than the 80 columns.
texts = st.lists(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(["[bold]", "[/]", "\t", "\r", "\x07", "\n", ":smile:", "漢字", "x" * 90]),
    ),
    max_size=40,
).map("".join)


@given(
    st.lists(
        st.tuples(texts, st.integers(1, 10**6), st.sampled_from(CODE_LIST), texts), max_size=4
    ),
    st.integers(0, 10**6),
)
@settings(max_examples=300, deadline=None)
def test_plain_text_is_what_rich_prints_without_a_terminal(
    found: list[tuple[str, int, str, str]], files: int
) -> None:
    diagnostics = [Diagnostic(path, line, 2, code, message) for path, line, code, message in found]
    assert plain_text(diagnostics, files) == _rich(diagnostics, files)


def test_a_tab_is_left_to_rich() -> None:
    """A diagnostic escapes tabs (`\\t`); should one get through, rich widens it by
    display cells, which plain text would not, so rich prints that output."""
    diagnostic = Diagnostic("data/projects/a.yaml", 1, 1, "S001", "m")
    object.__setattr__(diagnostic, "message", "a\tb")
    assert plain_text([diagnostic], 1) is None


def test_check_prints_the_same_text_with_and_without_rich(tmp_path: Path) -> None:
    broken = tmp_path / "ok" / "data/projects/sekos-2.yaml"
    root = build_repo(tmp_path / "ok")
    broken.write_text(broken.read_text(encoding="utf-8") + "colour: [red]\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--repo", str(root)])
    assert result.exit_code == 1
    assert "\x1b[" not in result.output
    coloured = CliRunner().invoke(app, ["check", "--repo", str(root)], env={"FORCE_COLOR": "1"})
    assert coloured.exit_code == 1
    assert "\x1b[" in coloured.output  # rich, forced to colour
    assert "data/projects/sekos-2.yaml:" in result.output
    plain_lines = result.output.splitlines()
    uncoloured = [_strip_ansi(line) for line in coloured.output.splitlines()]
    assert plain_lines == uncoloured


def _strip_ansi(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)


@pytest.mark.parametrize("forced", [None, "FORCE_COLOR"])
def test_rich_is_imported_only_for_a_terminal(tmp_path: Path, forced: str | None) -> None:
    """Importing rich's console is a tenth of a small repository's check."""
    root = build_repo(tmp_path / "repo")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "INTSTRAT_NO_CACHE": "1"}
    if forced:
        env[forced] = "1"
    said = check_in_new_process(root, "print('rich.console' in sys.modules, file=sys.stderr)", env)
    assert said[-1] == str(forced is not None)

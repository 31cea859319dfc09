"""The documentation keeps up with the code: every code and command is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.main import get_command

from intstrat.cli import app
from intstrat.loading.diagnostics import CODES, Severity

ROOT = Path(__file__).resolve().parent.parent
CHECKS_DOC = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(get_command(app).commands)  # type: ignore[attr-defined]


def test_every_code_is_documented_with_its_name_and_severity() -> None:
    headings = dict(re.findall(r"^### ([A-Z]\d{3}) (.+)$", CHECKS_DOC, re.MULTILINE))
    assert sorted(headings) == sorted(CODES)
    for code, info in CODES.items():
        expected = info.name + (" (warning)" if info.severity is Severity.WARNING else "")
        assert headings[code] == expected


def test_every_documented_code_has_an_example() -> None:
    sections = re.split(r"^### ", CHECKS_DOC, flags=re.MULTILINE)[1:]
    for section in sections:
        code = section.split(" ", 1)[0]
        example = rf"^```\n\S+:\d+:\d+: (error|warning) {code} "
        assert re.search(example, section, re.MULTILINE), code


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_is_in_the_readme(command: str) -> None:
    cli = get_command(app).commands[command]  # type: ignore[attr-defined]
    assert cli.help, f"{command} has no help text"
    assert f"intstrat {command}" in README


def test_every_code_has_a_swedish_explanation() -> None:
    sections = re.split(r"^### ", CHECKS_DOC, flags=re.MULTILINE)[1:]
    assert len(sections) == len(CODES)
    for section in sections:
        lines = section.splitlines()
        assert lines[1].startswith("*Svenska:* "), lines[0]


def test_contributing_examples_are_valid_records() -> None:
    from intstrat.format.models import Partner, Project
    from intstrat.loading.parse import parse

    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    assert len(blocks) == 2
    project, problems = parse(blocks[0])
    assert problems == []
    Project.model_validate(project)
    partner, problems = parse(blocks[1])
    assert problems == []
    Partner.model_validate(partner)


def test_every_guide_a_message_names_exists() -> None:
    """Messages name guides by their address (a data repository has no docs/): each
    address, written out or made from DOCS_URL, is a page in docs/."""
    from intstrat import DOCS_URL

    source = "\n".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "src" / "intstrat").rglob("*.py")
    )
    named = set(re.findall(re.escape(DOCS_URL) + r"([\w-]+\.md)", source))
    named |= set(re.findall(r"\{DOCS_URL\}([\w-]+\.md)", source))
    named |= set(re.findall(r'DOCS_URL \+ "([\w-]+\.md)"', source))
    assert {"templates.md", "iati.md"} <= named
    for page in named:
        assert (ROOT / "docs" / page).is_file(), page

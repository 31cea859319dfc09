"""`init`: a new data repository for another organisation, ready for `intstrat check`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from intstrat.edit.fmt import format_text
from intstrat.errors import UsageError
from intstrat.fileio import write_atomic
from intstrat.format.emit import dump_data
from intstrat.format.models import Config

#: Funders most Swedish municipalities meet; edit the list in intstrat.yaml.
DEFAULT_FUNDERS = [
    {"id": "icld", "name": "ICLD", "eu": False, "website": "https://icld.se"},
    {"id": "erasmus-plus", "name": "Erasmus+", "eu": True},
    {"id": "interreg", "name": "Interreg", "eu": True},
    {
        "id": "esf-plus",
        "name": {"sv": "Europeiska socialfonden+", "en": "European Social Fund+"},
        "eu": True,
    },
    {"id": "life", "name": {"sv": "LIFE-programmet", "en": "LIFE programme"}, "eu": True},
]
#: The three forms of international work in Ljungby's and Växjö's strategies.
DEFAULT_FORMS = [
    {"id": "extern-finansiering", "name": {"sv": "Extern finansiering", "en": "External funding"}},
    {
        "id": "kompetensutveckling",
        "name": {"sv": "Kompetensutveckling", "en": "Skills development"},
    },
    {"id": "samarbete", "name": {"sv": "Samarbete", "en": "Cooperation"}},
]
CONFIG_GUIDE = {
    "sv": (
        "# intstrat.yaml: organisationen och orden som posterna använder.\n"
        "# Lägg till förvaltningar och bolag under units (med internationell kontaktperson),\n"
        "# och egna teman (themes) och strategiska mål (goals). Kontrollera med: intstrat check\n"
    ),
    "en": (
        "# intstrat.yaml: the organisation and the vocabulary its records use.\n"
        "# Add departments and companies under units (with their international contact\n"
        "# person), and your own themes and goals. Check with: intstrat check\n"
    ),
}
WORKFLOW = """\
# Checks the records on every pull request (made by `intstrat init`).
name: check records
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      # intstrat is not on PyPI yet: install it from where your organisation gets it.
      - run: python -m pip install "intstrat @ git+https://github.com/intstrat/intstrat"
      - run: intstrat check --format github
      - run: intstrat fmt --check
"""
VSCODE = """\
{
  "yaml.schemas": {
    "schemas/config.schema.json": "intstrat.yaml",
    "schemas/partner.schema.json": "data/partners/*.yaml",
    "schemas/project.schema.json": "data/projects/*.yaml"
  }
}
"""


def init_repository(
    target: Path, name: str, language: str = "sv", units: list[tuple[str, str]] | None = None
) -> list[Path]:
    """A new data repository in `target`, ready for `intstrat check`."""
    from intstrat.format.schema import write_schemas

    if (target / "intstrat.yaml").exists():
        raise UsageError(f"{target / 'intstrat.yaml'} exists already; nothing was changed")
    unit_list = [
        {"id": ident, "name": unit_name, "type": "department"}
        for ident, unit_name in (units or [("kommunledning", "Kommunledningsförvaltningen")])
    ]
    config: dict[str, Any] = {
        "format": 1,
        "organisation": {"name": name, "country": "SE"},
        "language": language,
        "units": unit_list,
        "funders": DEFAULT_FUNDERS,
        "themes": [],
        "forms": DEFAULT_FORMS,
        "goals": [],
    }
    Config.model_validate(config)
    header = "# yaml-language-server: $schema=schemas/config.schema.json\n" + CONFIG_GUIDE[language]
    files = {
        "intstrat.yaml": format_text(header + dump_data(config), Config),
        "data/projects/.gitkeep": "",
        "data/partners/.gitkeep": "",
        "templates/README.md": (
            "Egna mallar: en fil här med samma namn som en inbyggd mall ersätter den "
            "(se intstrat:s docs/templates.md).\n"
        ),
        ".github/workflows/check.yml": WORKFLOW,
        ".vscode/settings.json": VSCODE,
        ".gitignore": "out/\n",
    }
    written = []
    for rel, text in files.items():
        path = target / rel
        if path.exists():
            continue
        write_atomic(path, text)
        written.append(path)
    written += write_schemas(target / "schemas", ["project", "partner", "config"])
    return written


def parse_units(items: list[str]) -> list[tuple[str, str]] | None:
    """`utbildning=Utbildningsförvaltningen` pairs from the command line (None: the default)."""
    units = []
    for item in items:
        ident, sep, unit_name = item.partition("=")
        if not sep or not ident or not unit_name:
            raise UsageError(
                f"--unit {item!r}: write ID=NAME, e.g. utbildning=Utbildningsförvaltningen"
            )
        units.append((ident.strip(), unit_name.strip()))
    return units or None

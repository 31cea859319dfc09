"""`new`: a valid record file from a few answers, for people who are not programmers.

The file gets the schema line (editor autocompletion), a short guide in the
repository's language as comments, and the answers in model order. It is
validated before it is written, never overwrites a file, and passes `check`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from intstrat.edit.fmt import format_text
from intstrat.errors import UsageError
from intstrat.fileio import write_atomic
from intstrat.format.emit import dump_data
from intstrat.format.models import Config, Partner, Project
from intstrat.format.values import PartialDate, slugify
from intstrat.load.diagnostics import did_you_mean
from intstrat.load.repository import PARTNERS_DIR, PROJECTS_DIR, Repository

GUIDE = {
    "project": {
        "sv": (
            "# Nytt projekt. Fyll gärna i mer: summary (kort beskrivning), purpose (syfte och\n"
            "# resultat), sdgs, results, reach, quotes, travel. Alla fält: CONTRIBUTING.md.\n"
            "# Kontrollera med: intstrat check\n"
        ),
        "en": (
            "# New project. Add more when you can: summary, purpose, sdgs, results, reach,\n"
            "# quotes, travel. Every field: CONTRIBUTING.md. Check with: intstrat check\n"
        ),
    },
    "partner": {
        "sv": (
            "# Ny partner. Fyll gärna i area_km2, population, website, since och description.\n"
            "# Kontrollera med: intstrat check\n"
        ),
        "en": (
            "# New partner. Add area_km2, population, website, since and description when\n"
            "# you can. Check with: intstrat check\n"
        ),
    },
}


@dataclass(frozen=True)
class Choices:
    """What a new record may refer to, from the repository itself."""

    units: list[str]
    partners: list[str]
    funders: list[str]
    themes: list[str]
    forms: list[str]
    goals: list[str]
    language: str

    @classmethod
    def of(cls, repo: Repository) -> Choices:
        config = repo.config
        if config is None:
            raise UsageError("intstrat.yaml has errors; run 'intstrat check' and fix them first")
        return cls(
            units=[u.id for u in config.units],
            partners=sorted(repo.partners),
            funders=[f.id for f in config.funders],
            themes=[t.id for t in config.themes],
            forms=[f.id for f in config.forms],
            goals=[g.id for g in config.goals],
            language=config.language,
        )


def propose_id(title: str, taken: set[str]) -> str:
    """`Socialt entreprenörskap Kosovo` -> `socialt-entreprenorskap-kosovo` (-2, -3 if taken)."""
    base = slugify(title)[:60].rstrip("-") or "nytt-projekt"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def check_one_of(value: str, options: list[str], what: str) -> str:
    if value not in options:
        raise ValueError(f"unknown {what} '{value}'{did_you_mean(value, options)}")
    return value


def check_date(value: str) -> str:
    PartialDate.parse(int(value) if value.isdigit() else value)
    return value


def project_data(answers: dict[str, Any], choices: Choices) -> dict[str, Any]:
    """A project's data from answers, checked against the repository's own ids."""
    check_one_of(answers["owner"], choices.units, "unit")
    for partner in answers.get("partners", []):
        check_one_of(partner, choices.partners, "partner")
    for key, options in (
        ("themes", choices.themes),
        ("forms", choices.forms),
        ("goals", choices.goals),
    ):
        for value in answers.get(key, []):
            check_one_of(value, options, key.rstrip("s"))
    data: dict[str, Any] = {
        "id": answers["id"],
        "title": {choices.language: answers["title"]},
        "kind": answers.get("kind", "project"),
        "status": answers["status"],
        "owner": answers["owner"],
    }
    if answers.get("partners"):
        data["partners"] = list(answers["partners"])
    if answers.get("start"):
        period: dict[str, Any] = {"start": _date_value(answers["start"])}
        if answers.get("end"):
            period["end"] = _date_value(answers["end"])
        data["period"] = period
    for key in ("sdgs", "themes", "forms", "goals"):
        if answers.get(key):
            data[key] = list(answers[key])
    if answers.get("summary"):
        data["summary"] = {choices.language: answers["summary"]}
    if answers.get("contact_name"):
        contact = {"name": answers["contact_name"]}
        if answers.get("contact_email"):
            contact["email"] = answers["contact_email"]
        data["contact"] = contact
    return data


def partner_data(answers: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": answers["id"],
        "name": answers["name"],
        "type": answers.get("type", "municipality"),
        "country": answers["country"],
    }
    for key in ("website", "population", "area_km2"):
        if answers.get(key) not in (None, ""):
            data[key] = answers[key]
    if answers.get("since"):
        data["since"] = _date_value(answers["since"])
    return data


def _date_value(value: str | int) -> str | int:
    return int(value) if isinstance(value, str) and value.isdigit() else value


def record_text(kind: str, data: dict[str, Any], language: str) -> str:
    schema = f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json\n"
    model: type[BaseModel] = Project if kind == "project" else Partner
    return format_text(schema + GUIDE[kind][language] + dump_data(data), model)


def write_record(root: Path, kind: str, data: dict[str, Any], language: str) -> Path:
    """Validate and write data/<kind>s/<id>.yaml; refuse to overwrite anything."""
    model: type[BaseModel] = Project if kind == "project" else Partner
    try:
        model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise UsageError(f"{where}: {first['msg']}") from None
    folder = PROJECTS_DIR if kind == "project" else PARTNERS_DIR
    path = root / folder / f"{data['id']}.yaml"
    if path.exists():
        raise UsageError(f"{path.relative_to(root)} exists already; choose another id")
    write_atomic(path, record_text(kind, data, language))
    return path


# ------------------------------------------------------------------ init

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

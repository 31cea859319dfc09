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

from intstrat.diagnostics import did_you_mean
from intstrat.emit import dump_data
from intstrat.errors import UsageError
from intstrat.fileio import write_atomic
from intstrat.fmt import format_text
from intstrat.models import Partner, Project
from intstrat.repository import PARTNERS_DIR, PROJECTS_DIR, Repository
from intstrat.values import PartialDate, slugify

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

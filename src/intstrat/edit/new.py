"""`new`: a valid record file from a few answers, for people who are not programmers.

The file gets the schema line (editor autocompletion), a short guide in the
repository's language as comments, and the answers in model order. It is
validated before it is written, never overwrites a file, and passes `check`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel, ValidationError

from intstrat.edit.fmt import format_text
from intstrat.errors import UsageError
from intstrat.fileio import create_new
from intstrat.format.emit import dump_data
from intstrat.format.models import Partner, Project
from intstrat.format.values import PartialDate, slugify
from intstrat.i18n import _
from intstrat.loading.diagnostics import did_you_mean
from intstrat.loading.repository import PARTNERS_DIR, PROJECTS_DIR, Repository

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


def propose_id(title: str, taken: set[str], fallback: str = "nytt-projekt") -> str:
    """`Socialt entreprenörskap Kosovo` -> `socialt-entreprenorskap-kosovo` (-2, -3 if taken).

    A name with no Latin letters at all (`Київ`) gives `fallback`, to be changed.
    """
    base = slugify(title)[:60].rstrip("-") or fallback
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
    text = record_text(kind, data, language)
    try:
        # Exclusive: a run racing for the same id (or a file made meanwhile) is never
        # overwritten; the check above `exists()` alone would leave a window.
        create_new(path, text)
    except FileExistsError:
        raise UsageError(
            _("{path} exists already; choose another id").format(path=path.relative_to(root))
        ) from None
    return path


class Prompt(Protocol):
    """Asks a person one question and returns the answer.

    `check` raises ValueError for an answer that cannot be taken; the prompt
    shows the message and asks again. The command line passes a terminal prompt;
    tests pass a list of answers.
    """

    def __call__(
        self, question: str, check: Callable[[str], object] | None = None, default: str = ""
    ) -> str: ...


def split_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _each(check: Callable[[str], object]) -> Callable[[str], None]:
    def run(value: str) -> None:
        for part in split_list(value):
            check(part)

    return run


def check_sdg(value: str) -> None:
    if not value.isdigit() or not 1 <= int(value) <= 17:
        raise ValueError(f"'{value}' is not an SDG; the goals are numbered 1 to 17")


def check_slug(value: str) -> None:
    from pydantic import TypeAdapter

    from intstrat.format.values import Slug

    try:
        TypeAdapter(Slug).validate_python(value)
    except ValidationError as exc:
        raise ValueError(exc.errors()[0]["msg"]) from None


def _missing(answers: dict[str, Any], names: Sequence[str]) -> None:
    missing = [name for name in names if not answers.get(name)]
    if missing:
        raise UsageError(f"missing --{', --'.join(missing)} (run it in a terminal to be asked)")


def new_project(
    repo: Repository,
    answers: dict[str, Any],
    ident: str | None = None,
    prompt: Prompt | None = None,
) -> Path:
    """Write a new project file from `answers`, asking `prompt` for what is missing."""
    from intstrat.format.models import Kind, Status
    from intstrat.i18n import Words

    choices = Choices.of(repo)
    answers = dict(answers)
    if prompt is not None:
        t = Words(choices.language)  # type: ignore[arg-type]
        kinds, statuses = [k.value for k in Kind], [s.value for s in Status]
        answers["title"] = answers.get("title") or prompt(t("ask_title"), lambda v: v)
        if not ident:
            answers["kind"] = prompt(
                t("ask_kind", options=", ".join(kinds)),
                lambda v: check_one_of(v, kinds, "kind"),
                answers.get("kind") or "project",
            )
        answers["status"] = answers.get("status") or prompt(
            t("ask_status", options=", ".join(statuses)),
            lambda v: check_one_of(v, statuses, "status"),
        )
        answers["owner"] = answers.get("owner") or prompt(
            t("ask_owner", options=", ".join(choices.units)),
            lambda v: check_one_of(v, choices.units, "unit"),
        )
        if answers.get("partners") is None:
            answers["partners"] = split_list(
                prompt(
                    t("ask_partners", options=", ".join(choices.partners)),
                    _each(lambda v: check_one_of(v, choices.partners, "partner")),
                )
            )
        answers["start"] = answers.get("start") or prompt(t("ask_start"), check_date) or None
        if answers["start"] and answers.get("end") is None:
            answers["end"] = prompt(t("ask_end"), check_date) or None
        if answers.get("sdgs") is None:
            answers["sdgs"] = [int(v) for v in split_list(prompt(t("ask_sdgs"), _each(check_sdg)))]
    for key in ("partners", "sdgs", "themes", "forms", "goals"):
        answers[key] = answers.get(key) or []
    _missing(answers, ("title", "status", "owner"))
    taken = set(repo.projects) | repo.broken.get("project", set())
    proposed = ident or propose_id(str(answers["title"]), taken)
    if prompt is not None and not ident:
        proposed = prompt(Words(choices.language)("ask_id"), check_slug, proposed)  # type: ignore[arg-type]
    answers["id"] = proposed
    try:
        record = project_data(answers, choices)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return write_record(repo.root, "project", record, choices.language)


def new_partner(
    repo: Repository,
    answers: dict[str, Any],
    ident: str | None = None,
    prompt: Prompt | None = None,
) -> Path:
    """Write a new partner file from `answers`, asking `prompt` for what is missing."""
    from intstrat.format.models import PartnerType
    from intstrat.format.values import country_codes
    from intstrat.i18n import Words

    choices = Choices.of(repo)
    answers = dict(answers)
    t = Words(choices.language)  # type: ignore[arg-type]
    if prompt is not None:
        types = [p.value for p in PartnerType]
        answers["name"] = answers.get("name") or prompt(t("ask_name"), lambda v: v)
        answers["type"] = prompt(
            t("ask_type", options=", ".join(types)),
            lambda v: check_one_of(v, types, "type"),
            answers.get("type") or "municipality",
        )
        answers["country"] = answers.get("country") or prompt(
            t("ask_country"), lambda v: check_one_of(v, sorted(country_codes()), "country")
        )
        answers["since"] = answers.get("since") or prompt(t("ask_since"), check_date) or None
    _missing(answers, ("name", "country"))
    taken = set(repo.partners) | repo.broken.get("partner", set())
    answers["id"] = ident or propose_id(str(answers["name"]), taken, "ny-partner")
    if prompt is not None and not ident:
        answers["id"] = prompt(t("ask_id"), check_slug, str(answers["id"]))
    return write_record(repo.root, "partner", partner_data(answers), choices.language)

"""Selecting records: the one query function behind `list`, `stats` and exports.

Filters combine: every given filter must hold (AND); a filter given several
times matches any of its values (OR), so `--sdg 4 --sdg 13 --country XK` means
"SDG 4 or 13, and a partner in Kosovo".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any, TypeVar

from intstrat.domain import annual, funding
from intstrat.domain.funding import is_eu
from intstrat.format.models import Partner, Project, Result
from intstrat.loading.repository import Entry, Repository

if TYPE_CHECKING:
    from intstrat.domain.vocabulary import Field


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    status: Sequence[str] = ()
    kind: Sequence[str] = ()
    partner: Sequence[str] = ()
    country: Sequence[str] = ()
    unit: Sequence[str] = ()
    funder: Sequence[str] = ()
    eu: bool | None = None
    sdg: Sequence[int] = ()
    theme: Sequence[str] = ()
    form: Sequence[str] = ()
    goal: Sequence[str] = ()

    @classmethod
    def from_options(cls, **options: Any) -> Filters:
        """Filters from command-line options, where an option not given is None."""
        given = {k: v for k, v in options.items() if v is not None}
        unknown = set(given) - {f.name for f in fields(cls)}
        if unknown:
            raise TypeError(f"unknown filters: {', '.join(sorted(unknown))}")
        return cls(**given)


def _any(wanted: Sequence[object], have: Sequence[object]) -> bool:
    return not wanted or any(value in have for value in wanted)


def matches(project: Project, repo: Repository, filters: Filters) -> bool:
    f = filters
    if f.year is not None and not annual.ran_in(project, f.year):
        return False
    if not _any(f.status, [str(project.status)]) or not _any(f.kind, [str(project.kind)]):
        return False
    if not _any(f.unit, [project.owner]) or not _any(f.partner, project.partners):
        return False
    if f.country:
        countries = [repo.partners[p].country for p in project.partners if p in repo.partners]
        if not _any(f.country, countries):
            return False
    if not _any(f.funder, funding.funders(project)):
        return False
    if f.eu is not None and is_eu(project, repo.config) is not f.eu:
        return False
    return (
        _any(f.sdg, project.sdgs)
        and _any(f.theme, project.themes)
        and _any(f.form, project.forms)
        and _any(f.goal, project.goals)
    )


M = TypeVar("M", Project, Partner)


def _named(entry: Entry[M]) -> bool:
    """Whether the record is in the file named after its id (`data/projects/p1.yaml`)."""
    return entry.path.rpartition("/")[2] == f"{entry.record.id}.yaml"


def unique(entries: Sequence[Entry[M]]) -> list[Entry[M]]:
    """One record per id, in their order: of records that share an id (`check` reports it,
    R002), the one in the file named after the id (else the first), so a copy of a file
    is never counted twice, nor shown in the original's place."""
    kept: dict[str, Entry[M]] = {}
    for entry in entries:
        have = kept.get(entry.record.id)
        if have is None or (_named(entry) and not _named(have)):
            kept[entry.record.id] = entry
    if len(kept) == len(entries):
        return list(entries)
    return [e for e in entries if kept[e.record.id] is e]


def kept_partners(repo: Repository) -> dict[str, Partner]:
    """Partners by id, each the one `unique` keeps."""
    return {e.record.id: e.record for e in unique(repo.partner_entries)}


@dataclass(frozen=True)
class Duplicate:
    """An id that several record files share, and the file a query takes it from."""

    kind: str
    """project or partner"""
    id: str
    paths: list[str]
    kept: str


def duplicates(repo: Repository) -> list[Duplicate]:
    """The ids that more than one project's, or more than one partner's, file holds."""
    return [
        *_duplicates("project", repo.project_entries),
        *_duplicates("partner", repo.partner_entries),
    ]


def _duplicates(kind: str, entries: Sequence[Entry[M]]) -> list[Duplicate]:
    paths: dict[str, list[str]] = {}
    for entry in entries:
        paths.setdefault(entry.record.id, []).append(entry.path)
    if len(paths) == len(entries):
        return []
    kept = {e.record.id: e.path for e in unique(entries)}
    return [
        Duplicate(kind, ident, sorted(where), kept[ident])
        for ident, where in paths.items()
        if len(where) > 1
    ]


def projects(repo: Repository, filters: Filters = Filters()) -> list[Entry[Project]]:
    """The matching projects, each id once (`unique`)."""
    return [e for e in unique(repo.project_entries) if matches(e.record, repo, filters)]


def results(repo: Repository, filters: Filters = Filters()) -> list[tuple[Entry[Project], Result]]:
    """Results of the matching projects; with a year, the results dated in it."""
    return [
        (entry, result)
        for entry in projects(repo, replace(filters, year=None))
        for result in entry.record.results
        if filters.year is None or annual.result_in(result, filters.year)
    ]


def partners(repo: Repository, filters: Filters = Filters()) -> list[str]:
    """Ids of partners in matching projects (every partner, with no project filter)."""
    every = unique(repo.partner_entries)
    if filters == Filters(country=filters.country):
        return [e.record.id for e in every if _any(filters.country, [e.record.country])]
    used = {p for e in projects(repo, filters) for p in e.record.partners}
    return [e.record.id for e in every if e.record.id in used]


#: Which vocabulary each text filter's values come from.
_FIELDS: dict[str, Field] = {
    "status": "status",
    "kind": "kind",
    "partner": "partner",
    "country": "country",
    "unit": "unit",
    "funder": "funder",
    "theme": "theme",
    "form": "form",
    "goal": "goal",
}


def resolve_filters(repo: Repository, filters: Filters) -> Filters:
    """Filters as people type them (`--status pågår`, `--country Lettland`, a unit's name)
    turned into the ids the files hold.

    A value that means nothing is an error that says what was meant, never an empty
    result; every such value is reported at once.
    """
    from intstrat.domain.vocabulary import UnknownValue, Vocabulary
    from intstrat.errors import UsageError
    from intstrat.format.values import MAX_YEAR, MIN_YEAR
    from intstrat.i18n import _

    vocabulary = Vocabulary(repo)
    problems: list[str] = []
    changes: dict[str, tuple[str, ...]] = {}
    for name, field_name in _FIELDS.items():
        resolved = []
        for value in getattr(filters, name):
            try:
                resolved.append(vocabulary.resolve(field_name, value))
            except UnknownValue as exc:
                problems.append(f"--{name}: {exc}")
        changes[name] = tuple(dict.fromkeys(resolved))
    for number in filters.sdg:
        if not 1 <= number <= 17:
            problems.append(
                _("--sdg: {number} is no goal; the goals are numbered 1 to 17").format(
                    number=number
                )
            )
    if filters.year is not None and not MIN_YEAR <= filters.year <= MAX_YEAR:
        problems.append(
            _("--year: {year} is outside {first} to {last}, the years a record can hold").format(
                year=filters.year, first=MIN_YEAR, last=MAX_YEAR
            )
        )
    if problems:
        raise UsageError("\n".join(problems))
    return replace(filters, **changes)  # type: ignore[arg-type]

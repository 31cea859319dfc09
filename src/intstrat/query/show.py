"""One project or partner in full, as a card: facts, then sections of lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from intstrat.domain.names import Names
from intstrat.errors import UsageError
from intstrat.format.models import Partner, Project
from intstrat.format.sdgs import goals
from intstrat.format.values import PartialDate, fold
from intstrat.i18n import N_, Words, _
from intstrat.loading.diagnostics import did_you_mean
from intstrat.loading.repository import Entry, Repository
from intstrat.query.filters import unique


@dataclass(frozen=True)
class Card:
    title: str
    path: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    sections: list[tuple[str, list[str]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        # A fact with no value ("Period" of a project not yet granted) is a row that says
        # nothing, and reads as if something failed to print; the card leaves it out.
        object.__setattr__(self, "facts", [(label, v) for label, v in self.facts if v])


#: Words before a slash that say which kind of record is meant (`partner/ubc`), as people
#: write them in either language.
KINDS = {
    "project": "project",
    "projects": "project",
    "projekt": "project",
    "partner": "partner",
    "partners": "partner",
    "partnern": "partner",
}
#: The kind of a record as a message names it (and as `KINDS` reads it back).
KIND_WORDS = {"project": N_("project"), "partner": N_("partner")}

Found = tuple[str, Entry[Project] | Entry[Partner]]


def card(repo: Repository, ident: str, words: Words, here: Path | None = None) -> Card:
    """The card of the project or partner `ident`: its id, its title or name (either
    language), `project/ID` or `partner/ID` where a project and a partner share it, or its
    file (relative to `here`, the current folder, or to the repository). A name that fits
    several records is an error that lists them; an unknown one gets a suggestion."""
    if ident.casefold().endswith(".yaml"):
        return _shown(repo, _by_path(repo, ident, here), words)
    kind, slash, rest = ident.partition("/")
    wanted = KINDS.get(kind.strip().casefold()) if slash else None
    name = rest.strip() if wanted else ident
    projects = unique(repo.project_entries) if wanted in (None, "project") else []
    partners = unique(repo.partner_entries) if wanted in (None, "partner") else []
    records: list[Found] = [
        *(("project", e) for e in projects),
        *(("partner", e) for e in partners),
    ]
    found = [(k, e) for k, e in records if e.record.id == name]
    if not found:
        # As people write it: SEKOS-2, or the name itself ('Komuna Vushtrri'), either language.
        folded = fold(name).strip()
        found = [(k, e) for k, e in records if folded in _names(e)]
    if len(found) == 1:
        return _shown(repo, found[0], words)
    if found:
        choices = [f"{_(KIND_WORDS[k])}/{e.record.id} ({_title(e, words)})" for k, e in found]
        first = choices[0].split(" ", 1)[0]
        raise UsageError(
            _(
                "'{id}' names more than one record: {choices}; show one with "
                "'intstrat show {first}', or give its file"
            ).format(id=ident, choices=", ".join(choices), first=first)
        )
    broken = [path for path in repo.left_out if path.rpartition("/")[2] == f"{name}.yaml"]
    if broken:
        _refuse_broken(repo, broken[0], ident)
    known = [*repo.projects, *repo.partners]
    raise UsageError(_("no project or partner '{id}'").format(id=ident) + did_you_mean(name, known))


def _names(entry: Entry[Project] | Entry[Partner]) -> tuple[str, ...]:
    record = entry.record
    texts = record.title if isinstance(record, Project) else record.name
    return (fold(record.id), *(fold(t).strip() for t in texts.all()))


def _title(entry: Entry[Project] | Entry[Partner], words: Words) -> str:
    record = entry.record
    return words.text(record.title if isinstance(record, Project) else record.name)


def _shown(repo: Repository, found: Found, words: Words) -> Card:
    kind, entry = found
    if kind == "project":
        return _project(repo, entry, words)  # type: ignore[arg-type]
    return _partner(repo, entry, words)  # type: ignore[arg-type]


def _by_path(repo: Repository, given: str, here: Path | None) -> Found:
    """The record in the file `given`, as the current folder or the repository reads it."""
    path = Path(given)
    root = repo.root.resolve()
    tried = [path] if path.is_absolute() else [(here or Path.cwd()) / path, repo.root / path]
    for candidate in tried:
        try:
            rel = candidate.resolve().relative_to(root).as_posix()
        except (OSError, RuntimeError, ValueError):
            continue
        for entry in repo.project_entries:
            if entry.path == rel:
                return "project", entry
        for partner in repo.partner_entries:
            if partner.path == rel:
                return "partner", partner
        if rel in repo.left_out:
            _refuse_broken(repo, rel, given)
    raise UsageError(
        _("{path} is no project's or partner's file in the repository").format(path=given)
    )


def _refuse_broken(repo: Repository, path: str, ident: str) -> None:
    from intstrat.checks.output import finding_line

    found = [finding_line(d) for d in repo.diagnostics if d.path == path]
    raise UsageError(
        "\n".join(
            [
                _("{path} has errors, so '{id}' cannot be shown; fix them first:").format(
                    path=path, id=ident
                ),
                *found,
            ]
        )
    )


def _date(w: Words, value: PartialDate) -> str:
    """A date whose words stay on one line ("10 mars 2021"), as `Words.period` keeps
    the dates of a period: a terminal otherwise breaks it anywhere."""
    return w.date(value).replace(" ", "\u00a0")


def _project(repo: Repository, entry: Entry[Project], w: Words) -> Card:
    p = entry.record
    names = Names(repo, w)
    facts = [
        (w("show_kind"), w(f"kind_{p.kind}")),
        (w("show_status"), w(f"status_{p.status}")),
        (w("show_owner"), names.unit_name(p.owner)),
        (w("show_period"), w.period(p.period)),
    ]
    if p.partners:
        labels = [names.partner_ref(pid).label for pid in p.partners]
        facts.append((w("show_partners"), ", ".join(labels)))
    if p.application:
        a = p.application
        amount = f", {w.money(a.amount.value, a.amount.currency)}" if a.amount else ""
        facts.append(
            (
                w("show_application"),
                f"{names.funder_name(a.funder)}{amount}, {_date(w, a.submitted)}: "
                f"{w(f'outcome_{a.outcome}')}",
            )
        )
    if p.funding:
        facts.append((w("show_funding"), ", ".join(names.funding_text(f) for f in p.funding)))
    if p.sdgs:
        facts.append(
            (w("show_sdgs"), ", ".join(f"{n}. {goals()[n].title(w.lang)}" for n in p.sdgs))
        )
    if p.contact:
        facts.append(
            (
                w("show_contact"),
                p.contact.name + (f" <{p.contact.email}>" if p.contact.email else ""),
            )
        )
    sections = []
    for key in ("summary", "purpose"):
        text = w.text(getattr(p, key))
        if text:
            sections.append((w(f"show_{key}"), [text]))
    if p.reach:
        sections.append(
            (w("show_reach"), [f"{w.number(r.count)} {w.text(r.who)}" for r in p.reach])
        )
    if p.results:
        sections.append(
            (
                w("show_results"),
                [
                    f"{_date(w, r.date)}: {w.text(r.title)}"
                    + (f" ({w('col_implemented').lower()})" if r.implemented else "")
                    for r in p.results
                ],
            )
        )
    if p.quotes:
        sections.append(
            (
                w("show_quotes"),
                [
                    w("show_quote", text=w.text(q.text), name=q.name)
                    + (f", {w.text(q.role)}" if q.role else "")
                    for q in p.quotes
                ],
            )
        )
    if p.travel:
        sections.append(
            (
                w("show_travel"),
                [
                    f"{_date(w, t.date)}: {w.country(t.destination)}, {w.travellers(t.travellers)}"
                    + (f", {w('col_flight').lower()}" if t.flight else "")
                    for t in p.travel
                ],
            )
        )
    return Card(w.text(p.title), entry.path, facts, sections)


def _partner(repo: Repository, entry: Entry[Partner], w: Words) -> Card:
    p = entry.record
    facts = [
        (w("show_type"), w(f"ptype_{p.type}")),
        (w("show_country"), w.country(p.country)),
    ]
    if p.area_km2 is not None:
        facts.append((w("show_area"), f"{w.number(p.area_km2)}\u00a0km²"))
    if p.population is not None:
        facts.append((w("show_population"), w.number(p.population)))
    if p.website:
        facts.append((w("show_website"), p.website))
    if p.since:
        facts.append((w("show_since"), _date(w, p.since)))
    projects = [
        f"{w.text(e.record.title)} ({w.period(e.record.period)})"
        for e in unique(repo.project_entries)
        if p.id in e.record.partners
    ]
    sections = []
    if p.description:
        sections.append((w("show_description"), [w.text(p.description)]))
    if projects:
        sections.append((w("show_projects"), projects))
    return Card(w.text(p.name), entry.path, facts, sections)

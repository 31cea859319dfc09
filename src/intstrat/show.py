"""One project or partner in full, as a card: facts, then sections of lines."""

from __future__ import annotations

from dataclasses import dataclass, field

from intstrat.diagnostics import did_you_mean
from intstrat.errors import UsageError
from intstrat.i18n import Words
from intstrat.models import Partner, Project
from intstrat.report import Names
from intstrat.repository import Entry, Repository
from intstrat.sdgs import goals

LABELS = {
    "kind": ("Typ", "Kind"),
    "status": ("Status", "Status"),
    "owner": ("Ansvarig", "Owner"),
    "period": ("Period", "Period"),
    "partners": ("Partner", "Partners"),
    "application": ("Ansökan", "Application"),
    "funding": ("Finansiering", "Funding"),
    "sdgs": ("Globala mål", "SDGs"),
    "themes": ("Teman", "Themes"),
    "contact": ("Kontakt", "Contact"),
    "summary": ("Sammanfattning", "Summary"),
    "purpose": ("Syfte och resultat", "Purpose and results"),
    "reach": ("Räckvidd", "Reach"),
    "results": ("Resultat", "Results"),
    "quotes": ("Citat", "Quotes"),
    "travel": ("Resor", "Travel"),
    "country": ("Land", "Country"),
    "type": ("Typ", "Type"),
    "area": ("Yta", "Area"),
    "population": ("Invånare", "Population"),
    "website": ("Webbplats", "Website"),
    "since": ("Partner sedan", "Partner since"),
    "projects": ("Projekt", "Projects"),
    "description": ("Beskrivning", "Description"),
}


@dataclass(frozen=True)
class Card:
    title: str
    path: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    sections: list[tuple[str, list[str]]] = field(default_factory=list)


def card(repo: Repository, ident: str, words: Words) -> Card:
    """The card of the project or partner `ident`; an unknown id gets a suggestion."""
    for entry in repo.project_entries:
        if entry.record.id == ident:
            return _project(repo, entry, words)
    for partner_entry in repo.partner_entries:
        if partner_entry.record.id == ident:
            return _partner(repo, partner_entry, words)
    known = [*repo.projects, *repo.partners]
    raise UsageError(f"no project or partner '{ident}'{did_you_mean(ident, known)}")


def _label(key: str, words: Words) -> str:
    sv, en = LABELS[key]
    return sv if words.lang == "sv" else en


def _project(repo: Repository, entry: Entry[Project], w: Words) -> Card:
    p = entry.record
    names = Names(repo, w)
    facts = [
        (_label("kind", w), w(f"kind_{p.kind}")),
        (_label("status", w), str(p.status)),
        (_label("owner", w), names.unit_name(p.owner)),
        (_label("period", w), w.period(p.period)),
    ]
    if p.partners:
        labels = [names.partner_ref(pid).label for pid in p.partners]
        facts.append((_label("partners", w), ", ".join(labels)))
    if p.application:
        a = p.application
        amount = f", {w.money(a.amount.value, a.amount.currency)}" if a.amount else ""
        facts.append(
            (
                _label("application", w),
                f"{names.funder_name(a.funder)}{amount}, {w.date(a.submitted)}: "
                f"{w(f'outcome_{a.outcome}')}",
            )
        )
    if p.funding:
        facts.append((_label("funding", w), ", ".join(names.funding_text(f) for f in p.funding)))
    if p.sdgs:
        facts.append(
            (_label("sdgs", w), ", ".join(f"{n}. {goals()[n].title(w.lang)}" for n in p.sdgs))
        )
    if p.contact:
        facts.append(
            (
                _label("contact", w),
                p.contact.name + (f" <{p.contact.email}>" if p.contact.email else ""),
            )
        )
    sections = []
    for key in ("summary", "purpose"):
        text = w.text(getattr(p, key))
        if text:
            sections.append((_label(key, w), [text]))
    if p.reach:
        sections.append(
            (_label("reach", w), [f"{w.number(r.count)} {w.text(r.who)}" for r in p.reach])
        )
    if p.results:
        sections.append(
            (
                _label("results", w),
                [
                    f"{w.date(r.date)}: {w.text(r.title)}"
                    + (f" ({w('col_implemented').lower()})" if r.implemented else "")
                    for r in p.results
                ],
            )
        )
    if p.quotes:
        sections.append(
            (
                _label("quotes", w),
                [
                    f"“{w.text(q.text)}” – {q.name}" + (f", {w.text(q.role)}" if q.role else "")
                    for q in p.quotes
                ],
            )
        )
    if p.travel:
        sections.append(
            (
                _label("travel", w),
                [
                    f"{w.date(t.date)}: {w.country(t.destination)}, {t.travellers}"
                    + (f", {w('col_flight').lower()}" if t.flight else "")
                    for t in p.travel
                ],
            )
        )
    return Card(w.text(p.title), entry.path, facts, sections)


def _partner(repo: Repository, entry: Entry[Partner], w: Words) -> Card:
    p = entry.record
    facts = [
        (_label("type", w), w(f"ptype_{p.type}")),
        (_label("country", w), w.country(p.country)),
    ]
    if p.area_km2 is not None:
        facts.append((_label("area", w), f"{w.number(p.area_km2)} km²"))
    if p.population is not None:
        facts.append((_label("population", w), w.number(p.population)))
    if p.website:
        facts.append((_label("website", w), p.website))
    if p.since:
        facts.append((_label("since", w), w.date(p.since)))
    projects = [
        f"{w.text(e.record.title)} ({w.period(e.record.period)})"
        for e in repo.project_entries
        if p.id in e.record.partners
    ]
    sections = []
    if p.description:
        sections.append((_label("description", w), [w.text(p.description)]))
    if projects:
        sections.append((_label("projects", w), projects))
    return Card(w.text(p.name), entry.path, facts, sections)

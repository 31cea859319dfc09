"""One project or partner in full, as a card: facts, then sections of lines."""

from __future__ import annotations

from dataclasses import dataclass, field

from intstrat.domain.names import Names
from intstrat.errors import UsageError
from intstrat.format.models import Partner, Project
from intstrat.format.sdgs import goals
from intstrat.format.values import PartialDate, fold
from intstrat.i18n import Words, _
from intstrat.loading.diagnostics import did_you_mean
from intstrat.loading.repository import Entry, Repository


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


def card(repo: Repository, ident: str, words: Words) -> Card:
    """The card of the project or partner `ident`; an unknown id gets a suggestion."""
    for entry in repo.project_entries:
        if entry.record.id == ident:
            return _project(repo, entry, words)
    for partner_entry in repo.partner_entries:
        if partner_entry.record.id == ident:
            return _partner(repo, partner_entry, words)
    # As people write it: SEKOS-2, or the name itself ('Komuna Vushtrri'), either language.
    wanted = fold(ident).strip()
    for entry in repo.project_entries:
        project = entry.record
        if wanted in (fold(project.id), *(fold(t).strip() for t in project.title.all())):
            return _project(repo, entry, words)
    for partner_entry in repo.partner_entries:
        partner = partner_entry.record
        if wanted in (fold(partner.id), *(fold(t).strip() for t in partner.name.all())):
            return _partner(repo, partner_entry, words)
    broken = [path for path in repo.left_out if path.rpartition("/")[2] == f"{ident}.yaml"]
    if broken:
        from intstrat.checks.output import finding_line

        found = [finding_line(d) for d in repo.diagnostics if d.path in broken]
        raise UsageError(
            "\n".join(
                [
                    _("{path} has errors, so '{id}' cannot be shown; fix them first:").format(
                        path=broken[0], id=ident
                    ),
                    *found,
                ]
            )
        )
    known = [*repo.projects, *repo.partners]
    raise UsageError(
        _("no project or partner '{id}'").format(id=ident) + did_you_mean(ident, known)
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
        for e in repo.project_entries
        if p.id in e.record.partners
    ]
    sections = []
    if p.description:
        sections.append((w("show_description"), [w.text(p.description)]))
    if projects:
        sections.append((w("show_projects"), projects))
    return Card(w.text(p.name), entry.path, facts, sections)

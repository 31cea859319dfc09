"""The annual summary as a typed context: what templates and renderers receive.

`build_report` does every selection, sorting, counting and formatting, so a
template only lays things out and a municipality can write its own template
without knowing the YAML format (see docs/templates.md). Strings in the
context are final text in the output language; nothing in it is raw YAML.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from intstrat.domain import annual
from intstrat.domain.funding import is_eu
from intstrat.domain.names import Goal, Names, PartnerRef, Person, sdg_goals
from intstrat.errors import UsageError
from intstrat.format.models import OWN_FUNDER, Config, Kind, Project, Result
from intstrat.format.sdgs import goals
from intstrat.format.values import Language
from intstrat.i18n import Words
from intstrat.loading.repository import Entry, Repository


@dataclass(frozen=True)
class ReachItem:
    count: int
    count_text: str
    who: str


@dataclass(frozen=True)
class ProjectItem:
    id: str
    path: str
    title: str
    kind: str
    kind_label: str
    status: str
    owner_id: str
    owner: str
    partners: list[PartnerRef]
    period: str
    finished: bool
    """Completed, with its period ending in the report year."""
    eu: bool
    funders: list[str]
    """Funder names, then the organisation's own share (e.g. 'own staff time')."""
    funding: list[str]
    """Each external funding with its amount, e.g. 'Erasmus+ 250 000 €'."""
    sdgs: list[Goal]
    summary: str
    """Markdown, as written in the record."""
    reach: list[ReachItem]
    contact: Person | None


@dataclass(frozen=True)
class ApplicationItem:
    project_id: str
    project: str
    owner_id: str
    owner: str
    funder: str
    eu: bool
    submitted: str
    decided: str
    amount: str
    outcome: str
    outcome_label: str


@dataclass(frozen=True)
class ResultItem:
    title: str
    date: str
    implemented: bool
    description: str
    project_id: str
    project: str
    owner_id: str
    owner: str


@dataclass(frozen=True)
class PartnerItem:
    id: str
    name: str
    type_label: str
    country: str
    country_code: str
    since: str
    projects: list[str]


@dataclass(frozen=True)
class Trip:
    date: str
    destination: str
    place: str
    travellers: int
    flight: bool
    compensated: bool
    project: str


@dataclass(frozen=True)
class Travel:
    trips: list[Trip]
    travellers: int
    flights: int
    compensated: int
    uncompensated: int


@dataclass(frozen=True)
class UnitItem:
    id: str
    name: str
    type_label: str
    contact: Person | None
    projects: list[ProjectItem]
    applications: list[ApplicationItem]
    results: list[ResultItem]


@dataclass(frozen=True)
class Figure:
    """One key figure: a label and its value as text, with sub-lines."""

    label: str
    value: str
    details: list[str] = field(default_factory=list)


#: The report's sections in the order they appear. The HTML and Markdown templates
#: (one block each) and the Word writer (one function each) all follow this list.
SECTIONS: tuple[str, ...] = (
    "key_figures",
    "eu_projects",
    "other_projects",
    "applications",
    "other_work",
    "results",
    "units",
    "partners",
    "sdgs",
    "travel",
)


@dataclass(frozen=True)
class Report:
    """Everything in the annual summary of `year`, in the output language."""

    year: int
    lang: Language
    organisation: str
    title: str
    subtitle: str
    compiled: str
    vision: str
    unit: UnitItem | None
    """The unit when the report is limited with --unit, else None."""
    key_figures: list[Figure]
    eu_projects: list[ProjectItem]
    other_projects: list[ProjectItem]
    applications: list[ApplicationItem]
    other_work: list[ProjectItem]
    results: list[ResultItem]
    units: list[UnitItem]
    partners: list[PartnerItem]
    sdgs: list[Goal]
    """All 17 goals with their counts, in goal order."""
    travel: Travel
    sections: tuple[str, ...] = SECTIONS
    """The sections to draw, in order (see `SECTIONS`)."""


def build_report(
    repo: Repository,
    year: int,
    lang: Language | None = None,
    unit: str | None = None,
    today: dt.date | None = None,
) -> Report:
    """The annual summary of `year` (limited to one unit with `unit`)."""
    if repo.config is None:
        raise UsageError("intstrat.yaml has errors; run 'intstrat check' and fix them first")
    config = repo.config
    words = Words(lang or config.language)
    units = {u.id: u for u in config.units}
    if unit is not None and unit not in units:
        from intstrat.loading.diagnostics import did_you_mean

        raise UsageError(f"there is no unit '{unit}' in intstrat.yaml{did_you_mean(unit, units)}")
    builder = _Builder(repo, config, words, year)

    entries = [e for e in repo.project_entries if unit is None or e.record.owner == unit]
    running = sorted(
        (e for e in entries if annual.ran_in(e.record, year)),
        key=lambda e: (words.text(e.record.title).casefold(), e.record.id),
    )
    items = [builder.project(e) for e in running]
    eu = [i for i in items if i.eu]
    other = [i for i in items if not i.eu and i.kind in (Kind.PROJECT, Kind.PRESTUDY)]
    other_work = [i for i in items if not i.eu and i.kind in (Kind.NETWORK, Kind.ACTIVITY)]
    applications = sorted(
        (
            builder.application(e)
            for e in entries
            if annual.submitted_in(e.record.application, year)
        ),
        key=lambda a: (a.submitted_sort, a.project.casefold()),
    )
    results = sorted(
        (
            builder.result(e, r)
            for e in entries
            for r in e.record.results
            if annual.result_in(r, year)
        ),
        key=lambda r: (not r.implemented, r.date_sort, r.title.casefold()),
    )
    travel = builder.travel(entries)
    sdg_counts = Counter(n for e in running for n in set(e.record.sdgs))
    sdgs = [
        Goal(g.number, g.title(lang or config.language), g.colour, sdg_counts[g.number])
        for g in goals().values()
    ]
    unit_items = [
        builder.unit(u.id, items, applications, results)
        for u in config.units
        if unit is None or u.id == unit
    ]
    partners = builder.partners(running)
    granted = _granted(entries, year, config, words)
    title_unit = unit_items[0] if unit is not None else None
    subtitle = (
        words("unit_subtitle", unit=title_unit.name) if title_unit else words("report_subtitle")
    )
    return Report(
        year=year,
        lang=words.lang,
        organisation=words.text(config.organisation.name),
        title=words("report_title", year=year),
        subtitle=subtitle,
        compiled=words("compiled", date=words.today(today or dt.date.today())),
        vision=words.text(config.vision),
        unit=title_unit,
        key_figures=_key_figures(
            words, items, partners, applications, results, sdgs, travel, granted
        ),
        eu_projects=eu,
        other_projects=other,
        applications=[a.item for a in applications],
        other_work=other_work,
        results=[r.item for r in results],
        units=unit_items,
        partners=partners,
        sdgs=sdgs,
        travel=travel,
    )


@dataclass(frozen=True)
class _Sorted:
    """An item with the key it sorts by (dates sort by value, not by their text)."""

    item: ApplicationItem
    submitted_sort: tuple[int, int, int]
    project: str


@dataclass(frozen=True)
class _SortedResult:
    item: ResultItem
    implemented: bool
    date_sort: tuple[int, int, int]
    title: str


class _Builder(Names):
    def __init__(self, repo: Repository, config: Config, words: Words, year: int) -> None:
        super().__init__(repo, words)
        self.config, self.year = config, year

    def project(self, entry: Entry[Project]) -> ProjectItem:
        p, w = entry.record, self.words
        external = [f for f in p.funding if f.funder != OWN_FUNDER]
        own = [f for f in p.funding if f.funder == OWN_FUNDER]
        funders = [self.funder_name(f.funder) for f in external]
        if not external and p.application is not None and p.application.outcome == "granted":
            funders.append(self.funder_name(p.application.funder))
        funders += [self.funding_text(f) for f in own]
        contact = p.contact
        return ProjectItem(
            id=p.id,
            path=entry.path,
            title=w.text(p.title),
            kind=str(p.kind),
            kind_label=w(f"kind_{p.kind}"),
            status=str(p.status),
            owner_id=p.owner,
            owner=self.unit_name(p.owner),
            partners=[self.partner_ref(i) for i in p.partners],
            period=w.period(p.period),
            finished=annual.finished_in(p, self.year),
            eu=is_eu(p, self.config),
            funders=list(dict.fromkeys(funders)),
            funding=[self.funding_text(f) for f in external],
            sdgs=sdg_goals(p.sdgs, w),
            summary=w.text(p.summary),
            reach=[ReachItem(r.count, w.number(r.count), w.text(r.who)) for r in p.reach],
            contact=Person(contact.name, contact.email or "", w.text(contact.role))
            if contact
            else None,
        )

    def application(self, entry: Entry[Project]) -> _Sorted:
        p, w = entry.record, self.words
        a = p.application
        assert a is not None
        funder = self.funders.get(a.funder)
        item = ApplicationItem(
            project_id=p.id,
            project=w.text(p.title),
            owner_id=p.owner,
            owner=self.unit_name(p.owner),
            funder=self.funder_name(a.funder),
            eu=bool(funder and funder.eu),
            submitted=w.date(a.submitted),
            decided=w.date(a.decided) if a.decided else "",
            amount=w.money(a.amount.value, a.amount.currency) if a.amount else "",
            outcome=str(a.outcome),
            outcome_label=w(f"outcome_{a.outcome}"),
        )
        s = a.submitted
        return _Sorted(item, (s.year, s.month, s.day), item.project)

    def result(self, entry: Entry[Project], result: Result) -> _SortedResult:
        p, w = entry.record, self.words
        item = ResultItem(
            title=w.text(result.title),
            date=w.date(result.date),
            implemented=result.implemented,
            description=w.text(result.description),
            project_id=p.id,
            project=w.text(p.title),
            owner_id=p.owner,
            owner=self.unit_name(p.owner),
        )
        d = result.date
        return _SortedResult(item, result.implemented, (d.year, d.month, d.day), item.title)

    def travel(self, entries: list[Entry[Project]]) -> Travel:
        w = self.words
        trips = sorted(
            (
                (t.date, e.record, t)
                for e in entries
                for t in e.record.travel
                if annual.trip_in(t, self.year)
            ),
            key=lambda x: (x[0], x[1].id),
        )
        items = [
            Trip(
                date=w.date(t.date),
                destination=w.country(t.destination),
                place=t.place or "",
                travellers=t.travellers,
                flight=t.flight,
                compensated=t.compensated,
                project=w.text(p.title),
            )
            for _, p, t in trips
        ]
        flights = [t for t in items if t.flight]
        return Travel(
            trips=items,
            travellers=sum(t.travellers for t in items),
            flights=len(flights),
            compensated=sum(t.compensated for t in flights),
            uncompensated=sum(not t.compensated for t in flights),
        )

    def unit(
        self,
        unit_id: str,
        projects: list[ProjectItem],
        applications: list[_Sorted],
        results: list[_SortedResult],
    ) -> UnitItem:
        unit, w = self.units[unit_id], self.words
        contact = unit.contact
        return UnitItem(
            id=unit_id,
            name=w.text(unit.name),
            type_label=w(str(unit.type)),
            contact=Person(contact.name, contact.email or "", w.text(contact.role))
            if contact
            else None,
            projects=[p for p in projects if p.owner_id == unit_id],
            applications=[a.item for a in applications if a.item.owner_id == unit_id],
            results=[r.item for r in results if r.item.owner_id == unit_id],
        )

    def partners(self, running: list[Entry[Project]]) -> list[PartnerItem]:
        w = self.words
        by_partner: dict[str, list[str]] = defaultdict(list)
        for entry in running:
            for partner_id in entry.record.partners:
                by_partner[partner_id].append(w.text(entry.record.title))
        items = []
        for partner_id, projects in by_partner.items():
            partner = self.repo.partners.get(partner_id)
            if partner is None:
                continue
            items.append(
                PartnerItem(
                    id=partner_id,
                    name=w.text(partner.name),
                    type_label=w(f"ptype_{partner.type}"),
                    country=w.country(partner.country),
                    country_code=partner.country,
                    since=w.date(partner.since) if partner.since else "",
                    projects=projects,
                )
            )
        return sorted(items, key=lambda p: (p.country.casefold(), p.name.casefold()))


def _granted(entries: list[Entry[Project]], year: int, config: Config, words: Words) -> list[str]:
    """External funding granted by decisions of `year`, summed per currency."""
    totals: dict[str, float] = defaultdict(float)
    for entry in entries:
        a = entry.record.application
        if annual.granted_in(a, year) and a is not None and a.amount is not None:
            totals[a.amount.currency] += a.amount.value
    return [words.money(v, c) for c, v in sorted(totals.items())]


def _key_figures(
    w: Words,
    items: list[ProjectItem],
    partners: list[PartnerItem],
    applications: list[_Sorted],
    results: list[_SortedResult],
    sdgs: list[Goal],
    travel: Travel,
    granted: list[str],
) -> list[Figure]:
    kinds = Counter(i.kind for i in items)
    by_kind = [f"{w(f'kind_{k}')}: {kinds[k]}" for k in Kind if kinds[k]]
    finished = sum(i.finished for i in items)
    outcomes = Counter(a.item.outcome for a in applications)
    implemented = sum(r.implemented for r in results)
    return [
        Figure(w("kf_projects"), str(len(items)), [*by_kind, f"{w('kf_finished')}: {finished}"]),
        Figure(w("kf_partners"), str(len(partners))),
        Figure(w("kf_countries"), str(len({p.country_code for p in partners}))),
        Figure(w("kf_units"), str(len({i.owner_id for i in items}))),
        Figure(
            w("kf_applications"),
            str(len(applications)),
            [f"{w(f'outcome_{o}')}: {outcomes[o]}" for o in ("granted", "rejected", "pending")
             if outcomes[o]],
        ),
        Figure(w("kf_granted"), ", ".join(granted) if granted else "0"),
        Figure(w("kf_reach"), w.number(sum(r.count for i in items for r in i.reach))),
        Figure(w("kf_results"), str(len(results)), [f"{w('kf_implemented')}: {implemented}"]),
        Figure(w("kf_sdgs"), f"{sum(1 for g in sdgs if g.count)} / 17"),
        Figure(w("kf_trips"), str(len(travel.trips))),
    ]  # fmt: skip

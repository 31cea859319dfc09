"""The annual summary as a typed context: what templates and renderers receive.

`build_report` does every selection, sorting, counting and formatting, so a
template only lays things out and a municipality can write its own template
without knowing the YAML format (see docs/templates.md). Strings in the
context are final text in the output language; nothing in it is raw YAML.

Every key figure is computed from a list of `Source`s, one per record line
that makes it (a project's period, a partner reference, an application's
decision date): the figure's value is derived from exactly those sources, and
`intstrat report --explain` prints the same sources. There is no second
computation that could drift from the one in the document.

What the strategy demands is said only when intstrat.yaml has a `strategy:`
section; the report never borrows another municipality's policy.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from intstrat.documents.mdtext import MARKDOWN
from intstrat.domain import annual
from intstrat.domain.funding import is_eu
from intstrat.domain.names import (
    Goal,
    Names,
    PartnerRef,
    Person,
    decision_text,
    reach_total,
    sdg_goals,
)
from intstrat.errors import UsageError
from intstrat.format.models import (
    OWN_FUNDER,
    Application,
    Config,
    Contact,
    Kind,
    Outcome,
    Project,
    Reach,
    ReachUnit,
    Result,
    Term,
    UnitType,
)
from intstrat.format.models import Trip as TripRecord
from intstrat.format.sdgs import goals
from intstrat.formats import Language
from intstrat.i18n import Words, _
from intstrat.loading.parse import Loc
from intstrat.loading.repository import Entry, Locator, Repository


@dataclass(frozen=True)
class ReachItem:
    """One reach figure of a project, and whether it is in the year's total."""

    count: int
    count_text: str
    who: str
    unit: str
    """`people`, `households`, `organisations`, `places`, or "" when not given."""
    unit_label: str
    """"personer", "platser"; "" when not given."""
    span: str
    """The years it is for: "2023", "september 2022 – augusti 2024"; "" when not given."""
    counted: bool
    """Added to the year's reach figure (see `annual.reach_in`)."""
    note: str
    """Why it is not counted ("avser flera år"); "" when counted."""


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
    summary: str = field(metadata=MARKDOWN)
    """Markdown, as written in the record."""
    reach: list[ReachItem]
    contact: Person | None
    forms: list[str] = field(default_factory=list)
    """Names of its forms of international work."""
    goals: list[str] = field(default_factory=list)
    """Names of its strategic areas."""


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
    decision: str = ""
    """The outcome labelled by the year of its decision: "beviljad 2024",
    "väntar på beslut", "beviljad (beslutsdatum saknas)"."""
    decision_year: int | None = None
    """The year it was decided (None while pending)."""


@dataclass(frozen=True)
class ResultItem:
    title: str
    date: str
    implemented: bool
    description: str = field(metadata=MARKDOWN)
    """Markdown, as written in the record."""
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
    intro: str = ""
    """What the strategy says about travel, or a neutral sentence when it says nothing."""
    compensation_required: bool = False
    """The strategy asks for flights to be climate-compensated."""


@dataclass(frozen=True)
class UnitItem:
    id: str
    name: str
    type_label: str
    type_shown: str
    """`type_label`, or "" where the name says it already ("Utbildningsförvaltningen",
    "Växjö Energi AB"): a heading reads "Utbildningsförvaltningen", not
    "Utbildningsförvaltningen (förvaltning)"."""
    contact: Person | None
    projects: list[ProjectItem]
    applications: list[ApplicationItem]
    results: list[ResultItem]


@dataclass(frozen=True)
class AreaItem:
    """A form of international work or a strategic area, with the year's work in it."""

    id: str
    name: str
    description: str
    projects: list[ProjectItem]


@dataclass(frozen=True)
class Breakdown:
    """The year's work by the repository's own forms or strategic areas."""

    areas: list[AreaItem]
    """Every form (or area) in intstrat.yaml order, with or without work."""
    unassigned: list[ProjectItem]
    """Work of the year that names none of them."""


@dataclass(frozen=True)
class StrategyItem:
    """The strategy the work follows, from intstrat.yaml's `strategy:` section."""

    name: str
    adopted: str
    period: str
    url: str
    intro: str
    """"Sammanställningen följer Internationell strategi för Växjö kommun, antagen ..."."""
    reporting: str
    """What it says the yearly reporting contains ("" if not given)."""


@dataclass(frozen=True)
class Source:
    """One record line behind a key figure: what `intstrat report --explain` lists."""

    path: str
    loc: Loc
    """Where in the file: ("period",), ("partners", 0), ("application", "decided") ..."""
    key: str
    """What is counted: a project, partner or unit id, a country code, an SDG number."""
    text: str
    """The record as people know it, in the output language."""
    locator: Locator = field(repr=False, compare=False)
    """Finds `line` in the repository's files."""
    note: str = ""
    """Why it counts, or why not."""
    counted: bool = True
    """False for records listed only to say why they are not in the figure."""
    amount: float | None = None
    """What it adds to a sum (an amount of money, a reach count)."""
    measure: str = ""
    """The unit of `amount`: a currency code or a reach unit."""
    tags: tuple[str, ...] = ()
    """The figure's sub-groups it belongs to ("projekt", "varav avslutade under året")."""

    @property
    def line(self) -> int:
        """The line of `loc`, looked up when asked (`--explain`): finding it parses the
        file again, which for every file behind a figure cost more than the report."""
        return self.locator.at(self.path, self.loc)[0]

    def as_dict(self) -> dict[str, object]:
        """The source as `--explain --json` gives it."""
        return {
            "path": self.path,
            "line": self.line,
            "key": self.key,
            "text": self.text,
            "note": self.note,
            "counted": self.counted,
            "amount": self.amount,
            "measure": self.measure,
            "tags": list(self.tags),
        }


@dataclass(frozen=True)
class Figure:
    """One key figure: a label and its value as text, with sub-lines and its sources."""

    label: str
    value: str
    details: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    """The value as lines, one per currency or reach unit (never added together)."""
    rule: str = ""
    """What is counted, in one sentence."""
    sources: list[Source] = field(default_factory=list)
    key: str = ""
    """A stable name for the figure: `projects`, `granted`, `reach` ..."""


#: The report's sections in the order they appear. The HTML and Markdown templates
#: (one block each) and the Word writer (one function each) all follow this list.
SECTIONS: tuple[str, ...] = (
    "key_figures",
    "eu_projects",
    "other_projects",
    "applications",
    "other_work",
    "results",
    "forms",
    "goals",
    "reach",
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
    strategy: StrategyItem | None = None
    earlier_decisions: list[ApplicationItem] = field(default_factory=list)
    """Decisions of the year on applications submitted in earlier years."""
    forms: Breakdown = field(default_factory=lambda: Breakdown([], []))
    goals: Breakdown = field(default_factory=lambda: Breakdown([], []))
    reach: list[ProjectItem] = field(default_factory=list)
    """The year's work that reported reach, each with its figures."""
    units_intro: str = ""
    """What the strategy asks of each unit, or ""."""


def build_report(
    repo: Repository,
    year: int,
    lang: Language | None = None,
    unit: str | None = None,
    today: dt.date | None = None,
) -> Report:
    """The annual summary of `year` (limited to one unit with `unit`)."""
    if repo.config is None:
        raise UsageError(_("intstrat.yaml has errors; run 'intstrat check' and fix them first"))
    config = repo.config
    words = Words(lang or config.language)
    units = {u.id: u for u in config.units}
    if unit is not None and unit not in units:
        # A name works as in `list --unit` (Utbildningsförvaltningen, utbildning).
        from intstrat.domain.vocabulary import UnknownValue, Vocabulary

        try:
            unit = Vocabulary(repo).resolve("unit", unit)
        except UnknownValue as exc:
            raise UsageError(str(exc)) from None
    builder = _Builder(repo, config, words, year)

    entries = [e for e in repo.project_entries if unit is None or e.record.owner == unit]
    running = sorted(
        (e for e in entries if annual.ran_in(e.record, year)),
        key=lambda e: (builder.title(e).casefold(), e.record.id),
    )
    of_year = _of_year(entries, year)
    items = [builder.project(e) for e in running]
    eu = [i for i in items if i.eu]
    other = [i for i in items if not i.eu and i.kind in (Kind.PROJECT, Kind.PRESTUDY)]
    other_work = [i for i in items if not i.eu and i.kind in (Kind.NETWORK, Kind.ACTIVITY)]
    applications = sorted(
        (builder.application(e) for e in of_year.submitted),
        key=lambda a: (a.submitted_sort, a.project.casefold()),
    )
    earlier = sorted(
        (
            builder.application(e)
            for e in of_year.decided
            if not annual.submitted_in(e.record.application, year)
        ),
        key=lambda a: (a.submitted_sort, a.project.casefold()),
    )
    results = sorted(
        (builder.result(e, r) for e, _index, r in of_year.results),
        key=lambda r: (not r.implemented, r.date_sort, r.title.casefold()),
    )
    travel = builder.travel(of_year.trips)
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
    title_unit = unit_items[0] if unit is not None else None
    subtitle = (
        words("unit_subtitle", unit=title_unit.name) if title_unit else words("report_subtitle")
    )
    sections = tuple(
        s
        for s in SECTIONS
        if not (s == "forms" and not config.forms) and not (s == "goals" and not config.goals)
    )
    strategy = builder.strategy()
    return Report(
        year=year,
        lang=words.lang,
        organisation=words.text(config.organisation.name),
        title=words("report_title", year=year),
        subtitle=subtitle,
        compiled=words("compiled", date=words.today(today or dt.date.today())),
        vision=words.text(config.vision),
        unit=title_unit,
        key_figures=builder.key_figures(of_year, running),
        eu_projects=eu,
        other_projects=other,
        applications=[a.item for a in applications],
        other_work=other_work,
        results=[r.item for r in results],
        units=unit_items,
        partners=partners,
        sdgs=sdgs,
        travel=travel,
        sections=sections,
        strategy=strategy,
        earlier_decisions=[a.item for a in earlier],
        forms=_breakdown(words, config.forms, items, lambda p: p.forms),
        goals=_breakdown(words, config.goals, items, lambda p: p.goals),
        reach=[i for i in items if i.reach],
        units_intro=builder.units_intro(),
    )


def _breakdown(
    words: Words,
    terms: Sequence[Term],
    items: Sequence[ProjectItem],
    names_of: Callable[[ProjectItem], list[str]],
) -> Breakdown:
    """The year's work under each form (or area); work may sit under several."""
    areas = []
    for term in terms:
        name = words.text(term.name)
        areas.append(
            AreaItem(
                id=term.id,
                name=name,
                description=words.text(term.description),
                projects=[i for i in items if name in names_of(i)],
            )
        )
    return Breakdown(areas, [i for i in items if not names_of(i)])


@dataclass(frozen=True)
class _OfYear:
    """The records behind the year's applications, decisions, results and trips, in file
    order: each selected once by `annual`'s rules, then shared by the sections and the
    key figures, instead of each of them going through every record again."""

    submitted: list[Entry[Project]]
    """Applications submitted in the year."""
    decided: list[Entry[Project]]
    """Applications decided in the year, whenever submitted."""
    results: list[tuple[Entry[Project], int, Result]]
    """Results of the year, with their index in their project's list."""
    trips: list[tuple[Entry[Project], int, TripRecord]]
    """Trips of the year, with their index in their project's list."""


def _of_year(entries: Iterable[Entry[Project]], year: int) -> _OfYear:
    of_year = _OfYear([], [], [], [])
    for e in entries:
        p = e.record
        if p.application is not None:
            if annual.submitted_in(p.application, year):
                of_year.submitted.append(e)
            if annual.decided_in(p.application, year):
                of_year.decided.append(e)
        for i, r in enumerate(p.results):
            if annual.result_in(r, year):
                of_year.results.append((e, i, r))
        for i, t in enumerate(p.travel):
            if annual.trip_in(t, year):
                of_year.trips.append((e, i, t))
    return of_year


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
        self.forms = {t.id: t for t in config.forms}
        self.goals = {t.id: t for t in config.goals}
        self.partner_files = {e.record.id: e for e in reversed(repo.partner_entries)}
        # Each project's title, partner and reach figure appears in several sections and
        # key figures: each is made once (by file, partner id, and the figure itself,
        # which the repository keeps alive while the report is built).
        self._titles: dict[str, str] = {}
        self._partner_refs: dict[str, PartnerRef] = {}
        self._reach_items: dict[int, ReachItem] = {}

    def title(self, entry: Entry[Project]) -> str:
        """The project's title in the output language."""
        title = self._titles.get(entry.path)
        if title is None:
            title = self._titles[entry.path] = self.words.text(entry.record.title)
        return title

    def partner_ref(self, partner_id: str) -> PartnerRef:
        ref = self._partner_refs.get(partner_id)
        if ref is None:
            ref = self._partner_refs[partner_id] = super().partner_ref(partner_id)
        return ref

    def person(self, contact: Contact | None) -> Person | None:
        if contact is None:
            return None
        return Person(contact.name, contact.email or "", self.words.text(contact.role))

    # -------------------------------------------------------------- the strategy

    def strategy_name(self) -> str:
        strategy = self.config.strategy
        return self.words.text(strategy.name) if strategy else ""

    def strategy(self) -> StrategyItem | None:
        s, w = self.config.strategy, self.words
        if s is None:
            return None
        name = w.text(s.name)
        adopted = w.date(s.adopted) if s.adopted else ""
        return StrategyItem(
            name=name,
            adopted=adopted,
            period=w.period(s.period),
            url=s.url or "",
            intro=w("strategy_intro_adopted", name=name, date=adopted)
            if adopted
            else w("strategy_intro", name=name),
            reporting=w.text(s.reporting),
        )

    def units_intro(self) -> str:
        s = self.config.strategy
        if s is None or not s.contact_per_unit:
            return ""
        return self.words("units_intro_contact", strategy=self.strategy_name())

    def travel_intro(self) -> tuple[str, bool]:
        """The travel section's first sentence and whether compensation is required."""
        s, w = self.config.strategy, self.words
        policy = s.travel if s is not None else None
        if policy is None or not (policy.minimise or policy.compensate_flights):
            return w("travel_intro"), False
        name = self.strategy_name()
        if policy.minimise and policy.compensate_flights:
            return w("travel_policy_both", strategy=name), True
        if policy.minimise:
            return w("travel_policy_minimise", strategy=name), False
        return w("travel_policy_compensate", strategy=name), True

    # -------------------------------------------------------------- items

    def reach_item(self, reach: Reach) -> ReachItem:
        item = self._reach_items.get(id(reach))
        if item is None:
            item = self._reach_items[id(reach)] = self._reach_item(reach)
        return item

    def _reach_item(self, reach: Reach) -> ReachItem:
        w = self.words
        years = annual.reach_years(reach)
        span = ""
        if reach.year is not None:
            span = str(reach.year)
        elif reach.period is not None:
            span = w.period(reach.period)
        counted = annual.reach_in(reach, self.year)
        note = ""
        if not counted:
            if reach.unit is None:
                note = w("reach_no_unit")
            elif years is None:
                note = w("reach_no_year")
            elif annual.reach_spans(reach, self.year):
                note = w("reach_longer")
            else:
                note = w("reach_other_year")
        return ReachItem(
            count=reach.count,
            count_text=w.number(reach.count),
            who=w.text(reach.who),
            unit=str(reach.unit) if reach.unit else "",
            unit_label=w(f"reach_unit_{reach.unit}") if reach.unit else "",
            span=span,
            counted=counted,
            note=note,
        )

    def project(self, entry: Entry[Project]) -> ProjectItem:
        p, w = entry.record, self.words
        external = [f for f in p.funding if f.funder != OWN_FUNDER]
        own = [f for f in p.funding if f.funder == OWN_FUNDER]
        funders = [self.funder_name(f.funder) for f in external]
        if not external and p.application is not None and p.application.outcome == "granted":
            funders.append(self.funder_name(p.application.funder))
        funders += [self.funding_text(f) for f in own]
        return ProjectItem(
            id=p.id,
            path=entry.path,
            title=self.title(entry),
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
            reach=[self.reach_item(r) for r in p.reach],
            contact=self.person(p.contact),
            forms=[w.text(self.forms[f].name) for f in p.forms if f in self.forms],
            goals=[w.text(self.goals[g].name) for g in p.goals if g in self.goals],
        )

    def decision(self, a: Application) -> str:
        """ "beviljad 2024"; "väntar på beslut"; "beviljad (beslutsdatum saknas)"."""
        return decision_text(a, self.words)

    def application(self, entry: Entry[Project]) -> _Sorted:
        p, w = entry.record, self.words
        a = p.application
        assert a is not None
        funder = self.funders.get(a.funder)
        item = ApplicationItem(
            project_id=p.id,
            project=self.title(entry),
            owner_id=p.owner,
            owner=self.unit_name(p.owner),
            funder=self.funder_name(a.funder),
            eu=bool(funder and funder.eu),
            submitted=w.date(a.submitted),
            decided=w.date(a.decided) if a.decided else "",
            amount=w.money(a.amount.value, a.amount.currency) if a.amount else "",
            outcome=str(a.outcome),
            outcome_label=w(f"outcome_{a.outcome}"),
            decision=self.decision(a),
            decision_year=annual.decision_year(a),
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
            project=self.title(entry),
            owner_id=p.owner,
            owner=self.unit_name(p.owner),
        )
        d = result.date
        return _SortedResult(item, result.implemented, (d.year, d.month, d.day), item.title)

    def travel(self, of_year: list[tuple[Entry[Project], int, TripRecord]]) -> Travel:
        w = self.words
        trips = sorted(
            ((t.date, e, t) for e, _index, t in of_year), key=lambda x: (x[0], x[1].record.id)
        )
        items = [
            Trip(
                date=w.date(t.date),
                destination=w.country(t.destination),
                place=t.place or "",
                travellers=t.travellers,
                flight=t.flight,
                compensated=t.compensated,
                project=self.title(e),
            )
            for _, e, t in trips
        ]
        flights = [t for t in items if t.flight]
        intro, required = self.travel_intro()
        return Travel(
            trips=items,
            travellers=sum(t.travellers for t in items),
            flights=len(flights),
            compensated=sum(t.compensated for t in flights),
            uncompensated=sum(not t.compensated for t in flights),
            intro=intro,
            compensation_required=required,
        )

    def unit(
        self,
        unit_id: str,
        projects: list[ProjectItem],
        applications: list[_Sorted],
        results: list[_SortedResult],
    ) -> UnitItem:
        unit, w = self.units[unit_id], self.words
        name, label = w.text(unit.name), w(str(unit.type))
        return UnitItem(
            id=unit_id,
            name=name,
            type_label=label,
            type_shown="" if _says_type(name, unit.type) else label,
            contact=self.person(unit.contact),
            projects=[p for p in projects if p.owner_id == unit_id],
            applications=[a.item for a in applications if a.item.owner_id == unit_id],
            results=[r.item for r in results if r.item.owner_id == unit_id],
        )

    def partners(self, running: list[Entry[Project]]) -> list[PartnerItem]:
        w = self.words
        by_partner: dict[str, list[str]] = defaultdict(list)
        for entry in running:
            for partner_id in entry.record.partners:
                by_partner[partner_id].append(self.title(entry))
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

    # -------------------------------------------------------------- key figures

    def key_figures(self, of_year: _OfYear, running: list[Entry[Project]]) -> list[Figure]:
        """Every key figure with its sources; each value is derived from its sources."""
        return [
            self.fig_projects(running),
            self.fig_partners(running),
            self.fig_countries(running),
            self.fig_units(running),
            self.fig_applications(of_year.submitted),
            self.fig_decisions(of_year.decided),
            self.fig_granted(of_year.decided, running),
            self.fig_reach(running),
            self.fig_results(of_year.results),
            self.fig_sdgs(running),
            self.fig_trips(of_year.trips),
        ]

    def fig_projects(self, running: list[Entry[Project]]) -> Figure:
        w, year = self.words, self.year
        kinds = [w(f"kind_{k}") for k in Kind]
        finished = w("kf_finished")
        sources = []
        for e in running:
            p = e.record
            tags = (w(f"kind_{p.kind}"), *((finished,) if annual.finished_in(p, year) else ()))
            sources.append(
                Source(
                    path=e.path,
                    locator=self.repo.locator,
                    loc=("period",),
                    key=p.id,
                    text=self.title(e),
                    note=w("ex_ran", kind=w(f"kind_{p.kind}"), status=w(f"status_{p.status}"),
                           period=w.period(p.period)),
                    tags=tags,
                )
            )  # fmt: skip
        shown: dict[str, str | tuple[str, str]] = {
            w(f"kind_{k}"): (w(f"kf_kind_{k}_one", n="{n}"), w(f"kf_kind_{k}", n="{n}"))
            for k in Kind
        }
        shown[finished] = w("kf_finished_n", n="{n}")
        return _count_figure(
            "projects", w("kf_projects"), w("rule_projects", year=year), sources,
            details=[(k, False) for k in kinds] + [(finished, True)], shown=shown,
        )  # fmt: skip

    def fig_partners(self, running: list[Entry[Project]]) -> Figure:
        w = self.words
        sources = []
        for e in running:
            for i, partner_id in enumerate(e.record.partners):
                partner = self.repo.partners.get(partner_id)
                sources.append(
                    Source(
                        path=e.path,
                        locator=self.repo.locator,
                        loc=("partners", i),
                        key=partner_id,
                        text=self.partner_ref(partner_id).name,
                        note=w("ex_partner_in", project=self.title(e)),
                        counted=partner is not None,
                    )
                )
        return _count_figure("partners", w("kf_partners"), w("rule_partners"), sources)

    def fig_countries(self, running: list[Entry[Project]]) -> Figure:
        """The countries of the year's partners but the organisation's own: a Swedish
        university in a project is a partner, Sweden no country of the international work
        (listed for --explain, not counted)."""
        w = self.words
        assert self.repo.config is not None
        home = self.repo.config.organisation.country
        seen: set[str] = set()
        sources = []
        for e in running:
            for partner_id in e.record.partners:
                entry = self.partner_files.get(partner_id)
                if entry is None or partner_id in seen:
                    continue
                seen.add(partner_id)
                partner = entry.record
                sources.append(
                    Source(
                        path=entry.path,
                        locator=self.repo.locator,
                        loc=("country",),
                        key=partner.country,
                        text=w.country(partner.country),
                        note=w.text(partner.name)
                        if partner.country != home
                        else w("ex_own_country", partner=w.text(partner.name)),
                        counted=partner.country != home,
                    )
                )
        return _count_figure(
            "countries", w("kf_countries"), w("rule_countries", country=w.country(home)), sources
        )

    def fig_units(self, running: list[Entry[Project]]) -> Figure:
        w = self.words
        sources = [
            Source(
                path=e.path,
                locator=self.repo.locator,
                loc=("owner",),
                key=e.record.owner,
                text=self.unit_name(e.record.owner),
                note=self.title(e),
            )
            for e in running
        ]
        return _count_figure("units", w("kf_units"), w("rule_units"), sources)

    def _application_source(self, e: Entry[Project], loc: Loc, tag: str) -> Source:
        a = e.record.application
        assert a is not None
        w = self.words
        note = w("ex_application", submitted=w.date(a.submitted), decision=self.decision(a))
        return Source(
            path=e.path,
            locator=self.repo.locator,
            loc=loc,
            key=e.record.id,
            text=self.title(e),
            note=note,
            tags=(tag,),
        )

    def fig_applications(self, submitted: list[Entry[Project]]) -> Figure:
        """Applications submitted in the year, by the year and outcome of their decision."""
        w, year = self.words, self.year
        found = sorted(
            (
                (annual.decision_year(e.record.application) or 10_000,
                 list(Outcome).index(e.record.application.outcome), e)
                for e in submitted
                if e.record.application is not None
            ),
            key=lambda x: (x[0], x[1]),
        )  # fmt: skip
        sources, tags, shown = [], [], {}
        for decided, _order, e in found:
            a = e.record.application
            assert a is not None
            outcome = w(f"outcome_{a.outcome}")
            if decided == 10_000:
                tag, label = outcome, w(f"counted_{a.outcome}")
            else:
                tag = w("decision_tag", outcome=outcome, year=decided)
                label = w(f"counted_{a.outcome}_in", year=decided, n="{n}")
            tags.append(tag)
            shown[tag] = label
            sources.append(self._application_source(e, ("application", "submitted"), tag))
        return _count_figure(
            "applications", w("kf_applications"), w("rule_applications", year=year), sources,
            details=[(t, False) for t in dict.fromkeys(tags)], shown=shown,
        )  # fmt: skip

    def fig_decisions(self, decided: list[Entry[Project]]) -> Figure:
        """Decisions taken in the year, whenever the application was submitted."""
        w, year = self.words, self.year
        sources = []
        for e in decided:
            a = e.record.application
            if a is None:
                continue
            loc: Loc = ("application", "decided") if a.decided else ("application", "outcome")
            if "outcome" not in a.model_fields_set and not a.decided:
                loc = ("application",)
            sources.append(self._application_source(e, loc, w(f"outcome_{a.outcome}")))
        return _count_figure(
            "decisions", w("kf_decisions", year=year), w("rule_decisions", year=year), sources,
            details=[(w("outcome_granted"), False), (w("outcome_rejected"), False)],
            shown={w(f"outcome_{o}"): w(f"tally_{o}", n="{n}") for o in ("granted", "rejected")},
        )  # fmt: skip

    def fig_granted(self, decided: list[Entry[Project]], running: list[Entry[Project]]) -> Figure:
        """Money granted by decisions of the year: one line per currency, never converted.

        A grant written only under `funding:`, without an application, has no decision
        date and is in no year's figure: the year's work with such funding is named
        beside the figure, so the board does not read it as all the money there was.
        """
        w, year = self.words, self.year
        sources = []
        for e in decided:
            a = e.record.application
            if a is None or not annual.granted_in(a, year):
                continue
            loc: Loc = ("application", "amount") if a.amount else ("application",)
            sources.append(
                Source(
                    path=e.path,
                    locator=self.repo.locator,
                    loc=loc,
                    key=e.record.id,
                    text=self.title(e),
                    note=f"{w.money(a.amount.value, a.amount.currency)}; {self.decision(a)}"
                    if a.amount
                    else w("ex_no_amount", decision=self.decision(a)),
                    counted=a.amount is not None,
                    amount=a.amount.value if a.amount else None,
                    measure=a.amount.currency if a.amount else "",
                )
            )
        missing = sum(not s.counted for s in sources)
        details = [w("kf_granted_no_amount", n=missing)] if missing else []
        unrecorded = [e for e in running if annual.funding_without_application(e.record)]
        for e in unrecorded:
            funders = ", ".join(dict.fromkeys(self.funder_name(f.funder) for f in e.record.funding
                                              if f.funder != OWN_FUNDER))  # fmt: skip
            sources.append(
                Source(
                    path=e.path,
                    locator=self.repo.locator,
                    loc=("funding",),
                    key=e.record.id,
                    text=self.title(e),
                    note=w("ex_funding_unrecorded", funders=funders),
                    counted=False,
                )
            )
        if unrecorded:
            one = len(unrecorded) == 1
            details.append(w("kf_granted_unrecorded_one" if one else "kf_granted_unrecorded",
                             n=len(unrecorded)))  # fmt: skip
        return _sum_figure(
            "granted", w("kf_granted"), w("rule_granted", year=year), sources,
            fmt=lambda currency, total: w.money(total, currency),
            order=lambda currency: currency,
            empty=w("kf_amount_missing") if missing else w("kf_nothing_granted"),
            details=details,
        )  # fmt: skip

    def fig_reach(self, running: list[Entry[Project]]) -> Figure:
        """Reach of the year: only figures with a unit and a time frame inside the year."""
        w, year = self.words, self.year
        sources = []
        # A figure for several years that include this one is not added to the year's
        # total, but a reader must not take the total for all the year reached: the
        # figures of the year's multi-year work are named beside it, per unit.
        longer: dict[str, float] = defaultdict(float)
        others = 0
        for e in running:
            for i, reach in enumerate(e.record.reach):
                item = self.reach_item(reach)
                if annual.reach_spans(reach, year):
                    longer[item.unit] += reach.count
                elif not item.counted:
                    others += 1
                what = f"{item.count_text} {item.who}" + (f", {item.span}" if item.span else "")
                sources.append(
                    Source(
                        path=e.path,
                        locator=self.repo.locator,
                        loc=("reach", i),
                        key=f"{e.record.id}#{i}",
                        text=self.title(e),
                        note=what if item.counted else f"{what}: {item.note}",
                        counted=item.counted,
                        amount=reach.count,
                        measure=str(reach.unit) if reach.unit else "",
                    )
                )
        details = []
        if longer:
            amounts = [reach_total(w, u, longer[u]) for u in sorted(longer, key=_unit_order)]
            details.append(w("kf_reach_longer", amounts=w.join(amounts), year=year))
        if others:
            details.append(w("kf_reach_others_one" if others == 1 else "kf_reach_others", n=others))
        return _sum_figure(
            "reach", w("kf_reach"), w("rule_reach", year=year), sources,
            fmt=lambda unit, total: reach_total(w, unit, total),
            order=lambda unit: f"{_unit_order(unit):02d}",
            empty=w("kf_reach_none_alone", year=year) if longer else w("not_reported"),
            details=details,
        )  # fmt: skip

    def fig_results(self, of_year: list[tuple[Entry[Project], int, Result]]) -> Figure:
        w = self.words
        implemented = w("kf_implemented")
        sources = [
            Source(
                path=e.path,
                locator=self.repo.locator,
                loc=("results", i, "date"),
                key=f"{e.record.id}/{r.id}",
                text=w.text(r.title),
                note=f"{self.title(e)}, {w.date(r.date)}",
                tags=(implemented,) if r.implemented else (),
            )
            for e, i, r in of_year
        ]
        return _count_figure(
            "results", w("kf_results"), w("rule_results", year=self.year), sources,
            details=[(implemented, True)], shown={implemented: w("kf_implemented_n", n="{n}")},
        )  # fmt: skip

    def fig_sdgs(self, running: list[Entry[Project]]) -> Figure:
        w = self.words
        table = goals()
        sources = [
            Source(
                path=e.path,
                locator=self.repo.locator,
                loc=("sdgs",),
                key=str(n),
                text=f"{n}. {table[n].title(w.lang)}",
                note=self.title(e),
            )
            for e in running
            for n in sorted(set(e.record.sdgs))
        ]
        return _count_figure(
            "sdgs", w("kf_sdgs"), w("rule_sdgs"), sources, fmt=lambda n: f"{n} / 17"
        )

    def fig_trips(self, of_year: list[tuple[Entry[Project], int, TripRecord]]) -> Figure:
        w = self.words
        sources = [
            Source(
                path=e.path,
                locator=self.repo.locator,
                loc=("travel", i),
                key=f"{e.record.id}#{i}",
                text=self.title(e),
                note=w(
                    "ex_trip",
                    date=w.date(t.date),
                    destination=w.country(t.destination),
                    travellers=w.travellers(t.travellers),
                ),
            )
            for e, i, t in of_year
        ]
        return _count_figure("trips", w("kf_trips"), w("rule_trips", year=self.year), sources)


def _count_figure(
    key: str,
    label: str,
    rule: str,
    sources: list[Source],
    *,
    details: Iterable[tuple[str, bool]] = (),
    shown: Mapping[str, str | tuple[str, str]] | None = None,
    fmt: Callable[[int], str] = str,
) -> Figure:
    """A count of the distinct things (`Source.key`) among the counted sources.

    `details` are (tag, always): the number of distinct things with that tag,
    shown when non-zero or when `always`, as "tag: 2"; under its label in `shown` if it
    has one (a source's tag names one thing, "beviljad"; the count's label many,
    "beviljade"), where a label with `{n}` takes the number in its place ("2 beviljades
    2024", not "beviljade, beslut 2024: 2"), and a pair of labels is (one, many): "1
    förstudie", "2 förstudier".
    """
    counted = [s for s in sources if s.counted]
    lines = []
    for tag, always in details:
        n = len({s.key for s in counted if tag in s.tags})
        if n or always:
            said = (shown or {}).get(tag, tag)
            if isinstance(said, tuple):
                said = said[0] if n == 1 else said[1]
            lines.append(said.replace("{n}", str(n)) if "{n}" in said else f"{said}: {n}")
    value = fmt(len({s.key for s in counted}))
    return Figure(label, value, lines, [value], rule, sources, key)


#: Words in a unit's name that say what kind of unit it is, in either language.
_TYPE_WORDS = {
    UnitType.DEPARTMENT: re.compile(r"(?i:förvaltning|department|administration)"),
    UnitType.COMPANY: re.compile(r"(?i:bolag|company)|\b(?:AB|Ltd|Oy|A/S)\b"),
}


def _says_type(name: str, kind: UnitType) -> bool:
    return bool(_TYPE_WORDS[kind].search(name))


def _unit_order(unit: str) -> int:
    return list(ReachUnit).index(ReachUnit(unit))


def _sum_figure(
    key: str,
    label: str,
    rule: str,
    sources: list[Source],
    *,
    fmt: Callable[[str, float], str],
    order: Callable[[str], str],
    empty: str,
    details: list[str],
) -> Figure:
    """Sums of the counted sources' amounts, one per measure (currency, reach unit).

    Amounts in different measures are never added together: each gets a line.
    """
    totals: dict[str, float] = defaultdict(float)
    for s in sources:
        if s.counted and s.amount is not None:
            totals[s.measure] += s.amount
    values = [fmt(m, totals[m]) for m in sorted(totals, key=order)]
    return Figure(label, ", ".join(values) or empty, details, values or [empty], rule, sources, key)


@dataclass(frozen=True)
class Policy:
    """What intstrat.yaml's strategy says, in the words of the documents that cite it."""

    strategy: StrategyItem | None
    travel_intro: str
    """The strategy's travel rule, or a neutral sentence when it has none."""
    compensation_required: bool


def policy(repo: Repository, words: Words) -> Policy:
    """The strategy's name and rules as the annual summary states them (shared by the follow-up)."""
    if repo.config is None:
        raise UsageError(_("intstrat.yaml has errors; run 'intstrat check' and fix them first"))
    builder = _Builder(repo, repo.config, words, 0)
    intro, required = builder.travel_intro()
    return Policy(builder.strategy(), intro, required)

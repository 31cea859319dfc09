"""The strategy's follow-up over a mandate period, as a typed context.

Växjö's strategy is followed up once per mandate period, and Ljungby's plan asks
the coordinator to compile the work by form and strategic area.
`build_followup(repo, 2023, 2026)` gives, for each year of the period and for
the period as a whole: the work that ran, started and ended (in all, and per
form and strategic area of intstrat.yaml, with the areas that had no activity
flagged); applications submitted, granted and rejected and the share granted;
external funding granted per funder and currency; reach per unit; results;
partners (active, new, dormant) and their countries; travel and climate
compensation; and, when the data reaches back that far, the same figures for the
previous period beside them with the change.

Every per-year figure follows the rules of the annual summary
(`intstrat.domain.annual`) and is counted the way `report.py` counts its key
figures, so the follow-up of 2023–2026 and the annual summaries of 2023, 2024,
2025 and 2026 never disagree (tests/test_followup.py builds both from the
example data and compares them figure by figure). A figure for the whole period
counts each project, partner or country once, however many years it ran; its
reach adds the figures whose time frame ends inside the period
(`annual.reach_within`), which includes a figure for 2024–2025 that no single
year counts, and one for 2022–2024 that the previous period does not count.

Every figure is computed from a list of `Source`s, one record line each: the
value is derived from exactly those sources, and `intstrat followup --explain`
prints them with file and line. A source's line number is looked up only when it
is explained (`trace`): finding it means parsing the file again, which over
10,000 projects costs seconds the document does not need.

Strings in the context are final text in the output language; templates only
lay them out (docs/templates.md, "The follow-up").
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from intstrat.documents.report import StrategyItem, policy
from intstrat.domain import annual
from intstrat.domain.asof import repository_as_of
from intstrat.domain.names import Goal, Names, decision_text, reach_total
from intstrat.errors import UsageError
from intstrat.format.models import (
    OWN_FUNDER,
    RAN,
    Application,
    Config,
    FundingKind,
    Project,
    ReachUnit,
    Term,
)
from intstrat.format.sdgs import goals
from intstrat.format.values import PartialDate, Period
from intstrat.formats import Language
from intstrat.i18n import Words, _
from intstrat.loading.parse import Loc
from intstrat.loading.repository import Entry, Repository
from intstrat.loading.revision import Revision

#: The longest period a follow-up covers (a bound on the work, and on the table's width).
MAX_YEARS = 12
#: Years without activity after which a partner counts as dormant.
DORMANT_YEARS = 2
#: What a table shows where there is nothing to add up (no amount, no reach figure).
NOTHING = "–"
#: Why a reach figure is left out of a total, in the order the note names them: the same
#: group counts once with its largest figure; no unit; no year or period; its time frame
#: ends outside the span (it counts in the period it ends in).
LEFT_OUT = ("same_group", "no_unit", "no_year", "outside")
#: The charts of the follow-up (see `charts`).
CHARTS = ("trend", "funding", "forms", "goals", "sdgs")


class Source(NamedTuple):
    """One record line behind a figure; its line number is found when it is explained.

    A named tuple rather than a frozen dataclass: the follow-up of 10,000 projects
    makes some 100,000 of them, and a frozen dataclass takes 3 microseconds to make
    (a call of `object.__setattr__` per field), a named tuple under half of one.
    """

    path: str
    loc: Loc
    """Where in the file: ("application", "decided"), ("reach", 0) ..."""
    key: str
    """What is counted: a project, partner or unit id, a country code, an SDG number."""
    text: str
    """The record as people know it, in the output language."""
    note: str = ""
    """Why it counts, or why not."""
    counted: bool = True
    """False for records listed only to say why they are not in the figure."""
    amount: float | None = None
    """What it adds to a sum (an amount of money, a reach count, travellers)."""
    measure: str = ""
    """The unit of `amount`: a currency code or a reach unit."""


@dataclass(frozen=True)
class Cell:
    """One figure for one year or a span of years, derived from its sources."""

    value: str
    """The figure as text, lines joined: "8", "150 000 kr, 280 000 €", "67 %", "–"."""
    values: list[str]
    """One line per currency or reach unit (never added together)."""
    totals: dict[str, float]
    """The numbers behind it: {"": 8} for a count or share, {"SEK": 150000, "EUR": ...}."""
    sources: list[Source] = field(default_factory=list)
    known: bool = True
    """False for a year after --as-of: nothing of it was known yet."""


@dataclass(frozen=True)
class Row:
    """A figure year by year across the period, for the period, and for the previous one."""

    key: str
    """`running`, `started`, `ended`, `submitted`, `granted_amount`, `reach` ..."""
    label: str
    rule: str
    """What is counted, in one sentence (`--explain` prints it)."""
    years: list[Cell]
    """One per year of the period, in order (empty for a figure of the period only)."""
    period: Cell
    previous: Cell | None = None
    """The previous period of the same length, when the data reaches back that far."""
    change: list[str] = field(default_factory=list)
    """The change from the previous period, one line per measure: "+3", "−150 000 kr"."""
    history: list[Cell] = field(default_factory=list)
    """The previous period's years, for the trend chart (empty without a comparison)."""
    own_period: bool = False
    """The period's sources are its own, not the years' sources taken together (reach)."""


@dataclass(frozen=True)
class ReachLine:
    """The reach row for one unit, as a table shows it: "personer | 8 | – | 26 | 41 | 93"."""

    unit: str
    """`people`, `organisations`, ..."""
    label: str
    """"Deltagare och målgrupper (personer)"."""
    years: list[str]
    period: str
    previous: str


@dataclass(frozen=True)
class WorkItem:
    """A project, pre-study, network or activity that ran in the period."""

    id: str
    title: str
    kind_label: str
    owner: str
    period: str


@dataclass(frozen=True)
class AreaItem:
    """A form of international work or a strategic area, year by year."""

    id: str
    name: str
    description: str
    running: Row
    started: Row
    ended: Row
    work: list[WorkItem]
    """The work under it that ran in the period."""
    active: bool
    """Some work under it ran in the period; False is flagged "no activity"."""


@dataclass(frozen=True)
class Areas:
    """The period's work by the repository's own forms or strategic areas."""

    areas: list[AreaItem]
    """Every form (or area) of intstrat.yaml, in its order, with or without work."""
    unassigned: AreaItem | None
    """Work of the period naming none of them (None when there is none)."""
    inactive: list[str]
    """Names of the areas with no activity in the period."""


@dataclass(frozen=True)
class Funding:
    """External funding granted, per funder and currency, and the organisation's own part."""

    by_funder: list[Row]
    """Granted per funder, by year of decision; the label is the funder's name."""
    total: Row
    """All of it, per currency (the trend table's `granted_amount`)."""
    eu: Row
    """Granted by funders marked `eu: true`."""
    population: str
    """"97 000 invånare" from intstrat.yaml, or "" when it gives no population."""
    per_resident: list[str]
    """The period's grants per resident, per currency: "13,55 kr"; [] without population."""
    eu_per_resident: list[str]
    own: Row
    """The organisation's own contribution to the period's work: amounts per currency, for
    the period only (a project's own share is not divided by year)."""
    own_notes: list[str]
    """The own contribution in words: "egna medel: 140 000 €", "egen personaltid i 9 projekt"."""
    unrecorded: str = ""
    """How many projects of the period (and of the previous one) have funding from others
    but no application, so no year of decision and no place in the figures above; "" when
    none. Said under the table so that a board does not read the total as all there was."""


@dataclass(frozen=True)
class ResultItem:
    title: str
    date: str
    project: str
    owner: str


@dataclass(frozen=True)
class PartnerItem:
    id: str
    name: str
    country: str
    country_code: str
    type_label: str
    years: str
    """The years of the period with work with it: "2023–2026", "2023, 2025"."""
    projects: list[str]
    """Titles of the period's work with it."""
    new: bool
    """No work with it before the period (and no partnership before it)."""
    last_active: str
    """The last year with work with it ("2021"), or "" if there never was any."""


@dataclass(frozen=True)
class CountryItem:
    code: str
    name: str
    partners: list[str]


@dataclass(frozen=True)
class Partners:
    active: list[PartnerItem]
    """Partners in work that ran in the period, by country and name."""
    new: Row
    dormant: Row
    dormant_items: list[PartnerItem]
    """Partners with no work for two years or more at the period's end (ended
    partnerships, with `until` before it, are not dormant but over)."""
    countries: list[CountryItem]


@dataclass(frozen=True)
class Travel:
    rows: list[Row]
    """Trips, travellers, flights, compensated flights and their share."""
    intro: str
    """What the strategy says about travel, or a neutral sentence."""
    compensation_required: bool


#: The follow-up's sections in the order they appear; templates follow this list.
SECTIONS: tuple[str, ...] = (
    "key_figures",
    "trends",
    "forms",
    "goals",
    "funding",
    "results",
    "partners",
    "sdgs",
    "travel",
    "comparison",
)


@dataclass(frozen=True)
class Followup:
    """Everything in the follow-up of `first`..`last`, in the output language."""

    first: int
    last: int
    years: list[int]
    lang: Language
    organisation: str
    title: str
    subtitle: str
    period_label: str
    """"2023–2026"."""
    previous_label: str
    """"2019–2022", or "" when the data does not reach back that far."""
    compiled: str
    vision: str
    strategy: StrategyItem | None
    strategy_intro: str
    """"Uppföljningen gäller Internationell strategi för Växjö kommun, antagen ..." or ""."""
    basis: list[str]
    """What the figures rest on: the --as-of day, the git revision ([] for today's data)."""
    key_figures: list[Row]
    """The period's main figures (each a row of the sections below)."""
    work: list[Row]
    applications: list[Row]
    results: list[Row]
    reach: Row
    reach_others: int
    """Reach figures of the period's work that are not in the period's total, whatever why."""
    reach_others_note: str
    """Why they are not, one sentence per reason that applies, with its count ("1 uppgift
    räknas inte för perioden: samma grupp ..."); "" when every figure is in the total."""
    reach_lines: list[ReachLine]
    """`reach` split by unit, a number in each cell (tables); [] when nothing was summed."""
    funding: Funding
    forms: Areas
    goals: Areas
    implemented: list[ResultItem]
    """Results implemented in the period, oldest first."""
    partners: Partners
    sdgs: list[Goal]
    """All 17 goals with `count`: the period's work contributing to each."""
    travel: Travel | None
    """None when the repository records no travel at all."""
    comparison: list[Row]
    """The rows with a previous period, for the comparison section ([] without one)."""
    sections: tuple[str, ...] = SECTIONS
    as_of: dt.date | None = None
    unknown_note: str = ""
    """Said when --as-of falls before the period's end: the later years are empty."""

    def figures(self) -> list[Row]:
        """Every figure of the document once, in document order: what --explain lists."""
        rows = [*self.work, *self.applications, self.reach, *self.results]
        rows += [*self.funding.by_funder, self.funding.eu, self.funding.own]
        for areas in (self.forms, self.goals):
            for area in [*areas.areas, *([areas.unassigned] if areas.unassigned else [])]:
                rows += [area.running, area.started, area.ended]
        rows += [self.partners.new, self.partners.dormant]
        rows += self.travel.rows if self.travel else []
        return list({row.key: row for row in rows}.values())


def parse_period(text: str) -> tuple[int, int]:
    """`2023-2026` (or with an en dash) as (2023, 2026)."""
    parts = text.replace("–", "-").split("-")
    if len(parts) == 2 and all(p.strip().isdigit() and len(p.strip()) == 4 for p in parts):
        return int(parts[0]), int(parts[1])
    raise UsageError(
        _("'{text}' is not a period; write the first and last year: 2023-2026").format(text=text)
    )


def check_span(first: int, last: int) -> None:
    if not (1900 <= first <= 2100 and 1900 <= last <= 2100):
        raise UsageError(
            _("years go from 1900 to 2100, not {first}-{last}").format(first=first, last=last)
        )
    if last < first:
        raise UsageError(
            _("the period {first}-{last} ends before it starts; write {last}-{first}").format(
                first=first, last=last
            )
        )
    if last - first + 1 > MAX_YEARS:
        raise UsageError(
            _("a follow-up covers at most {n} years, not {first}-{last}").format(
                n=MAX_YEARS, first=first, last=last
            )
        )


def build_followup(
    repo: Repository,
    first: int,
    last: int,
    lang: Language | None = None,
    as_of: dt.date | None = None,
    today: dt.date | None = None,
    revision: Revision | None = None,
) -> Followup:
    """The follow-up of the years `first`..`last` (with `as_of`: as known on that day)."""
    if repo.config is None:
        raise UsageError(_("intstrat.yaml has errors; run 'intstrat check' and fix them first"))
    check_span(first, last)
    config = repo.config
    words = _Words(lang or config.language)
    data = repository_as_of(repo, as_of) if as_of is not None else repo
    return _Builder(data, config, words, first, last, as_of).build(
        today or dt.date.today(), revision
    )


class _Words(Words):
    """The document's words with formatted numbers, dates and sums remembered.

    Babel formats each in about 50 microseconds; 10,000 projects repeat a few hundred
    dates and counts, so the follow-up asks Babel once for each.
    """

    @functools.lru_cache(maxsize=8192)  # noqa: B019 (few, small, immutable keys)
    def number(self, value: float) -> str:
        return super().number(value)

    @functools.lru_cache(maxsize=8192)  # noqa: B019
    def date(self, value: PartialDate) -> str:
        return super().date(value)

    @functools.lru_cache(maxsize=8192)  # noqa: B019
    def money(self, value: float, currency: str) -> str:
        return super().money(value, currency)

    @functools.lru_cache(maxsize=512)  # noqa: B019
    def country(self, code: str) -> str:
        return super().country(code)


# ---------------------------------------------------------------------- cells


def _count(words: Words, sources: list[Source]) -> Cell:
    """The number of distinct things (`Source.key`) among the counted sources."""
    n = len({s.key for s in sources if s.counted})
    text = words.number(n)
    return Cell(text, [text], {"": n}, sources)


def _sum(
    sources: list[Source],
    fmt: Callable[[str, float], str],
    order: Callable[[str], Any],
    empty: str = NOTHING,
) -> Cell:
    """Sums of the counted sources' amounts, one per measure (currency, reach unit).

    With nothing to add, the value is `empty`: "–" for money and reach (there is no
    currency or unit to put a 0 in), "0" for travellers.
    """
    totals: dict[str, float] = defaultdict(float)
    for s in sources:
        if s.counted and s.amount is not None:
            totals[s.measure] += s.amount
    ordered = {m: totals[m] for m in sorted(totals, key=order)}
    values = [fmt(m, t) for m, t in ordered.items()]
    return Cell(", ".join(values) or empty, values or [empty], ordered, sources)


def _share(words: Words, part: Cell, whole: Cell) -> Cell:
    """`part` of `whole` as a percentage; the sources are the whole's."""
    n, d = part.totals.get("", 0), whole.totals.get("", 0)
    if not d:
        return Cell(NOTHING, [NOTHING], {}, whole.sources, whole.known)
    text = words.percent(n / d)
    return Cell(text, [text], {"": n / d}, whole.sources, whole.known)


def _unknown() -> Cell:
    return Cell(NOTHING, [NOTHING], {}, [], known=False)


def _union(cells: Iterable[Cell]) -> list[Source]:
    """The sources of several cells, each once, in order.

    A record line behind several years is one `Source` object, filed in each year by
    `collect`; telling them apart by identity is much cheaper than hashing every field.
    """
    return list({id(s): s for c in cells for s in c.sources}.values())


def _signed(words: Words, n: float, text: Callable[[float], str]) -> str:
    if n > 0:
        return f"+{text(n)}"
    if n < 0:
        return f"−{text(-n)}"
    return "±0"


# ---------------------------------------------------------------------- the builder


class _Buckets:
    """Sources per figure and year, filled in one pass over the records.

    Filed year first: the pass takes a year's table once per record and appends to
    its lists, rather than looking up figure and year for each of some 250,000 lines
    over 10,000 projects.
    """

    def __init__(self) -> None:
        self.years: dict[int, defaultdict[str, list[Source]]] = {}

    def year(self, year: int) -> defaultdict[str, list[Source]]:
        """The lists of `year`, by figure, to append to."""
        table = self.years.get(year)
        if table is None:
            table = self.years[year] = defaultdict(list)
        return table

    def add(self, key: str, year: int, source: Source) -> None:
        self.year(year)[key].append(source)

    def get(self, key: str, year: int) -> list[Source]:
        table = self.years.get(year)
        return table.get(key, []) if table is not None else []

    def figures(self) -> list[str]:
        """Every figure anything was filed under, in any year."""
        return list(dict.fromkeys(k for table in self.years.values() for k in table))


class _Builder(Names):
    def __init__(
        self,
        repo: Repository,
        config: Config,
        words: Words,
        first: int,
        last: int,
        as_of: dt.date | None,
    ) -> None:
        super().__init__(repo, words)
        self.config, self.first, self.last, self.as_of = config, first, last, as_of
        self.span = last - first + 1
        self.period_years = list(range(first, last + 1))
        self.previous_years = list(range(first - self.span, first))
        self.compare = self._reaches_back(first - self.span)
        self.years = (self.previous_years if self.compare else []) + self.period_years
        #: The last year anything was known of (the period's end, or the --as-of year).
        self.horizon = min(last, as_of.year) if as_of is not None else last
        self.partner_files = {e.record.id: e for e in reversed(repo.partner_entries)}
        self.eu = {f.id for f in config.funders if f.eu}
        #: The organisation's own country: not a country of its international work.
        self.home = config.organisation.country
        self.forms = {t.id: t for t in config.forms}
        self.goals = {t.id: t for t in config.goals}
        self._periods: dict[tuple[object, object], str] = {}
        self._sdg_titles = {n: g.title(words.lang) for n, g in goals().items()}
        #: The records (by id()) that ran in a known year of the period; see `collect`.
        self.ran_period: set[int] = set()
        self._countries: dict[str, Source | None] = {}
        self._titles: dict[int, str] = {}
        self._partner_names: dict[str, str] = {}
        #: The known years each record (by id()) ran in, of both periods; see `collect`.
        self._ran: dict[int, list[int]] = {}
        self._work: list[tuple[Project, WorkItem]] | None = None
        #: Why a reach source (by id()) is not counted: one of `LEFT_OUT`; see `_ReachSources`.
        self.left_out: dict[int, str] = {}

    # ------------------------------------------------------------------ helpers

    def _reaches_back(self, year: int) -> bool:
        """Whether any record is dated in `year` or earlier (a comparison is then fair)."""
        for entry in self.repo.project_entries:
            p = entry.record
            dates = [p.period.start] if p.period else []
            if p.application is not None:
                dates.append(p.application.submitted)
            dates += [r.date for r in p.results] + [t.date for t in p.travel]
            if any(d.year <= year for d in dates):
                return True
        return False

    def known_year(self, year: int) -> bool:
        return self.as_of is None or year <= self.as_of.year

    def period_text(self, period: Period | None) -> str:
        key = (period.start, period.end) if period else (None, None)
        if key not in self._periods:
            self._periods[key] = self.words.period(period)
        return self._periods[key]

    def label(self, years: Sequence[int]) -> str:
        return f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])

    def money(self, currency: str, total: float) -> str:
        return self.words.money(total, currency)

    def reach_text(self, unit: str, total: float) -> str:
        """`8 personer`, `1 plats`: a total with what it counts (as the annual summary)."""
        return reach_total(self.words, unit, total)

    # ------------------------------------------------------------------ one pass

    def collect(self) -> _Buckets:
        """Every record's sources, filed by figure and year, by the annual summary's rules."""
        w, b, years = self.words, _Buckets(), self.years
        known = [y for y in years if self.known_year(y)]
        seen_countries: dict[int, set[str]] = defaultdict(set)
        in_period: set[int] = set(self.period_years)
        in_previous: set[int] = set(self.previous_years)
        for entry in self.repo.project_entries:
            p, path = entry.record, entry.path
            title = self.title(p)
            ran = [y for y in known if annual.ran_in(p, y)]
            if ran:
                self._ran[id(p)] = ran
                if in_period.intersection(ran):
                    self.ran_period.add(id(p))
                reach = _ReachSources(self, entry, title)
                self._collect_work(b, entry, title, ran, seen_countries, reach)
                for span, key, (a, z) in (
                    (in_period, "reach:period", (self.first, self.last)),
                    (in_previous, "reach:previous", (years[0], self.first - 1)),
                ):
                    if span.intersection(ran):
                        for i in range(len(p.reach)):
                            b.add(key, 0, reach.get(i, a, z))
            self._collect_application(b, entry, title)
            for i, result in enumerate(p.results):
                y = result.date.year
                if y in years and annual.result_in(result, y):
                    source = Source(
                        path,
                        ("results", i, "date"),
                        f"{p.id}/{result.id}",
                        w.text(result.title),
                        f"{title}, {w.date(result.date)}",
                    )
                    b.add("results", y, source)
                    if result.implemented:
                        b.add("implemented", y, source)
            for i, trip in enumerate(p.travel):
                y = trip.date.year
                if y in years and annual.trip_in(trip, y):
                    note = w(
                        "ex_trip",
                        date=w.date(trip.date),
                        destination=w.country(trip.destination),
                        travellers=w.travellers(trip.travellers),
                    )
                    source = Source(
                        path, ("travel", i), f"{p.id}#{i}", title, note, amount=trip.travellers
                    )
                    b.add("trips", y, source)
                    b.add("travellers", y, source)
                    if trip.flight:
                        b.add("flights", y, source)
                        if trip.compensated:
                            b.add("compensated", y, source)
        return b

    def _collect_work(
        self,
        b: _Buckets,
        entry: Entry[Project],
        title: str,
        ran: list[int],
        seen_countries: dict[int, set[str]],
        reach: _ReachSources,
    ) -> None:
        """The work's lines in each year it ran: the same sources in every year, made once."""
        p, path, w = entry.record, entry.path, self.words
        note = w(
            "ex_ran",
            kind=w(f"kind_{p.kind}"),
            status=w(f"status_{p.status}"),
            period=self.period_text(p.period),
        )
        work = Source(path, ("period",), p.id, title, note)
        owner = Source(path, ("owner",), p.owner, self.unit_name(p.owner), title)
        in_project = w("ex_partner_in", project=title) if p.partners else ""
        partners = [
            Source(path, ("partners", i), partner_id, self.partner_name(partner_id), in_project,
                   counted=partner_id in self.repo.partners)
            for i, partner_id in enumerate(p.partners)
        ]  # fmt: skip
        countries = [
            (partner_id, country)
            for partner_id in p.partners
            if (country := self._country_source(partner_id)) is not None
        ]
        sdgs = [
            Source(path, ("sdgs",), str(n), f"{n}. {self._sdg_titles[n]}", title)
            for n in sorted(set(p.sdgs))
        ]
        forms = [f for f in dict.fromkeys(p.forms) if f in self.forms] or [""]
        areas = [g for g in dict.fromkeys(p.goals) if g in self.goals] or [""]
        keys = {
            what: [what]
            + [f"forms:{term}:{what}" for term in forms]
            + [f"goals:{term}:{what}" for term in areas]
            for what in ("running", "started", "ended")
        }
        n_reach = len(p.reach)
        for y in ran:
            table = b.year(y)
            for key in keys["running"]:
                table[key].append(work)
            if annual.started_in(p, y):
                for key in keys["started"]:
                    table[key].append(work)
            if annual.finished_in(p, y):
                for key in keys["ended"]:
                    table[key].append(work)
            table["units"].append(owner)
            if partners:
                table["partners"].extend(partners)
            if countries:
                seen = seen_countries[y]
                for partner_id, country in countries:
                    if partner_id not in seen:
                        seen.add(partner_id)
                        table["countries"].append(country)
            if sdgs:
                table["sdgs"].extend(sdgs)
            if n_reach:
                table["reach"].extend(reach.get(i, y, y) for i in range(n_reach))

    def partner_name(self, partner_id: str) -> str:
        """A partner's name in the output language (its id if there is no such partner)."""
        name = self._partner_names.get(partner_id)
        if name is None:
            partner = self.repo.partners.get(partner_id)
            name = self.words.text(partner.name) if partner else partner_id
            self._partner_names[partner_id] = name
        return name

    def _country_source(self, partner_id: str) -> Source | None:
        """The partner's country line, one object per partner (see `_union`)."""
        if partner_id in self._countries:
            return self._countries[partner_id]
        entry = self.partner_files.get(partner_id)
        if entry is None:
            self._countries[partner_id] = None
            return None
        partner, w = entry.record, self.words
        home = partner.country == self.home
        note = w.text(partner.name) + (f": {w('fu_home_country')}" if home else "")
        source = Source(
            entry.path, ("country",), partner.country, w.country(partner.country), note,
            counted=not home,
        )  # fmt: skip
        self._countries[partner_id] = source
        return source

    def title(self, p: Project) -> str:
        """The record's title in the output language, looked up once."""
        key = id(p)
        if key not in self._titles:
            self._titles[key] = self.words.text(p.title)
        return self._titles[key]

    def _collect_application(self, b: _Buckets, entry: Entry[Project], title: str) -> None:
        p, a, w = entry.record, entry.record.application, self.words
        if a is None:
            return
        decision = self.decision(a)
        note = w("ex_application", submitted=w.date(a.submitted), decision=decision)
        submitted = a.submitted.year
        if submitted in self.years and annual.submitted_in(a, submitted):
            b.add(
                "submitted",
                submitted,
                Source(entry.path, ("application", "submitted"), p.id, title, note),
            )
        year = annual.decision_year(a)
        if year is None or year not in self.years or not annual.decided_in(a, year):
            return
        loc: Loc = ("application", "decided") if a.decided else ("application", "outcome")
        if "outcome" not in a.model_fields_set and not a.decided:
            loc = ("application",)
        if not annual.granted_in(a, year):
            b.add("rejected", year, Source(entry.path, loc, p.id, title, note))
            return
        b.add("granted", year, Source(entry.path, loc, p.id, title, note))
        money = Source(
            entry.path,
            ("application", "amount") if a.amount else ("application",),
            p.id,
            title,
            f"{w.money(a.amount.value, a.amount.currency)}; {decision}"
            if a.amount
            else w("ex_no_amount", decision=decision),
            counted=a.amount is not None,
            amount=a.amount.value if a.amount else None,
            measure=a.amount.currency if a.amount else "",
        )
        b.add("granted_amount", year, money)
        b.add(f"funder:{a.funder}", year, money)
        if a.funder in self.eu:
            b.add("eu_amount", year, money)

    def decision(self, a: Application) -> str:
        """ "beviljad 2024", as the annual summary labels it."""
        return decision_text(a, self.words)

    # ------------------------------------------------------------------ rows

    def row(
        self,
        b: _Buckets,
        key: str,
        label: str,
        rule: str,
        make: Callable[[list[Source]], Cell],
    ) -> Row:
        """A figure per year, for the period (the years' sources together) and the previous."""

        def cell(year: int) -> Cell:
            return make(b.get(key, year)) if self.known_year(year) else _unknown()

        years = [cell(y) for y in self.period_years]
        period = make(_union(c for c in years if c.known))
        history = [cell(y) for y in self.previous_years] if self.compare else []
        previous = make(_union(history)) if self.compare else None
        return Row(
            key, label, rule, years, period, previous, self.change(period, previous), history
        )

    def change(
        self,
        now: Cell,
        before: Cell | None,
        fmt: Callable[[str, float], str] | None = None,
        points: bool = False,
    ) -> list[str]:
        """This period minus the previous one, per measure; never across measures."""
        if before is None:
            return []
        w = self.words
        if points:
            if "" not in now.totals or "" not in before.totals:
                return [NOTHING]
            points_diff = round((now.totals[""] - before.totals[""]) * 100)
            return [w("fu_points", n=_signed(w, points_diff, w.number))]
        measures = list(dict.fromkeys([*before.totals, *now.totals]))
        if not measures:
            return [NOTHING]
        lines = []
        for m in measures:
            diff = now.totals.get(m, 0) - before.totals.get(m, 0)
            text = (lambda n, m=m: fmt(m, n)) if fmt is not None else w.number
            lines.append(_signed(w, diff, text))
        return lines

    def count_row(self, b: _Buckets, key: str, label: str, rule: str = "") -> Row:
        """A count of distinct things per year, labelled by the words `label` and its rule."""
        w = self.words
        return self.row(b, key, w(label), rule or w(f"fu_rule_{key}"), lambda s: _count(w, s))

    def sum_row(
        self,
        b: _Buckets,
        key: str,
        label: str,
        rule: str,
        fmt: Callable[[str, float], str],
        order: Callable[[str], Any] = str,
        empty: str = NOTHING,
    ) -> Row:
        row = self.row(b, key, label, rule, lambda s: _sum(s, fmt, order, empty))
        return _with_change(row, self.change(row.period, row.previous, fmt))

    def share_row(self, key: str, label: str, rule: str, part: Row, whole: Row) -> Row:
        w = self.words
        years = [_share(w, p, q) for p, q in zip(part.years, whole.years, strict=True)]
        history = [_share(w, p, q) for p, q in zip(part.history, whole.history, strict=True)]
        period = _share(w, part.period, whole.period)
        previous = (
            _share(w, part.previous, whole.previous) if whole.previous and part.previous else None
        )
        return Row(
            key,
            label,
            rule,
            years,
            period,
            previous,
            self.change(period, previous, points=True),
            history,
        )

    # ------------------------------------------------------------------ the document

    def build(self, today: dt.date, revision: Revision | None) -> Followup:
        w, config = self.words, self.config
        b = self.collect()
        period_label = self.label(self.period_years)
        work = [
            self.count_row(b, "running", "fu_running"),
            self.count_row(b, "started", "fu_started"),
            self.count_row(b, "ended", "fu_ended"),
            self.count_row(b, "units", "kf_units"),
            self.count_row(b, "partners", "kf_partners"),
            self.count_row(
                b,
                "countries",
                "kf_countries",
                w("fu_rule_countries", country=w.country(self.home)),
            ),
            self.count_row(b, "sdgs", "kf_sdgs"),
        ]
        granted = self.count_row(b, "granted", "fu_granted")
        rejected = self.count_row(b, "rejected", "fu_rejected")
        decided = _merged(w, granted, rejected)
        granted_amount = self.sum_row(
            b, "granted_amount", w("fu_granted_amount"), w("fu_rule_granted_amount"), self.money
        )
        applications = [
            self.count_row(b, "submitted", "fu_submitted"),
            granted,
            rejected,
            self.share_row("success", w("fu_success"), w("fu_rule_success"), granted, decided),
            granted_amount,
        ]
        reach = self.reach_row(b)
        results = [
            self.count_row(b, "results", "kf_results"),
            self.count_row(b, "implemented", "fu_implemented"),
        ]
        travel = self.travel(b)
        partners = self.partners()
        funding = self.funding(b, granted_amount)
        rows = {r.key: r for r in [*work, *applications, reach, *results]}
        key_figures = [
            rows[k]
            for k in (
                "running",
                "started",
                "ended",
                "submitted",
                "success",
                "granted_amount",
                "reach",
                "results",
                "implemented",
                "partners",
                "countries",
            )
        ]
        comparison = (
            [
                *work,
                partners.new,
                partners.dormant,
                *applications,
                reach,
                *results,
                *(travel.rows if travel else []),
            ]
            if self.compare
            else []
        )
        sections = tuple(
            s
            for s in SECTIONS
            if not (s == "forms" and not config.forms)
            and not (s == "goals" and not config.goals)
            and not (s == "travel" and travel is None)
            and not (s == "comparison" and not comparison)
        )
        texts = policy(self.repo, w)
        strategy = texts.strategy
        basis = []
        if self.as_of is not None:
            basis.append(w("fu_as_of", date=w.today(self.as_of)))
        if revision is not None:
            basis.append(
                w(
                    "fu_revision",
                    rev=revision.name,
                    commit=revision.commit[:10],
                    date=w.today(revision.date),
                )
            )
        return Followup(
            first=self.first,
            last=self.last,
            years=self.period_years,
            lang=w.lang,
            organisation=w.text(config.organisation.name),
            title=w("fu_title", period=period_label),
            subtitle=w("fu_subtitle_mandate" if self.span == 4 else "fu_subtitle"),
            period_label=period_label,
            previous_label=self.label(self.previous_years) if self.compare else "",
            compiled=w("compiled", date=w.today(today)),
            vision=w.text(config.vision),
            strategy=strategy,
            strategy_intro=(
                ""
                if strategy is None
                else w("fu_strategy_intro_adopted", name=strategy.name, date=strategy.adopted)
                if strategy.adopted
                else w("fu_strategy_intro", name=strategy.name)
            ),
            basis=basis,
            key_figures=key_figures,
            work=work,
            applications=applications,
            results=results,
            reach=reach,
            reach_others=sum(not s.counted for s in reach.period.sources),
            reach_others_note=self.reach_others_note(reach.period.sources),
            reach_lines=self.reach_lines(reach),
            funding=funding,
            forms=self.areas(b, "forms", config.forms),
            goals=self.areas(b, "goals", config.goals),
            implemented=self.implemented(),
            partners=partners,
            sdgs=self.sdgs(),
            travel=travel,
            comparison=comparison,
            sections=sections,
            as_of=self.as_of,
            unknown_note=w("fu_not_known", date=w.today(self.as_of))
            if self.as_of is not None and self.as_of.year < self.last
            else "",
        )

    def reach_row(self, b: _Buckets) -> Row:
        """Reach per unit: each year by `reach_in`, the period by `reach_within`."""
        w = self.words
        units = list(ReachUnit)
        order = lambda unit: units.index(ReachUnit(unit))  # noqa: E731
        row = self.row(
            b, "reach", w("fu_reach"), w("fu_rule_reach"), lambda s: _sum(s, self.reach_text, order)
        )
        period = _sum(b.get("reach:period", 0), self.reach_text, order)
        previous = (
            _sum(b.get("reach:previous", 0), self.reach_text, order) if self.compare else None
        )
        change = self.change(period, previous, self.reach_text)
        return Row(
            row.key,
            row.label,
            row.rule,
            row.years,
            period,
            previous,
            change,
            row.history,
            own_period=True,
        )

    def reach_others_note(self, sources: Sequence[Source]) -> str:
        """`Followup.reach_others_note`: the figures left out of the period's reach, counted
        per reason, in the order of `LEFT_OUT`."""
        w = self.words
        reasons = Counter(self.left_out[id(s)] for s in sources if not s.counted)
        return " ".join(
            w(f"fu_reach_left_{why}_one" if reasons[why] == 1 else f"fu_reach_left_{why}",
              n=w.number(reasons[why]))
            for why in LEFT_OUT
            if reasons[why]
        )  # fmt: skip

    def reach_lines(self, row: Row) -> list[ReachLine]:
        """The reach row as one line per unit, so a cell holds a number, not a phrase.

        Only the units with a figure in the period: a unit only the previous period had
        would be a line of dashes, as the tables show no previous period; the comparison
        says it once ("1 445 personer, 41 hushåll" → "371 personer", "−41 hushåll").
        """
        w = self.words
        cells = [*row.years, row.period]

        def number(cell: Cell | None, unit: str) -> str:
            if cell is None:
                return ""
            return w.number(cell.totals[unit]) if unit in cell.totals else NOTHING

        return [
            ReachLine(
                unit=str(unit),
                label=f"{row.label} ({w(f'reach_unit_{unit}')})",
                years=[number(c, unit) if c.known else NOTHING for c in row.years],
                period=number(row.period, unit),
                previous=number(row.previous, unit),
            )
            for unit in ReachUnit
            if any(unit in c.totals for c in cells)
        ]

    def travel(self, b: _Buckets) -> Travel | None:
        if not any(e.record.travel for e in self.repo.project_entries):
            return None
        w = self.words
        trips = self.count_row(b, "trips", "kf_trips")
        travellers = self.sum_row(
            b,
            "travellers",
            w("col_travellers"),
            w("fu_rule_travellers"),
            lambda _m, n: w.number(n),
            empty="0",
        )
        flights = self.count_row(b, "flights", "fu_flights")
        compensated = self.count_row(b, "compensated", "fu_compensated")
        share = self.share_row(
            "compensated_share",
            w("fu_compensated_share"),
            w("fu_rule_compensated_share"),
            compensated,
            flights,
        )
        texts = policy(self.repo, w)
        return Travel(
            [trips, travellers, flights, compensated, share],
            texts.travel_intro,
            texts.compensation_required,
        )

    def funding(self, b: _Buckets, total: Row) -> Funding:
        w = self.words
        funders = [k.removeprefix("funder:") for k in b.figures() if k.startswith("funder:")]
        order = {f.id: i for i, f in enumerate(self.config.funders)}
        funders.sort(key=lambda f: (order.get(f, len(order)), f))
        by_funder = [
            self.sum_row(
                b,
                f"funder:{f}",
                self.funder_name(f),
                w("fu_rule_funder", funder=self.funder_name(f)),
                self.money,
            )
            for f in funders
        ]
        by_funder = [
            r for r in by_funder if r.period.sources or (r.previous and r.previous.sources)
        ]
        eu = self.sum_row(b, "eu_amount", w("fu_eu_total"), w("fu_rule_eu"), self.money)
        population = self.config.organisation.population
        per_resident: list[str] = []
        eu_per_resident: list[str] = []
        if population:
            per_resident = [
                w.money_exact(t / population, m) for m, t in total.period.totals.items()
            ]
            eu_per_resident = [
                w.money_exact(t / population, m) for m, t in eu.period.totals.items()
            ]
        own, notes = self.own_contribution()
        return Funding(
            unrecorded=self.unrecorded_funding(),
            by_funder=by_funder,
            total=total,
            eu=eu,
            population=w("fu_population", n=w.number(population)) if population else "",
            per_resident=per_resident,
            eu_per_resident=eu_per_resident,
            own=own,
            own_notes=notes,
        )

    def unrecorded_funding(self) -> str:
        """The sentence of `Funding.unrecorded`."""
        w = self.words
        counts = {"period": 0, "previous": 0}
        spans = {"period": set(self.period_years), "previous": set(self.previous_years)}
        for entry in self.repo.project_entries:
            if annual.funding_without_application(entry.record):
                ran = self._ran.get(id(entry.record), ())
                for span, years in spans.items():
                    counts[span] += bool(years.intersection(ran))
        n = counts["period"]
        if not n and not (self.compare and counts["previous"]):
            return ""
        text = w("fu_unrecorded_one" if n == 1 else "fu_unrecorded", n=n)
        if self.compare:
            text += " " + w("fu_unrecorded_previous", n=counts["previous"])
        return text + w("fu_unrecorded_end")

    def ran_in_period(self, p: Project) -> bool:
        """It ran in a (known) year of the period: `annual.ran_in`, remembered by `collect`."""
        return id(p) in self.ran_period

    def own_contribution(self) -> tuple[Row, list[str]]:
        """The organisation's own funding lines in the period's work, whole amounts."""
        w = self.words
        sources, staff, unspecified = [], set(), set()
        for entry in self.repo.project_entries:
            p = entry.record
            if not self.ran_in_period(p):
                continue
            for i, f in enumerate(p.funding):
                if f.funder != OWN_FUNDER:
                    continue
                if f.amount is not None:
                    kind = w(f"fkind_{f.kind}") if f.kind else w("own")
                    sources.append(
                        Source(
                            entry.path,
                            ("funding", i),
                            f"{p.id}#{i}",
                            self.title(p),
                            f"{w.money(f.amount.value, f.amount.currency)} ({kind})",
                            amount=f.amount.value,
                            measure=f.amount.currency,
                        )
                    )
                elif f.kind is FundingKind.STAFF_TIME:
                    staff.add(p.id)
                else:
                    unspecified.add(p.id)
        row = Row("own", w("fu_own"), w("fu_rule_own"), [], _sum(sources, self.money, str))
        notes = [w("fu_own_amounts", amounts=row.period.value)] if sources else []
        if staff:
            notes.append(w("fu_own_staff", n=len(staff)))
        if unspecified:
            notes.append(w("fu_own_unspecified", n=len(unspecified)))
        if notes:  # the notes are shown as one sentence, joined by "; "
            notes[0] = notes[0][:1].upper() + notes[0][1:]
        return row, notes

    def period_work(self) -> list[tuple[Project, WorkItem]]:
        """The work that ran in the period, by title, each with its item (made once)."""
        if self._work is None:
            w = self.words
            ran = [e.record for e in self.repo.project_entries if self.ran_in_period(e.record)]
            ran.sort(key=lambda p: (self.title(p).casefold(), p.id))
            self._work = [
                (p, WorkItem(p.id, self.title(p), w(f"kind_{p.kind}"), self.unit_name(p.owner),
                             self.period_text(p.period)))
                for p in ran
            ]  # fmt: skip
        return self._work

    def areas(self, b: _Buckets, prefix: str, terms: Sequence[Term]) -> Areas:
        """Each form (or strategic area) year by year, and the work of the period under it."""
        w = self.words
        work: dict[str, list[WorkItem]] = defaultdict(list)
        lookup = self.forms if prefix == "forms" else self.goals
        for p, item in self.period_work():
            ids = [t for t in dict.fromkeys(getattr(p, prefix)) if t in lookup] or [""]
            for term in ids:
                work[term].append(item)

        def area(term_id: str, name: str, description: str) -> AreaItem:
            running, started, ended = (
                self.row(
                    b,
                    f"{prefix}:{term_id}:{what}",
                    f"{name}: {w(f'fu_area_{what}')}",
                    w(f"fu_rule_area_{what}", area=name),
                    lambda s: _count(w, s),
                )
                for what in ("running", "started", "ended")
            )
            return AreaItem(
                term_id, name, description, running, started, ended, work[term_id],
                active=bool(work[term_id]),
            )  # fmt: skip

        items = [area(t.id, w.text(t.name), w.text(t.description)) for t in terms]
        unassigned = area("", w(f"unassigned_{prefix}"), "") if work[""] else None
        return Areas(items, unassigned, [a.name for a in items if not a.active])

    def implemented(self) -> list[ResultItem]:
        w = self.words
        found = [
            (r.date, w.text(r.title), e.record)
            for e in self.repo.project_entries
            for r in e.record.results
            if r.implemented and self.first <= r.date.year <= self.horizon
        ]
        found.sort(key=lambda x: (x[0], x[1].casefold()))
        return [
            ResultItem(title, w.date(date), self.title(p), self.unit_name(p.owner))
            for date, title, p in found
        ]

    def sdgs(self) -> list[Goal]:
        counts = Counter(
            n
            for e in self.repo.project_entries
            if self.ran_in_period(e.record)
            for n in set(e.record.sdgs)
        )
        return [
            Goal(g.number, self._sdg_titles[g.number], g.colour, counts[g.number])
            for g in goals().values()
        ]

    # ------------------------------------------------------------------ partners

    def partners(self) -> Partners:
        """Active, new and dormant partners, and the countries of the active ones; new
        and dormant in the previous period too, for the comparison."""
        w = self.words
        history = self._partner_history(self.horizon, set(self.period_years))
        items: dict[str, PartnerItem] = {}
        for pentry in self.partner_files.values():
            partner = pentry.record
            years = sorted(history.years.get(partner.id, ()))
            items[partner.id] = PartnerItem(
                id=partner.id,
                name=w.text(partner.name),
                country=w.country(partner.country),
                country_code=partner.country,
                type_label=w(f"ptype_{partner.type}"),
                years=_years_text(years),
                projects=history.projects.get(partner.id, []),
                new=self._is_new(partner.id, history, self.first),
                last_active=str(history.last[partner.id]) if partner.id in history.last else "",
            )

        def order(item: PartnerItem) -> tuple[str, str]:
            return item.country.casefold(), item.name.casefold()

        active = sorted((i for i in items.values() if i.projects), key=order)
        ordered = sorted(items.values(), key=order)
        new_sources = self._new_sources([i for i in active if i.new], history)
        dormant = [i for i in ordered if self._is_dormant(i.id, history, self.horizon)]
        previous_new: Cell | None = None
        previous_dormant: Cell | None = None
        if self.compare:
            before = self._partner_history(self.first - 1, set(self.previous_years))
            start = self.first - self.span
            came = [i for i in ordered if self._is_new(i.id, before, start)]
            previous_new = _count(w, self._new_sources(came, before))
            previous_dormant = _count(
                w,
                self._dormant_sources(
                    [i for i in ordered if self._is_dormant(i.id, before, self.first - 1)], before
                ),
            )
        new_cell = _count(w, new_sources)
        new = Row(
            "new_partners",
            w("fu_new_partners"),
            w("fu_rule_new_partners"),
            [],
            new_cell,
            previous_new,
            self.change(new_cell, previous_new),
        )
        dormant_cell = _count(w, self._dormant_sources(dormant, history))
        dormant_row = Row(
            "dormant_partners",
            w("fu_dormant"),
            w("fu_rule_dormant", years=DORMANT_YEARS, year=self.horizon - DORMANT_YEARS + 1),
            [],
            dormant_cell,
            previous_dormant,
            self.change(dormant_cell, previous_dormant),
        )
        countries: dict[str, list[str]] = defaultdict(list)
        for item in active:
            if item.country_code != self.home:  # a partner at home, but not a country abroad
                countries[item.country_code].append(item.name)
        country_items = sorted(
            (CountryItem(code, w.country(code), names) for code, names in countries.items()),
            key=lambda c: c.name.casefold(),
        )
        return Partners(active, new, dormant_row, dormant, country_items)

    def _partner_history(self, horizon: int, window: set[int]) -> _PartnerHistory:
        """What the projects that ran up to `horizon` say of each partner: the first and
        last year of its work, the years of `window` it worked in, and those projects."""
        history = _PartnerHistory()
        for entry in self.repo.project_entries:
            p = entry.record
            if p.status not in RAN or p.period is None:
                continue
            start = p.period.start.year
            if start > horizon:
                continue
            end = min(p.period.end.year if p.period.end else horizon, horizon)
            in_window = [y for y in self._ran.get(id(p), ()) if y in window]
            for partner_id in dict.fromkeys(p.partners):
                history.first[partner_id] = min(history.first.get(partner_id, start), start)
                history.last[partner_id] = max(history.last.get(partner_id, end), end)
                history.years[partner_id].update(in_window)
                if in_window:
                    history.projects[partner_id].append(self.title(p))
        return history

    def _is_new(self, partner_id: str, history: _PartnerHistory, first: int) -> bool:
        """Worked with in the window, and never before `first` (nor a partner before it)."""
        since = self.partner_files[partner_id].record.since
        return (
            bool(history.years.get(partner_id))
            and history.first.get(partner_id, first) >= first
            and (since is None or since.year >= first)
        )

    def _is_dormant(self, partner_id: str, history: _PartnerHistory, horizon: int) -> bool:
        """A partner at `horizon` with no work in its last `DORMANT_YEARS` years.

        A partnership begins at `since`, or, without one, with its first work: a partner
        first worked with in 2026 was no dormant partner in 2019-2022, only not yet one.
        """
        partner = self.partner_files[partner_id].record
        ended = partner.until is not None and partner.until.year <= horizon
        begins = (
            partner.since.year if partner.since is not None else self._first_work.get(partner_id)
        )
        not_yet = begins is not None and begins > horizon
        last = history.last.get(partner_id)
        return not (ended or not_yet or (last is not None and last > horizon - DORMANT_YEARS))

    @functools.cached_property
    def _first_work(self) -> dict[str, int]:
        """The first year of any work with each partner, at any time."""
        first: dict[str, int] = {}
        for entry in self.repo.project_entries:
            p = entry.record
            if p.status not in RAN or p.period is None:
                continue
            for partner_id in p.partners:
                first[partner_id] = min(
                    first.get(partner_id, p.period.start.year), p.period.start.year
                )
        return first

    def _new_sources(self, items: list[PartnerItem], history: _PartnerHistory) -> list[Source]:
        w = self.words
        return [
            Source(
                self.partner_files[item.id].path,
                ("id",),
                item.id,
                item.name,
                w("fu_first_work", year=history.first[item.id]),
            )
            for item in items
        ]

    def _dormant_sources(self, items: list[PartnerItem], history: _PartnerHistory) -> list[Source]:
        w = self.words
        sources = []
        for item in items:
            last = history.last.get(item.id)
            sources.append(
                Source(
                    self.partner_files[item.id].path,
                    ("id",),
                    item.id,
                    item.name,
                    w("fu_last_active", year=last) if last is not None else w("fu_never_active"),
                )
            )
        return sources


@dataclass
class _PartnerHistory:
    """Per partner id: first and last year of work, years worked in a window, projects."""

    first: dict[str, int] = field(default_factory=dict)
    last: dict[str, int] = field(default_factory=dict)
    years: defaultdict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    projects: defaultdict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


class _ReachSources:
    """A project's reach figures as sources, each note written once (not once a year)."""

    def __init__(self, builder: _Builder, entry: Entry[Project], title: str) -> None:
        self.builder, self.entry, self.title = builder, entry, title
        self.made: dict[tuple[int, int, int], Source] = {}
        self.what: dict[int, str] = {}

    def get(self, i: int, first: int, last: int) -> Source:
        """Figure `i` as a source of the total of `first`..`last`: counted, or why not."""
        key = (i, first, last)
        if key not in self.made:
            self.made[key] = self._make(i, first, last)
        return self.made[key]

    def _make(self, i: int, first: int, last: int) -> Source:
        reach, w = self.entry.record.reach[i], self.builder.words
        if i not in self.what:
            what = f"{w.number(reach.count)} {w.text(reach.who)}"
            if reach.year is not None:
                what += f", {reach.year}"
            elif reach.period is not None:
                what += f", {self.builder.period_text(reach.period)}"
            self.what[i] = what
        counted = annual.reach_within(reach, first, last)
        again = counted and annual.counted_in_another_year(self.entry.record.reach, i, first, last)
        note, reason = self.what[i], ""
        if again:
            counted, reason = False, "same_group"
            note = f"{note}: {w('fu_reach_same_group')}"
        elif not counted:
            years = annual.reach_years(reach)
            reason = "no_unit" if reach.unit is None else "no_year" if years is None else "outside"
            why = (
                w("reach_no_unit") if reach.unit is None
                else w("reach_no_year") if years is None
                else w("fu_reach_outside") if first != last
                else w("reach_longer") if annual.reach_spans(reach, first)
                else w("reach_other_year")
            )  # fmt: skip
            note = f"{note}: {why}"
        source = Source(
            self.entry.path, ("reach", i), f"{self.entry.record.id}#{i}", self.title, note,
            counted, amount=reach.count, measure=str(reach.unit) if reach.unit else "",
        )  # fmt: skip
        if reason:
            self.builder.left_out[id(source)] = reason
        return source


def _with_change(row: Row, change: list[str]) -> Row:
    return replace(row, change=change)


def _merged(words: Words, a: Row, b: Row) -> Row:
    """Two counts added, year by year (granted and rejected: the decisions)."""

    def add(x: Cell, y: Cell) -> Cell:
        if not x.known:
            return x
        return _count(words, [*x.sources, *y.sources])

    years = [add(x, y) for x, y in zip(a.years, b.years, strict=True)]
    history = [add(x, y) for x, y in zip(a.history, b.history, strict=True)]
    previous = add(a.previous, b.previous) if a.previous and b.previous else None
    return Row("decided", "", "", years, add(a.period, b.period), previous, [], history)


def _years_text(years: Sequence[int]) -> str:
    """`2023–2026`, `2023, 2025`, "" for none: runs of years joined."""
    runs: list[list[int]] = []
    for y in years:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def charts(f: Followup, png: bool = False) -> dict[str, str | bytes]:
    """The follow-up's charts: the trends year by year, the funding per funder (a panel
    per currency), the work per strategic area, the SDGs. Inline SVG for HTML and PDF
    (written directly, `svgcharts`), or PNG with `png` (Word, drawn by matplotlib); a
    chart with nothing to show is "" (b"")."""
    from intstrat.documents import charts as draw
    from intstrat.documents import svgcharts as svg

    w = Words(f.lang)
    rows = {r.key: r for r in [*f.work, *f.applications]}
    history = len(rows["running"].history)
    years = [str(y) for y in range(f.first - history, f.last + 1)]
    out: dict[str, str | bytes] = dict.fromkeys(CHARTS, b"" if png else "")

    def values(key: str) -> list[float]:
        row = rows[key]
        return [c.totals.get("", 0) for c in [*row.history, *row.years]]

    trend: list[tuple[str, list[draw.Series]]] = [
        (w("fu_work"), [
            (w("fu_running"), values("running"), draw.ACCENT),
            (w("fu_started"), values("started"), draw.ACCENT_MID),
            (w("fu_ended"), values("ended"), draw.ACCENT_LIGHT),
        ]),
        (w("fu_applications"), [
            (w("fu_chart_submitted"), values("submitted"), draw.ACCENT),
            (w("fu_chart_granted"), values("granted"), draw.GRANTED),
            (w("fu_chart_rejected"), values("rejected"), draw.REJECTED),
        ]),
    ]  # fmt: skip
    title = w("fu_chart_trends_alt", years=f"{years[0]}–{years[-1]}")
    spans = (f.previous_label, f.period_label)
    out["trend"] = (
        draw.png_of(draw.trend_chart(years, trend, divider=history or None, spans=spans))
        if png
        else svg.trend_svg(years, trend, title, divider=history or None, spans=spans)
    )
    funders = f.funding.by_funder
    currencies = sorted(
        {m for r in funders for m in [*r.period.totals, *(r.previous.totals if r.previous else {})]}
    )
    panels: list[tuple[str, list[tuple[str, float, str, float | None, str]]]] = []
    for currency in currencies:
        bars = []
        for r in funders:
            now = r.period.totals.get(currency, 0)
            before = r.previous.totals.get(currency, 0) if r.previous else None
            if now or before:
                bars.append((r.label, now, w.money(now, currency), before,
                             w.money(before, currency) if before else ""))  # fmt: skip
        panels.append((currency, bars))
    if len(panels) > 1:
        # Each currency's bars have their own scale (amounts are never converted), so
        # 700 000 € and 2 500 000 kr may be bars of one length: each panel says so.
        panels = [(w("fu_chart_own_scale", currency=c), bars) for c, bars in panels]
    if panels:
        title = w("fu_chart_funding_alt", period=f.period_label)
        out["funding"] = (
            draw.png_of(draw.funding_chart(panels, f.period_label, f.previous_label))
            if png
            else svg.funding_svg(panels, title, f.period_label, f.previous_label)
        )
    # Activity per strategic area as a chart; the forms have their table (a chart of each
    # would repeat the tables and cost a page and a second of printing).
    for name, areas in (("goals", f.goals),):
        if not any(a.active for a in areas.areas):
            continue
        names = [a.name for a in areas.areas]
        area_years = [str(y) for y in f.years]
        counts = [[int(c.totals.get("", 0)) for c in a.running.years] for a in areas.areas]
        title = w("fu_chart_areas_alt", what=w(name).lower(), period=f.period_label)
        out[name] = (
            draw.png_of(draw.area_chart(names, area_years, counts, w("fu_running")))
            if png
            else svg.area_svg(names, area_years, counts, w("fu_running"), title)
        )
    if any(g.count for g in f.sdgs):
        if png:
            out["sdgs"] = draw.sdg_chart_png(list(f.sdgs), w("col_count"))
        else:
            out["sdgs"] = svg.sdg_svg(
                list(f.sdgs), w("col_count"), w("fu_sdgs_chart_alt", period=f.period_label)
            )
    return out

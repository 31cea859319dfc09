"""IATI readiness: what each project becomes in IATI 2.03, and what would stop it.

One function, `plan`, decides the mapping from records to IATI values (status
codes, dates resolved from partial dates, budgets split by year, participating
organisations, ...) and reports, as ordinary diagnostics pinned to the YAML,
everything that would make the published file invalid. `intstrat check --iati`
shows those diagnostics; `intstrat export iati` writes exactly the activities
planned here, so the check and the export never disagree. docs/iati.md
documents every rule.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from intstrat.format.models import (
    OWN_FUNDER,
    Config,
    Kind,
    Outcome,
    PartnerType,
    Project,
    Status,
)
from intstrat.format.values import LocalText, PartialDate
from intstrat.i18n import Words, _, current_language
from intstrat.loading.listing import CONFIG_FILE
from intstrat.loading.parse import Loc
from intstrat.loading.repository import Entry

if TYPE_CHECKING:
    from intstrat.checks.rules import Context

#: IATI ActivityStatus per status. Ideas and applications are published only on
#: request (as 1 pipeline); rejected applications never are.
STATUS_CODES: dict[Status, str] = {
    Status.PLANNED: "1",  # pipeline/identification
    Status.ONGOING: "2",  # implementation
    Status.COMPLETED: "4",  # closed
    Status.CANCELLED: "5",  # cancelled
}
PIPELINE_CODES: dict[Status, str] = {Status.IDEA: "1", Status.APPLIED: "1"}
#: Kinds published unless asked otherwise: projects and pre-studies are development
#: cooperation; a network membership or a conference is not an IATI activity.
DEFAULT_KINDS: frozenset[Kind] = frozenset({Kind.PROJECT, Kind.PRESTUDY})

#: IATI OrganisationType per partner type; organisations and networks are too
#: varied to guess, so they get no type.
PARTNER_TYPES: dict[PartnerType, str] = {
    PartnerType.MUNICIPALITY: "11",  # local government
    PartnerType.REGION: "11",
    PartnerType.UNIVERSITY: "80",  # academic, training and research
    PartnerType.COMPANY: "70",  # private sector
}

LOCAL_GOVERNMENT = "11"
ORG_NUMBER_PREFIX = "SE-ON-"
# ActivityDateType, OrganisationRole, DescriptionType, BudgetStatus (IATI codelists).
PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"
FUNDING, ACCOUNTABLE, IMPLEMENTING = "1", "2", "4"
GENERAL, OBJECTIVES = "1", "2"
INDICATIVE, COMMITTED = "1", "2"

#: Characters XML 1.0 cannot hold or that no reader wants: C0 controls except
#: tab, line feed and carriage return; DEL and the C1 controls; lone surrogates;
#: the non-characters U+FFFE and U+FFFF.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

#: (xml:lang, text); xml:lang None is the activity's default language.
Narratives = tuple[tuple[str | None, str], ...]


@dataclass(frozen=True, slots=True)
class Org:
    names: Narratives
    ref: str | None = None
    type: str | None = None


@dataclass(frozen=True, slots=True)
class Participant:
    org: Org
    role: str


@dataclass(frozen=True, slots=True)
class Budget:
    start: dt.date
    end: dt.date
    value: Decimal
    status: str


@dataclass(frozen=True, slots=True)
class Commitment:
    """A grant received: an incoming commitment (transaction type 11)."""

    day: dt.date
    value: Decimal
    currency: str
    provider: Org


@dataclass(frozen=True, slots=True)
class ContactInfo:
    organisation: Narratives
    department: Narratives
    person: Narratives
    job_title: Narratives
    telephone: str | None
    email: str | None
    website: str | None


@dataclass(frozen=True, slots=True)
class DocumentLink:
    url: str
    title: Narratives


@dataclass(frozen=True, slots=True)
class ResultPlan:
    title: Narratives
    description: Narratives
    start: dt.date
    end: dt.date


@dataclass(frozen=True, slots=True)
class Activity:
    """One project as IATI will show it; the exporter only writes it out."""

    path: str
    project_id: str
    identifier: str
    currency: str
    title: Narratives
    descriptions: tuple[tuple[str, Narratives], ...]
    participants: tuple[Participant, ...]
    status: str
    dates: tuple[tuple[str, dt.date], ...]
    contact: ContactInfo | None
    countries: tuple[tuple[str, Decimal], ...]
    sectors: tuple[tuple[int, Decimal], ...]
    sdgs: tuple[int, ...]
    budgets: tuple[Budget, ...]
    commitments: tuple[Commitment, ...]
    links: tuple[DocumentLink, ...]
    results: tuple[ResultPlan, ...]


@dataclass
class Plan:
    """The activities to publish, and which projects are not published and why."""

    reporting: Org | None
    lang: str
    activities: list[Activity] = field(default_factory=list)
    #: Projects not published because of their status or kind: (path, why).
    unpublished: list[tuple[str, str]] = field(default_factory=list)


# ------------------------------------------------------------------ pure rules


def org_number_valid(number: str) -> bool:
    """The Luhn check digit of a Swedish organisation number (10 digits)."""
    digits = [int(c) for c in number if c.isdigit()]
    if len(digits) != 10:
        return False
    total = 0
    for i, digit in enumerate(digits[:9]):
        value = digit * 2 if i % 2 == 0 else digit
        total += value // 10 + value % 10
    return (10 - total % 10) % 10 == digits[9]


def reporting_ref(org_number: str) -> str:
    """`212000-0688` -> `SE-ON-2120000688`."""
    return ORG_NUMBER_PREFIX + "".join(c for c in org_number if c.isdigit())


def clean(text: str) -> str:
    """The text without characters XML cannot carry (see `_CONTROL`)."""
    return _CONTROL.sub("", text)


def split_percent(n: int) -> list[Decimal]:
    """n shares of 100 with two decimals that add up to exactly 100.00.

    33.34, 33.33, 33.33: the cents left over go to the first shares.
    """
    return list(_percent_shares(n))


@cache
def _percent_shares(n: int) -> tuple[Decimal, ...]:
    """`split_percent`, worked out once per n (every activity asks for 1, 2 or 3)."""
    if n <= 0:
        return ()
    cents, rest = divmod(10000, n)
    return tuple(Decimal(cents + (1 if i < rest else 0)) / 100 for i in range(n))


def as_decimal(value: int | float) -> Decimal:
    return Decimal(value) if isinstance(value, int) else Decimal(str(value))


def split_by_year(
    total: Decimal, start: dt.date, end: dt.date, status: str = INDICATIVE
) -> list[Budget]:
    """A total over a period, split into calendar-year parts in proportion to days.

    Each part covers the days of the period in one calendar year, so no part is
    longer than a year (IATI's rule for budget periods). Amounts are in the
    total's own precision (whole units for a whole amount); the units left over
    by rounding down go to the parts with the largest remainders (the earliest
    on a tie), so the parts always add up to the total exactly. Every part has
    the budget `status`.
    """
    exponent = min(0, int(total.as_tuple().exponent))
    if start.year == end.year:  # one part: the whole total (and quickly)
        value = total if exponent == 0 else total.quantize(Decimal(1).scaleb(exponent))
        return [Budget(start, end, value, status)]
    date = dt.date
    bounds = [(start, date(start.year, 12, 31))]
    bounds += [(date(year, 1, 1), date(year, 12, 31)) for year in range(start.year + 1, end.year)]
    bounds.append((date(end.year, 1, 1), end))
    lengths = [(last - first).days + 1 for first, last in bounds]
    days = sum(lengths)
    unit = Decimal(1).scaleb(exponent)
    units = int(total) if exponent == 0 else int(total / unit)
    # Each part's units * its days / all days, as whole units and a remainder, in
    # integers: the remainders order the parts exactly as their fractions would.
    parts = [divmod(units * length, days) for length in lengths]
    floors = [whole for whole, _rest in parts]
    left = units - sum(floors)
    if left:
        order = sorted(range(len(parts)), key=lambda i: (-parts[i][1], i))
        for i in order[:left]:
            floors[i] += 1
    if exponent == 0:  # whole units: n * 1, quantized to 1, is Decimal(n)
        return [
            Budget(first, last, Decimal(n), status)
            for (first, last), n in zip(bounds, floors, strict=True)
        ]
    return [
        Budget(first, last, (Decimal(n) * unit).quantize(unit), status)
        for (first, last), n in zip(bounds, floors, strict=True)
    ]


def default_currency(config: Config) -> str:
    """The currency of the organisation's country, for activities with no amounts."""
    from babel.numbers import get_territory_currencies

    found = get_territory_currencies(config.organisation.country)
    return str(found[0]) if found else "EUR"


# ------------------------------------------------------------------ the planner


class _Planner:
    def __init__(self, ctx: Context, *, pipeline: bool, kinds: Collection[Kind]) -> None:
        self.ctx = ctx
        self.repo = ctx.repo
        self.today = ctx.today
        self.pipeline = pipeline
        self.kinds = kinds
        config = ctx.repo.config
        assert config is not None
        self.config = config
        self.lang = config.language
        self.funders = {f.id: f for f in config.funders}
        self.units = {u.id: (i, u) for i, u in enumerate(config.units)}
        self.partner_paths = {e.record.id: e.path for e in reversed(ctx.repo.partner_entries)}
        self._orgs: dict[tuple[str, str], Org] = {}
        self._roles: dict[tuple[int, str], Participant] = {}
        self._contacts: dict[tuple[object, ...], ContactInfo] = {}
        #: How many control-character findings were reported (see `contact`).
        self._reported = 0
        self.sectors = {t.id: t.dac_sector for t in config.themes if t.dac_sector is not None}
        self.home = config.organisation.country
        self._currency: str | None = None

    @property
    def fallback_currency(self) -> str:
        if self._currency is None:
            self._currency = default_currency(self.config)
        return self._currency

    # -------------------------------------------------------------- text

    def narratives(self, path: str, loc: Loc, text: LocalText | None) -> Narratives:
        """Text per language, the default language first and without xml:lang."""
        if text is None:
            return ()
        texts = text.texts
        if len(texts) == 1:  # the usual case: one language, nothing to order
            lang, raw = texts[0]
            cleaned = self._cleaned(path, loc, lang, raw)
            if not cleaned:
                return ()
            return ((None if lang is None or lang == self.lang else lang, cleaned),)
        out: list[tuple[str | None, str]] = []
        for lang, raw in texts:
            cleaned = self._cleaned(path, loc, lang, raw)
            if cleaned:
                out.append((None if lang in (None, self.lang) else lang, cleaned))
        if len(out) > 1:
            out.sort(key=lambda n: n[0] is not None)
        return tuple(out)

    def _cleaned(self, path: str, loc: Loc, lang: str | None, raw: str) -> str:
        """The text stripped, without control characters (reported when there were any)."""
        # Every character _CONTROL matches is unprintable, so printable text (most
        # text; isprintable is the cheaper test) has none.
        if raw.isprintable() or _CONTROL.search(raw) is None:
            return raw.strip()
        where = (*loc, lang) if lang is not None else loc
        self._reported += 1
        self.ctx.report(
            path,
            where,
            "I009",
            _(
                "the text holds control characters (invisible codes such as "
                "U+0007), which the IATI file leaves out; delete them"
            ),
            key=False,
        )
        return clean(raw).strip()

    def value(self, path: str, loc: Loc, text: str | None) -> str | None:
        """A single value (a ref, an address, a phone number) without control characters."""
        if text is None or text.isprintable() or _CONTROL.search(text) is None:
            return text
        self._reported += 1
        self.ctx.report(
            path,
            loc,
            "I009",
            _(
                "the value holds control characters (invisible codes such as U+0007), "
                "which the IATI file leaves out; delete them"
            ),
            key=False,
        )
        return clean(text) or None

    def plain(self, path: str, loc: Loc, text: str | None) -> Narratives:
        """A text with no language of its own, as `narratives` gives it."""
        if not text:
            return ()
        cleaned = self._cleaned(path, loc, None, text)
        return ((None, cleaned),) if cleaned else ()

    # -------------------------------------------------------------- organisation

    def reporting(self) -> Org | None:
        org = self.config.organisation
        if org.org_number is None:
            self.ctx.report(
                CONFIG_FILE,
                ("organisation",),
                "I001",
                _(
                    "IATI identifies the publisher by its organisation number: add "
                    "'org_number: 212000-0688' (your own number) under 'organisation:' "
                    "in intstrat.yaml"
                ),
            )
            return None
        if not org_number_valid(org.org_number):
            self.ctx.report(
                CONFIG_FILE,
                ("organisation", "org_number"),
                "I002",
                _(
                    "organisation number {number} fails its check digit, so it is not a "
                    "real organisationsnummer; copy it again from the Swedish Companies "
                    "Registration Office (Bolagsverket) or your own letterhead"
                ).format(number=org.org_number),
                key=False,
            )
            return None
        names = self.narratives(CONFIG_FILE, ("organisation", "name"), org.name)
        return Org(names, reporting_ref(org.org_number), LOCAL_GOVERNMENT)

    def funder_org(self, ident: str) -> Org:
        key = ("funder", ident)
        if key not in self._orgs:
            index, funder = next((i, f) for i, f in enumerate(self.config.funders) if f.id == ident)
            names = self.narratives(CONFIG_FILE, ("funders", index, "name"), funder.name)
            ref = self.value(CONFIG_FILE, ("funders", index, "iati_ref"), funder.iati_ref)
            self._orgs[key] = Org(names, ref)
        return self._orgs[key]

    def partner_org(self, ident: str) -> Org:
        key = ("partner", ident)
        if key not in self._orgs:
            partner = self.repo.partners[ident]
            names = self.narratives(self.partner_paths[ident], ("name",), partner.name)
            ref = self.value(self.partner_paths[ident], ("iati_ref",), partner.iati_ref)
            self._orgs[key] = Org(names, ref, PARTNER_TYPES.get(partner.type))
        return self._orgs[key]

    def unit_names(self, ident: str) -> Narratives:
        index, unit = self.units[ident]
        key = ("unit", ident)
        if key not in self._orgs:
            names = self.narratives(CONFIG_FILE, ("units", index, "name"), unit.name)
            self._orgs[key] = Org(names)
        return self._orgs[key].names

    # -------------------------------------------------------------- one project

    def unpublished(self, p: Project) -> str | None:
        """Why the project is not published, or None if it is."""
        # Said as people read the value (`typ 'aktivitet' (activity)`), with the file's id.
        words = Words(current_language())
        if p.kind not in self.kinds:
            label = words(f"kind_{p.kind}")
            if label == p.kind:
                return _("kind '{kind}'").format(kind=p.kind)
            return _("kind '{label}' ({kind})").format(label=label, kind=p.kind)
        if p.status in STATUS_CODES or (self.pipeline and p.status in PIPELINE_CODES):
            return None
        label = words(f"status_{p.status}")
        if label == p.status:
            return _("status '{status}'").format(status=p.status)
        return _("status '{label}' ({status})").format(label=label, status=p.status)

    def activity(self, entry: Entry[Project], reporting: Org) -> Activity | None:
        p, path = entry.record, entry.path
        code = STATUS_CODES.get(p.status) or PIPELINE_CODES[p.status]
        ok = True
        title = self.narratives(path, ("title",), p.title)
        descriptions = tuple(
            (kind, narratives)
            for kind, narratives in (
                (GENERAL, self.narratives(path, ("summary",), p.summary)),
                (OBJECTIVES, self.narratives(path, ("purpose",), p.purpose)),
            )
            if narratives
        )
        if not title:
            ok = False
            self.ctx.report(
                path,
                ("title",),
                "I009",
                _("the title is empty once its control characters are left out; retype it"),
            )
        if not descriptions:
            ok = False
            self.ctx.report(
                path,
                ("title",),
                "I004",
                _(
                    "IATI needs a description of every activity: add 'summary:' with a "
                    "few sentences about the project"
                ),
            )
        dates = self.dates(entry)
        if not dates:
            ok = False
        sectors = self.sector_shares(entry)
        if not sectors:
            ok = False
        currency = self.currency(p)
        budgets = self.budgets(entry, currency)
        commitments, fine = self.commitments(entry, reporting)
        ok = ok and fine
        countries = self.countries(entry)
        if not ok:
            return None
        return Activity(
            path=path,
            project_id=p.id,
            identifier=f"{reporting.ref}-{p.id}",
            currency=currency,
            title=title,
            descriptions=descriptions,
            participants=self.participants(entry, reporting),
            status=code,
            dates=dates,
            contact=self.contact(entry, reporting),
            countries=countries,
            sectors=sectors,
            sdgs=tuple(dict.fromkeys(p.sdgs)),
            budgets=budgets,
            commitments=commitments,
            links=tuple(
                DocumentLink(url, self.narratives(path, ("links", i, "title"), link.title))
                for i, link in enumerate(p.links)
                if (url := self.value(path, ("links", i, "url"), link.url))
            ),
            results=tuple(
                ResultPlan(
                    self.narratives(path, ("results", i, "title"), r.title),
                    self.narratives(path, ("results", i, "description"), r.description),
                    r.date.first_day,
                    r.date.last_day,
                )
                for i, r in enumerate(p.results)
            ),
        )

    def dates(self, entry: Entry[Project]) -> tuple[tuple[str, dt.date], ...]:
        """Start and end from the period: a start resolves to its first day, an end
        to its last. They are actual dates once the work has run (ongoing or
        completed; the end only when completed), planned dates otherwise."""
        p, path = entry.record, entry.path
        if p.period is None:
            self.ctx.report(
                path,
                ("status",),
                "I003",
                _(
                    "IATI needs a start date for every activity: add 'period: {start: "
                    "2024-03}' (a year, month or day; add 'end:' when it is known)"
                ),
            )
            return ()
        ran = p.status in (Status.ONGOING, Status.COMPLETED)
        start = p.period.start.first_day
        out = [(ACTUAL_START if ran else PLANNED_START, start)]
        future = False
        if ran and start > self.today:
            future = True
            self._future(path, ("period", "start"), p.period.start, start, p.status)
        end_date = p.period.end
        if end_date is not None:
            end = end_date.last_day
            finished = p.status is Status.COMPLETED
            out.append((ACTUAL_END if finished else PLANNED_END, end))
            if finished and end > self.today:
                future = True
                self._future(path, ("period", "end"), end_date, end, p.status)
        if future or (end_date is not None and end_date.last_day < start):
            return ()  # R004 reports a period that runs backwards
        return tuple(out)

    def _future(
        self, path: str, loc: Loc, given: PartialDate, day: dt.date, status: Status
    ) -> None:
        self.ctx.report(
            path,
            loc,
            "I006",
            _(
                "status is '{status}' but {given} means {day}, which is after today "
                "({today}); IATI refuses actual dates in the future: correct the date "
                "(give the month or day if it was earlier) or the status"
            ).format(status=status, given=given, day=day, today=self.today),
            key=False,
        )

    def sector_shares(self, entry: Entry[Project]) -> tuple[tuple[int, Decimal], ...]:
        p = entry.record
        codes = list(dict.fromkeys(self.sectors[t] for t in p.themes if t in self.sectors))
        if not codes:
            if p.themes:
                message = _(
                    "IATI needs a sector for every activity, and none of this project's "
                    "themes ({themes}) has one: add 'dac_sector:' (an OECD DAC 5-digit "
                    "purpose code such as 15112) to one of them in intstrat.yaml"
                ).format(themes=", ".join(p.themes))
                loc: Loc = ("themes",)
            else:
                message = _(
                    "IATI needs a sector for every activity: give the project a theme "
                    "('themes: [...]') that has 'dac_sector:' in intstrat.yaml"
                )
                loc = ("title",)
            self.ctx.report(entry.path, loc, "I005", message)
            return ()
        return tuple(zip(codes, split_percent(len(codes)), strict=True))

    def countries(self, entry: Entry[Project]) -> tuple[tuple[str, Decimal], ...]:
        p = entry.record
        found = [self.repo.partners[i].country for i in p.partners if i in self.repo.partners]
        codes = sorted({c for c in found if c != self.home})
        if not codes:
            self.ctx.report(
                entry.path,
                ("partners",) if p.partners else ("title",),
                "I007",
                _(
                    "no partner outside {home}, so the IATI activity has no recipient "
                    "country, which IATI expects; add the partner abroad to 'partners:'"
                ).format(home=self.home),
            )
        return tuple(zip(codes, split_percent(len(codes)), strict=True))

    def currency(self, p: Project) -> str:
        """The currency of most of the project's amounts, else the country's."""
        found = [f.amount.currency for f in p.funding if f.amount is not None]
        if not found:
            return self.fallback_currency
        if found.count(found[0]) == len(found):
            return found[0]  # the usual case: one currency
        return Counter(found).most_common(1)[0][0]

    def budgets(self, entry: Entry[Project], currency: str) -> tuple[Budget, ...]:
        """The funding amounts in the activity's currency, split by calendar year."""
        p, path = entry.record, entry.path
        total = Decimal(0)
        counted = False
        for i, line in enumerate(p.funding):
            if line.amount is None:
                continue
            if line.amount.currency != currency:
                self.ctx.report(
                    path,
                    ("funding", i, "amount", "currency"),
                    "I008",
                    _(
                        "this amount is in {other} but the project's other amounts are in "
                        "{currency}; IATI budgets have one currency, so it is left out of "
                        "the budget"
                    ).format(other=line.amount.currency, currency=currency),
                    key=False,
                )
                continue
            total += as_decimal(line.amount.value)
            counted = True
        if not counted or p.period is None:
            return ()
        if p.period.end is None:
            self.ctx.report(
                path,
                ("period",),
                "I008",
                _(
                    "the period has no end, so the funding cannot be split into yearly "
                    "budgets and IATI gets no budget; add 'end:' to the period"
                ),
            )
            return ()
        start, end = p.period.start.first_day, p.period.end.last_day
        if end < start:
            return ()
        status = COMMITTED if p.status in (Status.ONGOING, Status.COMPLETED) else INDICATIVE
        return tuple(split_by_year(total, start, end, status))

    def commitments(
        self, entry: Entry[Project], reporting: Org
    ) -> tuple[tuple[Commitment, ...], bool]:
        """Grants with an amount, dated by the decision on the application for them."""
        p, path = entry.record, entry.path
        application = p.application
        granted = application is not None and application.outcome is Outcome.GRANTED
        out: list[Commitment] = []
        ok = True
        for line in p.funding:
            if line.funder == OWN_FUNDER or line.amount is None or line.funder not in self.funders:
                continue
            if not granted or application is None or application.funder != line.funder:
                continue
            if application.decided is None:
                self.ctx.report(
                    path,
                    ("application",),
                    "I010",
                    _(
                        "the application was granted but has no 'decided:' date, so the "
                        "grant is not published as a commitment; add 'decided:'"
                    ),
                )
                continue
            day = application.decided.first_day
            if day > self.today:
                ok = False
                self.ctx.report(
                    path,
                    ("application", "decided"),
                    "I006",
                    _(
                        "the application is granted but was decided {day}, after today "
                        "({today}); IATI refuses transactions in the future: correct the "
                        "date or set outcome: pending"
                    ).format(day=day, today=self.today),
                    key=False,
                )
                continue
            provider = self.funder_org(line.funder)
            out.append(
                Commitment(day, as_decimal(line.amount.value), line.amount.currency, provider)
            )
        return tuple(out), ok

    def participants(self, entry: Entry[Project], reporting: Org) -> tuple[Participant, ...]:
        p = entry.record
        out: list[Participant] = []
        funders = [f.funder for f in p.funding]
        if p.application is not None and p.application.outcome is Outcome.GRANTED:
            funders.append(p.application.funder)
        role = self.role
        for ident in dict.fromkeys(funders):
            if ident == OWN_FUNDER:
                out.append(role(reporting, FUNDING))
            elif ident in self.funders:
                out.append(role(self.funder_org(ident), FUNDING))
        out.append(role(reporting, ACCOUNTABLE))
        out.append(role(reporting, IMPLEMENTING))
        partners = self.repo.partners
        for ident in dict.fromkeys(p.partners):
            if ident in partners:
                out.append(role(self.partner_org(ident), IMPLEMENTING))
        return tuple(out)

    def role(self, org: Org, role: str) -> Participant:
        """The organisation in the role, made once (each takes part in thousands of projects)."""
        key = (id(org), role)  # the Participant keeps the org, so its id stays its own
        made = self._roles.get(key)
        if made is None:
            made = self._roles[key] = Participant(org, role)
        return made

    def contact(self, entry: Entry[Project], reporting: Org) -> ContactInfo | None:
        """The project's contact person, else its unit's international contact."""
        p, path = entry.record, entry.path
        index, unit = self.units.get(p.owner, (0, None))
        person = p.contact
        loc: Loc = ("contact",)
        if person is None and unit is not None:
            person, path, loc = unit.contact, CONFIG_FILE, ("units", index, "contact")
        if person is None:
            return None
        # Many projects name the same person: made once, unless making it reported
        # something (control characters), which each project must report again.
        key = (p.owner, person.name, person.email, person.phone, person.role)
        made = self._contacts.get(key)
        if made is not None:
            return made
        reported = self._reported
        made = ContactInfo(
            organisation=reporting.names,
            department=self.unit_names(p.owner) if unit is not None else (),
            person=self.plain(path, (*loc, "name"), person.name),
            job_title=self.narratives(path, (*loc, "role"), person.role),
            telephone=self.value(path, (*loc, "phone"), person.phone),
            email=self.value(path, (*loc, "email"), person.email),
            website=self.value(
                CONFIG_FILE, ("organisation", "website"), self.config.organisation.website
            ),
        )
        if self._reported == reported:
            self._contacts[key] = made
        return made


def plan(
    ctx: Context,
    entries: Iterable[Entry[Project]],
    *,
    pipeline: bool = False,
    kinds: Collection[Kind] = DEFAULT_KINDS,
) -> Plan:
    """The IATI activities of `entries`, reporting what stops each one into `ctx`.

    Only projects of `kinds` with a published status (`STATUS_CODES`, and with
    `pipeline` also ideas and applications) are planned; the others are listed
    in `unpublished`. A project whose IATI data would be invalid is left out of
    `activities` and a diagnostic says why; without a valid organisation number
    no activity is planned, but every project is still checked.
    """
    result, activities = planning(ctx, entries, pipeline=pipeline, kinds=kinds)
    result.activities.extend(activities)
    return result


def planning(
    ctx: Context,
    entries: Iterable[Entry[Project]],
    *,
    pipeline: bool = False,
    kinds: Collection[Kind] = DEFAULT_KINDS,
) -> tuple[Plan, Iterator[Activity]]:
    """`plan`, one activity at a time, so the export can write and check each part
    of the file while the rest is still being planned.

    The plan's `activities` stay empty: the iterator yields them instead, and as it
    runs, `unpublished` fills and `ctx` receives each project's findings before
    the project's activity is yielded (or instead of it). The organisation number
    is checked at once.
    """
    if ctx.repo.config is None:
        return Plan(None, "sv"), iter(())  # intstrat.yaml is broken; its own diagnostics say so
    planner = _Planner(ctx, pipeline=pipeline, kinds=kinds)
    reporting = planner.reporting()
    result = Plan(reporting, planner.lang)
    return result, _planned(planner, result, entries)


def _planned(
    planner: _Planner, result: Plan, entries: Iterable[Entry[Project]]
) -> Iterator[Activity]:
    reporting = result.reporting
    placeholder = reporting or Org((), "", LOCAL_GOVERNMENT)
    for entry in entries:
        why = planner.unpublished(entry.record)
        if why is not None:
            result.unpublished.append((entry.path, why))
            continue
        activity = planner.activity(entry, placeholder)
        if activity is not None and reporting is not None:
            yield activity


def iati_rule(ctx: Context) -> None:
    """`check --iati`: the IATI findings for every project the export would publish."""
    plan(ctx, ctx.repo.project_entries)


def iati_pipeline_rule(ctx: Context) -> None:
    """`check --iati --include-pipeline`: ideas and applications too, as
    `export iati --include-pipeline` publishes them."""
    plan(ctx, ctx.repo.project_entries, pipeline=True)


#: Rules `check --iati` adds to the ordinary ones.
IATI_RULES = (iati_rule,)
#: ... and `check --iati --include-pipeline`.
IATI_PIPELINE_RULES = (iati_pipeline_rule,)

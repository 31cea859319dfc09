"""What each page of the site shows, as typed values: the templates only lay them out.

Like the report's context (docs/templates.md), everything here is final text in
the page's language, and every link is a path inside the site (`projekt/sekos-2/`),
made relative to the page when it is written. Text a record has only in the other
language comes as a `Text` that carries its language, so the page can mark it
with `lang` and a screen reader reads it right.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from intstrat.domain import annual
from intstrat.domain.funding import funders_of
from intstrat.domain.names import Goal, Names, sdg_goals
from intstrat.domain.projects import count_text, is_counted
from intstrat.format.models import RAN, Config, Partner, Project, Status
from intstrat.format.values import LocalText, fold
from intstrat.formats import LANGUAGES, Language
from intstrat.i18n import Words
from intstrat.loading.repository import Entry, Repository

#: Folder names of each section, per language: the stable URLs of the site.
SECTIONS: dict[str, dict[str, str]] = {
    "sv": {
        "projects": "projekt",
        "partners": "partner",
        "countries": "lander",
        "areas": "omraden",
        "years": "ar",
        "search": "sok",
        "about": "om-data",
        "accessibility": "tillganglighet",
        "page": "sida",
    },
    "en": {
        "projects": "projects",
        "partners": "partners",
        "countries": "countries",
        "areas": "areas",
        "years": "years",
        "search": "search",
        "about": "about-the-data",
        "accessibility": "accessibility",
        "page": "page",
    },
}
#: Sections in the main menu, in order.
MENU = ("projects", "partners", "countries", "areas", "years", "about")
_TAG = re.compile(r"<[^>]*>")
#: Projects per page of a list: a page stays far below 100 KB however large the data.
PER_PAGE = 100


@dataclass(frozen=True)
class Text:
    """Text and its language: `lang` is "" when it is the page's own language."""

    text: str
    lang: str = ""

    def __bool__(self) -> bool:
        return bool(self.text)

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Ref:
    """A link to a page of the site."""

    path: str
    label: Text


@dataclass(frozen=True)
class ProjectRow:
    """A project as one line of a list."""

    id: str
    path: str
    title: Text
    status: str
    status_label: str
    kind_label: str
    period: str
    owner: str
    partners: list[Ref]


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    role: Text


@dataclass(frozen=True)
class ResultItem:
    title: Text
    date: str
    implemented: bool
    description: Text
    project: Ref | None = None


@dataclass(frozen=True)
class QuoteItem:
    text: Text
    name: str
    role: Text


@dataclass(frozen=True)
class ExternalLink:
    title: Text
    url: str


@dataclass(frozen=True)
class ProjectDetail:
    row: ProjectRow
    countries: list[Ref]
    funders: list[str]
    funding: list[str]
    sdgs: list[Goal]
    themes: list[str]
    forms: list[str]
    goals: list[Ref]
    years: list[Ref]
    summary: Text
    purpose: Text
    reach: list[tuple[str, Text]]
    results: list[ResultItem]
    quotes: list[QuoteItem]
    contact: Person | None
    links: list[ExternalLink]


@dataclass(frozen=True)
class PartnerCard:
    id: str
    path: str
    name: Text
    type_label: str
    country: Ref
    since: str
    until: str
    area: str
    population: str
    website: str
    description: Text
    projects: int
    """Its projects and pre-studies that ran, as the brochure counts them
    (domain.projects), not every record on its page."""
    projects_text: str
    """"6 projekt och förstudier", "1 projekt"."""


@dataclass(frozen=True)
class CountryItem:
    code: str
    path: str
    name: str
    partners: int
    projects: int


@dataclass(frozen=True)
class AreaItem:
    id: str
    path: str
    name: Text
    description: Text
    projects: int
    """Its projects and pre-studies that ran, as the brochure counts them."""
    projects_text: str


@dataclass(frozen=True)
class YearItem:
    year: int
    path: str
    projects: int
    results: int


@dataclass(frozen=True)
class Figure:
    value: str
    label: str


@dataclass(frozen=True)
class Pager:
    """Where a page of a long list is: links to every page of it."""

    number: int
    count: int
    pages: list[str]
    """The path of each page, first to last."""

    @property
    def previous(self) -> str:
        return self.pages[self.number - 2] if self.number > 1 else ""

    @property
    def next(self) -> str:
        return self.pages[self.number] if self.number < self.count else ""


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Facet:
    """One filter of the project list: the index key it tests and its choices."""

    key: str
    label: str
    options: list[Option]


@dataclass
class Page:
    """One HTML page: its template, where it is, and what it shows."""

    key: tuple[str, ...]
    """The same for the page in every language: ("project", "sekos-2"), ("projects", "2")."""
    template: str
    path: str
    title: str
    description: str
    section: str
    og_type: str = "website"
    data: dict[str, Any] = field(default_factory=dict)
    rows: list[dict[str, Any]] | None = None
    """The list's data with ids and codes, for programs: data.json beside the page."""
    sheet: list[dict[str, Any]] | None = None
    """The same list as people read it, headings and values in the page's language:
    data.csv beside the page, for spreadsheets."""
    projects: list[str] | None = None
    """For a list of projects: their ids. Their rows (query.tables.project_rows, as in
    `intstrat list projects`) are written beside the page as data.json, and their
    `Builder.sheet_row`s as data.csv."""
    scripts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Paths:
    """The path of every page in one language; `prefix` is "" or "en/"."""

    lang: str
    prefix: str

    def section(self, key: str) -> str:
        """The first page of a section; the start page is the section "home"."""
        return self.home() if key == "home" else f"{self.prefix}{SECTIONS[self.lang][key]}/"

    def home(self) -> str:
        return self.prefix

    def item(self, key: str, ident: str) -> str:
        return f"{self.section(key)}{ident}/"

    def numbered(self, base: str, number: int) -> str:
        return base if number == 1 else f"{base}{SECTIONS[self.lang]['page']}-{number}/"

    def of(self, key: tuple[str, ...]) -> str:
        """The path of the page with `key` (see `Page.key`) in this language."""
        kind = key[0]
        if kind == "home":
            return self.home()
        if kind in SECTIONS[self.lang] and len(key) == 2:
            return self.numbered(self.section(kind), int(key[1]))
        _, section, ident, number = key
        return self.numbered(self.item(section, ident), int(number))


class Builder(Names):
    """Turns a repository into the pages of one language."""

    def __init__(self, repo: Repository, lang: Language, prefix: str, today: dt.date) -> None:
        super().__init__(repo, Words(lang))
        assert repo.config is not None
        self.config: Config = repo.config
        self.lang: Language = lang
        self.base: str = self.config.language
        self.paths = Paths(lang, prefix)
        self.today = today
        #: The organisation's own country: not a country of its international work.
        self.home_country: str = self.config.organisation.country
        self.entries = sorted(repo.project_entries, key=_newest_first)
        self.partner_list = sorted(
            (e.record for e in repo.partner_entries),
            key=lambda p: self.text(p.name).text.casefold(),
        )
        self.themes = {t.id: t for t in self.config.themes}
        self.forms = {f.id: f for f in self.config.forms}
        self.goals = {g.id: g for g in self.config.goals}
        self.by_partner: dict[str, list[Entry[Project]]] = defaultdict(list)
        self.by_country: dict[str, list[Entry[Project]]] = defaultdict(list)
        self.by_goal: dict[str, list[Entry[Project]]] = defaultdict(list)
        self.by_year: dict[int, list[Entry[Project]]] = defaultdict(list)
        # "N projekt och förstudier" of a partner or strategic area (domain.projects).
        self.counted_by_partner: Counter[str] = Counter()
        self.counted_by_goal: Counter[str] = Counter()
        self.rows: dict[str, ProjectRow] = {}
        self.project_years: dict[str, list[int]] = {}
        for entry in self.entries:
            p = entry.record
            self.rows[p.id] = self.row(entry)
            for pid in dict.fromkeys(p.partners):
                self.by_partner[pid].append(entry)
            if is_counted(p):
                self.counted_by_partner.update(set(p.partners))
                self.counted_by_goal.update(set(p.goals))
            for code in self.countries_of(p):
                self.by_country[code].append(entry)
            for goal in dict.fromkeys(p.goals):
                self.by_goal[goal].append(entry)
            years = self.years_of(p, today.year)
            self.project_years[p.id] = years
            for year in years:
                self.by_year[year].append(entry)

    # ------------------------------------------------------------------ values

    def text(self, value: LocalText | None) -> Text:
        """The text in the page's language, or the one it has, marked with its language."""
        if value is None:
            return Text("")
        mapping = dict(value.texts)
        if self.lang in mapping:
            return Text(mapping[self.lang])
        if None in mapping:
            return Text(mapping[None], "" if self.base == self.lang else self.base)
        lang, text = value.texts[0]
        return Text(text, "" if lang == self.lang else str(lang))

    def countries_of(self, project: Project) -> list[str]:
        """The countries of the project's partners, but for the organisation's own.

        A partner at home (a university in the same country) is still a partner, with
        its page, but its country is not one of the international work's: it has no
        page, is not on the map or in the country count, list or filter.
        """
        partners = self.repo.partners
        return sorted(
            {partners[p].country for p in project.partners if p in partners} - {self.home_country}
        )

    @staticmethod
    def years_of(project: Project, last: int) -> list[int]:
        """The years up to `last` (today's) in which the work ran, as the report counts
        them (annual.ran_in).

        A year after today's is not a year of work done: an open-ended membership or a
        project that is to end in 2028 has not run in 2028 yet, so the site has no page
        for that year and links to none (the project's own page gives its period).
        """
        if project.status not in RAN or project.period is None:
            return []
        end = min(project.period.end.year, last) if project.period.end else last
        return [y for y in range(project.period.start.year, end + 1) if annual.ran_in(project, y)]

    def country_ref(self, code: str) -> Ref:
        """A link to the country's page; the organisation's own country has none."""
        path = "" if code == self.home_country else self.paths.item("countries", code.lower())
        return Ref(path, Text(self.words.country(code)))

    def partner_link(self, partner_id: str) -> Ref:
        partner = self.repo.partners.get(partner_id)
        if partner is None:
            return Ref("", Text(partner_id))
        return Ref(self.paths.item("partners", partner_id), self.text(partner.name))

    def row(self, entry: Entry[Project]) -> ProjectRow:
        p = entry.record
        w = self.words
        return ProjectRow(
            id=p.id,
            path=self.paths.item("projects", p.id),
            title=self.text(p.title),
            status=str(p.status),
            status_label=w(f"status_{p.status}"),
            kind_label=w(f"kind_{p.kind}"),
            period=w.period(p.period),
            owner=self.unit_name(p.owner),
            partners=[self.partner_link(i) for i in dict.fromkeys(p.partners)],
        )

    def sheet_row(self, entry: Entry[Project]) -> dict[str, Any]:
        """A project as a spreadsheet's row: names and words, not ids and codes.

        data.json has the ids (as `intstrat list projects`) for programs; this is for
        someone who opens data.csv in a spreadsheet, so every heading and value is
        in the page's language, as the page shows it.
        """
        p = entry.record
        w = self.words
        row = self.rows[p.id]
        countries = sorted((w.country(c) for c in self.countries_of(p)), key=str.casefold)
        return {
            w("col_project"): row.title.text,
            w("col_kind"): row.kind_label,
            w("col_status"): row.status_label,
            w("col_owner"): row.owner,
            w("site_col_start"): str(p.period.start) if p.period else "",
            w("site_col_end"): str(p.period.end) if p.period and p.period.end else "",
            w("col_partners"): ", ".join(r.label.text for r in row.partners),
            w("site_col_countries"): ", ".join(countries),
            w("site_col_funders"): ", ".join(self.funder_name(f) for f in funders_of(p)),
            w("site_col_sdgs"): ", ".join(str(n) for n in sorted(set(p.sdgs))),
            w("site_col_results"): len(p.results),
        }

    def term(self, terms: dict[str, Any], ident: str) -> str:
        term = terms.get(ident)
        return self.text(term.name).text if term else ident

    def detail(self, entry: Entry[Project]) -> ProjectDetail:
        p = entry.record
        w = self.words
        contact = None
        if p.contact is not None:
            contact = Person(p.contact.name, p.contact.email or "", self.text(p.contact.role))
        return ProjectDetail(
            row=self.rows[p.id],
            countries=sorted(
                (self.country_ref(c) for c in self.countries_of(p)),
                key=lambda ref: ref.label.text.casefold(),
            ),
            funders=[self.funder_name(f) for f in funders_of(p)],
            funding=[self.funding_text(f) for f in p.funding],
            sdgs=sdg_goals(p.sdgs, w),
            themes=[self.term(self.themes, t) for t in p.themes],
            forms=[self.term(self.forms, f) for f in p.forms],
            goals=[
                Ref(self.paths.item("areas", g), Text(self.term(self.goals, g)))
                for g in dict.fromkeys(p.goals)
                if g in self.goals
            ],
            years=[
                Ref(self.paths.item("years", str(y)), Text(str(y)))
                for y in self.project_years[p.id]
            ],
            summary=self.text(p.summary),
            purpose=self.text(p.purpose),
            reach=[(w.number(r.count), self.text(r.who)) for r in p.reach],
            results=[
                ResultItem(
                    self.text(r.title), w.date(r.date), r.implemented, self.text(r.description)
                )
                for r in p.results
            ],
            quotes=[QuoteItem(self.text(q.text), q.name, self.text(q.role)) for q in p.quotes],
            contact=contact,
            links=[ExternalLink(self.text(link.title), link.url) for link in p.links],
        )

    def card(self, partner: Partner) -> PartnerCard:
        w = self.words
        return PartnerCard(
            id=partner.id,
            path=self.paths.item("partners", partner.id),
            name=self.text(partner.name),
            type_label=w(f"ptype_{partner.type}"),
            country=self.country_ref(partner.country),
            since=w.date(partner.since) if partner.since else "",
            until=w.date(partner.until) if partner.until else "",
            area=f"{w.number(partner.area_km2)} km²" if partner.area_km2 is not None else "",
            population=w.number(partner.population) if partner.population is not None else "",
            website=partner.website or "",
            description=self.text(partner.description),
            projects=self.counted_by_partner[partner.id],
            projects_text=count_text(w, "br_partner_projects", self.counted_by_partner[partner.id]),
        )

    # ------------------------------------------------------------------ pages

    def pages(self) -> Iterator[Page]:
        """Every page of the site in this language."""
        w = self.words
        yield self.home()
        yield from self.project_list(
            ("projects",),
            self.paths.section("projects"),
            w("site_projects"),
            self.entries,
            template="site/projects.html.j2",
            extra={"facets": self.facets()},
        )
        for entry in self.entries:
            yield self.project_page(entry)
        yield from self.partner_pages()
        yield from self.country_pages()
        yield from self.area_pages()
        yield from self.year_pages()
        yield Page(
            ("search", "1"),
            "site/search.html.j2",
            self.paths.section("search"),
            w("site_search"),
            w("site_search_label"),
            "search",
            scripts=("index",),
        )
        yield self.about()
        yield Page(
            ("accessibility", "1"),
            "site/accessibility.html.j2",
            self.paths.section("accessibility"),
            w("site_accessibility"),
            w("site_accessibility"),
            "accessibility",
            data={"date": w.today(self.today)},
        )

    def figures(self) -> list[Figure]:
        w = self.words
        ran = [e.record for e in self.entries if e.record.status in RAN]
        ongoing = sum(p.status is Status.ONGOING for p in ran)
        results = [r for p in ran for r in p.results]
        countries = {c for c, entries in self.by_country.items() if entries}
        return [
            Figure(w.number(len(ran)), w("site_kf_projects")),
            Figure(w.number(ongoing), w("site_kf_ongoing")),
            Figure(w.number(len(self.repo.partners)), w("kf_partners")),
            Figure(w.number(len(countries)), w("kf_countries")),
            Figure(w.number(len(results)), w("kf_results")),
            Figure(w.number(sum(r.implemented for r in results)), w("kf_implemented")),
        ]

    def country_items(self) -> list[CountryItem]:
        partners_in: Counter[str] = Counter(
            p.country for p in self.repo.partners.values() if p.country != self.home_country
        )
        codes = sorted(set(partners_in), key=lambda c: self.words.country(c).casefold())
        return [
            CountryItem(
                code,
                self.paths.item("countries", code.lower()),
                self.words.country(code),
                partners_in[code],
                len(self.by_country.get(code, [])),
            )
            for code in codes
        ]

    def home(self) -> Page:
        w = self.words
        organisation = self.text(self.config.organisation.name).text
        partnerships = [self.card(p) for p in self.partner_list if p.since is not None]
        partnerships.sort(key=lambda c: (c.since == "", self.repo.partners[c.id].since, c.id))
        ongoing = [
            self.rows[e.record.id] for e in self.entries if e.record.status is Status.ONGOING
        ]
        quote = self.config.quote
        return Page(
            ("home",),
            "site/home.html.j2",
            self.paths.home(),
            w("site_title"),
            w("site_lead", organisation=w.genitive(organisation)),
            "home",
            data={
                "introduction": self.text(self.config.introduction),
                "vision": self.text(self.config.vision),
                "quote": QuoteItem(self.text(quote.text), quote.name, self.text(quote.role))
                if quote
                else None,
                "figures": self.figures(),
                "partnerships": partnerships,
                "countries": self.country_items(),
                "ongoing": ongoing[:10],
                "ongoing_count": len(ongoing),
            },
        )

    def facets(self) -> list[Facet]:
        w = self.words
        used: dict[str, set[str]] = defaultdict(set)
        for entry in self.entries:
            p = entry.record
            used["s"].add(str(p.status))
            used["c"].update(self.countries_of(p))
            used["th"].update(p.themes)
            used["f"].update(p.forms)
            used["g"].update(p.goals)
            used["fu"].update(funders_of(p))
            used["sdg"].update(str(n) for n in p.sdgs)
            used["y"].update(str(y) for y in self.project_years[p.id])

        def terms(key: str, table: dict[str, Any]) -> list[Option]:
            return [Option(i, self.term(table, i)) for i in table if i in used[key]]

        statuses = [Option(str(s), w(f"status_{s}")) for s in Status if str(s) in used["s"]]
        countries = sorted(
            (Option(c, w.country(c)) for c in used["c"]), key=lambda o: o.label.casefold()
        )
        funders = sorted(
            (Option(f, self.funder_name(f)) for f in used["fu"]), key=lambda o: o.label.casefold()
        )
        sdgs = [
            Option(str(g.number), f"{g.number}. {g.title}")
            for g in sdg_goals([int(n) for n in used["sdg"]], w)
        ]
        years = [Option(y, y) for y in sorted(used["y"], reverse=True)]
        facets = [
            Facet("s", w("col_status"), statuses),
            Facet("y", w("col_year"), years),
            Facet("c", w("col_country"), countries),
            Facet("th", w("col_theme"), terms("th", self.themes)),
            Facet("f", w("col_form"), terms("f", self.forms)),
            Facet("g", w("col_area"), terms("g", self.goals)),
            Facet("fu", w("col_funder"), funders),
            Facet("sdg", w("col_sdg"), sdgs),
        ]
        return [f for f in facets if f.options]

    def project_list(
        self,
        key: tuple[str, ...],
        base: str,
        title: str,
        entries: Sequence[Entry[Project]],
        *,
        template: str = "site/list.html.j2",
        section: str = "projects",
        description: str = "",
        extra: dict[str, Any] | None = None,
    ) -> Iterator[Page]:
        """The pages of a list of projects, PER_PAGE to a page; data.csv/json on the first."""
        count = max(1, -(-len(entries) // PER_PAGE))
        paths = [self.paths.numbered(base, n) for n in range(1, count + 1)]
        for number in range(1, count + 1):
            chunk = entries[(number - 1) * PER_PAGE : number * PER_PAGE]
            heading = title
            if count > 1:
                heading = f"{title} ({self.words('site_page', n=number, total=count)})"
            yield Page(
                (*key, str(number)) if len(key) > 1 else (key[0], str(number)),
                template,
                paths[number - 1],
                heading,
                description or title,
                section,
                data={
                    "heading": title,
                    "rows": [self.rows[e.record.id] for e in chunk],
                    "total": len(entries),
                    "pager": Pager(number, count, paths),
                    "downloads": base,
                    **(extra or {}),
                },
                projects=[e.record.id for e in entries] if number == 1 else None,
                scripts=("index",) if template == "site/projects.html.j2" else (),
            )

    def project_page(self, entry: Entry[Project]) -> Page:
        detail = self.detail(entry)
        return Page(
            ("item", "projects", entry.record.id, "1"),
            "site/project.html.j2",
            detail.row.path,
            detail.row.title.text,
            _short(detail.summary.text or detail.purpose.text or detail.row.title.text),
            "projects",
            og_type="article",
            data={"p": detail},
        )

    def partner_pages(self) -> Iterator[Page]:
        w = self.words
        cards = [self.card(p) for p in self.partner_list]
        yield Page(
            ("partners", "1"),
            "site/partners.html.j2",
            self.paths.section("partners"),
            w("site_partners"),
            w("site_partners"),
            "partners",
            data={"partners": cards},
            rows=[
                {
                    "id": c.id,
                    "name": c.name.text,
                    "type": str(self.repo.partners[c.id].type),
                    "country": self.repo.partners[c.id].country,
                    "country_name": c.country.label.text,
                    "since": str(self.repo.partners[c.id].since or ""),
                    "projects": c.projects,
                }
                for c in cards
            ],
            sheet=[
                {
                    w("col_partners"): c.name.text,
                    w("col_type"): c.type_label,
                    w("col_country"): c.country.label.text,
                    w("col_since"): str(self.repo.partners[c.id].since or ""),
                    w("col_projects_prestudies"): c.projects,
                }
                for c in cards
            ],
        )
        for card in cards:
            entries = self.by_partner.get(card.id, [])
            yield from self.project_list(
                ("item", "partners", card.id),
                card.path,
                card.name.text,
                entries,
                template="site/partner.html.j2",
                section="partners",
                description=_short(card.description.text) or card.name.text,
                extra={"partner": card},
            )

    def country_pages(self) -> Iterator[Page]:
        w = self.words
        items = self.country_items()
        yield Page(
            ("countries", "1"),
            "site/countries.html.j2",
            self.paths.section("countries"),
            w("site_countries"),
            w("site_map_title"),
            "countries",
            data={"countries": items},
            rows=[
                {"code": c.code, "name": c.name, "partners": c.partners, "projects": c.projects}
                for c in items
            ],
            sheet=[
                {
                    w("col_country"): c.name,
                    w("col_partners"): c.partners,
                    w("col_projects"): c.projects,
                }
                for c in items
            ],
        )
        for item in items:
            partners = [self.card(p) for p in self.partner_list if p.country == item.code]
            yield from self.project_list(
                ("item", "countries", item.code.lower()),
                item.path,
                item.name,
                self.by_country.get(item.code, []),
                template="site/country.html.j2",
                section="countries",
                description=w("site_projects_in", country=item.name),
                extra={"country": item, "partners": partners},
            )

    def area_pages(self) -> Iterator[Page]:
        w = self.words
        items = [
            AreaItem(
                g.id,
                self.paths.item("areas", g.id),
                self.text(g.name),
                self.text(g.description),
                self.counted_by_goal[g.id],
                count_text(self.words, "br_partner_projects", self.counted_by_goal[g.id]),
            )
            for g in self.config.goals
        ]
        yield Page(
            ("areas", "1"),
            "site/areas.html.j2",
            self.paths.section("areas"),
            w("site_areas"),
            w("site_areas"),
            "areas",
            data={"areas": items},
            rows=[{"id": a.id, "name": a.name.text, "projects": a.projects} for a in items],
            sheet=[
                {w("col_area"): a.name.text, w("col_projects_prestudies"): a.projects}
                for a in items
            ],
        )
        for area in items:
            yield from self.project_list(
                ("item", "areas", area.id),
                area.path,
                area.name.text,
                self.by_goal.get(area.id, []),
                template="site/area.html.j2",
                section="areas",
                extra={"area": area},
            )

    def year_pages(self) -> Iterator[Page]:
        w = self.words
        results: dict[int, list[ResultItem]] = defaultdict(list)
        for entry in self.entries:
            for r in entry.record.results:
                if r.date.year > self.today.year:
                    continue  # a year to come has no page (see years_of)
                results[r.date.year].append(
                    ResultItem(
                        self.text(r.title),
                        w.date(r.date),
                        r.implemented,
                        Text(""),
                        Ref(self.rows[entry.record.id].path, self.rows[entry.record.id].title),
                    )
                )
        years = sorted(set(self.by_year) | set(results), reverse=True)
        items = [
            YearItem(
                y,
                self.paths.item("years", str(y)),
                len(self.by_year.get(y, [])),
                len(results.get(y, [])),
            )
            for y in years
        ]
        yield Page(
            ("years", "1"),
            "site/years.html.j2",
            self.paths.section("years"),
            w("site_years"),
            w("site_years"),
            "years",
            data={"years": items},
            rows=[{"year": y.year, "projects": y.projects, "results": y.results} for y in items],
            sheet=[
                {
                    w("col_year"): y.year,
                    w("col_projects"): y.projects,
                    w("site_col_results"): y.results,
                }
                for y in items
            ],
        )
        for item in items:
            found = sorted(results.get(item.year, []), key=lambda r: (not r.implemented, r.date))
            yield from self.project_list(
                ("item", "years", str(item.year)),
                item.path,
                w("site_year_title", year=item.year),
                self.by_year.get(item.year, []),
                template="site/year.html.j2",
                section="years",
                extra={"year": item, "results": found},
            )

    def about(self) -> Page:
        w = self.words
        return Page(
            ("about", "1"),
            "site/about.html.j2",
            self.paths.section("about"),
            w("site_about"),
            w("site_about"),
            "about",
            data={
                "lists": [
                    Ref(self.paths.section(k), Text(w(f"site_{k}")))
                    for k in ("projects", "partners", "countries", "areas", "years")
                ]
            },
        )

    # ------------------------------------------------------------------ search index

    def index(self, words_of: dict[str, str]) -> dict[str, Any]:
        """What the filters and the search read in the browser: one entry per record.

        `w` holds the record's words folded as `intstrat search` folds them, each
        once, so `vaxjo` finds Växjö here as on the command line. They come from the
        texts in every language (and country names in every language), so `words_of`
        (by project id) can be shared between the languages.
        """
        projects = []
        for entry in self.entries:
            p = entry.record
            row = self.rows[p.id]
            words = words_of.get(p.id)
            if words is None:
                words = words_of[p.id] = _words(_project_texts(p, self))
            projects.append(
                {
                    "u": row.path,
                    "t": row.title.text,
                    "l": row.title.lang,
                    "s": row.status,
                    "sl": row.status_label,
                    "p": row.period,
                    "o": row.owner,
                    "pa": ", ".join(r.label.text for r in row.partners),
                    "d": _short(self.text(p.summary).text, 160),
                    "y": [str(y) for y in self.project_years[p.id]],
                    "c": self.countries_of(p),
                    "th": list(p.themes),
                    "f": list(p.forms),
                    "g": list(p.goals),
                    "fu": funders_of(p),
                    "sdg": [str(n) for n in sorted(set(p.sdgs))],
                    "w": words,
                }
            )
        partners = []
        for partner in self.partner_list:
            partners.append(
                {
                    "u": self.paths.item("partners", partner.id),
                    "t": self.text(partner.name).text,
                    "l": self.text(partner.name).lang,
                    "sl": self.words(f"ptype_{partner.type}"),
                    "d": self.words.country(partner.country),
                    "w": _words(
                        [
                            *partner.name.all(),
                            *(partner.description.all() if partner.description else ()),
                            _country_names(partner.country),
                        ]
                    ),
                }
            )
        return {"projects": projects, "partners": partners}


def _project_texts(p: Project, builder: Builder) -> list[str]:
    """The texts `intstrat search` looks in, and the names of partners and countries."""
    texts: list[str] = [*p.title.all()]
    for value in (p.summary, p.purpose):
        if value is not None:
            texts += value.all()
    for r in p.results:
        texts += r.title.all()
        if r.description is not None:
            texts += r.description.all()
    for q in p.quotes:
        texts += [*q.text.all(), q.name, *(q.role.all() if q.role else ())]
    for pid in dict.fromkeys(p.partners):
        partner = builder.repo.partners.get(pid)
        if partner is not None:
            texts += partner.name.all()
    texts += [_country_names(c) for c in builder.countries_of(p)]
    return texts


def _country_names(code: str) -> str:
    """A country's name in every language, so either finds it on any page."""
    return " ".join(dict.fromkeys(Words(lang).country(code) for lang in LANGUAGES))


#: Folding word by word, each distinct word once: records share most of their words.
_fold_word = lru_cache(maxsize=1 << 16)(fold)


def _words(texts: list[str]) -> str:
    """Every distinct word of `texts`, folded, in order of first use."""
    words = dict.fromkeys(word for text in texts for word in text.split())
    return " ".join(dict.fromkeys(part for word in words for part in _fold_word(word).split()))


def _plain(markdown: str) -> str:
    """Markdown as the plain text a reader sees: `[a](url)` becomes `a`."""
    if not any(c in markdown for c in "[]*_`<>#&\\"):
        return markdown
    from intstrat.documents.render import markdown_to_html

    return html.unescape(_TAG.sub("", str(markdown_to_html(markdown))))


def _short(text: str, limit: int = 200) -> str:
    """The start of a Markdown text as plain text, for a description tag or a search hit."""
    flat = " ".join(_plain(text).split())
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit - 1)
    return flat[: cut if cut > 0 else limit - 1] + "…"


def _newest_first(entry: Entry[Project]) -> tuple[int, str]:
    """Latest start first (undated work last), then by id, so the order never varies."""
    period = entry.record.period
    return (-(period.start.first_day.toordinal() if period else 0), entry.record.id)

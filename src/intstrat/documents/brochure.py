"""The partnership brochure as a typed context, like the report's (see docs/templates.md).

It follows Växjö's brochure page by page: cover and introduction, the
engagement in figures, a fact box per partner, results implemented at home,
one page per featured project, and a back page with contact details.
"""

from __future__ import annotations

import base64
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from intstrat.domain.funding import funders_of
from intstrat.domain.names import Goal, Names, PartnerRef, sdg_goals
from intstrat.errors import UsageError
from intstrat.format.models import OWN_FUNDER, RAN, FundingKind, Kind, Project
from intstrat.format.values import Language
from intstrat.i18n import Words, _
from intstrat.loading.diagnostics import did_you_mean
from intstrat.loading.files import FileRefused, read_inside
from intstrat.loading.repository import Repository

MIME = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
}


@dataclass(frozen=True)
class QuoteItem:
    text: str
    name: str
    role: str


@dataclass(frozen=True)
class FactBox:
    id: str
    name: str
    country: str
    area: str
    population: str
    website: str
    since: str
    projects: int
    themes: list[str]
    image: str
    """A data: URL ("" if none), so the page stays self-contained."""


@dataclass(frozen=True)
class Featured:
    number: int
    id: str
    title: str
    partners: list[PartnerRef]
    owner: str
    period: str
    sdgs: list[Goal]
    focus: str
    """`Fokus på mål 4, 8, Agenda 2030`, or "" without SDGs."""
    summary: str
    results: list[str]
    purpose: str
    quotes: list[QuoteItem]
    image: str


@dataclass(frozen=True)
class Brochure:
    lang: Language
    title: str
    organisation: str
    about_heading: str
    introduction: str
    """Markdown."""
    quote: QuoteItem | None
    figures: list[str]
    partners: list[FactBox]
    results_heading: str
    results_intro: str
    results: list[str]
    featured: list[Featured]
    contact: list[str]
    links: list[tuple[str, str]]


#: The largest image the brochure embeds; a page stays self-contained but not absurd.
MAX_IMAGE_BYTES = 20_000_000


def _data_url(root: Path, image: str | None) -> str:
    """The image as a data: URL, or "" unless it is a file inside the repository.

    `check` reports why an image is refused (R014); the brochure never embeds a
    file that a symbolic link leads to outside the repository.
    """
    if not image:
        return ""
    try:
        raw = read_inside(root, image, limit=MAX_IMAGE_BYTES)
    except FileRefused:
        return ""
    mime = MIME.get(Path(image).suffix.lower(), "application/octet-stream")
    return f"data:{mime};base64,{base64.b64encode(raw).decode()}"


def _top(counter: Counter[str], n: int) -> list[str]:
    return [key for key, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def _chronological(project: Project) -> tuple[str, str]:
    return (str(project.period.start) if project.period else "9999", project.id)


def build_brochure(
    repo: Repository,
    lang: Language | None = None,
    partners: list[str] | None = None,
    featured: list[str] | None = None,
    title: str | None = None,
) -> Brochure:
    if repo.config is None:
        raise UsageError(_("intstrat.yaml has errors; run 'intstrat check' and fix them first"))
    config = repo.config
    w = Words(lang or config.language)

    for ident in [*(partners or []), *(featured or [])]:
        if ident not in repo.partners and ident not in repo.projects:
            raise UsageError(
                _("no partner or project '{id}'").format(id=ident)
                + did_you_mean(ident, [*repo.partners, *repo.projects])
            )
    # By default the partnerships: partners with a `since` date, oldest first.
    chosen = partners or sorted(
        (i for i, p in repo.partners.items() if p.since is not None),
        key=lambda i: (str(repo.partners[i].since), i),
    )
    ran = [
        e.record
        for e in repo.project_entries
        if e.record.status in RAN and set(e.record.partners) & set(chosen)
    ]
    organisation = w.text(config.organisation.name)
    themes = {t.id: w.text(t.name) for t in config.themes}
    names = Names(repo, w)

    count = sum(p.kind in (Kind.PROJECT, Kind.PRESTUDY) for p in ran)
    figures = [w("br_projects_count", n=count)]
    theme_counts = Counter(t for p in ran for t in p.themes)
    if theme_counts:
        figures.append(
            w(
                "br_example_themes",
                themes=", ".join(
                    themes.get(t, t).lower() if i else themes.get(t, t)
                    for i, t in enumerate(_top(theme_counts, 11))
                ),
            )
        )
    funder_counts = Counter(f for p in ran for f in funders_of(p))
    if funder_counts:
        funder_names = ", ".join(names.funder_name(f) for f in _top(funder_counts, 3))
        staff = any(
            f.funder == OWN_FUNDER and f.kind is FundingKind.STAFF_TIME
            for p in ran
            for f in p.funding
        )
        key = "br_funding_own" if staff else "br_funding"
        figures.append(w(key, funders=funder_names, organisation=organisation))

    boxes = []
    for ident in chosen:
        partner = repo.partners[ident]
        with_partner = [p for p in ran if ident in p.partners]
        boxes.append(
            FactBox(
                id=ident,
                name=w.text(partner.name),
                country=w.country(partner.country),
                area=f"{w.number(partner.area_km2)} km²" if partner.area_km2 is not None else "",
                population=w("br_inhabitants", n=w.number(partner.population))
                if partner.population is not None
                else "",
                website=partner.website or "",
                since=w("br_since", year=partner.since.year) if partner.since else "",
                projects=len(with_partner),
                themes=[
                    themes.get(t, t)
                    for t in _top(Counter(t for p in with_partner for t in p.themes), 7)
                ],
                image=_data_url(repo.root, partner.image),
            )
        )

    implemented = sorted(
        ((r.date, w.text(r.title)) for p in ran for r in p.results if r.implemented),
        key=lambda x: (x[0], x[1]),
    )
    picked: list[Project]
    if featured:
        picked = [repo.projects[i] for i in featured if i in repo.projects]
    else:
        picked = sorted((p for p in ran if p.featured), key=_chronological)
    featured_items = []
    for number, p in enumerate(picked, start=1):
        refs = [names.partner_ref(pid) for pid in p.partners if pid in repo.partners]
        featured_items.append(
            Featured(
                number=number,
                id=p.id,
                title=w.text(p.title),
                partners=refs,
                owner=names.unit_name(p.owner),
                period=w.period(p.period),
                sdgs=sdg_goals(p.sdgs, w),
                focus=w("br_sdg_focus", goals=", ".join(str(n) for n in sorted(set(p.sdgs))))
                if p.sdgs
                else "",
                summary=w.text(p.summary),
                results=[w.text(r.title) for r in p.results if r.implemented]
                or [w.text(r.title) for r in p.results][:2],
                purpose=w.text(p.purpose),
                quotes=[QuoteItem(w.text(q.text), q.name, w.text(q.role)) for q in p.quotes],
                image=_data_url(repo.root, p.image),
            )
        )

    org = config.organisation
    contact = [x for x in (organisation, org.website or "", org.email or "", org.phone or "") if x]
    return Brochure(
        lang=w.lang,
        title=title or w("br_title"),
        organisation=organisation,
        about_heading=w("br_about", organisation=organisation),
        introduction=w.text(config.introduction),
        quote=QuoteItem(w.text(config.quote.text), config.quote.name, w.text(config.quote.role))
        if config.quote
        else None,
        figures=figures,
        partners=boxes,
        results_heading=w("br_results", organisation=organisation),
        results_intro=w("br_results_intro", organisation=organisation),
        results=[text for _, text in implemented],
        featured=featured_items,
        contact=contact,
        links=[(w.text(link.title), link.url) for link in config.links],
    )

"""The partnership brochure as a typed context, like the report's (see docs/templates.md).

It follows Växjö's brochure page by page: a cover, the engagement in brief, a
fact box per partner, results implemented at home, the featured projects with
"in short" boxes and quotes, and a back page with contact details. Printed, it
is a booklet: its pages are padded to a multiple of four (see render.py).

Every string is final text for the public: lists joined as the language joins
them ("A, B och C"), counts that say what they count and add up, and nothing
about the data format. Text that has no version in the output language is
shown in the repository's language and listed in `fallbacks`, so the command
can say which texts still need a translation.
"""

from __future__ import annotations

import base64
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from intstrat.domain.funding import funders_of
from intstrat.domain.names import Goal, Names, PartnerRef, sdg_goals
from intstrat.domain.projects import count_text, counted
from intstrat.errors import UsageError
from intstrat.format.models import OWN_FUNDER, RAN, FundingKind, Project
from intstrat.format.values import LocalText
from intstrat.formats import Language
from intstrat.i18n import Words, _
from intstrat.loading.diagnostics import did_you_mean
from intstrat.loading.files import FileRefused, read_inside
from intstrat.loading.listing import CONFIG_FILE
from intstrat.loading.parse import Loc
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
    """Projects and pre-studies with this partner (the kinds the overview counts)."""
    themes: list[str]
    """The themes of those projects, the most frequent first."""
    image: str
    """A data: URL ("" if none), so the page stays self-contained."""
    projects_text: str = ""
    """"7 projekt och förstudier", "1 projekt"."""
    themes_text: str = ""
    """"Exempel på projektteman: Energi, miljöpedagogik och PR/information" ("" if none)."""


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
    """`Fokus på mål 4 och 8 i Agenda 2030`, or "" without SDGs."""
    summary: str
    results: list[str]
    purpose: str
    quotes: list[QuoteItem]
    image: str
    parties: str = ""
    """Who did it: "Växjö kommun, Komuna Vushtrri (Kosovo) och Linnéuniversitetet (Sverige)"."""


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
    subtitle: str = ""
    """Under the title: from intstrat.yaml, else "Växjö kommuns samarbete med A och B"."""
    cover_image: str = ""
    """A data: URL ("" if none)."""
    fallbacks: list[str] = field(default_factory=list)
    """Texts shown in another language than `lang`, as "file:line: what"."""
    untranslated: frozenset[str] = frozenset()
    """The texts themselves, so a template can mark their language (`lang_of`)."""

    def lang_of(self, text: str) -> str:
        """The language of `text` when it is not the brochure's ("" when it is), for a
        `lang` attribute: a screen reader then reads Swedish text in an English
        brochure as Swedish (WCAG 2.1, 3.1.2)."""
        if text not in self.untranslated:
            return ""
        return "sv" if self.lang == "en" else "en"


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


class _Texts:
    """Text in the output language, remembering which had to fall back to another.

    Each fallback is kept as `file:line` (where to add the translation) and what it is.
    """

    def __init__(self, repo: Repository, words: Words, repository_language: str) -> None:
        self.repo, self.words, self.home = repo, words, repository_language
        self.fallbacks: list[str] = []
        self.texts: set[str] = set()

    def __call__(self, value: LocalText | None, path: str, loc: Loc) -> str:
        if value is None:
            return ""
        texts = dict(value.texts)
        lang = self.words.lang
        if lang not in texts and (set(texts) - {None} or self.home != lang):
            line = self.repo.locator.at(path, loc)[0]
            self.fallbacks.append(f"{path}:{line}: {'.'.join(str(k) for k in loc)}")
            self.texts.add(self.words.text(value))
        return self.words.text(value)


def _check_choices(repo: Repository, partners: list[str], featured: list[str]) -> None:
    """Each --partner a partner and each --featured a project: every mistake at once."""
    problems = []
    for ident in partners:
        if ident in repo.projects and ident not in repo.partners:
            problems.append(
                _("--partner: '{id}' is a project, not a partner; did you mean --featured?").format(
                    id=ident
                )
            )
        elif ident not in repo.partners:
            problems.append(
                _("--partner: no partner '{id}'").format(id=ident)
                + did_you_mean(ident, list(repo.partners))
            )
    for ident in featured:
        if ident in repo.partners and ident not in repo.projects:
            problems.append(
                _("--featured: '{id}' is a partner, not a project; did you mean --partner?").format(
                    id=ident
                )
            )
        elif ident not in repo.projects:
            problems.append(
                _("--featured: no project '{id}'").format(id=ident)
                + did_you_mean(ident, list(repo.projects))
            )
    if problems:
        raise UsageError("\n".join(problems))


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
    text = _Texts(repo, w, config.language)

    _check_choices(repo, partners or [], featured or [])
    # By default the partnerships: partners with a `since` date, oldest first.
    chosen = partners or sorted(
        (i for i, p in repo.partners.items() if p.since is not None),
        key=lambda i: (str(repo.partners[i].since), i),
    )
    entries = [
        e
        for e in repo.project_entries
        if e.record.status in RAN and set(e.record.partners) & set(chosen)
    ]
    ran = [e.record for e in entries]
    paths = {e.record.id: e.path for e in entries}
    organisation = w.text(config.organisation.name)
    themes = {
        t.id: text(t.name, CONFIG_FILE, ("themes", i, "name")) for i, t in enumerate(config.themes)
    }
    names = Names(repo, w)

    projects = counted(ran)
    shared = sum(len(set(p.partners) & set(chosen)) > 1 for p in projects)
    figures = [count_text(w, "br_projects_count", len(projects))]
    if shared:
        figures[0] += w("br_projects_shared", n=shared)
    # The themes of the projects counted beside them, not of a study visit or a network.
    theme_counts = Counter(t for p in projects for t in p.themes)
    proper = _proper_names(repo)
    if theme_counts:
        listed = _theme_list(w, [themes.get(t, t) for t in _top(theme_counts, 11)], proper)
        figures.append(w("br_example_themes", themes=listed))
    funder_counts = Counter(f for p in ran for f in funders_of(p))
    if funder_counts:
        funder_names = w.join(names.funder_name(f) for f in _top(funder_counts, 3))
        staff = any(
            f.funder == OWN_FUNDER and f.kind is FundingKind.STAFF_TIME
            for p in ran
            for f in p.funding
        )
        key = "br_funding_own" if staff else "br_funding"
        figures.append(w(key, funders=funder_names, organisation=w.genitive(organisation)))

    boxes = []
    for ident in chosen:
        partner = repo.partners[ident]
        with_partner = [p for p in projects if ident in p.partners]
        box_themes = [
            themes.get(t, t) for t in _top(Counter(t for p in with_partner for t in p.themes), 7)
        ]
        boxes.append(
            FactBox(
                id=ident,
                name=w.text(partner.name),
                country=w.country(partner.country),
                area=f"{w.number(partner.area_km2)}\u00a0km²"
                if partner.area_km2 is not None
                else "",
                population=w("br_inhabitants", n=w.number(partner.population))
                if partner.population is not None
                else "",
                website=partner.website or "",
                since=w("br_since", year=partner.since.year) if partner.since else "",
                projects=len(with_partner),
                themes=box_themes,
                image=_data_url(repo.root, partner.image),
                projects_text=count_text(w, "br_partner_projects", len(with_partner)),
                themes_text=w("br_example_themes", themes=_theme_list(w, box_themes, proper))
                if box_themes
                else "",
            )
        )

    implemented = sorted(
        (
            (r.date, text(r.title, paths[p.id], ("results", i, "title")))
            for p in ran
            for i, r in enumerate(p.results)
            if r.implemented
        ),
        key=lambda x: (x[0], x[1]),
    )
    picked: list[Project]
    if featured:
        picked = [repo.projects[i] for i in featured if i in repo.projects]
    else:
        picked = sorted((p for p in ran if p.featured), key=_chronological)
    featured_items = []
    units = {u.id: i for i, u in enumerate(config.units)}
    for number, p in enumerate(picked, start=1):
        where = next((e.path for e in repo.project_entries if e.record.id == p.id), p.id)
        refs = [names.partner_ref(pid) for pid in p.partners if pid in repo.partners]
        results = [
            text(r.title, where, ("results", i, "title"))
            for i, r in enumerate(p.results)
            if r.implemented
        ] or [text(r.title, where, ("results", i, "title")) for i, r in enumerate(p.results[:2])]
        owner = p.owner
        if p.owner in units:
            owner = text(config.units[units[p.owner]].name, CONFIG_FILE,
                         ("units", units[p.owner], "name"))  # fmt: skip
        featured_items.append(
            Featured(
                number=number,
                id=p.id,
                title=text(p.title, where, ("title",)),
                partners=refs,
                owner=owner,
                period=w.period(p.period),
                sdgs=sdg_goals(p.sdgs, w),
                focus=_focus(w, sorted(set(p.sdgs))),
                summary=text(p.summary, where, ("summary",)),
                results=results,
                purpose=text(p.purpose, where, ("purpose",)),
                quotes=[
                    QuoteItem(
                        text(q.text, where, ("quotes", i, "text")),
                        q.name,
                        text(q.role, where, ("quotes", i, "role")),
                    )
                    for i, q in enumerate(p.quotes)
                ],
                image=_data_url(repo.root, p.image),
                parties=w.join([organisation, *(r.label for r in refs)]),
            )
        )

    settings = config.brochure
    cover_title = title
    if not cover_title and settings and settings.title:
        cover_title = text(settings.title, CONFIG_FILE, ("brochure", "title"))
    if settings and settings.subtitle:
        subtitle = text(settings.subtitle, CONFIG_FILE, ("brochure", "subtitle"))
    elif boxes:
        subtitle = w(
            "br_subtitle",
            organisation=w.genitive(organisation),
            partners=w.join(b.name for b in boxes),
        )
    else:
        subtitle = ""
    org = config.organisation
    website = (org.website or "").removeprefix("https://").removeprefix("http://").rstrip("/")
    contact = [x for x in (organisation, website, org.email or "", org.phone or "") if x]
    quote = config.quote
    return Brochure(
        lang=w.lang,
        title=cover_title or w("br_title"),
        organisation=organisation,
        about_heading=w("br_about", organisation=w.genitive(organisation)),
        introduction=text(config.introduction, CONFIG_FILE, ("introduction",)),
        quote=QuoteItem(
            text(quote.text, CONFIG_FILE, ("quote", "text")),
            quote.name,
            text(quote.role, CONFIG_FILE, ("quote", "role")),
        )
        if quote
        else None,
        figures=figures,
        partners=boxes,
        results_heading=w("br_results", organisation=organisation),
        results_intro=w("br_results_intro", organisation=organisation),
        results=[t for _, t in implemented],
        featured=featured_items,
        contact=contact,
        links=[
            (text(link.title, CONFIG_FILE, ("links", i, "title")), link.url)
            for i, link in enumerate(config.links)
        ],
        subtitle=subtitle,
        cover_image=_data_url(repo.root, settings.cover_image if settings else None),
        fallbacks=list(dict.fromkeys(text.fallbacks)),
        untranslated=frozenset(text.texts),
    )


def _proper_names(repo: Repository) -> frozenset[str]:
    """The first words of the funders' and partners' names, casefolded: names that a
    theme's name may start with ("Erasmus+ och utbyten", "Interreg-projekt")."""
    assert repo.config is not None
    names = [f.name for f in repo.config.funders] + [p.name for p in repo.partners.values()]
    return frozenset(text.split()[0].casefold() for n in names for text in n.all() if text.split())


def _theme_list(w: Words, names: list[str], proper: frozenset[str]) -> str:
    """`Arbetsmarknad, kompetensförsörjning, HR/personal och Agenda 2030`: themes in a
    sentence, as the original brochure lists them.

    A theme's name is written as it starts a line ("Hållbar energi"); inside the
    sentence, after the first, it is lower case ("hållbar energi"), except where
    the capital belongs to a name (see `_in_sentence`).
    """
    return w.join([names[0], *(_in_sentence(n, proper) for n in names[1:])] if names else [])


def _in_sentence(name: str, proper: frozenset[str]) -> str:
    """`Hållbar energi` -> `hållbar energi`: the first letter only, and only where it is
    the capital of an ordinary word. Kept: an abbreviation ("EU-samarbete", "ICLD",
    "PR/information": a second letter that is not a small one), a name of several words
    ("Agenda 2030", "Horisont Europa": the next word starts with a capital or a digit),
    and a name the repository knows (a funder's or partner's first word: "Erasmus+
    ...", "Interreg-projekt"). A proper name it does not know that starts a theme's
    name ("Östersjöns miljö") cannot be told by its letters from a common noun, and is
    lowered."""
    first, _, rest = name.partition(" ")
    if len(first) < 2 or not (first[0].isupper() and first[1].islower()):
        return name
    if rest[:1].isupper() or rest[:1].isdigit():
        return name
    if re.split(r"[-/]", first)[0].casefold() in proper:
        return name
    return first[0].lower() + name[1:]


def _area(w: Words, km2: float | None) -> str:
    """`6 398 km²`, never broken between the number and its unit."""
    return f"{w.number(km2)}\u00a0km²" if km2 is not None else ""


def _focus(w: Words, goals: list[int]) -> str:
    """`Fokus på mål 4 och 8 i Agenda 2030`; "" without goals."""
    if not goals:
        return ""
    return w("br_sdg_focus_one" if len(goals) == 1 else "br_sdg_focus",
             goals=w.join(str(n) for n in goals))  # fmt: skip

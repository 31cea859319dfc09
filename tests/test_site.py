"""The web site: pages and stable URLs, links that resolve, sizes, downloads, escaping.

What a browser does with the site (axe-core, the filters, the search, no requests)
is in tests/test_site_browser.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from jinja2 import Environment
from jinja2.sandbox import SandboxedEnvironment
from typer.testing import CliRunner

from intstrat.cli import app
from intstrat.errors import IntstratError, UsageError
from intstrat.loading.repository import load_repository
from intstrat.site import Options, build_site
from intstrat.site import pages as site_pages
from intstrat.site.worldmap import shapes, world_map
from tests.helpers import CONFIG, build_repo, project

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()
TODAY = dt.date(2024, 5, 1)
BASE = "https://example.org/intstrat/"
#: The budget of one page: its HTML and the CSS and JavaScript it loads.
PAGE_BUDGET = 100_000


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(
        load_repository(ROOT),
        out,
        Options(base_url=BASE, repository_url="https://github.com/example/data", today=TODAY),
    )
    return out


class Refs(HTMLParser):
    """Every href and src of a page, and the attributes of its tags."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        for name, value in attrs:
            if name in ("href", "src", "action") and value is not None:
                self.refs.append((tag, name, value))


def parse(path: Path) -> Refs:
    refs = Refs()
    refs.feed(path.read_text(encoding="utf-8"))
    return refs


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("index.html"))


# ------------------------------------------------------------------ pages and URLs


@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        "projekt/index.html",
        "projekt/sekos-2/index.html",
        "partner/index.html",
        "partner/vushtrri/index.html",
        "lander/index.html",
        "lander/xk/index.html",
        "omraden/index.html",
        "omraden/social-hallbarhet/index.html",
        "ar/index.html",
        "ar/2021/index.html",
        "sok/index.html",
        "om-data/index.html",
        "tillganglighet/index.html",
        "en/index.html",
        "en/projects/sekos-2/index.html",
        "en/partners/vushtrri/index.html",
        "en/countries/xk/index.html",
        "en/areas/social-hallbarhet/index.html",
        "en/years/2021/index.html",
        "en/search/index.html",
        "en/about-the-data/index.html",
        "en/accessibility/index.html",
    ],
)
def test_every_page_type_is_at_its_stable_url(example: Path, path: str) -> None:
    assert (example / path).is_file()


def test_one_page_per_record_in_each_language(example: Path) -> None:
    projects = sorted(p.stem for p in (ROOT / "data/projects").glob("*.yaml"))
    partners = sorted(p.stem for p in (ROOT / "data/partners").glob("*.yaml"))
    for folder in ("projekt", "en/projects"):
        found = sorted(p.parent.name for p in (example / folder).glob("*/index.html"))
        assert found == projects
    for folder in ("partner", "en/partners"):
        found = sorted(p.parent.name for p in (example / folder).glob("*/index.html"))
        assert found == partners
    # The partners' countries, but Sweden, Växjö's own (Linnéuniversitetet's).
    assert sorted(p.parent.name for p in (example / "lander").glob("*/index.html")) == [
        "dk",
        "ee",
        "lt",
        "lv",
        "pl",
        "xk",
        "za",
    ]


def broken_links(site: Path) -> list[str]:
    """Every relative link of the site's pages that leads to no file."""
    broken = []
    for page in pages(site):
        for tag, _attr, ref in parse(page).refs:
            parts = urlsplit(ref)
            if parts.scheme or ref.startswith("#") or (tag == "form" and not ref):
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {ref}")
    return broken


def test_every_relative_link_resolves_to_a_file(example: Path) -> None:
    assert broken_links(example) == []


def test_no_page_loads_anything_from_elsewhere(example: Path) -> None:
    loads = 0
    for page in pages(example):
        for tag, attrs in parse(page).tags:
            if tag == "link" and attrs.get("rel") in ("canonical", "alternate"):
                continue  # names a page, loads nothing
            for attr in ("src", "href", "action"):
                ref = attrs.get(attr)
                if ref is None or tag == "a":
                    continue
                loads += 1
                assert not urlsplit(ref).scheme and not ref.startswith("//"), f"{page}: {ref}"
    assert loads > len(pages(example))  # stylesheets and scripts were looked at
    css = (example / "assets/site.css").read_text()
    assert "url(" not in css and "@import" not in css
    js = (example / "assets/site.js").read_text()
    assert "fetch(" not in js and "XMLHttpRequest" not in js


def test_canonical_alternates_and_open_graph(example: Path) -> None:
    tags = parse(example / "projekt/sekos-2/index.html").tags
    links = {(a.get("rel"), a.get("hreflang")): a.get("href") for t, a in tags if t == "link"}
    assert links[("canonical", None)] == BASE + "projekt/sekos-2/"
    assert links[("alternate", "sv")] == BASE + "projekt/sekos-2/"
    assert links[("alternate", "en")] == BASE + "en/projects/sekos-2/"
    og = {a["property"]: a["content"] for t, a in tags if t == "meta" and "property" in a}
    assert og["og:url"] == BASE + "projekt/sekos-2/"
    assert og["og:title"] == "Socialt entreprenörskap Kosovo (SEKOS 2)"
    assert og["og:type"] == "article"
    assert og["og:locale"] == "sv_SE"
    assert og["og:description"] == (
        "Pilottest av nya metoder i undervisning om socialt entreprenörskap."
    )
    html = (example / "en/projects/sekos-2/index.html").read_text()
    assert '<html lang="en">' in html
    assert "Social entrepreneurship Kosovo (SEKOS 2)" in html


def test_sitemap_lists_every_page_with_its_translation(example: Path) -> None:
    sitemap = (example / "sitemap.xml").read_text()
    locs = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert len(locs) == len(pages(example))
    assert BASE + "projekt/sekos-2/" in locs
    assert BASE + "en/projects/sekos-2/" in locs
    assert (
        f'<xhtml:link rel="alternate" hreflang="en" href="{BASE}en/projects/sekos-2/"/>' in sitemap
    )
    assert f"Sitemap: {BASE}sitemap.xml" in (example / "robots.txt").read_text()


def test_without_base_url_no_canonical_and_no_sitemap(tmp_path: Path) -> None:
    written = build_site(load_repository(ROOT), tmp_path / "s", Options(today=TODAY))
    assert not (tmp_path / "s/sitemap.xml").exists()
    assert 'rel="canonical"' not in (tmp_path / "s/index.html").read_text()
    assert any("--base-url" in note for note in written.notes)


def test_the_sitemap_is_escaped_xml_and_a_base_url_is_a_folders_address(tmp_path: Path) -> None:
    """sitemap.xml wrote the base URL unescaped (its template is XML, and was not
    autoescaped): an '&' in a path made it invalid XML. A query, fragment, quote or
    space in --base-url is refused: pages' addresses are made from it."""
    import xml.dom.minidom

    from intstrat.errors import UsageError

    repo = load_repository(ROOT)
    build_site(repo, tmp_path / "s", Options(today=TODAY, base_url="https://ex.org/a&b/"))
    sitemap = (tmp_path / "s/sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://ex.org/a&amp;b/</loc>" in sitemap
    xml.dom.minidom.parseString(sitemap)  # well-formed
    for bad in ("https://ex.org/?a=1&b=2", 'https://ex.org/"><script>', "https://ex.org/#x"):
        with pytest.raises(UsageError, match="must be the address of a folder"):
            build_site(repo, tmp_path / "t", Options(today=TODAY, base_url=bad))


# ------------------------------------------------------------------ content


def test_start_page_figures_and_partnerships(example: Path) -> None:
    html = (example / "index.html").read_text()
    figures = re.findall(
        r'<span class="value">([^<]+)</span> <span class="label">([^<]+)</span>', html
    )
    # 19 completed + 5 ongoing ran; 9 partner files; 7 countries (not Sweden, Växjö's
    # own); 21 results of the projects that ran, 16 of them implemented.
    assert figures == [
        ("24", "Projekt och aktiviteter"),
        ("5", "Pågår nu"),
        ("9", "Partner"),
        ("7", "Länder"),
        ("21", "Resultat"),
        ("16", "varav implementerade"),
    ]
    partnerships = re.findall(r'<h3><a href="partner/([a-z-]+)/index.html">', html)
    assert partnerships == ["jb-marks", "vushtrri"]  # oldest partnership first
    assert "Växjö kommun har en lång historia" in html  # the introduction


@pytest.mark.parametrize(
    ("name", "sv", "en"),
    [
        ("Testby kommun", "Testby kommuns", "Testby kommun's"),
        ("Vännäs", "Vännäs", "Vännäs'"),
    ],
)
def test_the_organisation_is_named_in_the_genitive_where_it_owns(
    tmp_path: Path, name: str, sv: str, en: str
) -> None:
    """The start page's heading read "Om Växjö kommun internationella engagemang"
    ("About Växjö kommun international engagement"): the plain name where the
    brochure has the genitive. The lead and "about the data" added an "s" by hand,
    which made "Vännäss"."""
    intro = "introduction: Vi samarbetar.\n"
    config = CONFIG.replace("{name: Testby kommun}", f"{{name: {name}}}") + intro
    root = build_repo(tmp_path / "repo", {"intstrat.yaml": config})
    build_site(load_repository(root), tmp_path / "s", Options(today=TODAY))
    home = (tmp_path / "s/index.html").read_text()
    assert f'<h2 id="about-heading">Om {sv} internationella engagemang</h2>' in home
    assert f'<p class="lead">{sv} internationella projekt, partnerskap och resultat.</p>' in home
    about = (tmp_path / "s/om-data/index.html").read_text()
    assert f"kommer från {sv} register över internationellt arbete." in about
    home = unescape((tmp_path / "s/en/index.html").read_text())  # en's ' is &#39;
    assert f'<h2 id="about-heading">About {en} international engagement</h2>' in home
    assert f'<p class="lead">{en} international projects, partnerships and results.</p>' in home
    about = unescape((tmp_path / "s/en/about-the-data/index.html").read_text())
    assert f"comes from {en} register of international work." in about


def test_the_menu_marks_only_the_pages_own_section(example: Path) -> None:
    """Start was marked as the current page on every Swedish page: the menu compared
    each link with the path of the section's first page, and used "" (which is the
    start page's path) for every other page."""
    site = example.resolve()

    def current(rel: str) -> list[tuple[str, str]]:
        html = (site / rel).read_text()
        menu = html[html.index('<nav class="menu"') :]
        menu = menu[: menu.index("</nav>")]
        return [
            ((site / rel).parent.joinpath(href).resolve().relative_to(site).as_posix(), value)
            for href, value in re.findall(r'<a href="([^"]+)" aria-current="([^"]+)"', menu)
        ]

    for rel, section in [
        ("projekt/sekos-2/index.html", "projekt/index.html"),
        ("ar/2021/index.html", "ar/index.html"),
        ("partner/vushtrri/index.html", "partner/index.html"),
        ("en/years/2021/index.html", "en/years/index.html"),
    ]:
        assert current(rel) == [(section, "true")], rel
    assert current("index.html") == [("index.html", "page")]
    assert current("en/index.html") == [("en/index.html", "page")]
    assert current("projekt/index.html") == [("projekt/index.html", "page")]
    assert current("om-data/index.html") == [("om-data/index.html", "page")]
    assert current("sok/index.html") == []  # search is not in the menu
    for page in pages(site):
        marked = current(page.relative_to(site).as_posix())
        assert len(marked) <= 1, page
        if marked and marked[0][1] == "page":
            assert marked[0][0] == page.relative_to(site).as_posix(), page


def test_no_page_says_work_ran_in_a_year_still_to_come(tmp_path: Path) -> None:
    """Built on 2026-12-03, the site had pages for 2027 and 2028 ("Projekt och
    aktiviteter som pågick under 2028 (1)") listing an open-ended membership: every
    open-ended work ran to the last end year of any record. The years end at the
    build's today (--today), for open-ended work, for work planned to end later and
    for results, and nothing links to a later year."""
    files = {
        "data/projects/natverk.yaml": project(
            id="natverk", title="Nätverket", kind="network", status="ongoing",
            period="{start: 2024}",
        ),
        "data/projects/sekos-2.yaml": project(
            status="ongoing", period="{start: 2025, end: 2028}",
            results="[{id: metod, title: Ny metod, date: 2027-02-01},"
            " {id: kurs, title: Kurs, date: 2026-03-01}]",
        ),
    }  # fmt: skip
    root = build_repo(tmp_path / "repo", files)
    args = ["site", "-o", str(tmp_path / "s"), "--repo", str(root), "--today", "2026-12-03"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    site = tmp_path / "s"
    for folder in ("ar", "en/years"):
        assert sorted(p.name for p in (site / folder).iterdir() if p.is_dir()) == [
            "2024",
            "2025",
            "2026",
        ]
    assert json.loads((site / "ar/data.json").read_text()) == [
        {"year": 2026, "projects": 2, "results": 1},
        {"year": 2025, "projects": 2, "results": 0},
        {"year": 2024, "projects": 1, "results": 0},
    ]
    page = (site / "projekt/sekos-2/index.html").read_text()
    assert re.findall(r'href="\.\./\.\./ar/(\d+)/', page) == ["2025", "2026"]
    assert "2025–\u20602028" in page  # the period still says when it is to end
    for rel in ("projekt/index.html", "assets/index.sv.js", "ar/index.html"):
        assert "2027" not in (site / rel).read_text(), rel
    assert broken_links(site) == []


def test_a_partners_count_of_projects_is_the_brochures(tmp_path: Path) -> None:
    """The start page said "8 projekt och förstudier" for a partner the brochure gave
    6: the site counted every record with the partner, a study visit and a project
    planned for later included. Both now count by domain.projects."""
    from intstrat.documents.brochure import build_brochure
    from tests.partnerships import partnership_repo

    root = partnership_repo(tmp_path / "repo")
    more = {
        "studiebesok": "kind: activity\nstatus: completed\nperiod: {start: 2023-05, end: 2023-05}",
        "planerat": "status: planned\nperiod: {start: 2027}",
        "natverk": "kind: network\nstatus: ongoing\nperiod: {start: 2020}",
    }
    for ident, lines in more.items():
        (root / f"data/projects/{ident}.yaml").write_text(
            f"id: {ident}\ntitle: {ident}\nowner: omsorg\npartners: [vushtrri]\n{lines}\n",
            encoding="utf-8",
        )
    repo = load_repository(root)
    build_site(repo, tmp_path / "s", Options(today=TODAY))
    table = json.loads((tmp_path / "s/partner/data.json").read_text())
    site_counts = {row["id"]: row["projects"] for row in table}
    for lang, home in (("sv", "s/index.html"), ("en", "s/en/index.html")):
        html = (tmp_path / home).read_text()
        brochure = build_brochure(repo, lang=lang)  # type: ignore[arg-type]
        assert [box.id for box in brochure.partners] == ["jb-marks", "vushtrri"]
        for box in brochure.partners:
            card = html[html.index(f"/{box.id}/index.html") :]
            card = card[: card.index("</li>")]
            assert f" · {box.projects_text}</p>" in card, (lang, box.id)
            assert site_counts[box.id] == box.projects
    assert site_counts["vushtrri"] == 3  # sekos, mis, kartlaggning
    listed = (tmp_path / "s/partner/vushtrri/index.html").read_text()
    assert "Projekt med Komuna Vushtrri (7)</h2>" in listed  # the list still shows all


def test_the_example_partners_count_as_in_the_brochure(example: Path) -> None:
    from intstrat.documents.brochure import build_brochure

    boxes = {b.id: b for b in build_brochure(load_repository(ROOT)).partners}
    assert boxes["vushtrri"].projects_text == "6 projekt och förstudier"
    html = (example / "index.html").read_text()
    for ident, box in boxes.items():
        card = html[html.index(f"partner/{ident}/index.html") :]
        assert f" · {box.projects_text}</p>" in card[: card.index("</li>")]


def test_map_marks_partner_countries_with_a_text_alternative(example: Path) -> None:
    html = (example / "lander/index.html").read_text()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg and "<title" in svg
    world = shapes()
    for code in ("XK", "ZA"):
        assert world.paths[code] in svg
    assert world.paths["US"] not in svg and world.paths["SE"] not in svg  # Växjö's own
    table = html[html.index("<table") :]
    assert ">Kosovo</a>" in table and ">Sydafrika</a>" in table
    country = (example / "lander/xk/index.html").read_text()
    assert "Karta: Kosovo markerat" in country
    assert world.paths["XK"] in country and world.paths["ZA"] not in country


HOME_PARTNER = """\
id: hogskolan
name: Testby högskola
type: university
country: SE
"""


@pytest.mark.parametrize(("home", "abroad"), [("", ["XK"]), ("XK", ["SE"])])
def test_the_organisations_own_country_is_no_country_of_its_work(
    tmp_path: Path, home: str, abroad: list[str]
) -> None:
    """The start page said "8 Länder", with Sweden on the map and in the list,
    through Växjö's Swedish partner. The organisation's own country (intstrat.yaml
    organisation.country, SE unless it says otherwise) is not a country of its
    international work: no count, no map, no list, no filter, no page. A partner
    there is still a partner, with its page, naming its country without a link."""
    config = CONFIG
    if home:
        config = CONFIG.replace(
            "{name: Testby kommun}", f"{{name: Testby kommun, country: {home}}}"
        )
    root = build_repo(
        tmp_path / "repo",
        {
            "intstrat.yaml": config,
            "data/partners/hogskolan.yaml": HOME_PARTNER,
            "data/projects/sekos-2.yaml": project(partners="[vushtrri, hogskolan]"),
        },
    )
    build_site(load_repository(root), tmp_path / "s", Options(today=TODAY))
    site = tmp_path / "s"
    names = {"SE": "Sverige", "XK": "Kosovo"}
    own = next(code for code in names if code not in abroad)
    home_page = (site / "index.html").read_text()
    assert '<span class="value">1</span> <span class="label">Länder</span>' in home_page
    assert '<span class="value">2</span> <span class="label">Partner</span>' in home_page
    world = shapes()
    for page in ("index.html", "lander/index.html"):
        html = (site / page).read_text()
        svg = html[html.index("<svg") : html.index("</svg>")]
        assert world.paths[abroad[0]] in svg and world.paths[own] not in svg, page
    assert sorted(p.name for p in (site / "lander").iterdir() if p.is_dir()) == [abroad[0].lower()]
    assert [c["code"] for c in json.loads((site / "lander/data.json").read_text())] == abroad
    assert [r["Länder"] for r in csv.DictReader(
        io.StringIO((site / "projekt/data.csv").read_text(encoding="utf-8-sig")), delimiter=";"
    )] == [names[abroad[0]]]  # fmt: skip
    index = (site / "assets/index.sv.js").read_text()
    data = json.loads(index.removeprefix("window.intstratIndex = ").rstrip().rstrip(";"))
    assert data["projects"][0]["c"] == abroad
    projects = (site / "projekt/index.html").read_text()
    assert f">{names[abroad[0]]}</option>" in projects
    assert f">{names[own]}</option>" not in projects
    project_page = (site / "projekt/sekos-2/index.html").read_text()
    countries = project_page[project_page.index("<dt>Länder</dt>") :]
    countries = countries[: countries.index("</dd>")]
    assert re.findall(r">([^<>]+)</a>", countries) == [names[abroad[0]]]
    partner = "vushtrri" if own == "XK" else "hogskolan"
    page = (site / f"partner/{partner}/index.html").read_text()
    assert f"<dt>Land</dt><dd>{names[own]}</dd>" in page  # named, not linked
    table = (site / "partner/index.html").read_text()
    assert f"<td>{names[own]}</td>" in table
    assert f'lander/{abroad[0].lower()}/index.html">{names[abroad[0]]}</a></td>' in table
    assert broken_links(site) == []


def test_world_map_covers_kosovo_and_small_countries_as_points() -> None:
    world = shapes()
    assert {"XK", "SE", "ZA", "CY", "SO"} <= set(world.paths)
    assert "MT" in world.points and "MT" not in world.paths  # Malta: a point only
    svg = str(world_map(["MT", "ZZ"], "Karta <&>"))
    assert svg.count("<circle") == 1  # ZZ is no country: left out, no error
    assert "Karta &lt;&amp;&gt;" in svg


def test_text_missing_in_english_is_marked_swedish(tmp_path: Path) -> None:
    root = build_repo(tmp_path / "repo")
    repo = load_repository(root)
    build_site(repo, tmp_path / "s", Options(today=TODAY))
    html = (tmp_path / "s/en/projects/sekos-2/index.html").read_text()
    assert '<h1><span lang="sv">Socialt entreprenörskap Kosovo</span></h1>' in html
    sv = (tmp_path / "s/projekt/sekos-2/index.html").read_text()
    assert "<h1>Socialt entreprenörskap Kosovo</h1>" in sv


def test_long_lists_are_split_into_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(site_pages, "PER_PAGE", 2)
    files = {
        f"data/projects/p-{i}.yaml": project(id=f"p-{i}", title=f"Projekt {i}") for i in range(5)
    }
    root = build_repo(tmp_path / "repo", files)
    build_site(load_repository(root), tmp_path / "s", Options(today=TODAY, other_language=False))
    first = (tmp_path / "s/projekt/index.html").read_text()
    assert first.count('<li><a href="') >= 2
    assert (tmp_path / "s/projekt/sida-2/index.html").is_file()
    assert (tmp_path / "s/projekt/sida-3/index.html").is_file()
    assert not (tmp_path / "s/projekt/sida-4").exists()  # 6 projects, 2 a page
    assert 'href="../projekt/sida-2/index.html" rel="next"' in first
    rows = list(
        csv.DictReader(io.StringIO((tmp_path / "s/projekt/data.csv").read_text()), delimiter=";")
    )
    assert len(rows) == 6  # the download has every project, not one page


# ------------------------------------------------------------------ downloads


def test_every_list_has_csv_and_json(example: Path) -> None:
    for folder in ("projekt", "partner", "lander", "omraden", "ar", "lander/xk", "ar/2021"):
        assert (example / folder / "data.csv").is_file(), folder
        rows = json.loads((example / folder / "data.json").read_text())
        assert rows, folder
    xk = json.loads((example / "lander/xk/data.json").read_text())
    assert all("XK" in row["countries"] for row in xk)
    partners = json.loads((example / "partner/data.json").read_text())
    assert {"id": "vushtrri", "country": "XK"}.items() <= next(
        p for p in partners if p["id"] == "vushtrri"
    ).items()


def test_project_list_json_has_the_rows_of_intstrat_list(example: Path) -> None:
    from intstrat.i18n import Words
    from intstrat.query.tables import project_rows

    repo = load_repository(ROOT)
    html = (example / "lander/xk/index.html").read_text()
    order = re.findall(r'<li><a href="\.\./\.\./projekt/([a-z0-9-]+)/index.html"', html)
    entries = {e.record.id: e for e in repo.project_entries}
    rows = project_rows(repo, [entries[i] for i in order], Words("sv"))
    assert json.loads((example / "lander/xk/data.json").read_text()) == json.loads(json.dumps(rows))
    assert "Maskinläsbar JSON</a>" in html


def test_the_csv_for_spreadsheets_is_in_the_pages_language(example: Path) -> None:
    """data.csv, "CSV för kalkylprogram", had the English keys and ids of `intstrat
    list` (kind,status,owner ... project,planned,arbete-och-valfard,XK,icld)."""

    def sheet(rel: str, delimiter: str) -> list[dict[str, str]]:
        data = (example / rel).read_bytes()
        assert data.startswith("\ufeff".encode())  # so Excel reads å, ä and ö
        return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))

    rows = sheet("lander/xk/data.csv", ";")  # what Excel with Swedish settings splits on
    assert list(rows[0]) == [
        "Projekt", "Typ", "Status", "Ansvarig", "Start", "Slut", "Partner", "Länder",
        "Finansiärer", "Globala mål", "Resultat",
    ]  # fmt: skip
    html = (example / "lander/xk/index.html").read_text()
    assert len(rows) == len(re.findall(r'<li><a href="\.\./\.\./projekt/[a-z0-9-]+/', html))
    assert rows[0] == {
        "Projekt": "Ungdomars delaktighet i Växjö och Vushtrri",
        "Typ": "projekt",
        "Status": "planerat",
        "Ansvarig": "Förvaltningen arbete och välfärd",
        "Start": "2027-01",
        "Slut": "2028-12",
        "Partner": "Komuna Vushtrri",
        "Länder": "Kosovo",
        "Finansiärer": "ICLD",
        "Globala mål": "10, 16",
        "Resultat": "0",
    }
    en = sheet("en/countries/xk/data.csv", ",")
    assert en[0]["Status"] == "planned" and en[0]["Owner"] == "Department of Work and Welfare"
    partners = {r["Partner"]: r for r in sheet("partner/data.csv", ";")}
    assert partners["Komuna Vushtrri"] == {
        "Partner": "Komuna Vushtrri",
        "Typ": "kommun",
        "Land": "Kosovo",
        "Partner sedan": "2013",
        "Projekt och förstudier": "6",
    }
    assert list(sheet("lander/data.csv", ";")[0]) == ["Land", "Partner", "Projekt"]
    assert list(sheet("omraden/data.csv", ";")[0]) == [
        "Strategiskt område",
        "Projekt och förstudier",
    ]
    assert list(sheet("ar/data.csv", ";")[0]) == ["År", "Projekt", "Resultat"]
    assert list(sheet("en/years/data.csv", ",")[0]) == ["Year", "Projects", "Results"]


def test_one_process_or_two_write_the_same_site(tmp_path: Path) -> None:
    # With a template of the repository's own, which the processes must use too.
    shutil.copytree(ROOT / "data", tmp_path / "repo/data")
    shutil.copy(ROOT / "intstrat.yaml", tmp_path / "repo/intstrat.yaml")
    (tmp_path / "repo/templates/site").mkdir(parents=True)
    (tmp_path / "repo/templates/site/footer.html.j2").write_text(
        '{% extends "default:site/footer.html.j2" %}', encoding="utf-8"
    )
    repo = load_repository(tmp_path / "repo")
    build_site(repo, tmp_path / "one", Options(today=TODAY, base_url=BASE, jobs=1))
    build_site(repo, tmp_path / "two", Options(today=TODAY, base_url=BASE, jobs=2))
    one = {
        p.relative_to(tmp_path / "one"): p.read_bytes()
        for p in (tmp_path / "one").rglob("*")
        if p.is_file()
    }
    two = {
        p.relative_to(tmp_path / "two"): p.read_bytes()
        for p in (tmp_path / "two").rglob("*")
        if p.is_file()
    }
    assert one.keys() == two.keys() and len(one) > 300
    assert [k for k in one if one[k] != two[k]] == []
    assert b"Byggd med intstrat" in one[Path("index.html")]


def test_a_template_of_the_repository_replaces_the_built_in_one(tmp_path: Path) -> None:
    root = build_repo(
        tmp_path / "repo",
        {"templates/site/footer.html.j2": '<footer class="foot"><p>Vår egen sidfot</p></footer>'},
    )
    build_site(load_repository(root), tmp_path / "s", Options(today=TODAY))
    html = (tmp_path / "s/projekt/sekos-2/index.html").read_text()
    assert "Vår egen sidfot" in html and "Byggd med intstrat" not in html


# ------------------------------------------------------------------ untrusted data

HOSTILE = """\
id: sekos-2
title: "<script>alert('t')</script> =HYPERLINK(\\"http://x\\")"
status: ongoing
owner: utbildning
partners: [vushtrri]
period: {start: 2020}
summary: |-
  [klick](javascript:alert(1)) <img src=x onerror=alert(2)> [ftp](ftp://example.org/x)
  <javascript:alert(3)> [ok](https://example.org/ok) [mail](mailto:a@example.org)
"""


def test_record_text_never_becomes_markup_or_script(tmp_path: Path) -> None:
    root = build_repo(tmp_path / "repo", {"data/projects/sekos-2.yaml": HOSTILE})
    build_site(load_repository(root), tmp_path / "s", Options(today=TODAY))
    for page in pages(tmp_path / "s"):
        html = page.read_text()
        assert "<script>alert" not in html, page
        assert "<img" not in html, page
        for _tag, attrs in parse(page).tags:
            for name, value in attrs.items():
                assert not name.startswith("on"), (page, name)  # no event handler attribute
                if name in ("href", "src", "action", "formaction", "srcset"):
                    assert "javascript:" not in (value or "").lower(), (page, name, value)
                    scheme = urlsplit(value or "").scheme
                    assert scheme in ("", "http", "https", "mailto"), (page, value)
    html = (tmp_path / "s/projekt/sekos-2/index.html").read_text()
    assert "&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert '<a href="https://example.org/ok">ok</a>' in html
    assert '<a href="mailto:a@example.org">mail</a>' in html
    assert "ftp" in html and 'href="ftp:' not in html  # the text stays, the link goes
    # The description is the summary as plain text: a link's text, not its target (and
    # what Markdown refused as a link, anything but http(s) and mailto, stays escaped text).
    assert (
        'content="[klick](javascript:alert(1)) &lt;img src=x onerror=alert(2)&gt; '
        '[ftp](ftp://example.org/x) &lt;javascript:alert(3)&gt; ok mail">'
    ) in html
    index = (tmp_path / "s/assets/index.sv.js").read_text()
    assert index.startswith("window.intstratIndex = {")  # data in a script file, no markup


def test_formula_in_csv_is_neutralised(tmp_path: Path) -> None:
    root = build_repo(
        tmp_path / "repo",
        {"data/projects/sekos-2.yaml": project(title='"=HYPERLINK(\\"http://x\\",\\"y\\")"')},
    )
    build_site(load_repository(root), tmp_path / "s", Options(today=TODAY))
    text = (tmp_path / "s/projekt/data.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert rows[0]["Projekt"] == '\'=HYPERLINK("http://x","y")'


def test_javascript_link_in_a_record_never_reaches_a_page(tmp_path: Path) -> None:
    bad = project(links="[{title: klicka, url: 'javascript:alert(1)'}]")
    root = build_repo(tmp_path / "repo", {"data/projects/sekos-2.yaml": bad})
    result = runner.invoke(app, ["site", "-o", str(tmp_path / "s"), "--repo", str(root)])
    assert result.exit_code == 1, result.output  # the record has an error: no site
    assert not (tmp_path / "s").exists()
    result = runner.invoke(
        app, ["site", "-o", str(tmp_path / "s"), "--repo", str(root), "--allow-errors"]
    )
    assert result.exit_code == 0, result.output
    for path in (tmp_path / "s").rglob("*"):
        if path.is_file():
            assert "javascript:alert" not in path.read_text(encoding="utf-8"), path


def test_site_href_filter_allows_only_web_and_mail() -> None:
    from intstrat.site.build import safe_href

    assert safe_href("https://a.se") == "https://a.se"
    assert safe_href("mailto:a@b.se") == "mailto:a@b.se"
    assert safe_href(" JavaScript:alert(1)") == ""
    assert safe_href("data:text/html,x") == ""
    assert safe_href("//evil.example") == ""


# ------------------------------------------------------------------ size and search


def test_every_page_is_under_100_kb_with_its_css_and_js(example: Path) -> None:
    sizes = {}
    for page in pages(example):
        total = page.stat().st_size
        for tag, attr, ref in parse(page).refs:
            if (tag, attr) in (("script", "src"), ("link", "href")) and not urlsplit(ref).scheme:
                target = (page.parent / ref).resolve()
                if target.suffix in (".css", ".js"):
                    total += target.stat().st_size
        sizes[str(page.relative_to(example))] = total
    assert max(sizes.values()) < PAGE_BUDGET, max(sizes.items(), key=lambda kv: kv[1])


def test_search_index_folds_like_intstrat_search(example: Path) -> None:
    text = (example / "assets/index.sv.js").read_text()
    data = json.loads(text.removeprefix("window.intstratIndex = ").rstrip().rstrip(";"))
    partner = next(p for p in data["partners"] if p["u"] == "partner/vushtrri/")
    assert partner["t"] == "Komuna Vushtrri"
    project_ = next(p for p in data["projects"] if p["u"] == "projekt/sekos-2/")
    assert "entreprenorskap" in project_["w"].split()  # folded: ö -> o
    assert "vaxjo" in " ".join(p["w"] for p in data["projects"])
    assert project_["c"] == ["XK"] and project_["s"] == "completed"  # not SE, Växjö's own
    assert project_["y"] == ["2018", "2019", "2020", "2021"]
    assert data["fold"]["ø"] == "o"


# ------------------------------------------------------------------ the command


def test_command_writes_the_site_and_replaces_its_own(tmp_path: Path) -> None:
    root = build_repo(tmp_path / "repo")
    out = tmp_path / "site"
    args = ["site", "-o", str(out), "--repo", str(root), "--today", "2024-05-01"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert f"to {out}" in result.output and "(sv, en)" in result.output
    (out / "stale.html").write_text("old")
    assert runner.invoke(app, args).exit_code == 0
    assert not (out / "stale.html").exists()  # a new build replaces the old whole
    assert "1 maj 2024" in (out / "tillganglighet/index.html").read_text()


def test_command_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    root = build_repo(tmp_path / "repo")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/notes.txt").write_text("mine")
    result = runner.invoke(app, ["site", "-o", str(tmp_path / "docs"), "--repo", str(root)])
    assert result.exit_code == 2
    assert "was not written by 'intstrat site'" in result.output
    assert (tmp_path / "docs/notes.txt").read_text() == "mine"


def test_bad_base_url_is_a_usage_error(tmp_path: Path) -> None:
    root = build_repo(tmp_path / "repo")
    with pytest.raises(UsageError, match="--base-url must be a web address"):
        build_site(load_repository(root), tmp_path / "s", Options(base_url="javascript:x"))
    result = runner.invoke(
        app, ["site", "-o", str(tmp_path / "s"), "--repo", str(root), "--base-url", "ftp://x"]
    )
    assert result.exit_code == 2 and "--base-url must be a web address" in result.output


def test_one_language_and_english_first(tmp_path: Path) -> None:
    root = build_repo(tmp_path / "repo")
    build_site(load_repository(root), tmp_path / "s", Options(lang="en", other_language=False))
    assert (tmp_path / "s/projects/sekos-2/index.html").is_file()
    assert not (tmp_path / "s/sv").exists() and not (tmp_path / "s/en").exists()
    assert '<html lang="en">' in (tmp_path / "s/index.html").read_text()


def test_the_software_licence_is_never_claimed_for_the_data(tmp_path: Path) -> None:
    """The first line of LICENSE ('MIT License', the code's licence) was stated as the
    licence of the data. A file linked out of the repository is not read either."""
    root = build_repo(tmp_path / "repo")
    (root / "LICENSE").write_text("MIT License\n\nCopyright (c) 2026\n", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:hemlig\n", encoding="utf-8")
    (root / "LICENCE").symlink_to(secret)
    written = build_site(load_repository(root), tmp_path / "s", Options(today=TODAY))
    site = "\n".join(p.read_text() for p in pages(tmp_path / "s"))
    assert "MIT" not in site and "hemlig" not in site
    sv = (tmp_path / "s/om-data/index.html").read_text()
    assert "<p>Ingen licens är angiven för uppgifterna. Fråga Testby kommun innan" in sv
    en = (tmp_path / "s/en/about-the-data/index.html").read_text()
    assert "<p>No licence is given for the data." in en
    assert any("data_licence" in note for note in written.notes)


def test_the_data_licence_comes_from_intstrat_yaml_or_the_option(tmp_path: Path) -> None:
    licence = (
        "data_licence: {name: CC BY 4.0, url: 'https://creativecommons.org/licenses/by/4.0/'}\n"
    )
    root = build_repo(tmp_path / "repo", {"intstrat.yaml": CONFIG + licence})
    (root / "LICENSE").write_text("MIT License\n", encoding="utf-8")
    written = build_site(load_repository(root), tmp_path / "s", Options(today=TODAY))
    sv = (tmp_path / "s/om-data/index.html").read_text()
    assert (
        "<p>Uppgifterna får användas enligt: CC BY 4.0. "
        '<a href="https://creativecommons.org/licenses/by/4.0/">Villkoren för CC BY 4.0</a></p>'
    ) in sv
    en = (tmp_path / "s/en/about-the-data/index.html").read_text()
    assert "The data may be used under: CC BY 4.0." in en
    assert not any("data_licence" in note for note in written.notes)
    build_site(load_repository(root), tmp_path / "t", Options(today=TODAY, licence="CC0 1.0"))
    sv = (tmp_path / "t/om-data/index.html").read_text()
    assert "<p>Uppgifterna får användas enligt: CC0 1.0.</p>" in sv  # the option wins


def test_about_the_data_is_in_the_pages_language(example: Path) -> None:
    """The Swedish page said 'Text som bara finns på English visas på English.' and
    credited the map in English, naming a developer's script."""
    sv = (example / "om-data/index.html").read_text()
    assert "<p>Text som bara finns på engelska visas på engelska.</p>" in sv
    assert "Ländernas former kommer från Natural Earth (allmän egendom" in sv
    en = (example / "en/about-the-data/index.html").read_text()
    assert "<p>Text that exists only in Swedish is shown in Swedish.</p>" in en
    assert "The countries&#39; shapes come from Natural Earth (public domain" in en
    for html in (sv, en):
        assert "Country shapes" not in html and "world_map.py" not in html
    one = build_site(
        load_repository(ROOT),
        example.parent / "one",
        Options(today=TODAY, lang="en", other_language=False),
    )
    assert "in Swedish is shown in Swedish" in (one.out / "about-the-data/index.html").read_text()


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("site/base.html.j2", "{{ cycler.__init__.__globals__ }}"),
        (
            "site/macros.html.j2",
            '{% from "default:site/macros.html.j2" import project_list, pager, downloads, '
            "projects_block, country_map with context %}{{ ''.__class__ }}",
        ),
        ("site/row.html.j2", "{{ r.__class__ }}"),
        ("site/footer.html.j2", "{{ t.__class__ }}"),
    ],
)
def test_overriding_any_site_template_renders_every_page_in_the_sandbox(
    tmp_path: Path, name: str, body: str
) -> None:
    # The built-in templates are rendered outside the sandbox only when the repository
    # overrides none of them: an override of one they extend, import or are shown
    # with is refused by the sandbox, wherever it is used.
    root = build_repo(tmp_path / "repo", {f"templates/{name}": body})
    with pytest.raises(IntstratError, match="the template tried something"):
        build_site(load_repository(root), tmp_path / "s", Options(today=TODAY, jobs=1))
    assert not (tmp_path / "s").exists()


def test_the_site_templates_load_only_site_templates() -> None:
    # What lets a repository without templates/site/ have its pages rendered outside
    # the sandbox: nothing else of the repository's could be loaded by them.
    from importlib.resources import files

    from jinja2 import meta

    from intstrat.site.build import site_environment

    env = site_environment(ROOT)
    folder = files("intstrat").joinpath("templates/site")
    names = [f.name for f in folder.iterdir() if f.name.endswith(".j2")]
    assert len(names) > 20
    for name in names:
        source = folder.joinpath(name).read_text(encoding="utf-8")
        for other in meta.find_referenced_templates(env.parse(source)):
            assert other is not None and other.removeprefix("default:").startswith("site/")


def test_the_unsandboxed_environment_renders_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from intstrat.site import build

    repo = load_repository(ROOT)
    options = Options(today=TODAY, base_url=BASE, jobs=1)
    build_site(repo, tmp_path / "fast", options)
    chosen: list[Environment] = []
    original = build.render_environment

    def sandboxed(env: Environment, root: Path) -> Environment:
        chosen.append(original(env, root))
        return env

    monkeypatch.setattr(build, "render_environment", sandboxed)
    build_site(repo, tmp_path / "sandboxed", options)
    assert chosen and not isinstance(chosen[0], SandboxedEnvironment)
    fast, slow = (
        {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
        for site in (tmp_path / "fast", tmp_path / "sandboxed")
    )
    assert fast.keys() == slow.keys() and len(fast) > 300
    assert [k for k in fast if fast[k] != slow[k]] == []


def test_site_templates_run_in_the_sandbox_and_name_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = build_repo(tmp_path / "repo")
    (root / "templates/site").mkdir(parents=True)
    (root / "templates/site/about.html.j2").write_text(
        '{% extends "default:site/about.html.j2" %}\n{% block main %}\n'
        '{{ cycler.__init__.__globals__.os.popen("touch PWNED").read() }}\n{% endblock %}\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["site", "-o", str(tmp_path / "s"), "--repo", str(root)])
    assert result.exit_code == 2, result.output
    assert "template templates/site/about.html.j2:3: the template tried something" in result.output
    assert not (tmp_path / "PWNED").exists()
    assert not (tmp_path / "s").exists()

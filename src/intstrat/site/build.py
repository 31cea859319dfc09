"""Write the site: every page through the one Jinja environment, the downloads, the index.

The site is static files that work from a folder on disk (`file://`) as well as
from any web server: links are relative and end in `index.html` (or in `/` with
`clean_urls`), the search index is a script file, not JSON fetched at run time,
and nothing is loaded from anywhere else. It is written to a temporary folder
beside the target and moved into place whole, so an interrupted run leaves the
previous site as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment
from markupsafe import Markup, escape

from intstrat.errors import UsageError
from intstrat.format.values import LANGUAGES, Language
from intstrat.i18n import LOCALES, Words, _
from intstrat.loading.files import FileRefused, read_inside
from intstrat.loading.repository import Repository
from intstrat.site.pages import MENU, Builder, Paths, Text
from intstrat.site.worldmap import shapes, world_map

#: A file in every folder `intstrat site` writes, so it only ever replaces its own output.
MARKER = ".intstrat-site"
SAFE_SCHEMES = ("http://", "https://", "mailto:")
_LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.S)
#: Contact details of the coordinator's office: licence files looked for in the repository.
LICENCE_FILES = ("LICENSE", "LICENCE", "LICENSE.md", "LICENCE.md", "LICENSE.txt")
MAX_LICENCE_BYTES = 1_000_000


@dataclass(frozen=True)
class Options:
    """What the command line chooses; all optional."""

    lang: Language | None = None
    other_language: bool = True
    base_url: str = ""
    repository_url: str = ""
    licence: str = ""
    clean_urls: bool = False
    today: dt.date | None = None


@dataclass
class Written:
    """What a build wrote, for the command's message and for tests."""

    out: Path
    pages: int = 0
    files: int = 0
    languages: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class NavItem:
    key: str
    path: str
    label: str


@dataclass(frozen=True)
class SiteInfo:
    """What every page shows: the organisation, the menu, the other language."""

    lang: str
    locale: str
    name: str
    title: str
    home: str
    search: str
    accessibility: str
    about: str
    nav: list[NavItem]
    other_lang: str
    other_label: str
    other_note: str
    email: str
    phone: str
    website: str
    repository_url: str
    contributing_url: str
    licence: str
    updated: str
    attribution: str
    language_name: str


def safe_href(url: object) -> str:
    """`url` if it is a web or mail address, else "": nothing else becomes a link."""
    text = str(url).strip()
    return text if text.lower().startswith(SAFE_SCHEMES) else ""


def _restrict_links(html: str) -> str:
    """Markdown's links to anything but http(s) and mailto become their plain text."""
    return _LINK.sub(lambda m: m.group(0) if safe_href(_unescape(m.group(1))) else m.group(2), html)


def _unescape(href: str) -> str:
    return href.replace("&amp;", "&").replace("&quot;", '"').replace("&#x27;", "'")


def _lang_text(value: Text | str) -> Markup:
    """Text, wrapped in `<span lang>` when it is in the other language."""
    if isinstance(value, Text) and value.lang:
        return Markup('<span lang="{}">{}</span>').format(value.lang, value.text)
    return escape(str(value))


def _lang_attr(value: Text | str) -> Markup:
    if isinstance(value, Text) and value.lang:
        return Markup(' lang="{}"').format(value.lang)
    return Markup("")


def site_environment(root: Path) -> Environment:
    """The documents' environment (render.environment), with the site's filters added."""
    from intstrat.documents.render import environment

    env = environment(root)
    markdown: Callable[[str], Markup] = env.filters["markdown"]
    env.filters["prose"] = lambda value: Markup(_restrict_links(str(markdown(str(value)))))
    env.filters["lt"] = _lang_text
    env.filters["langattr"] = _lang_attr
    env.filters["href"] = safe_href
    return env


def _source(env: Environment, name: str) -> str:
    """A static file among the templates (CSS, JS), the repository's own copy first."""
    assert env.loader is not None
    return env.loader.get_source(env, name)[0]


def _licence(root: Path, given: str) -> str:
    if given:
        return given
    for name in LICENCE_FILES:
        try:  # only a file inside the repository: never the target of a link out of it
            text = read_inside(root, name, limit=MAX_LICENCE_BYTES).decode("utf-8", "replace")
        except FileRefused:
            continue
        else:
            for line in text.splitlines():
                if line.strip():
                    return line.strip().lstrip("#").strip()
    return ""


def _url_maker(path: str, clean: bool) -> Callable[[str], str]:
    up = "../" * path.count("/")

    def url(target: str) -> str:
        if not clean and (target == "" or target.endswith("/")):
            target += "index.html"
        return up + target or "./"

    return url


def build_site(repo: Repository, out: Path, options: Options = Options()) -> Written:
    """Write the whole site to `out`, replacing a site written there before."""
    if repo.config is None:
        raise UsageError(_("intstrat.yaml has errors; run 'intstrat check' and fix them first"))
    for name, url in (
        ("--base-url", options.base_url),
        ("--repository-url", options.repository_url),
    ):
        if url and not url.lower().startswith(("http://", "https://")):
            raise UsageError(
                _("{option} must be a web address starting with https://, got '{url}'").format(
                    option=name, url=url
                )
            )
    out = out.resolve()
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise UsageError(
            _(
                "{out} exists and was not written by 'intstrat site'; choose a new or empty "
                "folder (the site replaces everything in it)"
            ).format(out=out)
        )
    if out == repo.root.resolve() or repo.root.resolve().is_relative_to(out):
        raise UsageError(_("the site cannot be written over the repository itself"))
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        written = _write_all(repo, temporary, options)
        (temporary / MARKER).write_text("written by intstrat site\n", encoding="utf-8")
        temporary.chmod(0o755)
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
            out.replace(old / "site")
            temporary.replace(out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            temporary.replace(out)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    written.out = out
    return written


def _write_all(repo: Repository, target: Path, options: Options) -> Written:
    from intstrat.documents.render import template_errors
    from intstrat.format.values import UNDECOMPOSABLE, fold
    from intstrat.query.tables import project_rows, to_csv, to_json

    assert repo.config is not None
    config = repo.config
    today = options.today or dt.date.today()
    primary: Language = options.lang or config.language
    other: Language = next(lang for lang in LANGUAGES if lang != primary)
    languages: list[tuple[Language, str]] = [(primary, "")]
    if options.other_language:
        languages.append((other, f"{other}/"))
    env = site_environment(repo.root)
    written = Written(out=target, languages=[lang for lang, _ in languages])
    base_url = options.base_url.rstrip("/") + "/" if options.base_url else ""
    if not base_url:
        written.notes.append(
            _("no --base-url: pages have no canonical link and no sitemap.xml is written")
        )
    licence = _licence(repo.root, options.licence)
    repository_url = safe_href(options.repository_url).rstrip("/")
    contributing = f"{repository_url}/blob/HEAD/CONTRIBUTING.md" if repository_url else ""

    def table_rows(entries: Any, words: Words) -> list[dict[str, Any]]:
        return project_rows(repo, entries, words)

    def write(rel: str, text: str) -> None:
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.files += 1

    assets = "assets/"
    write(f"{assets}site.css", _source(env, "site/site.css"))
    write(f"{assets}site.js", _source(env, "site/site.js"))
    fold_table = {chr(k): v for k, v in UNDECOMPOSABLE.items()}
    sitemap: list[tuple[str, dict[str, str]]] = []
    templates: dict[str, Any] = {}
    all_paths = {lang: Paths(lang, prefix) for lang, prefix in languages}

    for lang, prefix in languages:
        words = Words(lang)
        builder = Builder(repo, lang, prefix, today)
        alternative = next((x for x in languages if x[0] != lang), None)
        organisation = builder.text(config.organisation.name).text
        info = SiteInfo(
            lang=lang,
            locale=LOCALES[lang],
            name=organisation,
            title=words("site_title"),
            home=builder.paths.home(),
            search=builder.paths.section("search"),
            accessibility=builder.paths.section("accessibility"),
            about=builder.paths.section("about"),
            nav=[NavItem("home", builder.paths.home(), words("site_home"))]
            + [NavItem(k, builder.paths.section(k), words(f"site_{k}")) for k in MENU],
            other_lang=alternative[0] if alternative else "",
            other_label=Words(alternative[0])("site_this_language") if alternative else "",
            other_note=words(
                "site_other_language_note",
                language=Words(alternative[0])("site_language_name")
                if alternative
                else words("site_language_name"),
            ),
            email=config.organisation.email or "",
            phone=config.organisation.phone or "",
            website=config.organisation.website or "",
            repository_url=repository_url,
            contributing_url=contributing,
            licence=licence,
            updated=words.today(today),
            attribution=shapes().attribution,
            language_name=words("site_language_name"),
        )
        index_name = f"{assets}index.{lang}.js"
        index = builder.index(fold)
        index["fold"] = fold_table
        write(
            index_name,
            "window.intstratIndex = "
            + json.dumps(index, ensure_ascii=False, separators=(",", ":"))
            + ";\n",
        )
        for page in builder.pages(table_rows):
            alternates = {lang: page.path}
            other_path = ""
            if alternative is not None:
                other_path = all_paths[alternative[0]].of(page.key)
                alternates[alternative[0]] = other_path
            template = templates.get(page.template)
            if template is None:
                with template_errors(page.template, repo.root):
                    template = templates[page.template] = env.get_template(page.template)
            url = _url_maker(page.path, options.clean_urls)
            context = {
                "site": info,
                "page": page,
                "t": words,
                "u": url,
                "canonical": base_url + quote(page.path) if base_url else "",
                "alternates": [
                    (code, base_url + quote(path) if base_url else url(path))
                    for code, path in alternates.items()
                ],
                "other_path": other_path,
                "scripts": [url(index_name) for s in page.scripts if s == "index"]
                + [url(f"{assets}site.js")],
                "world_map": world_map,
                "link_suffix": "" if options.clean_urls else "index.html",
                "root": "../" * page.path.count("/"),
                **page.data,
            }
            with template_errors(page.template, repo.root):
                html = template.render(context)
            write(f"{page.path}index.html", html)
            written.pages += 1
            if page.rows is not None:
                write(f"{page.path}data.csv", to_csv(page.rows, bom=True))
                write(f"{page.path}data.json", to_json(page.rows))
            if base_url:
                sitemap.append(
                    (
                        base_url + quote(page.path),
                        {code: base_url + quote(path) for code, path in alternates.items()},
                    )
                )

    if base_url:
        with template_errors("site/sitemap.xml.j2", repo.root):
            sitemap_xml = env.get_template("site/sitemap.xml.j2").render(urls=sitemap)
        write("sitemap.xml", sitemap_xml)
        write("robots.txt", f"User-agent: *\nAllow: /\nSitemap: {base_url}sitemap.xml\n")
    return written

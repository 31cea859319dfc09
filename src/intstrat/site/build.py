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
import gc
import json
import multiprocessing
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import ChoiceLoader, Environment, pass_context
from markupsafe import Markup, escape

from intstrat.documents.mdtext import SAFE_SCHEMES
from intstrat.errors import UsageError
from intstrat.fileio import make_folder
from intstrat.format.models import Config
from intstrat.formats import LANGUAGES, Language
from intstrat.i18n import LOCALES, Words, _
from intstrat.loading.repository import Repository
from intstrat.site.pages import MENU, Builder, Paths, ProjectRow, Ref, Text
from intstrat.site.worldmap import world_map

#: Where a link in a reused project line starts (see `rows_at`).
ROOT_MARK = "\x00"
#: A file in every folder `intstrat site` writes, so it only ever replaces its own output.
MARKER = ".intstrat-site"
_LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.S)


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
    jobs: int = 0
    """Processes to write with, one language each; 0: one per CPU from PARALLEL_FROM
    projects on, else one."""


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
class Chrome:
    """The parts of every page that depend only on its language, depth and section."""

    top: Markup
    nav: Markup
    footer: Markup


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
    licence_url: str
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


# These filters run tens of thousands of times on a large site, so they join escaped
# strings themselves rather than through Markup.format (a third of the time).


def _lang_text(value: Text | str) -> Markup:
    """Text, wrapped in `<span lang>` when it is in the other language."""
    if isinstance(value, Text) and value.lang:
        return Markup(f'<span lang="{escape(value.lang)}">{escape(value.text)}</span>')
    return escape(str(value))


def _lang_attr(value: Text | str) -> Markup:
    if isinstance(value, Text) and value.lang:
        return Markup(f' lang="{escape(value.lang)}"')
    return Markup("")


def site_environment(root: Path) -> Environment:
    """The documents' environment (render.environment), with the site's filters added."""
    from intstrat.documents.render import environment

    env = environment(root)
    markdown: Callable[[str], Markup] = env.filters["markdown"]

    def html_of(text: str) -> Markup:
        return Markup(_restrict_links(str(markdown(text))))

    def prose(value: Text | str, css: str = "prose") -> Markup:
        """Markdown as HTML; a `Text` in a `<div class>` with its `lang` when it has one."""
        if isinstance(value, Text):
            body = html_of(value.text)
            return Markup(f'<div class="{escape(css)}"{_lang_attr(value)}>{body}</div>')
        return html_of(str(value))

    @pass_context
    def link(context: Any, ref: Ref) -> Markup:
        """A link to a page of the site, relative to this page; its text with `lang`."""
        if not ref.path:
            return _lang_text(ref.label)
        href = escape(context["u"](ref.path))
        return Markup(f'<a href="{href}"{_lang_attr(ref.label)}>{escape(ref.label.text)}</a>')

    env.filters["prose"] = prose
    env.filters["link"] = link
    env.filters["lt"] = _lang_text
    env.filters["langattr"] = _lang_attr
    env.filters["href"] = safe_href
    return env


#: The folder of a repository's templates that the site's templates come from.
SITE_TEMPLATES = "templates/site"


def render_environment(env: Environment, root: Path) -> Environment:
    """The environment the pages are rendered with: `env`, or its unsandboxed twin.

    The sandbox checks every attribute a template reads and every call it makes,
    which on a large site is a fifth of the time. It is there for the templates a
    repository brings (they come from pull requests); intstrat's own templates are
    trusted code. So when the repository has no `templates/site/` (nothing of its
    own that the site's templates could load: they load only each other, which a
    test holds them to), the pages are rendered by an ordinary environment that
    loads only the built-in templates, with the same escaping, undefined, filters
    and whitespace options, hence the same bytes (tests/test_site.py compares the
    two). Record text is escaped either way: the sandbox guards against template
    code, not against data. When the repository has anything in `templates/site/`,
    every page is rendered in the sandbox, the built-in templates included.
    """
    from jinja2 import PackageLoader, PrefixLoader

    folder = root / SITE_TEMPLATES
    if folder.exists() or folder.is_symlink():
        return env
    builtin = PackageLoader("intstrat", "templates")
    trusted = Environment(
        loader=ChoiceLoader([PrefixLoader({"default": builtin}, delimiter=":"), builtin]),
        autoescape=env.autoescape,
        undefined=env.undefined,
        trim_blocks=env.trim_blocks,
        lstrip_blocks=env.lstrip_blocks,
        keep_trailing_newline=env.keep_trailing_newline,
        auto_reload=False,  # shipped files do not change during a build: no stat per page
    )
    trusted.filters = dict(env.filters)
    trusted.tests = dict(env.tests)
    trusted.globals = dict(env.globals)
    return trusted


def _source(env: Environment, name: str) -> str:
    """A static file among the templates (CSS, JS), the repository's own copy first."""
    assert env.loader is not None
    return env.loader.get_source(env, name)[0]


def _licence(config: Config, given: str) -> tuple[str, str]:
    """The data's licence and the address of its text, as the site may state them.

    Only what someone chose for the data: `--licence`, else `data_licence` in
    intstrat.yaml. A repository's LICENSE file is not asked: it is the licence of
    the code in it (intstrat's own is MIT), which says nothing about the records,
    and a page that states a licence for public data must not guess one.
    """
    if given:
        return given, ""
    if config.data_licence is not None:
        return config.data_licence.name, safe_href(config.data_licence.url or "")
    return "", ""


def _compact_json(rows: list[dict[str, Any]]) -> str:
    """The rows as JSON without indentation: the C encoder, ten times the speed."""
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")) + "\n"


#: The field separator of data.csv in each language: ";" where the decimal separator is
#: a comma, as Excel with Swedish settings expects (a "," file opens there in one column).
SHEET_DELIMITERS: dict[str, str] = {"sv": ";", "en": ","}


class ProjectDownloads:
    """data.csv and data.json of project lists, each project's line made once.

    A project is on up to a dozen lists (all projects, its partners', countries',
    strategic areas' and years'); its CSV line (its `sheet` row, for spreadsheets,
    through query.tables.to_csv, formulas neutralised) and JSON object (its `rows`
    row, ids and codes, for programs) are made once per language and joined per list.
    """

    def __init__(
        self,
        rows: list[dict[str, Any]],
        sheet: dict[str, dict[str, Any]],
        to_csv: Callable[..., str],
        delimiter: str,
    ) -> None:
        first = next(iter(sheet.values()), None)
        self.header = (
            to_csv([first], bom=True, delimiter=delimiter).split("\r\n", 1)[0] + "\r\n"
            if first
            else ""
        )
        self.lines = {
            ident: to_csv([row], delimiter=delimiter).split("\r\n", 1)[1]
            for ident, row in sheet.items()
        }  # the header has no line break of its own, so the first one ends it
        self.objects = {
            row["id"]: json.dumps(row, ensure_ascii=False, separators=(",", ":")) for row in rows
        }

    def csv(self, ids: list[str]) -> str:
        return self.header + "".join(self.lines[i] for i in ids) if ids else "\ufeff"

    def json(self, ids: list[str]) -> str:
        return "[" + ",".join(self.objects[i] for i in ids) + "]\n"


def _url_maker(depth: int, clean: bool, up: str = "") -> Callable[[str], str]:
    """`u(path)`: a path in the site, as a link from a page `depth` folders down."""
    up = up or "../" * depth

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
        if (url and any(c in url for c in '?#"<>\\ ')) or any(ord(c) < 32 for c in url):
            raise UsageError(
                _(
                    "{option} must be the address of a folder, without ?, #, quotes, spaces "
                    "or < >, such as https://www.kommun.se/internationellt/; got '{url}'"
                ).format(option=name, url=url)
            )
    try:
        out = out.resolve()
    except (OSError, RuntimeError):  # a link that leads back to itself
        raise UsageError(
            _("{out} is a symbolic link that leads back to itself; choose a new or empty "
              "folder").format(out=out)
        ) from None  # fmt: skip
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise UsageError(
            _(
                "{out} exists and was not written by 'intstrat site'; choose a new or empty "
                "folder (the site replaces everything in it)"
            ).format(out=out)
        )
    if out == repo.root.resolve() or repo.root.resolve().is_relative_to(out):
        raise UsageError(_("the site cannot be written over the repository itself"))
    make_folder(out.parent, out)  # a file on the way is named as such
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


#: From this many projects on, each language is written by a process of its own.
PARALLEL_FROM = 300


def _builtin_site_templates() -> list[str]:
    """The site's templates by name (a repository's own copy, if any, is what loads)."""
    from importlib.resources import files

    folder = files("intstrat").joinpath("templates/site")
    return sorted(f"site/{f.name}" for f in folder.iterdir() if f.name.endswith(".j2"))


#: The work of one language, set while a pool of forked processes runs it (see _write_all).
_LANGUAGE_JOB: Callable[[int], tuple[int, int, list[tuple[str, dict[str, str]]]]] | None = None


def _language_job(number: int) -> tuple[int, int, list[tuple[str, dict[str, str]]]]:
    assert _LANGUAGE_JOB is not None
    return _LANGUAGE_JOB(number)


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _write_all(repo: Repository, target: Path, options: Options) -> Written:
    from intstrat.documents.render import template_errors
    from intstrat.format.values import UNDECOMPOSABLE
    from intstrat.query.tables import project_rows, to_csv

    assert repo.config is not None
    config = repo.config
    today = options.today or dt.date.today()
    primary: Language = options.lang or config.language
    other: Language = next(lang for lang in LANGUAGES if lang != primary)
    languages: list[tuple[Language, str]] = [(primary, "")]
    if options.other_language:
        languages.append((other, f"{other}/"))
    env = site_environment(repo.root)
    pages_env = render_environment(env, repo.root)
    written = Written(out=target, languages=[lang for lang, _ in languages])
    base_url = options.base_url.rstrip("/") + "/" if options.base_url else ""
    if not base_url:
        written.notes.append(
            _("no --base-url: pages have no canonical link and no sitemap.xml is written")
        )
    licence, licence_url = _licence(config, options.licence)
    if not licence:
        written.notes.append(
            _(
                "no data licence: 'About the data' says that none is given; set data_licence "
                "in intstrat.yaml (or --licence) to say how others may reuse the data"
            )
        )
    repository_url = safe_href(options.repository_url).rstrip("/")
    contributing = f"{repository_url}/blob/HEAD/CONTRIBUTING.md" if repository_url else ""

    folders: set[str] = set()
    top = str(target)

    def write(rel: str, text: str) -> None:
        # Plain strings and bytes rather than Path.write_text: 27,000 files for 10,000
        # projects, where pathlib's objects and the text layer were a tenth of the work.
        path = f"{top}/{rel}"
        folder = path.rpartition("/")[0]
        if folder not in folders:
            try:  # one call for the usual new folder in a known one
                os.mkdir(folder)  # noqa: PTH102 (see above)
            except OSError:
                os.makedirs(folder, exist_ok=True)  # noqa: PTH103 (see above)
            folders.add(folder)
        with open(path, "wb") as file:  # noqa: PTH123 (see above)
            file.write(text.encode("utf-8"))
        written.files += 1

    assets = "assets/"
    write(f"{assets}site.css", _source(env, "site/site.css"))
    write(f"{assets}site.js", _source(env, "site/site.js"))
    fold_table = {chr(k): v for k, v in UNDECOMPOSABLE.items()}
    templates: dict[str, Any] = {}
    all_paths = {lang: Paths(lang, prefix) for lang, prefix in languages}
    words_of: dict[str, str] = {}
    with template_errors("site/row.html.j2", repo.root):
        row_template = pages_env.get_template("site/row.html.j2")
    row_html: dict[tuple[str, str], Markup] = {}
    marked_url = _url_maker(0, options.clean_urls, ROOT_MARK)

    parts: dict[tuple[str, ...], Markup] = {}

    def part(name: str, key: tuple[str, ...], **context: Any) -> Markup:
        """A template rendered once for `key` and reused: the same HTML on many pages.

        With 10,000 projects the site has 20,000 pages; rendering their menu, footer
        and filter form once per language and folder depth instead of on each page
        halves the time (every value a sandboxed template reads is checked).
        """
        html = parts.get((name, *key))
        if html is None:
            with template_errors(name, repo.root):
                html = parts[(name, *key)] = Markup(pages_env.get_template(name).render(context))
        return html

    def rows_at(lang: Language, depth: int) -> Callable[[ProjectRow], Markup]:
        """`row(r)`: a project's line in a list, rendered once per language.

        A project is on many lists (all projects, its partners', countries', areas' and
        years'), so its line is rendered once, with its links starting at a mark that
        each list replaces with its way up to the site's root. The mark is replaced
        only right after `="`, which escaped record text never contains. The template
        (site/row.html.j2) can still be overridden.
        """
        up = "../" * depth

        def row(r: ProjectRow) -> Markup:
            key = (lang, r.id)
            html = row_html.get(key)
            if html is None:
                with template_errors("site/row.html.j2", repo.root):
                    text = row_template.render(r=r, t=Words(lang), u=marked_url)
                html = row_html[key] = Markup(text.rstrip("\n"))
            return Markup(str.replace(html, f'="{ROOT_MARK}', f'="{up}'))

        return row

    def write_language(number: int) -> tuple[int, int, list[tuple[str, dict[str, str]]]]:
        """Every page of one language; the pages, files and sitemap entries written."""
        lang, prefix = languages[number]
        start_files = written.files
        pages = 0
        sitemap: list[tuple[str, dict[str, str]]] = []
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
                language=words(f"site_in_{next(x for x in LANGUAGES if x != lang)}"),
            ),
            email=config.organisation.email or "",
            phone=config.organisation.phone or "",
            website=config.organisation.website or "",
            repository_url=repository_url,
            contributing_url=contributing,
            licence=licence,
            licence_url=licence_url,
            updated=words.today(today),
            attribution=words("site_map_credit"),
            language_name=words("site_language_name"),
        )
        index_name = f"{assets}index.{lang}.js"
        index = builder.index(words_of)
        index["fold"] = fold_table
        write(
            index_name,
            "window.intstratIndex = "
            + json.dumps(index, ensure_ascii=False, separators=(",", ":"))
            + ";\n",
        )
        delimiter = SHEET_DELIMITERS[lang]
        downloads = ProjectDownloads(
            project_rows(repo, builder.entries, words),
            {e.record.id: builder.sheet_row(e) for e in builder.entries},
            to_csv,
            delimiter,
        )
        for page in builder.pages():
            alternates = {lang: page.path}
            other_path = ""
            if alternative is not None:
                other_path = all_paths[alternative[0]].of(page.key)
                alternates[alternative[0]] = other_path
            template = templates.get(page.template)
            if template is None:
                with template_errors(page.template, repo.root):
                    template = templates[page.template] = pages_env.get_template(page.template)
            depth = page.path.count("/")
            url = _url_maker(depth, options.clean_urls)
            common = {"site": info, "t": words, "u": url}
            at = (lang, str(depth))
            opening = page.path == builder.paths.section(page.section)
            chrome = Chrome(
                top=part("site/top.html.j2", at, **common),
                nav=part(
                    "site/nav.html.j2",
                    (*at, page.section, str(opening)),
                    section=page.section,
                    opening=opening,
                    **common,
                ),
                footer=part("site/footer.html.j2", at, **common),
            )
            facets = page.data.get("facets")

            def once(
                name: str, at: tuple[str, str] = at, common: Any = common, facets: Any = facets
            ) -> Markup:
                return part(name, at, facets=facets, **common)

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
                "root": "../" * depth,
                "row": rows_at(lang, depth),
                "chrome": chrome,
                "once": once,
                **page.data,
            }
            with template_errors(page.template, repo.root):
                html = template.render(context)
            write(f"{page.path}index.html", html)
            pages += 1
            if page.rows is not None:
                sheet = page.sheet if page.sheet is not None else page.rows
                write(f"{page.path}data.csv", to_csv(sheet, bom=True, delimiter=delimiter))
                write(f"{page.path}data.json", _compact_json(page.rows))
            if page.projects is not None:
                write(f"{page.path}data.csv", downloads.csv(page.projects))
                write(f"{page.path}data.json", downloads.json(page.projects))
            if base_url:
                sitemap.append(
                    (
                        base_url + quote(page.path),
                        {code: base_url + quote(path) for code, path in alternates.items()},
                    )
                )
        return pages, written.files - start_files, sitemap

    # A small site is written faster by one process than by two that each start up.
    auto = _cpus() if len(repo.project_entries) >= PARALLEL_FROM else 1
    jobs = min(options.jobs or auto, len(languages))
    if jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
        for name in _builtin_site_templates():
            with template_errors(name, repo.root):  # compiled once, before the fork
                templates[name] = pages_env.get_template(name)
        # One process per language: they share nothing but the repository, which the
        # fork gives them as it is. Only on systems that fork (Linux, the BSDs).
        global _LANGUAGE_JOB  # noqa: PLW0603
        _LANGUAGE_JOB = write_language
        # The repository's objects, frozen out of the collector: a collection in a
        # process would otherwise visit (and so copy) every page the fork shares.
        gc.freeze()
        try:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                results = pool.map(_language_job, range(len(languages)))
        finally:
            _LANGUAGE_JOB = None
            gc.unfreeze()
    else:
        results = [write_language(n) for n in range(len(languages))]
    sitemap = [entry for _, _, entries in results for entry in entries]
    written.pages = sum(pages for pages, _, _ in results)
    written.files += sum(files for _, files, _ in results)

    if base_url:
        with template_errors("site/sitemap.xml.j2", repo.root):
            sitemap_xml = pages_env.get_template("site/sitemap.xml.j2").render(urls=sitemap)
        write("sitemap.xml", sitemap_xml)
        write("robots.txt", f"User-agent: *\nAllow: /\nSitemap: {base_url}sitemap.xml\n")
    return written

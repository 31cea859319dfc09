"""Documents from a report context: Markdown and HTML through Jinja, PDF through
WeasyPrint, Word through python-docx.

Templates are looked up in the repository's own `templates/` first, then in
the ones shipped with intstrat; a shipped template is also reachable as
`default:NAME`, so a municipality's template can extend it and override only
some blocks. HTML is autoescaped: record text comes from pull requests.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateNotFound,
    select_autoescape,
)
from markupsafe import Markup

from intstrat.documents.report import Report
from intstrat.errors import IntstratError, UsageError
from intstrat.formats import DocumentFormat as Format
from intstrat.i18n import Words

if TYPE_CHECKING:
    from intstrat.documents.brochure import Brochure

#: The built-in template for each text format; PDF is printed from the HTML one.
TEMPLATES = {Format.MD: "report.md.j2", Format.HTML: "report.html.j2", Format.PDF: "report.html.j2"}
BINARY = frozenset({Format.PDF, Format.DOCX})


@cache
def _markdown() -> Any:
    from markdown_it import MarkdownIt

    # commonmark with raw HTML off: markup typed into a record is shown, never run; and no
    # images, which would make a page (or WeasyPrint) fetch whatever a record points at.
    return (
        MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table").disable("image")
    )


def markdown_to_html(text: str) -> Markup:
    return Markup(_markdown().render(text)) if text else Markup("")


def md_cell(text: object) -> str:
    """Text safe inside a Markdown table cell: no pipes, no line breaks."""
    return re.sub(r"\s*\n\s*", " ", str(text)).replace("|", "\\|")


def md_inline(text: object) -> str:
    return re.sub(r"\s*\n\s*", " ", str(text)).strip()


def environment(repo_root: Path | None = None) -> Environment:
    """The one Jinja environment: loaders, filters and escaping chosen here, on purpose."""
    builtin = PackageLoader("intstrat", "templates")
    loaders: list[Any] = [PrefixLoader({"default": builtin}, delimiter=":")]
    if repo_root is not None and (repo_root / "templates").is_dir():
        loaders.append(FileSystemLoader(repo_root / "templates"))
    loaders.append(builtin)
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(["html", "htm", "html.j2", "xml"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["markdown"] = markdown_to_html
    env.filters["cell"] = md_cell
    env.filters["inline"] = md_inline
    return env


def render_text(
    report: Report,
    fmt: Format,
    repo_root: Path | None = None,
    template: str | None = None,
) -> str:
    """Markdown or HTML of the report, from the template for `fmt` (or `template`)."""
    env = environment(repo_root)
    name = template or TEMPLATES[fmt]
    try:
        compiled = env.get_template(name)
    except TemplateNotFound:
        raise UsageError(
            f"template '{name}' not found in {repo_root / 'templates' if repo_root else '-'} "
            "or among the built-in templates"
        ) from None
    words = Words(report.lang)
    chart = Markup("")
    if fmt in (Format.HTML, Format.PDF) and any(g.count for g in report.sdgs):
        from intstrat.documents.charts import sdg_chart_svg

        chart = Markup(
            sdg_chart_svg(
                list(report.sdgs),
                words("col_count"),
                words("sdg_chart_alt", year=report.year),
            )
        )
    return compiled.render(report=report, t=words, sdg_chart=chart)


def render_pdf(html: str, base_url: Path | None = None) -> bytes:
    """PDF from the report's HTML; WeasyPrint does pages, running headers, page numbers."""
    try:
        from weasyprint import HTML
    except OSError as exc:  # Pango, which WeasyPrint draws text with, is missing
        raise IntstratError(
            f"PDF needs the Pango library, which is not installed ({exc}). On Debian or "
            "Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0; or use --format html."
        ) from None
    pdf: bytes = HTML(
        string=html,
        base_url=str(base_url) if base_url else None,
        url_fetcher=_local_fetcher(base_url),
    ).write_pdf()
    return pdf


def _local_fetcher(root: Path | None) -> Any:
    """Let WeasyPrint read files inside the repository (a logo in a template) and
    `data:` URLs, and nothing else: no network, no files elsewhere on the machine."""
    from urllib.parse import unquote, urlparse

    from weasyprint.urls import URLFetcher

    inside = root.resolve() if root is not None else None

    class LocalFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("file://") and inside is not None:
                path = Path(unquote(urlparse(url).path)).resolve()
                if path.is_relative_to(inside):
                    return super().fetch(url, headers)
            elif url.startswith("data:"):
                return super().fetch(url, headers)
            raise ValueError(f"intstrat does not fetch {url}: only files in the repository")

    return LocalFetcher(allowed_protocols={"file", "data"})


def default_file_name(report: Report, fmt: Format, unit: str | None = None) -> str:
    """`internationellt-arbete-2023.pdf`, `international-work-2023-utbildning.docx`."""
    stem = "internationellt-arbete" if report.lang == "sv" else "international-work"
    return f"{stem}-{report.year}{f'-{unit}' if unit else ''}.{fmt}"


def render_report(
    report: Report,
    fmt: Format,
    repo_root: Path | None = None,
    template: str | None = None,
) -> str | bytes:
    """The report in `fmt`: text for md and html, bytes for pdf and docx."""
    if fmt is Format.DOCX:
        from intstrat.documents.word import render_docx

        path = None
        if template is not None:
            path = Path(template)
            if not path.is_absolute() and repo_root is not None and not path.exists():
                path = repo_root / "templates" / template
            if not path.is_file():
                raise UsageError(f"Word template {template} not found")
        return render_docx(report, path)
    text = render_text(report, fmt, repo_root, template)
    if fmt is Format.PDF:
        return render_pdf(text, repo_root)
    return text


def render_brochure(
    brochure: Brochure,
    fmt: Format,
    repo_root: Path | None = None,
    template: str | None = None,
) -> str | bytes:
    """The brochure as standalone HTML or as a PDF printed from it."""
    if fmt not in (Format.HTML, Format.PDF):
        raise UsageError("the brochure is made as html or pdf")
    name = template or "brochure.html.j2"
    try:
        compiled = environment(repo_root).get_template(name)
    except TemplateNotFound:
        raise UsageError(f"template '{name}' not found") from None
    html = compiled.render(b=brochure, t=Words(brochure.lang))
    return render_pdf(html, repo_root) if fmt is Format.PDF else html

"""Documents from a report context: Markdown and HTML through Jinja, PDF through
WeasyPrint, Word through python-docx.

Templates are looked up in the repository's own `templates/` first, then in
the ones shipped with intstrat; a shipped template is also reachable as
`default:NAME`, so a municipality's template can extend it and override only
some blocks. HTML is autoescaped: record text comes from pull requests.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

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

from intstrat.documents.brochure import Brochure
from intstrat.documents.report import Report
from intstrat.errors import IntstratError, UsageError
from intstrat.formats import DocumentFormat as Format
from intstrat.i18n import Words

#: Formats written as bytes; the others are text that may go to standard output.
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


@dataclass(frozen=True)
class DocumentType:
    """How one kind of document is rendered: its templates, context and file name."""

    templates: Mapping[Format, str]
    """The built-in template per text format; PDF is printed from the HTML one."""
    context: Callable[[Any, Format], dict[str, Any]]
    """The variables its templates get."""
    file_stem: Callable[[Any], str]
    word: Callable[[Any, Path | None], bytes] | None = None


def _report_context(report: Report, fmt: Format) -> dict[str, Any]:
    words = Words(report.lang)
    chart = Markup("")
    if fmt in (Format.HTML, Format.PDF) and any(g.count for g in report.sdgs):
        from intstrat.documents.charts import sdg_chart_svg

        chart = Markup(
            sdg_chart_svg(
                list(report.sdgs), words("col_count"), words("sdg_chart_alt", year=report.year)
            )
        )
    return {"report": report, "t": words, "sdg_chart": chart}


def _report_stem(report: Report) -> str:
    """`internationellt-arbete-2023`, `international-work-2023-utbildning`."""
    stem = "internationellt-arbete" if report.lang == "sv" else "international-work"
    return f"{stem}-{report.year}{f'-{report.unit.id}' if report.unit else ''}"


def _report_docx(report: Report, template: Path | None) -> bytes:
    from intstrat.documents.word import render_docx

    return render_docx(report, template)


def _brochure_context(brochure: Brochure, fmt: Format) -> dict[str, Any]:
    return {"b": brochure, "t": Words(brochure.lang)}


def _brochure_stem(brochure: Brochure) -> str:
    return "partnerskap" if brochure.lang == "sv" else "partnerships"


#: Every kind of document, by the type of its context.
DOCUMENTS: dict[type, DocumentType] = {
    Report: DocumentType(
        templates={Format.MD: "report.md.j2", Format.HTML: "report.html.j2"},
        context=_report_context,
        file_stem=_report_stem,
        word=_report_docx,
    ),
    Brochure: DocumentType(
        templates={Format.HTML: "brochure.html.j2"},
        context=_brochure_context,
        file_stem=_brochure_stem,
    ),
}


def _kind(document: object) -> DocumentType:
    return DOCUMENTS[type(document)]


def render_text(
    document: Any, fmt: Format, repo_root: Path | None = None, template: str | None = None
) -> str:
    """Markdown or HTML of a document, from its template for `fmt` (or `template`)."""
    kind = _kind(document)
    name = template or kind.templates[Format.HTML if fmt is Format.PDF else fmt]
    try:
        compiled = environment(repo_root).get_template(name)
    except TemplateNotFound:
        raise UsageError(
            f"template '{name}' not found in {repo_root / 'templates' if repo_root else '-'} "
            "or among the built-in templates"
        ) from None
    return compiled.render(**kind.context(document, fmt))


def _render_pdf(document: Any, fmt: Format, repo_root: Path | None, template: str | None) -> bytes:
    return render_pdf(render_text(document, Format.HTML, repo_root, template), repo_root)


def _render_docx(document: Any, fmt: Format, repo_root: Path | None, template: str | None) -> bytes:
    word = _kind(document).word
    if word is None:
        raise UsageError("this document is not made as a Word file; choose html or pdf")
    path = None
    if template is not None:
        path = Path(template)
        if not path.is_absolute() and repo_root is not None and not path.exists():
            path = repo_root / "templates" / template
        if not path.is_file():
            raise UsageError(f"Word template {template} not found")
    return word(document, path)


#: How each format is drawn: through a text template, printed from HTML, or written as Word.
RENDERERS: dict[Format, Callable[[Any, Format, Path | None, str | None], str | bytes]] = {
    Format.MD: render_text,
    Format.HTML: render_text,
    Format.PDF: _render_pdf,
    Format.DOCX: _render_docx,
}


def formats_of(document: Any) -> list[Format]:
    """The formats a document can be rendered in."""
    kind = _kind(document)
    return [
        f
        for f in Format
        if f in kind.templates
        or (f is Format.PDF and Format.HTML in kind.templates)
        or (f is Format.DOCX and kind.word is not None)
    ]


def render(
    document: Any,
    fmt: Format | str,
    repo_root: Path | None = None,
    template: str | None = None,
) -> str | bytes:
    """A report or brochure in `fmt`: text for md and html, bytes for pdf and docx."""
    fmt = Format(fmt)
    if fmt not in formats_of(document):
        allowed = ", ".join(formats_of(document))
        raise UsageError(f"this document is made as {allowed}, not {fmt}")
    return RENDERERS[fmt](document, fmt, repo_root, template)


def default_file_name(document: Any, fmt: Format) -> str:
    """`internationellt-arbete-2023.pdf`, `partnerskap.pdf`."""
    return f"{_kind(document).file_stem(document)}.{fmt}"

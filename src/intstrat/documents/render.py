"""Documents from a report context: Markdown and HTML through Jinja, PDF through
WeasyPrint, Word through python-docx.

Templates are looked up in the repository's own `templates/` first, then in
the ones shipped with intstrat; a shipped template is also reachable as
`default:NAME`, so a municipality's template can extend it and override only
some blocks. HTML is autoescaped: record text comes from pull requests.

Templates come from pull requests too, so every document template (built-in or not)
runs in Jinja's immutable sandbox: it can read the context it is given and nothing
else (no attributes starting with `_`, no Python internals, no changing lists).
(The web site renders its own built-in templates outside the sandbox when the
repository has no `templates/site/`, and every page in it when it has: `site.build`.)
A template's own mistakes become an `IntstratError` naming the template and line.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    PackageLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
    select_autoescape,
)
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import MAX_RANGE, ImmutableSandboxedEnvironment
from markupsafe import Markup

from intstrat import DOCS_URL
from intstrat.documents.mdtext import escape_document, parser, plain_paragraphs
from intstrat.errors import IntstratError, UsageError
from intstrat.formats import DocumentFormat as Format
from intstrat.i18n import Words, _, grouped
from intstrat.i18n.words import compounds
from intstrat.loading.files import FileRefused, is_inside, read_inside, resolve_inside

if TYPE_CHECKING:  # a document's module is imported by whoever builds the document
    from intstrat.documents.brochure import Brochure
    from intstrat.documents.followup import Followup
    from intstrat.documents.report import Report

#: Formats written as bytes; the others are text that may go to standard output.
BINARY = frozenset({Format.PDF, Format.DOCX})

#: The guide to templates, for messages about one.
TEMPLATES_GUIDE = DOCS_URL + "templates.md"


def markdown_to_html(text: str) -> Markup:
    """Markdown from a record as HTML: no raw HTML, no images, links only http(s)/mailto.

    Plain prose, most of what records hold, skips the parser (`plain_paragraphs`)."""
    if not text:
        return Markup("")
    plain = plain_paragraphs(text)
    return Markup(plain if plain is not None else parser().render(text))


_PIPE = re.compile(r"(?<!\\)((?:\\\\)*)\|")


def md_cell(text: object) -> str:
    """Text safe inside a Markdown table cell: no pipes, no line breaks.

    Document text arrives escaped already (see `mdtext`); this also covers text a
    template puts together itself, and never escapes a pipe twice.
    """
    return _PIPE.sub(r"\1\\|", md_inline(text))


def nobreak(text: object) -> str:
    """Words held together on one line: a date, an amount, a decision ("beviljad 2024")."""
    return str(text).replace(" ", "\u00a0")


def md_inline(text: object) -> str:
    """Text on one line."""
    return re.sub(r"\s*\n\s*", " ", str(text)).strip()


#: The largest template file intstrat reads from a repository.
MAX_TEMPLATE_BYTES = 1_000_000
TEMPLATES_DIR = "templates"


class TemplateFailed(IntstratError):
    """A template could not be compiled or rendered: its name, line and what went wrong."""


class RepositoryLoader(BaseLoader):
    """Templates from the repository's `templates/`, and only from inside the repository.

    Like Jinja's FileSystemLoader, but each file's real path must lie inside the
    repository: a template that is a symbolic link to a file elsewhere on the
    machine is refused instead of being read into a document.
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        rel = "/".join([TEMPLATES_DIR, *split_template_path(template)])
        if not (self.root / rel).is_file() and not (self.root / rel).is_symlink():
            raise TemplateNotFound(template)
        try:
            raw = read_inside(self.root, rel, limit=MAX_TEMPLATE_BYTES)
        except FileRefused as refused:
            raise TemplateFailed(f"{rel}: {refused.message}") from None
        try:
            source = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise TemplateFailed(
                _("{path}: the template is not UTF-8; save it as UTF-8").format(path=rel)
            ) from None
        return source, str(self.root / rel), lambda: False


#: The most characters (or items) a template may make in one step (`*`, a width such
#: as center(n) or "{:>n}"): a document's text is far smaller, and "x" * 10**10 would
#: otherwise fill the memory.
MAX_TEMPLATE_PRODUCT = 1_000_000
#: The largest exponent `**` may take in a template; 10**(10**10) would run for ever.
MAX_TEMPLATE_EXPONENT = 1_000
#: What `wrap_str_format` looks at: str.format is a built-in method, a str subclass's a method.
_METHODS = (types.MethodType, types.BuiltinMethodType)
#: A number of seven digits or more in a format string: a width of a million or more.
_HUGE_WIDTH = re.compile(r"\d{7,}")


def _too_large(count: int) -> SecurityError:
    return SecurityError(
        _("it would make {count} characters or items, more than {limit}").format(
            count=grouped(count), limit=grouped(MAX_TEMPLATE_PRODUCT)
        )
    )


def _check_format(text: object) -> None:
    """Refuse a format string ("%09999999d", "{:>9999999}") whose width is absurd."""
    if isinstance(text, str) and _HUGE_WIDTH.search(text):
        raise SecurityError(
            _("a width of a million characters or more in the format {text!r}").format(
                text=text[:40]
            )
        )


def _check_sizes(values: Iterator[object]) -> None:
    for value in values:
        if isinstance(value, int) and abs(value) > MAX_TEMPLATE_PRODUCT:
            raise _too_large(abs(value))


def _bounded_filter(original: Callable[..., Any], formats: bool = False) -> Callable[..., Any]:
    """`original` (center, indent, format), refusing absurd widths before it runs."""

    def bounded(*args: Any, **kwargs: Any) -> Any:
        _check_sizes(iter([*args[1:], *kwargs.values()]))
        if formats and args:
            _check_format(args[0])
        return original(*args, **kwargs)

    if hasattr(original, "jinja_pass_arg"):
        bounded.jinja_pass_arg = original.jinja_pass_arg  # type: ignore[attr-defined]
    return bounded


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox, with the ways to make huge text in one step bounded.

    Jinja's sandbox refuses Python internals and huge `range()`s, but lets
    `"x" * 10**10`, `10**(10**10)`, `"x".ljust(10**9)` or `"%0999999999d" % 1`
    run until the machine runs out of memory or time; a template from a pull
    request must not be able to do that.
    """

    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._safe_attributes: dict[tuple[type, str], bool] = {}
        self._plain_methods: dict[tuple[Any, type], bool] = {}
        for name in ("center", "indent", "batch", "slice"):
            self.filters[name] = _bounded_filter(self.filters[name])
        self.filters["format"] = _bounded_filter(self.filters["format"], formats=True)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Jinja's answer, remembered per type and attribute name.

        Jinja decides from the object's type and the name alone (internal attributes
        of functions, frames and types; methods that change a list, dict or set;
        names starting with "_"), never from the value, so the answer for a type is
        the answer for each of its objects. Asking anew cost a sixth of rendering a
        report of 10,000 projects (186,000 attribute reads, each with a dozen
        `isinstance` checks against abstract classes).
        """
        key = (type(obj), attr)
        safe = self._safe_attributes.get(key)
        if safe is None:
            safe = self._safe_attributes[key] = super().is_safe_attribute(obj, attr, value)
        return safe

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Jinja's `SandboxedEnvironment.getattr`, its checks made in place.

        The same decisions in the same order: a `str.format` method is handed out
        wrapped (`wrap_str_format`), then the attribute is read only if
        `is_safe_attribute` allows it (remembered per type). Reading an attribute is
        what a template does most (186,000 times in the report of 10,000 projects),
        and each read saves the two method calls Jinja makes for these checks.
        """
        try:
            value = getattr(obj, attribute)
        except AttributeError:
            return super().getattr(obj, attribute)  # an item (`mapping.key`), or undefined
        if isinstance(value, _METHODS):
            wrapped = self.wrap_str_format(value)
            if wrapped is not None:
                return wrapped
        safe = self._safe_attributes.get((type(obj), attribute))
        if safe is None:
            safe = self.is_safe_attribute(obj, attribute, value)
        return value if safe else self.unsafe_undefined(obj, attribute)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if (
                    isinstance(seq, str | list | tuple)
                    and isinstance(times, int)
                    and len(seq) * times > MAX_TEMPLATE_PRODUCT
                ):
                    raise _too_large(len(seq) * times)
        if operator == "**" and isinstance(right, int) and abs(right) > MAX_TEMPLATE_EXPONENT:
            raise SecurityError(
                _("'**' with an exponent of {exponent}, more than {limit}").format(
                    exponent=right, limit=MAX_TEMPLATE_EXPONENT
                )
            )
        if operator == "%":
            _check_format(left)
        return super().call_binop(context, operator, left, right)

    def call(self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if type(__obj) is types.MethodType:
            key = (__obj.__func__, type(__obj.__self__))
            plain = self._plain_methods.get(key)
            if plain is None:
                plain = self._plain_methods[key] = self._plain_method(__obj)
            if plain:
                kwargs.pop("_loop_vars", None)
                kwargs.pop("_block_vars", None)
                try:
                    return __obj(*args, **kwargs)
                except StopIteration:  # as Jinja's `Context.call`
                    return self.undefined(
                        "value was undefined because a callable raised a StopIteration exception"
                    )
        # "x".ljust(n), "{:>n}".format(): the sandbox hands out str.format wrapped.
        owner = getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None)
        if isinstance(owner, str):
            _check_sizes(iter([*args, *kwargs.values()]))
            _check_format(owner)
        return super().call(__context, __obj, *args, **kwargs)

    def _plain_method(self, method: types.MethodType) -> bool:
        """Whether Jinja would call `method` just as it is: a method of an object
        that is not text, safe to call (`is_safe_callable`: not marked `unsafe` or
        `alters_data`), given no context or environment (`pass_context` and the
        like), and wrapping nothing.

        Each of these is a property of the method's function (a bound method reads
        its attributes from it) and of its object's type, so the answer is
        remembered per function and type, and a call such as `t.compounds(title)`
        skips the five attribute look-ups, each failing, that Jinja makes on every
        call (31,000 calls in the report of 10,000 projects).
        """
        return (
            not isinstance(method.__self__, str)
            and not hasattr(method, "__wrapped__")
            and not hasattr(method, "jinja_pass_arg")
            and self.is_safe_callable(method)
        )


def environment(repo_root: Path | None = None) -> Environment:
    """The one Jinja environment: loaders, filters and escaping chosen here, on purpose.

    Sandboxed for every template: see the module's docstring and docs/templates.md.
    """
    builtin = PackageLoader("intstrat", "templates")
    loaders: list[Any] = [PrefixLoader({"default": builtin}, delimiter=":")]
    if repo_root is not None and (repo_root / TEMPLATES_DIR).is_dir():
        loaders.append(RepositoryLoader(repo_root))
    loaders.append(builtin)
    env = BoundedSandbox(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(["html", "htm", "html.j2", "xml", "xml.j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["markdown"] = markdown_to_html
    env.filters["cell"] = md_cell
    env.filters["inline"] = md_inline
    env.filters["nobreak"] = nobreak
    # A filter, not only `t.compounds`: the sandbox checks each method call (22,000 in the
    # report of 10,000 projects), a filter is called directly.
    env.filters["compounds"] = compounds
    return env


def render_pdf(html: str, base_url: Path | None = None) -> bytes:
    """A tagged PDF from a document's HTML; WeasyPrint does pages, running headers,
    page numbers, the document's language (`<html lang>`) and title (`<title>`)."""
    return write_pdf(lay_out(html, base_url))


#: PDF/UA-1: tagged (headings, tables, lists, figures with their alt texts), with the
#: document's language and title, as Swedish public documents must be accessible
#: (WCAG 2.1 AA through EN 301 549).
PDF_VARIANT = "pdf/ua-1"


def lay_out(html: str, base_url: Path | None = None) -> Any:
    """The HTML laid out in pages (a WeasyPrint document), ready to count or write."""
    try:
        from weasyprint import HTML
    except OSError as exc:  # Pango, which WeasyPrint draws text with, is missing
        raise IntstratError(
            _(
                "PDF needs the Pango library, which is not installed ({error}). On Debian or "
                "Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0; or use --format html."
            ).format(error=exc)
        ) from None
    _page_references_once()
    _cell_min_widths_once()
    with _layout_failures():
        return HTML(
            string=breakable(html),
            base_url=str(base_url) if base_url else None,
            url_fetcher=_local_fetcher(base_url),
        ).render(pdf_variant=PDF_VARIANT)


def write_pdf(laid_out: Any) -> bytes:
    with _layout_failures():
        pdf: bytes = laid_out.write_pdf(pdf_variant=PDF_VARIANT)
    return pdf


@contextmanager
def _layout_failures() -> Iterator[None]:
    """WeasyPrint failing on some text becomes an error that says so, with a way out."""
    try:
        yield
    except IntstratError:
        raise
    except Exception as exc:
        raise IntstratError(
            _(
                "the PDF could not be laid out ({kind}: {problem}); write the document as "
                "html or docx instead, and please report this with the record that caused it"
            ).format(kind=type(exc).__name__, problem=str(exc)[:200])
        ) from None


def _page_references_once() -> None:
    """Make pydyf's list of page references a value kept until a page is added.

    pydyf builds the tuple of every page's reference anew each time it is asked, and
    WeasyPrint asks once per tagged element: for a 140-page report with 30,000 tagged
    elements that was 4 million references built (7 % of the time). The tuple is the
    same until the next page is added, so it is kept until then.
    """
    import pydyf

    original = pydyf.PDF.__dict__.get("page_references")
    if getattr(pydyf.PDF, "_intstrat_references", False) or not isinstance(original, property):
        return  # done already, or another pydyf than the one measured
    build = original.fget
    assert build is not None

    def page_references(self: Any) -> Any:
        kids = len(self.pages["Kids"])
        kept = self.__dict__.get("_intstrat_kept")
        if kept is None or kept[0] != kids:
            kept = self.__dict__["_intstrat_kept"] = (kids, build(self))
        return kept[1]

    pydyf.PDF.page_references = property(page_references)
    pydyf.PDF._intstrat_references = True


def _cell_min_widths_once() -> None:
    """Measure a spanning cell's narrowest width once while sizing columns, not twice.

    To size a table's columns WeasyPrint asks for the min-content width of a cell
    that spans columns, then for its max-content width, which measures the min-content
    width again. Measuring it breaks the cell's text after every word, one Pango
    layout a word; in the annual report each project's summary is such a cell
    (colspan 4), so at 1,000 projects the second measure cost about 0.8 s. The width
    depends only on the cell's content and style, which sizing the columns does not
    change, so it is kept while one table's columns are sized and forgotten after:
    the columns come out exactly as before.
    """
    from weasyprint.layout import preferred, table

    size_columns = preferred.table_and_columns_preferred_widths
    measure = preferred.table_cell_min_content_width
    if getattr(size_columns, "_intstrat_kept", False) or not callable(measure):
        return  # done already, or another WeasyPrint than the one measured
    kept: dict[tuple[int, bool], tuple[Any, Any]] | None = None

    def table_and_columns_preferred_widths(context: Any, box: Any, outer: bool = True) -> Any:
        nonlocal kept
        if kept is not None:  # a table in a cell: sized within the outer table's sizing
            return size_columns(context, box, outer)
        kept = {}
        try:
            return size_columns(context, box, outer)
        finally:
            kept = None

    def table_cell_min_content_width(context: Any, box: Any, outer: bool) -> Any:
        if kept is None:
            return measure(context, box, outer)
        key = (id(box), outer)
        if key not in kept:
            kept[key] = (box, measure(context, box, outer))  # the box held: its id stays its own
        return kept[key][1]

    table_and_columns_preferred_widths._intstrat_kept = True  # type: ignore[attr-defined]
    preferred.table_and_columns_preferred_widths = table_and_columns_preferred_widths
    table.table_and_columns_preferred_widths = table_and_columns_preferred_widths
    preferred.table_cell_min_content_width = table_cell_min_content_width


_TEXT_NODE = re.compile(r">([^<]+)<")
_LONG_WORD = re.compile(r"[^\W_]{60,}")
#: A word with a soft hyphen (from `t.compounds`, or typed into a record).
_SOFT_WORD = re.compile("[^\\s\u00ad]*(?:\u00ad[^\\s\u00ad]*)+")


def breakable(html: str) -> str:
    """HTML whose absurdly long words (60 letters and more) are cut by a space every 30.

    No language has such words, but a record can, and WeasyPrint lays one out by
    shaping the rest of it again for every line: a 3,000-letter word in a table cell
    took minutes, 19,000 letters in the brochure's narrow box never finished. A
    zero-width space is not enough (WeasyPrint's fast path looks for spaces). Only
    text between tags is touched, never an attribute (a link, an image's data: URL).

    In the body, each word with a soft hyphen gets an inline box of its own:
    WeasyPrint (70) takes the narrowest width of a text that holds a soft hyphen to be
    the whole text, as if it could not break at all, so one compound in a cell made
    its column ask for the cell's full length, and the travel table of
    tools/look-repo ran 17 mm off the page. A word alone in its box is measured alone.
    """

    def words(match: re.Match[str]) -> str:
        word = match.group()
        return " ".join(word[i : i + 30] for i in range(0, len(word), 30))

    def text(match: re.Match[str]) -> str:
        return ">" + _LONG_WORD.sub(words, match.group(1)) + "<"

    def body_text(match: re.Match[str]) -> str:
        cut = _LONG_WORD.sub(words, match.group(1))
        return ">" + _SOFT_WORD.sub(lambda m: f"<span>{m.group()}</span>", cut) + "<"

    head, tag, body = html.partition("<body")
    if not tag:  # a fragment: all of it is body
        head, body = "", html
    return _TEXT_NODE.sub(text, head) + tag + _TEXT_NODE.sub(body_text, body)


def _local_fetcher(root: Path | None) -> Any:
    """Let WeasyPrint read files inside the repository (a logo in a template) and
    `data:` URLs, and nothing else: no network, no files elsewhere on the machine.

    The real path counts: a symbolic link in the repository that leads out of it
    is refused like any other path outside, and the file read is the real one.
    """
    import os
    from urllib.parse import unquote, urlparse

    from weasyprint.urls import URLFetcher

    class LocalFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("file://") and root is not None:
                try:
                    real = os.path.realpath(unquote(urlparse(url).path), strict=True)
                except (OSError, ValueError):
                    real = None
                if real is not None and is_inside(root, real) and Path(real).is_file():
                    return super().fetch(Path(real).as_uri(), headers)
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
    page_multiple: int = 1
    """Printed, its pages are padded to a multiple of this (4: a folded booklet); the
    template gets the number of pages to add as `blank_pages`."""


class LazyChart:
    """The SDG chart as inline SVG, drawn only if a template prints it.

    The built-in templates draw their chart as a table of bars (real text, legible
    on a phone); a repository's template may still use `{{ sdg_chart }}`, and only
    then is matplotlib imported and the chart drawn, with the goals the year names.
    """

    def __init__(self, report: Report, words: Words) -> None:
        self.report, self.words = report, words

    def __html__(self) -> str:
        covered = [g for g in self.report.sdgs if g.count]
        if not covered:
            return ""
        from intstrat.documents.charts import sdg_chart_svg

        alt = self.words("sdg_chart_alt", year=self.report.year)
        return sdg_chart_svg(covered, self.words("col_count"), alt)

    def __str__(self) -> str:
        return self.__html__()


def _report_context(report: Report, fmt: Format) -> dict[str, Any]:
    words = Words(report.lang)
    chart: Any = LazyChart(report, words) if fmt in (Format.HTML, Format.PDF) else Markup("")
    return {"report": report, "t": words, "sdg_chart": chart}


def _report_stem(report: Report) -> str:
    """`internationellt-arbete-2023`, `international-work-2023-utbildning`."""
    stem = "internationellt-arbete" if report.lang == "sv" else "international-work"
    return f"{stem}-{report.year}{f'-{report.unit.id}' if report.unit else ''}"


def _report_docx(report: Report, template: Path | None) -> bytes:
    from intstrat.documents.word import render_docx

    return render_docx(report, template)


def _brochure_context(brochure: Brochure, fmt: Format) -> dict[str, Any]:
    return {"b": brochure, "t": Words(brochure.lang), "blank_pages": 0}


def _brochure_stem(brochure: Brochure) -> str:
    return "partnerskap" if brochure.lang == "sv" else "partnerships"


def _followup_context(followup: Followup, fmt: Format) -> dict[str, Any]:
    from intstrat.documents.followup import CHARTS, charts

    drawn = {name: Markup("") for name in CHARTS}
    if fmt in (Format.HTML, Format.PDF):
        drawn = {name: Markup(svg) for name, svg in charts(followup).items()}
    return {"f": followup, "t": Words(followup.lang), "charts": drawn}


def _followup_docx(followup: Followup, template: Path | None) -> bytes:
    from intstrat.documents.followup_word import render_followup_docx

    return render_followup_docx(followup, template)


def _followup_stem(followup: Followup) -> str:
    """`uppfoljning-2023-2026`, `follow-up-2023-2026`."""
    stem = "uppfoljning" if followup.lang == "sv" else "follow-up"
    return f"{stem}-{followup.first}-{followup.last}"


#: Every kind of document, by the type of its context, named (module and class) so that
#: rendering a report imports neither the brochure's nor the follow-up's module.
DOCUMENTS: dict[str, DocumentType] = {
    "intstrat.documents.report.Report": DocumentType(
        templates={Format.MD: "report.md.j2", Format.HTML: "report.html.j2"},
        context=_report_context,
        file_stem=_report_stem,
        word=_report_docx,
    ),
    "intstrat.documents.brochure.Brochure": DocumentType(
        templates={Format.HTML: "brochure.html.j2"},
        context=_brochure_context,
        file_stem=_brochure_stem,
        page_multiple=4,
    ),
    "intstrat.documents.followup.Followup": DocumentType(
        templates={Format.MD: "followup.md.j2", Format.HTML: "followup.html.j2"},
        context=_followup_context,
        file_stem=_followup_stem,
        word=_followup_docx,
    ),
}


def _kind(document: object) -> DocumentType:
    kind = type(document)
    return DOCUMENTS[f"{kind.__module__}.{kind.__qualname__}"]


def render_text(
    document: Any,
    fmt: Format,
    repo_root: Path | None = None,
    template: str | None = None,
    extra: Mapping[str, Any] | None = None,
) -> str:
    """Markdown or HTML of a document, from its template for `fmt` (or `template`);
    `extra` adds to (or replaces) the variables its templates get."""
    kind = _kind(document)
    name = template or kind.templates[Format.HTML if fmt is Format.PDF else fmt]
    if template is not None:
        _check_template_name(template, fmt)
    try:
        compiled = environment(repo_root).get_template(name)
    except TemplateNotFound as exc:
        if exc.name != name:  # the template exists but includes or extends a missing one
            raise _template_failed(exc, name, repo_root) from None
        raise UsageError(
            _("template '{name}' not found in {folder} or among the built-in templates").format(
                name=name, folder=repo_root / "templates" if repo_root else "-"
            )
        ) from None
    except TemplateError as exc:
        raise _template_failed(exc, name, repo_root) from None
    if fmt is Format.MD:
        # Markdown has no autoescaping: the document's text is escaped before the template
        # sees it, so record text reads as written and never becomes markup or a link.
        document = escape_document(document)
    context = {**kind.context(document, fmt), **(extra or {})}
    with template_errors(name, repo_root):
        return compiled.render(**context)


#: The names a template for each format may have. An HTML template must be named as
#: one (the environment autoescapes by name): a `kort.j2` made for HTML would print
#: record text from pull requests as markup.
TEMPLATE_SUFFIXES = {
    Format.HTML: (".html.j2", ".htm.j2", ".html", ".htm"),
    Format.PDF: (".html.j2", ".htm.j2", ".html", ".htm"),
    Format.MD: (".md.j2", ".md", ".txt.j2", ".txt"),
}


def _check_template_name(name: str, fmt: Format) -> None:
    suffixes = TEMPLATE_SUFFIXES.get(fmt, ())
    if suffixes and not name.lower().endswith(suffixes):
        raise UsageError(
            _(
                "--template {name}: with --format {format} the template is named *{suffix} "
                "(see {guide})"
            ).format(name=name, format=fmt.value, suffix=suffixes[0], guide=TEMPLATES_GUIDE)
        )


@contextmanager
def template_errors(name: str, repo_root: Path | None) -> Iterator[None]:
    """Turn a template's own mistakes inside the block into a `TemplateFailed`.

    Jinja's errors (syntax, undefined names, missing templates, the sandbox's
    refusals) always are the template's; any other exception ({{ 1 / 0 }},
    t("no-such-key"), the assertion of `truncate(2)`) is when it happens in the
    repository's own template. The same in a built-in template is a bug in intstrat,
    and is left to propagate.
    """
    try:
        yield
    except TemplateError as exc:
        raise _template_failed(exc, name, repo_root) from None
    except IntstratError:
        raise  # said in the user's words already
    except Exception as exc:  # anything a template's code can raise: 1 / 0, truncate(2), ...
        where = _template_frames(exc)
        if where and _in_repository(where[-1][0], repo_root):
            raise _template_failed(exc, name, repo_root) from None
        raise


def _template_frames(exc: BaseException) -> list[tuple[str, int]]:
    """(file, line) of each template frame in the traceback, outermost first.

    Jinja rewrites tracebacks so that template code shows as frames whose file is
    the template and whose line is the template's line.
    """
    frames = []
    tb = exc.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            frames.append((tb.tb_frame.f_code.co_filename, tb.tb_lineno))
        tb = tb.tb_next
    return frames


def _in_repository(filename: str, repo_root: Path | None) -> bool:
    return repo_root is not None and Path(filename).is_relative_to(repo_root / TEMPLATES_DIR)


def _display(filename: str | None, repo_root: Path | None, fallback: str) -> str:
    """`templates/report.md.j2` for a repository template, `built-in report.md.j2` otherwise."""
    if filename and repo_root is not None and _in_repository(filename, repo_root):
        return Path(filename).relative_to(repo_root).as_posix()
    if filename and not filename.startswith("<"):
        return _("built-in {name}").format(name=Path(filename).name)
    return fallback


def _undefined_problem(problem: str) -> str:
    """Jinja's English for a name, attribute or item a template asked for and the context
    does not have, in the user's words; another wording is passed on as it is."""
    unknown = re.fullmatch(r"'(.+)' is undefined", problem)
    if unknown:
        return _("'{name}' is not defined here").format(name=unknown.group(1))
    attribute = re.fullmatch(r"'(?:[\w.]+\.)?(\w+) object' has no attribute '(.+)'", problem)
    if attribute:
        return _("there is no '{name}' in {kind}").format(
            name=attribute.group(2), kind=attribute.group(1)
        )
    element = re.fullmatch(r"(?:[\w.]+\.)?(\w+) object has no element (.+)", problem)
    if element:
        return _("there is no element {index} in {kind}").format(
            index=element.group(2), kind=element.group(1)
        )
    return problem


def _words_key(exc: KeyError) -> str | None:
    """The key given to `t(...)` when the KeyError came from there, else None."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None or tb.tb_frame.f_code is not Words.__call__.__code__:
        return None
    key = tb.tb_frame.f_locals.get("key")
    return key if isinstance(key, str) else None


def _t_problem(key: str, exc: KeyError) -> str:
    """What was wrong with a `t(...)` call: a key that is not a text, or a value missing."""
    from intstrat.i18n.words import STRINGS

    if key not in STRINGS:
        return _("t('{key}'): there is no such text; the texts are listed in {guide}").format(
            key=key, guide=TEMPLATES_GUIDE
        )
    return _("t('{key}') needs the value {value}, as in t('{key}', {value}=...)").format(
        key=key, value=exc.args[0] if exc.args else "?"
    )


def _syntax_problem(message: str) -> str:
    """Jinja's English for the commonest syntax mistakes, in the user's words; any other
    message quoted as Jinja's."""
    unknown = re.fullmatch(r"No (filter|test) named '(.+)'\.?", message)
    if unknown:
        return (
            _("there is no filter '{name}'")
            if unknown.group(1) == "filter"
            else _("there is no test '{name}'")
        ).format(name=unknown.group(2))
    open_block = re.search(r"The innermost block that needs to be closed is '(\w+)'", message)
    tag = re.match(r"Encountered unknown tag '(\w+)'", message)
    if tag and open_block:
        return _("'{tag}' does not belong here: the block '{block}' is still open").format(
            tag=tag.group(1), block=open_block.group(1)
        ) + _(" (close it with {close})").format(close=f"{{% end{open_block.group(1)} %}}")
    if tag:
        if tag.group(1).startswith("end"):
            return _("'{tag}' closes a block that was never opened").format(tag=tag.group(1))
        return _("there is no tag '{tag}'").format(tag=tag.group(1))
    if open_block and message.startswith("Unexpected end of template"):
        return _("the template ends inside the block '{block}'").format(
            block=open_block.group(1)
        ) + _(" (close it with {close})").format(close=f"{{% end{open_block.group(1)} %}}")
    if message.startswith("Expected an expression"):
        return _("a value is missing here (a name, a text in quotes or a number)")
    if message == "unexpected end of template, expected 'end of print statement'.":
        return _("'{{' is not closed with '}}'")
    return _("in Jinja's words: {message}").format(message=message)


def _template_failed(exc: BaseException, name: str, repo_root: Path | None) -> TemplateFailed:
    """The error a person can act on: which template, which line, what, and where to look."""
    if isinstance(exc, TemplateSyntaxError):
        where = _display(exc.filename, repo_root, exc.name or name)
        line = exc.lineno
        what = _("syntax error: {problem}").format(problem=_syntax_problem(exc.message or ""))
    else:
        frames = _template_frames(exc)
        filename, line = frames[-1] if frames else (None, 0)
        where = _display(filename, repo_root, name)
        if isinstance(exc, SecurityError):
            problem = (exc.message or "").rstrip(".")
            unsafe = re.fullmatch(r"access to attribute '(.+)' of '(.+)' object is unsafe", problem)
            if unsafe:  # the sandbox's English for the commonest refusal, in the user's words
                problem = _("reading '{name}' of a {kind} value").format(
                    name=unsafe.group(1), kind=unsafe.group(2)
                )
            what = _(
                "the template tried something templates may not do ({problem}); a template "
                "reads only the context it is given, see 'What a template may do' in {guide}"
            ).format(problem=problem, guide=TEMPLATES_GUIDE)
        elif isinstance(exc, UndefinedError):
            problem = exc.message or ""
            problem = _undefined_problem(problem)
            what = _("{problem}; the names a template can use are in {guide}").format(
                problem=problem, guide=TEMPLATES_GUIDE
            )
        elif isinstance(exc, TemplateNotFound):
            what = _("template '{missing}' not found (in templates/ or built in)").format(
                missing=exc.name
            )
        elif isinstance(exc, RecursionError):
            what = _(
                "the template calls or extends itself without end; to build on the built-in "
                'template, extend it as "default:{name}"'
            ).format(name=name)
        elif isinstance(exc, MemoryError):
            what = _("the template made more text than fits in memory")
        elif isinstance(exc, KeyError) and (text := _words_key(exc)) is not None:
            what = _t_problem(text, exc)
        elif isinstance(exc, ZeroDivisionError):
            what = _("the template divides by zero")
        elif isinstance(exc, OverflowError) and "MAX_RANGE" in str(exc):
            what = _("range() in a template makes at most {most} numbers").format(
                most=grouped(MAX_RANGE)
            )
        else:  # Python's own words, marked as a quotation for the template's author
            what = _("Python says: {problem}").format(problem=f"{type(exc).__name__}: {exc}")
    prefix = f"{where}:{line}" if line else where
    return TemplateFailed(_("template {where}: {what}").format(where=prefix, what=what))


def _render_pdf(document: Any, fmt: Format, repo_root: Path | None, template: str | None) -> bytes:
    if template is not None:
        _check_template_name(template, fmt)
    multiple = _kind(document).page_multiple
    laid_out = lay_out(render_text(document, Format.HTML, repo_root, template), repo_root)
    missing = -len(laid_out.pages) % multiple
    if missing:
        # A booklet: lay it out again with the pages it lacks (the template adds them
        # before its back cover, so the back cover is the last, even page).
        html = render_text(document, Format.HTML, repo_root, template, {"blank_pages": missing})
        laid_out = lay_out(html, repo_root)
    return write_pdf(laid_out)


def _render_docx(document: Any, fmt: Format, repo_root: Path | None, template: str | None) -> bytes:
    word = _kind(document).word
    if word is None:
        raise UsageError(_("this document is not made as a Word file; choose html or pdf"))
    path = None
    if template is not None:
        path = Path(template)
        if not path.is_absolute() and repo_root is not None and not path.exists():
            # A template from the repository: like every file read from it, it must
            # really be inside it (not a link to a document elsewhere on the machine).
            rel = f"{TEMPLATES_DIR}/{template}"
            try:
                path = resolve_inside(repo_root, rel)
            except FileRefused as refused:
                if refused.why == "outside":
                    raise UsageError(
                        _("{path}: {message}").format(path=rel, message=refused.message)
                    ) from None
        if not path.is_file():
            raise UsageError(_("Word template {name} not found").format(name=template))
        if path.suffix.lower() not in (".docx", ".dotx"):
            raise UsageError(
                _(
                    "--template {name}: a Word document takes its styles from a Word file "
                    "(.docx); see {guide}"
                ).format(name=template, guide=TEMPLATES_GUIDE)
            )
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
        raise UsageError(
            _("this document is made as {allowed}, not {fmt}").format(allowed=allowed, fmt=fmt)
        )
    return RENDERERS[fmt](document, fmt, repo_root, template)


def default_file_name(document: Any, fmt: Format) -> str:
    """`internationellt-arbete-2023.pdf`, `partnerskap.pdf`."""
    return f"{_kind(document).file_stem(document)}.{fmt}"

"""`report` and `brochure`: the documents the coordinator hands on."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from intstrat.commands.common import (
    LangOption,
    RepoOption,
    display_path,
    handle_errors,
    load,
    progress,
    refuse_errors,
    refuse_repository_output,
    stderr,
)
from intstrat.commands.localise import document_language
from intstrat.errors import IntstratError
from intstrat.formats import BrochureFormat, DocumentFormat, Lang

if TYPE_CHECKING:
    from intstrat.documents.brochure import Brochure


class BrochureIncomplete(IntstratError):
    """`brochure --strict` found what it would only warn about otherwise."""

    exit_code = 1


TemplateOption = Annotated[
    str | None,
    typer.Option(
        "--template",
        metavar="TEMPLATE",
        help="A template in the repository's templates/ (docx: a .docx to take styles from).",
        show_default=False,
    ),
]
#: The options every document command shares (report, follow-up; brochure in part).
DocumentFormatOption = Annotated[
    DocumentFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="md, html, pdf or docx (Word) (default: from -o's extension, else md).",
        show_default=False,
    ),
]
DocumentLangOption = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        help="sv or en (default: the repository's language).",
        show_default=False,
        case_sensitive=False,
    ),
]
AllowErrorsOption = Annotated[
    bool, typer.Option("--allow-errors", help="Render even if 'intstrat check' finds errors.")
]


#: The format a file name implies: `-o r.pdf` means pdf unless --format says otherwise.
EXTENSIONS = {
    ".md": DocumentFormat.MD,
    ".markdown": DocumentFormat.MD,
    ".html": DocumentFormat.HTML,
    ".htm": DocumentFormat.HTML,
    ".pdf": DocumentFormat.PDF,
    ".docx": DocumentFormat.DOCX,
}
#: Where pdf and docx go without -o: a folder the repository's .gitignore leaves out,
#: so a document is never committed with a pull request by accident.
OUTPUT_DIR = "out"


#: The formats the brochure is made in, of all the document formats.
BROCHURE_FORMATS = (DocumentFormat.HTML, DocumentFormat.PDF)


def choose_format(
    given: DocumentFormat | None,
    out: Path | None,
    default: DocumentFormat,
    made: tuple[DocumentFormat, ...] = tuple(DocumentFormat),
) -> DocumentFormat:
    """--format, else the format -o's extension implies, else `default`; refuse a
    contradiction, and a file name of a format the document is not `made` in."""
    from intstrat.errors import UsageError
    from intstrat.fileio import is_stdout
    from intstrat.i18n import _

    if out is None or is_stdout(out) or not out.suffix:
        return given or default
    implied = EXTENSIONS.get(out.suffix.lower())
    if given is None:
        if implied is None or implied not in made:
            endings = ", ".join(f".{f}" for f in made)
            raise UsageError(
                _(
                    "cannot tell the format from the file name {out}: end it in one of "
                    "{endings}, or give --format"
                ).format(out=out, endings=endings)
            )
        return implied
    if implied is not None and implied is not given:
        raise UsageError(
            _(
                "-o {out} is a {implied} file name but --format is {given}; change one of "
                "them (e.g. -o {suggestion})"
            ).format(out=out, implied=implied, given=given, suggestion=out.with_suffix(f".{given}"))
        )
    return given


#: The file names --explain may write to: it writes text, or JSON with --json.
ENDINGS = {False: ("", ".txt", ".md"), True: ("", ".json", ".txt")}


def format_or_explain(
    given: DocumentFormat | None, out: Path | None, explain: bool, as_json: bool
) -> DocumentFormat:
    """The document's format (see `choose_format`); with --explain, which writes text
    whatever the format, md, after refusing an -o named for a document (r.pdf would
    hold text a PDF reader cannot open)."""
    from intstrat.errors import UsageError
    from intstrat.fileio import is_stdout
    from intstrat.i18n import _

    if not explain:
        return choose_format(given, out, DocumentFormat.MD)
    if out is not None and not is_stdout(out) and out.suffix.lower() not in ENDINGS[as_json]:
        ending = ".json" if as_json else ".txt"
        raise UsageError(
            _("--explain writes {what}, not a document: name the file {ending} (e.g. -o "
              "{suggestion}), or leave out --explain").format(
                what=_("JSON") if as_json else _("text"),
                ending=ending,
                suggestion=out.with_suffix(ending),
            )
        )  # fmt: skip
    return given or DocumentFormat.MD


def write_document(document: str | bytes, out: Path | None, root: Path, default_name: str) -> None:
    """Text without -o goes to standard output, files into out/; never half a file."""
    from intstrat.fileio import is_stdout, write_output, write_stdout
    from intstrat.i18n import _

    if out is None and isinstance(document, str):
        write_stdout(document)
        return
    if out is not None and is_stdout(out):
        write_stdout(document)
        return
    target = out if out is not None else root / OUTPUT_DIR / default_name
    refuse_repository_output(root, target)
    write_output(target, document)
    shown = display_path(root, target) if out is None else str(target)
    stderr(_("wrote {path}").format(path=shown))


@handle_errors
def report(
    year: Annotated[
        int,
        typer.Argument(
            metavar="YEAR", help="The year to summarise, e.g. 2023.", min=1900, max=2100
        ),
    ],
    output_format: DocumentFormatOption = None,
    lang: DocumentLangOption = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            metavar="UNIT",
            help="Only this unit's (department's or company's) work.",
            show_default=False,
        ),
    ] = None,
    template: TemplateOption = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write here ('-' for standard output); the extension sets the format. "
            "Without it md and html go to standard output, pdf and docx to out/ in the "
            "repository (e.g. out/internationellt-arbete-2023.pdf or .docx).",
            show_default=False,
        ),
    ] = None,
    allow_errors: AllowErrorsOption = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Instead of the document, list each key figure with its rule and the "
            "records (file:line) it was computed from.",
        ),
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="With --explain: the explanation as JSON.")
    ] = False,
    repo: RepoOption = None,
) -> None:
    """The annual summary of international work for YEAR, as the strategy asks for it."""
    from rich.console import Console

    from intstrat.documents.explain import explain_or_render
    from intstrat.documents.render import default_file_name
    from intstrat.documents.report import build_report

    fmt = format_or_explain(output_format, out, explain, as_json)
    root, data = load(repo)
    refuse_errors(data, allow_errors)
    with progress(Console(stderr=True), f"intstrat report {year} --format {fmt}"):
        built = build_report(data, year, document_language(lang and lang.value), unit)
        document = explain_or_render(built, fmt, root, template, explain, as_json)
    write_document(document, out, root, default_file_name(built, fmt))


@handle_errors
def brochure(
    output_format: Annotated[
        BrochureFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="html or pdf (default: from -o's extension, else pdf).",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
    partner: Annotated[
        list[str] | None,
        typer.Option(
            "--partner",
            metavar="PARTNER",
            help="Only these partners (default: every partnership, i.e. "
            "partner with a 'since' date).",
            show_default=False,
        ),
    ] = None,
    featured: Annotated[
        list[str] | None,
        typer.Option(
            "--featured",
            metavar="ID",
            help="These projects as examples (default: featured: true).",
            show_default=False,
        ),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option("--title", metavar="TEXT", help="The cover title.", show_default=False),
    ] = None,
    template: Annotated[
        str | None,
        typer.Option(
            "--template", metavar="TEMPLATE", help="A template in templates/.", show_default=False
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write here ('-' for standard output); the extension sets the format. "
            "Without it html goes to standard output, pdf to out/partnerskap.pdf in the "
            "repository.",
            show_default=False,
        ),
    ] = None,
    allow_errors: AllowErrorsOption = False,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Refuse (exit 1, nothing written) where it would warn: texts without a "
            "version in the chosen language, no project examples.",
        ),
    ] = False,
    repo: RepoOption = None,
) -> None:
    """The partnership brochure: partners, results implemented at home, project examples."""
    from rich.console import Console

    from intstrat.documents.brochure import build_brochure
    from intstrat.documents.render import default_file_name, render

    given = DocumentFormat(output_format) if output_format else None
    fmt = choose_format(given, out, DocumentFormat.PDF, BROCHURE_FORMATS)
    root, data = load(repo)
    refuse_errors(data, allow_errors)
    with progress(Console(stderr=True), "intstrat brochure"):
        built = build_brochure(
            data, document_language(lang and lang.value), partner, featured, title
        )
        _brochure_warnings(built, strict)
        document = render(built, fmt, root, template)
    write_document(document, out, root, default_file_name(built, fmt))


def _brochure_warnings(built: Brochure, strict: bool) -> None:
    """What a reader of the brochure would miss, on stderr; under --strict, exit 1."""
    from intstrat.i18n import _

    lines = []
    if built.fallbacks:
        other = {"sv": _("Swedish"), "en": _("English")}
        lines.append(
            _(
                "{n} texts have no {language} version, so the brochure shows them in another "
                "language; add '{lang}:' to each:"
            ).format(n=len(built.fallbacks), language=other[built.lang], lang=built.lang)
        )
        lines.extend(f"  {where}" for where in built.fallbacks)
    if built.partners and not built.featured:  # as R016: only when there are partnerships
        lines.append(
            _(
                "the brochure has no project examples: mark one or two projects with "
                "featured: true, or choose them with --featured ID"
            )
        )
    if not lines:
        return
    if strict:
        raise BrochureIncomplete(
            _("the brochure is incomplete (--strict), nothing written:") + "\n" + "\n".join(lines)
        )
    for line in lines:
        stderr(line if line.startswith("  ") else _("warning: {message}").format(message=line))

"""The annual summary as a Word document (python-docx), to paste into the annual report.

Real headings (Heading 1-3, so Word's navigation pane and table of contents
work) and real tables, built from the same typed context as the templates.

A document a coordinator can print as it is: A4 with margins, the document's
language (sv-SE or en-GB, so Word's spelling check reads Swedish as Swedish),
a running header and page numbers, table headers repeated on every page, rows
that never split across pages, headings kept with what follows, columns as
wide as their content asks, numbers aligned right.

A municipality's own .docx can be given as the template: its styles, page
setup, headers and footers are kept (ours fill only an empty header or footer)
and the summary is added after its content. Its properties are not kept: File →
Properties describes this document (`properties`).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from intstrat.documents.report import ApplicationItem, Breakdown, ProjectItem, Report
from intstrat.errors import UsageError
from intstrat.fileio import generated_at
from intstrat.formats import Language
from intstrat.i18n import Words, _

#: The language Word's spelling check and hyphenation use, per output language.
WORD_LANGUAGES = {"sv": "sv-SE", "en": "en-GB"}
#: The house colours of the built-in look (the HTML report's).
ACCENT, LINE, SOFT, MUTED = "19486A", "D5DBE1", "EEF3F7", "535E6B"
#: Text size in tables, in points; the width of an average character of it, in points
#: (Calibri and its stand-ins are about half an em wide), and a cell's side padding.
TABLE_PT, CHAR_EM, PAD_PT = 9.0, 0.6, 12.0


def word_property(text: str) -> str:
    """`text` cut to the 255 characters a Word document property holds (python-docx
    refuses more, and an organisation's name may be up to 300)."""
    return text if len(text) <= 255 else text[:254] + "…"


def render_docx(report: Report, template: Path | None = None) -> bytes:
    writer, t = open_document(report, template)
    if report.strategy:
        writer.paragraph(report.strategy.intro)
        if report.strategy.reporting:
            writer.paragraph(t("strategy_reporting"), keep_with_next=True)
            writer.quote(report.strategy.reporting)

    for section in report.sections:
        SECTION_WRITERS[section](writer, report, t)
    return writer.save()


class Titled(Protocol):
    """A document with an organisation and a title for the running header."""

    @property
    def organisation(self) -> str: ...
    @property
    def title(self) -> str: ...


class Opening(Titled, Protocol):
    """What the first lines of a document say: the annual summary's and the follow-up's."""

    @property
    def lang(self) -> Language: ...
    @property
    def subtitle(self) -> str: ...
    @property
    def compiled(self) -> str: ...
    @property
    def vision(self) -> str: ...


def open_document(doc: Opening, template: Path | None) -> tuple[Writer, Words]:
    """A document set up for `doc` (a municipality's .docx, or ours on A4 in our style),
    in its language, with the running header, properties, title, subtitle and vision."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(str(template)) if template else Document()
    except (PackageNotFoundError, ValueError, KeyError) as exc:
        raise UsageError(
            _("{path} is not a Word document (.docx): {error}").format(path=template, error=exc)
        ) from None
    t = Words(doc.lang)
    writer = Writer(document, t, own_style=template is None)
    if template is None:
        writer.page_setup()
        writer.house_style()
    writer.language(WORD_LANGUAGES[doc.lang])
    writer.header_and_footer(doc)
    properties(document, doc, WORD_LANGUAGES[doc.lang])

    document.add_heading(doc.title, level=0)
    writer.paragraph(f"{doc.organisation} · {doc.subtitle} · {doc.compiled}")
    if doc.vision:
        writer.quote(doc.vision)
    return writer, t


#: What a template's extended properties (docProps/app.xml) say about the template
#: itself, not about this document: its company, manager, link base, its list of
#: titles, and its counts of pages and words (Word counts again when it saves).
FOREIGN_EXTENDED = ("Company", "Manager", "HyperlinkBase", "HeadingPairs", "TitlesOfParts",
                    "TotalTime", "Pages", "Words", "Characters", "CharactersWithSpaces",
                    "Lines", "Paragraphs")  # fmt: skip
RT_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
RT_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
RT_EXTENDED = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
)


def properties(document: Any, doc: Titled, language: str) -> None:
    """File → Properties as a municipality expects: this document's title, the
    organisation as its author, its language, made now.

    What the package says otherwise is its template's: python-docx's says 2013-12-23 and
    "generated by python-docx", a municipality's template says who wrote the template,
    when, for which company, under which title, and shows its first page as the
    thumbnail. So every core property is written anew, the template's company and
    statistics go, and so do its thumbnail and its custom properties (a record number,
    a case officer), which name the template, not this document.
    """
    from lxml import etree

    core = document.core_properties
    for child in list(core._element):
        core._element.remove(child)
    organisation = word_property(doc.organisation)
    core.title = word_property(f"{doc.title} – {doc.organisation}")
    core.author = core.last_modified_by = organisation
    core.language = language
    core.revision = 1
    moment = generated_at().astimezone(dt.UTC)
    core.created = core.modified = moment
    package = document.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype in (RT_THUMBNAIL, RT_CUSTOM):
            package.rels.pop(rid)
        elif rel.reltype == RT_EXTENDED and not rel.is_external:
            part = rel.target_part
            root = etree.fromstring(part.blob)
            for element in list(root):
                if etree.QName(element).localname in FOREIGN_EXTENDED:
                    root.remove(element)
            company = etree.SubElement(root, etree.QName(root, "Company"))
            company.text = organisation
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                        standalone=True)  # fmt: skip


def package_bytes(document: Any) -> bytes:
    """The .docx with every member dated to the moment it was made (python-docx dates
    them to the second it writes), so SOURCE_DATE_EPOCH gives the same bytes twice."""
    import zipfile

    buffer = io.BytesIO()
    document.save(buffer)
    moment = generated_at().astimezone(dt.UTC)
    stamp = max(moment.timetuple()[:6], (1980, 1, 1, 0, 0, 0))  # zip's first date
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = member.external_attr
            target.writestr(info, source.read(member.filename))
    return out.getvalue()


@dataclass
class Column:
    """A table column: its heading, and whether it holds numbers (aligned right)."""

    header: str
    numeric: bool = False
    bold: bool = False


@dataclass
class Row:
    """A table row; `more` is a line under it across all columns (a summary)."""

    cells: list[str]
    more: str = ""
    muted: list[str] = field(default_factory=list)
    """A second, smaller line per cell ("" for none): the owner under a project's title."""
    heads: bool = False
    """The row names the rows under it (VERKSAMHET): never the last row on a page."""


class Writer:
    """Writes paragraphs and tables into one document, with its text in one language."""

    def __init__(self, document: Any, words: Words, *, own_style: bool) -> None:
        self.document, self.t, self.own_style = document, words, own_style

    def save(self) -> bytes:
        """The finished document as the bytes of a .docx."""
        _room_after_tables(self.document)
        return package_bytes(self.document)

    # ------------------------------------------------------------ the page

    def page_setup(self) -> None:
        """A4 with margins for binding in an annual report (a template keeps its own)."""
        from docx.shared import Mm

        for section in self.document.sections:
            section.page_width, section.page_height = Mm(210), Mm(297)
            section.left_margin = section.right_margin = Mm(20)
            section.top_margin, section.bottom_margin = Mm(22), Mm(20)
            section.header_distance = section.footer_distance = Mm(10)

    def house_style(self) -> None:
        from docx.shared import Pt, RGBColor

        styles = self.document.styles
        normal = styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(10.5)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.15
        for name, size in (("Title", 26), ("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 11)):
            style = styles[name]
            style.font.color.rgb = RGBColor.from_string(ACCENT)
            style.font.size = Pt(size)
            style.paragraph_format.keep_with_next = True
        styles["Heading 1"].paragraph_format.space_before = Pt(18)

    def language(self, tag: str) -> None:
        """The language of every run (docDefaults and every style that names one)."""
        from docx.oxml.ns import qn

        root = self.document.styles.element
        defaults = root.find(qn("w:docDefaults"))
        if defaults is None:
            defaults = root.makeelement(qn("w:docDefaults"), {})
            root.insert(0, defaults)
        rpr_default = _child(defaults, "w:rPrDefault")
        rpr = _child(rpr_default, "w:rPr")
        _set_lang(_child(rpr, "w:lang"), tag)
        for lang in root.iter(qn("w:lang")):
            _set_lang(lang, tag)
        settings = self.document.settings.element
        theme = settings.find(qn("w:themeFontLang"))
        if theme is not None:
            theme.set(qn("w:val"), tag)
        # "Spelling checked and clean" would keep Word from checking the new text.
        for proof in settings.findall(qn("w:proofState")):
            settings.remove(proof)

    def header_and_footer(self, report: Titled) -> None:
        """Organisation and title at the top, "Sida 2 av 9" at the foot of every page but
        the first's header; a template's own header or footer is left as it is."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT

        section = self.document.sections[0]
        width = section.page_width - section.left_margin - section.right_margin
        if _is_empty(section.header):
            section.different_first_page_header_footer = True
            paragraph = section.header.paragraphs[0]
            tabs = paragraph.paragraph_format.tab_stops
            style = paragraph.style.paragraph_format.tab_stops if paragraph.style else []
            for stop in style:  # the Header style's centre tab would take the title
                tabs.add_tab_stop(stop.position, WD_TAB_ALIGNMENT.CLEAR)
            tabs.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
            self._small(paragraph.add_run(f"{report.organisation}\t{report.title}"))
        footers = [section.footer]
        if section.different_first_page_header_footer:
            footers.append(section.first_page_footer)
        for footer in footers:
            if not _is_empty(footer):
                continue
            paragraph = footer.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            self._small(paragraph.add_run(f"{self.t('page')} "))
            _field(paragraph, "PAGE", "1")
            self._small(paragraph.add_run(f" {self.t('page_of')} "))
            _field(paragraph, "NUMPAGES", "1")

    def _small(self, run: Any) -> Any:
        from docx.shared import Pt, RGBColor

        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor.from_string(MUTED)
        return run

    # ------------------------------------------------------------ text

    def heading(self, text: str, level: int) -> Any:
        paragraph = self.document.add_heading(text, level=level)
        paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def paragraph(self, text: str, *, keep_with_next: bool = False) -> Any:
        paragraph = self.document.add_paragraph(text)
        if keep_with_next:
            paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def intro(self, text: str) -> Any:
        """A section's lead: kept with the heading above and what follows."""
        return self.paragraph(text, keep_with_next=True)

    def picture(self, png: bytes, width: Any, *, alt: str = "", title: str = "") -> Any:
        """A chart, in the paragraph of the intro right above it if there is one.

        LibreOffice does not keep a paragraph with a next one that holds only a
        picture: it left a heading and its intro at the foot of a page and the chart
        on the next, though both keep with the next. It never splits a paragraph that
        must stay together, so the chart joins the intro's paragraph, after a line
        break. The paragraph that holds the chart is returned.
        """
        body = self.document.element.body
        last = body[-2] if len(body) > 1 and body[-1].tag == _qn("w:sectPr") else body[-1]
        if last.tag == _qn("w:p") and last.find(f"{_qn('w:pPr')}/{_qn('w:keepNext')}") is not None:
            from docx.text.paragraph import Paragraph

            paragraph = Paragraph(last, self.document.part)
            paragraph.add_run().add_break()
            paragraph.paragraph_format.keep_together = True
        else:
            paragraph = self.document.add_paragraph()
        shape = paragraph.add_run().add_picture(io.BytesIO(png), width=width)
        if alt:
            shape._inline.docPr.set("descr", alt)
        if title:
            shape._inline.docPr.set("title", title)
        return paragraph

    def quote(self, text: str) -> None:
        style = _style(self.document, ("Quote", "Intense Quote"))
        paragraph = self.document.add_paragraph(text)
        if style is not None:
            paragraph.style = style

    def empty(self, text: str) -> None:
        paragraph = self.document.add_paragraph()
        paragraph.add_run(text).italic = True

    def bullets(self, lines: Sequence[str]) -> None:
        bullet = _style(self.document, ("List Bullet",))
        for text in lines:
            self.document.add_paragraph(text if bullet else f"• {text}", style=bullet)

    # ------------------------------------------------------------ tables

    def table(
        self,
        columns: Sequence[Column],
        rows: Sequence[Row],
        *,
        header: bool = True,
        notes: Sequence[str] = (),
    ) -> Any:
        """A table that prints well: header repeated, rows whole, widths from content.

        `notes` (a legend, how the figures are counted) come directly under it and on
        the page of its last rows, where a reader looks for them: above the table or
        a page later they read as stray lines.
        """
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt, RGBColor

        document = self.document
        table = document.add_table(rows=0, cols=len(columns))
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        if self.own_style:
            table.style = _style(document, ("Table Grid",))
            _house_borders(table)
        else:
            table.style = _style(
                document, ("Light List Accent 1", "Light Grid Accent 1", "Table Grid")
            )
        _look(table)
        size = Pt(TABLE_PT)
        all_rows: list[tuple[Any, bool]] = []  # (row, is the main row of a record)
        if header:
            cells = table.add_row().cells
            for cell, column in zip(cells, columns, strict=True):
                run = cell.paragraphs[0].add_run(column.header)
                run.bold, run.font.size = True, size
                if column.numeric:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if self.own_style:
                    _shade(cell, SOFT)
            _row_properties(table.rows[-1], header=True)
            all_rows.append((table.rows[-1], True))
        for row in rows:
            cells = table.add_row().cells
            for i, (cell, column, text) in enumerate(zip(cells, columns, row.cells, strict=True)):
                paragraph = cell.paragraphs[0]
                run = paragraph.add_run(text)
                run.font.size, run.bold = size, column.bold
                muted = row.muted[i] if i < len(row.muted) else ""
                if muted:
                    line = paragraph.add_run(f"\n{muted}")
                    line.font.size = Pt(TABLE_PT - 1)
                    line.font.color.rgb = RGBColor.from_string(MUTED)
                if column.numeric:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _row_properties(table.rows[-1])
            all_rows.append((table.rows[-1], True))
            if row.heads:
                _keep_with_next(table.rows[-1])
            if row.more:
                more = table.add_row()
                merged = more.cells[0].merge(more.cells[-1])
                run = merged.paragraphs[0].add_run(row.more)
                run.font.size = Pt(TABLE_PT - 0.5)
                run.font.color.rgb = RGBColor.from_string(MUTED)
                _row_properties(more)
                _keep_with_next(table.rows[-2])  # a record's rows stay together
                for cell in table.rows[-2].cells:
                    _no_border(cell, "bottom")
                _no_border(merged, "top")
                all_rows.append((more, False))
        self._keep_ends_together(all_rows, header, bool(notes))
        self._widths(table, columns, rows, header)
        for number, text in enumerate(notes, 1):
            note = self.paragraph(text, keep_with_next=number < len(notes))
            note.paragraph_format.keep_together = True
        return table

    def _keep_ends_together(
        self, rows: list[tuple[Any, bool]], header: bool, notes: bool = False
    ) -> None:
        """No lone row: the header stays with the first record, the first record with
        the second, the last record with the one before it (and with the notes under
        the table, if it has any)."""
        starts = [i for i, (_row, main) in enumerate(rows) if main]
        records = starts[1:] if header else starts
        if header and records:
            _keep_with_next(rows[0][0])
        if len(records) >= 2:
            # The whole first record, then the last record's predecessor.
            for index in range(records[0], records[1]):
                _keep_with_next(rows[index][0])
            for index in range(records[-2], records[-1]):
                _keep_with_next(rows[index][0])
        if notes and records:
            for row, _main in rows[records[-1] :]:
                _keep_with_next(row)

    def _widths(
        self, table: Any, columns: Sequence[Column], rows: Sequence[Row], header: bool
    ) -> None:
        """Column widths from content, like a browser's automatic table layout.

        Each column needs its longest word (a date or an amount is one word: its
        spaces do not break) and would like its longest line; the page's width is
        shared out from those, so no word is broken inside a letter ("septembe r").
        """
        from docx.shared import Pt

        section = self.document.sections[-1]
        usable = (section.page_width - section.left_margin - section.right_margin) / 12700  # pt
        needs, wants = [], []
        for j, column in enumerate(columns):
            # (text, bold, size) of everything in the column
            pieces = [(r.cells[j], column.bold, TABLE_PT) for r in rows]
            pieces += [(r.muted[j], False, TABLE_PT - 1) for r in rows if len(r.muted) > j]
            if header:
                pieces.append((column.header, True, TABLE_PT))
            need = max(
                (_text_width(word, bold, size) for text, bold, size in pieces
                 for word in _unbreakable(text)),
                default=0.0,
            )  # fmt: skip
            want = max(
                (_text_width(line, bold, size) for text, bold, size in pieces
                 for line in text.split("\n")),
                default=0.0,
            )  # fmt: skip
            needs.append(need + PAD_PT)
            wants.append(want + PAD_PT)
        widths = _share(usable, needs, wants)
        grid = table._tbl.tblGrid
        for col, width in zip(grid.findall(_qn("w:gridCol")), widths, strict=False):
            col.set(_qn("w:w"), str(round(width * 20)))
        table.autofit = False
        for row in table.rows:
            cells = row.cells
            if len({id(c._tc) for c in cells}) == 1:  # a merged summary row
                cells[0].width = Pt(sum(widths))
                continue
            for cell, width in zip(cells, widths, strict=True):
                cell.width = Pt(width)


def _share(usable: float, needs: list[float], wants: list[float]) -> list[float]:
    """Widths that give each column at least what it needs, the rest as it wants.

    All wishes fit: each gets its wish, and the room left is shared in proportion.
    Needs fit: each gets its need plus a share of the rest in proportion to how
    much more it wants. Not even the needs fit: the widest columns are capped.
    """
    if sum(wants) <= usable:
        extra = usable - sum(wants)
        return [w + extra * w / sum(wants) for w in wants]
    if sum(needs) <= usable:
        room = usable - sum(needs)
        more = [w - n for n, w in zip(needs, wants, strict=True)]
        total = sum(more) or 1.0
        return [n + room * m / total for n, m in zip(needs, more, strict=True)]
    # Not even the needs fit (a very long word): the narrow columns keep what they need
    # and only the widest are capped, at the width that makes the table fit.
    low, high = 0.0, max(needs)
    for _step in range(50):
        cap = (low + high) / 2
        low, high = (cap, high) if sum(min(n, cap) for n in needs) <= usable else (low, cap)
    return [min(n, low) for n in needs]


def _text_width(text: str, bold: bool, size: float) -> float:
    """How wide `text` is set, in points, measured in DejaVu Sans (which comes with
    matplotlib): wider than Calibri, so a column is never too narrow in Word nor in
    LibreOffice, which sets Calibri in a wider stand-in."""
    font = _font(bold)
    if font is None:
        return len(text) * size * CHAR_EM * (1.08 if bold else 1.0)
    return float(font.getlength(text.replace("\u00ad", ""))) / 100 * size


@cache
def _font(bold: bool) -> Any:
    try:
        from matplotlib import get_data_path
        from PIL import ImageFont

        name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
        return ImageFont.truetype(str(Path(get_data_path()) / "fonts" / "ttf" / name), 100)
    except (ImportError, OSError):
        return None


def _unbreakable(text: str) -> list[str]:
    """The pieces a line cannot break inside: words, with no-break spaces holding
    dates and amounts together; a soft hyphen or a hyphen ends a piece."""
    import re

    return [w for w in re.split(r"[ \n\u00ad\u2009-]+", text) if w]


# -------------------------------------------------------------------- sections


def _key_figures(w: Writer, report: Report, t: Words) -> None:
    w.heading(t("key_figures"), 1)
    rows = [
        Row([f.label, "\n".join(f.values)], more="", muted=["", "; ".join(f.details)])
        for f in report.key_figures
    ]
    w.table([Column(t("key_figures")), Column("", bold=True)], rows, header=False)


def _eu_projects(w: Writer, report: Report, t: Words) -> None:
    w.heading(t("eu_projects"), 1)
    w.intro(t("eu_projects_intro"))
    _projects(w, t, report.eu_projects, "none_eu")


def _other_projects(w: Writer, report: Report, t: Words) -> None:
    w.heading(t("other_projects"), 1)
    w.intro(t("other_projects_intro"))
    _projects(w, t, report.other_projects, "none_other")


def _applications(w: Writer, report: Report, t: Words) -> None:
    w.heading(t("applications"), 1)
    w.intro(t("applications_intro"))
    if report.applications:
        _application_table(w, t, report.applications, "col_outcome")
    else:
        w.empty(t("none_applications"))
    if report.earlier_decisions:
        w.heading(t("earlier_decisions"), 2)
        _application_table(w, t, report.earlier_decisions, "col_decision")


def _application_table(
    w: Writer, t: Words, items: Sequence[ApplicationItem], outcome_header: str
) -> None:
    columns = [Column(t("col_project_owner")), Column(t("col_funder")),
               Column(t("col_amount"), numeric=True), Column(t("col_submitted")),
               Column(t(outcome_header))]  # fmt: skip
    rows = [
        Row(
            [t.compounds(a.project), t.compounds(a.funder), _nobreak(a.amount or "–"),
             _nobreak(a.submitted), _nobreak(a.decision)],
            muted=[t.compounds(a.owner), "", "", "", _nobreak(a.decided)],
        )
        for a in items
    ]  # fmt: skip
    w.table(columns, rows)


def _other_work(w: Writer, report: Report, t: Words) -> None:
    w.heading(t("other_work"), 1)
    w.intro(t("other_work_intro"))
    _projects(w, t, report.other_work, "none_other_work")


def _results(w: Writer, report: Report, t: Words) -> None:
    w.heading(t("results"), 1)
    w.intro(t("results_intro"))
    if report.results:
        columns = [Column(t("col_result")), Column(t("col_project")), Column(t("col_date")),
                   Column(t("col_implemented"))]  # fmt: skip
        rows = [
            Row([t.compounds(r.title), t.compounds(r.project), _nobreak(r.date),
                 t("yes") if r.implemented else t("no")])
            for r in report.results
        ]  # fmt: skip
        w.table(columns, rows)
    else:
        w.empty(t("none_results"))


def _area_breakdown(w: Writer, t: Words, breakdown: Breakdown, unassigned: str) -> None:
    for area in breakdown.areas:
        w.heading(area.name, 2)
        if area.description:
            w.intro(area.description)
        if area.projects:
            w.bullets([f"{p.title} {t.aside(p.title, f'{p.kind_label}, {p.owner}, {p.period}')}"
                       for p in area.projects])  # fmt: skip
        else:
            w.empty(t("none_area"))
    if breakdown.unassigned:
        w.heading(t(unassigned), 2)
        w.bullets([f"{p.title} {t.aside(p.title, f'{p.kind_label}, {p.owner}')}"
                   for p in breakdown.unassigned])  # fmt: skip


def _forms(w: Writer, report: Report, t: Words) -> None:
    w.heading(t("forms"), 1)
    w.intro(t("forms_intro"))
    _area_breakdown(w, t, report.forms, "unassigned_forms")


def _goals(w: Writer, report: Report, t: Words) -> None:
    w.heading(t("goals"), 1)
    w.intro(t("goals_intro"))
    _area_breakdown(w, t, report.goals, "unassigned_goals")


def _reach(w: Writer, report: Report, t: Words) -> None:
    w.heading(t("reach"), 1)
    w.intro(t("reach_intro"))
    if report.reach:
        columns = [
            Column(t("col_project")),
            Column(t("col_count"), numeric=True),
            Column(t("col_who")),
            Column(t("col_span")),
            Column(t("col_counted")),
        ]
        rows = [
            Row([t.compounds(p.title) if i == 0 else "", r.count_text,
                 r.who + (f" ({r.unit_label})" if r.unit_label else ""), r.span or "–",
                 t("yes") if r.counted else f"{t('no')} ({_nobreak(r.note)})"])
            for p in report.reach
            for i, r in enumerate(p.reach)
        ]  # fmt: skip
        w.table(columns, rows)
    else:
        w.empty(t("none_reach"))


def _units(w: Writer, report: Report, t: Words) -> None:
    w.heading(t("units"), 1)
    if report.units_intro:
        w.intro(report.units_intro)
    for unit in report.units:
        aside = f" {t.aside(unit.name, unit.type_shown)}" if unit.type_shown else ""
        w.heading(f"{unit.name}{aside}", 2)
        if unit.contact:
            email = f", {unit.contact.email}" if unit.contact.email else ""
            w.paragraph(f"{t('contact')}: {unit.contact.name}{email}")
        else:
            w.document.add_paragraph().add_run(t("no_contact")).bold = True
        if unit.projects or unit.applications or unit.results:
            w.paragraph(
                t("unit_line", projects=len(unit.projects), applications=len(unit.applications),
                  results=len(unit.results))
            )  # fmt: skip
            if unit.projects:
                w.heading(t("unit_projects"), 3)
                w.bullets([
                    f"{p.title} " + t.aside(p.title, f"{p.kind_label}, {p.period}"
                                            + (f", {t('finished')}" if p.finished else ""))
                    for p in unit.projects
                ])  # fmt: skip
            if unit.applications:
                w.heading(t("unit_applications"), 3)
                w.bullets([
                    f"{a.project} " + t.aside(a.project, f"{a.funder}"
                                              + (f", {a.amount}" if a.amount else "")
                                              + f"; {a.decision}")
                    for a in unit.applications
                ])  # fmt: skip
            if unit.results:
                w.heading(t("unit_results"), 3)
                implemented = t("col_implemented").lower()
                w.bullets([
                    f"{r.title} " + t.aside(r.title, r.date
                                            + (f", {implemented}" if r.implemented else ""))
                    for r in unit.results
                ])  # fmt: skip
        else:
            w.empty(t("none_unit"))


def _partners(w: Writer, report: Report, t: Words) -> None:
    w.heading(t("partners"), 1)
    w.intro(t("partners_intro"))
    if report.partners:
        columns = [Column(t("kf_partners")), Column(t("col_country")), Column(t("col_type")),
                   Column(t("col_projects"))]  # fmt: skip
        rows = [
            Row([t.compounds(p.name), p.country, p.type_label,
                 "\n".join(t.compounds(title) for title in p.projects)])
            for p in report.partners
        ]  # fmt: skip
        w.table(columns, rows)
    else:
        w.empty(t("none_partners"))


def _sdgs(w: Writer, report: Report, t: Words) -> None:
    w.heading(t("sdgs"), 1)
    w.intro(t("sdgs_intro"))
    covered = [g for g in report.sdgs if g.count]
    if covered:
        from docx.shared import Cm

        from intstrat.documents.charts import sdg_chart_png

        png = sdg_chart_png(covered, t("col_count"))
        chart = w.picture(
            png,
            Cm(16),
            alt=t("sdg_chart_alt", year=report.year),
            title=t("sdg_chart_caption", year=report.year),
        )
        chart.paragraph_format.keep_with_next = True
        w.table(
            [Column(t("col_goal")), Column(t("col_count"), numeric=True)],
            [Row([f"{g.number}. {g.title}", str(g.count)]) for g in covered],
        )
        uncovered = [str(g.number) for g in report.sdgs if not g.count]
        if uncovered:
            w.empty(t("sdgs_uncovered", goals=t.join(uncovered)))
    else:
        w.empty(t("none_sdgs"))


def _travel(w: Writer, report: Report, t: Words) -> None:
    w.heading(t("travel"), 1)
    w.intro(report.travel.intro)
    travel = report.travel
    if travel.trips:
        w.intro(
            t("trips_line", trips=len(travel.trips), travellers=travel.travellers,
              flights=travel.flights, compensated=travel.compensated,
              uncompensated=travel.uncompensated)
        )  # fmt: skip
        columns = [Column(t("col_date")), Column(t("col_destination")),
                   Column(t("col_travellers"), numeric=True), Column(t("col_flight")),
                   Column(t("col_compensated")), Column(t("col_project"))]  # fmt: skip
        rows = [
            Row([_nobreak(trip.date),
                 trip.destination + (f" ({trip.place})" if trip.place else ""),
                 str(trip.travellers), t("yes") if trip.flight else t("no"),
                 (t("yes") if trip.compensated else t("no")) if trip.flight else "–",
                 t.compounds(trip.project)])
            for trip in travel.trips
        ]  # fmt: skip
        w.table(columns, rows)
    else:
        w.empty(t("none_travel"))


#: One writer per report section, drawn in the order of `Report.sections`.
SECTION_WRITERS: dict[str, Callable[[Writer, Report, Words], None]] = {
    "key_figures": _key_figures,
    "eu_projects": _eu_projects,
    "other_projects": _other_projects,
    "applications": _applications,
    "other_work": _other_work,
    "results": _results,
    "forms": _forms,
    "goals": _goals,
    "reach": _reach,
    "units": _units,
    "partners": _partners,
    "sdgs": _sdgs,
    "travel": _travel,
}


def _projects(w: Writer, t: Words, items: Sequence[ProjectItem], empty: str) -> None:
    if not items:
        w.empty(t(empty))
        return
    columns = [Column(t("col_project_owner"), bold=True), Column(t("col_partners")),
               Column(t("col_period")), Column(t("col_funding"))]  # fmt: skip
    rows = []
    for p in items:
        summary = _plain(p.summary)
        goals = f"{t('show_sdgs')}: {', '.join(str(g.number) for g in p.sdgs)}" if p.sdgs else ""
        rows.append(
            Row(
                [
                    t.compounds(p.title) + (f" ({t('finished')})" if p.finished else ""),
                    "\n".join(t.compounds(partner.label) for partner in p.partners) or "–",
                    p.period,
                    "\n".join(p.funding or p.funders) or "–",
                ],
                more=" · ".join(x for x in (summary, goals) if x),
                muted=[t.compounds(p.owner)],
            )
        )
    w.table(columns, rows)


# -------------------------------------------------------------------- helpers


def _plain(markdown: str) -> str:
    """A record's Markdown as plain text: its words, without markup."""
    if not markdown:
        return ""
    from intstrat.documents.mdtext import parser

    paragraphs = []
    for token in parser().parse(markdown):
        if token.type == "inline":
            parts = []
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" ")
            paragraphs.append("".join(parts).strip())
    return " ".join(p for p in paragraphs if p)


def _nobreak(text: str) -> str:
    return text.replace(" ", "\u00a0")


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


def _child(parent: Any, tag: str) -> Any:
    """`parent`'s child `tag`, made if missing."""
    found = parent.find(_qn(tag))
    if found is None:
        found = parent.makeelement(_qn(tag), {})
        parent.append(found)
    return found


def _set_lang(element: Any, tag: str) -> None:
    element.set(_qn("w:val"), tag)
    if element.get(_qn("w:eastAsia")) is None:
        element.set(_qn("w:eastAsia"), tag)


def _is_empty(part: Any) -> bool:
    """A header or footer with no text and no field of its own (or linked to none)."""
    if part.is_linked_to_previous:
        return True
    xml = part._element.xml
    return (
        not any(p.text.strip() for p in part.paragraphs)
        and "fldSimple" not in xml
        and ("instrText" not in xml)
    )


def _field(paragraph: Any, instruction: str, shown: str) -> None:
    """A field (PAGE, NUMPAGES) that Word and LibreOffice fill in on every page."""
    from docx.shared import Pt, RGBColor

    simple = paragraph._p.makeelement(_qn("w:fldSimple"), {_qn("w:instr"): f" {instruction} "})
    run = paragraph.add_run(shown)
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor.from_string(MUTED)
    simple.append(run._r)
    paragraph._p.append(simple)


def _row_properties(row: Any, *, header: bool = False) -> None:
    """The row never splits across pages; a header row repeats on every page."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(_qn("w:cantSplit")) is None:
        later = ("w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden")
        _insert_before(tr_pr, tr_pr.makeelement(_qn("w:cantSplit"), {}), later)
    if header and tr_pr.find(_qn("w:tblHeader")) is None:
        _insert_before(tr_pr, tr_pr.makeelement(_qn("w:tblHeader"), {}),
                       ("w:tblCellSpacing", "w:jc", "w:hidden"))  # fmt: skip


#: The room between a table and the paragraph under it, in points.
AFTER_TABLE_PT = 10.0


def _room_after_tables(document: Any) -> None:
    """Room under each table, given to the paragraph that follows it.

    Not as an empty paragraph after the table, the usual way: with one between a
    table and the next section, LibreOffice left a heading (with its intro and first
    sub-heading) at the foot of a page though each keeps with the next (the example
    summaries of 2023 and 2024); without it, it keeps them with what follows. Word
    needs a paragraph between two tables (else it joins them) and after a table that
    ends the document, so only there is one added.
    """
    from docx.shared import Pt
    from docx.text.paragraph import Paragraph

    room = Pt(AFTER_TABLE_PT)
    body = document.element.body
    for table in body.iterchildren(_qn("w:tbl")):
        after = table.getnext()
        if after is None or after.tag != _qn("w:p"):
            spacer = table.makeelement(_qn("w:p"), {})
            table.addnext(spacer)
            Paragraph(spacer, document.part).paragraph_format.space_after = Pt(4)
            continue
        paragraph = Paragraph(after, document.part)
        if _space_before(paragraph) < room:
            paragraph.paragraph_format.space_before = room


def _space_before(paragraph: Any) -> int:
    """The room above a paragraph: its own, else its style's (or a style it is based on)."""
    if paragraph.paragraph_format.space_before is not None:
        return int(paragraph.paragraph_format.space_before)
    style = paragraph.style
    while style is not None:
        if style.paragraph_format.space_before is not None:
            return int(style.paragraph_format.space_before)
        style = style.base_style
    return 0


def _keep_with_next(row: Any) -> None:
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True


def _look(table: Any) -> None:
    """The table style's header row, but not its first-column emphasis or banding."""
    tbl_pr = table._tbl.tblPr
    look = tbl_pr.find(_qn("w:tblLook"))
    if look is None:
        look = tbl_pr.makeelement(_qn("w:tblLook"), {})
        _insert_before(tbl_pr, look, ("w:tblCaption", "w:tblDescription"))
    for name, value in (("firstRow", "1"), ("lastRow", "0"), ("firstColumn", "0"),
                        ("lastColumn", "0"), ("noHBand", "1"), ("noVBand", "1")):  # fmt: skip
        look.set(_qn(f"w:{name}"), value)
    look.set(_qn("w:val"), "0420")


def _house_borders(table: Any) -> None:
    """Rules between rows only, as in the HTML report."""
    tbl_pr = table._tbl.tblPr
    borders = tbl_pr.find(_qn("w:tblBorders"))
    if borders is not None:
        tbl_pr.remove(borders)
    borders = tbl_pr.makeelement(_qn("w:tblBorders"), {})
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = side in ("bottom", "insideH")
        borders.append(
            borders.makeelement(
                _qn(f"w:{side}"),
                {
                    _qn("w:val"): "single" if line else "nil",
                    _qn("w:sz"): "4",
                    _qn("w:space"): "0",
                    _qn("w:color"): LINE,
                },
            )
        )
    _insert_before(tbl_pr, borders, ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                                     "w:tblCaption", "w:tblDescription"))  # fmt: skip


def _insert_before(parent: Any, element: Any, successors: Sequence[str]) -> None:
    """Insert `element` where the schema's order puts it: before its first successor
    present (Word refuses a document whose properties are out of order)."""
    for tag in successors:
        found = parent.find(_qn(tag))
        if found is not None:
            found.addprevious(element)
            return
    parent.append(element)


def _shade(cell: Any, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shade = tc_pr.makeelement(_qn("w:shd"), {_qn("w:val"): "clear", _qn("w:fill"): fill})
    _insert_before(tc_pr, shade, ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText",
                                  "w:vAlign", "w:hideMark"))  # fmt: skip


def _no_border(cell: Any, side: str) -> None:
    """No rule between a record's row and its summary line: they read as one."""
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = tc_pr.makeelement(_qn("w:tcBorders"), {})
    borders.append(borders.makeelement(_qn(f"w:{side}"), {_qn("w:val"): "nil"}))
    _insert_before(tc_pr, borders, ("w:shd", "w:noWrap", "w:tcMar", "w:textDirection",
                                    "w:tcFitText", "w:vAlign", "w:hideMark"))  # fmt: skip


def _style(document: Any, names: Sequence[str]) -> Any:
    """The first style of `names` the document has: a municipality's template may lack some."""
    available = {s.name for s in document.styles}
    for name in names:
        if name in available:
            return document.styles[name]
    return None

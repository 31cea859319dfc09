"""Rendered documents: sections in order, figures, escaping, templates, every format."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from jinja2.sandbox import unsafe

from intstrat.documents.render import render, render_text
from intstrat.documents.report import Report, build_report
from intstrat.formats import DocumentFormat as Format
from intstrat.loading.repository import load_repository
from tests.reporting import report_repo

SECTIONS_SV = [
    "Nyckeltal",
    "EU-projekt",
    "Andra internationella projekt och förstudier",
    "Inlämnade ansökningar",
    "Övrigt internationellt arbete",
    "Resultat",
    "Räckvidd",
    "Per förvaltning och bolag",
    "Samarbetspartner",
    "Globala målen (Agenda 2030)",
    "Resor och klimatkompensation",
]
SECTIONS_EN = [
    "Key figures",
    "EU projects",
    "Other international projects and pre-studies",
    "Applications submitted",
    "Other international work",
    "Results",
    "Reach",
    "By department and company",
    "Partners",
    "Sustainable Development Goals (Agenda 2030)",
    "Travel and climate compensation",
]


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return report_repo(tmp_path_factory.mktemp("render"))


def build(root: Path, year: int = 2023, lang: str | None = None) -> Report:
    return build_report(load_repository(root), year, lang, today=dt.date(2024, 2, 1))  # type: ignore[arg-type]


def section(markdown: str, heading: str) -> str:
    """The text of one `## heading` section of a Markdown document."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", markdown, re.M | re.S)
    assert match, heading
    return match.group(1)


def test_markdown_sections_in_order(root: Path) -> None:
    md = render_text(build(root), Format.MD, root)
    assert re.findall(r"^## (.+)$", md, re.M) == SECTIONS_SV
    assert md.startswith("# Internationellt arbete 2023\n\nTestby kommun · Årlig sammanställning")


def test_markdown_puts_each_project_in_its_section(root: Path) -> None:
    md = render_text(build(root), Format.MD, root)
    eu = section(md, "EU-projekt")
    assert (
        "| Gröna kompetenser | Utbildningsförvaltningen | JB Marks Local Municipality (Sydafrika) | september\xa02022\xa0– 2030 | Erasmus+ 250\xa0000\xa0€ |"
        in eu
    )
    assert "januari" not in eu
    other = section(md, "Andra internationella projekt och förstudier")
    assert (
        "| Projekt som slutade i januari (avslutades under året) | Omsorgsförvaltningen | Komuna Vushtrri (Kosovo) | mars\xa02021\xa0– januari\xa02023 | ICLD 500\xa0000\xa0kr |"
        in other
    )
    assert "Gröna kompetenser" not in other
    assert "Gammalt projekt" not in md
    applications = section(md, "Inlämnade ansökningar")
    assert (
        "| Beviljad året efter | Utbildningsförvaltningen | ICLD | 700\xa0000\xa0kr | 15 november 2023 | beviljad 20 januari 2024 |"
        in applications
    )
    assert (
        "| Ansökan som väntar | Utbildningsförvaltningen | Erasmus+ | 90\xa0000\xa0€ | 31 oktober 2023 | väntar på beslut |"
        in applications
    )
    results = section(md, "Resultat")
    assert results.index("Ny kursmodul") < results.index("Ny rutin i hemtjänsten")
    travel = section(md, "Resor och klimatkompensation")
    assert (
        "Resor: 2 · resenärer: 5 · med flyg: 2, varav klimatkompenserade: 1, inte kompenserade: 1"
        in travel
    )


def test_markdown_table_cells_escape_pipes(root: Path) -> None:
    md = render_text(build(root), Format.MD, root)
    assert "Skript \\| pipe" in md


def test_empty_sections_say_so(root: Path) -> None:
    md = render_text(build(root, 2005), Format.MD, root)
    for heading, sentence in [
        ("EU-projekt", "Inga EU-projekt pågick under året."),
        ("Inlämnade ansökningar", "Inga ansökningar lämnades in under året."),
        (
            "Övrigt internationellt arbete",
            "Inget övrigt internationellt arbete rapporterades för året.",
        ),
        ("Resultat", "Inga resultat rapporterades för året."),
        ("Samarbetspartner", "Inga partner var aktiva under året."),
        (
            "Globala målen (Agenda 2030)",
            "Inga projekt under året är kopplade till de globala målen.",
        ),
        ("Resor och klimatkompensation", "Inga resor rapporterades för året."),
    ]:
        assert sentence in section(md, heading)
    assert re.findall(r"^## (.+)$", md, re.M) == SECTIONS_SV


def test_english_markdown(root: Path) -> None:
    md = render_text(build(root, lang="en"), Format.MD, root)
    assert re.findall(r"^## (.+)$", md, re.M) == SECTIONS_EN
    assert (
        "| Green skills | Department of Education | JB Marks Local Municipality (South Africa) |"
        in md
    )
    assert "€250,000" in md


def test_html_is_standalone_and_escapes_record_text(root: Path) -> None:
    html = render_text(build(root), Format.HTML, root)
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="sv">' in html
    assert re.findall(r"<h2>(.+?)</h2>", html) == [s.replace("&", "&amp;") for s in SECTIONS_SV]
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Skript | pipe" in html
    # Markdown in a summary becomes markup; raw HTML in it stays text.
    assert "Kurser om <strong>klimat</strong>." in html
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "no external resources"


def test_html_chart_is_a_table_of_the_named_goals_in_official_colours(root: Path) -> None:
    html = render_text(build(root), Format.HTML, root)
    chart = re.search(r'<table class="bars">.*?</table>', html, re.S)
    assert chart is not None
    rows = re.findall(r'<th scope="row" class="name">(\d+)\. ', chart.group(0))
    # Only the goals the year's work names, in goal order; not 17 rows for three bars.
    assert rows == ["4", "13", "17"]
    assert "background: #c5192d" in chart.group(0).lower()  # SDG 4 in its own colour
    assert "<caption>Antal projekt och aktiviteter 2023 per globalt mål</caption>" in html
    assert (
        "Mål som årets arbete inte berör: 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15 och 16."
        in html
    )
    assert "<svg" not in html  # the built-in template draws no SVG, so needs no matplotlib


def test_a_template_may_still_print_the_svg_chart_sized_to_its_goals(tmp_path: Path) -> None:
    own = report_repo(tmp_path)
    (own / "templates").mkdir()
    (own / "templates" / "report.html.j2").write_text("{{ sdg_chart }}", encoding="utf-8")
    svg = render_text(build(own), Format.HTML, own)
    assert svg.startswith(
        '<svg role="img" aria-label="Stapeldiagram: antal projekt per globalt mål 2023"'
    )
    labels = re.findall(r"<!-- (\d+)\. ", svg)  # matplotlib writes each tick label as a comment
    assert labels == ["4", "13", "17"]


def test_repository_template_overrides_the_built_in(root: Path, tmp_path: Path) -> None:
    own = report_repo(tmp_path)
    (own / "templates").mkdir()
    (own / "templates" / "report.md.j2").write_text(
        "Vår rapport {{ report.year }}: {{ report.eu_projects | map(attribute='title') | join(', ') }}\n",
        encoding="utf-8",
    )
    assert render_text(build(own), Format.MD, own) == "Vår rapport 2023: Gröna kompetenser\n"


def test_repository_template_can_extend_the_built_in(tmp_path: Path) -> None:
    own = report_repo(tmp_path)
    (own / "templates").mkdir()
    (own / "templates" / "report.html.j2").write_text(
        '{% extends "default:report.html.j2" %}'
        "{% block cover %}<h1>Testby internationellt {{ report.year }}</h1>{% endblock %}",
        encoding="utf-8",
    )
    html = render_text(build(own), Format.HTML, own)
    assert "<h1>Testby internationellt 2023</h1>" in html
    assert "<h2>EU-projekt</h2>" in html
    assert "Årlig sammanställning" not in html


def test_named_template(tmp_path: Path) -> None:
    own = report_repo(tmp_path)
    (own / "templates").mkdir()
    (own / "templates" / "kort.md.j2").write_text("{{ report.title }}\n", encoding="utf-8")
    assert render_text(build(own), Format.MD, own, "kort.md.j2") == "Internationellt arbete 2023\n"


@pytest.mark.parametrize(
    ("fmt", "name", "suffix"),
    [
        (Format.HTML, "kort.j2", ".html.j2"),  # would not be autoescaped: markup from data
        (Format.PDF, "report.css", ".html.j2"),
        (Format.MD, "kort.html.j2", ".md.j2"),
    ],
)
def test_a_template_must_be_named_for_its_format(
    tmp_path: Path, fmt: Format, name: str, suffix: str
) -> None:
    from intstrat.errors import UsageError

    own = report_repo(tmp_path)
    (own / "templates").mkdir()
    (own / "templates" / name).write_text("{{ report.title }}\n", encoding="utf-8")
    with pytest.raises(UsageError) as refused:
        render(build(own), fmt, own, name)
    assert str(refused.value) == (
        f"--template {name}: with --format {fmt.value} the template is named *{suffix} "
        "(see https://github.com/intstrat/intstrat/blob/main/docs/templates.md)"
    )


def test_a_word_template_must_be_a_word_file(tmp_path: Path) -> None:
    from intstrat.errors import UsageError

    own = report_repo(tmp_path)
    (own / "templates").mkdir()
    (own / "templates" / "report.html.j2").write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match="takes its styles from a Word file"):
        render(build(own), Format.DOCX, own, "report.html.j2")


def test_pdf_has_pages_headings_and_figures(root: Path) -> None:
    from pypdf import PdfReader

    pdf = render(build(root), Format.PDF, root)
    assert isinstance(pdf, bytes)
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = re.sub(r"\s+", " ", text)
    for heading in SECTIONS_SV:
        assert heading in flat
    assert "Gröna kompetenser" in flat
    assert "150 000 kr" in flat
    assert f"1 / {len(reader.pages)}" in flat  # page numbers
    assert "Testby kommun" in reader.pages[1].extract_text()  # running header


def _structure_roles(node: object, found: set[str]) -> set[str]:
    """The roles (/S) of a PDF's structure tree: H1, Table, TH, Caption ..."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    if isinstance(node, IndirectObject):
        node = node.get_object()
    if isinstance(node, ArrayObject):
        for kid in node:
            _structure_roles(kid, found)
    elif isinstance(node, DictionaryObject):
        if "/S" in node:
            found.add(str(node["/S"]))
        if "/K" in node:
            _structure_roles(node["/K"], found)
    return found


@pytest.mark.parametrize(
    ("lang", "title"),
    [("sv", "Internationellt arbete 2023 – Testby kommun"),
     ("en", "International work 2023 – Testby kommun")],
)  # fmt: skip
def test_pdf_is_tagged_with_its_language_and_title(root: Path, lang: str, title: str) -> None:
    """PDF/UA: a structure tree a screen reader follows, the language, the title shown."""
    from pypdf import PdfReader

    pdf = render(build(root, lang=lang), Format.PDF, root)
    assert isinstance(pdf, bytes)
    reader = PdfReader(io.BytesIO(pdf))
    catalog: Any = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == lang
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata is not None and reader.metadata.title == title
    assert b'pdfuaid:part="1"' in catalog["/Metadata"].get_object().get_data()  # PDF/UA-1
    roles = _structure_roles(catalog["/StructTreeRoot"], set())
    assert {"/H1", "/H2", "/Table", "/THead", "/TH", "/TD", "/Caption", "/L", "/LI"} <= roles


def test_docx_has_real_headings_tables_and_the_chart(root: Path) -> None:
    from docx import Document

    data = render(build(root, lang="en"), Format.DOCX, root)
    assert isinstance(data, bytes)
    document = Document(io.BytesIO(data))
    styles = [(p.style.name if p.style else "", p.text) for p in document.paragraphs]
    assert [text for style, text in styles if style == "Heading 1"] == SECTIONS_EN
    assert styles[0] == ("Title", "International work 2023")
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    # A project's title with its owner on a line under it, its summary in a row of its own.
    assert "Green skills\nDepartment of Education" in cells
    assert "Erasmus+ €250,000" in cells
    # Markdown as plain text: no markup, and the text that looked like HTML stays text.
    assert "Kurser om klimat. <img src=x onerror=alert(1)> · SDGs: 4, 13" in cells
    assert len(document.inline_shapes) == 1  # the SDG chart
    chart = document.inline_shapes[0]._inline.docPr
    assert (
        chart.get("descr") == "Bar chart: number of projects per Sustainable Development Goal 2023"
    )


def _docx(root: Path, lang: str = "sv", template: str | None = None) -> Any:
    from docx import Document

    data = render(build(root, lang=lang), Format.DOCX, root, template)
    assert isinstance(data, bytes)
    return Document(io.BytesIO(data))


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.mark.parametrize(("lang", "tag"), [("sv", "sv-SE"), ("en", "en-GB")])
def test_docx_is_a4_in_the_documents_language(root: Path, lang: str, tag: str) -> None:
    """Word checks the spelling of Swedish as Swedish, and prints on A4."""
    document = _docx(root, lang)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == round(section.right_margin.mm) == 20
    defaults = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert defaults.get(f"{W}val") == tag
    assert {e.get(f"{W}val") for e in document.styles.element.iter(f"{W}lang")} == {tag}
    assert document.core_properties.language == tag
    # The template's "spelling checked and clean" would stop Word checking the new text.
    assert document.settings.element.find(f"{W}proofState") is None


def test_docx_tables_repeat_their_header_and_keep_rows_whole(root: Path) -> None:
    document = _docx(root)
    tables = document.tables
    assert len(tables) >= 6
    for table in tables:
        rows = table._tbl.findall(f"{W}tr")
        assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
        look = table._tbl.tblPr.find(f"{W}tblLook")
        assert look.get(f"{W}firstColumn") == "0"  # the first column is not all bold
    with_header = [t for t in tables if t.rows[0].cells[0].text == "Projekt och ansvarig"]
    assert len(with_header) == 4  # EU, other projects, applications, other work
    for table in with_header:
        rows = table._tbl.findall(f"{W}tr")
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
        assert all(r.find(f"{W}trPr/{W}tblHeader") is None for r in rows[1:])


def test_docx_columns_are_sized_by_content_and_numbers_align_right(root: Path) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = _docx(root)
    section = document.sections[0]
    usable = section.page_width - section.left_margin - section.right_margin
    applications = next(
        t for t in document.tables if len(t.columns) == 5 and t.rows[0].cells[2].text == "Belopp"
    )
    grid = [int(c.get(f"{W}w")) * 635 for c in applications._tbl.tblGrid.findall(f"{W}gridCol")]
    assert sum(grid) <= usable + 635  # (twips to EMU) fits the page
    widths = dict(zip([c.text for c in applications.rows[0].cells], grid, strict=True))
    # The project column is the widest; the amount column is as wide as "4 500 000 kr"
    # needs, not a fifth of the page.
    assert max(widths, key=lambda k: widths[k]) == "Projekt och ansvarig"
    assert widths["Belopp"] < usable / 5
    for row in applications.rows:
        assert row.cells[2].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    amounts = [row.cells[2].text for row in applications.rows[1:]]
    assert "700\xa0000\xa0kr" in amounts and "–" in amounts  # an amount never breaks


def test_docx_keeps_a_heading_its_intro_and_its_tables_first_rows_together(
    root: Path,
) -> None:
    """Heading, intro and the table's first rows keep with the next, with nothing in
    between, and no empty paragraph after a table: one stood between the table and
    the next section's heading, and LibreOffice left that heading alone at the foot of
    the page (2023 p. 4 'Strategiska områden', 2024 p. 3 'Former för internationellt
    arbete' with its intro and 'Extern finansiering')."""
    from docx.text.paragraph import Paragraph

    def style(paragraph: Any) -> str:
        return str(paragraph.style.name) if paragraph.style else ""

    document = _docx(root)
    body = [e for e in document.element.body if e.tag in (f"{W}p", f"{W}tbl")]
    headings = 0
    for index, element in enumerate(body):
        if element.tag == f"{W}tbl":
            if index + 2 == len(body):
                continue  # the document's last table: Word wants a paragraph after it
            after = Paragraph(body[index + 1], document.part)
            assert after.text.strip()  # not an empty spacer
            if not style(after).startswith("Heading"):
                assert after.paragraph_format.space_before.pt >= 10
            continue
        heading = Paragraph(element, document.part)
        if not style(heading).startswith("Heading"):
            continue
        headings += 1
        assert heading.paragraph_format.keep_with_next, heading.text
        rest = body[index + 1 :]
        if rest and rest[0].tag == f"{W}p":  # an intro, kept with its table
            intro = Paragraph(rest[0], document.part)
            if style(intro).startswith("Heading") or not intro.text.strip():
                continue
            if rest[1:] and rest[1].tag == f"{W}tbl":
                assert intro.paragraph_format.keep_with_next, intro.text
            rest = rest[1:]
        if rest and rest[0].tag == f"{W}tbl":
            # The header row, and the first record unless it is the only one.
            rows = rest[0].findall(f"{W}tr")
            header = [r for r in rows if r.find(f"{W}trPr/{W}tblHeader") is not None]
            records = rows[len(header) :]
            for row in header + records[: 1 if len(records) > 1 else 0]:
                assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in row.iter(f"{W}p"))
    assert headings >= len(SECTIONS_SV)


def test_docx_keeps_an_areas_description_with_its_heading_and_work(tmp_path: Path) -> None:
    from tests.followups import followup_repo

    own = followup_repo(tmp_path)
    config = (own / "intstrat.yaml").read_text(encoding="utf-8")
    described = "{id: tillvaxt, name: Tillväxt, description: Fler jobb i Sjöby.}"
    (own / "intstrat.yaml").write_text(
        config.replace("{id: tillvaxt, name: Tillväxt}", described), encoding="utf-8"
    )
    data = render(build(own), Format.DOCX, own)
    assert isinstance(data, bytes)
    paragraphs = _package(data).paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == "Tillväxt")
    heading, description = paragraphs[start : start + 2]
    assert description.text == "Fler jobb i Sjöby."
    assert heading.paragraph_format.keep_with_next and description.paragraph_format.keep_with_next


def test_docx_puts_the_chart_in_the_paragraph_of_its_intro(root: Path) -> None:
    """LibreOffice kept no paragraph with a next one holding only a picture: it left the
    heading and intro of the SDGs at the foot of a page and the chart on the next. In
    one paragraph that stays together, under a heading kept with it, they cannot part."""
    from docx.text.paragraph import Paragraph

    document = _docx(root)
    chart = document.inline_shapes[0]._inline
    paragraph = Paragraph(chart.getparent().getparent().getparent(), document.part)
    assert (
        paragraph.text
        == "Antal projekt och aktiviteter under året som bidrar till respektive mål.\n"
    )
    assert paragraph.paragraph_format.keep_together
    assert paragraph.paragraph_format.keep_with_next  # and with the table under it
    heading = Paragraph(paragraph._p.getprevious(), document.part)
    assert heading.text == "Globala målen (Agenda 2030)"
    assert heading.paragraph_format.keep_with_next
    assert paragraph._p.getnext().tag == f"{W}tbl"
    assert chart.docPr.get("descr") == "Stapeldiagram: antal projekt per globalt mål 2023"


def test_word_gives_the_room_under_a_table_to_the_next_paragraph() -> None:
    """An empty paragraph is left only where Word needs one: between two tables, which
    it would otherwise join, and after a table that ends the document."""
    from docx import Document
    from docx.shared import Pt

    from intstrat.documents.word import _room_after_tables

    document = Document()
    document.add_table(rows=1, cols=1)
    document.add_table(rows=1, cols=1)
    document.add_paragraph("Not")
    document.add_table(rows=1, cols=1)
    document.add_heading("Rubrik", 2)
    document.add_table(rows=1, cols=1)
    _room_after_tables(document)
    body = [e for e in document.element.body if e.tag != f"{W}sectPr"]
    tags = [e.tag.removeprefix(W) for e in body]
    assert tags == ["tbl", "p", "tbl", "p", "tbl", "p", "tbl", "p"]
    texts = ["".join(t.text for t in e.iter(f"{W}t")) for e in body if e.tag == f"{W}p"]
    assert texts == ["", "Not", "Rubrik", ""]
    note = document.paragraphs[1]
    assert note.paragraph_format.space_before == Pt(10)
    heading = document.paragraphs[2]
    assert heading.paragraph_format.space_before is None  # its style's room is larger


def test_docx_has_page_numbers_and_a_running_header(root: Path) -> None:
    document = _docx(root)
    section = document.sections[0]
    assert section.different_first_page_header_footer  # the title page has no header
    assert section.header.paragraphs[0].text == "Testby kommun\tInternationellt arbete 2023"
    for footer in (section.footer, section.first_page_footer):
        fields = [f.get(f"{W}instr").strip() for f in footer._element.iter(f"{W}fldSimple")]
        assert fields == ["PAGE", "NUMPAGES"]
        shown = "".join(t.text for t in footer._element.iter(f"{W}t"))
        assert shown == "Sida 1 av 1"  # Word and LibreOffice fill in the numbers


def test_docx_uses_a_municipal_template(root: Path, tmp_path: Path) -> None:
    """The municipality's template keeps its page, styles, header and footer."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Mm

    template = Document()
    template.add_paragraph("Mall från kommunen")
    template.styles.add_style("Kommunens brödtext", WD_STYLE_TYPE.PARAGRAPH)
    section = template.sections[0]
    section.page_width, section.page_height = Mm(216), Mm(279)  # its own paper
    section.header.paragraphs[0].text = "Testby kommun – kommunledningsförvaltningen"
    section.footer.paragraphs[0].text = "Diarienummer KS 2024/17"
    path = tmp_path / "mall.docx"
    template.save(str(path))
    document = _docx(root, template=str(path))
    assert document.paragraphs[0].text == "Mall från kommunen"
    assert any(p.text == "EU-projekt" for p in document.paragraphs)
    assert "Kommunens brödtext" in {s.name for s in document.styles}
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (216, 279)
    assert section.header.paragraphs[0].text == "Testby kommun – kommunledningsförvaltningen"
    assert [p.text for p in section.footer.paragraphs] == ["Diarienummer KS 2024/17"]
    assert not list(section.footer._element.iter(f"{W}fldSimple"))
    # Its tables still repeat their header rows; the text is still marked as Swedish.
    header_rows = document.element.body.findall(f".//{W}tr/{W}trPr/{W}tblHeader")
    assert header_rows
    lang = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}val") == "sv-SE"


def test_docx_properties_are_the_documents_own(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """File → Properties names this document and the organisation, not python-docx's
    template (created 2013-12-23, "generated by python-docx") nor anyone else."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    data = render(build(root), Format.DOCX, root)
    assert isinstance(data, bytes)
    after = dt.datetime.now(dt.UTC)
    core = _package(data).core_properties
    assert core.title == "Internationellt arbete 2023 – Testby kommun"
    assert core.author == core.last_modified_by == "Testby kommun"
    assert core.language == "sv-SE"
    assert core.comments == core.keywords == core.subject == core.category == ""
    assert core.created == core.modified
    assert before <= core.created <= after
    assert core.last_printed is None
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "docProps/thumbnail.jpeg" not in names  # the template's picture of a blank page
    assert b"python-docx" not in zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml")


def test_docx_made_twice_with_source_date_epoch_is_the_same_file(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the PDF: the same data gives the same bytes, and a reproducible build fixes the
    one moment the file records (its created and modified, its members' dates)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    first = render(build(root), Format.DOCX, root)
    second = render(build(root), Format.DOCX, root)
    assert isinstance(first, bytes)
    assert first == second
    core = _package(first).core_properties
    assert core.created == core.modified == dt.datetime(2026, 5, 28, 20, 26, 40, tzinfo=dt.UTC)
    members = zipfile.ZipFile(io.BytesIO(first)).infolist()
    assert {m.date_time for m in members} == {(2026, 5, 28, 20, 26, 40)}


def test_docx_keeps_no_property_of_a_municipal_template(root: Path, tmp_path: Path) -> None:
    """Another municipality's template, or last year's report as a template: its title,
    author, comments, company, custom properties and thumbnail describe that file."""
    from docx import Document

    template = Document()
    template.add_paragraph("Mall från kommunen")
    core = template.core_properties
    core.title, core.subject, core.author = "Årsredovisning 2022", "Budget", "Anna Ek"
    core.last_modified_by, core.comments = "Bo Lund, Sjöby kommun", "Mall version 3"
    core.keywords, core.category, core.content_status = "ekonomi", "Rapport", "Utkast"
    core.created = core.modified = core.last_printed = dt.datetime(2019, 3, 1, 9, 0)
    path = tmp_path / "mall.docx"
    template.save(str(path))
    _add_foreign_package_properties(path)
    data = render(build(root), Format.DOCX, root, str(path))
    assert isinstance(data, bytes)
    core = _package(data).core_properties
    assert core.title == "Internationellt arbete 2023 – Testby kommun"
    assert core.author == core.last_modified_by == "Testby kommun"
    assert core.subject == core.comments == core.keywords == core.category == ""
    assert core.content_status == ""
    assert core.created is not None and core.created.year > 2019
    assert core.last_printed is None
    package = zipfile.ZipFile(io.BytesIO(data))
    app = package.read("docProps/app.xml").decode()
    assert "<Company>Testby kommun</Company>" in app
    assert "Sjöby" not in app and "Karin" not in app and "Årsredovisning" not in app
    assert "docProps/custom.xml" not in package.namelist()
    assert b"KS 2019/4" not in b"".join(package.read(n) for n in package.namelist())


def _package(data: bytes) -> Any:
    from docx import Document

    return Document(io.BytesIO(data))


def _add_foreign_package_properties(path: Path) -> None:
    """What Word keeps in a real template: the company and manager in app.xml, the
    title list, and custom properties (a record number)."""
    custom = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
        '2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" '
        'pid="2" name="Diarienummer"><vt:lpwstr>KS 2019/4</vt:lpwstr></property></Properties>'
    )
    source = zipfile.ZipFile(path)
    members = {name: source.read(name) for name in source.namelist()}
    source.close()
    app = members["docProps/app.xml"].decode()
    app = app.replace("<Company/>", "<Company>Sjöby kommun</Company>")
    app = app.replace("<Manager/>", "<Manager>Karin Berg</Manager>")
    app = app.replace("<vt:lpstr/>", "<vt:lpstr>Årsredovisning 2022</vt:lpstr>")
    members["docProps/app.xml"] = app.encode()
    members["docProps/custom.xml"] = custom.encode()
    rels = members["_rels/.rels"].decode()
    members["_rels/.rels"] = rels.replace(
        "</Relationships>",
        '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>',
    ).encode()
    types = members["[Content_Types].xml"].decode()
    members["[Content_Types].xml"] = types.replace(
        "</Types>",
        '<Override PartName="/docProps/custom.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, blob in members.items():
            target.writestr(name, blob)


def test_markdown_images_in_records_are_not_rendered() -> None:
    from intstrat.documents.render import markdown_to_html

    html = markdown_to_html("Se ![karta](file:///etc/hostname) och ![x](http://example.com/x.png)")
    assert "<img" not in html


def test_pdf_fetches_only_files_inside_the_repository(tmp_path: Path) -> None:
    from intstrat.documents.render import _local_fetcher

    (tmp_path / "logo.svg").write_text(
        "<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8"
    )
    fetcher = _local_fetcher(tmp_path)
    response = fetcher.fetch((tmp_path / "logo.svg").as_uri())
    assert response.read().startswith(b"<svg")
    response.close()
    with pytest.raises(ValueError, match="only files in the repository"):
        fetcher.fetch("file:///etc/hostname")
    with pytest.raises(ValueError, match="only files in the repository"):
        fetcher.fetch("http://example.com/x.png")


def test_pdf_fetcher_refuses_links_out_of_the_repository(tmp_path: Path) -> None:
    from intstrat.documents.render import _local_fetcher

    root = tmp_path / "repo"
    root.mkdir()
    secret = tmp_path / "secret.svg"
    secret.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    (root / "logo.svg").symlink_to(secret)
    (root / "loop.svg").symlink_to("loop.svg")
    fetcher = _local_fetcher(root)
    for name in ("logo.svg", "loop.svg", "missing.svg"):
        with pytest.raises(ValueError, match="only files in the repository"):
            fetcher.fetch((root / name).as_uri())


ATTACK = '{{ cycler.__init__.__globals__.os.popen("touch PWNED").read() }}'


def own_template(tmp_path: Path, text: str, name: str = "report.md.j2") -> Path:
    own = report_repo(tmp_path)
    (own / "templates").mkdir(exist_ok=True)
    (own / "templates" / name).write_text(text, encoding="utf-8")
    return own


@pytest.mark.parametrize(
    "attack",
    [
        ATTACK,
        "{{ report.__class__.__mro__[1].__subclasses__() }}",
        "{{ t.__call__.__globals__ }}",
        "{{ ''.__class__.__base__.__subclasses__() }}",
        "{{ lipsum.__globals__['os'].popen('touch PWNED') }}",
        "{% set x = report.sections.append('y') %}",
        "{{ '{0.__class__.__mro__}'.format(report) }}",
        "{{ '{r.__class__}'.format_map({'r': report}) }}",
        "{{ ('{0.__init__.__globals__}' | safe).format(t) }}",
    ],
)
def test_templates_run_in_a_sandbox(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, attack: str
) -> None:
    from intstrat.documents.render import TemplateFailed

    own = own_template(tmp_path, "# {{ report.title }}\n\n" + attack + "\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(TemplateFailed) as info:
        render_text(build(own), Format.MD, own)
    assert str(info.value).startswith("template templates/report.md.j2:3: ")
    # The guide by its address: a data repository has no docs/ of its own.
    assert "https://github.com/intstrat/intstrat/blob/main/docs/templates.md" in str(info.value)
    assert not (tmp_path / "PWNED").exists()


def test_the_sandboxs_commonest_refusal_is_said_in_the_users_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from intstrat.documents.render import TemplateFailed
    from intstrat.i18n import language

    own = own_template(tmp_path, "# x\n{{ ''.__class__ }}\n")
    monkeypatch.chdir(tmp_path)
    with language("sv"), pytest.raises(TemplateFailed) as info:
        render_text(build(own), Format.MD, own)
    said = str(info.value)
    assert "försökte göra något som mallar inte får (läsa '__class__' av ett str-värde)" in said
    assert "is unsafe" not in said


def test_the_sandbox_attack_through_the_cli_exits_2_and_runs_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from intstrat.cli import app

    own = own_template(
        tmp_path,
        '{% extends "default:report.md.j2" %}\n{% block key_figures %}\n'
        + ATTACK
        + "\n{% endblock %}\n",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["report", "2023", "--repo", str(own)])
    assert result.exit_code == 2, result.output
    assert "template templates/report.md.j2:3: the template tried something templates may" in (
        result.output
    )
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# x\n\n{{ report.nope }}\n", ":3: there is no 'nope' in Report; the names a"),
        ("# x\n{{ {}['a'] }}\n", ":2: there is no 'a' in dict"),
        ("# x\n{{ [1, 2][5] }}\n", ":2: there is no element 5 in list"),
        ("# x\n{{ range(10**9) | list }}\n", ":2: range() in a template makes at most 100,000"),
        ("# x\n{{ nope }}\n", ":2: 'nope' is not defined here; the names a template can use"),
        ("# x\n\n{% if %}\n", ":3: syntax error: a value is missing here (a name, a text"),
        (
            "# x\n{% for a in b %}\n",
            ":2: syntax error: the template ends inside the block "
            "'for' (close it with {% endfor %})",
        ),
        (
            "# x\n{% for a in b %}{% endif %}\n",
            ":2: syntax error: 'endif' does not belong "
            "here: the block 'for' is still open (close it with {% endfor %})",
        ),
        ("# x\n{% endif %}\n", ":2: syntax error: 'endif' closes a block that was never"),
        ("# x\n{% bild %}\n", ":2: syntax error: there is no tag 'bild'"),
        ("# x\n{{ report.year\n", ":2: syntax error: '{{' is not closed with '}}'"),
        ("# x\n{{ report | }}\n", ":2: syntax error: in Jinja's words: expected token"),
        ("# x\n{{ 1 | nofilter }}\n", ":2: syntax error: there is no filter 'nofilter'"),
        ("# x\n{{ 1 is notest }}\n", ":2: syntax error: there is no test 'notest'"),
        ("# x\n{% include 'nope.j2' %}\n", ":2: template 'nope.j2' not found"),
        ('# x\n{% extends "nope.j2" %}\n', ":2: template 'nope.j2' not found"),
        ("# x\n\n\n{{ 1 / 0 }}\n", ":4: the template divides by zero"),
        ("# x\n{{ t('no_such_key') }}\n", ":2: t('no_such_key'): there is no such text; the"),
        ("# x\n{{ t('unit_line', projects=1) }}\n", ":2: t('unit_line') needs the value app"),
        ("# x\n{{ report.year + 'a' }}\n", ":2: Python says: TypeError: unsupported operand"),
        # Filters' own checks and what a template computes: were internal errors (exit 3).
        ("# x\n{{ report.title | truncate(2) }}\n", ":2: Python says: AssertionError: expected"),
        ('# x\n{{ "1e400" | float | round | int }}\n', ":2: "),
        ('# x\n{{ "x".split("") }}\n', ":2: Python says: ValueError: empty separator"),
    ],
)
def test_template_mistakes_name_the_template_and_line(
    tmp_path: Path, text: str, message: str
) -> None:
    from intstrat.documents.render import TemplateFailed

    own = own_template(tmp_path, text)
    with pytest.raises(TemplateFailed) as info:
        render_text(build(own), Format.MD, own)
    assert str(info.value).startswith("template templates/report.md.j2")
    assert message in str(info.value)


def test_template_syntax_mistakes_are_told_in_swedish(tmp_path: Path) -> None:
    from intstrat.documents.render import TemplateFailed
    from intstrat.i18n import language

    own = own_template(tmp_path, "# x\n{% for a in b %}{% endif %}\n")
    with language("sv"), pytest.raises(TemplateFailed) as info:
        render_text(build(own), Format.MD, own)
    assert str(info.value).startswith(
        "mall templates/report.md.j2:2: syntaxfel: 'endif' hör inte hemma här: blocket 'for' "
        "är fortfarande öppet (stäng det med {% endfor %})"
    )


def test_template_mistake_in_an_included_template_names_that_template(tmp_path: Path) -> None:
    from intstrat.documents.render import TemplateFailed

    own = own_template(tmp_path, "# x\n{% include 'part.md.j2' %}\n")
    (own / "templates" / "part.md.j2").write_text("ok\nok\n{{ nope }}\n", encoding="utf-8")
    with pytest.raises(TemplateFailed, match=r"^template templates/part.md.j2:3: 'nope' is"):
        render_text(build(own), Format.MD, own)


@pytest.mark.parametrize("name", ["report.md.j2", "part.j2", "report.css"])
def test_templates_linked_out_of_the_repository_are_refused(tmp_path: Path, name: str) -> None:
    from intstrat.documents.render import TemplateFailed

    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET 4711", encoding="utf-8")
    own = own_template(tmp_path / "repo", "{% include 'part.j2' %}")
    (own / "templates" / name).unlink(missing_ok=True)
    (own / "templates" / name).symlink_to(secret)
    fmt = Format.HTML if name == "report.css" else Format.MD
    with pytest.raises(
        TemplateFailed, match=re.escape(f"templates/{name}: this is a symbolic link to")
    ):
        render_text(build(own), fmt, own)


def test_a_word_template_linked_out_of_the_repository_is_refused(tmp_path: Path) -> None:
    from docx import Document

    from intstrat.errors import UsageError

    secret = tmp_path / "secret.docx"
    Document().save(str(secret))
    own = own_template(tmp_path / "repo", "x")
    (own / "templates" / "mall.docx").symlink_to(secret)
    with pytest.raises(UsageError, match=r"templates/mall\.docx: this is a symbolic link"):
        render(build(own), Format.DOCX, own, "mall.docx")


def test_absurdly_long_words_get_break_points_in_text_but_never_in_attributes() -> None:
    from intstrat.documents.render import breakable

    word = "x" * 95
    html = f'<p title="{word}"><a href="https://a.se/{word}">{word} kort</a></p><img src="data:{word}">'
    out = breakable(html)
    assert f'title="{word}"' in out and f'href="https://a.se/{word}"' in out
    assert f'src="data:{word}"' in out
    assert f">{'x' * 30} {'x' * 30} {'x' * 30} {'x' * 5} kort</a>" in out
    assert breakable("<p>Socialt entreprenörskap & Växjö</p>") == (
        "<p>Socialt entreprenörskap & Växjö</p>"
    )


def test_names_at_their_longest_do_not_break_word_output(tmp_path: Path) -> None:
    from docx import Document

    own = report_repo(tmp_path)
    config = (own / "intstrat.yaml").read_text(encoding="utf-8")
    long_name = "Ö" * 300
    config = config.replace(
        "organisation: {name: Testby kommun", f"organisation: {{name: {long_name}"
    )
    (own / "intstrat.yaml").write_text(config, encoding="utf-8")
    data = render(build(own), Format.DOCX, own)
    assert isinstance(data, bytes)
    document = Document(io.BytesIO(data))
    assert len(document.core_properties.title) == 255
    assert document.core_properties.title.endswith("…")
    assert any(long_name in p.text for p in document.paragraphs)


def test_a_pdf_layout_failure_is_reported_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint

    from intstrat.documents.render import render_pdf
    from intstrat.errors import IntstratError

    def fail(self: object, *args: object, **kwargs: object) -> bytes:
        raise AssertionError("line too long")

    monkeypatch.setattr(weasyprint.HTML, "render", fail)
    with pytest.raises(IntstratError, match=r"could not be laid out \(AssertionError: line too"):
        render_pdf("<p>x</p>")


def test_word_column_widths_share_the_page_like_a_browser() -> None:
    from intstrat.documents.word import _share

    # Every wish fits: each gets its wish, the rest in proportion.
    assert _share(200, [10, 20], [50, 50]) == [100, 100]
    # The needs fit: needs first, the room left by how much more each wants.
    assert _share(100, [20, 30], [80, 30]) == [70, 30]
    # Not even the needs fit (a very long word): the narrow columns keep theirs.
    widths = _share(300, [50, 400, 30], [60, 500, 30])
    assert widths[0] == 50 and widths[2] == 30
    assert abs(sum(widths) - 300) < 0.01


def test_words_with_soft_hyphens_get_a_box_of_their_own_in_the_body_only() -> None:
    from intstrat.documents.render import breakable

    shy = "\u00ad"
    html = (
        f"<title>Samhälls{shy}byggnad</title><body><p>Projekt i Samhälls{shy}byggnads{shy}"
        f"förvaltningen, 8\u00a0maj</p><a href='a{shy}b'>x</a></body>"
    )
    out = breakable(html)
    assert f"<title>Samhälls{shy}byggnad</title>" in out  # the title is plain text
    assert f"Projekt i <span>Samhälls{shy}byggnads{shy}förvaltningen,</span> 8\u00a0maj" in out
    assert f"href='a{shy}b'" in out


def test_tables_with_swedish_compounds_stay_inside_the_printed_page() -> None:
    """WeasyPrint measured a cell with one soft hyphen as unbreakable: tools/look-repo's
    travel table (long project titles) ran off the right edge of its A4 page."""
    from intstrat.documents.render import lay_out

    repo = Path(__file__).resolve().parent.parent / "tools" / "look-repo"
    report = build_report(load_repository(repo), 2023, "sv", today=dt.date(2024, 2, 1))
    laid_out = lay_out(render_text(report, Format.HTML, repo))

    def boxes(box: Any) -> Any:
        yield box
        for child in getattr(box, "children", None) or []:
            yield from boxes(child)

    tables = 0
    for page in laid_out.pages:
        content = page._page_box.children[0]  # the html element's box: the page's content width
        for box in boxes(page._page_box):
            if type(box).__name__ == "TableBox":
                tables += 1
                right = box.position_x + box.width
                assert right <= content.position_x + content.width + 0.5, box.element.get("class")
    assert tables >= 8  # every table of the report was looked at


def test_the_travel_table_gives_its_room_to_the_project_not_to_a_long_header() -> None:
    """ "Klimatkompenserat" above a column of "ja"/"nej" may break at its joint, so the
    project titles beside it get the width (tools/look-repo: four lines a title before)."""
    from docx import Document

    repo = Path(__file__).resolve().parent.parent / "tools" / "look-repo"
    report = build_report(load_repository(repo), 2023, "sv", today=dt.date(2024, 2, 1))
    data = render(report, Format.DOCX, repo)
    assert isinstance(data, bytes)
    word = Document(io.BytesIO(data))
    travel = next(t for t in word.tables if t.rows[0].cells[1].text == "Resmål")
    header = [c.text.replace("\u00ad", "") for c in travel.rows[0].cells]
    assert header[4:] == ["Klimatkompenserat", "Projekt"]
    widths = [c.width for c in travel.columns]
    assert widths[5] == max(widths), widths  # the project's column is the widest
    assert widths[4] < widths[5] * 2 / 3, widths  # was 0.98 of it, the titles in 4 lines
    assert "Klimat\u00adkompenserat" in render_text(report, Format.HTML, repo)


def test_the_sandbox_remembers_its_answers_per_type_not_per_name() -> None:
    """`notes.append` (a plain attribute) is safe; `items.append` (a list's method)
    never is, whichever the template reads first."""
    from jinja2.exceptions import SecurityError

    from intstrat.documents.render import environment

    class Notes:
        append = "a field called append"

    env = environment()
    both = "{{ notes.append }} {% set x = items.append(1) %}"
    items: list[int] = []
    with pytest.raises(SecurityError):
        env.from_string(both).render(notes=Notes(), items=items)
    assert items == []
    assert env.from_string("{{ notes.append }}").render(notes=Notes()) == "a field called append"
    with pytest.raises(SecurityError):
        env.from_string("{% set x = items.append(1) %}").render(items=items)
    assert items == []


class Helper:
    """An object a template gets, with methods of each kind the sandbox tells apart."""

    def __init__(self) -> None:
        self.changed: list[str] = []

    def shout(self, text: str) -> str:
        return text.upper()

    @unsafe
    def rename(self, text: str) -> str:
        self.changed.append(text)
        return text

    def forget(self, text: str) -> str:
        self.changed.append(text)
        return text

    forget.alters_data = True  # type: ignore[attr-defined]


@pytest.mark.parametrize("method", ["rename", "forget"])
def test_a_method_the_sandbox_refuses_stays_refused_after_safe_calls(method: str) -> None:
    """The sandbox remembers per method whether a call needs its checks: a method
    marked unsafe (or altering data) is refused on its first call and every later one,
    whatever was called before, in a loop or not."""
    from jinja2.exceptions import SecurityError

    from intstrat.documents.render import environment

    env = environment()
    helper = Helper()
    source = "{% for x in 'ab' %}{{ h.shout(x) }}{% endfor %} {{ h.METHOD('x') }}"
    for _round in range(2):
        with pytest.raises(SecurityError, match="not safely callable"):
            env.from_string(source.replace("METHOD", method)).render(h=helper)
    loop = "{% for x in 'ab' %}{{ h.shout(x) }}{{ h.METHOD(x) }}{% endfor %}"
    with pytest.raises(SecurityError, match="not safely callable"):
        env.from_string(loop.replace("METHOD", method)).render(h=helper)
    assert helper.changed == []
    shouted = env.from_string("{% for x in 'ab' %}{{ h.shout(x) }}{% endfor %}")
    assert shouted.render(h=helper) == "AB"


def test_methods_called_from_a_template_get_what_jinja_gives_them() -> None:
    """A method that asks for the template's context gets it, one that stops iterating
    gives an undefined value, and text methods stay bounded, however often called."""
    from jinja2 import pass_context
    from jinja2.exceptions import SecurityError, UndefinedError
    from markupsafe import Markup

    from intstrat.documents.render import environment

    class Reader:
        @pass_context
        def name(self, context: Any, key: str) -> str:
            return str(context[key])

        def empty(self) -> str:
            raise StopIteration

    env = environment()
    source = "{% for k in ['a', 'b'] %}{{ r.name(k) }}{% endfor %}"
    assert env.from_string(source).render(r=Reader(), a=1, b=2) == "12"
    assert env.from_string("{{ r.name('a') }}").render(r=Reader(), a=3) == "3"
    with pytest.raises(UndefinedError, match="StopIteration"):
        env.from_string("{% for k in 'ab' %}{{ r.empty() }}{% endfor %}").render(r=Reader())
    for text in ("x", Markup("x")):
        for _round in range(2):
            assert env.from_string("{{ s.ljust(3) }}|").render(s=text) == "x  |"
            with pytest.raises(SecurityError):
                env.from_string("{{ s.ljust(10**8) }}").render(s=text)


def test_each_kind_of_document_is_named_after_its_contexts_class() -> None:
    """The registry names the classes (module and class) so a report need not import
    the others; each name must be a class that exists, or its documents could not render."""
    import importlib

    from intstrat.documents.render import DOCUMENTS

    assert len(DOCUMENTS) == 3
    for name in DOCUMENTS:
        module, _, cls = name.rpartition(".")
        kind = getattr(importlib.import_module(module), cls)
        assert f"{kind.__module__}.{kind.__qualname__}" == name


def test_a_report_imports_neither_the_brochure_nor_the_follow_up() -> None:
    """Rendering a report (or explaining it) imports only what a report needs: the
    follow-up's module alone took 13 ms of every `intstrat report`."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from intstrat.documents import explain, render\n"
        "from intstrat.documents.report import Report\n"
        "print(sorted(m for m in ('intstrat.documents.brochure', 'intstrat.documents.followup')"
        " if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

"""Record text in Markdown output reads as written and never becomes markup or a link."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intstrat.documents.mdtext import escape, parser, plain_paragraphs, sanitize
from intstrat.documents.render import render, render_text
from intstrat.documents.report import build_report
from intstrat.formats import DocumentFormat as Format
from intstrat.loading.repository import load_repository
from tests.helpers import build_repo, project

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<b>fet</b> och <!-- kommentar -->",
    "[klicka](javascript:alert(1))",
    "![x](/etc/passwd)",
    "<javascript:alert(1)>",
    "[x][1]\n\n[1]: javascript:alert(1)",
    "# Rubrik",
    "- punkt",
    "1. första",
    "> citat",
    "***",
    "*kursiv* och **fet** och _understruket_",
    "`kod`",
    "a | b",
    "&lt;script&gt; &amp; &#60;",
    "Växjö & co kostar $5 och $10",
    "snake_case_id",
    "rad ett\nrad två",
    "slut med snedstreck \\",
]


def rendered(markdown: str) -> str:
    """HTML as a permissive renderer (raw HTML allowed, like many Markdown viewers) makes it."""
    from markdown_it import MarkdownIt

    html: str = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    return html


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html)).strip()


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_is_no_markup_and_reads_as_written(text: str) -> None:
    html = rendered(escape(text))
    assert re.fullmatch(r"<p>.*</p>\n", html, re.S), html
    assert text_of(html) == re.sub(r"\s*\n\s*", " ", text).strip()


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60))
def test_any_text_escaped_renders_as_that_text(text: str) -> None:
    expected = re.sub(r"\s*\n\s*", " ", text).strip()
    html = rendered(escape(text))
    if not expected:
        return
    assert text_of(html) == expected, html


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40))
def test_any_text_escaped_stays_in_its_table_cell(text: str) -> None:
    from intstrat.documents.render import md_cell

    html = rendered(f"| a | b |\n|---|---|\n| {md_cell(escape(text))} | x |\n")
    cells = re.findall(r"<td>(.*?)</td>", html, re.S)
    assert len(cells) == 2, html
    assert text_of(cells[0]) == re.sub(r"\s*\n\s*", " ", text).strip()
    assert cells[1] == "x"


def test_markdown_fields_keep_emphasis_code_and_web_links_only() -> None:
    text = (
        "**Fet**, *kursiv*, `<kod>` och [ICLD](https://icld.se) men inte "
        "[x](javascript:alert(1)), [y](file:///etc/passwd), [z](../hemlig.txt), "
        "![bild](/etc/passwd) eller <img src=x onerror=alert(1)>"
    )
    html = rendered(sanitize(text))
    assert "<strong>Fet</strong>" in html and "<em>kursiv</em>" in html
    assert "<code>&lt;kod&gt;</code>" in html
    assert re.findall(r'href="([^"]*)"', html) == ["https://icld.se"]
    assert "<img" not in html and "onerror=alert(1)&gt;" in html
    assert "[x](javascript:alert(1))" in text_of(html)


def test_an_image_of_a_web_address_stays_a_link() -> None:
    # Images are off in the parser, so `![x](https://...)` is `!` and a link; written
    # back side by side they were an image again (a remote picture in every viewer).
    html = rendered(sanitize("Se ![spårning](https://evil.example/p.png?vem=kommun) här"))
    assert "<img" not in html
    assert re.findall(r'href="([^"]*)"', html) == ["https://evil.example/p.png?vem=kommun"]
    assert text_of(html) == "Se !spårning här"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["!", "[", "]", "(", ")", "https://a.se/b.png", "*", "**", "x", " ",
                         "[x](https://a.se/b.png)", "![x](https://a.se/b.png)",
                         "\\", "`", "<", ">", "\n"]),
        max_size=14,
    ).map("".join)
)  # fmt: skip
def test_no_markdown_field_becomes_an_image(text: str) -> None:
    assert "<img" not in rendered(sanitize(text))


def test_html_links_are_only_web_and_mail() -> None:
    from intstrat.documents.render import markdown_to_html

    html = markdown_to_html(
        "[a](https://a.se) [b](mailto:b@c.se) [c](javascript:alert(1)) [d](file:///etc/passwd) "
        "[e](/etc/passwd) [f](data:text/html,x) <javascript:x> <https://g.se>"
    )
    assert re.findall(r'href="([^"]*)"', html) == ["https://a.se", "mailto:b@c.se", "https://g.se"]


def test_the_markdown_report_escapes_every_record_text(tmp_path: Path) -> None:
    attack = "<script>alert(1)</script> [x](javascript:alert(1)) ![y](/etc/passwd) *z*"
    root = build_repo(
        tmp_path,
        {
            "data/projects/sekos-2.yaml": project(
                title=f"'{attack}'",
                summary="'**Viktigt** <img src=x onerror=alert(2)> [l](javascript:alert(3))'",
                period="{start: 2018, end: 2023}",
            ),
            "data/partners/vushtrri.yaml": (
                "id: vushtrri\nname: '# <b>Vushtrri</b> | [p](file:///etc/passwd)'\n"
                "type: municipality\ncountry: XK\n"
            ),
        },
    )
    md = render_text(build_report(load_repository(root), 2023), Format.MD, root)
    html = rendered(md)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    links = re.findall(r'href="([^"]*)"', html)
    assert links == ["mailto:anna@example.se"]  # the unit's contact, from intstrat.yaml
    assert html.count("<h1>") == 1
    assert attack in text_of(html)
    assert "# <b>Vushtrri</b> | [p](file:///etc/passwd)" in text_of(html)
    assert "<strong>Viktigt</strong>" in html


def test_the_pdf_has_no_links_but_web_and_mail(tmp_path: Path) -> None:
    import io

    from pypdf import PdfReader

    root = build_repo(
        tmp_path,
        {
            "data/projects/sekos-2.yaml": project(
                summary="'[a](https://a.se) ![x](/etc/passwd) [y](file:///etc/passwd) [z](x.pdf)'",
                period="{start: 2018, end: 2023}",
            ),
        },
    )
    pdf = render(build_report(load_repository(root), 2023), Format.PDF, root)
    assert isinstance(pdf, bytes)
    uris = [
        annotation.get_object()["/A"]["/URI"]
        for page in PdfReader(io.BytesIO(pdf)).pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object() and "/URI" in annotation.get_object()["/A"]
    ]
    assert uris == ["https://a.se", "mailto:anna@example.se"]  # and the unit's contact


def test_escape_keeps_ordinary_text_as_it_is() -> None:
    for text in ("Växjö kommun", "Erasmus+ 250 000 €", "2018–2021", "key_figures", "sekos-2"):
        assert escape(text) == text
    assert parser().render(escape("2023. Ett år")) == "<p>2023. Ett år</p>\n"


def test_escape_document_escapes_named_tuples_and_keeps_them_shared() -> None:
    """The follow-up's sources are named tuples, shared by the years they count in."""
    from dataclasses import dataclass
    from typing import NamedTuple

    from intstrat.documents.mdtext import escape_document

    class Line(NamedTuple):
        text: str
        amount: int = 0

    @dataclass(frozen=True)
    class Doc:
        years: list[list[Line]]

    line = Line("*a* <b>", 3)
    escaped = escape_document(Doc([[line], [line]]))
    first, second = escaped.years[0][0], escaped.years[1][0]
    assert isinstance(first, Line)
    assert first == Line(escape("*a* <b>"), 3)
    assert first.text != line.text
    assert first is second


@settings(max_examples=400, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("aåÖz09 \n\n,.;:!?'\"()/%–-_*#>[]<&|=+\t\\é")),
        max_size=40,
    )
)
def test_plain_paragraphs_are_what_markdown_makes(text: str) -> None:
    """The fast path for plain prose gives the Markdown parser's output, or steps aside."""
    fast = plain_paragraphs(text)
    if fast is not None:
        assert fast == parser().render(text)


def test_plain_paragraphs_take_prose_and_leave_markdown() -> None:
    assert plain_paragraphs('Växjö (SE) – 50 % "bra".\n\nNy rad.') == (
        "<p>Växjö (SE) – 50 % &quot;bra&quot;.</p>\n<p>Ny rad.</p>\n"
    )
    for markdown in ("- lista", "2021. rubrik", "*fet*", "[a](https://a.se)", "    kod", "a  \nb"):
        assert plain_paragraphs(markdown) is None, markdown

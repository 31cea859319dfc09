"""The brochure: partner facts, implemented results, featured projects with quotes."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intstrat.cli import app
from intstrat.documents.brochure import build_brochure
from intstrat.documents.render import render
from intstrat.errors import UsageError
from intstrat.formats import DocumentFormat
from intstrat.loading.repository import Repository, load_repository

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


@pytest.fixture(scope="module")
def vaxjo() -> Repository:
    return load_repository(ROOT)


def test_partner_fact_boxes(vaxjo: Repository) -> None:
    b = build_brochure(vaxjo)
    boxes = {p.id: p for p in b.partners}
    assert list(boxes) == ["jb-marks", "vushtrri"]  # the partnerships, oldest first
    jb = boxes["jb-marks"]
    assert (jb.name, jb.country, jb.area, jb.population, jb.since) == (
        "JB Marks Local Municipality",
        "Sydafrika",
        "6\xa0398 km²",
        "250\xa0000 invånare",
        "Partner sedan 2005",
    )
    assert jb.website == "https://www.jbmarks.co.za"
    vu = boxes["vushtrri"]
    assert (vu.country, vu.area, vu.population, vu.since) == (
        "Kosovo",
        "345 km²",
        "70\xa0000 invånare",
        "Partner sedan 2013",
    )
    assert "Socialt entreprenörskap" in vu.themes


def test_cover_introduction_and_figures(vaxjo: Repository) -> None:
    b = build_brochure(vaxjo)
    assert b.about_heading == "Om Växjö kommuns internationella engagemang"
    assert b.quote is not None
    assert (b.quote.name, b.quote.role) == ("Anna Tenje (M)", "kommunstyrelsens ordförande")
    assert b.figures[0] == "13 projekt och förstudier"
    assert (
        b.figures[-1]
        == "Finansiering via ICLD, där Växjö kommuns bidrag består av personalens arbetstid"
    )


def test_implemented_results(vaxjo: Repository) -> None:
    results = build_brochure(vaxjo).results
    for expected in [
        "Nyinrättat 'Familjeteam' för samordnat stöd till utsatta familjer",
        "Strategisk plan för hållbar energiproduktion",
        "Ny fältgruppsorganisation för stöd till hemmasittare",
        "Nyinrättad årsplan för Växjö kommuns fullmäktige",
    ]:
        assert expected in results
    assert (
        "Kartläggning av vattenförsörjning och dagvattenhantering i båda kommunerna" not in results
    )


def test_featured_projects_with_in_short_and_quotes(vaxjo: Repository) -> None:
    featured = build_brochure(vaxjo).featured
    assert [f.id for f in featured] == ["familjeteam", "sekos-2", "energiplan-agenda-2030", "mis-2"]
    energy = featured[2]
    assert energy.owner == "Växjö Energi AB (Veab)"
    assert energy.period == "2019–2021"
    assert energy.focus == "Fokus på mål 7, Agenda 2030"
    assert [p.label for p in energy.partners] == ["JB Marks Local Municipality (Sydafrika)"]
    assert [(q.name, q.role) for q in energy.quotes] == [
        ("Julia Ahlrot", "chef strategi och omvärldsrelationer, Veab")
    ]
    assert featured[1].quotes[0].name == "Magnus Nilsson"


def test_limited_to_one_partner(vaxjo: Repository) -> None:
    b = build_brochure(vaxjo, partners=["vushtrri"])
    assert [p.id for p in b.partners] == ["vushtrri"]
    assert [f.id for f in b.featured] == ["sekos-2", "mis-2"]
    assert "Strategisk plan för hållbar energiproduktion" not in b.results
    html = render(b, DocumentFormat.HTML, ROOT)
    assert isinstance(html, str)
    assert "Komuna Vushtrri" in html
    assert "Samarbetet med JB Marks" not in html
    assert "Samarbetet med Komuna Vushtrri" in html


def test_featured_option_and_title(vaxjo: Repository) -> None:
    b = build_brochure(vaxjo, featured=["mis-2"], title="Stärkt kompetens", lang="en")
    assert [f.id for f in b.featured] == ["mis-2"]
    assert b.title == "Stärkt kompetens"
    assert b.featured[0].title == "Environmental education in preschool (MIS 2)"
    with pytest.raises(UsageError, match="did you mean 'mis-2'"):
        build_brochure(vaxjo, featured=["mis2"])


def test_html_is_self_contained_accessible_and_escaped(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "repo"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copy(ROOT / "intstrat.yaml", root / "intstrat.yaml")
    (root / "images").mkdir()
    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )
    (root / "images" / "mis.png").write_bytes(png)
    path = root / "data/projects/mis-2.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "featured: true", "featured: true\nimage: images/mis.png"
    )
    path.write_text(text.replace("name: Britta Carlsnäs", "name: <b>Britta</b>"), encoding="utf-8")
    html = render(build_brochure(load_repository(root)), DocumentFormat.HTML, root)
    assert isinstance(html, str)
    assert '<img class="photo" src="data:image/png;base64,' in html
    assert 'alt="Miljöpedagogik i förskolan (MIS 2)"' in html
    assert "&lt;b&gt;Britta&lt;/b&gt;" in html
    assert not re.search(r"""(src|href)=["'](?!data:|https?://|mailto:)""", html)
    assert not re.search(r"""src=["']https?://""", html), "no external resources"
    assert re.findall(r"<h1>", html) == ["<h1>"]
    assert '<html lang="sv">' in html


def test_pdf(vaxjo: Repository) -> None:
    from pypdf import PdfReader

    pdf = render(build_brochure(vaxjo), DocumentFormat.PDF, ROOT)
    assert isinstance(pdf, bytes)
    reader = PdfReader(io.BytesIO(pdf))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert "Samarbetet med JB Marks Local Municipality" in text
    assert "Kort om projektet" in text
    assert "Magnus Nilsson" in text
    assert len(reader.pages) >= 7  # cover, about, partners, results, 4 examples, back


def test_brochure_command(tmp_path: Path) -> None:
    out = tmp_path / "b.html"
    result = runner.invoke(
        app,
        ["brochure", "-f", "html", "-o", str(out), "--repo", str(ROOT), "--partner", "jb-marks"],
    )
    assert result.exit_code == 0, result.output
    assert "Samarbetet med JB Marks Local Municipality" in out.read_text(encoding="utf-8")
    bad = runner.invoke(app, ["brochure", "-f", "docx", "--repo", str(ROOT)])
    assert bad.exit_code == 2

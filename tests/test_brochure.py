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
from tests.partnerships import partnership_repo

runner = CliRunner()


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return partnership_repo(tmp_path_factory.mktemp("partnerships"))


@pytest.fixture(scope="module")
def repo(root: Path) -> Repository:
    return load_repository(root)


def test_partner_fact_boxes(repo: Repository) -> None:
    b = build_brochure(repo)
    boxes = {p.id: p for p in b.partners}
    assert list(boxes) == ["jb-marks", "vushtrri"]  # partnerships (with `since`), oldest first
    jb = boxes["jb-marks"]
    assert (jb.name, jb.country, jb.area, jb.population, jb.since, jb.projects) == (
        "JB Marks Local Municipality",
        "Sydafrika",
        "6\xa0398 km²",
        "250\xa0000 invånare",
        "Partner sedan 2005",
        2,
    )
    assert jb.website == "https://www.jbmarks.co.za"
    assert jb.themes == ["Energi", "Miljöpedagogik"]
    vu = boxes["vushtrri"]
    assert (vu.country, vu.area, vu.population, vu.since, vu.projects) == (
        "Kosovo",
        "345 km²",
        "70\xa0000 invånare",
        "Partner sedan 2013",
        3,  # sekos, mis, kartlaggning; the idea never ran
    )


def test_cover_introduction_and_figures(repo: Repository) -> None:
    b = build_brochure(repo)
    assert b.about_heading == "Om Testby kommuns internationella engagemang"
    assert b.quote is not None
    assert (b.quote.name, b.quote.role) == ("Ann Ordförande (M)", "kommunstyrelsens ordförande")
    # energiplan, sekos, mis and the pre-study ran with a partnership; tartu-projekt did
    # not (Tartu is no partnership) and the idea never ran.
    assert b.figures[0] == "4 projekt och förstudier"
    assert (
        b.figures[-1]
        == "Finansiering via ICLD, där Testby kommuns bidrag består av personalens arbetstid"
    )


def test_implemented_results(repo: Repository) -> None:
    assert build_brochure(repo).results == [
        "Nya undervisningsmetoder",
        "Strategisk plan för hållbar energiproduktion",
    ]


def test_featured_projects_with_in_short_and_quotes(repo: Repository) -> None:
    featured = build_brochure(repo).featured
    assert [f.id for f in featured] == ["sekos", "energiplan", "mis"]  # by start, then id
    energy = featured[1]
    assert energy.owner == "Testby Energi AB"
    assert energy.period == "2019–\u20602021"  # a word joiner: never broken
    assert energy.focus == "Fokus på mål 7, Agenda 2030"
    assert energy.results == ["Strategisk plan för hållbar energiproduktion"]
    assert [p.label for p in energy.partners] == ["JB Marks Local Municipality (Sydafrika)"]
    assert [(q.name, q.role) for q in energy.quotes] == [("Julia Strateg", "chef strategi")]
    assert featured[0].quotes[0].name == "Magnus Lärare"


def test_limited_to_one_partner(repo: Repository, root: Path) -> None:
    b = build_brochure(repo, partners=["vushtrri"])
    assert [p.id for p in b.partners] == ["vushtrri"]
    assert [f.id for f in b.featured] == ["sekos", "mis"]
    assert b.results == ["Nya undervisningsmetoder"]
    html = render(b, DocumentFormat.HTML, root)
    assert isinstance(html, str)
    assert "Samarbetet med Komuna Vushtrri" in html
    assert "Samarbetet med JB Marks" not in html


def test_featured_option_and_title(repo: Repository) -> None:
    b = build_brochure(repo, featured=["mis"], title="Stärkt kompetens", lang="en")
    assert [f.id for f in b.featured] == ["mis"]
    assert b.title == "Stärkt kompetens"
    assert b.featured[0].title == "Environmental education in preschool"
    with pytest.raises(UsageError, match="did you mean 'mis'"):
        build_brochure(repo, featured=["mis2"])


def test_html_is_self_contained_accessible_and_escaped(tmp_path: Path) -> None:
    root = partnership_repo(tmp_path)
    (root / "images").mkdir()
    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )
    (root / "images" / "mis.png").write_bytes(png)
    path = root / "data/projects/mis.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "featured: true", "featured: true\nimage: images/mis.png"
    )
    path.write_text(text.replace("name: Britta Pedagog", "name: <b>Britta</b>"), encoding="utf-8")
    html = render(build_brochure(load_repository(root)), DocumentFormat.HTML, root)
    assert isinstance(html, str)
    assert '<img class="photo" src="data:image/png;base64,' in html
    assert 'alt="Miljöpedagogik i förskolan"' in html
    assert "&lt;b&gt;Britta&lt;/b&gt;" in html
    assert not re.search(r"""(src|href)=["'](?!data:|https?://|mailto:)""", html)
    assert not re.search(r"""src=["']https?://""", html), "no external resources"
    assert re.findall(r"<h1>", html) == ["<h1>"]
    assert '<html lang="sv">' in html


def test_images_linked_out_of_the_repository_are_never_embedded(tmp_path: Path) -> None:
    root = partnership_repo(tmp_path / "repo")
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"root:x:0:0:root:/root:/bin/bash\n")
    (root / "images").mkdir()
    (root / "images" / "jb.png").symlink_to(secret)
    (root / "images" / "loop.png").symlink_to("loop.png")
    for name, image in (("jb-marks", "images/jb.png"), ("vushtrri", "images/loop.png")):
        path = root / "data/partners" / f"{name}.yaml"
        path.write_text(path.read_text(encoding="utf-8") + f"image: {image}\n", encoding="utf-8")
    repo = load_repository(root)
    brochure = build_brochure(repo)
    assert [box.image for box in brochure.partners if box.id in ("jb-marks", "vushtrri")] == [
        "",
        "",
    ]
    html = render(brochure, DocumentFormat.HTML, root)
    assert isinstance(html, str)
    leaked = base64.b64encode(secret.read_bytes()).decode()[:20]
    assert leaked not in html and "data:image/png" not in html
    result = runner.invoke(
        app, ["brochure", "-f", "html", "-o", str(tmp_path / "b.html"), "--repo", str(root)]
    )
    assert result.exit_code == 1
    line = (root / "data/partners/jb-marks.yaml").read_text(encoding="utf-8").count("\n")
    message = f"data/partners/jb-marks.yaml:{line}:8: R014 image 'images/jb.png' is a symbolic link"
    assert message in result.output
    assert not (tmp_path / "b.html").exists()


def test_pdf(repo: Repository, root: Path) -> None:
    from pypdf import PdfReader

    pdf = render(build_brochure(repo), DocumentFormat.PDF, root)
    assert isinstance(pdf, bytes)
    reader = PdfReader(io.BytesIO(pdf))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert "Samarbetet med JB Marks Local Municipality" in text
    assert "Kort om projektet" in text
    assert "Magnus Lärare" in text
    assert len(reader.pages) >= 6  # cover, about, partners, results, 3 examples, back


def test_brochure_command(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.html"
    result = runner.invoke(
        app,
        ["brochure", "-f", "html", "-o", str(out), "--repo", str(root), "--partner", "jb-marks"],
    )
    assert result.exit_code == 0, result.output
    assert "Samarbetet med JB Marks Local Municipality" in out.read_text(encoding="utf-8")
    bad = runner.invoke(app, ["brochure", "-f", "docx", "--repo", str(root)])
    assert bad.exit_code == 2


def test_brochure_format_from_the_file_name_and_pdf_into_out(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.html"
    result = runner.invoke(app, ["brochure", "-o", str(out), "--repo", str(root)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_brochure_refuses_errors_unless_allowed(tmp_path: Path) -> None:
    broken = partnership_repo(tmp_path / "repo")
    (broken / "data/projects/old.yaml").write_text("id: old\ntitle: [\n", encoding="utf-8")
    out = tmp_path / "b.html"
    refused = runner.invoke(app, ["brochure", "-o", str(out), "--repo", str(broken)])
    assert refused.exit_code == 1
    assert "or go ahead anyway with --allow-errors" in refused.stderr
    assert not out.exists()
    allowed = runner.invoke(
        app, ["brochure", "-o", str(out), "--allow-errors", "--repo", str(broken)]
    )
    assert allowed.exit_code == 0, allowed.output
    assert "records with errors are left out" in allowed.stderr
    assert out.is_file()

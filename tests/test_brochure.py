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
        "6\xa0398\xa0km²",
        "250\xa0000 invånare",
        "Partner sedan 2005",
        2,
    )
    assert jb.website == "https://www.jbmarks.co.za"
    assert jb.themes == ["Energi", "Miljöpedagogik"]
    vu = boxes["vushtrri"]
    assert (vu.country, vu.area, vu.population, vu.since, vu.projects) == (
        "Kosovo",
        "345\xa0km²",
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
    # Four projects and pre-studies; the pre-study was done with both partnerships, so
    # the fact boxes' counts (2 and 3) add up to five, and the overview says why.
    assert b.figures[0] == "4 projekt och förstudier, varav 1 tillsammans med flera av partnerna"
    assert [(box.projects, box.projects_text) for box in b.partners] == [
        (2, "2 projekt och förstudier"),
        (3, "3 projekt och förstudier"),
    ]
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
    assert energy.focus == "Fokus på mål 7 i Agenda 2030"
    assert featured[0].focus == "Fokus på mål 4 och 8 i Agenda 2030"
    assert energy.parties == "Testby kommun och JB Marks Local Municipality (Sydafrika)"
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


def test_each_option_names_its_own_kind_of_record_and_all_mistakes_at_once(root: Path) -> None:
    """A project given as --partner (once a KeyError) and a partner as --featured (once
    silently left out) are said, with every other mistake, by the option at fault."""
    args = ["brochure", "--repo", str(root), "-f", "html", "-o", str(root / "b.html")]
    args += ["--partner", "mis", "--partner", "vushtri", "--featured", "vushtrri"]
    result = runner.invoke(app, [*args, "--featured", "nope"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "intstrat: --partner: 'mis' is a project, not a partner; did you mean --featured?",
        "--partner: no partner 'vushtri'; did you mean 'vushtrri'?",
        "--featured: 'vushtrri' is a partner, not a project; did you mean --partner?",
        "--featured: no project 'nope'; expected one of: 'energiplan', 'ide', 'kartlaggning', "
        "'mis', 'sekos', 'tartu-projekt'",
    ]
    swedish = runner.invoke(app, [*args, "--lang", "sv"])
    assert swedish.stderr.splitlines()[0] == (
        "intstrat: --partner: 'mis' är ett projekt, inte en partner; menade du --featured?"
    )
    assert not (root / "b.html").exists()


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


def test_lists_are_joined_the_swedish_way_and_themes_read_as_in_a_sentence(
    repo: Repository,
) -> None:
    """The themes read "Miljöpedagogik, Energi, PR/information och Socialt
    entreprenörskap": each with the capital its name starts a line with. Inside the
    sentence they are lower case, as in the original brochure ("Arbetsmarknad,
    kompetensförsörjning, stadsplanering, ..., HR/personal"), abbreviations kept."""
    b = build_brochure(repo)
    assert b.figures[1] == (
        "Exempel på projektteman: Miljöpedagogik, energi, PR/information och "
        "socialt entreprenörskap"
    )
    boxes = {box.id: box for box in b.partners}
    assert boxes["vushtrri"].themes_text == (
        "Exempel på projektteman: Miljöpedagogik, PR/information och socialt entreprenörskap"
    )
    assert boxes["vushtrri"].themes == [  # the names, as written
        "Miljöpedagogik",
        "PR/information",
        "Socialt entreprenörskap",
    ]
    en = build_brochure(repo, lang="en")
    assert en.featured[0].focus == "Focus on goals 4 and 8 of the 2030 Agenda"
    assert en.featured[1].focus == "Focus on goal 7 of the 2030 Agenda"
    assert (
        en.figures[0] == "4 projects and pre-studies, 1 of them with more than one of the partners"
    )


def test_the_themes_are_those_of_the_projects_counted_beside_them(tmp_path: Path) -> None:
    """Vushtrri's box said "3 projekt och förstudier", then "Exempel på projektteman:
    ..., Fullmäktige och demokrati", a theme only of a study visit: the themes came
    from every record that ran with the partner, the count from the projects and
    pre-studies. Now both come from the same projects, in the box and the overview."""
    root = partnership_repo(tmp_path)
    config = (root / "intstrat.yaml").read_text(encoding="utf-8")  # its themes come last
    extra = "  - {id: demokrati, name: Demokrati}\n  - {id: natverk, name: Nätverk}\n"
    (root / "intstrat.yaml").write_text(config + extra, encoding="utf-8")
    more = {
        "besok": "kind: activity\nstatus: completed\nperiod: {start: 2023-05, end: 2023-05}\n"
        "themes: [demokrati]",
        "medlem": "kind: network\nstatus: ongoing\nperiod: {start: 2020}\nthemes: [natverk]",
        "plan": "status: planned\nperiod: {start: 2027}\nthemes: [demokrati]",
    }
    for ident, lines in more.items():
        (root / f"data/projects/{ident}.yaml").write_text(
            f"id: {ident}\ntitle: {ident}\nowner: omsorg\npartners: [vushtrri]\n{lines}\n",
            encoding="utf-8",
        )
    b = build_brochure(load_repository(root))
    boxes = {box.id: box for box in b.partners}
    vu = boxes["vushtrri"]
    assert vu.projects_text == "3 projekt och förstudier"  # sekos, mis, kartlaggning
    assert vu.themes == ["Miljöpedagogik", "PR/information", "Socialt entreprenörskap"]
    assert b.figures[0].startswith("4 projekt och förstudier")
    assert "emokrati" not in b.figures[1] and "Nätverk" not in b.figures[1]


@pytest.mark.parametrize(
    ("name", "in_a_sentence"),
    [
        ("Hållbar energi", "hållbar energi"),
        ("Fullmäktige och demokrati", "fullmäktige och demokrati"),
        ("Miljö- och avfallshantering", "miljö- och avfallshantering"),
        ("Samarbete med Kosovo", "samarbete med Kosovo"),
        ("Sustainable energy", "sustainable energy"),
        ("Ärenden", "ärenden"),
        # Abbreviations: the second letter is not a small one.
        ("EU", "EU"),
        ("ICLD-metoder", "ICLD-metoder"),
        ("PR/information", "PR/information"),
        ("HR/personal", "HR/personal"),
        ("EU-samarbete", "EU-samarbete"),
        ("eTwinning", "eTwinning"),
        ("A", "A"),
        # Names of several words: a capital or a number follows.
        ("Agenda 2030", "Agenda 2030"),
        ("Horisont Europa", "Horisont Europa"),
        # Names the repository knows: its funders' and partners' first words.
        ("Erasmus+ och utbyten", "Erasmus+ och utbyten"),
        ("Interreg-projekt", "Interreg-projekt"),
        ("Tartu-utbytet", "Tartu-utbytet"),
    ],
)
def test_a_themes_name_inside_a_sentence(tmp_path: Path, name: str, in_a_sentence: str) -> None:
    root = partnership_repo(tmp_path)
    config = (root / "intstrat.yaml").read_text(encoding="utf-8")
    config = config.replace(
        "funders:\n", "funders:\n  - {id: interreg, name: Interreg Sydbalt, eu: true}\n"
    )
    (root / "intstrat.yaml").write_text(
        config + f"  - {{id: x, name: '{name}'}}\n", encoding="utf-8"
    )  # the themes come last
    for ident in ("mis", "sekos"):  # Vushtrri's: energi and x twice, so x comes second
        path = root / f"data/projects/{ident}.yaml"
        path.write_text(re.sub(r"themes: \[.*\]", "themes: [energi, x]", path.read_text()))
    box = {b.id: b for b in build_brochure(load_repository(root)).partners}["vushtrri"]
    assert box.themes == ["Energi", name, "Miljöpedagogik"]
    assert box.themes_text == f"Exempel på projektteman: Energi, {in_a_sentence} och miljöpedagogik"


def test_one_project_is_counted_in_the_singular(tmp_path: Path) -> None:
    root = partnership_repo(tmp_path)
    for name in ("sekos", "mis", "kartlaggning"):
        (root / f"data/projects/{name}.yaml").unlink()
    b = build_brochure(load_repository(root), partners=["jb-marks"], lang="en")
    assert b.figures[0] == "1 project"
    assert b.partners[0].projects_text == "1 project"


def test_the_cover_takes_its_title_from_intstrat_yaml(tmp_path: Path) -> None:
    root = partnership_repo(tmp_path)
    default = build_brochure(load_repository(root))
    assert default.title == "Internationella partnerskap"
    assert default.subtitle == (
        "Testby kommuns samarbete med JB Marks Local Municipality och Komuna Vushtrri"
    )
    config = root / "intstrat.yaml"
    (root / "images").mkdir()
    (root / "images" / "omslag.png").write_bytes(base64.b64decode(PNG))
    config.write_text(
        config.read_text(encoding="utf-8")
        + "brochure:\n  title: {sv: Stärkt kompetens, en: Stronger skills}\n"
        "  subtitle: Testbys partnerskap\n  cover_image: images/omslag.png\n",
        encoding="utf-8",
    )
    repo = load_repository(root)
    b = build_brochure(repo)
    assert (b.title, b.subtitle) == ("Stärkt kompetens", "Testbys partnerskap")
    assert b.cover_image.startswith("data:image/png;base64,")
    assert build_brochure(repo, lang="en").title == "Stronger skills"
    assert build_brochure(repo, title="Egen titel").title == "Egen titel"
    html = render(b, DocumentFormat.HTML, root)
    assert isinstance(html, str)
    assert '<img class="cover-image" src="data:image/png;base64,' in html


PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


def _pages(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_printed_brochure_folds_into_a_booklet(repo: Repository, root: Path, lang: str) -> None:
    """A multiple of four pages, the back cover last (an even page), notes pages if needed."""
    brochure = build_brochure(repo, lang=lang)  # type: ignore[arg-type]
    pdf = render(brochure, DocumentFormat.PDF, root)
    assert isinstance(pdf, bytes)
    pages = _pages(pdf)
    assert len(pages) % 4 == 0
    assert "info@testby.example.se" in pages[-1]
    assert all("info@testby.example.se" not in page for page in pages[:-1])
    # Short examples share a page: cover, about, partners and results, examples, back.
    assert len(pages) <= 8
    notes = "Anteckningar" if lang == "sv" else "Notes"
    padded = [i for i, page in enumerate(pages) if page.strip().startswith(notes)]
    content = len(pages) - len(padded)
    assert len(padded) == -content % 4  # only as many notes pages as the fold needs
    assert padded == list(range(content - 1, len(pages) - 1))  # just before the back cover


def test_a_brochure_of_three_pages_gets_a_notes_page(tmp_path: Path) -> None:
    root = partnership_repo(tmp_path)
    for name in ("sekos", "mis", "energiplan"):
        (root / f"data/projects/{name}.yaml").unlink()
    pdf = render(build_brochure(load_repository(root)), DocumentFormat.PDF, root)
    assert isinstance(pdf, bytes)
    pages = _pages(pdf)
    assert len(pages) == 4
    assert pages[2].strip().startswith("Anteckningar")


def test_without_featured_projects_the_brochure_says_nothing_about_the_data(
    tmp_path: Path,
) -> None:
    """No "featured: true" in a public brochure: the section is left out, and the command
    (and check, R016) tell the coordinator instead."""
    root = partnership_repo(tmp_path)
    for path in (root / "data/projects").glob("*.yaml"):
        text = path.read_text(encoding="utf-8").replace("featured: true\n", "")
        path.write_text(text, encoding="utf-8")
    out = tmp_path / "b.html"
    result = runner.invoke(app, ["brochure", "-o", str(out), "--repo", str(root)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "featured" not in html.lower()
    assert 'class="example"' not in html
    assert result.stderr.startswith(
        "warning: the brochure has no project examples: mark one or two projects with "
        "featured: true, or choose them with --featured ID\n"
    )
    refused = runner.invoke(
        app, ["brochure", "--strict", "-o", str(tmp_path / "s.html"), "--repo", str(root)]
    )
    assert refused.exit_code == 1
    assert not (tmp_path / "s.html").exists()


def test_english_brochure_lists_every_text_that_falls_back_to_swedish(
    root: Path, tmp_path: Path
) -> None:
    out = tmp_path / "b.html"
    result = runner.invoke(app, ["brochure", "--lang", "en", "-o", str(out), "--repo", str(root)])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == (
        # By hand: 4 theme names, 2 unit names and the cover quote and role in intstrat.yaml;
        # energiplan's summary, result and quote (3 texts with the role: 4); sekos's title,
        # summary, purpose, result, quote and role (6); mis's quote and role (2).
        "warning: 20 texts have no English version, so the brochure shows them in another "
        "language; add 'en:' to each:"
    )
    config = (root / "intstrat.yaml").read_text(encoding="utf-8").splitlines()
    quote_line = next(i for i, line in enumerate(config, 1) if line.startswith("quote:"))
    assert f"  intstrat.yaml:{quote_line}: quote.text" in lines
    assert "  intstrat.yaml:13: themes.0.name" in lines
    assert len([line for line in lines if line.startswith("  ")]) == 20
    assert any(line.startswith("  data/projects/sekos.yaml:") and line.endswith(": title")
               for line in lines)  # fmt: skip
    assert not any("mis.yaml" in line and line.endswith(": title") for line in lines)  # has en
    # Each Swedish text is marked as Swedish for screen readers.
    html = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    assert '<h2 lang="sv">Socialt entreprenörskap i skolan</h2>' in html
    assert "<h2>Environmental education in preschool</h2>" in html
    # --strict refuses and writes nothing.
    strict = tmp_path / "strict.html"
    refused = runner.invoke(
        app, ["brochure", "--lang", "en", "--strict", "-o", str(strict), "--repo", str(root)]
    )
    assert refused.exit_code == 1
    assert refused.stderr.startswith("intstrat: the brochure is incomplete (--strict)")
    assert not strict.exists()
    # The Swedish brochure falls back on nothing.
    swedish = runner.invoke(app, ["brochure", "-o", str(tmp_path / "sv.html"), "--repo", str(root)])
    assert swedish.exit_code == 0
    assert swedish.stderr.startswith("wrote ")  # and no warning

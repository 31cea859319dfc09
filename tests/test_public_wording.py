"""Documents for the public say nothing about the data format.

Every output a coordinator hands on (the report as Markdown, HTML, PDF and Word,
the brochure as HTML and PDF, the follow-up of the mandate period as Markdown,
HTML and Word), of the example data and of tools/look-repo (no
featured projects, no English, reach without units), in Swedish and English:
no YAML key such as `featured`, no `true`/`false`, no "intstrat.yaml", no
hyphenated record id where a name belongs, no bracket right after a bracket
("Union of the Baltic Cities (UBC) (nätverk, …)").
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from pathlib import Path

import pytest

from intstrat.documents.brochure import build_brochure
from intstrat.documents.followup import build_followup
from intstrat.documents.render import render
from intstrat.documents.report import build_report
from intstrat.formats import DocumentFormat as Format
from intstrat.loading.repository import Repository, load_repository

ROOT = Path(__file__).resolve().parent.parent
REPOSITORIES = {"example": ROOT, "strain": ROOT / "tools" / "look-repo"}

#: Words of the data format that must not reach a reader.
FORMAT_WORDS = re.compile(
    r"\bfeatured\b|intstrat\.yaml|\b(true|false|null)\b|\b(ange|give) (unit|year|period)\b|"
    r"(?:^|[{,]\s*)(sdgs|owner|outcome|kind|status|cover_image|dac_sector|area_km2|org_number|"
    r"compensate_flights|contact_per_unit)\s*:|\b(staff-time|in-kind)\b",
    re.M,
)


def visible_text(document: str | bytes, fmt: Format) -> str:
    """What a reader sees: HTML without its markup and styles, PDF and Word as text."""
    if fmt is Format.HTML:
        assert isinstance(document, str)
        text = re.sub(r"<(style|script)\b.*?</\1>", " ", document, flags=re.S)
        return html.unescape(re.sub(r"<[^>]+>", " ", text))
    if fmt is Format.PDF:
        from pypdf import PdfReader

        assert isinstance(document, bytes)
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(document)).pages)
    if fmt is Format.DOCX:
        from docx import Document

        assert isinstance(document, bytes)
        word = Document(io.BytesIO(document))
        parts = [p.text for p in word.paragraphs]
        parts += [c.text for t in word.tables for row in t.rows for c in row.cells]
        for section in word.sections:
            parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
        return "\n".join(parts)
    assert isinstance(document, str)
    return document


def record_ids(repo: Repository) -> set[str]:
    """Ids a reader would never say: the hyphenated ones (`jb-marks`, `sekos-2`)."""
    config = repo.config
    assert config is not None
    ids = {*repo.projects, *repo.partners}
    ids |= {u.id for u in config.units} | {t.id for t in config.themes}
    ids |= {t.id for t in [*config.forms, *config.goals]}
    return {i for i in ids if "-" in i}


@pytest.fixture(scope="module", params=list(REPOSITORIES))
def repo(request: pytest.FixtureRequest) -> tuple[Path, Repository]:
    root = REPOSITORIES[request.param]
    return root, load_repository(root)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_format_wording_in_any_document(repo: tuple[Path, Repository], lang: str) -> None:
    root, data = repo
    report = build_report(data, 2023, lang, today=dt.date(2024, 2, 1))  # type: ignore[arg-type]
    brochure = build_brochure(data, lang)  # type: ignore[arg-type]
    followup = build_followup(data, 2023, 2026, lang, today=dt.date(2024, 2, 1))  # type: ignore[arg-type]
    outputs = [(report, Format.MD), (report, Format.HTML), (report, Format.DOCX),
               (brochure, Format.HTML), (followup, Format.MD), (followup, Format.HTML),
               (followup, Format.DOCX)]  # fmt: skip
    if lang == "sv":  # printed from the same HTML; once is enough for the slow part
        outputs += [(report, Format.PDF), (brochure, Format.PDF)]
    ids = record_ids(data)
    for document, fmt in outputs:
        text = visible_text(render(document, fmt, root), fmt)
        where = f"{type(document).__name__} {fmt} {lang}"
        assert not FORMAT_WORDS.search(text), (where, FORMAT_WORDS.search(text))
        # A name that ends in brackets takes its details otherwise: never "(UBC) (nätverk".
        doubled = re.search(r".{0,40}\)\s+\(.{0,20}", text)
        assert not doubled, (where, doubled)
        leaked = {i for i in ids if re.search(rf"(?<![\w/.-]){re.escape(i)}(?![\w/.-])", text)}
        assert not leaked, (where, leaked)

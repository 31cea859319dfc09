"""The follow-up printed to PDF: no page left mostly empty by a table kept whole.

On the example data the trends table went whole to page 3, leaving page 2 with its two
charts alone, and the comparison started a page of its own, leaving the travel table
alone on the page before. Tables now break between their rows, or their groups of rows,
with the header repeated, and a heading stays with what follows it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from intstrat.documents.followup import build_followup
from intstrat.documents.render import render
from intstrat.loading.repository import load_repository
from tests.followups import PROJECTS, followup_repo

ROOT = Path(__file__).resolve().parent.parent


def pdf_pages(root: Path) -> list[list[str]]:
    """The follow-up 2023-2026 of `root` as PDF, the lines of each page."""
    from io import BytesIO

    from pypdf import PdfReader

    f = build_followup(load_repository(root), 2023, 2026, today=dt.date(2026, 11, 30))
    pdf = render(f, "pdf", root)
    assert isinstance(pdf, bytes)
    return [
        [line.strip() for line in page.extract_text().splitlines()]
        for page in PdfReader(BytesIO(pdf)).pages
    ]


@pytest.fixture(scope="module")
def pages() -> list[list[str]]:
    return pdf_pages(ROOT)


def page_of(pages: list[list[str]], line: str) -> int:
    return next(i for i, lines in enumerate(pages) if line in lines)


HEADER = "Uppgift 2023 2024 2025 2026 2023–2026"


def test_the_trends_table_starts_under_its_charts(tmp_path: Path) -> None:
    """Sjöby with reach in all four units: a trends table too long for the rest of the
    charts' page (kept whole, it went to the next page and left the charts alone)."""
    beta = PROJECTS["beta"].replace(
        "          - {count: 12, who: skolor, unit: organisations, year: 2024}",
        """          - {count: 12, who: skolor, unit: organisations, year: 2024}
          - {count: 20, who: familjer, unit: households, year: 2025}
          - {count: 3, who: orter, unit: places, year: 2026}""",
    )
    assert beta != PROJECTS["beta"]
    pages = pdf_pages(followup_repo(tmp_path, {**PROJECTS, "beta": beta}))
    trends = page_of(pages, "Utvecklingen år för år")
    # The table's header and first group are on the charts' page...
    assert HEADER in pages[trends] and "VERKSAMHET" in pages[trends]
    # ... and it goes on with a whole group under its header repeated, the notes with it.
    results = page_of(pages, "RESULTAT")
    assert results == trends + 1
    lines = pages[results]
    assert lines.index(HEADER) < lines.index("RESULTAT")
    assert any(line.startswith("– betyder att det inte finns något att summera") for line in lines)


def test_the_comparison_follows_the_travel_table_on_its_page(pages: list[list[str]]) -> None:
    assert page_of(pages, "Jämfört med föregående period") == page_of(
        pages, "Resor och klimatkompensation"
    )
    # A heading is never the last line of a page: its table starts under it.
    comparison = page_of(pages, "Jämfört med föregående period")
    assert "Uppgift 2019–2022 2023–2026 Förändring" in pages[comparison]

"""The follow-up's HTML in a real browser at a phone's and a desktop's width.

The page is never wider than the screen: every table scrolls sideways in its own box
(saying so) with no word split inside, and every chart shrinks to the width it is
given. Measured in headless Chromium on the example data, where a phone's page was
497 px wide (tests/test_report_browser.py does the same for the annual summary).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from intstrat.documents.followup import build_followup
from intstrat.documents.render import render_text
from intstrat.formats import DocumentFormat as Format
from intstrat.loading.repository import load_repository
from tests.test_report_browser import BROKEN_WORDS, show
from tests.test_site_browser import MISSING, browser  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    MISSING and not __import__("os").environ.get("CI"), reason="headless Chromium is not installed"
)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built = build_followup(load_repository(ROOT), 2023, 2026, today=dt.date(2026, 11, 30))
    path = tmp_path_factory.mktemp("followup") / "followup.html"
    path.write_text(render_text(built, Format.HTML, ROOT), encoding="utf-8")
    return path


#: Elements reaching past the right edge of the window that no scrolling box holds.
PAST_THE_EDGE = """
const width = document.documentElement.clientWidth;
const past = [];
for (const el of document.body.querySelectorAll('*')) {
  const box = el.getBoundingClientRect();
  if (box.width === 0 || box.right <= width + 0.5) continue;
  let held = false;
  for (let up = el.parentElement; up && up !== document.body; up = up.parentElement)
    if (getComputedStyle(up).overflowX !== 'visible') { held = true; break; }
  if (!held) past.push(el.tagName + ' ' + (el.textContent || '').trim().slice(0, 40));
}
return past;
"""

#: Each table: whether a box of its own scrolls it, and the box's swipe hint.
TABLES = """
return [...document.querySelectorAll('main table')].map(t => {
  const box = t.parentElement;
  return [t.className, getComputedStyle(box).overflowX, box.dataset.swipe || ''];
});
"""

#: Each chart: its drawn width, the width its figure gives it, what scrolls inside it,
#: how its figure overflows and the figure's swipe hint.
CHARTS = """
return [...document.querySelectorAll('figure.chart')].map(f => {
  const svg = f.querySelector('svg').getBoundingClientRect();
  return [Math.round(svg.width), f.clientWidth, f.scrollWidth - f.clientWidth,
          getComputedStyle(f).overflowX, getComputedStyle(f, '::before').content];
});
"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_follow_up_fits_the_screen_at_phone_and_desktop_width(
    browser: Any,  # noqa: F811
    page: Path,
    width: int,
) -> None:
    show(browser, page, width)
    assert browser.execute_script("return document.documentElement.scrollWidth") <= width
    assert browser.execute_script(PAST_THE_EDGE) == []
    # Every table, the results and partners too, scrolls in a box of its own.
    tables = browser.execute_script(TABLES)
    assert {c for c, _, _ in tables} >= {"results-list", "partners", "years funding"}
    assert all(overflow == "auto" and hint.startswith("Svep") for _, overflow, hint in tables)
    # Every chart (trends, funding, strategic areas, SDGs): on a desktop as wide as its
    # figure, nothing hidden; on a phone at a size its words can be read at (drawn 580 px
    # wide or more, its smallest words, 6 of the 504 units of its width, are 7 px; shrunk
    # to the screen they were 4), swiped in its own box, saying so.
    charts = browser.execute_script(CHARTS)
    assert len(charts) == 4
    if width >= 1000:
        assert all(drawn <= given and hidden == 0 for drawn, given, hidden, _, _ in charts)
    else:
        assert all(drawn >= 580 and hidden > 0 for drawn, given, hidden, _, _ in charts), charts
        assert all(o == "auto" and "Svep i diagrammet" in hint for *_, o, hint in charts)
    # No word split inside ("Kommunledningsförvaltningen", "energigemenskaper").
    assert browser.execute_script(BROKEN_WORDS) == []

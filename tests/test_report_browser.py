"""The HTML report in a real browser at a phone's and a desktop's width.

What a reader sees, measured in headless Chromium: nothing wider than the
screen, no text overlapping other text, no amount or date across two lines, no
word broken without a hyphen, a legible chart, and no WCAG 2.1 AA violation
that axe-core finds. Uses the browser of tests/test_site_browser.py (skips
without Chromium, fails in CI).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from intstrat.documents.render import render_text
from intstrat.documents.report import build_report
from intstrat.formats import DocumentFormat as Format
from intstrat.loading.repository import load_repository
from tests.test_site_browser import MISSING, axe, browser, report  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
STRAIN = ROOT / "tools" / "look-repo"

pytestmark = pytest.mark.skipif(
    MISSING and not __import__("os").environ.get("CI"), reason="headless Chromium is not installed"
)


@pytest.fixture(scope="module", params=["example", "strain"])
def page(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = ROOT if request.param == "example" else STRAIN
    built = build_report(load_repository(root), 2023, "sv", today=dt.date(2024, 2, 1))
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_text(built, Format.HTML, root), encoding="utf-8")
    return path


def show(browser: Any, page: Path, width: int) -> None:  # noqa: F811
    browser.set_window_size(width, 900)
    browser.get(page.as_uri())
    inner = browser.execute_script("return window.innerWidth")
    if inner != width:  # the window's frame is not part of the page
        browser.set_window_size(2 * width - inner, 900)
        browser.get(page.as_uri())
    assert browser.execute_script("return window.innerWidth") == width


#: Words split across lines without a hyphen: a word whose letters lie on two lines.
BROKEN_WORDS = """
const broken = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode;
  if (node.parentElement.closest('.visually-hidden, caption.visually-hidden')) continue;
  const re = /[^\\s\\u00a0\\u00ad\\u2009\\u202f\\u2013-]+/g;
  let m;
  while ((m = re.exec(node.data))) {
    const range = document.createRange();
    // After a soft hyphen Chromium counts the drawn hyphen into the next letter's box.
    range.setStart(node, m.index + (node.data[m.index - 1] === '\u00ad' ? 1 : 0));
    range.setEnd(node, m.index + m[0].length);
    const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
    if (tops.size > 1) broken.push(m[0]);
  }
}
return broken;
"""

#: Amounts and dates that run over two lines ("610 00 / 0 kr", "8 maj / 2023").
SPLIT_VALUES = """
const split = [];
for (const el of document.querySelectorAll('td.num, td.date, .tag, .outcome')) {
  const range = document.createRange();
  range.selectNodeContents(el.querySelector('.line, .outcome') || el);
  if (el.classList.contains('date') && el.textContent.includes('\\u2013 ')) continue;  // breaks after a spaced dash
  const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
  if (tops.size > 1) split.push(el.textContent.trim());
}
return split;
"""

#: Cells whose boxes overlap another cell of the same row.
OVERLAPS = """
const overlaps = [];
for (const row of document.querySelectorAll('tr')) {
  const cells = [...row.children].map(c => [c, c.getBoundingClientRect()]).filter(([c, r]) => r.width && r.height);
  for (let i = 0; i < cells.length; i++) for (let j = i + 1; j < cells.length; j++) {
    const a = cells[i][1], b = cells[j][1];
    if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
      overlaps.push(cells[i][0].textContent.trim().slice(0, 30) + ' / ' + cells[j][0].textContent.trim().slice(0, 30));
  }
}
return overlaps;
"""

#: Elements whose content is wider than their box (text running out of a cell).
OVERFLOWING = """
return [...document.querySelectorAll('td, th, .figure, h1, h2, h3')]
  .filter(el => el.scrollWidth > el.clientWidth + 1)
  .map(el => el.tagName + ': ' + el.textContent.trim().slice(0, 40));
"""


@pytest.mark.parametrize("width", [390, 1280])
def test_report_reads_cleanly_at_phone_and_desktop_width(
    browser: Any,  # noqa: F811
    page: Path,
    width: int,
) -> None:
    show(browser, page, width)
    assert browser.execute_script("return document.documentElement.scrollWidth") <= width
    assert browser.execute_script(OVERFLOWING) == []
    assert browser.execute_script(OVERLAPS) == []
    assert browser.execute_script(SPLIT_VALUES) == []
    assert browser.execute_script(BROKEN_WORDS) == []


def test_on_a_phone_tables_become_cards_and_the_chart_stays_legible(
    browser: Any,  # noqa: F811
    page: Path,
) -> None:
    show(browser, page, 390)
    # Each project is a card: its rows stacked, the column names as labels.
    card = browser.execute_script(
        "const b = document.querySelector('table.projects tbody');"
        "const cells = [...b.querySelectorAll('td')].map(c => c.getBoundingClientRect());"
        "return {display: getComputedStyle(b).display, lefts: cells.map(r => Math.round(r.left)),"
        " label: getComputedStyle(b.querySelector('td[data-label]'), '::before').content};"
    )
    assert card["display"] == "block"
    assert len(set(card["lefts"])) == 1, "the cells of a card stand under each other"
    assert card["label"] == '"Partner"'
    # The chart's goal names and counts are text of a readable size, beside their bars.
    sizes = browser.execute_script(
        "return [...document.querySelectorAll('table.bars th, table.bars .n')]"
        ".map(e => parseFloat(getComputedStyle(e).fontSize));"
    )
    assert sizes and min(sizes) >= 11


def test_the_report_has_no_wcag_violation(browser: Any, page: Path) -> None:  # noqa: F811
    show(browser, page, 1280)
    violations = axe(browser)
    assert violations == [], report(violations)

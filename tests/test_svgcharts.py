"""The follow-up's charts written as SVG (`documents/svgcharts.py`).

The figures they show are the follow-up's (tests/test_followup.py); here: bars
in proportion to their values, whole-number ticks, the words escaped and kept
inside the drawing, and no matplotlib for HTML.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from intstrat.documents.svgcharts import (
    LABELS,
    WIDTH,
    area_svg,
    funding_svg,
    sdg_svg,
    text_width,
    trend_svg,
)
from tests.followups import followup_repo

SVG = "{http://www.w3.org/2000/svg}"


@dataclass(frozen=True)
class Goal:
    number: int
    title: str
    colour: str
    count: int


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # well-formed XML, or this raises


def bars(root: ET.Element) -> list[tuple[str, float]]:
    """(fill, width) of each bar, in order."""
    return [(r.get("fill") or "", float(r.get("width") or 0)) for r in root.iter(f"{SVG}rect")]


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def test_sdg_bars_are_in_proportion_in_their_colours_with_their_counts() -> None:
    goals = [Goal(3, "God hälsa", "#4c9f38", 2), Goal(4, "God utbildning", "#c5192d", 4),
             Goal(5, "Jämställdhet", "#ff3a21", 0)]  # fmt: skip
    root = parse(sdg_svg(goals, "Antal", "Stapeldiagram: antal projekt per globalt mål"))
    assert root.get("aria-label") == "Stapeldiagram: antal projekt per globalt mål"
    drawn = dict(bars(root))
    assert set(drawn) == {"#4c9f38", "#c5192d"}  # no bar for a goal without work
    assert abs(drawn["#c5192d"] - 2 * drawn["#4c9f38"]) < 0.01
    words = texts(root)
    assert {"3. God hälsa", "4. God utbildning", "5. Jämställdhet", "Antal"} <= set(words)
    assert words.count("2") >= 2 and words.count("4") >= 2  # the counts, and the ticks


def test_trend_ticks_are_whole_numbers_and_bars_grouped_per_year() -> None:
    svg = trend_svg(
        ["2023", "2024"],
        [("Verksamhet", [("Pågående", [11, 6], "#19486a"), ("Startade", [3, 0], "#5b8db8")])],
        "Diagram",
    )
    root = parse(svg)
    # Two bars of running, one of started (none for 0), and two legend squares.
    running = [
        float(r.get("height") or 0) for r in root.iter(f"{SVG}rect") if r.get("fill") == "#19486a"
    ]
    assert len(running) == 3  # 11, 6 and the legend's square
    assert abs(running[0] / running[1] - 11 / 6) < 0.01
    ticks = [t for t in texts(root) if t.isdigit() and len(t) <= 2]
    assert ticks == ["0", "2", "4", "6", "8", "10"]


def test_words_from_records_are_escaped_and_long_ones_cut_to_fit() -> None:
    hostile = '<script>alert("x")</script> & Co'
    long_name = "Ett mycket långt namn på ett strategiskt område " * 4
    svg = area_svg([hostile, long_name], ["2023", "2024"], [[1, 2], [3, 0]], "Pågående", "Alt")
    assert "<script>" not in svg
    root = parse(svg)
    words = texts(root)
    assert hostile in words  # as text, not markup
    cut = next(w for w in words if w.startswith("Ett mycket"))
    assert cut.endswith("…") and text_width(cut, 8) <= LABELS < text_width(long_name, 8)
    assert LABELS < WIDTH


def test_funding_keeps_currencies_apart_and_shows_the_previous_period() -> None:
    svg = funding_svg(
        [("EUR", [("Erasmus+", 48000, "48 000 €", 250000, "250 000 €")]),
         ("SEK", [("ICLD", 2500000, "2 500 000 kr", None, "")])],
        "Diagram", "2023–2026", "2019–2022",
    )  # fmt: skip
    root = parse(svg)
    words = texts(root)
    assert [w for w in words if w in ("EUR", "SEK")] == ["EUR", "SEK"]
    assert {"48 000 €", "250 000 €", "2 500 000 kr", "2023–2026", "2019–2022"} <= set(words)
    widths = [w for _, w in bars(root)]
    # In each panel the largest bar takes the same share of the axis (1/1.3).
    assert abs(max(widths[:2]) - widths[2]) < 0.01


def test_html_follow_up_needs_no_matplotlib(tmp_path: Path) -> None:
    """The HTML's charts are written directly; importing matplotlib alone took 0.5 s."""
    root = followup_repo(tmp_path / "sjoby")
    script = (
        "import sys\nfrom pathlib import Path\n"
        "from intstrat.loading.repository import load_repository\n"
        "from intstrat.documents.followup import build_followup\n"
        "from intstrat.documents.render import render\n"
        f"root = Path({str(root)!r})\n"
        "f = build_followup(load_repository(root), 2023, 2026)\n"
        "html = render(f, 'html', root)\n"
        "assert html.count('<svg ') == 4, html.count('<svg ')\n"
        "print('matplotlib' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"

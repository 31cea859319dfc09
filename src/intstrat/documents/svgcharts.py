"""The follow-up's charts as SVG written directly, for HTML and PDF.

They are bars, axes and words. Drawn with matplotlib they cost about 1.5 s of the
follow-up of 10,000 projects (half of it importing matplotlib and numpy, the rest
laying out and drawing each chart twice); written here they take a few
milliseconds. They keep matplotlib's look (`charts.py`: the same sizes in points,
DejaVu Sans, colours, integer ticks, legends) and their words stay text. Word
still gets matplotlib's PNG of the same figures (`followup.charts(png=True)`).

Every word in a chart may come from a record (an area's or a funder's name), so
every text is escaped. The label column is as wide as the longest label, measured
with the font's advance widths below, as matplotlib's tight layout would.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from intstrat.documents.charts import (
    ACCENT,
    ACCENT_LIGHT,
    Bar,
    Series,
)

#: Advance widths of DejaVu Sans (the charts' font, as matplotlib's) in thousandths of an
#: em, for U+0020-U+007E and U+00A0-U+017F, read from matplotlib's copy of the font with
#: `FT2Font.load_char(c, LoadFlags.NO_SCALE).horiAdvance / units_per_EM`.
_ASCII = (
    318,
    401,
    460,
    838,
    636,
    950,
    780,
    275,
    390,
    390,
    500,
    838,
    318,
    361,
    318,
    337,
    636,
    636,
    636,
    636,
    636,
    636,
    636,
    636,
    636,
    636,
    337,
    337,
    838,
    838,
    838,
    531,
    1000,
    684,
    686,
    698,
    770,
    632,
    575,
    775,
    752,
    295,
    295,
    656,
    557,
    863,
    748,
    787,
    603,
    787,
    695,
    635,
    611,
    732,
    684,
    989,
    685,
    611,
    685,
    390,
    337,
    390,
    838,
    500,
    500,
    613,
    635,
    550,
    635,
    615,
    352,
    635,
    634,
    278,
    278,
    579,
    278,
    974,
    634,
    612,
    635,
    635,
    411,
    521,
    392,
    634,
    592,
    818,
    592,
    592,
    525,
    636,
    337,
    636,
    838,
)
_LATIN = (
    318,
    401,
    636,
    636,
    636,
    636,
    337,
    500,
    500,
    1000,
    471,
    612,
    838,
    361,
    1000,
    500,
    500,
    838,
    401,
    401,
    500,
    636,
    636,
    318,
    500,
    401,
    471,
    612,
    969,
    969,
    969,
    531,
    684,
    684,
    684,
    684,
    684,
    684,
    974,
    698,
    632,
    632,
    632,
    632,
    295,
    295,
    295,
    295,
    775,
    748,
    787,
    787,
    787,
    787,
    787,
    838,
    787,
    732,
    732,
    732,
    732,
    611,
    605,
    630,
    613,
    613,
    613,
    613,
    613,
    613,
    982,
    550,
    615,
    615,
    615,
    615,
    278,
    278,
    278,
    278,
    612,
    634,
    612,
    612,
    612,
    612,
    612,
    838,
    612,
    634,
    634,
    634,
    634,
    592,
    635,
    592,
    684,
    613,
    684,
    613,
    684,
    613,
    698,
    550,
    698,
    550,
    698,
    550,
    698,
    550,
    770,
    635,
    775,
    635,
    632,
    615,
    632,
    615,
    632,
    615,
    632,
    615,
    632,
    615,
    775,
    635,
    775,
    635,
    775,
    635,
    775,
    635,
    752,
    634,
    916,
    695,
    295,
    278,
    295,
    278,
    295,
    278,
    295,
    278,
    295,
    278,
    590,
    556,
    295,
    278,
    656,
    579,
    579,
    557,
    278,
    557,
    278,
    557,
    375,
    557,
    342,
    562,
    284,
    748,
    634,
    748,
    634,
    748,
    634,
    813,
    748,
    634,
    787,
    612,
    787,
    612,
    787,
    612,
    1070,
    1023,
    695,
    411,
    695,
    411,
    695,
    411,
    635,
    521,
    635,
    521,
    635,
    521,
    635,
    521,
    611,
    392,
    611,
    392,
    611,
    392,
    732,
    634,
    732,
    634,
    732,
    634,
    732,
    634,
    732,
    634,
    732,
    634,
    989,
    818,
    611,
    592,
    611,
    685,
    525,
    685,
    525,
    685,
    525,
    352,
)
_WIDTHS: dict[int, int] = {
    **dict(zip(range(0x20, 0x7F), _ASCII, strict=True)),
    **dict(zip(range(0xA0, 0x180), _LATIN, strict=True)),
    **{0x2013: 500, 0x2014: 1000, 0x2212: 838, 0x20AC: 636, 0x2026: 1000, 0x2019: 318, 0x201D: 518},
}

FONT = (
    "'DejaVu Sans', 'Bitstream Vera Sans', 'Lucida Grande', 'Verdana', 'Arial', "
    "'Helvetica', sans-serif"
)
#: The grey of secondary words (the periods, the previous period's amounts).
GREY = "#5a6573"
#: The figure's width in points (7 inches, as the matplotlib charts).
WIDTH = 504.0
#: matplotlib's defaults: ticks 3.5 pt long, labels 3.5 pt from them, lines 0.8 pt.
TICK, PAD, LINE = 3.5, 3.5, 0.8
#: Room around the drawing (matplotlib's tight layout leaves 1.08 of 10 pt).
MARGIN = 8.0


def text_width(text: str, size: float) -> float:
    """The width of `text` in DejaVu Sans at `size` points (unknown letters as a digit)."""
    return sum(_WIDTHS.get(ord(c), 636) for c in text) * size / 1000


#: The width of a space, in ems: a value stands that far after its bar (as " 4" would in
#: matplotlib; SVG drops a leading space).
_SPACE = _WIDTHS[0x20] / 1000


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


class _Svg:
    """An SVG drawing in points, element by element."""

    def __init__(self, height: float) -> None:
        self.height = height
        self.parts: list[str] = []

    def rect(self, x: float, y: float, w: float, h: float, fill: str) -> None:
        if w > 0 and h > 0:
            self.parts.append(
                f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" fill="{fill}"/>'
            )

    def line(
        self, x1: float, y1: float, x2: float, y2: float, colour: str = "#000000",
        dotted: bool = False,
    ) -> None:  # fmt: skip
        dash = ' stroke-dasharray="0.8,1.32"' if dotted else ""
        self.parts.append(
            f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
            f'stroke="{colour}" stroke-width="{_n(LINE if not dotted else 1)}"{dash}/>'
        )

    def text(
        self, x: float, y: float, text: str, size: float, anchor: str = "start",
        colour: str = "#000000", middle: bool = False,
    ) -> None:  # fmt: skip
        """Words at `x`; `y` is their baseline, or their middle with `middle`."""
        if middle:
            y += size * 0.36
        self.parts.append(
            f'<text x="{_n(x)}" y="{_n(y)}" style="font-size: {_n(size)}px; '
            f'font-family: {FONT}; text-anchor: {anchor}; fill: {colour}">{escape(text)}</text>'
        )

    def svg(self, title: str) -> str:
        h = _n(self.height)
        return (
            f'<svg role="img" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" '
            f'width="{_n(WIDTH)}pt" height="{h}pt" viewBox="0 0 {_n(WIDTH)} {h}" version="1.1">'
            + "".join(self.parts)
            + "</svg>"
        )


def _ticks(top: float, length: float, size: float) -> list[int]:
    """Whole-number ticks from 0 up to `top`, 1, 2 or 5 times a power of ten apart, as
    many as fit `length` points with labels of `size` (matplotlib's MaxNLocator)."""
    most = max(1, min(10, int(length // (size * 2))))
    step = 1
    while True:
        for factor in (1, 2, 5):
            if math.floor(top / (step * factor)) <= most:
                step *= factor
                return list(range(0, math.floor(top) + 1, step))
        step *= 10


def _top(values: Sequence[float]) -> float:
    """The axis' end: 5 % above the largest value, as matplotlib's margins (1 if none)."""
    largest = max([*values, 0])
    return largest * 1.05 if largest > 0 else 1.0


def _shade(light: str, dark: str, t: float) -> str:
    """The colour `t` of the way from `light` to `dark` (matplotlib's colour map of two)."""
    a = [int(light[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(dark[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b, strict=True))


# ---------------------------------------------------------------------- the charts


def trend_svg(
    years: Sequence[str],
    panels: Sequence[tuple[str, Sequence[Series]]],
    title: str,
    divider: int | None = None,
    spans: tuple[str, str] = ("", ""),
) -> str:
    """Grouped bars per year, a panel per group of series side by side (`trend_chart`)."""
    height = 165.6
    svg = _Svg(height)
    gap = 24.0
    panel_width = (WIDTH - 2 * MARGIN - gap * (len(panels) - 1)) / max(len(panels), 1)
    plot_top = MARGIN + 9 + (14 if divider else 6)
    legend_y = height - MARGIN - 3.5
    plot_bottom = legend_y - 3.5 - 6 - 8 - PAD - TICK
    for p, (heading, series) in enumerate(panels):
        left = MARGIN + p * (panel_width + gap)
        largest = max((v for _, values, _ in series for v in values), default=0)
        top = _top([largest])
        ticks = _ticks(top, plot_bottom - plot_top, 8)
        label_width = max(text_width(str(t), 8) for t in ticks)
        x0 = left + label_width + PAD + TICK
        x1 = left + panel_width
        svg.text(x0, MARGIN + 9, heading, 9, colour=ACCENT)

        lo, hi = -0.4, len(years) - 1 + 0.4
        pad = (hi - lo) * 0.05
        lo, hi = lo - pad, hi + pad

        def x(v: float, x0: float = x0, x1: float = x1, lo: float = lo, hi: float = hi) -> float:
            return x0 + (v - lo) / (hi - lo) * (x1 - x0)

        def y(v: float, top: float = top) -> float:
            return plot_bottom - v / top * (plot_bottom - plot_top)

        width = 0.8 / max(len(series), 1)
        for i, (_, values, colour) in enumerate(series):
            for j, value in enumerate(values):
                start = j - 0.4 + width * i
                svg.rect(x(start), y(value), x(start + width) - x(start), y(0) - y(value), colour)
        if divider:
            svg.line(x(divider - 0.5), plot_top, x(divider - 0.5), plot_bottom, GREY, True)
            for centre, text in (
                (divider / 2 - 0.5, spans[0]),
                ((divider + len(years)) / 2 - 0.5, spans[1]),
            ):
                svg.text(x(centre), plot_top - 2, text, 7, "middle", GREY)
        svg.line(x0, plot_top, x0, plot_bottom)
        svg.line(x0, plot_bottom, x1, plot_bottom)
        for t in ticks:
            svg.line(x0 - TICK, y(t), x0, y(t))
            svg.text(x0 - TICK - PAD, y(t), str(t), 8, "end", middle=True)
        for j, year in enumerate(years):
            svg.line(x(j), plot_bottom, x(j), plot_bottom + TICK)
            svg.text(x(j), plot_bottom + TICK + PAD + 8 * 0.76, year, 8, "middle")
        _legend_row(svg, x0, legend_y, [(label, colour) for label, _, colour in series])
    return svg.svg(title)


def _legend_row(svg: _Svg, x: float, y: float, entries: Sequence[tuple[str, str]]) -> None:
    """Colour squares and their labels in a row, `y` their middle (7 pt words)."""
    for label, colour in entries:
        svg.rect(x, y - 2.45, 7, 4.9, colour)
        svg.text(x + 7 + 5.6, y, label, 7, middle=True)
        x += 7 + 5.6 + text_width(label, 7) + 7


#: The most of the width a horizontal bar chart's labels take; a longer one is cut short.
LABELS = WIDTH * 0.55


def _label_column(labels: Sequence[str], size: float) -> float:
    """The width left of a horizontal bar chart's axis: its longest label, at most `LABELS`."""
    widest = max((text_width(label, size) for label in labels), default=0)
    return min(widest, LABELS) + PAD + TICK


def _fit(label: str, size: float) -> str:
    """`label`, cut short with "…" if it is wider than `LABELS`."""
    if text_width(label, size) <= LABELS:
        return label
    while label and text_width(label + "…", size) > LABELS:
        label = label[:-1]
    return label.rstrip() + "…"


def funding_svg(
    panels: Sequence[tuple[str, Sequence[tuple[str, float, str, float | None, str]]]],
    title: str,
    now_label: str,
    before_label: str = "",
) -> str:
    """Amounts per funder, a panel per currency one under the other (`funding_chart`),
    each headed by its first item (the currency, or what the caller says of it)."""
    rows = sum(len(bars) for _, bars in panels)
    compare = any(b[3] is not None for _, bars in panels for b in bars)
    height = 72 * (0.42 * rows + 0.55 * len(panels) + 0.4)
    svg = _Svg(height)
    bottom = height - MARGIN - (12 if compare else 0)
    x0 = MARGIN + _label_column([b[0] for _, bars in panels for b in bars], 8)
    x1 = WIDTH - MARGIN
    # The panels share the height by their number of bars, each with its heading.
    per_row = (bottom - MARGIN - 22 * len(panels)) / max(rows, 1)
    top = MARGIN
    for currency, bars in panels:
        plot_top = top + 16
        plot_bottom = plot_top + per_row * len(bars)
        svg.text(x0, top + 9, currency, 9, colour=ACCENT)
        widest = max([b[1] for b in bars] + [b[3] or 0 for b in bars] + [1]) * 1.3
        lo, hi = -0.5, len(bars) - 0.5
        thick = 0.38 if compare else 0.6

        def y(v: float, t: float = plot_top, b: float = plot_bottom, lo: float = lo,
              hi: float = hi) -> float:  # fmt: skip
            return t + (v - lo) / (hi - lo) * (b - t)

        def x(v: float, widest: float = widest) -> float:
            return x0 + v / widest * (x1 - x0)

        for i, (label, now, now_text, before, before_text) in enumerate(bars):
            centre = i - thick / 2 if compare else i
            svg.rect(x0, y(centre - thick / 2), x(now) - x0, y(thick) - y(0), ACCENT)
            if now:
                svg.text(x(now) + _SPACE * 7, y(centre), now_text, 7, middle=True)
            if compare:
                after = i + thick / 2
                svg.rect(x0, y(after - thick / 2), x(before or 0) - x0, y(thick) - y(0),
                         ACCENT_LIGHT)  # fmt: skip
                if before:
                    svg.text(x(before) + _SPACE * 7, y(after), before_text, 7, colour=GREY,
                             middle=True)  # fmt: skip
            svg.line(x0 - TICK, y(i), x0, y(i))
            svg.text(x0 - TICK - PAD, y(i), _fit(label, 8), 8, "end", middle=True)
        svg.line(x0, plot_top, x0, plot_bottom)
        top = plot_bottom + 6
    if compare:
        entries = [(now_label, ACCENT), (before_label, ACCENT_LIGHT)]
        total = sum(7 + 5.6 + text_width(label, 7) + 7 for label, _ in entries) - 7
        _legend_row(svg, (WIDTH - total) / 2, height - MARGIN - 3.5, entries)
    return svg.svg(title)


def _hbars(
    svg: _Svg,
    labels: Sequence[str],
    groups: Sequence[Sequence[tuple[float, str, str]]],
    thick: float,
    value_size: float,
    xlabel: str,
    top: float,
) -> tuple[float, float, float]:
    """Horizontal bars under each label, with whole-number ticks along the bottom and
    `xlabel` under them; each bar is (value, colour, its label). Returns the plot's
    left, right and bottom."""
    x0 = MARGIN + _label_column(labels, 8)
    x1 = WIDTH - MARGIN - 10
    plot_bottom = svg.height - MARGIN - 8 - PAD - 8 - PAD - TICK
    largest = max((v for group in groups for v, _, _ in group), default=0)
    end = _top([largest])
    ticks = _ticks(end, x1 - x0, 8 * 1.5)
    n = len(groups[0]) if groups else 1
    lo, hi = -0.5, len(labels) - 0.5  # about matplotlib's margins around the bars

    def x(v: float) -> float:
        return x0 + v / end * (x1 - x0)

    def y(v: float) -> float:
        return top + (v - lo) / (hi - lo) * (plot_bottom - top)

    height = thick / max(n, 1)
    for a, group in enumerate(groups):
        for i, (value, colour, text) in enumerate(group):
            start = a - thick / 2 + height * i
            svg.rect(x0, y(start), x(value) - x0, y(start + height) - y(start), colour)
            if value and text:
                svg.text(x(value) + _SPACE * value_size, y(start + height / 2), text, value_size,
                         middle=True)  # fmt: skip
        svg.line(x0 - TICK, y(a), x0, y(a))
        svg.text(x0 - TICK - PAD, y(a), _fit(labels[a], 8), 8, "end", middle=True)
    svg.line(x0, top, x0, plot_bottom)
    svg.line(x0, plot_bottom, x1, plot_bottom)
    for t in ticks:
        svg.line(x(t), plot_bottom, x(t), plot_bottom + TICK)
        svg.text(x(t), plot_bottom + TICK + PAD + 8 * 0.76, str(t), 8, "middle")
    svg.text((x0 + x1) / 2, svg.height - MARGIN, xlabel, 8, "middle")
    return x0, x1, plot_bottom


def area_svg(
    areas: Sequence[str],
    years: Sequence[str],
    counts: Sequence[Sequence[int]],
    xlabel: str,
    title: str,
) -> str:
    """Work running per area and year, a bar per year in shades of the accent (`area_chart`)."""
    svg = _Svg(72 * (0.13 * len(areas) * len(years) + 0.9))
    shades = [_shade(ACCENT_LIGHT, ACCENT, i / max(len(years) - 1, 1)) for i in range(len(years))]
    groups = [[(row[i], shades[i], str(row[i])) for i in range(len(years))] for row in counts]
    _, x1, bottom = _hbars(svg, areas, groups, 0.8, 6, xlabel, MARGIN)
    # The legend, lower right inside the plot: a year a line, the first on top.
    widest = max((text_width(year, 7) for year in years), default=0)
    x = x1 - widest - 7 - 5.6 - 4
    for i, year in enumerate(years):
        y = bottom - 6 - 9 * (len(years) - 1 - i)
        svg.rect(x, y - 2.45, 7, 4.9, shades[i])
        svg.text(x + 7 + 5.6, y, year, 7, middle=True)
    return svg.svg(title)


def sdg_svg(goals: Sequence[Bar], xlabel: str, title: str) -> str:
    """A bar per goal in its official colour, its number of projects after it."""
    shown = list(goals)
    svg = _Svg(72 * (0.3 * len(shown) + 0.7))
    labels = [f"{g.number}. {g.title}" for g in shown]
    groups = [[(float(g.count), g.colour, str(g.count))] for g in shown]
    _hbars(svg, labels, groups, 0.7, 8, xlabel, MARGIN)
    return svg.svg(title)

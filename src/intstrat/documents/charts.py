"""Charts for documents: SVG for HTML and PDF, PNG for Word, from one drawing.

matplotlib is imported here only, so `check` never pays for it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


class Bar(Protocol):
    @property
    def number(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def colour(self) -> str: ...
    @property
    def count(self) -> int: ...


def _sdg_figure(goals: Sequence[Bar], xlabel: str) -> Figure:
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    shown = list(goals)
    figure = Figure(figsize=(7.0, 0.3 * len(shown) + 0.7), dpi=100)
    axes = figure.add_subplot()
    positions = range(len(shown))
    axes.barh(positions, [g.count for g in shown], color=[g.colour for g in shown], height=0.7)
    axes.set_yticks(list(positions), [f"{g.number}. {g.title}" for g in shown], fontsize=8)
    axes.invert_yaxis()
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.tick_params(axis="x", labelsize=8)
    axes.set_xlabel(xlabel, fontsize=8)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for y, goal in zip(positions, shown, strict=True):
        if goal.count:
            axes.text(goal.count, y, f" {goal.count}", va="center", fontsize=8)
    figure.tight_layout()
    return figure


def sdg_chart_svg(goals: Sequence[Bar], xlabel: str, title: str) -> str:
    """A horizontal bar per goal in its official colour, as an inline SVG element."""
    from matplotlib import rcParams

    rcParams["svg.hashsalt"] = "intstrat"  # stable ids: the same data gives the same SVG
    rcParams["svg.fonttype"] = "path"
    buffer = io.StringIO()
    _sdg_figure(goals, xlabel).savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    from html import escape

    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(title)}" ', 1)


def sdg_chart_png(goals: Sequence[Bar], xlabel: str) -> bytes:
    buffer = io.BytesIO()
    _sdg_figure(goals, xlabel).savefig(buffer, format="png", dpi=200)
    return buffer.getvalue()


# ---------------------------------------------------------------------- the follow-up

#: The report's accent and two lighter shades of it; green and red as the report's outcomes.
ACCENT, ACCENT_MID, ACCENT_LIGHT = "#19486a", "#5b8db8", "#a9c4dc"
GRANTED, REJECTED = "#3f7e44", "#a21942"


def svg_of(figure: Figure, title: str) -> str:
    """A figure as an inline SVG element with an accessible name; the same data, the same SVG.

    Its words stay text (in the document's DejaVu Sans) instead of drawn outlines: a
    page of charts prints in half the time and the words can be found and copied.
    """
    from html import escape

    from matplotlib import rcParams

    rcParams["svg.hashsalt"] = "intstrat"
    rcParams["svg.fonttype"] = "none"
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(title)}" ', 1)


def png_of(figure: Figure) -> bytes:
    """A figure as PNG, for Word."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=200)
    return buffer.getvalue()


def _plain(axes: Axes) -> None:
    """The report's look: no top or right frame, small ticks."""
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=8)


Series = tuple[str, Sequence[float], str]
"""A named series of values, one per category, and its colour."""


def trend_chart(
    years: Sequence[str],
    panels: Sequence[tuple[str, Sequence[Series]]],
    divider: int | None = None,
    spans: tuple[str, str] = ("", ""),
) -> Figure:
    """Grouped bars per year, one panel per group of series (work; applications).

    `divider` is the index of the first year of the period when earlier years (the
    previous period) are shown before it: a dotted line separates the two, and `spans`
    names them along the top ("2019–2022", "2023–2026").
    """
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(7.0, 2.3), dpi=100)
    axes_list = figure.subplots(1, len(panels), squeeze=False)[0]
    for axes, (heading, series) in zip(axes_list, panels, strict=True):
        width = 0.8 / max(len(series), 1)
        for i, (label, values, colour) in enumerate(series):
            offsets = [x - 0.4 + width * (i + 0.5) for x in range(len(years))]
            axes.bar(offsets, list(values), width=width, color=colour, label=label)
        axes.set_xticks(list(range(len(years))), list(years), fontsize=7)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_title(heading, fontsize=9, loc="left", color=ACCENT, pad=14 if divider else 6)
        if divider:
            axes.axvline(divider - 0.5, color="#5a6573", linestyle=":", linewidth=1)
            # Which side is which period, along the top.
            for x, text in (
                (divider / 2 - 0.5, spans[0]),
                ((divider + len(years)) / 2 - 0.5, spans[1]),
            ):
                axes.text(x, 1.0, text, transform=axes.get_xaxis_transform(), ha="center",
                          va="bottom", fontsize=7, color="#5a6573")  # fmt: skip
        _plain(axes)
        axes.legend(
            fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(0, -0.1), ncol=3,
            handlelength=1, columnspacing=1,
        )  # fmt: skip
    figure.tight_layout()
    return figure


def funding_chart(
    panels: Sequence[tuple[str, Sequence[tuple[str, float, str, float | None, str]]]],
    now_label: str,
    before_label: str = "",
) -> Figure:
    """Amounts per funder, one panel per currency (currencies never share an axis).

    Each bar is (funder, amount, amount as text, the previous period's amount or None,
    that amount as text). One legend for all panels, below them.
    """
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    rows = sum(len(bars) for _, bars in panels)
    compare = any(b[3] is not None for _, bars in panels for b in bars)
    figure = Figure(figsize=(7.0, 0.42 * rows + 0.55 * len(panels) + 0.4), dpi=100)
    axes_list = figure.subplots(len(panels), 1, squeeze=False)[:, 0]
    for axes, (currency, bars) in zip(axes_list, panels, strict=True):
        positions = list(range(len(bars)))
        height = 0.38 if compare else 0.6
        now = [p - height / 2 if compare else p for p in positions]
        before = [p + height / 2 for p in positions]
        axes.barh(now, [b[1] for b in bars], height=height, color=ACCENT)
        if compare:
            axes.barh(before, [b[3] or 0 for b in bars], height=height, color=ACCENT_LIGHT)
        widest = max([b[1] for b in bars] + [b[3] or 0 for b in bars] + [1])
        axes.set_xlim(0, widest * 1.3)  # room for the amounts after the bars
        axes.set_yticks(positions, [b[0] for b in bars], fontsize=8)
        axes.invert_yaxis()
        axes.set_xticks([])
        axes.spines["bottom"].set_visible(False)
        axes.set_title(currency, fontsize=9, loc="left", color=ACCENT)
        for y, bar in zip(now, bars, strict=True):
            if bar[1]:
                axes.text(bar[1], y, f" {bar[2]}", va="center", fontsize=7)
        if compare:
            for y, bar in zip(before, bars, strict=True):
                if bar[3]:
                    axes.text(bar[3], y, f" {bar[4]}", va="center", fontsize=7, color="#5a6573")
        _plain(axes)
    if compare:
        figure.legend(
            handles=[Patch(color=ACCENT), Patch(color=ACCENT_LIGHT)],
            labels=[now_label, before_label],
            loc="lower center", ncol=2, fontsize=7, frameon=False,
        )  # fmt: skip
        figure.tight_layout(rect=(0, 0.06, 1, 1))
    else:
        figure.tight_layout()
    return figure


def area_chart(
    areas: Sequence[str],
    years: Sequence[str],
    counts: Sequence[Sequence[int]],
    xlabel: str,
) -> Figure:
    """Work running per area and year: a bar per year in shades of the accent colour."""
    from matplotlib.colors import LinearSegmentedColormap
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    shades = LinearSegmentedColormap.from_list("accent", [ACCENT_LIGHT, ACCENT])
    figure = Figure(figsize=(7.0, 0.13 * len(areas) * len(years) + 0.9), dpi=100)
    axes = figure.add_subplot()
    height = 0.8 / max(len(years), 1)
    for i, year in enumerate(years):
        colour = shades(i / max(len(years) - 1, 1))
        positions = [a - 0.4 + height * (i + 0.5) for a in range(len(areas))]
        values = [row[i] for row in counts]
        axes.barh(positions, values, height=height, color=colour, label=year)
        for y, value in zip(positions, values, strict=True):
            if value:
                axes.text(value, y, f" {value}", va="center", fontsize=6)
    axes.set_yticks(list(range(len(areas))), list(areas), fontsize=8)
    axes.invert_yaxis()
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlabel(xlabel, fontsize=8)
    _plain(axes)
    axes.legend(fontsize=7, frameon=False, loc="lower right")
    figure.tight_layout()
    return figure

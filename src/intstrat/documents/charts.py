"""Charts for documents: SVG for HTML and PDF, PNG for Word, from one drawing.

matplotlib is imported here only, so `check` never pays for it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
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

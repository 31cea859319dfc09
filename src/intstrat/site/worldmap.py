"""An inline SVG world map of countries, drawn from shapes shipped with intstrat.

`data/world.json` holds Natural Earth's 1:110m countries (public domain), projected
(Equal Earth) and simplified once by `scripts/world_map.py`: one path of all land, and
a path and a marker point per ISO 3166-1 alpha-2 code (XK for Kosovo). Countries too
small for that scale have only the point. Nothing is fetched: the map works offline
and in a page opened from a file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from markupsafe import Markup

ATTRIBUTION_FILE = "data/world.json"


@dataclass(frozen=True)
class WorldShapes:
    width: int
    height: int
    land: str
    paths: dict[str, str]
    points: dict[str, tuple[int, int]]
    attribution: str


@cache
def shapes() -> WorldShapes:
    raw = json.loads(files("intstrat").joinpath(ATTRIBUTION_FILE).read_text(encoding="utf-8"))
    return WorldShapes(
        width=int(raw["width"]),
        height=int(raw["height"]),
        land=str(raw["land"]),
        paths={code: str(c["d"]) for code, c in raw["countries"].items() if c["d"]},
        points={code: (int(c["c"][0]), int(c["c"][1])) for code, c in raw["countries"].items()},
        attribution=str(raw["attribution"]),
    )


def world_map(marked: Iterable[str], title: str, ident: str = "map") -> Markup:
    """The map with `marked` countries filled and dotted, as an SVG element.

    The SVG is an image with a title (`role="img"`); the page lists the same
    countries as text beside it, which is the text alternative. Codes without a
    shape (unknown to Natural Earth) are left out of the drawing, not the list.
    """
    world = shapes()
    codes = sorted({c for c in marked if c in world.points})
    parts = [
        Markup(
            '<svg class="map" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-title" '
            'focusable="false" xmlns="http://www.w3.org/2000/svg">'
            '<title id="{id}-title">{title}</title>'
            '<path class="land" d="{land}"/>'
        ).format(w=world.width, h=world.height, id=ident, title=title, land=world.land)
    ]
    for code in codes:
        if code in world.paths:
            parts.append(Markup('<path class="marked" d="{d}"/>').format(d=world.paths[code]))
    for code in codes:
        x, y = world.points[code]
        parts.append(Markup('<circle class="dot" cx="{x}" cy="{y}" r="4"/>').format(x=x, y=y))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def known(code: str) -> bool:
    return code in shapes().points

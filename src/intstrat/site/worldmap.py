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
    boxes: dict[str, tuple[int, int, int, int]]
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
        boxes={code: tuple(int(v) for v in c["b"]) for code, c in raw["countries"].items()},  # type: ignore[misc]
        attribution=str(raw["attribution"]),
    )


#: The least part of the world's width a map shows, and its shape (width : height).
MIN_WIDTH = 360
ASPECT = 2.0


def view_box(codes: Iterable[str]) -> tuple[int, int, int, int]:
    """The part of the world that shows `codes` with some room around them.

    A map of countries in one region shows that region, not a dot on a world;
    never less than about a third of the world's width, always 2:1, inside the world.
    """
    world = shapes()
    boxes = [world.boxes[c] for c in codes if c in world.boxes]
    if not boxes:
        return 0, 0, world.width, world.height
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    pad = 20 + 0.1 * max(x1 - x0, y1 - y0)
    width = max(MIN_WIDTH, x1 - x0 + 2 * pad, (y1 - y0 + 2 * pad) * ASPECT)
    if width >= world.width or width / ASPECT >= world.height:
        return 0, 0, world.width, world.height
    height = width / ASPECT
    left = min(max(0.0, (x0 + x1 - width) / 2), world.width - width)
    top = min(max(0.0, (y0 + y1 - height) / 2), world.height - height)
    return round(left), round(top), round(width), round(height)


def world_map(marked: Iterable[str], title: str, ident: str = "map") -> Markup:
    """The map with `marked` countries filled and dotted, as an SVG element.

    The SVG is an image with a title (`role="img"`); the page lists the same
    countries as text beside it, which is the text alternative. Codes without a
    shape (unknown to Natural Earth) are left out of the drawing, not the list.
    """
    world = shapes()
    codes = sorted({c for c in marked if c in world.points})
    left, top, width, height = view_box(codes)
    parts = [
        Markup(
            '<svg class="map" viewBox="{x} {y} {w} {h}" role="img" aria-labelledby="{id}-title" '
            'focusable="false" xmlns="http://www.w3.org/2000/svg">'
            '<title id="{id}-title">{title}</title>'
            '<path class="land" d="{land}"/>'
        ).format(x=left, y=top, w=width, h=height, id=ident, title=title, land=world.land)
    ]
    for code in codes:
        if code in world.paths:
            parts.append(Markup('<path class="marked" d="{d}"/>').format(d=world.paths[code]))
    radius = round(max(width / 200, 1.2), 1)  # about 5 pixels on a map 1000 pixels wide
    for code in codes:
        x, y = world.points[code]
        parts.append(
            Markup('<circle class="dot" cx="{x}" cy="{y}" r="{r}"/>').format(x=x, y=y, r=radius)
        )
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def known(code: str) -> bool:
    return code in shapes().points

"""Turn Natural Earth country shapes (TopoJSON) into the compact SVG paths intstrat ships.

    npm pack world-atlas && tar xzf world-atlas-*.tgz
    python scripts/world_map.py package/ src/intstrat/data/world.json

The site draws partners' countries on an inline SVG world map, so it needs the shapes
offline: no tile server, no request anywhere. `world-atlas` (npm, ISC licence; the
data are Natural Earth's, public domain) has the 1:110m countries as TopoJSON. This
script projects them once (Equal Earth, Antarctica left out), simplifies every shared
border once (Douglas-Peucker, so neighbours still meet), rounds to whole units of the
viewBox and writes relative path commands keyed by ISO 3166-1 alpha-2 code (Kosovo is
XK), with a marker point and the bounding box of each country. Countries too small for 1:110m (Malta, Singapore, ...) get only a marker point,
taken from the 1:50m file. Run it again to regenerate the file; it needs pycountry.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

WIDTH = 1000.0  # viewBox width; Equal Earth is about 2.05 : 1
TOLERANCE = 0.9  # Douglas-Peucker tolerance in viewBox units
SOUTH = -58.0  # crop: nothing south of Tierra del Fuego but Antarctica
#: Shapes Natural Earth draws without an ISO number, and the code intstrat uses for them.
UNNUMBERED = {"Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"}

A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
X_MAX = 2.7066297319215575  # x of longitude 180 on the equator


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = (
        2
        * math.sqrt(3)
        * lam
        * math.cos(theta)
        / (3 * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    )
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


SCALE = WIDTH / (2 * X_MAX)
TOP = equal_earth(0, 90)[1]
BOTTOM = equal_earth(0, SOUTH)[1]
HEIGHT = round((TOP - BOTTOM) * SCALE)


def to_view(lon: float, lat: float) -> tuple[float, float]:
    x, y = equal_earth(lon, max(lat, SOUTH))
    return (x + X_MAX) * SCALE, (TOP - y) * SCALE


Point = tuple[float, float, float]
"""x and y in the viewBox, and the longitude (to cut rings at the antimeridian)."""


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            lon = x * sx + tx
            points.append((*to_view(lon, y * sy + ty), lon))
        arcs.append(points)
    return arcs


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, iterative; the end points always stay."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay, _), (bx, by, _) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            px, py, _ = points[i]
            if norm == 0:
                d = math.hypot(px - ax, py - ay)
            else:
                d = abs(dy * px - dx * py + bx * ay - by * ax) / norm
            if d > worst:
                worst, index = d, i
        if worst > tolerance and index > 0:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def ring_points(ring: list[int], arcs: list[list[Point]]) -> list[list[tuple[int, int]]]:
    """The ring in whole viewBox units; a ring across the antimeridian (Fiji, Chukotka)
    is cut into its eastern and western parts, which would otherwise be joined by a line
    across the whole map."""
    points: list[Point] = []
    for index in ring:
        points += arcs[index] if index >= 0 else arcs[~index][::-1]
    sides: list[list[Point]] = [[], []]
    side = 0
    for i, point in enumerate(points):
        if i and abs(point[2] - points[i - 1][2]) > 180:
            side = 1 - side  # crossed the antimeridian: what follows is on the other side
        sides[side].append(point)
    out = []
    for part in sides:
        rounded: list[tuple[int, int]] = []
        for x, y, _ in part:
            point = (round(x), round(y))
            if not rounded or rounded[-1] != point:
                rounded.append(point)
        if len(rounded) > 1 and rounded[0] == rounded[-1]:
            rounded.pop()
        out.append(rounded)
    return out


def area(points: list[tuple[int, int]]) -> float:
    return 0.5 * sum(
        x1 * y2 - x2 * y1
        for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True)
    )


def centroid(points: list[tuple[int, int]]) -> tuple[int, int]:
    a = area(points)
    if a == 0:
        xs, ys = zip(*points, strict=True)
        return round(sum(xs) / len(xs)), round(sum(ys) / len(ys))
    cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    return round(cx / (6 * a)), round(cy / (6 * a))


def path(rings: list[list[tuple[int, int]]]) -> str:
    """`M12 34l1-2 3 4z...`: relative line-tos, no separator before a minus sign."""
    parts = []
    for ring in rings:
        (x0, y0), rest = ring[0], ring[1:]
        text = f"M{x0} {y0}l"
        px, py = x0, y0
        numbers = []
        for x, y in rest:
            numbers += [x - px, y - py]
            px, py = x, y
        for n in numbers:
            text += f"{n}" if n < 0 or text.endswith("l") else f" {n}"
        parts.append(text + "z")
    return "".join(parts)


def polygons(geometry: dict[str, Any]) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["arcs"])
    return []


def code_of(geometry: dict[str, Any]) -> str | None:
    import pycountry

    name = geometry.get("properties", {}).get("name", "")
    if name in UNNUMBERED:
        return UNNUMBERED[name]
    number = geometry.get("id")
    if number is None or name == "Antarctica":
        return None
    country = pycountry.countries.get(numeric=str(number))
    return country.alpha_2 if country else None


def shapes(topology: dict[str, Any], tolerance: float) -> dict[str, list[list[tuple[int, int]]]]:
    arcs = [simplify(a, tolerance) for a in decode_arcs(topology)]
    out: dict[str, list[list[tuple[int, int]]]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = code_of(geometry)
        if code is None:
            continue
        for polygon in polygons(geometry):
            # The outer ring only: holes are lakes or enclaves, too small to see here.
            for ring in ring_points(polygon[0], arcs):
                if len(ring) >= 3 and abs(area(ring)) >= 1:
                    out.setdefault(code, []).append(ring)
                elif ring:
                    out.setdefault(code, [])
                    out.setdefault(f"{code}?", []).append(ring)
    return out


def main(package: Path, target: Path) -> None:
    small = json.loads((package / "countries-110m.json").read_text(encoding="utf-8"))
    medium = json.loads((package / "countries-50m.json").read_text(encoding="utf-8"))
    land = json.loads((package / "land-110m.json").read_text(encoding="utf-8"))

    countries: dict[str, dict[str, Any]] = {}
    for code, rings in shapes(small, TOLERANCE).items():
        if code.endswith("?") or not rings:
            continue
        biggest = max(rings, key=lambda r: abs(area(r)))
        xs = [x for ring in rings for x, _ in ring]
        ys = [y for ring in rings for _, y in ring]
        countries[code] = {
            "d": path(rings),
            "c": list(centroid(biggest)),
            "b": [min(xs), min(ys), max(xs), max(ys)],
        }
    for key, rings in shapes(medium, 0.2).items():
        code = key.rstrip("?")
        if code not in countries and rings:
            x, y = centroid(max(rings, key=lambda r: abs(area(r))))
            countries[code] = {"d": "", "c": [x, y], "b": [x, y, x, y]}

    land_arcs = [simplify(a, TOLERANCE) for a in decode_arcs(land)]
    land_rings = []
    for geometry in land["objects"]["land"]["geometries"]:
        for polygon in polygons(geometry):
            for ring in ring_points(polygon[0], land_arcs):
                if len(ring) >= 3 and abs(area(ring)) >= 2 and min(y for _, y in ring) < HEIGHT:
                    land_rings.append(ring)

    data = {
        "attribution": (
            "Country shapes: Natural Earth (public domain), 1:110m and 1:50m, via the "
            "world-atlas package (ISC licence, Copyright 2013-2019 Michael Bostock). "
            "Projected (Equal Earth) and simplified by scripts/world_map.py."
        ),
        "width": round(WIDTH),
        "height": HEIGHT,
        "land": path(land_rings),
        "countries": dict(sorted(countries.items())),
    }
    target.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    sizes = sorted((len(v["d"]), k) for k, v in countries.items())
    print(
        f"{target}: {target.stat().st_size} bytes, {len(countries)} countries "
        f"({sum(1 for v in countries.values() if not v['d'])} as points), land "
        f"{len(data['land'])} characters; largest: {sizes[-3:]}"
    )


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]))

"""Build portal/maps/world.json, the country shapes the world map draws, from the npm package
world-atlas (TopoJSON of Natural Earth's public-domain boundaries). Run by `make world-map` (and
`make assets`) after changing world-atlas's version in package.json; the output is committed, so
neither the server nor `make serve` needs npm or this script.

    python -m portal.maps.build [NODE_MODULES_DIR]

What it does, once, here rather than at each request:
- decodes the TopoJSON (quantised, delta-encoded arcs) of countries-110m (the shapes) and
  countries-50m (the small states 110m leaves out: Singapore, Malta, Cabo Verde...: drawn as dots);
- keys each country by its ISO 3166-1 alpha-2 code, the portal's, from world-atlas's numeric code
  through pycountry's table (areas without a code, such as Kosovo or Somaliland in Natural Earth,
  are drawn as land without a link);
- projects with the Equal Earth projection (equal-area, so a choropleth does not inflate the north),
  leaves out Antarctica, and writes each country as one SVG path in integer units of a viewBox
  WIDTH wide (relative moves, so the file stays small).
"""
import json
import math
import shutil
import sys
from pathlib import Path

import pycountry

HERE = Path(__file__).resolve().parent
OUT = HERE / "world.json"
LICENCE = HERE / "LICENSE-world-atlas.txt"
WIDTH = 2000  # viewBox units: integers at this width are finer than any screen shows the map
MIN_AREA = 2.0  # rings smaller than this (square units) are left out, unless a country has no other
SKIP = {"AQ"}  # Antarctica: a fifth of the height, and no local government there


def decode_arcs(topology):
    """The arcs as lists of (longitude, latitude)."""
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(arcs, indexes):
    """A ring from its arc indexes (a negative index is the reversed arc ~i)."""
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)  # consecutive arcs share their end point
    return points


def polygons(geometry, arcs):
    """[[ring, ...], ...] of a Polygon or MultiPolygon geometry."""
    if geometry.get("type") == "Polygon":
        return [[ring_points(arcs, ring) for ring in geometry["arcs"]]]
    if geometry.get("type") == "MultiPolygon":
        return [[ring_points(arcs, ring) for ring in polygon] for polygon in geometry["arcs"]]
    return []


def unwrap(ring):
    """Longitudes made continuous: a ring that crosses the antimeridian (Russia's Chukotka, Fiji)
    jumps from 180 to -180 in the data; here it goes on to 181, 182..."""
    out = [ring[0]]
    for lon, lat in ring[1:]:
        previous = out[-1][0]
        while lon - previous > 180:
            lon -= 360
        while lon - previous < -180:
            lon += 360
        out.append((lon, lat))
    return out


def clip(ring, limit, keep_below):
    """Sutherland-Hodgman against the meridian lon = limit: the part west (keep_below) or east of it."""
    inside = (lambda p: p[0] <= limit) if keep_below else (lambda p: p[0] >= limit)
    out = []
    for i, current in enumerate(ring):
        before = ring[i - 1]
        if inside(current) != inside(before):
            t = (limit - before[0]) / (current[0] - before[0])
            out.append((limit, before[1] + t * (current[1] - before[1])))
        if inside(current):
            out.append(current)
    return out


def split_at_antimeridian(ring):
    """The ring as drawn on a map from -180 to 180: one ring, or its pieces either side."""
    ring = unwrap(ring)
    if all(-180 <= lon <= 180 for lon, _lat in ring):
        return [ring]
    pieces = []
    for shift in (-360, 0, 360):
        shifted = [(lon + shift, lat) for lon, lat in ring]
        piece = clip(clip(shifted, 180, True), -180, False)
        if len(piece) >= 3:
            pieces.append(piece)
    return pieces


# Equal Earth (Šavrič, Patterson, Jenny 2018)
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(lon, lat):
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, -y


def area(ring):
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]))) / 2


def centroid(ring):
    """The centroid of a simple polygon (its mean point when degenerate)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-9:
        return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
    return cx / (3 * a), cy / (3 * a)


def path_data(rings):
    """SVG path data of integer rings: an absolute move, then relative lines, so most numbers have
    one or two digits."""
    parts = []
    for ring in rings:
        (x0, y0), rest = ring[0], ring[1:]
        out = [f"M{x0} {y0}l"]
        px, py = x0, y0
        numbers = []
        for x, y in rest:
            numbers.extend((x - px, y - py))
            px, py = x, y
        text = ""
        for n in numbers:  # a minus sign separates numbers by itself
            text += (str(n) if n < 0 or not text else " " + str(n))
        out.append(text + "z")
        parts.append("".join(out))
    return "".join(parts)


def integer_ring(ring):
    """Rounded to units, without repeated points and without the closing point (z closes it)."""
    points = []
    for x, y in ring:
        p = (round(x), round(y))
        if not points or p != points[-1]:
            points.append(p)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    return points


def country_code(geometry):
    number = geometry.get("id")
    if number is None:
        return None
    found = pycountry.countries.get(numeric=str(number).zfill(3))
    return found.alpha_2 if found else None


def load(path):
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    for geometry in topology["objects"]["countries"]["geometries"]:
        yield country_code(geometry), geometry.get("properties", {}).get("name", ""), polygons(geometry, arcs)


def build(atlas: Path):
    shapes = {}  # code or "" -> projected rings
    for code, name, polys in load(atlas / "countries-110m.json"):
        if code in SKIP:
            continue
        rings = [[equal_earth(lon, lat) for lon, lat in piece]
                 for poly in polys for ring in poly for piece in split_at_antimeridian(ring)]
        shapes.setdefault(code or f"-{name}", []).extend(rings)
    small = {}
    for code, _name, polys in load(atlas / "countries-50m.json"):
        if code and code not in shapes and code not in SKIP:
            outer = [[equal_earth(lon, lat) for lon, lat in poly[0]] for poly in polys if poly and poly[0]]
            if outer:
                small[code] = centroid(max(outer, key=area))
    every = [p for rings in shapes.values() for ring in rings for p in ring] + list(small.values())
    left, right = min(p[0] for p in every), max(p[0] for p in every)
    top, bottom = min(p[1] for p in every), max(p[1] for p in every)
    scale = (WIDTH - 20) / (right - left)  # 10 units of margin each side: strokes are not cut

    def place(p):
        return (p[0] - left) * scale + 10, (p[1] - top) * scale + 10

    countries, land = {}, []
    for key, rings in sorted(shapes.items()):
        placed = [integer_ring([place(p) for p in ring]) for ring in rings]
        placed = [r for r in placed if len(r) >= 3]
        kept = [r for r in placed if area(r) >= MIN_AREA] or sorted(placed, key=area)[-1:]
        if not kept:
            continue
        if key.startswith("-"):
            land.append(path_data(kept))
        else:
            countries[key] = path_data(kept)
    markers = {code: [round(x), round(y)] for code, (x, y) in sorted((c, place(p)) for c, p in small.items())}
    height = round((bottom - top) * scale) + 20
    version = json.loads((atlas / "package.json").read_text(encoding="utf-8"))["version"]
    return {"source": f"world-atlas {version} (Natural Earth), countries-110m; dots from countries-50m; "
                      "Equal Earth projection; built by portal/maps/build.py",
            "width": WIDTH, "height": height, "countries": countries, "markers": markers, "land": land}


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    atlas = Path(argv[0] if argv else "node_modules") / "world-atlas"
    if not (atlas / "countries-110m.json").exists():
        sys.exit(f"{atlas}: world-atlas is not installed (npm ci installs it from package.json)")
    data = build(atlas)
    OUT.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False, sort_keys=True) + "\n",
                   encoding="utf-8")
    shutil.copyfile(atlas / "LICENSE", LICENCE)
    print(f"{OUT}: {len(data['countries'])} countries, {len(data['markers'])} dots, "
          f"{OUT.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()

"""World maps of counts per country (member organisations, experiences), drawn on the server.

`world_map(request, counts, link, ...)` gives one HTML block: an inline SVG choropleth in which
each country with a count is a link (to the listing filtered by that country) named "France: 3
member organisations", a legend of the colour steps, and the same figures as a table in a
<details> (the accessible alternative, and the only way to reach countries too small to point at).
No script draws it and nothing comes from another host: the shapes are world.json beside this
module, built once from Natural Earth's public-domain boundaries by build.py (`make world-map`).

    counts = {"FR": 3, "BR": 5}
    block = world_map(request, counts, lambda code: request.route_path("members", _query={"country": code}),
                      title=_("Member organisations by country"),
                      count_label=(_("${count} member organisation"), _("${count} member organisations")),
                      column=_("Member organisations"), selected="FR")
"""
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from markupsafe import Markup
from pyramid.renderers import render

from ..countries import COUNTRY_CODES, _sort_key, country_name
from ..i18n import _, translate

DATA = Path(__file__).resolve().parent / "world.json"
MAP_FLAG = "portal.maps"  # the layout links maps.css when a view drew a map
STEPS = 5  # colour steps at most; the palette of static/css/maps.css has as many
DOT_RADIUS = 11  # small states (Singapore, Malta...) are dots, in viewBox units of a 2000-wide map


@lru_cache(maxsize=1)
def shapes():
    """world.json: {"width", "height", "countries": {code: path data}, "markers": {code: [x, y]},
    "land": [path data of areas without a code]}."""
    return json.loads(DATA.read_text(encoding="utf-8"))


def steps(peak: int) -> list[tuple[int, int]]:
    """The colour steps for counts from 1 to peak: each count its own step up to STEPS, then ranges
    growing geometrically (1-2, 3-4, 5-9, 10-19, 20-40 for a peak of 40), since a few countries
    usually hold most of the members."""
    if peak <= STEPS:
        return [(n, n) for n in range(1, peak + 1)]
    lows = sorted({1, *(math.ceil(peak ** (i / STEPS)) for i in range(1, STEPS))})
    return [(low, (lows[i + 1] - 1) if i + 1 < len(lows) else peak) for i, low in enumerate(lows)]


def step_classes(count: int) -> list[str]:
    """The palette's classes (m1 lightest … m5 darkest) for `count` steps, spread over the palette so
    two steps are far apart in colour."""
    if count <= 1:
        return ["m3"] * count
    return [f"m{1 + round(i * (STEPS - 1) / (count - 1))}" for i in range(count)]


@dataclass
class CountryCount:
    code: str
    name: str
    count: int
    url: str
    label: str  # "France: 3 member organisations"
    css: str  # the colour step's class


def _step_of(value, ranges):
    for i, (low, high) in enumerate(ranges):
        if low <= value <= high:
            return i
    return len(ranges) - 1


def _svg(rows, selected):
    data = shapes()
    width, height = data["width"], data["height"]
    by_code = {row.code: row for row in rows}
    land = [f'<path d="{d}"/>' for code, d in sorted(data["countries"].items()) if code not in by_code]
    land += [f'<path d="{d}"/>' for d in data["land"]]
    links = []
    for row in sorted(rows, key=lambda r: _sort_key(r.name)):  # reading and tab order: by name
        if row.code in data["countries"]:
            shape = f'<path d="{data["countries"][row.code]}"/>'
        elif row.code in data["markers"]:
            x, y = data["markers"][row.code]
            shape = f'<circle class="dot" cx="{x}" cy="{y}" r="{DOT_RADIUS}"/>'
        else:
            continue  # no shape at this scale (Bouvet Island...): the table lists it
        current = ' aria-current="true"' if row.code == selected else ""
        css = row.css + (" selected" if row.code == selected else "")
        links.append(f'<a href={quoteattr(row.url)} class="{css}"{current}>'
                     f'<title>{escape(row.label)}</title>{shape}</a>')
    # No name and no role on the <svg> (its default, a graphics document, keeps its children): a screen
    # reader reads the region named by the block's heading, then each country's link; the land
    # without a link is hidden from it. (role="img" would hide the links; "none" or "group" the
    # HTML validator refuses on <svg>.)
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="world-map-svg" '
        f'preserveAspectRatio="xMidYMid meet">'
        f'<g class="land" aria-hidden="true">{"".join(land)}</g>'
        f'<g class="countries">{"".join(links)}</g></svg>')


def world_map(request, counts: Mapping[str, int], link: Callable[[str], str], *, title, count_label,
              column, selected: str | None = None, map_id: str = "world-map") -> Markup:
    """The map block (SVG, legend, table) of counts {ISO alpha-2 code: n}; link(code) is where a
    country leads; title names the map (a translation string); count_label is the (one, many) pair
    of translation strings with ${count} ("${count} experience", "${count} experiences"): the four
    languages say "one" for 1 and "many" above, and a country on the map has at least one; column
    heads the table's count column; selected, the country the listing is filtered by."""
    request.environ[MAP_FLAG] = True
    locale = request.locale_name
    one, many = count_label
    kept = {code.upper(): n for code, n in counts.items() if n and code and code.upper() in COUNTRY_CODES}
    ranges = steps(max(kept.values(), default=0))
    classes = step_classes(len(ranges))
    rows = []
    for code, n in kept.items():
        name = country_name(code, locale)
        amount = translate(one if n == 1 else many, request, {"count": _number(n, locale)})
        rows.append(CountryCount(code=code, name=name, count=n, url=link(code), css=classes[_step_of(n, ranges)],
                                 label=translate(_("${country}: ${count}"), request,
                                                 {"country": name, "count": amount})))
    table = sorted(rows, key=lambda r: (-r.count, _sort_key(r.name)))
    title_text = translate(title, request)
    legend = [(css, _number(low, locale) if low == high else f"{_number(low, locale)}–{_number(high, locale)}")
              for css, (low, high) in zip(classes, ranges)]
    return Markup(render("portal:templates/world_map.pt", {
        "map_id": map_id, "title": title_text, "svg": _svg(rows, selected), "legend": legend,
        "rows": table, "column": translate(column, request), "selected": selected,
        "total": sum(kept.values())}, request=request))


def _number(value, locale):
    from babel.numbers import format_decimal
    return format_decimal(value, locale=locale)

"""The network's reach: members per region and per type, joined per year, each region's share against
the target the secretariat set, new members this year. Charts are SVG drawn on the server (readable
without JavaScript), each beside a table of the same figures; the figures are also a CSV export."""
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from xml.sax.saxutils import escape

from babel.numbers import format_decimal
from markupsafe import Markup
from pyramid.view import view_config
from sqlalchemy import func, select

from portal.api import ExportRow, REGIONS, Request, members_map
from portal.api import _, translate
from portal.api import MEMBER_KINDS, Member
from portal.api import KIND_TITLES, STATUS_TITLES

SETTINGS = "antennas"


@dataclass
class Figures:
    total: int
    regions: list  # [(key, count, share %, target % or None)]
    kinds: list  # [(key, count)]
    years: list  # [(year, count)], every year from the first to this one
    unknown_year: int
    new_this_year: int
    this_year: int
    statuses: dict = field(default_factory=dict)


def targets(request):
    try:
        values = request.plugin_settings(SETTINGS)
    except KeyError:
        values = {}
    return {region: values.get(region) for region in REGIONS}


def compute(request, today=None):
    """The figures, from the active member organisations."""
    db = request.dbsession
    today = today or date.today()
    active = Member.status == "active"
    total = db.scalar(select(func.count()).select_from(Member).where(active)) or 0
    by_region = dict(db.execute(select(Member.region, func.count()).where(active).group_by(Member.region)).all())
    by_kind = dict(db.execute(select(Member.kind, func.count()).where(active).group_by(Member.kind)).all())
    wanted = targets(request)
    regions = [(key, by_region.get(key, 0), share(by_region.get(key, 0), total), wanted.get(key))
               for key in REGIONS]
    kinds = [(key, by_kind.get(key, 0)) for key in MEMBER_KINDS]
    per_year = {}
    unknown = 0
    for since in db.scalars(select(Member.member_since).where(active)):
        if since is None:
            unknown += 1
        else:
            per_year[since.year] = per_year.get(since.year, 0) + 1
    years = []
    if per_year:
        years = [(y, per_year.get(y, 0)) for y in range(min(per_year), max(max(per_year), today.year) + 1)]
    statuses = dict(db.execute(select(Member.status, func.count()).group_by(Member.status)).all())
    return Figures(total=total, regions=regions, kinds=kinds, years=years, unknown_year=unknown,
                   new_this_year=per_year.get(today.year, 0), this_year=today.year, statuses=statuses)


def share(count, total):
    return round(100.0 * count / total, 1) if total else 0.0


# --- SVG ------------------------------------------------------------------------------------------

BAR = "#1f5f8b"
TARGET = "#b3261e"
INK = "#1b1b1b"
GRID = "#c8c8c8"


def _num(value):
    return f"{value:g}"


def bar_chart(chart_id, title, desc, rows, unit="", targets=None, max_value=None, fmt=_num):
    """Horizontal bars, each under its label (long region names stay readable on a phone): rows
    [(label, value)]; targets {label: value} drawn as a red mark; fmt writes a number in the reader's
    locale."""
    bar_w, row_h, top, left = 330, 46, 4, 4
    height = top + row_h * len(rows) + 4
    width = left + bar_w + 86
    peak = max([v for _, v in rows] + list((targets or {}).values()) + [max_value or 0, 1])
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{chart_id}" role="img" '
             f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
             f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
             f'<title id="{chart_id}-title">{escape(title)}</title>',
             f'<desc id="{chart_id}-desc">{escape(desc)}</desc>']
    for i, (label, value) in enumerate(rows):
        y = top + i * row_h
        w = bar_w * value / peak
        target = (targets or {}).get(label)
        end = max(w, bar_w * target / peak if target is not None else 0)
        parts.append(f'<text x="{left}" y="{y + 15}" font-size="15" fill="{INK}">{escape(str(label))}</text>')
        parts.append(f'<rect x="{left}" y="{y + 21}" width="{w:.1f}" height="18" fill="{BAR}"/>')
        parts.append(f'<text x="{left + end + 6:.1f}" y="{y + 35}" font-size="15" fill="{INK}">'
                     f'{escape(fmt(value))}{escape(unit)}</text>')
        if target is not None:
            x = left + bar_w * target / peak
            parts.append(f'<line x1="{x:.1f}" y1="{y + 18}" x2="{x:.1f}" y2="{y + 42}" stroke="{TARGET}" '
                         f'stroke-width="3"/>')
    parts.append(f'<line x1="{left}" y1="{top + 18}" x2="{left}" y2="{height - 4}" stroke="{GRID}"/>')
    parts.append("</svg>")
    return Markup("".join(parts))


def column_chart(chart_id, title, desc, rows, fmt=_num, x_label="", y_label="", current=None):
    """Vertical bars, one per year: rows [(label, value)], each bar with its value above it, the axes named
    (x_label under the years, y_label beside the scale) and the `current` year's bar drawn in the accent
    colour and always named. With many years the columns narrow and only every few years are named."""
    n = max(len(rows), 1)
    gap = 3 if n > 15 else 8
    left, right, top, chart_h, bottom = 44, 10, 22, 160, 52
    col = max(8, min(34, (460 - left - right) // n - gap))
    width = max(left + n * (col + gap) + right, 260)
    height = top + chart_h + bottom
    peak = max([v for _, v in rows] + [1])
    every = -(-n // 8)  # a label every `every` years: at most eight
    base = top + chart_h
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{chart_id}" role="img" '
             f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
             f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
             f'<title id="{chart_id}-title">{escape(title)}</title>',
             f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
             f'<line x1="{left - 4}" y1="{base}" x2="{width - right}" y2="{base}" stroke="{GRID}"/>',
             f'<line x1="{left - 4}" y1="{top}" x2="{left - 4}" y2="{base}" stroke="{GRID}"/>']
    for value, y in ((0, base), (peak, top)):  # the scale: 0 and the highest count
        parts.append(f'<text x="{left - 8}" y="{y + 4}" text-anchor="end" font-size="12" fill="{INK}">'
                     f'{escape(fmt(value))}</text>')
    if y_label:
        parts.append(f'<text x="12" y="{top + chart_h / 2:.0f}" text-anchor="middle" font-size="12" fill="{INK}" '
                     f'transform="rotate(-90 12 {top + chart_h / 2:.0f})">{escape(y_label)}</text>')
    for i, (label, value) in enumerate(rows):
        x = left + i * (col + gap)
        h = chart_h * value / peak
        now = current is not None and label == current
        parts.append(f'<rect x="{x}" y="{base - h:.1f}" width="{col}" height="{h:.1f}" '
                     f'fill="{TARGET if now else BAR}"/>')
        if value:
            parts.append(f'<text x="{x + col / 2}" y="{base - h - 4:.1f}" text-anchor="middle" '
                         f'font-size="{12 if n <= 15 else 10}" fill="{INK}">{escape(fmt(value))}</text>')
        last = i == n - 1
        if now or (i % every == 0 and (n - 1 - i) >= every / 2) or last and n <= 15:
            weight = ' font-weight="700"' if now else ""
            parts.append(f'<text x="{x + col / 2}" y="{base + 18}" text-anchor="middle" font-size="13" '
                         f'fill="{TARGET if now else INK}"{weight}>{escape(str(label))}</text>')
    if x_label:
        parts.append(f'<text x="{left + (width - left - right) / 2:.0f}" y="{height - 8}" text-anchor="middle" '
                     f'font-size="12" fill="{INK}">{escape(x_label)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def charts(request, figures):
    t = lambda term, **m: translate(term, request, m or None)  # noqa: E731
    fmt = lambda value: format_decimal(value, locale=request.locale_name)  # noqa: E731
    region_label = {k: t(v) for k, v in REGIONS.items()}
    kind_label = {k: t(v) for k, v in KIND_TITLES.items()}
    by_region = bar_chart(
        "chart-regions", t(_("Member organisations per region")),
        t(_("Number of active member organisations in each region; ${total} in all."), total=figures.total),
        [(region_label[k], c) for k, c, _s, _t in figures.regions], fmt=fmt)
    shares = bar_chart(
        "chart-shares", t(_("Share of each region against its target")),
        t(_("Per cent of the member organisations in each region; a red mark shows the target the "
            "technical secretariat set.")),
        [(region_label[k], s) for k, _c, s, _t in figures.regions], unit="\u00a0%", fmt=fmt,
        targets={region_label[k]: tg for k, _c, _s, tg in figures.regions if tg is not None}, max_value=100)
    by_kind = bar_chart(
        "chart-kinds", t(_("Member organisations per type")),
        t(_("Number of active member organisations of each type.")),
        [(kind_label.get(k, k), c) for k, c in figures.kinds], fmt=fmt)
    per_year = column_chart(
        "chart-years", t(_("Members joined per year")),
        t(_("Number of today's member organisations that joined the network in each year; ${year}, the current "
            "year, in red."), year=figures.this_year),
        figures.years, fmt=fmt, x_label=t(_("Year")), y_label=t(_("Members")), current=figures.this_year)
    return {"regions": by_region, "shares": shares, "kinds": by_kind, "years": per_year}


def reach_rows(request: Request) -> Iterator[ExportRow]:
    """The dashboard's figures as rows: what /export/reach.csv and .json give."""
    figures = compute(request)
    yield {"figure": "total", "key": "", "label": translate(_("Member organisations"), request),
           "count": figures.total, "share": 100.0 if figures.total else 0.0, "target": ""}
    yield {"figure": "new_this_year", "key": str(figures.this_year),
           "label": translate(_("New members this year"), request), "count": figures.new_this_year,
           "share": "", "target": ""}
    for key, count, pct, target in figures.regions:
        yield {"figure": "region", "key": key, "label": translate(REGIONS[key], request), "count": count,
               "share": pct, "target": "" if target is None else target}
    for key, count in figures.kinds:
        yield {"figure": "type", "key": key, "label": translate(KIND_TITLES.get(key, key), request),
               "count": count, "share": share(count, figures.total), "target": ""}
    for year, count in figures.years:
        yield {"figure": "joined", "key": str(year), "label": str(year), "count": count, "share": "", "target": ""}


REACH_COLUMNS = ("figure", "key", "label", "count", "share", "target")


@view_config(route_name="reach", renderer="plugins.antennas:templates/reach.pt", permission="view")
def reach(request):
    figures = compute(request)
    title = translate(_("Reach of the network"), request)
    return {"figures": figures, "charts": charts(request, figures), "regions": REGIONS, "kinds": KIND_TITLES,
            "world_map": members_map(request, map_id="reach-map"),
            "statuses": STATUS_TITLES, "page_title": title, "breadcrumbs": [(title, None)],
            "page_description": translate(_("Where the network's member organisations are, and how it grows."),
                                          request),
            "can_manage": bool(request.has_permission("manage", request.site))}

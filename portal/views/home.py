from types import SimpleNamespace

from pyramid.view import view_config
from sqlalchemy import distinct, func, select

from ..cache import shared_value
from ..i18n import _, translate
from ..models import Member, News, Section
from ..models.content import one_per_translation

# the highlights the home page shows of each section (the open call, the next events, the latest experiences)
HIGHLIGHTS = 3


def figures(request):
    """[(name, title, value)]: the network in numbers, one query each (the plugins add theirs with
    add_home_figure)."""
    db = request.dbsession
    active = Member.status == "active"
    found = [("members", _("Member organisations"), db.scalar(select(func.count()).select_from(Member).where(active))),
             ("countries", _("Countries"), db.scalar(select(func.count(distinct(Member.country))).where(active)))]
    found += [(f.name, f.title, value) for f, value in request.registry.portal.figures(request)]
    return [(name, title, value or 0) for name, title, value in found]


@view_config(route_name="home", renderer="portal:templates/home.pt", permission="view")
def home(request):
    db = request.dbsession
    language = request.locale_name
    news = db.scalars(one_per_translation(select(News).where(News.state == "published"), News, language)
                      .order_by(News.published.desc()).limit(6)).all()
    sections = db.scalars(one_per_translation(select(Section).where(Section.state == "published"), Section, language)
                          .order_by(Section.title)).all()
    # the same for every reader of a language until something is saved: computed once, not per member
    numbers = shared_value(request, "home:figures", lambda: figures(request))
    exports = request.registry.portal.exports.values()
    blocks = shared_value(request, "home:highlights",
                          lambda: request.registry.portal.sections("home", request, None, limit=HIGHLIGHTS))
    covers = request.cover_images([SimpleNamespace(id=item["cover"]) for _s, items in blocks for item in items
                                   if item.get("cover")])
    return {"news": news, "sections": sections, "member_count": numbers[0][2], "figures": numbers,
            "exports": exports, "home_blocks": blocks, "highlight_covers": covers,
            "page_title": translate(_("Home"), request)}

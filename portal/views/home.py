from pyramid.view import view_config
from sqlalchemy import func, select

from ..i18n import _, translate
from ..models import Member, News, Section
from ..models.content import one_per_translation


@view_config(route_name="home", renderer="portal:templates/home.pt", permission="view")
def home(request):
    db = request.dbsession
    language = request.locale_name
    news = db.scalars(one_per_translation(select(News).where(News.state == "published"), News, language)
                      .order_by(News.published.desc()).limit(6)).all()
    sections = db.scalars(one_per_translation(select(Section).where(Section.state == "published"), Section, language)
                          .order_by(Section.title)).all()
    members = db.scalar(select(func.count()).select_from(Member).where(Member.status == "active"))
    exports = request.registry.portal.exports.values()
    blocks = request.registry.portal.sections("home", request, None, limit=5)
    return {"news": news, "sections": sections, "member_count": members, "exports": exports, "home_blocks": blocks,
            "page_title": translate(_("Home"), request)}

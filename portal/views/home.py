from pyramid.view import view_config
from sqlalchemy import func, select

from ..i18n import _, translate
from ..models import Member, News, Section


@view_config(route_name="home", renderer="portal:templates/home.pt", permission="view")
def home(request):
    db = request.dbsession
    news = db.scalars(select(News).where(News.state == "published").order_by(News.published.desc()).limit(6)).all()
    sections = db.scalars(select(Section).where(Section.state == "published").order_by(Section.title)).all()
    members = db.scalar(select(func.count()).select_from(Member).where(Member.status == "active"))
    exports = request.registry.portal.exports.values()
    blocks = request.registry.portal.sections("home", request, None, limit=5)
    return {"news": news, "sections": sections, "member_count": members, "exports": exports, "home_blocks": blocks,
            "page_title": translate(_("Home"), request)}

"""What an antenna owns and how it changes: its section (where its coordinators publish), the content
there, and saving the secretariat's form."""
from typing import Any

from sqlalchemy import func, select

from portal.api import Content, Section, User, utcnow
from portal.api import apply_translated, content_service, html_to_text

from .models import Antenna
from .schemas import email_lines

# The content types a coordinator may add in an antenna's section, those that are registered: a campaign
# too, as an antenna funds its own actions (the crowdfunding plugin's type, when it is there).
ANTENNA_TYPES = ("news", "page", "event", "campaign")


def antenna_types(request: Any) -> list:
    types = request.registry.portal.content_types
    return [types[name] for name in ANTENNA_TYPES if name in types]


def antenna_of_section(session: Any, section: Any) -> Antenna | None:
    """The antenna whose section this is, if any: that section is part of the antenna."""
    if not isinstance(section, Section) or section.id is None:
        return None
    return session.scalar(select(Antenna).where(Antenna.section_id == section.id))


def section_content(request: Any, antenna: Antenna) -> tuple[list, list]:
    """The antenna's own news, pages and events: published ones for everyone, and for those who can
    change them, the drafts too."""
    if antenna.section_id is None:
        return [], []
    types = [info.name for info in antenna_types(request)]
    rows = request.dbsession.scalars(select(Content).where(Content.parent_id == antenna.section_id,
                                                           Content.type.in_(types))
                                     .order_by(func.coalesce(Content.published, Content.created).desc())
                                     .limit(200)).all()
    published = [c for c in rows if c.state == "published"]
    drafts = [] if request.user is None else [c for c in rows if c.state != "published"
                                             and request.has_permission("edit", c)]
    return published, drafts


def save_antenna(request: Any, antenna: Antenna | None, appstruct: dict) -> Antenna:
    """The secretariat's form: the antenna's fields, its section (created with it, titled after it)
    and its coordinators (a local role on the section)."""
    session = request.dbsession
    appstruct = dict(appstruct)
    emails = email_lines(appstruct.pop("coordinators"))
    coordinators = session.scalars(select(User.id).where(User.email.in_(emails))).all() if emails else []
    if antenna is None:
        antenna = Antenna()
        session.add(antenna)
    for key, value in apply_translated(antenna, appstruct).items():
        setattr(antenna, key, value)
    if antenna.section is None:  # the antenna's own section: its news and pages are written in it
        antenna.section = content_service.create(request, Section, {"title": antenna.name, "language": request.locale_name},
                                                 comment="Created", state="published", published=utcnow())
    antenna.section.title = antenna.name
    names = (antenna.translations or {}).get("name")  # the section is named in each language as the antenna
    antenna.section.translations = {"title": dict(names)} if names else {}
    antenna.section.description = html_to_text(antenna.description)[:1000]
    session.flush()
    antenna.set_coordinators(session, coordinators)
    return antenna

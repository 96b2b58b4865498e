"""After the event: a signed-off thematic sheet published into the experiences database in one step (an
experience prefilled from it, through the experiences' registered content type, never an import of that
plugin; the link kept both ways: the sheet names the experience, the experience's page shows a badge back
to the sheet), the workshops on the antenna's page (the pilot city's region), the good practices presented and the photos."""
import re

from markupsafe import escape
from sqlalchemy import select

from portal.api import IMAGE_TYPES, Member, _, content_service, html_to_text, store_kept, translate

from .deliverable_models import Deliverable
from .models import Network
from .workshop_models import Workshop

EXPERIENCE = "experience"


def experience_type(request):
    return request.registry.portal.content_types.get(EXPERIENCE)


def experience_of(request, deliverable):
    info = experience_type(request)
    if info is None or not deliverable.experience_id:
        return None
    return request.dbsession.get(info.factory, deliverable.experience_id)


def may_publish(request, deliverable):
    return (deliverable.kind == "thematic" and deliverable.status == "signed" and experience_type(request) is not None
            and experience_of(request, deliverable) is None)


def publish_thematic_sheet(request, deliverable):
    """A draft experience of the pilot city prefilled from the signed-off sheet (its sections as the text, the
    network's theme), linked to it; the experience it was published as when it was already."""
    found = experience_of(request, deliverable)
    if found is not None:
        return found
    network = deliverable.network
    pilot = network.pilot
    body = "".join(f"<h2>{escape(s.title)}</h2>{s.body}" for s in deliverable.sections if s.body)
    first = next((s.body for s in deliverable.sections if s.body), "")
    values = {"title": network.title[:300], "description": html_to_text(first)[:500], "body": body,
              "language": deliverable.language, "country": pilot.country or "", "member_id": pilot.id,
              "city": pilot.name[:120], "theme_slugs": [network.theme] if network.theme else []}
    experience = content_service.create(request, experience_type(request), values, author=request.user,
                                        fields=list(values))
    deliverable.experience_id = experience.id
    return experience


def experience_badges(request, obj):
    """On an experience's page: the thematic sheet it was published from, the workshops that presented it."""
    rows = request.dbsession.scalars(select(Deliverable).where(Deliverable.experience_id == obj.id)).all()
    badges = [{"title": translate(_("From the thematic sheet of “${network}”", mapping={"network": row.network.title}),
                                  request),
               "url": request.route_url("deliverable", id=row.id)} for row in rows
              if request.has_permission("view", row)]
    for workshop in request.dbsession.scalars(select(Workshop).order_by(Workshop.starts)):
        if obj.id in (workshop.practices or []):
            badges.append({"title": translate(_("Presented at “${workshop}”", mapping={"workshop": workshop.title}),
                                              request),
                           "url": request.route_url("workshop", id=workshop.id)})
    return badges


_EXPERIENCE_ADDRESS = re.compile(r"(?:^|/experiences/)(\d+)/?$")


def experience_ids(request, text):
    """The experiences named in text, one a line by its address or number: (ids, lines not found)."""
    info = experience_type(request)
    ids, unknown = [], []
    for line in (line.strip() for line in text.splitlines()):
        if not line:
            continue
        match = _EXPERIENCE_ADDRESS.search(line.split("?")[0].split("#")[0])
        found = request.dbsession.get(info.factory, int(match.group(1))) if match and info is not None else None
        if found is None or not request.has_permission("view", found):
            unknown.append(line)
        elif found.id not in ids:
            ids.append(found.id)
    return ids, unknown


def practices_of(request, workshop):
    """The good practices the workshop presented: [(title, url)] of the experiences still there."""
    info = experience_type(request)
    if info is None or not workshop.practices:
        return []
    rows = request.dbsession.scalars(select(info.factory).where(info.factory.id.in_(workshop.practices))).all()
    by_id = {row.id: row for row in rows if request.has_permission("view", row)}
    return [(by_id[i].title, request.route_url(f"{EXPERIENCE}.view", id=i)) for i in workshop.practices if i in by_id]


def public_deliverables(request, network):
    from .deliverables import deliverables_of
    return [d for d in deliverables_of(request.dbsession, network) if d.public and d.status == "signed"]


def region_workshops(request, region, limit):
    """The international workshops of networks whose pilot city is in the region (an antenna's page)."""
    rows = request.dbsession.scalars(select(Workshop).join(Network, Workshop.network_id == Network.id)
                                     .join(Member, Network.member_id == Member.id).where(Member.region == region)
                                     .order_by(Workshop.starts.desc()).limit(limit)).all()
    return [{"title": row.title, "url": request.route_url("workshop", id=row.id), "note": row.network.title}
            for row in rows]


def album_of(dbsession, workshop, create=False):
    """The content item holding the workshop's photos (made with the first one)."""
    from .deliverable_models import HIDDEN_STATE
    from .workshop_models import WorkshopAlbum
    album = dbsession.scalars(select(WorkshopAlbum).where(WorkshopAlbum.workshop_id == workshop.id)).first()
    if album is None and create:
        album = WorkshopAlbum(workshop_id=workshop.id, workshop=workshop, title=workshop.title[:300],
                              state=HIDDEN_STATE)
        dbsession.add(album)
        dbsession.flush()
    return album


def add_photos(request, workshop, tokens, caption, alt):
    """The photos held by the form, stored with the core's checks into the workshop's album."""
    album = album_of(request.dbsession, workshop, create=True)
    start = max((f.position for f in album.files), default=-1) + 1
    rows = store_kept(request, tokens, allowed=IMAGE_TYPES, content=album, owner=request.user, title=caption)
    for position, row in enumerate(rows, start):
        row.alt, row.position = (alt or caption)[:300], position
    request.dbsession.flush()
    request.dbsession.expire(album, ["files"])
    return rows

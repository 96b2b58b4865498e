"""After the event: a signed-off thematic sheet published into the experiences database in one step (an
experience prefilled from it, through the experiences' registered content type, never an import of that
plugin; the link kept both ways: the sheet names the experience, the experience's page shows a badge back
to the sheet), the workshops on the antenna's page (the pilot city's region)."""
from markupsafe import escape
from sqlalchemy import select

from portal.api import Member, _, content_service, html_to_text, translate

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
    """On an experience's page: the thematic sheet it was published from."""
    rows = request.dbsession.scalars(select(Deliverable).where(Deliverable.experience_id == obj.id)).all()
    return [{"title": translate(_("From the thematic sheet of “${network}”", mapping={"network": row.network.title}),
                                request),
             "url": request.route_url("deliverable", id=row.id)} for row in rows if request.has_permission("view", row)]


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

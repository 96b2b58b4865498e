"""The pilot city's timeline (add_timeline): its networks' international workshops and signed-off public
deliverables."""
from sqlalchemy import select

from portal.api import TimelineEntry, _

from .deliverable_models import Deliverable
from .models import Network
from .workshop_models import Workshop

TIMELINE_KINDS = {"workshop": (_("International workshop"), _("International workshops")),
                  "deliverable": (_("Deliverable of a collaborative network"),
                                  _("Deliverables of collaborative networks"))}


def workshop_timeline(request, member):
    rows = request.dbsession.scalars(select(Workshop).join(Network, Workshop.network_id == Network.id)
                                     .where(Network.member_id == member.id)).all()
    for row in rows:
        yield TimelineEntry(when=row.starts, kind="workshop", title=row.title,
                            url=request.route_url("workshop", id=row.id), note=row.network.title)
    signed = request.dbsession.scalars(select(Deliverable).join(Network, Deliverable.network_id == Network.id)
                                       .where(Network.member_id == member.id, Deliverable.public.is_(True),
                                              Deliverable.status == "signed")).all()
    for row in signed:
        yield TimelineEntry(when=row.signed, kind="deliverable", title=f"{row.title} (v{row.version})",
                            url=request.route_url("deliverable", id=row.id), note=row.network.title)

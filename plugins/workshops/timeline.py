"""The pilot city's timeline (add_timeline): its networks' international workshops."""
from sqlalchemy import select

from portal.api import TimelineEntry, _

from .models import Network
from .workshop_models import Workshop

TIMELINE_KINDS = {"workshop": (_("International workshop"), _("International workshops"))}


def workshop_timeline(request, member):
    rows = request.dbsession.scalars(select(Workshop).join(Network, Workshop.network_id == Network.id)
                                     .where(Network.member_id == member.id)).all()
    for row in rows:
        yield TimelineEntry(when=row.starts, kind="workshop", title=row.title,
                            url=request.route_url("workshop", id=row.id), note=row.network.title)

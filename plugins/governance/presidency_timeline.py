"""The presidency on a member organisation's timeline: its candidacies once eligible (public), and the
presidency it won, on the day the result was announced."""
from collections.abc import Iterator
from typing import Any

from pyramid.request import Request
from sqlalchemy import select

from portal.api import TimelineEntry, _, translated

from .presidency import Candidacy, PresidencyCall

TIMELINE_KINDS = {"presidency": (_("Presidency"), _("Presidencies")),
                  "presidency-candidacy": (_("Candidacy for the presidency"), _("Candidacies for the presidency"))}


def presidency_timeline(request: Request, member: Any) -> Iterator[TimelineEntry]:
    rows = request.dbsession.execute(
        select(Candidacy, PresidencyCall).join(PresidencyCall, PresidencyCall.id == Candidacy.call_id)
        .where(Candidacy.member_id == member.id, Candidacy.eligibility == "eligible",
               PresidencyCall.published.is_(True))).all()
    for candidacy, call in rows:
        title = translated(request, call, "title")
        yield TimelineEntry(when=candidacy.submitted, kind="presidency-candidacy", title=str(title),
                            url=request.route_path("governance.candidacy", candidacy=candidacy.id))
        if candidacy.elected and call.announced is not None:
            yield TimelineEntry(when=call.announced, kind="presidency", title=str(title),
                                url=request.route_path("governance.presidency", year=call.year),
                                note=_("Presidency of the network for ${year}", mapping={"year": call.year}))

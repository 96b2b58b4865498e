"""What "My space" (/my) shows of the awards: the entries of the visitor's organisation, the calls whose
entries they judge, and the open call they may enter next."""
from pyramid.request import Request
from sqlalchemy import select

from portal.api import DashboardItem, _, clock

from .models import AwardCall, AwardEntry, Juror
from .views.common import call_name


def my_award_entries(request: Request) -> list[DashboardItem] | None:
    """None for someone who neither represents an organisation nor sits on a jury: nothing to show them."""
    user = request.user
    rows = []
    if user.member_id:
        rows = request.dbsession.execute(
            select(AwardEntry, AwardCall).join(AwardCall, AwardCall.id == AwardEntry.call_id)
            .where(AwardEntry.member_id == user.member_id).order_by(AwardCall.opens.desc(), AwardEntry.id)).all()
    juries = request.dbsession.scalars(select(AwardCall).join(Juror, Juror.call_id == AwardCall.id)
                                       .where(Juror.user_id == user.id).order_by(AwardCall.opens.desc())).all()
    if not user.member_id and not juries:
        return None
    items: list[DashboardItem] = []
    for call in juries:
        if call.evaluation_open:
            items.append({"title": _("Your reviews"), "url": request.route_path("award_my_reviews", call=call.id),
                          "note": call_name(call), "state": _("Juror")})
    for entry, call in rows:
        items.append({"title": entry.title or call_name(call), "url": request.route_path("award_entry", entry=entry.id),
                      "note": call_name(call), "state": _("Submitted") if entry.status == "submitted" else _("Draft")})
    return items


def next_call(request: Request) -> dict | None:
    """The open call the visitor's organisation may still enter, offered under the panel."""
    user = request.user
    if not user.member_id:
        return None
    now = clock.now()
    for call in request.dbsession.scalars(select(AwardCall).where(AwardCall.opens <= now, AwardCall.closes > now)
                                          .order_by(AwardCall.closes)):
        if request.has_permission("enter", call):
            return {"title": _("Submit an entry to the ${call}", mapping={"call": call_name(call)}),
                    "url": request.route_path("award_call", call=call.id)}
    return None

"""Proxies: an organisation gives its proxy to another member organisation for one meeting. Refused
with the rule that forbids it: to itself, to a non-member, over the statutory limit of proxies a holder
may carry (the plugin setting), or twice for one meeting. The history keeps every proxy, withdrawn or
refused ones included."""
from sqlalchemy import func, select

from portal.api import Member, _, clock

from .models import HOLDING, Proxy

DEFAULT_LIMIT = 2


class ProxyRefused(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def limit(request) -> int:
    values = request.plugin_settings("governance") or {}
    return int(values.get("proxy_limit") or DEFAULT_LIMIT)


def held_by(session, meeting_id, holder_id) -> list[Proxy]:
    return session.scalars(select(Proxy).where(Proxy.meeting_id == meeting_id, Proxy.holder_id == holder_id,
                                               Proxy.state.in_(HOLDING)).order_by(Proxy.id)).all()


def given_by(session, meeting_id, giver_id) -> Proxy | None:
    return session.scalars(select(Proxy).where(Proxy.meeting_id == meeting_id, Proxy.giver_id == giver_id,
                                               Proxy.state.in_(HOLDING))).first()


def give(request, meeting, giver_id, holder_id) -> Proxy:
    session = request.dbsession
    if giver_id == holder_id:
        raise ProxyRefused(_("An organisation cannot give its proxy to itself."))
    holder = session.get(Member, holder_id)
    if holder is None or holder.status != "active":
        raise ProxyRefused(_("A proxy can only be given to a member organisation of the network."))
    if given_by(session, meeting.id, giver_id) is not None:
        raise ProxyRefused(_("Your organisation has already given its proxy for this meeting; withdraw it first."))
    if given_by(session, meeting.id, holder_id) is not None:
        raise ProxyRefused(_("This organisation has given its own proxy for this meeting: it cannot hold one."))
    most = limit(request)
    held = session.scalar(select(func.count(Proxy.id)).where(
        Proxy.meeting_id == meeting.id, Proxy.holder_id == holder_id, Proxy.state.in_(HOLDING)))
    if held >= most:
        raise ProxyRefused(_("The statutes allow at most ${limit} proxies per organisation: ${holder} already "
                             "holds ${held}.", mapping={"limit": most, "holder": holder.name, "held": held}))
    proxy = Proxy(meeting_id=meeting.id, giver_id=giver_id, holder_id=holder_id, state="given",
                  created=clock.now())
    session.add(proxy)
    session.flush()
    return proxy


def decide(proxy, state, note=""):
    proxy.state, proxy.note, proxy.decided = state, note, clock.now()


def history(session, meeting_id) -> list[Proxy]:
    return session.scalars(select(Proxy).where(Proxy.meeting_id == meeting_id).order_by(Proxy.id)).all()

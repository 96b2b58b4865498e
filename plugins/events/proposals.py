"""The call for sessions of a conference (as pretalx's): while the secretariat keeps it open, a member
organisation's people and the working groups' members propose a session (title, description, kind,
speakers) on behalf of their organisation or group; the secretariat accepts it, which places it in the
programme as a session, or declines it with a reason; the proposer is told either way. Working groups
belong to another plugin: found by their registered name ("working_group"), never imported."""
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.api import _, Base, UTCDateTime, clock, notify

PROPOSAL_STATES = {"proposed": _("Waiting for the secretariat's choice"), "accepted": _("Accepted: in the programme"),
                   "declined": _("Declined")}


class SessionProposal(Base):
    __tablename__ = "event_session_proposals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    proposer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True,
                                                    index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"), nullable=True)
    # a working group of the working_groups plugin, when it is installed (no foreign key: its table may not be)
    group_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(20))
    speakers: Mapped[str] = mapped_column(Text, default="")  # "Name | member organisation" lines
    state: Mapped[str] = mapped_column(String(20), default="proposed", index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    session_id: Mapped[int | None] = mapped_column(ForeignKey("event_sessions.id", ondelete="SET NULL"),
                                                   nullable=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime)

    event = relationship("Event")
    proposer = relationship("User")
    member = relationship("Member")

    def __acl__(self):
        return list(self.event.__acl__)


def working_groups_of(request, user) -> list:
    """The working groups the person belongs to, if the working_groups plugin is installed."""
    if user is None or "working_group" not in request.resources:
        return []
    model = request.resources["working_group"]
    ids = [g.id for g in user.groups]
    if not ids:
        return []
    return list(request.dbsession.scalars(select(model).where(model.principal_group_id.in_(ids)).order_by(model.name)))


def behalf_choices(request) -> list[tuple[str, str]]:
    """[(value, title)]: the person's member organisation ("member:ID") and working groups ("group:ID")."""
    user = request.user
    found = []
    if user is not None and user.member_id is not None and user.member is not None:
        found.append((f"member:{user.member_id}", user.member.name))
    found += [(f"group:{g.id}", g.name) for g in working_groups_of(request, user)]
    return found


def behalf_title(request, proposal) -> str:
    if proposal.group_id is not None and "working_group" in request.resources:
        group = request.dbsession.get(request.resources["working_group"], proposal.group_id)
        if group is not None:
            return group.name
    return proposal.member.name if proposal.member is not None else ""


def propose(request, event, values):
    kind, _sep, number = values["behalf"].partition(":")
    proposal = SessionProposal(event_id=event.id, proposer_id=request.user.id, title=values["title"],
                               description=values["description"], kind=values["kind"], speakers=values["speakers"],
                               member_id=int(number) if kind == "member" else None,
                               group_id=int(number) if kind == "group" else None, created=clock.now())
    request.dbsession.add(proposal)
    request.dbsession.flush()
    return proposal


def tell(request, proposal, message):
    if proposal.proposer is not None:
        notify(request, [proposal.proposer], "events.session_proposal", message,
               request.route_url("conference_propose", id=proposal.event_id), note=proposal.reason)


def accept(request, proposal, values):
    from .session_forms import new_session
    values = dict(values, title=proposal.title, description=proposal.description, kind=proposal.kind)
    session = new_session(request.dbsession, proposal.event_id, values, values["speaker_rows"])
    proposal.state, proposal.session_id = "accepted", session.id
    tell(request, proposal, _("Your proposed session “${title}” is accepted: it is in the programme.",
                              mapping={"title": proposal.title}))
    return session


def decline(request, proposal, reason):
    proposal.state, proposal.reason = "declined", reason
    tell(request, proposal, _("Your proposed session “${title}” is declined.", mapping={"title": proposal.title}))

"""The call for sessions' pages: proposing a session (with one's own proposals and what became of them),
the secretariat's list of the proposals of a conference, accepting one into the programme (placed in a
track, a room, at a time) or declining it with a reason."""
import colander
import deform
from pyramid.httpexceptions import HTTPForbidden, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import FormView, _, page, translate

from .conference_views import conference_of, event_trail
from .proposals import PROPOSAL_STATES, SessionProposal, accept, behalf_choices, behalf_title, decline, propose
from .session_forms import check_speaker_rows, check_times, content_nodes, placing_nodes


def proposals_of(request, event, proposer=None):
    stmt = select(SessionProposal).where(SessionProposal.event_id == event.id)
    if proposer is not None:
        stmt = stmt.where(SessionProposal.proposer_id == proposer.id)
    return request.dbsession.scalars(stmt.order_by(SessionProposal.id)).all()


def call_open(request, event) -> bool:
    conference = conference_of(request, event) if event.kind == "conference" else None
    return bool(conference is not None and conference.call_open and event.upcoming and event.state == "published")


@view_config(route_name="conference_propose", permission="view")
class ProposeView(FormView):
    """/events/{id}/propose: for a person of a member organisation or a working group, while the call is open."""
    renderer = "plugins.events:templates/conference_propose.pt"
    title = _("Propose a session")
    buttons = (("propose", _("Propose")),)

    def __call__(self):
        if self.context.kind != "conference" or conference_of(self.request, self.context) is None:
            raise HTTPNotFound()
        if self.request.user is None:
            raise HTTPForbidden()
        self.request.response.cache_control.private = True
        self.choices = behalf_choices(self.request)
        if not self.choices or not call_open(self.request, self.context):
            if self.pressed():
                self.request.response.status = 400
            return self.render(self.page(form=None, **self.values()))
        return super().__call__()

    def get_schema(self):
        schema = colander.Schema(validator=self.check)
        schema.add(colander.SchemaNode(colander.String(), name="behalf", title=_("On behalf of"),
                                       validator=colander.OneOf([v for v, _t in self.choices]),
                                       widget=deform.widget.SelectWidget(values=self.choices)))
        return content_nodes(schema)

    def check(self, form, value):
        error = colander.Invalid(form)
        check_speaker_rows(self.request.dbsession, value, error)
        if error.children:
            raise error

    def trail(self):
        return event_trail(self.request, self.context)

    def values(self):
        mine = proposals_of(self.request, self.context, self.request.user)
        return {"event": self.context, "mine": mine, "states": PROPOSAL_STATES, "eligible": bool(self.choices),
                "open": call_open(self.request, self.context)}

    def propose_success(self, appstruct):
        propose(self.request, self.context, appstruct)
        return self.done(_("Your session is proposed: the secretariat chooses the programme and tells you."),
                         self.request.route_url("conference_propose", id=self.context.id))


@view_config(route_name="conference_proposals", renderer="plugins.events:templates/conference_proposals.pt",
             permission="select_sessions")
def proposals_list(request):
    event = request.context
    if event.kind != "conference":
        raise HTTPNotFound()
    request.response.cache_control.private = True
    return page(request, translate(_("Proposed sessions"), request), event_trail(request, event), event=event,
                rows=proposals_of(request, event), states=PROPOSAL_STATES,
                behalf=lambda proposal: behalf_title(request, proposal))


class ProposalForm(FormView):
    renderer = "plugins.events:templates/conference_proposal.pt"

    def __call__(self):
        if self.context.state != "proposed":
            return self.done(None, self.listing())
        self.request.response.cache_control.private = True
        return super().__call__()

    def trail(self):
        event = self.context.event
        return event_trail(self.request, event, (_("Proposed sessions"),
                                                 self.request.route_path("conference_proposals", id=event.id)))

    def values(self):
        return {"proposal": self.context, "behalf": behalf_title(self.request, self.context)}

    def listing(self):
        return self.request.route_url("conference_proposals", id=self.context.event_id)


@view_config(route_name="conference_proposal_accept", permission="select_sessions")
class AcceptView(ProposalForm):
    title = _("Accept a proposed session")
    buttons = (("accept", _("Accept into the programme")),)

    def get_schema(self):
        return placing_nodes(colander.Schema(validator=self.check), self.context.event.timezone)

    def check(self, form, value):
        error = colander.Invalid(form)
        check_times(value, error)
        value["speakers"] = self.context.speakers
        check_speaker_rows(self.request.dbsession, value, error)
        if error.children:
            raise error

    def accept_success(self, appstruct):
        session = accept(self.request, self.context, appstruct)
        return self.done(_("Accepted: the session is in the programme and its proposer is told."),
                         self.request.route_url("conference_programme", id=session.event_id,
                                                _anchor=f"session-{session.id}"))


class ReasonSchema(colander.Schema):
    reason = colander.SchemaNode(colander.String(), title=_("Reason (told to the proposer)"),
                                 validator=colander.Length(1, 2000), widget=deform.widget.TextAreaWidget(rows=3))


@view_config(route_name="conference_proposal_decline", permission="select_sessions")
class DeclineView(ProposalForm):
    title = _("Decline a proposed session")
    schema = ReasonSchema
    buttons = (("decline", _("Decline")),)

    def decline_success(self, appstruct):
        decline(self.request, self.context, appstruct["reason"].strip())
        return self.done(_("Declined: its proposer is told why."), self.listing())

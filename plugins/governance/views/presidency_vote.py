"""The secretariat opens the presidency's secret vote among the call's eligible candidacies: at a
plenary (opened there like any vote) or as a written procedure open N days."""
import colander
import deform
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import FormView, _, clock, translated

from ..models import Meeting
from ..presidency_vote import eligible, hold_vote
from .presidency_common import trail

PROCEDURE = 0  # the "where" choice of a written procedure


@view_config(route_name="governance.presidency.vote", permission="run_presidency_call")
class HoldVoteView(FormView):
    buttons = (("hold", _("Hold the vote")),)

    def meetings(self):
        return self.request.dbsession.scalars(select(Meeting).where(Meeting.starts >= clock.now())
                                              .order_by(Meeting.starts)).all()

    def get_schema(self):
        meetings = self.meetings()
        schema = colander.Schema()
        schema.add(colander.SchemaNode(
            colander.Int(), name="where", title=_("Where the member organisations vote"), default=PROCEDURE,
            validator=colander.OneOf([PROCEDURE] + [m.id for m in meetings]),
            widget=deform.widget.SelectWidget(values=[(str(PROCEDURE), _("A written procedure"))] + [
                (str(m.id), translated(self.request, m, "title")) for m in meetings])))
        schema.add(colander.SchemaNode(colander.Int(), name="days", title=_("A written procedure is open for (days)"),
                                       validator=colander.Range(1, 60), default=14))
        return schema

    def page_title(self):
        return _("The vote for the presidency ${year}", mapping={"year": self.context.year})

    def trail(self):
        return trail(self.request, self.context)

    def values(self):
        names = ", ".join(c.member.name for c in eligible(self.context))
        return {"intro": _("A secret vote among the eligible candidacies: ${names}.", mapping={"names": names or "—"})}

    def hold_success(self, appstruct):
        call = self.context
        if call.announced is not None:
            return self.refuse(appstruct, _("The result is already announced."))
        if call.vote_id is not None:
            return self.refuse(appstruct, _("This call's vote is already held."))
        if not eligible(call):
            return self.refuse(appstruct, _("No candidacy is eligible yet: check the candidacies first."))
        motion = hold_vote(self.request, call, meeting_id=appstruct["where"] or None, days=appstruct["days"])
        message = _("The vote is opened.") if motion.opens else _("The vote is on the meeting's motions: open it there.")
        return self.done(message, self.request.route_url("gov_motion", motion=motion.id))

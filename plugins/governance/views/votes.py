"""Motions and their votes: the secretariat adds a motion to a meeting (or a written procedure, open N
days), member organisations propose amendments before the meeting, the secretariat opens and closes
each vote (the amendments first); a representative votes for their organisation and each one whose
proxy it holds. A motion's page states the result and why, and for a secret vote the receipts."""
from datetime import timedelta

import colander
import deform
from pyramid.httpexceptions import HTTPForbidden
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import (DOCUMENT_TYPES, ConfirmView, FormView, Member, _, clock, set_translated,
                        store_kept, translatable_node, translate, translated, uploads_node)

from ..models import Meeting, Motion, Voted
from ..quorum import RULE_TITLES, RULES
from ..presidency_vote import announce_vote_result
from ..votes import (VoteRefused, ballots_of, box, box_hash, cast, choice_titles, close_vote, open_vote,
                     pending_amendments, result_of)
from .common import own_member_id, own_member_or_403



class MotionSchema(colander.Schema):
    title = translatable_node(_("Title"), max_length=300)
    text = translatable_node(_("Text"), rich=True)
    documents = uploads_node("documents", _("Documents"), allowed=DOCUMENT_TYPES)
    rule = colander.SchemaNode(colander.String(), title=_("Majority"), validator=colander.OneOf(RULES),
                               widget=deform.widget.SelectWidget(values=[(r, RULE_TITLES[r]) for r in RULES]))
    secret = colander.SchemaNode(colander.Boolean(), title=_("Secret ballot"), missing=False)


class ProcedureSchema(MotionSchema):
    days = colander.SchemaNode(colander.Int(), title=_("Open for (days)"), validator=colander.Range(1, 60), default=14)


def save_motion(request, appstruct, **fields):
    motion = Motion(title="", **fields)
    for name in ("title", "text"):
        set_translated(motion, name, appstruct[name])
    motion.rule = appstruct.get("rule", "simple")
    motion.secret = appstruct.get("secret", False)
    files = store_kept(request, appstruct["documents"]["kept"], allowed=DOCUMENT_TYPES, owner=request.user)
    request.dbsession.flush()
    motion.documents = [{"id": f.id, "filename": f.filename} for f in files]
    request.dbsession.add(motion)
    request.dbsession.flush()
    return motion


@view_config(route_name="gov_motion_add", permission="run_plenary")
class AddMotionView(FormView):
    schema = MotionSchema
    title = _("New motion")
    buttons = (("save", _("Add the motion")),)

    def save_success(self, appstruct):
        motion = save_motion(self.request, appstruct, meeting_id=self.context.id)
        return self.done(_("Motion added."), self.request.route_url("gov_motion", motion=motion.id))


@view_config(route_name="gov_procedure_add", permission="run_plenary")
class AddProcedureView(FormView):
    """A written procedure: a vote between meetings, open from now for N days, every member entitled."""
    schema = ProcedureSchema
    title = _("New written procedure")
    buttons = (("save", _("Open the written procedure")),)

    def save_success(self, appstruct):
        now = clock.now()
        motion = save_motion(self.request, appstruct, meeting_id=None)
        open_vote(motion, now, now + timedelta(days=appstruct["days"]))
        return self.done(_("Written procedure opened."), self.request.route_url("gov_motion", motion=motion.id))


class AmendmentSchema(colander.Schema):
    title = translatable_node(_("Title"), max_length=300)
    text = translatable_node(_("Text"), rich=True)
    documents = uploads_node("documents", _("Documents"), allowed=DOCUMENT_TYPES)


@view_config(route_name="gov_motion_amend", permission="take_part")
class AmendView(FormView):
    schema = AmendmentSchema
    title = _("Propose an amendment")
    buttons = (("save", _("Propose the amendment")),)

    def save_success(self, appstruct):
        member_id = own_member_or_403(self.request)
        motion = self.context
        meeting = self.request.dbsession.get(Meeting, motion.meeting_id) if motion.meeting_id else None
        if motion.amends_id is not None or motion.options or meeting is None or clock.now() >= meeting.starts:
            return self.refuse(appstruct, _("Amendments are proposed to a motion of a plenary, before the meeting."))
        amendment = save_motion(self.request, appstruct, meeting_id=motion.meeting_id, amends_id=motion.id,
                                proposer_id=member_id)
        amendment.rule, amendment.secret = motion.rule, motion.secret
        return self.done(_("Amendment proposed: it is voted before the motion."),
                         self.request.route_url("gov_motion", motion=motion.id))


@view_config(route_name="gov_motion_open", permission="run_plenary")
class OpenVoteView(ConfirmView):
    button = _("Open the vote")
    title = _("Open the vote")

    def confirm_success(self):
        motion = self.context
        if motion.closed or motion.opens is not None:
            self.request.flash(_("This vote was already opened."))
        elif pending_amendments(self.request.dbsession, motion):
            self.request.flash(_("Its amendments are voted first: close their votes before this one."))
        else:
            open_vote(motion, clock.now())
            self.request.flash(_("The vote is open."))
        return self.done(None, self.request.route_url("gov_motion", motion=motion.id))


@view_config(route_name="gov_motion_close", permission="run_plenary")
class CloseVoteView(ConfirmView):
    button = _("Close the vote")
    title = _("Close the vote")
    intro = _("The entitled organisations, the quorum and the tally are frozen; the result is published.")

    def confirm_success(self):
        if not self.context.closed:
            close_vote(self.request, self.context)
            announce_vote_result(self.request, self.context)
        return self.done(_("The vote is closed."), self.request.route_url("gov_motion", motion=self.context.id))


@view_config(route_name="gov_motion_vote", permission="take_part")
class VoteView(FormView):
    buttons = (("vote", _("Cast the ballot")),)
    renderer = "plugins.governance:templates/vote.pt"

    def mine(self):
        return own_member_id(self.request)

    def for_whom(self):
        mine = self.mine()
        return ballots_of(self.request.dbsession, self.context, mine) if mine else []

    def get_schema(self):
        session = self.request.dbsession
        names = {m.id: m.name for m in session.scalars(select(Member))}
        done = set(session.scalars(select(Voted.member_id).where(Voted.motion_id == self.context.id)))
        voters = [(str(i), names.get(i, "")) for i in self.for_whom() if i not in done]
        titles = choice_titles(self.context)
        schema = colander.Schema()
        schema.add(colander.SchemaNode(colander.Int(), name="voter", title=_("Ballot of"),
                                       widget=deform.widget.SelectWidget(values=voters),
                                       default=int(voters[0][0]) if voters else colander.null))
        schema.add(colander.SchemaNode(colander.String(), name="choice", title=_("Your vote"),
                                       validator=colander.OneOf(list(titles)),
                                       widget=deform.widget.SelectWidget(values=list(titles.items()))))
        return schema

    def page_title(self):
        return _("Vote: ${motion}", mapping={"motion": translated(self.request, self.context, "title")})

    def values(self):
        self.request.response.cache_control.private = True
        return {"motion": self.context, "receipt": None}

    def vote_success(self, appstruct):
        mine = self.mine()
        if mine is None:
            raise HTTPForbidden()
        try:
            receipt = cast(self.request, self.context, appstruct["voter"], mine, appstruct["choice"])
        except VoteRefused as refused:
            if refused.status == 403:
                raise HTTPForbidden(translate(refused.message, self.request)) from None
            return self.refuse(appstruct, refused.message, status=refused.status)
        if receipt:
            return self.render(self.page(**{**self.values(), "receipt": receipt, "form": None}))
        return self.done(_("Ballot recorded."), self.request.route_url("gov_motion", motion=self.context.id))


@view_config(route_name="gov_motion", renderer="plugins.governance:templates/motion.pt", permission="take_part")
def motion_page(request):
    request.response.cache_control.private = True
    motion, session = request.context, request.dbsession
    names = {m.id: m.name for m in session.scalars(select(Member))}
    amendments = session.scalars(select(Motion).where(Motion.amends_id == motion.id).order_by(Motion.id)).all()
    rows = box(session, motion) if motion.secret and motion.closed else []
    named = session.scalars(select(Voted).where(Voted.motion_id == motion.id).order_by(Voted.id)).all()
    now = clock.now()
    titles = choice_titles(motion)
    return {"page_title": translated(request, motion, "title"), "breadcrumbs": [], "motion": motion,
            "text": translated(request, motion, "text"), "rule": RULE_TITLES.get(motion.rule),
            "amendments": [(a, translated(request, a, "title"), names.get(a.proposer_id)) for a in amendments],
            "open": motion.is_open(now), "run": request.has_permission("run_plenary", motion),
            "result": result_of(motion).explanation(lambda term: translate(term, request)) if motion.closed else None,
            "record": motion.record or {}, "box": rows, "box_hash": box_hash(rows) if rows else "",
            "voted": [names.get(v.member_id) for v in named],
            "choices": sorted((names.get(v.member_id, ""), titles.get(v.choice, v.choice)) for v in named if v.choice),
            "census": [names.get(i, "") for i in motion.entitled or ()],
            "can_vote": bool(own_member_id(request)) and motion.is_open(now),
            "can_amend": bool(own_member_id(request)) and motion.amends_id is None and not motion.closed
            and not motion.options
            and motion.opens is None, "choice_titles": titles}

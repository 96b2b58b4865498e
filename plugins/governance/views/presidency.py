"""The presidency call's pages: the calls, a call (its dates, conditions and eligible candidates), the
secretariat's form of a call, a representative's candidacy (its texts and documents), a candidacy's
page, the secretariat's eligibility decision and the announcement of the result (mailed to every
member organisation's representatives in their language, on the winner's timeline)."""
import colander
import deform
from pyramid.httpexceptions import HTTPForbidden
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import (DOCUMENT_TYPES, FormView, _, clock, field_values, page,
                        rich_text_node, send_file, set_translated, store_kept, translatable_node,
                        translate, translated, uploads_node)

from ..presidency import ELIGIBILITY_TITLES, Candidacy, CandidacyDocument, PresidencyCall, candidacy_of, \
    call_of_year, refusal
from ..presidency_vote import announce
from .presidency_common import trail

DATE_WIDGET = deform.widget.TextInputWidget(attributes={"type": "date"})
MAX_DOCUMENTS = 10


@view_config(route_name="governance.presidency.calls", renderer="plugins.governance:templates/presidency_calls.pt",
             permission="view")
def presidency_calls(request):
    editor = bool(request.has_permission("run_presidency_call"))
    stmt = select(PresidencyCall).order_by(PresidencyCall.year.desc())
    if not editor:
        stmt = stmt.where(PresidencyCall.published.is_(True))
    return page(request, _("Calls for the presidency"), (), calls=list(request.dbsession.scalars(stmt)), editor=editor)


@view_config(route_name="governance.presidency", renderer="plugins.governance:templates/presidency.pt",
             permission="view")
def presidency_call(request):
    call: PresidencyCall = request.context
    editor = bool(request.has_permission("run_presidency_call", call))
    shown = [c for c in call.candidacies if editor or c.eligibility == "eligible"]
    own = None
    if request.user is not None and request.user.member_id:
        own = candidacy_of(request.dbsession, call, request.user.member_id)
    if editor or own is not None:
        request.response.cache_control.private = True
    return page(request, translated(request, call, "title"), trail(request), call=call, candidacies=shown,
                editor=editor, own=own, open=call.is_open(), eligibility_titles=ELIGIBILITY_TITLES,
                can_apply=request.user is not None and refusal(call, request.user) is None and own is None)


class CallSchema(colander.Schema):
    year = colander.SchemaNode(colander.Integer(), title=_("Year of the presidency"), validator=colander.Range(2000, 2100))
    opens = colander.SchemaNode(colander.Date(), title=_("Candidacies from"), widget=DATE_WIDGET)
    closes = colander.SchemaNode(colander.Date(), title=_("Candidacies until"), widget=DATE_WIDGET)
    published = colander.SchemaNode(colander.Boolean(), title=_("Published"), missing=False)


def call_schema():
    schema = CallSchema(validator=check_dates)
    schema.insert(1, translatable_node(_("Title"), name="title", max_length=300))
    schema.insert(2, translatable_node(_("Conditions"), name="conditions", textarea=8))
    return schema


def check_dates(form, value):
    if value["closes"] < value["opens"]:
        error = colander.Invalid(form)
        error["closes"] = _("The call cannot close before it opens.")
        raise error


@view_config(route_name="governance.presidency.add", permission="run_presidency_call")
@view_config(route_name="governance.presidency.edit", permission="run_presidency_call")
class CallForm(FormView):
    def get_schema(self):
        return call_schema()

    @property
    def call(self):
        return self.context if isinstance(self.context, PresidencyCall) else None

    def page_title(self):
        return _("The presidency call") if self.call else _("A new presidency call")

    def trail(self):
        return trail(self.request, self.call)

    def appstruct(self):
        call = self.call
        if call is None:
            return colander.null
        return {"year": call.year, "title": field_values(call, "title", self.request),
                "conditions": field_values(call, "conditions", self.request), "opens": call.opens,
                "closes": call.closes, "published": call.published}

    def save_success(self, appstruct):
        dbsession = self.request.dbsession
        other = call_of_year(dbsession, appstruct["year"])
        if other is not None and other is not self.call:
            return self.refuse(appstruct, _("There is already a call for this year."), field="year")
        call = self.call or PresidencyCall(result_note="", created=clock.now())
        call.year, call.opens, call.closes, call.published = (appstruct["year"], appstruct["opens"], appstruct["closes"],
                                                              appstruct["published"])
        set_translated(call, "title", appstruct["title"])
        set_translated(call, "conditions", appstruct["conditions"])
        dbsession.add(call)
        return self.done(_("Saved."), self.request.route_url("governance.presidency", year=call.year))


def named(node, name):
    node.name = name
    return node


def candidacy_schema(files=()):
    schema = colander.SchemaNode(colander.Mapping())
    schema.add(named(rich_text_node(_("Why our city"), missing=colander.required), "statement"))
    schema.add(named(rich_text_node(_("Programme for the presidency year")), "programme"))
    schema.add(uploads_node("documents", _("Documents of the dossier"), files=files, accept=".pdf,.doc,.docx,.odt",
                            allowed=DOCUMENT_TYPES,
                            description=_("The mayor's letter, the budget...: PDF or office documents.")))
    return schema


@view_config(route_name="governance.presidency.apply", permission="submit_candidacy")
class CandidacyForm(FormView):
    """A representative's candidacy for their own organisation: written while the call is open, changed
    until it closes; anyone else is refused (403), nothing recorded."""

    def __init__(self, context, request=None):
        super().__init__(context, request)
        user = self.request.user
        if user is None or user.role != "member" or user.member_id is None:
            raise HTTPForbidden()
        self.candidacy = candidacy_of(self.request.dbsession, self.context, user.member_id)

    def get_schema(self):
        row = self.candidacy
        files = [{"id": d.id, "title": d.file.filename,
                  "url": self.request.route_path("governance.candidacy.document", candidacy=row.id, document=d.id)}
                 for d in row.documents] if row else ()
        return candidacy_schema(files)

    def page_title(self):
        return _("The candidacy of ${member}", mapping={"member": self.request.user.member.name})

    def trail(self):
        return trail(self.request, self.context)

    def values(self):
        why = refusal(self.context, self.request.user)
        return {"intro": why} if why else {}

    def appstruct(self):
        row = self.candidacy
        return {"statement": row.statement, "programme": row.programme} if row else colander.null

    def save_success(self, appstruct):
        why = refusal(self.context, self.request.user)
        if why is not None:
            return self.refuse(appstruct, why)
        dbsession, user = self.request.dbsession, self.request.user
        row = self.candidacy
        kept, removed = appstruct["documents"]["kept"], set(appstruct["documents"]["remove"])
        if row is not None:
            row.documents = [d for d in row.documents if str(d.id) not in removed]
        if len(kept) + (len(row.documents) if row else 0) > MAX_DOCUMENTS:
            return self.refuse(appstruct, _("A dossier has at most ${count} documents.",
                                            mapping={"count": MAX_DOCUMENTS}), field="documents")
        if row is None:
            row = Candidacy(call_id=self.context.id, member_id=user.member_id, eligibility="pending", reason="",
                            submitted=clock.now())
            dbsession.add(row)
        row.submitted_by, row.statement, row.programme = user.id, appstruct["statement"], appstruct["programme"] or ""
        dbsession.flush()
        for stored in store_kept(self.request, kept, allowed=DOCUMENT_TYPES, owner=user):
            dbsession.flush()
            row.documents.append(CandidacyDocument(file_id=stored.id))
        return self.done(_("Candidacy saved: the secretariat checks its eligibility."),
                         self.request.route_url("governance.candidacy", candidacy=row.id))


@view_config(route_name="governance.candidacy", renderer="plugins.governance:templates/presidency_candidacy.pt",
             permission="view")
def candidacy_page(request):
    candidacy: Candidacy = request.context
    call = candidacy.call
    own = request.user is not None and request.user.member_id == candidacy.member_id
    checker = bool(request.has_permission("check_eligibility", candidacy))
    if own or checker:
        request.response.cache_control.private = True
    return page(request, candidacy.member.name, trail(request, call), candidacy=candidacy, call=call,
                eligibility=translate(ELIGIBILITY_TITLES[candidacy.eligibility], request), own=own, checker=checker,
                can_edit=own and call.is_open())


@view_config(route_name="governance.candidacy.document", permission="view")
def candidacy_document(request):
    return send_file(request, request.context.file)


class EligibilitySchema(colander.Schema):
    eligibility = colander.SchemaNode(colander.String(), title=_("Eligibility"),
                                      validator=colander.OneOf(("eligible", "ineligible")),
                                      widget=deform.widget.SelectWidget(values=(
                                          ("", "—"), ("eligible", _("Eligible")), ("ineligible", _("Not eligible")))))
    reason = colander.SchemaNode(colander.String(), title=_("Reason"), validator=colander.Length(1, 2000),
                                 widget=deform.widget.TextAreaWidget(rows=3),
                                 description=_("The candidate reads it: which condition of the call is met or not."))


@view_config(route_name="governance.candidacy.check", permission="check_eligibility")
class EligibilityForm(FormView):
    schema = EligibilitySchema

    def page_title(self):
        return _("Eligibility of ${member}", mapping={"member": self.context.member.name})

    def trail(self):
        return trail(self.request, self.context.call)

    def appstruct(self):
        row = self.context
        return {"eligibility": row.eligibility, "reason": row.reason} if row.eligibility != "pending" else colander.null

    def save_success(self, appstruct):
        row = self.context
        if row.call.announced is not None:
            return self.refuse(appstruct, _("The result is announced: eligibility no longer changes."))
        row.eligibility, row.reason = appstruct["eligibility"], appstruct["reason"].strip()
        row.checked_by, row.checked = self.request.user.id, clock.now()
        return self.done(_("Saved."), self.request.route_url("governance.candidacy", candidacy=row.id))


@colander.deferred
def deferred_winner_widget(node, kw):
    return deform.widget.SelectWidget(values=[("", "—")] + [(str(c.id), c.member.name) for c in kw["eligible"]])


@colander.deferred
def deferred_winner_validator(node, kw):
    return colander.OneOf([str(c.id) for c in kw["eligible"]])


class ResultSchema(colander.Schema):
    winner = colander.SchemaNode(colander.String(), title=_("The candidacy elected"), widget=deferred_winner_widget,
                                 validator=deferred_winner_validator)
    vote_id = colander.SchemaNode(colander.Integer(), title=_("The vote's number"), missing=None,
                                  validator=colander.Range(1, 2**31 - 1),
                                  description=_("Once the plenary's votes are on the portal."))
    note = colander.SchemaNode(colander.String(), title=_("How it was decided"), missing="",
                               validator=colander.Length(0, 1000),
                               description=_("For instance: elected at the plenary in Cascais on 2 July 2013."))


@view_config(route_name="governance.presidency.announce", permission="run_presidency_call")
class ResultForm(FormView):
    """The result, once: the elected candidacy among the eligible ones, mailed to every active member
    organisation's representatives in their language."""
    schema = ResultSchema
    buttons = (("announce", _("Announce the result")),)

    @property
    def eligible(self):
        return [c for c in self.context.candidacies if c.eligibility == "eligible"]

    def bind(self):
        return {"eligible": self.eligible}

    def page_title(self):
        return _("The result of the call")

    def trail(self):
        return trail(self.request, self.context)

    def announce_success(self, appstruct):
        call, request = self.context, self.request
        if call.announced is not None:
            return self.refuse(appstruct, _("The result is already announced."))
        vote = appstruct["vote_id"]
        if vote is not None and ("vote" not in request.resources or
                                 request.dbsession.get(request.resources["vote"], vote) is None):
            return self.refuse(appstruct, _("There is no vote with this number."), field="vote_id")
        winner = next(c for c in self.eligible if str(c.id) == appstruct["winner"])
        announce(request, call, winner, note=appstruct["note"].strip(), vote_id=vote)
        url = request.route_url("governance.presidency", year=call.year)
        return self.done(_("Result announced and mailed to the representatives."), url)

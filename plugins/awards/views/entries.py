"""Entering a call: starting an entry (an existing experience or a new one), the entry form (its
documents in it), its page, and the secretariat's list and eligibility decision."""
from pyramid.httpexceptions import HTTPForbidden, HTTPFound
from pyramid.view import view_config

from portal.api import render_form
from portal.api import _, translate

from ..entries import (EntryRefused, document_rows, entry_values, experience_choices, save_entry,
                       submit_entry)
from ..jury import waiting_for_eligibility
from ..mail import submission_mail
from ..models import AwardEntry
from ..schemas import EligibilitySchema, check_reason, entry_schema
from .common import AwardForm, EntryForm, call_crumb, is_secretariat, page, refuse_closed


@view_config(route_name="award_enter", renderer="plugins.awards:templates/enter.pt", permission="enter")
def enter(request):
    """Start an entry: one of the member's experiences, or a new one written in the experience form."""
    call = request.context
    user = request.user
    if not user.member_id:
        raise HTTPForbidden()
    if not call.is_open:
        return page(request, _("Submit an entry"), [call_crumb(request, call)], call=call, choices=[],
                    error=refuse_closed(request, call))
    choices = experience_choices(request, user.member_id)
    error = None
    if request.method == "POST":
        raw = request.POST.get("experience_id", "")
        if raw not in {k for k, _v in choices}:
            request.response.status = 400
            error = _("Choose one of your experiences, or write a new one.")
        else:
            entry = AwardEntry(call=call, member_id=user.member_id, experience_id=int(raw), submitter_id=user.id,
                               answers={}, status="draft")
            request.dbsession.add(entry)
            request.dbsession.flush()
            request.flash(_("Your draft entry is saved. Complete it and submit it before the deadline."))
            return HTTPFound(request.route_url("award_entry_edit", entry=entry.id))
    return page(request, _("Submit an entry"), [call_crumb(request, call)], call=call, choices=choices, error=error)


@view_config(route_name="award_enter_experience", permission="enter")
class EnterNewExperience(AwardForm):
    """The experience form of the experiences plugin: what is written becomes the member's experience
    (a draft they can submit for publication later) and the entry's."""
    buttons = (("save", _("Save and continue")),)
    title = _("Write a new experience")
    intro = _("This experience is also added to the network's database as a draft of your organisation.")

    def __init__(self, context, request=None):
        super().__init__(context, request)
        self.info = self.request.registry.portal.content_types["experience"]

    def get_schema(self):
        return self.info.schema()

    def bind(self):
        return {"type_info": self.info}

    def appstruct(self):
        return {"member_id": self.request.user.member_id}

    def __call__(self):
        if not self.request.user.member_id:
            raise HTTPForbidden()
        if not self.call.is_open:
            return self.show(None, intro=refuse_closed(self.request, self.call))
        return super().__call__()

    def save_success(self, appstruct):
        from portal.api import content_service
        request, user = self.request, self.request.user
        exp = content_service.create(request, self.info, appstruct, state="draft",
                                     comment=translate(_("Written for an award entry"), request))
        entry = AwardEntry(call=self.call, member_id=user.member_id, experience_id=exp.id, submitter_id=user.id,
                           answers={}, status="draft")
        request.dbsession.add(entry)
        request.dbsession.flush()
        return self.done(_("Your draft entry is saved. Complete it and submit it before the deadline."),
                         request.route_url("award_entry_edit", entry=entry.id))


def _typed(request, call):
    """What the entry form was sent with, to show it again as typed."""
    typed = {k: v for k, v in request.POST.items() if k != "csrf_token"}
    values = {"experience_id": typed.get("experience_id") or None, "category": typed.get("category", "")}
    for q in call.questions:
        values[f"q_{q['key']}"] = typed.get(f"q_{q['key']}", "")
    return values


@view_config(route_name="award_entry_edit", permission="edit_entry")
class EntryEdit(EntryForm):
    """The entry form, its documents in it. Submitting is what it is for; a draft can be saved on the way.
    The call's deadline is checked at the server's clock, whatever the page showed."""
    renderer = "plugins.awards:templates/entry_edit.pt"
    buttons = (("submit", _("Submit the entry")), ("save", _("Save the draft")))
    title = _("Your entry")


    def crumbs(self):
        entry = self.entry
        return [call_crumb(self.request, self.call), (entry.title or translate(_("Entry"), self.request),
                                                      self.request.route_path("award_entry", entry=entry.id))]

    def get_schema(self):
        request, entry = self.request, self.entry
        return entry_schema(self.call, experience_choices(request, entry.member_id), document_rows(request, entry))

    def appstruct(self):
        return entry_values(self.entry)

    def values(self):
        return {"entry": self.entry, "call": self.call, "error": None}

    def __call__(self):
        request, call = self.request, self.call
        if not call.is_open:
            error = refuse_closed(request, call)
            if self.pressed():
                return self.show(render_form(self.form, _typed(request, call)), error=error)
            request.response.status = 200  # the entry can still be read, not changed
            return self.show(None, error=error)
        return super().__call__()

    def save(self, appstruct):
        """Save the entry as typed; a document refused: nothing of this request is kept, the form shows it
        all again (None: saved)."""
        try:
            save_entry(self.request, self.entry, appstruct)
        except EntryRefused as exc:
            self.request.tm.doom()
            if exc.field is None:
                self.request.response.status = 400
                return self.show(render_form(self.form, appstruct), error=exc.message)
            return self.refuse(appstruct, exc.message, field=exc.field)
        return None

    def save_success(self, appstruct):
        refused = self.save(appstruct)
        if refused is not None:
            return refused
        return self.done(_("Draft saved. You can come back to it until the deadline."),
                         self.request.route_url("award_entry_edit", entry=self.entry.id))

    def submit_success(self, appstruct):
        request, entry = self.request, self.entry
        refused = self.save(appstruct)
        if refused is not None:
            return refused
        try:
            first = submit_entry(request, entry)
        except EntryRefused as exc:
            # the draft is kept, as the message says; the entry is not submitted. A fresh form: its
            # documents are those just saved
            request.response.status = 400
            self._form = None
            return self.show(render_form(self.form, entry_values(entry)), error=exc.message)
        submission_mail(request, entry)
        return self.done(_("Your entry is submitted; a confirmation is on its way by mail.") if first else
                         _("Your entry is updated; a confirmation is on its way by mail."),
                         request.route_url("award_entry", entry=entry.id))


@view_config(route_name="award_entry", permission="view_entry")
class EntryView(EntryForm):
    """An entry's page; for the secretariat, while it is submitted, the eligibility decision in it."""
    renderer = "plugins.awards:templates/entry.pt"
    buttons = (("decide", _("Save the decision")),)


    def __init__(self, context, request=None):
        super().__init__(context, request)
        self.manage = is_secretariat(self.request, self.entry)

    def page_title(self):
        return self.entry.title or _("Entry")

    def get_schema(self):
        return EligibilitySchema(validator=check_reason)

    def appstruct(self):
        entry = self.entry
        current = {"reason": entry.eligibility_reason}
        if entry.eligible is not None:
            current["eligible"] = "yes" if entry.eligible else "no"
        return current

    def values(self):
        request, entry, call = self.request, self.entry, self.call
        waiting = waiting_for_eligibility(call) if self.manage else []
        return {"entry": entry, "call": call, "manage": self.manage,
                "can_edit": call.is_open and bool(request.has_permission("edit_entry", entry)),
                "show_outcome": self.manage or call.results_public, "waiting": len(waiting)}

    def __call__(self):
        if self.manage and self.entry.status == "submitted":
            return super().__call__()
        if self.request.method == "POST":
            raise HTTPForbidden()
        return self.show(None)

    def decide_success(self, appstruct):
        entry, call = self.entry, self.call
        entry.eligible = appstruct["eligible"] == "yes"
        entry.eligibility_reason = appstruct["reason"].strip()
        waiting = [e for e in waiting_for_eligibility(call) if e is not entry]
        if waiting:  # on to the next one waiting, so the step is done in one go
            return self.done(_("Eligibility saved."), self.request.route_url("award_entry", entry=waiting[0].id))
        return self.done(_("Eligibility saved."), self.request.route_url("award_call", call=call.id))


@view_config(route_name="award_entry_scores", renderer="plugins.awards:templates/scores.pt", permission="manage")
def entry_scores(request):
    entry = request.context
    call = entry.call
    return page(request, _("Scores"), [call_crumb(request, call),
                                       (entry.title, request.route_path("award_entry", entry=entry.id))],
                entry=entry, call=call)


@view_config(route_name="award_entries", renderer="plugins.awards:templates/entries.pt", permission="manage")
def entries(request):
    call = request.context
    return page(request, _("Entries"), [call_crumb(request, call)], call=call, entries=list(call.entries),
                waiting=waiting_for_eligibility(call))

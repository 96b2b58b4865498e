"""Entering a call: starting an entry (an existing experience or a new one), the entry form (its
documents in it), its page, and the secretariat's list and eligibility decision."""
from pyramid.httpexceptions import HTTPForbidden, HTTPFound
from pyramid.view import view_config

from portal.api import field_error, make_form, render_form, validate
from portal.api import _, translate

from ..entries import (EntryRefused, document_rows, entry_values, experience_choices, save_entry,
                       submit_entry)
from ..jury import waiting_for_eligibility
from ..mail import submission_mail
from ..models import AwardEntry
from ..schemas import EligibilitySchema, check_reason, entry_schema
from .common import call_crumb, is_secretariat, page, refuse_closed


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


@view_config(route_name="award_enter_experience", renderer="plugins.awards:templates/form.pt", permission="enter")
def enter_new_experience(request):
    """The experience form of the experiences plugin: what is written becomes the member's experience
    (a draft they can submit for publication later) and the entry's."""
    from portal.api import content_service
    call = request.context
    user = request.user
    if not user.member_id:
        raise HTTPForbidden()
    info = request.registry.portal.content_types["experience"]
    crumbs = [call_crumb(request, call)]
    if not call.is_open:
        return page(request, _("Write a new experience"), crumbs, form=None, intro=refuse_closed(request, call))
    schema = info.schema()
    form = make_form(request, schema, [("save", _("Save and continue"))], type_info=info)
    if "save" in request.POST:
        appstruct, failed = validate(form, request)
        if failed:
            return page(request, _("Write a new experience"), crumbs, form=failed)
        exp = content_service.create(request, info, appstruct, state="draft",
                                     comment=translate(_("Written for an award entry"), request))
        entry = AwardEntry(call=call, member_id=user.member_id, experience_id=exp.id, submitter_id=user.id,
                           answers={}, status="draft")
        request.dbsession.add(entry)
        request.dbsession.flush()
        request.flash(_("Your draft entry is saved. Complete it and submit it before the deadline."))
        return HTTPFound(request.route_url("award_entry_edit", entry=entry.id))
    return page(request, _("Write a new experience"), crumbs, form=render_form(form, {"member_id": user.member_id}),
                intro=_("This experience is also added to the network's database as a draft of your organisation."))


def _typed(request, call):
    """What the entry form was sent with, to show it again as typed."""
    typed = {k: v for k, v in request.POST.items() if k != "csrf_token"}
    values = {"experience_id": typed.get("experience_id") or None, "category": typed.get("category", "")}
    for q in call.questions:
        values[f"q_{q['key']}"] = typed.get(f"q_{q['key']}", "")
    return values


@view_config(route_name="award_entry_edit", renderer="plugins.awards:templates/entry_edit.pt",
             permission="edit_entry")
def entry_edit(request):
    entry = request.context
    call = entry.call
    crumbs = [call_crumb(request, call), (entry.title or translate(_("Entry"), request),
                                          request.route_path("award_entry", entry=entry.id))]
    schema = entry_schema(call, experience_choices(request, entry.member_id), document_rows(request, entry))
    # submitting is what the form is for; a draft can be saved on the way
    form = make_form(request, schema, [("submit", _("Submit the entry")), ("save", _("Save the draft"))])
    values = dict(entry=entry, call=call, error=None)
    title = _("Your entry")
    if request.method == "POST" and ("save" in request.POST or "submit" in request.POST):
        if not call.is_open:  # checked here, at the server's clock, whatever the page showed
            return page(request, title, crumbs, **{**values, "error": refuse_closed(request, call),
                                                   "form": render_form(form, _typed(request, call))})
        appstruct, failed = validate(form, request)
        if failed:
            return page(request, title, crumbs, **{**values, "form": failed})
        try:
            save_entry(request, entry, appstruct)
        except EntryRefused as exc:
            request.tm.doom()  # nothing of this request is kept; the form shows it all again
            request.response.status = 400
            field_error(form, exc.field, exc.message)
            return page(request, title, crumbs, **{**values, "form": render_form(form, appstruct)})
        if "submit" in request.POST:
            try:
                first = submit_entry(request, entry)
            except EntryRefused as exc:
                # the draft is kept, as the message says; the entry is not submitted
                request.response.status = 400
                form = make_form(request, entry_schema(call, experience_choices(request, entry.member_id),
                                                       document_rows(request, entry)),
                                 [("submit", _("Submit the entry")), ("save", _("Save the draft"))])
                return page(request, title, crumbs, **{**values, "error": exc.message,
                                                       "form": render_form(form, entry_values(entry))})
            submission_mail(request, entry)
            request.flash(_("Your entry is submitted; a confirmation is on its way by mail.") if first else
                          _("Your entry is updated; a confirmation is on its way by mail."))
            return HTTPFound(request.route_url("award_entry", entry=entry.id))
        request.flash(_("Draft saved. You can come back to it until the deadline."))
        return HTTPFound(request.route_url("award_entry_edit", entry=entry.id))
    if not call.is_open:
        values["error"] = refuse_closed(request, call)
        request.response.status = 200
        return page(request, title, crumbs, **{**values, "form": None})
    return page(request, title, crumbs, **{**values, "form": render_form(form, entry_values(entry))})


@view_config(route_name="award_entry", renderer="plugins.awards:templates/entry.pt", permission="view_entry")
def entry_view(request):
    entry = request.context
    call = entry.call
    manage = is_secretariat(request, entry)
    form = None
    if manage and entry.status == "submitted":
        form = make_form(request, EligibilitySchema(validator=check_reason), [("decide", _("Save the decision"))])
        if "decide" in request.POST:
            appstruct, failed = validate(form, request)
            if failed:
                form = failed
            else:
                entry.eligible = appstruct["eligible"] == "yes"
                entry.eligibility_reason = appstruct["reason"].strip()
                request.flash(_("Eligibility saved."))
                waiting = [e for e in waiting_for_eligibility(call) if e is not entry]
                if waiting:  # on to the next one waiting, so the step is done in one go
                    return HTTPFound(request.route_url("award_entry", entry=waiting[0].id))
                return HTTPFound(request.route_url("award_call", call=call.id))
        else:
            current = {"reason": entry.eligibility_reason}
            if entry.eligible is not None:
                current["eligible"] = "yes" if entry.eligible else "no"
            form = render_form(form, current)
    elif request.method == "POST":
        raise HTTPForbidden()
    waiting = waiting_for_eligibility(call) if manage else []
    return page(request, entry.title or _("Entry"), [call_crumb(request, call)], entry=entry, call=call,
                manage=manage, form=form, can_edit=call.is_open and bool(request.has_permission("edit_entry", entry)),
                show_outcome=manage or call.results_public, waiting=len(waiting))


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

"""The pages of the awards: calls, entries, jury, ranking, results. Each view names its permission;
the contexts (call, entry, review) carry their own ACLs (see models)."""
from collections import Counter
import colander
from babel.dates import format_date, format_time
from pyramid.httpexceptions import HTTPBadRequest, HTTPForbidden, HTTPFound, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import func, select

from portal.countries import country_name
from portal.db import get_or_404
from portal.files import DOCUMENT_TYPES, IMAGE_TYPES, delete_file, file_path, send_file, store_upload
from portal.forms import make_form, render_form, validate
from portal.i18n import _, translate, translate_to
from portal.models import User

from . import clock
from .blind import identifying, redact, redact_html, scrub_document
from .jury import assign, declare_conflict, disagreements, progress, ranking, reviews_of
from .models import OUTCOMES, AwardCall, AwardEntry, EntryDocument, Juror, Review
from .schemas import (CallSchema, ConflictSchema, EligibilitySchema, JurorSchema, check_reason, entry_schema,
                      score_schema, unparse)

STATE_TITLES = {"upcoming": _("Upcoming"), "open": _("Open"), "closed": _("Closed"),
                "evaluation": _("Under evaluation"), "published": _("Results published")}
OUTCOME_TITLES = {"winner": _("Winner"), "mention": _("Special mention")}
MAX_DOCUMENTS = 10


# --- contexts -------------------------------------------------------------------------------------

def call_factory(request):
    return get_or_404(request.dbsession, AwardCall, request.matchdict["call"])


def entry_factory(request):
    return get_or_404(request.dbsession, AwardEntry, request.matchdict["entry"])


def review_factory(request):
    return get_or_404(request.dbsession, Review, request.matchdict["review"])


def includeme(config):
    add = config.add_route
    add("awards", "/awards")
    add("award_call_add", "/awards/add")
    add("award_call", "/awards/{call:\\d+}", factory=call_factory)
    add("award_call_edit", "/awards/{call:\\d+}/edit", factory=call_factory)
    add("award_enter", "/awards/{call:\\d+}/enter", factory=call_factory)
    add("award_enter_experience", "/awards/{call:\\d+}/enter/experience", factory=call_factory)
    add("award_entries", "/awards/{call:\\d+}/entries", factory=call_factory)
    add("award_jury", "/awards/{call:\\d+}/jury", factory=call_factory)
    add("award_assign", "/awards/{call:\\d+}/assign", factory=call_factory)
    add("award_ranking", "/awards/{call:\\d+}/ranking", factory=call_factory)
    add("award_results", "/awards/{call:\\d+}/results", factory=call_factory)
    add("award_my_reviews", "/awards/{call:\\d+}/reviews", factory=call_factory)
    add("award_entry", "/awards/entries/{entry:\\d+}", factory=entry_factory)
    add("award_entry_edit", "/awards/entries/{entry:\\d+}/edit", factory=entry_factory)
    add("award_entry_upload", "/awards/entries/{entry:\\d+}/documents", factory=entry_factory)
    add("award_entry_document", "/awards/entries/{entry:\\d+}/documents/{doc:\\d+}", factory=entry_factory)
    add("award_entry_document_delete", "/awards/entries/{entry:\\d+}/documents/{doc:\\d+}/delete",
        factory=entry_factory)
    add("award_entry_scores", "/awards/entries/{entry:\\d+}/scores", factory=entry_factory)
    add("award_review", "/awards/reviews/{review:\\d+}", factory=review_factory)
    add("award_review_document", "/awards/reviews/{review:\\d+}/documents/{n:\\d+}", factory=review_factory)
    add("award_review_conflict", "/awards/reviews/{review:\\d+}/conflict", factory=review_factory)
    config.scan(".views")


# --- helpers --------------------------------------------------------------------------------------

def when(request, call, value):
    """A date-time in the call's time zone, as the reader writes dates, with the zone named."""
    if value is None:
        return ""
    local = value.astimezone(call.zone)
    text = (format_date(local, "medium", locale=request.locale_name) + ", "
            + format_time(local, "short", tzinfo=call.zone, locale=request.locale_name))
    return f"{text} ({call.timezone.replace('_', ' ')})"


def not_cached(request):
    # a call's state changes with the clock, not with a database write: no shared page cache
    request.response.cache_control.private = True
    request.response.cache_control.max_age = 0


def page(request, title, crumbs=(), **values):
    not_cached(request)
    title = translate(title, request)
    awards = (translate(_("Awards"), request), request.route_path("awards"))
    values.update(page_title=title, breadcrumbs=[awards, *crumbs, (title, None)], when=lambda c, v: when(request, c, v),
                  state_title=lambda c: translate(STATE_TITLES[c.state], request),
                  outcome_title=lambda o: translate(OUTCOME_TITLES[o], request) if o else "")
    return values


def call_crumb(request, call):
    return (f"{call.edition} {call.title}", request.route_path("award_call", call=call.id))


def is_secretariat(request, context=None):
    return bool(request.has_permission("manage", context if context is not None else request.site))


def my_entries(request, call):
    user = request.user
    if user is None or not user.member_id:
        return []
    return request.dbsession.scalars(select(AwardEntry).where(AwardEntry.call_id == call.id,
                                                              AwardEntry.member_id == user.member_id)
                                     .order_by(AwardEntry.id)).all()


def juror_of(request, call):
    user = request.user
    if user is None:
        return None
    return next((j for j in call.jurors if j.user_id == user.id), None)


# --- calls ----------------------------------------------------------------------------------------

@view_config(route_name="awards", renderer="plugins.awards:templates/calls.pt", permission="view")
def calls(request):
    rows = request.dbsession.scalars(select(AwardCall).order_by(AwardCall.opens.desc())).all()
    user = request.user
    juror_calls = set()
    if user is not None:
        juror_calls = set(request.dbsession.scalars(select(Juror.call_id).where(Juror.user_id == user.id)))
    return page(request, _("Good Practice Award"), calls=rows, juror_calls=juror_calls,
                can_add=is_secretariat(request))


def _call_form(request, call, copy_of=None):
    form = make_form(request, CallSchema, [("save", _("Save"))])
    crumbs = [call_crumb(request, call)] if call is not None else []
    title = _("Edit the call") if call is not None else _("New award call")
    if "save" in request.POST:
        appstruct, failed = validate(form, request)
        if failed:
            return page(request, title, crumbs, form=failed)
        if call is None:
            call = AwardCall()
            request.dbsession.add(call)
        for key, value in appstruct.items():
            setattr(call, key, value)
        request.dbsession.flush()
        request.flash(_("Changes saved."))
        return HTTPFound(request.route_url("award_call", call=call.id))
    source = call or copy_of
    values = colander.null
    if source is not None:
        values = {k: getattr(source, k) for k in ("edition", "title", "rules", "eligibility", "timezone",
                                                   "reviews_per_entry", "blind", "max_entries_per_member")}
        values.update(unparse(source))
        for name in ("opens", "closes", "evaluation_closes", "results_date"):
            local = source.local(getattr(source, name))
            if call is None:  # a copy of last year's: the same dates, a year on
                try:
                    local = local.replace(year=local.year + 1)
                except ValueError:  # 29 February
                    local = local.replace(year=local.year + 1, day=28)
            values[name] = local.replace(tzinfo=None)
        if call is None:
            values["edition"] = ""
    return page(request, title, crumbs, form=render_form(form, values))


@view_config(route_name="award_call_add", renderer="plugins.awards:templates/form.pt", permission="manage")
def call_add(request):
    copy_of = None
    if request.GET.get("copy"):
        copy_of = get_or_404(request.dbsession, AwardCall, request.GET["copy"])
    return _call_form(request, None, copy_of)


@view_config(route_name="award_call_edit", renderer="plugins.awards:templates/form.pt", permission="manage")
def call_edit(request):
    return _call_form(request, request.context)


@view_config(route_name="award_call", renderer="plugins.awards:templates/call.pt", permission="view")
def call_view(request):
    call = request.context
    can_enter = bool(request.has_permission("enter", call)) and request.user is not None and request.user.member_id
    return page(request, f"{call.edition} {call.title}", call=call, entries=my_entries(request, call),
                can_enter=can_enter, juror=juror_of(request, call), manage=is_secretariat(request, call))


# --- entries --------------------------------------------------------------------------------------

def experience_choices(request, member_id):
    from plugins.experiences.models import Experience
    rows = request.dbsession.execute(select(Experience.id, Experience.title).where(Experience.member_id == member_id)
                                     .order_by(Experience.title)).all()
    return [(str(r.id), r.title) for r in rows]


def _refuse_closed(request, call):
    request.response.status = 400
    return _("The call closed on ${deadline}: nothing can be submitted or changed any more.",
             mapping={"deadline": when(request, call, call.closes)})


@view_config(route_name="award_enter", renderer="plugins.awards:templates/enter.pt", permission="enter")
def enter(request):
    """Start an entry: one of the member's experiences, or a new one written in the experience form."""
    call = request.context
    user = request.user
    if not user.member_id:
        raise HTTPForbidden()
    if not call.is_open:
        return page(request, _("Submit an entry"), [call_crumb(request, call)], call=call, choices=[],
                    error=_refuse_closed(request, call))
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
    from plugins.experiences.models import Experience
    from portal.forms import apply_appstruct, record_revision
    call = request.context
    user = request.user
    if not user.member_id:
        raise HTTPForbidden()
    info = request.registry.portal.content_types["experience"]
    crumbs = [call_crumb(request, call)]
    if not call.is_open:
        return page(request, _("Write a new experience"), crumbs, form=None, intro=_refuse_closed(request, call))
    schema = info.schema()
    form = make_form(request, schema, [("save", _("Save and continue"))], type_info=info)
    if "save" in request.POST:
        appstruct, failed = validate(form, request)
        if failed:
            return page(request, _("Write a new experience"), crumbs, form=failed)
        exp = Experience(state="draft", creator_id=user.id)
        with request.dbsession.no_autoflush:
            request.dbsession.add(exp)
            apply_appstruct(exp, appstruct, schema, request)
        request.dbsession.flush()
        record_revision(request, schema, exp, translate(_("Written for an award entry"), request))
        entry = AwardEntry(call=call, member_id=user.member_id, experience_id=exp.id, submitter_id=user.id,
                           answers={}, status="draft")
        request.dbsession.add(entry)
        request.dbsession.flush()
        request.flash(_("Your draft entry is saved. Complete it and submit it before the deadline."))
        return HTTPFound(request.route_url("award_entry_edit", entry=entry.id))
    return page(request, _("Write a new experience"), crumbs, form=render_form(form, {"member_id": user.member_id}),
                intro=_("This experience is also added to the network's database as a draft of your organisation."))


def entry_values(entry):
    values = {"experience_id": entry.experience_id, "category": entry.category or colander.null}
    for q in entry.call.questions:
        values[f"q_{q['key']}"] = entry.answers.get(q["key"], "")
    return values


def missing_for_submission(entry):
    call = entry.call
    missing = []
    if entry.experience_id is None:
        missing.append("experience")
    if not entry.category:
        missing.append("category")
    missing += [q["title"] for q in call.questions if not str(entry.answers.get(q["key"], "")).strip()]
    return missing


def submission_mail(request, entry):
    user = request.user
    lang = user.language
    call = entry.call
    lines = [f"{translate_to(request, _('Experience'), lang)}: {entry.title}",
             f"{translate_to(request, _('Category'), lang)}: {call.category_title(entry.category)}"]
    lines += [f"{q['title']}: {entry.answers.get(q['key'], '')}" for q in call.questions]
    lines += [f"{translate_to(request, _('Document'), lang)}: {d.file.filename}" for d in entry.documents]
    request.send_mail(user.email,
                      translate_to(request, _("Entry received: ${edition} ${title}",
                                              mapping={"edition": call.edition, "title": call.title}), lang),
                      translate_to(request, _("Hello ${name},\n\nYour entry to the ${edition} ${title} was submitted "
                                              "on ${date}. This is what the jury will read:\n\n${summary}\n\n"
                                              "The results will be published on ${results}.\n\nYour entry: ${url}",
                                              mapping={"name": user.name, "edition": call.edition, "title": call.title,
                                                       "date": when(request, call, entry.submitted),
                                                       "summary": "\n".join(lines),
                                                       "results": when(request, call, call.results_date),
                                                       "url": request.route_url("award_entry", entry=entry.id)}),
                                  lang))


@view_config(route_name="award_entry_edit", renderer="plugins.awards:templates/entry_edit.pt",
             permission="edit_entry")
def entry_edit(request):
    entry = request.context
    call = entry.call
    crumbs = [call_crumb(request, call), (entry.title or translate(_("Entry"), request),
                                          request.route_path("award_entry", entry=entry.id))]
    choices = experience_choices(request, entry.member_id)
    form = make_form(request, entry_schema(call, choices), [("save", _("Save the draft")), ("submit", _("Submit the entry"))])
    values = dict(title=_("Your entry"), entry=entry, call=call, error=None)
    if request.method == "POST" and ("save" in request.POST or "submit" in request.POST):
        if not call.is_open:  # checked here, at the server's clock, whatever the page showed
            return page(request, crumbs=crumbs, **{**values, "error": _refuse_closed(request, call),
                                                    "form": render_form(form, _typed(request, call))})
        appstruct, failed = validate(form, request)
        if failed:
            return page(request, crumbs=crumbs, **{**values, "form": failed})
        entry.experience_id = appstruct["experience_id"]
        entry.category = appstruct["category"]
        entry.answers = {q["key"]: appstruct.get(f"q_{q['key']}", "") for q in call.questions}
        request.dbsession.flush()
        if "submit" in request.POST:
            request.dbsession.refresh(entry, ["experience"])
            missing = missing_for_submission(entry)
            others = request.dbsession.scalar(select(func.count(AwardEntry.id)).where(
                AwardEntry.call_id == call.id, AwardEntry.member_id == entry.member_id,
                AwardEntry.status == "submitted", AwardEntry.id != entry.id))
            error = None
            if missing:
                error = _("The draft is saved. To submit it, answer every question and choose the experience "
                          "and the category.")
            elif others >= call.max_entries_per_member and entry.status != "submitted":
                error = _("Your organisation has already submitted ${count} entries, the most this call accepts. "
                          "The draft is saved.", mapping={"count": call.max_entries_per_member})
            if error:
                request.response.status = 400
                return page(request, crumbs=crumbs, **{**values, "error": error,
                                                       "form": render_form(form, entry_values(entry))})
            first = entry.status != "submitted"
            entry.status = "submitted"
            entry.submitted = clock.now()
            entry.submitter_id = request.user.id
            submission_mail(request, entry)
            request.flash(_("Your entry is submitted; a confirmation is on its way by mail.") if first else
                          _("Your entry is updated; a confirmation is on its way by mail."))
            return HTTPFound(request.route_url("award_entry", entry=entry.id))
        request.flash(_("Draft saved. You can come back to it until the deadline."))
        return HTTPFound(request.route_url("award_entry_edit", entry=entry.id))
    if not call.is_open:
        values["error"] = _refuse_closed(request, call)
        request.response.status = 200
        return page(request, crumbs=crumbs, **{**values, "form": None})
    return page(request, crumbs=crumbs, **{**values, "form": render_form(form, entry_values(entry))})


def _typed(request, call):
    typed = {k: v for k, v in request.POST.items() if k != "csrf_token"}
    values = {"experience_id": typed.get("experience_id") or colander.null, "category": typed.get("category", "")}
    for q in call.questions:
        values[f"q_{q['key']}"] = typed.get(f"q_{q['key']}", "")
    return values


@view_config(route_name="award_entry_upload", request_method="POST", permission="edit_entry")
def entry_upload(request):
    entry = request.context
    url = request.route_url("award_entry_edit", entry=entry.id)
    if not entry.call.is_open:
        request.flash(_refuse_closed(request, entry.call), "error")
        return HTTPFound(url)
    upload = request.POST.get("file")
    if not hasattr(upload, "file"):
        request.flash(_("Choose a file to upload."), "error")
        return HTTPFound(url)
    if len(entry.documents) >= MAX_DOCUMENTS:
        request.flash(_("An entry has at most ${count} documents.", mapping={"count": MAX_DOCUMENTS}), "error")
        return HTTPFound(url)
    # a refused file raises UploadError: the core's page says why (4xx) and nothing is kept
    row = store_upload(request, upload, allowed=IMAGE_TYPES | DOCUMENT_TYPES, owner=request.user,
                       title=request.POST.get("title", "")[:300])
    request.dbsession.flush()
    entry.documents.append(EntryDocument(file_id=row.id))
    request.flash(_("Document added."))
    return HTTPFound(url + "#documents")


def _document(request, entry):
    doc = next((d for d in entry.documents if str(d.id) == request.matchdict["doc"]), None)
    if doc is None:
        raise HTTPNotFound()
    return doc


@view_config(route_name="award_entry_document_delete", request_method="POST", permission="edit_entry")
def entry_document_delete(request):
    entry = request.context
    doc = _document(request, entry)
    url = request.route_url("award_entry_edit", entry=entry.id)
    if not entry.call.is_open:
        request.flash(_refuse_closed(request, entry.call), "error")
        return HTTPFound(url)
    file = doc.file
    entry.documents.remove(doc)
    request.dbsession.flush()
    delete_file(request, file)
    request.flash(_("File removed."))
    return HTTPFound(url + "#documents")


def _send_file(request, row, data=None, filename=None):
    # award documents are never public: the core's helper sends them private, no-store
    return send_file(request, row, data=data, filename=filename or row.filename)


@view_config(route_name="award_entry_document", permission="view_entry")
def entry_document(request):
    return _send_file(request, _document(request, request.context).file)


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
                return HTTPFound(request.route_url("award_entry", entry=entry.id))
        else:
            current = {"reason": entry.eligibility_reason}
            if entry.eligible is not None:
                current["eligible"] = "yes" if entry.eligible else "no"
            form = render_form(form, current)
    elif request.method == "POST":
        raise HTTPForbidden()
    return page(request, entry.title or _("Entry"), [call_crumb(request, call)], entry=entry, call=call,
                manage=manage, form=form, can_edit=call.is_open and bool(request.has_permission("edit_entry", entry)),
                show_outcome=manage or call.results_public)


@view_config(route_name="award_entry_scores", renderer="plugins.awards:templates/scores.pt", permission="manage")
def entry_scores(request):
    entry = request.context
    call = entry.call
    return page(request, _("Scores"), [call_crumb(request, call), (entry.title, request.route_path("award_entry", entry=entry.id))],
                entry=entry, call=call)


@view_config(route_name="award_entries", renderer="plugins.awards:templates/entries.pt", permission="manage")
def entries(request):
    call = request.context
    rows = [e for e in call.entries]
    return page(request, _("Entries"), [call_crumb(request, call)], call=call, entries=rows)


# --- jury -----------------------------------------------------------------------------------------

def invite_juror(request, call, appstruct):
    from portal.views.auth import issue_reset_token
    email = appstruct["email"].strip().lower()
    user = request.dbsession.scalar(select(User).where(User.email == email))
    created = user is None
    if created:
        user = User(email=email, name=appstruct["name"].strip() or email.split("@")[0], role=None,
                    language=request.locale_name)
        request.dbsession.add(user)
        request.dbsession.flush()
    if any(j.user_id == user.id for j in call.jurors):
        return None
    juror = Juror(call=call, user_id=user.id, country=appstruct.get("country") or "")
    request.dbsession.add(juror)
    request.dbsession.flush()
    lang = user.language
    mapping = {"name": user.name, "edition": call.edition, "title": call.title,
               "url": request.route_url("award_my_reviews", call=call.id),
               "closes": when(request, call, call.evaluation_closes)}
    if created:
        mapping["link"] = issue_reset_token(request, user, hours=24 * 14)
        body = _("Hello ${name},\n\nThe network invites you to the jury of the ${edition} ${title}. An account "
                 "was created for you: choose your password within two weeks at\n\n${link}\n\nThen your "
                 "entries to review will be at ${url} (evaluation closes on ${closes}).", mapping=mapping)
    else:
        body = _("Hello ${name},\n\nThe network invites you to the jury of the ${edition} ${title}. Your "
                 "entries to review will be at ${url} (evaluation closes on ${closes}).", mapping=mapping)
    request.send_mail(user.email, translate_to(request, _("Jury of the ${edition} ${title}", mapping=mapping), lang),
                      translate_to(request, body, lang))
    return juror


@view_config(route_name="award_jury", renderer="plugins.awards:templates/jury.pt", permission="manage")
def jury(request):
    call = request.context
    form = make_form(request, JurorSchema, [("add", _("Add to the jury"))])
    rendered = None
    if "add" in request.POST:
        appstruct, failed = validate(form, request)
        if failed:
            rendered = failed
        else:
            juror = invite_juror(request, call, appstruct)
            if juror is None:
                request.flash(_("This person is already on the jury."), "error")
            else:
                request.flash(_("${name} is on the jury; an invitation is on its way by mail.",
                                mapping={"name": juror.user.name}))
            return HTTPFound(request.route_url("award_jury", call=call.id))
    if "remove" in request.POST:
        juror = next((j for j in call.jurors if str(j.id) == request.POST["remove"]), None)
        if juror is None:
            raise HTTPNotFound()
        if any(r.juror_id == juror.id for e in call.entries for r in e.reviews):
            request.flash(_("This juror has entries assigned and stays on the jury."), "error")
        else:
            call.jurors.remove(juror)
            request.flash(_("Removed from the jury."))
        return HTTPFound(request.route_url("award_jury", call=call.id))
    rows, done, due = progress(call)
    return page(request, _("Jury"), [call_crumb(request, call)], call=call, form=rendered or render_form(form),
                progress=rows, done=done, due=due, country_name=lambda c: country_name(c, request.locale_name))


@view_config(route_name="award_assign", request_method="POST", permission="manage")
def assign_view(request):
    call = request.context
    if call.is_open or call.state == "upcoming":
        request.flash(_("Entries are assigned once the call has closed."), "error")
        return HTTPFound(request.route_url("award_jury", call=call.id))
    short = assign(request.dbsession, call)
    # the reviews this assignment created, not yet flushed: each juror is told how many are theirs
    added = Counter(r.juror for r in request.dbsession.new if isinstance(r, Review))
    call.assigned = call.assigned or clock.now()
    for juror, count in added.items():
        tell_juror(request, call, juror, count)
    if short:
        request.flash(_("Assigned. ${count} entries lack jurors free of conflicts: add jurors and assign again.",
                        mapping={"count": len(short)}), "error")
    else:
        request.flash(_("Every eligible entry has its reviews assigned."))
    return HTTPFound(request.route_url("award_jury", call=call.id))


def tell_juror(request, call, juror, added):
    """A juror learns by mail that entries wait for their review, in their language."""
    user = juror.user
    lang = user.language or "en"
    mapping = {"name": user.name, "count": added, "edition": call.edition, "title": call.title,
               "url": request.route_url("award_my_reviews", call=call.id),
               "closes": when(request, call, call.evaluation_closes)}
    request.send_mail(user.email,
                      translate_to(request, _("Entries to review: ${edition} ${title}", mapping=mapping), lang),
                      translate_to(request, _("Hello ${name},\n\n${count} entries of the ${edition} ${title} now wait "
                                              "for your review at ${url}\n\nYou can change your scores until "
                                              "the evaluation closes on ${closes}.", mapping=mapping), lang))


@view_config(route_name="award_my_reviews", renderer="plugins.awards:templates/my_reviews.pt", permission="jury")
def my_reviews(request):
    call = request.context
    juror = juror_of(request, call)
    if juror is None:
        raise HTTPForbidden()
    reviews = reviews_of(request.dbsession, juror)
    return page(request, _("Your reviews"), [call_crumb(request, call)], call=call, reviews=reviews,
                label=lambda r: entry_label(request, r))


def entry_label(request, review):
    entry = review.entry
    if entry.call.blind:
        return translate(_("Entry ${number}", mapping={"number": entry.id}), request) + " · " + redact(
            entry.title, identifying(entry))
    return entry.title


def _blind_file_name(doc_index, row):
    ext = row.filename.rsplit(".", 1)[-1].lower() if "." in row.filename else ""
    return f"document-{doc_index}" + (f".{ext}" if ext.isalnum() and len(ext) <= 5 else "")


@view_config(route_name="award_review", renderer="plugins.awards:templates/review.pt", permission="review")
def review_view(request):
    review = request.context
    if review.conflict:
        raise HTTPNotFound()
    entry, call = review.entry, review.entry.call
    words = identifying(entry) if call.blind else []
    form = make_form(request, score_schema(call), [("score", _("Save the scores"))])
    crumbs = [call_crumb(request, call), (translate(_("Your reviews"), request),
                                          request.route_path("award_my_reviews", call=call.id))]
    error = None
    if "score" in request.POST:
        if not call.evaluation_open:
            request.response.status = 400
            error = _("The evaluation closed on ${date}: scores cannot change any more.",
                      mapping={"date": when(request, call, call.evaluation_closes)})
            rendered = render_form(form, {k: v for k, v in request.POST.items() if k != "csrf_token"})
        else:
            appstruct, failed = validate(form, request)
            if failed:
                rendered = failed
            else:
                review.scores = {c["key"]: appstruct[f"score_{c['key']}"] for c in call.criteria}
                review.comments = {c["key"]: appstruct[f"comment_{c['key']}"] for c in call.criteria}
                review.done = clock.now()
                request.flash(_("Scores saved. You can change them until the evaluation closes."))
                return HTTPFound(request.route_url("award_my_reviews", call=call.id))
    else:
        current = {}
        for c in call.criteria:
            if c["key"] in review.scores:
                current[f"score_{c['key']}"] = review.scores[c["key"]]
            current[f"comment_{c['key']}"] = review.comments.get(c["key"], "")
        rendered = render_form(form, current)
    exp = entry.experience
    docs = [(i, d, _blind_file_name(i, d.file) if call.blind else d.file.filename)
            for i, d in enumerate(entry.documents, 1)]
    return page(request, entry_label(request, review), crumbs, review=review, entry=entry, call=call, exp=exp,
                text=lambda value: redact(value, words), html=lambda value: redact_html(value, words),
                documents=docs, form=rendered, error=error,
                can_score=call.evaluation_open,
                country=country_name(exp.country, request.locale_name) if exp is not None else "")


@view_config(route_name="award_review_document", permission="review")
def review_document(request):
    review = request.context
    if review.conflict:
        raise HTTPNotFound()
    entry, call = review.entry, review.entry.call
    n = int(request.matchdict["n"])
    if not 1 <= n <= len(entry.documents):
        raise HTTPNotFound()
    row = entry.documents[n - 1].file
    if not call.blind:
        return _send_file(request, row)
    path = file_path(request.registry.settings, row)
    if not path.exists():
        raise HTTPNotFound()
    data = scrub_document(path.read_bytes(), row.mimetype, identifying(entry))
    return _send_file(request, row, data=data, filename=_blind_file_name(n, row))


@view_config(route_name="award_review_conflict", request_method="POST",
             renderer="plugins.awards:templates/form.pt", permission="review")
def review_conflict(request):
    review = request.context
    call = review.entry.call
    if review.conflict or not call.evaluation_open:
        # after the evaluation a conflict would wipe scores the ranking used; declared once is enough
        raise HTTPBadRequest(translate(_("The evaluation closed on ${date}: scores cannot change any more.",
                                         mapping={"date": when(request, call, call.evaluation_closes)}), request)
                             if not call.evaluation_open else
                             translate(_("This conflict of interest is already declared."), request))
    form = make_form(request, ConflictSchema, [("declare", _("Declare a conflict of interest"))])
    appstruct, failed = validate(form, request)
    if failed:
        return page(request, _("Declare a conflict of interest"), [call_crumb(request, call)], form=failed)
    new = declare_conflict(request.dbsession, review, appstruct["reason"])
    if new is None:
        request.flash(_("Noted. The secretariat will find another juror for this entry."))
    else:
        request.flash(_("Noted. The entry goes to another juror."))
    return HTTPFound(request.route_url("award_my_reviews", call=call.id))


# --- ranking and results --------------------------------------------------------------------------

@view_config(route_name="award_ranking", renderer="plugins.awards:templates/ranking.pt", permission="manage")
def ranking_view(request):
    call = request.context
    if "outcomes" in request.POST:
        for entry in call.entries:
            value = request.POST.get(f"outcome_{entry.id}", "")
            if value and value not in OUTCOMES:
                raise HTTPBadRequest()
            if entry.status == "submitted" and entry.eligible and entry.outcome != (value or None):
                entry.outcome = value or None
                if call.results_public and entry.experience is not None:
                    from portal.search import reindex_later
                    reindex_later(request.dbsession, entry.experience)  # a correction after publication
        request.flash(_("Winners and mentions saved. Nobody outside the secretariat sees them before ${date}.",
                        mapping={"date": when(request, call, call.results_date)}))
        return HTTPFound(request.route_url("award_ranking", call=call.id, _query=request.GET))
    normalise = request.GET.get("normalise") == "1"
    rows = ranking(call, normalise=normalise)
    rows_by_category = {}
    for row in rows:
        rows_by_category.setdefault(row["entry"].category, []).append(row)
    jurors, done, due = progress(call)
    return page(request, _("Ranking"), [call_crumb(request, call)], call=call, rows=rows, normalise=normalise,
                by_category=rows_by_category, disagreements=disagreements(rows), progress=jurors, done=done, due=due)


def winners(call):
    return [e for e in call.entries if e.outcome and e.status == "submitted" and e.eligible]


@view_config(route_name="award_results", renderer="plugins.awards:templates/results.pt", permission="view")
def results(request):
    call = request.context
    public = call.results_public
    found = winners(call) if public else []
    by_category = [(c, [e for e in found if e.category == c["key"] and e.outcome == "winner"]) for c in call.categories]
    mentions = [e for e in found if e.outcome == "mention"]
    return page(request, _("Results"), [call_crumb(request, call)], call=call, public=public,
                by_category=by_category, mentions=mentions,
                country=lambda e: country_name(e.member.country, request.locale_name))

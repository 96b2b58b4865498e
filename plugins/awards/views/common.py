"""What the pages of the awards share: their contexts (each carries its ACL, see models), the page
frame (title, breadcrumbs, dates in the call's time zone) and who the visitor is to a call."""
from pyramid.response import Response
from pyramid.httpexceptions import HTTPNotFound
from sqlalchemy import select

from portal.db import get_or_404
from portal.files import file_path
from portal.i18n import _, translate

from ..models import AwardCall, AwardEntry, Review
from ..blind import identifying, redact
from ..format import OUTCOME_TITLES, STATE_TITLES, when


def call_factory(request):
    return get_or_404(request.dbsession, AwardCall, request.matchdict["call"])


def entry_factory(request):
    return get_or_404(request.dbsession, AwardEntry, request.matchdict["entry"])


def review_factory(request):
    return get_or_404(request.dbsession, Review, request.matchdict["review"])


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


def send_file(request, row, data=None, filename=None):
    filename = filename or row.filename
    if data is None:
        path = file_path(request.registry.settings, row)
        if not path.exists():
            raise HTTPNotFound()
        data = path.read_bytes()
    response = Response(body=data, content_type=row.mimetype)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.cache_control.private = True
    response.cache_control.no_store = True
    safe = "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\' else "_" for ch in filename)
    response.content_disposition = f'attachment; filename="{safe}"'
    return response



def refuse_closed(request, call):
    request.response.status = 400
    return _("The call closed on ${deadline}: nothing can be submitted or changed any more.",
             mapping={"deadline": when(request, call, call.closes)})


def entry_label(request, review):
    entry = review.entry
    if entry.call.blind:
        return translate(_("Entry ${number}", mapping={"number": entry.id}), request) + " · " + redact(
            entry.title, identifying(entry))
    return entry.title


def blind_file_name(doc_index, row):
    ext = row.filename.rsplit(".", 1)[-1].lower() if "." in row.filename else ""
    return f"document-{doc_index}" + (f".{ext}" if ext.isalnum() and len(ext) <= 5 else "")


"""What the pages of the awards share: their contexts (each carries its ACL, see models), the page
frame (title, breadcrumbs, dates in the call's time zone) and who the visitor is to a call."""
from sqlalchemy import select

from portal.api import FormView, model_factory, page as page_values
from portal.api import ascii_name, send_file as core_send_file
from portal.api import _, translate

from .. import AWARD
from ..blind import masker_for
from ..entries import years
from ..format import OUTCOME_TITLES, STATE_TITLES, when
from ..models import AwardCall, AwardEntry, Review

# what a document shown inside a review page may do: nothing but be shown, and only in the portal's pages
INLINE_POLICY = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'self'"
INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"}


call_factory = model_factory(AwardCall, "call")
entry_factory = model_factory(AwardEntry, "entry")
review_factory = model_factory(Review, "review")


def not_cached(request):
    # a call's state changes with the clock, not with a database write: no shared page cache
    request.response.cache_control.private = True
    request.response.cache_control.max_age = 0


def page(request, title, crumbs=(), **values):
    """An awards page: its trail starts at the awards, with the helpers the plugin's templates use."""
    not_cached(request)
    return page_values(request, title, [(AWARD, request.route_path("awards")), *crumbs],
                       when=lambda c, v: when(request, c, v),
                       state_title=lambda c: translate(STATE_TITLES[c.state], request),
                       outcome_title=lambda o: translate(OUTCOME_TITLES[o], request) if o else "",
                       years=lambda exp: years(exp, request), **values)


class AwardForm(FormView):
    """A form page of the awards: the awards' page frame, its trail after the awards."""
    renderer = "plugins.awards:templates/form.pt"

    def crumbs(self):
        return [call_crumb(self.request, self.call)]

    def page(self, **values):
        return page(self.request, self.page_title(), self.crumbs(), **values)

    @property
    def call(self):
        return self.context


class EntryForm(AwardForm):
    """A form on an entry's page: the context is the entry."""

    @property
    def entry(self):
        return self.context

    @property
    def call(self):
        return self.context.call


def call_name(call) -> str:
    """"7th Good Practice Award…" in the reader's language (the call's title as translated)."""
    from pyramid.threadlocal import get_current_request
    request = get_current_request()
    return f"{call.edition} {call.title_in(getattr(request, 'locale_name', None))}"


def call_crumb(request, call):
    return (call_name(call), request.route_path("award_call", call=call.id))


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


def refuse_closed(request, call):
    request.response.status = 400
    return _("The call closed on ${deadline}: nothing can be submitted or changed any more.",
             mapping={"deadline": when(request, call, call.closes)})


def entry_label(request, entry):
    """How a juror (and the secretariat's preview of what jurors see) names an entry."""
    if entry.call.blind:
        return translate(_("Entry ${number}", mapping={"number": entry.id}), request) + " · " + \
            masker_for(entry).text(entry.title)
    return entry.title


def send_file(request, row, data=None, filename=None, inline=False):
    """A document of an entry: the core's private, never-cached file response; shown in the page (a PDF
    or an image, under a policy that lets it do nothing else) or downloaded."""
    response = core_send_file(request, row, data=data, filename=filename or row.filename)
    if inline and row.mimetype in INLINE_TYPES:
        response.content_disposition = f'inline; filename="{ascii_name(filename or row.filename)}"'
        response.headers["Content-Security-Policy"] = INLINE_POLICY
        response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response

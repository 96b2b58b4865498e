"""The control panel's issues: the list, and composing one in steps (1. name and audience, 2. items,
3. editorial); step 4, checking and sending, is in `sending`."""
import deform
from markupsafe import Markup
from pyramid.httpexceptions import HTTPFound
from pyramid.request import Request
from pyramid.view import view_config
from sqlalchemy import func, select

from portal.api import as_id, conflicts_retried, get_or_404
from portal.api import FormView
from portal.api import LANGUAGES, _, translate
from portal.api import moment_text

from .. import campaign, issues
from ..models import Issue, Subscriber
from ..schemas import DetailsSchema, EditorialSchema
from . import ISSUE_STATUS_TITLES, manage_page

STEPS = (("newsletter_issue_details", _("Name and audience")), ("newsletter_issue_items", _("Items")),
         ("newsletter_issue_editorial", _("Editorial")), ("newsletter_issue_edit", _("Check and send")))


def steps(request: Request, issue: Issue | None, current: str) -> list[tuple]:
    """The steps' navigation: (number, title, address or None, is current); before the issue exists,
    only the first step can be reached."""
    return [(n, translate(title, request),
             request.route_path(route, id=issue.id) if issue is not None else None, route == current)
            for n, (route, title) in enumerate(STEPS, 1)]


def issue_page(request: Request, issue: Issue, step: str, **values) -> dict:
    """Values of a step's page: the issue's name as the title, the step named in the breadcrumbs."""
    title = dict(STEPS)[step]
    crumbs = [(issue.title, request.route_path("newsletter_issue_edit", id=issue.id))] if step != "newsletter_issue_edit" else []
    values = manage_page(request, title if step != "newsletter_issue_edit" else issue.title, crumbs, **values)
    values.update(issue=issue, steps=steps(request, issue, step), step_title=translate(title, request),
                  statuses=ISSUE_STATUS_TITLES)
    return values


def editable_issue(request: Request) -> Issue:
    """The issue of the address, if it can still be changed; a sent one's steps send the secretariat to
    its delivery report instead (a raised redirect: nothing of the request is saved)."""
    issue = get_or_404(request.dbsession, Issue, request.matchdict["id"])
    if not issue.editable:
        request.flash(_("This issue is being sent or was sent already: it cannot be changed or sent again."),
                      "error")
        raise HTTPFound(request.route_url("newsletter_issue_edit", id=issue.id))
    return issue


def next_step(request: Request, issue: Issue, here: str) -> HTTPFound:
    if "save_next" in request.POST:
        routes = [route for route, _title in STEPS]
        return HTTPFound(request.route_url(routes[routes.index(here) + 1], id=issue.id))
    return HTTPFound(request.route_url(here, id=issue.id))


@view_config(route_name="manage_newsletter", renderer="plugins.newsletter:templates/manage.pt", permission="manage")
def manage(request):
    db = request.dbsession
    found = db.scalars(select(Issue).order_by(Issue.created.desc()).limit(200)).all()
    counts = dict(db.execute(select(Subscriber.status, func.count()).group_by(Subscriber.status)).all())
    counts["bounced"] = db.scalar(select(func.count()).select_from(Subscriber).where(Subscriber.bounced.is_not(None)))
    zone = issues.default_zone(db, request.user) or "UTC"
    title = translate(_("Newsletter"), request)
    return dict(page_title=title, breadcrumbs=[(translate(_("Manage"), request), request.route_path("manage")),
                                               (title, None)],
                issues=found, progress=campaign.progress(db, [i.id for i in found]), counts=counts,
                statuses=ISSUE_STATUS_TITLES, zone=zone,
                moment=lambda when: moment_text(when, zone, request.locale_name))


# --- step 1: name and audience ------------------------------------------------------------------------

class DetailsView(FormView):
    """Step 1, the issue's name and audience: "Save" stays on the step, "Save and continue" goes on."""
    schema = DetailsSchema
    buttons = (("save_next", _("Save and continue")), ("save", _("Save")))
    renderer = "plugins.newsletter:templates/issue_details.pt"
    issue: Issue | None = None

    @property
    def form(self) -> deform.Form:
        if self._form is None:
            self._form = super().form
            self._form["audience"].widget.template = "plugins.newsletter:templates/deform/mapping_children.pt"
        return self._form

    def save_next_success(self, appstruct):
        return self.save_success(appstruct)


@view_config(route_name="newsletter_issue_add", permission="manage")
class IssueAdd(DetailsView):
    def page(self, **values):
        return manage_page(self.request, _("New issue"), issue=None, audience=None,
                           steps=steps(self.request, None, "newsletter_issue_details"), **values)

    def appstruct(self):
        return {"default_language": self.request.locale_name}

    def save_success(self, appstruct):
        request = self.request
        issue = Issue(title="", creator_id=request.user.id, status="draft")
        request.dbsession.add(issue)
        issues.apply_details(issue, appstruct)
        request.dbsession.flush()
        return self.done(_("The issue is saved as a draft. Now choose what it brings."),
                         request.route_url("newsletter_issue_items", id=issue.id))


@view_config(route_name="newsletter_issue_details", permission="manage")
class IssueDetails(DetailsView):
    def __call__(self):
        self.issue = editable_issue(self.request)
        return super().__call__()

    def page(self, audience=None, **values):
        return issue_page(self.request, self.issue, "newsletter_issue_details", audience=audience, **values)

    def appstruct(self):
        return issues.details_appstruct(self.issue)

    def values(self):
        # the audience's size, shown before a change: not on a refused form, which may name another one
        return {} if self.request.POST else {"audience": campaign.audience_size(self.request.dbsession, self.issue)}

    def save_success(self, appstruct):
        issues.apply_details(self.issue, appstruct)
        self.request.flash(_("Changes saved."))
        return next_step(self.request, self.issue, "newsletter_issue_details")


# --- step 2: items ------------------------------------------------------------------------------------

@view_config(route_name="newsletter_issue_items", renderer="plugins.newsletter:templates/issue_items.pt",
             permission="manage", decorator=conflicts_retried)
def issue_items(request):
    """Search the portal's content (words, type, language, dates) and tick what the issue brings. The
    search is part of the form, so ticks are saved before a new search shows other items."""
    db = request.dbsession
    issue = editable_issue(request)
    since = issues.default_since(db, issue)
    post = request.POST
    search = issues.ItemSearch.from_params(request, post if post else request.GET, since)
    if search.errors:
        request.response.status = 400
        request.tm.doom()  # a refused search saves no ticks either: the page shows them as they were typed
    elif post:
        ids = [n for n in map(as_id, post.getall("item")) if n is not None]
        issues.apply_items(request, issue, ids)
        if "search" in post:
            return HTTPFound(request.route_url("newsletter_issue_items", id=issue.id, _query=search.query()))
        request.flash(_("The choice of items is saved."))
        return next_step(request, issue, "newsletter_issue_items")
    chosen = issues.chosen_items(request, issue)
    ticked = {n for n in map(as_id, post.getall("item")) if n is not None} if post else {c.content_id for c in chosen}
    if search.errors:
        found, more = issues.choices_of(request, issue, ticked), False
    else:
        found, more = issues.search_items(request, issue, search)
    return issue_page(request, issue, "newsletter_issue_items", chosen=chosen, found=found, more=more,
                      search=search, since=since, ticked=ticked, languages=LANGUAGES,
                      types=[(name, translate(info.title, request))
                             for name, info in issues.offered_types(request).items()])


# --- step 3: editorial --------------------------------------------------------------------------------

def language_tabs(request: Request, issue: Issue, shown: str) -> dict:
    """What the tabs above the versions show: each language, the one shown first, which are empty."""
    written = {v.language for v in issue.versions}
    notes = {code: _("default") if code == issue.default_language else None if code in written else _("not written")
             for code in LANGUAGES}
    return {"label": translate(_("Language versions"), request),
            "items": [{"code": code, "name": name, "selected": code == shown,
                       "note": translate(notes[code], request) if notes[code] else None}
                      for code, name in LANGUAGES.items()]}


def select_tab(form: deform.Form, issue: Issue, failed: bool = False) -> str:
    """The tab shown first: the first version with an error, else the default language's."""
    shown = issue.default_language
    if failed:
        shown = next((code for code in LANGUAGES if form[f"version_{code}"].error is not None), shown)
    for code in LANGUAGES:
        form[f"version_{code}"].widget.item_css_class = "tab-panel" + (" selected" if code == shown else "")
    return shown


@view_config(route_name="newsletter_issue_editorial", permission="manage", decorator=conflicts_retried)
class IssueEditorial(FormView):
    """Step 3, the editorial in each language, one tab per language (the first with an error shown first)."""
    schema = EditorialSchema
    buttons = (("save_next", _("Save and continue")), ("save", _("Save")))
    renderer = "plugins.newsletter:templates/issue_editorial.pt"
    issue: Issue

    def bind(self):
        return {"default_language": self.issue.default_language}

    @property
    def form(self) -> deform.Form:
        if self._form is None:
            form = self._form = super().form
            form.widget.template = "plugins.newsletter:templates/deform/tabs_form.pt"
            for code in LANGUAGES:
                form[f"version_{code}"].oid = f"lang-{code}"  # stable anchors for the tabs and the error summary
        return self._form

    def tabbed(self, *appstruct, failed=False) -> Markup:
        """The form with its language tabs, with these values or (none given, after a refusal) as typed."""
        shown = select_tab(self.form, self.issue, failed=failed)
        return Markup(self.form.render(*appstruct, tabs=language_tabs(self.request, self.issue, shown)))

    def __call__(self):
        self.issue = editable_issue(self.request)
        if not self.pressed():
            return self.show(self.tabbed(self.appstruct()))
        return super().__call__()

    def appstruct(self):
        return issues.editorial_appstruct(self.issue)

    def failure(self, form_html):
        return self.show(self.tabbed(failed=True))

    def page(self, **values):
        return issue_page(self.request, self.issue, "newsletter_issue_editorial", languages=LANGUAGES, **values)

    def save_success(self, appstruct):
        issues.apply_editorial(self.issue, appstruct)
        self.request.flash(_("Changes saved."))
        return next_step(self.request, self.issue, "newsletter_issue_editorial")

    def save_next_success(self, appstruct):
        return self.save_success(appstruct)

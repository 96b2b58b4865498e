"""The public archive of the issues sent, each in its languages, and its Atom feed."""
from pyramid.httpexceptions import HTTPBadRequest, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import get_or_404
from portal.api import LANGUAGES, _, translate
from portal.api import html_to_text
from portal.api import atom_feed

from .. import campaign
from ..models import Issue
from . import public_page


def published_issues(request, limit=None):
    stmt = select(Issue).where(Issue.status.in_(("sending", "sent"))).order_by(Issue.started.desc())
    return request.dbsession.scalars(stmt.limit(limit) if limit else stmt).all()


@view_config(route_name="newsletter_archive", renderer="plugins.newsletter:templates/archive.pt", permission="view")
def archive(request):
    lang = request.locale_name
    issues = [(i, i.version(lang)) for i in published_issues(request)]
    return public_page(request, _("Past issues"), issues=issues, lang=lang)


@view_config(route_name="newsletter_issue", renderer="plugins.newsletter:templates/issue.pt", permission="view")
def issue_page(request):
    issue = get_or_404(request.dbsession, Issue, request.matchdict["id"])
    lang = request.matchdict["lang"]
    if issue.status not in ("sending", "sent") or lang not in LANGUAGES:
        raise HTTPNotFound()
    values = campaign.issue_values(request, issue, lang)
    other = [(v.language, LANGUAGES[v.language], request.route_path("newsletter_issue", id=issue.id, lang=v.language))
             for v in issue.versions if v.subject]
    values.update(page_title=values["subject"], other_versions=other, breadcrumbs=[
        (translate(_("Newsletter"), request), request.route_path("newsletter")),
        (translate(_("Past issues"), request), request.route_path("newsletter_archive")), (values["subject"], None)])
    return values


@view_config(route_name="newsletter_feed", permission="view")
def feed(request):
    lang = request.GET.get("lang") or request.locale_name
    if lang not in LANGUAGES:
        raise HTTPBadRequest()
    entries = []
    for issue in published_issues(request, 30):
        version = issue.version(lang)
        entries.append({"title": version.subject if version else issue.title,
                        "url": request.route_url("newsletter_issue", id=issue.id,
                                                 lang=version.language if version else lang),
                        "updated": issue.started, "summary": html_to_text(version.editorial if version else "")[:500]})
    site = request.registry.settings["portal.site_name"]
    return atom_feed(request, translate(_("Newsletter"), request) + " · " + site,
                     request.route_url("newsletter_feed", _query={"lang": lang}), entries)

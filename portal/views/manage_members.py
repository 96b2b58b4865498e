"""The control panel's member organisations (their logos chosen inside their form) and membership
applications."""
from datetime import date

import colander
import deform
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config
from sqlalchemy import select

from ..countries import REGIONS, country_name, region_of
from ..db import get_or_404
from ..files import IMAGE_TYPES, UploadError, delete_file
from ..forms import country_node, store_kept, uploads_node
from ..i18n import _, translate
from ..models import APPLICATION_STATUSES, MEMBERSHIP_STATUSES, Member, MembershipApplication, User, utcnow
from .auth import issue_reset_token
from .manage import APPLICATION_STATUS_TITLES, ManageForm, page
from .members import KIND_TITLES, STATUS_TITLES, kind_node, website_node


# --- member organisations -------------------------------------------------------------------------

@colander.deferred
def deferred_status_widget(node, kw):
    request = kw["request"]
    return deform.widget.SelectWidget(values=[(k, translate(v, request)) for k, v in STATUS_TITLES.items()])


class MemberSchema(colander.Schema):
    name = colander.SchemaNode(colander.String(), title=_("Name"), validator=colander.Length(2, 200))
    kind = kind_node()
    country = country_node()
    website = website_node()
    description = colander.SchemaNode(colander.String(), title=_("Description"), missing="",
                                      validator=colander.Length(0, 5000), widget=deform.widget.TextAreaWidget(rows=5))
    status = colander.SchemaNode(colander.String(), title=_("Membership status"),
                                 validator=colander.OneOf(MEMBERSHIP_STATUSES), widget=deferred_status_widget)
    member_since = colander.SchemaNode(colander.Date(), title=_("Member since"), missing=None,
                                       widget=deform.widget.TextInputWidget(attributes={"type": "date"}))


@view_config(route_name="manage_members", renderer="portal:templates/manage/members.pt", permission="manage")
def members(request):
    rows = request.dbsession.scalars(select(Member).order_by(Member.name)).all()
    return page(request, _("Member organisations"), members=rows, regions=REGIONS, kinds=KIND_TITLES,
                statuses=STATUS_TITLES, country_name=country_name)


def _member_schema(request, member):
    """The member form, with its logo chosen inside it: a form that comes back with an error keeps what was
    typed and the image chosen (held until the form is saved)."""
    schema = MemberSchema()
    logo = member.logo if member is not None else None
    files = [{"id": logo.id, "title": logo.filename,
              "url": request.route_path("file", id=logo.id, filename=logo.filename)}] if logo else []
    schema.add(uploads_node("logo", _("Logo"), files=files, accept=",".join(sorted(IMAGE_TYPES)),
                            allowed=IMAGE_TYPES, multiple=False,
                            description=_("An image (PNG, JPEG, GIF or WebP). It is added when you save.")))
    return schema


@view_config(route_name="manage_member_add", permission="manage")
@view_config(route_name="manage_member", permission="manage")
class MemberView(ManageForm):
    crumbs = ((_("Member organisations"), "manage_members"),)

    def __call__(self):
        number = self.request.matchdict.get("id")
        self.member = get_or_404(self.request.dbsession, Member, number) if number is not None else None
        return super().__call__()

    def get_schema(self):
        return _member_schema(self.request, self.member)

    def page_title(self):
        return self.member.name if self.member else _("Add a member organisation")

    def appstruct(self):
        if self.member is None:
            return {"status": "active", "member_since": date.today()}
        return _member_appstruct(self.member)

    def save_success(self, appstruct):
        request, member = self.request, self.member
        logo = appstruct.pop("logo")
        if member is None:
            member = Member()
            request.dbsession.add(member)
        for key, value in appstruct.items():
            setattr(member, key, value)
        member.region = region_of(member.country)
        previous = member.logo
        try:
            stored = store_kept(request, logo["kept"], allowed=IMAGE_TYPES, title=member.name)
        except UploadError as exc:  # checked when chosen; refused now only if it changed on disk since
            request.tm.doom()  # nothing of the form is saved
            return self.refuse(appstruct, exc.message, status=exc.status)
        if stored:
            member.logo = stored[-1]
        elif previous is not None and previous.id in logo["remove"]:
            member.logo = None
        if previous is not None and member.logo is not previous:
            request.dbsession.flush()
            delete_file(request, previous)  # a replaced logo would otherwise stay on disk for ever
        return self.done(_("Changes saved."), request.route_url("manage_members"))


def _member_appstruct(member):
    return {k: getattr(member, k) for k in ("name", "kind", "country", "website", "description", "status",
                                            "member_since") if getattr(member, k) is not None}


# --- applications ---------------------------------------------------------------------------------

@view_config(route_name="manage_applications", renderer="portal:templates/manage/applications.pt", permission="manage")
def applications(request):
    status = request.GET.get("status", "pending")
    if status not in APPLICATION_STATUSES:
        status = "pending"
    rows = request.dbsession.scalars(select(MembershipApplication).where(MembershipApplication.status == status)
                                     .order_by(MembershipApplication.created.desc())).all()
    return page(request, _("Membership applications"), applications=rows, status=status,
                statuses=APPLICATION_STATUSES, country_name=country_name, kinds=KIND_TITLES)


@view_config(route_name="manage_application", renderer="portal:templates/manage/application.pt", permission="manage")
def application(request):
    found = get_or_404(request.dbsession, MembershipApplication, request.matchdict["id"])
    crumbs = [(translate(_("Membership applications"), request), request.route_path("manage_applications"))]
    if request.method == "POST" and found.status == "pending":
        message = request.POST.get("message", "").strip()[:5000]
        found.reviewed, found.reviewer_id = utcnow(), request.user.id
        if "approve" in request.POST:
            member = Member(name=found.organisation, kind=found.kind, country=found.country,
                            region=region_of(found.country), website=found.website, status="active",
                            member_since=date.today(), description="")
            request.dbsession.add(member)
            request.dbsession.flush()
            found.status, found.member_id = "approved", member.id
            user = request.dbsession.scalar(select(User).where(User.email == found.email))
            if user is None:
                user = User(email=found.email, name=found.contact_name, role="member", language=found.language)
                request.dbsession.add(user)
            user.member_id = member.id
            user.role = user.role or "member"
            request.dbsession.flush()
            link = issue_reset_token(request, user, hours=72)
            request.send_template("application-approved", found.email, found.language, name=found.contact_name,
                                  organisation=found.organisation, link=link, message=message)
            request.flash(_("Application approved: the member and its representative's account were created."))
        elif "reject" in request.POST:
            found.status = "rejected"
            request.send_template("application-rejected", found.email, found.language, name=found.contact_name,
                                  organisation=found.organisation, message=message)
            request.flash(_("Application rejected; the applicant was told by mail."))
        return HTTPFound(request.route_url("manage_applications"))
    return page(request, found.organisation, crumbs, application=found, country_name=country_name, kinds=KIND_TITLES,
                statuses=APPLICATION_STATUS_TITLES)

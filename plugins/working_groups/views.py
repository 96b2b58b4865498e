"""/groups: the working groups, their members and invitations, their pages with revisions, merges
of concurrent edits, comments and digests.

A page someone may not read answers 404 to a logged-in visitor (a member of another group does not
learn that it exists) and asks an anonymous one to log in; reading without the right to change
answers 403."""
import colander
from markupsafe import Markup
from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone
from pyramid.httpexceptions import HTTPBadRequest, HTTPForbidden, HTTPFound, HTTPNotFound
from pyramid.security import remember
from pyramid.view import view_config
from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager

from portal.forms import make_form, render_form, validate
from portal.i18n import _, translate, translate_to
from portal.models import Revision, User, utcnow
from portal.passwords import hash_password
from portal.sanitize import clean_html

from . import services
from .activity import group_activity
from .merge import inline_diff, merge_text, merge_value, side_by_side
from .models import Follow, GroupPage, Invitation, JoinRequest, Membership, PageComment, WorkingGroup
from .schemas import (CommentSchema, FollowSchema, GroupSchema, InvitedAccountSchema, InviteSchema, JoinSchema,
                      PageSchema)

T = "plugins.working_groups:templates/"


# --- contexts -------------------------------------------------------------------------------------

class GroupsRoot:
    """The context of /groups and /groups/add: members of the network start groups."""

    def __init__(self, request):
        self.request = request

    __acl__ = [(Allow, "role:secretariat", ALL_PERMISSIONS),
               (Allow, "role:editor", "add_group"),
               (Allow, "role:member", "add_group"),
               (Allow, Everyone, "view"),
               (Deny, Everyone, ALL_PERMISSIONS)]


def _id(request, key="id"):
    raw = request.matchdict[key]
    if not raw.isdigit() or len(raw) > 12:
        raise HTTPNotFound()
    return int(raw)


def group_factory(request):
    group = request.dbsession.get(WorkingGroup, _id(request))
    if group is None:
        raise HTTPNotFound()
    return group


def page_factory(request):
    page = request.dbsession.get(GroupPage, _id(request))
    if page is None:
        raise HTTPNotFound()
    if request.user is not None and not request.has_permission("view", page):
        raise HTTPNotFound()  # a members-only page does not exist for a member of another group
    return page


def group_pages_factory(request):
    """A group whose pages are asked for: hidden like its pages."""
    group = group_factory(request)
    if request.user is not None and not request.has_permission("view_pages", group):
        raise HTTPNotFound()
    return group


# --- helpers --------------------------------------------------------------------------------------

def group_url(request, group, **kw):
    return request.route_path("working_group", id=group.id, **kw)


def page_url(request, page, **kw):
    return request.route_path("group_page.view", id=page.id, **kw)


def crumbs(request, group=None, page=None, last=None):
    found = [(translate(_("Working groups"), request), request.route_path("working_groups"))]
    if group is not None:
        found.append((group.name, group_url(request, group)))
    if page is not None:
        parents, node, seen = [], page.parent, set()
        while node is not None and node.id not in seen and len(parents) < 10:
            seen.add(node.id)
            parents.insert(0, (node.title, request.route_path("group_page.view", id=node.id)))
            node = node.parent
        found += parents
        found.append((page.title, page_url(request, page)))
    if last:
        found.append((last, None))
    else:
        found[-1] = (found[-1][0], None)
    return found


def _memberships(request, group):
    # each row shows its person and their organisation: loaded here, not one query per row
    rows = request.dbsession.scalars(select(Membership).where(Membership.group_id == group.id)
                                     .join(User, User.id == Membership.user_id)
                                     .options(contains_eager(Membership.user).selectinload(User.member))
                                     .order_by(Membership.role, User.name)).all()
    return rows


# --- groups ---------------------------------------------------------------------------------------

@view_config(route_name="working_groups", renderer=T + "groups.pt", permission="view")
def groups(request):
    rows = request.dbsession.scalars(select(WorkingGroup).order_by(WorkingGroup.name)).all()
    counts = dict(request.dbsession.execute(select(Membership.group_id, func.count(Membership.id))
                                            .group_by(Membership.group_id)).all())
    mine = set()
    if request.user is not None:
        mine = set(request.dbsession.scalars(select(Membership.group_id).where(Membership.user_id == request.user.id)))
    title = translate(_("Working groups"), request)
    return {"groups": rows, "counts": counts, "mine": mine, "page_title": title, "breadcrumbs": [(title, None)],
            "can_add": bool(request.has_permission("add_group", request.context))}


@view_config(route_name="working_group_add", renderer="portal:templates/form_page.pt", permission="add_group")
def group_add(request):
    form = make_form(request, GroupSchema, [("save", _("Create the group"))])
    title = translate(_("New working group"), request)
    values = {"page_title": title, "breadcrumbs": crumbs(request, last=title),
              "intro": _("You will be its first coordinator: you can then invite people and accept requests to join.")}
    if "save" in request.POST:
        appstruct, error = validate(form, request)
        if error:
            return dict(values, form=error)
        group = services.create_group(request.dbsession, appstruct["name"], appstruct["purpose"],
                                      appstruct["visibility"], request.user, appstruct["language"])
        request.flash(_("The working group was created. Invite its members from “Members”."))
        return HTTPFound(group_url(request, group))
    return dict(values, form=render_form(form))


@view_config(route_name="working_group", renderer=T + "group.pt", permission="view")
def group_view(request):
    group = request.context
    session = request.dbsession
    readable = bool(request.has_permission("view_pages", group))
    membership = group.membership_of(request.user)
    pending = None
    if request.user is not None and membership is None:
        pending = session.scalar(select(JoinRequest).where(JoinRequest.group_id == group.id,
                                                           JoinRequest.user_id == request.user.id,
                                                           JoinRequest.status == "pending"))
    memberships = _memberships(request, group)
    pages = session.scalars(select(GroupPage).where(GroupPage.group_id == group.id)).all() if readable else []
    follow = None
    if request.user is not None:
        follow = session.scalar(select(Follow).where(Follow.group_id == group.id, Follow.user_id == request.user.id))
    requests_waiting = 0
    can_manage = bool(request.has_permission("manage_group", group))
    if can_manage:
        requests_waiting = session.scalar(select(func.count(JoinRequest.id)).where(
            JoinRequest.group_id == group.id, JoinRequest.status == "pending"))
    return {"group": group, "readable": readable, "membership": membership, "pending": pending,
            "members": memberships if readable else [m for m in memberships if m.role == "coordinator"],
            "member_total": len(memberships), "tree": services.tree(pages),
            "activity": group_activity(session, group, limit=15) if readable else [],
            "follow": follow, "can_manage": can_manage, "requests_waiting": requests_waiting,
            "can_edit_pages": bool(request.has_permission("edit_pages", group)),
            "can_join": request.user is None or (membership is None and pending is None),
            "can_follow": bool(request.has_permission("follow", group)) or (
                request.user is not None and group.is_public),
            "page_title": group.name, "breadcrumbs": crumbs(request, group)}


@view_config(route_name="working_group_edit", renderer="portal:templates/form_page.pt", permission="manage_group")
def group_edit(request):
    group = request.context
    form = make_form(request, GroupSchema, [("save", _("Save"))])
    title = translate(_("Edit the group"), request)
    values = {"page_title": title, "breadcrumbs": crumbs(request, group, last=title)}
    if "save" in request.POST:
        appstruct, error = validate(form, request)
        if error:
            return dict(values, form=error)
        was = group.visibility
        for name in ("name", "purpose", "visibility", "language"):
            setattr(group, name, appstruct[name])
        if group.principal_group is not None:
            group.principal_group.title = group.name[:200]
        if was != group.visibility:
            services.reindex_pages(request.dbsession, group)
        request.flash(_("Changes saved."))
        return HTTPFound(group_url(request, group))
    return dict(values, form=render_form(form, {"name": group.name, "purpose": group.purpose,
                                                "visibility": group.visibility, "language": group.language}))


# --- joining, leaving, following ------------------------------------------------------------------

@view_config(route_name="working_group_join", renderer="portal:templates/form_page.pt", permission="join")
def group_join(request):
    group = request.context
    title = translate(_("Ask to join “${name}”", mapping={"name": group.name}), request)
    values = {"page_title": title, "breadcrumbs": crumbs(request, group, last=title),
              "intro": _("A coordinator of the group will accept or decline your request; you will get an e-mail.")}
    if group.membership_of(request.user) is not None:
        request.flash(_("You are already a member of this group."))
        return HTTPFound(group_url(request, group))
    pending = request.dbsession.scalar(select(JoinRequest).where(
        JoinRequest.group_id == group.id, JoinRequest.user_id == request.user.id, JoinRequest.status == "pending"))
    if pending is not None:
        request.flash(_("Your request to join is waiting for a coordinator."))
        return HTTPFound(group_url(request, group))
    form = make_form(request, JoinSchema, [("send", _("Send my request"))])
    if "send" in request.POST:
        appstruct, error = validate(form, request)
        if error:
            return dict(values, form=error)
        request.dbsession.add(JoinRequest(group_id=group.id, user_id=request.user.id, message=appstruct["message"]))
        for m in group.memberships:
            if m.role == "coordinator":
                lang = m.user.language
                request.send_mail(m.user.email, translate_to(request, _("Request to join ${group}", mapping={
                    "group": group.name}), lang), translate_to(request, _(
                        "Hello ${name},\n\n${person} asks to join the working group “${group}”:\n\n${message}\n\n"
                        "Accept or decline the request here:\n${link}", mapping={
                            "name": m.user.name, "person": request.user.name, "group": group.name,
                            "message": appstruct["message"] or "—",
                            "link": request.route_url("working_group_members", id=group.id)}), lang))
        request.flash(_("Your request to join was sent to the coordinators."))
        return HTTPFound(group_url(request, group))
    return dict(values, form=render_form(form))


@view_config(route_name="working_group_leave", request_method="POST", permission="leave")
def group_leave(request):
    group = request.context
    membership = group.membership_of(request.user)
    if membership is None:
        raise HTTPForbidden()
    if membership.role == "coordinator" and len(group.coordinator_ids()) == 1 and len(group.memberships) > 1:
        request.flash(_("You are the group's only coordinator: make another member coordinator before you leave."),
                      "error")
        return HTTPFound(group_url(request, group))
    services.remove_member(request.dbsession, group, request.user)
    request.flash(_("You left the group."))
    return HTTPFound(group_url(request, group))


@view_config(route_name="working_group_follow", renderer="portal:templates/form_page.pt", permission="view")
def group_follow(request):
    group = request.context
    if request.user is None:
        raise HTTPForbidden()
    if not (request.has_permission("follow", group) or group.is_public):
        raise HTTPForbidden()
    follow = request.dbsession.scalar(select(Follow).where(Follow.group_id == group.id,
                                                           Follow.user_id == request.user.id))
    title = translate(_("Follow “${name}”", mapping={"name": group.name}), request)
    values = {"page_title": title, "breadcrumbs": crumbs(request, group, last=title),
              "intro": _("You will receive by e-mail a digest of the new pages, revisions and comments of the group.")}
    form = make_form(request, FollowSchema, [("save", _("Save")), ("stop", _("Stop following"))])
    if "stop" in request.POST:
        if follow is not None:
            request.dbsession.delete(follow)
        request.flash(_("You no longer follow this group."))
        return HTTPFound(group_url(request, group))
    if "save" in request.POST:
        appstruct, error = validate(form, request)
        if error:
            return dict(values, form=error)
        if follow is None:
            request.dbsession.add(Follow(group_id=group.id, user_id=request.user.id, frequency=appstruct["frequency"],
                                         last_sent=utcnow()))
        else:
            follow.frequency = appstruct["frequency"]
        request.flash(_("You follow this group: ${frequency}.", mapping={
            "frequency": translate(_("Daily digest") if appstruct["frequency"] == "daily" else _("Weekly digest"),
                                   request)}))
        return HTTPFound(group_url(request, group))
    return dict(values, form=render_form(form, {"frequency": follow.frequency if follow else "weekly"}))


# --- members, requests, invitations (coordinators) ------------------------------------------------

def _members_page(request, group, invite_form):
    session = request.dbsession
    title = translate(_("Members"), request)
    return {"group": group, "memberships": _memberships(request, group), "invite_form": invite_form,
            "requests": session.scalars(select(JoinRequest).where(JoinRequest.group_id == group.id,
                                                                  JoinRequest.status == "pending")
                                        .order_by(JoinRequest.created)).all(),
            "invitations": session.scalars(select(Invitation).where(Invitation.group_id == group.id)
                                           .order_by(Invitation.created.desc()).limit(50)).all(),
            "now": utcnow(), "page_title": f"{title}: {group.name}", "breadcrumbs": crumbs(request, group, last=title)}


def _invite_form(request, group):
    return make_form(request, InviteSchema, [("invite", _("Send the invitations"))],
                     action=request.route_path("working_group_members", id=group.id))


@view_config(route_name="working_group_members", renderer=T + "members.pt", permission="manage_group")
def group_members(request):
    group = request.context
    form = _invite_form(request, group)
    if "invite" in request.POST:
        appstruct, error = validate(form, request)
        if error:
            return _members_page(request, group, error)
        emails = [e.strip().lower() for e in appstruct["emails"].replace(",", "\n").splitlines() if e.strip()]
        wrong = [e for e in emails if not _email_ok(e)]
        if wrong or not emails or len(emails) > 50:
            request.response.status = 400
            node = form.schema["emails"]
            failure = colander.Invalid(form.schema)
            failure.add(colander.Invalid(node, translate(_("Not an e-mail address: ${addresses}", mapping={
                "addresses": ", ".join(wrong)}) if wrong else _("Give from one to fifty addresses."), request)),
                form.schema.children.index(node))
            form.widget.handle_error(form, failure)
            return _members_page(request, group, Markup(form.render(dict(appstruct))))
        languages = dict(request.dbsession.execute(select(User.email, User.language).where(User.email.in_(emails))).all())
        for email in emails:
            invitation, token = services.new_invitation(request.dbsession, group, email, appstruct["role"],
                                                        request.user)
            lang = languages.get(email) or request.locale_name
            request.send_mail(email, translate_to(request, _("Invitation to the working group ${group}", mapping={
                "group": group.name}), lang), translate_to(request, _(
                    "Hello,\n\n${inviter} invites you to join the working group “${group}” on the portal.\n\n"
                    "Accept the invitation here (the link works once, until ${date}; if you have no account yet, "
                    "you can create one there):\n${link}", mapping={
                        "inviter": request.user.name, "group": group.name,
                        "date": invitation.expires.strftime("%Y-%m-%d"),
                        "link": request.route_url("working_group_invitation", token=token)}), lang))
        request.flash(_("${count} invitation(s) sent.", mapping={"count": len(emails)}))
        return HTTPFound(request.route_path("working_group_members", id=group.id))
    return _members_page(request, group, render_form(form, {"role": "member"}))


def _email_ok(value):
    try:
        colander.Email()(None, value)
    except colander.Invalid:
        return False
    return len(value) <= 254


@view_config(route_name="working_group_member", request_method="POST", permission="manage_group")
def group_member_change(request):
    group = request.context
    user = request.dbsession.get(User, _id(request, "user"))
    membership = group.membership_of(user)
    if membership is None:
        raise HTTPNotFound()
    action = request.POST.get("action", "")
    coordinators = group.coordinator_ids()
    if action in ("remove", "member") and membership.role == "coordinator" and coordinators == [user.id]:
        request.flash(_("A group keeps at least one coordinator: make another member coordinator first."), "error")
    elif action == "remove":
        services.remove_member(request.dbsession, group, user)
        request.flash(_("${name} is no longer a member.", mapping={"name": user.name}))
    elif action in ("member", "coordinator"):
        membership.role = action
        request.flash(_("${name} is now ${role}.", mapping={
            "name": user.name, "role": translate(_("Coordinator") if action == "coordinator" else _("Member"), request)}))
    else:
        raise HTTPBadRequest(translate(_("Unknown action."), request))
    return HTTPFound(request.route_path("working_group_members", id=group.id))


@view_config(route_name="working_group_request", request_method="POST", permission="manage_group")
def group_request_decide(request):
    group = request.context
    found = request.dbsession.get(JoinRequest, _id(request, "request"))
    if found is None or found.group_id != group.id:
        raise HTTPNotFound()
    if found.status != "pending":
        request.flash(_("This request was already answered."), "error")
        return HTTPFound(request.route_path("working_group_members", id=group.id))
    accept = request.POST.get("decision") == "accept"
    if request.POST.get("decision") not in ("accept", "decline"):
        raise HTTPBadRequest(translate(_("Unknown action."), request))
    found.status = "accepted" if accept else "declined"
    found.decided, found.decider_id = utcnow(), request.user.id
    user = found.user
    if accept:
        services.add_member(request.dbsession, group, user, "member")
    lang = user.language
    subject = _("You joined ${group}") if accept else _("Your request to join ${group}")
    body = (_("Hello ${name},\n\nYour request to join the working group “${group}” was accepted. "
              "Its pages are here:\n${link}") if accept else
            _("Hello ${name},\n\nYour request to join the working group “${group}” was declined by its coordinators."
              "\n${link}"))
    request.send_mail(user.email, translate_to(request, subject, lang, mapping={"group": group.name}),
                      translate_to(request, body, lang, mapping={"name": user.name, "group": group.name,
                                                                 "link": request.route_url("working_group", id=group.id)}))
    request.flash(_("${name} joined the group.", mapping={"name": user.name}) if accept
                  else _("The request of ${name} was declined.", mapping={"name": user.name}))
    return HTTPFound(request.route_path("working_group_members", id=group.id))


@view_config(route_name="working_group_invitation_revoke", request_method="POST", permission="manage_group")
def invitation_revoke(request):
    group = request.context
    found = request.dbsession.get(Invitation, _id(request, "invitation"))
    if found is None or found.group_id != group.id:
        raise HTTPNotFound()
    if found.used is None:
        found.expires = utcnow()
    request.flash(_("The invitation to ${email} was withdrawn.", mapping={"email": found.email}))
    return HTTPFound(request.route_path("working_group_members", id=group.id))


@view_config(route_name="working_group_invitation", renderer=T + "invitation.pt", permission="view")
def invitation(request):
    """The link of an invitation: accept it, logged in or creating an account on the way."""
    session = request.dbsession
    found = services.find_invitation(session, request.matchdict["token"])
    title = translate(_("Invitation"), request)
    values = {"page_title": title, "breadcrumbs": crumbs(request, last=title), "invitation": found, "form": None,
              "problem": None, "existing": None}
    if found is None:
        request.response.status = 404
        return dict(values, problem=_("This invitation link is not valid. Check that you copied the whole "
                                      "address, or ask a coordinator of the group for a new invitation."))
    if found.used is not None:
        request.response.status = 410
        return dict(values, problem=_("This invitation was already used (on ${date}). An invitation works only "
                                      "once: log in, or ask a coordinator for a new one.",
                                      mapping={"date": found.used.strftime("%Y-%m-%d")}))
    if found.expires <= utcnow():
        request.response.status = 410
        return dict(values, problem=_("This invitation expired on ${date}. Ask a coordinator of the group for a "
                                      "new one.", mapping={"date": found.expires.strftime("%Y-%m-%d")}))
    group = found.group
    values["group"] = group
    user = request.user
    if user is not None:
        if "accept" in request.POST:  # a POST: Pyramid has checked its CSRF token
            _accept(request, found, user)
            return HTTPFound(group_url(request, group))
        return values
    existing = session.scalar(select(User).where(User.email == found.email))
    if existing is not None:
        values["existing"] = existing
        values["login_url"] = request.route_path("login", _query={"came_from": request.path})
        return values
    form = make_form(request, InvitedAccountSchema, [("create", _("Create my account and join"))])
    if "create" in request.POST:
        appstruct, error = validate(form, request)
        if error:
            return dict(values, form=error)
        # a person from outside the network: the group's member, not a member representative of the network
        # (only the secretariat gives that role)
        user = User(email=found.email, name=appstruct["name"], role=None, language=request.locale_name,
                    password_hash=hash_password(appstruct["password"], request.registry.settings))
        session.add(user)
        session.flush()
        _accept(request, found, user)
        return HTTPFound(group_url(request, group), headers=remember(request, user.id))
    return dict(values, form=render_form(form))


def _accept(request, found, user):
    found.used, found.used_by_id = utcnow(), user.id
    group = found.group
    current = group.membership_of(user)
    role = "coordinator" if found.role == "coordinator" or (current and current.role == "coordinator") else "member"
    services.add_member(request.dbsession, group, user, role)
    request.flash(_("Welcome to the working group “${group}”.", mapping={"group": group.name}))


# --- pages ----------------------------------------------------------------------------------------

def page_form(request, group, page=None, buttons=None, excluded=()):
    return make_form(request, PageSchema, buttons or [("save", _("Save"))], group=group, page=page,
                     excluded=excluded)


@view_config(route_name="group_page_add", renderer=T + "page_form.pt", permission="edit_pages")
def page_add(request):
    group = request.context
    form = page_form(request, group)
    title = translate(_("New page"), request)
    values = {"group": group, "obj": None, "conflicts": [], "page_title": title,
              "breadcrumbs": crumbs(request, group, last=title), "pages": _group_pages(request, group)}
    if "save" in request.POST:
        appstruct, error = validate(form, request)
        if error:
            return dict(values, form=error)
        parent = request.dbsession.get(GroupPage, appstruct["parent_id"]) if appstruct["parent_id"] else None
        body = services.link_pages(request.dbsession, group, appstruct["body"], lambda p: page_url(request, p))
        page = services.create_page(request.dbsession, group, appstruct["title"], body, request.user, parent,
                                    appstruct["comment"] or translate(_("Created"), request))
        request.flash(_("Page created."))
        return HTTPFound(page_url(request, page))
    initial = {}
    parent = request.GET.get("parent", "")
    if parent.isdigit():
        initial["parent_id"] = int(parent)
    return dict(values, form=render_form(form, initial))


def _group_pages(request, group):
    return request.dbsession.scalars(select(GroupPage).where(GroupPage.group_id == group.id)
                                     .order_by(GroupPage.title)).all()


@view_config(route_name="group_page.view", renderer=T + "page.pt", permission="view")
def page_view(request):
    page = request.context
    session = request.dbsession
    group = page.group
    children = session.scalars(select(GroupPage).where(GroupPage.parent_id == page.id)
                               .order_by(GroupPage.position, GroupPage.title)).all()
    comments = session.scalars(select(PageComment).where(PageComment.page_id == page.id)
                               .order_by(PageComment.created)).all()
    link = page_url(request, page)
    backlinks = [p for p in session.scalars(select(GroupPage).where(GroupPage.group_id == group.id,
                                                                    GroupPage.id != page.id,
                                                                    GroupPage.body.contains(f'href="{link}"')))]
    can_comment = request.user is not None and bool(request.has_permission("comment", page))
    comment_form = None
    if can_comment:
        comment_form = render_form(make_form(request, CommentSchema, [("comment", _("Add the comment"))],
                                             action=request.route_path("group_page.comment", id=page.id)))
    latest = session.scalar(select(Revision).where(Revision.content_id == page.id)
                            .order_by(Revision.number.desc()).limit(1))
    merged = request.GET.get("merged", "")
    return {"obj": page, "group": group, "children": children, "comments": comments, "backlinks": backlinks,
            "can_edit": request.user is not None and bool(request.has_permission("edit", page)),
            "can_delete": request.user is not None and bool(request.has_permission("delete", page)),
            "can_comment": can_comment, "comment_form": comment_form, "latest": latest,
            "merged_from": int(merged) if merged.isdigit() and latest and int(merged) < latest.number else None,
            "page_title": page.title, "breadcrumbs": crumbs(request, group, page)}


@view_config(route_name="group_page.edit", renderer=T + "page_form.pt", permission="edit")
def page_edit(request):
    page = request.context
    session = request.dbsession
    group = page.group
    excluded = services.descendants(session, page)
    form = page_form(request, group, page, excluded=excluded)
    title = translate(_("Edit"), request)
    values = {"group": group, "obj": page, "conflicts": [], "page_title": f"{title}: {page.title}",
              "breadcrumbs": crumbs(request, group, page, last=title), "pages": _group_pages(request, group)}
    if "save" not in request.POST:
        return dict(values, form=render_form(form, {"title": page.title, "body": page.body,
                                                    "parent_id": page.parent_id, "base_revision": page.revision}))
    appstruct, error = validate(form, request)
    if error:
        return dict(values, form=error)
    mine = {"title": appstruct["title"], "parent_id": appstruct["parent_id"],
            "body": services.link_pages(session, group, appstruct["body"], lambda p: page_url(request, p))}
    base_number = appstruct["base_revision"]
    for _attempt in range(5):
        session.refresh(page)
        current = page.revision
        merged_with = None
        if base_number == current:
            result = mine
        else:
            base_rev = session.scalar(select(Revision).where(Revision.content_id == page.id,
                                                             Revision.number == base_number))
            base = dict(base_rev.data) if base_rev is not None else {"title": "", "body": "", "parent_id": None}
            theirs = services.page_data(page)
            conflicts = []
            result = {}
            for name in ("title", "parent_id"):
                result[name], conflict = merge_value(base.get(name), mine[name], theirs[name])
                if conflict is not None:
                    conflicts.append((name, conflict))
            body = merge_text(base.get("body") or "", mine["body"], theirs["body"] or "")
            result["body"] = clean_html(body.text("mine"))
            conflicts += [("body", c) for c in body.conflicts]
            if conflicts:
                return _conflict_page(request, values, form, page, result, appstruct, conflicts, current, base_number)
            merged_with = session.scalars(select(Revision).where(Revision.content_id == page.id,
                                                                 Revision.number > base_number)
                                          .order_by(Revision.number)).all()
            if result["parent_id"] is not None and (result["parent_id"] in excluded or result["parent_id"] == page.id):
                result["parent_id"] = theirs["parent_id"]
        if not services.claim_revision(session, page, current):
            continue  # someone saved in the meantime: merge again with what they saved
        for name, value in result.items():
            setattr(page, name, value)
        page.modified = utcnow()
        session.flush()
        services.record_page_revision(session, page, request.user, appstruct["comment"])
        if merged_with:
            names = ", ".join(sorted({r.author.name if r.author else "—" for r in merged_with}))
            request.flash(_("While you were editing, ${names} saved this page (revision ${numbers}). Your changes "
                            "and theirs did not overlap: both were kept, merged into this new revision.",
                            mapping={"names": names, "numbers": ", ".join(str(r.number) for r in merged_with)}))
            return HTTPFound(page_url(request, page, _query={"merged": base_number}))
        request.flash(_("Changes saved."))
        return HTTPFound(page_url(request, page))
    request.response.status = 409
    request.flash(_("The page is being saved by others right now; your text is kept below: save again."), "error")
    return dict(values, form=render_form(form, dict(appstruct)))


def _conflict_page(request, values, form, page, result, appstruct, conflicts, current, base_number):
    """Both changed the same passage: show theirs beside mine; the form keeps the user's own text
    (with the other changes merged in) and now starts from the latest revision."""
    request.response.status = 409
    names = {"title": _("Title"), "parent_id": _("Place it under"), "body": _("Text")}
    rows = []
    for name, c in conflicts:
        if name == "parent_id":
            def title_of(pid):
                found = request.dbsession.get(GroupPage, pid) if pid else None
                return found.title if found is not None else "—"
            mine_text, theirs_text = title_of(c.mine), title_of(c.theirs)
        else:
            mine_text, theirs_text = c.mine or "", c.theirs or ""
        base_text = c.base or ""
        if name == "parent_id":
            base_text = title_of(c.base)
        rows.append({"field": translate(names[name], request), "theirs": inline_diff(base_text, theirs_text),
                     "mine": inline_diff(base_text, mine_text)})
    authors = request.dbsession.scalars(select(Revision).where(Revision.content_id == page.id,
                                                               Revision.number > base_number)
                                        .order_by(Revision.number)).all()
    form_values = {"title": result["title"], "body": result["body"], "parent_id": result["parent_id"],
                   "comment": appstruct["comment"], "base_revision": current}
    return dict(values, form=render_form(form, form_values), conflicts=rows,
                conflict_authors=", ".join(sorted({r.author.name if r.author else "—" for r in authors})),
                conflict_numbers=", ".join(str(r.number) for r in authors))


@view_config(route_name="group_page.history", renderer=T + "history.pt", permission="history")
def page_history(request):
    page = request.context
    revisions = request.dbsession.scalars(select(Revision).where(Revision.content_id == page.id)
                                          .order_by(Revision.number.desc())).all()
    a, b = request.GET.get("a"), request.GET.get("b")
    diff = None
    if a and b:
        by_number = {str(r.number): r for r in revisions}
        if a not in by_number or b not in by_number:
            raise HTTPNotFound()
        old, new = by_number[a].data, by_number[b].data
        diff = {"title": side_by_side(old.get("title") or "", new.get("title") or "")
                if old.get("title") != new.get("title") else None,
                "body": side_by_side(old.get("body") or "", new.get("body") or ""),
                "same": old == new}
    title = translate(_("History"), request)
    return {"obj": page, "group": page.group, "revisions": revisions, "diff": diff, "a": a, "b": b,
            "can_restore": bool(request.has_permission("edit", page)),
            "page_title": f"{title}: {page.title}", "breadcrumbs": crumbs(request, page.group, page, last=title)}


@view_config(route_name="group_page.restore", request_method="POST", permission="edit")
def page_restore(request):
    page = request.context
    session = request.dbsession
    number = request.POST.get("revision", "")
    rev = session.scalar(select(Revision).where(Revision.content_id == page.id,
                                                Revision.number == (int(number) if number.isdigit() else -1)))
    if rev is None:
        raise HTTPNotFound()
    current = page.revision
    if not services.claim_revision(session, page, current):
        request.flash(_("Someone saved the page at the same moment: look at the history and restore again."), "error")
        return HTTPFound(request.route_path("group_page.history", id=page.id))
    page.title = rev.data.get("title") or page.title
    page.body = clean_html(rev.data.get("body") or "")
    parent = rev.data.get("parent_id")
    if parent is None or (parent not in services.descendants(session, page) and parent != page.id
                          and (found := session.get(GroupPage, parent)) is not None and found.group_id == page.group_id):
        page.parent_id = parent
    page.modified = utcnow()
    session.flush()
    services.record_page_revision(session, page, request.user, translate(
        _("Restored revision ${number}", mapping={"number": rev.number}), request))
    request.flash(_("Revision ${number} restored.", mapping={"number": rev.number}))
    return HTTPFound(page_url(request, page))


@view_config(route_name="group_page.comment", request_method="POST", renderer=T + "page.pt", permission="comment")
def page_comment(request):
    page = request.context
    form = make_form(request, CommentSchema, [("comment", _("Add the comment"))],
                     action=request.route_path("group_page.comment", id=page.id))
    appstruct, error = validate(form, request)
    if error:
        values = page_view(request)
        values["comment_form"] = error
        return values
    request.dbsession.add(PageComment(page_id=page.id, author_id=request.user.id, text=appstruct["text"].strip()))
    request.flash(_("Comment added."))
    return HTTPFound(page_url(request, page) + "#comments")


@view_config(route_name="group_page.delete", renderer=T + "page_delete.pt", permission="delete")
def page_delete(request):
    page = request.context
    group = page.group
    if "delete" in request.POST:
        from portal.files import delete_file
        for child in request.dbsession.scalars(select(GroupPage).where(GroupPage.parent_id == page.id)):
            child.parent_id = page.parent_id  # the pages under it move up, nothing is lost with it
        for row in list(page.files):
            delete_file(request, row)
        request.dbsession.delete(page)
        request.flash(_("“${title}” was deleted.", mapping={"title": page.title}))
        return HTTPFound(group_url(request, group))
    title = translate(_("Delete"), request)
    return {"obj": page, "group": group, "page_title": f"{title}: {page.title}",
            "breadcrumbs": crumbs(request, group, page, last=title)}


def includeme(config):
    add = config.add_route
    add("working_groups", "/groups", factory=GroupsRoot)
    add("working_group_add", "/groups/add", factory=GroupsRoot)
    add("working_group_invitation", "/groups/invitations/{token}")
    for name, suffix in (("working_group", ""), ("working_group_edit", "/edit"), ("working_group_join", "/join"),
                         ("working_group_leave", "/leave"), ("working_group_follow", "/follow"),
                         ("working_group_members", "/members"), ("working_group_member", "/members/{user:\\d+}"),
                         ("working_group_request", "/requests/{request:\\d+}"),
                         ("working_group_invitation_revoke", "/invitations/{invitation:\\d+}/withdraw")):
        add(name, "/groups/{id:\\d+}" + suffix, factory=group_factory)
    add("group_page_add", "/groups/{id:\\d+}/pages/add", factory=group_pages_factory)
    for view, suffix in (("view", ""), ("edit", "/edit"), ("history", "/history"), ("restore", "/restore"),
                         ("comment", "/comments"), ("delete", "/delete")):
        add(f"group_page.{view}", "/groups/pages/{id:\\d+}" + suffix, factory=page_factory)
    config.scan(".views")

"""What the group's people hear on the portal: an invitation (its mail, with the one-time link, is
mail.py's), and new pages, revisions and comments for those who follow the group (the core's Follow
button, or the group's own digest at the frequency its follower chose: digest.py)."""
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.api import User, _, may_read, notify, notify_followers

from .digest import group_digest
from .models import FOLLOWED, WorkingGroup


def group_title(request, group):
    return group.name


def group_address(request, group):
    return request.route_url("working_group", id=group.id)


def may_follow(request, user, group):
    """Who may read its pages; of a members-only group, its members (by their membership, even if the
    core group still lists them) and the secretariat."""
    return may_read(user, group, "view_pages") and (
        group.is_public or group.membership_of(user) is not None or user.role == "secretariat")


def includeme(config):
    config.add_notification_kind("group.invitation", _("Invitation to a working group"), default_mail=False)
    config.add_followable(FOLLOWED, WorkingGroup, group_title, group_address, allowed=may_follow,
                          load=(selectinload(WorkingGroup.memberships), selectinload(WorkingGroup.principal_group)),
                          digest=group_digest)


def invited(request, group, emails):
    """Those invited who have an account see the invitation under their bell too."""
    users = request.dbsession.scalars(select(User).where(User.email.in_(list(emails)))).all()
    notify(request, users, "group.invitation", _("${person} invites you to the working group “${group}”: the "
                                                  "link to accept is in your mail.", mapping={
                                                      "person": request.user.name, "group": group.name}),
           group_address(request, group))


def page_added(request, group, page, url):
    notify_followers(request, group, _("${person} added the page “${title}” to “${group}”.", mapping={
        "person": request.user.name, "title": page.title, "group": group.name}), url)


def page_changed(request, group, page, url):
    notify_followers(request, group, _("${person} changed the page “${title}” of “${group}”.", mapping={
        "person": request.user.name, "title": page.title, "group": group.name}), url)


def comment_added(request, group, page, url):
    notify_followers(request, group, _("${person} commented on the page “${title}” of “${group}”.", mapping={
        "person": request.user.name, "title": page.title, "group": group.name}), url)

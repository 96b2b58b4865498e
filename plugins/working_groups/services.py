"""What changes a group, its membership, its pages and their revisions, shared by views, demo and tests."""
import html
import re
import secrets
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from portal.api import Group, Revision, Saved, User, content_service, record_revision, snapshot, utcnow
from portal.api import hash_password
from portal.api import follow_item, item_follow, unfollow_item
from portal.api import TranslatedText, clean_html, set_translated
from portal.api import reindex_later
from portal.api import token_hash

from . import mail
from .models import FOLLOWED, GroupPage, Invitation, JoinRequest, Membership, PageComment, WorkingGroup

INVITATION_DAYS = 14
PAGE_FIELDS = ("title", "body", "parent_id")


def create_group(session, name, purpose="", visibility="public", creator=None, language="en"):
    group = WorkingGroup(visibility=visibility, language=language, creator_id=getattr(creator, "id", None))
    set_translated(group, "name", name)  # a form's name and purpose carry their translations
    set_translated(group, "purpose", purpose if isinstance(purpose, TranslatedText) else clean_html(purpose))
    session.add(group)
    session.flush()
    core = Group(name=f"working-group-{group.id}", title=group.name[:200])
    session.add(core)
    session.flush()
    group.principal_group = core
    if creator is not None:
        add_member(session, group, creator, "coordinator")
    return group


def add_member(session, group, user, role="member"):
    """Make user a member (or change their role); returns the membership."""
    found = group.membership_of(user)
    if found is None:
        found = Membership(group=group, user=user, role=role)
        session.add(found)
    else:
        found.role = role
    core = group.principal_group
    if core is not None and user not in core.users:
        core.users.append(user)
    follow_item(session, FOLLOWED, group.id, user, "weekly", keep=True)  # a member has the weekly digest
    return found


def remove_member(session, group, user):
    found = group.membership_of(user)
    if found is not None:
        group.memberships.remove(found)
        session.delete(found)
    core = group.principal_group
    if core is not None and user in core.users:
        core.users.remove(user)
    if not group.is_public:  # a digest of a closed group is for its members only
        unfollow_item(session, FOLLOWED, group.id, user)


def memberships(session, group):
    """The group's memberships, each with its person and their organisation (loaded here, not one
    query per row), coordinators first."""
    return session.scalars(select(Membership).where(Membership.group_id == group.id)
                           .join(User, User.id == Membership.user_id)
                           .options(contains_eager(Membership.user).selectinload(User.member))
                           .order_by(Membership.role, User.name)).all()


def update_group(session, group: WorkingGroup, appstruct: dict) -> None:
    was = group.visibility
    for name in ("name", "purpose", "visibility", "language"):
        setattr(group, name, appstruct[name])
    if group.principal_group is not None:
        group.principal_group.title = group.name[:200]
    if was != group.visibility:
        reindex_pages(session, group)


def follow_of(session, group, user):
    """The person's follow of the group (the core's; its frequency: the group's digest, None: none), or None."""
    return item_follow(session, FOLLOWED, group.id, user)


def set_follow(session, group, user, frequency: str | None) -> None:
    """Follow the group with its digest at that frequency; None: stop following it."""
    if frequency is None:
        unfollow_item(session, FOLLOWED, group.id, user)
    else:
        follow_item(session, FOLLOWED, group.id, user, frequency)


def pending_request(session, group, user) -> JoinRequest | None:
    if user is None:
        return None
    return session.scalar(select(JoinRequest).where(JoinRequest.group_id == group.id, JoinRequest.user_id == user.id,
                                                    JoinRequest.status == "pending"))


def ask_to_join(request, group, user, message: str) -> JoinRequest:
    found = JoinRequest(group_id=group.id, user_id=user.id, message=message)
    request.dbsession.add(found)
    mail.join_request(request, group, user, message)
    return found


def decide_request(request, found: JoinRequest, accept: bool) -> None:
    found.status = "accepted" if accept else "declined"
    found.decided, found.decider_id = utcnow(), request.user.id
    if accept:
        add_member(request.dbsession, found.group, found.user, "member")
    mail.join_decision(request, found.group, found.user, accept)


def reindex_pages(session, group):
    """Who may read the pages changed (visibility): queue them for the search index again."""
    for page in session.scalars(select(GroupPage).where(GroupPage.group_id == group.id)):
        reindex_later(session, page)


def new_invitation(session, group, email, role="member", inviter=None, now=None, days=INVITATION_DAYS):
    """Returns (invitation, token); the token (256 random bits) is only ever in the link."""
    token = secrets.token_urlsafe(32)
    now = now or utcnow()
    invitation = Invitation(group_id=group.id, email=email.strip().lower(), token_hash=token_hash(token), role=role,
                            inviter_id=getattr(inviter, "id", None), created=now, expires=now + timedelta(days=days))
    session.add(invitation)
    return invitation, token


def find_invitation(session, token):
    if not token or len(token) > 200:
        return None
    return session.scalar(select(Invitation).where(Invitation.token_hash == token_hash(token)))


def invite(request, group, emails: list[str], role: str) -> None:
    """An invitation to each address, mailed in the language of its account if it has one."""
    session = request.dbsession
    languages = dict(session.execute(select(User.email, User.language).where(User.email.in_(emails))).all())
    for email in emails:
        invitation, token = new_invitation(session, group, email, role, request.user)
        mail.invitation(request, group, invitation, token, languages.get(email) or request.locale_name)
    from .notifications import invited
    invited(request, group, emails)


def invitation_is_for(invitation: Invitation, user: User) -> bool:
    """An invitation is the account's with its address, and no other's: the link may have been
    forwarded, and whoever accepts it becomes a member (or a coordinator) of the group."""
    return (user.email or "").strip().lower() == invitation.email


def accept_invitation(session, invitation: Invitation, user: User) -> Membership:
    if not invitation_is_for(invitation, user):
        raise ValueError("an invitation is accepted by the account with its address only")
    invitation.used, invitation.used_by_id = utcnow(), user.id
    group = invitation.group
    current = group.membership_of(user)
    role = "coordinator" if invitation.role == "coordinator" or (current and current.role == "coordinator") else "member"
    return add_member(session, group, user, role)


def create_invited_account(request, invitation: Invitation, name: str, password: str) -> User:
    """A person from outside the network: the group's member, not a member representative of the
    network (only the secretariat gives that role)."""
    session = request.dbsession
    user = User(email=invitation.email, name=name, role=None, language=request.locale_name,
                password_hash=hash_password(password, request.registry.settings))
    session.add(user)
    session.flush()
    accept_invitation(session, invitation, user)
    return user


def page_data(page):
    return snapshot(PAGE_FIELDS, page)


def record_page_revision(session, page, author, comment=""):
    return record_revision(session, PAGE_FIELDS, page, comment, author=author)


def create_page(session, group, title, body, author, parent=None, comment=""):
    return content_service.create(session, GroupPage, {"title": title, "body": clean_html(body)}, parent,
                                  author, fields=PAGE_FIELDS, comment=comment, state="published", group=group,
                                  language=group.language, revision=1, published=utcnow())


def save_page(session, page: GroupPage, mine: dict, base_number: int, author: Any, comment: str) -> Saved:
    """Save mine (title, parent_id, body) started from revision base_number: as it is when nobody
    saved since, merged with what others saved when the changes do not overlap, never over them."""
    return content_service.update(session, page, mine, base_number, author, fields=PAGE_FIELDS, comment=comment,
                                  merge=True)


def restore_revision(session, page: GroupPage, rev: Revision, author: Any, comment: str) -> bool:
    """The page as it was at rev (its place too, when that page is still in the group and not under
    it); False when someone saved at the same moment."""
    values = {"title": rev.data.get("title") or page.title, "body": clean_html(rev.data.get("body") or "")}
    parent = rev.data.get("parent_id")
    if parent is None or (parent not in descendants(session, page) and parent != page.id
                          and (found := session.get(GroupPage, parent)) is not None and found.group_id == page.group_id):
        values["parent_id"] = parent
    return content_service.restore(session, page, rev, values, author, fields=PAGE_FIELDS, comment=comment).written


def delete_page(request, page: GroupPage) -> None:
    """The page and its files; the pages under it move up, nothing is lost with it."""
    content_service.delete(request, page, keep_children=True)


def add_comment(session, page: GroupPage, author: User, text: str) -> PageComment:
    comment = PageComment(page_id=page.id, author_id=author.id, text=text.strip())
    session.add(comment)
    return comment


def descendants(session, page):
    """Ids of the pages under page, to refuse moving a page below itself."""
    found, frontier = set(), {page.id}
    while frontier:
        children = set(session.scalars(select(GroupPage.id).where(GroupPage.parent_id.in_(frontier))))
        frontier = children - found
        found |= children
    return found


_WIKI_LINK = re.compile(r"\[\[([^\[\]<>]{1,300})\]\]")


def link_pages(session, group, body, url_of):
    """[[Title of a page]] becomes a link to that page of the group (when there is one)."""
    if "[[" not in (body or ""):
        return body
    titles = {p.title.strip().lower(): p for p in session.scalars(select(GroupPage).where(GroupPage.group_id == group.id))}

    def repl(match):
        page = titles.get(match.group(1).strip().lower())
        if page is None:
            return match.group(0)
        return f'<a href="{url_of(page)}">{match.group(1)}</a>'
    return clean_html(_WIKI_LINK.sub(repl, body))


_PAGE_LINK = re.compile(r'<a href="([^"]+)"[^>]*>([^<>]{1,300})</a>')


def unlink_pages(session, group, body, url_of):
    """The reverse of link_pages, for the edit form: a link to a page of the group whose text is that
    page's title is shown again as [[Title]], as its author wrote it."""
    if "<a " not in (body or ""):
        return body
    pages = {url_of(p): p.title.strip().lower()
             for p in session.scalars(select(GroupPage).where(GroupPage.group_id == group.id))}

    def repl(match):
        text = html.unescape(match.group(2))
        if pages.get(html.unescape(match.group(1))) == text.strip().lower() and _WIKI_LINK.fullmatch(f"[[{text}]]"):
            return f"[[{match.group(2)}]]"
        return match.group(0)
    return _PAGE_LINK.sub(repl, body)

def tree(pages):
    """[(depth, page)] in the order of the tree: each page followed by the pages under it."""
    by_parent = {}
    ids = {p.id for p in pages}
    for p in pages:
        parent = p.parent_id if p.parent_id in ids else None
        by_parent.setdefault(parent, []).append(p)
    out = []

    def walk(parent, depth):
        for p in sorted(by_parent.get(parent, []), key=lambda p: (p.position, p.title.lower())):
            out.append((depth, p))
            if depth < 20:
                walk(p.id, depth + 1)
    walk(None, 0)
    return out

"""What changes a group's membership, its pages and their revisions, shared by views, demo and tests."""
import re
import secrets
from datetime import timedelta

from sqlalchemy import func, select, update

from portal.forms import _jsonable
from portal.models import Group, Revision, utcnow
from portal.sanitize import clean_html
from portal.search import reindex_later
from portal.security import token_hash

from .models import Follow, GroupPage, Invitation, Membership, WorkingGroup

INVITATION_DAYS = 14
PAGE_FIELDS = ("title", "body", "parent_id")


def create_group(session, name, purpose="", visibility="public", creator=None, language="en"):
    group = WorkingGroup(name=name, purpose=clean_html(purpose), visibility=visibility, language=language,
                         creator_id=getattr(creator, "id", None))
    session.add(group)
    session.flush()
    core = Group(name=f"working-group-{group.id}", title=name[:200])
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
    if session.scalar(select(Follow).where(Follow.group_id == group.id, Follow.user_id == user.id)) is None:
        session.add(Follow(group_id=group.id, user_id=user.id, frequency="weekly", last_sent=utcnow()))
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
        follow = session.scalar(select(Follow).where(Follow.group_id == group.id, Follow.user_id == user.id))
        if follow is not None:
            session.delete(follow)


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


def page_data(page):
    return {name: _jsonable(getattr(page, name)) for name in PAGE_FIELDS}


def record_page_revision(session, page, author, comment=""):
    number = (session.scalar(select(func.max(Revision.number)).where(Revision.content_id == page.id)) or 0) + 1
    rev = Revision(content_id=page.id, number=number, author_id=getattr(author, "id", None),
                   data=page_data(page), comment=(comment or "")[:300], created=utcnow())
    session.add(rev)
    return rev


def claim_revision(session, page, expected):
    """Move the page's revision counter from `expected` to the next one in a single UPDATE; False
    when another save got there first (then nothing is written and the caller merges again)."""
    result = session.execute(update(GroupPage.__table__).where(GroupPage.__table__.c.id == page.id,
                                                               GroupPage.__table__.c.revision == expected)
                             .values(revision=expected + 1))
    if result.rowcount != 1:
        return False
    session.expire(page, ["revision"])
    return True


def create_page(session, group, title, body, author, parent=None, comment=""):
    page = GroupPage(group=group, title=title, body=clean_html(body), parent_id=getattr(parent, "id", None),
                     creator_id=getattr(author, "id", None), state="published", language=group.language,
                     revision=1, published=utcnow())
    session.add(page)
    session.flush()
    record_page_revision(session, page, author, comment)
    return page


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

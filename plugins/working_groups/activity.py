"""What happened in a group: new pages, revisions and comments, for its page and for the digests."""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.api import Revision

from .models import GroupPage, PageComment


@dataclass
class Event:
    kind: str  # page (a new page), revision, comment
    when: datetime
    page: GroupPage
    who: str
    author_id: int | None
    number: int | None = None
    text: str = ""


def group_activity(session, group, since=None, until=None, limit=None):
    """Events of the group, newest first; since < when <= until when given."""
    revs = (select(Revision, GroupPage).join(GroupPage, GroupPage.id == Revision.content_id)
            .where(GroupPage.group_id == group.id).options(selectinload(Revision.author)))
    comments = (select(PageComment, GroupPage).join(GroupPage, GroupPage.id == PageComment.page_id)
                .where(GroupPage.group_id == group.id).options(selectinload(PageComment.author)))
    if since is not None:
        revs = revs.where(Revision.created > since)
        comments = comments.where(PageComment.created > since)
    if until is not None:
        revs = revs.where(Revision.created <= until)
        comments = comments.where(PageComment.created <= until)
    if limit:
        revs = revs.order_by(Revision.created.desc(), Revision.id.desc()).limit(limit)
        comments = comments.order_by(PageComment.created.desc(), PageComment.id.desc()).limit(limit)
    events = []
    for rev, page in session.execute(revs):
        events.append(Event(kind="page" if rev.number == 1 else "revision", when=rev.created, page=page,
                            who=rev.author.name if rev.author else "—", author_id=rev.author_id,
                            number=rev.number, text=rev.comment))
    for comment, page in session.execute(comments):
        events.append(Event(kind="comment", when=comment.created, page=page,
                            who=comment.author.name if comment.author else "—", author_id=comment.author_id,
                            text=comment.text))
    events.sort(key=lambda e: e.when, reverse=True)
    return events[:limit] if limit else events

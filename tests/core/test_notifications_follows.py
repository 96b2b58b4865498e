"""What a person follows, on the account page and in my space's panel: a fixed number of queries however
many follows there are (one for the follows, one per kind of followed object), oldest first on the account
page, the newest twelve still readable in the panel."""
from contextlib import contextmanager
from datetime import timedelta

from pyramid.scripting import prepare
from sqlalchemy import event

from portal.models import Follow, News, User, utcnow
from portal.notifications import followed_panel, follows_of

from plugins.working_groups import services


@contextmanager
def counted(session):
    statements = []

    def note(conn, cursor, statement, *args):
        statements.append(statement)
    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", note)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", note)


def follow_things(db, user_id, news, groups, drafts=0):
    """`news` published items, `groups` public working groups and `drafts` unreadable items, followed by
    the person in that order a minute apart; returns their titles in that order."""
    titles = []
    with db() as s:
        start = utcnow() - timedelta(days=1)
        targets = [("content", News(title=f"News {i}", language="en", state="published")) for i in range(news)]
        targets += [("content", News(title=f"Draft {i}", language="en", state="draft")) for i in range(drafts)]
        targets += [("working_group", services.create_group(s, f"Group {i}")) for i in range(groups)]
        for n, (kind, obj) in enumerate(targets):
            s.add(obj)
            s.flush()
            s.add(Follow(user_id=user_id, target_type=kind, target_id=obj.id, created=start + timedelta(minutes=n)))
            titles.append(obj.title if kind == "content" else obj.name)
    return titles


def listed(registry, db, user_id, newest=None, panel=False):
    with db() as s:
        env = prepare(registry=registry)
        request = env["request"]
        request.dbsession = s
        s.expunge_all()  # nothing already loaded: every object comes from the queries counted
        user = request.user = s.get(User, user_id)
        with counted(s) as statements:
            found = followed_panel(request) if panel else follows_of(request, user, newest=newest)
        env["closer"]()
    return [f["title"] for f in found], len(statements)


def test_the_queries_do_not_grow_with_the_follows(registry, db, make_user):
    few, many = make_user("few@example.org"), make_user("many@example.org")
    few_titles = follow_things(db, few, news=2, groups=1)
    many_titles = follow_things(db, many, news=9, groups=6)
    titles, few_queries = listed(registry, db, few)
    assert titles == few_titles
    titles, many_queries = listed(registry, db, many)
    assert titles == many_titles  # oldest first, both kinds
    # the follows, the items, the groups with their members and principal group, the reader's groups
    assert many_queries == few_queries <= 6


def test_the_panel_shows_the_newest_twelve_still_readable(registry, db, make_user):
    reader = make_user("reader@example.org", role="member")
    titles = follow_things(db, reader, news=10, groups=4, drafts=2)  # the drafts are among the newest twelve
    readable = [t for t in titles if not t.startswith("Draft")]
    shown, _count = listed(registry, db, reader, panel=True)
    assert shown == list(reversed(readable))[:12]
    shown, _count = listed(registry, db, reader, newest=3)
    assert shown == ["Group 3", "Group 2", "Group 1"]

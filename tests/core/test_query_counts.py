"""No page type costs more SQL statements as the site grows: every page type a logged-in member (and the
secretariat, for /manage) opens is fetched with 10 and with 100 of each kind of item on the site, and the
statements sent to the database for one request are counted. A count that grows with the items is a query
run per item (a lazy load in a loop): the page would slow down with every experience the network shares.

The anonymous cache is off here (a member's pages are always rendered)."""
from datetime import UTC, datetime

import pytest
from sqlalchemy import event

from portal.testing import login

from award_helpers import add_experience, open_call_row

MEMBER = "member@example.org"


class Statements:
    def __init__(self, engine):
        self.engine, self.count = engine, 0

    def _execute(self, *args):
        self.count += 1

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._execute)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._execute)


def grow(db, make_user, site, n):
    """n more of every kind of item the measured pages list: experiences (with their member), news, pages
    of the section, working-group pages, members of the group, accounts."""
    from portal.models import Member, News, Page, User
    from plugins.working_groups import services as groups
    from plugins.working_groups.models import WorkingGroup
    published = datetime(2026, 1, 1, tzinfo=UTC)
    start = site["count"]
    with db() as s:
        group = s.get(WorkingGroup, site["group"])
        author = s.get(User, site["member_user"])
        for i in range(start, start + n):
            member = Member(name=f"City {i}", kind="city", country="BR", region="latin-america-caribbean",
                            status="active")
            s.add(member)
            s.add(News(title=f"News {i}", description="What happened.", body="<p>Text.</p>", language="en",
                       state="published", published=published))
            s.add(Page(title=f"Page {i}", description="", body="<p>Text.</p>", language="en", state="published",
                       published=published, parent_id=site["section"]))
            groups.create_page(s, group, f"Group page {i}", "<p>Notes.</p>", author)
            colleague = User(email=f"colleague{i}@example.org", name=f"Colleague {i}", role="member",
                             language="en")
            s.add(colleague)
            s.flush()
            groups.add_member(s, group, colleague)
    for i in range(start, start + n):
        add_experience(db, f"Participatory budgeting {i}", site["member"], "Porto Alegre", "BR")
    site["count"] = start + n


@pytest.fixture
def site(db, make_user, monkeypatch):
    from portal.models import Member, Page, Section
    from plugins.working_groups import services as groups
    now = datetime.now(UTC)
    with db() as s:
        member = Member(name="Porto Alegre", kind="city", country="BR", region="latin-america-caribbean",
                        status="active")
        s.add(member)
        s.flush()
        member_id = member.id
    user = make_user(MEMBER, role="member", member_id=member_id, language="en")
    make_user("secretariat@example.org", role="secretariat", language="en")
    with db() as s:
        from portal.models import User
        author = s.get(User, user)
        section = Section(title="About", description="", body="<p>The network.</p>", language="en",
                          state="published", published=now)
        s.add(section)
        s.flush()
        page = Page(title="Statutes", description="", body="<p>Article 1.</p>", language="en", state="published",
                    published=now, parent_id=section.id)
        s.add(page)
        group = groups.create_group(s, "Participatory budgeting", "Share what works.", creator=author)
        s.flush()
        groups.add_member(s, group, author, role="coordinator")
        group_page = groups.create_page(s, group, "Agenda", "<p>Next meeting.</p>", author)
        call = open_call_row(now)
        s.add(call)
        s.flush()
        ids = {"section": section.id, "page": page.id, "group": group.id, "group_page": group_page.id,
               "call": call.id, "member": member_id, "member_user": author.id, "count": 0}
    experience = add_experience(db, "Neighbourhood assemblies", member_id, "Porto Alegre", "BR")
    ids["experience"] = experience
    return ids


def pages(site):
    """(who, address) of each page type measured."""
    return {
        "home": (MEMBER, "/"),
        "section": (MEMBER, f"/sections/{site['section']}"),
        "page": (MEMBER, f"/pages/{site['page']}"),
        "experience": (MEMBER, f"/experiences/{site['experience']}"),
        "listing with facets": (MEMBER, "/experiences?country=BR&theme=participatory-budgeting"),
        "search results": (MEMBER, "/search?q=participatory"),
        "working group": (MEMBER, f"/groups/{site['group']}"),
        "working-group page": (MEMBER, f"/groups/pages/{site['group_page']}"),
        "award call": (MEMBER, f"/awards/{site['call']}"),
        "member": (MEMBER, f"/members/{site['member']}"),
        "manage": ("secretariat@example.org", "/manage"),
    }


def counts(app, db_engine, site):
    from webtest import TestApp
    found = {}
    browsers = {}
    for name, (who, path) in pages(site).items():
        if who not in browsers:
            browsers[who] = TestApp(app, extra_environ={"REMOTE_ADDR": "192.0.2.77"})
            login(browsers[who], who)
        browser = browsers[who]
        browser.get(path)  # once before: what a process computes once is not what is measured
        with Statements(db_engine) as statements:
            res = browser.get(path)
        assert res.status_int == 200 and res.content_type == "text/html", (name, path, res.status)
        found[name] = statements.count
    return found


@pytest.fixture
def rendered_app(app):
    app.registry.settings["cache.anonymous_pages"] = False
    return app


def test_no_page_type_sends_more_statements_with_more_items(rendered_app, db_engine, db, make_user, site):
    grow(db, make_user, site, 10)
    with_10 = counts(rendered_app, db_engine, site)
    grow(db, make_user, site, 90)
    with_100 = counts(rendered_app, db_engine, site)
    grew = {name: (with_10[name], with_100[name]) for name in with_10 if with_100[name] > with_10[name]}
    assert not grew, f"statements per request (10 items, 100 items) grew: {grew}"
    assert all(0 < n <= 40 for n in with_100.values()), with_100

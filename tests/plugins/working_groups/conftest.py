"""Arranging working groups for the tests: people, groups with coordinators and members, pages."""
import pytest
from sqlalchemy import select

from portal.models import Member, User
from portal.testing import client, login




class World:
    def __init__(self, db, make_user, app):
        self.db = db
        self.make_user = make_user
        self.app = app

    def person(self, email, role="member", member=None, **kw):
        member_id = None
        if member:
            with self.db() as s:
                found = s.scalar(select(Member).where(Member.name == member[0]))
                if found is None:
                    found = Member(name=member[0], kind="city", country=member[1], region=member[2], status="active")
                    s.add(found)
                    s.flush()
                member_id = found.id
        return self.make_user(email, role=role, member_id=member_id, **kw)

    def group(self, name, coordinator, members=(), visibility="public"):
        from plugins.working_groups import services
        with self.db() as s:
            group = services.create_group(s, name, f"<p>Purpose of {name}.</p>", visibility, s.get(User, coordinator))
            for user_id in members:
                services.add_member(s, group, s.get(User, user_id))
            s.flush()
            return group.id

    def page(self, group_id, title, body, author, parent=None):
        from plugins.working_groups import services
        from plugins.working_groups.models import GroupPage, WorkingGroup
        with self.db() as s:
            page = services.create_page(s, s.get(WorkingGroup, group_id), title, body, s.get(User, author),
                                        s.get(GroupPage, parent) if parent else None)
            s.flush()
            return page.id

    def browser(self, email=None):
        b = client(self.app)
        if email:
            login(b, email)
        return b


@pytest.fixture
def world(db, make_user, app):
    return World(db, make_user, app)

"""The content service (portal.content.service): every write of a content item, for a core type (a
page) and for a working group's page: create, update with the three-way merge of concurrent edits,
move under the one rule, restore a revision, delete; each leaves its revision."""
import pytest
from sqlalchemy import func, select

from portal.content import service
from portal.content.moves import MoveRefused
from portal.content.revisions import revision, revision_diff
from portal.models import Content, Page, Revision, Section, User

BODY = "<p>Budgets are voted in March.</p><p>Assemblies meet twice a year.</p><p>Minutes are public.</p>"


def numbers(s, item_id):
    return list(s.scalars(select(Revision.number).where(Revision.content_id == item_id).order_by(Revision.number)))


@pytest.fixture
def editor(make_user):
    return make_user("editor@example.org", role="editor")


@pytest.fixture
def page_id(db, registry, editor):
    with db() as s:
        info = registry.portal.content_types["page"]
        page = service.create(s, info, {"title": "Budgets", "body": BODY, "language": "en"},
                              author=s.get(User, editor), comment="Created")
        return page.id


def test_create_records_the_first_revision_in_the_workflow_s_first_state(db, page_id, editor):
    with db() as s:
        page = s.get(Page, page_id)
        assert (page.title, page.state, page.creator_id) == ("Budgets", "draft", editor)
        first = revision(s, page, 1)
        assert first.data["title"] == "Budgets" and first.data["body"] == BODY
        assert (first.author_id, first.comment) == (editor, "Created")


def test_update_saves_a_new_revision_and_a_type_that_does_not_merge_saves_over_others(db, page_id, editor):
    with db() as s:
        page = s.get(Page, page_id)
        saved = service.update(s, page, {"title": "Budgets 2027", "body": BODY}, author=s.get(User, editor))
        assert saved.status == "saved" and numbers(s, page_id) == [1, 2]
        stale = service.update(s, page, {"title": "Budgets", "body": "<p>Mine.</p>"}, base_revision=1,
                               author=None)
        assert stale.status == "saved" and page.body == "<p>Mine.</p>" and numbers(s, page_id) == [1, 2, 3]


def test_edits_that_do_not_overlap_are_merged_when_the_type_merges(db, page_id):
    with db() as s:
        page = s.get(Page, page_id)
        theirs = BODY.replace("March", "April")
        assert service.update(s, page, {"title": "Budgets", "body": theirs}, base_revision=1).written
        mine = BODY.replace("twice a year", "in spring and autumn")
        saved = service.update(s, page, {"title": "Budgets of the network", "body": mine}, base_revision=1,
                               merge=True)
        assert saved.status == "merged" and [r.number for r in saved.merged_with] == [2]
        assert "April" in page.body and "in spring and autumn" in page.body
        assert page.title == "Budgets of the network" and numbers(s, page_id) == [1, 2, 3]


def test_overlapping_edits_are_a_conflict_that_writes_nothing(db, page_id):
    with db() as s:
        page = s.get(Page, page_id)
        assert service.update(s, page, {"title": "Budgets", "body": BODY.replace("March", "April")},
                              base_revision=1).written
        saved = service.update(s, page, {"title": "Budgets", "body": BODY.replace("March", "May")}, base_revision=1,
                               merge=True)
        assert saved.status == "conflict" and not saved.written and saved.current == 2
        (name, conflict), = saved.conflicts
        assert name == "body" and "April" in conflict.theirs and "May" in conflict.mine
        assert "May" in saved.result["body"]  # the form shows the person's own text again
        assert "April" in page.body and numbers(s, page_id) == [1, 2]


def test_a_move_under_the_item_itself_is_refused_and_a_move_elsewhere_is_a_revision(db, registry, page_id):
    with db() as s:
        page = s.get(Page, page_id)
        child = service.create(s, registry.portal.content_types["page"], {"title": "Below", "language": "en"},
                               parent=page, author=None)
        with pytest.raises(MoveRefused):
            service.move(s, page, child)
        assert page.parent_id is None
        section = Section(title="Finance", state="published", language="en")
        s.add(section)
        s.flush()
        service.move(s, page, section, comment="Moved")
        assert page.parent_id == section.id
        assert revision(s, page, 2).data["parent_id"] == section.id


def test_a_type_goes_only_into_the_types_it_is_addable_to(db, registry):
    if "event" not in registry.portal.content_types:
        pytest.skip("the events plugin declares the type placed in sections only")
    info = registry.portal.content_types["event"]
    assert info.addable_to == ("section",)
    with db() as s:
        page = Page(title="Not a section", state="published", language="en")
        s.add(page)
        s.flush()
        with pytest.raises(MoveRefused):
            service.create(s, info, {"title": "Workshop"}, parent=page, author=None)
        assert s.scalar(select(func.count()).select_from(Content).where(Content.parent_id == page.id)) == 0


def test_restore_brings_a_revision_back_as_a_new_one(db, page_id):
    with db() as s:
        page = s.get(Page, page_id)
        service.update(s, page, {"title": "Renamed", "body": "<p>Other.</p>"})
        saved = service.restore(s, page, revision(s, page, 1), comment="Restored revision 1")
        assert saved.written and (page.title, page.body) == ("Budgets", BODY)
        assert numbers(s, page_id) == [1, 2, 3] and revision(s, page, 3).comment == "Restored revision 1"
        assert revision_diff(revision(s, page, 2).data, revision(s, page, 3).data)[0][0] == "title"


def test_delete_removes_the_item_and_may_keep_what_was_under_it(db, registry, page_id):
    with db() as s:
        page = s.get(Page, page_id)
        child = service.create(s, registry.portal.content_types["page"], {"title": "Below", "language": "en"},
                               parent=page, author=None)
        child_id = child.id
        service.delete(s, page, keep_children=True)
        s.flush()
        assert s.get(Page, page_id) is None and s.get(Page, child_id).parent_id is None


def test_revision_diff_lists_the_blocks_removed_and_added():
    old = {"title": "A", "body": "<p>One.</p><p>Two.</p>"}
    new = {"title": "A", "body": "<p>One.</p><p>Three.</p>"}
    assert revision_diff(old, new) == [("body", [("same", "<p>One.</p>"), ("removed", "<p>Two.</p>"),
                                                 ("added", "<p>Three.</p>")])]


def test_content_types_show_where_they_go_their_views_and_whether_they_merge(registry):
    found = registry.introspector.get("portal content types", "page")
    assert found["addable_to"] == "anywhere" and found["views"] == "portal.content.views.ContentViews"
    assert registry.portal.content_types["page"].merge is False


# --- a working group's page, written by its plugin through the same service ------------------------

@pytest.fixture
def group_page(db, registry, make_user):
    if "working_groups" not in registry.portal.plugins:
        pytest.skip("working groups are not enabled")
    from plugins.working_groups import services
    coord = make_user("coord@example.org")
    with db() as s:
        group = services.create_group(s, "Observatories", "<p>Indicators.</p>", "public", s.get(User, coord))
        page = services.create_page(s, group, "Charter", BODY, s.get(User, coord), comment="Created")
        return page.id, coord


def test_a_group_page_is_created_updated_merged_and_restored_by_the_service(db, group_page):
    from plugins.working_groups import services
    from plugins.working_groups.models import GroupPage
    page_id, coord = group_page
    with db() as s:
        page = s.get(GroupPage, page_id)
        assert page.revision == 1 and numbers(s, page_id) == [1]
        fields = {"title": "Charter", "parent_id": None}
        assert services.save_page(s, page, dict(fields, body=BODY.replace("March", "April")), 1, None, "").written
        merged = services.save_page(s, page, dict(fields, body=BODY.replace("public", "online")), 1,
                                    s.get(User, coord), "")
        assert merged.status == "merged" and "April" in page.body and "online" in page.body
        conflict = services.save_page(s, page, dict(fields, body=BODY.replace("March", "June")), 1, None, "")
        assert conflict.status == "conflict" and page.revision == 3 and numbers(s, page_id) == [1, 2, 3]
        assert services.restore_revision(s, page, revision(s, page, 1), None, "Restored revision 1")
        assert page.body == BODY and page.revision == 4 and numbers(s, page_id) == [1, 2, 3, 4]


def test_a_group_page_save_that_loses_the_race_is_busy_rather_than_over_the_other(db, group_page, monkeypatch):
    from plugins.working_groups import services
    from plugins.working_groups.models import GroupPage
    monkeypatch.setattr(service, "claim_revision", lambda session, item, expected: False)
    with db() as s:
        page = s.get(GroupPage, page_id := group_page[0])
        saved = services.save_page(s, page, {"title": "Mine", "parent_id": None, "body": "<p>Mine.</p>"}, 1,
                                   None, "")
        assert saved.status == "busy" and page.title == "Charter" and numbers(s, page_id) == [1]

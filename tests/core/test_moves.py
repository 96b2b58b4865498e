"""Moving content is one rule, for every content type whose form has a place (parent_id), whichever
plugin brought it: taking an item out of a container needs the right to remove from it, putting it
into another the right to add there; a published item moved where the person moving it cannot
publish goes back to review; a refused move is a form error that keeps what was typed and saves
nothing (issue 12, point 6)."""
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from portal.models import Content, LocalRole, Revision, Section, WorkflowLog, utcnow
from portal.testing import base_settings, csrf, login, text_of


def movable_types(plugins):
    """The registered types whose form lets a person choose where the item goes."""
    from portal import main
    tmp = Path(tempfile.mkdtemp())
    app = main({}, **base_settings(tmp, f"sqlite:///{tmp}/collect.sqlite", plugins=plugins))
    return sorted(name for name, info in app.registry.portal.content_types.items() if "parent_id" in info.schema())


def pytest_generate_tests(metafunc):
    if "type_name" in metafunc.fixturenames:
        metafunc.parametrize("type_name", movable_types(metafunc.config.portal_plugins))


@pytest.fixture
def places(db, make_user):
    """Sections A and B; Carla coordinates A (a reviewer there, as an antenna's coordinators),
    Colin contributes to both (he edits there but does not publish)."""
    carla = make_user("carla@example.org", name="Carla")
    colin = make_user("colin@example.org", name="Colin")
    make_user("secretariat@example.org", role="secretariat")
    with db() as s:
        a = Section(title="Section A", state="published", published=utcnow(), language="en")
        b = Section(title="Section B", state="published", published=utcnow(), language="en")
        s.add_all([a, b])
        s.flush()
        s.add_all([LocalRole(content_id=a.id, principal=f"user:{carla}", role="reviewer"),
                   LocalRole(content_id=a.id, principal=f"user:{colin}", role="contributor"),
                   LocalRole(content_id=b.id, principal=f"user:{colin}", role="contributor")])
        return {"a": a.id, "b": b.id, "carla": carla, "colin": colin}


def published_item(testapp, registry, type_name, parent_id):
    """An item of the type added through its form by the secretariat, in parent_id, published."""
    info = registry.portal.content_types[type_name]
    login(testapp, "secretariat@example.org")
    form = testapp.get(f"{info.path}/add").forms["deform"]
    form["title"] = "The item that moves"
    for name, value in info.example.items():
        if name in form.fields and not isinstance(value, (list, tuple)):
            form[name] = value
        elif isinstance(value, (list, tuple)):
            for box in form.fields.get("checkbox", []):
                box.checked = box._value in value
    form["parent_id"] = str(parent_id)
    url = form.submit("save", status=302).follow().request.path
    testapp.post(f"{url}/transition", {"transition": "publish", "csrf_token": csrf(testapp)}, status=302)
    testapp.reset()
    return url, int(url.rsplit("/", 1)[1])


def row(db, item_id):
    with db() as s:
        item = s.get(Content, item_id)
        return {"title": item.title, "parent_id": item.parent_id, "state": item.state,
                "revisions": s.scalar(select(func.count(Revision.id)).where(Revision.content_id == item_id))}


def place_error(res):
    """The error the form shows at its place field."""
    field = res.html.find(attrs={"name": "parent_id"})
    item = field.find_parent(class_="is-invalid")
    assert item is not None, "no error at the place field"
    return text_of(str(item.find(class_="invalid-feedback")))


def test_moving_needs_the_right_on_the_old_and_the_new_container(testapp, registry, db, places, type_name):
    url, item_id = published_item(testapp, registry, type_name, places["a"])
    before = row(db, item_id)
    login(testapp, "carla@example.org")
    for place in ("", str(places["b"])):  # the top level, or a section she does not coordinate
        form = testapp.get(f"{url}/edit").forms["deform"]
        form["title"] = "Typed before the refusal"
        form["parent_id"].force_value(place)
        res = form.submit("save", status=400)
        assert place_error(res)
        assert res.forms["deform"]["title"].value == "Typed before the refusal"
        assert row(db, item_id) == before
    testapp.reset()
    login(testapp, "secretariat@example.org")  # who may add and remove anywhere moves it anywhere
    for place in (places["b"], None):
        form = testapp.get(f"{url}/edit").forms["deform"]
        form["parent_id"] = str(place or "")
        form.submit("save", status=302)
        assert row(db, item_id)["parent_id"] == place and row(db, item_id)["state"] == "published"


def test_a_coordinator_cannot_take_in_what_another_place_holds(testapp, registry, db, places, type_name):
    """Removing from the old container is checked too: an item of section B shared with Carla (she
    may edit it) still cannot be taken into her section A."""
    url, item_id = published_item(testapp, registry, type_name, places["b"])
    with db() as s:
        s.add(LocalRole(content_id=item_id, principal=f"user:{places['carla']}", role="contributor"))
    before = row(db, item_id)
    login(testapp, "carla@example.org")
    form = testapp.get(f"{url}/edit").forms["deform"]
    form["parent_id"].force_value(str(places["a"]))
    res = form.submit("save", status=400)
    assert "Section B" in place_error(res)
    assert row(db, item_id) == before


def test_a_published_item_moved_where_the_mover_cannot_publish_goes_back_to_review(testapp, registry, db, places,
                                                                                  type_name):
    url, item_id = published_item(testapp, registry, type_name, places["a"])
    login(testapp, "colin@example.org")  # he edits in A and B, publishes in neither
    form = testapp.get(f"{url}/edit").forms["deform"]
    form["parent_id"] = str(places["b"])
    res = form.submit("save", status=302).follow()
    assert "it now waits for review" in text_of(res.text)
    assert row(db, item_id)["parent_id"] == places["b"] and row(db, item_id)["state"] == "pending"
    with db() as s:
        log = s.scalars(select(WorkflowLog).where(WorkflowLog.content_id == item_id)
                        .order_by(WorkflowLog.id.desc())).first()
        assert (log.transition, log.from_state, log.to_state) == ("move", "published", "pending")
    testapp.reset()
    assert testapp.get(url, status="*").status_int != 200  # no longer public until someone publishes it


def test_a_coordinator_keeps_moving_within_what_they_coordinate(testapp, registry, db, places, type_name):
    """Moving inside one's own place is no move out of it: the rule refuses nothing there."""
    url, item_id = published_item(testapp, registry, type_name, places["a"])
    login(testapp, "carla@example.org")
    form = testapp.get(f"{url}/edit").forms["deform"]
    form["title"] = "Renamed where it is"
    form.submit("save", status=302)
    assert row(db, item_id)["title"] == "Renamed where it is" and row(db, item_id)["state"] == "published"


def test_an_item_never_goes_under_itself(testapp, db, make_user):
    from portal.models import Page
    make_user("secretariat@example.org", role="secretariat")
    with db() as s:
        top = Page(title="Top", state="published", published=utcnow(), language="en")
        s.add(top)
        s.flush()
        below = Page(title="Below", state="published", published=utcnow(), language="en", parent_id=top.id)
        s.add(below)
        s.flush()
        top_id, below_id = top.id, below.id
    login(testapp, "secretariat@example.org")
    for parent in (below_id, top_id):
        res = testapp.post(f"/pages/{top_id}/edit", {"csrf_token": csrf(testapp), "title": "Top", "language": "en",
                                                    "parent_id": str(parent), "save": "1"}, status=400)
        assert "cannot be placed under itself" in place_error(res)
    with db() as s:
        assert s.get(Page, top_id).parent_id is None


def test_restoring_a_revision_does_not_move_an_item_out_of_reach(testapp, registry, db, places):
    """Restoring a revision of when the page was at the top level would move it there: refused."""
    from portal.models import Page
    with db() as s:
        page = Page(title="Old home", state="published", published=utcnow(), language="en")
        s.add(page)
        s.flush()
        page_id = page.id
    login(testapp, "secretariat@example.org")
    testapp.get(f"/pages/{page_id}/edit").forms["deform"].submit("save", status=302)  # revision 1: top level
    form = testapp.get(f"/pages/{page_id}/edit").forms["deform"]
    form["parent_id"] = str(places["a"])
    form.submit("save", status=302)  # revision 2: in A
    testapp.reset()
    login(testapp, "carla@example.org")
    res = testapp.post(f"/pages/{page_id}/restore", {"revision": "1", "csrf_token": csrf(testapp)}, status=302)
    assert "You may not place this item at the top level" in text_of(res.follow().text)
    assert row(db, page_id)["parent_id"] == places["a"]


def test_a_move_that_skips_the_forms_is_refused_at_the_flush(app, db, places):
    """The same rule runs before every flush of a person's request: code that sets parent_id without
    asking fails closed (403, nothing saved) instead of moving content."""
    from pyramid.scripting import prepare
    from portal.content.moves import MoveRefused
    from portal.models import Page, User
    with db() as s:
        page = Page(title="In A", state="published", published=utcnow(), language="en", parent_id=places["a"])
        s.add(page)
        s.flush()
        page_id = page.id
    env = prepare(registry=app.registry)
    request = env["request"]
    request.matched_route = app.registry.introspector.get("routes", "page.edit")["object"]
    try:
        with pytest.raises(MoveRefused):
            with request.tm:
                session = request.dbsession
                request.__dict__["user"] = session.scalar(select(User).where(User.email == "carla@example.org"))
                session.get(Page, page_id).parent_id = places["b"]
                session.flush()
    finally:
        env["closer"]()
    assert row(db, page_id)["parent_id"] == places["a"]

"""Action trees (portal.actions): the weighted roll-up of progress through several levels, the history of
updates with before and after, a parent's progress refused, cycles refused, deletion with the children,
translatable titles and the links to what carries an action out, resolved through registered resources."""
from dataclasses import dataclass
from datetime import date, datetime, timezone

import pytest
from pyramid.scripting import prepare
from sqlalchemy import event, func, select

from portal.actions import (ActionRefused, add_action, action_links, delete_action, history, load_plan,
                            move_action, roll_up, tree_for, update_action)
from portal.models import Action, ActionTree, ActionUpdate, User
from portal.translatable import TranslatedText, translated

try:
    from hypothesis import given, strategies as st
except ImportError:  # pragma: no cover
    given = None


@dataclass
class Row:
    id: int
    parent_id: int | None
    progress: int = 0
    weight: int = 1
    status: str = "planned"


# --- the roll-up, pure ------------------------------------------------------------------------------

def test_a_parent_is_the_weighted_mean_of_its_children_on_every_level():
    rows = [Row(1, None), Row(2, 1, progress=100, weight=3), Row(3, 1, progress=0, weight=1),
            Row(4, None), Row(5, 4), Row(6, 5, progress=50, weight=1), Row(7, 5, progress=20, weight=4),
            Row(8, 4, progress=80, weight=2)]
    progress = roll_up(rows)
    assert progress[1] == 75.0  # (100 x 3 + 0 x 1) / 4
    assert progress[5] == 26.0  # (50 + 20 x 4) / 5
    assert progress[4] == pytest.approx((26.0 * 1 + 80 * 2) / 3)
    assert progress[None] == pytest.approx((75.0 + progress[4]) / 2), "the tree: the mean of its lines"
    assert progress[2] == 100.0 and progress[7] == 20.0, "a leaf keeps its own progress"


def test_cancelled_children_do_not_count_and_a_parent_with_nothing_left_measures_nothing():
    rows = [Row(1, None), Row(2, 1, progress=100), Row(3, 1, progress=0, status="cancelled"),
            Row(4, None), Row(5, 4, progress=30, status="cancelled"), Row(6, None, progress=10, weight=0)]
    progress = roll_up(rows)
    assert progress[1] == 100.0
    assert progress[4] is None
    assert progress[None] == 100.0, "a line measuring nothing and a line weighing 0 leave the mean alone"


def test_a_cycle_or_a_missing_parent_is_not_a_tree():
    with pytest.raises(ValueError):
        roll_up([Row(1, None), Row(2, 3), Row(3, 2)])
    with pytest.raises(ValueError):
        roll_up([Row(1, 9)])


if given is not None:
    @given(st.lists(st.tuples(st.integers(0, 100), st.integers(0, 5), st.booleans(), st.integers(0, 1000)),
                    min_size=1, max_size=30))
    def test_the_roll_up_stays_between_its_children_and_matches_the_definition(spec):
        rows = []
        for number, (progress, weight, cancelled, pick) in enumerate(spec, start=1):
            parent = None if number == 1 or pick % 4 == 0 else 1 + pick % (number - 1)
            rows.append(Row(number, parent, progress, weight, "cancelled" if cancelled else "planned"))
        result = roll_up(rows)
        for row in rows:
            kids = [(result[k.id], k.weight) for k in rows if k.parent_id == row.id
                    and k.status != "cancelled" and result[k.id] is not None]
            if not any(k.parent_id == row.id for k in rows):
                assert result[row.id] == row.progress
            elif sum(w for _p, w in kids):
                expected = sum(p * w for p, w in kids) / sum(w for _p, w in kids)
                assert result[row.id] == pytest.approx(expected)
                measured = [p for p, w in kids if w]
                assert min(measured) - 1e-9 <= result[row.id] <= max(measured) + 1e-9
            else:
                assert result[row.id] is None


# --- the service ------------------------------------------------------------------------------------

@pytest.fixture
def plan_ids(db, make_user, frozen_clock):
    """Work plan 2027: Visibility (press kit weight 2, website weight 1) and Membership (one leaf)."""
    owner = make_user("owner@example.org")
    with db() as s:
        tree = tree_for(s, "workplan", 2027, title="Work plan 2027")
        visibility = add_action(s, tree, "Visibility", by=owner)
        press = add_action(s, tree, "Press kit", parent=visibility, weight=2, owner_user_id=owner,
                           starts=date(2027, 1, 10), ends=date(2027, 3, 1))
        website = add_action(s, tree, "Website", parent=visibility)
        membership = add_action(s, tree, "Membership")
        return {"tree": tree.id, "visibility": visibility.id, "press": press.id, "website": website.id,
                "membership": membership.id, "owner": owner}


def test_the_plan_is_loaded_in_one_query_and_rolled_up(db, plan_ids, registry):
    with db() as s:
        update_action(s, s.get(Action, plan_ids["press"]), progress=60)
        update_action(s, s.get(Action, plan_ids["website"]), status="done")
        s.flush()
        s.expire_all()
        tree = s.get(ActionTree, plan_ids["tree"])
        statements = []
        listen = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(s.get_bind(), "before_cursor_execute", listen)
        try:
            plan = load_plan(s, tree)
            names = [(a.title, a.owner_user.name if a.owner_user else None) for a in plan.actions.values()]
        finally:
            event.remove(s.get_bind(), "before_cursor_execute", listen)
        assert len(statements) == 1, "the actions with their owners in one query"
        assert ("Press kit", "Owner") in names
        assert [a.title for a in plan.roots] == ["Visibility", "Membership"]
        assert [a.title for a in plan.kids(plan.actions[plan_ids["visibility"]])] == ["Press kit", "Website"]
        assert plan.progress[plan_ids["website"]] == 100.0, "done without a progress: done's 100"
        assert plan.percent(plan.actions[plan_ids["visibility"]]) == round((60 * 2 + 100) / 3)
        assert plan.total == pytest.approx(((60 * 2 + 100) / 3 + 0) / 2)


def test_each_update_keeps_who_when_before_after_and_the_note(db, plan_ids, frozen_clock):
    frozen_clock.set(datetime(2027, 2, 1, 9, 30, tzinfo=timezone.utc))
    with db() as s:
        press = s.get(Action, plan_ids["press"])
        update_action(s, press, by=s.get(User, plan_ids["owner"]), progress=40, status="in_progress",
                      note="Draft sent to the printer")
        frozen_clock.set(datetime(2027, 2, 20, tzinfo=timezone.utc))
        update_action(s, press, progress=90)
        assert update_action(s, press, ends=date(2027, 3, 15)) is None, "a change of dates is no update"
    with db() as s:
        lines = history(s, s.get(Action, plan_ids["press"]))
        assert [(u.progress_before, u.progress_after, u.status_before, u.status_after) for u in lines] == [
            (40, 90, "in_progress", "in_progress"), (0, 40, "planned", "in_progress"), (None, 0, None, "planned")]
        assert lines[1].note == "Draft sent to the printer" and lines[1].user.email == "owner@example.org"
        assert lines[1].created == datetime(2027, 2, 1, 9, 30, tzinfo=timezone.utc)
        assert s.get(Action, plan_ids["press"]).ends == date(2027, 3, 15)


def test_a_parent_s_progress_is_never_set_by_hand(db, plan_ids):
    with db() as s:
        visibility = s.get(Action, plan_ids["visibility"])
        with pytest.raises(ActionRefused) as refused:
            update_action(s, visibility, progress=70)
        assert refused.value.field == "progress"
        update_action(s, visibility, status="in_progress", note="Started")
        assert visibility.status == "in_progress" and visibility.progress == 0


@pytest.mark.parametrize("values, field", [({"progress": 101}, "progress"), ({"weight": -1}, "weight"),
                                           ({"status": "postponed"}, "status"), ({"title": "  "}, "title"),
                                           ({"title": TranslatedText({"en": "", "es": "Prensa"}, "en")}, "title"),
                                           ({"starts": date(2027, 5, 1), "ends": date(2027, 4, 1)}, "ends")])
def test_values_out_of_their_range_are_refused_at_their_field(db, plan_ids, values, field):
    with db() as s:
        press = s.get(Action, plan_ids["press"])
        with pytest.raises(ActionRefused) as refused:
            update_action(s, press, **values)
        assert refused.value.field == field
        assert s.scalar(select(func.count()).select_from(ActionUpdate)
                        .where(ActionUpdate.action_id == press.id)) == 1


def test_moving_under_itself_or_a_descendant_is_refused_and_a_move_reorders(db, plan_ids):
    with db() as s:
        visibility, press = s.get(Action, plan_ids["visibility"]), s.get(Action, plan_ids["press"])
        for parent in (visibility, press):
            with pytest.raises(ActionRefused):
                move_action(s, visibility, parent)
        membership = s.get(Action, plan_ids["membership"])
        move_action(s, membership, visibility, position=0)
        plan = load_plan(s, s.get(ActionTree, plan_ids["tree"]))
        assert [a.title for a in plan.kids(visibility)] == ["Membership", "Press kit", "Website"]
        assert [a.title for a in plan.roots] == ["Visibility"]
        move_action(s, press, None)
        plan = load_plan(s, s.get(ActionTree, plan_ids["tree"]))
        assert [a.title for a in plan.roots] == ["Visibility", "Press kit"]
        assert [a.position for a in plan.kids(visibility)] == [0, 1]


@pytest.mark.filterwarnings("error")  # SQLAlchemy warns of a row the database's cascade deleted first
def test_deleting_an_action_deletes_its_children_and_their_history(db, plan_ids):
    with db() as s:
        tree, press = s.get(ActionTree, plan_ids["tree"]), s.get(Action, plan_ids["press"])
        deeper = add_action(s, tree, "Photos", parent=press)
        add_action(s, tree, "Captions", parent=deeper)
        add_action(s, tree, "Print", parent=press)
    with db() as s:
        assert delete_action(s, s.get(Action, plan_ids["visibility"])) == 6
    with db() as s:
        assert list(s.scalars(select(Action.title))) == ["Membership"]
        assert s.scalar(select(func.count()).select_from(ActionUpdate)) == 1


def test_titles_and_descriptions_are_translatable(db, plan_ids, registry):
    with db() as s:
        tree = s.get(ActionTree, plan_ids["tree"])
        add_action(s, tree, TranslatedText({"en": "Workshops", "es": "Talleres", "fr": "", "pt": ""}, "en"),
                   description=TranslatedText({"en": "Two a year", "fr": "Deux par an"}, "en"))
    with db() as s:
        action = s.scalars(select(Action).where(Action.title == "Workshops")).one()
        env = prepare(registry=registry)
        try:
            assert translated(env["request"], action, "title", "es") == "Talleres"
            assert translated(env["request"], action, "description", "fr") == "Deux par an"
            fallback = translated(env["request"], action, "title", "pt")
            assert fallback == "Workshops" and fallback.missing == "pt"
        finally:
            env["closer"]()


def test_the_tree_of_an_owner_is_written_with_its_first_action_and_made_once(db):
    with db() as s:
        empty = tree_for(s, "network", 5, title="Network 5")
        assert empty.id is None and load_plan(s, empty).roots == [] and load_plan(s, empty).total is None
        s.flush()
        assert s.scalars(select(ActionTree)).all() == [], "asking for a plan writes nothing"
        add_action(s, empty, "Meet")
        assert tree_for(s, "network", 5).id == empty.id and tree_for(s, "network", 6).id is None
    with db() as s:
        assert [(t.owner_kind, t.owner_id, t.title) for t in s.scalars(select(ActionTree))] == [
            ("network", 5, "Network 5")]


# --- links to what carries an action out --------------------------------------------------------------

def test_links_resolve_through_registered_resources(db, plan_ids, registry, monkeypatch):
    from sample_plugin.models import Workshop
    with db() as s:
        public = Workshop(title="Citizen juries", city="Dakar", starts=date(2027, 3, 1), language="en",
                          state="published")
        draft = Workshop(title="Secret draft", city="Lyon", starts=date(2027, 4, 1), language="en")
        s.add_all([public, draft])
        s.flush()
        tree = s.get(ActionTree, plan_ids["tree"])
        linked = add_action(s, tree, "Run the jury", resource=("workshop", public.id))
        hidden = add_action(s, tree, "Prepare", resource=("workshop", draft.id))
        gone = add_action(s, tree, "Old one", resource=("workshop", draft.id + 1000))
        off = add_action(s, tree, "Elsewhere", resource=("no_such_kind", 3))
        ids = {"linked": linked.id, "hidden": hidden.id, "gone": gone.id, "off": off.id, "public": public.id}
    env = prepare(registry=registry)
    try:
        request = env["request"]
        with db() as s:
            plan = load_plan(s, s.get(ActionTree, plan_ids["tree"]))
            links = action_links(request, plan.actions.values(), dbsession=s)
            assert (links[ids["linked"]].title, links[ids["linked"]].url) == (
                "Citizen juries", request.route_url("workshop.view", id=ids["public"]))
            assert links[ids["hidden"]].url is None and "Secret" not in links[ids["hidden"]].title
            assert not links[ids["gone"]].found and links[ids["gone"]].url is None
            assert not links[ids["off"]].found
            assert plan_ids["press"] not in links, "an action with no link has none"
            monkeypatch.setitem(registry.portal.resource_links, "workshop",
                                (lambda request, obj: f"{obj.title} in {obj.city}",
                                 lambda request, obj: f"https://portal.test/w/{obj.id}"))
            link = action_links(request, [plan.actions[ids["linked"]]], dbsession=s)[ids["linked"]]
            assert (link.title, link.url) == ("Citizen juries in Dakar", f"https://portal.test/w/{ids['public']}")
    finally:
        env["closer"]()

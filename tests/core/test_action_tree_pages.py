"""The action tree's pages as a plugin mounts them (portal.actionviews), on a test-only mount: the add and
edit form under the mount's own permission, its refusals that keep what was typed, the plan with its
accessible progress bars, owners, dates and links, the history of an action and the delete page."""
from datetime import date

import pytest
from pyramid.renderers import render_to_response
from sqlalchemy import select

from portal.api import (Action, ActionDeleteView, ActionFormView, ActionTree, Member, add_action, load_plan, page,
                        plan_values, tree_for, update_action)  # what a plugin mounting the pages imports
from portal.testing import app_with_view, login, text_of


class Pages:
    def get_tree(self):
        return tree_for(self.request.dbsession, "test", 1, title="Test plan")

    def plan_url(self):
        return self.request.route_url("plan_page")


class PlanForm(Pages, ActionFormView):
    pass


class PlanDelete(Pages, ActionDeleteView):
    pass


def plan_page(request):
    tree = tree_for(request.dbsession, "test", 1, title="Test plan")
    values = plan_values(request, tree, edit_route="plan_edit", add_route="plan_add", delete_route="plan_delete",
                         history_of=request.GET.get("history"))
    return render_to_response("portal:templates/action_plan.pt", page(request, "Test plan", (), **values),
                              request=request)


def mount(config):
    for name, path, view in (("plan_add", "/plan/add", PlanForm), ("plan_edit", "/plan/{action}/edit", PlanForm),
                             ("plan_delete", "/plan/{action}/delete", PlanDelete)):
        config.add_route(name, path)
        config.add_view(view, route_name=name, permission="manage")


@pytest.fixture
def site(settings):
    return app_with_view(settings, "/plan", plan_page, configure=mount)


@pytest.fixture
def secretariat(site, make_user):
    make_user("sec@example.org", role="secretariat", name="Sam Secretariat")
    login(site, "sec@example.org")
    return site


@pytest.fixture
def member_id(db):
    with db() as s:
        member = Member(name="City of Porto Alegre", kind="city", country="BR", region="south-america")
        s.add(member)
        s.flush()
        return member.id


def fill(form, **values):
    for name, value in values.items():
        form[name] = value
    return form


def test_the_secretariat_builds_a_plan_and_reads_it_with_progress_bars(secretariat, db, member_id):
    from sample_plugin.models import Workshop
    with db() as s:
        workshop = Workshop(title="Citizen juries", city="Dakar", starts=date(2027, 3, 1), language="en",
                            state="published")
        s.add(workshop)
        s.flush()
        workshop_id = workshop.id
    form = secretariat.get("/plan/add").forms["deform"]
    fill(form, title="Visibility", **{"title-es": "Visibilidad"}).submit("save", status=302)
    with db() as s:
        line = s.scalars(select(Action).where(Action.title == "Visibility")).one()
        line_id = line.id
    form = secretariat.get(f"/plan/add?parent={line_id}").forms["deform"]
    fill(form, title="Press kit", owner_email="sec@example.org", owner_member=str(member_id), starts="2027-01-10",
         ends="2027-03-01", status="in_progress", progress="40", weight="3", resource_kind="workshop",
         resource_id=str(workshop_id), note="Started in January").submit("save", status=302)
    form = secretariat.get(f"/plan/add?parent={line_id}").forms["deform"]
    fill(form, title="Website", status="done").submit("save", status=302)

    res = secretariat.get("/plan")
    parent_bar = res.html.select_one(f"#action-{line_id} > .action-progress progress")
    assert parent_bar["value"] == str(round((40 * 3 + 100) / 4)), "the parent: the weighted mean of its actions"
    label_ids = parent_bar["aria-labelledby"].split()
    assert res.html.find(id=label_ids[0]).get_text() == "Progress"
    assert res.html.find(id=label_ids[1]).get_text() == "Visibility"
    press = res.html.select_one(f"#action-{line_id} ul.action-tree > li")
    text = text_of(str(press))
    assert "Press kit" in text and "In progress" in text and "40%" in text
    assert "Sam Secretariat, City of Porto Alegre" in text
    assert press.find("time")["datetime"] == "2027-01-10"
    link = press.select_one(".action-facts a")
    assert link.get_text() == "Citizen juries" and link["href"].endswith(f"/workshops/{workshop_id}")
    assert res.html.select_one(".action-plan-total progress")["value"] == str(round((40 * 3 + 100) / 4))

    with db() as s:
        press_id = s.scalars(select(Action.id).where(Action.title == "Press kit")).one()
    history = secretariat.get(f"/plan?history={press_id}")
    rows = [text_of(str(tr)) for tr in history.html.select(".action-history tbody tr")]
    assert len(rows) == 1 and "Started in January" in rows[0] and "In progress" in rows[0]
    assert "Sam Secretariat" in rows[0]


def test_a_parent_s_form_has_no_progress_and_edits_keep_a_history(secretariat, db):
    with db() as s:
        tree = tree_for(s, "test", 1, title="Test plan")
        line = add_action(s, tree, "Membership")
        leaf = add_action(s, tree, "Welcome pack", parent=line)
        line_id, leaf_id = line.id, leaf.id
    form = secretariat.get(f"/plan/{line_id}/edit").forms["deform"]
    assert "progress" not in form.fields and form["title"].value == "Membership"
    form = secretariat.get(f"/plan/{leaf_id}/edit").forms["deform"]
    fill(form, progress="70", note="Printed").submit("save", status=302)
    with db() as s:
        plan = load_plan(s, s.get(ActionTree, s.get(Action, line_id).tree_id))
        assert plan.percent(plan.actions[line_id]) == 70
    rows = secretariat.get(f"/plan?history={leaf_id}").html.select(".action-history tbody tr")
    assert "0% → 70%" in text_of(str(rows[0])) and "Printed" in text_of(str(rows[0]))
    assert "Planned → Planned" not in text_of(str(rows[0])), "a status that stayed is written once"
    form = secretariat.get(f"/plan/{leaf_id}/edit").forms["deform"]
    assert form["progress"].value == "70"
    fill(form, status="done").submit("save", status=302)
    with db() as s:
        assert s.get(Action, leaf_id).progress == 100, "marked done with its progress untouched: done's 100"


@pytest.mark.parametrize("values, field, message", [
    ({"progress": "150"}, "progress", "100"),
    ({"starts": "2027-05-01", "ends": "2027-04-01"}, "ends", "cannot end before it starts"),
    ({"owner_email": "nobody@example.org"}, "owner_email", "Nobody has an account"),
    ({"resource_kind": "workshop", "resource_id": "999999"}, "resource_id", "no workshop with this number"),
])
def test_bad_input_comes_back_with_the_error_at_its_field_and_nothing_lost(secretariat, db, values, field, message):
    form = secretariat.get("/plan/add").forms["deform"]
    res = fill(form, title="Awards", **{"title-fr": "Prix"}, note="My long note", **values).submit("save", status=400)
    again = res.forms["deform"]
    assert again["title"].value == "Awards" and again["title-fr"].value == "Prix"
    assert again["note"].value == "My long note"
    described = res.html.find(attrs={"name": field}).get("aria-describedby", "").split()
    errors = [res.html.find(id=i).get_text() for i in described if i.startswith("error-")]
    assert errors and message in errors[0]
    with db() as s:
        assert s.scalars(select(Action)).all() == []


def test_showing_a_plan_or_its_form_writes_nothing(secretariat, db):
    assert "No action yet." in secretariat.get("/plan").text
    secretariat.get("/plan/add")
    with db() as s:
        assert s.scalars(select(ActionTree)).all() == []


def test_the_form_and_the_delete_page_need_the_mount_s_permission(site, db, make_user):
    with db() as s:
        action = add_action(s, tree_for(s, "test", 1), "Secret")
        action_id = action.id
    for url in ("/plan/add", f"/plan/{action_id}/edit", f"/plan/{action_id}/delete"):
        assert site.get(url, expect_errors=True).status_int in (302, 403)
    make_user("member@example.org", role="member")
    login(site, "member@example.org")
    assert site.get("/plan/add", expect_errors=True).status_int == 403
    assert "Secret" in site.get("/plan").text, "the plan page is the mount's own (public here)"


def test_an_action_of_another_tree_is_not_found(secretariat, db):
    with db() as s:
        other = add_action(s, tree_for(s, "test", 2), "Elsewhere")
        other_id = other.id
    assert secretariat.get(f"/plan/{other_id}/edit", status=404)
    assert secretariat.get(f"/plan/add?parent={other_id}", status=404)


def test_deleting_says_how_many_go_with_it(secretariat, db):
    with db() as s:
        tree = tree_for(s, "test", 1)
        line = add_action(s, tree, "Functioning")
        for title in ("Board", "Budget"):
            add_action(s, tree, title, parent=line)
        update_action(s, line, status="in_progress", note="Going")
        line_id = line.id
    confirm = secretariat.get(f"/plan/{line_id}/delete")
    assert "Functioning" in confirm.text and "The 2 actions under it are deleted with it." in text_of(confirm.text)
    form = next(f for f in confirm.forms.values() if "confirm" in f.fields)
    form.submit("confirm", status=302)
    with db() as s:
        assert s.scalars(select(Action)).all() == []

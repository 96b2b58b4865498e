"""Collaborative networks: the secretariat creates one with its pilot city; a member city asks to join and
is in once the pilot city and the secretariat accepted; the action plan on the core's action trees rolls
progress up from the actions, with its history of updates."""
from sqlalchemy import select

from portal.api import Action, ActionTree, load_plan
from portal.testing import login, text_of


def new_network(app, cities, **extra):
    form = app.get("/networks/add").forms["deform"]
    form["title"] = "Network on participatory budgeting"
    form["member_id"] = str(cities["Dakar"])
    for name, value in extra.items():
        form[name] = value
    res = form.submit("save", status=302)
    return int(res.location.rstrip("/").split("/")[-1])


def test_the_secretariat_creates_a_network_and_a_city_joins_once_both_accept(testapp, cities, db):
    login(testapp, "sec@example.org")
    network_id = new_network(testapp, cities, stage="network")
    page = testapp.get(f"/networks/{network_id}")
    assert "Dakar" in text_of(page.html.select_one(".network-facts").decode())
    assert "2. Collaborative network constituted" in page.text
    testapp.get("/logout")

    login(testapp, "grenoble@example.org")
    form = testapp.get(f"/networks/{network_id}/join").forms["deform"]
    form["motivation"] = "We run a youth budget."
    form.submit("join", status=302)
    form = testapp.get(f"/networks/{network_id}/join").forms["deform"]
    form.submit("join", status=302)  # asking twice: one request
    assert "Asked to join" in testapp.get(f"/networks/{network_id}").text
    testapp.get("/logout")

    from plugins.workshops.models import NetworkCity
    with db() as s:
        rows = s.scalars(select(NetworkCity).where(NetworkCity.network_id == network_id)).all()
        assert len(rows) == 1
        city_id = rows[0].id

    login(testapp, "maputo@example.org")  # another member city may not accept
    testapp.get(f"/networks/{network_id}/cities/{city_id}/accept", status=403)
    testapp.get("/logout")

    login(testapp, "dakar@example.org")  # the pilot city's representative
    testapp.get(f"/networks/{network_id}/cities/{city_id}/accept").forms["confirm-form"].submit("confirm", status=302)
    with db() as s:
        assert s.get(NetworkCity, city_id).state == "asked", "the secretariat has not accepted yet"
    testapp.get("/logout")

    login(testapp, "sec@example.org")
    testapp.get(f"/networks/{network_id}/cities/{city_id}/accept").forms["confirm-form"].submit("confirm", status=302)
    with db() as s:
        assert s.get(NetworkCity, city_id).state == "accepted"
    testapp.get("/logout")
    cities_text = text_of(testapp.get(f"/networks/{network_id}").html.select_one(".network-cities").decode())
    assert "Grenoble" in cities_text and "Member of the network" in cities_text


def test_a_city_may_not_run_another_city_s_network(testapp, cities):
    login(testapp, "sec@example.org")
    network_id = new_network(testapp, cities)
    testapp.get("/logout")
    login(testapp, "grenoble@example.org")
    testapp.get(f"/networks/{network_id}/edit", status=403)
    testapp.get(f"/networks/{network_id}/plan/add", status=403)
    testapp.get("/networks/add", status=403)


def test_the_pilot_city_builds_the_action_plan_and_the_parent_rolls_up(testapp, cities, db):
    login(testapp, "sec@example.org")
    network_id = new_network(testapp, cities)
    testapp.get("/logout")
    login(testapp, "dakar@example.org")
    form = testapp.get(f"/networks/{network_id}/plan/add").forms["deform"]
    form["title"] = "Confirm the constitution of the network"
    form.submit("save", status=302)
    with db() as s:
        tree = s.scalars(select(ActionTree).where(ActionTree.owner_kind == "network",
                                                  ActionTree.owner_id == network_id)).one()
        parent_id = s.scalars(select(Action.id).where(Action.tree_id == tree.id)).one()
    for title, progress, weight in (("Constitution form", "50", "3"), ("Working rules", "100", "1")):
        form = testapp.get(f"/networks/{network_id}/plan/add?parent={parent_id}").forms["deform"]
        form["title"], form["progress"], form["weight"] = title, progress, weight
        form["status"] = "in_progress"
        form["note"] = f"{title} started"
        form.submit("save", status=302)
    page = testapp.get(f"/networks/{network_id}")
    bar = page.html.select_one(f"#action-{parent_id} > .action-progress progress")
    assert bar["value"] == str(round((50 * 3 + 100) / 4))
    with db() as s:
        tree = s.scalars(select(ActionTree).where(ActionTree.owner_kind == "network")).one()
        plan = load_plan(s, tree)
        assert plan.percent() == round((50 * 3 + 100) / 4)
        leaf_id = s.scalars(select(Action.id).where(Action.title == "Constitution form")).one()
    history = testapp.get(f"/networks/{network_id}?history={leaf_id}")
    rows = [text_of(str(tr)) for tr in history.html.select(".action-history tbody tr")]
    assert len(rows) == 1 and "Constitution form started" in rows[0] and "Rep Dakar" in rows[0]

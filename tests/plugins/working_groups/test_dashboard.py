"""The working groups on "My space" (/my): a person's groups and requests to join; a coordinator finds the
requests to decide under "Waiting for you"; a visitor who is not logged in is asked to log in to join."""
from plugins.working_groups.models import JoinRequest
from portal.testing import client, text_of


def panel(browser):
    return browser.get("/my").html.select_one("#my-working-groups")


def test_my_groups_and_my_requests_are_on_my_space(world, db):
    coordinator = world.person("coord@example.org")
    member = world.person("member@example.org")
    asker = world.person("asker@example.org")
    group = world.group("Participatory budgets", coordinator, members=[member])
    other = world.group("Youth councils", coordinator)
    with db() as s:
        s.add(JoinRequest(group_id=other, user_id=asker, message="Please"))

    mine = panel(world.browser("member@example.org"))
    item = mine.select_one(f'a[href="/groups/{group}"]').parent
    assert "Participatory budgets" in text_of(str(item)) and "Member" in text_of(str(item))
    assert "Youth councils" not in text_of(str(mine))

    coordinated = text_of(str(panel(world.browser("coord@example.org"))))
    assert "Participatory budgets Coordinator" in coordinated

    asked = panel(world.browser("asker@example.org"))
    assert "Youth councils Request to join waiting" in text_of(str(asked))
    assert "Participatory budgets" not in text_of(str(asked))


def test_someone_in_no_group_is_shown_where_to_find_one(world):
    world.person("new@example.org")
    empty = panel(world.browser("new@example.org"))
    assert "You are in no working group yet." in text_of(str(empty))
    assert empty.select_one('.my-action a[href="/groups"]') is not None


def test_the_coordinator_finds_the_requests_to_join_waiting_and_others_do_not(world, db):
    coordinator = world.person("coord@example.org")
    member = world.person("member@example.org")
    asker = world.person("asker@example.org")
    group = world.group("Participatory budgets", coordinator, members=[member])
    with db() as s:
        s.add(JoinRequest(group_id=group, user_id=asker, message="Please"))
    waiting = world.browser("coord@example.org").get("/my").html.select_one(".my-waiting")
    assert waiting.select_one(f'a[href="/groups/{group}/members"]').text == "Participatory budgets"
    assert "Participatory budgets: Requests to join: 1" in text_of(str(waiting)).replace(" :", ":")
    assert world.browser("member@example.org").get("/my").html.select_one(".my-waiting") is None


def test_a_visitor_who_is_not_logged_in_is_asked_to_log_in_to_join(world):
    coordinator = world.person("coord@example.org")
    group = world.group("Participatory budgets", coordinator)
    res = client(world.app).get(f"/groups/{group}")
    link = res.html.find("a", string="Log in to ask to join")
    assert link["href"] == f"/login?came_from=%2Fgroups%2F{group}%2Fjoin"
    assert res.html.find("a", string="Ask to join") is None
    world.person("reader@example.org")
    reader = world.browser("reader@example.org").get(f"/groups/{group}")
    assert reader.html.find("a", string="Ask to join") is not None

"""An antenna is followable: its page has the core's Follow button for people logged in, the account
page lists it, and visitors (whose pages may be cached) see no button."""
import re

from portal.testing import client, csrf, login


def test_a_member_follows_and_unfollows_an_antenna(app, testapp, make_user):
    make_user("admin@example.org", role="secretariat")
    login(testapp, "admin@example.org")
    form = testapp.get("/antennas/add").forms["deform"]
    form["name"], form["region"], form["seat_country"], form["status"] = "Africa antenna", "africa", "SN", "active"
    antenna_id = int(re.search(r"/antennas/(\d+)$", form.submit("save", status=302).follow().request.path).group(1))
    assert client(app, address="192.0.2.50").get(f"/antennas/{antenna_id}").html.select_one(".follow-form") is None
    make_user("awa@example.org", role="member", name="Awa")
    awa = client(app, address="192.0.2.51")
    login(awa, "awa@example.org")
    page = awa.get(f"/antennas/{antenna_id}")
    follow = page.forms[[k for k, f in page.forms.items() if f.action.endswith("/follow")][0]]
    assert follow["target_type"].value == "antenna"
    page = follow.submit().follow()
    assert page.request.path == f"/antennas/{antenna_id}" and "Unfollow" in page.html.select_one(".follow-form").text
    assert "Africa antenna" in awa.get("/account").html.select_one(".follows").text
    awa.post("/follow", {"target_type": "antenna", "target_id": str(antenna_id), "follow": "0",
                         "csrf_token": csrf(awa)}, status=302)
    assert awa.get("/account").html.select_one(".follows") is None

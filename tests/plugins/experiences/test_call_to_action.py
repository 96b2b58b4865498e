"""The experiences listing tells a visitor who is not logged in how to share an experience, and shows a
member representative the button itself."""
from portal.testing import client, text_of


def test_an_anonymous_visitor_is_told_to_log_in_to_share_an_experience(app):
    res = client(app).get("/experiences")
    link = res.html.select_one(".call-to-action a")
    assert link.text == "Member representatives: log in to share an experience."
    assert link["href"] == "/login?came_from=%2Fexperiences%2Fadd"
    assert res.html.find("a", string="Share an experience") is None


def test_a_member_representative_sees_the_button_not_the_call_to_action(testapp, as_user):
    as_user(role="member")
    res = testapp.get("/experiences")
    assert res.html.select_one(".call-to-action") is None
    assert res.html.find("a", string="Share an experience")["href"] == "/experiences/add"
    assert "log in to share" not in text_of(res.text)

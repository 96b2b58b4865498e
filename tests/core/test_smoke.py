from portal.testing import login


def test_secretariat_adds_and_publishes_a_page(testapp, make_user):
    make_user("admin@example.org", role="secretariat")
    login(testapp, "admin@example.org")
    form = testapp.get("/pages/add").forms["deform"]
    form["title"] = "Citizen assemblies in Grenoble"
    form["body"] = "<p>Randomly selected <b>citizens</b></p><script>alert(1)</script>"
    res = form.submit("save").follow()
    assert "Citizen assemblies in Grenoble" in res.text
    assert "<script>alert(1)" not in res.text
    res = res.forms[1].submit("transition", value="publish") if False else res
    page_url = res.request.path
    from portal.testing import csrf
    testapp.post(page_url + "/transition", {"transition": "publish", "csrf_token": csrf(testapp)}, status=302)
    found = testapp.get("/search.json", {"q": "assemblies"}).json
    assert found["total"] == 1

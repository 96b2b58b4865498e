"""Security defaults: every view has a permission or sits on the public list, CSRF on every unsafe
request, security headers on every response, no redirect to another host after login."""
import re

import pytest

from portal.testing import csrf, login

# Views that legitimately carry no permission: error pages and the static files.
PUBLIC_VIEWS = {
    ("exception", "default_exceptionresponse_view"),
    ("exception", "not_found"),
    ("exception", "forbidden"),
    ("exception", "bad_request"),
    ("exception", "too_large"),
    ("route", "__static/"),
}


def views_without_permission(registry):
    found = []
    for entry in registry.introspector.get_category("views"):
        view = entry["introspectable"]
        permissions = [r["value"] for r in entry["related"] if r.category_name == "permissions"]
        if permissions and all(p is not None for p in permissions):
            continue
        name = getattr(view["callable"], "__name__", repr(view["callable"]))
        if view["exception_only"] or isinstance(view["context"], type) and issubclass(view["context"], Exception) \
                or view["context"] is not None and "Exception" in getattr(view["context"], "__name__", ""):
            found.append(("exception", name))
        elif view["route_name"] and view["route_name"].startswith("__"):
            found.append(("route", view["route_name"]))
        else:
            found.append((view["route_name"], name, view["attr"]))
    return found


def test_every_view_has_a_permission_or_is_listed_public(registry):
    offenders = [v for v in views_without_permission(registry) if v not in PUBLIC_VIEWS]
    assert offenders == []


def test_the_walk_would_catch_a_view_without_permission(settings):
    from pyramid.config import Configurator
    from portal import main
    app = main({}, **settings)

    def sneaky(request):
        return {}
    config = Configurator(registry=app.registry)
    config.add_route("sneaky", "/sneaky")
    config.add_view(sneaky, route_name="sneaky", renderer="json")
    config.commit()
    assert ("sneaky", "sneaky", None) in views_without_permission(app.registry)


UNSAFE_POSTS = ["/login", "/logout", "/join", "/password/forgot", "/pages/add", "/account", "/manage/users/add"]


@pytest.mark.parametrize("path", UNSAFE_POSTS)
def test_posts_without_csrf_token_are_refused(testapp, make_user, path):
    make_user("admin@example.org", role="secretariat")
    login(testapp, "admin@example.org")
    res = testapp.post(path, {"save": "1", "login": "1", "email": "x@example.org"}, status=400)
    assert "The form expired" in res.text
    testapp.post(path, {"csrf_token": "forged", "save": "1"}, status=400)


def test_security_headers_on_every_response(testapp):
    for path, status in [("/", 200), ("/login", 200), ("/no-such-page", 404), ("/search.json", 200),
                         ("/static/css/portal.css", 200), ("/search?sort=bogus", 400)]:
        res = testapp.get(path, status=status)
        csp = res.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert res.headers["X-Content-Type-Options"] == "nosniff"
        assert res.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_pages_have_no_inline_script_and_no_other_host(testapp):
    html = testapp.get("/").text + testapp.get("/login").text
    for tag in re.findall(r"<script[^>]*>", html):  # the core's files, or a plugin's (add_static)
        assert re.search(r'src="/(static|[a-z_]+-static)/', tag), tag
    assert not re.search(r"""(src|href)=["'](https?:)?//""", html.replace('href="http://portal.test', ''))


@pytest.mark.parametrize("came_from", ["//evil.example/", "https://evil.example/", "/\\evil.example",
                                       "http:evil.example", "javascript:alert(1)"])
def test_login_never_redirects_to_another_host(testapp, make_user, came_from):
    make_user("someone@example.org")
    page = testapp.get("/login", {"came_from": came_from})
    form = page.forms["deform"]
    form["email"], form["password"] = "someone@example.org", "a-good-password"
    res = form.submit("login", status=302)
    assert res.location.startswith("http://portal.test/")


def test_login_returns_to_the_page_asked_for(testapp, make_user):
    make_user("admin@example.org", role="secretariat")
    res = testapp.get("/manage/users", status=302)
    assert "/login?came_from=%2Fmanage%2Fusers" in res.location
    form = res.follow().forms["deform"]
    form["email"], form["password"] = "admin@example.org", "a-good-password"
    assert form.submit("login").location == "http://portal.test/manage/users"


def test_private_content_is_hidden_from_other_members(testapp, make_user, db):
    from portal.models import News
    owner = make_user("owner@example.org", role="member")
    make_user("other@example.org", role="member")
    with db() as s:
        item = News(title="Owner's draft", language="en", state="draft", creator_id=owner)
        s.add(item)
        s.flush()
        item_id = item.id
    login(testapp, "other@example.org")
    testapp.get(f"/news/{item_id}", status=403)
    testapp.get(f"/news/{item_id}/edit", status=403)
    testapp.post(f"/news/{item_id}/transition", {"transition": "publish", "csrf_token": csrf(testapp)}, status=403)


def test_a_forged_host_cannot_redirect_reset_links(settings, db_engine, make_user, registry, maildir):
    """With portal.url set, mail links use it whatever Host the client sent."""
    import webtest
    from portal import main
    make_user("ana@example.org")
    app = main({}, **dict(settings, **{"portal.url": "https://portal.example.org"}))
    evil = webtest.TestApp(app, extra_environ={"HTTP_HOST": "evil.example", "REMOTE_ADDR": "192.0.2.66"})
    page = evil.get("/password/forgot")
    assert 'href="https://portal.example.org/' in page.text or 'href="/' in page.text
    token = page.forms["deform"]["csrf_token"].value
    evil.post("/password/forgot", {"csrf_token": token, "email": "ana@example.org", "send": "1"},
              headers={"Referer": "https://portal.example.org/password/forgot", "Cookie": f"csrf_token={token}"},
              status=302)
    maildir.deliver(app.registry)
    body = maildir.messages()[-1].get_payload(decode=True).decode()
    assert "https://portal.example.org/password/reset/" in body and "evil.example" not in body


def test_cached_pages_are_kept_per_host(app, db):
    from portal.testing import client
    from portal.models import News, utcnow
    with db() as s:
        s.add(News(title="Host test", language="en", state="published", published=utcnow()))
    evil = client(app, HTTP_HOST="evil.example")
    assert "http://evil.example/" in evil.get("/news/feed.atom").text
    honest = client(app)
    feed = honest.get("/news/feed.atom")
    assert "X-Portal-Cache" not in feed.headers and "evil.example" not in feed.text

"""The contract every registered content type keeps, whichever plugin brought it: added through its
form, viewed, edited, published, found by search once published, invisible to anonymous visitors
(page and search) while private, deleted and gone from search."""
import tempfile
from pathlib import Path

import pytest

from portal.testing import base_settings, csrf, login


def registered_types(plugins):
    from portal import main
    tmp = Path(tempfile.mkdtemp())
    app = main({}, **base_settings(tmp, f"sqlite:///{tmp}/collect.sqlite", plugins=plugins))
    return sorted(app.registry.portal.content_types)


def pytest_generate_tests(metafunc):
    if "type_name" in metafunc.fixturenames:
        metafunc.parametrize("type_name", registered_types(metafunc.config.portal_plugins))


@pytest.fixture(params=["whoosh", "postgresql"])
def search_backend(request):
    return request.param


def fill(form, info, title):
    form["title"] = title
    form["body"] = f"<p>{title}: the body of the item.</p>"
    for name, value in info.example.items():
        if isinstance(value, (list, tuple)):  # deform names every box of a checkbox group "checkbox"
            for box in form.fields.get("checkbox", []):
                if box._value in value:
                    box.checked = True
        else:
            form[name] = value


def search_keys(testapp, words):
    return {hit["key"] for hit in testapp.get("/search.json", {"q": words}).json["results"]}


def test_content_type_contract(testapp, registry, make_user, type_name):
    info = registry.portal.content_types[type_name]
    make_user("secretariat@example.org", role="secretariat")
    login(testapp, "secretariat@example.org")

    # add through its form
    form = testapp.get(f"{info.path}/add").forms["deform"]
    fill(form, info, "Zanzibarian contract item")
    res = form.submit("save", status=302).follow()
    item_url = res.request.path
    assert "Zanzibarian contract item" in res.text
    key = f"{registry.portal.index_for(info.factory(id=0)).name}:{item_url.rsplit('/', 1)[-1]}"

    # private: invisible to anonymous visitors, on its page and in search
    anonymous = type(testapp)(testapp.app, extra_environ=testapp.extra_environ)
    anonymous.get(item_url, status=302)  # asked to log in
    assert key not in search_keys(anonymous, "Zanzibarian")
    assert key not in search_keys(testapp, "Zanzibarian")  # not indexed before publication

    # edit
    form = testapp.get(f"{item_url}/edit").forms["deform"]
    form["title"] = "Zanzibarian contract item, edited"
    res = form.submit("save", status=302).follow()
    assert "Zanzibarian contract item, edited" in res.text

    # publish: public page, found by search
    testapp.post(f"{item_url}/transition", {"transition": "publish", "csrf_token": csrf(testapp)}, status=302)
    assert "Zanzibarian contract item, edited" in anonymous.get(item_url).text
    assert key in search_keys(anonymous, "Zanzibarian")

    # back to draft: private again, and out of search
    testapp.post(f"{item_url}/transition", {"transition": "retract", "csrf_token": csrf(testapp)}, status=302)
    anonymous.get(item_url, status=302)
    assert key not in search_keys(anonymous, "Zanzibarian")

    # publish again, then delete: gone, and gone from search
    testapp.post(f"{item_url}/transition", {"transition": "publish", "csrf_token": csrf(testapp)}, status=302)
    assert key in search_keys(anonymous, "Zanzibarian")
    testapp.get(f"{item_url}/delete").forms["delete-form"].submit("delete", status=302)
    testapp.get(item_url, status=404)
    assert key not in search_keys(testapp, "Zanzibarian")

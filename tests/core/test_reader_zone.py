"""Times in the reader's zone: the account's zone, else the browser's (a cookie the portal's script
writes), else the site's; history and activity show dates as the reader writes them, never raw ISO;
anonymous pages are kept apart per zone."""
from datetime import datetime, timezone

import pytest

from portal.models import News, Revision, User, WorkflowLog
from portal.testing import form_with, text_of


@pytest.fixture
def news_item(db):
    with db() as s:
        item = News(title="Late news", state="published", language="en",
                    published=datetime(2026, 12, 1, 23, 30, tzinfo=timezone.utc))
        s.add(item)
        s.flush()
        s.add(Revision(content_id=item.id, number=1, data={"title": "Late news"}, comment="Created",
                       created=datetime(2026, 12, 1, 22, 47, tzinfo=timezone.utc)))
        s.add(WorkflowLog(content_id=item.id, transition="publish", from_state="draft", to_state="published",
                          at=datetime(2026, 12, 1, 23, 30, tzinfo=timezone.utc)))
        return item.id


def test_history_is_written_in_the_readers_zone_and_language(testapp, as_user, news_item):
    as_user("editor")
    page = testapp.get(f"/news/{news_item}/history")
    text = text_of(page.text)
    assert "2026-12-01 22:47" not in text
    assert "Dec 1, 2026, 10:47 PM" in text  # no zone known: UTC
    testapp.set_cookie("portal_tz", "Asia/Tokyo")  # the browser's zone
    text = text_of(testapp.get(f"/news/{news_item}/history").text)
    assert "Dec 2, 2026, 7:47 AM" in text and "Dec 2, 2026, 8:30 AM" in text
    text = text_of(testapp.get(f"/news/{news_item}/history?_LOCALE_=fr").text)
    assert "2 déc. 2026, 07:47" in text


def test_the_accounts_zone_wins_over_the_browsers(testapp, as_user, db, news_item):
    user_id = as_user("editor")
    testapp.set_cookie("portal_tz", "Asia/Tokyo")
    form = form_with(testapp, "/account", timezone="America/Sao_Paulo")
    form.submit("save", status=302)
    with db() as s:
        assert s.get(User, user_id).timezone == "America/Sao_Paulo"
    assert "Dec 1, 2026, 7:47 PM" in text_of(testapp.get(f"/news/{news_item}/history").text)
    form = form_with(testapp, "/account", timezone="")  # back to the browser's
    form.submit("save", status=302)
    assert "Dec 2, 2026, 7:47 AM" in text_of(testapp.get(f"/news/{news_item}/history").text)
    form = testapp.get("/account").forms["deform"]
    form["timezone"].force_value("Mars/Olympus")  # not a choice of the list: sent by hand
    assert "Choose a time zone of the list." in text_of(form.submit("save", status=400).text)


def test_a_wrong_zone_cookie_is_ignored(testapp, as_user, news_item):
    as_user("editor")
    testapp.set_cookie("portal_tz", "Not/AZone")
    assert "Dec 1, 2026, 10:47 PM" in text_of(testapp.get(f"/news/{news_item}/history").text)


def test_an_anonymous_page_is_kept_apart_for_each_zone(testapp, news_item):
    first = testapp.get(f"/news/{news_item}")
    assert "Dec 1, 2026" in text_of(first.text)
    testapp.set_cookie("portal_tz", "Asia/Tokyo")
    tokyo = testapp.get(f"/news/{news_item}")
    assert "Dec 2, 2026" in text_of(tokyo.text)  # the date of the moment in Tokyo, not the cached UTC page

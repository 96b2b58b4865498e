"""The secretariat's CSV import at /manage/import/subscribers reads rows as every import does
(portal.imports): each bad row is listed as "Line N: reason" on the page, the good rows go in."""
from sqlalchemy import select

from portal.testing import text_of

from plugins.newsletter.models import Subscriber


def test_bad_rows_are_listed_on_the_page_and_the_good_rows_are_subscribed(testapp, as_user, db):
    as_user("secretariat")
    data = "\n".join([
        "email,name,consent_date",
        "ana@example.org,Ana,2024-05-31",
        "nul@example.org,Nul\x00Byte,2024-05-31",
        "extra@example.org,Extra,2024-05-31,unexpected",
        f"long@example.org,{'x' * 140000},2024-05-31",
        "lucia@example.org,Lucía,2023-02-01",
        'quote@example.org,"Never closed,2024-05-31',
        "swallowed@example.org,Swallowed,2024-05-31",
    ]).encode() + b"\n"
    form = testapp.get("/manage/import/subscribers").forms["import-form"]
    form["file"] = ("list.csv", data, "text/csv")
    page = text_of(form.submit("import").text)
    assert "Subscribed: 2 ; Already subscribed: 0 ; rows refused: 4" in page
    assert "Line 3 : the value of name holds a NUL byte" in page
    assert "Line 4 : 4 values, but the first line names 3 columns" in page
    assert "Line 5 : the value of name is longer than 128 KB" in page
    assert "Line 7 : a quoted value opened here is never closed" in page
    with db() as s:
        assert sorted(s.scalars(select(Subscriber.email))) == ["ana@example.org", "lucia@example.org"]


def test_a_file_without_the_required_columns_changes_nothing(testapp, as_user, db):
    as_user("secretariat")
    form = testapp.get("/manage/import/subscribers").forms["import-form"]
    form["file"] = ("list.csv", b"name,city\nAna,Dakar\n", "text/csv")
    page = form.submit("import", status=400)
    assert "with at least email, consent_date" in text_of(page.text)
    with db() as s:
        assert s.scalar(select(Subscriber.id)) is None

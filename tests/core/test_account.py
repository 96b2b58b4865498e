"""A user's own account: profile, password change, downloading their data and deleting the account."""
import json
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from portal.models import (AuthSession, Content, File, Group, LocalRole, LoginAttempt, Member,
                          MembershipApplication, OutboxMessage, Page, PasswordResetToken, Revision, Section,
                          User, utcnow)
from portal.testing import client, csrf, form_with, in_language, logged_in, login, text_of

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
       b"\x89\x00\x00\x00\x0bIDATx\x9cc\xf8\x0f\x04\x00\t\xfb\x03\xfd\xfb^k+\x00\x00\x00\x00IEND"
       b"\xaeB`\x82")


def try_login(browser, email, password="a-good-password", status="*"):
    form = browser.get("/login").forms["deform"]
    form["email"], form["password"] = email, password
    return form.submit("login", status=status)


def password_hash(db, user_id):
    with db() as s:
        return s.get(User, user_id).password_hash


def search(browser, text):
    return browser.get("/search.json", {"q": text}).json


# --- profile ---------------------------------------------------------------------------------------

def test_account_page_needs_a_login(testapp):
    res = testapp.get("/account", status=302)
    assert urlsplit(res.location).path == "/login"
    for path in ("/account/password", "/account/export.json", "/account/delete"):
        assert urlsplit(testapp.get(path, status=302).location).path == "/login"


def test_profile_is_saved_and_a_public_profile_becomes_findable(testapp, as_user, db):
    user_id = as_user(email="alice@example.org", name="Alice Martin")
    assert search(testapp, "Quillfeather")["total"] == 0
    form = form_with(testapp, "/account", name="Alice Quillfeather", language="fr",
                                          bio="Works on participatory budgets in Porto Alegre.", public_profile=True)
    res = form.submit("save", status=302).follow()
    assert "Changes saved." in text_of(res.text)
    with db() as s:
        user = s.get(User, user_id)
        assert (user.name, user.language, user.public_profile) == ("Alice Quillfeather", "fr", True)
        assert user.bio == "Works on participatory budgets in Porto Alegre."

    anonymous = client(testapp.app)
    hits = search(anonymous, "Quillfeather")
    assert hits["total"] == 1 and hits["results"][0]["type"] == "person"
    profile = anonymous.get(urlsplit(hits["results"][0]["url"]).path)
    assert "Porto Alegre" in text_of(profile.text)


def test_private_profile_is_neither_shown_nor_found(testapp, as_user):
    user_id = as_user(email="alice@example.org", name="Alice Quillfeather", public_profile=True)
    anonymous = client(testapp.app)
    assert search(anonymous, "Quillfeather")["total"] == 1
    form = testapp.get("/account").forms["deform"]
    form["public_profile"] = False
    form.submit("save", status=302)
    assert search(anonymous, "Quillfeather")["total"] == 0
    anonymous.get(f"/people/{user_id}", status=404)


def test_invalid_profile_shows_errors_and_keeps_what_was_typed(testapp, as_user, db):
    user_id = as_user(email="alice@example.org", name="Alice Martin")
    form = form_with(testapp, "/account", name="", bio="My long story, typed with care.")
    res = form.submit("save", status=400)
    assert "Required" in text_of(res.text)
    assert res.forms["deform"]["bio"].value == "My long story, typed with care."
    with db() as s:
        assert s.get(User, user_id).name == "Alice Martin"


def test_profile_without_csrf_token_is_refused(testapp, as_user, db):
    user_id = as_user(email="alice@example.org", name="Alice Martin")
    testapp.post("/account", {"name": "Mallory", "language": "en", "save": "save"}, status=400)
    with db() as s:
        assert s.get(User, user_id).name == "Alice Martin"


# --- password change -------------------------------------------------------------------------------

def change_password(browser, current, new, confirm=None, status=302):
    form = form_with(browser, "/account/password", current=current, password=new)
    form["password-confirm"] = new if confirm is None else confirm
    return form.submit("save", status=status)


def test_password_change_logs_out_other_sessions_only(app, testapp, as_user, db):
    user_id = as_user(email="alice@example.org")
    old_hash = password_hash(db, user_id)
    phone = client(app, "198.51.100.3")
    login(phone, "alice@example.org")

    res = change_password(testapp, "a-good-password", "a-much-better-password")
    assert "You were logged out everywhere else." in text_of(res.follow().text)
    new_hash = password_hash(db, user_id)
    assert new_hash.startswith("$argon2id$") and new_hash != old_hash
    assert logged_in(testapp)
    assert not logged_in(phone)
    with db() as s:
        assert len(s.scalars(select(AuthSession).where(AuthSession.user_id == user_id)).all()) == 1

    fresh = client(app, "198.51.100.4")
    try_login(fresh, "alice@example.org", "a-good-password", status=400)
    try_login(fresh, "alice@example.org", "a-much-better-password", status=302)


def test_password_change_needs_the_current_password(app, testapp, as_user, db):
    user_id = as_user(email="alice@example.org")
    phone = client(app, "198.51.100.3")
    login(phone, "alice@example.org")
    before = password_hash(db, user_id)
    res = change_password(testapp, "not-my-password", "a-much-better-password", status=400)
    assert "Your current password is not right." in text_of(res.text)
    assert password_hash(db, user_id) == before
    assert logged_in(phone)


def test_password_change_errors_are_in_the_user_s_language(testapp, as_user):
    as_user(email="alice@example.org")
    testapp.get("/account", {"_LOCALE_": "es"})
    res = change_password(testapp, "not-my-password", "a-much-better-password", status=400)
    assert in_language("es", "Your current password is not right.") in text_of(res.text)
    res = change_password(testapp, "a-good-password", "short", status=400)
    assert in_language("es", "At least ${min} characters.", min=10) in text_of(res.text)


def test_password_change_refuses_short_or_unconfirmed_passwords(testapp, as_user, db):
    user_id = as_user(email="alice@example.org")
    before = password_hash(db, user_id)
    res = change_password(testapp, "a-good-password", "short", status=400)
    assert "At least 10 characters." in text_of(res.text)
    res = change_password(testapp, "a-good-password", "a-much-better-password", confirm="something-else-1",
                          status=400)
    assert "Password did not match confirm" in text_of(res.text)
    assert password_hash(db, user_id) == before


def test_password_change_without_csrf_token_is_refused(testapp, as_user, db):
    user_id = as_user(email="alice@example.org")
    before = password_hash(db, user_id)
    testapp.post("/account/password", {"current": "a-good-password", "password": "a-much-better-password",
                                       "password-confirm": "a-much-better-password", "save": "save"}, status=400)
    assert password_hash(db, user_id) == before


# --- export ----------------------------------------------------------------------------------------

def test_export_gives_the_user_their_own_data_as_json(testapp, as_user, make_user, db):
    with db() as s:
        member = Member(name="City of Porto Alegre", kind="city", country="BR", region="latin-america-caribbean")
        s.add(member)
        s.flush()
        member_id = member.id
    user_id = as_user(email="alice@example.org", name="Alice Martin", member_id=member_id)
    other_id = make_user("bob@example.org", name="Bob Stone")
    with db() as s:
        s.add(Group(name="budget", title="Budget group", users=[s.get(User, user_id)]))
        s.add_all([Page(title="Alice's page", creator_id=user_id, state="draft"),
                   Page(title="Bob's page", creator_id=other_id, state="draft"),
                   OutboxMessage(message_id="<1@test>", sender="p@test", recipient="alice@example.org",
                                 subject="Hello Alice", body="..."),
                   OutboxMessage(message_id="<2@test>", sender="p@test", recipient="bob@example.org",
                                 subject="Hello Bob", body="...")])

    res = testapp.get("/account/export.json")
    assert res.content_type == "application/json"
    assert "attachment" in res.headers["Content-Disposition"]
    data = json.loads(res.body)
    assert data["account"]["email"] == "alice@example.org"
    assert data["account"]["name"] == "Alice Martin"
    assert data["account"]["groups"] == ["budget"]
    assert data["member_organisation"]["name"] == "City of Porto Alegre"
    assert [c["title"] for c in data["content"]] == ["Alice's page"]
    assert [m["subject"] for m in data["mail"]] == ["Hello Alice"]
    assert len(data["sessions"]) == 1
    assert "Bob" not in res.text
    assert "password" not in res.text.lower()  # not even the hash


# --- deleting the account --------------------------------------------------------------------------

def personal_file(settings, db, user_id, content_id=None, name="me.png"):
    """A file as uploads store it: bytes under files.dir, a row naming them."""
    relative = Path("ab") / f"{user_id}-{content_id}-{name}"
    path = Path(settings["files.dir"]) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(PNG)
    with db() as s:
        row = File(filename=name, mimetype="image/png", size=len(PNG), sha256="0" * 64, path=str(relative),
                   owner_id=user_id, content_id=content_id)
        s.add(row)
        s.flush()
        return row.id, path


def delete_account(browser, password="a-good-password", status=302):
    form = browser.get("/account/delete").forms["deform"]
    form["password"] = password
    return form.submit("delete", status=status)


def test_deleting_the_account_erases_personal_data_and_keeps_content(app, testapp, as_user, make_user, db,
                                                                     settings, maildir, registry):
    user_id = as_user(email="alice@example.org", name="Alice Quillfeather", public_profile=True,
                      bio="Zanzibar budgets")
    other_id = make_user("bob@example.org", name="Bob Stone")
    phone = client(app, "198.51.100.3")
    login(phone, "alice@example.org")
    written = utcnow() - timedelta(days=3)
    with db() as s:
        section = Section(title="Budgets", state="published", creator_id=other_id)
        s.add(section)
        s.flush()
        page = Page(title="Budget assemblies in Porto Alegre", body="<p>How it works</p>", state="published",
                    creator_id=user_id, parent_id=section.id, modified=written)
        s.add(page)
        s.add(LocalRole(content_id=section.id, principal=f"user:{user_id}", role="contributor"))
        s.add(Group(name="budget", title="Budget group", users=[s.get(User, user_id), s.get(User, other_id)]))
        s.add(MembershipApplication(organisation="Zanzibar city", kind="city", country="TZ",
                                    contact_name="Alice", email="alice@example.org"))
        s.add(LoginAttempt(key="account:alice@example.org"))
        s.add_all([OutboxMessage(message_id="<a@test>", sender="p@test", recipient="alice@example.org",
                                 subject="For Alice", body="..."),
                   OutboxMessage(message_id="<b@test>", sender="p@test", recipient="bob@example.org",
                                 subject="For Bob", body="...")])
        s.flush()
        page_id, section_id = page.id, section.id
    own_file, own_path = personal_file(settings, db, user_id)
    attached_file, attached_path = personal_file(settings, db, user_id, content_id=page_id, name="chart.png")
    other_file, other_path = personal_file(settings, db, other_id, name="bob.png")
    anonymous = client(app, "198.51.100.5")
    assert search(anonymous, "Quillfeather")["results"][0]["type"] == "person"

    res = delete_account(testapp)
    assert "Your account and your personal data were deleted." in text_of(res.follow().text)

    assert not logged_in(testapp)
    assert not logged_in(phone)
    with db() as s:
        assert s.get(User, user_id) is None
        assert s.scalars(select(AuthSession).where(AuthSession.user_id == user_id)).all() == []
        assert [m.subject for m in s.scalars(select(OutboxMessage))] == ["For Bob"]
        assert s.scalars(select(MembershipApplication)).all() == []
        assert s.scalars(select(LoginAttempt).where(LoginAttempt.key.contains("alice"))).all() == []
        assert s.scalars(select(LocalRole).where(LocalRole.principal == f"user:{user_id}")).all() == []
        assert [u.name for u in s.scalar(select(Group)).users] == ["Bob Stone"]
        assert s.get(File, own_file) is None
        assert s.get(File, other_file) is not None and s.get(File, attached_file) is not None
        page = s.get(Content, page_id)
        assert page is not None and page.creator_id is None
        assert page.modified == written  # the text did not change
        assert s.get(Content, section_id) is not None
    assert not own_path.exists()
    assert attached_path.exists() and other_path.exists()
    assert search(anonymous, "Quillfeather")["total"] == 0
    assert search(anonymous, "Zanzibar")["total"] == 0
    assert "Budget assemblies in Porto Alegre" in text_of(anonymous.get(f"/pages/{page_id}").text)
    assert search(anonymous, "assemblies")["total"] == 1
    maildir.deliver(registry)
    assert [m["To"] for m in maildir.messages()] == ["bob@example.org"]
    try_login(anonymous, "alice@example.org", status=400)


def foreign_keys_enforced(db):
    with db() as s:
        return s.bind.dialect.name != "sqlite" or bool(s.connection().exec_driver_sql("PRAGMA foreign_keys").scalar())


def test_deleting_the_account_unlinks_what_the_database_keeps(app, testapp, as_user, db, settings, maildir,
                                                              registry):
    """Rows the database itself clears when the users row goes (foreign keys ON DELETE)."""
    if not foreign_keys_enforced(db):
        pytest.xfail("SQLite foreign keys are off in this test run: portal/testing.py reset_database turns "
                     "them back on inside its transaction, where the PRAGMA does nothing")
    user_id = as_user(email="alice@example.org")
    with db() as s:
        page = Page(title="Budget assemblies", state="published", creator_id=user_id)
        s.add(page)
        s.flush()
        s.add(Revision(content_id=page.id, number=1, author_id=user_id, data={"title": page.title}))
        page_id = page.id
    attached_file, _ = personal_file(settings, db, user_id, content_id=page_id, name="chart.png")
    form = client(app).get("/password/forgot").forms["deform"]
    form["email"] = "alice@example.org"
    form.submit("send", status=302)
    maildir.deliver(registry)
    link = re.search(r"http://portal\.test/password/reset/\S+", maildir.messages()[0].get_payload(decode=True)
                     .decode()).group(0)

    delete_account(testapp)

    with db() as s:
        assert s.scalars(select(PasswordResetToken)).all() == []
        assert s.scalar(select(Revision).where(Revision.content_id == page_id)).author_id is None
        assert s.get(File, attached_file).owner_id is None
    client(app).get(link, status=400)  # the link mailed before the deletion no longer works


def test_a_new_account_does_not_inherit_a_deleted_account_s_sharing(app, testapp, as_user, make_user, db):
    editor_id = make_user("editor@example.org", role="editor")
    with db() as s:
        section = Section(title="Budgets", state="draft", creator_id=editor_id)
        s.add(section)
        s.flush()
        page = Page(title="Draft on budgets", state="draft", creator_id=editor_id, parent_id=section.id)
        s.add(page)
        s.flush()
        page_id, section_id = page.id, section.id
    user_id = as_user(email="alice@example.org")
    with db() as s:
        s.add(LocalRole(content_id=section_id, principal=f"user:{user_id}", role="contributor"))
    testapp.get(f"/pages/{page_id}/edit", status=200)
    delete_account(testapp)

    newcomer = client(app, "198.51.100.6")
    make_user("newcomer@example.org")
    login(newcomer, "newcomer@example.org")
    newcomer.get(f"/pages/{page_id}/edit", status=403)
    newcomer.get(f"/pages/{page_id}", status=403)


def test_account_deletion_needs_the_password(testapp, as_user, db, settings):
    user_id = as_user(email="alice@example.org")
    file_id, path = personal_file(settings, db, user_id)
    res = delete_account(testapp, "not-my-password", status=400)
    assert "Your password is not right; the account was not deleted." in text_of(res.text)
    assert logged_in(testapp)
    with db() as s:
        assert s.get(User, user_id) is not None
        assert s.get(File, file_id) is not None
    assert path.exists()


def test_account_deletion_without_csrf_token_is_refused(testapp, as_user, db):
    user_id = as_user(email="alice@example.org")
    testapp.post("/account/delete", {"password": "a-good-password", "delete": "delete"}, status=400)
    assert logged_in(testapp)
    with db() as s:
        assert s.get(User, user_id) is not None


def test_export_and_delete_need_a_live_session(testapp, as_user, db):
    user_id = as_user(email="alice@example.org")
    with db() as s:
        for row in s.scalars(select(AuthSession).where(AuthSession.user_id == user_id)):
            row.expires = utcnow() - timedelta(seconds=1)
    assert urlsplit(testapp.get("/account/export.json", status=302).location).path == "/login"
    testapp.post("/account/delete", {"password": "a-good-password", "delete": "delete",
                                     "csrf_token": csrf(testapp)}, status=403)
    with db() as s:
        assert s.get(User, user_id) is not None


def test_the_preferred_language_is_the_interface_language_after_login_and_after_a_change(testapp, make_user):
    make_user("ines@example.org", name="Inês", language="pt")
    testapp.get("/?_LOCALE_=fr")  # the visitor was reading in French
    res = login(testapp, "ines@example.org")
    page = res.follow()
    assert page.html.html["lang"] == "pt"
    assert "Boas-vindas, Inês." in text_of(page.html.select_one(".flash").decode())  # the welcome too
    assert testapp.get("/members").html.html["lang"] == "pt"  # and stays
    form = form_with(testapp, "/account", language="es")
    form.submit("save", status=302).follow()
    assert testapp.get("/").html.html["lang"] == "es"
    form = form_with(testapp, "/account", name="Inês Costa")  # saving other fields keeps the reader's choice
    testapp.get("/?_LOCALE_=en")
    form.submit("save", status=302)
    assert testapp.get("/").html.html["lang"] == "en"

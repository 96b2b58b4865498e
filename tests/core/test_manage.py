"""The control panel at /manage: who may enter, users, member organisations and their logos,
membership applications, groups and sharing, plugin settings, the mail outbox and the search index."""
import re
from datetime import date
from email import message_from_bytes, policy
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import webtest
from sqlalchemy import select

from portal.models import (AuthSession, File, Group, LocalRole, Member, MembershipApplication, OutboxMessage,
                          Page, Section, Setting, User, utcnow)
from portal.testing import client, csrf, form_with, in_language, logged_in, login, text_of

PASSWORD_LINK = re.compile(r"http://portal\.test/password/reset/[A-Za-z0-9_\-]+")
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
       b"\x89\x00\x00\x00\x0bIDATx\x9cc\xf8\x0f\x04\x00\t\xfb\x03\xfd\xfb^k+\x00\x00\x00\x00IEND"
       b"\xaeB`\x82")

MANAGE_PAGES = ["/manage/users", "/manage/users/add", "/manage/members", "/manage/members/add",
                "/manage/applications", "/manage/groups", "/manage/groups/add", "/manage/outbox", "/manage/search"]


def body_of(message):
    return message_from_bytes(message.as_bytes(), policy=policy.default).get_body(("plain",)).get_content()


def mails_to(maildir, registry, email):
    maildir.deliver(registry)
    return [(m["Subject"], body_of(m)) for m in maildir.messages() if m["To"] == email]


def tick(form, value):
    """Check the deform checkbox choice (named "checkbox" inside its sequence) whose value is given."""
    [box] = [c for c in form.fields.get("checkbox", []) if c._value == str(value)]
    box.checked = True


def choose_password(browser, link, password="a-chosen-password"):
    form = browser.get(link).forms["deform"]
    form["password"] = form["password-confirm"] = password
    return form.submit("save", status=302)


@pytest.fixture
def admin(testapp, as_user):
    """The test client logged in as the technical secretariat."""
    return as_user("secretariat", email="admin@example.org", name="Ada Admin")


# --- who may enter ---------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/manage"] + MANAGE_PAGES)
def test_visitors_are_sent_to_log_in(testapp, path):
    res = testapp.get(path, status=302)
    assert urlsplit(res.location).path == "/login"
    assert f"came_from={path}" in res.location.replace("%2F", "/")


@pytest.mark.parametrize("path", MANAGE_PAGES)
def test_members_and_editors_cannot_manage_people_or_the_system(app, make_user, path):
    make_user("member@example.org", role="member")
    make_user("editor@example.org", role="editor")
    for email in ("member@example.org", "editor@example.org"):
        browser = client(app)
        login(browser, email)
        res = browser.get(path, status=403)
        assert "You do not have permission to do this." in text_of(res.text)


def test_editors_see_the_dashboard_without_people_and_system(app, make_user):
    make_user("editor@example.org", role="editor")
    make_user("member@example.org", role="member")
    editor = client(app)
    login(editor, "editor@example.org")
    text = text_of(editor.get("/manage").text)
    assert "Waiting for review" in text
    assert "Mail outbox" not in text and "Membership applications" not in text
    member = client(app)
    login(member, "member@example.org")
    member.get("/manage", status=403)


def test_secretariat_dashboard_counts(testapp, admin, db):
    with db() as s:
        s.add(MembershipApplication(organisation="Dakar", kind="city", country="SN", contact_name="A",
                                    email="a@dakar.example"))
        s.add(OutboxMessage(message_id="<f@test>", sender="p@test", recipient="x@example.org", subject="Lost",
                            body="...", status="failed"))
    text = text_of(testapp.get("/manage").text)
    assert "Membership applications (1)" in text
    assert "0 queued, 1 failed" in text


@pytest.mark.parametrize("path", ["/manage/users/add", "/manage/members/add", "/manage/groups/add",
                                  "/manage/outbox", "/manage/search"])
def test_control_panel_posts_need_the_csrf_token(testapp, admin, path, db):
    testapp.post(path, {"save": "save", "name": "xx", "title": "xx", "email": "x@example.org", "kind": "city",
                        "country": "FR", "status": "active", "language": "en"}, status=400)
    with db() as s:
        assert [u.email for u in s.scalars(select(User))] == ["admin@example.org"]
        assert s.scalars(select(Member)).all() == [] and s.scalars(select(Group)).all() == []


# --- users -----------------------------------------------------------------------------------------

def test_adding_a_user_sends_an_invitation_to_choose_a_password(app, testapp, admin, db, maildir, registry):
    with db() as s:
        s.add(Group(name="budget", title="Budget group"))
        s.add(Member(name="Dakar", kind="city", country="SN", region="africa"))
    form = form_with(testapp, "/manage/users/add", email="New.Editor@Example.org", name="Nadia Editor", role="editor",
                     language="fr")
    form["member_id"] = [v for v, *_ in form["member_id"].options if v][0]
    tick(form, "budget")
    res = form.submit("save", status=302).follow()
    assert "an invitation was sent to new.editor@example.org" in text_of(res.text)
    assert "Nadia Editor" in text_of(res.text)
    with db() as s:
        user = s.scalar(select(User).where(User.email == "new.editor@example.org"))
        assert (user.role, user.language, user.active) == ("editor", "fr", True)
        assert user.member.name == "Dakar" and [g.name for g in user.groups] == ["budget"]
        assert user.password_hash is None

    [(subject, body)] = mails_to(maildir, registry, "new.editor@example.org")
    assert "Test network" in subject
    newcomer = client(app, "198.51.100.40")
    choose_password(newcomer, PASSWORD_LINK.search(body).group(0))
    assert logged_in(newcomer)
    newcomer.get("/manage", status=200)  # an editor
    with db() as s:
        assert s.scalar(select(User).where(User.email == "new.editor@example.org")).password_hash.startswith(
            "$argon2id$")


def test_a_user_cannot_be_added_twice_and_the_form_keeps_what_was_typed(testapp, admin, make_user, db, maildir,
                                                                        registry):
    make_user("alice@example.org")
    form = form_with(testapp, "/manage/users/add", email="ALICE@example.org", name="Alice Again", role="member")
    res = form.submit("save", status=400)
    assert "Another account already uses this address." in text_of(res.text)
    again = res.forms["deform"]
    assert (again["email"].value, again["name"].value, again["role"].value) == ("ALICE@example.org",
                                                                                 "Alice Again", "member")
    with db() as s:
        assert len(s.scalars(select(User)).all()) == 2
    assert mails_to(maildir, registry, "alice@example.org") == []


def test_control_panel_errors_are_in_the_secretariat_s_language(testapp, admin, make_user):
    make_user("alice@example.org")
    form = testapp.get("/manage/users/add", {"_LOCALE_": "fr"}).forms["deform"]
    form["email"], form["name"] = "alice@example.org", "Alice Again"
    res = form.submit("save", status=400)
    assert in_language("fr", "Another account already uses this address.") in text_of(res.text)
    assert res.forms["deform"]["name"].value == "Alice Again"


def test_invalid_user_form_shows_errors_and_keeps_the_other_values(testapp, admin, db):
    form = form_with(testapp, "/manage/users/add", email="not-an-address", name="Someone")
    form["role"].force_value("emperor")
    res = form.submit("save", status=400)
    text = text_of(res.text)
    assert "Enter a valid e-mail address" in text and "is not one of" in text
    assert res.forms["deform"]["name"].value == "Someone"
    assert res.forms["deform"]["email"].value == "not-an-address"
    with db() as s:
        assert s.scalar(select(User).where(User.name == "Someone")) is None


def test_users_list_filters_by_name_and_role(testapp, admin, make_user):
    make_user("alice@example.org", name="Alice Martin", role="editor")
    make_user("bob@example.org", name="Bob Stone", role="member")
    names = lambda res: [a.text for a in res.html.select("table.listing tbody td:first-child a")]  # noqa: E731
    assert names(testapp.get("/manage/users")) == ["Ada Admin", "Alice Martin", "Bob Stone"]
    assert names(testapp.get("/manage/users", {"q": "stone"})) == ["Bob Stone"]
    assert names(testapp.get("/manage/users", {"q": "bob@"})) == ["Bob Stone"]
    assert names(testapp.get("/manage/users", {"role": "editor"})) == ["Alice Martin"]


def test_editing_a_user_changes_their_role_and_groups(app, testapp, admin, make_user, db):
    user_id = make_user("carol@example.org", name="Carol", role="member")
    with db() as s:
        s.add(Group(name="budget", title="Budget group"))
    carol = client(app, "198.51.100.41")
    login(carol, "carol@example.org")
    carol.get("/manage", status=403)

    form = testapp.get(f"/manage/users/{user_id}").forms["deform"]
    assert form["email"].value == "carol@example.org"
    form["role"] = "editor"
    tick(form, "budget")
    form.submit("save", status=302)
    with db() as s:
        user = s.get(User, user_id)
        assert user.role == "editor" and [g.name for g in user.groups] == ["budget"]
    carol.get("/manage", status=200)  # the new role counts at once, in the open session


def test_deactivating_a_user_revokes_their_sessions(app, testapp, admin, make_user, db):
    user_id = make_user("carol@example.org", name="Carol", role="member")
    carol = client(app, "198.51.100.41")
    login(carol, "carol@example.org")
    copied = carol.cookies["portal_session"]
    form = testapp.get(f"/manage/users/{user_id}").forms["deform"]
    form["active"] = False
    form.submit("save", status=302)
    assert not logged_in(carol)
    with db() as s:
        assert s.scalars(select(AuthSession).where(AuthSession.user_id == user_id)).all() == []
        assert s.get(User, user_id).active is False
    res = client(app).get("/account", headers={"Cookie": f"portal_session={copied}"}, status=302)
    assert urlsplit(res.location).path == "/login"
    form = client(app, "198.51.100.42").get("/login").forms["deform"]
    form["email"], form["password"] = "carol@example.org", "a-good-password"
    form.submit("login", status=400)

    form = testapp.get(f"/manage/users/{user_id}").forms["deform"]  # and back
    form["active"] = True
    form.submit("save", status=302)
    login(carol, "carol@example.org")
    assert logged_in(carol)


def test_secretariat_can_send_a_new_password_link(app, testapp, admin, make_user, maildir, registry):
    user_id = make_user("carol@example.org", name="Carol")
    page = testapp.get(f"/manage/users/{user_id}")
    res = page.forms["deform"].submit("reset", status=302)
    assert "A link to choose a password was sent to carol@example.org" in text_of(res.follow().text)
    [(_, body)] = mails_to(maildir, registry, "carol@example.org")
    carol = client(app, "198.51.100.43")
    choose_password(carol, PASSWORD_LINK.search(body).group(0), "carol-s-new-password")
    assert logged_in(carol)


def test_unknown_user_member_or_group_is_not_found(testapp, admin):
    for path in ("/manage/users/9999", "/manage/members/9999", "/manage/groups/9999",
                 "/manage/applications/9999"):
        testapp.get(path, status=404)


# --- member organisations --------------------------------------------------------------------------

def test_adding_a_member_derives_its_region_from_the_country(testapp, admin, db):
    form = form_with(testapp, "/manage/members/add", name="Seoul Metropolitan Government", kind="local-government",
                                                     country="KR", website="https://seoul.example",
                                                     member_since="2012-05-01")
    form.submit("save", status=302)
    with db() as s:
        member = s.scalar(select(Member))
        assert (member.region, member.status, member.member_since) == ("asia-pacific", "active", date(2012, 5, 1))
        member_id = member.id
    form = testapp.get(f"/manage/members/{member_id}").forms["deform"]
    assert form["name"].value == "Seoul Metropolitan Government"
    form["country"] = "BR"
    form["status"] = "suspended"
    form.submit("save", status=302)
    with db() as s:
        member = s.get(Member, member_id)
        assert (member.country, member.region, member.status) == ("BR", "latin-america-caribbean", "suspended")
    anonymous = client(testapp.app)
    anonymous.get(f"/members/{member_id}", status=404)
    assert "Seoul" not in text_of(anonymous.get("/members").text)


def test_invalid_member_form_keeps_what_was_typed(testapp, admin, db):
    form = form_with(testapp, "/manage/members/add", name="Grenoble", website="not a website",
                                                     description="A long description typed with care.", country="")
    res = form.submit("save", status=400)
    text = text_of(res.text)
    assert "Must be a URL" in text and "Required" in text
    again = res.forms["deform"]
    assert again["name"].value == "Grenoble"
    assert again["website"].value == "not a website"
    assert again["description"].value == "A long description typed with care."
    with db() as s:
        assert s.scalars(select(Member)).all() == []


def member_form(page):
    return page.forms["deform"]


def choose_logo(form, filename, data):
    form.set("add", webtest.Upload(filename, data, "image/png"), index=0)


def pixels(data):
    import io
    from PIL import Image
    with Image.open(io.BytesIO(data)) as image:
        return image.size, image.convert("RGBA").tobytes()


@pytest.fixture
def member_id(db):
    """A member organisation without a logo: Dakar."""
    with db() as s:
        member = Member(name="Dakar", kind="city", country="SN", region="africa", status="active")
        s.add(member)
        s.flush()
        return member.id


def test_member_logo_upload(app, testapp, admin, db, settings, member_id):
    form = member_form(testapp.get(f"/manage/members/{member_id}"))
    choose_logo(form, "dakar.png", PNG)
    res = form.submit("save", status=302).follow()
    assert "Changes saved." in text_of(res.text)

    public = client(app).get(f"/members/{member_id}")
    src = public.html.select_one("img.logo")["src"]
    image = client(app).get(src)
    # the logo as sent, its pixels kept and its metadata left out (portal.images)
    assert image.content_type == "image/png" and pixels(image.body) == pixels(PNG)

    form = member_form(testapp.get(f"/manage/members/{member_id}"))  # a new logo replaces the old one
    choose_logo(form, "dakar-2.png", PNG + b"\x00")
    form.submit("save", status=302)
    with db() as s:
        files = s.scalars(select(File)).all()
        assert [f.filename for f in files] == ["dakar-2.png"]
        assert s.get(Member, member_id).logo_id == files[0].id
    # the replaced logo is set aside for a day (files.dir/.deleted: a running backup may need it)
    stored = [p for p in Path(settings["files.dir"]).rglob("*")
              if p.is_file() and ".deleted" not in p.parts and "pending" not in p.parts]
    assert len(stored) == 1 and pixels(stored[0].read_bytes()) == pixels(PNG)

    form = member_form(testapp.get(f"/manage/members/{member_id}"))  # and the logo can be removed
    form["remove"] = [str(files[0].id)]
    form.submit("save", status=302)
    with db() as s:
        assert s.get(Member, member_id).logo_id is None


@pytest.mark.parametrize("filename, data", [("logo.png", b"<svg onload='alert(1)'></svg>"),
                                            ("logo.pdf", b"%PDF-1.4 a document"),
                                            ("logo.png", b"")])
def test_member_logo_must_be_an_image_and_nothing_typed_is_lost(testapp, admin, db, settings, filename, data, member_id):
    form = member_form(testapp.get(f"/manage/members/{member_id}"))
    form["name"] = "Ville de Dakar"
    form["description"] = "Typed with care, not saved yet."
    choose_logo(form, filename, data)
    res = form.submit("save", status=400)
    text = text_of(res.text)
    assert "This type of file is not accepted" in text or "The file is empty." in text
    again = member_form(res)
    assert again["name"].value == "Ville de Dakar"
    assert again["description"].value == "Typed with care, not saved yet."
    with db() as s:
        assert s.get(Member, member_id).logo_id is None
        assert s.get(Member, member_id).name == "Dakar"
        assert s.scalars(select(File)).all() == []
    assert not [p for p in Path(settings["files.dir"]).rglob("*") if p.is_file() and p.suffix != ".json"]


def test_a_logo_chosen_beside_an_error_is_kept_until_the_form_is_saved(testapp, admin, db, member_id):
    form = member_form(testapp.get(f"/manage/members/{member_id}"))
    form["website"] = "not a website"
    choose_logo(form, "dakar.png", PNG)
    res = form.submit("save", status=400)
    assert re.search(r"dakar\.png\W*added when you save", text_of(res.text))
    again = member_form(res)
    again["website"] = "https://dakar.sn"
    again.submit("save", status=302)
    with db() as s:
        assert s.get(Member, member_id).logo.filename == "dakar.png"
        assert s.get(Member, member_id).website == "https://dakar.sn"


def test_logo_upload_without_csrf_token_is_refused(testapp, admin, db, member_id):
    testapp.post(f"/manage/members/{member_id}", {"save": "1", "name": "Dakar"},
                 upload_files=[("add", "dakar.png", PNG)], status=400)
    with db() as s:
        assert s.get(Member, member_id).logo_id is None


# --- membership applications -----------------------------------------------------------------------

def apply(browser, **values):
    form = browser.get("/join").forms["deform"]
    data = {"organisation": "City of Dakar", "kind": "city", "country": "SN", "website": "https://dakar.example",
            "contact_name": "Aminata Diop", "email": "aminata@dakar.example", "motivation": "Budgets."}
    data.update(values)
    for key, value in data.items():
        form[key] = value
    form.submit("apply", status=302)


def application_id(db):
    with db() as s:
        return s.scalar(select(MembershipApplication.id))


def test_approving_an_application_creates_the_member_and_its_representative(app, testapp, admin, db, maildir,
                                                                            registry):
    apply(client(app))
    app_id = application_id(db)
    listing = testapp.get("/manage/applications")
    assert "City of Dakar" in text_of(listing.text)
    page = testapp.get(f"/manage/applications/{app_id}")
    assert "aminata@dakar.example" in text_of(page.text) and "Senegal" in text_of(page.text)
    form = [f for f in page.forms.values() if "approve" in f.fields][0]
    form["message"] = "Welcome aboard!"
    res = form.submit("approve", status=302).follow()
    assert "Application approved" in text_of(res.text)

    with db() as s:
        member = s.scalar(select(Member))
        assert (member.name, member.kind, member.country, member.region, member.status) == (
            "City of Dakar", "city", "SN", "africa", "active")
        assert member.website == "https://dakar.example" and member.member_since == date.today()
        user = s.scalar(select(User).where(User.email == "aminata@dakar.example"))
        assert (user.name, user.role, user.member_id) == ("Aminata Diop", "member", member.id)
        application = s.get(MembershipApplication, app_id)
        assert (application.status, application.member_id) == ("approved", member.id)
        assert application.reviewer_id is not None
        member_id = member.id

    [(subject, body)] = mails_to(maildir, registry, "aminata@dakar.example")
    assert "Welcome" in subject and "Welcome aboard!" in body and "City of Dakar" in body
    representative = client(app, "198.51.100.50")
    choose_password(representative, PASSWORD_LINK.search(body).group(0))
    account = representative.get("/account")
    assert "City of Dakar" in text_of(account.text)
    assert "City of Dakar" in text_of(client(app).get("/members", {"region": "africa"}).text)
    client(app).get(f"/members/{member_id}", status=200)

    form = [f for f in testapp.get(f"/manage/applications/{app_id}").forms.values()]
    assert not any("approve" in f.fields for f in form)  # reviewed: no second decision
    testapp.post(f"/manage/applications/{app_id}", {"approve": "1", "csrf_token": csrf(testapp)})
    with db() as s:
        assert len(s.scalars(select(Member)).all()) == 1


def test_approval_mail_is_in_the_applicant_s_language(app, testapp, admin, db, maildir, registry):
    browser = client(app)
    browser.get("/join", {"_LOCALE_": "pt"})
    apply(browser)
    testapp.post(f"/manage/applications/{application_id(db)}", {"approve": "1", "csrf_token": csrf(testapp)},
                 status=302)
    with db() as s:
        user = s.scalar(select(User).where(User.email == "aminata@dakar.example"))
        assert user.language == "pt"
        mail = s.scalar(select(OutboxMessage).where(OutboxMessage.recipient == "aminata@dakar.example"))
    assert "is now a member of the network" not in mail.body  # the English text
    assert "Welcome to" not in mail.subject
    assert "City of Dakar" in mail.body and PASSWORD_LINK.search(mail.body)


def test_rejecting_an_application_tells_the_applicant(app, testapp, admin, db, maildir, registry):
    apply(client(app))
    app_id = application_id(db)
    page = testapp.get(f"/manage/applications/{app_id}")
    form = [f for f in page.forms.values() if "reject" in f.fields][0]
    form["message"] = "Only local governments can join."
    form.submit("reject", status=302)
    with db() as s:
        assert s.get(MembershipApplication, app_id).status == "rejected"
        assert s.scalars(select(Member)).all() == []
        assert s.scalar(select(User).where(User.email == "aminata@dakar.example")) is None
    [(subject, body)] = mails_to(maildir, registry, "aminata@dakar.example")
    assert "Only local governments can join." in body and "City of Dakar" in body
    assert not PASSWORD_LINK.search(body)
    assert "City of Dakar" in text_of(testapp.get("/manage/applications", {"status": "rejected"}).text)
    assert "City of Dakar" not in text_of(testapp.get("/manage/applications").text)


def test_reviewing_needs_the_csrf_token(app, testapp, admin, db):
    apply(client(app))
    app_id = application_id(db)
    testapp.post(f"/manage/applications/{app_id}", {"approve": "1"}, status=400)
    with db() as s:
        assert s.get(MembershipApplication, app_id).status == "pending"
        assert s.scalars(select(Member)).all() == []


def test_approving_an_applicant_who_has_an_account_keeps_it(app, testapp, admin, make_user, db):
    user_id = make_user("aminata@dakar.example", name="Aminata", role="editor")
    apply(client(app))
    testapp.post(f"/manage/applications/{application_id(db)}", {"approve": "1", "csrf_token": csrf(testapp)},
                 status=302)
    with db() as s:
        user = s.get(User, user_id)
        assert user.role == "editor" and user.member.name == "City of Dakar"
        assert len(s.scalars(select(User)).all()) == 2


# --- groups and sharing ----------------------------------------------------------------------------

def test_groups_are_created_with_their_people(testapp, admin, make_user, db):
    make_user("carol@example.org", name="Carol")
    form = form_with(testapp, "/manage/groups/add", name="budget", title="Budget group")
    tick(form, user_id_of(db, "carol@example.org"))
    form.submit("save", status=302)
    with db() as s:
        group = s.scalar(select(Group))
        assert (group.name, group.title, [u.name for u in group.users]) == ("budget", "Budget group", ["Carol"])
    assert "Budget group" in text_of(testapp.get("/manage/groups").text)


def user_id_of(db, email):
    with db() as s:
        return s.scalar(select(User.id).where(User.email == email))


def test_group_names_are_checked_and_unique(testapp, admin, db):
    with db() as s:
        s.add(Group(name="budget", title="Budget group"))
    form = form_with(testapp, "/manage/groups/add", name="Budget Group!", title="Another")
    res = form.submit("save", status=400)
    assert "Lower-case letters, digits and dashes." in text_of(res.text)
    assert res.forms["deform"]["title"].value == "Another"
    form = res.forms["deform"]
    form["name"] = "budget"
    res = form.submit("save", status=400)
    assert "This short name is taken." in text_of(res.text)
    assert res.forms["deform"]["title"].value == "Another"
    with db() as s:
        assert [g.title for g in s.scalars(select(Group))] == ["Budget group"]


@pytest.fixture
def section_with_page(db, make_user):
    """A published section holding a page, and a page outside it, written by an editor."""
    editor_id = make_user("editor@example.org", role="editor", name="Edith")
    with db() as s:
        section = Section(title="Participatory budgets", state="published", creator_id=editor_id)
        s.add(section)
        s.flush()
        inside = Page(title="How budgets work", state="published", creator_id=editor_id, parent_id=section.id)
        outside = Page(title="Elsewhere", state="published", creator_id=editor_id)
        s.add_all([inside, outside])
        s.flush()
        return section.id, inside.id, outside.id


def share(browser, content_id, principal, role):
    page = browser.get(f"/content/{content_id}/sharing")
    form = [f for f in page.forms.values() if "principal" in f.fields][0]
    form["principal"] = principal
    form["role"] = role
    return form.submit(status=302)


def test_sharing_a_section_with_a_group_lets_its_people_edit_inside(app, testapp, admin, make_user, db,
                                                                    section_with_page):
    section_id, inside_id, outside_id = section_with_page
    carol_id = make_user("carol@example.org", name="Carol", role="member")
    with db() as s:
        s.add(Group(name="budget", title="Budget group", users=[s.get(User, carol_id)]))
    carol = client(app, "198.51.100.60")
    login(carol, "carol@example.org")
    carol.get(f"/pages/{inside_id}/edit", status=403)

    res = share(testapp, section_id, "group:budget", "contributor").follow()
    assert "Sharing updated." in text_of(res.text)
    assert "Budget group" in text_of(res.text) and "Contributor" in text_of(res.text)

    form = carol.get(f"/pages/{inside_id}/edit").forms["deform"]
    form["title"] = "How budgets work, updated by Carol"
    form.submit("save", status=302)
    with db() as s:
        assert s.get(Page, inside_id).title == "How budgets work, updated by Carol"
    carol.get(f"/pages/{outside_id}/edit", status=403)  # only inside the shared section
    carol.get(f"/pages/{inside_id}/delete", status=403)  # a contributor edits, does not delete

    page = testapp.get(f"/content/{section_id}/sharing")
    remove = [f for f in page.forms.values() if "remove" in f.fields][0]
    remove.submit("remove", status=302)
    with db() as s:
        assert s.scalars(select(LocalRole)).all() == []
    carol.get(f"/pages/{inside_id}/edit", status=403)


def test_sharing_refuses_unknown_people_groups_and_roles(testapp, admin, db, section_with_page):
    section_id = section_with_page[0]
    for principal, role in (("group:nobody", "contributor"), ("user:9999", "reader"), ("group:budget", "owner"),
                            ("role:secretariat", "reader")):
        with db() as s:
            if s.scalar(select(Group)) is None:
                s.add(Group(name="budget", title="Budget group"))
        res = testapp.post(f"/content/{section_id}/sharing",
                           {"principal": principal, "role": role, "csrf_token": csrf(testapp)}, status=302)
        assert "Choose a person or group and a role." in text_of(res.follow().text)
    with db() as s:
        assert s.scalars(select(LocalRole)).all() == []


def test_sharing_needs_an_editor_and_the_csrf_token(app, testapp, admin, make_user, db, section_with_page):
    section_id = section_with_page[0]
    with db() as s:
        s.add(Group(name="budget", title="Budget group"))
    testapp.post(f"/content/{section_id}/sharing", {"principal": "group:budget", "role": "reviewer"},
                 status=400)
    make_user("member@example.org", role="member")
    member = client(app, "198.51.100.61")
    login(member, "member@example.org")
    member.get(f"/content/{section_id}/sharing", status=403)
    member.post(f"/content/{section_id}/sharing", {"principal": "group:budget", "role": "reviewer",
                                                   "csrf_token": csrf(member)}, status=403)
    with db() as s:
        assert s.scalars(select(LocalRole)).all() == []
    editor = client(app, "198.51.100.62")
    login(editor, "editor@example.org")
    share(editor, section_id, "group:budget", "reader")
    with db() as s:
        assert [(r.principal, r.role) for r in s.scalars(select(LocalRole))] == [("group:budget", "reader")]


def test_renaming_a_group_keeps_what_was_shared_with_it(app, testapp, admin, make_user, db, section_with_page):
    section_id, inside_id, _ = section_with_page
    carol_id = make_user("carol@example.org", name="Carol", role="member")
    with db() as s:
        s.add(Group(name="budget", title="Budget group", users=[s.get(User, carol_id)]))
        group_id = s.scalar(select(Group.id))
    share(testapp, section_id, "group:budget", "contributor")
    form = testapp.get(f"/manage/groups/{group_id}").forms["deform"]
    form["name"] = "budgets"
    form.submit("save", status=302)
    carol = client(app, "198.51.100.63")
    login(carol, "carol@example.org")
    carol.get(f"/pages/{inside_id}/edit", status=200)

    dave_id = make_user("dave@example.org", name="Dave", role="member")  # a new group under the old name
    with db() as s:
        s.add(Group(name="budget", title="Another budget group", users=[s.get(User, dave_id)]))
    dave = client(app, "198.51.100.64")
    login(dave, "dave@example.org")
    dave.get(f"/pages/{inside_id}/edit", status=403)


# --- plugin settings -------------------------------------------------------------------------------

def test_plugin_settings_are_edited_by_the_secretariat(app, testapp, admin, registry, make_user, db):
    names = sorted(registry.portal.plugin_settings)
    if not names:
        pytest.skip("no plugin registers settings in this test run")
    testapp.get("/manage/settings/no-such-plugin", status=404)
    make_user("editor@example.org", role="editor")
    editor = client(app, "198.51.100.70")
    login(editor, "editor@example.org")
    for name in names:
        editor.get(f"/manage/settings/{name}", status=403)
        page = testapp.get(f"/manage/settings/{name}")
        assert f"/manage/settings/{name}" in testapp.get("/manage").text
        testapp.post(f"/manage/settings/{name}", {"save": "save"}, status=400)
        page.forms["deform"].submit("save", status=302)  # the defaults, saved as shown
        with db() as s:
            assert s.get(Setting, name) is not None


# --- mail outbox and search index ------------------------------------------------------------------

def test_outbox_lists_messages_by_status_and_retries_failed_ones(testapp, admin, db, maildir, registry):
    with db() as s:
        s.add_all([
            OutboxMessage(message_id="<q@test>", sender="p@test", recipient="queued@example.org",
                          subject="Waiting", body="..."),
            OutboxMessage(message_id="<s@test>", sender="p@test", recipient="sent@example.org",
                          subject="Delivered", body="...", status="sent", sent=utcnow()),
            OutboxMessage(message_id="<f@test>", sender="p@test", recipient="failed@example.org",
                          subject="Bounced", body="...", status="failed", attempts=6,
                          last_error="550 no such user"),
        ])
    failed = testapp.get("/manage/outbox")
    assert "Bounced" in failed.text and "550 no such user" in text_of(failed.text)
    assert "Waiting" not in failed.text and "Delivered" not in failed.text
    assert "Waiting" in testapp.get("/manage/outbox", {"status": "queued"}).text
    assert "Delivered" in testapp.get("/manage/outbox", {"status": "sent"}).text
    assert "Failed (1)" in text_of(failed.text)

    form = [f for f in failed.forms.values() if "retry" in f.fields][0]
    form["retry"] = True
    res = form.submit(status=302).follow()
    assert "Bounced" in res.text and "1" in res.html.select_one(".flash").text
    with db() as s:
        row = s.scalar(select(OutboxMessage).where(OutboxMessage.recipient == "failed@example.org"))
        assert (row.status, row.attempts) == ("queued", 0)
    maildir.deliver(registry)
    assert sorted(m["To"] for m in maildir.messages()) == ["failed@example.org", "queued@example.org"]
    assert "Bounced" in testapp.get("/manage/outbox", {"status": "sent"}).text


def test_retry_does_not_resend_what_was_already_sent(testapp, admin, db, maildir, registry):
    with db() as s:
        s.add(OutboxMessage(message_id="<s@test>", sender="p@test", recipient="sent@example.org",
                            subject="Delivered", body="...", status="sent", sent=utcnow()))
        sent_id = s.scalar(select(OutboxMessage.id))
    testapp.post("/manage/outbox", {"retry": str(sent_id), "csrf_token": csrf(testapp)}, status=302)
    with db() as s:
        assert s.get(OutboxMessage, sent_id).status == "sent"
    maildir.deliver(registry)
    assert maildir.messages() == []


def indexed_count(page):
    """The number the search index page shows (the figure in bold next to the backend's name)."""
    return [int(b.text) for b in page.html.select("main strong") if b.text.strip().isdigit()]


def test_search_index_page_counts_documents_and_rebuilds(app, testapp, admin, db, registry):
    with db() as s:
        s.add_all([Page(title="Citizen assemblies", state="published"),
                   Page(title="Participatory budgets", state="published"),
                   Page(title="A draft", state="draft")])
    anonymous = client(app)
    assert anonymous.get("/search.json", {"q": "assemblies"}).json["total"] == 1
    assert indexed_count(testapp.get("/manage/search")) == [2]

    registry["search"].clear()  # the index is lost (a new server, a damaged folder)
    page = testapp.get("/manage/search")
    assert indexed_count(page) == [0]
    assert anonymous.get("/search.json", {"q": "assemblies"}).json["total"] == 0

    testapp.post("/manage/search", {}, status=400)  # without the CSRF token
    assert indexed_count(testapp.get("/manage/search")) == [0]
    form = [f for f in page.forms.values() if f.method.upper() == "POST" and "csrf_token" in f.fields
            and f.action in ("", "/manage/search")][0]
    res = form.submit(status=302).follow()
    assert "2" in res.html.select_one(".flash").text
    assert indexed_count(res) == [2]
    assert anonymous.get("/search.json", {"q": "assemblies"}).json["total"] == 1
    assert anonymous.get("/search.json", {"q": "draft"}).json["total"] == 0

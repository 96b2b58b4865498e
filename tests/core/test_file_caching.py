"""Who may keep a copy of a file: only a file anyone may fetch is cacheable (an hour); a draft's
attachment, a members-only group page's file or an award document says `private, no-store`, so no
copy stays in the browser's cache of a shared computer after logout (portal.files.send_file)."""
import io

from PIL import Image
from sqlalchemy import select

from portal.models import File, Member, User
from portal.passwords import hash_password
from portal.testing import client, csrf, login

from .test_uploads import arrange


def png():
    out = io.BytesIO()
    Image.new("RGB", (3, 3), (0, 90, 200)).save(out, "PNG")
    return out.getvalue()


def upload(browser, item_id, name="photo.png", data=None):
    browser.post(f"/content/{item_id}/files", {"csrf_token": csrf(browser), "title": ""},
                 upload_files=[("file", name, data or png())], status=302)


def file_url(db, name):
    with db() as s:
        row = s.scalars(select(File).where(File.filename == name).order_by(File.id.desc())).first()
        return f"/files/{row.id}/{row.filename}"


def private(response):
    return response.headers["Cache-Control"] == "private, no-store"


def test_a_drafts_attachment_is_never_kept_and_a_published_one_is(testapp, make_user, db):
    make_user("editor@example.org", role="editor")
    login(testapp, "editor@example.org")
    form = testapp.get("/news/add").forms["deform"]
    form["title"], form["body"] = "Draft with files", "<p>x</p>"
    item_id = int(form.submit("save", status=302).location.rstrip("/").rsplit("/", 1)[1])
    upload(testapp, item_id)
    upload(testapp, item_id, "minutes.csv", b"city,votes\nDakar,12\n")
    for name in ("photo.png", "minutes.csv"):
        assert private(testapp.get(file_url(db, name)))
    testapp.post(f"/news/{item_id}/transition", {"transition": "publish", "csrf_token": csrf(testapp)}, status=302)
    anonymous = client(testapp.app)
    for browser in (anonymous, testapp):
        res = browser.get(file_url(db, "photo.png"))
        assert res.cache_control.public and res.cache_control.max_age == 3600 and not res.cache_control.no_store


def test_a_members_only_group_pages_file_is_private(app, make_user, db):
    from plugins.working_groups import services
    from plugins.working_groups.models import WorkingGroup
    coordinator = make_user("coordinator@example.org", role="member")
    with db() as s:
        group = services.create_group(s, "Closed group", "<p>Purpose.</p>", "members", s.get(User, coordinator))
        s.flush()
        page = services.create_page(s, s.get(WorkingGroup, group.id), "Minutes", "<p>Minutes.</p>",
                                    s.get(User, coordinator), None)
        s.flush()
        page_id, state = page.id, page.state
    browser = client(app)
    login(browser, "coordinator@example.org")
    upload(browser, page_id, "closed.png")
    assert state == "published"  # live for its members at once, yet not public
    assert private(browser.get(file_url(db, "closed.png")))
    client(app, "192.0.2.99").get(file_url(db, "closed.png"), status=404)


def test_an_award_document_is_private_and_a_members_logo_is_public(app, registry, db):
    from plugins.awards.uploads import upload_to_an_entry
    target = arrange(registry, db, upload_to_an_entry)
    with db() as s:
        user = s.get(User, target["user_id"])
        user.password_hash = hash_password("a-good-password", registry.settings)
    member = client(app)
    login(member, "uploads-member@example.org")
    member.post(target["path"], {"csrf_token": csrf(member), "title": "Report"},
                upload_files=[("file", "report.png", png())], status=302)
    with db() as s:
        from plugins.awards.models import EntryDocument
        document = s.scalars(select(EntryDocument)).one()
        entry_id, doc_id = document.entry_id, document.id
    assert private(member.get(f"/awards/entries/{entry_id}/documents/{doc_id}"))

    with db() as s:
        s.add(User(email="admin@example.org", name="Admin", role="secretariat",
                   password_hash=hash_password("a-good-password", registry.settings)))
        dakar = Member(name="Dakar", kind="city", country="SN", region="africa", status="active")
        s.add(dakar)
        s.flush()
        member_id = dakar.id
    admin = client(app, "192.0.2.20")
    login(admin, "admin@example.org")
    admin.post(f"/manage/members/{member_id}", {"upload_logo": "1", "csrf_token": csrf(admin)},
               upload_files=[("logo", "logo.png", png())], status=302)
    res = client(app, "192.0.2.21").get(file_url(db, "logo.png"))
    assert res.cache_control.public and res.cache_control.max_age == 3600

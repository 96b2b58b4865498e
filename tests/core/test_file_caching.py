"""Who may keep a copy of a file: only a file anyone may fetch is cacheable (an hour); a draft's
attachment, a members-only group page's file or an award document says `private, no-store`, so no
copy stays in the browser's cache of a shared computer after logout (portal.files.send_file)."""
import io

import webtest
from PIL import Image
from sqlalchemy import select

from portal.models import File, Member, User
from portal.passwords import hash_password
from portal.testing import client, csrf, login



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


def test_an_award_document_is_private_and_a_members_logo_is_public(app, registry, db, settings):
    import hashlib
    from datetime import timedelta
    from pathlib import Path
    from portal.models import File, utcnow
    from plugins.awards.models import AwardCall, AwardEntry, EntryDocument
    data = png()
    stored = Path(settings["files.dir"]) / "aa" / "report.png"
    stored.parent.mkdir(parents=True, exist_ok=True)
    stored.write_bytes(data)
    with db() as s:
        city = Member(name="Upload city", kind="city", country="SN", region="africa", status="active")
        s.add(city)
        s.flush()
        user = User(email="uploads-member@example.org", name="Uploads member", role="member", member_id=city.id,
                    password_hash=hash_password("a-good-password", registry.settings))
        now = utcnow()
        call = AwardCall(edition="Uploads", title="Upload call", opens=now - timedelta(days=1),
                         closes=now + timedelta(days=10), evaluation_closes=now + timedelta(days=20),
                         results_date=now + timedelta(days=30))
        s.add_all([user, call])
        s.flush()
        entry = AwardEntry(call_id=call.id, member_id=city.id, submitter_id=user.id)
        row = File(filename="report.png", mimetype="image/png", size=len(data), sha256=hashlib.sha256(data).hexdigest(),
                   path="aa/report.png", owner_id=user.id)
        s.add_all([entry, row])
        s.flush()
        document = EntryDocument(entry_id=entry.id, file_id=row.id)
        s.add(document)
        s.flush()
        entry_id, doc_id = entry.id, document.id
    member = client(app)
    login(member, "uploads-member@example.org")
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
    form = admin.get(f"/manage/members/{member_id}").forms["deform"]  # the logo is chosen inside the form
    form.set("add", webtest.Upload("logo.png", png(), "image/png"), index=0)
    form.submit("save", status=302)
    res = client(app, "192.0.2.21").get(file_url(db, "logo.png"))
    assert res.cache_control.public and res.cache_control.max_age == 3600

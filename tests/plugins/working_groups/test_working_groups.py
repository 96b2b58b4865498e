"""Working groups through the browser's eyes (webtest): groups, joining, invitations, pages with
revisions, concurrent edits merged or shown side by side, comments, files, search and access."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.models import OutboxMessage, Revision, User, utcnow
from portal.testing import csrf, form_with, login, plugin_pages, pages_linking_to_themselves, text_of

from portal.models import Follow  # a group's followers are the core's follows

from plugins.working_groups.models import GroupPage, Invitation, JoinRequest, Membership, PageComment, WorkingGroup

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\x0bIDATx\x9cc\xf8\x0f\x04\x00\t\xfb\x03\xfd\xfb^k+\x00\x00\x00\x00IEND\xaeB`\x82")


def outbox(db):
    with db() as s:
        return [(m.recipient, m.subject, m.body) for m in s.scalars(select(OutboxMessage).order_by(OutboxMessage.id))]


def page_row(db, page_id):
    with db() as s:
        page = s.get(GroupPage, page_id)
        return {"title": page.title, "body": page.body, "revision": page.revision,
                "revisions": s.scalar(select(func.count(Revision.id)).where(Revision.content_id == page_id))}


@pytest.fixture
def people(world):
    return {
        "coord": world.person("coord@example.org", name="Carla Coordinator", member=("Porto Alegre", "BR", "latin-america-caribbean")),
        "ana": world.person("ana@example.org", name="Ana Member", member=("Barcelona", "ES", "europe")),
        "bob": world.person("bob@example.org", name="Bob Member"),
        "out": world.person("out@example.org", name="Olga Outsider", member=("Dakar", "SN", "africa")),
    }


# --- groups -----------------------------------------------------------------------------------------

def test_a_member_starts_a_group_and_coordinates_it(world, people):
    b = world.browser("ana@example.org")
    form = b.get("/groups").click("Start a working group").forms["deform"]
    form["name"] = "Local Observatories of Participatory Democracy"
    form["purpose"] = "<p>Redefining the <strong>observatories</strong>.</p><script>alert(1)</script>"
    form["visibility"] = "members"
    res = form.submit("save", status=302).follow()
    text = text_of(res.text)
    assert "Local Observatories of Participatory Democracy" in text
    assert "Redefining the <strong>observatories</strong>." in res.text and "<script>" not in res.text
    assert "You coordinate this group" in text and "Members only" in text
    assert "Ana Member" in text and "Barcelona" in text  # members with their organisations
    with world.db() as s:
        group = s.scalar(select(WorkingGroup))
        assert [(m.user.email, m.role) for m in group.memberships] == [("ana@example.org", "coordinator")]
        assert f"group:working-group-{group.id}" in s.get(User, people["ana"]).principals


def test_an_invalid_group_form_keeps_what_was_typed(world, people):
    b = world.browser("ana@example.org")
    form = b.get("/groups/add").forms["deform"]
    form["name"] = ""
    form["purpose"] = "<p>My long purpose text</p>"
    res = form.submit("save", status=400)
    assert "My long purpose text" in res.text and "Required" in res.text


def test_people_without_a_member_role_cannot_start_groups(world, people):
    world.person("visitor@example.org", role=None)
    b = world.browser("visitor@example.org")
    b.get("/groups/add", status=403)
    world.browser().get("/groups/add", status=302)  # anonymous: asked to log in


def test_group_page_shows_purpose_members_pages_and_activity(world, people):
    gid = world.group("Observatories", people["coord"], [people["ana"]])
    pid = world.page(gid, "Charter", "<p>The charter.</p>", people["ana"])
    world.page(gid, "Indicators", "<p>Detail.</p>", people["coord"], parent=pid)
    res = world.browser().get(f"/groups/{gid}")
    text = text_of(res.text)
    assert "Purpose of Observatories." in text
    assert "Carla Coordinator Porto Alegre Coordinator" in text and "Ana Member Barcelona Member" in text
    assert text.index("Charter") < text.index("· Indicators")  # the tree: Indicators under Charter
    assert "Ana Member created Charter" in text and "Carla Coordinator created Indicators" in text


def test_members_only_group_shows_its_purpose_and_coordinators_but_not_its_pages(world, people):
    gid = world.group("Closed", people["coord"], [people["ana"]], visibility="members")
    world.page(gid, "Secret agenda", "<p>x</p>", people["ana"])
    res = world.browser("out@example.org").get(f"/groups/{gid}")
    text = text_of(res.text)
    assert "Purpose of Closed." in text and "Carla Coordinator" in text
    assert "Secret agenda" not in text and "Ana Member" not in text
    assert "The pages of this group are for its members only." in text
    assert "Secret agenda" in world.browser("ana@example.org").get(f"/groups/{gid}").text


# --- joining --------------------------------------------------------------------------------------

def test_asking_to_join_then_a_coordinator_accepts(world, people, db):
    gid = world.group("Observatories", people["coord"], visibility="members")
    out = world.browser("out@example.org")
    form = out.get(f"/groups/{gid}").click("Ask to join").forms["deform"]
    form["message"] = "I run the observatory of Dakar."
    res = form.submit("send", status=302).follow()
    assert "Your request to join was sent to the coordinators." in res.text
    assert "Ask to join" not in res.text and "waiting for a coordinator" in res.text
    [(to, subject, body)] = outbox(db)
    assert to == "coord@example.org" and "Observatories" in subject and "I run the observatory of Dakar." in body

    coord = world.browser("coord@example.org")
    page = coord.get(f"/groups/{gid}/members")
    assert "Olga Outsider" in page.text and "I run the observatory of Dakar." in page.text
    with db() as s:
        request_id = s.scalar(select(JoinRequest.id))
    coord.post(f"/groups/{gid}/requests/{request_id}", {"decision": "accept", "csrf_token": csrf(coord)}, status=302)
    assert outbox(db)[-1][0] == "out@example.org" and "accepted" in outbox(db)[-1][2]
    res = out.get(f"/groups/{gid}")
    assert "You are a member" in res.text and "New page" in res.text
    # answering twice does nothing more
    coord.post(f"/groups/{gid}/requests/{request_id}", {"decision": "decline", "csrf_token": csrf(coord)}, status=302)
    with db() as s:
        assert s.get(JoinRequest, request_id).status == "accepted"


def test_a_declined_request_leaves_the_person_outside(world, people, db):
    gid = world.group("Observatories", people["coord"], visibility="members")
    with db() as s:
        s.add(JoinRequest(group_id=gid, user_id=people["out"], message=""))
    with db() as s:
        request_id = s.scalar(select(JoinRequest.id))
    coord = world.browser("coord@example.org")
    coord.post(f"/groups/{gid}/requests/{request_id}", {"decision": "decline", "csrf_token": csrf(coord)}, status=302)
    assert "declined" in outbox(db)[-1][2]
    with db() as s:
        assert s.scalar(select(Membership).where(Membership.user_id == people["out"])) is None


def test_coordinators_manage_members_and_roles(world, people, db):
    gid = world.group("Observatories", people["coord"], [people["ana"], people["bob"]])
    coord = world.browser("coord@example.org")
    token = csrf(coord)
    coord.post(f"/groups/{gid}/members/{people['ana']}", {"action": "coordinator", "csrf_token": token}, status=302)
    coord.post(f"/groups/{gid}/members/{people['bob']}", {"action": "remove", "csrf_token": token}, status=302)
    with db() as s:
        group = s.get(WorkingGroup, gid)
        assert sorted((m.user.email, m.role) for m in group.memberships) == [
            ("ana@example.org", "coordinator"), ("coord@example.org", "coordinator")]
        assert f"group:working-group-{gid}" not in s.get(User, people["bob"]).principals
    # a member who is not coordinator cannot manage
    bob_in = world.group("Other", people["coord"], [people["bob"]])
    bob = world.browser("bob@example.org")
    bob.get(f"/groups/{bob_in}/members", status=403)
    bob.post(f"/groups/{bob_in}/members/{people['coord']}", {"action": "remove", "csrf_token": csrf(bob)}, status=403)


def test_the_last_coordinator_cannot_be_removed_or_demoted(world, people, db):
    gid = world.group("Observatories", people["coord"], [people["ana"]])
    coord = world.browser("coord@example.org")
    res = coord.post(f"/groups/{gid}/members/{people['coord']}", {"action": "member", "csrf_token": csrf(coord)},
                     status=302).follow()
    assert "at least one coordinator" in res.text
    res = coord.post(f"/groups/{gid}/leave", {"csrf_token": csrf(coord)}, status=302).follow()
    assert "only coordinator" in res.text
    with db() as s:
        assert s.get(WorkingGroup, gid).coordinator_ids() == [people["coord"]]


def test_a_member_leaves(world, people, db):
    gid = world.group("Observatories", people["coord"], [people["ana"]], visibility="members")
    ana = world.browser("ana@example.org")
    ana.post(f"/groups/{gid}/leave", {"csrf_token": csrf(ana)}, status=302)
    with db() as s:
        assert s.get(WorkingGroup, gid).membership_of(s.get(User, people["ana"])) is None
        assert s.scalar(select(Follow).where(Follow.user_id == people["ana"])) is None


# --- invitations ----------------------------------------------------------------------------------

def invite(world, gid, emails, role="member"):
    coord = world.browser("coord@example.org")
    form = coord.get(f"/groups/{gid}/members").forms["deform"]
    form["emails"] = emails
    form["role"] = role
    return form.submit("invite", status="*")


def invitation_link(db, address):
    for to, subject, body in outbox(db):
        if to == address:
            return re.search(r"http://portal\.test(/groups/invitations/\S+)", body).group(1)
    raise AssertionError(f"no invitation to {address}")


def test_an_invited_person_without_account_creates_one_and_joins(world, people, db):
    gid = world.group("Observatories", people["coord"], visibility="members")
    invite(world, gid, "new.person@example.org\n").follow()
    link = invitation_link(db, "new.person@example.org")
    token = link.rsplit("/", 1)[1]
    assert len(token) >= 43  # 32 random bytes, url-safe: 256 bits
    with db() as s:
        stored = s.scalar(select(Invitation))
        assert token not in stored.token_hash and stored.expires - stored.created == timedelta(days=14)

    newcomer = world.browser()
    form = newcomer.get(link).forms["deform"]
    form["name"] = "Nadia Newcomer"
    form["password"] = "short"
    form["password-confirm"] = "short"
    res = form.submit("create", status=400)
    assert "Nadia Newcomer" in res.text  # what was typed is kept
    form = res.forms["deform"]
    form["password"] = "a-long-enough-password"
    form["password-confirm"] = "a-long-enough-password"
    res = form.submit("create", status=302).follow()
    assert "Welcome to the working group" in res.text and "You are a member" in res.text
    with db() as s:
        user = s.scalar(select(User).where(User.email == "new.person@example.org"))
        assert user.name == "Nadia Newcomer"
        assert s.get(WorkingGroup, gid).membership_of(user).role == "member"
        assert user.role is None, "a group's guest is not made a member representative of the network"
    newcomer.get("/experiences/add", status=403)

    # the same link again: a clear message, nothing changes
    res = world.browser().get(link, status=410)
    assert "This invitation was already used" in text_of(res.text)
    assert "deform" not in res.forms


def test_an_expired_invitation_says_so(world, people, db):
    gid = world.group("Observatories", people["coord"])
    invite(world, gid, "late@example.org")
    link = invitation_link(db, "late@example.org")
    with db() as s:
        s.scalar(select(Invitation)).expires = utcnow() - timedelta(minutes=1)
    res = world.browser().get(link, status=410)
    assert "This invitation expired on" in text_of(res.text)
    res = world.browser().post(link, {"name": "X", "password": "a-long-enough-password",
                                      "password-confirm": "a-long-enough-password", "create": "1"}, status="*")
    with db() as s:
        assert s.scalar(select(User).where(User.email == "late@example.org")) is None


def test_an_unknown_invitation_link_is_not_found(world):
    res = world.browser().get("/groups/invitations/not-a-real-token", status=404)
    assert "This invitation link is not valid." in res.text


def test_an_invitation_to_an_existing_account_asks_to_log_in_then_accepts(world, people, db):
    gid = world.group("Observatories", people["coord"], visibility="members")
    invite(world, gid, "bob@example.org", role="coordinator")
    link = invitation_link(db, "bob@example.org")
    res = world.browser().get(link)
    assert "Log in" in res.text and "deform" not in res.forms
    bob = world.browser("bob@example.org")
    res = bob.get(link)
    res.forms["accept-invitation"].submit("accept", status=302)
    with db() as s:
        assert s.get(WorkingGroup, gid).membership_of(s.get(User, people["bob"])).role == "coordinator"
    bob.post(link, {"accept": "1", "csrf_token": csrf(bob)}, status=410)


def test_an_invitation_is_accepted_only_by_the_account_with_its_address(world, people, db):
    """Issue 12 point 5: any logged-in account could accept an invitation sent to another address,
    and so became a coordinator of a members-only group. Now the other account is told what to do
    (log out and open the link again, or ask for an invitation of its own) and nothing changes."""
    gid = world.group("Observatories", people["coord"], visibility="members")
    invite(world, gid, "bob@example.org", role="coordinator")
    link = invitation_link(db, "bob@example.org")
    olga = world.browser("out@example.org")
    res = olga.get(link, status=403)
    text = text_of(res.text)
    assert "This invitation was sent to another address" in text and "log out and open the link again" in text
    assert "out@example.org" in text and "accept-invitation" not in res.forms
    olga.post(link, {"accept": "1", "csrf_token": csrf(olga)}, status=403)
    olga.get(f"/groups/{gid}/members", status=404)  # she did not get behind the group's door
    with db() as s:
        group, invitation = s.get(WorkingGroup, gid), s.scalar(select(Invitation))
        assert group.membership_of(s.get(User, people["out"])) is None
        assert invitation.used is None and invitation.used_by_id is None
    res = olga.get(link, {"_LOCALE_": "es"}, status=403)
    assert "Esta invitación se envió a otra dirección" in text_of(res.text)
    bob = world.browser("bob@example.org")  # the invited account still accepts it
    bob.get(link).forms["accept-invitation"].submit("accept", status=302)
    with db() as s:
        assert s.get(WorkingGroup, gid).membership_of(s.get(User, people["bob"])).role == "coordinator"


def test_an_invitation_matches_its_address_whatever_the_case(world, people, db):
    gid = world.group("Observatories", people["coord"])
    invite(world, gid, "Bob@Example.org")
    bob = world.browser("bob@example.org")
    bob.get(invitation_link(db, "bob@example.org")).forms["accept-invitation"].submit("accept", status=302)
    with db() as s:
        assert s.get(WorkingGroup, gid).membership_of(s.get(User, people["bob"])) is not None


def test_inviting_a_wrong_address_keeps_the_list(world, people, db):
    gid = world.group("Observatories", people["coord"])
    res = invite(world, gid, "good@example.org\nnot-an-address")
    assert res.status_int == 400
    assert "Not an e-mail address: not-an-address" in res.text and "good@example.org" in res.text
    assert outbox(db) == []


def test_a_coordinator_withdraws_an_invitation(world, people, db):
    gid = world.group("Observatories", people["coord"])
    invite(world, gid, "maybe@example.org")
    link = invitation_link(db, "maybe@example.org")
    with db() as s:
        inv_id = s.scalar(select(Invitation.id))
    coord = world.browser("coord@example.org")
    coord.post(f"/groups/{gid}/invitations/{inv_id}/withdraw", {"csrf_token": csrf(coord)}, status=302)
    assert "expired" in text_of(world.browser().get(link, status=410).text)


# --- pages, revisions, history, restore -----------------------------------------------------------

def test_members_write_pages_with_revisions_history_compare_and_restore(world, people, db):
    gid = world.group("Observatories", people["coord"], [people["ana"]])
    ana = world.browser("ana@example.org")
    form = ana.get(f"/groups/{gid}").click("New page").forms["deform"]
    form["title"] = "Charter"
    form["body"] = "<p>First paragraph.</p><p>Second paragraph.</p><script>steal()</script>"
    res = form.submit("save", status=302).follow()
    url = res.request.path
    assert "First paragraph." in res.text and "steal()" not in res.text

    form = ana.get(url + "/edit").forms["deform"]
    form["body"] = "<p>First paragraph, improved.</p><p>Second paragraph.</p>"
    form["comment"] = "Clearer opening"
    form.submit("save", status=302)

    history = ana.get(url + "/history")
    text = text_of(history.text)
    assert "Clearer opening" in text and "Ana Member" in text
    compare = history.forms["compare"].submit()  # defaults: the two latest
    assert "Changes from revision 1 to 2" in text_of(compare.text)
    assert "<del>paragraph.</del>" in compare.text and "<ins>paragraph, improved.</ins>" in compare.text

    ana.post(url + "/restore", {"revision": "1", "csrf_token": csrf(ana)}, status=302)
    page_id = int(url.rsplit("/", 1)[1])
    row = page_row(db, page_id)
    assert row["body"] == "<p>First paragraph.</p><p>Second paragraph.</p>"
    assert row["revisions"] == 3 and row["revision"] == 3  # restoring is a new revision
    assert "Restored revision 1" in ana.get(url + "/history").text
    assert f'href="{url}">Charter</a>' in ana.get("/account").text  # "what you wrote" links to it


def test_pages_form_a_tree_and_link_to_each_other(world, people, db):
    gid = world.group("Observatories", people["coord"], [people["ana"]])
    parent = world.page(gid, "Charter", "<p>x</p>", people["ana"])
    ana = world.browser("ana@example.org")
    form = ana.get(f"/groups/pages/{parent}").click("Add a page under this one").forms["deform"]
    assert form["parent_id"].value == str(parent)
    form["title"] = "Indicators"
    form["body"] = "<p>See the [[charter]] and [[No such page]].</p>"
    res = form.submit("save", status=302).follow()
    assert f'<a href="/groups/pages/{parent}" rel="noopener noreferrer">charter</a>' in res.text
    assert "[[No such page]]" in res.text
    child = int(res.request.path.rsplit("/", 1)[1])
    charter = ana.get(f"/groups/pages/{parent}")
    assert "Pages under this one" in charter.text and "Pages linking here" in charter.text
    # a page cannot go under itself or under its own child
    form = ana.get(f"/groups/pages/{parent}/edit").forms["deform"]
    assert str(child) not in [v for v, *_ in form["parent_id"].options]
    res = ana.post(f"/groups/pages/{parent}/edit", {"title": "Charter", "body": "<p>x</p>", "parent_id": str(child),
                                                   "base_revision": "1", "save": "1", "csrf_token": csrf(ana)},
                   status=400)
    assert page_row(db, parent)["revisions"] == 1


def test_attachments_on_pages_are_for_members_to_add(world, people, db):
    gid = world.group("Closed", people["coord"], [people["ana"]], visibility="members")
    pid = world.page(gid, "Agenda", "<p>x</p>", people["ana"])
    ana = world.browser("ana@example.org")
    ana.post(f"/content/{pid}/files", {"csrf_token": csrf(ana), "title": "Photo"},
             upload_files=[("file", "photo.png", PNG)], status=302)
    res = ana.get(f"/groups/pages/{pid}")
    file_url = re.search(r'src="(/files/[^"]+)"', res.text).group(1)
    ana.get(file_url, status=200)
    out = world.browser("out@example.org")
    out.get(file_url, status=404)
    # as for the page itself: not found (a 403 told outsiders that the page exists)
    out.post(f"/content/{pid}/files", {"csrf_token": csrf(out)}, upload_files=[("file", "x.png", PNG)], status=404)
    ana.post(f"/content/{pid}/files", {"csrf_token": csrf(ana)}, upload_files=[("file", "x.exe", b"MZ\x90\x00")],
             status=415)


def test_a_non_member_editing_a_page_gets_403_and_nothing_changes(world, people, db):
    gid = world.group("Observatories", people["coord"], [people["ana"]])
    pid = world.page(gid, "Charter", "<p>Original.</p>", people["ana"])
    out = world.browser("out@example.org")
    out.get(f"/groups/pages/{pid}", status=200)  # a public group: anyone reads
    out.get(f"/groups/pages/{pid}/edit", status=403)
    out.post(f"/groups/pages/{pid}/edit", {"title": "Hacked", "body": "<p>Hacked.</p>", "base_revision": "1",
                                          "save": "1", "csrf_token": csrf(out)}, status=403)
    out.post(f"/groups/pages/{pid}/restore", {"revision": "1", "csrf_token": csrf(out)}, status=403)
    out.get(f"/groups/{gid}/pages/add", status=403)
    assert page_row(db, pid) == {"title": "Charter", "body": "<p>Original.</p>", "revision": 1, "revisions": 1}


def test_members_only_pages_are_not_found_for_members_of_other_groups(world, people, db):
    gid_a = world.group("Group A", people["coord"], [people["out"]])
    gid_b = world.group("Group B", people["coord"], [people["ana"]], visibility="members")
    pid = world.page(gid_b, "Budget of B", "<p>Confidential.</p>", people["ana"])
    out = world.browser("out@example.org")  # member of A only
    for path in (f"/groups/pages/{pid}", f"/groups/pages/{pid}/edit", f"/groups/pages/{pid}/history",
                 f"/groups/{gid_b}/pages/add", f"/groups/pages/{pid}/delete"):
        res = out.get(path, status=404)
        assert "Confidential" not in res.text and "Budget of B" not in res.text
    out.post(f"/groups/pages/{pid}/comments", {"text": "hi", "csrf_token": csrf(out)}, status=404)
    anonymous = world.browser()
    assert anonymous.get(f"/groups/pages/{pid}", status=302).location.startswith("http://portal.test/login")
    assert "Confidential." in world.browser("ana@example.org").get(f"/groups/pages/{pid}").text
    assert gid_a


# --- concurrent edits -----------------------------------------------------------------------------

BASE = "<h2>Charter</h2><p>The observatory follows the processes.</p><p>It meets twice a year.</p>"


def open_editor(browser, pid):
    return browser.get(f"/groups/pages/{pid}/edit").forms["deform"]


def test_two_people_editing_different_passages_are_merged_and_told(world, people, db):
    gid = world.group("Observatories", people["coord"], [people["ana"], people["bob"]])
    pid = world.page(gid, "Charter", BASE, people["coord"])
    ana, bob = world.browser("ana@example.org"), world.browser("bob@example.org")
    form_a, form_b = open_editor(ana, pid), open_editor(bob, pid)  # both start from revision 1
    form_a["body"] = BASE.replace("follows the processes", "follows the participatory processes")
    form_a.submit("save", status=302)
    form_b["body"] = BASE.replace("twice a year", "three times a year")
    form_b["comment"] = "More meetings"
    res = form_b.submit("save", status=302).follow()
    text = text_of(res.text)
    assert "While you were editing, Ana Member saved this page (revision 2)" in text
    assert "both were kept" in text
    assert "follows the participatory processes" in text and "three times a year" in text
    compare = res.click("See what changed since the revision you started from")
    assert "Changes from revision 1 to 3" in text_of(compare.text)
    assert "<ins>three times</ins>" in compare.text and "<ins>participatory</ins>" in compare.text
    row = page_row(db, pid)
    assert "participatory processes" in row["body"] and "three times a year" in row["body"]
    assert row["revisions"] == 3 and row["revision"] == 3


def test_overlapping_edits_are_shown_side_by_side_and_nothing_is_lost(world, people, db):
    gid = world.group("Observatories", people["coord"], [people["ana"], people["bob"]])
    pid = world.page(gid, "Charter", BASE, people["coord"])
    ana, bob = world.browser("ana@example.org"), world.browser("bob@example.org")
    form_a, form_b = open_editor(ana, pid), open_editor(bob, pid)
    form_a["body"] = BASE.replace("It meets twice a year.", "It meets every month.") \
        .replace("follows", "watches")
    form_a.submit("save", status=302)
    saved_by_ana = page_row(db, pid)["body"]
    mine = BASE.replace("It meets twice a year.", "It meets when its members decide, at least once a year.")
    form_b["body"] = mine
    form_b["title"] = "Charter of the observatories"
    res = form_b.submit("save", status=409)
    text = text_of(res.text)
    assert "Someone else changed the same passages" in text and "Ana Member" in text
    assert "every month." in text and "at least once a year" in text  # theirs, beside mine
    form = res.forms["deform"]
    # the form keeps Bob's own text, Ana's other change merged in, and now starts from revision 2
    assert "It meets when its members decide, at least once a year." in form["body"].value
    assert "watches the processes" in form["body"].value
    assert form["title"].value == "Charter of the observatories"
    assert form["base_revision"].value == "2"
    assert page_row(db, pid)["body"] == saved_by_ana  # nothing was overwritten
    # Bob resolves (keeps both ideas) and saves: no more conflict
    form["body"] = form["body"].value.replace("at least once a year.", "at least once a year (monthly in practice).")
    res = form.submit("save", status=302).follow()
    row = page_row(db, pid)
    assert "monthly in practice" in row["body"] and "watches the processes" in row["body"]
    assert row["title"] == "Charter of the observatories" and row["revisions"] == 3


def test_a_save_that_loses_the_race_merges_instead_of_overwriting(world, people, db, monkeypatch):
    """Between reading the latest revision and writing, another save lands: the revision counter
    moves in one UPDATE, so the late save sees it, merges and keeps both."""
    from plugins.working_groups import services
    from portal.content import service as content_service
    gid = world.group("Observatories", people["coord"], [people["ana"]])
    pid = world.page(gid, "Charter", BASE, people["coord"])
    ana = world.browser("ana@example.org")
    form = open_editor(ana, pid)
    real_claim = content_service.claim_revision
    sneaked = []

    def claim_after_a_concurrent_save(session, page, expected):
        if not sneaked:
            sneaked.append(1)
            with world.db() as other:  # another request commits a revision right now
                p = other.get(GroupPage, pid)
                p.body = p.body.replace("twice a year", "in spring and autumn")
                assert real_claim(other, p, p.revision)
                other.flush()
                services.record_page_revision(other, p, other.get(User, people["coord"]))
        return real_claim(session, page, expected)
    monkeypatch.setattr(content_service, "claim_revision", claim_after_a_concurrent_save)
    form["body"] = BASE.replace("follows", "watches")
    form.submit("save", status=302)
    row = page_row(db, pid)
    assert "watches" in row["body"] and "in spring and autumn" in row["body"]
    assert row["revisions"] == 3 and row["revision"] == 3


# --- comments -------------------------------------------------------------------------------------

def test_a_refused_comment_comes_back_on_its_page_with_what_was_typed(world, people, db):
    gid = world.group("Observatories", people["coord"], [people["ana"]])
    pid = world.page(gid, "Charter", "<p>The charter's own text.</p>", people["coord"])
    ana = world.browser("ana@example.org")
    form = ana.get(f"/groups/pages/{pid}").forms["deform"]
    assert form.action == f"/groups/pages/{pid}/comments"
    form["text"] = "A long thought. " * 400  # over the 5000 characters a comment may have
    res = form.submit("comment", status=400)
    assert "The charter's own text." in res.text, "the page itself, not a bare form"
    again = res.forms["deform"]
    assert again.action == f"/groups/pages/{pid}/comments"
    assert again["text"].value.startswith("A long thought. A long thought.")
    with db() as s:
        assert s.scalars(select(PageComment)).all() == []


def test_comments_are_visible_to_readers_and_written_by_members(world, people, db):
    gid = world.group("Observatories", people["coord"], [people["ana"]])
    pid = world.page(gid, "Charter", "<p>x</p>", people["coord"])
    ana = world.browser("ana@example.org")
    form = ana.get(f"/groups/pages/{pid}").forms["deform"]
    form["text"] = ""
    assert "Required" in form.submit("comment", status=400).text
    form["text"] = "Shall we add youth indicators?\nI can draft them. <b>bold?</b>"
    res = form.submit("comment", status=302).follow()
    assert "Shall we add youth indicators?" in res.text and "&lt;b&gt;bold?&lt;/b&gt;" in res.text
    assert "Shall we add youth indicators?" in world.browser().get(f"/groups/pages/{pid}").text
    out = world.browser("out@example.org")
    assert "deform" not in out.get(f"/groups/pages/{pid}").forms  # reads, cannot comment
    out.post(f"/groups/pages/{pid}/comments", {"text": "spam", "csrf_token": csrf(out)}, status=403)
    with db() as s:
        assert [c.text.split("\n")[0] for c in s.scalars(select(PageComment))] == ["Shall we add youth indicators?"]


def test_deleting_a_page_keeps_the_pages_under_it(world, people, db):
    gid = world.group("Observatories", people["coord"], [people["ana"]])
    parent = world.page(gid, "Charter", "<p>x</p>", people["ana"])
    child = world.page(gid, "Annex", "<p>y</p>", people["ana"], parent=parent)
    world.browser("ana@example.org").get(f"/groups/pages/{parent}/delete", status=403)  # coordinators delete
    coord = world.browser("coord@example.org")
    coord.get(f"/groups/pages/{parent}/delete").forms["delete-form"].submit("delete", status=302)
    coord.get(f"/groups/pages/{parent}", status=404)
    with db() as s:
        assert s.get(GroupPage, child).parent_id is None


# --- search ---------------------------------------------------------------------------------------

def search_keys(browser, words, **params):
    return {hit["key"] for hit in browser.get("/search.json", {"q": words, **params}).json["results"]}


@pytest.mark.parametrize("search_backend", ["whoosh", "postgresql"], indirect=True)
def test_search_finds_pages_for_those_who_may_read_them_with_a_group_facet(world, people, db, search_backend):
    gid_pub = world.group("Open group", people["coord"], [people["ana"]])
    gid_closed = world.group("Closed group", people["coord"], [people["ana"]], visibility="members")
    gid_other = world.group("Other group", people["coord"], [people["out"]], visibility="members")
    public = world.page(gid_pub, "Zanzibarian indicators", "<p>Zanzibarian public text.</p>", people["ana"])
    closed = world.page(gid_closed, "Zanzibarian budget", "<p>Zanzibarian closed text.</p>", people["ana"])
    world.page(gid_other, "Elsewhere", "<p>nothing</p>", people["out"])
    anonymous, out, ana = world.browser(), world.browser("out@example.org"), world.browser("ana@example.org")
    assert search_keys(anonymous, "Zanzibarian") == {f"group_page:{public}"}
    assert search_keys(out, "Zanzibarian") == {f"group_page:{public}"}
    assert search_keys(ana, "Zanzibarian") == {f"group_page:{public}", f"group_page:{closed}"}
    # the facet: counts only what the visitor may read, labelled with the group's name
    facets = out.get("/search.json", {"q": "Zanzibarian"}).json["facets"]
    assert facets["group"] == {str(gid_pub): 1}
    assert search_keys(ana, "Zanzibarian", group=str(gid_closed)) == {f"group_page:{closed}"}
    assert search_keys(out, "Zanzibarian", group=str(gid_closed)) == set()
    html = out.get("/search", {"q": "Zanzibarian"}).text
    assert "Zanzibarian budget" not in html and "Closed group" not in html
    html = ana.get("/search", {"q": "Zanzibarian"}).text
    assert "Closed group" in html and "Working group page" in html
    ana.get("/search.json", {"group": "nonsense"}, status=400)
    # a group that closes takes its pages out of the public's results
    coord = world.browser("coord@example.org")
    form = coord.get(f"/groups/{gid_pub}/edit").forms["deform"]
    form["visibility"] = "members"
    form.submit("save", status=302)
    assert search_keys(anonymous, "Zanzibarian") == set()
    assert f"group_page:{public}" in search_keys(ana, "Zanzibarian")
    # a member removed no longer finds the pages
    coord.post(f"/groups/{gid_closed}/members/{people['ana']}", {"action": "remove", "csrf_token": csrf(coord)},
               status=302)
    assert f"group_page:{closed}" not in search_keys(ana, "Zanzibarian")


# --- follow, digest -------------------------------------------------------------------------------

def test_following_chooses_daily_or_weekly(world, people, db):
    gid = world.group("Observatories", people["coord"], [people["ana"]])
    ana = world.browser("ana@example.org")
    form = ana.get(f"/groups/{gid}").click("Following: weekly digest").forms["deform"]
    form["frequency"] = "daily"
    res = form.submit("save", status=302).follow()
    assert "Following: daily digest" in res.text
    form = ana.get(f"/groups/{gid}/follow").forms["deform"]
    form.submit("stop", status=302)
    with db() as s:
        assert s.scalar(select(Follow).where(Follow.user_id == people["ana"])) is None
    out = world.browser("out@example.org")  # a public group: anyone logged in may follow it
    form = out.get(f"/groups/{gid}/follow").forms["deform"]
    form.submit("save", status=302)
    closed = world.group("Closed", people["coord"], visibility="members")
    out.get(f"/groups/{closed}/follow", status=404)  # behind a members-only group's door
    world.browser().get(f"/groups/{gid}/follow", status=302)


# --- sections -------------------------------------------------------------------------------------

def test_member_profile_and_region_list_the_working_groups(world, people, db, registry):
    gid = world.group("Observatories", people["coord"], [people["ana"]])
    closed = world.group("Closed", people["coord"], visibility="members")
    from pyramid.scripting import prepare
    from portal.models import Member
    with db() as s:
        porto = s.scalar(select(Member).where(Member.name == "Porto Alegre"))
        env = prepare(registry=registry)
        request = env["request"]
        request.dbsession = s
        request.user = None
        sections = dict((sec.name, items) for sec, items in registry.portal.sections("member", request, porto))
        assert sections["working-groups"] == [{"title": "Observatories", "url": f"/groups/{gid}",
                                               "note": "Carla Coordinator"}]
        region = dict((sec.name, items) for sec, items in
                      registry.portal.sections("region", request, "latin-america-caribbean"))
        assert region["working-groups"] == [{"title": "Carla Coordinator (Porto Alegre)", "url": f"/groups/{gid}",
                                             "note": "Observatories"}]
        env["closer"]()
    assert closed
    profile = world.browser().get(f"/members/{porto.id}")
    assert "Observatories" in profile.text and "Closed" not in text_of(profile.text)


def test_demo_data_makes_groups_that_open(world, people, db, registry):
    from pyramid.scripting import prepare
    from plugins.working_groups.demo import create_demo_groups
    world.person("admin@example.org", role="secretariat", name="Secretariat")
    with db() as s:
        env = prepare(registry=registry)
        env["request"].dbsession = s
        create_demo_groups(env["request"])
        env["closer"]()
    with db() as s:
        groups = {g.name: g.id for g in s.scalars(select(WorkingGroup))}
    assert set(groups) == {"Local Observatories of Participatory Democracy", "Plenary preparation"}
    res = world.browser().get(f"/groups/{groups['Local Observatories of Participatory Democracy']}")
    assert "Charter of the observatories" in res.text and "Indicators in detail" in res.text
    charter = res.click("Charter of the observatories", index=0)
    assert "Should we add an indicator" in charter.text
    assert "Plenary preparation" in world.browser().get("/groups").text


@pytest.mark.parametrize("lang,words", [("es", "Grupos de trabajo"), ("fr", "Groupes de travail"),
                                        ("pt", "Grupos de trabalho")])
def test_the_group_pages_speak_the_visitors_language(world, people, lang, words):
    gid = world.group("Observatories", people["coord"], [people["ana"]])
    world.page(gid, "Charter", "<p>x</p>", people["ana"])
    browser = world.browser()
    assert words in text_of(browser.get("/groups", {"_LOCALE_": lang}).text)
    page = text_of(browser.get(f"/groups/{gid}", {"_LOCALE_": lang}).text)
    assert {"es": "Actividad reciente", "fr": "Activité récente", "pt": "Atividade recente"}[lang] in page


def test_no_breadcrumb_links_a_page_to_itself(world, people, db, registry):
    """Issue 16: on every page of the plugin, the current page ends the breadcrumbs as plain text."""
    from plugins.working_groups import services
    gid = world.group("Observatories", people["coord"], [people["ana"]])
    pid = world.page(gid, "Charter", "<p>x</p>", people["ana"])
    world.page(gid, "Indicators", "<p>y</p>", people["ana"], parent=pid)
    with db() as s:
        _invitation, token = services.new_invitation(s, s.get(WorkingGroup, gid), "coord@example.org")
    pages = plugin_pages(registry, "working_groups", lambda pattern: {
        "id": pid if "/pages/{id" in pattern else gid, "token": token})
    coord = world.browser("coord@example.org")
    seen, wrong = pages_linking_to_themselves(coord, pages + [f"/groups/pages/{pid}/history?a=1&b=1"])
    assert wrong == [] and seen >= 12


def test_a_groups_name_and_purpose_can_be_given_in_each_language(testapp, make_user, db):
    from plugins.working_groups.models import WorkingGroup
    make_user("sec@example.org", role="secretariat")
    login(testapp, "sec@example.org")
    typed = {"name": "Youth participation", "name-es": "Participación juvenil",
             "purpose": "<p>Young people decide.</p>", "purpose-fr": "<p>Les jeunes décident.</p>"}
    url = form_with(testapp, "/groups/add", **typed).submit("save", status=302).follow().request.path
    with db() as s:
        group = s.query(WorkingGroup).one()
        assert group.name == "Youth participation"
        assert group.translations == {"name": {"es": "Participación juvenil"}, "purpose": {"fr": "<p>Les jeunes décident.</p>"}}
    es = testapp.get(url, params={"_LOCALE_": "es"})
    assert es.html.h1.get_text(strip=True) == "Participación juvenil"
    assert "Young people decide." in es.text and es.html.select_one(".untranslated-note") is not None
    fr = testapp.get(url, params={"_LOCALE_": "fr"})
    assert fr.html.h1.get_text(strip=True) == "Youth participation" and "Les jeunes décident." in fr.text
    assert "Participación juvenil" in testapp.get("/groups", params={"_LOCALE_": "es"}).text
    edit = testapp.get(f"{url}/edit").forms["deform"]
    assert edit["name-es"].value == "Participación juvenil"  # the form shows what was given
    form = testapp.get("/groups/add", params={"_LOCALE_": "en"}).forms["deform"]
    form["name-es"] = "Sin nombre en inglés"
    assert "Write the text in English" in text_of(form.submit("save", status=400).text)

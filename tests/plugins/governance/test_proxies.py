"""Proxies: given by a representative to another member organisation for one meeting, refused with the
rule's name (to itself, to a non-member, over the statutory limit), its letter a PDF signed and uploaded
back, checked by the secretariat; the history keeps a refused proxy."""
import award_documents
from webtest import Upload

from governance_helpers import add_meeting, add_members, as_rep
from portal.testing import client, login, text_of

def give(app, db, meeting_id, giver, holder, status=302):
    rep = as_rep(client(app, address=f"192.0.2.{giver % 200 + 20}"), db, giver)
    form = rep.get(f"/governance/meetings/{meeting_id}/proxy").forms["deform"]
    form["holder_id"] = str(holder)
    return rep, form.submit("give", status=status)


def test_refusals_name_the_rule(app, db, at):
    members = add_members(db, 5)
    from portal.api import Member
    with db() as s:
        former = Member(name="Former member", kind="city", country="PT", region="europe", status="former")
        s.add(former)
        s.flush()
        former_id = former.id
    meeting_id = add_meeting(db)
    _rep, page = give(app, db, meeting_id, members[0], members[0], status=400)
    assert "An organisation cannot give its proxy to itself." in text_of(page.text)
    _rep, page = give(app, db, meeting_id, members[0], former_id, status=400)
    assert "A proxy can only be given to a member organisation of the network." in text_of(page.text)
    give(app, db, meeting_id, members[1], members[0])
    give(app, db, meeting_id, members[2], members[0])  # the default limit: 2
    _rep, page = give(app, db, meeting_id, members[3], members[0], status=400)
    assert "The statutes allow at most 2 proxies per organisation: City 000 already holds 2." in text_of(page.text)
    assert page.forms["deform"]["holder_id"].value == str(members[0])  # what was chosen is kept
    from plugins.governance.models import Proxy
    with db() as s:
        assert sorted((p.giver_id, p.holder_id) for p in s.query(Proxy)) == [(members[1], members[0]),
                                                                             (members[2], members[0])]


def test_the_limit_is_the_statutes_setting(testapp, app, db, secretariat, at):
    members = add_members(db, 4)
    meeting_id = add_meeting(db)
    login(testapp, "sec@example.org")
    form = testapp.get("/manage/settings/governance").forms["deform"]
    form["proxy_limit"] = "1"
    form.submit("save", status=302)
    give(app, db, meeting_id, members[1], members[0])
    _rep, page = give(app, db, meeting_id, members[2], members[0], status=400)
    assert "at most 1 proxies" in text_of(page.text)


def test_letter_signed_uploaded_and_checked(testapp, app, db, secretariat, at):
    members = add_members(db, 3)
    meeting_id = add_meeting(db)
    rep, page = give(app, db, meeting_id, members[1], members[0])
    from plugins.governance.models import Proxy
    with db() as s:
        proxy_id = s.query(Proxy).one().id
    letter = rep.get(f"/governance/proxies/{proxy_id}/letter.pdf")
    assert letter.content_type == "application/pdf" and letter.body.startswith(b"%PDF")
    other = as_rep(client(app, address="192.0.2.99"), db, members[2])
    other.get(f"/governance/proxies/{proxy_id}/letter.pdf", status=403)  # not the giver's

    login(testapp, "sec@example.org")
    form = testapp.get(f"/governance/proxies/{proxy_id}/check").forms["deform"]
    page = form.submit("accept", status=400)
    assert "The signed letter has not been uploaded yet." in text_of(page.text)

    form = rep.get(f"/governance/proxies/{proxy_id}/signed").forms["deform"]
    form["add"] = Upload("signed.pdf", award_documents.pdf("Signed for City 001"))
    form.submit("upload", status=302)
    with db() as s:
        assert s.get(Proxy, proxy_id).state == "signed" and s.get(Proxy, proxy_id).letter_id
    form = testapp.get(f"/governance/proxies/{proxy_id}/check").forms["deform"]
    form.submit("accept", status=302)
    page = testapp.get(f"/governance/meetings/{meeting_id}")
    assert "City 001 City 000 checked by the secretariat" in text_of(page.text)


def test_a_refused_proxy_stays_in_the_history_and_frees_the_giver(testapp, app, db, secretariat, at):
    members = add_members(db, 3)
    meeting_id = add_meeting(db)
    give(app, db, meeting_id, members[1], members[0])
    from plugins.governance.models import Proxy
    with db() as s:
        proxy_id = s.query(Proxy).one().id
    login(testapp, "sec@example.org")
    testapp.get(f"/governance/proxies/{proxy_id}/check").forms["deform"].submit("refuse", status=302)
    give(app, db, meeting_id, members[1], members[2])
    with db() as s:
        assert [(p.holder_id, p.state) for p in s.query(Proxy).order_by(Proxy.id)] == [
            (members[0], "refused"), (members[2], "given")]

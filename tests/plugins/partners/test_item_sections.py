"""A partner appears on the pages of the events, international workshops and campaigns it co-organised:
the core's item sections (add_item_section), which neither the core nor those plugins know to be the
partners'. A draft partner, a partner only attending, or a link removed, shows nothing."""
import io
from datetime import date, datetime, timezone

from crowd_helpers import add_campaign
from partners_helpers import add_partner
from sqlalchemy import select

from portal.testing import client, csrf, login, text_of


def co_organisers(page):
    box = page.html.select_one("section.item-section")
    return text_of(str(box)) if box is not None else ""


def add_event(db, title="Second Democracine festival"):
    from plugins.events.models import Event
    with db() as s:
        event = Event(title=title, language="en", state="published", kind="other", timezone="UTC",
                      starts=datetime(2026, 10, 1, tzinfo=timezone.utc), ends=datetime(2026, 10, 3, tzinfo=timezone.utc),
                      city="Barcelona", country="ES", body="")
        s.add(event)
        s.flush()
        return event.id


def add_workshop(db):
    from plugins.workshops.models import Network
    from plugins.workshops.workshop_models import Workshop

    from portal.api import Member
    with db() as s:
        city = Member(name="Dakar", kind="city", country="SN", region="africa", status="active")
        s.add(city)
        s.flush()
        network = Network(title="Network on participatory budgeting", member_id=city.id)
        s.add(network)
        s.flush()
        workshop = Workshop(network_id=network.id, title="International workshop in Dakar", starts=date(2027, 5, 12),
                            ends=date(2027, 5, 13), city="Dakar")
        s.add(workshop)
        s.flush()
        return workshop.id


def link(db, partner_id, resource, item_id, role="co_organised"):
    from plugins.partners.models import JointActivity
    with db() as s:
        s.add(JointActivity(partner_id=partner_id, resource=resource, item_id=item_id, role=role, title="",
                            day=date(2026, 10, 1)))


def png():
    from PIL import Image
    data = io.BytesIO()
    Image.new("RGB", (120, 60), "#0b5d8a").save(data, "PNG")
    return data.getvalue()


def test_a_partner_recorded_as_co_organiser_is_on_the_event_s_page_with_its_logo(app, db, secretariat, testapp):
    partner_id = add_partner(db, title="Democracine film festival", kind="festival")
    event_id = add_event(db)
    sec = client(app, address="192.0.2.41")
    login(sec, "sec@example.org")
    form = next(f for f in sec.get(f"/partners/{partner_id}").forms.values() if f.action.endswith("/files"))
    form["file"] = ("logo.png", png())
    form["alt"] = "Logo of Democracine"
    form.submit(status=302)
    assert co_organisers(testapp.get(f"/events/{event_id}")) == ""
    form = sec.get(f"/partners/{partner_id}/activities/add").forms["deform"]
    form["role"], form["resource"], form["item_id"], form["day"] = "co_organised", "event", str(event_id), "2026-10-01"
    form.submit("save", status=302)
    page = testapp.get(f"/events/{event_id}")
    assert "Co-organised with" in co_organisers(page) and "Democracine film festival" in co_organisers(page)
    box = page.html.select_one("section.item-section")
    assert box.find("img") is not None, "the partner's logo"
    assert page.click(description="Democracine film festival").request.path == f"/partners/{partner_id}"


def test_a_campaign_and_a_workshop_show_their_co_organisers_and_only_them(db, testapp):
    uclg = add_partner(db, title="United Cities and Local Governments")
    draft = add_partner(db, title="Secret draft partner", state="draft")
    visitor = add_partner(db, title="A partner that only attended")
    campaign_id, _rewards = add_campaign(db, title="Translate the guide")
    workshop_id = add_workshop(db)
    for partner_id in (uclg, draft):
        link(db, partner_id, "campaign", campaign_id)
        link(db, partner_id, "international-workshop", workshop_id)
    link(db, visitor, "campaign", campaign_id, role="attended")
    link(db, visitor, "event", campaign_id)  # the same number, another kind of item
    for url in (f"/campaigns/{campaign_id}", f"/international-workshops/{workshop_id}"):
        box = co_organisers(testapp.get(url))
        assert "United Cities and Local Governments" in box, url
        assert "Secret draft partner" not in box and "only attended" not in box, url


def test_a_removed_link_takes_the_partner_off_the_item_s_page(app, db, secretariat, make_user, testapp):
    uclg = add_partner(db, title="United Cities and Local Governments")
    event_id = add_event(db, title="4th UCLG Congress")
    link(db, uclg, "event", event_id)
    assert "United Cities and Local Governments" in co_organisers(testapp.get(f"/events/{event_id}"))
    make_user("member@example.org", role="member")
    member = client(app, address="192.0.2.42")
    login(member, "member@example.org")
    page = member.get(f"/partners/{uclg}")
    assert not [f for f in page.forms.values() if f.action.endswith("/remove")], "no removal offered"
    from plugins.partners.models import JointActivity
    with db() as s:
        activity_id = s.scalar(select(JointActivity.id).where(JointActivity.partner_id == uclg))
    member.post(f"/partners/activities/{activity_id}/remove", {"csrf_token": csrf(member)}, status=403)
    sec = client(app, address="192.0.2.41")
    login(sec, "sec@example.org")
    sec.post(f"/partners/activities/{activity_id}/remove", {}, status=400)  # without the form's token
    assert "United Cities and Local Governments" in co_organisers(testapp.get(f"/events/{event_id}"))
    page = sec.get(f"/partners/{uclg}")
    next(f for f in page.forms.values() if f.action.endswith(f"/activities/{activity_id}/remove")).submit(status=302)
    page = testapp.get(f"/events/{event_id}")
    assert page.html.select_one("section.item-section") is None and "Co-organised with" not in page.text
    assert "4th UCLG Congress" not in text_of(testapp.get(f"/partners/{uclg}").text)

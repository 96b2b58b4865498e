"""Campaigns on a member organisation's timeline: the one it leads (named in the campaign form), from the
day it opened; the ones it supported in its own name; never a draft, nor a cancelled commitment."""
from datetime import timedelta

from crowd_helpers import NOW, add_campaign
from plugins.crowdfunding.commitments import commit
from plugins.crowdfunding.models import Campaign, Pledge
from portal.models import Member


def entries(page):
    return [(li["class"][1].removeprefix("kind-"), li.time["datetime"],
             (li.a or li.select_one(".timeline-title")).get_text(strip=True),
             (li.select_one(".timeline-note") or li).get_text(" ", strip=True))
            for li in page.html.select("#history ol.timeline-entries > li") if "kind-campaign" in " ".join(li["class"])]


def test_campaigns_a_member_led_and_supported_are_on_its_timeline(testapp, db, at):
    with db() as s:
        member = Member(name="Canoas", kind="city", country="BR", region="latin-america-caribbean", status="active")
        s.add(member)
        s.flush()
        member_id = member.id
    led, _r = add_campaign(db, title="A pilot project in Canoas", days=(-10, 30))
    supported, _r = add_campaign(db, title="Translate the guide", days=(-20, 10))
    draft, _r = add_campaign(db, title="Not published", state="draft")
    later, _r = add_campaign(db, title="Opens next month", days=(30, 60))
    with db() as s:
        for campaign_id in (led, draft, later):
            s.get(Campaign, campaign_id).member_id = member_id
        member = s.get(Member, member_id)
        for n, (campaign_id, state) in enumerate(((supported, "pledged"), (led, "cancelled"))):
            pledge = Pledge(campaign_id=campaign_id, idempotency_key=f"k{n}", reference=f"CF-T-{n}", amount=150000,
                            name="Canoas", email="rep@canoas.example", created=NOW - timedelta(days=5 + n))
            s.add(pledge)
            s.flush()
            commit(s, pledge, member, "Mayor of Canoas", "Mayor")
            pledge.state = state if state == "cancelled" else pledge.state
    found = entries(testapp.get(f"/members/{member_id}"))
    assert [(kind, day, title) for kind, day, title, _note in found] == [
        ("campaign-supported", "2026-11-26", "Translate the guide"),
        ("campaign-led", "2026-11-21", "A pilot project in Canoas")]
    assert "€1,500.00" in found[0][3] and "raised of €3,000.00" in found[1][3]
    page = testapp.get(f"/members/{member_id}", {"kind": "campaign-led"})
    assert [e[2] for e in entries(page)] == ["A pilot project in Canoas"]
    campaign_page = testapp.get(f"/campaigns/{led}")
    [link] = [a for a in campaign_page.html.select("dl.facts a") if a.get_text(strip=True) == "Canoas"]
    assert link["href"] == f"/members/{member_id}"

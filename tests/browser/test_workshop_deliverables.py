"""A deliverable in two browsers at once: Dakar (the pilot city) and Grenoble (a member city of the network)
fill one section of the priority-problem sheet at the same time; the second save is merged with the first,
nothing lost; then Grenoble submits it for review and Dakar signs it off."""
import pytest

from browser_steps import expect, html_field, log_in

pytestmark = pytest.mark.browser

PASSWORD = "a-good-password"
BODY = "<p>The market floods every rainy season.</p>\n<p>The drains are blocked by waste.</p>"


@pytest.fixture
def arranged(db, make_user):
    from portal.models import Member, User
    from plugins.workshops.models import Network, NetworkCity
    from plugins.workshops.deliverable_models import Deliverable
    with db() as s:
        dakar = Member(name="Dakar", kind="city", country="SN", region="africa", status="active")
        grenoble = Member(name="Grenoble", kind="city", country="FR", region="europe", status="active")
        s.add_all([dakar, grenoble])
        s.flush()
        ids = (dakar.id, grenoble.id)
    make_user("awa@example.org", role="member", name="Awa Diop", member_id=ids[0], password=PASSWORD)
    make_user("marc@example.org", role="member", name="Marc Dubois", member_id=ids[1], password=PASSWORD)
    with db() as s:
        network = Network(title="Network on flood resilience", member_id=ids[0], theme="", stage="network",
                          description="")
        s.add(network)
        s.flush()
        s.add(NetworkCity(network_id=network.id, member_id=ids[1], state="accepted", pilot_ok=True,
                          secretariat_ok=True, motivation=""))
        s.flush()
        return {"network": network.id, "users": [u.id for u in s.query(User)], "model": Deliverable}


def open_section(tab, base, deliverable_url, title):
    tab.goto(deliverable_url)
    tab.locator("main").get_by_role("link", name=f"Edit the section {title}").click()
    expect(tab.get_by_role("heading", level=1)).to_contain_text(f"Edit: {title}")
    return html_field(tab, "Text of the section")


def test_two_cities_fill_one_deliverable_at_once_then_the_pilot_city_signs_it_off(new_page, live_server, arranged):
    awa, marc = new_page(), new_page()
    log_in(awa, live_server, "awa@example.org", "Awa Diop")
    log_in(marc, live_server, "marc@example.org", "Marc Dubois")
    awa.goto(f"{live_server}/networks/{arranged['network']}/deliverables/add")
    awa.get_by_label("Deliverable").select_option("problem")
    awa.get_by_role("button", name="Start the deliverable").click()
    expect(awa.locator(".flash")).to_contain_text("Deliverable started.")
    url = awa.url.split("#")[0]
    text = open_section(awa, live_server, url, "The priority problem")
    text.fill(BODY)
    awa.get_by_role("button", name="Save").click()
    expect(awa.locator(".flash")).to_contain_text("Changes saved.")

    # both open the section, each changes a different sentence, Awa saves first
    text_a = open_section(awa, live_server, url, "The priority problem")
    text_m = open_section(marc, live_server, url, "The priority problem")
    text_a.fill(BODY.replace("every rainy season", "every rainy season, from July to October"))
    text_m.fill(BODY.replace("blocked by waste", "blocked by plastic waste"))
    awa.get_by_role("button", name="Save").click()
    expect(awa.locator(".flash")).to_contain_text("Changes saved.")
    marc.get_by_role("button", name="Save").click()
    expect(marc.locator(".flash")).to_contain_text("While you were editing, Awa Diop saved this section.")
    section = marc.locator("#section-problem")
    expect(section).to_contain_text("from July to October")
    expect(section).to_contain_text("blocked by plastic waste")

    marc.get_by_role("button", name="Submit for review").click()
    expect(marc.locator(".flash")).to_contain_text("The deliverable is in review.")
    expect(marc.get_by_role("button", name="Sign off")).to_have_count(0)  # only the pilot city signs off
    awa.goto(url)
    awa.get_by_role("button", name="Sign off").click()
    expect(awa.locator(".flash")).to_contain_text("Signed off.")
    expect(awa.locator(".deliverable-status")).to_contain_text("Signed off by the pilot city")
    expect(awa.locator("#section-problem")).to_contain_text("blocked by plastic waste")

"""The experiences' journey, as real people do it in a browser: a member shares an experience with an
image, the secretariat publishes it, a visitor finds it through a theme facet and through a query in
another language that matches its theme."""
import re

import pytest

from portal.testing import png
from browser_steps import add_form_from_menu, fill_experience_facts, html_field, log_in

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips these tests, or fails them under PORTAL_REQUIRE_BROWSER=1
    expect = None

pytestmark = pytest.mark.browser

PASSWORD = "a-good-password"
TITLE = "Neighbourhood assemblies decide the budget of Villa Esperanza"
ALT = "Residents voting with raised cards in the town hall"






def test_share_publish_and_find_an_experience(new_page, live_server, people):
    # --- a member shares an experience -----------------------------------------------------------
    member = new_page()
    log_in(member, live_server, people["member"], "Rita Representative")
    form = add_form_from_menu(member, "Experiences", "Experiences", "Share an experience",
                              re.compile(r"/experiences/add$"))
    form.get_by_label("Title").fill(TITLE)
    form.get_by_label("Summary").fill("Each of the twelve neighbourhoods decides in open assemblies how to spend "
                                      "a share of the city's investment budget.")
    html_field(form, "Full description").fill(
        "<p>Every March, residents meet in <strong>twelve assemblies</strong> and vote on the works.</p>")
    form.get_by_label("Language").select_option("en")
    # a representative writes for their own organisation, chosen already
    expect(form.get_by_label("Member organisation").locator("option:checked")).to_have_text(
        "Municipality of Villa Esperanza")
    fill_experience_facts(form, "Participatory budget", "City", "2016")
    form.get_by_role("button", name="Save").click()

    expect(member.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(member.locator(".flash")).to_contain_text("Saved as a draft")
    expect(member.locator(".actions .state")).to_contain_text("Draft")
    expect(member.locator("ul.tags")).to_contain_text("Participatory budgeting")
    experience_url = member.url

    # An image, with its description for those who cannot see it.
    upload = member.locator("form.upload")
    expect(upload.get_by_role("group", name="Add an image or a document")).to_be_visible()
    upload.get_by_label("File").set_input_files({"name": "assembly.png", "mimeType": "image/png", "buffer": png()})
    upload.get_by_label("Caption or title").fill(ALT)
    upload.get_by_role("button", name="Upload").click()
    expect(member.get_by_role("img", name=ALT)).to_be_visible()

    member.get_by_role("button", name="Submit for review").click()
    expect(member.locator(".actions .state")).to_contain_text("Pending")
    # Not public yet: a visitor does not see it.
    visitor = new_page()
    response = visitor.goto(experience_url)
    assert response.status in (403, 404) or "/login" in visitor.url
    expect(visitor.get_by_role("heading", level=1)).not_to_have_text(TITLE)

    # --- the secretariat publishes it --------------------------------------------------------------
    secretariat = new_page()
    log_in(secretariat, live_server, people["secretariat"], "Sam Secretariat")
    secretariat.locator("header.site-header").get_by_role("link", name="Manage").click()
    waiting = secretariat.locator("main section").filter(
        has=secretariat.get_by_role("heading", name="Waiting for review"))
    waiting.get_by_role("link", name=TITLE).click()
    expect(secretariat).to_have_url(experience_url)
    secretariat.get_by_role("button", name="Publish", exact=True).click()
    expect(secretariat.locator(".flash")).to_contain_text("Published: everyone can read it now.")
    expect(secretariat.locator(".actions .state")).to_contain_text("Published")

    # --- a visitor finds it through a facet -----------------------------------------------------------
    visitor.goto(live_server + "/")
    visitor.locator("header.site-header").get_by_role("link", name="Experiences").click()
    facets = visitor.locator("aside.facets")
    facets.get_by_role("link", name=re.compile(r"^Participatory budgeting \(1\)")).click()
    expect(visitor).to_have_url(re.compile(r"[?&]theme=participatory-budgeting"))
    expect(facets.locator("a[aria-current=true]")).to_contain_text("Participatory budgeting")
    expect(visitor.locator("ul.active-filters")).to_contain_text("Participatory budgeting")
    hit = visitor.locator("ol.hits").get_by_role("link", name=TITLE)
    expect(hit).to_be_visible()

    # --- and through the theme's name in Spanish, typed in the search box ------------------------------
    visitor.get_by_role("link", name="Clear all filters").click()
    box = visitor.get_by_role("searchbox", name="Words to find")
    box.fill("presupuesto participativo")
    box.press("Enter")
    expect(visitor).to_have_url(re.compile(r"q=presupuesto"))
    hit = visitor.locator("ol.hits").get_by_role("link", name=TITLE)
    expect(hit).to_be_visible()

    # and in Portuguese, from the header's search box, on another page.
    search = visitor.locator("#site-search")
    search.fill("orçamento participativo")
    search.press("Enter")
    expect(visitor).to_have_url(re.compile(r"/search\?q="))
    hit = visitor.locator("ol.hits").get_by_role("link", name=TITLE)
    expect(hit).to_be_visible()
    hit.click()

    expect(visitor).to_have_url(experience_url)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    image = visitor.get_by_role("img", name=ALT)
    expect(image).to_be_visible()
    image.scroll_into_view_if_needed()
    # The image really loaded (a broken one has no natural width).
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("img => img.naturalWidth") == 24
    expect(visitor.locator("ul.tags").get_by_role("link", name="Participatory budgeting")).to_be_visible()
    expect(visitor.locator(".actions")).to_have_count(0)

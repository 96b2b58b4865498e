"""Images inside the experience add form, as a member does it in a browser: one picked, one dropped,
each previewed before saving, captioned and described; the alternative text forgotten is asked for
with nothing typed lost; the dropped one moved first and made the cover; once published, the cover
is the experience's card image in the listing and its page's picture, served with srcset. The add
form and the listing are checked with axe-core and for sideways scrolling at 1280 and 390 px."""
import io
import os
import re

import pytest
from browser_steps import fill_experience_facts, html_field, log_in, page_problems

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips these tests, or fails them under PORTAL_REQUIRE_BROWSER=1
    expect = None

pytestmark = pytest.mark.browser

TITLE = "Children design the playgrounds of Villa Esperanza"
SHOTS = os.environ.get("PORTAL_SCREENSHOTS")  # a folder: the pages are saved there to be looked at


def photo(colour, size=(1600, 1000)):
    from PIL import Image
    image = Image.new("RGB", size, colour)
    image.paste((250, 250, 250), (size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2))
    out = io.BytesIO()
    image.save(out, "JPEG")
    return out.getvalue()




def drop_file(page, target, name, data):
    """Drop a file on target as a file manager would (a drop event carrying it)."""
    transfer = page.evaluate_handle("""([name, bytes]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(bytes)], name, {type: 'image/jpeg'}));
        return dt;
    }""", [name, list(data)])
    target.dispatch_event("dragenter", {"dataTransfer": transfer})
    target.dispatch_event("drop", {"dataTransfer": transfer})


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_images_picked_and_dropped_in_the_add_form_become_the_card_image(new_page, live_server, people, axe_source):
    member = new_page()
    log_in(member, live_server, "rita@villa-esperanza.example", "Rita Representative")
    member.goto(live_server + "/experiences/add")
    form = member.locator("main form#deform")
    form.get_by_label("Title").fill(TITLE)
    form.get_by_label("Summary").fill("Three hundred children drew the playgrounds the city then built.")
    html_field(form, "Full description").fill("<p>Workshops in every school.</p>")
    fill_experience_facts(form, "Co-design workshops", "Neighbourhood", "2019")

    media = form.locator(".media")
    # picked: held at once, previewed before anything is saved
    media.get_by_label("Choose files, or drop them here").set_input_files(
        {"name": "workshop.jpg", "mimeType": "image/jpeg", "buffer": photo((30, 110, 60))})
    rows = media.locator(".media-item")
    expect(rows).to_have_count(1)
    preview = rows.nth(0).locator(".media-preview img")
    expect(preview).to_have_js_property("complete", True)
    assert preview.evaluate("img => img.naturalWidth") == 1600
    rows.nth(0).get_by_label("Caption").fill("A drawing workshop at School 12")
    rows.nth(0).get_by_label("Alternative text").fill("Children drawing a playground on a large sheet")
    # dropped: a second image; a wrong file dropped is refused with its reason, the rest kept
    drop_file(member, media.locator(".media-drop"), "playground.jpg", photo((200, 80, 20)))
    expect(rows).to_have_count(2)
    drop_file(member, media.locator(".media-drop"), "notes.jpg", b"MZ\x90\x00 not an image")
    expect(media.locator(".media-status")).to_contain_text("notes.jpg: This type of file is not accepted")
    expect(rows).to_have_count(2)
    rows.nth(1).get_by_label("Caption").fill("The playground built in 2021")
    # its alternative text forgotten: saved, the form comes back asking for it, nothing lost
    shot(member, "add-form-1280")
    member.set_viewport_size({"width": 390, "height": 844})
    shot(member, "add-form-390")
    member.set_viewport_size({"width": 1280, "height": 900})
    form.get_by_role("button", name="Save").click()
    expect(member.locator("form .error-summary, form .invalid-feedback").first).to_contain_text(
        "Describe each image for those who cannot see it")
    form = member.locator("main form#deform")
    expect(form.get_by_label("Title")).to_have_value(TITLE)
    expect(form.get_by_label("Start year")).to_have_value("2019")
    rows = form.locator(".media .media-item")
    expect(rows).to_have_count(2)
    expect(rows.nth(0).get_by_label("Caption")).to_have_value("A drawing workshop at School 12")
    expect(rows.nth(1).get_by_label("Caption")).to_have_value("The playground built in 2021")
    rows.nth(1).get_by_label("Alternative text").fill("A red playground with slides beside a school")
    # the playground first, and the cover
    rows.nth(1).get_by_role("button", name="Move up").click()
    expect(rows.nth(0).get_by_label("Caption")).to_have_value("The playground built in 2021")
    expect(form.locator(".media-status")).to_have_text("Moved to position 1 of 2.")  # said to screen readers too
    expect(rows.nth(0).get_by_role("button", name="Move down")).to_be_focused()  # the key still in hand
    rows.nth(0).get_by_role("radio", name="Cover image").check()
    form.get_by_role("button", name="Save").click()
    expect(member.get_by_role("heading", level=1)).to_have_text(TITLE)
    cover = member.locator("figure.cover-figure img")
    expect(cover).to_have_attribute("alt", "A red playground with slides beside a school")
    expect(member.locator("figure.cover-figure figcaption")).to_have_text("The playground built in 2021")
    expect(member.get_by_role("img", name="Children drawing a playground on a large sheet")).to_be_visible()
    member.get_by_role("button", name="Submit for review").click()

    secretariat = new_page()
    log_in(secretariat, live_server, "sam@example.org", "Sam Secretariat")
    secretariat.goto(member.url)
    secretariat.get_by_role("button", name="Publish", exact=True).click()
    expect(secretariat.locator(".actions .state")).to_contain_text("Published")

    visitor = new_page()
    visitor.goto(live_server + "/experiences")
    card = visitor.locator("ol.hits li").filter(has=visitor.get_by_role("link", name=TITLE))
    image = card.get_by_role("img", name="A red playground with slides beside a school")
    expect(image).to_be_visible()
    expect(image).to_have_js_property("complete", True)
    assert re.search(r"/w320/\S+ 320w", image.get_attribute("srcset"))
    # a card 12rem wide takes a copy, not the 1600 px image
    assert "/w" in image.evaluate("img => img.currentSrc")
    shot(visitor, "listing-1280")
    visitor.set_viewport_size({"width": 390, "height": 844})
    shot(visitor, "listing-390")
    visitor.get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    shot(visitor, "experience-390")
    visitor.set_viewport_size({"width": 1280, "height": 900})
    shot(visitor, "experience-1280")
    og = visitor.locator('meta[property="og:image"]').get_attribute("content")
    assert re.search(r"/files/\d+/w1280/playground\.jpg$", og)

    # axe-core (injected: its page lets it in) on the listing and on the add form holding an image
    checker = new_page(bypass_csp=True)
    checker.goto(live_server + "/experiences")
    checker.add_script_tag(content=axe_source)
    problems = page_problems(checker, "the experiences listing with a card image")
    log_in(checker, live_server, "rita@villa-esperanza.example", "Rita Representative")
    checker.goto(live_server + "/experiences/add")
    checker.locator(".media").get_by_label("Choose files, or drop them here").set_input_files(
        {"name": "workshop.jpg", "mimeType": "image/jpeg", "buffer": photo((30, 110, 60))})
    expect(checker.locator(".media-item")).to_have_count(1)
    checker.add_script_tag(content=axe_source)
    problems += page_problems(checker, "the add form with an image")
    assert problems == [], "\n".join(problems)

"""The award in a browser: a member submits an entry to an open call, then a juror scores it. Every page
on the way passes axe-core (desktop and phone width) and the HTML validator."""
import re
from datetime import datetime, timedelta, timezone

import pytest
from award_helpers import open_call_row
from browser_steps import log_in

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips these tests, or fails them under PORTAL_REQUIRE_BROWSER=1
    expect = None

pytestmark = pytest.mark.browser

PASSWORD = "a-good-password"
UTC = timezone.utc
NOW = datetime(2027, 2, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def award(db, make_user, monkeypatch):
    from portal.models import Member
    from portal.clock import clock
    from plugins.experiences.models import Experience, Theme
    state = {"now": NOW}
    monkeypatch.setattr(clock, "now", lambda: state["now"])
    with db() as s:
        member = Member(name="Municipality of Villa Esperanza", kind="city", country="AR",
                        region="latin-america-caribbean")
        s.add(member)
        s.flush()
        exp = Experience(title="Neighbourhood assemblies decide the budget", description="Twelve assemblies.",
                         body="<p>Every March, residents of Villa Esperanza vote on the works.</p>", language="en",
                         city="Villa Esperanza", country="AR", state="published", member_id=member.id,
                         mechanism="participatory-budget", scale="city", start_year=2016, sdgs=[16],
                         published=NOW - timedelta(days=300))
        s.add(exp)
        exp.themes = [s.query(Theme).filter_by(slug="participatory-budgeting").one()]
        call = open_call_row(NOW, criteria=[{"key": "innovation", "title": "Innovation", "weight": 40},
                                            {"key": "impact", "title": "Impact", "weight": 60}],
                             questions=[{"key": "why", "title": "Why this experience?", "kind": "text", "choices": []}])
        s.add(call)
        s.flush()
        ids = {"member": member.id, "call": call.id}
    make_user("rita@villa-esperanza.example", role="member", member_id=ids["member"], name="Rita Representative",
              password=PASSWORD)
    make_user("sam@example.org", role="secretariat", name="Sam Secretariat", password=PASSWORD)
    make_user("jo@university.example", name="Jo Juror", password=PASSWORD)
    state.update(ids)
    return state


class Checker:
    """axe-core at desktop and phone width on each page met on the way; the HTML kept for the validator."""

    def __init__(self, axe_source, tmp_path):
        self.axe = axe_source
        self.folder = tmp_path
        self.pages = []
        self.problems = []

    def check(self, page, name):
        html = page.content()
        path = self.folder / f"{name}.html"
        path.write_text("<!DOCTYPE html>\n" + html if not html.lower().startswith("<!doctype") else html,
                        encoding="utf-8")
        self.pages.append(path)
        page.screenshot(path=str(self.folder / f"{name}-desktop.png"), full_page=True)
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.add_script_tag(content=self.axe)
            found = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")["violations"]
            bad = [f"{v['id']}: {v['help']} at {v['nodes'][0]['target']}" for v in found
                   if v["impact"] in ("serious", "critical")]
            if bad:
                self.problems.append(f"{name} at {width}px: {bad}")
        page.screenshot(path=str(self.folder / f"{name}-phone.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})


def test_member_submits_an_entry_and_a_juror_scores_it(new_page, live_server, award, db, axe_source, validate_html,
                                                       tmp_path):
    checker = Checker(axe_source, tmp_path)
    member = new_page(bypass_csp=True)  # axe-core is injected as a script the site's policy rightly refuses
    log_in(member, live_server, "rita@villa-esperanza.example", "Rita Representative")
    member.locator("header.site-header").get_by_role("link", name="Awards").click()
    expect(member.get_by_role("heading", level=1)).to_have_text("Good Practice Award in Citizen Participation")
    checker.check(member, "calls")
    member.get_by_role("link", name="7th Good Practice Award").click()
    checker.check(member, "call")
    member.get_by_role("link", name="Submit an entry").click()
    checker.check(member, "enter")
    member.get_by_label("Experience").select_option(label="Neighbourhood assemblies decide the budget")
    member.get_by_role("button", name="Start the entry").click()
    expect(member.locator(".flash")).to_contain_text("Your draft entry is saved.")
    form = member.locator("main form#deform")
    form.get_by_label("Category").select_option(label="Inclusion")
    form.get_by_label("Why this experience?").fill("Because residents decide every year.")
    # a document chosen in the same form: nothing typed is lost when it is added
    import award_documents
    form.get_by_label("Documents").set_input_files([
        {"name": "report.pdf", "mimeType": "application/pdf", "buffer": award_documents.pdf(
            text="Report of the assemblies", author="Someone", hex_creator="Writer")},
        {"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": award_documents.jpeg_with_exif(
            author="Someone", city="Somewhere")}])
    checker.check(member, "entry-edit")
    buttons = form.locator(".deform-form-buttons button")
    expect(buttons.first).to_have_text("Submit the entry")  # the primary action; the draft is secondary
    form.get_by_role("button", name="Save the draft").click()
    expect(member.locator(".flash")).to_contain_text("Draft saved.")
    form = member.locator("main form#deform")
    expect(form.get_by_label("Why this experience?")).to_have_value("Because residents decide every year.")
    expect(form.locator(".uploads .attachments li")).to_have_count(2)
    form.get_by_role("button", name="Submit the entry").click()
    expect(member.locator(".flash")).to_contain_text("Your entry is submitted")
    expect(member.locator("main")).to_contain_text("Because residents decide every year.")
    expect(member.locator("main")).to_contain_text("(2016 – ongoing)")
    checker.check(member, "entry")

    # the call closes; the secretariat accepts the entry and names the juror
    award["now"] = NOW + timedelta(days=11)
    secretariat = new_page(bypass_csp=True)
    log_in(secretariat, live_server, "sam@example.org", "Sam Secretariat")
    secretariat.goto(f"{live_server}/awards/add?copy={award['call']}")
    expect(secretariat.get_by_label("Title", exact=True)).to_have_value("Good Practice Award")
    checker.check(secretariat, "call-form")
    # the call's own form: a category renamed and one added, without typing any key
    secretariat.goto(f"{live_server}/awards/{award['call']}/edit")
    rows = secretariat.locator(".call-rows").first.locator("fieldset.call-row")
    rows.nth(0).get_by_label("Name").fill("Inclusion of young people")
    rows.nth(1).get_by_label("Name").fill("Climate")
    secretariat.get_by_role("button", name="Save", exact=True).click()
    expect(secretariat.locator(".flash")).to_contain_text("Changes saved.")
    expect(secretariat.locator("main")).to_contain_text("Inclusion of young people")
    expect(secretariat.locator("main")).to_contain_text("Climate")
    secretariat.goto(f"{live_server}/awards/{award['call']}/entries")
    checker.check(secretariat, "entries")
    secretariat.get_by_role("link", name="Neighbourhood assemblies decide the budget").click()
    secretariat.get_by_label("Eligible", exact=True).select_option("yes")
    secretariat.get_by_role("button", name="Save the decision").click()
    expect(secretariat.locator(".flash")).to_contain_text("Eligibility saved.")
    secretariat.goto(f"{live_server}/awards/{award['call']}/jury")
    secretariat.get_by_label("Email").fill("jo@university.example")
    secretariat.get_by_role("button", name="Add to the jury").click()
    expect(secretariat.locator(".flash")).to_contain_text("Jo Juror is on the jury")
    secretariat.get_by_role("button", name="Assign the entries").click()
    expect(secretariat.locator(".flash")).to_contain_text("Assigned: 1 reviews to 1 jurors")
    checker.check(secretariat, "jury")

    # the juror scores it: a bad score is refused with its reason, then corrected
    juror = new_page(bypass_csp=True)
    log_in(juror, live_server, "jo@university.example", "Jo Juror")
    juror.locator("header.site-header").get_by_role("link", name="Awards").click()
    juror.get_by_role("link", name="Your reviews").first.click()
    checker.check(juror, "my-reviews")
    juror.get_by_role("link", name=re.compile("Neighbourhood assemblies")).click()
    expect(juror.locator("main")).not_to_contain_text("Villa Esperanza")
    # the documents are read in the page: the PDF in a frame, the photo as an image
    expect(juror.locator(".documents iframe")).to_have_attribute("title", "document-1.pdf")
    expect(juror.locator(".documents img")).to_have_attribute("alt", "document-2.jpg")
    juror.locator(".documents img").scroll_into_view_if_needed()
    juror.wait_for_function("() => { const i = document.querySelector('.documents img'); "
                            "return i.complete && i.naturalWidth > 0; }")  # the photo shows, under the page's policy
    form = juror.locator("main form#deform")
    form.get_by_label("Innovation", exact=True).fill("12")
    form.get_by_label("Impact", exact=True).fill("7")
    # the browser's own check (max=10) would stop the form: the server's is what matters here
    juror.evaluate("() => document.querySelectorAll('input[type=number]').forEach(i => i.removeAttribute('max'))")
    form.get_by_role("button", name="Save the scores").click()
    expect(juror.locator("main")).to_contain_text("A score from 0 to 10.")
    checker.check(juror, "review-error")
    form = juror.locator("main form#deform")
    form.get_by_label("Innovation", exact=True).fill("9")
    form.get_by_label("Comment on “Impact”").fill("Results are well documented.")
    form.get_by_role("button", name="Save the scores").click()
    expect(juror.locator(".flash")).to_contain_text("Scores saved.")
    expect(juror.locator("main")).to_contain_text("1 of 1 scored")

    secretariat.goto(f"{live_server}/awards/{award['call']}/ranking")
    expect(secretariat.locator("main")).to_contain_text("Reviews done: 1 of 1")
    expect(secretariat.locator("table.ranking").first).to_contain_text("7.80")
    checker.check(secretariat, "ranking")
    secretariat.get_by_role("link", name="Neighbourhood assemblies decide the budget").click()
    expect(secretariat.locator("main")).to_contain_text("Results are well documented.")
    checker.check(secretariat, "scores")
    award["now"] = NOW + timedelta(days=61)
    visitor = new_page(bypass_csp=True)
    visitor.goto(f"{live_server}/awards/{award['call']}/results")
    checker.check(visitor, "results")

    assert not checker.problems, "\n".join(checker.problems)
    errors = validate_html(checker.pages)
    bad = {name: [m["message"] for m in found] for name, found in errors.items() if found}
    assert not bad, bad

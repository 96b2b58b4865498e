"""The work plan in a browser, on a desktop and on a phone: a visitor reads the year's lines of work
with their progress bars (the weighted roll-up), follows an action's link to what carries it out, and
opens the yearly report; nothing scrolls sideways."""
from pathlib import Path

import pytest

from browser_steps import WIDTHS, expect

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/governance-shots")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_visitor_reads_the_work_plan_and_its_report(new_page, live_server, db, frozen_clock, width):
    from crowd_helpers import add_campaign
    from governance_helpers import make_plan
    from plugins.governance.workplan import year_tree

    from portal.api import add_action
    ids = make_plan(db)
    campaign_id, _rewards = add_campaign(db, title="Fund the Democracine film festival")
    with db() as s:
        from portal.api import Action
        visibility = s.get(Action, ids["visibility"])
        add_action(s, year_tree(s, 2013), "Second Democracine film festival", parent=visibility,
                   resource=("campaign", campaign_id), weight=0)
    SHOTS.mkdir(exist_ok=True)
    page = new_page(WIDTHS[width], **({"is_mobile": True, "has_touch": True} if width == "phone" else {}))
    page.goto(live_server + "/governance/work-plan/2013")
    expect(page.locator("main h1")).to_have_text("Work plan 2013")
    expect(page.locator(".action-plan-total progress")).to_have_attribute("value", "58")
    expect(page.locator(f"#action-{ids['visibility']} > .action-progress .percent")).to_have_text("75%")
    page.screenshot(path=str(SHOTS / f"workplan-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width]["width"], "the plan scrolls sideways"
    page.get_by_role("link", name="Fund the Democracine film festival").click()
    expect(page.locator("main h1")).to_have_text("Fund the Democracine film festival")
    page.goto(live_server + "/governance/work-plan/2013")
    page.get_by_role("link", name="What was done: the yearly report").click()
    expect(page.locator("main h1")).to_have_text("What was done in 2013")
    expect(page.locator("main")).to_contain_text("Press kit")
    page.screenshot(path=str(SHOTS / f"workplan-report-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width]["width"], "the report scrolls sideways"

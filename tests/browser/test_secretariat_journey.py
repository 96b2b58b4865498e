"""A new secretariat user, with only the README's demo logins, runs last year's call from its closing to
its published results, in Spanish, in a browser: close → eligibility → jurors → assign → the jurors
score (each logged in) → ranking → winners → publication (the awards' clock moved past the results
date) → the public results page. Every page on the way passes axe-core at desktop and phone width
and the HTML validator; screenshots at 1280 and 390 px are kept beside the test's files."""
import re
from datetime import timedelta

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips these tests, or fails them under PORTAL_REQUIRE_BROWSER=1
    expect = None

pytestmark = pytest.mark.browser

SECRETARIAT = ("admin@example.org", "network-demo-2026")  # the README's demo logins
JURORS = [("juror1@example.org", "Ana Jurado", "es", "AR"), ("juror2@example.org", "Claire Jury", "fr", "SN"),
          ("juror3@example.org", "Tom Panel", "en", "GB")]
JUROR_PASSWORD = "member-demo-2026"
ENTRIES = [("Porto Alegre", "BR", "Neighbourhood budget assemblies", "inclusion"),
           ("Montevideo", "UY", "Digital consultations of the districts", "digital"),
           ("Barcelona", "ES", "Citizen assemblies on the climate", "inclusion")]


@pytest.fixture
def last_years_call(db, make_user, monkeypatch):
    """Demo-like data: last year's call with three submitted entries and nothing else done, the day it closes."""
    from portal.clock import clock
    from plugins.awards.demo import CATEGORIES, CRITERIA, ELIGIBILITY, QUESTIONS, RULES, TITLE
    from plugins.awards.models import AwardCall, AwardEntry
    from plugins.experiences.models import Experience, Theme
    from portal.models import Member
    from datetime import datetime, timezone
    closes = datetime(2026, 3, 31, 23, 59, tzinfo=timezone.utc)
    state = {"now": closes - timedelta(hours=1)}
    monkeypatch.setattr(clock, "now", lambda: state["now"])
    make_user(SECRETARIAT[0], role="secretariat", name="Demo Secretariat", password=SECRETARIAT[1], language="es")
    for email, name, lang, _country in JURORS:
        make_user(email, name=name, password=JUROR_PASSWORD, language=lang)
    with db() as s:
        call = AwardCall(edition="6th", title=TITLE, rules=RULES, eligibility=ELIGIBILITY, categories=CATEGORIES,
                         criteria=CRITERIA, questions=QUESTIONS, timezone="America/Sao_Paulo",
                         opens=closes - timedelta(days=90), closes=closes, evaluation_closes=closes + timedelta(days=60),
                         results_date=closes + timedelta(days=90), reviews_per_entry=2, blind=True)
        s.add(call)
        theme = s.query(Theme).filter_by(slug="participatory-budgeting").one()
        for city, country, title, category in ENTRIES:
            member = Member(name=city, kind="city", country=country, region="latin-america-caribbean", status="active")
            s.add(member)
            s.flush()
            exp = Experience(title=title, description=f"Residents of {city} decide.", body=f"<p>In {city}, residents "
                             f"decide with the Orçamento Participativo.</p>", language="en", city=city, country=country,
                             state="published", member_id=member.id, mechanism="participatory-budget", scale="city",
                             start_year=2019, sdgs=[16], published=closes - timedelta(days=300))
            s.add(exp)
            exp.themes = [theme]
            s.flush()
            s.add(AwardEntry(call=call, member_id=member.id, experience_id=exp.id, category=category,
                             answers={"why": f"It changed how {city} decides.", "population": "over 1 million"},
                             status="submitted", submitted=closes - timedelta(days=2)))
        s.flush()
        state["call"] = call.id
        state["closes"] = closes
        state["results"] = call.results_date
    return state


class Pages:
    """axe-core at desktop and phone width on each page met, its HTML kept for the validator, screenshots."""

    def __init__(self, axe, folder):
        self.axe, self.folder, self.saved, self.problems = axe, folder, [], []

    def check(self, page, name):
        from browser_steps import page_problems
        html = page.content()
        path = self.folder / f"{name}.html"
        path.write_text(html if html.lower().startswith("<!doctype") else "<!DOCTYPE html>\n" + html, encoding="utf-8")
        self.saved.append(path)
        for width, size in (("1280", {"width": 1280, "height": 900}), ("390", {"width": 390, "height": 844})):
            page.set_viewport_size(size)
            page.screenshot(path=str(self.folder / f"{name}-{width}.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.add_script_tag(content=self.axe)
        self.problems += page_problems(page, name)
        page.set_viewport_size({"width": 1280, "height": 900})


def log_in_es(page, base, email, password, name):
    page.goto(f"{base}/login?_LOCALE_=es")
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("Contraseña").fill(password)
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page.locator(".flash")).to_contain_text(f"{name}.")  # welcomed in their account's language
    if page.locator("html").get_attribute("lang") != "es":  # which the portal now speaks: they pick Spanish
        page.locator("nav.languages").get_by_role("link", name="Español").click()
        expect(page.locator("html")).to_have_attribute("lang", "es")


def test_a_new_secretariat_user_runs_last_years_call_to_its_results(new_page, live_server, last_years_call, registry,
                                                                   axe_source, validate_html, tmp_path):
    pages = Pages(axe_source, tmp_path)
    call = last_years_call["call"]
    sec = new_page(bypass_csp=True)  # axe-core is injected as a script the site's policy rightly refuses
    log_in_es(sec, live_server, *SECRETARIAT, "Demo Secretariat")

    # close: the call closes by itself at its date; the secretariat finds it from the menu
    last_years_call["now"] = last_years_call["closes"] + timedelta(hours=2)
    sec.locator("header.site-header").get_by_role("link", name="Distinciones").click()
    expect(sec.get_by_role("heading", level=1)).to_have_text("Distinción de Buenas Prácticas en Participación Ciudadana")
    sec.get_by_role("link", name="6th Good Practice Award in Citizen Participation").click()
    steps = sec.locator("ol.steps")
    expect(steps.locator("li").nth(0)).to_contain_text("Cerrada el")
    expect(steps.locator("li.current")).to_contain_text("Candidaturas que esperan su decisión: 3.")
    pages.check(sec, "call-steps")
    # /manage says the same, for a new user who starts there
    sec.locator("header.site-header").get_by_role("link", name="Gestión").click()
    waiting = sec.locator("section.waiting")
    expect(waiting).to_contain_text("Comprobar la admisibilidad")
    waiting.get_by_role("link", name=re.compile("6th Good Practice Award")).click()

    # eligibility: one entry after the other
    sec.get_by_role("link", name="Comprobar la admisibilidad (3 en espera)").click()
    pages.check(sec, "entries")
    sec.get_by_role("link", name="Decidir sobre la primera").click()
    for n in range(3):
        expect(sec.locator("main")).to_contain_text("Decisión de admisibilidad")
        if n == 0:
            sec.get_by_role("link", name="Ver lo que lee el jurado").click()
            expect(sec.locator(".preview-note")).to_contain_text("Porto Alegre")
            expect(sec.locator("article .body")).not_to_contain_text("Porto Alegre")
            expect(sec.locator("article .body")).to_contain_text("Orçamento Participativo")
            pages.check(sec, "jury-view")
            sec.go_back()
        sec.get_by_label("Admisible", exact=True).select_option("yes")
        sec.get_by_role("button", name="Guardar la decisión").click()
        expect(sec.locator(".flash")).to_contain_text("Admisibilidad guardada.")
    expect(steps.locator("li.current")).to_contain_text("Nombrar al jurado")

    # jurors: the demo's three, each with the country they work in
    steps.get_by_role("link", name="Añadir miembros del jurado").click()
    for email, name, _lang, country in JURORS:
        sec.get_by_label("Correo electrónico").fill(email)
        sec.get_by_label("País donde trabaja el miembro del jurado").select_option(country)
        sec.get_by_role("button", name="Añadir al jurado").click()
        expect(sec.locator(".flash")).to_contain_text(name)
    pages.check(sec, "jury")

    # assign, from the call's page: the step is now the one to do
    sec.get_by_role("link", name=re.compile("^6th Good Practice Award")).first.click()
    expect(steps.locator("li.current")).to_contain_text("Asignar las candidaturas")
    steps.get_by_role("button", name="Asignar las candidaturas").click()
    expect(sec.locator(".flash")).to_contain_text("Asignado: 6 evaluaciones a 3 miembros del jurado")

    # the jurors score, each logged in on their own browser
    last_years_call["now"] = last_years_call["closes"] + timedelta(days=10)
    for number, (email, name, _lang, _country) in enumerate(JURORS):
        juror = new_page(bypass_csp=True)
        log_in_es(juror, live_server, email, JUROR_PASSWORD, name)
        juror.goto(f"{live_server}/awards/{call}/reviews")
        expect(juror.locator("main")).to_contain_text("0 de 2 puntuadas")
        juror.locator("ul.review-list a").first.click()
        for review in range(2):
            form = juror.locator("main form#deform")
            expect(juror.locator("main")).not_to_contain_text(ENTRIES[0][0])  # blind: no city, no organisation
            for k, criterion in enumerate(("Innovation", "Impact on public policy", "Transferability")):
                form.get_by_label(criterion, exact=True).fill(str(5 + (number + review + k) % 5))
            if number == 0 and review == 0:
                pages.check(juror, "review")
            form.get_by_role("button", name="Guardar las puntuaciones").click()
            expect(juror.locator(".flash")).to_contain_text("Puntuaciones guardadas")
            if review == 0:
                juror.get_by_role("link", name="Candidatura siguiente").click()
        expect(juror.locator("main")).to_contain_text("2 de 2 puntuadas")

    # ranking and winners
    sec.goto(f"{live_server}/awards/{call}")
    expect(steps.locator("li.current")).to_contain_text("Clasificar y elegir las ganadoras")
    steps.get_by_role("link", name="Ver la clasificación").click()
    expect(sec.locator("main")).to_contain_text("Evaluaciones hechas: 6 de 6")
    tables = sec.locator("table.ranking")
    tables.nth(0).locator("select").first.select_option("winner")
    tables.nth(1).locator("select").first.select_option("winner")
    tables.nth(0).locator("select").nth(1).select_option("mention")
    sec.get_by_role("button", name="Guardar las ganadoras, las menciones y las declaraciones").click()
    expect(sec.locator(".flash")).to_contain_text("Nadie fuera de la Secretaría Técnica")
    statements = sec.locator("section.statements textarea")
    expect(statements).to_have_count(3)
    for k in range(3):
        statements.nth(k).fill(f"El jurado valora la experiencia número {k + 1}.")
    sec.get_by_role("button", name="Guardar las ganadoras, las menciones y las declaraciones").click()
    pages.check(sec, "ranking")

    # publish: the results come out by themselves at their date
    sec.goto(f"{live_server}/awards/{call}")
    expect(steps.locator("li.current")).to_contain_text("Publicar los resultados")
    last_years_call["now"] = last_years_call["results"] + timedelta(minutes=1)
    from portal.tasks import run_due_tasks
    assert run_due_tasks(registry)["awards:publish-results"][1] == ""  # the worker's next pass
    visitor = new_page(bypass_csp=True)
    visitor.goto(f"{live_server}/awards/{call}/results?_LOCALE_=es")
    expect(visitor.locator("main")).to_contain_text("3 candidaturas de 3 países")
    expect(visitor.locator("section.winners")).to_have_count(2)
    expect(visitor.locator("section.mentions")).to_contain_text("Mención especial")
    expect(visitor.locator("main")).to_contain_text("El jurado valora la experiencia número 1.")
    expect(visitor.locator("section.jury-list")).to_contain_text("Ana Jurado (Argentina)")
    pages.check(visitor, "results")
    sec.goto(f"{live_server}/awards/{call}")
    expect(steps.locator("li").nth(6)).to_contain_text("Publicados el")

    assert not pages.problems, "\n".join(pages.problems)
    errors = validate_html(pages.saved)
    bad = {name: [m["message"] for m in found] for name, found in errors.items() if found}
    assert not bad, bad

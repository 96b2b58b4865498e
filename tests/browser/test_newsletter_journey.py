"""A new person of the secretariat, with only the README's demo login, sends a newsletter to one
segment without help, in Spanish: compose an issue from the demo content, send it to Spanish readers
interested in Africa after a confirmation showing the recipients per language, then the delivered
mails (the outbox worker writes them into the test maildir) reached only that segment, in Spanish."""
import email.policy
import mailbox
from pathlib import Path

import pytest
from sqlalchemy import select

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips these tests, or fails them under PORTAL_REQUIRE_BROWSER=1
    expect = None

from portal.mail import deliver_pending

from plugins.newsletter.models import Subscriber

from browser_steps import html_field

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
NEWS = "Abierta la convocatoria de la Distinción de Buenas Prácticas en Participación Ciudadana"
EXPERIENCE = "Presupuesto Participativo Joven: las juventudes de las comunas deciden proyectos culturales y de empleo"


@pytest.fixture
def demo(registry):
    """The site as `make serve` fills it: the README's logins, every plugin's demo content."""
    from pyramid.scripting import prepare
    from portal.demo import ADMIN_EMAIL, ADMIN_PASSWORD, load_demo
    env = prepare(registry=registry)
    with env["request"].tm:
        load_demo(env["request"])
    env["closer"]()
    return {"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}


def shoot(page, name):
    """The page at a desktop's and a phone's width, for a person to look at (var/screenshots)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, size in (("1280", {"width": 1280, "height": 900}), ("390", {"width": 390, "height": 844})):
        page.set_viewport_size(size)
        page.screenshot(path=str(SHOTS / f"newsletter-journey-{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_new_secretariat_member_sends_a_newsletter_to_spanish_readers_interested_in_africa(
        new_page, live_server, demo, registry, settings, db):
    page = new_page()
    page.goto(live_server + "/login?_LOCALE_=es")
    page.get_by_label("Correo electrónico").fill(demo["email"])
    page.get_by_label("Contraseña").fill(demo["password"])
    page.get_by_role("button", name="Iniciar sesión").click()
    # the demo administrator's account is in English: the portal speaks it after login; she picks Spanish
    expect(page.locator(".flash")).to_contain_text("Welcome")
    page.locator("nav.languages").get_by_role("link", name="Español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")

    page.locator(".user-links").get_by_role("link", name="Gestión").click()
    page.locator("main").get_by_role("link", name="Boletín", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Boletín")
    page.get_by_role("link", name="Redactar un nuevo número").click()

    # 1. Name and audience: Spanish readers interested in Africa
    expect(page.get_by_role("navigation", name="Pasos del número")).to_be_visible()
    page.get_by_label("Nombre del número").fill("Diciembre de 2026 · África")
    page.get_by_label("Idioma por defecto").select_option("es")
    page.get_by_label("Lectores en").select_option("es")
    page.get_by_label("Interesados en la región").select_option("africa")
    shoot(page, "1-details")
    page.get_by_role("button", name="Guardar y continuar").click()
    expect(page.locator(".flash")).to_contain_text("borrador")

    # 2. Items: found by words; what was ticked stays ticked through the next search
    expect(page.get_by_role("heading", level=2)).to_have_text("Contenidos")
    page.get_by_label("Palabras").fill("convocatoria")
    page.get_by_role("button", name="Buscar contenidos").click()
    page.get_by_label(NEWS).check()
    page.get_by_label("Palabras").fill("juventudes")
    page.get_by_role("button", name="Buscar contenidos").click()
    expect(page.get_by_label(NEWS)).to_be_checked()  # now among the items
    page.get_by_label(EXPERIENCE).check()
    shoot(page, "2-items")
    page.get_by_role("button", name="Guardar y continuar").click()

    # 3. Editorial: the Spanish tab is the default one; the English tab is one keypress away
    expect(page.get_by_role("tab", name="Español")).to_have_attribute("aria-selected", "true")
    page.get_by_label("Asunto (Español)").fill("La red en África este mes")
    html_field(page, "Editorial (Español)").fill("<p>Noticias de las ciudades africanas de la red.</p>")
    page.get_by_role("tab", name="English").click()
    page.get_by_label("Asunto (English)").fill("The network in Africa this month")
    shoot(page, "3-editorial")
    page.get_by_role("button", name="Guardar y continuar").click()

    # 4. Check and send: the confirmation names the issue, the segment and the recipients per language
    expect(page.get_by_role("heading", level=2)).to_have_text("Revisar y enviar")
    expect(page.locator(".issue-summary")).to_contain_text("Lectores en: Español · Interesados en la región: África")
    expect(page.locator(".issue-summary")).not_to_contain_text("temática")  # the parts left open are not listed
    shoot(page, "4-check")
    page.get_by_role("button", name="Enviar ahora…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("¿Enviar «Diciembre de 2026 · África» ahora?")
    recipients = page.locator("table.recipients")
    expect(recipients.locator("tbody tr")).to_have_count(1)
    expect(recipients.locator("tbody tr")).to_contain_text("Español")
    expect(recipients.locator("tbody [data-count]")).to_have_text("2")
    shoot(page, "5-confirm")
    page.get_by_role("button", name="Enviar ahora a 2 suscriptores").click()
    expect(page.locator(".flash")).to_contain_text("Comenzó el envío a 2 suscriptores.")

    # the outbox worker delivers into the test maildir; its next pass marks the issue sent
    while True:
        done = deliver_pending(registry["dbsession_factory"], settings, registry=registry)
        if not done.more and done == (0, 0):
            break
    page.reload()
    expect(page.locator("#delivery")).to_contain_text("Enviado el")
    expect(page.locator("#delivery progress")).to_have_attribute("value", "2")
    shoot(page, "6-sent")

    with db() as s:
        segment = {sub.email for sub in s.scalars(select(Subscriber).where(Subscriber.language == "es"))
                   if sub.values("region") in ([], ["africa"])}
    assert segment == {"lucia.perez@example.org", "amina.sow@example.org"}  # Lucía chose every region
    box = mailbox.Maildir(settings["mail.maildir"], factory=None, create=True)
    mails = [email.message_from_bytes(box.get_bytes(key), policy=email.policy.default) for key in box.keys()]
    newsletters = [m for m in mails if m["Subject"] == "La red en África este mes"]
    assert {m["To"] for m in newsletters} == segment and len(newsletters) == 2  # that segment only, once each
    assert not [m for m in mails if m["Subject"] == "The network in Africa this month"]
    for mail in newsletters:
        text = mail.get_body(("plain",)).get_content()
        html = mail.get_body(("html",)).get_content()
        assert NEWS in text and EXPERIENCE in text  # the Spanish versions of the items
        assert "Noticias de las ciudades africanas de la red." in html and 'lang="es"' in html
        assert "Darse de baja: http" in text  # the footer too, in Spanish

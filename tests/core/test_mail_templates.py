"""Every mail template of the core and the plugins (config.add_mail_template), rendered in the four
languages: translated, every placeholder filled, a subject on one line. A plugin's new mail is tried as it
is, without a test of its own."""
import pytest
from pyramid.scripting import prepare

from portal.i18n import LANGUAGES
from portal.mail import render_template, send_template


@pytest.fixture
def request_(registry):
    env = prepare(registry=registry)
    yield env["request"]
    env["closer"]()


def test_every_template_is_translated_and_filled_in_every_language(registry, request_):
    templates = registry.portal.mail_templates
    assert {"password-reset", "state-changed"} <= set(templates) and len(templates) >= 10
    problems = []
    for name, template in sorted(templates.items()):
        values = {p: f"<{p}-value>" for p in template.placeholders}
        rendered = {lang: render_template(request_, name, lang, **values) for lang in LANGUAGES}
        for lang, (subject, body) in rendered.items():
            text = subject + body
            if "${" in text or "\n" in subject:
                problems.append(f"{name} [{lang}]: a placeholder left or a subject on two lines")
            for p in template.placeholders:
                if f"<{p}-value>" not in text:
                    problems.append(f"{name} [{lang}]: ${{{p}}} is lost in the translation")
            if lang != "en" and rendered[lang][1] == rendered["en"][1]:
                problems.append(f"{name} [{lang}]: the body is not translated")
    assert problems == []


def test_a_template_sent_to_an_account_is_in_its_language_with_its_name(registry, request_, db, make_user):
    from portal.models import OutboxMessage, User
    from sqlalchemy import select
    make_user("ana@example.org", name="Ana", language="pt")
    with db() as s:
        request_.dbsession = s
        user = s.scalar(select(User).where(User.email == "ana@example.org"))
        send_template(request_, "password-reset", user, link="https://portal.test/password/reset/x")
    with db() as s:
        message = s.scalar(select(OutboxMessage))
        assert message.recipient == "ana@example.org" and message.subject == "Escolha uma nova senha"
        assert message.body.startswith("Olá, Ana") and "https://portal.test/password/reset/x" in message.body


def test_a_placeholder_without_a_value_is_an_error_not_a_hole_in_a_mail(request_):
    with pytest.raises(KeyError, match="needs link"):
        render_template(request_, "password-reset", "en", name="Ana")

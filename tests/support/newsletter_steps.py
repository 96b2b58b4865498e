"""Steps the newsletter's tests share (tests/support is on sys.path, see tests/conftest.py)."""
import email
import email.policy
import re
from urllib.parse import urlsplit

from sqlalchemy import select

from portal.mail import deliver_pending
from portal.models import OutboxMessage, utcnow

from plugins.newsletter.models import Issue, IssueItem, IssueVersion, Subscriber


def smtp(registry, port, **extra):
    return {**registry.settings, "mail.delivery": "smtp", "mail.host": "127.0.0.1", "mail.port": str(port),
            "mail.timeout": "10", **extra}


def work(registry, settings, now=None, rounds=50):
    """Run the outbox worker (with the plugins' mail hooks) until nothing is left to do."""
    total = 0
    for _ in range(rounds):
        result = deliver_pending(registry["dbsession_factory"], settings, now=now, registry=registry)
        total += result[0]
        if not result.more and result == (0, 0):
            break
    return total


def received(envelope):
    return email.message_from_bytes(envelope.content, policy=email.policy.default)


def outbox_rows(db):
    with db() as s:
        return [(r.recipient, r.subject, r.body, r.status) for r in s.scalars(select(OutboxMessage).order_by(OutboxMessage.id))]


def link_in(body, route):
    return urlsplit(re.search(rf"(http://\S+/newsletter/{route}/\S+)", body).group(1)).path


def subscribe(app, address, name="", language="en", regions=(), themes=(), consent=True, status=302):
    form = app.get("/newsletter").forms["deform"]
    form["email"] = address
    form["name"] = name
    form["language"] = language
    for box in form.fields.get("checkbox", []):
        box.checked = box._value in tuple(regions) + tuple(themes)
    form["consent"].checked = consent
    return form.submit("subscribe", status=status)


def confirmation_link(db, address):
    mails = [body for to, _s, body, _st in outbox_rows(db) if to == address and "/newsletter/confirm/" in body]
    return link_in(mails[-1], "confirm")


def confirm(app, link):
    page = app.get(link)
    return page.forms["confirm-form"].submit("confirm", status=302).follow()


def subscribed(app, db, address, **kw):
    """Subscribe and confirm; returns the personal link's token (confirming opens the preferences)."""
    subscribe(app, address, **kw)
    page = confirm(app, confirmation_link(db, address))
    return page.request.path.rsplit("/", 1)[1]


def token_of(registry, db, address):
    from plugins.newsletter.links import personal_token
    with db() as s:
        return personal_token(registry.settings, s.scalar(select(Subscriber).where(Subscriber.email == address)))


def subscriber(db, address):
    with db() as s:
        sub = s.scalar(select(Subscriber).where(Subscriber.email == address))
        if sub is not None:
            s.expunge(sub)
        return sub


# --- the secretariat's side -------------------------------------------------------------------------

def compose(testapp, news, audience=None, title="November 2026"):
    """Compose an issue through its steps (name and audience, items, editorial); returns its id.
    news: {language: content id} of one piece of news and its translations (the `news` fixture)."""
    form = testapp.get("/manage/newsletter/issues/add").forms["deform"]
    form["title"] = title
    form["default_language"] = "en"
    for part, value in (audience or {}).items():  # language, region, theme
        form[part] = value
    page = form.submit("save_next", status=302).follow()
    assert "Porto Alegre opens its budget" in page.text  # offered: published since the last issue
    form = page.forms["items-form"]
    for box in form.fields["item"]:
        box.checked = box._value == str(news["en"])
    page = form.submit("save_next", status=302).follow()
    form = page.forms["deform"]
    form.set("subject", "The network in November", index=0)  # versions in order: en, es, fr, pt
    form.set("subject", "Le réseau en novembre", index=2)
    form.set("editorial", "<p>Hello <b>cities</b></p><script>alert(1)</script>", index=0)
    form.set("editorial", "<p>Bonjour les villes</p>", index=2)
    form.submit("save_next", status=302).follow()
    with testapp.app.registry["dbsession_factory"]() as s:
        return s.scalar(select(Issue.id).order_by(Issue.id.desc()))


def confirm_sending(testapp, issue_id, **schedule):
    """Press Send now (or Schedule, with send_at and timezone), then confirm on the page that follows."""
    page = testapp.get(f"/manage/newsletter/issues/{issue_id}")
    form = page.forms["schedule-form" if schedule else "send-form"]
    for name, value in schedule.items():
        form[name] = value
    confirmation = form.submit()
    return confirmation.forms["confirm-send-form"].submit("confirm", status=302).follow()


def make_subscribers(db, count, **kw):
    with db() as s:
        for i in range(count):
            s.add(Subscriber(email=f"reader{i}@example.org", status="subscribed", confirmed=utcnow(), **kw))


def make_issue(db, news_id=None, status="draft", send_at=None, title="Issue", **kw):
    """An issue with an English version (and one item); kw: other columns, such as audience_region."""
    with db() as s:
        issue = Issue(title=title, default_language="en", status=status, send_at=send_at, **kw)
        issue.versions.append(IssueVersion(language="en", subject="News of the network", editorial="<p>Hi</p>"))
        if news_id:
            issue.items.append(IssueItem(content_id=news_id, position=0))
        s.add(issue)
        s.flush()
        return issue.id


def start(db, issue_id):
    from plugins.newsletter.campaign import start_campaign
    with db() as s:
        return start_campaign(s, s.get(Issue, issue_id))

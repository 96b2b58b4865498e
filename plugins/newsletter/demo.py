"""Demo subscribers and issues for `make serve`: last month's issue, sent (in the archive, with its
deliveries), and this month's draft. Dates follow the other plugins' demo content, which is dated
from today: the sent issue holds only what was published before it, the draft what came after."""
from datetime import datetime, timedelta

from babel.dates import format_skeleton
from sqlalchemy import select

from portal.api import Content, Request, utcnow

from . import campaign
from .models import Consent, Delivery, Issue, IssueItem, IssueVersion, Subscriber
from .schemas import CONSENT_VERSION

SUBSCRIBERS = [
    ("ana.souza@example.org", "Ana Souza", "pt", ["latin-america-caribbean"], ["participatory-budgeting"]),
    ("moussa.diop@example.org", "Moussa Diop", "fr", ["africa"], []),
    ("lucia.perez@example.org", "Lucía Pérez", "es", [], ["youth-participation", "gender-equality"]),
    ("carlos.ruiz@example.org", "Carlos Ruiz", "es", ["latin-america-caribbean"], []),
    ("amina.sow@example.org", "Amina Sow", "es", ["africa"], ["participatory-budgeting"]),
    ("tom.baker@example.org", "Tom Baker", "en", ["europe", "north-america"], []),
    ("keiko.ito@example.org", "", "en", ["asia-pacific"], ["e-participation"]),
]

EDITORIALS = {
    "en": ("The network this month", "<p>Cities keep sharing what works: new experiences, news from the "
           "secretariat and the next meetings.</p>"),
    "es": ("La red este mes", "<p>Las ciudades siguen compartiendo lo que funciona: nuevas experiencias, "
           "noticias de la secretaría y los próximos encuentros.</p>"),
    "fr": ("Le réseau ce mois-ci", "<p>Les villes continuent de partager ce qui marche : nouvelles expériences, "
           "nouvelles du secrétariat et prochaines rencontres.</p>"),
    "pt": ("A rede este mês", "<p>As cidades continuam compartilhando o que funciona: novas experiências, "
           "notícias da secretaria e os próximos encontros.</p>"),
}
SENT_DAYS_AGO = 20
ITEMS = 3


def items_published(db, after: datetime | None = None, before: datetime | None = None,
                    count: int = ITEMS) -> list[Content]:
    """The newest published news, experiences and events in that period, one per translation group."""
    stmt = select(Content).where(Content.state == "published", Content.type.in_(("news", "experience", "event")))
    if after is not None:
        stmt = stmt.where(Content.published > after)
    if before is not None:
        stmt = stmt.where(Content.published < before)
    found, groups = [], set()
    for item in db.scalars(stmt.order_by(Content.published.desc(), Content.id).limit(50)):
        if item.translation_group not in groups:
            groups.add(item.translation_group)
            found.append(item)
    return found[:count]


def month(moment: datetime) -> str:
    return format_skeleton("yMMMM", moment, locale="en")  # "November 2026": the secretariat's list name


def create_demo_newsletter(request: Request) -> None:
    db = request.dbsession
    now = utcnow()
    sent_at = (now - timedelta(days=SENT_DAYS_AGO)).replace(hour=9, minute=0, second=0, microsecond=0)
    subscribers = []
    for email, name, language, regions, themes in SUBSCRIBERS:
        sub = Subscriber(email=email, name=name, language=language, status="subscribed",
                         confirmed=sent_at - timedelta(days=30), created=sent_at - timedelta(days=30))
        sub.set_interests(regions, themes)
        sub.consents.append(Consent(at=sub.confirmed, text_version=CONSENT_VERSION, source="confirmation"))
        db.add(sub)
        subscribers.append(sub)
    sent = Issue(title=month(sent_at), default_language="en", status="sent", started=sent_at,
                 finished=sent_at + timedelta(minutes=5), created=sent_at - timedelta(days=2),
                 modified=sent_at - timedelta(days=1), send_at=sent_at, timezone="Europe/Madrid")
    draft = Issue(title=month(now), default_language="en", status="draft")
    for issue, items in ((sent, items_published(db, before=sent_at)), (draft, items_published(db, after=sent_at))):
        for code, (subject, editorial) in EDITORIALS.items():
            issue.versions.append(IssueVersion(language=code, subject=subject, editorial=editorial))
        for position, item in enumerate(items):
            issue.items.append(IssueItem(content_id=item.id, position=position))
        db.add(issue)
    db.flush()
    deliver_demo_issue(request, sent, subscribers)


def deliver_demo_issue(request, issue: Issue, subscribers: list[Subscriber]) -> None:
    """The sent issue's copies, as the worker wrote and sent them, so its report shows every subscriber."""
    db = request.dbsession
    settings = request.registry.settings
    base = settings.get("portal.url") or request.application_url
    for sub in subscribers:
        mail_request = campaign.mail_request(request.registry, sub.language, base)
        mail_request.dbsession = db
        row = campaign.personal_message(settings, campaign.render_mail(mail_request, issue, sub.language), sub,
                                        message_id_=campaign.message_id(settings, issue.id, sub.id))
        row.status, row.sent, row.created, row.attempts = "sent", issue.started, issue.started, 1
        db.add(row)
        db.flush()
        db.add(Delivery(issue_id=issue.id, subscriber_id=sub.id, status="queued", outbox_id=row.id))

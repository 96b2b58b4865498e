"""Demo subscribers and issues for `make serve`: one issue sent (in the archive), one draft."""
from datetime import timedelta

from sqlalchemy import select

from portal.models import Content, utcnow

from .models import Consent, Issue, IssueItem, IssueVersion, Subscriber
from .schemas import CONSENT_VERSION

SUBSCRIBERS = [
    ("ana.souza@example.org", "Ana Souza", "pt", ["latin-america-caribbean"], ["participatory-budgeting"]),
    ("moussa.diop@example.org", "Moussa Diop", "fr", ["africa"], []),
    ("lucia.perez@example.org", "Lucía Pérez", "es", [], ["youth-participation", "gender-equality"]),
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


def create_demo_newsletter(request):
    db = request.dbsession
    now = utcnow()
    for email, name, language, regions, themes in SUBSCRIBERS:
        sub = Subscriber(email=email, name=name, language=language, status="subscribed",
                         confirmed=now - timedelta(days=30))
        sub.set_interests(regions, themes)
        sub.consents.append(Consent(at=now - timedelta(days=30), text_version=CONSENT_VERSION, source="confirmation"))
        db.add(sub)
    recent = db.scalars(select(Content).where(Content.state == "published", Content.type.in_(("news", "experience")),
                                              Content.language == "en").order_by(Content.published.desc()).limit(4)).all()
    sent = Issue(title="October 2026", default_language="en", status="sent", started=now - timedelta(days=20),
                 finished=now - timedelta(days=20))
    draft = Issue(title="November 2026", default_language="en", status="draft")
    for issue in (sent, draft):
        for code, (subject, editorial) in EDITORIALS.items():
            issue.versions.append(IssueVersion(language=code, subject=subject, editorial=editorial))
        for position, item in enumerate(recent[:2] if issue is sent else recent[2:]):
            issue.items.append(IssueItem(content_id=item.id, position=position))
        db.add(issue)
    db.flush()

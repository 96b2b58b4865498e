"""Two working groups with pages, revisions and comments, for `make serve`."""
from datetime import timedelta

from sqlalchemy import select

from portal.api import Request, User, content_service, utcnow

from . import services
from .models import JoinRequest, PageComment


def create_demo_groups(request: Request) -> None:
    db = request.dbsession
    people = {u.email: u for u in db.scalars(select(User))}
    members = [u for u in people.values() if u.role == "member"]
    if not members:
        return
    first, others = members[0], members[1:]
    observatories = services.create_group(
        db, "Local Observatories of Participatory Democracy",
        "<p>Redefining what a <strong>Local Observatory of Participatory Democracy</strong> measures and how "
        "cities of the network share their indicators.</p>", "public", first, "en")
    for user in others[:3]:
        services.add_member(db, observatories, user)
    admin = people.get("admin@example.org")
    if admin is not None:
        services.add_member(db, observatories, admin, "coordinator")
    charter = services.create_page(
        db, observatories, "Charter of the observatories",
        "<h2>Purpose</h2><p>An observatory follows the participatory processes of its city over time.</p>"
        "<h2>Indicators</h2><ul><li>Number of participants</li><li>Share of the budget decided by citizens</li></ul>",
        first)
    author = others[0] if others else first
    charter.body += "<p>The indicators are reviewed every two years by the members.</p>"
    content_service.claim_revision(db, charter, charter.revision)
    db.flush()
    services.record_page_revision(db, charter, author, "Review cycle")
    services.create_page(db, observatories, "Indicators in detail",
                         "<p>How each indicator of the [[Charter of the observatories]] is computed.</p>", first,
                         parent=charter)
    db.add(PageComment(page_id=charter.id, author_id=author.id,
                       text="Should we add an indicator on the participation of young people?",
                       created=utcnow() - timedelta(hours=3)))
    closed = services.create_group(
        db, "Plenary preparation", "<p>Drafting the agenda and the documents of the next plenary meeting.</p>",
        "members", admin or first, "en")
    services.add_member(db, closed, first)
    services.create_page(db, closed, "Draft agenda", "<ol><li>Welcome</li><li>Work plan</li><li>Awards</li></ol>",
                         admin or first)
    if others:  # a request to join that waits for the coordinator: on their "My space" (/my) and the asker's
        db.add(JoinRequest(group_id=closed.id, user_id=others[-1].id,
                           message="Our city hosts the next plenary; we would like to help prepare it."))

"""Updates posted during a campaign (what was done with the money, a date moved), shown on its page and
mailed once to each supporter who asked for them when pledging, in the language they pledged in."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from portal.api import Base, UTCDateTime, clock, utcnow

from .mail import send_update
from .models import COUNTED, Pledge


class CampaignUpdate(Base):
    __tablename__ = "crowd_updates"
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("crowd_campaigns.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")  # HTML cleaned by the core's rich text field
    posted: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    # the key of the form that posted it: the same form sent twice posts (and mails) once
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)


def updates_of(session, campaign_id) -> list[CampaignUpdate]:
    return list(session.scalars(select(CampaignUpdate).where(CampaignUpdate.campaign_id == campaign_id)
                                .order_by(CampaignUpdate.posted.desc(), CampaignUpdate.id.desc())))


def subscribers(session, campaign_id) -> dict[str, str]:
    """{e-mail: language} of the supporters who asked for the updates, one entry per address (compared
    without case) whatever their number of pledges, in the language of their latest pledge."""
    found: dict[str, tuple[str, str]] = {}
    rows = session.execute(select(Pledge.email, Pledge.language)
                           .where(Pledge.campaign_id == campaign_id, Pledge.updates.is_(True),
                                  Pledge.state.in_(COUNTED)).order_by(Pledge.created, Pledge.id))
    for email, language in rows:
        found[email.strip().lower()] = (email.strip(), language or "en")
    return dict(found.values())


def post_update(request, campaign, title: str, body: str, key: str) -> bool:
    """Post the update and mail it; False: this form's update was posted already (a double click, a
    reload of the POST), nothing more is posted or mailed."""
    session = request.dbsession
    if session.scalar(select(CampaignUpdate.id).where(CampaignUpdate.idempotency_key == key)) is not None:
        return False
    update = CampaignUpdate(campaign_id=campaign.id, title=title, body=body, posted=clock.now(), idempotency_key=key,
                            author_id=request.user.id if request.user is not None else None)
    savepoint = session.begin_nested()
    try:
        session.add(update)
        session.flush()
    except IntegrityError:  # the same form's other click committed meanwhile
        savepoint.rollback()
        return False
    savepoint.commit()
    for address, lang in subscribers(session, campaign.id).items():
        send_update(request, campaign, update, address, lang)
    return True

"""A campaign's collective returns: what the network will publish for everyone once the action is done
(a guide, a study, the recordings of a workshop), marked fulfilled later with a link to what was
published: an address, or the id of an item of the portal."""
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from portal.api import Base, Content, UTCDateTime, clock, translated

from .rows import keep_rows


class CollectiveReturn(Base):
    __tablename__ = "crowd_returns"
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("crowd_campaigns.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(Text, default="")
    fulfilled: Mapped[bool] = mapped_column(Boolean, default=False)
    fulfilled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    link: Mapped[str] = mapped_column(String(1000), default="")  # "https://...", or a content id: "42"


def returns_of(session, campaign_id) -> list[CollectiveReturn]:
    return list(session.scalars(select(CollectiveReturn).where(CollectiveReturn.campaign_id == campaign_id)
                                .order_by(CollectiveReturn.position, CollectiveReturn.id)))


def is_address(link: str) -> bool:
    return link.startswith(("https://", "http://"))


def published_item(request, link: str):
    """The portal's item a link names by its id, if the reader may see it."""
    if not link.isdigit():
        return None
    item = request.dbsession.get(Content, int(link))
    return item if item is not None and request.has_permission("view", item) else None


def shown_link(request, link: str) -> tuple[str, str] | None:
    """(address, text) of what a fulfilled return links to; None: nothing the reader may follow."""
    link = (link or "").strip()
    if is_address(link):
        return link, link
    item = published_item(request, link)
    if item is None:
        return None
    try:
        url = request.route_path(f"{item.type}.view", id=item.id)
    except KeyError:  # a kind of item without a page of its own
        return None
    return url, str(translated(request, item, "title"))


def save_returns(session, campaign_id, rows) -> None:
    """The form's rows kept by their id; a row left empty is removed; ticking "fulfilled" dates it."""
    def fill(item, row):
        item.description, item.link = row["description"].strip(), (row.get("link") or "").strip()
        if not row.get("fulfilled"):
            item.fulfilled_at = None
        elif not item.fulfilled:
            item.fulfilled_at = clock.now()
        item.fulfilled = bool(row.get("fulfilled"))
    keep_rows(session, returns_of(session, campaign_id), rows, "return_id", "description",
              lambda: CollectiveReturn(campaign_id=campaign_id, fulfilled=False), fill)

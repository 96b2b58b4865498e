"""An item's cover image in the newsletter: the picture chosen in the item's form, as a resized copy,
with its alternative text."""
from sqlalchemy import select

from portal.models import File, News, OutboxMessage, utcnow

from plugins.newsletter.models import Subscriber
from newsletter_steps import make_issue, start, work


def news(db, title, language="en"):
    with db() as s:
        item = News(title=title, description="", body="<p>x</p>", language=language, state="published",
                    published=utcnow())
        s.add(item)
        s.flush()
        return item.id


def test_an_item_with_a_cover_shows_it_in_the_mail(app, db, registry):
    with_cover, without = news(db, "Rosario opens its budget"), news(db, "Dakar installe un conseil des jeunes", "fr")
    with db() as s:
        s.add(Subscriber(email="en@example.org", language="en", status="subscribed", confirmed=utcnow()))
        for position, (name, cover) in enumerate((("hall.jpg", False), ("vote.jpg", True))):
            s.add(File(content_id=with_cover, filename=name, mimetype="image/jpeg", size=1, sha256="0" * 64,
                       path=f"00/{name}", title=name, alt=f"The picture {name}", position=position, cover=cover,
                       sizes={"width": 1600, "height": 1000, "copies": [320, 640, 1280]}))
        s.flush()
        cover_id = s.scalars(select(File.id).where(File.filename == "vote.jpg")).one()
    issue_id = make_issue(db, with_cover, without)
    start(db, issue_id)
    work(registry, registry.settings)
    with db() as s:
        body = s.scalars(select(OutboxMessage.html).where(OutboxMessage.recipient == "en@example.org")).one()
    assert f"/files/{cover_id}/w640/vote.jpg" in body and 'alt="The picture vote.jpg"' in body
    assert body.count("<img") == 1  # the item without an image has none

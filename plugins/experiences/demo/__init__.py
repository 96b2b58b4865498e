"""Forty experiences across the five regions and four languages, for `make serve`: data in the documented
import format (demo/experiences.json, as `portal import-experiences` reads it), loaded by the importer.

The case studies are fictionalised but plausible, each written in the language of its city; people are
never named (contacts are roles); amounts are in the local currency, in whole units; three are also given
translated (`translation_of`)."""
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from portal.api import Member, Request, User

from ..importer import import_rows, read_file
from ..models import Experience

DEMO_FILE = Path(__file__).parent / "experiences.json"


def create_demo_experiences(request: Request) -> None:
    db = request.dbsession
    author = db.scalar(select(User).where(User.role == "member").order_by(User.id))
    report = import_rows(request, read_file(DEMO_FILE), creator=author)
    if report.errors:
        raise ValueError(f"{DEMO_FILE.name}: {report.errors[:3]}")
    members = list(db.scalars(select(Member)))
    for experience in db.scalars(select(Experience)):  # the member whose name is the experience's city, if any
        experience.member_id = next((m.id for m in members if m.name.split()[0] == experience.city.split()[0]), None)
    # the members' experiences were shared over the years: their profiles' histories show when
    linked = db.scalars(select(Experience).where(Experience.member_id.is_not(None), Experience.published.is_not(None))
                        .order_by(Experience.id)).all()
    for n, experience in enumerate(linked):
        experience.published -= timedelta(days=150 * (n % 5) + 420)  # before last year's award

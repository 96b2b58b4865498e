"""A few dozen experiences across the five regions and four languages, for `make serve`."""
from sqlalchemy import select

from portal.api import Member, User

from .importer import import_rows


def create_demo_experiences(request):
    from .demo_data import EXPERIENCES, TRANSLATIONS
    db = request.dbsession
    author = db.scalar(select(User).where(User.role == "member").order_by(User.id))
    report = import_rows(request, ((i + 1, dict(row)) for i, row in enumerate(EXPERIENCES)), creator=author)
    if report.errors:
        raise ValueError(f"demo experiences: {report.errors[:3]}")
    from .models import Experience
    by_id = {e.external_id: e for e in db.scalars(select(Experience))}
    members = list(db.scalars(select(Member)))
    for experience in by_id.values():  # the member whose name is the experience's city, if any
        experience.member_id = next((m.id for m in members if m.name.split()[0] == experience.city.split()[0]), None)
    for original, translation in TRANSLATIONS:
        by_id[translation].translation_group = by_id[original].translation_group

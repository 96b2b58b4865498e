"""Demo antennas: Latin America in Porto Alegre and Africa in Dakar (active), Northern Europe and
North America (planned), with their coordinators and a news item each; targets per region."""
from datetime import date

from sqlalchemy import select

from portal.api import Request, content_service
from portal.api import Member, News, Section, Setting, User, utcnow

from .models import Antenna

ANTENNAS = [
    ("Latin America antenna", "latin-america-caribbean", "Porto Alegre", "BR", "Porto Alegre", date(2019, 3, 1),
     "active", "<p>The antenna brings together the members of Latin America and the Caribbean, follows the "
     "participatory budgets of the region and hosts exchanges between cities.</p>",
     "Rua Uruguai 155, Porto Alegre\nantena.latam@example.org", "porto-alegre@example.org"),
    ("Africa antenna", "africa", "Dakar", "SN", "Dakar", date(2021, 10, 15), "active",
     "<p>The antenna supports African local governments starting participatory budgets and citizen "
     "assemblies, in French, English and Portuguese.</p>",
     "Place de l'Indépendance, Dakar\nantenne.afrique@example.org", "dakar@example.org"),
    ("Northern Europe antenna", "europe", "", "", None, None, "planned",
     "<p>Planned: an office for the members of the Nordic and Baltic countries.</p>", "", None),
    ("North America antenna", "north-america", "", "", None, None, "planned",
     "<p>Planned: an office for the members of Canada and the United States.</p>", "", None),
]

NEWS = {
    "Latin America antenna": ("Regional meeting on participatory budgeting in Porto Alegre",
                              "Thirty cities of the region compared their budget cycles."),
    "Africa antenna": ("Dakar hosts the first school of participatory budgeting for African cities",
                       "Mayors and officers of twelve cities trained for a week."),
}


def create_demo_antennas(request: Request) -> None:
    db = request.dbsession
    admin = db.scalar(select(User).where(User.role == "secretariat").order_by(User.id))
    now = utcnow()
    for (name, region, city, country, host, opened, status, description, contacts, coordinator) in ANTENNAS:
        host_member = db.scalar(select(Member).where(Member.name.like(f"{host}%"))) if host else None
        section = content_service.create(request, Section, {"title": name, "language": "en"}, author=admin,
                                         comment="Created", state="published", published=now)
        antenna = Antenna(name=name, region=region, seat_city=city, seat_country=country, opened=opened,
                          status=status, description=description, contacts=contacts, section=section,
                          host_member=host_member)
        db.add(antenna)
        db.flush()
        user = db.scalar(select(User).where(User.email == coordinator)) if coordinator else None
        if user is not None:
            antenna.set_coordinators(db, [user.id])
            if name in NEWS:
                title, summary = NEWS[name]
                content_service.create(request, News, {"title": title, "description": summary,
                                                       "body": f"<p>{summary}</p>", "language": "en"},
                                       section, author=user, comment="Created", state="published", published=now)
    targets = {"africa": 25, "asia-pacific": 20, "europe": 25, "latin-america-caribbean": 20, "north-america": 10}
    db.add(Setting(key="antennas", value={k: str(v) for k, v in targets.items()}))

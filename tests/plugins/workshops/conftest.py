"""The workshops tests' fixtures: the clock stopped, a secretariat, member cities and their representatives."""
import pytest

from portal.api import Member


@pytest.fixture
def cities(db, make_user):
    """Dakar (the pilot city), Grenoble and Maputo, each with a representative; the secretariat."""
    make_user("sec@example.org", role="secretariat", name="Sam Secretariat")
    ids = {}
    with db() as s:
        for name, country in (("Dakar", "SN"), ("Grenoble", "FR"), ("Maputo", "MZ")):
            member = Member(name=name, kind="city", country=country, region="africa", status="active")
            s.add(member)
            s.flush()
            ids[name] = member.id
    for name, member_id in ids.items():
        make_user(f"{name.lower()}@example.org", role="member", name=f"Rep {name}", member_id=member_id)
    return ids

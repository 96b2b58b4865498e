"""The awards tests' fixtures: a controlled clock, two member cities with their experiences and a
secretariat, an open call (its steps are in tests/support/award_helpers.py)."""
from datetime import datetime

import pytest
from award_helpers import UTC, add_experience, add_member, create_call, secretariat


@pytest.fixture
def network(db, make_user):
    """Two member cities with a representative each, their experiences, a secretariat."""
    ids = {}
    ids["poa"] = add_member(db, "Porto Alegre", "BR", "latin-america-caribbean")
    ids["dakar"] = add_member(db, "Dakar", "SN", "africa")
    make_user("rep@poa.example", role="member", member_id=ids["poa"], name="Luiza Fernandes")
    make_user("rep@dakar.example", role="member", member_id=ids["dakar"], name="Aminata Diop", language="fr")
    make_user("sec@example.org", role="secretariat", name="Secretariat")
    ids["exp_poa"] = add_experience(db, "Neighbourhood budget assemblies", ids["poa"], "Porto Alegre", "BR",
                                    body="<p>In Porto Alegre, Luiza Fernandes coordinated the assemblies.</p>")
    ids["exp_dakar"] = add_experience(db, "Youth councils by the sea", ids["dakar"], "Dakar", "SN")
    return ids


@pytest.fixture
def open_call(app, network, at, db):
    admin = secretariat(app)
    res = create_call(admin, blind=True)
    assert res.status_int == 302, res.text
    from plugins.awards.models import AwardCall
    with db() as s:
        call_id = s.query(AwardCall).one().id
    at.set(datetime(2027, 2, 1, tzinfo=UTC))
    return call_id

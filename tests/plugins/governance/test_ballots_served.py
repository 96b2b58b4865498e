"""Two hundred ballots at the same moment against a running server (waitress on loopback, PostgreSQL):
170 organisations vote in a secret vote, thirty of them send their ballot twice; every organisation is
counted once, the duplicates refused, the box holds one ballot per organisation."""
import os
from datetime import timedelta

import pytest
from governance_helpers import STARTS, add_meeting, add_members, add_motion, as_rep, check_in_all
from portal.testing import client, submit_all_at_once

pytestmark = [pytest.mark.postgresql, pytest.mark.skipif(
    not os.environ.get("PORTAL_TEST_DB"), reason="concurrent transactions need PostgreSQL (PORTAL_TEST_DB)")]


def test_two_hundred_ballots_at_once_are_counted_exactly(app, db, at):
    at.set(STARTS)
    members = add_members(db, 170)
    meeting_id = add_meeting(db)
    check_in_all(db, meeting_id, members)
    motion_id = add_motion(db, meeting_id, secret=True, opens=STARTS - timedelta(minutes=1))
    choices = ("yes", "no", "abstain")
    sends = []
    for n, member_id in enumerate(members):
        browser = as_rep(client(app, address=f"198.51.{n // 200}.{n % 200 + 1}"), db, member_id)
        form = browser.get(f"/governance/motions/{motion_id}/vote").forms["deform"]
        form["voter"], form["choice"] = str(member_id), choices[n % 3]
        sends.append((form, browser))
    sends += sends[:30]  # thirty send their ballot twice
    assert len(sends) == 200
    statuses = [status for status, _location in submit_all_at_once(app, sends, "vote")]
    assert sorted(statuses) == [200] * 170 + [409] * 30
    from plugins.governance.models import SecretBallot, Voted
    with db() as s:
        assert sorted(v.member_id for v in s.query(Voted).filter_by(motion_id=motion_id)) == sorted(members)
        box = [b.choice for b in s.query(SecretBallot).filter_by(motion_id=motion_id)]
    assert len(box) == 170
    assert {c: box.count(c) for c in choices} == {c: sum(1 for n in range(170) if choices[n % 3] == c) for c in choices}

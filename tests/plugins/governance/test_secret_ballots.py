"""A secret vote is verifiable and secret: each voter gets a receipt, finds it after the close among the
published receipts with its choice; the tally equals the ballots; the published SHA-256 of the box
changes when a ballot is changed in the database; no row links a ballot to an organisation."""
import hashlib
import re
from datetime import timedelta

from sqlalchemy import inspect

from governance_helpers import STARTS, add_meeting, add_members, add_motion, check_in_all, vote
from portal.testing import login, text_of


def test_receipts_published_tally_and_hash(testapp, app, db, secretariat, at):
    at.set(STARTS)
    members = add_members(db, 4)
    meeting_id = add_meeting(db)
    check_in_all(db, meeting_id, members)
    motion_id = add_motion(db, meeting_id, secret=True, opens=STARTS - timedelta(minutes=1))
    receipts = {}
    for member_id, choice in zip(members, ("yes", "yes", "no", "abstain")):
        page = vote(app, db, motion_id, member_id, choice, status=200)
        receipts[member_id] = (re.search(r'<strong id="receipt">([0-9A-F]+)</strong>', page.text).group(1), choice)

    from plugins.governance.models import SecretBallot, Voted
    with db() as s:
        assert {v.choice for v in s.query(Voted).filter_by(motion_id=motion_id)} == {""}  # no choice kept
        columns = {c.key for c in inspect(SecretBallot).columns}
        assert columns == {"motion_id", "receipt", "choice"}  # nothing that leads to an organisation
    login(testapp, "sec@example.org")
    running = text_of(testapp.get(f"/governance/motions/{motion_id}").text)
    assert all(receipt not in running for receipt, _c in receipts.values())  # nothing published before the close
    page = testapp.get(f"/governance/motions/{motion_id}/close").forms["confirm-form"].submit("confirm").follow()
    shown = text_of(page.text)
    for receipt, choice in receipts.values():  # each voter finds their receipt with their choice
        assert f"{receipt} {choice.title()}" in shown
    assert "passed: 2 yes of 3 cast" in shown
    box = sorted(receipts.values())
    published = re.search(r'<code id="box-hash">([0-9a-f]{64})</code>', page.text).group(1)
    assert published == hashlib.sha256("".join(f"{r}:{c}\n" for r, c in box).encode()).hexdigest()
    assert "no longer matches" not in shown

    with db() as s:  # someone changes a ballot in the database
        ballot = s.query(SecretBallot).filter_by(receipt=receipts[members[2]][0]).one()
        ballot.choice = "yes"
    page = testapp.get(f"/governance/motions/{motion_id}")
    assert "The ballot box no longer matches the hash published at the close." in text_of(page.text)
    from plugins.governance.votes import box_hash
    changed = sorted([(r, "yes" if r == receipts[members[2]][0] else c) for r, c in box])
    assert box_hash(changed) != published

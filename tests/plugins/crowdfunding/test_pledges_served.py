"""Fifty pledges at the same moment against a running server (waitress on loopback, PostgreSQL): the
count and the total exact, a limited reward never oversold, a form sent twice counted once."""
import os

import pytest
from crowd_helpers import add_campaign, pledge_form, pledges
from portal.testing import client, submit_all_at_once

pytestmark = [pytest.mark.postgresql, pytest.mark.skipif(
    not os.environ.get("PORTAL_TEST_DB"), reason="concurrent transactions need PostgreSQL (PORTAL_TEST_DB)")]


def test_fifty_pledges_at_once_are_counted_exactly(app, db, at):
    campaign_id, (seat,) = add_campaign(db, rewards=[(5000, "Ten seats at the workshop", 10)])
    browsers = [client(app, address=f"192.0.2.{n + 100}") for n in range(40)]
    # twenty want one of the ten seats; twenty give without a reward, ten of them sending their form twice
    with_seat = [pledge_form(b, campaign_id, amount="50", reward=str(seat), email=f"seat{n}@example.org")
                 for n, b in enumerate(browsers[:20])]
    plain = [pledge_form(b, campaign_id, amount=f"{11 + n}.25", email=f"plain{n}@example.org")
             for n, b in enumerate(browsers[20:])]
    sends = [(f, b) for f, b in zip(with_seat + plain, browsers)] + list(zip(plain[:10], browsers[20:30]))
    assert len(sends) == 50
    statuses = [status for status, _location in submit_all_at_once(app, sends, "pledge")]
    made = pledges(db, campaign_id)
    seats = [p for p in made if p[1] == seat]
    others = [p for p in made if p[1] is None]
    assert len(seats) == 10 and len(others) == 20 and len(made) == 30
    assert sum(p[0] for p in made) == 10 * 5000 + sum(1125 + 100 * n for n in range(20))
    assert len({p[4] for p in made}) == 30  # thirty references, none given twice
    from plugins.crowdfunding.models import Reward
    with db() as s:
        assert s.get(Reward, seat).taken == 10
    # every plain pledge and each resend answered with its thank-you page; ten seat forms told it is sold out
    assert statuses.count(302) == 40 and len(statuses) == 50

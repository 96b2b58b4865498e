"""Steps the crowdfunding tests share (tests/support is on sys.path): a campaign written straight into
the database, published, and the pledge form filled as a supporter does it."""
from datetime import datetime, timedelta, timezone

from portal.testing import sequence_rows

UTC = timezone.utc
NOW = datetime(2026, 12, 1, tzinfo=UTC)  # the frozen clock's moment


def add_campaign(db, title="Translate the guide", days=(-10, 30), currency="EUR", rewards=(), min_pledge=500,
                 state="published", rule="all_or_nothing", tz="Europe/Lisbon", budget=None):
    from plugins.crowdfunding.models import Campaign, Reward
    with db() as s:
        c = Campaign(title=title, description="A campaign.", body="<p>Help us.</p>", language="en",
                     action="Work plan line 3.2", currency=currency, timezone=tz, rule=rule, min_pledge=min_pledge,
                     starts=NOW + timedelta(days=days[0]), ends=NOW + timedelta(days=days[1]),
                     budget=budget if budget is not None else [
                         {"what": "Translation", "amount": 300000, "required": True},
                         {"what": "Printing", "amount": 100000, "required": False}],
                     payment_details="IBAN PT50 1234", state=state,
                     published=NOW - timedelta(days=20) if state == "published" else None)
        c.rewards = [Reward(position=n, amount=a, description=d, quantity=q, taken=0)
                     for n, (a, d, q) in enumerate(rewards)]
        s.add(c)
        s.flush()
        return c.id, [r.id for r in c.rewards]


def pledge_form(browser, campaign_id, **values):
    """The pledge form of the campaign, filled (amount, name, email... and reward: the reward's id)."""
    form = browser.get(f"/campaigns/{campaign_id}/pledge").forms["deform"]
    values.setdefault("amount", "25")
    values.setdefault("email", "ana@example.org")
    values.setdefault("name", "Ana Souza")
    for name, value in values.items():
        if name == "anonymous":
            form[name].checked = bool(value)
        elif name in ("reward", "method"):
            form[radio_name(form, name)] = value
        else:
            form[name] = value
    return form


def radio_name(form, name):
    """The name deform gives a group of radio buttons (their field's oid, inside a rename mapping)."""
    order = form.field_order
    for n, (field, widget) in enumerate(order):
        if field == "__start__" and getattr(widget, "value", None) == f"{name}:rename":
            return order[n + 1][0]
    raise KeyError(name)


def pledges(db, campaign_id):
    from plugins.crowdfunding.models import Pledge
    with db() as s:
        return [(p.amount, p.reward_id, p.state, p.name, p.reference, p.language)
                for p in s.query(Pledge).filter_by(campaign_id=campaign_id).order_by(Pledge.id)]


ROW_NAMES = {"budget_lines": "line", "reward_rows": "reward"}


def rows(form, kind):
    """The rows of the campaign form's budget lines or rewards: [{field name: webtest field}], in order."""
    return sequence_rows(form, kind, ROW_NAMES[kind])


def set_rows(form, kind, values):
    """Fill the rows in order, each value a dict of the row's fields ("required": "" unticks the box)."""
    existing = rows(form, kind)
    assert len(existing) >= len(values), f"{len(existing)} rows of {kind} for {len(values)} values"
    for row, value in zip(existing, values):
        for name, typed in value.items():
            if name == "required":
                row[name].checked = bool(typed)
            else:
                row[name].value = str(typed)

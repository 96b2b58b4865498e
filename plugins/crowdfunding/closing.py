"""Closing the campaigns by the clock: the periodic task crowdfunding:close (run by the worker), or by
hand with `portal crowdfunding close` (--dry-run, --predict DAYS).

`plan` is pure: from what a campaign is (a State) and the moment, the step due, if any:
- warn-owner: the end is at most crowdfunding.warn_days away (7 by default) and the minimum not
  reached: its owners (its creator, the people it is shared with to edit it) are mailed, once;
- start-second-round: round one ended with the minimum reached, the campaign has a second round and
  the optimum is not reached: pledges go on for second_round_days more, towards the optimum;
- close-funded: the minimum reached at the end (or the second round over: it keeps what it raised);
- close-failed-refund: all or nothing under its minimum: its pledges cancelled, the paid ones refunded
  (pledges.cancel_pledge), each supporter mailed in their language;
- close-kept: keep what is raised under its minimum: closed, its pledges collected all the same.
On closing funded or kept, the supporters who have not paid yet are asked to (their reference).
`predict` runs the plan forward over the coming days, the amounts raised staying as they are now.
`close_due` applies the steps due; each is claimed with a conditional UPDATE, so two workers crossing
the same moment do it once."""
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import select, update

from portal.api import _, User, clock, datetime_text

from .mail import campaign_values, send_pledge_mail
from .models import COUNTED, UNPAID, Campaign, Pledge
from .money import money
from .permissions import owner_principals
from .matching import matched_totals
from .pledges import cancel_pledge, totals

WARN_DAYS = 7  # the setting crowdfunding.warn_days: how long before the end the owners are warned
CHECK_EVERY = timedelta(minutes=1)

WARN, SECOND_ROUND, FUNDED, FAILED, KEPT = (
    "warn-owner", "start-second-round", "close-funded", "close-failed-refund", "close-kept")
OUTCOME_OF = {FUNDED: "funded", FAILED: "failed", KEPT: "kept"}


@dataclass(frozen=True)
class State:
    """What the plan reads of a campaign; raised: the pledges that count (pledged, committed or paid) and
    what the matchfunding pots add to them."""
    id: int
    title: str
    rule: str
    starts: datetime
    ends: datetime
    second_round: bool
    second_round_days: int
    round_two_started: datetime | None
    closed: datetime | None
    warned: bool
    minimum: int
    optimum: int
    raised: int
    currency: str = "EUR"

    @property
    def final_end(self) -> datetime:
        if self.round_two_started is None:
            return self.ends
        return self.ends + timedelta(days=self.second_round_days)


@dataclass(frozen=True)
class Step:
    campaign_id: int
    title: str
    action: str
    at: datetime
    raised: int
    minimum: int
    optimum: int
    currency: str


def state_of(campaign: Campaign, raised: int) -> State:
    return State(id=campaign.id, title=campaign.title, rule=campaign.rule, starts=campaign.starts,
                 ends=campaign.ends, second_round=bool(campaign.second_round),
                 second_round_days=campaign.second_round_days or 0, round_two_started=campaign.round_two_started,
                 closed=campaign.closed, warned=bool(campaign.warned), minimum=campaign.minimum,
                 optimum=campaign.optimum, raised=raised, currency=campaign.currency)


def next_action(state: State, now: datetime, warn_days: int) -> str | None:
    if state.closed is not None or now < state.starts:
        return None
    if now >= state.final_end:
        if state.round_two_started is not None or state.raised >= state.minimum:
            if state.round_two_started is None and state.second_round and state.raised < state.optimum:
                return SECOND_ROUND
            return FUNDED
        return FAILED if state.rule == "all_or_nothing" else KEPT
    if not state.warned and state.raised < state.minimum and now >= state.final_end - timedelta(days=warn_days):
        return WARN
    return None


def step_of(state: State, action: str, at: datetime) -> Step:
    return Step(campaign_id=state.id, title=state.title, action=action, at=at, raised=state.raised,
                minimum=state.minimum, optimum=state.optimum, currency=state.currency)


def plan(states, now: datetime, warn_days: int = WARN_DAYS) -> list[Step]:
    """The step due now for each campaign that has one."""
    steps = []
    for state in states:
        action = next_action(state, now, warn_days)
        if action is not None:
            steps.append(step_of(state, action, now))
    return steps


def after(state: State, step: Step) -> State:
    """The campaign as the step leaves it (for predict)."""
    if step.action == WARN:
        return replace(state, warned=True)
    if step.action == SECOND_ROUND:
        return replace(state, round_two_started=step.at)
    return replace(state, closed=step.at)


def predict(states, now: datetime, until: datetime, warn_days: int = WARN_DAYS) -> list[Step]:
    """The steps from now to `until`, in their order, if nobody pledged or cancelled meanwhile."""
    steps = []
    for state in states:
        moments = {now, state.starts, state.ends - timedelta(days=warn_days), state.ends,
                   state.ends + timedelta(days=state.second_round_days),
                   state.ends + timedelta(days=state.second_round_days - warn_days)}
        for moment in sorted(m for m in moments if now <= m <= until):
            action = next_action(state, moment, warn_days)
            if action is not None:
                steps.append(step_of(state, action, moment))
                state = after(state, steps[-1])
    return sorted(steps, key=lambda s: (s.at, s.campaign_id))


# --- reading and applying ----------------------------------------------------------------------------

def warn_days_of(registry) -> int:
    return int(registry.settings.get("crowdfunding.warn_days") or WARN_DAYS)


def current_states(session) -> tuple[dict, list[State]]:
    """The published campaigns not closed yet: ({id: campaign}, their states)."""
    campaigns = session.scalars(select(Campaign).where(Campaign.state == "published", Campaign.closed.is_(None))
                                .order_by(Campaign.ends, Campaign.id)).all()
    return {c.id: c for c in campaigns}, counted_states(session, campaigns)


def counted_states(session, campaigns) -> list[State]:
    """Their states, raised counting what supporters gave and what matchers add (as the campaign page's
    bars and "funded" do)."""
    ids = [c.id for c in campaigns]
    raised, matched = totals(session, ids), matched_totals(session, ids)
    return [state_of(c, raised[c.id][0] + matched[c.id]) for c in campaigns]


def round_two_due(request, campaign, now=None) -> State | None:
    """Round one is over and the second round is due but not started yet (the task runs every minute):
    the campaign's state then, else None. Reads only."""
    now = now or clock.now()
    if campaign.closed is not None or not campaign.second_round or campaign.round_two_started is not None:
        return None
    [state] = counted_states(request.dbsession, [campaign])
    return state if next_action(state, now, warn_days_of(request.registry)) == SECOND_ROUND else None


def open_round_two(request, campaign, now=None) -> bool:
    """A pledge sent in that minute: the second round starts now (one conditional UPDATE, as the task's),
    so the pledge is taken, not refused."""
    now = now or clock.now()
    state = round_two_due(request, campaign, now)
    return state is not None and apply_step(request, request.dbsession, campaign,
                                            step_of(state, SECOND_ROUND, now), now)


def planned(request, session=None, now=None, days=None) -> list[Step]:
    """What would happen now (days None) or over the next `days`; changes nothing."""
    session = session or request.dbsession
    now = now or clock.now()
    _campaigns, states = current_states(session)
    if days is None:
        return plan(states, now, warn_days_of(request.registry))
    return predict(states, now, now + timedelta(days=days), warn_days_of(request.registry))


def close_due(request, session=None, now=None) -> list[Step]:
    """Apply every step due now, in the request's transaction; the steps done."""
    session = session or request.dbsession
    now = now or clock.now()
    campaigns, states = current_states(session)
    done = []
    for step in plan(states, now, warn_days_of(request.registry)):
        if apply_step(request, session, campaigns[step.campaign_id], step, now):
            done.append(step)
    return done


def claim(session, campaign, where, **values) -> bool:
    """The conditional UPDATE of the campaign's row (an ORM statement, so the transaction knows of it)."""
    result = session.execute(update(Campaign).where(Campaign.id == campaign.id, *where).values(**values)
                             .execution_options(synchronize_session=False))
    session.expire(campaign, list(values))
    return result.rowcount == 1


def apply_step(request, session, campaign, step: Step, now) -> bool:
    if step.action == WARN:
        if not claim(session, campaign, [Campaign.warned.is_(False)], warned=True):
            return False
        warn_owners(request, session, campaign, step)
        return True
    if step.action == SECOND_ROUND:
        return claim(session, campaign, [Campaign.closed.is_(None), Campaign.round_two_started.is_(None)],
                     round_two_started=now)
    if not claim(session, campaign, [Campaign.closed.is_(None)], closed=now, outcome=OUTCOME_OF[step.action]):
        return False
    pledges = session.scalars(select(Pledge).where(Pledge.campaign_id == campaign.id, Pledge.state.in_(COUNTED))
                              .order_by(Pledge.id)).all()
    for pledge in pledges:
        lang = pledge.language or "en"
        date = datetime_text(lang, now, campaign.timezone)
        if step.action == FAILED:
            state = cancel_pledge(session, pledge, now)
            if state is not None:
                send_pledge_mail(request, f"crowdfunding:{state}", pledge, date=date)
        elif pledge.state in UNPAID:  # invoiced or waiting for a transfer: asked to pay now
            send_pledge_mail(request, "crowdfunding:collect", pledge, date=date,
                             raised=money(step.raised, campaign.currency, lang),
                             payment_details=campaign.payment_details or "")
    return True


def owners(session, campaign) -> list:
    """Who answers for the campaign (permissions.owner_principals): its creator and its owners."""
    ids = {int(p[5:]) for p in owner_principals(campaign) if p.startswith("user:") and p[5:].isdigit()}
    return session.scalars(select(User).where(User.id.in_(ids)).order_by(User.id)).all() if ids else []


def warn_owners(request, session, campaign, step: Step):
    rule = (_("It is all or nothing: if the minimum is not reached by then, its pledges are cancelled.")
            if campaign.rule == "all_or_nothing" else
            _("It keeps what is raised, but the required lines of its budget are not covered yet."))
    for owner in owners(session, campaign):
        lang = owner.language or "en"
        request.send_template("crowdfunding:owner_warning", owner, rule=rule,
                              date=datetime_text(lang, campaign.final_end, campaign.timezone),
                              raised=money(step.raised, campaign.currency, lang),
                              **campaign_values(request, campaign, lang))


def close_task(request) -> int:
    """The periodic task: in the worker's transaction; the number of steps done."""
    return len(close_due(request))

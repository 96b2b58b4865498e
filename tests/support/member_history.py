"""A member organisation with a history in every plugin, and what nobody may see of it yet (a draft, an
entry under a blind review, an ineligible entry, a members-only working group, an antenna still planned),
for the timeline's tests (tests/core/test_timeline.py, tests/browser/test_member_profile.py)."""
from datetime import date, datetime, timedelta, timezone

from portal.models import Member, User

UTC = timezone.utc
NOW = datetime(2027, 7, 1, 12, tzinfo=UTC)


def add_experience(s, member_id, title, state="published", published=None, language="en"):
    from plugins.experiences.models import Experience
    e = Experience(title=title, description=f"{title}.", body="<p>Residents decide.</p>", language=language,
                   city="Porto Alegre", country="BR", state=state, member_id=member_id,
                   mechanism="participatory-budget", scale="city", start_year=2015, sdgs=[16],
                   published=published if state == "published" else None)
    s.add(e)
    s.flush()
    return e


def add_call(s, edition, results, blind=True):
    from plugins.awards.models import AwardCall
    call = AwardCall(edition=edition, title="Good Practice Award", timezone="UTC",
                     opens=results - timedelta(days=150), closes=results - timedelta(days=60),
                     evaluation_closes=results - timedelta(days=10), results_date=results, blind=blind)
    s.add(call)
    s.flush()
    return call


def add_event(s, member_id, title, starts, state="published"):
    from plugins.events.models import Event
    e = Event(title=title, description="", body="<p>Programme.</p>", language="en", kind="workshop", timezone="UTC",
              city="Dakar", country="SN", starts=starts, ends=starts + timedelta(hours=6), state=state,
              published=starts - timedelta(days=90) if state == "published" else None, member_id=member_id)
    s.add(e)
    s.flush()
    return e


def arrange_history(db, make_user, frozen_clock):
    """Porto Alegre, a member since 2001, with something in every plugin, and things nobody may see yet;
    the clock stopped at NOW. Returns the ids."""
    from plugins.antennas.models import Antenna
    from plugins.awards.models import AwardEntry
    from plugins.working_groups import services
    frozen_clock.set(NOW)
    with db() as s:
        member = Member(name="Porto Alegre", kind="city", country="BR", region="latin-america-caribbean",
                        status="active", member_since=date(2001, 3, 15), description="Capital of Rio Grande do Sul.")
        s.add(member)
        s.flush()
        ids = {"member": member.id}
    ids["luiza"] = make_user("luiza@poa.example", role="member", member_id=ids["member"], name="Luiza Fernandes",
                             public_profile=True)
    ids["hidden"] = make_user("quiet@poa.example", role="member", member_id=ids["member"], name="Quiet Person")
    make_user("visitor@example.org", role="member", name="A member elsewhere")
    with db() as s:
        luiza = s.get(User, ids["luiza"])
        budget = add_experience(s, ids["member"], "Neighbourhood budget assemblies",
                                published=datetime(2024, 5, 10, 9, tzinfo=UTC))
        add_experience(s, ids["member"], "A draft nobody has read", state="draft")
        add_experience(s, ids["member"], "Waiting for the secretariat", state="pending")
        won = add_call(s, "6th", datetime(2025, 6, 1, 15, tzinfo=UTC))
        s.add(AwardEntry(call_id=won.id, member_id=ids["member"], experience_id=budget.id, status="submitted",
                         submitted=datetime(2025, 3, 20, 10, tzinfo=UTC), eligible=True, outcome="winner"))
        under_review = add_call(s, "7th", datetime(2027, 9, 1, 15, tzinfo=UTC))
        s.add(AwardEntry(call_id=under_review.id, member_id=ids["member"], experience_id=budget.id,
                         status="submitted", submitted=datetime(2027, 4, 2, tzinfo=UTC), eligible=True))
        refused = add_call(s, "5th", datetime(2024, 6, 1, 15, tzinfo=UTC))
        s.add(AwardEntry(call_id=refused.id, member_id=ids["member"], experience_id=budget.id, status="submitted",
                         submitted=datetime(2024, 3, 1, tzinfo=UTC), eligible=False))
        public = services.create_group(s, "Participatory budgeting", "<p>Budgets.</p>", "public", luiza)
        closed = services.create_group(s, "Secretariat's back office", "<p>Private.</p>", "members", luiza)
        for group in (public, closed):
            services.add_member(s, group, luiza)
            services.add_member(s, group, s.get(User, ids["hidden"]))
            s.flush()
            for m in group.memberships:
                m.since = datetime(2023, 2, 1, tzinfo=UTC)
        s.add(Antenna(name="Antenna of Latin America", region="latin-america-caribbean", seat_city="Porto Alegre",
                      seat_country="BR", host_member_id=ids["member"], opened=date(2010, 9, 1), status="active"))
        s.add(Antenna(name="A planned antenna", region="latin-america-caribbean", host_member_id=ids["member"],
                      status="planned"))
        add_event(s, ids["member"], "Forum of local authorities", datetime(2026, 11, 20, 9, tzinfo=UTC))
        add_event(s, ids["member"], "Assembly being drafted", datetime(2026, 10, 1, 9, tzinfo=UTC), state="draft")
        add_event(s, ids["member"], "Conference to come", datetime(2027, 10, 5, 9, tzinfo=UTC))
    return ids

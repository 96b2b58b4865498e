"""Arranging the governance tests: member organisations with a representative each, a plenary, a motion;
a work plan with its lines and actions; a presidency call."""
from datetime import date, datetime, timedelta, timezone

from portal.testing import login


def add_member(db, name, country="PT", **kw):
    from portal.models import Member
    with db() as s:
        member = Member(name=name, kind="city", country=country, region="europe", status="active", **kw)
        s.add(member)
        s.flush()
        return member.id


def make_plan(db, year=2013, published=True):
    """Two lines: Visibility (weight 1) with two actions at 100 (weight 3) and 0 (weight 1) -> 75%;
    Membership with one action at 40 -> 40%; the whole plan (75 + 40) / 2 = 57.5 -> 58%."""
    from plugins.governance.workplan import ensure_year, year_tree

    from portal.api import add_action, update_action
    with db() as s:
        tree = year_tree(s, year)
        visibility = add_action(s, tree, "Visibility")
        press = add_action(s, tree, "Press kit", parent=visibility, weight=3)
        update_action(s, press, status="done")
        add_action(s, tree, "Chicago conference", parent=visibility, weight=1)
        membership = add_action(s, tree, "Membership")
        antennas = add_action(s, tree, "Antennas in Porto Alegre and Dakar", parent=membership)
        update_action(s, antennas, progress=40, status="in_progress")
        record = ensure_year(s, year)
        record.published, record.approved_on, record.approved_by = published, date(2013, 7, 2), "the plenary in Cascais"
        return {"visibility": visibility.id, "press": press.id, "membership": membership.id, "antennas": antennas.id}


def make_call(db, year=2014, opens=date(2026, 11, 1), closes=date(2026, 12, 31), published=True):
    from plugins.governance.presidency import PresidencyCall

    from portal.api import TranslatedText, set_translated
    with db() as s:
        call = PresidencyCall(year=year, opens=opens, closes=closes, published=published, result_note="")
        set_translated(call, "title", TranslatedText({"en": f"Presidency {year}", "fr": f"Présidence {year}"}))
        set_translated(call, "conditions", TranslatedText({"en": "Be a member city.", "fr": "Être une ville membre."}))
        s.add(call)
        s.flush()
        return call.id


def candidacies(db):
    from plugins.governance.presidency import Candidacy
    from sqlalchemy import select
    with db() as s:
        return [(c.member_id, c.eligibility, c.reason, [d.file.filename for d in c.documents], c.elected)
                for c in s.scalars(select(Candidacy).order_by(Candidacy.id))]


# --- meetings and votes

STARTS = datetime(2026, 12, 10, 15, 0, tzinfo=timezone.utc)


def add_members(db, count, prefix="City", languages=("en",)):
    """count active member organisations, each with one representative rep<N>@example.org (role member),
    reading the languages in turn (English by default, so that the pages' messages can be read)."""
    from portal.api import Member, User, hash_password
    ids = []
    password = hash_password("a-good-password")
    with db() as s:
        start = s.query(Member).count()
        for n in range(start, start + count):
            member = Member(name=f"{prefix} {n:03d}", kind="city", country="PT", region="europe", status="active")
            s.add(member)
            s.flush()
            s.add(User(email=f"rep{n}@example.org", name=f"Rep {n}", role="member", member_id=member.id,
                       password_hash=password, language=languages[n % len(languages)]))
            ids.append(member.id)
    return ids


def add_meeting(db, starts=STARTS, code="CASC13"):
    from plugins.governance.models import AgendaItem, Meeting
    with db() as s:
        meeting = Meeting(title="Plenary 2026", timezone="Europe/Lisbon", starts=starts, place="Cascais",
                          checkin_code=code, translations={"title": {"fr": "Plénière 2026"}})
        meeting.items.append(AgendaItem(title="Work plan", position=0, translations={"title": {"fr": "Plan de travail"}}))
        s.add(meeting)
        s.flush()
        return meeting.id


def add_motion(db, meeting_id, rule="simple", secret=False, opens=None, closes=None, **kw):
    from plugins.governance.models import Motion
    with db() as s:
        motion = Motion(title=kw.pop("title", "Approve the work plan"), text="<p>The plan.</p>", meeting_id=meeting_id,
                        rule=rule, secret=secret, opens=opens, closes=closes, **kw)
        s.add(motion)
        s.flush()
        return motion.id


def check_in_all(db, meeting_id, member_ids, mode="on_site"):
    from plugins.governance.models import Attendance
    with db() as s:
        for member_id in member_ids:
            s.add(Attendance(meeting_id=meeting_id, member_id=member_id, mode=mode, attendee="Someone"))


def proxy(db, meeting_id, giver, holder, state="checked"):
    from plugins.governance.models import Proxy
    with db() as s:
        s.add(Proxy(meeting_id=meeting_id, giver_id=giver, holder_id=holder, state=state))


def rep_email(db, member_id):
    from portal.api import User
    with db() as s:
        return s.query(User).filter_by(member_id=member_id).first().email


def as_rep(testapp, db, member_id):
    login(testapp, rep_email(db, member_id))
    return testapp


def vote(app, db, motion_id, member_id, choice, voter=None, status=None):
    """A representative of member_id votes for voter (their own organisation by default)."""
    from portal.testing import client
    browser = client(app, address=f"192.0.2.{(member_id % 200) + 20}")
    as_rep(browser, db, member_id)
    form = browser.get(f"/governance/motions/{motion_id}/vote").forms["deform"]
    form["voter"].force_value(str(voter or member_id))  # any organisation, as a forged form would
    form["choice"] = choice
    return form.submit("vote", status=status)


def hours(n):
    return timedelta(hours=n)

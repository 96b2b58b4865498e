"""Plenary meetings: seats, the convocation mailed to each member organisation's representatives in
their language, and attendance (self check-in with the meeting's code, or by the secretariat)."""
import secrets

from sqlalchemy import select

from portal.api import Member, User, clock, datetime_text, send_template, translated

from .models import Attendance, Meeting, Seat


def new_code() -> str:
    return secrets.token_hex(3).upper()


def representatives(session, member_id=None):
    query = select(User).where(User.role == "member", User.member_id.is_not(None))
    if member_id is not None:
        query = query.where(User.member_id == member_id)
    return session.scalars(query.order_by(User.id)).all()


def active_members(session):
    return session.scalars(select(Member).where(Member.status == "active").order_by(Member.name)).all()


def ensure_seats(session, meeting):
    """A seat per active member organisation, its first representatives as holder and substitute."""
    have = {seat.member_id for seat in meeting.seats}
    people: dict[int, list] = {}
    for user in representatives(session):
        people.setdefault(user.member_id, []).append(user.id)
    for member in active_members(session):
        if member.id not in have:
            ids = people.get(member.id, []) + [None, None]
            meeting.seats.append(Seat(member_id=member.id, representative_id=ids[0], substitute_id=ids[1]))


def convene(request, meeting) -> int:
    """Mail the convocation to every representative, each in their language; returns how many."""
    session = request.dbsession
    ensure_seats(session, meeting)
    sent = 0
    url = request.route_url("gov_meeting", id=meeting.id)
    for user in representatives(session):
        lang = user.language or "en"
        send_template(request, "governance:convocation", user, title=translated(request, meeting, "title", lang),
                      date=datetime_text(lang, meeting.starts, meeting.timezone, with_zone=True), place=meeting.place or
                      meeting.online_url, items="\n".join(f"{i + 1}. {translated(request, item, 'title', lang)}"
                                                          for i, item in enumerate(meeting.items)), url=url)
        sent += 1
    meeting.convened = clock.now()
    return sent


def check_in(session, meeting, member_id, mode, attendee, user_id=None, by_secretariat=False):
    """Record (or correct) the organisation's attendance; one row per organisation and meeting."""
    row = session.scalars(select(Attendance).where(Attendance.meeting_id == meeting.id,
                                                   Attendance.member_id == member_id)).first()
    if row is None:
        row = Attendance(meeting_id=meeting.id, member_id=member_id)
        session.add(row)
    row.mode, row.attendee, row.user_id, row.by_secretariat = mode, attendee, user_id, by_secretariat
    row.checked_in = clock.now()
    session.flush()
    return row


def present_ids(session, meeting_id) -> set[int]:
    return set(session.scalars(select(Attendance.member_id).where(Attendance.meeting_id == meeting_id)))


def meeting_of(session, meeting_id) -> Meeting | None:
    return session.get(Meeting, meeting_id)

"""Demo registrations: the network's annual conference takes registrations here, with the extra fields the
secretariat asks, a small capacity so the demo shows a full conference, its waiting list and a place
offered."""
from datetime import timedelta

from pyramid.request import Request
from sqlalchemy import select

from portal.api import Member, clock

from .conference import Conference, Registration
from .models import Event
from .registration import new_code

FIELDS = [{"key": "dietary_needs", "label": "Dietary needs", "kind": "text", "required": False},
          {"key": "accompanying_persons", "label": "Accompanying persons", "kind": "number", "required": False},
          {"key": "accommodation", "label": "Room at the conference hotel", "kind": "yesno", "required": False},
          {"key": "accessibility", "label": "Accessibility needs", "kind": "longtext", "required": False}]

PEOPLE = [  # name, address, language, state, answers; a place freed a day ago offered to the first
    ("Rui Matos", "rui.matos@example.org", "pt", "offered", {}),
    ("Ana Souza", "ana.souza@example.org", "pt", "registered", {"dietary_needs": "Vegetarian", "accommodation": True}),
    ("Jean-Baptiste Diallo", "jb.diallo@example.org", "fr", "registered", {"accompanying_persons": 1}),
    ("Lucía Fernández", "lucia.fernandez@example.org", "es", "registered",
     {"accessibility": "Step-free access to the rooms, please."}),
    ("Maria Santos", "maria.santos@example.org", "en", "waiting", {"dietary_needs": "No gluten"}),
    ("Kwame Mensah", "kwame.mensah@example.org", "en", "waiting", {}),
]


def create_demo_registrations(request: Request) -> None:
    db = request.dbsession
    event = db.scalars(select(Event).where(Event.kind == "conference", Event.language == "en",
                                           Event.ends >= clock.now()).order_by(Event.starts)).first()
    if event is None:
        return
    db.add(Conference(event_id=event.id, capacity=4, member_cap=2, offer_hours=48, open=True, fields=FIELDS))
    member = db.scalars(select(Member).order_by(Member.id)).first()
    now = clock.now()
    for n, (name, email, lang, state, answers) in enumerate(PEOPLE):
        db.add(Registration(event_id=event.id, code=new_code(), email=email, name=name, language=lang,
                            member_id=member.id if member is not None and n == 1 else None,
                            answers={f["key"]: answers.get(f["key"]) for f in FIELDS}, state=state,
                            created=now - timedelta(days=20 - n),
                            offered_until=now + timedelta(hours=30) if state == "offered" else None,
                            # the first registered came to the pre-conference meeting: checked in, certificate
                            checked_in=now - timedelta(days=1) if n == 1 else None,
                            certificate=new_code() if n == 1 else None))
    db.flush()
    create_demo_programme(db, event, member)
    create_demo_requests(db, event, member, now)


def create_demo_requests(db, event, member, now):
    """A visa letter asked for by the first person registered, a session proposed by a member organisation
    and the report of the programme's site visit, so the demo shows what waits for the secretariat."""
    from .programme import ProgrammeSession
    from .proposals import SessionProposal
    from .visa import VisaRequest
    first = db.scalars(select(Registration).where(Registration.event_id == event.id,
                                                  Registration.state == "registered").order_by(Registration.id)).first()
    db.add(VisaRequest(registration_id=first.id, passport_name=first.name, nationality="BR", passport_number="FX123456",
                       consulate="Embassy of the host country in Brasília", state="requested", created=now))
    db.add(SessionProposal(event_id=event.id, member_id=member.id if member is not None else None,
                           title="Participatory budgets in schools", description="How pupils choose and vote.",
                           kind="workshop", speakers=first.name, state="proposed", created=now))
    visit = db.scalars(select(ProgrammeSession).where(ProgrammeSession.event_id == event.id,
                                                      ProgrammeSession.kind == "visit")).first()
    if visit is not None:
        visit.report = ("The residents showed the squares and the playground they chose.\n\n"
                        "The works of the next cycle start in the spring.")
    db.flush()


SESSIONS = [  # day, start, hours, kind, track, room, title, speakers (the first member organisation for "*")
    (0, "09:30", 1.5, "plenary", "", "Main auditorium", "Opening: participatory democracy in times of crisis",
     [("Mayor of the host city", "*"), ("Technical secretariat of the network", None)]),
    (0, "11:30", 1.5, "parallel", "Participatory budgeting", "Room A", "Participatory budgets that reach young people",
     [("Ana Souza", "*")]),
    (0, "11:30", 1.5, "parallel", "Digital participation", "Room B", "Online platforms and the digital divide",
     [("Lucía Fernández", None)]),
    (1, "09:30", 3, "workshop", "Participatory budgeting", "Room A", "Workshop: evaluating a participatory process",
     [("Jean-Baptiste Diallo", None)]),
    (1, "15:00", 2.5, "visit", "", "Meeting point: main entrance", "Site visit: projects chosen by the residents", []),
]


PLACES = {"workshop": 30, "visit": 2}  # seats to reserve; the site visit's bus is small


def create_demo_programme(db, event, member):
    from datetime import datetime, time

    from .programme import ProgrammeSession, Speaker
    first = event.starts.astimezone(event.tz).date()
    for day, start, hours, kind, track, room, title, speakers in SESSIONS:
        local = datetime.combine(first + timedelta(days=day), time.fromisoformat(start), tzinfo=event.tz)
        session = ProgrammeSession(event_id=event.id, title=title, description="", kind=kind, track=track, room=room,
                                   starts=local, ends=local + timedelta(hours=hours), capacity=PLACES.get(kind),
                                   mandatory=kind == "plenary")
        session.speakers = [Speaker(position=n, name=name, member_id=member.id if who == "*" and member else None)
                            for n, (name, who) in enumerate(speakers)]
        db.add(session)
    db.flush()

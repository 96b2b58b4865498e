"""The demo's plenary: the internal session of members held in Cascais on 2 July 2013 (16:00-20:00), in
the 13th conference, which approved the technical secretariat's work plan (seeds/004): the members
present checked in, one proxy, and the work plan's motion validated by a named vote."""
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from portal.api import Member, Request, TranslatedText, set_translated

from .meetings import ensure_seats, new_code
from .models import AgendaItem, Attendance, Meeting, Motion, Proxy, Voted
from .votes import close_vote

TITLE = {"en": "Internal session of members, Cascais 2013", "es": "Sesión interna de miembros, Cascais 2013",
         "fr": "Session interne des membres, Cascais 2013", "pt": "Sessão interna de membros, Cascais 2013"}
AGENDA = [
    {"en": "Validation of the technical secretariat's work plan", "es": "Validación del plan de trabajo de la "
     "Secretaría Técnica", "fr": "Validation du plan de travail du secrétariat technique",
     "pt": "Validação do plano de trabalho do secretariado técnico"},
    {"en": "Review of the annual mandate", "es": "Balance del mandato anual", "fr": "Bilan du mandat annuel",
     "pt": "Balanço do mandato anual"},
    {"en": "Call for the 2014 presidency", "es": "Convocatoria para la presidencia 2014",
     "fr": "Appel pour la présidence 2014", "pt": "Convocatória para a presidência 2014"},
]
MOTION = {"en": "Approval of the technical secretariat's work plan 2013-2014",
          "es": "Aprobación del plan de trabajo de la Secretaría Técnica 2013-2014",
          "fr": "Approbation du plan de travail du secrétariat technique 2013-2014",
          "pt": "Aprovação do plano de trabalho do secretariado técnico 2013-2014"}
TEXT = ("<p>The plenary approves the work plan of the technical secretariat, which starts from the agreements of "
        "the internal session of Porto Alegre (11 July 2012): knowledge production and exchange, membership, "
        "visibility and the network's functioning.</p>")
STARTS = datetime(2013, 7, 2, 15, 0, tzinfo=timezone.utc)  # 16:00 in Lisbon (WEST)


def create_demo_plenary(request: Request) -> None:
    db = request.dbsession
    meeting = Meeting(title="", timezone="Europe/Lisbon", starts=STARTS, checkin_code=new_code(),
                      place="Centro de Congressos do Estoril, Cascais", convened=STARTS - timedelta(days=30))
    set_translated(meeting, "title", TranslatedText(TITLE, "en"))
    for position, title in enumerate(AGENDA):
        item = AgendaItem(title="", position=position)
        set_translated(item, "title", TranslatedText(title, "en"))
        meeting.items.append(item)
    db.add(meeting)
    db.flush()
    ensure_seats(db, meeting)
    members = db.scalars(select(Member).where(Member.status == "active").order_by(Member.id)).all()
    present = members[: max(1, (len(members) * 2) // 3)]
    for member in present:
        db.add(Attendance(meeting_id=meeting.id, member_id=member.id, mode="on_site", attendee=member.name,
                          by_secretariat=True, checked_in=STARTS))
    absent = members[len(present):]
    if absent:
        db.add(Proxy(meeting_id=meeting.id, giver_id=absent[0].id, holder_id=present[0].id, state="checked",
                     created=STARTS - timedelta(days=3), decided=STARTS - timedelta(days=1)))
    opens = STARTS + timedelta(hours=1)
    motion = Motion(title="", text=TEXT, meeting_id=meeting.id, rule="absolute", secret=False, opens=opens,
                    closes=opens + timedelta(minutes=20))
    set_translated(motion, "title", TranslatedText(MOTION, "en"))
    db.add(motion)
    db.flush()
    voters = [m.id for m in present] + [m.id for m in absent[:1]]
    for number, member_id in enumerate(voters):
        choice = "abstain" if number % 7 == 6 else "yes"
        db.add(Voted(motion_id=motion.id, member_id=member_id, by_member_id=present[0].id if member_id not in
                     {m.id for m in present} else member_id, choice=choice, cast=opens + timedelta(minutes=5)))
    db.flush()
    close_vote(request, motion)
    # the minutes the portal drafted, waiting for the next plenary's approval
    from .minutes import Minutes, draft
    db.add(Minutes(meeting_id=meeting.id, status="draft", body=draft(request, meeting), created=STARTS + timedelta(days=1)))


def create_demo_upcoming(request: Request) -> None:
    """The next plenary, relative to the day the demo is loaded: its work plan motion open to amendments, a
    proxy given by the first representative's organisation; and a written procedure open now."""
    from portal.api import User, clock
    from .votes import open_vote
    db = request.dbsession
    now = clock.now().replace(second=0, microsecond=0)
    meeting = Meeting(title="", timezone="Europe/Lisbon", starts=now + timedelta(days=20), checkin_code=new_code(),
                      place="Paços do Concelho, Cascais", online_url="https://meet.example.org/plenary")
    set_translated(meeting, "title", TranslatedText({"en": "Plenary meeting of the members", "es": "Reunión plenaria "
                   "de los miembros", "fr": "Réunion plénière des membres", "pt": "Reunião plenária dos membros"}, "en"))
    item = AgendaItem(title="", position=0)
    set_translated(item, "title", TranslatedText(AGENDA[0], "en"))
    meeting.items.append(item)
    db.add(meeting)
    db.flush()
    ensure_seats(db, meeting)
    motion = Motion(title="Approval of the work plan of the coming year", text=TEXT, meeting_id=meeting.id,
                    rule="absolute")
    db.add(motion)
    rep = db.scalar(select(User).where(User.role == "member", User.member_id.is_not(None)).order_by(User.id))
    holder = db.scalar(select(Member.id).where(Member.status == "active", Member.id != (rep.member_id if rep else 0))
                       .order_by(Member.id))
    if rep is not None and holder is not None:
        db.add(Proxy(meeting_id=meeting.id, giver_id=rep.member_id, holder_id=holder, state="given", created=now))
    procedure = Motion(title="Admission of new member organisations (written procedure)", meeting_id=None,
                       text="<p>The secretariat proposes to admit the cities that applied this year.</p>",
                       rule="absolute")
    open_vote(procedure, now - timedelta(days=1), now + timedelta(days=13))
    db.add(procedure)

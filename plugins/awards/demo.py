"""Demo: last year's award with its jury, scores and published winners, and this year's open call.

The dates agree with the events demo: each year's results are announced at the network's annual
conference (last year's in Barcelona 270 days ago, this year's in Porto Alegre in 96 days), and this
year's call closes in a month (the news and the webinars about it say so)."""
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from portal.api import Content, Request, User

from portal.api import clock
from .jury import assign
from .models import AwardCall, AwardEntry, Juror

TITLE = "Good Practice Award in Citizen Participation"
RULES = ("<p>The Good Practice Award in Citizen Participation recognises innovative experiences of citizen "
         "participation led by local governments. Each member organisation may submit one experience.</p>"
         "<h2>Calendar</h2><p>Entries are read by an international jury; the winners are announced at the "
         "annual conference of the network.</p>")
ELIGIBILITY = ("<ul><li>Member organisations up to date with their membership.</li>"
               "<li>Experiences running for at least one year, with results that can be shown.</li></ul>")
CATEGORIES = [{"key": "inclusion", "title": "Inclusion of under-represented groups"},
              {"key": "digital", "title": "Digital participation"}]
CRITERIA: list[dict[str, Any]] = [{"key": "innovation", "title": "Innovation", "weight": 30,
             "description": "What the experience does that others had not done, or not in this way."},
            {"key": "impact", "title": "Impact on public policy", "weight": 40,
             "description": "Decisions, budgets or services that changed because residents took part."},
            {"key": "transferability", "title": "Transferability", "weight": 30,
             "description": "Whether another local government could do the same, and what it would need."}]
QUESTIONS = [{"key": "why", "title": "Why does this experience deserve the award?", "kind": "text", "choices": []},
             {"key": "population", "title": "Population of the territory", "kind": "choice",
              "choices": ["under 100 000", "100 000 to 1 million", "over 1 million"]}]
STATEMENTS = ["The jury values how the assemblies reached residents who never took part before, and the share of "
              "the budget they now decide.",
              "A digital platform that did not replace the neighbourhood meetings but brought them more people.",
              "A special mention for an experience young enough to be improved, and already copied by two "
              "neighbouring cities."]
# the annual conferences of the events demo, where each year's results are announced
CONFERENCES = {-1: ("Annual Conference of the network in Barcelona", -270, time(9, 30), "Europe/Madrid"),
               0: ("Annual Conference of the network: participatory democracy in times of crisis", 96, time(9, 0),
                   "America/Sao_Paulo")}


def _call(db, edition, year):
    """A call whose results are announced on the first morning of that year's conference."""
    now = clock.now()
    title, days, hour, zone = CONFERENCES[year]
    day = (now + timedelta(days=days)).astimezone(ZoneInfo(zone)).date()
    results = datetime.combine(day, hour, tzinfo=ZoneInfo(zone)).astimezone(ZoneInfo("UTC"))
    closes = (now.replace(minute=0, second=0, microsecond=0) + timedelta(days=30) if year == 0
              else results - timedelta(days=120))
    ceremony = db.scalar(select(Content.id).where(Content.type == "event", Content.title == title).limit(1))
    return AwardCall(edition=edition, title=TITLE, rules=RULES, eligibility=ELIGIBILITY, categories=CATEGORIES,
                     criteria=CRITERIA, questions=QUESTIONS, timezone="America/Sao_Paulo",
                     opens=closes - timedelta(days=90), closes=closes, evaluation_closes=results - timedelta(days=21),
                     results_date=results, reviews_per_entry=2, blind=True, max_entries_per_member=1,
                     ceremony=str(ceremony) if ceremony else "")


def create_demo_awards(request: Request) -> None:
    Experience = request.resources["experience"]
    db = request.dbsession
    past = _call(db, "6th", -1)
    current = _call(db, "7th", 0)
    db.add_all([past, current])
    admin = db.scalar(select(User).where(User.role == "secretariat").order_by(User.id))
    from portal.api import DEMO_PASSWORD
    from portal.api import hash_password
    password = hash_password(DEMO_PASSWORD, request.registry.settings)  # so the jury's pages can be tried
    jurors = [User(email=f"juror{n}@example.org", name=name, language=lang, role=None, password_hash=password)
              for n, (name, lang) in enumerate([("Ana Jurado", "es"), ("Claire Jury", "fr"), ("Tom Panel", "en")], 1)]
    db.add_all(jurors)
    db.flush()
    for user, country in zip(jurors, ("AR", "SN", "GB")):
        past.jurors.append(Juror(user_id=user.id, country=country))
    experiences = db.scalars(select(Experience).where(Experience.member_id.is_not(None), Experience.state == "published")
                             .order_by(Experience.id)).all()
    seen = set()
    chosen = []
    for exp in experiences:
        if exp.member_id not in seen:
            seen.add(exp.member_id)
            chosen.append(exp)
    for n, exp in enumerate(chosen[:6]):
        submitter = next(iter(exp.member.representatives), None) if exp.member else None
        entry = AwardEntry(call=past, member_id=exp.member_id, experience_id=exp.id, category=CATEGORIES[n % 2]["key"],
                           answers={"why": "It changed how the city decides.", "population": "over 1 million"},
                           status="submitted", submitted=past.closes - timedelta(days=3), eligible=True,
                           submitter_id=submitter.id if submitter else (admin.id if admin else None))
        db.add(entry)
    db.flush()
    assign(db, past)
    past.assigned = past.closes + timedelta(days=7)
    for entry in past.entries:
        for i, review in enumerate(entry.reviews):
            review.scores = {c["key"]: (entry.id * 3 + i + len(c["key"])) % 6 + 5 for c in CRITERIA}
            review.comments = {c["key"]: "Well documented." for c in CRITERIA}
            review.done = past.evaluation_closes - timedelta(days=1)
    for entry, outcome, statement in zip(past.entries, ("winner", "winner", "mention"), STATEMENTS):
        entry.outcome, entry.statement = outcome, statement
    past.results_sent = past.results_date  # last year's mails went out last year
    if getattr(db.info.get("request"), "registry", None) is not None or db.info.get("registry") is not None:
        from portal.api import reindex_later
        for entry in past.entries:
            if entry.outcome:  # indexed before they won: their documents gain the award facet
                reindex_later(db, entry.experience)

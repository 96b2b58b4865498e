"""The demo's presidency calls: the call for the 2014 presidency seat launched in 2013 (seed 004, the
work plan's "functioning" line), with two candidacies of the demo's member cities and its result; and
next year's call, open now, for the representatives to submit a candidacy."""
from datetime import date, timedelta

from sqlalchemy import select

from portal.api import Member, TranslatedText, User, clock, set_translated

from .presidency import Candidacy, PresidencyCall, call_of_year

YEAR = 2014
CONDITIONS = {
    "en": "Member organisations of the network (local governments) may be candidates for the presidency seat "
          "of the year. The candidate city hosts the network's annual conference and the plenary meeting of "
          "members, and leads the network's representation with the technical secretariat.\n\n"
          "The dossier: a letter of the mayor, the proposed dates and venue of the conference, and its budget.",
    "es": "Las organizaciones miembro de la red (gobiernos locales) pueden presentar su candidatura a la sede de "
          "la presidencia del año. La ciudad candidata acoge la conferencia anual y la sesión interna de miembros.",
}


def create_demo_presidency_call(request):
    dbsession = request.dbsession
    if call_of_year(dbsession, YEAR) is not None:
        return
    call = PresidencyCall(year=YEAR, opens=date(2013, 7, 5), closes=date(2013, 10, 31), published=True,
                          result_note="", created=clock.now())
    set_translated(call, "title", TranslatedText({
        "en": "Call for the presidency of the network in 2014",
        "es": "Convocatoria para la sede de la presidencia de la red 2014"}))
    set_translated(call, "conditions", TranslatedText(CONDITIONS))
    dbsession.add(call)
    dbsession.flush()
    cities = dbsession.scalars(select(Member).where(Member.kind == "city").order_by(Member.id).limit(2)).all()
    for number, city in enumerate(cities):
        rep = dbsession.scalars(select(User).where(User.member_id == city.id).limit(1)).first()
        dbsession.add(Candidacy(call_id=call.id, member_id=city.id, submitted_by=getattr(rep, "id", None),
                                statement=f"<p>{city.name} has built participatory budgeting with its neighbourhoods "
                                          "and offers to host the conference and the plenary meeting.</p>",
                                programme="<p>A year of exchanges between the antennas, a conference on "
                                          "participation and sustainability.</p>",
                                eligibility="eligible" if number == 0 else "pending",
                                reason="A member local government, the dossier complete." if number == 0 else "",
                                elected=number == 0, submitted=clock.now()))
    call.announced, call.result_note = clock.now(), "Elected by the internal session of members."
    today = clock.now().date()
    following = PresidencyCall(year=today.year + 1, opens=today - timedelta(days=20), closes=today + timedelta(days=60),
                               published=True, result_note="", created=clock.now())
    set_translated(following, "title", TranslatedText({
        "en": f"Call for the presidency of the network in {today.year + 1}",
        "es": f"Convocatoria para la sede de la presidencia de la red {today.year + 1}"}))
    set_translated(following, "conditions", TranslatedText(CONDITIONS))
    dbsession.add(following)

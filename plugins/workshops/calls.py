"""The call for pilot cities' rules: who may apply (eligibility), one application per member organisation and
call, and the selection, with its reason, which makes the selected city the pilot city of a new network."""
from sqlalchemy import select

from portal.api import Member, _, clock

from .call_models import ELIGIBLE_KINDS, PilotApplication, PilotCall
from .models import Network

APPLICATION_TITLES = {"submitted": _("Submitted"), "selected": _("Selected"), "not_selected": _("Not selected")}


def is_open(call, today=None):
    today = today or clock.now().date()
    return call.opens <= today <= call.closes


def ineligible(dbsession, call, user):
    """Why the user may not apply to the call, or None."""
    if not is_open(call):
        return _("The call is not open: applications are received from its opening to its closing date.")
    member = dbsession.get(Member, user.member_id) if user is not None and user.member_id else None
    if member is None:
        return _("Only the representative of a member organisation can apply.")
    if member.status != "active" or member.kind not in ELIGIBLE_KINDS:
        return _("The call is open to active member cities and local governments.")
    return None


def application_of(dbsession, call, member_id):
    return dbsession.scalars(select(PilotApplication).where(PilotApplication.call_id == call.id,
                                                            PilotApplication.member_id == member_id)).first()


def apply(dbsession, call, user, values):
    """The member organisation's application (applying again changes its answers: one application)."""
    row = application_of(dbsession, call, user.member_id)
    if row is None:
        row = PilotApplication(call_id=call.id, member_id=user.member_id, state="submitted")
        dbsession.add(row)
    row.user_id, row.submitted = user.id, clock.now()
    row.theme, row.motivation, row.commitments = values["theme"], values["motivation"], values["commitments"]
    dbsession.flush()
    return row


def select_application(dbsession, application, reason):
    """The application selected (with the reason); the others of the call are not; the city becomes the pilot
    city of a new collaborative network on its theme. Selecting again changes nothing more."""
    call = application.call
    if application.state == "selected":
        return dbsession.get(Network, application.network_id) if application.network_id else None
    application.state, application.reason = "selected", reason
    for other in call.applications:
        if other is not application and other.state == "submitted":
            other.state = "not_selected"
    network = Network(title=f"{call.title}: {application.member.name}"[:300], member_id=application.member_id,
                      theme=application.theme, stage="theme", description=application.motivation)
    dbsession.add(network)
    dbsession.flush()
    application.network_id = network.id
    return network


def open_calls(dbsession):
    return dbsession.scalars(select(PilotCall).order_by(PilotCall.closes.desc())).all()

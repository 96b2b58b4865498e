"""Where the core's uploads test class tries the entry-document upload: a draft entry of a member
organisation in a call open now, uploaded to by that member's representative."""
from datetime import timedelta

from portal.models import Member, User

from . import clock
from .models import AwardCall, AwardEntry


def upload_to_an_entry(request) -> dict:
    now = clock.now()
    member = Member(name="Upload city", kind="city", country="SN", region="africa", status="active")
    request.dbsession.add(member)
    request.dbsession.flush()
    user = User(email="uploads-member@example.org", name="Uploads member", role="member", member_id=member.id)
    call = AwardCall(edition="Uploads", title="Upload call", opens=now - timedelta(days=1),
                     closes=now + timedelta(days=10), evaluation_closes=now + timedelta(days=20),
                     results_date=now + timedelta(days=30))
    request.dbsession.add_all([user, call])
    request.dbsession.flush()
    entry = AwardEntry(call_id=call.id, member_id=member.id, submitter_id=user.id)
    request.dbsession.add(entry)
    request.dbsession.flush()
    return {"path": request.route_path("award_entry_upload", entry=entry.id), "user_id": user.id, "fields": {}}

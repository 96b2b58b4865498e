"""What the governance pages share: their contexts and the representative's organisation."""
from pyramid.httpexceptions import HTTPForbidden

from portal.api import _, model_factory, translated

from ..models import Meeting, Motion, Proxy
from ..permissions import GovernancePermissions

meeting_factory = model_factory(Meeting, "id")
motion_factory = model_factory(Motion, "motion")
proxy_factory = model_factory(Proxy, "proxy")


class MeetingsRoot:
    __acl__ = GovernancePermissions.meeting()


def meetings_root(request):
    return MeetingsRoot()


def own_member_id(request):
    """The organisation the person represents (role member), or None."""
    user = request.user
    if user is None or user.role != "member" or not user.member_id:
        return None
    return user.member_id


def own_member_or_403(request):
    found = own_member_id(request)
    if found is None:
        raise HTTPForbidden(_("Only a representative of a member organisation may do this."))
    return found


def meeting_trail(request, meeting):
    return [(_("Plenary meetings"), request.route_url("gov_meetings")),
            (translated(request, meeting, "title"), request.route_url("gov_meeting", id=meeting.id))]

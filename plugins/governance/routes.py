"""Every route of the governance plugin."""
from .views.common import meeting_factory, meetings_root, motion_factory, proxy_factory


def includeme(config):
    add = config.add_route
    add("gov_meetings", "/governance/meetings", factory=meetings_root)
    add("gov_meeting_add", "/governance/meetings/add", factory=meetings_root)
    add("gov_meeting", "/governance/meetings/{id:\\d+}", factory=meeting_factory)
    add("gov_meeting_convene", "/governance/meetings/{id:\\d+}/convene", factory=meeting_factory)
    add("gov_meeting_checkin", "/governance/meetings/{id:\\d+}/check-in", factory=meeting_factory)
    add("gov_meeting_attendance", "/governance/meetings/{id:\\d+}/attendance", factory=meeting_factory)
    add("gov_proxy_give", "/governance/meetings/{id:\\d+}/proxy", factory=meeting_factory)
    add("gov_proxy_letter", "/governance/proxies/{proxy:\\d+}/letter.pdf", factory=proxy_factory)
    add("gov_proxy_signed", "/governance/proxies/{proxy:\\d+}/signed", factory=proxy_factory)
    add("gov_proxy_check", "/governance/proxies/{proxy:\\d+}/check", factory=proxy_factory)
    add("gov_motion_add", "/governance/meetings/{id:\\d+}/motions/add", factory=meeting_factory)
    add("gov_procedure_add", "/governance/procedures/add", factory=meetings_root)
    add("gov_motion", "/governance/motions/{motion:\\d+}", factory=motion_factory)
    add("gov_motion_amend", "/governance/motions/{motion:\\d+}/amend", factory=motion_factory)
    add("gov_motion_open", "/governance/motions/{motion:\\d+}/open", factory=motion_factory)
    add("gov_motion_close", "/governance/motions/{motion:\\d+}/close", factory=motion_factory)
    add("gov_motion_vote", "/governance/motions/{motion:\\d+}/vote", factory=motion_factory)

"""Every view of the plugin, for every kind of visitor: anonymous, logged in outside the group,
member, coordinator, secretariat; on a public group and a members-only one. A page someone may
not read is not found (anonymous visitors are asked to log in); reading without the right to
change answers 403; and a refused request changes nothing."""
import pytest
from sqlalchemy import func, select

from portal.models import Revision
from portal.testing import csrf

from plugins.working_groups.models import Follow, GroupPage, Invitation, JoinRequest, Membership, PageComment

WHO = ("anonymous", "outsider", "member", "coordinator", "secretariat")

# (method, path, {who: expected status}) with {g} the group, {p} its page, {u} the member's id
GET = "GET"
POST = "POST"
PUBLIC = [
    (GET, "/groups", dict.fromkeys(WHO, 200)),
    (GET, "/groups/add", {"anonymous": 302, "outsider": 200, "member": 200, "coordinator": 200, "secretariat": 200}),
    (GET, "/groups/{g}", dict.fromkeys(WHO, 200)),
    (GET, "/groups/{g}/edit", {"anonymous": 302, "outsider": 403, "member": 403, "coordinator": 200, "secretariat": 200}),
    (GET, "/groups/{g}/members", {"anonymous": 302, "outsider": 403, "member": 403, "coordinator": 200,
                                  "secretariat": 200}),
    (GET, "/groups/{g}/join", {"anonymous": 302, "outsider": 200, "member": 302, "coordinator": 302, "secretariat": 200}),
    (GET, "/groups/{g}/follow", {"anonymous": 302, "outsider": 200, "member": 200, "coordinator": 200,
                                 "secretariat": 200}),
    (GET, "/groups/{g}/pages/add", {"anonymous": 302, "outsider": 403, "member": 200, "coordinator": 200,
                                    "secretariat": 200}),
    (GET, "/groups/pages/{p}", dict.fromkeys(WHO, 200)),
    (GET, "/groups/pages/{p}/edit", {"anonymous": 302, "outsider": 403, "member": 200, "coordinator": 200,
                                     "secretariat": 200}),
    (GET, "/groups/pages/{p}/history", {"anonymous": 302, "outsider": 403, "member": 200, "coordinator": 200,
                                        "secretariat": 200}),
    (GET, "/groups/pages/{p}/delete", {"anonymous": 302, "outsider": 403, "member": 403, "coordinator": 200,
                                       "secretariat": 200}),
    (POST, "/groups/pages/{p}/comments", {"anonymous": 403, "outsider": 403, "member": 302, "coordinator": 302,
                                          "secretariat": 302}),
    (POST, "/groups/pages/{p}/restore", {"anonymous": 403, "outsider": 403, "member": 302, "coordinator": 302,
                                         "secretariat": 302}),
    (POST, "/groups/{g}/members/{u}", {"anonymous": 403, "outsider": 403, "member": 403, "coordinator": 302,
                                       "secretariat": 302}),
    (POST, "/groups/{g}/leave", {"anonymous": 403, "outsider": 403, "member": 302, "coordinator": 302,
                                 "secretariat": 403}),
    (POST, "/groups/{g}/edit", {"anonymous": 403, "outsider": 403, "member": 403, "coordinator": 302,
                                "secretariat": 302}),
    (POST, "/groups/{g}/join", {"anonymous": 403, "outsider": 302, "member": 302, "coordinator": 302,
                                "secretariat": 302}),
    (POST, "/groups/{g}/follow", {"anonymous": 403, "outsider": 302, "member": 302, "coordinator": 302,
                                  "secretariat": 302}),
    (POST, "/groups/{g}/members", {"anonymous": 403, "outsider": 403, "member": 403, "coordinator": 302,
                                   "secretariat": 302}),
    (POST, "/groups/{g}/requests/{r}", {"anonymous": 403, "outsider": 403, "member": 403, "coordinator": 302,
                                        "secretariat": 302}),
    (POST, "/groups/{g}/invitations/{i}/withdraw", {"anonymous": 403, "outsider": 403, "member": 403,
                                                    "coordinator": 302, "secretariat": 302}),
    (POST, "/groups/{g}/pages/add", {"anonymous": 403, "outsider": 403, "member": 302, "coordinator": 302,
                                     "secretariat": 302}),
    (POST, "/groups/pages/{p}/edit", {"anonymous": 403, "outsider": 403, "member": 302, "coordinator": 302,
                                      "secretariat": 302}),
    (POST, "/groups/pages/{p}/delete", {"anonymous": 403, "outsider": 403, "member": 403, "coordinator": 302,
                                        "secretariat": 302}),
    (POST, "/groups/add", {"anonymous": 403, "outsider": 302, "member": 302, "coordinator": 302,
                           "secretariat": 302}),
    (GET, "/groups/invitations/{t}", dict.fromkeys(WHO, 200)),
]
# members-only: the pages do not exist for anyone outside
CLOSED = [
    (GET, "/groups/{g}", dict.fromkeys(WHO, 200)),
    (GET, "/groups/{g}/follow", {"anonymous": 302, "outsider": 403, "member": 200, "coordinator": 200,
                                 "secretariat": 200}),
    (GET, "/groups/{g}/pages/add", {"anonymous": 302, "outsider": 404, "member": 200, "coordinator": 200,
                                    "secretariat": 200}),
    (GET, "/groups/pages/{p}", {"anonymous": 302, "outsider": 404, "member": 200, "coordinator": 200,
                                "secretariat": 200}),
    (GET, "/groups/pages/{p}/edit", {"anonymous": 302, "outsider": 404, "member": 200, "coordinator": 200,
                                     "secretariat": 200}),
    (GET, "/groups/pages/{p}/history", {"anonymous": 302, "outsider": 404, "member": 200, "coordinator": 200,
                                        "secretariat": 200}),
    (GET, "/groups/pages/{p}/delete", {"anonymous": 302, "outsider": 404, "member": 403, "coordinator": 200,
                                       "secretariat": 200}),
    (POST, "/groups/pages/{p}/comments", {"anonymous": 403, "outsider": 404, "member": 302, "coordinator": 302,
                                          "secretariat": 302}),
    (POST, "/groups/pages/{p}/restore", {"anonymous": 403, "outsider": 404, "member": 302, "coordinator": 302,
                                         "secretariat": 302}),
    (POST, "/groups/{g}/members/{u}", {"anonymous": 403, "outsider": 403, "member": 403, "coordinator": 302,
                                       "secretariat": 302}),
    (POST, "/groups/{g}/follow", {"anonymous": 403, "outsider": 403, "member": 302, "coordinator": 302,
                                  "secretariat": 302}),
    (POST, "/groups/{g}/pages/add", {"anonymous": 403, "outsider": 404, "member": 302, "coordinator": 302,
                                     "secretariat": 302}),
    (POST, "/groups/pages/{p}/edit", {"anonymous": 403, "outsider": 404, "member": 302, "coordinator": 302,
                                      "secretariat": 302}),
    (POST, "/groups/pages/{p}/delete", {"anonymous": 403, "outsider": 404, "member": 403, "coordinator": 302,
                                        "secretariat": 302}),
]


def cases(table, visibility):
    return [pytest.param(visibility, method, path, who, expected[who], id=f"{visibility}-{method}-{path}-{who}")
            for method, path, expected in table for who in WHO]


def state(db):
    with db() as s:
        return {"revisions": s.scalar(select(func.count(Revision.id))),
                "pages": [(p.title, p.body) for p in s.scalars(select(GroupPage).order_by(GroupPage.id))],
                "members": sorted((m.group_id, m.user_id, m.role) for m in s.scalars(select(Membership))),
                "comments": s.scalar(select(func.count(PageComment.id))),
                "requests": s.scalar(select(func.count(JoinRequest.id))),
                "invitations": s.scalar(select(func.count(Invitation.id))),
                "follows": s.scalar(select(func.count(Follow.id)))}


POST_DATA = {"/groups/pages/{p}/comments": {"text": "A comment"},
             "/groups/pages/{p}/restore": {"revision": "1"},
             "/groups/{g}/members/{u}": {"action": "coordinator"},
             "/groups/{g}/leave": {},
             "/groups/{g}/edit": {"name": "Renamed", "purpose": "<p>New</p>", "visibility": "public", "language": "en",
                                  "save": "1"},
             "/groups/{g}/join": {"message": "Let me in", "send": "1"},
             "/groups/{g}/follow": {"frequency": "daily", "save": "1"},
             "/groups/{g}/members": {"emails": "someone@example.org", "role": "member", "invite": "1"},
             "/groups/{g}/requests/{r}": {"decision": "accept"},
             "/groups/{g}/invitations/{i}/withdraw": {},
             "/groups/{g}/pages/add": {"title": "New page", "body": "<p>New</p>", "save": "1"},
             "/groups/pages/{p}/edit": {"title": "Changed", "body": "<p>Changed</p>", "base_revision": "1",
                                        "save": "1"},
             "/groups/pages/{p}/delete": {"delete": "1"},
             "/groups/add": {"name": "A new group", "purpose": "", "visibility": "public", "language": "en",
                             "save": "1"}}


@pytest.mark.parametrize("visibility,method,path,who,expected", cases(PUBLIC, "public") + cases(CLOSED, "members"))
def test_access(world, db, visibility, method, path, who, expected):
    coordinator = world.person("coordinator@example.org")
    member = world.person("member@example.org")
    applicant = world.person("applicant@example.org")
    world.person("outsider@example.org")
    world.person("secretariat@example.org", role="secretariat")
    gid = world.group("Group", coordinator, [member], visibility=visibility)
    pid = world.page(gid, "A page", "<p>Text of the page.</p>", member)
    from plugins.working_groups import services
    from plugins.working_groups.models import WorkingGroup
    with db() as s:
        s.add(JoinRequest(group_id=gid, user_id=applicant, message=""))
        invitation, token = services.new_invitation(s, s.get(WorkingGroup, gid), "invited@example.org")
        s.flush()
        rid = s.scalar(select(JoinRequest.id))
        iid = invitation.id
    browser = world.browser(None if who == "anonymous" else f"{who}@example.org")
    url = path.format(g=gid, p=pid, u=member, r=rid, i=iid, t=token)
    before = state(db)
    if method == "GET":
        res = browser.get(url, status="*")
    else:
        res = browser.post(url, dict(POST_DATA[path], csrf_token=csrf(browser)), status="*")
    assert res.status_int == expected, res.text[:300]
    if expected == 302 and who == "anonymous":
        assert "/login" in res.location
    if expected in (403, 404):
        assert state(db) == before
        if expected == 404:
            assert "Text of the page." not in res.text

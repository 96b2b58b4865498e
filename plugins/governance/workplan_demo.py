"""The demo's work plan: the technical secretariat's plan for 2013 (seed 004), approved by the internal
session of members in Cascais on 2 July 2013, its four lines of work and their actions, some linked to
what carries them out on the demo site."""
from datetime import date

from sqlalchemy import select

from portal.api import Member, User, add_action, update_action

from .workplan import LINES, ensure_year, year_tree

YEAR = 2013
# (line, [(action, status, progress, weight, starts, ends, resource kind or "")])
ACTIONS = (
    (0, [("13th OIDP Conference “Citizenship for sustainability”, Cascais", "done", 100, 3, date(2013, 7, 2), date(2013, 7, 5), "event"),
         ("Promote the exchange of experiences on the new website", "in_progress", 60, 2, date(2013, 1, 1), date(2013, 12, 31), "experience"),
         ("Social networks", "in_progress", 50, 1, None, None, ""),
         ("7th Best Practice in Citizen Participation Award", "done", 100, 2, date(2013, 3, 1), date(2013, 7, 3), "award_call"),
         ("Working group on the Local Observatories of Participatory Democracy", "in_progress", 40, 2, None, None, "working_group"),
         ("Study with UCLG and CES for the GIZ on participatory monitoring", "planned", 0, 1, None, None, "")]),
    (1, [("Consolidate the antennas of Porto Alegre and Dakar", "in_progress", 70, 2, None, None, ""),
         ("Open contacts in non-Mediterranean Europe and North America", "in_progress", 30, 1, None, None, "")]),
    (2, [("Second Participatory Budgeting Conference in the USA and Canada, Chicago", "done", 100, 1, date(2013, 5, 3), date(2013, 5, 5), ""),
         ("Workshop at the 4th UCLG Congress, Rabat", "planned", 0, 1, date(2013, 10, 1), date(2013, 10, 4), ""),
         ("The network's logo on its members' websites", "in_progress", 25, 1, None, None, "")]),
    (3, [("Renew the agreement with UCLG hosting the technical secretariat", "done", 100, 2, None, None, ""),
         ("A crowdfunding model to fund the network", "in_progress", 50, 2, None, None, "campaign"),
         ("Call for the 2014 presidency seat", "in_progress", 50, 1, None, None, ""),
         ("Newsletter", "in_progress", 60, 1, None, None, ""),
         ("Internal session of members: validate the plan, review the year (Cascais, 2 July 2013)", "done", 100, 1,
          date(2013, 7, 2), date(2013, 7, 2), "")]),
)


def first_of(request, kind):
    """The demo's first object of a registered kind (None: no plugin offers it, or none exists)."""
    if kind not in request.resources:
        return None
    model = request.resources[kind]
    return request.dbsession.scalars(select(model.id).order_by(model.id).limit(1)).first()


def create_demo_work_plan(request):
    dbsession = request.dbsession
    if ensure_year(dbsession, YEAR).published:
        return
    secretariat = dbsession.scalars(select(User).where(User.role == "secretariat").order_by(User.id)).first()
    cascais = dbsession.scalars(select(Member).where(Member.name.like("%Cascais%"))).first()
    tree = year_tree(dbsession, YEAR)
    for number, actions in ACTIONS:
        line = add_action(dbsession, tree, str(LINES[number]), by=secretariat, starts=date(YEAR, 1, 1),
                          ends=date(YEAR, 12, 31), owner_user_id=getattr(secretariat, "id", None))
        for title, status, progress, weight, starts, ends, kind in actions:
            found = first_of(request, kind) if kind else None
            action = add_action(dbsession, tree, title, parent=line, by=secretariat, weight=weight, starts=starts,
                                ends=ends, resource=(kind, found) if found else None,
                                owner_member_id=cascais.id if cascais is not None and "Cascais" in title else None)
            if status != "planned":
                update_action(dbsession, action, by=secretariat, status=status, progress=progress)
    record = ensure_year(dbsession, YEAR)
    record.approved_on, record.approved_by = date(2013, 7, 2), "the internal session of members in Cascais"
    record.published = True

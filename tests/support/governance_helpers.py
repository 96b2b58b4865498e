"""Arranging the governance tests: a work plan with its lines and actions, member organisations with
their representatives, a presidency call."""
from datetime import date


def add_member(db, name, country="PT", **kw):
    from portal.models import Member
    with db() as s:
        member = Member(name=name, kind="city", country=country, region="europe", status="active", **kw)
        s.add(member)
        s.flush()
        return member.id


def make_plan(db, year=2013, published=True):
    """Two lines: Visibility (weight 1) with two actions at 100 (weight 3) and 0 (weight 1) -> 75%;
    Membership with one action at 40 -> 40%; the whole plan (75 + 40) / 2 = 57.5 -> 58%."""
    from plugins.governance.workplan import ensure_year, year_tree

    from portal.api import add_action, update_action
    with db() as s:
        tree = year_tree(s, year)
        visibility = add_action(s, tree, "Visibility")
        press = add_action(s, tree, "Press kit", parent=visibility, weight=3)
        update_action(s, press, status="done")
        add_action(s, tree, "Chicago conference", parent=visibility, weight=1)
        membership = add_action(s, tree, "Membership")
        antennas = add_action(s, tree, "Antennas in Porto Alegre and Dakar", parent=membership)
        update_action(s, antennas, progress=40, status="in_progress")
        record = ensure_year(s, year)
        record.published, record.approved_on, record.approved_by = published, date(2013, 7, 2), "the plenary in Cascais"
        return {"visibility": visibility.id, "press": press.id, "membership": membership.id, "antennas": antennas.id}


def make_call(db, year=2014, opens=date(2026, 11, 1), closes=date(2026, 12, 31), published=True):
    from plugins.governance.presidency import PresidencyCall

    from portal.api import TranslatedText, set_translated
    with db() as s:
        call = PresidencyCall(year=year, opens=opens, closes=closes, published=published, result_note="")
        set_translated(call, "title", TranslatedText({"en": f"Presidency {year}", "fr": f"Présidence {year}"}))
        set_translated(call, "conditions", TranslatedText({"en": "Be a member city.", "fr": "Être une ville membre."}))
        s.add(call)
        s.flush()
        return call.id


def candidacies(db):
    from plugins.governance.presidency import Candidacy
    from sqlalchemy import select
    with db() as s:
        return [(c.member_id, c.eligibility, c.reason, [d.file.filename for d in c.documents], c.elected)
                for c in s.scalars(select(Candidacy).order_by(Candidacy.id))]

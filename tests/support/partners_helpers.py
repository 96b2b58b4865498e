"""Partners and agreements written straight to the database, for the partners tests."""
from datetime import date


def add_partner(db, title="United Cities and Local Governments", kind="network", state="published", **kw):
    from plugins.partners.models import Partner
    with db() as s:
        partner = Partner(title=title, kind=kind, language="en", state=state, body="<p>About them.</p>",
                          country=kw.pop("country", "ES"), **kw)
        s.add(partner)
        s.flush()
        return partner.id


def add_agreement(db, partner_id, title="Hosting of the technical secretariat", public=False,
                  starts=date(2025, 1, 1), ends=date(2026, 12, 20), status="in_force", kind="hosting", **kw):
    from plugins.partners.models import Agreement
    with db() as s:
        agreement = Agreement(partner_id=partner_id, title=title, public=public, starts=starts, ends=ends,
                              status=status, kind=kind, **kw)
        s.add(agreement)
        s.flush()
        return agreement.id


def add_obligation(db, agreement_id, what="Annual activity report", due=date(2027, 1, 5), done=False):
    from plugins.partners.models import Obligation
    with db() as s:
        row = Obligation(agreement_id=agreement_id, what=what, due=due, owner="Technical secretariat", done=done)
        s.add(row)
        s.flush()
        return row.id


def agreement_row(db, agreement_id):
    from plugins.partners.models import Agreement
    with db() as s:
        a = s.get(Agreement, agreement_id)
        return {"status": a.status, "renews_id": a.renews_id, "document_id": a.document_id, "ends": a.ends,
                "starts": a.starts, "title": a.title}


def upload_document(client, agreement_id, data, filename="signed.pdf", status=302):
    """The signed document uploaded through the agreement's form, as the secretariat does."""
    from webtest import Upload
    form = client.get(f"/agreements/{agreement_id}/edit").forms["deform"]
    form["add"] = Upload(filename, data)
    return form.submit("save", status=status)

"""The demo's partners have logos, the public hosting agreement and the private study their signed PDFs, and
UCLG is on the page of the conference and of the campaign it co-organised."""
from pyramid.scripting import prepare
from sqlalchemy import select

from portal.testing import text_of


def test_the_demo_partners_have_logos_and_two_agreements_their_signed_pdf(app, db, testapp):
    from plugins.partners.models import Agreement, JointActivity

    from portal.demo import load_demo
    env = prepare(registry=app.registry)
    with env["request"].tm:
        load_demo(env["request"])
    env["closer"]()
    listing = testapp.get("/partners")
    logos = [img["alt"] for img in listing.html.select(".partner-logos img")]
    assert len(logos) == 7 and "Logo of United Cities and Local Governments (UCLG)" in logos
    with db() as s:
        signed = {a.title: (a.public, a.id) for a in s.scalars(select(Agreement).where(Agreement.document_id.is_not(None)))}
        linked = s.scalars(select(JointActivity).where(JointActivity.resource != "")).all()
        items = {(a.resource, a.item_id) for a in linked}
    assert sorted(public for public, _id in signed.values()) == [False, True]
    for public, agreement_id in signed.values():
        pdf = testapp.get(f"/agreements/{agreement_id}/document.pdf", status=200 if public else 404)
        if public:
            assert pdf.content_type == "application/pdf" and pdf.body.startswith(b"%PDF")
    assert {resource for resource, _id in items} == {"event", "campaign"}
    for resource, item_id in items:
        box = testapp.get(f"/{resource}s/{item_id}").html.select_one("section.item-section")
        assert "United Cities and Local Governments" in text_of(str(box))

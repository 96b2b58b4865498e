"""Updates of a campaign and its collective returns: the secretariat (or the campaign's author) posts
an update at /campaigns/{id}/updates; it shows on the campaign's page, its HTML cleaned, and is mailed
once to each supporter who ticked "Send me the campaign's updates", in the language they pledged in;
the returns written at /campaigns/{id}/returns show on the page, a fulfilled one with its link."""
from email.header import decode_header, make_header

from crowd_helpers import add_campaign, pledge_form
from portal.testing import client, login, sequence_rows, text_of

BODY = "<p>The French translation is <strong>done</strong>.</p><script>alert(1)</script>"


def pledge_in(app, campaign_id, language, address, **values):
    supporter = client(app, address=address)
    form = pledge_form(supporter, campaign_id, **values)
    supporter.set_cookie("_LOCALE_", language)
    form.submit("pledge", status=302)


def translated_campaign(db):
    campaign_id, _rewards = add_campaign(db, title="Translate the guide")
    from plugins.crowdfunding.models import Campaign
    with db() as s:
        s.get(Campaign, campaign_id).translations = {"title": {"fr": "Traduire le guide", "pt": "Traduzir o guia"}}
    return campaign_id


def post(testapp, campaign_id, title="The translation is done", body=BODY, status=302):
    form = testapp.get(f"/campaigns/{campaign_id}/updates").forms["deform"]
    form["title"], form["body"] = title, body
    return form.submit("post", status=status)


def mails(maildir, registry):
    maildir.deliver(registry)
    return [(m["To"], str(make_header(decode_header(m["Subject"]))), m.get_payload(decode=True).decode())
            for m in maildir.messages()]


def test_an_update_is_mailed_once_to_each_supporter_who_asked_in_their_language(
        testapp, app, db, registry, secretariat, maildir, at):
    campaign_id = translated_campaign(db)
    pledge_in(app, campaign_id, "fr", "192.0.2.50", email="aminata@example.org", updates=True)
    pledge_in(app, campaign_id, "fr", "192.0.2.51", email="Aminata@Example.org", amount="40", updates=True)  # again
    pledge_in(app, campaign_id, "pt", "192.0.2.52", email="luiz@example.org", updates=True)
    pledge_in(app, campaign_id, "en", "192.0.2.53", email="carla@example.org")  # did not ask
    from plugins.crowdfunding.models import Pledge
    with db() as s:
        assert sorted((p.email.lower(), p.updates) for p in s.query(Pledge)) == [
            ("aminata@example.org", True), ("aminata@example.org", True), ("carla@example.org", False),
            ("luiz@example.org", True)]

    login(testapp, "sec@example.org")
    assert "mailed to the 2 supporters who asked" in text_of(testapp.get(f"/campaigns/{campaign_id}/updates").text)
    page = post(testapp, campaign_id).follow()
    shown = text_of(page.text)
    assert "The translation is done" in shown and "The French translation is done ." in shown
    assert "<strong>done</strong>" in page.text and "alert(1)" not in page.text  # cleaned by the core

    sent = mails(maildir, registry)
    assert sorted(to.lower() for to, _subject, _body in sent) == ["aminata@example.org", "luiz@example.org"]
    by_address = {to.lower(): (subject, body) for to, subject, body in sent}
    subject, body = by_address["aminata@example.org"]
    assert subject == "Traduire le guide : The translation is done"  # French typography
    assert "déc. 2026" in body and "The French translation is" in body and "<strong>" not in body
    assert f"/campaigns/{campaign_id}" in body
    subject, body = by_address["luiz@example.org"]
    assert subject.startswith("Traduzir o guia") and "dez. de 2026" in body

    post(testapp, campaign_id, title="The printing starts")  # a second update: one more mail each
    assert len(mails(maildir, registry)) == 4


def test_the_same_update_form_sent_twice_posts_and_mails_once(testapp, app, db, registry, secretariat, maildir, at):
    campaign_id = translated_campaign(db)
    pledge_in(app, campaign_id, "en", "192.0.2.55", email="ana@example.org", updates=True)
    login(testapp, "sec@example.org")
    form = testapp.get(f"/campaigns/{campaign_id}/updates").forms["deform"]
    form["title"], form["body"] = "Week one", "<p>Started.</p>"
    form.submit("post", status=302)
    form.submit("post", status=302)  # a double click, a reload of the POST
    from plugins.crowdfunding.updates import CampaignUpdate
    with db() as s:
        assert s.query(CampaignUpdate).count() == 1
    assert len(mails(maildir, registry)) == 1


def test_a_cancelled_pledge_gets_no_update(testapp, app, db, registry, secretariat, maildir, at):
    campaign_id = translated_campaign(db)
    pledge_in(app, campaign_id, "en", "192.0.2.54", email="gone@example.org", updates=True)
    from plugins.crowdfunding.models import Pledge
    with db() as s:
        s.query(Pledge).one().state = "cancelled"
    login(testapp, "sec@example.org")
    post(testapp, campaign_id)
    assert mails(maildir, registry) == []


def test_an_update_without_a_title_is_refused_and_its_text_kept(testapp, db, secretariat, maildir, at):
    campaign_id, _rewards = add_campaign(db)
    login(testapp, "sec@example.org")
    res = post(testapp, campaign_id, title="", body="<p>Kept</p>", status=400)
    assert "Required" in text_of(res.text) and "Kept" in res.forms["deform"]["body"].value
    from plugins.crowdfunding.updates import CampaignUpdate
    with db() as s:
        assert s.query(CampaignUpdate).count() == 0


def test_the_campaigns_author_posts_updates_others_may_not(testapp, db, make_user, at):
    campaign_id, _rewards = add_campaign(db)
    author = make_user("author@example.org")
    make_user("other@example.org")
    make_user("editor@example.org", role="editor")
    from plugins.crowdfunding.models import Campaign
    with db() as s:
        s.get(Campaign, campaign_id).creator_id = author
    testapp.get(f"/campaigns/{campaign_id}/updates", status=302)  # anonymous: asked to log in
    for email in ("other@example.org", "editor@example.org"):
        login(testapp, email)
        testapp.get(f"/campaigns/{campaign_id}/updates", status=403)
        testapp.get("/logout")
    login(testapp, "author@example.org")
    assert "Post an update" in text_of(testapp.get(f"/campaigns/{campaign_id}").text)
    post(testapp, campaign_id, title="Week one")
    assert "Week one" in text_of(testapp.get(f"/campaigns/{campaign_id}").text)


def fill_returns(form, values):
    for row, value in zip(sequence_rows(form, "returns", "collective_return"), values):
        for name, typed in value.items():
            if name == "fulfilled":
                row[name].checked = bool(typed)
            else:
                row[name].value = typed
    return form


def test_collective_returns_are_shown_and_a_fulfilled_one_links_to_what_was_published(testapp, db, secretariat, at):
    campaign_id, _rewards = add_campaign(db)
    guide_id, _rewards = add_campaign(db, title="The guide in French")  # an item of the portal, published
    login(testapp, "sec@example.org")
    form = testapp.get(f"/campaigns/{campaign_id}/returns").forms["deform"]
    fill_returns(form, [{"description": "The guide in French, free to download"},
                        {"description": "The recordings of the workshop"}]).submit("save", status=302)
    page = text_of(testapp.get(f"/campaigns/{campaign_id}").text)
    assert "The guide in French, free to download (to come)" in page and "The recordings of the workshop" in page

    form = testapp.get(f"/campaigns/{campaign_id}/returns").forms["deform"]
    res = fill_returns(form, [{"fulfilled": True}]).submit("save", status=400)  # fulfilled: where?
    assert "Say where the fulfilled return was published." in text_of(res.text)
    res = fill_returns(res.forms["deform"], [{"fulfilled": True, "link": "999999"}]).submit("save", status=400)
    assert "Write an address starting with https://, or the number of an item of the portal." in text_of(res.text)
    assert sequence_rows(res.forms["deform"], "returns", "collective_return")[1]["description"].value \
        == "The recordings of the workshop"  # nothing typed lost
    form = fill_returns(res.forms["deform"], [{"fulfilled": True, "link": str(guide_id)},
                                              {"fulfilled": True, "link": "https://example.org/recordings"}])
    form.submit("save", status=302)

    anonymous = client(testapp.app, address="192.0.2.60")
    html = anonymous.get(f"/campaigns/{campaign_id}").text
    assert "Fulfilled : see The guide in French" in text_of(html)
    assert f'href="/campaigns/{guide_id}"' in html and 'href="https://example.org/recordings"' in html
    from plugins.crowdfunding.returns import CollectiveReturn
    with db() as s:
        assert all(r.fulfilled_at is not None for r in s.query(CollectiveReturn))


def test_the_campaigns_other_images_show_as_a_gallery_under_its_cover_with_their_alt_texts(testapp, db, secretariat, at):
    from bs4 import BeautifulSoup
    from portal.testing import csrf, png
    campaign_id, _rewards = add_campaign(db)
    login(testapp, "sec@example.org")
    for name, alt in (("cover.png", "The guide's cover"), ("workshop.png", "Translators at work in Lisbon")):
        testapp.post(f"/content/{campaign_id}/files", {"csrf_token": csrf(testapp), "title": name[:-4], "alt": alt},
                     upload_files=[("file", name, png())], status=302)
    html = BeautifulSoup(testapp.get(f"/campaigns/{campaign_id}").text, "html.parser")
    assert [img["alt"] for img in html.select(".cover-figure img")] == ["The guide's cover"]
    assert [img["alt"] for img in html.select(".gallery img")] == ["Translators at work in Lisbon"]  # not the cover

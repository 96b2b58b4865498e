"""Blind review: only the applicants' organisation, city and people are masked, as whole words in any
spelling; the secretariat previews what the jury reads; every kind of document a blind entry accepts
reaches the jury without its authors, places and names (or is refused); archives are read with
bounded memory; and the jury cannot find an entry's experience in the public search while it judges."""
import io
import re
import tracemalloc
import zipfile
import zlib
from datetime import timedelta

import award_documents as documents
import pytest
from award_helpers import (RESULTS_UTC, add_experience, assign_to_one_juror, fill_entry,
                           juror_browser, start_entry)
from webtest import Upload

from portal.testing import client, login, text_of

from plugins.awards.blind import Masker
from plugins.awards.scrub import Unreadable, scrub

NAMES = ("porto alegre", "luiza", "fernandes", "rep@poa.example")
MASKER = Masker.of(["Porto Alegre"], ["Luiza Fernandes"], ["rep@poa.example"])


def blind_entry(app, db, make_user, network, open_call, at, uploads=(), experience=None):
    """An entry of Porto Alegre with documents, eligible and assigned to one juror, during the evaluation."""
    poa = client(app, "192.0.2.11")
    login(poa, "rep@poa.example")
    entry_id = start_entry(poa, open_call, experience or network["exp_poa"])
    form = poa.get(f"/awards/entries/{entry_id}/edit").forms["deform"]
    fill_entry(form, why="Because Porto Alegre and Luiza Fernandes started the Orçamento Participativo.")
    if uploads:
        form["add"] = [Upload(name, data) for name, data in uploads]
    form.submit("submit", status=302)
    review_id, admin = assign_to_one_juror(app, at, db, make_user, open_call, entry_id)
    return entry_id, review_id, admin


# --- masking ---------------------------------------------------------------------------------------

def test_masking_takes_whole_names_in_any_spelling_and_nothing_else():
    masker = Masker.of(["São Paulo", "Prefeitura de São Paulo"], ["Ana Lúcia da Silva"], ["ana@sp.gov.br"])
    text = ("A Prefeitura de Sao Paulo e SÃO PAULO: o Orçamento Participativo de são paulo, com Ana Lucia e a "
            "Sra. Silva (ana@sp.gov.br). Paulinia, Silvana e Anabela não são nomes dela.")
    assert masker.text(text) == ("A […] e […]: o Orçamento Participativo de […], com […] […] e a Sra. […] ([…]). "
                                 "Paulinia, Silvana e Anabela não são nomes dela.")
    html = masker.html('<p title="São Paulo">Orçamento Participativo &amp; S&atilde;o Paulo</p>')
    assert str(html) == '<p title="[…]">Orçamento Participativo &amp; […]</p>'


def test_the_contact_field_masks_its_person_not_the_programme_it_names(app, network, open_call, at, db, make_user):
    exp = add_experience(db, "Participatory budget of the east zone", network["poa"], "Porto Alegre", "BR",
                         body="<p>The Orçamento Participativo of the east zone, run by Carla Mendes.</p>",
                         contact="Carla Mendes, coordinator of the Orçamento Participativo, carla@poa.gov.br")
    entry_id, review_id, admin = blind_entry(app, db, make_user, network, open_call, at, experience=exp)
    juror = juror_browser(app, "jules@example.org")
    text = text_of(juror.get(f"/awards/reviews/{review_id}").text)
    assert "The Orçamento Participativo of the east zone, run by […]." in text
    assert "Carla" not in text and "Mendes" not in text and "carla@poa.gov.br" not in text
    # the secretariat sees exactly that page, with what is masked listed
    preview = admin.get(f"/awards/entries/{entry_id}/jury-view")
    shown = text_of(preview.text)
    assert "The Orçamento Participativo of the east zone, run by […]." in shown
    masked = text_of(preview.html.select_one(".preview-note").decode())
    assert "Carla Mendes" in masked and "Porto Alegre" in masked and "Luiza Fernandes" in masked
    for word in ("Carla", "Porto Alegre"):
        assert word not in text_of(preview.html.select_one("article .body").decode())
    # and only the secretariat
    juror.get(f"/awards/entries/{entry_id}/jury-view", status=403)


# --- documents -------------------------------------------------------------------------------------

def _everything_inside(data: bytes) -> bytes:
    """The bytes of a document and of everything compressed inside it: zip members, PDF streams."""
    found = [data]
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            found += [z.read(info) for info in z.infolist()]
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            found.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            pass
    return b"\n".join(found)


def _readable(data: bytes) -> str:
    return " ".join(data.decode(encoding, errors="ignore") for encoding in ("utf-8", "utf-16-be", "utf-16-le")).lower()


class TestMetadataInBlindCalls:
    """Every kind of document the entry form accepts carries the applicant's names where its software puts
    them; what a juror of a blind review gets carries none of them, and still opens."""

    @pytest.mark.parametrize("mimetype,name,data", documents.every_kind(), ids=[k[1] for k in documents.every_kind()])
    def test_no_name_survives_in_any_encoding(self, mimetype, name, data):
        assert any(n.encode() in _everything_inside(data).lower() or n in _readable(_everything_inside(data))
                   for n in NAMES[:3]), "the sample must carry the names"
        clean = scrub(data, mimetype, MASKER)
        inside = _everything_inside(clean)
        for word in NAMES:
            assert word.encode() not in inside.lower() and word not in _readable(inside), (name, word)
        if mimetype.startswith("image/"):
            from PIL import Image
            with Image.open(io.BytesIO(clean)) as im:
                im.load()
                assert not im.getexif(), "EXIF (and its GPS position) left"
                assert not {"exif", "xmp", "comment", "Author", "Description", "XML:com.adobe.xmp"} & set(im.info)
        if mimetype == "application/pdf":
            from pypdf import PdfReader
            reader = PdfReader(io.BytesIO(clean))
            assert reader.metadata is None and "/Metadata" not in reader.trailer["/Root"]
            assert reader.pages[0].extract_text().startswith("Report of")  # the text is there, names out
        if data.startswith(b"PK"):
            with zipfile.ZipFile(io.BytesIO(clean)) as z:
                assert z.testzip() is None
                for member in ("docProps/core.xml", "docProps/app.xml", "meta.xml"):
                    if member in z.namelist():
                        xml = z.read(member).decode()
                        assert "LF" not in xml and "Normal.dotm" not in xml, member

    def test_a_pdf_with_the_names_hex_encoded_and_in_compressed_text(self):
        pdf = documents.pdf(author="Secretary", hex_creator="Luiza Fernandes", xmp=False, split=True)
        assert b"Luiza" not in pdf  # hex and compressed: a plain search of the file finds nothing
        clean = scrub(pdf, "application/pdf", MASKER)
        assert "luiza" not in _readable(_everything_inside(clean))

    def test_a_pdf_whose_fonts_cannot_be_read_is_refused(self):
        with pytest.raises(Unreadable) as refused:
            scrub(documents.pdf_in_unreadable_font(), "application/pdf", MASKER)
        assert "fonts whose characters the portal cannot read" in str(refused.value)

    def test_what_a_juror_downloads(self, app, network, open_call, at, db, make_user):
        """Through the pages: the documents uploaded in the entry form, crawled by the juror."""
        kinds = [k for k in documents.every_kind() if k[0] in ("image/jpeg", "image/png", "application/pdf",
                                                               "application/vnd.openxmlformats-officedocument."
                                                               "wordprocessingml.document", "text/csv")]
        uploads = [(f"Porto-Alegre-{name}", data) for _mimetype, name, data in kinds]
        _entry, review_id, _admin = blind_entry(app, db, make_user, network, open_call, at, uploads=uploads)
        juror = juror_browser(app, "jules@example.org")
        for n in range(1, len(kinds) + 1):
            res = juror.get(f"/awards/reviews/{review_id}/documents/{n}")
            assert "Porto" not in res.headers["Content-Disposition"]
            inside = _everything_inside(res.body)
            for word in NAMES:
                assert word.encode() not in inside.lower() and word not in _readable(inside), (n, word)


def test_the_scrubber_reads_archives_member_by_member_with_bounded_memory():
    """An office document of 200 KB that inflates to 200 MB, honest about it or lying in its headers."""
    mimetype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    for bomb in (documents.zip_bomb(), documents.zip_bomb(declared=1000)):
        assert len(bomb) < 300 * 1024
        tracemalloc.start()
        try:
            with pytest.raises(Unreadable):
                scrub(bomb, mimetype, MASKER)
            _now, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert peak < 40 * 1024 * 1024, f"{peak // (1024 * 1024)} MB to refuse a {len(bomb) // 1024} KB file"


# --- search ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("search_backend", ["whoosh", "postgresql"])
def test_a_juror_cannot_find_the_entry_by_its_title_while_judging(app, network, open_call, at, db, make_user):
    _entry, review_id, _admin = blind_entry(app, db, make_user, network, open_call, at)
    juror = juror_browser(app, "jules@example.org")
    title = re.search(r"Entry \d+ · (.*)$", text_of(juror.get(f"/awards/reviews/{review_id}").html.h1.decode())).group(1)
    assert title == "Neighbourhood budget assemblies"  # the masked title still names nothing, and says this

    def found(browser):
        json = browser.get("/search.json", {"q": title}).json
        page = browser.get("/search", {"q": title}).html
        listing = browser.get("/experiences", {"q": title}).html
        hits = lambda html: {a.get_text(strip=True) for a in html.select("main li h2 a")}  # noqa: E731
        return (title in {r["title"] for r in json["results"]}, title in hits(page), title in hits(listing))

    assert found(juror) == (False, False, False)
    assert found(client(app, "192.0.2.99")) == (True, True, True)  # everyone else finds it
    # the other experiences stay found by the juror
    assert "Youth councils by the sea" in {r["title"] for r in juror.get("/search.json", {"q": "youth"}).json["results"]}
    at.set(RESULTS_UTC + timedelta(minutes=1))  # the results are public: nothing to hide any more
    assert found(juror) == (True, True, True)


def test_a_juror_does_not_come_across_the_entry_anywhere_while_judging(app, network, open_call, at, db, make_user):
    """Not only the search: the listings, feeds, exports, the member's page and the experience's own page
    leave the entry's experience out for its jurors (a 404, as for one that does not exist), while the
    review still shows it masked."""
    _entry, review_id, _admin = blind_entry(app, db, make_user, network, open_call, at)
    title, exp = "Neighbourhood budget assemblies", network["exp_poa"]
    with db() as s:  # published, as an entry's experience usually is
        from plugins.experiences.models import Experience
        s.get(Experience, exp).state = "published"
    juror, visitor = juror_browser(app, "jules@example.org"), client(app, "192.0.2.99")

    def seen(browser):
        return {
            "page": browser.get(f"/experiences/{exp}", status="*").status_int,
            "listing": title in browser.get("/experiences").text,
            "feed": title in browser.get("/experiences/feed.atom").text,
            "csv": title in browser.get("/export/experiences.csv").text,
            "json": title in browser.get("/export/experiences.json").text,
            "member": title in browser.get(f"/members/{network['poa']}").text,
            "home": title in browser.get("/").text,
        }

    everyone = seen(visitor)
    assert everyone["page"] == 200 and everyone["listing"] and everyone["feed"] and everyone["csv"]
    assert seen(juror) == dict({k: False for k in everyone}, page=404)
    assert "Neighbourhood budget assemblies" in text_of(juror.get(f"/awards/reviews/{review_id}").text)
    at.set(RESULTS_UTC + timedelta(minutes=1))
    assert seen(juror) == everyone

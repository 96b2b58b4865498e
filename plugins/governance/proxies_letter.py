"""The proxy letter (a PDF in the reader's language) the giving organisation signs and uploads back."""
from portal.api import Member, PdfDocument, _, datetime_text, text_in, translate_to


def proxy_letter(request, proxy, meeting) -> bytes:
    lang = request.locale_name or "en"
    session = request.dbsession
    giver, holder = session.get(Member, proxy.giver_id), session.get(Member, proxy.holder_id)

    def t(term, **mapping):
        return translate_to(request, term, lang, mapping=mapping or None)
    doc = PdfDocument(t(_("Proxy letter")))
    doc.line(t(_("Meeting: ${meeting}"), meeting=text_in(meeting, "title", lang) or meeting.title))
    doc.line(t(_("Date: ${date}"), date=datetime_text(lang, meeting.starts, meeting.timezone, with_zone=True)), space=6)
    doc.line(t(_("${giver}, member organisation of the network, gives its proxy to ${holder}, member organisation "
                 "of the network, to represent it and vote in its name at this plenary meeting."),
               giver=giver.name, holder=holder.name), space=6)
    doc.line(t(_("For ${organisation}:"), organisation=giver.name))
    doc.line(t(_("Signature: ______________________________")), space=8)
    doc.line(t(_("Place and date: ______________________________")), space=14)
    doc.line(t(_("Sign this letter and upload it back on the meeting's page; the secretariat checks it.")), size=9)
    return doc.bytes()

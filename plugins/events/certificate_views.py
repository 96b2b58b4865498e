"""Certificates of attendance: whoever earned one at a conference (certificates.py) downloads theirs (a PDF in their language,
from their registration's page), and anyone opens its verification address to confirm it; a wrong code
is a 404."""
from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import PdfDocument, _, datetime_text, page, pdf_response, text_in, translate, translate_to

from .certificates import certified
from .conference import Registration
from .conference_views import event_trail


def dates(event, lang):
    return (f"{datetime_text(lang, event.starts, event.timezone, length='long')} – "
            f"{datetime_text(lang, event.ends, event.timezone, length='long')}")


@view_config(route_name="conference_certificate", permission="view")
def certificate_pdf(request):
    registration = request.context
    if not certified(request.dbsession, registration):
        raise HTTPNotFound()
    event, lang = registration.event, registration.language or "en"
    title = text_in(event, "title", lang) or event.title
    doc = PdfDocument(translate_to(request, _("Certificate of attendance"), lang))
    doc.line(translate_to(request, _("This certifies that ${name} attended ${event}, held in ${place} from ${dates}.",
                                     mapping={"name": registration.name or registration.email, "event": title,
                                              "place": ", ".join(p for p in (event.venue, event.city) if p),
                                              "dates": dates(event, lang)}), lang), size=12, space=6)
    url = request.route_url("conference_certificate_check", certificate=registration.certificate)
    doc.line(translate_to(request, _("Verify this certificate at ${url}", mapping={"url": url}), lang), size=10)
    return pdf_response(doc.bytes(), f"certificate-{registration.certificate}.pdf")


def certificate_factory(request):
    found = request.dbsession.scalars(select(Registration).where(
        Registration.certificate == request.matchdict["certificate"])).first()
    if found is None or not certified(request.dbsession, found):
        raise HTTPNotFound()
    return found


@view_config(route_name="conference_certificate_check", renderer="plugins.events:templates/conference_certificate.pt",
             permission="view")
def certificate_check(request):
    registration = request.context
    event = registration.event
    return page(request, translate(_("Certificate of attendance"), request), event_trail(request, event),
                registration=registration, event=event, dates=dates(event, request.locale_name))

"""Visa invitation letters: a person registered for a conference asks for one (the name in their passport,
nationality, passport number, the consulate where they apply); the secretariat checks it and approves it
or refuses it with a reason, and the person is told by mail in their language. An approved letter is a
PDF the person downloads from their registration's page (its secret address is the key), as the
secretariat does; anyone else meets a 404. The passport data is shown to the secretariat only (the person
sees their passport number's last digits) and is in no export, search or timeline."""
from datetime import datetime

import colander
from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.api import (_, Base, PdfDocument, UTCDateTime, clock, country_name, country_node, date_text,
                        text_in, translate_to)

VISA_STATES = ("requested", "approved", "refused")


class VisaRequest(Base):
    __tablename__ = "event_visa_requests"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("event_registrations.id", ondelete="CASCADE"),
                                                 unique=True)
    passport_name: Mapped[str] = mapped_column(String(200))
    nationality: Mapped[str] = mapped_column(String(2))
    passport_number: Mapped[str] = mapped_column(String(40))
    consulate: Mapped[str] = mapped_column(String(300))
    state: Mapped[str] = mapped_column(String(20), default="requested", index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[datetime] = mapped_column(UTCDateTime)
    decided: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    registration = relationship("Registration")

    def __acl__(self):
        from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone
        return [(Allow, "role:secretariat", ALL_PERMISSIONS), (Deny, Everyone, ALL_PERMISSIONS)]

    @property
    def masked_number(self) -> str:
        return "•" * max(0, len(self.passport_number) - 3) + self.passport_number[-3:]


def strip(value):
    return " ".join(value.split()) if isinstance(value, str) else value


class VisaSchema(colander.Schema):
    passport_name = colander.SchemaNode(colander.String(), title=_("Your name as written in your passport"),
                                        preparer=strip, validator=colander.Length(1, 200))
    nationality = country_node(name="nationality", title=_("Nationality"))
    passport_number = colander.SchemaNode(
        colander.String(), title=_("Passport number"), preparer=lambda v: strip(v).upper() if isinstance(v, str) else v,
        validator=colander.Regex(r"^[A-Z0-9][A-Z0-9 -]{3,38}$", _("Letters and digits as in the passport.")))
    consulate = colander.SchemaNode(colander.String(), title=_("Consulate or embassy where you apply"),
                                    preparer=strip, validator=colander.Length(1, 300),
                                    description=_("For example: “Embassy of Portugal in Dakar”."))


class DecisionSchema(colander.Schema):
    reason = colander.SchemaNode(colander.String(), title=_("Reason (told to the person when refused)"),
                                 missing="", validator=colander.Length(0, 2000))


def ask(request, registration, values):
    """The registration's request, new or asked again after a refusal (then checked again)."""
    found = request.dbsession.query(VisaRequest).filter_by(registration_id=registration.id).first()
    if found is None:
        found = VisaRequest(registration_id=registration.id, created=clock.now())
        request.dbsession.add(found)
    for name in ("passport_name", "nationality", "passport_number", "consulate"):
        setattr(found, name, values[name])
    found.state, found.reason, found.decided = "requested", "", None
    request.dbsession.flush()
    return found


def decide(request, visa, approve, reason=""):
    visa.state, visa.reason, visa.decided = ("approved" if approve else "refused"), reason, clock.now()
    registration = visa.registration
    lang = registration.language or "en"
    event = registration.event
    request.send_template("events:visa_approved" if approve else "events:visa_refused", registration.email,
                          language=lang, name=registration.name or registration.email,
                          event=text_in(event, "title", lang) or event.title, reason=reason,
                          url=request.route_url("conference_visa", code=registration.code))


def letter(request, visa) -> bytes:
    """The invitation letter in the person's language."""
    registration = visa.registration
    event, lang = registration.event, registration.language or "en"

    def say(term):
        return translate_to(request, term, lang)
    from .certificate_views import dates
    doc = PdfDocument(say(_("Invitation letter")))
    doc.line(date_text(lang, visa.decided or clock.now(), length="long", zone=event.timezone), size=10, space=6)
    doc.line(say(_("To: ${consulate}", mapping={"consulate": visa.consulate})), space=6)
    doc.line(say(_("We are pleased to invite ${name}, national of ${country}, holder of passport number ${number}, "
                   "to take part in ${event}, held in ${place} from ${dates}.", mapping={
                       "name": visa.passport_name, "country": country_name(visa.nationality, lang),
                       "number": visa.passport_number, "event": text_in(event, "title", lang) or event.title,
                       "place": ", ".join(p for p in (event.venue, event.city) if p), "dates": dates(event, lang)})),
             space=4)
    doc.line(say(_("${name} is registered for the conference under reference ${reference}. This letter does not "
                   "commit the organisers to any cost of travel or stay.",
                   mapping={"name": visa.passport_name, "reference": f"{event.id}-{registration.id}"})), space=8)
    doc.line(say(_("The secretariat of the conference")))
    return doc.bytes()

"""An organisation's pledge: the choice on the pledge form (for a member representative), its commitment
letter as a PDF, the signed letter uploaded back (a PDF, through the core's upload checks), the invoice the
secretariat issues and its PDF. The pledger and the secretariat see the letters and the invoice."""
import colander
from pyramid.decorator import reify
from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import ConfirmView, FormView, _, conflicts_retried, delete_file, pdf_response, send_file, store_kept
from portal.api import translate, uploads_node

from ..commitments import Commitment, Invoice, commit, commitment_of, invoice_of, issue_invoice, represented
from ..letters import commitment_letter, invoice_pdf
from .common import OfPledge, amount_text, trail

PDF = {"application/pdf"}
NEEDED = _("Needed to pledge in the name of your organisation.")


def organisation_nodes(request, schema, member):
    """The pledge form's choice to pledge in the name of the organisation the user represents."""
    schema.add(colander.SchemaNode(
        colander.Boolean(), name="organisation", missing=False,
        title=_("Pledge in the name of ${organisation}", mapping={"organisation": member.name}),
        description=_("The pledge becomes your organisation's commitment: a letter to sign, then an invoice.")))
    for name, title in (("signatory", _("Who signs the commitment")), ("signatory_role", _("Their role"))):
        schema.add(colander.SchemaNode(colander.String(), name=name, title=title, missing="",
                                       validator=colander.Length(0, 200)))


def check_signatory(check):
    """The pledge form's check, and who signs when the pledge is the organisation's."""
    def checked(form, value):
        error = colander.Invalid(form)
        try:
            check(form, value)
        except colander.Invalid as exc:
            error = exc
        if value.get("organisation"):
            for name in ("signatory", "signatory_role"):
                value[name] = (value.get(name) or "").strip()
                if not value[name]:
                    error[name] = NEEDED
        if error.children:
            raise error
    return checked


def commit_pledge(request, pledge, appstruct):
    """After the pledge is taken: the organisation's commitment when the form chose it."""
    member = represented(request.user)
    if appstruct.get("organisation") and member is not None:
        commit(request.dbsession, pledge, member, appstruct["signatory"], appstruct["signatory_role"])


def the_commitment(request, pledge):
    found = commitment_of(request.dbsession, pledge)
    if found is None:
        raise HTTPNotFound()
    return found


def commitment_links(request, pledge):
    """What a page shows of a pledge's commitment to whoever may see it: None for a person's pledge."""
    return links(request, pledge, commitment_of(request.dbsession, pledge), invoice_of(request.dbsession, pledge))


def commitments_of(request, pledges):
    """{pledge id: its commitment's links} of the organisations' pledges among `pledges`, in two queries."""
    ids = [p.id for p in pledges]
    session = request.dbsession
    commitments = {c.pledge_id: c for c in session.scalars(select(Commitment).where(Commitment.pledge_id.in_(ids)))}
    invoices = {i.pledge_id: i for i in session.scalars(select(Invoice).where(Invoice.pledge_id.in_(list(commitments))))}
    found = {p.id: links(request, p, commitments.get(p.id), invoices.get(p.id)) for p in pledges}
    return {pledge_id: shown for pledge_id, shown in found.items() if shown}


def links(request, pledge, commitment, invoice):
    if commitment is None or not request.has_permission("view_commitment", pledge):
        return None
    return {"commitment": commitment, "invoice": invoice,
            "letter": request.route_path("pledge_letter", pledge=pledge.id),
            "signed": request.route_path("pledge_signed_file", pledge=pledge.id) if commitment.signed_file_id else None,
            "upload": request.route_path("pledge_signed", pledge=pledge.id)
            if request.has_permission("sign_commitment", pledge) else None,
            "invoice_url": request.route_path("pledge_invoice", pledge=pledge.id) if invoice else None,
            "issue": request.route_path("pledge_invoice_issue", pledge=pledge.id)
            if invoice is None and request.has_permission("manage_pledges", pledge) else None}


@view_config(route_name="pledge_letter", permission="view_commitment")
def letter(request):
    pledge = request.context
    return pdf_response(commitment_letter(request, pledge, the_commitment(request, pledge)),
                        f"commitment-{pledge.reference}.pdf")


@view_config(route_name="pledge_signed_file", permission="view_commitment")
def signed_letter(request):
    commitment = the_commitment(request, request.context)
    if commitment.signed_file is None:
        raise HTTPNotFound()
    return send_file(request, commitment.signed_file)


@view_config(route_name="pledge_invoice", permission="view_commitment")
def invoice(request):
    found = invoice_of(request.dbsession, request.context)
    if found is None:
        raise HTTPNotFound()
    return pdf_response(invoice_pdf(request, found), f"invoice-{found.code}.pdf")


def thanks_url(request, pledge):
    return request.route_path("campaign_thanks", id=pledge.campaign_id, reference=pledge.reference)


@view_config(route_name="pledge_signed", permission="sign_commitment")
class SignedLetterView(OfPledge, FormView):
    buttons = (("upload", _("Upload the signed letter")),)

    @reify
    def commitment(self):
        return the_commitment(self.request, self.pledge)

    def get_schema(self):
        schema = colander.Schema()
        schema.add(uploads_node("letter", _("The signed letter"), accept="application/pdf", allowed=PDF,
                                multiple=False, description=_("The commitment letter, signed, as a PDF file.")))
        return schema

    def page_title(self):
        return _("The signed commitment letter of ${reference}", mapping={"reference": self.pledge.reference})

    @property
    def intro(self):
        return _("Print the commitment letter, have ${signatory} sign it, scan it and upload it here.",
                 mapping={"signatory": self.commitment.signatory})

    def trail(self):
        return trail(self.request, self.pledge.campaign) + [(_("Your pledge"), thanks_url(self.request, self.pledge))]

    def upload_success(self, appstruct):
        request, commitment = self.request, self.commitment
        stored = store_kept(request, appstruct["letter"]["kept"], allowed=PDF, owner=request.user,
                            title=translate(_("Signed commitment letter ${reference}",
                                              mapping={"reference": self.pledge.reference}), request))
        if not stored:
            return self.refuse(appstruct, _("Choose the signed letter: a PDF file."), field="letter")
        from portal.api import clock
        previous = commitment.signed_file
        commitment.signed_file, commitment.signed = stored[-1], clock.now()
        if previous is not None:
            request.dbsession.flush()
            delete_file(request, previous)  # the letter signed again replaces the first
        return self.done(_("The signed letter is uploaded; the technical secretariat will send the invoice."),
                         thanks_url(request, self.pledge))


@view_config(route_name="pledge_invoice_issue", permission="manage_pledges", decorator=conflicts_retried)
class IssueInvoice(OfPledge, ConfirmView):
    button = _("Issue the invoice")

    def page_title(self):
        return _("Issue the invoice of ${reference}", mapping={"reference": self.pledge.reference})

    @property
    def intro(self):
        commitment = the_commitment(self.request, self.pledge)
        return _("An invoice of ${amount} to ${organisation}, numbered in this year's sequence. It cannot be "
                 "withdrawn: its number is never given again.",
                 mapping={"amount": amount_text(self.request, self.pledge.campaign, self.pledge.amount),
                          "organisation": commitment.organisation})

    def confirm_success(self):
        found, new = issue_invoice(self.request.dbsession, self.pledge, the_commitment(self.request, self.pledge))
        message = _("Invoice ${number} issued.", mapping={"number": found.code}) if new else None
        return self.done(message, self.cancel_url())

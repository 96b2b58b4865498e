"""The agreements: the secretariat's list, an agreement's page (a public one for anyone), recording one,
its renewal (the earlier one kept as history, marked renewed), its signed document (a 404 for anyone but
the secretariat unless public), its obligations and internships."""
import colander
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import FormView, _, clock, get_row_or_404, page, send_file, store_kept, translate

from ..models import Agreement, Internship, Obligation
from ..schemas import AGREEMENT_KIND_TITLES, PDF, STATUS_TITLES, AgreementSchema, InternshipSchema, ObligationSchema

FIELDS = ("title", "kind", "partner_id", "member_id", "parties", "signatories", "starts", "ends", "renewal_terms",
          "status", "public")


def titles(request):
    return {"kinds": {k: translate(v, request) for k, v in AGREEMENT_KIND_TITLES.items()},
            "statuses": {k: translate(v, request) for k, v in STATUS_TITLES.items()}}


@view_config(route_name="agreements", renderer="plugins.partners:templates/agreements.pt",
             permission="manage_agreements")
def agreements(request):
    rows = request.dbsession.scalars(select(Agreement).order_by(Agreement.ends.is_(None), Agreement.ends,
                                                                Agreement.id)).all()
    interns = request.dbsession.scalars(select(Internship).order_by(Internship.starts.desc(), Internship.id)).all()
    return page(request, translate(_("Agreements"), request), [(_("Partners"), request.route_path("partners"))],
                agreements=rows, internships=interns, **titles(request))


@view_config(route_name="agreement", renderer="plugins.partners:templates/agreement.pt", permission="view")
def agreement(request):
    obj = request.context
    return page(request, obj.title, [(_("Partners"), request.route_path("partners"))], obj=obj,
                manage=bool(request.has_permission("manage_agreements", obj)),
                document=bool(obj.document_id and request.has_permission("view_agreement_document", obj)),
                renewed_by=[a for a in request.dbsession.scalars(select(Agreement).where(Agreement.renews_id == obj.id))
                            if request.has_permission("view", a)],
                **titles(request))


@view_config(route_name="agreement_document", permission="view_agreement_document")
def document(request):
    from pyramid.httpexceptions import HTTPNotFound
    if request.context.document is None:
        raise HTTPNotFound()
    return send_file(request, request.context.document, public=request.context.public)


@view_config(route_name="agreement_obligation_done", request_method="POST", permission="manage_agreements")
def obligation_done(request):
    """Mark an obligation done (who and when kept: no more reminders of it), or not done again."""
    from pyramid.httpexceptions import HTTPFound, HTTPNotFound
    obligation = get_row_or_404(request, Obligation, "obligation")
    if obligation.agreement_id != request.context.id:
        raise HTTPNotFound()
    done = request.POST.get("done") == "1"
    obligation.done = done
    obligation.done_at = clock.now() if done else None
    obligation.done_by_id = request.user.id if done else None
    request.flash(_("Marked done: ${obligation}", mapping={"obligation": obligation.what}) if done
                  else _("Marked not done: ${obligation}", mapping={"obligation": obligation.what}))
    return HTTPFound(request.route_path("agreement", agreement=request.context.id, _anchor="obligations"))


class AgreementForm(FormView):
    schema = AgreementSchema
    buttons = (("save", _("Save the agreement")),)

    def trail(self):
        return [(_("Partners"), self.request.route_path("partners")),
                (_("Agreements"), self.request.route_path("agreements"))]

    def store(self, obj, appstruct):
        for name in FIELDS:
            setattr(obj, name, appstruct[name])
        stored = store_kept(self.request, appstruct["document"]["kept"], allowed=PDF, owner=self.request.user,
                            title=appstruct["title"])  # no content item: served by document() alone
        if stored:
            obj.document = stored[-1]
        self.request.dbsession.add(obj)
        self.request.dbsession.flush()
        return self.done(_("Saved."), self.request.route_path("agreement", agreement=obj.id))


@view_config(route_name="agreement_add", permission="manage_agreements")
class AgreementAdd(AgreementForm):
    title = _("New agreement")

    def appstruct(self):
        partner = self.request.GET.get("partner", "")
        return {"partner_id": int(partner)} if partner.isdigit() else colander.null

    def save_success(self, appstruct):
        return self.store(Agreement(), appstruct)


@view_config(route_name="agreement_edit", permission="manage_agreements")
class AgreementEdit(AgreementForm):
    title = _("Change the agreement")

    def appstruct(self):
        return {name: getattr(self.context, name) for name in FIELDS}

    def save_success(self, appstruct):
        return self.store(self.context, appstruct)


@view_config(route_name="agreement_renew", permission="manage_agreements")
class AgreementRenew(AgreementForm):
    """The renewal is a new agreement; the one it renews stays, marked renewed, in its history."""
    title = _("Record the renewal")
    buttons = (("save", _("Record the renewal")),)

    def appstruct(self):
        old = self.context
        values = {name: getattr(old, name) for name in FIELDS}
        return dict(values, starts=old.ends or old.starts, ends=None, status="signed")

    def save_success(self, appstruct):
        old = self.context
        if appstruct["starts"] < old.starts:
            return self.refuse(appstruct, _("The renewal starts before the agreement it renews."), field="starts")
        old.status = "renewed"
        return self.store(Agreement(renews_id=old.id), appstruct)


class AgreementPart(FormView):
    def trail(self):
        return [(_("Agreements"), self.request.route_path("agreements")),
                (self.context.title, self.request.route_path("agreement", agreement=self.context.id))]

    def save_success(self, appstruct):
        self.request.dbsession.add(self.model(agreement_id=self.context.id, **appstruct))
        return self.done(_("Saved."), self.request.route_path("agreement", agreement=self.context.id))


@view_config(route_name="agreement_obligation_add", permission="manage_agreements")
class ObligationAdd(AgreementPart):
    schema = ObligationSchema
    title = _("New obligation")
    model = Obligation


@view_config(route_name="agreement_internship_add", permission="manage_agreements")
class InternshipAdd(AgreementPart):
    schema = InternshipSchema
    title = _("New internship")
    model = Internship

    def save_success(self, appstruct):
        if self.context.kind != "internship":
            return self.refuse(appstruct, _("Interns are hosted under an internship agreement."))
        return super().save_success(appstruct)

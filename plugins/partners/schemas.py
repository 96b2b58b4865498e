"""The forms of the plugin: a partner (a content item), an agreement (its end not before its start), an
obligation, an internship, a joint activity."""
import colander
import deform

from portal.api import DOCUMENT_TYPES, ContentSchema, _, country_node, member_node, translatable_node, translate, uploads_node

from .models import ACTIVITY_ROLES, AGREEMENT_KINDS, PARTNER_KINDS, STATUSES

KIND_TITLES = {
    "network": _("Networks"), "university": _("Universities"), "agency": _("Development agencies"),
    "foundation": _("Foundations"), "government": _("Governments"), "festival": _("Festivals"),
    "other": _("Other partners"),
}
AGREEMENT_KIND_TITLES = {
    "hosting": _("Hosting of the technical secretariat"), "collaboration": _("Collaboration"),
    "internship": _("Internships"), "study": _("Study"), "funding": _("Funding"),
}
STATUS_TITLES = {"draft": _("Draft"), "signed": _("Signed"), "in_force": _("In force"), "expired": _("Expired"),
                 "renewed": _("Renewed")}
ROLE_TITLES = {"co_organised": _("Co-organised"), "attended": _("Attended"), "study": _("Study"),
               "campaign": _("Campaign")}
PDF = {"application/pdf"}


def choices(titles, keys):
    @colander.deferred
    def widget(node, kw):
        return deform.widget.SelectWidget(values=[(k, translate(titles[k], kw["request"])) for k in keys])
    return widget


def text_node(title, length=300, missing="", rows=None):
    widget = deform.widget.TextAreaWidget(rows=rows) if rows else None
    return colander.SchemaNode(colander.String(), title=title, missing=missing,
                               validator=colander.Length(0 if missing == "" else 1, length), widget=widget)


def date_node(title, missing=colander.required):
    return colander.SchemaNode(colander.Date(), title=title, missing=missing,
                               widget=deform.widget.TextInputWidget(attributes={"type": "date"}))


class PartnerSchema(ContentSchema):
    title = translatable_node(_("Name"), max_length=300)
    description = translatable_node(_("Summary"), max_length=1000, required=False, textarea=3)
    body = translatable_node(_("Description"), rich=True, required=False)
    kind = colander.SchemaNode(colander.String(), title=_("Kind of partner"), validator=colander.OneOf(PARTNER_KINDS),
                               widget=choices(KIND_TITLES, PARTNER_KINDS), default="network")
    website = colander.SchemaNode(
        colander.String(), title=_("Website"), missing="",
        validator=colander.All(colander.Length(0, 500),
                               colander.Regex(r"^https?://\S+$", _("An address starting with http:// or https://."))),
        widget=deform.widget.TextInputWidget(attributes={"type": "url"}))
    country = country_node(missing=None)
    relation = text_node(_("What the network does with them"), length=2000, rows=3)


def check_agreement(form, value):
    if value.get("ends") and value.get("starts") and value["ends"] < value["starts"]:
        error = colander.Invalid(form)
        error["ends"] = _("The agreement ends before it starts.")
        raise error
    if not value.get("partner_id") and not value.get("member_id"):
        error = colander.Invalid(form)
        error["partner_id"] = _("Choose the partner or the member organisation the agreement is with.")
        raise error


@colander.deferred
def partner_widget(node, kw):
    from sqlalchemy import select

    from .models import Partner
    rows = kw["request"].dbsession.execute(select(Partner.id, Partner.title).order_by(Partner.title))
    return deform.widget.SelectWidget(values=[("", "—")] + [(str(i), t) for i, t in rows])


@colander.deferred
def partner_validator(node, kw):
    from .models import Partner

    def check(node, value):
        if value is not None and kw["request"].dbsession.get(Partner, value) is None:
            raise colander.Invalid(node, _("No such partner."))
    return check


class AgreementSchema(colander.Schema):
    title = text_node(_("Title"), missing=colander.required)
    kind = colander.SchemaNode(colander.String(), title=_("Kind of agreement"),
                               validator=colander.OneOf(AGREEMENT_KINDS),
                               widget=choices(AGREEMENT_KIND_TITLES, AGREEMENT_KINDS), default="collaboration")
    partner_id = colander.SchemaNode(colander.Integer(), title=_("Partner"), missing=None, widget=partner_widget,
                                     validator=partner_validator)
    member_id = member_node(title=_("Or a member organisation"))
    parties = text_node(_("Parties"), length=2000, rows=2)
    signatories = text_node(_("Signatories"), length=2000, rows=2)
    starts = date_node(_("Starts"))
    ends = date_node(_("Ends"), missing=None)
    renewal_terms = text_node(_("Renewal terms"), length=4000, rows=3)
    status = colander.SchemaNode(colander.String(), title=_("Status"), validator=colander.OneOf(STATUSES),
                                 widget=choices(STATUS_TITLES, STATUSES), default="draft")
    public = colander.SchemaNode(colander.Boolean(), title=_("The signed document is public"), missing=False,
                                 description=_("Unticked, only the technical secretariat sees the document."))

    def __init__(self, *args, **kw):
        super().__init__(*args, validator=check_agreement, **kw)
        self.add(uploads_node("document", _("Signed document"), accept="application/pdf", allowed=PDF,
                              multiple=False, description=_("The signed agreement, as a PDF file.")))


class ObligationSchema(colander.Schema):
    what = text_node(_("Obligation"), length=500, missing=colander.required)
    due = date_node(_("Due on"))
    owner = text_node(_("Who is responsible"), length=200)


def check_internship(form, value):
    if value["ends"] < value["starts"]:
        error = colander.Invalid(form)
        error["ends"] = _("The internship ends before it starts.")
        raise error


class InternshipSchema(colander.Schema):
    intern = text_node(_("Intern"), length=200, missing=colander.required)
    host_member_id = member_node(name="host_member_id", title=_("Host member organisation"),
                                 description=_("Left empty: the technical secretariat hosts the intern."))
    starts = date_node(_("Starts"))
    ends = date_node(_("Ends"))
    supervisor = text_node(_("Supervisor"), length=200)
    subject = text_node(_("Subject"), length=500)
    report = text_node(_("Report"), length=20000, rows=6)

    def __init__(self, *args, **kw):
        super().__init__(*args, validator=check_internship, **kw)


@colander.deferred
def item_kinds(node, kw):
    from .activities import item_choices
    return colander.OneOf([""] + [name for name, _title in item_choices(kw["request"])])


@colander.deferred
def item_kinds_widget(node, kw):
    from .activities import item_choices
    return deform.widget.SelectWidget(values=[("", "—")] + [(name, translate(title, kw["request"]))
                                                            for name, title in item_choices(kw["request"])])


class ActivitySchema(colander.Schema):
    role = colander.SchemaNode(colander.String(), title=_("What was done together"),
                               validator=colander.OneOf(ACTIVITY_ROLES), widget=choices(ROLE_TITLES, ACTIVITY_ROLES))
    resource = colander.SchemaNode(colander.String(), title=_("Kind of item"), missing="",
                                   validator=item_kinds, widget=item_kinds_widget)
    item_id = colander.SchemaNode(colander.Integer(), title=_("Number of the item"), missing=None)
    title = text_node(_("Title"), length=300)
    day = date_node(_("Date"))

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.add(uploads_node("document", _("Document"), allowed=DOCUMENT_TYPES, multiple=False,
                              accept=".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.csv",
                              description=_("A study's report, for instance: public on the partner's page.")))

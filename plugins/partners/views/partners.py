"""/partners: the published partners with their logos, grouped by kind; a partner's page values (its
timeline of joint activities and agreements); recording a joint activity."""
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import DOCUMENT_TYPES, FormView, _, country_name, page, send_file, store_kept, translate, translated

from ..activities import item_model, partner_timeline
from ..models import PARTNER_KINDS, JointActivity, Partner
from ..schemas import KIND_TITLES, ActivitySchema


@view_config(route_name="partners", renderer="plugins.partners:templates/listing.pt", permission="view")
def partners(request):
    rows = request.dbsession.scalars(select(Partner).where(Partner.state == "published")
                                     .order_by(Partner.title)).all()
    groups = [(kind, KIND_TITLES[kind], [{"obj": p, "title": translated(request, p, "title")}
                                         for p in rows if p.kind == kind]) for kind in PARTNER_KINDS]
    manage = bool(request.has_permission("add:partner", request.site))
    drafts = request.dbsession.scalars(select(Partner).where(Partner.state != "published")).all() if manage else []
    return page(request, translate(_("Partners"), request), groups=[g for g in groups if g[2]], can_add=manage,
                drafts=drafts, covers=request.cover_images(rows),
                manage_agreements=bool(request.has_permission("manage_agreements", request.site)))


def view_values(request, obj):
    return {"kind_title": translate(KIND_TITLES.get(obj.kind, obj.kind), request),
            "country": country_name(obj.country, request.locale_name) if obj.country else "",
            "timeline": partner_timeline(request, obj),
            "manage_agreements": bool(request.has_permission("manage_agreements", request.site))}


@view_config(route_name="partner_activity_add", permission="manage_agreements")
class ActivityAdd(FormView):
    schema = ActivitySchema
    buttons = (("save", _("Record the activity")),)

    def page_title(self):
        return _("What the network did with ${partner}", mapping={"partner": self.context.title})

    def trail(self):
        return [(_("Partners"), self.request.route_path("partners")),
                (self.context.title, self.request.route_path("partner.view", id=self.context.id))]

    def save_success(self, appstruct):
        request = self.request
        if appstruct["resource"]:
            model = item_model(request, appstruct["resource"])
            if model is None or appstruct["item_id"] is None or request.dbsession.get(model, appstruct["item_id"]) is None:
                return self.refuse(appstruct, _("No such item."), field="item_id")
        elif not appstruct["title"]:
            return self.refuse(appstruct, _("Give a title, or choose the event or campaign."), field="title")
        kept = appstruct.pop("document")["kept"]
        activity = JointActivity(partner_id=self.context.id, **appstruct)
        stored = store_kept(request, kept, allowed=DOCUMENT_TYPES, owner=request.user, title=appstruct["title"])
        if stored:  # no content item: served by activity_document() with the partner's access
            activity.document = stored[-1]
        request.dbsession.add(activity)
        return self.done(_("Recorded."), request.route_path("partner.view", id=self.context.id))


@view_config(route_name="partner_activity_document", permission="view")
def activity_document(request):
    """A joint activity's document, for whoever may see the partner's page (its ACL)."""
    from pyramid.httpexceptions import HTTPNotFound
    activity = request.context
    if activity.document is None:
        raise HTTPNotFound()
    return send_file(request, activity.document, public=activity.partner.state == "published")


@view_config(route_name="partner_activity_remove", request_method="POST", permission="manage_agreements")
def remove_activity(request):
    """Take a joint activity off the partner's timeline (and the partner off the item's page)."""
    from pyramid.httpexceptions import HTTPFound
    activity = request.context
    request.dbsession.delete(activity)
    request.flash(_("Removed: ${activity}", mapping={"activity": activity.title or activity.resource}))
    return HTTPFound(request.route_path("partner.view", id=activity.partner_id, _anchor="partner-timeline"))

"""Joint activities: an item of another plugin (an event, a workshop, a campaign) found by its registered
name, never by importing that plugin; the partner's timeline lists them with its agreements, and the item's
own page names the partners that co-organised it (the core's add_item_section)."""
from sqlalchemy import select

from portal.api import _, translate, translated

from .models import Agreement, JointActivity, Partner

# what a partner can co-organise: the items other plugins offer by these names, when they are enabled
ITEM_RESOURCES = ("event", "international-workshop", "campaign")
ITEM_TITLES = {"event": _("Event"), "international-workshop": _("International workshop"), "campaign": _("Campaign")}


def item_choices(request):
    """[(name, title)] of the kinds of items the enabled plugins offer."""
    portal = request.registry.portal
    return [(name, ITEM_TITLES[name]) for name in ITEM_RESOURCES
            if name in portal.resources or name in portal.content_types]


def item_model(request, name):
    """The model another plugin offers as `name`: a registered resource, else its content type."""
    portal = request.registry.portal
    if name in portal.resources:
        return portal.resources[name]
    info = portal.content_types.get(name)
    return info.factory if info is not None else None


def item_of(request, activity):
    """The item an activity names, if it still exists and the reader may see it."""
    if not activity.resource or activity.item_id is None:
        return None
    model = item_model(request, activity.resource)
    found = request.dbsession.get(model, activity.item_id) if model is not None else None
    return found if found is not None and request.has_permission("view", found) else None


def item_url(request, name, item):
    """The item's page: the link its plugin registered with the resource, else its content type's page."""
    _title, url = request.registry.portal.resource_links.get(name, (None, None))
    if url is not None:
        return url(request, item)
    info = request.registry.portal.content_types.get(name)
    return request.route_path(f"{name}.view", id=item.id) if info is not None else None


def co_organisers(request, obj, name):
    """The published partners that co-organised obj (an item offered as `name`), with their logos: the box
    "Co-organised with" on its page (add_item_section)."""
    linked = select(JointActivity.partner_id).where(JointActivity.resource == name, JointActivity.item_id == obj.id,
                                                    JointActivity.role == "co_organised")
    rows = request.dbsession.scalars(select(Partner).where(Partner.id.in_(linked), Partner.state == "published")
                                     .order_by(Partner.title)).all()
    shown = [p for p in rows if request.has_permission("view", p)]
    logos = request.cover_images(shown)
    return [{"title": translated(request, p, "title"), "url": request.route_path("partner.view", id=p.id),
             "image": logos.get(p.id)} for p in shown]


def partner_timeline(request, partner):
    """What the network did with the partner, the latest first: joint activities and public agreements
    (every agreement for the secretariat)."""
    from .schemas import AGREEMENT_KIND_TITLES, ROLE_TITLES
    entries = []
    for activity in request.dbsession.scalars(select(JointActivity).where(JointActivity.partner_id == partner.id)):
        item = item_of(request, activity)
        if activity.resource and item is None:
            continue  # an item gone or not published: not on the public page
        title = str(translated(request, item, "title")) if item is not None else activity.title
        entries.append({"day": activity.day, "kind": translate(ROLE_TITLES.get(activity.role, activity.role), request),
                        "title": title or activity.title,
                        "url": item_url(request, activity.resource, item) if item is not None else None,
                        "document": request.route_path("partner_activity_document", activity=activity.id)
                        if activity.document_id else None,
                        "remove": request.route_path("partner_activity_remove", activity=activity.id)})
    for agreement in request.dbsession.scalars(select(Agreement).where(Agreement.partner_id == partner.id)):
        if request.has_permission("view", agreement):
            entries.append({"day": agreement.starts, "title": agreement.title,
                            "kind": translate(_("Agreement: ${kind}", mapping={"kind": translate(
                                AGREEMENT_KIND_TITLES.get(agreement.kind, agreement.kind), request)}), request),
                            "url": request.route_path("agreement", agreement=agreement.id)})
    return sorted(entries, key=lambda e: e["day"], reverse=True)

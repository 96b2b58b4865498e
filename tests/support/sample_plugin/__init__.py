"""A tiny plugin kept with the tests: international workshops. It touches no core file; everything
it brings is declared here, through the core's directives, and it imports the core only through
portal.api, as every plugin must: it shows each directive a new plugin uses."""
import colander
import deform
from sqlalchemy import select

from portal.api import ContentSchema, ImportReport, Permissions, RowError, _, html_to_text

from .models import Workshop


class WorkshopSchema(ContentSchema):
    city = colander.SchemaNode(colander.String(), title=_("City"), validator=colander.Length(1, 120))
    starts = colander.SchemaNode(colander.Date(), title=_("Date"),
                                 widget=deform.widget.TextInputWidget(attributes={"type": "date"}))


class WorkshopSettings(colander.Schema):
    registration_open = colander.SchemaNode(colander.Boolean(), title=_("Registration open"), default=True,
                                            missing=False)
    max_participants = colander.SchemaNode(colander.Integer(), title=_("Places"), default=40,
                                           validator=colander.Range(1, 5000))


def workshop_document(request, obj):
    return {"title": obj.title, "text": f"{obj.description}\n{html_to_text(obj.body)}",
            "url": request.route_path("workshop.view", id=obj.id), "date": obj.published or obj.created,
            "facets": {"city": [obj.city]}}


def workshop_rows(request):
    for w in request.dbsession.scalars(select(Workshop).where(Workshop.state == "published")):
        yield {"id": w.id, "title": w.title, "city": w.city, "starts": w.starts.isoformat()}


def coming_workshops(request, _key, limit):
    """The next workshops, on the home page: the list changes with the date, so the page is kept a minute."""
    from datetime import date
    from portal.api import keep_for
    keep_for(request, 60)
    stmt = (select(Workshop).where(Workshop.state == "published", Workshop.starts >= date.today())
            .order_by(Workshop.starts).limit(limit))
    return [{"title": w.title, "url": request.route_path("workshop.view", id=w.id), "note": w.city}
            for w in request.dbsession.scalars(stmt)]


def create_demo_workshops(request):
    from datetime import date
    request.dbsession.add(Workshop(title="International workshop on citizen assemblies", city="Grenoble",
                                   starts=date(2027, 5, 12), language="en", state="published"))


def remind_the_secretariat(request):
    """A periodic task: the secretariat is mailed the published workshops, with links to them."""
    from portal.api import User
    workshops = request.dbsession.scalars(select(Workshop).where(Workshop.state == "published")).all()
    if not workshops:
        return "nothing to remind"
    listing = "\n".join(f"{w.title}: {request.route_url('workshop.view', id=w.id)}" for w in workshops)
    for user in request.dbsession.scalars(select(User).where(User.role == "secretariat")):
        request.send_template("workshops:coming", user, workshops=listing)
    return f"{len(workshops)} workshops"


class WorkshopPermissions(Permissions):
    """Who may do what with workshops, in one place (add_permissions): a view asking for a permission
    not declared here or by the core stops the start-up."""
    names = {"register": "register for a workshop (anyone logged in)"}


def import_workshops(request, rows, commit=None, batch_size=500, progress=None):
    """add_import: each row a workshop (title, city, starts as 2027-05-12); a bad row is reported by its line."""
    from datetime import date
    report = ImportReport()
    for item in (progress(rows) if progress else rows):
        if isinstance(item, RowError):
            report.errors.append((item.line, item.reason))
            continue
        try:
            starts = date.fromisoformat((item.values.get("starts") or "").strip())
        except ValueError:
            report.errors.append((item.line, _("starts is not a date such as 2027-05-12")))
            continue
        request.dbsession.add(Workshop(title=item.values["title"], city=item.values.get("city", ""), starts=starts,
                                       language="en"))
        report.created += 1
    return report


def includeme(config):
    config.add_plugin("workshops", requires=())  # the plugins it builds on, by their add_plugin names
    config.register_resource("workshop", Workshop)
    config.add_static("static/workshops.css")
    config.add_mail_template("workshops:coming", _("Coming workshops"),
                             _("Hello ${name},\n\nThe workshops announced on ${site}:\n\n${workshops}"))
    config.add_content_type("workshop", Workshop, schema=WorkshopSchema, title=_("Workshop"),
                            plural=_("Workshops"), path="/workshops",
                            example={"city": "Dakar", "starts": "2027-03-01"})
    config.add_search_index(Workshop, document=workshop_document, name="workshop",
                            should_index=lambda obj: obj.state == "published", facets={"city": _("City")})
    config.add_menu_item("main", "workshops", _("Workshops"), route_name="workshop.listing", order=60)
    config.add_export("workshops", _("Workshops"), workshop_rows, columns=("id", "title", "city", "starts"))
    config.add_import("workshops", _("Workshops"), import_workshops, required=("title", "starts"), optional=("city",))
    config.add_permissions(WorkshopPermissions)
    config.add_plugin_settings("workshops", WorkshopSettings, title=_("Workshops"))
    config.add_demo_data(create_demo_workshops)
    config.add_home_section("workshops", _("Workshops"), coming_workshops)
    from datetime import timedelta
    config.add_periodic_task("workshops:remind", remind_the_secretariat, every=timedelta(days=1))

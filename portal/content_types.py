"""The core's own content: sections, pages and news, declared through the same directives as plugins."""
import colander
import deform
from sqlalchemy import select

from pyramid.request import Request

from .callbacks import SearchDocument
from .countries import region_of
from .forms import ContentSchema
from .i18n import _
from .models import Content, News, Page, Section
from .sanitize import html_to_text
from .translatable import translatable_node
from .workflow import PUBLICATION


@colander.deferred
def deferred_section_widget(node, kw):
    request = kw["request"]
    sections = request.dbsession.execute(select(Section.id, Section.title).order_by(Section.title)).all()
    return deform.widget.SelectWidget(values=[("", "—")] + [(str(s.id), s.title) for s in sections])


class SectionSchema(ContentSchema):
    """The secretariat's sections and pages are one item written in each language."""
    title = translatable_node(_("Title"), max_length=300)
    description = translatable_node(_("Summary"), max_length=1000, required=False, textarea=3)
    body = translatable_node(_("Text"), rich=True, required=False)


class PageSchema(SectionSchema):
    parent_id = colander.SchemaNode(colander.Integer(), title=_("Section"), missing=None,
                                    widget=deferred_section_widget)


class NewsSchema(ContentSchema):
    pass


def content_document(request: Request, obj: Content) -> SearchDocument:
    """What search keeps of a section, page or news item."""
    region = []
    creator = obj.creator
    if creator is not None and creator.member is not None:
        region = [region_of(creator.member.country)]
    date = obj.published or obj.created
    return {
        "title": obj.title,
        "text": "\n".join(filter(None, [obj.description, html_to_text(obj.body)])),
        "url": request.route_path(f"{obj.type}.view", id=obj.id),
        "date": date,
        "region": region,
    }


def is_published(obj):
    return obj.state == "published"


def news_rows(request):
    from .exports import in_batches
    for item in in_batches(request, select(News).where(News.state == "published")
                           .order_by(News.published.desc(), News.id.desc())):
        yield {"id": item.id, "title": item.title, "summary": item.description, "language": item.language,
               "published": item.published.isoformat() if item.published else "",
               "url": request.route_url("news.view", id=item.id)}


def section_children(request, section):
    """The items of a section a visitor may see (pages, news, and what plugins place there: events...),
    by type, then title."""
    types = [name for name in request.registry.portal.content_types if name != "section"]
    items = request.dbsession.scalars(select(Content).where(Content.parent_id == section.id, Content.type.in_(types))
                                      .order_by(Content.type, Content.title)).all()
    return {"children": [item for item in items if request.has_permission("view", item)]}


def includeme(config):
    config.add_workflow(PUBLICATION)
    config.add_content_type("section", Section, schema=SectionSchema, title=_("Section"), plural=_("Sections"),
                            path="/sections", view_template="portal:templates/section_view.pt",
                            view_values=section_children)
    config.add_content_type("page", Page, schema=PageSchema, title=_("Page"), plural=_("Pages"), path="/pages")
    config.add_content_type("news", News, schema=NewsSchema, title=_("News item"), plural=_("News"),
                            path="/news")
    for cls in (Section, Page, News):
        config.add_search_index(cls, document=content_document, should_index=is_published,
                                name=cls.__mapper__.polymorphic_identity)
    # the main menu: two groups keep it on one line; plugins add their entries to them (parent=...)
    config.add_menu_item("main", "network", _("The network"), order=10)
    config.add_menu_item("main", "about", _("About the network"), route_name="about", order=10, parent="network")
    config.add_menu_item("main", "members", _("Members"), route_name="members", order=20, parent="network")
    config.add_menu_item("main", "join", _("Join the network"), route_name="apply", order=90, parent="network",
                         visitors_only=True)
    config.add_menu_item("main", "news", _("News"), order=80)
    config.add_menu_item("main", "news-items", _("News of the network"), route_name="news.listing", order=10,
                         parent="news")
    config.add_export("news", _("News"), news_rows,
                      columns=("id", "title", "summary", "language", "published", "url"))
    from .demo import create_demo_content
    config.add_demo_data(create_demo_content, order=0)

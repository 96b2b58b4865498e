"""Experiences: the network's database of good practices, with multilingual faceted search.

Everything the plugin brings is declared here; the core is not touched."""
from sqlalchemy.orm import selectinload

from portal.api import _

from .models import Experience
from .schemas import ExperienceSchema
from .search import FACET_LABELS, FACET_VALUES, FACETS, experience_document
from .views import view_values


def is_published(obj):
    return obj.state == "published"


def includeme(config):
    from .models import Theme
    config.add_plugin("experiences")
    config.add_static("static/experiences.css")
    config.register_resource("experience", Experience)
    config.register_resource("theme", Theme)
    config.include(".routes")
    config.add_content_type(
        "experience", Experience, schema=ExperienceSchema, title=_("Experience"), plural=_("Experiences"),
        path="/experiences", add_roles=("member", "editor"), listing=False, listing_route="experiences",
        view_template="plugins.experiences:templates/view.pt",
        view_values=view_values,
        example={"city": "Porto Alegre", "country": "BR", "theme_slugs": ["participatory-budgeting"],
                 "mechanism": "participatory-budget", "scale": "city", "start_year": "1989"})
    config.add_search_index(Experience, document=experience_document, should_index=is_published,
                            name="experience", facets=FACETS, facet_values=FACET_VALUES, facet_labels=FACET_LABELS,
                            load=(selectinload(Experience.themes),))
    config.add_menu_item("main", "experiences", _("Experiences"), route_name="experiences", order=20)
    config.add_menu_item("manage", "experience-themes", _("Themes of the experiences"),
                         route_name="experience_themes", order=20, permission="manage")
    from .exports import COLUMNS, experience_rows
    config.add_export("experiences", _("Experiences"), experience_rows, columns=COLUMNS)
    from .importer import OPTIONAL_COLUMNS, import_rows
    config.add_import("experiences", _("Experiences"), import_rows, required=("external_id",),
                      optional=OPTIONAL_COLUMNS, formats=("json", "csv"),
                      help=_("A JSON file (an array of objects) or a CSV file whose first line names the columns; "
                             "lists (themes, sdgs) are joined with |. Importing an external_id again updates "
                             "that experience; translation_of names the external_id of the experience a row "
                             "translates."))
    from .sections import (TIMELINE_KINDS, experience_timeline, experiences_shared, latest_experiences,
                           member_experiences, region_experiences)
    config.add_home_section("experiences", _("Latest experiences"), latest_experiences, order=10)
    config.add_home_figure("experiences", _("Experiences shared"), experiences_shared, order=30)
    config.add_member_section("experiences", _("Experiences"), member_experiences, order=10)
    config.add_region_section("experiences", _("Experiences"), region_experiences, order=10)
    config.add_timeline("experiences", experience_timeline, order=10, kinds=TIMELINE_KINDS)
    from .demo import create_demo_experiences
    config.add_demo_data(create_demo_experiences, order=20)
    config.scan(".views")

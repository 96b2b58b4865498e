"""The one module of the core that plugins import (ARCHITECTURE.md, "plugin contract"): the models,
forms, files, mail, search, import/export and date helpers a plugin builds on. Names are loaded when
first used (PEP 562), so importing this module costs nothing and cannot import a plugin's own code
back in a cycle. A name not here is an internal of the core: ask for it to be added rather than
importing the module it lives in.

    from portal.api import Content, make_form, reindex_later
"""
from importlib import import_module
from typing import TYPE_CHECKING, Any

# name -> the module of the core that defines it
_WHERE: dict[str, str] = {
    "_": "portal.i18n",
    "LANGUAGES": "portal.i18n",
    "translate": "portal.i18n",
    "translate_to": "portal.i18n",
    "TranslatedText": "portal.translatable",
    "TranslationsMixin": "portal.translatable",
    "apply_translated": "portal.translatable",
    "default_language": "portal.translatable",
    "field_values": "portal.translatable",
    "missing_note": "portal.translatable",
    "set_translated": "portal.translatable",
    "site_name": "portal.translatable",
    "text_in": "portal.translatable",
    "translatable_node": "portal.translatable",
    "translations_column": "portal.translatable",
    "translated": "portal.translatable",
    "keep_for": "portal.cache",
    "shared_value": "portal.cache",
    "index_processes": "portal.cli",
    "load": "portal.cli",
    "progress": "portal.cli",
    "NewsSchema": "portal.content_types",
    "COUNTRY_CODES": "portal.countries",
    "REGIONS": "portal.countries",
    "country_name": "portal.countries",
    "region_of": "portal.countries",
    "get_or_404": "portal.db",
    "model_factory": "portal.db",
    "get_row_or_404": "portal.db",
    "hidden_unless": "portal.db",
    "insert_ignoring_conflicts": "portal.db",
    "DEMO_PASSWORD": "portal.demo",
    "in_batches": "portal.exports",
    "spreadsheet_safe": "portal.exports",
    "PdfDocument": "portal.pdf",
    "create_table": "portal.tables",
    "drop_tables": "portal.tables",
    "pdf_response": "portal.pdf",
    "DOCUMENT_TYPES": "portal.files",
    "IMAGE_TYPES": "portal.files",
    "ascii_name": "portal.files",
    "delete_file": "portal.files",
    "file_path": "portal.files",
    "send_file": "portal.files",
    "store_bytes": "portal.files",
    "ContentSchema": "portal.forms",
    "ContentViews": "portal.content.views",
    "Saved": "portal.content.service",
    "content_service": "portal.content.service:*",  # the module: content_service.create(...)
    "MoveRefused": "portal.content.moves",
    "Conflict": "portal.content.merge",
    "inline_diff": "portal.content.merge",
    "merge_sequences": "portal.content.merge",
    "merge_text": "portal.content.merge",
    "merge_value": "portal.content.merge",
    "side_by_side": "portal.content.merge",
    "split_blocks": "portal.content.merge",
    "split_words": "portal.content.merge",
    "apply_appstruct": "portal.content.service",
    "jsonable": "portal.content.revisions",
    "record_revision": "portal.content.revisions",
    "conflict_values": "portal.content.revisions",
    "revision_diff": "portal.content.revisions",
    "snapshot": "portal.content.revisions",
    "country_node": "portal.forms",
    "field_error": "portal.forms",
    "make_form": "portal.forms",
    "page_number": "portal.forms",
    "paginate": "portal.pagination",
    "world_map": "portal.maps",
    "page": "portal.page",
    "Page": "portal.pagination",
    "pending_file": "portal.forms",
    "render_form": "portal.forms",
    "rich_text_node": "portal.forms",
    "base_revision_node": "portal.forms",
    "store_kept": "portal.forms",
    "uploads_node": "portal.forms",
    "RowsWidget": "portal.forms",
    "media_node": "portal.forms",
    "Media": "portal.forms",
    "apply_media": "portal.content.service",
    "cover_images": "portal.images",
    "image_attrs": "portal.images",
    "og_image_url": "portal.images",
    "mail_image": "portal.images",
    "validate": "portal.forms",
    "ConfirmView": "portal.formview",
    "FormView": "portal.formview",
    "LocalDateTime": "portal.nodes",
    "address_validator": "portal.nodes",
    "datetime_node": "portal.nodes",
    "email_node": "portal.nodes",
    "local_moments": "portal.nodes",
    "member_node": "portal.nodes",
    "no_such_time": "portal.nodes",
    "normal_address": "portal.nodes",
    "timezone_node": "portal.nodes",
    "utc_or_invalid": "portal.nodes",
    "valid_address": "portal.nodes",
    "date_text": "portal.timezones",
    "machine_time": "portal.timezones",
    "datetime_text": "portal.timezones",
    "here_and_there": "portal.views",
    "wall_clock": "portal.timezones",
    "zone_info": "portal.timezones",
    "place_of": "portal.timezones",
    "your_time": "portal.views",
    "as_id": "portal.guard",
    "ImportFileError": "portal.imports",
    "ImportReport": "portal.importing",
    "import_arguments": "portal.importing:add_arguments",
    "run_import_file": "portal.importing:run_file",
    "conflicts_retried": "portal.db",
    "Row": "portal.imports",
    "RowError": "portal.imports",
    "csv_rows": "portal.imports",
    "decode": "portal.imports",
    "file_rows": "portal.imports",
    "text": "portal.imports",
    "outbox_message": "portal.mail",
    "FREQUENCIES": "portal.notifications",
    "follow_item": "portal.follow_digests",
    "item_follow": "portal.follow_digests",
    "send_follow_digests": "portal.follow_digests",
    "unfollow_item": "portal.follow_digests",
    "follow_info": "portal.notifications",
    "followers": "portal.notifications",
    "may_read": "portal.notifications",
    "notify": "portal.notifications",
    "notify_followers": "portal.notifications",
    "clock": "portal.clock:clock",
    "send_mail": "portal.mail",
    "send_template": "portal.mail",
    "render_template": "portal.mail",
    "sender_domain": "portal.mail",
    "Base": "portal.models",
    "Content": "portal.models",
    "FileAttachment": "portal.models.files",
    "Group": "portal.models",
    "LocalRole": "portal.models",
    "MEMBER_KINDS": "portal.models",
    "Member": "portal.models",
    "File": "portal.models",  # a stored file's row: a plugin's own view sends the files it lists (send_file)
    "News": "portal.models",
    "OutboxMessage": "portal.models",
    "Revision": "portal.models",
    "Section": "portal.models",
    "Setting": "portal.models",
    "UTCDateTime": "portal.models.meta",
    "User": "portal.models",
    "WorkflowLog": "portal.models",
    "utcnow": "portal.models",
    "one_per_translation": "portal.models.content",
    "hash_password": "portal.passwords",
    "SearchDocument": "portal.callbacks",
    "SectionItem": "portal.callbacks",
    "DashboardItem": "portal.callbacks",
    "FOLLOWS_PANEL": "portal.registry",
    "Badge": "portal.callbacks",
    "DocumentCallback": "portal.callbacks",
    "FacetsCallback": "portal.callbacks",
    "BadgesCallback": "portal.callbacks",
    "SectionCallback": "portal.callbacks",
    "ItemSectionCallback": "portal.callbacks",
    "TimelineCallback": "portal.callbacks",
    "TimelineEntry": "portal.callbacks",
    "RequestCallback": "portal.callbacks",
    "ViewValues": "portal.callbacks",
    "ExportRow": "portal.callbacks",
    "ExportRows": "portal.callbacks",
    "ImportRun": "portal.callbacks",
    "DemoData": "portal.callbacks",
    "Request": "pyramid.request",
    "Permissions": "portal.permissions",
    "clean_html": "portal.sanitize",
    "html_to_text": "portal.sanitize",
    "SearchQuery": "portal.search",
    "bulk": "portal.search",
    "reindex_later": "portal.search",
    "StopRequested": "portal.search.queue",
    "token_hash": "portal.security",
    "NoSuchTime": "portal.timezones",
    "is_zone": "portal.timezones",
    "local_to_utc": "portal.timezones",
    "moment_text": "portal.timezones",
    "zone_choices": "portal.timezones",
    "zone_label": "portal.timezones",
    "allow_framing": "portal.views",
    "client_address": "portal.views.auth",
    "issue_reset_token": "portal.views.auth",
    "atom_feed": "portal.views.feeds",
    "KIND_TITLES": "portal.views.members",
    "members_map": "portal.views.members",
    "STATUS_TITLES": "portal.views.members",
    "bad": "portal.views.search",
    "facet_label": "portal.views.search",
    "facet_links": "portal.views.search",
    "paging_links": "portal.views.search",
    "parse_query": "portal.views.search",
    "ACTION_STATUSES": "portal.models.actions",
    "Action": "portal.models.actions",
    "ActionTree": "portal.models.actions",
    "ActionUpdate": "portal.models.actions",
    "ActionRefused": "portal.actions",
    "Plan": "portal.actions",
    "ResourceLink": "portal.actions",
    "ACTION_STATUS_TITLES": "portal.actions:STATUS_TITLES",
    "action_links": "portal.actions",
    "add_action": "portal.actions",
    "delete_action": "portal.actions",
    "action_history": "portal.actions:history",
    "load_plan": "portal.actions",
    "move_action": "portal.actions",
    "roll_up": "portal.actions",
    "tree_for": "portal.actions",
    "update_action": "portal.actions",
    "ActionDeleteView": "portal.actionviews",
    "ActionFormView": "portal.actionviews",
    "action_schema": "portal.actionviews",
    "plan_values": "portal.actionviews",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    try:
        where = _WHERE[name]
    except KeyError:
        raise AttributeError(f"portal.api has no {name!r}: it is not part of the plugin API") from None
    module, _, attribute = where.partition(":")
    value = import_module(module) if attribute == "*" else getattr(import_module(module), attribute or name)
    globals()[name] = value  # the next use does not come here
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # what type checkers and editors see
    from portal.i18n import LANGUAGES, _, translate, translate_to  # noqa: F401
    from portal.models.meta import UTCDateTime  # noqa: F401
    from portal.translatable import TranslatedText, TranslationsMixin, apply_translated, default_language, field_values, missing_note, set_translated, site_name, text_in, translatable_node, translated, translations_column  # noqa: F401
    from portal.cache import keep_for  # noqa: F401
    from portal.cli import index_processes, load, progress  # noqa: F401
    from portal.content_types import NewsSchema  # noqa: F401
    from portal.countries import COUNTRY_CODES, REGIONS, country_name, region_of  # noqa: F401
    from portal.importing import ImportReport, add_arguments as import_arguments, run_file as run_import_file  # noqa: F401
    from portal.db import conflicts_retried, get_or_404, get_row_or_404, model_factory, hidden_unless, insert_ignoring_conflicts  # noqa: F401
    from portal.demo import DEMO_PASSWORD  # noqa: F401
    from portal.exports import in_batches, spreadsheet_safe  # noqa: F401
    from portal.pdf import PdfDocument, pdf_response  # noqa: F401
    from portal.tables import create_table  # noqa: F401
    from portal.files import DOCUMENT_TYPES, IMAGE_TYPES, ascii_name, delete_file, file_path, send_file, store_bytes  # noqa: F401
    from portal.forms import ContentSchema, Media, RowsWidget, country_node, field_error, make_form, media_node, page_number, pending_file, render_form, rich_text_node, store_kept, uploads_node, validate  # noqa: F401
    from portal.images import cover_images, image_attrs, mail_image, og_image_url  # noqa: F401
    from portal.content import service as content_service  # noqa: F401
    from portal.content.merge import Conflict, inline_diff, merge_sequences, merge_text, merge_value, side_by_side, split_blocks, split_words  # noqa: F401
    from portal.content.moves import MoveRefused  # noqa: F401
    from portal.content.revisions import conflict_values, jsonable, record_revision, revision_diff, snapshot  # noqa: F401
    from portal.content.service import Saved, apply_appstruct, apply_media  # noqa: F401
    from portal.content.views import ContentViews  # noqa: F401
    from portal.imports import ImportFileError, Row, RowError, csv_rows, decode, file_rows, text  # noqa: F401
    from portal.clock import clock  # noqa: F401
    from portal.page import page  # noqa: F401
    from portal.pagination import Page, paginate  # noqa: F401
    from portal.maps import world_map  # noqa: F401
    from portal.follow_digests import follow_item, item_follow, send_follow_digests, unfollow_item  # noqa: F401
    from portal.notifications import FREQUENCIES, follow_info, followers, may_read, notify, notify_followers  # noqa: F401
    from portal.mail import outbox_message, render_template, send_mail, send_template, sender_domain  # noqa: F401
    from portal.models import Base, Content, File, Group, LocalRole, MEMBER_KINDS, Member, News, OutboxMessage, Revision, Section, Setting, User, WorkflowLog, utcnow  # noqa: F401
    from portal.models.content import one_per_translation  # noqa: F401
    from portal.formview import ConfirmView, FormView  # noqa: F401
    from portal.nodes import LocalDateTime, address_validator, datetime_node, email_node, local_moments, member_node, no_such_time, normal_address, timezone_node, utc_or_invalid, valid_address  # noqa: F401
    from portal.timezones import date_text, datetime_text, machine_time, place_of, wall_clock, zone_info  # noqa: F401
    from portal.guard import as_id  # noqa: F401
    from portal.passwords import hash_password  # noqa: F401
    from portal.callbacks import Badge, BadgesCallback, DashboardItem, DemoData, DocumentCallback, ExportRow, ExportRows, FacetsCallback, ImportRun, ItemSectionCallback, RequestCallback, SearchDocument, SectionCallback, SectionItem, TimelineCallback, TimelineEntry, ViewValues  # noqa: F401
    from pyramid.request import Request  # noqa: F401
    from portal.permissions import Permissions  # noqa: F401
    from portal.registry import FOLLOWS_PANEL  # noqa: F401
    from portal.sanitize import clean_html, html_to_text  # noqa: F401
    from portal.search import SearchQuery, bulk, reindex_later  # noqa: F401
    from portal.search.queue import StopRequested  # noqa: F401
    from portal.security import token_hash  # noqa: F401
    from portal.timezones import NoSuchTime, is_zone, local_to_utc, moment_text, zone_choices, zone_label  # noqa: F401
    from portal.views import allow_framing  # noqa: F401
    from portal.views.auth import client_address, issue_reset_token  # noqa: F401
    from portal.views.feeds import atom_feed  # noqa: F401
    from portal.views.members import KIND_TITLES, STATUS_TITLES, members_map  # noqa: F401
    from portal.views.search import bad, facet_label, facet_links, paging_links, parse_query  # noqa: F401
    from portal.models.actions import ACTION_STATUSES, Action, ActionTree, ActionUpdate  # noqa: F401
    from portal.actions import ActionRefused, Plan, ResourceLink, STATUS_TITLES as ACTION_STATUS_TITLES, action_links, add_action, delete_action, history as action_history, load_plan, move_action, roll_up, tree_for, update_action  # noqa: F401
    from portal.actionviews import ActionDeleteView, ActionFormView, action_schema, plan_values  # noqa: F401

"""The rich-text fields' widget: a textarea the editor (static/editor/editor.js) turns into WYSIWYG.

The script has no catalog: its labels are translated here and passed in data attributes, with the
address of the link search and the images of the item being edited (its files). Without JavaScript
the textarea is the field and takes the same HTML; the server cleans it with nh3 either way.
"""
import json

import deform
from pyramid.threadlocal import get_current_request

from .i18n import _, translate

EDITOR_FLAG = "portal.richtext"  # the layout links the editor's script and styles when a form set it

LABELS = {
    "toolbar": _("Formatting"),
    "bold": _("Bold"), "italic": _("Italic"), "heading": _("Heading"), "subheading": _("Subheading"),
    "bullet_list": _("Bulleted list"), "ordered_list": _("Numbered list"), "quote": _("Quotation"),
    "link": _("Link"), "image": _("Image from this item's files"), "table": _("Table"),
    "add_row": _("Add a row"), "add_column": _("Add a column"), "delete_row": _("Delete the row"),
    "delete_column": _("Delete the column"), "delete_table": _("Delete the table"),
    "undo": _("Undo"), "redo": _("Redo"), "source": _("Edit the HTML"),
    "link_dialog": _("Link"), "link_address": _("Address, or words to find a page of the portal"),
    "link_help": _("Type an address (https://…, mailto:… or /…) or a few words, then pick one of the pages found."),
    "link_invalid": _("Type an address starting with https://, mailto: or /, or pick a page found by the search."),
    "found": _("{count} found: pick one to link to it."), "nothing_found": _("Nothing found."),
    "apply": _("Apply"), "remove_link": _("Remove the link"), "cancel": _("Cancel"),
    "image_dialog": _("Image"), "image_choice": _("Image of this item"), "alt_text": _("Alternative text"),
    "alt_help": _("What the image shows, for those who cannot see it."),
    "alt_required": _("Write the alternative text: what the image shows."), "insert": _("Insert"),
}


def item_images(request, obj):
    """[{url, title}] of the image files of the item being edited (none on an add form)."""
    files = getattr(obj, "files", None) or []
    return [{"url": request.route_path("file", id=f.id, filename=f.filename), "title": f.title or f.filename}
            for f in files if f.is_image]


class RichTextWidget(deform.widget.TextAreaWidget):
    template = "richtext_textarea"
    rows = 14

    def editor_attributes(self, field):
        """The data attributes the editor reads; also asks the layout to load the editor's script."""
        bindings = getattr(field.schema, "bindings", None) or {}
        request = bindings.get("request") or get_current_request()
        if request is None:
            return {}
        request.environ[EDITOR_FLAG] = True
        obj = bindings.get("obj") or bindings.get("page")
        labels = {key: translate(label, request) for key, label in LABELS.items()}
        return {"data-richtext": json.dumps(labels, ensure_ascii=False),
                "data-links-url": request.route_path("editor_links"),
                "data-images": json.dumps(item_images(request, obj), ensure_ascii=False)}


"""The forms of a conference: its registration settings (the secretariat's) and the registration form,
whose extra fields come from the settings."""
import re

import colander
import deform

from portal.api import _, email_node, member_node

from .conference import FIELD_KINDS

KIND_WORDS = {"text": "text", "long text": "longtext", "longtext": "longtext", "yes/no": "yesno", "yesno": "yesno",
              "number": "number"}


def field_key(label, taken):
    base = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:40] or "field"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def parse_fields(text, current=()):
    """[{key, label, kind, required}] from lines "Label | kind | required"; a label kept keeps its key
    (the answers given stay with it). Raises ValueError(line number) on a line that reads wrong."""
    keys = {f["label"]: f["key"] for f in current}
    found, taken = [], set()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        label, kind = parts[0], KIND_WORDS.get((parts[1] if len(parts) > 1 else "text").lower())
        required = len(parts) > 2 and parts[2].lower() in ("required", "yes", "1")
        if not label or kind is None or len(parts) > 3 or len(label) > 200:
            raise ValueError(number)
        key = keys.get(label) or field_key(label, taken | set(keys.values()))
        taken.add(key)
        found.append({"key": key, "label": label, "kind": kind, "required": required})
    return found


def fields_text(fields):
    words = {"longtext": "long text", "yesno": "yes/no"}
    return "\n".join(" | ".join([f["label"], words.get(f["kind"], f["kind"])] + (["required"] if f["required"] else []))
                     for f in fields)


def check_fields(node, value):
    try:
        parse_fields(value)
    except ValueError as exc:
        raise colander.Invalid(node, _("Line ${line} reads wrong: write “Label | kind | required”, the kind one of "
                                       "text, long text, yes/no, number.", mapping={"line": exc.args[0]})) from None


def count_node(name, title, missing=colander.required, description=None):
    return colander.SchemaNode(colander.Integer(), name=name, title=title, missing=missing,
                               validator=colander.Range(1, 100000), description=description,
                               widget=deform.widget.TextInputWidget(attributes={"inputmode": "numeric"}))


class SettingsSchema(colander.Schema):
    capacity = count_node("capacity", _("Places"))
    member_cap = count_node("member_cap", _("Places at most per member organisation"), missing=None,
                            description=_("Empty: no cap."))
    offer_hours = count_node("offer_hours", _("Hours a freed place is offered to the next person waiting"))
    open = colander.SchemaNode(colander.Boolean(), title=_("Registration open"), missing=False)
    call_open = colander.SchemaNode(colander.Boolean(), title=_("Call for sessions open"), missing=False,
                                    description=_("Member organisations and working groups propose sessions."))
    fields = colander.SchemaNode(
        colander.String(), title=_("Extra fields of the registration form"), missing="", validator=check_fields,
        widget=deform.widget.TextAreaWidget(rows=6),
        description=_("One field a line: “Label | kind | required”, the kind one of text, long text, yes/no, "
                      "number. For example: “Dietary needs | text” or “Accompanying persons | number”."))
    certificate_sessions = count_node("certificate_sessions", _("Sessions attended for a certificate of attendance"),
                                      missing=None, description=_("Empty: checking in is enough."))
    certificate_mandatory = colander.SchemaNode(colander.Boolean(), missing=False,
                                                title=_("A certificate needs every mandatory session attended"))


def registration_schema(fields):
    schema = colander.Schema()
    schema.add(colander.SchemaNode(colander.String(), name="name", title=_("Your name"),
                                   validator=colander.Length(1, 200)))
    schema.add(email_node())
    schema.add(member_node(description=_("The member organisation you come for, if any.")))
    for field in fields:
        schema.add(answer_node(field))
    return schema


def answer_node(field):
    kind = field["kind"] if field["kind"] in FIELD_KINDS else "text"
    missing = colander.required if field["required"] else None
    if kind == "yesno":
        return colander.SchemaNode(colander.Boolean(), name=field["key"], title=field["label"], missing=False)
    if kind == "number":
        return colander.SchemaNode(colander.Integer(), name=field["key"], title=field["label"], missing=missing,
                                   validator=colander.Range(0, 1000),
                                   widget=deform.widget.TextInputWidget(attributes={"inputmode": "numeric"}))
    widget = deform.widget.TextAreaWidget(rows=3) if kind == "longtext" else deform.widget.TextInputWidget()
    return colander.SchemaNode(colander.String(), name=field["key"], title=field["label"],
                               missing="" if missing is None else missing, widget=widget,
                               validator=colander.Length(0, 2000))

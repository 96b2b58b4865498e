"""Forms of the awards: the call (its categories, criteria and questions as rows, each row keeping the
key it was given), the entry (built per call from its questions, with its documents), eligibility,
scoring, jurors, the jury's statements."""
import re

import colander
import deform

from portal.api import country_node, uploads_node
from portal.api import LocalDateTime, _, email_node, field_values, local_moments, text_in, timezone_node, translatable_node

DATETIME_INPUT = {"type": "datetime-local"}
SLUG = re.compile(r"[^a-z0-9]+")
SCORE_MIN, SCORE_MAX = 0, 10
BLANK_ROWS = 2  # empty rows under a call's categories, criteria and questions, to add some
ENTRY_TYPES = "image/png,image/jpeg,image/gif,image/webp,.pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.csv"


def slugify(text, taken):
    base = SLUG.sub("-", text.lower()).strip("-")[:40] or "item"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    taken.add(key)
    return key


def datetime_node(title, description=None):
    return colander.SchemaNode(LocalDateTime(), title=title, description=description,
                               widget=deform.widget.TextInputWidget(attributes=DATETIME_INPUT))


CALL_MOMENTS = local_moments("opens", "closes", "evaluation_closes", "results_date")


# --- a call's rows: categories, criteria, questions --------------------------------------------------

class RowsWidget(deform.widget.SequenceWidget):
    """Rows edited without JavaScript: each row a fieldset (its key hidden: it never changes), empty
    rows at the end to add some, an order number to move one, a box to remove one."""
    template = "plugins.awards:templates/deform/rows.pt"
    item_template = "plugins.awards:templates/deform/row.pt"


def _row_fields(kind):
    """A row's fields: its name (and weight), where it goes, a box to remove it, then what it explains."""
    fields = [
        colander.SchemaNode(colander.String(), name="key", missing="", widget=deform.widget.HiddenWidget()),
        translatable_node(_("Name"), name="name", max_length=300, required=False),
    ]
    if kind == "criteria":
        fields.append(colander.SchemaNode(
            colander.String(), name="weight", title=_("Weight (1 to 100)"), missing="",
            widget=deform.widget.TextInputWidget(attributes={"inputmode": "numeric", "size": "4"})))
    fields += [
        colander.SchemaNode(colander.String(), name="position", title=_("Order"), missing="",
                            widget=deform.widget.TextInputWidget(attributes={"inputmode": "numeric", "size": "3"})),
        colander.SchemaNode(colander.Boolean(), name="remove", title=_("Remove"), missing=False),
    ]
    if kind == "criteria":
        fields.append(translatable_node(_("What the jury looks for"), name="description", max_length=1000,
                                        required=False, textarea=2))
    if kind == "questions":
        fields.append(colander.SchemaNode(
            colander.String(), name="choices", title=_("Answers to choose from"), missing="",
            validator=colander.Length(0, 2000),
            description=_("Leave empty for a written answer; otherwise the answers, separated by semicolons: "
                          "“under 100 000; over 100 000”.")))
    return fields


ROW_TITLES = {"categories": (_("Category"), _("Categories")),
              "criteria": (_("Criterion"), _("Evaluation criteria")),
              "questions": (_("Question"), _("Questions of the call"))}
ROW_HINTS = {
    "categories": _("Renaming a category keeps the entries in it. A category chosen by an entry cannot be removed."),
    "criteria": _("The weights count in the ranking; renaming a criterion keeps the jurors' scores. A criterion "
                  "already scored cannot be removed."),
    "questions": _("Renaming a question keeps the answers. A question already answered cannot be removed, nor an "
                   "answer already chosen."),
}


def rows_node(kind):
    item, plural = ROW_TITLES[kind]
    row = colander.SchemaNode(colander.Mapping(), *_row_fields(kind), name="row", title=item,
                              widget=deform.widget.MappingWidget(template="plugins.awards:templates/deform/row_fields.pt"))
    return colander.SchemaNode(colander.Sequence(), row, name=kind, title=plural, description=ROW_HINTS[kind],
                               missing=[], widget=RowsWidget())


def rows_of(call, kind):
    """The rows of a call as the form shows them (with empty ones to add more)."""
    rows = []
    for n, row in enumerate(getattr(call, kind) if call is not None else [], 1):
        value = {"key": row["key"], "name": field_values(row, "title"), "position": str(n)}
        if kind == "criteria":
            value.update(weight=str(row["weight"]), description=field_values(row, "description"))
        if kind == "questions":
            value["choices"] = "; ".join(row.get("choices", [])) if row.get("kind") == "choice" else ""
        rows.append(value)
    return rows + [{} for _n in range(BLANK_ROWS)]


@colander.deferred
def deferred_check_call(node, kw):
    """The call form's checks: dates in order, and rows merged with the call's own (services.merge_rows),
    refusing to remove what entries and scores already use."""
    from .calls import merge_call_rows
    call = kw.get("call")

    def check(form, value):
        error = colander.Invalid(form)
        for name, message in merge_call_rows(call, value).items():
            error[name] = message
        order = [("opens", value["opens"]), ("closes", value["closes"]),
                 ("evaluation_closes", value["evaluation_closes"]), ("results_date", value["results_date"])]
        for (_n1, first), (name, second) in zip(order, order[1:]):
            if second <= first:
                error[name] = _("This date must come after the one above it.")
        if error.children:
            raise error
        CALL_MOMENTS(form, value)  # typed in the call's zone, stored in UTC; a skipped hour is refused
    return check


def check_ceremony(node, value):
    value = value.strip()
    if value and not (value.isdigit() or re.match(r"^https?://[^\s]+$", value) or value.startswith("/")):
        raise colander.Invalid(node, _("An address (https://…) or the number of one of the portal's events."))


class CallSchema(colander.Schema):
    edition = colander.SchemaNode(colander.String(), title=_("Edition"), validator=colander.Length(1, 60),
                                  description=_("For example “7th”."))
    title = translatable_node(_("Title"), max_length=300)
    rules = translatable_node(_("Rules"), rich=True, required=False)
    eligibility = translatable_node(_("Eligibility"), rich=True, required=False)
    categories = rows_node("categories")
    criteria = rows_node("criteria")
    questions = rows_node("questions")
    timezone = timezone_node(title=_("Time zone of the dates"))
    opens = datetime_node(_("Opens on"))
    closes = datetime_node(_("Closes on"), _("No entry can be submitted or changed after this time."))
    evaluation_closes = datetime_node(_("Evaluation closes on"), _("Jurors can change their scores until then."))
    results_date = datetime_node(_("Results published on"),
                                 _("The results page, the badges and the mails to applicants appear then."))
    ceremony = colander.SchemaNode(colander.String(), title=_("Award ceremony"), missing="",
                                   validator=check_ceremony,
                                   description=_("Optional: the address of the ceremony's page, or the number of "
                                                 "its event on this portal (in the event's address)."))
    reviews_per_entry = colander.SchemaNode(colander.Integer(), title=_("Reviews per entry"), default=3,
                                            validator=colander.Range(1, 20))
    blind = colander.SchemaNode(colander.Boolean(), title=_("Blind review"), default=True, missing=False,
                                description=_("Jurors see neither the organisation, the city nor the names "
                                              "of the applicants."))
    max_entries_per_member = colander.SchemaNode(colander.Integer(), title=_("Entries per member organisation"),
                                                 default=1, validator=colander.Range(1, 50))

    def __init__(self, *args, **kw):
        super().__init__(*args, validator=deferred_check_call, **kw)


# --- an entry ------------------------------------------------------------------------------------

def _read(row, field="title"):
    """A row's field in the reader's language (the form's labels), else as written."""
    from pyramid.threadlocal import get_current_request
    language = getattr(get_current_request(), "locale_name", None) or "en"
    return text_in(row, field, language, default="") or row.get(field, "")


def entry_schema(call, experience_choices, documents=()):
    """The entry form of one call: the experience, the category, the call's own questions, the documents
    (attached in the same form, so nothing typed is lost)."""
    schema = colander.Schema()
    schema.add(colander.SchemaNode(
        colander.Integer(), name="experience_id", title=_("Experience"),
        widget=deform.widget.SelectWidget(values=[("", "—")] + experience_choices),
        validator=colander.OneOf([int(k) for k, _v in experience_choices]),
        missing=None))
    schema.add(colander.SchemaNode(
        colander.String(), name="category", title=_("Category"), missing="",
        widget=deform.widget.SelectWidget(values=[("", "—")] + [(c["key"], _read(c)) for c in call.categories]),
        validator=colander.OneOf([c["key"] for c in call.categories])))
    for q in call.questions:
        if q["kind"] == "choice":
            node = colander.SchemaNode(colander.String(), name=f"q_{q['key']}", title=_read(q), missing="",
                                       widget=deform.widget.SelectWidget(values=[("", "—")] + [(c, c) for c in q["choices"]]),
                                       validator=colander.OneOf(q["choices"]))
        else:
            node = colander.SchemaNode(colander.String(), name=f"q_{q['key']}", title=_read(q), missing="",
                                       validator=colander.Length(0, 5000),
                                       widget=deform.widget.TextAreaWidget(rows=4))
        schema.add(node)
    from portal.api import DOCUMENT_TYPES, IMAGE_TYPES
    schema.add(uploads_node("documents", _("Documents"), files=documents, accept=ENTRY_TYPES,
                            allowed=IMAGE_TYPES | DOCUMENT_TYPES,
                            description=_("Images (PNG, JPEG, GIF, WebP), PDF, office documents or CSV; several at "
                                          "once if you like. They are added when you save the draft or submit.")))
    return schema


@colander.deferred
def deferred_eligible_widget(node, kw):
    from portal.api import translate
    request = kw["request"]
    return deform.widget.SelectWidget(values=[("", "—"), ("yes", translate(_("Eligible"), request)),
                                              ("no", translate(_("Not eligible"), request))])


class EligibilitySchema(colander.Schema):
    eligible = colander.SchemaNode(colander.String(), title=_("Eligible"),
                                   widget=deferred_eligible_widget,
                                   validator=colander.OneOf(["yes", "no"]))
    reason = colander.SchemaNode(colander.String(), title=_("Reason (the applicant sees it)"), missing="",
                                 validator=colander.Length(0, 2000), widget=deform.widget.TextAreaWidget(rows=3))


def check_reason(form, value):
    if value["eligible"] == "no" and not value["reason"].strip():
        error = colander.Invalid(form)
        error["reason"] = _("Tell the applicant why the entry is not eligible.")
        raise error


# --- a review ------------------------------------------------------------------------------------

def score_schema(call):
    """One score per criterion, each optional: a juror can save what they have scored so far."""
    schema = colander.Schema()
    for c in call.criteria:
        hint = _("From ${low} (not at all) to ${high} (exemplary); weight ${weight}. ${guide}",
                 mapping={"low": SCORE_MIN, "high": SCORE_MAX, "weight": c["weight"],
                          "guide": _read(c, "description")})
        schema.add(colander.SchemaNode(
            colander.Integer(), name=f"score_{c['key']}", title=_read(c), missing=None,
            description=hint,
            validator=colander.Range(SCORE_MIN, SCORE_MAX, min_err=_("A score from 0 to 10."),
                                     max_err=_("A score from 0 to 10.")),
            widget=deform.widget.TextInputWidget(attributes={"type": "number", "min": str(SCORE_MIN),
                                                             "max": str(SCORE_MAX), "inputmode": "numeric"})))
        schema.add(colander.SchemaNode(
            colander.String(), name=f"comment_{c['key']}", title=_("Comment on “${criterion}”",
                                                                  mapping={"criterion": _read(c)}),
            missing="", validator=colander.Length(0, 5000), widget=deform.widget.TextAreaWidget(rows=3)))
    return schema


class ConflictSchema(colander.Schema):
    reason = colander.SchemaNode(colander.String(), title=_("Conflict of interest"),
                                 description=_("Why you cannot review this entry impartially. It goes to "
                                               "another juror."),
                                 validator=colander.Length(3, 2000), widget=deform.widget.TextAreaWidget(rows=3))


class JurorSchema(colander.Schema):
    email = email_node()
    name = colander.SchemaNode(colander.String(), title=_("Name"), missing="", validator=colander.Length(0, 200),
                               description=_("For someone without an account: one is created and they get a "
                                             "link to choose a password."))
    country = country_node(title=_("Country where the juror works"), missing="")

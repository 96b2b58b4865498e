"""Forms of the awards: the call (its categories, criteria and questions written one per line), the
entry (built per call from its questions), eligibility, scoring, jurors."""
import re
from datetime import datetime
from zoneinfo import ZoneInfo, available_timezones

import colander
import deform

from portal.forms import country_node, rich_text_node
from portal.i18n import _

DATETIME_INPUT = {"type": "datetime-local"}
SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text, taken):
    base = SLUG.sub("-", text.lower()).strip("-")[:40] or "item"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    taken.add(key)
    return key


class LocalDateTime(colander.SchemaType):
    """A date and time as typed in the call's time zone ("2027-03-31T23:59"), kept as typed: the form's
    validator converts it to UTC once the time zone field is known."""

    def serialize(self, node, appstruct):
        if appstruct in (colander.null, None):
            return colander.null
        return appstruct.strftime("%Y-%m-%dT%H:%M")

    def deserialize(self, node, cstruct):
        if cstruct in (colander.null, None, ""):
            return colander.null
        text = str(cstruct).strip().replace(" ", "T")
        try:
            return datetime.strptime(text[:16], "%Y-%m-%dT%H:%M")
        except ValueError:
            raise colander.Invalid(node, _("A date and time such as 2027-03-31 23:59."))


def datetime_node(title, description=None):
    return colander.SchemaNode(LocalDateTime(), title=title, description=description,
                               widget=deform.widget.TextInputWidget(attributes=DATETIME_INPUT))


def lines(value):
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def parse_categories(node, value):
    found = lines(value)
    if not found:
        raise colander.Invalid(node, _("At least one category."))
    taken = set()
    return [{"key": slugify(title, taken), "title": title[:200]} for title in found]


def parse_criteria(node, value):
    """One criterion a line: "Innovation | 30" (the weight after a bar; 1 when left out)."""
    found, taken = [], set()
    for line in lines(value):
        title, _bar, weight = line.partition("|")
        weight = weight.strip() or "1"
        if not weight.isdigit() or not 1 <= int(weight) <= 100:
            raise colander.Invalid(node, _("A weight is a whole number from 1 to 100, after a bar: "
                                           "“Innovation | 30”."))
        found.append({"key": slugify(title.strip(), taken), "title": title.strip()[:200], "weight": int(weight)})
    if not found:
        raise colander.Invalid(node, _("At least one criterion."))
    return found


def parse_questions(node, value):
    """One question a line; a question with choices lists them after a bar, separated by semicolons:
    "Population of the city | under 100 000; 100 000 to 1 million; over 1 million"."""
    found, taken = [], set()
    for line in lines(value):
        title, bar, choices = line.partition("|")
        options = [c.strip() for c in choices.split(";") if c.strip()]
        if bar and len(options) < 2:
            raise colander.Invalid(node, _("A question with choices needs at least two, separated by semicolons."))
        found.append({"key": slugify(title.strip(), taken), "title": title.strip()[:300],
                      "kind": "choice" if options else "text", "choices": options})
    return found


def unparse(call):
    """The text areas of the call form, from a call (to edit it, or to copy last year's)."""
    return {
        "categories": "\n".join(c["title"] for c in call.categories),
        "criteria": "\n".join(f"{c['title']} | {c['weight']}" for c in call.criteria),
        "questions": "\n".join(q["title"] + (" | " + "; ".join(q["choices"]) if q["kind"] == "choice" else "")
                               for q in call.questions),
    }


@colander.deferred
def deferred_timezone_widget(node, kw):
    zones = sorted(z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))
    return deform.widget.SelectWidget(values=[("UTC", "UTC")] + [(z, z.replace("_", " ")) for z in zones])


def check_timezone(node, value):
    try:
        ZoneInfo(value)
    except (KeyError, ValueError):
        raise colander.Invalid(node, _("Unknown time zone."))


def check_call(form, value):
    error = colander.Invalid(form)
    for name, parse in (("categories", parse_categories), ("criteria", parse_criteria),
                        ("questions", parse_questions)):
        try:
            value[name] = parse(form[name], value.get(name, ""))
        except colander.Invalid as exc:
            error[name] = exc.msg
    zone = ZoneInfo(value["timezone"])
    order = [("opens", value["opens"]), ("closes", value["closes"]),
             ("evaluation_closes", value["evaluation_closes"]), ("results_date", value["results_date"])]
    for (_n1, first), (name, second) in zip(order, order[1:]):
        if second <= first:
            error[name] = _("This date must come after the one above it.")
    if error.children:
        raise error
    for name, local in order:
        value[name] = local.replace(tzinfo=zone).astimezone(ZoneInfo("UTC"))


class CallSchema(colander.Schema):
    edition = colander.SchemaNode(colander.String(), title=_("Edition"), validator=colander.Length(1, 60),
                                  description=_("For example “7th”."))
    title = colander.SchemaNode(colander.String(), title=_("Title"), validator=colander.Length(1, 300))
    rules = rich_text_node(_("Rules"))
    eligibility = rich_text_node(_("Eligibility"))
    categories = colander.SchemaNode(
        colander.String(), title=_("Categories"), description=_("One category a line."),
        widget=deform.widget.TextAreaWidget(rows=4))
    criteria = colander.SchemaNode(
        colander.String(), title=_("Evaluation criteria"),
        description=_("One criterion a line, its weight after a bar: “Innovation | 30”."),
        widget=deform.widget.TextAreaWidget(rows=5))
    questions = colander.SchemaNode(
        colander.String(), title=_("Questions of the call"), missing="",
        description=_("One question a line. For a choice, list the answers after a bar, separated by "
                      "semicolons: “Population | under 100 000; over 100 000”."),
        widget=deform.widget.TextAreaWidget(rows=5))
    timezone = colander.SchemaNode(colander.String(), title=_("Time zone of the dates"), default="UTC",
                                   widget=deferred_timezone_widget, validator=check_timezone)
    opens = datetime_node(_("Opens on"))
    closes = datetime_node(_("Closes on"), _("No entry can be submitted or changed after this time."))
    evaluation_closes = datetime_node(_("Evaluation closes on"), _("Jurors can change their scores until then."))
    results_date = datetime_node(_("Results published on"),
                                 _("The results page, the badges and the mails to applicants appear then."))
    reviews_per_entry = colander.SchemaNode(colander.Integer(), title=_("Reviews per entry"), default=3,
                                            validator=colander.Range(1, 20))
    blind = colander.SchemaNode(colander.Boolean(), title=_("Blind review"), default=True, missing=False,
                                description=_("Jurors see neither the organisation, the city nor the names "
                                              "of the applicants."))
    max_entries_per_member = colander.SchemaNode(colander.Integer(), title=_("Entries per member organisation"),
                                                 default=1, validator=colander.Range(1, 50))

    def __init__(self, *args, **kw):
        super().__init__(*args, validator=check_call, **kw)


def entry_schema(call, experience_choices):
    """The entry form of one call: the experience, the category, the call's own questions."""
    schema = colander.Schema()
    schema.add(colander.SchemaNode(
        colander.Integer(), name="experience_id", title=_("Experience"),
        widget=deform.widget.SelectWidget(values=[("", "—")] + experience_choices),
        validator=colander.OneOf([int(k) for k, _v in experience_choices]),
        missing=None))
    schema.add(colander.SchemaNode(
        colander.String(), name="category", title=_("Category"), missing="",
        widget=deform.widget.SelectWidget(values=[("", "—")] + [(c["key"], c["title"]) for c in call.categories]),
        validator=colander.OneOf([c["key"] for c in call.categories])))
    for q in call.questions:
        if q["kind"] == "choice":
            node = colander.SchemaNode(colander.String(), name=f"q_{q['key']}", title=q["title"], missing="",
                                       widget=deform.widget.SelectWidget(values=[("", "—")] + [(c, c) for c in q["choices"]]),
                                       validator=colander.OneOf(q["choices"]))
        else:
            node = colander.SchemaNode(colander.String(), name=f"q_{q['key']}", title=q["title"], missing="",
                                       validator=colander.Length(0, 5000),
                                       widget=deform.widget.TextAreaWidget(rows=4))
        schema.add(node)
    return schema


@colander.deferred
def deferred_eligible_widget(node, kw):
    from portal.i18n import translate
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


def score_schema(call):
    schema = colander.Schema()
    for c in call.criteria:
        schema.add(colander.SchemaNode(
            colander.Integer(), name=f"score_{c['key']}", title=c["title"],
            description=_("From 0 to 10 (weight ${weight})", mapping={"weight": c["weight"]}),
            validator=colander.Range(0, 10, min_err=_("A score from 0 to 10."), max_err=_("A score from 0 to 10.")),
            widget=deform.widget.TextInputWidget(attributes={"type": "number", "min": "0", "max": "10",
                                                             "inputmode": "numeric"})))
        schema.add(colander.SchemaNode(
            colander.String(), name=f"comment_{c['key']}", title=_("Comment on “${criterion}”",
                                                                  mapping={"criterion": c["title"]}),
            missing="", validator=colander.Length(0, 5000), widget=deform.widget.TextAreaWidget(rows=3)))
    return schema


class ConflictSchema(colander.Schema):
    reason = colander.SchemaNode(colander.String(), title=_("Conflict of interest"),
                                 description=_("Why you cannot review this entry impartially. It goes to "
                                               "another juror."),
                                 validator=colander.Length(3, 2000), widget=deform.widget.TextAreaWidget(rows=3))


class JurorSchema(colander.Schema):
    email = colander.SchemaNode(colander.String(), title=_("Email"), validator=colander.Email(),
                                widget=deform.widget.TextInputWidget(attributes={"type": "email"}))
    name = colander.SchemaNode(colander.String(), title=_("Name"), missing="", validator=colander.Length(0, 200),
                               description=_("For someone without an account: one is created and they get a "
                                             "link to choose a password."))
    country = country_node(title=_("Country where the juror works"), missing="")

"""The experience form, the import row and the theme form."""
import colander
import deform
from sqlalchemy import select

from portal.api import ContentSchema, country_node, member_node, rich_text_node
from portal.api import _, translate

from .models import MECHANISMS, SCALES, SDGS, Theme

MECHANISM_TITLES = {
    "participatory-budget": _("Participatory budget"),
    "deliberative-assembly": _("Deliberative or citizens' assembly"),
    "advisory-council": _("Advisory council"),
    "public-consultation": _("Public consultation"),
    "digital-platform": _("Digital participation platform"),
    "co-design-workshop": _("Co-design workshops"),
    "monitoring-observatory": _("Monitoring or observatory"),
    "referendum-initiative": _("Referendum or citizens' initiative"),
    "other": _("Other"),
}
SCALE_TITLES = {
    "neighbourhood": _("Neighbourhood"), "city": _("City"), "metropolitan": _("Metropolitan area"),
    "regional": _("Region"), "national": _("Country"),
}
SDG_TITLES = {
    1: _("No poverty"), 2: _("Zero hunger"), 3: _("Good health and well-being"), 4: _("Quality education"),
    5: _("Gender equality"), 6: _("Clean water and sanitation"), 7: _("Affordable and clean energy"),
    8: _("Decent work and economic growth"), 9: _("Industry, innovation and infrastructure"),
    10: _("Reduced inequalities"), 11: _("Sustainable cities and communities"),
    12: _("Responsible consumption and production"), 13: _("Climate action"), 14: _("Life below water"),
    15: _("Life on land"), 16: _("Peace, justice and strong institutions"), 17: _("Partnerships for the goals"),
}


def theme_choices(request):
    lang = request.locale_name
    return [(t.slug, t.label(lang)) for t in request.dbsession.scalars(select(Theme).order_by(Theme.slug))]


@colander.deferred
def deferred_theme_widget(node, kw):
    return deform.widget.CheckboxChoiceWidget(values=theme_choices(kw["request"]), inline=True)


@colander.deferred
def deferred_theme_validator(node, kw):
    known = {slug for slug, _label in theme_choices(kw["request"])}
    return colander.All(colander.Length(min=1, min_err=_("Choose at least one theme.")),
                        lambda n, value: _check_subset(n, value, known))


def _check_subset(node, value, known):
    unknown = set(value) - known
    if unknown:
        raise colander.Invalid(node, _("Unknown theme: ${slugs}", mapping={"slugs": ", ".join(sorted(unknown))}))


def _choices(titles, request):
    return [(key, translate(title, request)) for key, title in titles.items()]


@colander.deferred
def deferred_mechanism_widget(node, kw):
    return deform.widget.SelectWidget(values=_choices(MECHANISM_TITLES, kw["request"]))


@colander.deferred
def deferred_scale_widget(node, kw):
    return deform.widget.SelectWidget(values=_choices(SCALE_TITLES, kw["request"]))


@colander.deferred
def deferred_sdg_widget(node, kw):
    request = kw["request"]
    return deform.widget.CheckboxChoiceWidget(
        values=[(str(n), f"{n}. {translate(title, request)}") for n, title in SDG_TITLES.items()])


def year_node(name, title, missing):
    return colander.SchemaNode(colander.Integer(), name=name, title=title, missing=missing,
                               validator=colander.Range(1900, 2100, min_err=_("A year from 1900 to 2100."),
                                                        max_err=_("A year from 1900 to 2100.")),
                               widget=deform.widget.TextInputWidget(attributes={"inputmode": "numeric"}))


def check_years(form, value):
    if value.get("end_year") and value.get("start_year") and value["end_year"] < value["start_year"]:
        error = colander.Invalid(form)
        error["end_year"] = _("The end year comes before the start year.")
        raise error


def check_links(node, value):
    for line in (value or "").splitlines():
        if line.strip() and not line.strip().startswith(("http://", "https://")):
            raise colander.Invalid(node, _("One address per line, each starting with http:// or https://."))


class ExperienceSchema(ContentSchema):
    body = rich_text_node(_("Full description"))
    member_id = member_node(own_only=_("You can only share experiences of your own member organisation."))
    city = colander.SchemaNode(colander.String(), title=_("City"), validator=colander.Length(1, 120))
    country = country_node()
    theme_slugs = colander.SchemaNode(colander.Set(), title=_("Themes"), widget=deferred_theme_widget,
                                      validator=deferred_theme_validator)
    mechanism = colander.SchemaNode(colander.String(), title=_("Participatory mechanism"),
                                    validator=colander.OneOf(MECHANISMS), widget=deferred_mechanism_widget)
    scale = colander.SchemaNode(colander.String(), title=_("Scale"), validator=colander.OneOf(SCALES),
                                widget=deferred_scale_widget)
    start_year = year_node("start_year", _("Start year"), colander.required)
    end_year = year_node("end_year", _("End year (empty if ongoing)"), None)
    participants = colander.SchemaNode(colander.Integer(), title=_("Number of participants"), missing=None,
                                       validator=colander.Range(0, 100_000_000),
                                       widget=deform.widget.TextInputWidget(attributes={"inputmode": "numeric"}))
    budget = colander.SchemaNode(colander.Integer(), title=_("Budget involved"), missing=None,
                                 validator=colander.Range(0, 10**12),
                                 widget=deform.widget.TextInputWidget(attributes={"inputmode": "numeric"}))
    currency = colander.SchemaNode(colander.String(), title=_("Currency (ISO code, e.g. EUR, BRL)"), missing="",
                                   validator=colander.Regex(r"^[A-Z]{3}$", _("Three capital letters, e.g. EUR.")))
    results = rich_text_node(_("Results and evaluation"))
    lessons = rich_text_node(_("Lessons learnt"))
    contact = colander.SchemaNode(colander.String(), title=_("Contact"), missing="",
                                  validator=colander.Length(0, 300))
    links = colander.SchemaNode(colander.String(), title=_("Links"), missing="", validator=check_links,
                                description=_("One address per line."),
                                widget=deform.widget.TextAreaWidget(rows=3))
    sdgs = colander.SchemaNode(colander.List(), title=_("Sustainable Development Goals"), missing=[],
                               widget=deferred_sdg_widget,
                               preparer=lambda value: sorted({int(v) for v in value if str(v).isdigit()})
                               if value not in (None, colander.null) else value,
                               validator=colander.ContainsOnly(list(SDGS)))

    def __init__(self, *args, **kw):
        super().__init__(*args, validator=check_years, **kw)


class ThemeSchema(colander.Schema):
    slug = colander.SchemaNode(colander.String(), title=_("Short name"),
                               validator=colander.Regex(r"^[a-z0-9-]{2,60}$", _("Lower-case letters, digits and dashes.")))
    label_en = colander.SchemaNode(colander.String(), title=_("Label in English"), validator=colander.Length(1, 120))
    label_es = colander.SchemaNode(colander.String(), title=_("Label in Spanish"), validator=colander.Length(1, 120),
                                   widget=deform.widget.TextInputWidget(attributes={"lang": "es"}))
    label_fr = colander.SchemaNode(colander.String(), title=_("Label in French"), validator=colander.Length(1, 120),
                                   widget=deform.widget.TextInputWidget(attributes={"lang": "fr"}))
    label_pt = colander.SchemaNode(colander.String(), title=_("Label in Portuguese"), validator=colander.Length(1, 120),
                                   widget=deform.widget.TextInputWidget(attributes={"lang": "pt"}))

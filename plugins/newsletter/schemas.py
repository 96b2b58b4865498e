"""Forms of the newsletter: subscribing, preferences, composing an issue, importing a list."""
import colander
import deform
from sqlalchemy import select

from portal.api import REGIONS
from portal.api import rich_text_node
from portal.api import LANGUAGES, _, email_node, translate

# The consent a subscriber gives: its version is kept with each consent record; change the version
# whenever the wording changes.
CONSENT_VERSION = "2026-11"
CONSENT_TEXT = _("I agree to receive the network's newsletter by e-mail, in the language and on the topics I "
                 "chose. I can unsubscribe at any time with the link in every message.")


def theme_choices(request):
    Theme = request.resources["theme"]
    lang = request.locale_name
    return [(t.slug, t.label(lang)) for t in request.dbsession.scalars(select(Theme).order_by(Theme.slug))]


def region_choices(request):
    return [(k, translate(v, request)) for k, v in REGIONS.items()]


@colander.deferred
def deferred_regions_widget(node, kw):
    return deform.widget.CheckboxChoiceWidget(values=region_choices(kw["request"]))


@colander.deferred
def deferred_themes_widget(node, kw):
    return deform.widget.CheckboxChoiceWidget(values=theme_choices(kw["request"]))


@colander.deferred
def deferred_regions_validator(node, kw):
    return colander.ContainsOnly(list(REGIONS))


@colander.deferred
def deferred_themes_validator(node, kw):
    return colander.ContainsOnly([slug for slug, _label in theme_choices(kw["request"])])


@colander.deferred
def deferred_language_default(node, kw):
    return kw["request"].locale_name


class PreferencesSchema(colander.Schema):
    name = colander.SchemaNode(colander.String(), title=_("Name (optional)"), missing="",
                               validator=colander.Length(max=200),
                               widget=deform.widget.TextInputWidget(attributes={"autocomplete": "name"}))
    language = colander.SchemaNode(colander.String(), title=_("Language of the newsletter"),
                                   validator=colander.OneOf(list(LANGUAGES)), default=deferred_language_default,
                                   widget=deform.widget.SelectWidget(values=list(LANGUAGES.items())))
    regions = colander.SchemaNode(colander.Set(), title=_("Regions"), missing=set(),
                                  description=_("Leave empty to hear about every region."),
                                  validator=deferred_regions_validator, widget=deferred_regions_widget)
    themes = colander.SchemaNode(colander.Set(), title=_("Themes"), missing=set(),
                                 description=_("Leave empty to hear about every theme."),
                                 validator=deferred_themes_validator, widget=deferred_themes_widget)


def must_agree(node, value):
    if not value:
        raise colander.Invalid(node, _("Please agree to receive the newsletter to subscribe."))


class SubscribeSchema(PreferencesSchema):
    consent = colander.SchemaNode(colander.Boolean(), title=CONSENT_TEXT,
                                  validator=must_agree, missing=False,
                                  widget=deform.widget.CheckboxWidget())

    def after_bind(self, node, kw):
        self.children.insert(0, email_node())


# --- composing an issue ---------------------------------------------------------------------------

def any_and(first, choices):
    return [("", first)] + list(choices)


@colander.deferred
def deferred_audience_language_widget(node, kw):
    return deform.widget.SelectWidget(values=any_and(translate(_("Any language"), kw["request"]), LANGUAGES.items()))


@colander.deferred
def deferred_audience_region_widget(node, kw):
    return deform.widget.SelectWidget(values=any_and(translate(_("Any region"), kw["request"]),
                                                     region_choices(kw["request"])))


@colander.deferred
def deferred_audience_theme_widget(node, kw):
    return deform.widget.SelectWidget(values=any_and(translate(_("Any theme"), kw["request"]),
                                                     theme_choices(kw["request"])))


@colander.deferred
def deferred_audience_region_validator(node, kw):
    return colander.OneOf(["", *REGIONS])


@colander.deferred
def deferred_audience_theme_validator(node, kw):
    return colander.OneOf(["", *(slug for slug, _label in theme_choices(kw["request"]))])


class AudienceSchema(colander.Schema):
    """Who receives the issue: the parts combine ("Spanish readers interested in Africa")."""
    language = colander.SchemaNode(colander.String(), title=_("Readers of"), missing="",
                                   validator=colander.OneOf(["", *LANGUAGES]),
                                   widget=deferred_audience_language_widget)
    region = colander.SchemaNode(colander.String(), title=_("Interested in the region"), missing="",
                                 validator=deferred_audience_region_validator, widget=deferred_audience_region_widget)
    theme = colander.SchemaNode(colander.String(), title=_("Interested in the theme"), missing="",
                                validator=deferred_audience_theme_validator, widget=deferred_audience_theme_widget)


class DetailsSchema(colander.Schema):
    title = colander.SchemaNode(colander.String(), title=_("Name of the issue"), validator=colander.Length(1, 200),
                                description=_("For the secretariat's lists, such as “November 2026”."))
    default_language = colander.SchemaNode(
        colander.String(), title=_("Default language"), validator=colander.OneOf(list(LANGUAGES)),
        description=_("Subscribers whose language has no version receive this one."),
        widget=deform.widget.SelectWidget(values=list(LANGUAGES.items())))
    audience = AudienceSchema(title=_("Audience"), description=_(
        "Subscribers who chose no region (or no theme) hear about all of them, so they are in the audience of "
        "every region (or theme)."))


class VersionSchema(colander.Schema):
    subject = colander.SchemaNode(colander.String(), title=_("Subject"), missing="",
                                  validator=colander.Length(max=300))
    editorial = rich_text_node(_("Editorial"), description=_("The opening text, above the chosen items."))


class EditorialSchema(colander.Schema):
    """A version per language, each shown as a tab (templates/issue_editorial.pt)."""

    def after_bind(self, node, kw):
        request = kw["request"]
        for code, name in LANGUAGES.items():
            version = VersionSchema(name=f"version_{code}", title=name,
                                    widget=deform.widget.MappingWidget(template=TAB_TEMPLATE)).clone()
            # each field names its language: four “Subject” labels would be ambiguous to a screen reader
            version["subject"].title = translate(_("Subject (${language})", mapping={"language": name}), request)
            version["editorial"].title = translate(_("Editorial (${language})", mapping={"language": name}), request)
            self.add(version)

    def validator(self, node, appstruct):
        default = self.bindings["default_language"]
        if not appstruct.get(f"version_{default}", {}).get("subject", "").strip():
            message = _("Write at least the subject of the version in the default language (${language}).",
                        mapping={"language": LANGUAGES[default]})
            exc = colander.Invalid(node, message)
            exc[f"version_{default}"] = message
            exc.children[-1]["subject"] = _("The default language's version needs a subject.")
            raise exc


TAB_TEMPLATE = "plugins.newsletter:templates/deform/mapping_children.pt"

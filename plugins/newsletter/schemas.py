"""Forms of the newsletter: subscribing, preferences, composing an issue, importing a list."""
import re

import colander
import deform
from sqlalchemy import select

from portal.countries import REGIONS
from portal.forms import rich_text_node
from portal.i18n import LANGUAGES, _, translate

# The consent a subscriber gives: its version is kept with each consent record; change the version
# whenever the wording changes.
CONSENT_VERSION = "2026-11"
CONSENT_TEXT = _("I agree to receive the network's newsletter by e-mail, in the language and on the topics I "
                 "chose. I can unsubscribe at any time with the link in every message.")


def theme_choices(request):
    from plugins.experiences.models import Theme
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


ADDRESS = re.compile(r"^(?!\.)(?!.*\.\.)[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}(?<!\.)"
                     r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")


def valid_address(value):
    """An address mail can reach: a dotted domain ending in a name (colander's check lets `ana@example` by)."""
    return bool(ADDRESS.match(value or "")) and len(value) <= 300


def address_validator(node, value):
    if not valid_address(value):
        raise colander.Invalid(node, _("Enter a valid e-mail address, such as name@example.org."))


def email_node():
    return colander.SchemaNode(
        colander.String(), name="email", title=_("Email"),
        preparer=lambda v: v.strip().lower() if isinstance(v, str) else v,
        validator=address_validator,
        widget=deform.widget.TextInputWidget(attributes={"type": "email", "autocomplete": "email"}))


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

def audience_choices(request):
    from portal.i18n import LANGUAGES as L
    values = [("all", translate(_("Every subscriber"), request))]
    values += [(f"language:{k}", translate(_("Readers of ${language}", mapping={"language": v}), request))
               for k, v in L.items()]
    values += [(f"region:{k}", translate(_("Interested in ${region}", mapping={"region": label}), request))
               for k, label in region_choices(request)]
    values += [(f"theme:{k}", translate(_("Interested in ${theme}", mapping={"theme": label}), request))
               for k, label in theme_choices(request)]
    return values


@colander.deferred
def deferred_audience_widget(node, kw):
    return deform.widget.SelectWidget(values=audience_choices(kw["request"]))


@colander.deferred
def deferred_audience_validator(node, kw):
    return colander.OneOf([k for k, _v in audience_choices(kw["request"])])


@colander.deferred
def deferred_items_widget(node, kw):
    return deform.widget.CheckboxChoiceWidget(values=kw["candidates"])


@colander.deferred
def deferred_items_validator(node, kw):
    return colander.ContainsOnly([k for k, _v in kw["candidates"]])


class VersionSchema(colander.Schema):
    subject = colander.SchemaNode(colander.String(), title=_("Subject"), missing="",
                                  validator=colander.Length(max=300))
    editorial = rich_text_node(_("Editorial"), description=_("The opening text, above the chosen items."))


class IssueSchema(colander.Schema):
    title = colander.SchemaNode(colander.String(), title=_("Name of the issue"), validator=colander.Length(1, 200),
                                description=_("For the secretariat's lists, such as “November 2026”."))
    default_language = colander.SchemaNode(
        colander.String(), title=_("Default language"), validator=colander.OneOf(list(LANGUAGES)),
        description=_("Subscribers whose language has no version receive this one."),
        widget=deform.widget.SelectWidget(values=list(LANGUAGES.items())))
    audience = colander.SchemaNode(colander.String(), title=_("Audience"), widget=deferred_audience_widget,
                                   validator=deferred_audience_validator, default="all")
    items = colander.SchemaNode(colander.List(), title=_("Items"), missing=[],
                                description=_("Chosen from what the portal published, newest first."),
                                widget=deferred_items_widget, validator=deferred_items_validator)

    def after_bind(self, node, kw):
        request = kw["request"]
        for code, name in LANGUAGES.items():
            version = VersionSchema(name=f"version_{code}", title=name).clone()  # its own child nodes
            # each field names its language: four “Subject” labels would be ambiguous to a screen reader
            version["subject"].title = translate(_("Subject (${language})", mapping={"language": name}), request)
            version["editorial"].title = translate(_("Editorial (${language})", mapping={"language": name}), request)
            self.add(version)

    def validator(self, node, appstruct):
        default = appstruct["default_language"]
        if not appstruct.get(f"version_{default}", {}).get("subject", "").strip():
            exc = colander.Invalid(node, _("Write at least the subject of the version in the default language."))
            exc[f"version_{default}"] = _("Write at least the subject of the version in the default language.")
            raise exc

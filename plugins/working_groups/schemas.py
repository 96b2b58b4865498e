"""Forms of the working groups: a group, a page (with the revision it started from), an invitation,
joining, following, creating an account from an invitation."""
import colander
import deform
from sqlalchemy import select

from portal.api import base_revision_node, rich_text_node, translatable_node
from portal.api import LANGUAGES, _

from .models import FREQUENCIES, GroupPage


class GroupSchema(colander.Schema):
    name = translatable_node(_("Name of the group"), max_length=200)
    purpose = translatable_node(_("Purpose"), rich=True, required=False)
    visibility = colander.SchemaNode(
        colander.String(), title=_("Who reads the group's pages"), default="public",
        validator=colander.OneOf(["public", "members"]),
        widget=deform.widget.SelectWidget(values=[("public", _("Anyone (public group)")),
                                                       ("members", _("Only its members"))]))
    language = colander.SchemaNode(colander.String(), title=_("Main language of the group"), default="en",
                                   validator=colander.OneOf(list(LANGUAGES)),
                                   widget=deform.widget.SelectWidget(values=list(LANGUAGES.items())))


@colander.deferred
def deferred_parent_widget(node, kw):
    request, group, page = kw["request"], kw["group"], kw.get("page")
    excluded = set(kw.get("excluded", ())) | ({page.id} if page is not None else set())
    pages = request.dbsession.scalars(select(GroupPage).where(GroupPage.group_id == group.id)
                                      .order_by(GroupPage.title)).all()
    return deform.widget.SelectWidget(values=[("", "—")] + [(str(p.id), p.title) for p in pages if p.id not in excluded])


@colander.deferred
def deferred_parent_validator(node, kw):
    request, group, page = kw["request"], kw["group"], kw.get("page")
    excluded = set(kw.get("excluded", ())) | ({page.id} if page is not None else set())

    def check(node, value):
        found = request.dbsession.get(GroupPage, value)
        if found is None or found.group_id != group.id or found.id in excluded:
            raise colander.Invalid(node, _("Choose a page of this group that is not this page or one under it."))
    return check


class PageSchema(colander.Schema):
    title = colander.SchemaNode(colander.String(), title=_("Title"), validator=colander.Length(1, 300))
    body = rich_text_node(_("Text"), description=_(
        "Paragraphs, headings, lists, links and bold or italic text are kept; anything else, such as scripts, "
        "is removed. Write [[Title of a page]] to link to another page of the group."))
    parent_id = colander.SchemaNode(colander.Integer(), title=_("Place it under"), missing=None,
                                    widget=deferred_parent_widget, validator=deferred_parent_validator)
    comment = colander.SchemaNode(colander.String(), title=_("What did you change? (optional, shown in the history)"),
                                  missing="", validator=colander.Length(0, 300))
    base_revision = base_revision_node()


class InviteSchema(colander.Schema):
    emails = colander.SchemaNode(
        colander.String(), title=_("E-mail addresses"), validator=colander.Length(3, 5000),
        description=_("One address per line. People without an account create one from the invitation."),
        widget=deform.widget.TextAreaWidget(rows=4))
    role = colander.SchemaNode(colander.String(), title=_("Role"), default="member",
                               validator=colander.OneOf(["member", "coordinator"]),
                               widget=deform.widget.SelectWidget(values=[("member", _("Member")),
                                                                         ("coordinator", _("Coordinator"))]))


class JoinSchema(colander.Schema):
    message = colander.SchemaNode(colander.String(), title=_("A word for the coordinators (optional)"), missing="",
                                  validator=colander.Length(0, 2000), widget=deform.widget.TextAreaWidget(rows=3))


class FollowSchema(colander.Schema):
    frequency = colander.SchemaNode(
        colander.String(), title=_("How often"), default="weekly", validator=colander.OneOf(list(FREQUENCIES)),
        widget=deform.widget.SelectWidget(values=[("daily", _("Daily digest")), ("weekly", _("Weekly digest"))]))


class CommentSchema(colander.Schema):
    text = colander.SchemaNode(colander.String(), title=_("Your comment"), validator=colander.Length(1, 5000),
                               widget=deform.widget.TextAreaWidget(rows=4))


class InvitedAccountSchema(colander.Schema):
    name = colander.SchemaNode(colander.String(), title=_("Your name"), validator=colander.Length(1, 200),
                               widget=deform.widget.TextInputWidget(attributes={"autocomplete": "name"}))
    password = colander.SchemaNode(colander.String(), title=_("Choose a password"), validator=colander.Length(
        min=10, min_err=_("At least ${min} characters.")),
        widget=deform.widget.CheckedPasswordWidget(attributes={"autocomplete": "new-password"}))

"""A user's own account: profile, password, their data as JSON, deleting the account."""
import json

import colander
import deform
from pyramid.response import Response
from pyramid.security import forget, remember
from pyramid.view import view_config
from sqlalchemy import delete, select
from sqlalchemy.orm.attributes import flag_modified

from ..files import delete_file
from ..formview import FormView
from ..i18n import LANGUAGES, _, locale_headers, translate
from ..notifications import FREQUENCIES, follows_of, message_text
from ..models import (AuthSession, Content, File, Follow, LocalRole, MembershipApplication, Notification,
                      OutboxMessage, Revision)
from ..passwords import check_password, hash_password
from ..search import reindex_later
from ..security import revoke_sessions
from ..timezones import is_zone, zone_choices
from .auth import MIN_PASSWORD, clear_throttle


@colander.deferred
def _own_zone_widget(node, kw):
    browser = translate(_("The one of my browser"), kw["request"])
    return deform.widget.SelectWidget(values=[("", browser)] + zone_choices())


def _own_zone(node, value):
    if value and not is_zone(value):
        raise colander.Invalid(node, _("Choose a time zone of the list."))


class ProfileSchema(colander.Schema):
    name = colander.SchemaNode(colander.String(), title=_("Name"), validator=colander.Length(1, 200))
    language = colander.SchemaNode(colander.String(), title=_("Preferred language"),
                                   validator=colander.OneOf(list(LANGUAGES)),
                                   widget=deform.widget.SelectWidget(values=list(LANGUAGES.items())))
    timezone = colander.SchemaNode(colander.String(), title=_("Time zone"), missing="",
                                   description=_("Dates and times are shown to you in it."),
                                   validator=_own_zone, widget=_own_zone_widget)
    mail_frequency = colander.SchemaNode(
        colander.String(), title=_("Mail me my notifications"), missing="immediately",
        description=_("Whatever you choose, they are all on the portal, under the bell."),
        validator=colander.OneOf(list(FREQUENCIES)),
        widget=deform.widget.SelectWidget(values=list(FREQUENCIES.items())))
    public_profile = colander.SchemaNode(colander.Boolean(), title=_("Show my profile to visitors"),
                                         missing=False)
    bio = colander.SchemaNode(colander.String(), title=_("About me"), missing="",
                              validator=colander.Length(0, 2000), widget=deform.widget.TextAreaWidget(rows=4))


class PasswordSchema(colander.Schema):
    current = colander.SchemaNode(colander.String(), title=_("Current password"),
                                  widget=deform.widget.PasswordWidget(attributes={"autocomplete": "current-password"}))
    password = colander.SchemaNode(colander.String(), title=_("New password"), validator=colander.Length(
        min=MIN_PASSWORD, min_err=_("At least ${min} characters.")),
        widget=deform.widget.CheckedPasswordWidget(attributes={"autocomplete": "new-password"}))


class DeleteSchema(colander.Schema):
    password = colander.SchemaNode(colander.String(), title=_("Your password, to confirm"),
                                   widget=deform.widget.PasswordWidget(attributes={"autocomplete": "current-password"}))


class AccountForm(FormView):
    title = _("Your account")

    def trail(self):
        return ()


@view_config(route_name="account", permission="account")
class ProfileView(AccountForm):
    schema = ProfileSchema
    renderer = "portal:templates/account.pt"

    def appstruct(self):
        user = self.request.user
        return {"name": user.name, "language": user.language, "timezone": user.timezone or "",
                "mail_frequency": user.mail_frequency,
                "public_profile": user.public_profile,
                "bio": user.bio}

    def values(self):
        return {"own": self.request.dbsession.scalars(
            select(Content).where(Content.creator_id == self.request.user.id)
            .order_by(Content.modified.desc()).limit(50)).all(),
                "follows": follows_of(self.request, self.request.user)}

    def save_success(self, appstruct):
        changed_language = appstruct["language"] != self.request.user.language
        for key, value in appstruct.items():
            setattr(self.request.user, key, value)
        # a new preferred language is the interface's at once, not only the mails'
        headers = locale_headers(self.request, appstruct["language"]) if changed_language else []
        return self.done(_("Changes saved."), self.request.route_url("account"), headers=headers)


@view_config(route_name="account_password", permission="account")
class PasswordView(AccountForm):
    schema = PasswordSchema
    buttons = (("save", _("Change password")),)
    title = _("Change password")

    def save_success(self, appstruct):
        request = self.request
        if not check_password(request.user, appstruct["current"], request.registry.settings):
            return self.refuse(appstruct, _("Your current password is not right."), keep=False)
        request.user.password_hash = hash_password(appstruct["password"], request.registry.settings)
        revoke_sessions(request, request.user)  # every other device is logged out
        return self.done(_("Your new password is saved. You were logged out everywhere else."),
                         request.route_url("account"), headers=remember(request, request.user.id))


def personal_data(request, user):
    db = request.dbsession
    return {
        "account": {"id": user.id, "email": user.email, "name": user.name, "role": user.role,
                    "language": user.language, "timezone": user.timezone, "public_profile": user.public_profile,
                    "mail_frequency": user.mail_frequency,
                    "bio": user.bio,
                    "created": user.created.isoformat(), "groups": [g.name for g in user.groups]},
        "member_organisation": ({"id": user.member.id, "name": user.member.name, "country": user.member.country}
                                if user.member else None),
        "content": [{"id": c.id, "type": c.type, "title": c.title, "state": c.state, "language": c.language,
                     "created": c.created.isoformat()}
                    for c in db.scalars(select(Content).where(Content.creator_id == user.id))],
        "revisions": [{"content_id": r.content_id, "number": r.number, "created": r.created.isoformat()}
                      for r in db.scalars(select(Revision).where(Revision.author_id == user.id))],
        "files": [{"id": f.id, "filename": f.filename, "size": f.size}
                  for f in db.scalars(select(File).where(File.owner_id == user.id))],
        "sessions": [{"created": s.created.isoformat(), "expires": s.expires.isoformat()}
                     for s in db.scalars(select(AuthSession).where(AuthSession.user_id == user.id))],
        "membership_applications": [{"organisation": a.organisation, "status": a.status,
                                     "created": a.created.isoformat()}
                                    for a in db.scalars(select(MembershipApplication)
                                                        .where(MembershipApplication.email == user.email))],
        "notifications": [{"kind": n.kind, "message": message_text(request, n, user.language), "note": n.note,
                           "url": n.url, "created": n.created.isoformat(),
                           "read": n.read_at.isoformat() if n.read_at else None}
                          for n in db.scalars(select(Notification).where(Notification.user_id == user.id))],
        "follows": [{"type": f.target_type, "id": f.target_id, "created": f.created.isoformat()}
                    for f in db.scalars(select(Follow).where(Follow.user_id == user.id))],
        "mail": [{"subject": m.subject, "status": m.status, "created": m.created.isoformat()}
                 for m in db.scalars(select(OutboxMessage).where(OutboxMessage.recipient == user.email))],
    }


@view_config(route_name="account_export", permission="account")
def account_export(request):
    body = json.dumps(personal_data(request, request.user), indent=2, ensure_ascii=False)
    return Response(body, content_type="application/json", charset="utf-8",
                    content_disposition='attachment; filename="my-data.json"')


def erase_user(request, user):
    """Remove a person's data: the account row, their sessions, personal files, mail and applications.
    Content they wrote stays with the network, without their name."""
    db = request.dbsession
    for row in db.scalars(select(File).where(File.owner_id == user.id, File.content_id.is_(None))):
        delete_file(request, row)
    # Done here, not left to the foreign keys: SQLite gives a deleted row's id to the next account,
    # which must inherit neither the roles shared with "user:ID" nor a place in the search index's ACLs.
    for obj in db.scalars(select(Content).where(Content.creator_id == user.id)):
        obj.creator_id = None
        flag_modified(obj, "modified")  # keep the date the text last changed
    portal = request.registry.portal
    for role in db.scalars(select(LocalRole).where(LocalRole.principal == f"user:{user.id}")):
        shared = db.get(Content, role.content_id)
        db.delete(role)
        if shared is not None and portal.index_for(shared) is not None:
            reindex_later(db, shared)
    db.execute(delete(OutboxMessage).where(OutboxMessage.recipient == user.email))
    db.execute(delete(Notification).where(Notification.user_id == user.id))
    db.execute(delete(Follow).where(Follow.user_id == user.id))
    db.execute(delete(MembershipApplication).where(MembershipApplication.email == user.email))
    clear_throttle(db, user.email, known=True)
    revoke_sessions(request, user)
    db.delete(user)
    db.flush()


@view_config(route_name="account_delete", permission="account")
class DeleteAccountView(AccountForm):
    schema = DeleteSchema
    buttons = (("delete", _("Delete my account")),)
    title = _("Delete my account")
    intro = _("Your name, email, profile, sessions and personal files are erased. Content you wrote stays "
              "on the portal without your name. This cannot be undone.")

    def delete_success(self, appstruct):
        request = self.request
        if not check_password(request.user, appstruct["password"], request.registry.settings):
            return self.refuse(appstruct, _("Your password is not right; the account was not deleted."), keep=False)
        headers = forget(request)
        erase_user(request, request.user)
        return self.done(_("Your account and your personal data were deleted."), request.route_url("home"),
                         headers=headers)

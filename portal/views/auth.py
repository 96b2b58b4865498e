"""Log in, log out, and password reset by a one-time mailed token."""
import secrets
from datetime import timedelta

import colander
import deform
from pyramid.httpexceptions import HTTPFound
from pyramid.security import forget, remember
from pyramid.view import view_config
from sqlalchemy import delete, func, select

from ..forms import make_form, render_form, validate
from ..i18n import _, translate, translate_to
from ..models import LoginAttempt, PasswordResetToken, User, utcnow
from ..passwords import check_password, hash_password
from ..security import revoke_sessions, token_hash

MIN_PASSWORD = 10


def safe_came_from(request, value):
    """Only a path on this site: login never redirects to another host."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value or "\n" in value:
        return request.route_url("home")
    if value.split("?")[0] in ("/login", "/logout"):
        return request.route_url("home")
    return request.application_url + value


class LoginSchema(colander.Schema):
    email = colander.SchemaNode(colander.String(), title=_("Email"), validator=colander.Length(max=254),
                                widget=deform.widget.TextInputWidget(
                                    attributes={"autocomplete": "username", "type": "email"}))
    password = colander.SchemaNode(colander.String(), title=_("Password"), widget=deform.widget.PasswordWidget(
        attributes={"autocomplete": "current-password"}))
    came_from = colander.SchemaNode(colander.String(), widget=deform.widget.HiddenWidget(), missing="")


def client_address(request):
    """REMOTE_ADDR, which waitress sets from a trusted proxy's header; never request.client_addr,
    which believes any X-Forwarded-For the client writes and would give each guess a new address."""
    return request.remote_addr or ""


def throttled(request, email):
    settings = request.registry.settings
    since = utcnow() - timedelta(minutes=int(settings["auth.throttle_minutes"]))
    address = f"address:{client_address(request)}"
    counts = dict(request.dbsession.execute(
        select(LoginAttempt.key, func.count()).where(
            LoginAttempt.key.in_([f"account:{email}", address]), LoginAttempt.at >= since)
        .group_by(LoginAttempt.key)).all())
    return (counts.get(f"account:{email}", 0) >= int(settings["auth.max_failures_account"])
            or counts.get(address, 0) >= int(settings["auth.max_failures_address"]))


@view_config(route_name="login", renderer="portal:templates/login.pt", permission="view")
def login(request):
    form = make_form(request, LoginSchema, [("login", _("Log in"))])
    came_from = request.params.get("came_from", "")
    error = None
    if "login" in request.POST:
        appstruct, failed = validate(form, request)
        if failed:
            return {"form": failed, "error": None, "page_title": translate(_("Log in"), request)}
        email = appstruct["email"].strip().lower()
        if throttled(request, email):
            request.response.status = 429
            error = _("Too many failed attempts. Wait a quarter of an hour, or reset your password.")
        else:
            user = request.dbsession.scalar(select(User).where(User.email == email))
            if user is not None and user.active and check_password(user, appstruct["password"], request.registry.settings):
                request.dbsession.execute(delete(LoginAttempt).where(LoginAttempt.key == f"account:{email}"))
                headers = remember(request, user.id)
                request.flash(_("Welcome, ${name}.", mapping={"name": user.name}))
                return HTTPFound(safe_came_from(request, appstruct["came_from"]), headers=headers)
            if user is None:
                check_password(None, appstruct["password"], request.registry.settings)
            request.dbsession.add_all([LoginAttempt(key=f"account:{email}"),
                                       LoginAttempt(key=f"address:{client_address(request)}")])
            request.response.status = 400
            error = _("Wrong email or password.")
        appstruct["password"] = ""
        return {"form": render_form(form, appstruct), "error": error, "page_title": translate(_("Log in"), request)}
    return {"form": render_form(form, {"came_from": came_from}), "error": error,
            "page_title": translate(_("Log in"), request)}


@view_config(route_name="logout", request_method="GET", renderer="portal:templates/logout.pt", permission="view")
def logout_confirm(request):
    return {"page_title": translate(_("Log out"), request)}


@view_config(route_name="logout", request_method="POST", permission="view")
def logout(request):
    headers = forget(request)
    request.flash(_("You are logged out."))
    return HTTPFound(request.route_url("home"), headers=headers)


class ForgotSchema(colander.Schema):
    email = colander.SchemaNode(colander.String(), title=_("Email"), validator=colander.Email(),
                                widget=deform.widget.TextInputWidget(attributes={"type": "email", "autocomplete": "email"}))


def issue_reset_token(request, user, hours=2):
    token = secrets.token_urlsafe(32)
    request.dbsession.add(PasswordResetToken(id=token_hash(token), user_id=user.id,
                                             expires=utcnow() + timedelta(hours=hours)))
    return request.route_url("password_reset", token=token)


@view_config(route_name="password_forgot", renderer="portal:templates/form_page.pt", permission="view")
def password_forgot(request):
    form = make_form(request, ForgotSchema, [("send", _("Send me a link"))])
    title = translate(_("Forgotten password"), request)
    intro = _("Type the address you log in with; we will mail you a link to choose a new password.")
    if "send" in request.POST:
        appstruct, failed = validate(form, request)
        if failed:
            return {"form": failed, "page_title": title, "intro": intro}
        user = request.dbsession.scalar(select(User).where(User.email == appstruct["email"].strip().lower()))
        if user is not None and user.active:
            link = issue_reset_token(request, user)
            request.send_mail(user.email, translate_to(request, _("Choose a new password"), user.language),
                              translate_to(request, _("Hello ${name},\n\nSomeone (we hope you) asked to reset your password "
                                          "on the portal. Follow this link within two hours to choose a new one:"
                                          "\n\n${link}\n\nIf it was not you, ignore this message; your password "
                                          "stays as it is.", mapping={"name": user.name, "link": link}), user.language))
        request.flash(_("If an account uses that address, a link to choose a new password is on its way."))
        return HTTPFound(request.route_url("login"))
    return {"form": render_form(form), "page_title": title, "intro": intro}


class NewPasswordSchema(colander.Schema):
    password = colander.SchemaNode(colander.String(), title=_("New password"), validator=colander.Length(
        min=MIN_PASSWORD, min_err=_("At least ${min} characters.")),
        widget=deform.widget.CheckedPasswordWidget(attributes={"autocomplete": "new-password"}))


@view_config(route_name="password_reset", renderer="portal:templates/form_page.pt", permission="view")
def password_reset(request):
    title = translate(_("Choose a new password"), request)
    found = request.dbsession.get(PasswordResetToken, token_hash(request.matchdict["token"]))
    if found is None or found.used is not None or found.expires < utcnow():
        request.response.status = 400
        return {"form": None, "page_title": title,
                "intro": _("This link has expired or was already used. Ask for a new one.")}
    form = make_form(request, NewPasswordSchema, [("save", _("Save"))])
    if "save" in request.POST:
        appstruct, failed = validate(form, request)
        if failed:
            return {"form": failed, "page_title": title, "intro": None}
        user = found.user
        user.password_hash = hash_password(appstruct["password"], request.registry.settings)
        found.used = utcnow()
        revoke_sessions(request, user)
        request.dbsession.execute(delete(LoginAttempt).where(LoginAttempt.key == f"account:{user.email}"))
        headers = remember(request, user.id)
        request.flash(_("Your new password is saved."))
        return HTTPFound(request.route_url("account"), headers=headers)
    return {"form": render_form(form), "page_title": title, "intro": None}

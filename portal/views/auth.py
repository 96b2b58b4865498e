"""Log in, log out, and password reset by a one-time mailed token."""
import secrets
from datetime import timedelta

import colander
import deform
from pyramid.httpexceptions import HTTPFound
from pyramid.security import forget, remember
from pyramid.view import view_config
from sqlalchemy import delete, func, or_, select

from ..forms import render_form
from ..formview import FormView
from ..nodes import email_node
from ..i18n import LANGUAGES, _, locale_headers, translate, translate_to
from ..models import LoginAttempt, PasswordResetToken, User, utcnow
from ..passwords import check_password, hash_password
from ..security import revoke_sessions, token_hash

MIN_PASSWORD = 10


def safe_came_from(request, value):
    """Only a path on this site: login never redirects to another host. With none, or from the home page
    (whose header link every login starts from), the person lands on their own page, /my."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value or "\n" in value:
        return request.route_url("dashboard")
    if value.split("?")[0] in ("/", "/login", "/logout"):
        return request.route_url("dashboard")
    return request.application_url + value


class LoginSchema(colander.Schema):
    email = email_node(widget=deform.widget.TextInputWidget(attributes={"autocomplete": "username", "type": "email"}))
    password = colander.SchemaNode(colander.String(), title=_("Password"), widget=deform.widget.PasswordWidget(
        attributes={"autocomplete": "current-password"}))
    came_from = colander.SchemaNode(colander.String(), widget=deform.widget.HiddenWidget(), missing="")


def client_address(request):
    """REMOTE_ADDR, which waitress sets from a trusted proxy's header; never request.client_addr,
    which believes any X-Forwarded-For the client writes and would give each guess a new address."""
    return request.remote_addr or ""


def throttle_keys(request, email):
    address = client_address(request)
    return {"pair": f"pair:{email}|{address}", "address": f"address:{address}", "account": f"account:{email}",
            "known": f"known:{email}|{address}"}


def throttled(request, email):
    """Slow a guesser without letting anyone lock the owner out: failures count per account and address,
    per address, and per account from everywhere; the last limit spares the addresses the owner logged in
    from, and a reset link (clear_throttle) ends it."""
    settings = request.registry.settings
    now = utcnow()
    since = now - timedelta(minutes=int(settings["auth.throttle_minutes"]))
    keys = throttle_keys(request, email)
    counts = dict(request.dbsession.execute(
        select(LoginAttempt.key, func.count()).where(
            LoginAttempt.key.in_([keys["pair"], keys["address"], keys["account"]]), LoginAttempt.at >= since)
        .group_by(LoginAttempt.key)).all())
    if (counts.get(keys["pair"], 0) >= int(settings["auth.max_failures_account"])
            or counts.get(keys["address"], 0) >= int(settings["auth.max_failures_address"])):
        return True
    if counts.get(keys["account"], 0) < int(settings["auth.max_failures_account_total"]):
        return False
    known_since = now - timedelta(days=int(settings["auth.known_address_days"]))
    return request.dbsession.scalar(select(LoginAttempt.id).where(
        LoginAttempt.key == keys["known"], LoginAttempt.at >= known_since).limit(1)) is None


def record_failure(request, email):
    settings, now = request.registry.settings, utcnow()
    expired = now - timedelta(minutes=int(settings["auth.throttle_minutes"]))
    request.dbsession.execute(delete(LoginAttempt).where(
        LoginAttempt.at < expired, ~LoginAttempt.key.startswith("known:")))
    request.dbsession.execute(delete(LoginAttempt).where(
        LoginAttempt.at < now - timedelta(days=int(settings["auth.known_address_days"]))))
    keys = throttle_keys(request, email)
    request.dbsession.add_all([LoginAttempt(key=keys[k]) for k in ("pair", "address", "account")])


def record_success(request, email):
    """The failures of this account from this address end, and the address is one the owner uses."""
    keys = throttle_keys(request, email)
    request.dbsession.execute(delete(LoginAttempt).where(LoginAttempt.key.in_([keys["pair"], keys["known"]])))
    request.dbsession.add(LoginAttempt(key=keys["known"]))


def clear_throttle(db, email, known=False):
    """A reset link proves the mailbox: every failure counted against the account ends (and, when the
    account is erased, the addresses it logged in from)."""
    prefixes = ("pair", "known") if known else ("pair",)
    db.execute(delete(LoginAttempt).where(
        (LoginAttempt.key == f"account:{email}")
        | or_(*[LoginAttempt.key.startswith(f"{p}:{email}|", autoescape=True) for p in prefixes])))


@view_config(route_name="login", permission="view")
class LoginView(FormView):
    schema = LoginSchema
    buttons = (("login", _("Log in")),)
    title = _("Log in")
    renderer = "portal:templates/login.pt"

    def appstruct(self):
        return {"came_from": self.request.params.get("came_from", "")}

    def values(self):
        return {"error": None}

    def login_success(self, appstruct):
        request = self.request
        email = appstruct["email"]
        if throttled(request, email):
            request.response.status = 429
            error = _("Too many failed attempts. Wait a quarter of an hour, or reset your password.")
        else:
            user = request.dbsession.scalar(select(User).where(User.email == email))
            if user is not None and not user.active:
                user = None  # a deactivated account costs the same hash as an unknown one: no timing oracle
            if check_password(user, appstruct["password"], request.registry.settings):
                record_success(request, email)
                # the interface speaks the person's language from now on (the welcome included)
                headers = remember(request, user.id) + locale_headers(request, user.language)
                return self.done(translate_to(request, _("Welcome, ${name}.", mapping={"name": user.name}),
                                              user.language if user.language in LANGUAGES else request.locale_name),
                                 safe_came_from(request, appstruct["came_from"]), headers=headers)
            record_failure(request, email)
            request.response.status = 400
            error = _("Wrong email or password.")
        appstruct["password"] = ""
        return self.show(render_form(self.form, appstruct), error=error)


@view_config(route_name="logout", request_method="GET", renderer="portal:templates/logout.pt", permission="view")
def logout_confirm(request):
    return {"page_title": translate(_("Log out"), request)}


@view_config(route_name="logout", request_method="POST", permission="view")
def logout(request):
    headers = forget(request)
    request.flash(_("You are logged out."))
    return HTTPFound(request.route_url("home"), headers=headers)


class ForgotSchema(colander.Schema):
    email = email_node()


def issue_reset_token(request, user, hours=2):
    token = secrets.token_urlsafe(32)
    request.dbsession.add(PasswordResetToken(id=token_hash(token), user_id=user.id, stamp=user.security_stamp,
                                             expires=utcnow() + timedelta(hours=hours)))
    return request.route_url("password_reset", token=token)


@view_config(route_name="password_forgot", permission="view")
class ForgotView(FormView):
    schema = ForgotSchema
    buttons = (("send", _("Send me a link")),)
    title = _("Forgotten password")
    intro = _("Type the address you log in with; we will mail you a link to choose a new password.")

    def send_success(self, appstruct):
        request = self.request
        user = request.dbsession.scalar(select(User).where(User.email == appstruct["email"]))
        if user is not None and user.active:
            request.send_template("password-reset", user, link=issue_reset_token(request, user))
        return self.done(_("If an account uses that address, a link to choose a new password is on its way."),
                         request.route_url("login"))


class NewPasswordSchema(colander.Schema):
    password = colander.SchemaNode(colander.String(), title=_("New password"), validator=colander.Length(
        min=MIN_PASSWORD, min_err=_("At least ${min} characters.")),
        widget=deform.widget.CheckedPasswordWidget(attributes={"autocomplete": "new-password"}))


@view_config(route_name="password_reset", permission="view")
class ResetView(FormView):
    schema = NewPasswordSchema
    title = _("Choose a new password")

    def __call__(self):
        self.found = self.request.dbsession.get(PasswordResetToken, token_hash(self.request.matchdict["token"]))
        if self.found is None or not self.found.valid(utcnow()):
            self.request.response.status = 400
            return self.show(None, intro=_("This link has expired or was already used. Ask for a new one."))
        return super().__call__()

    def save_success(self, appstruct):
        request, user = self.request, self.found.user
        user.password_hash = hash_password(appstruct["password"], request.registry.settings)
        self.found.used = utcnow()
        revoke_sessions(request, user)
        clear_throttle(request.dbsession, user.email)
        return self.done(_("Your new password is saved."), request.route_url("account"),
                         headers=remember(request, user.id))

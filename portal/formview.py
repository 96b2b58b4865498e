"""The one shape of a form page (Kotti's FormView) and of an "are you sure?" page.

A form view names its schema, its buttons and the values the form starts with; for each button it has
a `<button>_success(appstruct)` method. A refused form comes back with status 400, every value as it
was typed and the errors at their fields; the CSRF token is checked by Pyramid on every POST (the form
carries it). A success method returns `self.done(message, url)`: a flash and a redirect.

    @view_config(route_name="account_password", permission="account")
    class PasswordView(FormView):
        schema = PasswordSchema
        buttons = (("save", _("Change password")),)
        title = _("Change password")

        def save_success(self, appstruct):
            ...
            return self.done(_("Saved."), self.request.route_url("account"))
"""
from collections.abc import Iterable, Sequence
from typing import Any

import colander
import deform
from pyramid.httpexceptions import HTTPFound
from pyramid.renderers import render_to_response
from pyramid.request import Request
from pyramid.response import Response

from .forms import field_error, make_form, render_form, validate
from .i18n import _
from .page import page

FORM_PAGE = "portal:templates/form_page.pt"
CONFIRM_PAGE = "portal:templates/confirm_page.pt"

Crumbs = Iterable[tuple[Any, str | None]]


class FormView:
    """schema: a colander.Schema class or node (or override get_schema); title: the page's heading (a
    translation string or a name); intro: a paragraph above the form; renderer: the page's template,
    for a view that shows more than its form; form_slot: the name the template gives the form, for a
    page where the form is one part among others (a group's members with the invitation form)."""

    schema: Any = None
    buttons: Sequence[tuple[str, Any]] = (("save", _("Save")),)
    title: Any = None
    intro: Any = None
    renderer: str = FORM_PAGE
    form_slot: str = "form"

    def __init__(self, context: Any, request: Request | None = None):
        if request is None:  # registered on a route without a factory: Pyramid passes the request alone
            context, request = getattr(context, "context", None), context
        self.context, self.request = context, request
        self._form: deform.Form | None = None

    # --- what a view declares ------------------------------------------------------------------

    def get_schema(self) -> Any:
        return self.schema

    def bind(self) -> dict[str, Any]:
        """Values the schema's deferred nodes are bound with, besides the request."""
        return {}

    def appstruct(self) -> Any:
        """The values the form starts with."""
        return colander.null

    def trail(self) -> Crumbs | None:
        """The crumbs before the page's own; None: a page with no breadcrumb trail (log in)."""
        return None

    def page_title(self) -> Any:
        return self.title

    def values(self) -> dict[str, Any]:
        """What else the page's template shows."""
        return {}

    def action(self) -> str | None:
        """Where the form posts; None: this page's own address. A form shown on another page (a
        comment form under the item it comments) posts to its own view."""
        return None

    # --- the loop ------------------------------------------------------------------------------

    @property
    def form(self) -> deform.Form:
        if self._form is None:
            self._form = make_form(self.request, self.get_schema(), self.buttons, action=self.action(), **self.bind())
        return self._form

    def __call__(self) -> Any:
        for name, _title in self.buttons:
            if name in self.request.POST:
                appstruct, failed = validate(self.form, self.request)
                if failed:
                    return self.failure(failed)
                return getattr(self, f"{name}_success")(appstruct)
        return self.show(render_form(self.form, self.appstruct()))

    def pressed(self) -> str | None:
        """The name of the button the form was sent with (None: shown, not sent), for a view that decides
        something before the loop runs."""
        return next((name for name, _title in self.buttons if name in self.request.POST), None)

    def failure(self, form_html: Any) -> Any:
        """The form refused (validate set the status to 400), with what was typed."""
        return self.show(form_html)

    def refuse(self, appstruct: dict[str, Any], message: Any = None, field: str | None = None,
               keep: bool = True, status: int = 400, **extra: Any) -> Any:
        """A check made after the form validated failed: the form again with `status`, the message at
        `field` (or above the form; None: no message), and the values typed unless `keep` is False (a
        password). `appstruct` is what the form shows: the values typed, or what the server made of
        them (an edit that met another: the merge of both, starting from the latest revision). extra:
        what else the template shows for this outcome (the passages in conflict, side by side)."""
        self.request.response.status = status
        shown = appstruct if keep else colander.null
        if field is not None:
            field_error(self.form, field, message)
            return self.show(render_form(self.form, shown), **extra)
        if message is not None:
            extra["intro"] = message
        return self.show(render_form(self.form, shown), **extra)

    def show(self, form_html: Any, **extra: Any) -> Any:
        return self.render(self.page(**{"intro": self.intro, **self.values(), **extra, self.form_slot: form_html}))

    def page(self, **values: Any) -> dict[str, Any]:
        trail = self.trail()
        values = page(self.request, self.page_title(), trail or (), **values)
        if trail is None:
            values["breadcrumbs"] = []
        return values

    def render(self, values: dict[str, Any]) -> Any:
        return render_to_response(self.renderer, values, request=self.request, response=self.request.response)

    def done(self, message: Any, url: str, **kw: Any) -> HTTPFound:
        if message:
            self.request.flash(message)
        return HTTPFound(url, **kw)


class ConfirmView(FormView):
    """An "are you sure?" page: what happens, a button that does it and a link back. The action is a
    POST, checked against CSRF like any form; `confirm_success()` does it."""

    renderer = CONFIRM_PAGE
    button: Any = _("Confirm")
    danger: bool = False                   # a red button: deleting, erasing
    name: str = "confirm"
    details: Any = None                    # a second paragraph: what follows

    def cancel_url(self) -> str | None:
        return None

    def __call__(self) -> Any:
        if self.name in self.request.POST:
            return self.confirm_success()
        return self.ask()

    def ask(self) -> Any:
        return self.render(self.page(intro=self.intro, details=self.details, button=self.button, danger=self.danger,
                                     button_name=self.name, cancel_url=self.cancel_url(), **self.values()))

    def confirm_success(self) -> Response | Any:
        raise NotImplementedError

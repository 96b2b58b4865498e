"""Public pages: subscribing (double opt-in), the confirmation link, preferences and one-click
unsubscribing by the personal link. None needs an account."""
from pyramid.request import Request
from pyramid.response import Response
from pyramid.view import view_config

from portal.api import ConfirmView, FormView
from portal.api import _

from .. import subscriptions
from ..links import SAMPLE, personal_token
from ..models import Subscriber
from ..schemas import PreferencesSchema, SubscribeSchema
from . import message, public_page


class NewsletterForm(FormView):
    """A public form of the newsletter: its trail starts at the newsletter."""

    def page(self, **values):
        return public_page(self.request, self.page_title(), **values)


@view_config(route_name="newsletter", permission="view")
class SubscribeView(NewsletterForm):
    schema = SubscribeSchema
    buttons = (("subscribe", _("Subscribe")),)
    title = _("Subscribe to the newsletter")
    renderer = "plugins.newsletter:templates/subscribe.pt"

    def values(self):
        return {"done": False}

    def subscribe_success(self, appstruct):
        subscriptions.ask_for_confirmation(self.request, appstruct)
        # The same answer whatever the address: the page never tells whether it is subscribed.
        return self.done(None, self.request.route_url("newsletter_thanks"))


@view_config(route_name="newsletter_thanks", renderer="plugins.newsletter:templates/message.pt", permission="view")
def thanks(request):
    # The same page for a new address and a known one: it must not tell which it was.
    return message(request, _("Check your mailbox"), _(
        "We sent a message with a link to the address you gave. Follow the link within three days: it confirms "
        "a new subscription, or opens the preferences of an address already subscribed. Until a subscription "
        "is confirmed, no newsletter is sent to it."))


@view_config(route_name="newsletter_confirm", permission="view")
class ConfirmSubscriptionView(ConfirmView):
    title = _("Confirm your subscription")
    button = _("Confirm my subscription")
    details = _("After confirming, you can choose its language, regions and themes on the next page.")

    def page(self, **values):
        return public_page(self.request, self.page_title(), **values)

    def __call__(self):
        request = self.request
        self.sub, problem = subscriptions.pending_confirmation(request.dbsession, request.matchdict["token"])
        if problem == "expired":
            return message(request, _("This link has expired"), _(
                "Confirmation links work for three days. Subscribe again to receive a new one."), 410,
                [(_("Subscribe"), request.route_path("newsletter"))])
        if problem is None:
            if request.method != "POST":
                self.intro = _("Confirm that ${email} should receive the newsletter.",
                               mapping={"email": self.sub.email})
                return self.ask()
            if subscriptions.confirm(request, self.sub):
                return self.done(_("Your subscription is confirmed. Welcome!"), request.route_url(
                    "newsletter_preferences", token=personal_token(request.registry.settings, self.sub)))
            # used by another request a moment ago
        request.tm.doom()
        return message(request, _("This link does not work"), _(
            "This confirmation link is unknown or was already used. If you already confirmed, you are subscribed; "
            "otherwise subscribe again to receive a new link."), 404,
            [(_("Subscribe"), request.route_path("newsletter"))])


def sample_link(request: Request, action: str) -> Response:
    """The links of a preview or a test send belong to no subscriber: say what the real ones do, and
    answer a mail provider's one-click POST with success (RFC 8058), changing nothing."""
    if action == "unsubscribe":
        text = _("In a newsletter, this link unsubscribes its reader at once, and so does the Unsubscribe button "
                 "of their mail program. This message was a test or a preview, sent to no subscriber: nothing was "
                 "changed.")
    else:
        text = _("In a newsletter, this link opens its reader's preferences: language, regions and themes. This "
                 "message was a test or a preview, sent to no subscriber: there is nothing to change here.")
    return message(request, _("The link of a test message"), text, 200,
                   [(_("Subscribe to the newsletter"), request.route_path("newsletter"))])


def unknown_link(request: Request) -> Response:
    return message(request, _("This link does not work"), _(
        "This personal link is unknown: it may have been mistyped, or the subscription was deleted. Nothing was "
        "changed."), 404, [(_("Subscribe"), request.route_path("newsletter"))])


def personal_link(request: Request, action: str) -> tuple[Subscriber | None, str, Response | None]:
    """(subscriber, token, None) for the personal link in the address; else the page to answer instead:
    the sample link's explanation, or an unknown link's."""
    token = request.matchdict["token"]
    if token == SAMPLE:
        return None, token, sample_link(request, action)
    sub = subscriptions.by_token(request, token)
    if sub is None or sub.status == "pending":
        return None, token, unknown_link(request)
    return sub, token, None


@view_config(route_name="newsletter_preferences", permission="view")
class PreferencesView(NewsletterForm):
    schema = PreferencesSchema
    title = _("Your newsletter preferences")
    renderer = "plugins.newsletter:templates/preferences.pt"

    def __call__(self):
        self.sub, self.token, other = personal_link(self.request, "preferences")
        return other if other is not None else super().__call__()

    def values(self):
        return {"sub": self.sub, "token": self.token}

    def appstruct(self):
        sub = self.sub
        return {"name": sub.name, "language": sub.language, "regions": set(sub.values("region")),
                "themes": set(sub.values("theme"))}

    def save_success(self, appstruct):
        subscriptions.save_preferences(self.sub, appstruct)
        return self.done(_("Your preferences are saved."),
                         self.request.route_url("newsletter_preferences", token=self.token))


@view_config(route_name="newsletter_unsubscribe", renderer="plugins.newsletter:templates/unsubscribe.pt",
             permission="view", require_csrf=False)
def unsubscribe(request):
    """GET asks (a link checker opening the link changes nothing); POST unsubscribes at once, with no
    login nor form token: what RFC 8058's one-click POST (List-Unsubscribe=One-Click) needs."""
    sub, token, other = personal_link(request, "unsubscribe")
    if other is not None:
        return other
    if sub.status == "unsubscribed":
        return message(request, _("You are unsubscribed"), _(
            "This address is not subscribed to the newsletter any more: nothing was changed."), 200,
            [(_("Subscribe again"), request.route_path("newsletter"))])
    if request.method == "POST":
        subscriptions.unsubscribe(request, sub)
        return message(request, _("You are unsubscribed"), _(
            "You will receive no more newsletters at this address."), 200,
            [(_("Subscribe again"), request.route_path("newsletter"))])
    return public_page(request, _("Unsubscribe"), sub=sub, token=token)

"""How a pledge is paid: a provider per way of paying, chosen on the pledge form (README, "Crowdfunding
payment providers"). Shipped: a bank transfer (the pledge waits under its reference until the secretariat
records the transfer, by hand or from an imported bank statement) and another way agreed with the
secretariat. A card gateway is one more Provider registered here: its start() sends the supporter to the
gateway, and the gateway's confirmation calls record_paid()."""
from dataclasses import dataclass
from typing import Any

from portal.api import _, clock, translate

from .models import UNPAID as PAYABLE  # noqa: E402  (the states a payment can be recorded in)


@dataclass(frozen=True)
class Step:
    """One paragraph of what the thank-you page tells the supporter to do: kind "text", "reference" (the
    pledge's reference, shown large) or "account" (the campaign's bank details)."""
    kind: str
    text: Any


class Provider:
    """A way of paying. name: kept in Pledge.method (20 characters); title: the choice on the pledge form;
    recorded_by_secretariat: True when the money arrives outside the portal, so the pledge waits until the
    secretariat records it (a gateway that confirms by itself says False)."""
    name = ""
    title: Any = ""
    short_title: Any = ""  # in the secretariat's list of pledges
    heading: Any = None
    recorded_by_secretariat = True

    def instructions(self, request, pledge) -> list[Step]:
        """What the thank-you page tells the supporter, in order."""
        return []

    def start(self, pledge, request) -> str | None:
        """Called once when the pledge is made; an address to send the supporter to (a gateway's payment
        page) or None for the thank-you page."""
        return None

    def paid(self, pledge, request) -> None:
        """Called when the pledge is recorded paid, after its state changed and before the receipt."""


class Transfer(Provider):
    name = "transfer"
    title = _("Bank transfer: you receive a reference to write on the transfer")
    short_title = _("Bank transfer")
    heading = _("Pay by bank transfer")

    def instructions(self, request, pledge):
        steps = [Step("text", _("Write this reference on your transfer, so that we can match it with your pledge:")),
                 Step("reference", pledge.reference)]
        if pledge.campaign.payment_details:
            steps.append(Step("account", pledge.campaign.payment_details))
        steps.append(Step("text", _("Your pledge waits until the technical secretariat receives the transfer; you "
                                    "will then get a receipt by e-mail.")))
        return steps


class Offline(Provider):
    name = "offline"
    title = _("Another way agreed with the technical secretariat (cash at a meeting, a cheque)")
    short_title = _("Other")

    def instructions(self, request, pledge):
        return [Step("text", _("The technical secretariat will contact you to agree how you pay. Your reference:")),
                Step("reference", pledge.reference)]


PROVIDERS: dict[str, Provider] = {}


def register(provider: Provider) -> Provider:
    if not provider.name or len(provider.name) > 20 or provider.name in PROVIDERS:
        raise ValueError(f"a payment provider needs a new name of at most 20 characters: {provider.name!r}")
    PROVIDERS[provider.name] = provider
    return provider


register(Transfer())
register(Offline())


def provider(name: str) -> Provider:
    """The provider of a pledge's method; a method no longer offered reads as an offline payment."""
    return PROVIDERS.get(name) or PROVIDERS["offline"]


def choices(request) -> list[tuple[str, str]]:
    return [(p.name, translate(p.title, request)) for p in PROVIDERS.values()]


def record_paid(request, pledge) -> bool:
    """The pledge paid now, its receipt mailed in the supporter's language; False (nothing done) when it
    was not waiting for a payment, so that a payment recorded twice pays once."""
    from sqlalchemy import update

    from .mail import send_receipt
    from .models import Pledge
    session = request.dbsession
    session.flush()
    # the check and the change in one statement: two secretaries (or a statement imported twice at once)
    # recording the same payment pay it once
    changed = session.execute(update(Pledge).where(Pledge.id == pledge.id, Pledge.state.in_(PAYABLE))
                              .values(state="paid", paid=clock.now()).execution_options(synchronize_session=False))
    if changed.rowcount != 1:
        return False
    session.refresh(pledge, ["state", "paid"])
    provider(pledge.method).paid(pledge, request)
    send_receipt(request, pledge)
    return True

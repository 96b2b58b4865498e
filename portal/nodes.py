"""Form fields every form shares, each defined once: an e-mail address, a time zone, a local date-time.

One rule decides what an e-mail address is, so an address accepted when someone subscribes is accepted
when they register, are invited or log in: surrounding spaces dropped, lower case, an internationalised
domain ("ana@café.example") kept in its ASCII form ("ana@xn--caf-dma.example"), a dotted domain that
ends in a name. A local date-time is typed in a zone and stored in UTC; a time the clocks skip in that
zone (the hour lost when summer time begins) is refused with an error saying so."""
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

import colander
import deform

from .i18n import _
from .timezones import NoSuchTime, is_zone, local_to_utc, zone_choices

MAX_ADDRESS = 254  # RFC 5321's limit of a path, and the users table's column
_LOCAL = re.compile(r"^(?!\.)(?!.*\.\.)[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}(?<!\.)$")
_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_TOP = re.compile(r"^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$")
ADDRESS_ERROR = _("Enter a valid e-mail address, such as name@example.org.")


def normal_address(value: object) -> str | None:
    """The address as it is stored and compared ("Ana+news@Example.ORG " -> "ana+news@example.org"),
    or None when it is not one mail can reach."""
    if not isinstance(value, str):
        return None
    local, at, domain = value.strip().lower().rpartition("@")
    if not at or not _LOCAL.match(local):
        return None
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    labels = domain.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels) or not _TOP.match(labels[-1]):
        return None
    address = f"{local}@{domain}"
    return address if len(address) <= MAX_ADDRESS else None


def valid_address(value: object) -> bool:
    return normal_address(value) is not None


def address_validator(node: colander.SchemaNode, value: str) -> None:
    if not valid_address(value):
        raise colander.Invalid(node, ADDRESS_ERROR)


def _prepare_address(value: Any) -> Any:
    """The stored form when valid; else what was typed, trimmed, for the error to show."""
    if not isinstance(value, str):
        return value
    return normal_address(value) or value.strip()


def email_node(name: str = "email", title: Any = _("Email"), validator: Any = None,
               **kw: Any) -> colander.SchemaNode:
    """An e-mail field: the one rule, then `validator` (a check of its own, such as "not used by another
    account"; a deferred one must call address_validator itself)."""
    if validator is None:
        validator = address_validator
    elif not isinstance(validator, colander.deferred):
        validator = colander.All(address_validator, validator)
    kw.setdefault("widget", deform.widget.TextInputWidget(attributes={"type": "email", "autocomplete": "email"}))
    return colander.SchemaNode(colander.String(), name=name, title=title, preparer=_prepare_address,
                               validator=validator, **kw)


# --- time zones -----------------------------------------------------------------------------------

@colander.deferred
def _zone_widget(node: colander.SchemaNode, kw: dict[str, Any]) -> deform.widget.Widget:
    return deform.widget.SelectWidget(values=zone_choices())


@colander.deferred
def _zone_default(node: colander.SchemaNode, kw: dict[str, Any]) -> str:
    """The zone given to bind (the object's, the one used last), else the site's, else UTC."""
    zone = kw.get("zone")
    if not zone and kw.get("request") is not None:
        zone = kw["request"].registry.settings.get("portal.timezone")
    return zone if zone and is_zone(zone) else "UTC"


def _zone_validator(node: colander.SchemaNode, value: str) -> None:
    if not is_zone(value):
        raise colander.Invalid(node, _("Choose a time zone of the list."))


def timezone_node(name: str = "timezone", title: Any = _("Time zone"), **kw: Any) -> colander.SchemaNode:
    """A time zone chosen from the list (UTC, then Area/City); the default is `zone` given to bind, else
    the site's zone (`portal.timezone` in the ini file), else UTC."""
    kw.setdefault("default", _zone_default)
    return colander.SchemaNode(colander.String(), name=name, title=title, validator=_zone_validator,
                               widget=_zone_widget, **kw)


# --- a local date and time ------------------------------------------------------------------------

_LOCAL_PATTERN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$")


def no_such_time(zone: str) -> Any:
    return _("This time does not exist in ${zone}: the clocks skip it that day (summer time begins).",
             mapping={"zone": zone.replace("_", " ")})


def utc_or_invalid(node: colander.SchemaNode, local: datetime, zone: str) -> datetime:
    """The UTC moment of `local` in `zone`, or the translated error at `node`."""
    try:
        return local_to_utc(local, zone)
    except NoSuchTime:
        raise colander.Invalid(node, no_such_time(zone)) from None


class LocalDateTime(colander.SchemaType):
    """A wall-clock date and time as <input type="datetime-local"> sends it ("2027-03-01T09:30").

    With `zone` (a zone name, or a function of the bound node giving one) it deserializes to the aware
    UTC moment and shows a stored moment in that zone; without it, it stays the naive local value and
    the form's validator converts it once the zone field is known (`local_moments`)."""

    def __init__(self, zone: str | Callable[[colander.SchemaNode], str] | None = None):
        self.zone = zone

    def _zone(self, node: colander.SchemaNode) -> str | None:
        return self.zone(node) if callable(self.zone) else self.zone

    def serialize(self, node: colander.SchemaNode, appstruct: Any) -> Any:
        if appstruct in (colander.null, None, ""):
            return colander.null
        if isinstance(appstruct, str):  # a revision's JSON
            appstruct = self._parse(node, appstruct)
        zone = self._zone(node)
        if zone and appstruct.tzinfo is not None:
            from zoneinfo import ZoneInfo
            appstruct = appstruct.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
        return appstruct.strftime("%Y-%m-%dT%H:%M")

    def _parse(self, node: colander.SchemaNode, cstruct: Any) -> datetime:
        if isinstance(cstruct, datetime):
            return cstruct.replace(tzinfo=None)
        found = _LOCAL_PATTERN.match(str(cstruct).strip())
        try:
            if not found:
                raise ValueError(cstruct)
            year, month, day, hour, minute, second = (int(part) for part in found.groups(default="0"))
            return datetime(year, month, day, hour, minute, second)
        except ValueError:
            raise colander.Invalid(node, _("A date and time such as 2027-03-01 09:30.")) from None

    def deserialize(self, node: colander.SchemaNode, cstruct: Any) -> Any:
        if cstruct in (colander.null, None, ""):
            return colander.null
        local = self._parse(node, cstruct)
        zone = self._zone(node)
        return utc_or_invalid(node, local, zone) if zone else local


def datetime_node(name: str, title: Any, zone: Any = None, **kw: Any) -> colander.SchemaNode:
    kw.setdefault("widget", deform.widget.TextInputWidget(attributes={"type": "datetime-local"}))
    return colander.SchemaNode(LocalDateTime(zone), name=name, title=title, **kw)


def local_moments(*names: str, zone_field: str = "timezone",
                  to_utc: bool = True) -> Callable[[colander.SchemaNode, dict[str, Any]], None]:
    """A form validator: the naive local date-times `names`, read in the zone chosen in `zone_field`,
    are checked to exist there (and replaced by their UTC moments when `to_utc`)."""
    def check(form: colander.SchemaNode, value: dict[str, Any]) -> None:
        zone = value.get(zone_field) or "UTC"
        error = colander.Invalid(form)
        moments = {}
        for name in names:
            local = value.get(name)
            if local in (None, colander.null):
                continue
            try:
                moments[name] = local_to_utc(local, zone)
            except NoSuchTime:
                error[name] = no_such_time(zone)
        if error.children:
            raise error
        if to_utc:
            value.update(moments)
    return check


def member_node(name: str = "member_id", title: Any = _("Member organisation"), own_only: Any = None,
                **kw: Any) -> colander.SchemaNode:
    """A member organisation chosen in the list of them (optional unless missing= says otherwise; an
    unknown id is refused). own_only: a representative (role "member") may choose only their own
    organisation, which the list then holds alone and the form starts with; own_only is the error
    they get for another one ("You can only share experiences of your own member organisation.")."""
    from sqlalchemy import select

    from .models import Member

    def representative(request: Any) -> Any:
        user = request.user
        return user if own_only is not None and user is not None and user.role == "member" else None

    @colander.deferred
    def widget(node: colander.SchemaNode, kw: dict[str, Any]) -> deform.widget.Widget:
        request = kw["request"]
        stmt = select(Member.id, Member.name).order_by(Member.name)
        if (user := representative(request)) is not None:
            stmt = stmt.where(Member.id == user.member_id)
        rows = request.dbsession.execute(stmt)
        return deform.widget.SelectWidget(values=[("", "—")] + [(str(r.id), r.name) for r in rows])

    @colander.deferred
    def validator(node: colander.SchemaNode, kw: dict[str, Any]) -> Callable[..., None]:
        request = kw["request"]

        def check(node: colander.SchemaNode, value: int) -> None:
            if (user := representative(request)) is not None and value != user.member_id:
                raise colander.Invalid(node, own_only)
            if request.dbsession.get(Member, value) is None:
                raise colander.Invalid(node, _("Unknown member organisation."))
        return check

    @colander.deferred
    def default(node: colander.SchemaNode, kw: dict[str, Any]) -> Any:
        user = representative(kw["request"])
        return user.member_id if user is not None and user.member_id else colander.null

    kw.setdefault("missing", None)
    return colander.SchemaNode(colander.Integer(), name=name, title=title, widget=widget, validator=validator,
                               default=default, **kw)

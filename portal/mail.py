"""Transactional outbox: request.send_mail() adds a row in the request's transaction; the worker
(`portal mail-worker`) delivers it after commit through SMTP or into a maildir, with retries."""
import base64
import logging
import mailbox
import re
import smtplib
import socket
import ssl
import time
import uuid
import email.policy
from datetime import timedelta, timezone
from email.headerregistry import HeaderRegistry
from email.message import EmailMessage, MIMEPart
from email.charset import QP, Charset
from email.utils import format_datetime, parseaddr

from pyramid.i18n import TranslationString
from sqlalchemy import select

from .i18n import translate_to
from .translatable import site_name
from .models import OutboxMessage, utcnow

log = logging.getLogger(__name__)


def sender_domain(settings):
    return settings.get("mail.sender", "portal@localhost").rsplit("@", 1)[-1].strip(">")


def outbox_message(settings, to, subject, body, html=None, headers=None, message_id=None):
    """An outbox row (not yet added to a session). html: an HTML alternative of the plain-text body;
    headers: extra headers such as List-Unsubscribe; message_id: a stable id chosen by the caller."""
    return OutboxMessage(message_id=message_id or f"<{uuid.uuid4().hex}@{sender_domain(settings)}>",
                         sender=settings.get("mail.sender", "portal@localhost"), recipient=to,
                         subject=" ".join(str(subject).split()),  # one line: a typed line break adds no header
                         body=str(body), html=html, headers=dict(headers) if headers else None)


def send_mail(request, to, subject, body, html=None, headers=None, message_id=None):
    """Queue a message; it leaves only if the surrounding transaction commits."""
    message = outbox_message(request.registry.settings, to, subject, body, html=html, headers=headers,
                             message_id=message_id)
    request.dbsession.add(message)
    return message


PLACEHOLDER = re.compile(r"\$\{(\w+)\}")


class MailTemplate:
    def __init__(self, name, subject, body, plugin):
        self.name, self.subject, self.body, self.plugin = name, subject, body, plugin
        self.placeholders = frozenset(PLACEHOLDER.findall(str(subject)) + PLACEHOLDER.findall(str(body)))


def add_mail_template(config, name, subject, body):
    """A mail the portal sends, in one place: subject and body are translation strings whose ${placeholders}
    request.send_template(name, to, **values) fills; ${site} (the site's name) and, when `to` is an account,
    ${name} are filled for it. Listed by `portal plugins`; the contract test renders each one."""
    template = MailTemplate(name, subject, body, config.package_name)
    portal = config.registry.portal

    def store():
        portal.mail_templates[name] = template

    from .registry import _register
    _register(config, "portal mail templates", name, name, store, placeholders=", ".join(sorted(template.placeholders)))


def render_template(request, template_name, language, **values):
    """(subject, body) of a template in a language; a value that is itself a translation string (a state's
    title) is translated too. A placeholder without a value is an error, not an empty hole in a mail."""
    template = request.registry.portal.mail_templates[template_name]
    values.setdefault("site", site_name(request, language))
    missing = template.placeholders - set(values)
    if missing:
        raise KeyError(f"mail template {template_name!r} needs {', '.join(sorted(missing))}")
    values = {k: translate_to(request, v, language) if isinstance(v, TranslationString) else v
              for k, v in values.items()}
    return (translate_to(request, template.subject, language, mapping=values),
            translate_to(request, template.body, language, mapping=values))


def send_template(request, template_name, to, language=None, headers=None, **values):
    """Queue the template `template_name` for `to`: an account (its address, language and name) or an address with
    `language`. It leaves only if the surrounding transaction commits."""
    if hasattr(to, "email"):
        address, language = to.email, language or to.language
        values.setdefault("name", to.name)
    else:
        address = to
    subject, body = render_template(request, template_name, language or "en", **values)
    return send_mail(request, address, subject, body, headers=headers)


class _HeaderClasses(HeaderRegistry):
    """The standard header registry, but each header's class is made once, not at every header
    set (the stdlib builds a new class with type() each time: the main cost of writing a mail)."""

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self._made = {}

    def __getitem__(self, name):
        key = name.lower()
        if key not in self._made:
            self._made[key] = super().__getitem__(name)
        return self._made[key]


POLICY = email.policy.default.clone(header_factory=_HeaderClasses())
# Headers set ready-encoded are written as they are (a List-Unsubscribe URL stays one readable line).
RAW_POLICY = POLICY.clone(refold_source="none")


def _line(value):
    value = str(value)
    if "\r" in value or "\n" in value:
        raise ValueError("a header value holds a line break")
    return value


WORD_MAX = 75  # RFC 2047: an encoded-word is at most 75 characters
LINE_MAX = 76  # RFC 2047: a line holding an encoded-word is at most 76 characters


def _word(text):
    return "=?utf-8?b?" + base64.b64encode(text.encode("utf-8")).decode("ascii") + "?="


def encoded_words(text, first=WORD_MAX):
    """RFC 2047 encoded-words of `text`, each of whole characters and at most 75 characters long,
    the first at most `first` (what is left of the header's first line)."""
    words, chunk, limit = [], "", min(first, WORD_MAX)
    for ch in text:
        if chunk and len(_word(chunk + ch)) > limit:
            words.append(_word(chunk))
            chunk, limit = "", WORD_MAX
        chunk += ch
    if chunk:
        words.append(_word(chunk))
    return words


def _fold(name, tokens):
    """Tokens joined with spaces, folded onto continuation lines (CRLF + space) so that every line,
    the first one with its "Name: ", stays within LINE_MAX."""
    lines, current = [], name + ":"
    for token in tokens:
        if len(current) + 1 + len(token) > LINE_MAX and current != name + ":":
            lines.append(current)
            current = ""
        current += " " + token
    lines.append(current)
    return "\n".join(lines)[len(name) + 2:]


def _address_header(name):
    def encode(value):
        """An address header, its display name encoded (RFC 2047) when it is not ASCII."""
        display, addr = parseaddr(_line(value))
        if not addr:
            raise ValueError(f"not an address: {value!r}")
        if not display or display.isascii():
            return _line(value)
        return _fold(name, encoded_words(display, LINE_MAX - len(name) - 2) + [f"<{addr}>"])
    return encode


def _text_header(name):
    def encode(value):
        value = " ".join(_line(value).split())
        if value.isascii():
            return value
        return _fold(name, encoded_words(value, LINE_MAX - len(name) - 2))
    return encode


UTF8_QP = Charset("utf-8")
UTF8_QP.body_encoding = QP


def _part(text, subtype):
    """A text part written directly: 7bit when it can be, else quoted-printable."""
    part = MIMEPart(policy=RAW_POLICY)
    part.set_raw("Content-Type", f'text/{subtype}; charset="utf-8"')
    if text.isascii() and all(len(line) <= 78 for line in text.splitlines()):
        part.set_raw("Content-Transfer-Encoding", "7bit")
        part.set_payload(text if text.endswith("\n") else text + "\n")
    else:
        part.set_raw("Content-Transfer-Encoding", "quoted-printable")
        part.set_payload(UTF8_QP.body_encode(text if text.endswith("\n") else text + "\n"))
    return part


def _headers(row):
    """(name, value, how to encode it when written ready-encoded) of an outbox row's message."""
    yield "From", row.sender, _address_header("From")
    yield "To", row.recipient, _address_header("To")
    yield "Subject", row.subject, _text_header("Subject")
    yield "Message-ID", row.message_id, _line  # stable: a retried message is recognisably the same one
    yield "Date", message_date(row.created), _line
    yield "Auto-Submitted", "auto-generated", _line
    for name, value in (row.headers or {}).items():
        yield _line(name), value, _text_header(_line(name))  # one line each, like the subject


def message_date(when):
    """RFC 5322 date in UTC with the zone "+0000" (the "-0000" of a naive time means "zone unknown")."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return format_datetime(when.astimezone(timezone.utc))


def build_message(row):
    """The message of an outbox row. Headers are written ready-encoded with set_raw: the email
    package's parsing and refolding of every header was most of the cost of a newsletter campaign.
    An address that is not ASCII (it needs SMTPUTF8) takes the email package's own path."""
    if not (parseaddr(str(row.sender))[1] + parseaddr(str(row.recipient))[1]).isascii():
        msg = EmailMessage(policy=POLICY)
        for name, value, _encode in _headers(row):
            msg[name] = " ".join(str(value).split())
        msg.set_content(row.body)
        if row.html:
            msg.add_alternative(row.html, subtype="html")
        return msg
    msg = EmailMessage(policy=RAW_POLICY)
    for name, value, encode in _headers(row):
        msg.set_raw(name, encode(value))
    msg.set_raw("MIME-Version", "1.0")
    plain = _part(row.body, "plain")
    if not row.html:
        for name, value in plain.raw_items():
            msg.set_raw(name, value)
        msg.set_payload(plain.get_payload())
        return msg
    msg.set_raw("Content-Type", f'multipart/alternative; boundary="{uuid.uuid4().hex}"')
    msg.set_payload([plain, _part(row.html, "html")])
    return msg


class PermanentFailure(Exception):
    pass


class SMTPDelivery:
    def __init__(self, settings):
        self.host = settings.get("mail.host", "127.0.0.1")
        self.port = int(settings.get("mail.port", 25))
        self.starttls = settings.get("mail.starttls", "false").lower() in ("true", "1", "yes")
        self.username = settings.get("mail.username") or None
        self.password = settings.get("mail.password") or None
        self.timeout = float(settings.get("mail.timeout", 30))
        self.smtp = None  # one connection for the messages of one pass of the worker

    def connect(self):
        smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        try:
            if self.starttls:
                # check the server's certificate (system CAs, or SSL_CERT_FILE) before sending the login
                smtp.starttls(context=ssl.create_default_context())
            if self.username:
                smtp.login(self.username, self.password or "")
        except BaseException:
            smtp.close()
            raise
        return smtp

    def close(self):
        smtp, self.smtp = self.smtp, None
        if smtp is not None:
            try:
                smtp.quit()
            except (OSError, smtplib.SMTPException):
                smtp.close()

    def _exchange(self, msg):
        try:
            if self.smtp is not None:
                try:
                    self.smtp.send_message(msg)
                    return
                except smtplib.SMTPServerDisconnected:
                    self.smtp = None  # the server closed an idle connection: once more on a new one
            self.smtp = self.connect()
            self.smtp.send_message(msg)
        except BaseException:
            self.close()  # a refused or broken exchange: the next message starts on a new connection
            raise

    def send(self, msg):
        try:
            self._exchange(msg)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            if all(500 <= c < 600 for c in codes):
                raise PermanentFailure(str(exc)) from exc
            raise
        except smtplib.SMTPResponseException as exc:
            if 500 <= exc.smtp_code < 600:
                raise PermanentFailure(f"{exc.smtp_code} {exc.smtp_error!r}") from exc
            raise
        except smtplib.SMTPNotSupportedError as exc:
            # the server offers no STARTTLS or AUTH: a setting to fix, not something a retry mends
            raise PermanentFailure(f"the mail server does not support this: {exc}") from exc


class MaildirDelivery:
    def __init__(self, settings):
        self.box = mailbox.Maildir(settings["mail.maildir"], create=True)

    def send(self, msg):
        self.box.add(msg)

    def close(self):
        pass


def make_delivery(settings):
    return MaildirDelivery(settings) if settings.get("mail.delivery", "smtp") == "maildir" else SMTPDelivery(settings)


def backoff(attempts):
    """Minutes before the next try: 1, 2, 4, 8... capped at six hours."""
    return timedelta(minutes=min(2 ** (attempts - 1), 360))


def deliver_pending(session_factory, settings, limit=50, now=None, registry=None):
    """Deliver what is due; returns (sent, failed_now). Rows are claimed with SKIP LOCKED on
    PostgreSQL so several workers can run; each message is committed on its own.

    With the app's registry, the mail hooks plugins added (add_mail_hook) take part: each `refill`
    first queues the next few messages of a long mailing, and each `check` may cancel a message
    right before it leaves. `mail.max_rate` (messages per second, 0: no limit) paces the sending."""
    hooks = registry.get("portal.mail_hooks", ()) if registry is not None else ()
    for hook in hooks:
        if hook.refill is not None:
            hook.refill(session_factory, settings, now or utcnow(), limit)
    deliver = make_delivery(settings)
    max_attempts = int(settings.get("mail.max_attempts", 6))
    rate = float(settings.get("mail.max_rate", 0) or 0)
    sent = failed = 0
    last = None
    more = True
    try:
        for _ in range(limit):
            with session_factory() as session, session.begin():
                stmt = (select(OutboxMessage).where(OutboxMessage.status == "queued",
                                                    OutboxMessage.next_attempt <= (now or utcnow()))
                        .order_by(OutboxMessage.id).limit(1))
                if session.bind.dialect.name == "postgresql":
                    stmt = stmt.with_for_update(skip_locked=True)
                row = session.scalars(stmt).first()
                if row is None:
                    more = False
                    break
                reason = next((r for r in (h.check(session, row) for h in hooks if h.check is not None) if r), None)
                if reason:
                    row.status, row.last_error = "cancelled", str(reason)[:2000]
                    continue
                if rate > 0 and last is not None:
                    time.sleep(max(0.0, last + 1.0 / rate - time.monotonic()))
                last = time.monotonic()
                row.attempts += 1
                try:
                    try:
                        msg = build_message(row)
                    except ValueError as exc:  # e.g. a line break in an address: it will never be sendable
                        raise PermanentFailure(f"cannot write this message: {exc}") from exc
                    deliver.send(msg)
                except PermanentFailure as exc:
                    row.status, row.last_error = "failed", str(exc)[:2000]
                    failed += 1
                except (OSError, smtplib.SMTPException, socket.timeout) as exc:
                    row.last_error = f"{type(exc).__name__}: {exc}"[:2000]
                    if row.attempts >= max_attempts:
                        row.status = "failed"
                        failed += 1
                    else:
                        row.next_attempt = (now or utcnow()) + backoff(row.attempts)
                else:
                    row.status, row.sent, row.last_error = "sent", utcnow(), ""
                    sent += 1
    finally:
        deliver.close()
    return Delivered((sent, failed), more)


class Delivered(tuple):
    """(sent, failed), and whether more messages may be due (the pass stopped at its limit)."""

    def __new__(cls, counts, more=False):
        self = super().__new__(cls, counts)
        self.more = more
        return self


def run_worker(session_factory, settings, interval=5.0, once=False, stop=None, registry=None, limit=50):
    while True:
        busy = False
        try:
            if registry is not None and getattr(registry, "portal", None) is not None:
                from .tasks import run_due_tasks
                run_due_tasks(registry)
            busy = deliver_pending(session_factory, settings, limit=limit, registry=registry).more
        except Exception:  # a locked or unreachable database: try again at the next turn
            log.exception("mail worker: delivery failed; trying again in %s s", interval)
            if once:
                raise
        if once or (stop is not None and stop.is_set()):
            return
        if busy:
            continue
        if stop is not None:
            stop.wait(interval)
        else:
            time.sleep(interval)


class MailHook:
    def __init__(self, name, refill=None, check=None):
        self.name, self.refill, self.check = name, refill, check


def add_mail_hook(config, name, refill=None, check=None):
    """Take part in the outbox worker. refill(session_factory, settings, now, limit) queues the next
    messages of a long mailing (a few at a time, so the outbox and the worker's memory stay small);
    check(session, row) returns a reason to cancel that queued message right before it leaves, or None."""
    hook = MailHook(name, refill, check)

    def store():
        hooks = config.registry.setdefault("portal.mail_hooks", [])
        hooks[:] = [h for h in hooks if h.name != name] + [hook]

    config.action(("portal", "mail hook", name), store)


def includeme(config):
    config.add_request_method(send_mail, "send_mail")
    config.add_request_method(send_template, "send_template")
    config.add_directive("add_mail_template", add_mail_template)
    config.add_directive("add_mail_hook", add_mail_hook)

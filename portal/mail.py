"""Transactional outbox: request.send_mail() adds a row in the request's transaction; the worker
(`portal mail-worker`) delivers it after commit through SMTP or into a maildir, with retries."""
import logging
import mailbox
import smtplib
import socket
import ssl
import time
import uuid
from datetime import timedelta
from email.message import EmailMessage
from email.utils import formatdate

from sqlalchemy import select

from .models import OutboxMessage, utcnow

log = logging.getLogger(__name__)


def send_mail(request, to, subject, body):
    """Queue a message; it leaves only if the surrounding transaction commits."""
    settings = request.registry.settings
    domain = settings.get("mail.sender", "portal@localhost").rsplit("@", 1)[-1].strip(">")
    message = OutboxMessage(message_id=f"<{uuid.uuid4().hex}@{domain}>",
                            sender=settings.get("mail.sender", "portal@localhost"), recipient=to,
                            subject=" ".join(str(subject).split()),  # one line: a typed line break adds no header
                            body=str(body))
    request.dbsession.add(message)
    return message


def build_message(row):
    msg = EmailMessage()
    msg["From"] = row.sender
    msg["To"] = row.recipient
    msg["Subject"] = row.subject
    msg["Message-ID"] = row.message_id  # stable: a retried message is recognisably the same one
    msg["Date"] = formatdate(row.created.timestamp(), localtime=False)
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(row.body)
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

    def __call__(self, msg):
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                if self.starttls:
                    # check the server's certificate (system CAs, or SSL_CERT_FILE) before sending the login
                    smtp.starttls(context=ssl.create_default_context())
                if self.username:
                    smtp.login(self.username, self.password or "")
                smtp.send_message(msg)
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

    def __call__(self, msg):
        self.box.add(msg)


def make_delivery(settings):
    return MaildirDelivery(settings) if settings.get("mail.delivery", "smtp") == "maildir" else SMTPDelivery(settings)


def backoff(attempts):
    """Minutes before the next try: 1, 2, 4, 8... capped at six hours."""
    return timedelta(minutes=min(2 ** (attempts - 1), 360))


def deliver_pending(session_factory, settings, limit=50, now=None):
    """Deliver what is due; returns (sent, failed_now). Rows are claimed with SKIP LOCKED on
    PostgreSQL so several workers can run; each message is committed on its own."""
    deliver = make_delivery(settings)
    max_attempts = int(settings.get("mail.max_attempts", 6))
    sent = failed = 0
    for _ in range(limit):
        with session_factory() as session, session.begin():
            stmt = (select(OutboxMessage).where(OutboxMessage.status == "queued",
                                                OutboxMessage.next_attempt <= (now or utcnow()))
                    .order_by(OutboxMessage.id).limit(1))
            if session.bind.dialect.name == "postgresql":
                stmt = stmt.with_for_update(skip_locked=True)
            row = session.scalars(stmt).first()
            if row is None:
                break
            row.attempts += 1
            try:
                try:
                    msg = build_message(row)
                except ValueError as exc:  # e.g. a line break in an address: it will never be sendable
                    raise PermanentFailure(f"cannot write this message: {exc}") from exc
                deliver(msg)
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
    return sent, failed


def run_worker(session_factory, settings, interval=5.0, once=False, stop=None):
    while True:
        try:
            deliver_pending(session_factory, settings)
        except Exception:  # a locked or unreachable database: try again at the next turn
            log.exception("mail worker: delivery failed; trying again in %s s", interval)
            if once:
                raise
        if once or (stop is not None and stop.is_set()):
            return
        if stop is not None:
            stop.wait(interval)
        else:
            time.sleep(interval)


def includeme(config):
    config.add_request_method(send_mail, "send_mail")

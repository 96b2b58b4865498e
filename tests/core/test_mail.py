"""The mail outbox: what a request queues leaves only if the request commits; the worker delivers it
through a real SMTP server (aiosmtpd, on loopback) or into a maildir, retries with back-off and
shows permanent failures in the control panel."""
import email
import email.policy
import mailbox
import re
import socket
import ssl
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import webtest
from sqlalchemy import select

from portal.mail import deliver_pending
from portal.models import OutboxMessage, utcnow
from portal.testing import app_with_view, csrf, form_with, start_smtp_server

PORTAL = Path(sys.executable).with_name("portal")


def smtp_settings(registry, port, **extra):
    return {**registry.settings, "mail.delivery": "smtp", "mail.host": "127.0.0.1", "mail.port": str(port),
            "mail.timeout": "10", **extra}


def deliver(registry, settings, **kw):
    return deliver_pending(registry["dbsession_factory"], settings, **kw)


def outbox(db):
    with db() as s:
        return [{c: getattr(row, c) for c in ("id", "message_id", "sender", "recipient", "subject", "body",
                                              "status", "attempts", "next_attempt", "last_error", "sent")}
                for row in s.scalars(select(OutboxMessage).order_by(OutboxMessage.id))]


def received(envelope):
    return email.message_from_bytes(envelope.content, policy=email.policy.default)


def closed_port():
    """A loopback port nothing listens on: connecting to it is refused, like a mail server that is down."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ask_for_password_link(testapp, address):
    form = testapp.get("/password/forgot").forms["deform"]
    form["email"] = address
    form.submit("send", status=302)


def queue(registry, *messages):
    """Queue (to, subject, body) messages with request.send_mail in one committed transaction."""
    from pyramid.scripting import prepare
    env = prepare(registry=registry)
    with env["request"].tm:
        for to, subject, body in messages:
            env["request"].send_mail(to, subject, body)
    env["closer"]()


# --- only what commits is sent ---------------------------------------------------------------------

@pytest.fixture
def app_with_failing_view(app, settings):
    """The portal as main() builds it, plus one view that queues a mail and then, if asked, fails."""
    from pyramid.response import Response

    def queue_then_fail(request):
        request.send_mail("someone@example.org", "Meeting tomorrow", "See you at nine.")
        request.dbsession.flush()  # the row is in the database, inside the request's transaction
        if request.GET.get("fail"):
            raise RuntimeError("the request fails after queueing its mail")
        return Response("queued")

    return app_with_view(settings, "/test/queue-then-fail", queue_then_fail)


def test_a_request_that_fails_after_queueing_mail_sends_nothing(app_with_failing_view, registry, db, smtp_server):
    with pytest.raises(RuntimeError):
        app_with_failing_view.get("/test/queue-then-fail", {"fail": "1"})
    assert outbox(db) == []
    assert deliver(registry, smtp_settings(registry, smtp_server.port)) == (0, 0)
    assert smtp_server.messages == []

    app_with_failing_view.get("/test/queue-then-fail", status=200)  # the same request, committed
    assert [m["subject"] for m in outbox(db)] == ["Meeting tomorrow"]
    assert deliver(registry, smtp_settings(registry, smtp_server.port)) == (1, 0)
    assert [e.rcpt_tos for e in smtp_server.messages] == [["someone@example.org"]]


# --- delivery over SMTP ----------------------------------------------------------------------------

def test_password_link_is_delivered_over_smtp_with_the_outbox_message_id(testapp, make_user, registry, db,
                                                                         smtp_server):
    make_user("ana@example.org", name="Ana Lima")
    ask_for_password_link(testapp, "ana@example.org")
    [row] = outbox(db)
    assert row["status"] == "queued" and smtp_server.messages == []  # nothing leaves before the worker runs

    assert deliver(registry, smtp_settings(registry, smtp_server.port)) == (1, 0)
    [envelope] = smtp_server.messages
    assert envelope.mail_from == "portal@test.example"
    assert envelope.rcpt_tos == ["ana@example.org"]
    msg = received(envelope)
    assert msg["From"] == "Test network <portal@test.example>"
    assert msg["To"] == "ana@example.org"
    assert msg["Subject"] == "Choose a new password"
    assert msg["Message-ID"] == row["message_id"]
    assert re.fullmatch(r"<[0-9a-f]{32}@test\.example>", row["message_id"])
    assert msg["Date"]
    body = msg.get_content()
    assert "Hello Ana Lima" in body
    link = re.search(r"http://portal\.test(/password/reset/\S+)", body).group(1)
    assert "deform" in testapp.get(link).forms  # the link in the mail opens the form to choose a password

    [row] = outbox(db)
    assert row["status"] == "sent" and row["attempts"] == 1 and row["sent"] is not None
    assert deliver(registry, smtp_settings(registry, smtp_server.port)) == (0, 0)  # sent once, not again
    assert len(smtp_server.messages) == 1


def test_an_application_is_mailed_to_each_active_secretariat_user(testapp, make_user, registry, db, smtp_server):
    make_user("sec1@example.org", role="secretariat")
    make_user("sec2@example.org", role="secretariat")
    make_user("gone@example.org", role="secretariat", active=False)
    make_user("editor@example.org", role="editor")
    form = form_with(testapp, "/join", organisation="Ville de Grenoble", kind="city", country="FR",
                                       contact_name="Camille Martin", email="camille@grenoble.example",
                                       motivation="Our citizen assemblies.")
    form.submit("apply", status=302)

    assert deliver(registry, smtp_settings(registry, smtp_server.port)) == (2, 0)
    assert sorted(e.rcpt_tos[0] for e in smtp_server.messages) == ["sec1@example.org", "sec2@example.org"]
    msg = received(smtp_server.messages[0])
    assert "Ville de Grenoble" in msg["Subject"]
    assert "camille@grenoble.example" in msg.get_content()
    assert len({received(e)["Message-ID"] for e in smtp_server.messages}) == 2


def test_a_line_break_typed_into_the_application_form_adds_no_header(testapp, make_user, registry, smtp_server):
    make_user("sec@example.org", role="secretariat")
    testapp.post("/join", {"csrf_token": csrf(testapp), "organisation": "Evil town\r\nBcc: victim@example.net",
                           "kind": "city", "country": "FR", "contact_name": "Mallory", "website": "",
                           "email": "mallory@example.net", "motivation": "", "apply": "apply"}, status=302)
    assert deliver(registry, smtp_settings(registry, smtp_server.port)) == (1, 0)
    [envelope] = smtp_server.messages
    assert envelope.rcpt_tos == ["sec@example.org"]
    assert received(envelope)["Bcc"] is None


def test_a_line_break_in_a_subject_cannot_add_a_header(registry, db, smtp_server):
    queue(registry, ("sec@example.org", "[Membership application] Evil town\r\nBcc: victim@example.net", "..."))
    assert deliver(registry, smtp_settings(registry, smtp_server.port)) == (1, 0)
    [envelope] = smtp_server.messages
    assert envelope.rcpt_tos == ["sec@example.org"]
    msg = received(envelope)
    assert msg["Bcc"] is None
    assert msg["Subject"] == "[Membership application] Evil town Bcc: victim@example.net"


def test_a_message_that_cannot_be_written_fails_without_holding_back_the_others(registry, db, smtp_server):
    queue(registry, ("sec@example.org\r\nBcc: victim@example.net", "Report", "..."),
          ("ana@example.org", "Choose a new password", "..."))
    assert deliver(registry, smtp_settings(registry, smtp_server.port)) == (1, 1)
    assert [e.rcpt_tos for e in smtp_server.messages] == [["ana@example.org"]]
    bad, good = outbox(db)
    assert (bad["status"], good["status"]) == ("failed", "sent")
    assert bad["last_error"]


# --- retries, back-off, permanent failures --------------------------------------------------------

def test_a_server_that_is_down_is_retried_with_back_off_then_the_message_fails(testapp, make_user, registry, db):
    make_user("ana@example.org")
    ask_for_password_link(testapp, "ana@example.org")
    down = smtp_settings(registry, closed_port(), **{"mail.max_attempts": "3"})
    start = utcnow()

    assert deliver(registry, down, now=start) == (0, 0)
    [row] = outbox(db)
    assert (row["status"], row["attempts"]) == ("queued", 1)
    assert row["next_attempt"] == start + timedelta(minutes=1)
    assert "ConnectionRefusedError" in row["last_error"]

    assert deliver(registry, down, now=start + timedelta(seconds=59)) == (0, 0)  # not due yet: not tried
    assert outbox(db)[0]["attempts"] == 1

    second = start + timedelta(minutes=1)
    deliver(registry, down, now=second)
    [row] = outbox(db)
    assert (row["status"], row["attempts"]) == ("queued", 2)
    assert row["next_attempt"] == second + timedelta(minutes=2)  # the wait doubles

    assert deliver(registry, down, now=second + timedelta(minutes=2)) == (0, 1)  # mail.max_attempts = 3
    [row] = outbox(db)
    assert (row["status"], row["attempts"]) == ("failed", 3)
    assert deliver(registry, down, now=second + timedelta(days=1)) == (0, 0)  # a failed message waits for a person


@pytest.mark.parametrize("reply, counts, status", [("451 4.3.0 try again later", (0, 0), "queued"),
                                                   ("550 5.1.1 no such user", (0, 1), "failed")])
def test_a_temporary_refusal_keeps_the_message_queued_and_a_permanent_one_fails_it(testapp, make_user, registry, db,
                                                                                 smtp_server, reply, counts, status):
    make_user("ana@example.org")
    ask_for_password_link(testapp, "ana@example.org")
    smtp_server.refuse = reply
    assert deliver(registry, smtp_settings(registry, smtp_server.port)) == counts
    [row] = outbox(db)
    assert (row["status"], row["attempts"]) == (status, 1)
    assert reply.split()[0] in row["last_error"] and reply.split(" ", 2)[2] in row["last_error"]
    if status == "queued":
        assert row["next_attempt"] > utcnow()  # tried again later
    assert smtp_server.messages == []


def test_a_server_without_starttls_fails_the_message_at_once(registry, db, smtp_server):
    """mail.starttls on, the server offers none: a setting to correct, not a reason to retry for hours."""
    queue(registry, ("ana@example.org", "Hello", "Body"))
    assert deliver(registry, smtp_settings(registry, smtp_server.port, **{"mail.starttls": "true"})) == (0, 1)
    [row] = outbox(db)
    assert (row["status"], row["attempts"]) == ("failed", 1) and "STARTTLS" in row["last_error"]
    assert smtp_server.messages == []


def test_failed_messages_are_shown_to_the_secretariat_who_can_send_them_again(testapp, make_user, as_user,
                                                                              registry, db, smtp_server):
    make_user("ana@example.org")
    ask_for_password_link(testapp, "ana@example.org")
    smtp_server.refuse = "550 5.1.1 mailbox unavailable"
    deliver(registry, smtp_settings(registry, smtp_server.port))
    [failed] = outbox(db)

    as_user("editor")
    testapp.get("/manage/outbox", {"status": "failed"}, status=403)  # editors do not see people's mail
    testapp.post("/logout", {"csrf_token": csrf(testapp)})

    as_user("secretariat")
    page = testapp.get("/manage/outbox", {"status": "failed"})
    row = page.html.find("input", attrs={"name": "retry"}).find_parent("tr").get_text(" ")
    assert "ana@example.org" in row and "Choose a new password" in row and "mailbox unavailable" in row
    testapp.post("/manage/outbox", {"retry": str(failed["id"])}, status=400)  # no CSRF token: refused
    assert outbox(db)[0]["status"] == "failed"

    res = testapp.post("/manage/outbox", {"retry": str(failed["id"]), "csrf_token": csrf(testapp)}, status=302)
    assert "status=queued" in res.location
    [row] = outbox(db)
    assert (row["status"], row["attempts"]) == ("queued", 0)
    assert "ana@example.org" in res.follow().text

    smtp_server.refuse = None
    assert deliver(registry, smtp_settings(registry, smtp_server.port)) == (1, 0)
    assert received(smtp_server.messages[0])["Message-ID"] == failed["message_id"]  # the same message, again
    assert "ana@example.org" not in testapp.get("/manage/outbox", {"status": "failed"}).text


# --- STARTTLS and login ---------------------------------------------------------------------------

@pytest.fixture
def tls_smtp_server(tmp_path):
    """An aiosmtpd server that takes mail only after STARTTLS (a self-signed certificate made here for
    127.0.0.1) and a login as portal@example.org with the password 'relay-password'."""
    from aiosmtpd.smtp import AuthResult, LoginPassword
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)

    class Handler:
        def __init__(self):
            self.messages, self.logins = [], []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append((envelope, session.ssl is not None, session.authenticated))
            return "250 Message accepted"

    def authenticator(server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword):
            handler.logins.append((auth_data.login, auth_data.password))
            ok = auth_data.login == b"portal@example.org" and auth_data.password == b"relay-password"
            return AuthResult(success=ok, handled=False)  # not handled: aiosmtpd answers 235 or 535
        return AuthResult(success=False, handled=False)

    handler = Handler()
    controller = start_smtp_server(handler, tls_context=context, require_starttls=True, auth_required=True,
                                   authenticator=authenticator)
    handler.cert = cert
    yield handler
    controller.stop()


def test_smtp_uses_starttls_and_the_login_from_the_settings(testapp, make_user, registry, db, tls_smtp_server,
                                                            monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_smtp_server.cert))  # trust the test server's certificate
    make_user("ana@example.org")
    ask_for_password_link(testapp, "ana@example.org")
    relay = smtp_settings(registry, tls_smtp_server.port, **{
        "mail.starttls": "true", "mail.username": "portal@example.org", "mail.password": "relay-password"})
    assert deliver(registry, relay) == (1, 0)
    [(envelope, over_tls, authenticated)] = tls_smtp_server.messages
    assert over_tls and authenticated
    assert envelope.rcpt_tos == ["ana@example.org"]
    assert tls_smtp_server.logins == [(b"portal@example.org", b"relay-password")]


def test_a_wrong_smtp_password_fails_the_message_for_a_person_to_see(testapp, make_user, registry, db,
                                                                     tls_smtp_server, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_smtp_server.cert))
    make_user("ana@example.org")
    ask_for_password_link(testapp, "ana@example.org")
    relay = smtp_settings(registry, tls_smtp_server.port, **{
        "mail.starttls": "true", "mail.username": "portal@example.org", "mail.password": "wrong"})
    assert deliver(registry, relay) == (0, 1)
    [row] = outbox(db)
    assert row["status"] == "failed" and "535" in row["last_error"]
    assert tls_smtp_server.messages == []


def test_the_smtp_password_is_not_sent_to_a_server_whose_certificate_is_not_trusted(
        testapp, make_user, registry, db, tls_smtp_server, tmp_path, monkeypatch):
    empty = tmp_path / "no-ca.pem"
    empty.write_text("")
    monkeypatch.setenv("SSL_CERT_FILE", str(empty))  # trust nothing: like a server that is not the one named
    monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path / "no-ca"))
    make_user("ana@example.org")
    ask_for_password_link(testapp, "ana@example.org")
    relay = smtp_settings(registry, tls_smtp_server.port, **{
        "mail.starttls": "true", "mail.username": "portal@example.org", "mail.password": "relay-password"})
    assert deliver(registry, relay) == (0, 0)
    assert tls_smtp_server.logins == [] and tls_smtp_server.messages == []
    [row] = outbox(db)
    assert (row["status"], row["attempts"]) == ("queued", 1)
    assert "certificate" in row["last_error"].lower()


def test_without_starttls_a_server_that_requires_it_is_not_sent_the_password(testapp, make_user, registry, db,
                                                                             tls_smtp_server):
    make_user("ana@example.org")
    ask_for_password_link(testapp, "ana@example.org")
    relay = smtp_settings(registry, tls_smtp_server.port, **{
        "mail.username": "portal@example.org", "mail.password": "relay-password"})
    deliver(registry, relay)
    assert tls_smtp_server.logins == [] and tls_smtp_server.messages == []
    [row] = outbox(db)
    assert row["status"] == "failed" and "AUTH extension not supported" in row["last_error"]  # a setting to fix


# --- maildir ---------------------------------------------------------------------------------------

def test_maildir_delivery_writes_the_message_into_the_maildir(testapp, make_user, registry, db, settings):
    assert settings["mail.delivery"] == "maildir"
    make_user("ana@example.org")
    ask_for_password_link(testapp, "ana@example.org")
    box = Path(settings["mail.maildir"])
    assert deliver(registry, registry.settings) == (1, 0)
    [row] = outbox(db)
    [path] = list((box / "new").iterdir())
    msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert msg["Message-ID"] == row["message_id"] and msg["To"] == "ana@example.org"
    assert "/password/reset/" in msg.get_content()
    assert row["status"] == "sent"
    assert deliver(registry, registry.settings) == (0, 0)
    assert len(mailbox.Maildir(box)) == 1


def test_development_ini_delivers_into_a_maildir_under_var(tmp_path):
    """`make serve`'s configuration: initdb, a mail queued by the site, `portal mail-worker` puts it
    into var/maildir next to the ini."""
    from pyramid.paster import get_appsettings
    from portal import main
    ini = tmp_path / "development.ini"
    ini.write_text((Path(__file__).parents[2] / "development.ini").read_text())
    subprocess.run([str(PORTAL), "initdb", "-c", str(ini)], check=True, capture_output=True, timeout=120)
    subprocess.run([str(PORTAL), "add-user", "-c", str(ini), "ana@example.org"],  # no password: no hashing
                   check=True, capture_output=True, timeout=120, stdin=subprocess.DEVNULL)
    settings = get_appsettings(str(ini))
    app = main(settings.global_conf, **{**settings, "mail.worker_in_process": "false"})
    ask_for_password_link(webtest.TestApp(app, extra_environ={"HTTP_HOST": "127.0.0.1:6543"}), "ana@example.org")
    app.registry["engine"].dispose()

    done = subprocess.run([str(PORTAL), "mail-worker", "-c", str(ini), "--once"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "sent 1, failed 0" in done.stdout
    [msg] = list(mailbox.Maildir(tmp_path / "var" / "maildir", create=False))
    assert msg["To"] == "ana@example.org" and msg["Subject"] == "Choose a new password"


# --- the worker as its own process ----------------------------------------------------------------

def test_mail_worker_command_delivers_the_outbox_to_the_smtp_server(testapp, make_user, settings, db, smtp_server,
                                                                   tmp_path):
    make_user("ana@example.org")
    ask_for_password_link(testapp, "ana@example.org")
    make_user("ben@example.org")
    ask_for_password_link(testapp, "ben@example.org")
    ini = tmp_path / "worker.ini"
    ini.write_text(f"""[app:main]
use = egg:portal
sqlalchemy.url = {settings["sqlalchemy.url"].replace("%", "%%")}
portal.secret = {settings["portal.secret"]}
files.dir = {tmp_path}/files
search.whoosh_dir = {tmp_path}/whoosh
mail.delivery = smtp
mail.host = 127.0.0.1
mail.port = {smtp_server.port}
mail.sender = {settings["mail.sender"]}
""")
    done = subprocess.run([str(PORTAL), "mail-worker", "-c", str(ini), "--once"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "sent 2, failed 0" in done.stdout
    assert sorted(e.rcpt_tos[0] for e in smtp_server.messages) == ["ana@example.org", "ben@example.org"]
    rows = outbox(db)
    assert {r["status"] for r in rows} == {"sent"}
    assert {received(e)["Message-ID"] for e in smtp_server.messages} == {r["message_id"] for r in rows}

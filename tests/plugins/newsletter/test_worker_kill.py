"""The real `portal mail-worker`, killed with SIGKILL in the middle of a campaign and started again,
delivers the issue to every consenting subscriber: once each, or (the message in flight at the
kill) twice with the same Message-ID."""
import collections
import email
import email.policy
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select

from portal.models import utcnow
from portal.testing import base_settings, ini_text

from plugins.newsletter.campaign import start_campaign
from plugins.newsletter.models import Issue, IssueVersion, Subscriber

PORTAL = Path(sys.executable).with_name("portal")
SUBSCRIBERS = 40

def worker_ini(settings, tmp, port, rate):
    """The ini of a mail worker in its own process, on the test's database, sending to the test's SMTP server."""
    return ini_text(base_settings(tmp, settings["sqlalchemy.url"], plugins="plugins.experiences plugins.newsletter")
                    | {"portal.url": "http://portal.test", "mail.delivery": "smtp", "mail.host": "127.0.0.1",
                       "mail.port": port, "mail.timeout": "10", "mail.max_rate": rate})


def start_worker(ini, log):
    return subprocess.Popen([str(PORTAL), "mail-worker", "-c", str(ini), "--interval", "0.2"],
                            stdout=log, stderr=subprocess.STDOUT)


def wait_for(condition, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_a_worker_killed_mid_send_resumes_and_misses_no_subscriber(app, db, settings, smtp_server, tmp_path):
    with db() as s:
        for i in range(SUBSCRIBERS):
            s.add(Subscriber(email=f"reader{i}@example.org", status="subscribed", confirmed=utcnow()))
        s.add(Subscriber(email="left@example.org", status="unsubscribed"))
        s.add(Subscriber(email="pending@example.org", status="pending"))
        issue = Issue(title="Issue", default_language="en", base_url="http://portal.test")
        issue.versions.append(IssueVersion(language="en", subject="News of the network", editorial="<p>Hi</p>"))
        s.add(issue)
        s.flush()
        assert start_campaign(s, issue) == SUBSCRIBERS
    ini = tmp_path / "worker.ini"
    ini.write_text(worker_ini(settings, tmp_path, smtp_server.port, 20))
    log = open(tmp_path / "worker.log", "w+")
    worker = start_worker(ini, log)
    try:
        assert wait_for(lambda: len(smtp_server.messages) >= SUBSCRIBERS // 3, 60), "the worker sent nothing"
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
        at_kill = len(smtp_server.messages)
        assert at_kill < SUBSCRIBERS, "the kill came too late to test anything"
        worker = start_worker(ini, log)
        everyone = {f"reader{i}@example.org" for i in range(SUBSCRIBERS)}
        assert wait_for(lambda: {e.rcpt_tos[0] for e in smtp_server.messages} >= everyone, 60), \
            open(tmp_path / "worker.log").read()[-3000:]
        time.sleep(1.0)  # the restarted worker has nothing more to send: give it the time to prove it
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
        log.close()
    by_recipient = collections.defaultdict(list)
    for envelope in smtp_server.messages:
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        by_recipient[envelope.rcpt_tos[0]].append(msg["Message-ID"])
    assert set(by_recipient) == everyone  # nobody missed; nobody unsubscribed or unconfirmed reached
    repeated = {to: ids for to, ids in by_recipient.items() if len(ids) > 1}
    assert len(repeated) <= 1, repeated  # at most the message in flight at the kill
    for ids in repeated.values():
        assert len(ids) == 2 and ids[0] == ids[1]
    with db() as s:
        ids = dict(s.execute(select(Subscriber.email, Subscriber.id)).all())
        assert s.scalar(select(Issue.status)) == "sent"
    for to, message_ids in by_recipient.items():
        assert message_ids[0] == f"<newsletter.{issue.id}.{ids[to]}@test.example>"

"""Digests of the groups people follow: due daily or weekly by a controllable clock, covering each
event exactly once, only what the follower may read, delivered through the outbox to a real SMTP
server; and the command that runs them."""
import email
import email.policy
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from pyramid.scripting import prepare
from sqlalchemy import select

from portal.content import service as content_service
from portal.mail import deliver_pending
from portal.models import Follow, OutboxMessage, User, utcnow

from plugins.working_groups import services
from plugins.working_groups.digest import queue_digests
from plugins.working_groups.models import PageComment, WorkingGroup

PORTAL = Path(sys.executable).with_name("portal")


def run_digests(registry, db, now):
    with db() as s:
        env = prepare(registry=registry)
        request = env["request"]
        request.dbsession = s
        count = queue_digests(request, now)
        env["closer"]()
    return count


def outbox(db):
    with db() as s:
        return [(m.recipient, m.subject, m.body) for m in s.scalars(select(OutboxMessage).order_by(OutboxMessage.id))]


def set_follow(db, user_id, frequency, last_sent):
    with db() as s:
        follow = s.scalar(select(Follow).where(Follow.user_id == user_id, Follow.target_type == "working_group"))
        follow.frequency, follow.last_sent = frequency, last_sent


def revise(db, page_id, author_id, body, when):
    from plugins.working_groups.models import GroupPage
    with db() as s:
        page = s.get(GroupPage, page_id)
        page.body = body
        content_service.claim_revision(s, page, page.revision)
        s.flush()
        services.record_page_revision(s, page, s.get(User, author_id), "edit").created = when


def test_daily_and_weekly_digests_cover_each_event_once(world, db, registry):
    coord = world.person("coord@example.org", name="Carla Coordinator")
    daily = world.person("daily@example.org", name="Dora Daily", language="fr")
    weekly = world.person("weekly@example.org", name="Walter Weekly")
    gid = world.group("Observatories", coord, [daily, weekly])
    start = utcnow() - timedelta(days=10)
    set_follow(db, daily, "daily", start)
    set_follow(db, weekly, "weekly", start)
    with db() as s:
        s.scalar(select(Follow).where(Follow.user_id == coord, Follow.target_type == "working_group")).last_sent = utcnow() + timedelta(days=30)
    pid = world.page(gid, "Charter", "<p>x</p>", coord)
    with db() as s:  # the page was created "now": move its first revision into day 1
        from portal.models import Revision
        s.scalar(select(Revision).where(Revision.content_id == pid)).created = start + timedelta(hours=2)
        s.add(PageComment(page_id=pid, author_id=weekly, text="Looks good", created=start + timedelta(hours=30)))
    revise(db, pid, daily, "<p>y</p>", start + timedelta(days=3))

    assert run_digests(registry, db, start + timedelta(days=1)) == 1  # day 1: Dora's daily digest
    [(to, subject, body)] = outbox(db)
    assert to == "daily@example.org" and "Observatories" in subject
    assert "Charter" in body and "Carla Coordinator" in body and f"/groups/pages/{pid}" in body
    assert run_digests(registry, db, start + timedelta(days=1, hours=1)) == 0  # nothing twice
    # day 2: the comment; day 3: nothing new but her own revision (not sent to her)
    assert run_digests(registry, db, start + timedelta(days=2)) == 1
    assert "Looks good" in outbox(db)[-1][2]
    assert run_digests(registry, db, start + timedelta(days=3, hours=1)) == 0
    # the weekly one, on day 7, has the page, the comment (his own: left out) and Dora's revision
    assert run_digests(registry, db, start + timedelta(days=7)) == 1
    to, subject, body = outbox(db)[-1]
    assert to == "weekly@example.org"
    assert "Charter" in body and "Dora Daily" in body and "Looks good" not in body
    assert run_digests(registry, db, start + timedelta(days=8)) == 0
    assert len(outbox(db)) == 3


def test_a_late_run_misses_nothing_and_the_digest_is_in_the_followers_language(world, db, registry):
    coord = world.person("coord@example.org", name="Carla Coordinator")
    reader = world.person("lectrice@example.org", name="Léa", language="fr")
    gid = world.group("Observatoires", coord, [reader])
    start = utcnow() - timedelta(days=20)
    set_follow(db, reader, "weekly", start)
    pid = world.page(gid, "Charte", "<p>x</p>", coord)
    revise(db, pid, coord, "<p>late</p>", start + timedelta(days=12))  # the command did not run for 20 days
    assert run_digests(registry, db, utcnow()) == 1
    to, subject, body = outbox(db)[-1]
    assert "Observatoires" in subject and "Charte" in body
    assert "hebdomadaire" in subject.lower()  # French: the follower's language


def test_members_only_digests_stop_for_those_who_left(world, db, registry):
    coord = world.person("coord@example.org", name="Carla Coordinator")
    gone = world.person("gone@example.org", name="Gone")
    gid = world.group("Closed", coord, [gone], visibility="members")
    start = utcnow() - timedelta(days=2)
    set_follow(db, gone, "daily", start)
    with db() as s:  # leaves, but keeps the follow row (as if made before leaving)
        group = s.get(WorkingGroup, gid)
        m = group.membership_of(s.get(User, gone))
        group.memberships.remove(m)
        s.delete(m)
    world.page(gid, "Secret", "<p>x</p>", coord)
    assert run_digests(registry, db, utcnow() + timedelta(days=1)) == 0
    assert all(to != "gone@example.org" for to, *_ in outbox(db))


def test_digest_reaches_the_smtp_server(world, db, registry, smtp_server):
    coord = world.person("coord@example.org", name="Carla Coordinator")
    reader = world.person("reader@example.org", name="Rita Reader")
    gid = world.group("Observatories", coord, [reader])
    set_follow(db, reader, "daily", utcnow() - timedelta(days=1, minutes=1))
    world.page(gid, "Charter", "<p>x</p>", coord)
    assert run_digests(registry, db, utcnow()) == 1
    settings = {**registry.settings, "mail.delivery": "smtp", "mail.host": "127.0.0.1",
                "mail.port": str(smtp_server.port), "mail.timeout": "10"}
    assert deliver_pending(registry["dbsession_factory"], settings) == (1, 0)
    [envelope] = smtp_server.messages
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert envelope.rcpt_tos == ["reader@example.org"]
    assert "Observatories: daily digest" == message["Subject"]
    assert "New page “Charter” by Carla Coordinator" in message.get_content()


def write_ini(tmp_path, settings):
    keys = ["sqlalchemy.url", "portal.secret", "files.dir", "search.backend", "search.whoosh_dir", "mail.delivery",
            "mail.maildir", "auth.argon2_time_cost", "auth.argon2_memory_cost", "cache.marker_dir"]
    lines = ["[app:main]", "use = egg:portal", "portal.plugins = plugins.working_groups",
             "portal.url = https://portal.example.org"]
    lines += [f"{k} = {settings[k]}" for k in keys if k in settings]
    path = tmp_path / "site.ini"
    path.write_text("\n".join(lines) + "\n")
    return path


def command_parser():
    """The `portal` parser with this plugin's command, as portal.cli adds it for a site that enables it."""
    import argparse
    from plugins.working_groups.cli import register
    parser = argparse.ArgumentParser(prog="portal")
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name, func, help_text):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("-c", "--config", required=True)
        p.set_defaults(func=func)
        return p
    register(command)
    return parser


def test_the_command_queues_the_digests_due_at_the_time_given(world, db, settings, tmp_path, capsys):
    coord = world.person("coord@example.org", name="Carla Coordinator")
    reader = world.person("reader@example.org", name="Rita Reader")
    gid = world.group("Observatories", coord, [reader])
    set_follow(db, reader, "weekly", utcnow() - timedelta(days=2))
    world.page(gid, "Charter", "<p>x</p>", coord)
    ini = write_ini(tmp_path, settings)
    parser = command_parser()
    args = parser.parse_args(["working-groups-digest", "-c", str(ini)])
    args.func(args)
    assert "Queued 0 working-group digests" in capsys.readouterr().out  # weekly: not yet
    later = (utcnow() + timedelta(days=6)).strftime("%Y-%m-%dT%H:%M")
    args = parser.parse_args(["working-groups-digest", "-c", str(ini), "--now", later])
    args.func(args)
    assert "Queued 1 working-group digests" in capsys.readouterr().out
    [(to, subject, body)] = outbox(db)
    assert to == "reader@example.org" and "https://portal.example.org/groups/pages/" in body
    import pytest
    with pytest.raises(SystemExit, match="not a date and time"):
        args = parser.parse_args(["working-groups-digest", "-c", str(ini), "--now", "tomorrow"])
        args.func(args)


def test_the_portal_command_lists_the_digest_command_on_a_site_with_working_groups(settings, tmp_path):
    ini = write_ini(tmp_path, settings)  # enables plugins.working_groups only
    done = subprocess.run([str(PORTAL), "--help", "-c", str(ini)], capture_output=True, text=True, timeout=120)
    assert "working-groups-digest" in done.stdout

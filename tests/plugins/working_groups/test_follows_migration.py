"""The migration that moves a site's group followers to the core's follows: every follower keeps their
group and the digest's frequency and window (who had also pressed the core's Follow keeps one follow, now
with the digest), the plugin's table goes, and downgrading brings the digests back to it."""
from datetime import datetime

from alembic import command
from sqlalchemy import create_engine, inspect, text

from portal.migrations import alembic_config
from portal.testing import base_settings

ANA, BEN, CLEO = 1, 2, 3
SENT = datetime(2026, 11, 20, 8, 0)


def rows(conn, sql):
    return sorted(tuple(r) for r in conn.execute(text(sql)))


def test_the_groups_followers_become_core_follows_with_their_digest(tmp_path, test_plugins):
    url = f"sqlite:///{tmp_path}/site.sqlite"
    cfg = alembic_config(base_settings(tmp_path, url, plugins=test_plugins))
    command.upgrade(cfg, "0011_notifications")
    command.upgrade(cfg, "working_groups_002_translations")  # a site before the move
    engine = create_engine(url)
    with engine.begin() as conn:
        for uid, name in ((ANA, "Ana"), (BEN, "Ben"), (CLEO, "Cleo")):
            conn.execute(text("INSERT INTO users (id, email, name, language, active, public_profile, bio, created) "
                              "VALUES (:id, :email, :name, 'en', 1, 0, '', :now)"),
                         {"id": uid, "email": f"{name.lower()}@example.org", "name": name, "now": SENT})
        for gid in (10, 11):
            conn.execute(text("INSERT INTO working_groups (id, name, purpose, visibility, language, created) "
                              "VALUES (:id, :name, '', 'public', 'en', :now)"), {"id": gid, "name": f"G{gid}", "now": SENT})
        for gid, uid, frequency in ((10, ANA, "daily"), (10, BEN, "weekly"), (11, ANA, "weekly")):
            conn.execute(text("INSERT INTO working_group_follows (group_id, user_id, frequency, last_sent) "
                              "VALUES (:g, :u, :f, :sent)"), {"g": gid, "u": uid, "f": frequency, "sent": SENT})
        # Ben also pressed the core's Follow of group 10; Cleo follows group 11 with it only
        for uid, gid in ((BEN, 10), (CLEO, 11)):
            conn.execute(text("INSERT INTO follows (user_id, target_type, target_id, created) "
                              "VALUES (:u, 'working_group', :g, :now)"), {"u": uid, "g": gid, "now": SENT})
    command.upgrade(cfg, "heads")
    follows = ("SELECT user_id, target_id, frequency, last_sent IS NOT NULL FROM follows "
               "WHERE target_type = 'working_group'")
    with engine.connect() as conn:
        assert rows(conn, follows) == [(ANA, 10, "daily", 1), (ANA, 11, "weekly", 1), (BEN, 10, "weekly", 1),
                                       (CLEO, 11, None, 0)]
        assert {str(v)[:16] for v in conn.execute(text("SELECT last_sent FROM follows WHERE frequency IS NOT NULL"))
                .scalars()} == {"2026-11-20 08:00"}
    assert "working_group_follows" not in inspect(engine).get_table_names()
    command.downgrade(cfg, "working_groups_002_translations")
    with engine.connect() as conn:
        assert rows(conn, "SELECT group_id, user_id, frequency FROM working_group_follows") == [
            (10, ANA, "daily"), (10, BEN, "weekly"), (11, ANA, "weekly")]
        assert rows(conn, "SELECT DISTINCT frequency FROM follows") == [(None,)]
    engine.dispose()

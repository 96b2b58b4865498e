"""`portal working-groups-digest -c INI [--now 2026-11-22T08:00]`: queue the digests due now (the worker runs
the same every quarter of an hour, as the core's periodic task portal:follow-digests)."""
from datetime import datetime, timezone


def run(args):
    from portal.api import load
    from .digest import queue_digests
    now = None
    if args.now:
        try:
            now = datetime.fromisoformat(args.now)
        except ValueError:
            raise SystemExit(f"portal: --now {args.now}: not a date and time such as 2026-11-22T08:00")
        now = now.replace(tzinfo=timezone.utc) if now.tzinfo is None else now
    env = load(args.config)
    request = env["request"]
    tm = request.tm
    tm.begin()
    try:
        count = queue_digests(request, now)
        tm.commit()
    except Exception:
        tm.abort()
        raise
    finally:
        env["closer"]()
    print(f"Queued {count} working-group digests (the mail worker sends them).")


def register(command):
    p = command("working-groups-digest", run,
                "queue the daily and weekly digests of the working groups that are due now (the mail worker "
                "does it every quarter of an hour)")
    p.add_argument("--now", help="the time to act as if it were (UTC, ISO 8601), for tests and catching up")

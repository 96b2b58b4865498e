"""`portal crowdfunding close -c INI [--dry-run] [--predict DAYS]`: close the campaigns whose end has
passed, start their second rounds, warn the owners whose minimum is far (the worker does the same every
minute, as the periodic task crowdfunding:close). --dry-run says what would happen now and changes
nothing; --predict DAYS says what would happen over the next DAYS if nobody pledged meanwhile."""

ACTION_TEXT = {
    "warn-owner": "warn its owners: the minimum is not reached",
    "start-second-round": "start its second round towards the optimum",
    "close-funded": "close it funded: its pledges are collected",
    "close-failed-refund": "close it failed: its pledges cancelled, the paid ones refunded, supporters mailed",
    "close-kept": "close it under its minimum, keeping what was raised",
}


def step_line(step) -> str:
    from .money import money
    raised, minimum = money(step.raised, step.currency), money(step.minimum, step.currency)
    return (f"{step.at:%Y-%m-%d %H:%M} UTC  campaign {step.campaign_id} “{step.title}” "
            f"({raised} raised, minimum {minimum}): {ACTION_TEXT[step.action]}")


def run(args):
    from portal.api import load
    from .closing import close_due, planned
    if args.predict is not None and args.predict < 0:
        raise SystemExit("portal: --predict DAYS: a number of days, 0 or more")
    env = load(args.config)
    tm = env["request"].tm
    tm.begin()
    try:
        if args.dry_run or args.predict is not None:
            steps = planned(env["request"], days=args.predict)
            tm.abort()  # a dry run: nothing written
            heading = "Would do" if steps else "Nothing would happen"
        else:
            steps = close_due(env["request"])
            tm.commit()
            heading = "Done" if steps else "Nothing due"
    except Exception:
        tm.abort()
        raise
    finally:
        env["closer"]()
    print(f"{heading} ({len(steps)} steps)" + (":" if steps else "."))
    for step in steps:
        print("  " + step_line(step))


def register(command):
    p = command("crowdfunding", run, "close the campaigns whose end has passed, start their second rounds, warn "
                "their owners (the mail worker does it every minute)")
    p.add_argument("action", choices=("close",))
    p.add_argument("--dry-run", action="store_true", help="say what would happen now, change nothing")
    p.add_argument("--predict", type=int, metavar="DAYS",
                   help="say what would happen over the next DAYS (the amounts raised as they are now)")

"""`portal awards-publish -c INI`: publish the results of every call whose date has passed (the mails
to applicants, the badges). Safe to run from cron every few minutes: a call is published once."""


def run(args):
    from portal.api import load
    from .publication import publish_due_results
    env = load(args.config)
    try:
        sent = publish_due_results(env["request"])
    finally:
        env["closer"]()
    print(f"Queued {sent} result mails.")


def register(command):
    command("awards-publish", run, "publish the award results whose date has passed (mails to applicants)")

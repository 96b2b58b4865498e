"""The core as one include: what every portal has before any plugin."""
import threading

from .settings import as_bool


def includeme(config):
    config.include("pyramid_chameleon")
    config.include(".registry")
    config.include(".permissions")
    config.include(".db")
    config.include(".guard")
    config.include(".content.moves")
    config.include(".security")
    config.include(".cache")
    config.include(".i18n")
    config.include(".mail")
    config.include(".messages")
    config.include(".files")
    config.include(".search")
    config.include(".views")
    config.include(".content_types")
    from .workflow import ContentTransitioned, tell_the_author
    config.add_subscriber(tell_the_author, ContentTransitioned)
    config.include(".views.members")
    config.include(".views.manage")
    config.include(".views.dashboard")
    from .forms import configure_deform
    configure_deform()
    settings = config.get_settings()
    if as_bool(settings.get("mail.worker_in_process", "false")):
        _start_mail_thread(config)


def _start_mail_thread(config):
    """For `make serve` only: one process, so deliver the outbox from a daemon thread."""
    from .mail import run_worker
    thread = threading.Thread(target=run_worker, daemon=True, name="mail-worker",
                              args=(config.registry["dbsession_factory"], config.get_settings()),
                              kwargs={"interval": 3.0, "registry": config.registry})
    config.action(None, thread.start, order=10**6)

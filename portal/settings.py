"""Start-up checks: a missing or malformed setting stops the portal with one line that names it."""


class SettingError(Exception):
    """One-line message naming the setting; printed as is by `portal` and `make serve`."""


REQUIRED = ("sqlalchemy.url", "portal.secret", "files.dir")
CHOICES = {
    "search.backend": ("whoosh", "postgresql"),
    "mail.delivery": ("smtp", "maildir"),
    "portal.default_locale": ("en", "es", "fr", "pt"),
}
INTEGERS = ("files.max_size", "mail.port", "mail.max_attempts", "mail.max_rate", "auth.session_max_age",
            "auth.max_failures_account", "auth.max_failures_address", "auth.max_failures_account_total",
            "auth.known_address_days", "auth.throttle_minutes",
            "auth.argon2_time_cost", "auth.argon2_memory_cost", "cache.max_bytes", "search.whoosh_memory_mb",
            "search.index_processes")
BOOLEANS = ("mail.starttls", "mail.worker_in_process", "cache.anonymous_pages")
DEFAULTS = {
    "search.backend": "whoosh",
    "mail.delivery": "smtp",
    "mail.sender": "Network portal <portal@localhost>",
    "portal.default_locale": "en",
    "portal.site_name": "Network portal",
    "portal.plugins": "",
    "files.max_size": str(10 * 1024 * 1024),
    "auth.max_failures_account": "5",
    "auth.max_failures_address": "20",
    "auth.max_failures_account_total": "100",
    "auth.known_address_days": "90",
    "auth.throttle_minutes": "15",
}


def check_settings(settings):
    settings = dict(settings)
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    for key in REQUIRED:
        if not str(settings.get(key, "")).strip():
            raise SettingError(f"missing setting '{key}' in the [app:main] section of the ini file")
    if len(settings["portal.secret"]) < 16:
        raise SettingError("setting 'portal.secret' must be at least 16 characters long")
    for key, allowed in CHOICES.items():
        if settings[key] not in allowed:
            raise SettingError(f"setting '{key}' is '{settings[key]}'; expected one of: {', '.join(allowed)}")
    for key in INTEGERS:
        if key in settings and not str(settings[key]).strip().isdigit():
            raise SettingError(f"setting '{key}' must be a whole number, not '{settings[key]}'")
    for key in BOOLEANS:
        if key in settings and str(settings[key]).lower() not in ("true", "false", "1", "0", "yes", "no"):
            raise SettingError(f"setting '{key}' must be true or false, not '{settings[key]}'")
    if settings["search.backend"] == "whoosh" and not settings.get("search.whoosh_dir"):
        raise SettingError("missing setting 'search.whoosh_dir' (needed by search.backend = whoosh)")
    if settings["search.backend"] == "postgresql" and not str(settings["sqlalchemy.url"]).startswith("postgresql"):
        raise SettingError("setting 'search.backend = postgresql' needs a PostgreSQL 'sqlalchemy.url'")
    if settings["mail.delivery"] == "maildir" and not settings.get("mail.maildir"):
        raise SettingError("missing setting 'mail.maildir' (needed by mail.delivery = maildir)")
    url = settings.get("portal.url", "")
    if url and not (url.startswith("http://") or url.startswith("https://")):
        raise SettingError(f"setting 'portal.url' must start with http:// or https://, not '{url}'")
    if settings["mail.delivery"] == "smtp" and not settings.get("mail.host"):
        raise SettingError("missing setting 'mail.host' (needed by mail.delivery = smtp)")
    return settings


def as_bool(value):
    return str(value).lower() in ("true", "1", "yes")

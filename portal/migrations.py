"""Alembic configured from the portal's settings: the core's versions plus each plugin's folder."""
import importlib
from pathlib import Path

from alembic import command
from alembic.config import Config

CORE_VERSIONS = Path(__file__).parent / "alembic" / "versions"


def plugin_version_dirs(settings):
    dirs = []
    for name in settings.get("portal.plugins", "").split():
        module = importlib.import_module(name)
        folder = Path(module.__file__).parent / "migrations"
        if folder.is_dir():
            dirs.append(folder)
    return dirs


def alembic_config(settings, connection=None):
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "alembic"))
    cfg.set_main_option("version_locations", " ".join(str(d) for d in [CORE_VERSIONS, *plugin_version_dirs(settings)]))
    cfg.set_main_option("path_separator", "space")
    cfg.set_main_option("sqlalchemy.url", settings["sqlalchemy.url"].replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def upgrade(settings, connection=None):
    command.upgrade(alembic_config(settings, connection), "heads")

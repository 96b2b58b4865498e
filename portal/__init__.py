"""The network portal: a Pyramid application whose features come from plugins."""
from pyramid.config import Configurator

from .settings import check_settings


def main(global_config, **settings):
    """Includes the core, then each plugin named in `portal.plugins`."""
    settings = check_settings(settings)
    with Configurator(settings=settings) as config:
        config.include("portal.core")
        for name in settings["portal.plugins"].split():
            config.include(name)
    return config.make_wsgi_app()

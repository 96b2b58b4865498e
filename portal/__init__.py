"""The network portal: a Pyramid application whose features come from plugins."""
import warnings

# Pyramid still imports pkg_resources; its deprecation notice would open every command's output.
warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)

from pyramid.config import Configurator  # noqa: E402

from .i18n import add_plugin_translations  # noqa: E402
from .settings import check_settings  # noqa: E402


def main(global_config, **settings):
    """Includes the core, then each plugin named in `portal.plugins`."""
    settings = check_settings(settings)
    with Configurator(settings=settings) as config:
        config.include("portal.core")
        for name in settings["portal.plugins"].split():
            config.include(name)
            add_plugin_translations(config, name)
    config.registry.portal.check_requirements()
    return config.make_wsgi_app()

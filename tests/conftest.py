"""The `portal` fixtures come from the portal.testing pytest plugin (setup.cfg). Every test app loads
the project's plugins and the tiny plugin in tests/support/sample_plugin, which proves a plugin needs
no change in the core. PORTAL_TEST_PLUGINS adds more."""
import os
import sys
from pathlib import Path

# The test-only plugins are importable by name; tests/ itself is not put on the path (its plugins/
# folder of tests would hide the project's plugins package).
SUPPORT = Path(__file__).parent / "support"
sys.path.insert(0, str(SUPPORT))

import pytest

def project_plugins():
    """The plugins development.ini enables: the tests load what `make serve` loads."""
    from configparser import ConfigParser
    ini = ConfigParser(interpolation=None)
    ini.read(Path(__file__).resolve().parent.parent / "development.ini")
    return ini["app:main"]["portal.plugins"].split()


PROJECT_PLUGINS = project_plugins()

try:  # property tests check what is computed, never how fast: no deadline, no "too slow" on a loaded machine
    from hypothesis import HealthCheck
    from hypothesis import settings as hypothesis_settings
    hypothesis_settings.register_profile("portal", deadline=None, suppress_health_check=[HealthCheck.too_slow])
    hypothesis_settings.load_profile("portal")
except ImportError:  # pragma: no cover
    pass


def pytest_configure(config):
    config.portal_plugins = " ".join(PROJECT_PLUGINS + ["sample_plugin", os.environ.get("PORTAL_TEST_PLUGINS", "")]).strip()


@pytest.fixture(scope="session")
def test_plugins(pytestconfig):
    return pytestconfig.portal_plugins


def pytest_collection_modifyitems(config, items):
    """PORTAL_TEST_ORDER=reverse runs the tests last to first: a test that leaves something behind in the
    session's app (a setting, a row, a file) fails the one that now runs after it."""
    if os.environ.get("PORTAL_TEST_ORDER") == "reverse":
        items.reverse()

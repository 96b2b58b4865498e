"""The `portal` fixtures come from the portal.testing pytest plugin (setup.cfg). Every test app also
loads the tiny plugin in tests/sample_plugin, which proves a plugin needs no change in the core."""
import os

import pytest


@pytest.fixture(scope="session")
def test_plugins():
    return " ".join(["sample_plugin", os.environ.get("PORTAL_TEST_PLUGINS", "")]).strip()

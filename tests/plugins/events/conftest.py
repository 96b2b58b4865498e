"""PORTAL_EVENTS_ONLY=1 loads only the plugins these tests need (experiences, events and the sample plugin),
for working on the events plugin while another plugin of the tree does not start; unset, every plugin
of development.ini is loaded, as in the full suite."""
import os

import pytest


@pytest.fixture(scope="session")
def test_plugins(test_plugins):
    if os.environ.get("PORTAL_EVENTS_ONLY") == "1":
        return "plugins.experiences plugins.events sample_plugin"
    return test_plugins

"""The governance tests' fixtures: the clock stopped at 2026-12-01 (frozen_clock), a secretariat."""
import pytest


@pytest.fixture
def at(frozen_clock):
    return frozen_clock


@pytest.fixture
def secretariat(make_user):
    return make_user("sec@example.org", role="secretariat", name="Secretariat")

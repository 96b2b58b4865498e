"""The governance tests' fixtures (the work plan and the presidency call): the clock stopped at
2026-12-01, a secretariat."""
import pytest


@pytest.fixture
def at(frozen_clock):
    return frozen_clock


@pytest.fixture
def secretariat(make_user):
    return make_user("sec@example.org", role="secretariat", name="Secretariat")

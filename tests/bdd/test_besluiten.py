"""Bindings of features/besluiten: mandate and ratification, withdrawal, expiry, outcome, and
authority (the steps are shared with the agreements, in governance_steps)."""

import pytest
from pytest_bdd import scenarios

from tests.bdd.governance_steps import *  # noqa: F403

# Every scenario runs on SQLite and on PostgreSQL (the `store` fixture's two parameters).
pytestmark = pytest.mark.usefixtures("store")
scenarios("besluiten")

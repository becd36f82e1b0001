"""Bindings of features/overeenkomsten: entering into agreements, plustaken, amendments,
withdrawal and end, cost sharing and reporting duties (steps in governance_steps)."""

import pytest
from pytest_bdd import scenarios

from tests.bdd.governance_steps import *  # noqa: F403

# Every scenario runs on SQLite and on PostgreSQL (the `store` fixture's two parameters).
pytestmark = pytest.mark.usefixtures("store")
scenarios("overeenkomsten")

"""Bindings of features/begroting: allocations, reservations, spending, shifts, funding, balance
assertions and the finance view. The steps live in `programma_steps` (shared with programma)."""

import pytest
from pytest_bdd import scenarios

from tests.bdd.programma_steps import *  # noqa: F403  (the step definitions)

# Every scenario runs on SQLite and on PostgreSQL (the `store` fixture's two parameters).
pytestmark = pytest.mark.usefixtures("store")
scenarios("begroting")

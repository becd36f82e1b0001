"""Steps shared by every feature: the world is built through the application (never the
database), and a refused command is captured so a `Dan` step can check its sentence."""

from __future__ import annotations

import pytest
from pytest_bdd import parsers, then

from ledger.errors import LedgerError
from ledger.storage import RawLog


class World:
    """What a scenario has done so far: the last outcome or refusal, and the log size before."""

    def __init__(self, ledger):
        self.ledger = ledger
        self.outcome = None
        self.error: LedgerError | None = None
        with RawLog(ledger.store) as raw:
            self.events_at_start = raw.count_and_max()[0]

    def attempt(self, fn, *args, **kwargs):
        self.error = None
        with RawLog(self.ledger.store) as raw:
            self.events_before = raw.count_and_max()[0]
        try:
            self.outcome = fn(*args, **kwargs)
        except LedgerError as e:
            self.error = e
        return self.outcome

    def events(self) -> int:
        with RawLog(self.ledger.store) as raw:
            return raw.count_and_max()[0]


@pytest.fixture
def world(ledger) -> World:
    return World(ledger)


@then(parsers.parse('wordt dit geweigerd met "{text}"'))
def refused_with(world, text):
    assert world.error is not None, "the command was not refused"
    assert text in world.error.message, world.error.message


@then("is er niets vastgelegd")
def nothing_written(world):
    assert world.events() == world.events_before


@then("wordt dit aanvaard")
def accepted(world):
    assert world.error is None, world.error and world.error.message

"""Bindings of features/meekoppelkansen: two pieces of work coupled, and their status."""

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from tests.bdd.programma_steps import *  # noqa: F403  (the shared step definitions)
from tests.bdd.programma_steps import read
from tests.conftest import env

pytestmark = pytest.mark.usefixtures("store")
scenarios("meekoppelkansen")


@given(parsers.parse('meekoppelkans "{key}" tussen "{a}" en "{b}"'))
def coupled(world, key, a, b):
    world.ledger.meekoppel_add(env("2021-11-01"), key=key, name="Samen in de straat",
                               works=[a, b])


@given(parsers.parse('de status van meekoppelkans "{key}" is "{status}"'))
def has_status(world, key, status):
    world.ledger.meekoppel_status(env("2021-11-15"), key=key, status=status)


@when(parsers.parse('het secretariaat meekoppelkans "{key}" vastlegt tussen "{a}" en "{b}"'))
def add(world, key, a, b):
    world.attempt(world.ledger.meekoppel_add, env("2021-11-01"), key=key,
                  name="Samen in de straat", works=[a, b])


@when(parsers.parse('het secretariaat de status van meekoppelkans "{key}" wijzigt in "{status}"'))
def change(world, key, status):
    world.attempt(world.ledger.meekoppel_status, env("2021-12-01"), key=key, status=status)


@then(parsers.parse('heeft meekoppelkans "{key}" de status "{status}"'))
def status_is(world, key, status):
    from projections.meekoppelkansen import meekoppelkans

    assert meekoppelkans(read(world), key)["status"] == status


@then(parsers.parse('staat meekoppelkans "{key}" in de audit trail van "{subject}"'))
def in_trail(world, key, subject):
    from projections.meekoppelkansen import meekoppelkans

    reader = read(world)
    trail = [e for e in reader.entries(subject=subject) if e.kind == "meekoppelkans"]
    assert len(trail) == len(meekoppelkans(reader, key)["history"])

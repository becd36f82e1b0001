"""Bindings of features/partijen."""

import json

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from ledger.domain.party import Party
from ledger.storage import RawLog
from tests.conftest import env

# Every scenario runs on SQLite and on PostgreSQL (the `store` fixture's two parameters).
pytestmark = pytest.mark.usefixtures("store")
scenarios("partijen")


@given(parsers.parse('de gemeente "{name}" met CBS-code "{cbs}" is geregistreerd'))
def gemeente_registered(world, name, cbs):
    world.ledger.party_add(env(), kind="gemeente", name=name, cbs=cbs)


@given(parsers.parse('de provincie "{name}" met sleutel "{key}" is geregistreerd'))
def provincie_registered(world, name, key):
    world.registration = world.ledger.party_add(env(), kind="provincie", name=name, key=key)
    with RawLog(world.ledger.store) as raw:
        world.original = raw.event_at(world.registration.positions[0])


@when(parsers.re(r'het secretariaat de gemeente "(?P<name>[^"]*)" met CBS-code "(?P<cbs>[^"]*)" '
                 r'registreert( met command-id "(?P<cid>[^"]*)")?$'))
def register_gemeente(world, name, cbs, cid):
    world.attempt(world.ledger.party_add, env(command_id=cid), kind="gemeente", name=name, cbs=cbs)


@when(parsers.parse('het secretariaat de naam van partij "{key}" corrigeert naar "{name}"'))
def correct_name(world, key, name):
    world.attempt(world.ledger.party_correct, env(reason="spelling"), key, name=name)


@then(parsers.parse('is partij "{key}" een gemeente met naam "{name}"'))
def is_gemeente(world, key, name):
    party = world.ledger.get(Party, key)
    assert (party.kind, party.name) == ("gemeente", name)


@then(parsers.parse('heeft partij "{key}" de TOOI-identificatie "{uri}"'))
def has_tooi(world, key, uri):
    assert world.ledger.get(Party, key).tooi == uri


@then(parsers.parse('heeft partij "{key}" de naam "{name}"'))
def has_name(world, key, name):
    assert world.ledger.get(Party, key).name == name


@then("verwijst de correctie naar de registratie")
def correction_refers(world):
    with RawLog(world.ledger.store) as raw:
        state = json.loads(raw.event_at(world.outcome.positions[0]).state)
    assert state["corrects"] == world.registration.positions[0]


@then("staat de oorspronkelijke registratie ongewijzigd in het logboek")
def original_intact(world):
    with RawLog(world.ledger.store) as raw:
        assert raw.event_at(world.registration.positions[0]) == world.original


@then(parsers.parse('staat er precies één registratie van "{key}" in het logboek'))
def exactly_one(world, key):
    with RawLog(world.ledger.store) as raw:
        registrations = [r for r in raw.rows() if r.topic.endswith("Party.Registered")
                         and json.loads(r.state)["key"] == key]
    assert len(registrations) == 1


# --- population ----------------------------------------------------------------------------------

def _figures(world) -> dict:
    if not hasattr(world, "figures"):
        world.figures = {}
    return world.figures


@given(parsers.parse('voor "{key}" zijn {count:d} inwoners op peildatum {peildatum} vastgelegd'))
def population_recorded(world, key, count, peildatum):
    out = world.ledger.party_population(env(on=peildatum), key, peildatum=peildatum,
                                        inwoners=count, source="CBS")
    _figures(world)[count] = out.positions[0]


@when(parsers.re(r'het secretariaat voor "(?P<key>[^"]+)" (?P<count>\S+) inwoners op peildatum '
                 r'(?P<peildatum>\S+) vastlegt (met bron "(?P<source>[^"]*)"|als correctie van '
                 r'het cijfer van (?P<corrected>\d+))$'))
def record_population(world, key, count, peildatum, source, corrected):
    corrects = _figures(world)[int(corrected)] if corrected else None
    world.attempt(world.ledger.party_population, env(on=peildatum, corrects=corrects), key,
                  peildatum=peildatum, inwoners=count, source=source or "CBS")
    if world.error is None:
        _figures(world)[int(count)] = world.outcome.positions[0]


@then(parsers.parse('heeft "{key}" op peildatum {peildatum} {count:d} inwoners'))
def has_population(world, key, peildatum, count):
    from datetime import date

    assert world.ledger.get(Party, key).population(date.fromisoformat(peildatum)) == count


@then(parsers.parse("verwijst het nieuwe cijfer naar het cijfer van {count:d}"))
def refers_to(world, count):
    with RawLog(world.ledger.store) as raw:
        state = json.loads(raw.event_at(world.outcome.positions[0]).state)
    assert state["corrects"] == world.figures[count]


def _view(world, on=None):
    from projections.journal import catch_up
    from projections.parties import parties
    from projections.reading import Horizon, Reader
    from projections.tables import create_tables

    create_tables(world.ledger.store)
    catch_up(world.ledger)
    return parties(Reader(world.ledger.store, Horizon(on=on)))


@then(parsers.parse('toont de geschiedenis van "{key}" de cijfers {first:d} en {last:d}, waarvan '
                    'het laatste telt'))
def history(world, key, first, last):
    figures = _view(world)[key]["populations"]
    assert [(f["inwoners"], f["counts"]) for f in figures] == [(first, False), (last, True)]
    assert figures[1]["corrects"] == figures[0]["position"]


@then(parsers.re(r'telt "(?P<key>[^"]+)" op (?P<on>\S+) (?P<count>\d+|geen) inwoners$'))
def population_on(world, key, on, count):
    from datetime import date

    figure = _view(world, date.fromisoformat(on))[key]["population"]
    if count == "geen":
        assert figure is None
    else:
        assert figure["inwoners"] == int(count)

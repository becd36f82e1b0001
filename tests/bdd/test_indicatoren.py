"""Bindings of features/indicatoren: indicators, their targets and measurements, and progress."""

from decimal import Decimal

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from tests.bdd.programma_steps import *  # noqa: F403  (the shared step definitions)
from tests.bdd.programma_steps import read
from tests.conftest import env

pytestmark = pytest.mark.usefixtures("store")
scenarios("indicatoren")


def number(text: str) -> str:
    return text.replace(",", ".")


@given(parsers.parse('indicator "{key}" in "{unit}" met nulmeting {value} op {on} uit "{source}"'))
def indicator_exists(world, key, unit, value, on, source):
    world.ledger.indicator_define(env("2024-01-01"), indicator=key, name=key, unit=unit,
                                  baseline=value, baseline_date=on, baseline_source=source)


@given(parsers.parse('het doel van "{key}" voor {year:d} is {value}'))
def target_exists(world, key, year, value):
    world.ledger.indicator_target(env("2024-01-01"), indicator=key, year=year, value=value)


@when(parsers.parse('het secretariaat het doel van "{key}" voor {year:d} op {value} zet'))
def set_target(world, key, year, value):
    world.attempt(world.ledger.indicator_target, env("2024-01-01"), indicator=key, year=year,
                  value=value)


@when(parsers.re(r'het secretariaat op (?P<on>\S+) voor "(?P<key>[^"]+)" (?P<value>[\d,.]+)'
                 r'( "(?P<unit>[^"]+)")? meet (uit "(?P<source>[^"]+)"|zonder bron)$'))
def measure(world, on, key, value, unit, source):
    world.attempt(world.ledger.indicator_measure, env(on), indicator=key, value=value,
                  unit=unit, source=source)


@then(parsers.parse('is de laatste meting van "{key}" op {on} gelijk aan {value}'))
def latest(world, key, on, value):
    from projections.indicators import indicator

    assert indicator(read(world, on), key)["progress"]["actual"] == Decimal(number(value))


@then(parsers.parse('is "{key}" op {on} "{verdict}" met verwachte waarde {expected}'))
def verdict(world, key, on, verdict, expected):
    from projections.indicators import indicator

    p = indicator(read(world, on), key)["progress"]
    assert (p["verdict"], p["expected"]) == (verdict, Decimal(number(expected)))

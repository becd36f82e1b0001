"""Bindings of features/classificatie: classification by instrument, level and role."""

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from tests.bdd.programma_steps import *  # noqa: F403  (the shared step definitions)
from tests.bdd.programma_steps import read
from tests.conftest import env

pytestmark = pytest.mark.usefixtures("store")
scenarios("classificatie")


@given(parsers.parse('onderwerp "{topic}" is geclassificeerd als instrument "{instrument}" en '
                     'rol "{role}"'))
def classified(world, topic, instrument, role):
    world.ledger.workstream_classify(env("2021-10-05"), topic=topic, instrument=instrument,
                                     role=role)


@when(parsers.parse('het secretariaat onderwerp "{topic}" classificeert als instrument '
                    '"{instrument}" en rol "{role}"'))
def classify(world, topic, instrument, role):
    world.attempt(world.ledger.workstream_classify, env("2021-11-01"), topic=topic,
                  instrument=instrument, role=role)


@when(parsers.parse('het secretariaat onderwerp "{topic}" classificeert met rol "{role}"'))
def classify_role(world, topic, role):
    world.attempt(world.ledger.workstream_classify, env("2021-11-01"), topic=topic, role=role)


@then(parsers.parse('is "{subject}" geclassificeerd als "{instrument}", "{level}", "{role}"'))
def is_classified(world, subject, instrument, level, role):
    from projections.classification import classifications

    c = classifications(read(world))[subject]
    assert (c["instrument"], c["level"], c["role"]) == (instrument, level, role)


@then(parsers.parse('staat de classificatie in de audit trail van "{subject}"'))
def in_trail(world, subject):
    entries = list(read(world).entries(subject=subject))
    assert any(e.kind == "classification" for e in entries)


@then(parsers.parse('zijn de onderwerpen van "{path}" met {field} "{value}": "{keys}"'))
def filtered(world, path, field, value, keys):
    from projections.classification import matching
    from projections.programme import workstream

    reader = read(world)
    criteria = {{"niveau": "level", "rol": "role", "instrument": "instrument"}[field]: value}
    found = matching(reader, **criteria)
    topics = [t["key"].rsplit("/", 1)[-1] for t in workstream(reader, path)["topics"]
              if f"topic:{t['key']}" in found]
    assert topics == [k.strip() for k in keys.split(",")]

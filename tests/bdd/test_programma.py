"""Bindings of features/programma: programmes, werkstromen and onderwerpen (topics). Steps shared
with features/begroting live in `programma_steps`."""

import pytest
from pytest_bdd import parsers, scenarios, then, when

from ledger.domain.programme import Programme
from tests.bdd.programma_steps import *  # noqa: F403  (the shared step definitions)
from tests.bdd.programma_steps import MANDATES, _list, read
from tests.conftest import env

# Every scenario runs on SQLite and on PostgreSQL (the `store` fixture's two parameters).
pytestmark = pytest.mark.usefixtures("store")
scenarios("programma")


@when(parsers.parse('het secretariaat het programma "{code}" aanmaakt onder overeenkomst '
                    '"{agreement}" van {start} tot {end}'))
def create_programme(world, code, agreement, start, end):
    create_programme_on(world, "2021-09-01", code, agreement, start, end)


@when(parsers.parse('het secretariaat op {on} het programma "{code}" aanmaakt onder overeenkomst '
                    '"{agreement}" van {start} tot {end}'))
def create_programme_on(world, on, code, agreement, start, end):
    world.attempt(world.ledger.programme_create, env(on), code=code,
                  name="Warmtetransitie Regio Leiden", agreement=agreement, start=start, end=end,
                  mandates=_list(MANDATES))


@when(parsers.parse('het secretariaat het programma "{code}" aanmaakt met publieke waarden '
                    '"{values}"'))
def create_with_values(world, code, values):
    world.attempt(world.ledger.programme_create, env("2021-09-01"), code=code,
                  name="Warmtetransitie Regio Leiden", agreement="WRL-SOK", start="2021-09-01",
                  end="2022-12-31", public_values=_list(values))


@when(parsers.parse('het secretariaat het programma "{code}" aanmaakt met mandaten "{mandates}"'))
def create_with_mandates(world, code, mandates):
    world.attempt(world.ledger.programme_create, env("2021-09-01"), code=code,
                  name="Warmtetransitie Regio Leiden", agreement="WRL-SOK", start="2021-09-01",
                  end="2022-12-31", mandates=_list(mandates))


@when(parsers.parse('het secretariaat werkstroom "{ws}" "{name}" toevoegt aan "{code}"'))
def add_workstream(world, ws, name, code):
    world.attempt(world.ledger.workstream_add, env("2021-09-01"), programme=code, code=ws,
                  name=name)


@when(parsers.re(r'het secretariaat op (?P<on>\S+) onderwerp "(?P<key>[^"]+)" "(?P<name>[^"]+)" '
                 r'toevoegt aan "(?P<path>[^"]+)"( met:)?$'))
def add_topic(world, on, key, name, path, datatable=None):
    programme, ws = path.split("/")
    fields = {row[0].strip(): row[1].strip() for row in (datatable or [])}
    world.attempt(world.ledger.workstream_topic, env(on), programme=programme, workstream=ws,
                  key=key, name=name, **fields)


@when(parsers.re(r'"(?P<actor>[^"]+)" op (?P<on>\S+) de status van "(?P<topic>[^"]+)" wijzigt in '
                 r'"(?P<status>[^"]*)"( met referentie "(?P<ref>[^"]+)")?'
                 r'( op gezag van besluit "(?P<decision>[^"]+)")?$'))
def change_status(world, actor, on, topic, status, ref, decision):
    world.attempt(world.ledger.workstream_status, env(on, actor=actor, refs=[ref] if ref else None),
                  topic=topic, status=status, decision=decision)


@when(parsers.parse('"{actor}" op {on} onderwerp "{topic}" afhankelijk maakt van "{dep}"'))
def add_dependency(world, actor, on, topic, dep):
    world.attempt(world.ledger.workstream_status, env(on, actor=actor), topic=topic,
                  depends_on=[dep])


@when(parsers.parse('"{actor}" op {on} de afhankelijkheid van "{topic}" van "{dep}" laat vervallen'))
def drop_dependency(world, actor, on, topic, dep):
    world.attempt(world.ledger.workstream_status, env(on, actor=actor), topic=topic,
                  drop_depends_on=[dep])


@then(parsers.parse('loopt programma "{code}" onder overeenkomst "{agreement}" van {start} tot {end}'))
def programme_runs(world, code, agreement, start, end):
    from projections.programme import programme

    p = programme(read(world), code)
    assert (p["agreement"], p["start"], p["end"]) == (agreement, start, end)


@then(parsers.parse('is overeenkomst "{key}" op {on} nog een concept'))
def agreement_is_concept(world, key, on):
    from datetime import date

    from ledger.domain.agreement import Agreement
    from ledger.rules.agreement import CONCEPT

    assert world.ledger.get(Agreement, key).status(date.fromisoformat(on)) == CONCEPT


@then(parsers.parse('borgt programma "{code}" de publieke waarden "{values}"'))
def programme_values(world, code, values):
    assert world.ledger.get(Programme, code).public_values == _list(values)


@then(parsers.parse('mag "{body}" in programma "{code}" tot "{limit}" verschuiven'))
def mandate_limit(world, body, code, limit):
    from ledger.domain.programme import describe_limit

    assert describe_limit(world.ledger.get(Programme, code).mandates[body]) == limit


@then(parsers.parse('mag "{body}" in programma "{code}" onbeperkt verschuiven'))
def mandate_unlimited(world, body, code):
    mandates = world.ledger.get(Programme, code).mandates
    assert body in mandates and mandates[body] is None


@then(parsers.parse('heeft programma "{code}" de werkstromen "{codes}"'))
def programme_workstreams(world, code, codes):
    from projections.programme import programme

    assert list(programme(read(world), code)["workstreams"]) == _list(codes)


@then(parsers.re(r'heeft onderwerp "(?P<topic>[^"]+)" op (?P<on>\S+) (de|het) (?P<field>\w+) '
                 r'"(?P<value>[^"]*)"$'))
def topic_field(world, topic, on, field, value):
    from projections.programme import topic as load

    assert load(read(world, on), topic)[field] == value


@then(parsers.parse('telt de audit trail van "{subject}" {n:d} gebeurtenissen'))
def trail_length(world, subject, n):
    from projections.trail import trail

    world.trail = trail(read(world), subject)
    assert len(world.trail) == n


@then(parsers.parse('is de laatste gebeurtenis in die trail vastgelegd door "{actor}" met '
                    'ingangsdatum {on} en referentie "{ref}"'))
def trail_last(world, actor, on, ref):
    last = world.trail[-1]
    assert (last["actor"], last["effective"], last["refs"]) == (actor, on, [ref])


@then(parsers.parse('hangt onderwerp "{topic}" af van "{dep}" met status "{status}"'))
def depends_with_status(world, topic, dep, status):
    from projections.programme import workstream

    programme, ws, _ = topic.split("/")
    found = next(t for t in workstream(read(world), f"{programme}/{ws}")["topics"]
                 if t["key"] == topic)
    assert {"on": dep, "status": status} in found["dependencies"], found["dependencies"]


@then(parsers.parse('hangt onderwerp "{topic}" op {on} af van "{dep}"'))
def depends_on_date(world, topic, on, dep):
    from projections.programme import topic as load

    assert dep in load(read(world, on), topic)["depends_on"]


@then(parsers.parse('hangt onderwerp "{topic}" op {on} van niets af'))
def depends_on_nothing(world, topic, on):
    from projections.programme import topic as load

    assert load(read(world, on), topic)["depends_on"] == []

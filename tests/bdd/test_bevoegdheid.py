"""Bindings of features/bevoegdheid: the competence table, one Regel per row, each act done
through the application on a decision of the body named in the example (recorded on the spot,
in force: dated before the act and, for a PHO, ratified by every participant)."""

from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from ledger.storage import RawLog
from tests.bdd.governance_steps import *  # noqa: F403
from tests.bdd.governance_steps import LEIDSE_REGIO, keys, reader
from tests.conftest import env

# Every scenario runs on SQLite and on PostgreSQL (the `store` fixture's two parameters).
pytestmark = pytest.mark.usefixtures("store")
scenarios("bevoegdheid")

DECIDED = "2022-01-03"  # the day every example's decision is taken (before the acts)
NOORD_LIMBURG = ["GM0983", "GM0984", "GM1507"]


def state(world) -> tuple[int, str]:
    with RawLog(world.ledger.store) as raw:
        return raw.count_and_max()[0], str(raw.head())


def decided_by(world, body: str, *, ratified: bool = True) -> str:
    """A decision of `body`, taken on DECIDED; a PHO's lists the parties of its region and, with
    `ratified`, every one of their colleges has ratified it."""
    world.counter = getattr(world, "counter", 0) + 1
    key = f"B-{world.counter}"
    kind, _, who = body.partition(":")
    participants = None
    if kind == "pho":
        participants = NOORD_LIMBURG if who.upper() == "RES" else list(LEIDSE_REGIO)
    world.ledger.decision_record(env(DECIDED), key=key, body=body, title="Besluit",
                                 datum=DECIDED, participants=participants)
    for party in participants if ratified and participants else []:
        world.ledger.decision_ratify(env(DECIDED), key, party=party, datum=DECIDED)
    return key


def attempt(world, fn, *args, **kwargs) -> None:
    """Run the act; remember the log's size and fingerprint just before it."""
    world.state_before = state(world)
    world.attempt(fn, *args, **kwargs)


# --- the world ---------------------------------------------------------------------------------

@given(parsers.parse('de zes gemeenten van de Leidse regio zijn sinds {datum} partij bij "{key}"'))
def six_bound(world, datum, key):
    from tests.conftest import agreement_of_the_six

    agreement_of_the_six(world.ledger, key, signed=datum)


@given(parsers.parse('"{parties}" zijn sinds {datum} partij bij centrumregeling "{key}"'))
def regeling_bound(world, parties, datum, key):
    world.ledger.agreement_create(env("2021-07-01"), key=key, kind="centrumregeling",
                                  title="Centrumregeling", parties=keys(parties))
    for party in keys(parties):
        decision = f"BW-{party}-{key}"
        world.ledger.decision_record(env(datum), key=decision, body=f"college:{party}",
                                     title="Aangaan", datum=datum)
        world.ledger.agreement_sign(env(datum), key, party=party, decision=decision,
                                    datum=datum)


@given(parsers.parse('het programma "{code}" loopt onder "{agreement}" met mandaten "{mandates}"'))
def programme_runs(world, code, agreement, mandates):
    L = world.ledger
    L.programme_create(env("2021-09-01"), code=code, name=code, agreement=agreement,
                       start="2021-09-01", end="2022-12-31", mandates=keys(mandates))
    for ws in ("WS1", "WS2"):
        L.workstream_add(env("2021-09-01"), programme=code, code=ws, name=ws)
    L.budget_allocate(env("2021-10-01"), programme=code, workstream="WS1", year=2022,
                      amount="450000")
    L.budget_allocate(env("2021-10-01"), programme=code, workstream="WS2", year=2022,
                      amount="150000")
    L.budget_reserve(env("2021-11-01"), programme=code, workstream="WS1", year=2022,
                     amount="10000", purpose="Onderzoek", reservation="R-1")
    L.workstream_topic(env("2021-10-01"), programme=code, workstream="WS1", key="T1",
                       name="Onderwerp")
    L.indicator_define(env("2021-10-01"), indicator=f"{code}/I1", name="Aansluitingen",
                       unit="woningen", baseline=0, baseline_date="2021-01-01",
                       baseline_source="Nulmeting")


@given(parsers.parse('Voorschoten ("{party}") heeft een Routekaart "{key}" met een stap "{stap}"'))
def routekaart(world, party, key, stap):
    L = world.ledger
    L.decision_record(env("2019-01-31"), key="RAAD-RK", body=f"raad:{party}",
                      title="Routekaart", datum="2019-01-31")
    L.routekaart_create(env("2019-01-31"), key=key, title="Routekaart", party=party,
                        decision="RAAD-RK")
    L.routekaart_weg(env("2019-02-01"), key, title="Weg 1", number=stap.split(".")[0])
    L.routekaart_stap(env("2019-02-01"), key, stap=stap, title="Stap")
    L.decision_record(env(DECIDED), key="PHO-R", body="pho:WRL", title="Voorstel",
                      datum=DECIDED, participants=list(LEIDSE_REGIO))
    L.agreement_create(env("2021-12-01"), key="NIEUW", kind="convenant", title="Convenant",
                       parties=["GM0546", "GM0547"])


# --- the acts ----------------------------------------------------------------------------------

def programme_act(L, act: str, code: str, on: str, key: str):  # noqa: C901 (one table)
    ref = env(on, refs=[f"besluit:{key}"])
    if act == "toewijzen":
        return L.budget_allocate(env(on), programme=code, workstream="WS1", year=2022,
                                 amount="1000", decision=key)
    if act == "reserveren":
        return L.budget_reserve(ref, programme=code, workstream="WS1", year=2022,
                                amount="1000", purpose="Advies")
    if act == "besteden":
        return L.budget_spend(ref, programme=code, amount="1000", reference="factuur:1",
                              workstream="WS1", year=2022)
    if act == "vrijgeven":
        return L.budget_release(ref, programme=code, reservation="R-1")
    if act == "financieren":
        return L.budget_fund(ref, programme=code, source_kind="rijk", source="CDOKE",
                             amount="1000")
    if act == "gedrukt bedrag vastleggen":
        return L.budget_assert(ref, programme=code, column="reservering", amount="10000",
                               document="Rapportage", year=2022, workstream="WS1")
    if act == "werkstroom toevoegen":
        return L.workstream_add(ref, programme=code, code="WS9", name="Nieuw")
    if act == "onderwerp toevoegen":
        return L.workstream_topic(env(on), programme=code, workstream="WS1", key="T9",
                                  name="Nieuw onderwerp", decision=key)
    if act == "onderwerp wijzigen":
        return L.workstream_status(env(on), topic=f"{code}/WS1/T1", status="In uitvoering",
                                   decision=key)
    if act == "indicator vaststellen":
        return L.indicator_define(ref, indicator=f"{code}/I9", name="Warmtenetten",
                                  unit="woningen", baseline=0, baseline_date="2021-01-01",
                                  baseline_source="Nulmeting")
    if act == "streefwaarde vaststellen":
        return L.indicator_target(ref, indicator=f"{code}/I1", year=2022, value=1000)
    if act == "meting vastleggen":
        return L.indicator_measure(ref, indicator=f"{code}/I1", value=10,
                                   source="Monitor")
    raise AssertionError(f"unknown act {act}")


@when(parsers.parse('het secretariaat op {on} voor programma "{code}" "{act}" vastlegt op een '
                    'besluit van "{body}"'))
def programme_work(world, on, code, act, body):
    key = decided_by(world, body)
    attempt(world, programme_act, world.ledger, act, code, on, key)


@when(parsers.parse('het secretariaat op {on} voor programma "{code}" "{amount}" toewijst op een '
                    'besluit van "{body}"'))
def allocate_amount(world, on, code, amount, body):
    key = decided_by(world, body)
    attempt(world, world.ledger.budget_allocate, env(on), programme=code, workstream="WS1",
            year=2022, amount=amount, decision=key)


@when(parsers.parse('het secretariaat op {on} voor programma "{code}" "{amount}" verschuift op '
                    'een besluit van "{body}"'))
def shift(world, on, code, amount, body):
    key = decided_by(world, body)
    attempt(world, world.ledger.budget_shift, env(on), programme=code, amount=amount,
            decision=key, from_workstream="WS1", from_year=2022, to_workstream="WS2",
            to_year=2022)


@when(parsers.parse('het secretariaat op {on} programma "{code}" onder "{agreement}" instelt op '
                    'een besluit van "{body}"'))
def create_programme(world, on, code, agreement, body):
    key = decided_by(world, body)
    attempt(world, world.ledger.programme_create, env(on, refs=[f"besluit:{key}"]), code=code,
            name="Nieuw programma", agreement=agreement, start=on, end="2023-12-31")


@when(parsers.parse('het secretariaat op {on} Routekaart "{key}" van "{party}" vastlegt op een '
                    'besluit van "{body}"'))
def adopt(world, on, key, party, body):
    decision = decided_by(world, body)
    attempt(world, world.ledger.routekaart_create, env(on), key=key, title="Tweede Routekaart",
            party=party, decision=decision)


@when(parsers.parse('het secretariaat op {on} in Routekaart "{key}" "{act}" vastlegt op een '
                    'besluit van "{body}"'))
def routekaart_act(world, on, key, act, body):
    decision = decided_by(world, body)
    L, ref = world.ledger, env(on, refs=[f"besluit:{decision}"])
    calls = {
        "status wijzigen": lambda: L.routekaart_status(env(on), key, target="1.1",
                                                       status="loopt", decision=decision),
        "weg toevoegen": lambda: L.routekaart_weg(ref, key, title="Weg 2"),
        "stap toevoegen": lambda: L.routekaart_stap(ref, key, stap="1.2", title="Stap twee"),
        "actie toevoegen": lambda: L.routekaart_actie(ref, key, target="1.1", text="Actie",
                                                      voor="College"),
        "uitkomst vastleggen": lambda: L.routekaart_output(ref, key, target="1.1",
                                                           title="Rapport", datum=on),
        "raad informeren": lambda: L.routekaart_inform(ref, key, zaaknummer="Z/22/1",
                                                       documentnummer="1", datum=on),
    }
    attempt(world, calls[act])


@when(parsers.re(r'"(?P<party>[^"]+)" op (?P<on>\S+) "(?P<act>.+)" op een besluit van '
                 r'"(?P<body>[^"]+)"$'))
def party_act(world, party, on, act, body):
    decision = decided_by(world, body)
    L = world.ledger
    if act.endswith("ondertekent"):
        attempt(world, L.agreement_sign, env(on), act.split('"')[1], party=party,
                decision=decision, datum=on)
    elif act.endswith("treedt"):
        attempt(world, L.agreement_withdraw, env(on), act.split('"')[1], party=party,
                decision=decision, datum=on)
    else:
        attempt(world, L.decision_ratify, env(on), act.split('"')[1], party=party, datum=on,
                college_decision=decision)


@when(parsers.parse('het secretariaat op {on} overeenkomst "{key}" "{act}" op een besluit van '
                    '"{body}"'))
def agreement_act(world, on, key, act, body):
    decision = decided_by(world, body)
    L = world.ledger
    if act == "wijzigt":
        attempt(world, L.agreement_amend, env(on), key, summary="Nieuwe titel",
                title="Nieuwe titel", decision=decision, ingangsdatum=on)
    else:
        attempt(world, L.agreement_end, env(on), key, decision=decision, datum=on)


@when(parsers.re(r'het secretariaat op (?P<on>\S+) een partij registreert op een besluit van '
                 r'"(?P<body>[^"]+)"(?P<open> dat nog niet is bekrachtigd)?$'))
def register(world, on, body, open):
    decision = decided_by(world, body, ratified=not open)
    attempt(world, world.ledger.party_add, env(on, refs=[f"besluit:{decision}"]),
            kind="other", name="Warmtebedrijf", key="WB")


# --- outcomes ----------------------------------------------------------------------------------

@then(parsers.parse('wordt dit geweigerd met een zin die het besluit en orgaan "{body}" noemt, '
                    'en "{why}"'))
def refused_naming(world, body, why):
    assert world.error is not None, "the command was not refused"
    message = world.error.message
    assert message.startswith(f"Besluit B-{world.counter} van {body} kan per "), message
    assert " geen grondslag zijn voor " in message, message
    assert why in message, message


@then("is er niets vastgelegd: het aantal gebeurtenissen en de vingerafdruk zijn gelijk")
def nothing_recorded(world):
    assert state(world) == world.state_before


# --- features/bevoegdheid/eerder-vastgelegd.feature -------------------------------------------

@given(parsers.parse('vóór de bevoegdheidsregels is op {on} "{amount}" verschoven in "{code}" op '
                     'besluit "{key}"'))
def shifted_before_the_rules(world, on, amount, code, key):
    """Written as the ledger wrote it before it judged competence: by the budget's own command
    (its own rules hold), saved without the application's authority check."""
    from decimal import Decimal

    from ledger.domain.budget import Budget

    budget = world.ledger.get(Budget, code)
    budget.shift(env(on), from_workstream="WS1", from_year=2022, to_workstream="WS2",
                 to_year=2022, amount=Decimal(amount), decision=key)
    world.old_position = world.ledger.save(budget)[-1].notification.id


@when(parsers.parse('het secretariaat op {on} "{amount}" verschuift in "{code}" op besluit '
                    '"{key}"'))
def shift_now(world, on, amount, code, key):
    world.attempt(world.ledger.budget_shift, env(on), programme=code, amount=amount,
                  decision=key, from_workstream="WS1", from_year=2022, to_workstream="WS2",
                  to_year=2022)


def findings(world) -> list[str]:
    from projections.health import problems

    return [p for p in problems(reader(world, None))
            if "vastgelegd op een grondslag die niet geldt" in p]


@then(parsers.parse('meldt de status die verschuiving als vastgelegd op gezag dat niet deugt: '
                    '"{why}"'))
def status_names_it(world, why):
    found = findings(world)
    assert len(found) == 1, found
    assert found[0].startswith(f"gebeurtenis #{world.old_position} (budget:WRL Shifted, "
                               "ingangsdatum "), found
    assert why in found[0], found


@then("staat die verschuiving nog in het logboek")
def still_there(world):
    with RawLog(world.ledger.store) as raw:
        assert raw.event_at(world.old_position).topic.endswith("Budget.Shifted")


@then("meldt de status niets over gezag")
def status_quiet(world):
    assert findings(world) == []

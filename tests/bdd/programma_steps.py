"""Steps shared by features/programma and features/begroting: the agreement a programme runs
under, programmes, werkstromen, topics, decisions and the budget, all built through the
application; views read through the journal.

Imported with `from tests.bdd.programma_steps import *` by both binding modules, so each sees the
same step definitions."""

from __future__ import annotations

from datetime import date

from pytest_bdd import given, parsers, then, when

from ledger.money import format_eur
from tests.conftest import agreement_of_the_six, env, sign_by_all

MANDATES = "programmamanager:25000, pho:250000, college:unlimited"


def _list(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").split(",") if p.strip()]


def read(world, on: str | date | None = None):
    """A journal reader for `on`, after catching the journal up with the log."""
    from projections.journal import catch_up
    from projections.reading import Horizon, Reader
    from projections.tables import create_tables

    create_tables(world.ledger.store)
    catch_up(world.ledger)
    when_ = date.fromisoformat(on) if isinstance(on, str) else on
    return Reader(world.ledger.store, Horizon(when_))


def finance(world, programme: str, year: int, on: str | None):
    from projections.budget import finance_view

    world.finance = finance_view(read(world, on), programme, year)
    return world.finance


# --- the agreement a programme runs under -------------------------------------------------------

@given(parsers.re(r'de overeenkomst "(?P<key>[^"]+)" tussen de zes gemeenten'
                  r'(, opgesteld op (?P<drafted>\S+))?$'))
def agreement_of_six(world, key, drafted):
    """The six gemeenten of the Leidse regio (registered if they are not yet, with their
    population on 2021-01-01) and an agreement between them, drafted on 2021-07-01 unless said
    otherwise, sharing costs per inwoner at peildatum 2021-01-01; not signed yet."""
    agreement_of_the_six(world.ledger, key, drafted=drafted or "2021-07-01")


@given(parsers.parse('de zes gemeenten hebben "{key}" op {datum} ondertekend'))
def signed_by_six(world, key, datum):
    sign_by_all(world.ledger, key, datum)


@given(parsers.parse('"{party}" is op {datum} uitgetreden uit "{key}"'))
def party_withdrew(world, party, datum, key):
    decision = f"BW-{party}-{datum}-uittreden-{key}"
    world.ledger.decision_record(env(datum), key=decision, body=f"college:{party}",
                                 title=f"Uittreden uit {key}", datum=datum)
    world.ledger.agreement_withdraw(env(datum), key, party=party, decision=decision, datum=datum)


@given(parsers.parse('overeenkomst "{key}" is op {datum} beëindigd'))
def agreement_ended(world, key, datum):
    world.ledger.agreement_end(env(datum, reason="looptijd verstreken"), key, datum=datum)


# --- programmes, werkstromen and decisions ---------------------------------------------------

@given(parsers.re(r'het programma "(?P<code>[^"]+)" onder overeenkomst "(?P<agreement>[^"]+)"'
                  r'( van (?P<start>\S+) tot (?P<end>\S+))?( met mandaten "(?P<mandates>[^"]*)")?$'))
def programme_exists(world, code, agreement, start, end, mandates):
    world.ledger.programme_create(
        env("2021-09-01"), code=code, name=f"Programma {code}", agreement=agreement,
        start=start or "2021-09-01", end=end or "2022-12-31",
        mandates=_list(mandates if mandates is not None else MANDATES))


@given(parsers.parse('programma "{code}" heeft werkstroom "{ws}" "{name}"'))
def workstream_exists(world, code, ws, name):
    world.ledger.workstream_add(env("2021-09-01"), programme=code, code=ws, name=name)


@given(parsers.parse('het PHO-besluit "{key}" van {datum} met deelnemers "{parties}"'))
def pho_decision(world, key, datum, parties):
    world.ledger.decision_record(env(datum), key=key, body="pho:WRL", title=f"Besluit {key}",
                                 datum=datum, participants=_list(parties))


@given(parsers.parse('besluit "{key}" van "{body}" op {datum}'))
def decision_of(world, key, body, datum):
    world.ledger.decision_record(env(datum), key=key, body=body, title=f"Besluit {key}",
                                 datum=datum)


@given(parsers.parse('besluit "{key}" is ingetrokken op {datum}'))
def decision_withdrawn(world, key, datum):
    world.ledger.decision_withdraw(env(datum, reason="ingetrokken"), key, datum=datum)


@given(parsers.parse('"{party}" heeft besluit "{key}" bekrachtigd op {datum}'))
def decision_ratified(world, party, key, datum):
    world.ledger.decision_ratify(env(datum), key, party=party, datum=datum)


# --- topics -------------------------------------------------------------------------------------

@given(parsers.re(r'onderwerp "(?P<key>[^"]+)" "(?P<name>[^"]+)" in "(?P<path>[^"]+)" sinds '
                  r'(?P<on>\S+)( met status "(?P<status>[^"]*)")?'
                  r'( afhankelijk van "(?P<dep>[^"]*)")?$'))
def topic_exists(world, key, name, path, on, status, dep):
    programme, ws = path.split("/")
    world.ledger.workstream_topic(env(on), programme=programme, workstream=ws, key=key,
                                  name=name, status=status, depends_on=[dep] if dep else None)


@given(parsers.parse('"{actor}" heeft op {on} de status van "{topic}" gewijzigd in "{status}"'))
def status_changed(world, actor, on, topic, status):
    world.ledger.workstream_status(env(on, actor=actor), topic=topic, status=status)


# --- budget -------------------------------------------------------------------------------------

@given(parsers.parse('op {on} is "{amount}" toegewezen aan "{ws}" voor {year:d}'))
def allocated(world, on, amount, ws, year):
    world.ledger.budget_allocate(env(on), programme="WRL", workstream=ws, year=year, amount=amount)


@given(parsers.parse('op {on} is "{amount}" gereserveerd op "{ws}" {year:d} als "{rid}"'))
def reserved(world, on, amount, ws, year, rid):
    world.ledger.budget_reserve(env(on), programme="WRL", workstream=ws, year=year, amount=amount,
                                purpose="Reservering", reservation=rid)


@given(parsers.parse('op {on} is "{amount}" besteed op reservering "{rid}"'))
def spent_on_reservation(world, on, amount, rid):
    world.ledger.budget_spend(env(on), programme="WRL", amount=amount, reference="factuur:G-1",
                              reservation=rid)


@given(parsers.parse('op {on} is reservering "{rid}" vrijgegeven'))
def released(world, on, rid):
    world.ledger.budget_release(env(on), programme="WRL", reservation=rid)


@given(parsers.re(r'het secretariaat legde vast dat "(?P<doc>[^"]+)" voor "(?P<ws>[^"]+)" kolom '
                  r'"(?P<col>[^"]+)" (?P<year>\d+) op (?P<on>\S+) "(?P<amount>[^"]+)" drukte$'))
def asserted_before(world, doc, ws, col, year, on, amount):
    out = world.ledger.budget_assert(env(on), programme="WRL", workstream=ws, column=col,
                                     year=int(year), amount=amount, document=doc)
    world.last_assertion = out.detail["assertion"]


@given("de demo van de Leidse regio is ingelezen")
def demo_imported(world):
    from ledger.demo import DEMO_FILE
    from ledger.importer import run_import

    run_import(world.ledger, DEMO_FILE, actor="secretariaat-wrl")


@when(parsers.re(r'het secretariaat op (?P<on>\S+) "(?P<amount>[^"]*)" toewijst aan "(?P<ws>[^"]+)" '
                 r'voor (?P<year>\d+)( op gezag van besluit "(?P<decision>[^"]*)")?$'))
def allocate(world, on, amount, ws, year, decision):
    world.attempt(world.ledger.budget_allocate, env(on), programme="WRL", workstream=ws,
                  year=int(year), amount=amount, decision=decision)


@when(parsers.parse('het secretariaat op {on} "{amount}" reserveert op "{ws}" {year:d} voor '
                    '"{purpose}"'))
def reserve(world, on, amount, ws, year, purpose):
    world.attempt(world.ledger.budget_reserve, env(on), programme="WRL", workstream=ws,
                  year=year, amount=amount, purpose=purpose)


@when(parsers.re(r'het secretariaat op (?P<on>\S+) "(?P<amount>[^"]+)" besteedt op reservering '
                 r'"(?P<rid>[^"]+)" met referentie "(?P<ref>[^"]*)"$'))
def spend_on_reservation(world, on, amount, rid, ref):
    world.attempt(world.ledger.budget_spend, env(on), programme="WRL", amount=amount,
                  reference=ref, reservation=rid)


@when(parsers.re(r'het secretariaat op (?P<on>\S+) "(?P<amount>[^"]+)" besteedt op "(?P<ws>[^"]+)" '
                 r'met referentie "(?P<ref>[^"]*)"$'))
def spend_direct(world, on, amount, ws, ref):
    world.attempt(world.ledger.budget_spend, env(on), programme="WRL", amount=amount,
                  reference=ref, workstream=ws)


@when(parsers.parse('het secretariaat op {on} reservering "{rid}" vrijgeeft'))
def release(world, on, rid):
    world.attempt(world.ledger.budget_release, env(on), programme="WRL", reservation=rid)


@when(parsers.re(r'het secretariaat op (?P<on>\S+) "(?P<amount>[^"]+)" verschuift van '
                 r'"(?P<a>[^"]+)" (?P<ya>\d+) naar "(?P<b>[^"]+)" (?P<yb>\d+) op besluit '
                 r'"(?P<decision>[^"]*)"$'))
def shift(world, on, amount, a, ya, b, yb, decision):
    world.attempt(world.ledger.budget_shift, env(on), programme="WRL", amount=amount,
                  decision=decision, from_workstream=a, from_year=int(ya), to_workstream=b,
                  to_year=int(yb))


@when(parsers.re(r'het secretariaat op (?P<on>\S+) bijdragen vastlegt van "(?P<shares>[^"]+)"'
                 r'( voor (?P<year>\d+))?( met totaal "(?P<amount>[^"]+)")?$'))
def fund_parties(world, on, shares, year, amount):
    world.attempt(world.ledger.budget_fund, env(on), programme="WRL", source_kind="gemeenten",
                  shares=_list(shares), year=int(year) if year else None, amount=amount)


@when(parsers.re(r'het secretariaat op (?P<on>\S+) "(?P<amount>[^"]+)" financiering van soort '
                 r'"(?P<kind>[^"]+)" vastlegt( uit "(?P<source>[^"]+)")?$'))
def fund_other(world, on, amount, kind, source):
    world.attempt(world.ledger.budget_fund, env(on), programme="WRL", source_kind=kind,
                  amount=amount, source=source)


@when(parsers.parse('het secretariaat op {on} "{amount}" financiering vastlegt volgens de '
                    'verdeelsleutel van de overeenkomst'))
def fund_by_agreement(world, on, amount):
    world.attempt(world.ledger.budget_fund, env(on), programme="WRL", amount=amount,
                  by_agreement=True)


@when(parsers.re(r'het secretariaat vastlegt dat "(?P<doc>[^"]+)" voor (het totaal|"(?P<ws>[^"]+)") '
                 r'kolom "(?P<col>[^"]+)" (?P<year>\d+) op (?P<on>\S+) "(?P<amount>[^"]+)" drukte$'))
def assert_figure(world, doc, ws, col, year, on, amount):
    out = world.attempt(world.ledger.budget_assert, env(on), programme="WRL", workstream=ws,
                        column=col, year=int(year), amount=amount, document=doc)
    if out is not None and world.error is None:
        world.last_assertion = out.detail["assertion"]


@when(parsers.re(r'het secretariaat de laatste bewering aanvaardt (met de uitleg "(?P<reason>[^"]+)"|'
                 r'zonder uitleg)$'))
def accept(world, reason):
    world.attempt(world.ledger.budget_accept, env("2022-01-20", reason=reason), programme="WRL",
                  assertion=world.last_assertion)


# --- what the views show ------------------------------------------------------------------------

HEADERS = {"werkstroom": "workstream", "totaal begroot": "totaal_begroot", "begroot": "begroot",
           "benut": "benut", "budget volgend jaar": "budget_volgend_jaar",
           "reservering": "reservering", "vrij": "vrij", "benut tot datum": "benut_tot_datum"}


@then(parsers.parse('toont het financieel overzicht van "{code}" voor {year:d} op {on}:'))
def finance_table(world, code, year, on, datatable):
    view = finance(world, code, year, on)
    header = [HEADERS[h.strip()] for h in datatable[0]]
    rows = {r["workstream"]: r for r in [*view["rows"], view["totals"]]}
    for line in datatable[1:]:
        expected = dict(zip(header, (c.strip() for c in line), strict=True))
        row = rows[expected.pop("workstream")]
        shown = {k: format_eur(row[k]) for k in expected}
        assert shown == expected, (row["workstream"], shown, expected)


@then("sluit elke regel van het overzicht")
def rows_close(world):
    for row in [*world.finance["rows"], world.finance["totals"]]:
        assert row["totaal_begroot"] == (row["benut_tot_datum"] + row["budget_volgend_jaar"]
                                         + row["reservering"] + row["vrij"]), row


def line(world, ws: str, year: int, on: str):
    from ledger.domain.budget import Line, line_totals
    from projections.budget import state_of

    state = state_of(read(world, on), "WRL")
    movements = state["budgets"].get("WRL", {}).get("movements", [])
    return line_totals(movements, date.fromisoformat(on)).get((ws, year), Line())


@then(parsers.parse('is de vrije ruimte van "{ws}" {year:d} op {on} "{amount}"'))
def free_room(world, ws, year, on, amount):
    assert format_eur(line(world, ws, year, on).free) == amount


def row_of(world, ws: str, year: int, on: str) -> dict:
    view = finance(world, "WRL", year, on)
    return next(r for r in view["rows"] if r["workstream"] == ws)


@then(parsers.parse('is de reservering van "{ws}" op {on} "{amount}"'))
def reservation_total(world, ws, on, amount):
    assert format_eur(row_of(world, ws, int(on[:4]), on)["reservering"]) == amount


@then(parsers.parse('is de benutting van "{ws}" in {year:d} op {on} "{amount}"'))
def spent_total(world, ws, year, on, amount):
    assert format_eur(row_of(world, ws, year, on)["benut"]) == amount


@then(parsers.parse('is het totaal begroot van "{code}" op {on} "{amount}"'))
def total_budget(world, code, on, amount):
    assert format_eur(finance(world, code, int(on[:4]), on)["totals"]["totaal_begroot"]) == amount


@then(parsers.parse('heeft de reservering het kenmerk "{rid}"'))
def reservation_id(world, rid):
    assert world.outcome.detail["reservation"] == rid


@then(parsers.parse('is er "{amount}" vrijgegeven'))
def released_amount(world, amount):
    assert format_eur(world.outcome.detail["released"]) == amount


@then(parsers.parse('is de financiering van "{code}" "{amount}"'))
def funding_total(world, code, amount):
    assert format_eur(finance(world, code, 2021, "2021-12-31")["funding"]["total"]) == amount


@then(parsers.parse('draagt "{party}" "{amount}" bij aan "{code}"'))
def party_share(world, party, amount, code):
    shares = finance(world, code, 2021, "2021-12-31")["funding"]["by_party"]
    assert format_eur(shares[party]) == amount


@then(parsers.parse('draagt "{party}" niets bij aan "{code}"'))
def party_pays_nothing(world, party, code):
    assert party not in finance(world, code, 2021, "2021-12-31")["funding"]["by_party"]


@then(parsers.parse('tellen de bijdragen aan "{code}" precies op tot "{amount}"'))
def shares_add_up(world, code, amount):
    funding = finance(world, code, 2021, "2021-12-31")["funding"]
    assert format_eur(sum(funding["by_party"].values())) == amount
    assert format_eur(funding["total"]) == amount


@then(parsers.parse('noemt de financiering overeenkomst "{key}" en peildatum {peildatum}'))
def funding_names_agreement(world, key, peildatum):
    source = finance(world, "WRL", 2021, "2021-12-31")["funding"]["sources"][-1]
    assert (source["agreement"], source["peildatum"]) == (key, peildatum)
    assert source["verdeelsleutel"] == {"method": "per-inwoner", "peildatum": peildatum}


@then("klopt de bewering")
def assertion_passes(world):
    assert world.error is None, world.error and world.error.message
    assert world.outcome.detail["result"] == "pass", world.outcome.detail


@then(parsers.parse('klopt de bewering niet, met een verschil van "{amount}"'))
def assertion_fails(world, amount):
    assert world.error is None, world.error and world.error.message
    assert world.outcome.detail["result"] == "fail"
    assert format_eur(world.outcome.detail["difference"]) == amount


def problems(world) -> list[str]:
    from projections.health import problems as found

    return found(read(world))


@then("meldt de status geen probleem")
def no_problem(world):
    assert problems(world) == []


@then(parsers.parse('meldt de status "{text}"'))
def status_says(world, text):
    assert any(text in p for p in problems(world)), problems(world)


@then(parsers.parse('meldt de status precies één probleem met de begroting: "{text}"'))
def status_says_one(world, text):
    found = [p for p in problems(world) if p.startswith("begroting ")]
    assert len(found) == 1 and text in found[0], found


@then(parsers.parse('toont het financieel overzicht de bewering als "{state}"'))
def assertion_state(world, state):
    view = finance(world, "WRL", 2021, None)  # as known today, acceptances included
    assert {a["id"]: a["state"] for a in view["assertions"]}[world.last_assertion] == state

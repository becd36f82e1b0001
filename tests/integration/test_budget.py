"""The budget and programme areas through the application service, on SQLite and PostgreSQL: the
demo reproduces the WRL Q4 2021 finance table from events, views agree with the aggregate, both
time axes work, refusals write nothing, and command ids make budget commands idempotent."""

from datetime import date
from decimal import Decimal

import pytest

from ledger.demo import DEMO_FILE
from ledger.domain.budget import Budget
from ledger.errors import AlreadyExists, IdempotencyConflict, InvalidInput, NotFound, RuleViolation
from ledger.i18n import set_language
from ledger.importer import run_import
from ledger.money import format_eur
from ledger.rules.finance import finance
from ledger.storage import RawLog
from projections.budget import finance_view
from projections.health import problems
from projections.journal import catch_up
from projections.reading import Horizon, Reader
from projections.tables import create_tables, drop_tables
from tests.conftest import agreement_of_the_six, env

# The finance table of the WRL Voortgangsrapportage Q4 2021, in thousands of euros:
# totaal begroot, begroot 2021, benut 2021, budget 2022, reservering.
REPORT = {
    "WS1": (600, 200, 70, 450, 80),
    "WS2": (450, 155, 32, 150, 268),
    "WS3": (350, 145, 30, 160, 160),
    "WS4": (600, 215, 17, 300, 283),
}
PRINTED_TOTAL = (2000, 715, 149, 960, 791)
COLUMNS = ("totaal_begroot", "begroot", "benut", "budget_volgend_jaar", "reservering")


def reader(ledger, on=None, upto=None) -> Reader:
    create_tables(ledger.store)
    catch_up(ledger)
    return Reader(ledger.store, Horizon(date.fromisoformat(on) if on else None, upto))


def count(ledger) -> int:
    with RawLog(ledger.store) as raw:
        return raw.count_and_max()[0]


@pytest.fixture
def demo(ledger):
    run_import(ledger, DEMO_FILE, actor="secretariaat-wrl")
    return ledger


def k(n: int) -> Decimal:
    return Decimal(n * 1000)


def test_the_demo_reproduces_every_row_of_the_q4_2021_finance_table(demo):
    view = finance_view(reader(demo, "2021-12-31"), "WRL", 2021)
    rows = {r["workstream"]: r for r in view["rows"]}
    assert list(rows) == ["WS1", "WS2", "WS3", "WS4"]
    for ws, figures in REPORT.items():
        assert tuple(rows[ws][c] for c in COLUMNS) == tuple(k(f) for f in figures), ws
        row = rows[ws]
        # Per row: totaal begroot = benut to date + budget next year + reservering (nothing free).
        assert row["vrij"] == 0
        assert row["totaal_begroot"] == row["benut_tot_datum"] + row["budget_volgend_jaar"] + \
            row["reservering"]
    # The ledger's totals are the sums of its rows; the printed total of budget 2022 is not.
    computed_total = tuple(view["totals"][c] for c in COLUMNS)
    assert computed_total == (k(2000), k(715), k(149), k(1060), k(791))
    assert computed_total != tuple(k(f) for f in PRINTED_TOTAL)


def test_the_demo_records_every_printed_figure_and_status_names_the_one_that_fails(demo):
    view = finance_view(reader(demo), "WRL", 2021)
    assertions = {a["id"]: a for a in view["assertions"]}
    assert len(assertions) == 25
    failing = [a for a in assertions.values() if a["state"] != "pass"]
    assert [(a["id"], a["state"], a["difference"]) for a in failing] == [
        ("Q4-2021-TOTAAL-BUDGET-VOLGEND-JAAR", "fail", k(-100))]
    assert failing[0]["printed_rows_sum"] == k(1060)
    found = [p for p in problems(reader(demo)) if p.startswith("begroting ")]
    assert len(found) == 1
    assert "(totaal budget-volgend-jaar 2021 per 31 december 2021, uit " in found[0]
    assert "gedrukt € 960.000, het grootboek berekent € 1.060.000" in found[0]
    assert "niet de som van de regels" in found[0]


def test_the_demo_figures_follow_the_events_through_the_year(demo):
    before_shift = finance_view(reader(demo, "2021-12-14"), "WRL", 2021)
    ws1 = before_shift["rows"][0]
    assert (ws1["budget_volgend_jaar"], ws1["benut"], ws1["vrij"]) == (k(400), k(45), k(100))
    october = finance_view(reader(demo, "2021-10-31"), "WRL", 2021)
    assert october["totals"]["benut"] == k(30)


def test_the_view_agrees_with_the_aggregate(demo):
    budget = demo.get(Budget, "WRL")
    for on in ("2021-10-05", "2021-11-30", "2021-12-31"):
        mine = finance(budget.movements, 2021, date.fromisoformat(on),
                       ["WS1", "WS2", "WS3", "WS4"])
        view = finance_view(reader(demo, on), "WRL", 2021)
        strip = [{k_: v for k_, v in r.items() if k_ != "name"} for r in view["rows"]]
        assert strip == mine["rows"]


def test_rebuilt_views_equal_incrementally_built_ones(demo):
    before = finance_view(reader(demo, "2021-12-31"), "WRL", 2021)
    drop_tables(demo.store)
    after = finance_view(reader(demo, "2021-12-31"), "WRL", 2021)
    assert before == after


def test_as_of_shows_only_what_was_recorded_by_then(ledger):
    agreement_of_the_six(ledger)
    ledger.programme_create(env("2021-09-01"), code="WRL", name="WRL", agreement="WRL-SOK",
                            start="2021-09-01", end="2022-12-31")
    ledger.workstream_add(env("2021-09-01"), programme="WRL", code="WS1", name="Energiesysteem")
    first = ledger.budget_allocate(env("2021-10-05"), programme="WRL", workstream="WS1",
                                   year=2021, amount="200k")
    # Recorded later, but effective earlier: a back-dated allocation.
    ledger.budget_allocate(env("2021-09-15"), programme="WRL", workstream="WS1", year=2021,
                           amount="50k")
    now = finance_view(reader(ledger, "2021-12-31"), "WRL", 2021)
    then = finance_view(reader(ledger, "2021-12-31", upto=first.positions[-1]), "WRL", 2021)
    assert now["rows"][0]["begroot"] == k(250)
    assert then["rows"][0]["begroot"] == k(200)
    september = finance_view(reader(ledger, "2021-09-30"), "WRL", 2021)
    assert september["rows"][0]["begroot"] == k(50)


@pytest.fixture
def wrl(ledger):
    agreement_of_the_six(ledger)
    ledger.programme_create(env("2021-09-01"), code="WRL", name="WRL", agreement="WRL-SOK",
                            start="2021-09-01", end="2022-12-31",
                            mandates=["programmamanager:25000"])
    ledger.workstream_add(env("2021-09-01"), programme="WRL", code="WS1", name="Energiesysteem")
    ledger.budget_allocate(env("2021-10-05"), programme="WRL", workstream="WS1", year=2021,
                           amount="200k")
    return ledger


class Within(str):
    """The budget area's own part of a sentence whose frame another part of the ledger writes
    (e.g. `check_name`'s "... is empty"): the refusal must contain it."""


def says(message: str, sentence: str) -> bool:
    return sentence in message if isinstance(sentence, Within) else message == sentence


@pytest.mark.parametrize("call,error,sentence", [
    (lambda L: L.budget_spend(env("2021-11-01"), programme="WRL", amount="1k",
                              reference="factuur:1"),
     InvalidInput, "Voor een besteding is een werkstroom of een reservering nodig."),
    (lambda L: L.budget_spend(env("2021-11-01"), programme="WRL", amount="1k",
                              reference="factuur:1", reservation="R9"),
     NotFound, "Begroting WRL heeft geen reservering 'R9'."),
    (lambda L: L.budget_release(env("2021-11-01"), programme="WRL", reservation="R9"),
     NotFound, "Begroting WRL heeft geen reservering 'R9'."),
    (lambda L: L.budget_allocate(env("2021-10-05"), programme="XYZ", workstream="WS1",
                                 year=2021, amount="1k"),
     NotFound, "Het grootboek kent geen programma 'XYZ'."),
    (lambda L: L.budget_allocate(env("2021-10-05"), programme="WRL", workstream="WS1",
                                 year="twintig", amount="1k"),
     InvalidInput, "'twintig' is geen jaar."),
    (lambda L: L.budget_assert(env("2021-12-31"), programme="WRL", workstream="WS1",
                               column="begroot", amount="1k", document=" "),
     InvalidInput, Within("document")),
    (lambda L: L.budget_accept(env("2022-01-05", reason="x"), programme="WRL", assertion="A7"),
     NotFound, "Begroting WRL heeft geen bewering 'A7'."),
    (lambda L: L.budget_reserve(env("2021-11-01"), programme="WRL", workstream="WS1", year=2021,
                                amount="1k", purpose=""),
     InvalidInput, Within("doel van de reservering")),
    (lambda L: L.budget_spend(env("2021-11-01"), programme="WRL", amount="1k",
                              reference="factuur:1", workstream="WS1", year=2023),
     InvalidInput, "Programma WRL loopt van 1 september 2021 tot en met 31 december 2022; 2023 "
     "valt daarbuiten."),
])
def test_refusals_say_why_in_one_sentence_and_write_nothing(wrl, call, error, sentence):
    before = count(wrl)
    with pytest.raises(error) as refused:
        call(wrl)
    assert says(refused.value.message, sentence), refused.value.message
    assert count(wrl) == before


def test_a_refusal_is_in_english_with_the_language_set_to_english(wrl):
    before = count(wrl)
    set_language("en")
    try:
        with pytest.raises(RuleViolation) as refused:
            wrl.budget_spend(env("2021-11-01"), programme="WRL", amount="250k",
                             reference="factuur:1", workstream="WS1", year=2021)
    finally:
        set_language(None)
    assert refused.value.message == (
        "Spending €250,000 on WS1 2021 on 1 November 2021 would take the line €50,000 below "
        "zero: reservations and spending may not exceed its budget of €200,000.")
    assert count(wrl) == before


def test_a_refusal_shows_amounts_and_dates_as_a_person_reads_them(wrl):
    """Not "€ 1000.00" or "2021-12-31": the amount and the date in the Dutch style."""
    wrl.budget_reserve(env("2021-10-06"), programme="WRL", workstream="WS1", year=2021,
                       amount="10k", purpose="studie")
    wrl.budget_release(env("2021-12-31"), programme="WRL", reservation="R1")
    with pytest.raises(RuleViolation) as refused:
        wrl.budget_spend(env("2022-01-05"), programme="WRL", amount="1000", reference="factuur:1",
                         reservation="R1")
    assert refused.value.message == (
        "Reservering R1 is op 31 december 2021 afgewikkeld (€ 10.000 vrijgegeven); een "
        "reservering wordt maar één keer afgewikkeld, dus kan er geen € 1.000 meer ten laste "
        "van de reservering worden besteed.")


def test_a_reservation_id_is_used_once(wrl):
    wrl.budget_reserve(env("2021-10-06"), programme="WRL", workstream="WS1", year=2021,
                       amount="10k", purpose="studie", reservation="R-STUDIE")
    before = count(wrl)
    with pytest.raises(RuleViolation, match="heeft al reserveringsnummer R-STUDIE"):
        wrl.budget_reserve(env("2021-10-06"), programme="WRL", workstream="WS1", year=2021,
                           amount="10k", purpose="studie", reservation="r-studie")
    assert count(wrl) == before


def test_budget_commands_are_idempotent_by_command_id(wrl):
    first = wrl.budget_reserve(env("2021-10-06", command_id="r-1"), programme="WRL",
                               workstream="WS1", year=2021, amount="10k", purpose="studie")
    again = wrl.budget_reserve(env("2021-10-06", command_id="r-1"), programme="WRL",
                               workstream="WS1", year=2021, amount="10k", purpose="studie")
    assert again.replayed and again.positions == first.positions
    assert len(wrl.get(Budget, "WRL").reservations) == 1
    with pytest.raises(IdempotencyConflict, match="verschillend: amount"):
        wrl.budget_reserve(env("2021-10-06", command_id="r-1"), programme="WRL",
                           workstream="WS1", year=2021, amount="20k", purpose="studie")


def test_a_programme_is_created_once_and_its_agreement_key_is_kept(ledger):
    agreement_of_the_six(ledger)
    ledger.programme_create(env("2021-10-05"), code="wrl", name="WRL", agreement="WRL-SOK",
                            start="2021-09-01", end="2022-12-31")
    with pytest.raises(AlreadyExists):
        ledger.programme_create(env("2021-10-05"), code="WRL", name="WRL", agreement="WRL-SOK",
                                start="2021-09-01", end="2022-12-31")
    from projections.programme import programme

    shown = programme(reader(ledger), "WRL")
    assert (shown["code"], shown["agreement"]) == ("WRL", "WRL-SOK")


def test_the_agreement_is_kept_as_the_ledger_spells_it_and_need_not_be_signed(ledger):
    from projections.programme import programme

    agreement_of_the_six(ledger)  # drafted, not signed: the interim team starts before the SOK
    ledger.programme_create(env("2021-09-01"), code="WRL", name="WRL", agreement="wrl-sok",
                            start="2021-09-01", end="2022-12-31")
    assert programme(reader(ledger), "WRL")["agreement"] == "WRL-SOK"


def test_a_programme_under_an_agreement_the_ledger_does_not_know_is_refused(ledger):
    agreement_of_the_six(ledger, drafted="2021-10-05", signed="2021-10-05")
    ledger.agreement_end(env("2022-12-31", reason="looptijd verstreken"), "WRL-SOK",
                         datum="2022-12-31")
    cases = [
        ("2021-10-05", "WRL-DVO", NotFound,
         "Programma WRL kan niet onder overeenkomst WRL-DVO vallen: het grootboek kent die "
         "overeenkomst niet."),
        ("2021-09-01", "WRL-SOK", RuleViolation,
         "Programma WRL kan per 1 september 2021 niet onder overeenkomst WRL-SOK vallen: de "
         "overeenkomst is volgens het grootboek pas op 5 oktober 2021 als concept opgesteld."),
        ("2023-01-01", "WRL-SOK", RuleViolation,
         "Programma WRL kan per 1 januari 2023 niet onder overeenkomst WRL-SOK vallen: de "
         "overeenkomst is op 31 december 2022 beëindigd."),
    ]
    for on, agreement, error, sentence in cases:
        before = count(ledger)
        with pytest.raises(error) as refused:
            ledger.programme_create(env(on), code="WRL", name="WRL", agreement=agreement,
                                    start="2021-09-01", end="2023-12-31")
        assert refused.value.message == sentence
        assert count(ledger) == before


def test_topic_history_is_kept_in_its_audit_trail(ledger):
    from projections.trail import trail

    agreement_of_the_six(ledger)
    ledger.programme_create(env("2021-10-05"), code="WRL", name="WRL", agreement="WRL-SOK",
                            start="2021-09-01", end="2022-12-31")
    ledger.workstream_add(env("2021-10-05"), programme="WRL", code="WS1", name="Energiesysteem")
    ledger.workstream_topic(env("2021-10-05"), programme="WRL", workstream="WS1",
                            key="routekaart", name="WLR routekaart", status="Te doen")
    ledger.workstream_status(env("2021-12-31", refs=["doc:Q4"]), topic="WRL/WS1/routekaart",
                             status="In uitvoering")
    steps = trail(reader(ledger), "topic:WRL/WS1/routekaart")
    assert [s["changes"].get("status", {}).get("after") for s in steps] == ["Te doen",
                                                                             "In uitvoering"]
    werkstroom = trail(reader(ledger), "workstream:WRL/WS1")
    assert len(werkstroom) == 3  # added to the programme, the topic added, its status changed


def test_amounts_are_written_back_the_dutch_way(demo):
    view = finance_view(reader(demo, "2021-12-31"), "WRL", 2021)
    assert format_eur(view["totals"]["budget_volgend_jaar"]) == "€ 1.060.000"


def test_a_dependency_names_the_topic_as_stored_whatever_case_is_typed(ledger):
    from projections.programme import workstream

    agreement_of_the_six(ledger)
    ledger.programme_create(env("2021-10-05"), code="WRL", name="WRL", agreement="WRL-SOK",
                            start="2021-09-01", end="2022-12-31")
    ledger.workstream_add(env("2021-10-05"), programme="WRL", code="WS1", name="Energiesysteem")
    ledger.workstream_topic(env("2021-10-05"), programme="WRL", workstream="WS1",
                            key="routekaart", name="WLR routekaart", status="In uitvoering")
    ledger.workstream_topic(env("2021-10-05"), programme="wrl", workstream="ws1",
                            key="monitoring", name="Monitoring",
                            depends_on=["topic:ws1/ROUTEKAART"])
    topics = {t["key"]: t for t in workstream(reader(ledger), "WRL/WS1")["topics"]}
    assert topics["WRL/WS1/monitoring"]["dependencies"] == [
        {"on": "topic:WRL/WS1/routekaart", "status": "In uitvoering"}]


# --- funding by the verdeelsleutel of the agreement the programme runs under ------------------

@pytest.fixture
def signed(ledger):
    """WRL under the SOK of the six gemeenten, signed on 2021-10-05."""
    agreement_of_the_six(ledger, signed="2021-10-05")
    ledger.programme_create(env("2021-09-01"), code="WRL", name="WRL", agreement="WRL-SOK",
                            start="2021-09-01", end="2022-12-31")
    return ledger


def test_funding_by_the_verdeelsleutel_records_shares_agreement_and_peildatum(signed):
    out = signed.budget_fund(env("2021-10-05"), programme="WRL", amount="2000000",
                             by_agreement=True)
    funded = signed.get(Budget, "WRL").funding[-1]
    assert funded["shares"] == {"GM0537": Decimal("473154.22"), "GM0546": Decimal("902578.92"),
                                "GM0547": Decimal("198838.48"), "GM0579": Decimal("179489.39"),
                                "GM0626": Decimal("184930.42"), "GM0638": Decimal("61008.57")}
    assert sum(funded["shares"].values()) == funded["amount"] == k(2000)
    assert (funded["source_kind"], funded["source"], funded["agreement"], funded["peildatum"]) \
        == ("gemeenten", "WRL-SOK", "WRL-SOK", date(2021, 1, 1))
    assert out.detail["verdeelsleutel"] == {"method": "per-inwoner", "peildatum": "2021-01-01"}
    view = finance_view(reader(signed, "2021-12-31"), "WRL", 2021)["funding"]
    assert view["by_party"] == funded["shares"]
    assert view["sources"][0]["verdeelsleutel"] == out.detail["verdeelsleutel"]
    # The agreement's trail shows the funding computed from it.
    from projections.trail import trail

    told = trail(reader(signed), "agreement:WRL-SOK")
    assert told[-1]["event"] == "Budget.Funded"


def test_funding_by_the_verdeelsleutel_follows_withdrawals_and_amendments(signed):
    signed.decision_record(env("2021-12-01"), key="BW-GM0638-UIT", body="college:GM0638",
                           title="Uittreden", datum="2021-12-01")
    signed.agreement_withdraw(env("2021-12-01"), "WRL-SOK", party="GM0638",
                              decision="BW-GM0638-UIT", datum="2021-12-01")
    signed.decision_record(env("2022-01-01"), key="BW-GM0546-GELIJK", body="college:GM0546",
                           title="Gelijke delen", datum="2022-01-01")
    signed.agreement_amend(env("2022-01-01"), "WRL-SOK", summary="Gelijke delen",
                           decision="BW-GM0546-GELIJK", ingangsdatum="2022-01-01",
                           verdeelsleutel="equal")
    signed.budget_fund(env("2021-12-15"), programme="WRL", amount="100k", by_agreement=True)
    signed.budget_fund(env("2022-01-15"), programme="WRL", amount="100", by_agreement=True)
    december, january = signed.get(Budget, "WRL").funding
    assert "GM0638" not in december["shares"] and december["peildatum"] == date(2021, 1, 1)
    assert sum(december["shares"].values()) == k(100)
    assert january["shares"] == {"GM0537": Decimal("20.00"), "GM0546": Decimal("20.00"),
                                 "GM0547": Decimal("20.00"), "GM0579": Decimal("20.00"),
                                 "GM0626": Decimal("20.00")}
    assert january["peildatum"] is None


@pytest.mark.parametrize("on,args,error,sentence", [
    ("2021-10-05", {"amount": "2000000", "shares": ["GM0546:100"]}, InvalidInput,
     "Financiering volgens de verdeelsleutel van de overeenkomst berekent het aandeel van elke "
     "partij zelf; er worden dus geen aandelen bij gegeven."),
    ("2021-10-05", {}, InvalidInput,
     "Voor financiering volgens de verdeelsleutel van de overeenkomst is het te verdelen "
     "bedrag nodig."),
    ("2021-10-05", {"amount": "250k", "source_kind": "rijk"}, InvalidInput,
     "Financiering volgens de verdeelsleutel van een overeenkomst is een bijdrage van haar "
     "partijen (soort gemeenten), niet van soort rijk."),
    # The reason (a concept, not signed by GM0537, ...) is the agreement's own sentence.
    ("2021-10-04", {"amount": "250k"}, RuleViolation,
     Within("Programma WRL kan niet worden gefinancierd volgens de verdeelsleutel van "
            "overeenkomst WRL-SOK")),
    ("2021-10-05", {"amount": "-5"}, InvalidInput, "Het bedrag -5 is negatief."),
])
def test_funding_by_the_verdeelsleutel_refusals_write_nothing(signed, on, args, error, sentence):
    before = count(signed)
    with pytest.raises(error) as refused:
        signed.budget_fund(env(on), programme="WRL", by_agreement=True, **args)
    assert says(refused.value.message, sentence), refused.value.message
    assert count(signed) == before


def test_funding_without_a_kind_of_source_is_refused(signed):
    before = count(signed)
    with pytest.raises(InvalidInput, match="Voor financiering is de soort bron nodig."):
        signed.budget_fund(env("2021-10-05"), programme="WRL", amount="250k")
    assert count(signed) == before


def test_funding_recorded_before_agreements_computed_shares_still_loads(signed):
    """A Funded event of class version 1 (no agreement, verdeelsleutel or peildatum) is upcast."""
    from eventsourcing.persistence import StoredEvent

    signed.budget_fund(env("2021-10-05"), programme="WRL", source_kind="rijk", amount="250k",
                       source="CDOKE")
    stored = signed.recorder.select_events(Budget.id_for("WRL"))[-1]
    state = signed.mapper.transcoder.decode(stored.state)
    assert state.pop("class_version") == 2
    for name in ("agreement", "verdeelsleutel", "peildatum"):
        del state[name]
    old = StoredEvent(stored.originator_id, stored.originator_version, stored.topic,
                      signed.mapper.transcoder.encode(state))
    event = signed.mapper.to_domain_event(old)
    assert (event.agreement, event.verdeelsleutel, event.peildatum) == (None, None, None)
    budget = signed.get(Budget, "WRL")
    event.apply(budget)
    assert budget.funding[-1]["source"] == "CDOKE" and budget.funding[-1]["agreement"] is None

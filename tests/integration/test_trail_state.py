"""Trails show state: in the trail of a budget line, before → after is the line's state
(allocated, budget, reserved, spent, free) before and after each event, never a raw field of an
unrelated earlier event; a reservation's trail shows the reservation's state. On SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from projections.journal import catch_up
from projections.reading import Horizon, Reader
from projections.tables import create_tables
from projections.trail import build, changes_text
from tests.conftest import agreement_of_the_six, env


@pytest.fixture
def wrl(ledger):
    agreement_of_the_six(ledger, signed="2021-07-15")
    ledger.programme_create(env("2021-09-01"), code="WRL", name="WRL", agreement="WRL-SOK",
                            start="2021-09-01", end="2022-12-31",
                            mandates=["pho:unlimited"])
    for code in ("WS1", "WS2"):
        ledger.workstream_add(env("2021-09-01"), programme="WRL", code=code, name=code)
    ledger.decision_record(env("2021-10-05"), key="PHO-1", body="pho:WRL", title="Begroting",
                           datum="2021-10-05", participants=["GM0546", "GM0547", "GM0537",
                                                             "GM0579", "GM0626", "GM0638"])
    for party in ("GM0546", "GM0547", "GM0537", "GM0579", "GM0626", "GM0638"):
        ledger.decision_ratify(env("2021-10-05"), "PHO-1", party=party, datum="2021-10-05")
    ledger.budget_allocate(env("2021-10-05"), programme="WRL", workstream="WS1", year=2022,
                           amount="450k")
    ledger.budget_allocate(env("2021-10-05"), programme="WRL", workstream="WS2", year=2022,
                           amount="150k")
    ledger.budget_reserve(env("2021-11-01"), programme="WRL", workstream="WS2", year=2022,
                          amount="145k", purpose="WarmtelinQ", reservation="R-WLQ")
    ledger.budget_shift(env("2022-01-15"), programme="WRL", from_workstream="WS1",
                        from_year=2022, to_workstream="WS2", to_year=2022, amount="100k",
                        decision="PHO-1")
    ledger.budget_spend(env("2022-02-01"), programme="WRL", amount="140k",
                        reference="factuur:1", reservation="R-WLQ")
    ledger.budget_release(env("2022-03-01"), programme="WRL", reservation="R-WLQ")
    return ledger


def trail_of(ledger, subject):
    create_tables(ledger.store)
    catch_up(ledger)
    return build(Reader(ledger.store, Horizon()), subject)


def test_a_budget_lines_trail_shows_the_lines_state_before_and_after_each_event(wrl):
    steps = trail_of(wrl, "budget:WRL/WS2/2022").steps
    line = [{k: v for k, v in s["changes"].items() if " " not in k} for s in steps]
    assert line == [
        {"allocated": {"before": "0.00", "after": "150000.00"},
         "budget": {"before": "0.00", "after": "150000.00"},
         "free": {"before": "0.00", "after": "150000.00"}},
        {"reserved": {"before": "0.00", "after": "145000.00"},
         "free": {"before": "150000.00", "after": "5000.00"}},
        # the shift in: the budget grows, what was allocated stays
        {"budget": {"before": "150000.00", "after": "250000.00"},
         "free": {"before": "5000.00", "after": "105000.00"}},
        # spending on the reservation: spent up, reserved down, free unchanged
        {"reserved": {"before": "145000.00", "after": "5000.00"},
         "spent": {"before": "0.00", "after": "140000.00"}},
        {"reserved": {"before": "5000.00", "after": "0.00"},
         "free": {"before": "105000.00", "after": "110000.00"}},
    ]
    # The shift's other line is named, with its own state:
    assert steps[2]["changes"]["begrotingspost WS1/2022 free"] == {"before": "450000.00",
                                                                   "after": "350000.00"}
    # Never a raw field of an event: every change is a figure of a line or reservation.
    figures = {"allocated", "budget", "reserved", "spent", "free", "amount", "released",
               "remaining"}
    assert all(k.rsplit(" ", 1)[-1] in figures and (" " not in k or k.startswith(
        ("begrotingspost ", "reservering "))) for s in steps for k in s["changes"])
    assert "vrij: € 5.000 → € 105.000" in changes_text(steps[2])
    assert "begrotingspost WS1/2022 vrij: € 450.000 → € 350.000" in changes_text(steps[2])


def test_a_reservations_trail_shows_the_reservations_state(wrl):
    steps = trail_of(wrl, "reservation:WRL/R-WLQ").steps
    own = [{k: v for k, v in s["changes"].items() if " " not in k} for s in steps]
    assert own == [
        {"amount": {"before": None, "after": "145000.00"},
         "remaining": {"before": None, "after": "145000.00"}},
        {"spent": {"before": "0.00", "after": "140000.00"},
         "remaining": {"before": "145000.00", "after": "5000.00"}},
        {"released": {"before": "0.00", "after": "5000.00"},
         "remaining": {"before": "5000.00", "after": "0.00"}},
    ]


def test_a_back_dated_event_is_told_against_what_was_recorded_before_it(wrl):
    # Recorded last, effective before everything else on the line: its before is still the
    # line as the ledger held it when the event was written.
    wrl.budget_allocate(env("2021-09-15"), programme="WRL", workstream="WS2", year=2022,
                        amount="10k")
    last = trail_of(wrl, "budget:WRL/WS2/2022").steps[-1]
    assert last["changes"]["allocated"] == {"before": "150000.00", "after": "160000.00"}
    assert last["changes"]["free"] == {"before": "110000.00", "after": "120000.00"}


def test_an_agreements_trail_shows_its_status_and_members_on_the_events_date(ledger):
    agreement_of_the_six(ledger, signed="2021-07-15")
    ledger.decision_record(env("2022-11-15"), key="BW-GM0547-UIT", body="college:GM0547",
                           title="Uittreden", datum="2022-11-15")
    ledger.agreement_withdraw(env("2023-01-01"), "WRL-SOK", party="GM0547",
                              decision="BW-GM0547-UIT", datum="2023-01-01")
    steps = trail_of(ledger, "agreement:WRL-SOK").steps
    last_signature = [s for s in steps if s["name"] == "Signed"][-1]
    assert last_signature["changes"]["status per 15-07-2021"] == {"before": "concept",
                                                                 "after": "in werking"}
    assert last_signature["changes"]["deelnemers per 15-07-2021"]["before"] == []
    assert len(last_signature["changes"]["deelnemers per 15-07-2021"]["after"]) == 6
    left = steps[-1]["changes"]["deelnemers per 01-01-2023"]
    assert "GM0547" in left["before"] and "GM0547" not in left["after"]
    # In a party's trail the agreement's state is labelled with the agreement:
    party = trail_of(ledger, "party:GM0547").steps[-1]["changes"]
    assert "overeenkomst WRL-SOK deelnemers per 01-01-2023" in party


def test_an_agreements_events_are_told_in_sentences(ledger):
    """Not "X recorded: party Y signed": who did what, in the reader's language."""
    agreement_of_the_six(ledger, signed="2021-07-15")
    ledger.decision_record(env("2022-11-15"), key="BW-GM0547-UIT", body="college:GM0547",
                           title="Uittreden", datum="2022-11-15")
    ledger.agreement_withdraw(env("2023-01-01"), "WRL-SOK", party="GM0547",
                              decision="BW-GM0547-UIT", datum="2023-01-01")
    sentences = [s["sentence"] for s in trail_of(ledger, "agreement:WRL-SOK").steps]
    assert sentences[0] == ("secretaris heeft overeenkomst WRL-SOK opgesteld: "
                            "“Samenwerkingsovereenkomst Warmte Leidse regio”.")
    assert "Het college van B&W van Leiden (GM0546) heeft overeenkomst WRL-SOK op 15 juli 2021 " \
        "ondertekend." in sentences
    assert sentences[-1] == ("Het college van B&W van Leiderdorp (GM0547) is op 1 januari 2023 "
                             "uitgetreden uit overeenkomst WRL-SOK.")
    from ledger.i18n import set_language

    set_language("en")
    try:
        english = [s["sentence"] for s in trail_of(ledger, "agreement:WRL-SOK").steps]
    finally:
        set_language("nl")
    assert "The college van B&W of Leiden (GM0546) signed agreement WRL-SOK on 15 July 2021." \
        in english


def test_budget_events_are_told_with_amounts_as_people_read_them(wrl):
    sentences = [s["sentence"] for s in trail_of(wrl, "budget:WRL/WS2/2022").steps]
    assert sentences[0] == "secretaris heeft € 150.000 toegewezen aan begrotingspost WS2/2022."
    assert sentences[1] == ("secretaris heeft € 145.000 gereserveerd op begrotingspost WS2/2022 "
                            "(reservering R-WLQ): “WarmtelinQ”.")
    assert "€ 100.000 verschoven van werkstroom WS1 2022 naar werkstroom WS2 2022" in sentences[2]
    assert sentences[3] == ("secretaris heeft een besteding van € 140.000 op begrotingspost "
                            "WS2/2022 vastgelegd (bron factuur:1).")

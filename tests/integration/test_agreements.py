"""Agreements and populations through the application service, on both databases: what the
Gherkin does not show (views and aggregates agree whatever the effective dates, idempotency,
plain values for the budget area, audit trails, import arguments)."""

from decimal import Decimal

import pytest

from ledger.errors import InvalidInput, RuleViolation
from ledger.fitting import fit_args, method_for
from ledger.storage import RawLog
from projections.journal import catch_up
from projections.reading import Horizon, Reader
from projections.tables import create_tables
from tests.conftest import env

GEMEENTEN = {"GM0546": ("Leiden", 125574), "GM0547": ("Leiderdorp", 27664),
             "GM0537": ("Katwijk", 65829)}


def events(ledger) -> int:
    with RawLog(ledger.store) as raw:
        return raw.count_and_max()[0]


def reader(ledger, on=None, upto=None) -> Reader:
    create_tables(ledger.store)
    catch_up(ledger)
    from datetime import date

    return Reader(ledger.store, Horizon(date.fromisoformat(on) if on else None, upto))


@pytest.fixture
def region(ledger):
    for cbs, (name, count) in GEMEENTEN.items():
        ledger.party_add(env("2021-01-01"), kind="gemeente", name=name, cbs=cbs)
        ledger.party_population(env("2021-01-01"), cbs, peildatum="2021-01-01", inwoners=count,
                                source="CBS, Bevolking op 1 januari 2021")
        ledger.decision_record(env("2021-10-05"), key=f"BW-{cbs}", body=f"college:{cbs}",
                               title="Instemming", datum="2021-10-05")
    return ledger


def test_signatures_dated_before_the_draft_was_recorded_still_count_in_the_view(region):
    # The secretariat records in 2022 an agreement signed in 2021: the events' effective dates
    # (2022) differ from the signature dates (2021). View and aggregate must agree.
    late = env("2022-03-01")
    region.agreement_create(late, key="SOK", kind="sok", title="SOK", parties=list(GEMEENTEN),
                            verdeelsleutel="per-inwoner", peildatum="2021-01-01")
    for cbs in GEMEENTEN:
        region.agreement_sign(late, "SOK", party=cbs, decision=f"BW-{cbs}", datum="2021-10-05")
    from projections.agreements import agreements, shares

    view = agreements(reader(region, on="2022-06-30"))["SOK"]
    assert view["status"] == "in werking" and view["in_force_since"] == "2021-10-05"
    ours = shares(reader(region, on="2022-06-30"), "SOK", Decimal(1000), None)
    theirs = region.agreement_shares("SOK", "1000", "2022-06-30")
    assert [s["share"] for s in ours["shares"]] == [s["share"] for s in theirs["shares"]]


def test_a_ratification_recorded_later_than_its_date_counts_in_the_decisions_view(region):
    region.decision_record(env("2021-12-09"), key="PHO-1", body="pho:WRL", title="Inrichting",
                           datum="2021-12-09", participants=["GM0546", "GM0547"])
    for cbs in ("GM0546", "GM0547"):
        region.decision_ratify(env("2022-02-01"), "PHO-1", party=cbs, datum="2021-12-14")
    from projections.decisions import decisions

    view = decisions(reader(region, on="2021-12-31"))["PHO-1"]
    assert view["status"] == "in werking"
    assert view["in_force_since"] == "2021-12-14"


def test_as_of_shows_the_agreement_as_recorded_then(region):
    region.agreement_create(env("2021-09-01"), key="SOK", kind="sok", title="SOK",
                            parties=list(GEMEENTEN))
    for cbs in GEMEENTEN:
        region.agreement_sign(env("2021-10-05"), "SOK", party=cbs, decision=f"BW-{cbs}")
    with RawLog(region.store) as raw:
        before_last = raw.count_and_max()[1] - 1
    from projections.agreements import agreements

    assert agreements(reader(region, on="2021-12-31"))["SOK"]["status"] == "in werking"
    then = agreements(reader(region, on="2021-12-31", upto=before_last))["SOK"]
    assert then["status"] == "concept" and then["not_signed"] == ["GM0537"]


def test_agreement_shares_returns_plain_values_that_add_up(region):
    region.agreement_create(env("2021-09-01"), key="SOK", kind="sok", title="SOK",
                            parties=list(GEMEENTEN), verdeelsleutel="per-inwoner",
                            peildatum="2021-01-01")
    for cbs in GEMEENTEN:
        region.agreement_sign(env("2021-10-05"), "SOK", party=cbs, decision=f"BW-{cbs}")
    result = region.agreement_shares("SOK", Decimal("1000000.01"), "2021-12-31")
    assert result["verdeelsleutel"] == {"method": "per-inwoner", "peildatum": "2021-01-01"}
    assert sum(s["share"] for s in result["shares"]) == Decimal("1000000.01")
    assert {s["party"]: s["name"] for s in result["shares"]}["GM0546"] == "Leiden"
    assert all(isinstance(s["share"], Decimal) for s in result["shares"])


def test_a_corrected_population_changes_the_shares_and_the_old_figure_stays(region):
    region.agreement_create(env("2021-09-01"), key="SOK", kind="sok", title="SOK",
                            parties=["GM0546", "GM0547"], verdeelsleutel="per-inwoner",
                            peildatum="2021-01-01")
    for cbs in ("GM0546", "GM0547"):
        region.agreement_sign(env("2021-10-05"), "SOK", party=cbs, decision=f"BW-{cbs}")
    before = region.agreement_shares("SOK", 100, "2021-12-31")["shares"]
    fix = region.party_population(env("2021-01-01", reason="definitief cijfer"), "GM0547",
                                  peildatum="2021-01-01", inwoners=125574, source="CBS")
    after = region.agreement_shares("SOK", 100, "2021-12-31")["shares"]
    assert [s["share"] for s in after] == [Decimal("50.00"), Decimal("50.00")]
    assert before != after
    from projections.parties import parties

    history = parties(reader(region))["GM0547"]["populations"]
    assert [f["inwoners"] for f in history] == [27664, 125574]
    assert history[1]["corrects"] == history[0]["position"] and history[1]["position"] == \
        fix.positions[0]


def test_repeating_a_signature_with_its_command_id_writes_nothing(region):
    region.agreement_create(env("2021-09-01"), key="SOK", kind="sok", title="SOK",
                            parties=list(GEMEENTEN))
    first = region.agreement_sign(env("2021-10-05", command_id="s-1"), "SOK", party="GM0546",
                                  decision="BW-GM0546")
    count = events(region)
    again = region.agreement_sign(env("2021-10-05", command_id="s-1"), "SOK", party="GM0546",
                                  decision="BW-GM0546")
    assert again.replayed and again.positions == first.positions and events(region) == count


def test_the_audit_trail_of_a_decision_shows_what_rests_on_it(region):
    region.agreement_create(env("2021-09-01"), key="SOK", kind="sok", title="SOK",
                            parties=list(GEMEENTEN))
    region.agreement_sign(env("2021-10-05"), "SOK", party="GM0546", decision="BW-GM0546")
    from projections.trail import trail

    steps = trail(reader(region), "decision:BW-GM0546")
    assert [s["event"] for s in steps] == ["Decision.Recorded", "Agreement.Signed"]
    party_steps = trail(reader(region), "party:GM0546")
    assert "Agreement.Signed" in [s["event"] for s in party_steps]


def test_an_import_line_with_an_unknown_decision_field_is_refused_as_such(region):
    method = method_for(region, "decision.record")
    before = events(region)
    with pytest.raises(InvalidInput, match="de opdracht heeft geen argument kleur"):
        args = fit_args(method, {"key": "D-1", "body": "college:GM0546", "title": "x",
                                 "datum": "2021-10-05", "kleur": "rood"})
        method(env("2021-10-05"), **args)
    assert events(region) == before


def test_a_party_key_is_matched_without_regard_to_case(region):
    region.agreement_create(env("2021-09-01"), key="SOK", kind="sok", title="SOK",
                            parties=["gm0546", "GM0547"])
    out = region.agreement_sign(env("2021-10-05"), "sok", party="gm0546", decision="BW-GM0546")
    assert out.positions


def test_withdrawing_needs_the_partys_own_college_and_a_signature(region):
    region.agreement_create(env("2021-09-01"), key="SOK", kind="sok", title="SOK",
                            parties=list(GEMEENTEN))
    region.agreement_sign(env("2021-10-05"), "SOK", party="GM0546", decision="BW-GM0546")
    before = events(region)
    with pytest.raises(RuleViolation, match="GM0547 heeft overeenkomst SOK nooit ondertekend"):
        region.agreement_withdraw(env("2022-01-01"), "SOK", party="GM0547",
                                  decision="BW-GM0547")
    assert events(region) == before

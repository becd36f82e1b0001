"""The rules of `ledger/rules/`, which the aggregates and the views now share, against a plain
restatement of each rule on random inputs and at their edges."""

from datetime import date, timedelta
from decimal import Decimal
from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.rules import reservation as rr
from ledger.rules.authority import in_force
from ledger.rules.decision import IN_FORCE, Facts, missing_ratifications, status_on
from ledger.rules.routekaart import (
    AFGEROND,
    GEDEELTELIJK,
    LOOPT,
    NIET_GESTART,
    STATUSES,
    VERVALLEN,
    derive,
    weg_status,
)

DAY0 = date(2021, 1, 1)
days = st.integers(min_value=0, max_value=400).map(lambda n: DAY0 + timedelta(days=n))
cents = st.integers(min_value=1, max_value=10**7).map(lambda c: Decimal(c) / 100)


# --- reservations ------------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(cents, st.lists(st.tuples(days, cents), max_size=6), st.one_of(st.none(), days))
def test_a_reservation_is_resolved_exactly_when_nothing_remains_or_it_was_released(
        amount, spends, release):
    released = Decimal(0)
    if release is not None:
        released = max(amount - sum((a for _, a in spends), Decimal(0)), Decimal(0))
    spent = sum((a for _, a in spends), Decimal(0))
    left = amount - spent - released
    on = rr.resolved_on(amount, spends, release, released)
    if release is not None:
        expected = release
    elif spends and left <= 0:
        expected = max(d for d, _ in spends)
    else:
        expected = None
    assert on == expected
    assert rr.remaining(amount, spent, released) == left
    assert rr.state(on, released) == ("open" if expected is None else
                                      "released" if released else "spent")
    r = rr.Reservation("R1", "WS1", 2021, amount, DAY0, "doel")
    for d, a in spends:
        r.spend(d, a)
    if release is not None:
        r.release(release, released)
    assert (r.remaining, r.resolved_on, r.state) == (left, expected, rr.state(expected, released))


def test_a_reservation_at_exactly_zero_below_zero_and_partly_spent():
    d1, d2 = date(2021, 3, 1), date(2021, 2, 1)
    exact = [(d1, Decimal("60")), (d2, Decimal("40"))]
    assert rr.resolved_on(Decimal("100"), exact, None) == d1  # the latest spending, not the last
    over = [(d2, Decimal("70")), (d1, Decimal("40"))]  # a log from before the rules: overspent
    assert rr.remaining(Decimal("100"), Decimal("110"), Decimal(0)) == Decimal("-10")
    assert rr.resolved_on(Decimal("100"), over, None) == d1
    assert rr.resolved_on(Decimal("100"), [(d1, Decimal("99.99"))], None) is None
    assert rr.state(None, Decimal(0)) == "open"
    assert rr.resolved_on(Decimal("100"), [(d2, Decimal("30"))], d1, Decimal("70")) == d1
    assert rr.resolved_on(Decimal("100"), [], None) is None


# --- Routekaart: the status of a whole from its parts -----------------------------------------

def restated(statuses: list[str]) -> str:
    live = [s for s in statuses if s != VERVALLEN]
    if not statuses:
        return NIET_GESTART
    if not live:
        return VERVALLEN
    if set(live) == {AFGEROND}:
        return AFGEROND
    if AFGEROND in live or GEDEELTELIJK in live:
        return GEDEELTELIJK
    return LOOPT if LOOPT in live else NIET_GESTART


def test_every_combination_of_up_to_three_actie_statuses():
    for n in range(4):
        for combo in product(STATUSES, repeat=n):
            assert derive(combo) == restated(list(combo)), combo
            assert weg_status([], combo) == restated(list(combo))


@given(st.lists(st.sampled_from(STATUSES), max_size=8),
       st.lists(st.sampled_from(STATUSES), max_size=8))
def test_a_weg_is_judged_by_its_stappen_when_it_has_them(stappen, acties):
    assert weg_status(stappen, acties) == restated(stappen if stappen else acties)
    assert derive(reversed(stappen)) == derive(stappen)


# --- decisions: the status on a date and why it is not in force --------------------------------

facts = st.builds(
    lambda datum, ingang, verval, outcome, parts, rat, withdrawn: Facts(
        key="B", body="pho:WRL" if parts else "college:GM0546", datum=datum,
        ingangsdatum=max(datum, ingang), vervaldatum=verval if verval and verval > datum else None,
        vervalreden="termijn", outcome=outcome, condition="voorwaarde",
        participants=tuple(parts),
        ratifications={p: d for p, d in zip(parts, rat[:len(parts)], strict=True) if d},
        withdrawn=withdrawn),
    days, days, st.one_of(st.none(), days),
    st.sampled_from(("aangenomen", "aangenomen", "verworpen", "aangehouden", "uitgesteld")),
    st.lists(st.sampled_from(("GM0546", "GM0547", "GM0638")), unique=True, max_size=3),
    st.lists(st.one_of(st.none(), days), min_size=3, max_size=3),
    st.one_of(st.none(), days))


@settings(max_examples=400, deadline=None)
@given(facts, days)
def test_a_decision_carries_authority_exactly_when_it_is_in_werking(d, on):
    status = status_on(d, on)
    assert (in_force(d, on) is None) == (status == IN_FORCE)
    missing = [p for p in d.participants if p not in d.ratifications or d.ratifications[p] > on]
    if status == "voorgenomen":
        assert missing_ratifications(d, on) == missing != []
        assert missing[0] in (in_force(d, on) or "")
    if on < d.datum:
        assert status == "nog niet genomen"
    elif d.withdrawn is not None and d.withdrawn <= on:
        assert status == "ingetrokken"
    elif d.outcome != "aangenomen":
        assert status == d.outcome

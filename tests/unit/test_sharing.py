"""The verdeelsleutel arithmetic: shares always add up to the amount, to the cent, by the
largest-remainder rule; and the reporting periods of an agreement."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.errors import InvalidInput, RuleViolation
from ledger.rules.agreement import facts, reporting_status
from ledger.rules.sharing import check_verdeelsleutel, split, weights

cents = st.integers(min_value=0, max_value=10**11).map(lambda c: Decimal(c) / 100)
parties = st.dictionaries(st.from_regex(r"GM\d{4}", fullmatch=True),
                          st.integers(min_value=1, max_value=10**6).map(Decimal),
                          min_size=1, max_size=12)


@given(cents, parties)
def test_shares_add_up_exactly_and_differ_from_the_exact_share_by_less_than_a_cent(amount, w):
    shares = split(amount, w)
    assert sum(shares.values()) == amount
    total = sum(w.values())
    for p, share in shares.items():
        exact = amount * w[p] / total
        assert abs(share - exact) < Decimal("0.01")
        assert share == share.quantize(Decimal("0.01"))


@given(cents, parties)
def test_the_split_is_deterministic_whatever_the_order_of_the_parties(amount, w):
    reversed_w = dict(reversed(list(w.items())))
    assert split(amount, w) == split(amount, reversed_w)


def test_a_tie_gives_the_left_over_cent_to_the_lowest_party_key():
    assert split(Decimal("100"), {"GM0547": 1, "GM0546": 1, "GM0537": 1}) == {
        "GM0537": Decimal("33.34"), "GM0546": Decimal("33.33"), "GM0547": Decimal("33.33")}


def test_the_largest_remainder_gets_the_cent_before_a_lower_key():
    # 0.05 over 3:1 is 3.75 and 1.25 cents: floors 3 and 1, the cent left goes to 0.75.
    assert split(Decimal("0.05"), {"A": 3, "B": 1}) == {"A": Decimal("0.04"), "B": Decimal("0.01")}


def test_percentages_must_cover_every_payer_and_sum_to_exactly_100():
    spec = check_verdeelsleutel("percentages", payers=["A", "B"], percentages=["A=33.3333",
                                                                             "B=66.6667"])
    assert spec == {"method": "percentages", "percentages": {"A": "33.3333", "B": "66.6667"}}
    with pytest.raises(InvalidInput, match="tellen op tot 99,9999"):
        check_verdeelsleutel("percentages", payers=["A", "B"], percentages={"A": "33.3333",
                                                                           "B": "66.6666"})
    with pytest.raises(InvalidInput, match="C krijgt een percentage maar is geen betalende partij"):
        check_verdeelsleutel("percentages", payers=["A", "B"],
                             percentages={"A": 50, "B": 40, "C": 10})
    with pytest.raises(InvalidInput, match="meer dan vier decimalen"):
        check_verdeelsleutel("percentages", payers=["A", "B"],
                             percentages={"A": "50.00001", "B": "49.99999"})


def test_a_payer_without_population_is_named():
    spec = {"method": "per-inwoner", "peildatum": "2021-01-01"}
    with pytest.raises(RuleViolation, match="van GM0638 is geen inwonertal vastgelegd voor "
                       "peildatum 1 januari 2021"):
        weights(spec, ["GM0546", "GM0638"], lambda p, d: 125574 if p == "GM0546" else None)


def _agreement(**kw):
    base = dict(kind="sok", parties=["A", "B"], signatures={"A": {"datum": "2021-10-05"},
                                                            "B": {"datum": "2021-10-05"}},
                withdrawals={}, ended=None, amendments=[], reports=[],
                reporting={"frequency": "quarterly", "to": "raad"}, sharing={"method": "equal"},
                payers=["A", "B"], key="X", title="X")
    base.update(kw)
    return facts(**base)


@pytest.mark.parametrize("frequency,on,due,late", [
    ("quarterly", date(2021, 11, 1), "2022-03-31", []),
    ("quarterly", date(2022, 7, 1), "2022-09-30", ["2022-Q1", "2022-Q2"]),
    ("monthly", date(2021, 12, 15), "2021-12-31", ["2021-11"]),
    ("halfyearly", date(2022, 7, 1), "2022-12-31", ["2022-H1"]),
    ("yearly", date(2023, 2, 1), "2023-12-31", ["2022"]),
])
def test_reporting_periods(frequency, on, due, late):
    a = _agreement(reporting={"frequency": frequency, "to": "raad"})
    status = reporting_status(a, on)
    assert status["next_due"] == due
    assert [o["period"] for o in status["overdue"]] == late


def test_a_report_covers_the_period_it_was_sent_in():
    a = _agreement(reports=[{"datum": "2022-01-17", "to": "raad"}])
    status = reporting_status(a, date(2022, 2, 1))
    assert status["last_report"] == "2022-01-17"
    assert status["next_due"] == "2022-06-30"
    assert status["overdue"] == []


def test_the_refusals_read_in_english_with_lang_en():
    from ledger.i18n import set_language

    set_language("en")
    try:
        with pytest.raises(InvalidInput, match="The percentages add up to 99.9, not exactly 100."):
            check_verdeelsleutel("percentages", payers=["A", "B"],
                                 percentages={"A": "50", "B": "49.9"})
        with pytest.raises(RuleViolation, match="GM0638 has no population recorded for peildatum "
                           "1 January 2021"):
            weights({"method": "per-inwoner", "peildatum": "2021-01-01"}, ["GM0546", "GM0638"],
                    lambda p, d: 125574 if p == "GM0546" else None)
    finally:
        set_language("nl")

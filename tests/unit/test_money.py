"""Amounts are read the way Dutch documents print them, and never guessed."""

from decimal import Decimal

import pytest

from ledger.errors import InvalidInput
from ledger.money import format_eur, parse_amount


@pytest.mark.parametrize("text,expected", [
    ("450000", "450000.00"), ("450.000", "450000.00"), ("€ 450.000,00", "450000.00"),
    ("450k", "450000.00"), ("450000.50", "450000.50"), ("1.234,56", "1234.56"),
    ("2 mln", "2000000.00"), ("1,5k", "1500.00"), ("12,50", "12.50"), ("EUR 80.000", "80000.00"),
])
def test_accepted_forms(text, expected):
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["1,500", "-5", "450.5.5", "1.2345", "abc", "", "12,345",
                                  "0,001", "€", "1.000,5.0", "--3", "1e6", "nan"])
def test_refused_forms(text):
    with pytest.raises(InvalidInput):
        parse_amount(text)


def test_zero_can_be_refused():
    with pytest.raises(InvalidInput):
        parse_amount("0", allow_zero=False)


def test_dutch_formatting():
    assert format_eur(Decimal("1060000")) == "€ 1.060.000"
    assert format_eur(Decimal("12.5")) == "€ 12,50"
    assert format_eur(Decimal("-800")) == "-€ 800"

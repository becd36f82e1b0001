"""The envelope validates what users type: dates, references, actors, command ids."""

from datetime import date

import pytest

from ledger.dates import parse_date, parse_moment
from ledger.envelope import make_envelope, parse_ref
from ledger.errors import InvalidInput


def test_dates_in_iso_and_dutch_order():
    assert parse_date("2021-10-05") == date(2021, 10, 5)
    assert parse_date("5-10-2021") == date(2021, 10, 5)


@pytest.mark.parametrize("bad", ["2021-13-01", "yesterday", "31-02-2021", "2021/10/05", ""])
def test_bad_dates_are_refused(bad):
    with pytest.raises(InvalidInput):
        parse_date(bad)


def test_moments_are_timestamps_dates_or_positions():
    assert parse_moment("#12") == 12
    assert parse_moment("12") == 12
    assert parse_moment("2022-01-17").isoformat().startswith("2022-01-17T23:59:59")
    with pytest.raises(InvalidInput):
        parse_moment("#x")


@pytest.mark.parametrize("ref,normal", [
    ("zaak:Z/17/011355", "zaak:Z/17/011355"), ("DOC:166008", "doc:166008"),
    ("https://www.voorschoten.nl/besluit", "https://www.voorschoten.nl/besluit"),
])
def test_references(ref, normal):
    assert parse_ref(ref) == normal


@pytest.mark.parametrize("bad", ["http//x", "https://", "ftp://x.nl/a", "nonsense", "zaak:",
                                 "https://no spaces.nl", "memo:12"])
def test_bad_references_are_refused(bad):
    with pytest.raises(InvalidInput):
        parse_ref(bad)


def test_envelope_defaults_to_today_and_flags_it():
    e = make_envelope(actor="a")
    assert e.effective_given is False
    assert make_envelope(actor="a", on="2021-10-05").effective == date(2021, 10, 5)


def test_control_characters_in_reason_are_refused():
    with pytest.raises(InvalidInput):
        make_envelope(actor="a", reason="bad\x00reason")

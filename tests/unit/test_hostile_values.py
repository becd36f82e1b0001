"""Every way a user's text enters the ledger, fuzzed: each parser either returns a value that
keeps its promises or refuses with a LedgerError (one sentence). Nothing else may escape."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger import chain, dates, envelope, money, storage
from ledger.domain import base
from ledger.errors import LedgerError
from ledger.rules import names
from tests.hostile import TEXT, VALUE
from tests.integration.workload import scale

EXAMPLES = scale(400)
FUZZ = settings(max_examples=EXAMPLES, deadline=None)


def outcome(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except LedgerError as e:
        assert e.message.strip()  # (the CLI shows any control character in it as an escape)
        return e


@FUZZ
@given(st.one_of(TEXT, st.integers(), st.decimals(allow_nan=True, allow_infinity=True),
                 st.integers(-10**40, 10**40)))
def test_amounts_are_cents_within_bounds_or_refused(text):
    value = outcome(money.parse_amount, text)
    if isinstance(value, Decimal):
        assert 0 <= value <= money.MAX_AMOUNT and value.as_tuple().exponent == -2
        assert money.format_eur(value).startswith("€ ")


@FUZZ
@given(TEXT)
def test_dates_are_dates_or_refused(text):
    value = outcome(dates.parse_date, text)
    assert isinstance(value, (date, LedgerError))


@FUZZ
@given(TEXT)
def test_moments_are_utc_times_or_positions_or_refused(text):
    value = outcome(dates.parse_moment, text)
    if isinstance(value, int):
        assert 0 <= value <= chain.MAX_POSITION
    elif isinstance(value, datetime):
        assert value.tzinfo == UTC


@FUZZ
@given(TEXT)
def test_references_are_of_a_known_kind_or_refused(text):
    value = outcome(envelope.parse_ref, text)
    if isinstance(value, str):
        assert value.split(":", 1)[0] in (*envelope.REF_KINDS, "http", "https")


@FUZZ
@given(TEXT)
def test_fingerprints_parse_within_bounds_or_are_refused(text):
    value = outcome(chain.Fingerprint.parse, text)
    if isinstance(value, chain.Fingerprint):
        assert 0 <= value.position <= chain.MAX_POSITION


@FUZZ
@given(st.one_of(TEXT, st.builds(lambda s, t: f"{s}{t}", st.sampled_from(
    ["sqlite:///", "sqlite://", "postgresql://", "postgres://u:p@", "mysql://"]), TEXT)))
def test_database_urls_parse_or_are_refused(text):
    value = outcome(storage.parse_url, text)
    if isinstance(value, storage.Store):
        assert value.kind in ("sqlite", "postgresql")


@FUZZ
@given(TEXT)
def test_keys_are_plain_or_refused_and_any_text_has_an_aggregate_id(text):
    value = outcome(names.check_key, text, "key")
    if isinstance(value, str):
        assert 1 <= len(value) <= 64 and value.isascii()
    assert base.aggregate_id("party", text).version == 5


@FUZZ
@given(actor=st.one_of(st.none(), VALUE), on=st.one_of(st.none(), TEXT),
       refs=st.one_of(st.none(), VALUE), reason=st.one_of(st.none(), VALUE),
       command_id=st.one_of(st.none(), VALUE), corrects=st.one_of(st.none(), VALUE))
def test_envelopes_are_valid_or_refused(actor, on, refs, reason, command_id, corrects):
    env = outcome(envelope.make_envelope, actor=actor, on=on, refs=refs, reason=reason,
                  command_id=command_id, corrects=corrects)
    if isinstance(env, envelope.Envelope):
        assert env.actor and isinstance(env.effective, date)
        assert env.corrects is None or 1 <= env.corrects <= chain.MAX_POSITION
        for text in (env.actor, env.reason or "", env.command_id or "", *env.refs):
            text.encode("utf-8")  # nothing that cannot be stored


@pytest.mark.parametrize("text", ["²", "#²", "١٢", "#99999999999999999999"])
def test_digits_that_are_not_ascii_or_too_large_are_not_positions(text):
    assert isinstance(outcome(dates.parse_moment, text), LedgerError)

"""The chain names the first position that does not match, without any database."""

from ledger import chain
from ledger.chain import Fingerprint, Row, link, verify_rows


def rows(n: int) -> list[Row]:
    out, prev = [], chain.GENESIS
    for p in range(1, n + 1):
        state = f'{{"n": {p}}}'.encode()
        prev = link(prev, p, f"{p:032x}", 1, "t", state)
        out.append(Row(p, f"{p:032x}", 1, "t", state, prev))
    return out


def test_an_intact_chain_verifies_and_gives_the_head():
    r = rows(5)
    result = verify_rows(r)
    assert result.ok and result.checked == 5
    assert result.fingerprint == Fingerprint(5, r[-1].stored_link)


def test_a_changed_byte_is_named():
    r = rows(5)
    r[2] = Row(3, r[2].originator_id, 1, "t", b'{"n": 9}', r[2].stored_link)
    result = verify_rows(r)
    assert not result.ok and result.bad_position == 3


def test_a_truncated_chain_is_caught_against_an_earlier_fingerprint():
    r = rows(5)
    fp = verify_rows(r).fingerprint
    result = verify_rows(r[:3], against=fp)
    assert not result.ok and result.bad_position == 5


def test_fingerprints_parse_and_reject_nonsense():
    assert Fingerprint.parse("12:abcdef12").position == 12
    import pytest

    from ledger.errors import InvalidInput
    with pytest.raises(InvalidInput):
        Fingerprint.parse("twelve")

"""Acting as an attacker on a raw connection, with the guards dropped first: every kind of
tampering is caught by `ledger audit verify`, at the right position."""

import pytest

from ledger import chain
from ledger.storage import RawLog
from tests.conftest import env
from tests.integration.attacker import drop_guards

GEMEENTEN = [("GM0546", "Leiden"), ("GM0547", "Leiderdorp"), ("GM0537", "Katwijk"),
             ("GM0579", "Oegstgeest"), ("GM0626", "Voorschoten"), ("GM0638", "Zoeterwoude")]


@pytest.fixture
def filled(store, ledger):
    for cbs, name in GEMEENTEN:
        ledger.party_add(env(), kind="gemeente", name=name, cbs=cbs)
    return store


def verify(store, against=None) -> chain.Verification:
    with RawLog(store) as raw:
        return chain.verify_rows(raw.rows(), against=against, orphan_links=raw.orphan_links())


def test_untouched_ledger_verifies(filled):
    assert verify(filled).ok


def test_a_changed_byte_is_caught_at_its_position(filled):
    with RawLog(filled) as raw:
        drop_guards(raw)
        row = raw.event_at(3)
        changed = row.state.replace(b"Katwijk", b"Katwijq")
        raw.conn.execute(f"UPDATE {raw.events} SET state = {raw.p} WHERE {raw.pos} = 3",
                         (changed,))
        raw.conn.commit()
    result = verify(filled)
    assert not result.ok and result.bad_position == 3


def test_a_deleted_event_is_caught(filled):
    with RawLog(filled) as raw:
        drop_guards(raw)
        raw.conn.execute(f"DELETE FROM {raw.events} WHERE {raw.pos} = 4")
        raw.conn.commit()
    result = verify(filled)
    assert not result.ok and result.bad_position == 4


def test_a_deleted_event_with_its_link_is_caught_at_the_next(filled):
    with RawLog(filled) as raw:
        drop_guards(raw)
        raw.conn.execute(f"DELETE FROM {raw.events} WHERE {raw.pos} = 4")
        raw.conn.execute(f"DELETE FROM {raw.chain} WHERE position = 4")
        raw.conn.commit()
    result = verify(filled)
    assert not result.ok and result.bad_position == 5


def test_an_inserted_event_is_caught(filled):
    with RawLog(filled) as raw:
        drop_guards(raw)
        row = raw.event_at(2)
        oid = "0" * 31 + "1"
        if raw.kind == "sqlite":
            raw.conn.execute("INSERT INTO stored_events (rowid, originator_id, originator_version, "
                             "topic, state) VALUES (100, ?, 1, ?, ?)", (oid, row.topic, row.state))
        else:
            raw.conn.execute(f"INSERT INTO {raw.events} (originator_id, originator_version, topic, "
                             f"state, notification_id) VALUES (%s, 1, %s, %s, 100)",
                             (oid, row.topic, row.state))
        raw.conn.commit()
    result = verify(filled)
    assert not result.ok and result.bad_position == 100


def test_two_swapped_events_are_caught_at_the_first(filled):
    with RawLog(filled) as raw:
        drop_guards(raw)
        a, b = raw.event_at(2), raw.event_at(5)
        for pos, row in ((2, b), (5, a)):
            raw.conn.execute(
                f"UPDATE {raw.events} SET state = {raw.p}, topic = {raw.p} WHERE {raw.pos} = {pos}",
                (row.state, row.topic))
        raw.conn.commit()
    result = verify(filled)
    assert not result.ok and result.bad_position == 2


def test_a_truncated_log_is_caught_against_an_earlier_fingerprint(filled):
    earlier = verify(filled).fingerprint
    with RawLog(filled) as raw:
        drop_guards(raw)
        raw.conn.execute(f"DELETE FROM {raw.events} WHERE {raw.pos} > 4")
        raw.conn.execute(f"DELETE FROM {raw.chain} WHERE position > 4")
        raw.conn.commit()
    assert verify(filled).ok  # the shorter chain is consistent in itself...
    result = verify(filled, against=earlier)
    assert not result.ok and result.bad_position == earlier.position  # ...but not with the past


def test_a_rewritten_history_is_caught_against_an_earlier_fingerprint(filled):
    earlier = verify(filled).fingerprint
    with RawLog(filled) as raw:
        drop_guards(raw)
        row = raw.event_at(2)
        raw.conn.execute(f"UPDATE {raw.events} SET state = {raw.p} WHERE {raw.pos} = 2",
                         (row.state.replace(b"Leiderdorp", b"Leiderdorq"),))
        # the attacker recomputes every link after it, so the chain is consistent again
        prev = raw.link_at(1)
        for r in list(raw.rows()):
            if r.position >= 2:
                prev = chain.link(prev, r.position, r.originator_id, r.version, r.topic, r.state,
                                  r.login)
                raw.conn.execute(f"UPDATE {raw.chain} SET link = {raw.p} WHERE position = {raw.p}",
                                 (prev, r.position))
        raw.conn.commit()
    assert verify(filled).ok
    result = verify(filled, against=earlier)
    assert not result.ok and result.bad_position == earlier.position

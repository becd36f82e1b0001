"""The store itself: the envelope on every event, idempotent command ids, corrections that leave
the original intact, and an append-only log, on SQLite and on PostgreSQL."""

import json

import pytest

from ledger.application import open_ledger
from ledger.domain.party import Party
from ledger.errors import IdempotencyConflict, InvalidInput, NotFound
from ledger.storage import RawLog
from tests.conftest import env


def test_every_event_carries_the_envelope(ledger):
    ledger.party_add(env(refs=["zaak:Z/21/0001"], reason="start WRL"), kind="gemeente",
                     name="Leiden", cbs="GM0546")
    with RawLog(ledger.store) as raw:
        (row,) = list(raw.rows())
    state = json.loads(row.state)
    assert state["actor"] == "secretaris"
    assert state["effective"]["_data_"] == "2021-10-05"
    assert state["refs"] == ["zaak:Z/21/0001"]
    assert state["reason"] == "start WRL"
    assert "timestamp" in state  # recorded time, from the system clock


def test_the_same_command_id_twice_is_a_no_op_reporting_the_original(ledger):
    first = ledger.party_add(env(command_id="c-1"), kind="gemeente", name="Leiden", cbs="GM0546")
    again = ledger.party_add(env(command_id="c-1"), kind="gemeente", name="Leiden", cbs="GM0546")
    assert again.replayed and again.positions == first.positions
    with RawLog(ledger.store) as raw:
        assert raw.count_and_max()[0] == 2  # the event and its receipt, nothing more


def test_the_same_command_id_with_another_payload_is_refused_naming_the_fields(ledger):
    ledger.party_add(env(command_id="c-1"), kind="gemeente", name="Leiden", cbs="GM0546")
    with pytest.raises(IdempotencyConflict, match="verschillend: effective, name"):
        ledger.party_add(env(on="2021-10-06", command_id="c-1"), kind="gemeente", name="Leidn",
                         cbs="GM0546")


def test_a_correction_refers_to_the_original_and_leaves_it_intact(ledger):
    first = ledger.party_add(env(), kind="provincie", name="Zuid Holand", key="ZH")
    with RawLog(ledger.store) as raw:
        before = raw.event_at(first.positions[0])
    fix = ledger.party_correct(env(reason="spelling"), "ZH", name="Provincie Zuid-Holland")
    with RawLog(ledger.store) as raw:
        after = raw.event_at(first.positions[0])
        corrected = json.loads(raw.event_at(fix.positions[0]).state)
    assert before == after
    assert corrected["corrects"] == first.positions[0]
    assert ledger.get(Party, "ZH").name == "Provincie Zuid-Holland"


def test_a_correction_must_point_at_an_event_of_the_same_party(ledger):
    ledger.party_add(env(), kind="provincie", name="Zuid-Holland", key="ZH")
    other = ledger.party_add(env(), kind="gemeente", name="Leiden", cbs="GM0546")
    with pytest.raises(InvalidInput, match="gaat niet over partij ZH"):
        ledger.party_correct(env(corrects=other.positions[0]), "ZH", name="x")
    with pytest.raises(NotFound):
        ledger.party_correct(env(), "NOPE", name="x")


def test_raw_update_and_delete_on_the_log_fail(store, ledger):
    ledger.party_add(env(), kind="gemeente", name="Leiden", cbs="GM0546")
    with RawLog(store) as raw:
        for sql in (f"UPDATE {raw.events} SET topic = 'x'", f"DELETE FROM {raw.events}",
                    f"UPDATE {raw.chain} SET link = 'x'", f"DELETE FROM {raw.chain}"):
            with pytest.raises(Exception, match="append-only"):
                raw.conn.execute(sql)
            raw.conn.rollback()
        assert raw.count_and_max() == (1, 1)


def test_truncate_fails_on_postgresql(pg_store):
    store = pg_store
    ledger = open_ledger(store)
    ledger.party_add(env(), kind="gemeente", name="Leiden", cbs="GM0546")
    with RawLog(store) as raw:
        for table in (raw.events, raw.chain):
            with pytest.raises(Exception, match="append-only"):
                raw.conn.execute(f"TRUNCATE {table}")
            raw.conn.rollback()


def test_insert_or_replace_fails_on_sqlite(sqlite_store):
    store = sqlite_store
    ledger = open_ledger(store)
    ledger.party_add(env(), kind="gemeente", name="Leiden", cbs="GM0546")
    with RawLog(store) as raw:
        oid, version = raw.conn.execute(
            "SELECT originator_id, originator_version FROM stored_events").fetchone()
        with pytest.raises(Exception, match="append-only"):
            raw.conn.execute("INSERT OR REPLACE INTO stored_events VALUES (?, ?, 'x', x'00')",
                             (oid, version))
        with pytest.raises(Exception, match="append-only"):
            raw.conn.execute("INSERT OR REPLACE INTO ledger_chain (position, link, login) "
                             "VALUES (1, 'x', 'someone')")
        raw.conn.rollback()
        assert raw.count_and_max() == (1, 1)

"""SQLite's durability settings, read from the connections the ledger itself uses (the event
store's, the read side's, the integrity commands'): WAL journal, synchronous FULL, a 30-second
busy timeout, and write transactions that take the write lock when they begin (IMMEDIATE).
docs/reliability.md says why each matters."""

from __future__ import annotations

import sqlite3
import threading

import pytest
import sqlalchemy as sa

from ledger.application import open_ledger
from ledger.storage import BUSY_TIMEOUT, RawLog
from projections.tables import create_tables, engine_for, write_transaction
from tests.conftest import env

FULL = 2


def pragmas(conn) -> dict[str, object]:
    return {name: conn.execute(f"PRAGMA {name}").fetchone()[0]
            for name in ("journal_mode", "synchronous", "busy_timeout")}


EXPECTED = {"journal_mode": "wal", "synchronous": FULL, "busy_timeout": BUSY_TIMEOUT * 1000}


def test_the_event_store_connections_are_durable_and_patient(sqlite_store):
    ledger = open_ledger(sqlite_store)
    conn = ledger.factory.datastore.pool.get_connection()
    try:
        assert pragmas(conn._sqlite_conn) == EXPECTED
    finally:
        ledger.factory.datastore.pool.put_connection(conn)
        ledger.close()


def test_the_read_side_and_the_integrity_commands_use_the_same_settings(sqlite_store):
    create_tables(sqlite_store)
    with engine_for(sqlite_store).connect() as conn:
        found = {k: conn.exec_driver_sql(f"PRAGMA {k}").scalar() for k in EXPECTED}
    assert found == EXPECTED
    with RawLog(sqlite_store) as raw:
        assert pragmas(raw.conn) == EXPECTED


def locked_for_others(path: str) -> bool:
    """Whether another connection, not willing to wait, is kept from writing right now."""
    other = sqlite3.connect(path, timeout=0)
    try:
        other.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as e:
        assert "locked" in str(e)
        return True
    else:
        other.rollback()
        return False
    finally:
        other.close()


def test_a_write_transaction_takes_the_write_lock_when_it_begins(sqlite_store):
    ledger = open_ledger(sqlite_store)
    with ledger.factory.datastore.transaction(commit=True):
        assert locked_for_others(sqlite_store.path)  # before it has written anything
    with ledger.factory.datastore.transaction(commit=False):
        assert not locked_for_others(sqlite_store.path)  # reads lock out no one
    ledger.close()
    create_tables(sqlite_store)
    with write_transaction(sqlite_store) as conn:
        conn.execute(sa.text("SELECT 1"))
        assert locked_for_others(sqlite_store.path)


def test_a_writer_waits_for_another_writer_instead_of_failing(sqlite_store):
    other = sqlite3.connect(sqlite_store.path, timeout=0, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # someone else holds the write lock...
    release = threading.Timer(0.5, other.commit)  # ...for a moment
    release.start()
    ledger = open_ledger(sqlite_store)
    try:
        outcome = ledger.party_add(env(), kind="gemeente", name="Leiden", cbs="GM0546")
    finally:
        release.join()
        other.close()
        ledger.close()
    assert outcome.positions == [1]


@pytest.mark.parametrize("statement", ["UPDATE stored_events SET topic = 'x'",
                                       "DELETE FROM ledger_chain"])
def test_guards_hold_on_the_durable_connections_too(sqlite_store, statement):
    ledger = open_ledger(sqlite_store)
    ledger.party_add(env(), kind="gemeente", name="Leiden", cbs="GM0546")
    ledger.close()
    with RawLog(sqlite_store) as raw, pytest.raises(sqlite3.IntegrityError, match="append-only"):
        raw.conn.execute(statement)

"""The SQLite side of storage: eventsourcing's recorder plus the hash chain and the append-only
triggers, and connections that make every commit durable and let writers queue. Named to
eventsourcing by topic (`Store.eventsourcing_env`), so it is imported only when a ledger on SQLite
is opened for writing."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import (
    SQLiteApplicationRecorder,
    SQLiteConnection,
    SQLiteConnectionPool,
    SQLiteCursor,
    SQLiteFactory,
    SQLiteTransaction,
)

from ledger import chain
from ledger.storage import APPEND_ONLY, CHAIN, EVENTS, _links

SQLITE_GUARDS = [
    f"CREATE TABLE IF NOT EXISTS {CHAIN} (position INTEGER PRIMARY KEY, link TEXT NOT NULL)",
    *[
        f"CREATE TRIGGER IF NOT EXISTS {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
        for table in (EVENTS, CHAIN)
        for verb in ("UPDATE", "DELETE")
    ],
    # INSERT OR REPLACE deletes the conflicting row without firing DELETE triggers; refuse any
    # insert whose key is already taken, so that REPLACE can never remove a recorded event.
    f"CREATE TRIGGER IF NOT EXISTS {EVENTS}_no_replace BEFORE INSERT ON {EVENTS} "
    f"WHEN EXISTS (SELECT 1 FROM {EVENTS} WHERE originator_id = NEW.originator_id "
    f"AND originator_version = NEW.originator_version) "
    f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END",
    f"CREATE TRIGGER IF NOT EXISTS {CHAIN}_no_replace BEFORE INSERT ON {CHAIN} "
    f"WHEN EXISTS (SELECT 1 FROM {CHAIN} WHERE position = NEW.position) "
    f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END",
]


class ChainedSQLiteRecorder(SQLiteApplicationRecorder):
    """eventsourcing's SQLite recorder, plus chain links written in the same transaction."""

    def construct_create_table_statements(self) -> list[str]:
        return super().construct_create_table_statements() + SQLITE_GUARDS

    def _insert_events(self, c: Any, stored_events: Sequence[StoredEvent], **kwargs: Any):
        positions = super()._insert_events(c, stored_events, **kwargs)
        if positions:
            c.execute(f"SELECT link FROM {CHAIN} ORDER BY position DESC LIMIT 1")
            row = c.fetchone()
            links = _links(row[0] if row else chain.GENESIS, stored_events, positions)
            c.executemany(f"INSERT INTO {CHAIN} (position, link) VALUES (?, ?)", links)
        return positions


class ImmediateTransaction(SQLiteTransaction):
    """A write transaction that takes SQLite's write lock when it begins (BEGIN IMMEDIATE).

    A deferred BEGIN takes the lock only at the first write; if the transaction read first and
    another process committed in between, SQLite fails at once with "database is locked" (the busy
    handler cannot help a stale snapshot). Taking the lock up front makes a writer wait its turn
    (up to the busy timeout) instead."""

    def __enter__(self) -> SQLiteCursor:
        cursor = self.connection.cursor()
        cursor.execute("BEGIN IMMEDIATE" if self.commit else "BEGIN")
        return cursor


class LedgerSQLiteConnection(SQLiteConnection):
    @contextmanager
    def transaction(self, *, commit: bool) -> Iterator[SQLiteCursor]:
        with ImmediateTransaction(self, commit=commit) as curs, curs:
            yield curs


class LedgerSQLitePool(SQLiteConnectionPool):
    """Connections in WAL mode (set by eventsourcing), synchronous FULL, a busy timeout, and
    write transactions that begin IMMEDIATE."""

    def _create_connection(self) -> SQLiteConnection:
        plain = super()._create_connection()
        plain._sqlite_conn.execute("PRAGMA synchronous=FULL")
        return LedgerSQLiteConnection(plain._sqlite_conn, max_age=self.max_age)


class LedgerSQLiteFactory(SQLiteFactory):
    """SQLite with the durability the ledger needs: every commit reaches the disk (synchronous
    FULL, in WAL mode) and writers wait for each other (busy timeout, BEGIN IMMEDIATE) instead of
    failing. See docs/reliability.md."""

    def __init__(self, env: Any):
        super().__init__(env)
        old = self.datastore.pool
        self.datastore.pool = LedgerSQLitePool(db_name=old.db_name, lock_timeout=old.lock_timeout)
        old.close()

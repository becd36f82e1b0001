"""The SQLite side of storage: eventsourcing's recorder plus the hash chain and the append-only
triggers, and connections that make every commit durable and let writers queue. Named to
eventsourcing by topic (`Store.eventsourcing_env`), so it is imported only when a ledger on SQLite
is opened for writing."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from eventsourcing.persistence import PersistenceError, StoredEvent
from eventsourcing.sqlite import (
    SQLiteApplicationRecorder,
    SQLiteConnection,
    SQLiteConnectionPool,
    SQLiteCursor,
    SQLiteFactory,
    SQLiteTransaction,
)

from ledger import chain, tree
from ledger.recording import KeyTaken, WriteFailed, failed
from ledger.storage import APPEND_ONLY, CHAIN, DEFAULT_CACHE, EVENTS, os_login

SQLITE_GUARDS = [
    f"CREATE TABLE IF NOT EXISTS {CHAIN} (position INTEGER PRIMARY KEY, link TEXT NOT NULL, "
    "login TEXT, key_id TEXT, signature TEXT)",
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
    *tree.sqlite_statements(),
]


class ChainedSQLiteRecorder(SQLiteApplicationRecorder):
    """eventsourcing's SQLite recorder, with the write path of our own: one transaction that
    inserts the events, writes their chain links and commits, or rolls back whatever is raised
    where (`ledger/recording.py` says what a failure means)."""

    cache_size = DEFAULT_CACHE  # SQLite's page cache (negative: KiB); larger in a bulk import

    def construct_create_table_statements(self) -> list[str]:
        return super().construct_create_table_statements() + SQLITE_GUARDS

    def insert_events(self, stored_events: Sequence[StoredEvent],
                      **kwargs: Any) -> Sequence[int] | None:
        try:
            with self.datastore.transaction(commit=True) as c:
                if self.cache_size != DEFAULT_CACHE:
                    c.execute(f"PRAGMA cache_size={self.cache_size}")
                positions = self._insert_rows(c, stored_events)
                if positions:
                    self._write_links(c, stored_events, positions)
                return positions
        except (KeyTaken, WriteFailed):
            raise
        except (sqlite3.Error, PersistenceError) as e:
            if "database is locked" in str(e):
                raise  # the busy timeout ran out: not a refusal of this write
            raise failed(e) from e

    def _insert_rows(self, c: Any, stored_events: Sequence[StoredEvent]) -> list[int]:
        """The INSERT of the events, returning their positions in order. A taken key (the
        primary key, or the guard against INSERT OR REPLACE, which fires first) is a conflict."""
        try:
            return list(super()._insert_events(c, stored_events) or [])
        except sqlite3.IntegrityError as e:
            text = str(e)
            if text.startswith(f"UNIQUE constraint failed: {EVENTS}.") or text == APPEND_ONLY:
                raise KeyTaken(text) from e
            raise

    def _write_links(self, c: Any, stored_events: Sequence[StoredEvent],
                     positions: Sequence[int]) -> None:
        """The chain-link step: one link per event, after the newest link, each covering the
        event's signature where it is signed, and the OS user who wrote it (SQLite
        authenticates nobody: shown as unauthenticated), and the events' leaves in the Merkle
        tree (`ledger/tree.py`), whose input is the link's.
        Everything the chain and the tree write happens here."""
        if not getattr(self, "_stamped", False):
            # A ledger made before logins were recorded gets the column on its first write,
            # one made before the tree its (empty) tree table: `ledger init` or the first proof
            # builds the tree (`tree.catch_up`).
            # (and one made before events were signed, the signature's columns)
            c.execute(f"SELECT name FROM pragma_table_info('{CHAIN}')")
            columns = {r[0] for r in c.fetchall()}
            for column in ("login", "key_id", "signature"):
                if column not in columns:
                    c.execute(f"ALTER TABLE {CHAIN} ADD COLUMN {column} TEXT")
            for sql in tree.sqlite_statements():
                c.execute(sql)
            self._stamped, self._login = True, os_login()
        c.execute(f"SELECT position, link FROM {CHAIN} ORDER BY position DESC LIMIT 1")
        row = c.fetchone()
        links, leaves = tree.leaves_of(row[1] if row else chain.GENESIS, stored_events,
                                       positions, self._login)
        c.executemany(f"INSERT INTO {CHAIN} (position, link, login, key_id, signature) "
                      "VALUES (?, ?, ?, ?, ?)",
                      [(p, link, self._login, *tree.signature_of(e))
                       for (p, link), e in zip(links, stored_events, strict=True)])
        tree.append_in_step(tree.Nodes(c, "sqlite", tree.TREE), int(row[0]) if row else 0,
                            leaves)


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

    def __exit__(self, *exc: Any) -> None:
        # eventsourcing's exit rolls back when the block raised, but not when the commit itself
        # fails: then the transaction (and SQLite's write lock) would stay open. Roll it back.
        try:
            super().__exit__(*exc)
        except BaseException:
            if self.connection._sqlite_conn.in_transaction:
                self.connection._sqlite_conn.rollback()
            raise


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

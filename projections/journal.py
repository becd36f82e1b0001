"""The catch-up: bringing the read tables (`projections/tables.py`) up to the end of the log.

`catch_up` pulls stored events after the tracked position in batches (one transaction and one
tracking write per batch) and makes their rows from the stored JSON (`projections/rows.py`),
writing them through the database's own driver. `replay` fills freshly created tables from the
whole log, as `ledger rebuild` does; `pending` makes the entries of the events the tables lack,
without writing, for a reader that may only read.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import sqlalchemy as sa

from ledger.errors import StoreError
from ledger.i18n import _
from ledger.storage import Store
from projections.reading import BODY_INDEX, Entry
from projections.rows import RowMaker, entry_fields
from projections.tables import (
    COLUMNS,
    aggregates,
    create_body_index,
    engine_for,
    journal,
    subjects,
    tracked_position,
    tracking,
    write_transaction,
)

BATCH = 2000
REPLAY_BATCH = 20000  # a rebuild's batches: fewer transactions, memory still bounded
POOL_SETTLE = 10.0  # seconds a rebuild waits for the application's pool to open before forking


class _Raw:
    """The database's own driver under a SQLAlchemy connection, for the catch-up's hot loop:
    reading stored events and writing journal rows in bulk (executemany on SQLite, COPY on
    PostgreSQL) without SQLAlchemy's per-row work."""

    def __init__(self, store: Store, conn: sa.Connection | None, driver: Any = None):
        self.dialect = d = store.dialect
        self.kind = store.kind
        self.driver: Any = driver if conn is None else conn.connection.driver_connection
        self.events, self.pos, self.p = d.events, d.position, d.placeholder

    def stored(self, after: int, limit: int) -> list[Any]:
        cur = self.driver.cursor()
        cur.execute(f"SELECT {self.pos}, originator_id, originator_version, topic, state "
                    f"FROM {self.events} WHERE {self.pos} > {self.p} "
                    f"ORDER BY {self.pos} LIMIT {int(limit)}", (after,))
        rows: list[Any] = cur.fetchall()
        return rows

    def head(self) -> int:
        cur = self.driver.cursor()
        cur.execute(f"SELECT max({self.pos}) FROM {self.events}")
        return int(cur.fetchone()[0] or 0)

    def insert(self, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        names = ", ".join(f'"{c}"' for c in columns)
        if self.kind == "sqlite":
            marks = ", ".join("?" * len(columns))
            self.driver.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
        else:
            with self.driver.cursor().copy(
                    f"COPY {self.dialect.table(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    def keys_of(self, oids: list[str]) -> dict[str, tuple[str, str]]:
        found: dict[str, tuple[str, str]] = {}
        cur = self.driver.cursor()
        for i in range(0, len(oids), 500):
            chunk = oids[i:i + 500]
            marks = ", ".join([self.p] * len(chunk))
            cur.execute(f"SELECT originator_id, kind, key FROM {self.dialect.table('view_aggregate')} "
                        f"WHERE originator_id IN ({marks})", chunk)
            found.update((oid, (kind, key)) for oid, kind, key in cur.fetchall())
        return found


def catch_up(app: Any, *, progress: Callable[[int, int], None] | None = None,
             batch: int = BATCH, durable: bool = True) -> int:
    """Bring the journal up to the end of the log; returns the number of events added.

    Each batch is one transaction under the journal's write lock, which re-reads the tracked
    position first: a reader that finds another one got further simply continues from there, so
    two readers catching up at once neither fail nor write a row twice."""
    store: Store = app.store
    engine = engine_for(store)
    maker = RowMaker(app)
    added = 0
    with engine.connect() as conn:
        start = tracked_position(conn)
        head = _Raw(store, conn).head()
    while start < head:
        with write_transaction(store, durable=durable) as conn:
            now = tracked_position(conn)
            if now != start:
                start = now  # another reader wrote this batch; go on from where it got to
                continue
            raw = _Raw(store, conn)
            stored = raw.stored(start, batch)
            if not stored:
                break
            last = int(stored[-1][0])
            _write(conn, raw, start, last, *maker.make(stored, raw.keys_of))
        added += len(stored)
        start = last
        if progress:
            progress(added, head)
    return added


def _write(conn: sa.Connection, raw: _Raw, start: int, last: int, rows: list[tuple[Any, ...]],
           subject_rows: list[tuple[str, int]], new_aggs: list[tuple[str, str, str]]) -> None:
    """Write one batch's rows and move the tracked position from `start` to `last`."""
    new_aggs.sort()  # both written in the order of their keys: each page of them once a batch
    raw.insert(aggregates.name, ("originator_id", "kind", "key"), new_aggs)
    raw.insert(journal.name, COLUMNS, rows)
    subject_rows.sort()
    raw.insert(subjects.name, ("subject", "position"), subject_rows)
    if start == 0 and not conn.execute(
            sa.select(tracking.c.name).where(tracking.c.name == "journal")).first():
        conn.execute(tracking.insert(), {"name": "journal", "position": last})
    else:
        conn.execute(tracking.update().where(tracking.c.name == "journal").values(position=last))


def _pipelined(app: Any, progress: Callable[[int, int], None] | None, batch: int) -> int:
    """`catch_up` in two processes: a child process (forked, so it starts at once with the
    application as it is) reads stored events and makes their rows, while this one writes the
    rows of the batch before (one interpreter each: making rows and writing them no longer take
    turns on one interpreter lock). The child is at most one batch ahead. A batch is written only
    if the tracked position is still where this catch-up left it; otherwise the child is
    stopped and `catch_up` goes on from wherever the other reader got to. Where processes cannot
    be forked, the same in this process alone."""
    import multiprocessing

    store: Store = app.store
    with engine_for(store).connect() as conn:
        start = tracked_position(conn)
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        return catch_up(app, progress=progress, batch=batch, durable=False)
    _settle_threads(app)
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_make_rows, args=(app, start, batch, sending, receiving),
                            name="journal-rows", daemon=True)
    child.start()
    sending.close()
    written, raced = 0, False
    try:
        while True:
            try:
                item = receiving.recv()
            except EOFError:  # the child ended without its last message (killed, say)
                child.join()
                raise RowsProcessEnded(child.exitcode) from None
            if item is None:
                break
            if isinstance(item, BaseException):
                raise item
            first, last, made, head = item
            with write_transaction(store, durable=False) as conn:
                if tracked_position(conn) != first:
                    raced = True  # another reader wrote this batch; it goes on from there
                    break
                _write(conn, _Raw(store, conn), first, last, *made)
            written += len(made[0])
            if progress:
                progress(written, head)
    finally:
        receiving.close()
        if child.is_alive() and (raced or child.exitcode is None):
            child.terminate()
        child.join()
    return written + (catch_up(app, progress=progress, batch=batch, durable=False)
                      if raced else 0)


class RowsProcessEnded(StoreError):
    """The rebuild's rows' process ended before it sent every batch (killed, out of memory): the
    rows written so far stay, with their tracked position, and the next read goes on from there."""

    def __init__(self, exitcode: int | None):
        super().__init__(
            _("The rebuild stopped: its process that reads the log ended early (exit code "
              "{code}).").format(code=exitcode),
            hint=_("The views hold what was written so far; run ledger rebuild again."))
        self.exitcode = exitcode


def _settle_threads(app: Any) -> None:
    """Before forking: let the application's connection pool (PostgreSQL's, which eventsourcing
    fills in threads of its own after the ledger opens) finish opening its connections, so that
    no thread is half-way through making one when the process is copied. A forked child gets
    only the thread that forked it; a lock another thread held at that moment (the database
    client library's, say) would stay held in the child for good."""
    pool = getattr(getattr(getattr(app, "recorder", None), "datastore", None), "pool", None)
    wait = getattr(pool, "wait", None)
    if wait is None:
        return
    try:
        wait(timeout=POOL_SETTLE)
    except Exception:  # a pool that cannot fill: its threads keep trying, the rebuild goes on
        return


def _make_rows(app: Any, start: int, batch: int, send: Any, parents_end: Any) -> None:
    """The child process of `_pipelined`: the rows of every stored event after `start`, batch by
    batch, sent to the parent; then None (or what went wrong). It uses connections of its
    own: the parent's belong to the parent. (It closes its copy of the parent's end of the
    pipe, so that a parent that died leaves it a broken pipe to end on, not a full one.)"""
    from projections import tables

    parents_end.close()
    tables.forget_engines()
    store: Store = app.store
    driver = store.dialect.connect()
    try:
        if store.kind == "postgresql":
            driver.autocommit = True  # no snapshot held between batches
        raw = _Raw(store, None, driver)
        maker = RowMaker(app)
        maker.KEYS = 1 << 62  # every aggregate made in the replay is remembered: never looked up
        head = raw.head()
        while start < head:
            stored = raw.stored(start, batch)
            if not stored:
                break
            last = int(stored[-1][0])
            # Aggregates made before the replay began are in the tables; those made since, in
            # the maker's memory.
            send.send((start, last, maker.make(stored, raw.keys_of), head))
            start = last
        send.send(None)
    except BaseException as e:  # handed to the parent
        try:
            send.send(e)
        except Exception:
            send.send(RuntimeError(f"{type(e).__name__}: {e}"))
    finally:
        send.close()
        driver.close()


def replay(app: Any, *, progress: Callable[[int, int], None] | None = None) -> int:
    """Fill freshly created (empty) read tables from the whole log, as `ledger rebuild` does.
    The journal's secondary indexes are dropped first and made again after the rows are in:
    sorting once is cheaper than keeping them up to date row by row."""
    engine = engine_for(app.store)
    indexes = sorted(journal.indexes, key=lambda i: i.name or "")
    body_index = app.store.dialect.table(BODY_INDEX)
    with engine.begin() as conn:
        for index in indexes:
            conn.execute(sa.schema.DropIndex(index))
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {body_index}")
    try:
        return _pipelined(app, progress, REPLAY_BATCH)
    finally:
        with write_transaction(app.store, durable=False) as conn:
            for index in indexes:
                conn.execute(sa.schema.CreateIndex(index))
        create_body_index(engine, app.store)


def pending(app: Any) -> list[Entry]:
    """The events after the journal's tracked position, as entries, without writing anything:
    what a reader that may not write the views folds in memory."""
    engine = engine_for(app.store)
    maker = RowMaker(app)
    out: list[Entry] = []
    with engine.connect() as conn:
        raw = _Raw(app.store, conn)
        start = tracked_position(conn)
        while True:
            stored = raw.stored(start, BATCH)
            if not stored:
                return out
            rows, subject_rows, _ = maker.make(stored, raw.keys_of)
            subs_of: dict[int, list[str]] = {}
            for subject, position in subject_rows:
                subs_of.setdefault(position, []).append(subject)
            for row in rows:
                fields = dict(zip(COLUMNS, row, strict=True))
                fields["effective"] = date.fromisoformat(fields["effective"])
                out.append(Entry(**entry_fields(fields), subjects=subs_of[row[0]]))
            start = int(stored[-1][0])

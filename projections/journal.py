"""The journal: every event of the log as a row, for views, trails, the log listing and reports.

`catch_up` pulls stored events after the tracked position in batches (one transaction and one
tracking write per batch) and makes their rows from the stored JSON (`RowMaker`), writing them
through the database's own driver. `replay` fills freshly created tables from the whole log, as
`ledger rebuild` does. The tables are declared here in SQLAlchemy Core; they are read through the
database's driver by `projections/reading.py` (`Entry`, `Horizon`, `Reader`, `fold`,
`is_current`: re-exported here), so a read of an up-to-date ledger does not import SQLAlchemy.
"""

from __future__ import annotations

import gc
import importlib
import itertools
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import orjson
import sqlalchemy as sa

from ledger.storage import Store
from projections.reading import (  # noqa: F401 (the reading API, re-exported)
    BODY_INDEX,
    JOURNAL_COLUMNS,
    READ_TABLES,
    Entry,
    Horizon,
    Reader,
    body_expr,
    cited_decisions,
    fold,
    is_current,
    jsonable,
    to_entry,
)

BATCH = 2000
REPLAY_BATCH = 20000  # a rebuild's batches: fewer transactions, memory still bounded
REPLAY_CACHE = -16384  # SQLite's page cache while rebuilding (KiB): the indexes being filled
ENVELOPE = ("actor", "effective", "refs", "reason", "command_id", "corrects")
BASE_FIELDS = {"originator_id", "originator_version", "timestamp", "originator_topic"}

metadata = sa.MetaData()
tracking = sa.Table(
    "view_tracking", metadata,
    sa.Column("name", sa.String(40), primary_key=True),
    sa.Column("position", sa.BigInteger, nullable=False),
)
# On SQLite the journal's position is its rowid (INTEGER PRIMARY KEY: no second index to keep),
# and the subject and aggregate tables are clustered on their keys (WITHOUT ROWID).
journal = sa.Table(
    "view_journal", metadata,
    sa.Column("position", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True,
              autoincrement=False),
    sa.Column("recorded_at", sa.String(40), nullable=False),
    sa.Column("effective", sa.Date, nullable=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("key", sa.String(200), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("topic", sa.String(120), nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("refs", sa.Text, nullable=False),
    sa.Column("reason", sa.Text),
    sa.Column("command_id", sa.String(200)),
    sa.Column("corrects", sa.BigInteger),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("part", sa.String(300)),
    sa.Index("ix_journal_kind", "kind", "effective", "position"),
    sa.Index("ix_journal_key", "kind", "key", "position"),
    sa.Index("ix_journal_recorded", "recorded_at"),
)
subjects = sa.Table(
    "view_subject", metadata,
    sa.Column("subject", sa.String(300), primary_key=True),
    sa.Column("position", sa.BigInteger, primary_key=True, autoincrement=False),
    sqlite_with_rowid=False,
)
aggregates = sa.Table(
    "view_aggregate", metadata,
    sa.Column("originator_id", sa.String(32), primary_key=True),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("key", sa.String(200), nullable=False),
    sqlite_with_rowid=False,
)


_kinds: dict[type, str] = {}


def kind_of(event: Any) -> str:
    return _kind_of_class(type(event))


def _kind_of_class(cls: type) -> str:
    if cls not in _kinds:
        module = importlib.import_module(cls.__module__)
        owner = getattr(module, cls.__qualname__.split(".")[0])
        _kinds[cls] = getattr(owner, "KIND", owner.__name__.lower())
    return _kinds[cls]


# --- engine ------------------------------------------------------------------------------------

_engines: dict[str, sa.Engine] = {}


def engine_for(store: Store) -> sa.Engine:
    url = store.sqlalchemy_url
    if url not in _engines:
        if store.kind == "sqlite":
            from ledger.storage import BUSY_TIMEOUT

            eng = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT})

            @sa.event.listens_for(eng, "connect")
            def _durable(dbapi_conn: Any, _record: Any) -> None:
                dbapi_conn.execute("PRAGMA synchronous=FULL")
        else:
            eng = sa.create_engine(url, pool_pre_ping=False)
        _engines[url] = eng
    eng = _engines[url]
    if store.kind == "postgresql":
        return eng.execution_options(schema_translate_map={None: store.schema})
    return eng


def dispose_engines() -> None:
    """Close the engines' pooled connections (the `ledger` program does so before it ends, so that
    SQLite's last connection folds the write-ahead log back into the database in this process)."""
    for eng in _engines.values():
        eng.dispose()


def create_tables(store: Store) -> None:
    """Create the read tables; views built by an older version of the ledger (a column missing)
    are dropped first, so the next catch-up rebuilds them from the log."""
    engine = engine_for(store)
    schema = store.schema if store.kind == "postgresql" else None
    with engine.connect() as conn:
        inspector = sa.inspect(conn)
        if inspector.has_table(journal.name, schema=schema):
            have = {c["name"] for c in inspector.get_columns(journal.name, schema=schema)}
            if have != {c.name for c in journal.columns}:
                conn.rollback()
                metadata.drop_all(conn)
                conn.commit()
    metadata.create_all(engine)
    _create_body_index(engine, store)


def _create_body_index(engine: sa.Engine, store: Store) -> None:
    with engine.connect() as conn:
        if store.kind == "sqlite":
            found = conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = 'index' "
                                         f"AND name = '{BODY_INDEX}'").first()
        else:
            found = conn.execute(sa.text("SELECT to_regclass(:name)"),
                                 {"name": f'"{store.schema}".{BODY_INDEX}'}).scalar()
        if found:
            return
        table = journal.name if store.kind == "sqlite" else f'"{store.schema}".{journal.name}'
        try:
            conn.exec_driver_sql(
                f"CREATE INDEX IF NOT EXISTS {BODY_INDEX} ON {table} "
                f"(({body_expr(store.kind)})) WHERE kind = 'decision'")
            conn.commit()
        except sa.exc.DBAPIError:  # a role that may only read: queries work without it
            conn.rollback()


def drop_tables(store: Store) -> None:
    metadata.drop_all(engine_for(store))


@contextmanager
def write_transaction(store: Store, *, durable: bool = True) -> Iterator[sa.Connection]:
    """A transaction that holds the journal's write lock from its first statement, so that two
    readers catching up at once take turns: SQLite's BEGIN IMMEDIATE (the database write lock,
    waiting up to the busy timeout), PostgreSQL's transaction-scoped advisory lock (no table
    rights needed).

    `durable=False` (a rebuild's batches) commits without waiting for the disk (SQLite's
    synchronous NORMAL, PostgreSQL's synchronous_commit off; for this transaction only): a
    power cut may then lose the last batches but never the journal's agreement with its
    tracked position, and the next read catches up again."""
    with engine_for(store).connect() as conn:
        relaxed = not durable and store.kind == "sqlite"
        if relaxed:
            conn.exec_driver_sql("PRAGMA synchronous=NORMAL")
            conn.exec_driver_sql(f"PRAGMA cache_size={REPLAY_CACHE}")
        try:
            if store.kind == "sqlite":
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext(:name))"),
                             {"name": f"ledger-journal:{store.schema}"})
                if not durable:
                    conn.exec_driver_sql("SET LOCAL synchronous_commit = off")
            try:
                yield conn
            except BaseException:
                conn.rollback()
                raise
            conn.commit()
        finally:
            if relaxed:
                conn.exec_driver_sql("PRAGMA synchronous=FULL")
                conn.exec_driver_sql("PRAGMA cache_size=-2000")  # SQLite's default


_writable: dict[str, bool] = {}


def views_writable(store: Store) -> bool:
    """Whether this connection may bring the views up to date. The auditor's role may only read
    (docs/security.md); its reads then fold the events the views lack in memory (`pending`)."""
    if store.display not in _writable:
        if store.kind == "sqlite":
            import os

            path = str(store.path)
            ok = os.access(path, os.W_OK) and os.access(os.path.dirname(os.path.abspath(path)),
                                                        os.W_OK)
        else:
            with engine_for(store).connect() as conn:
                ok = bool(conn.execute(sa.text(
                    "SELECT has_table_privilege(:j, 'INSERT') AND has_table_privilege(:s, 'INSERT') "
                    "AND has_table_privilege(:a, 'INSERT') AND has_table_privilege(:t, 'INSERT') "
                    "AND has_table_privilege(:t, 'UPDATE')"),
                    {n: f'"{store.schema}".{t.name}' for n, t in
                     (("j", journal), ("s", subjects), ("a", aggregates), ("t", tracking))}
                ).scalar())
        _writable[store.display] = ok
    return _writable[store.display]


# --- catching up -------------------------------------------------------------------------------

COLUMNS = ("position", "recorded_at", "effective", "kind", "key", "version", "topic", "actor",
           "refs", "reason", "command_id", "corrects", "payload", "part")
NOT_PAYLOAD = frozenset({*BASE_FIELDS, *ENVELOPE, "class_version"})


def tracked_position(conn: sa.Connection) -> int:
    row = conn.execute(sa.select(tracking.c.position).where(tracking.c.name == "journal")).first()
    return int(row[0]) if row else 0


class _Raw:
    """The database's own driver under a SQLAlchemy connection, for the catch-up's hot loop:
    reading stored events and writing journal rows in bulk (executemany on SQLite, COPY on
    PostgreSQL) without SQLAlchemy's per-row work."""

    def __init__(self, store: Store, conn: sa.Connection):
        self.kind = store.kind
        self.driver: Any = conn.connection.driver_connection
        if store.kind == "sqlite":
            from ledger.storage import EVENTS

            self.events, self.pos, self.p = EVENTS, "rowid", "?"
            self.prefix = ""
        else:
            from ledger.storage import EVENTS

            self.prefix = f'"{store.schema}".'
            self.events, self.pos, self.p = f"{self.prefix}{EVENTS}", "notification_id", "%s"

    def stored(self, after: int, limit: int) -> list[Any]:
        cur = self.driver.cursor()
        cur.execute(f"SELECT {self.pos}, originator_id, originator_version, topic, state "
                    f"FROM {self.events} WHERE {self.pos} > {self.p} "
                    f"ORDER BY {self.pos} LIMIT {int(limit)}", (after,))
        return cur.fetchall()

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
                    f"COPY {self.prefix}{table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    def keys_of(self, oids: list[str]) -> dict[str, tuple[str, str]]:
        found: dict[str, tuple[str, str]] = {}
        cur = self.driver.cursor()
        for i in range(0, len(oids), 500):
            chunk = oids[i:i + 500]
            marks = ", ".join([self.p] * len(chunk))
            cur.execute(f"SELECT originator_id, kind, key FROM {self.prefix}view_aggregate "
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


class _Raced(Exception):
    """Another reader moved the tracked position while a batch was on its way."""


def _pipelined(app: Any, progress: Callable[[int, int], None] | None, batch: int) -> int:
    """`catch_up` in two threads: this one reads stored events and makes their rows while a
    writer thread writes the previous batch (the database drivers let go of the interpreter
    while the database works, so both cores are used). At most two batches wait for the
    writer. A batch is written only if the tracked position is still where this catch-up
    left it; otherwise the writer stops and `catch_up` goes on from wherever it got to."""
    import queue
    import threading

    store: Store = app.store
    engine = engine_for(store)
    maker = RowMaker(app)
    todo: queue.Queue[Any] = queue.Queue(maxsize=1)
    failed: list[BaseException] = []
    written = [0]

    def writer() -> None:
        while True:
            item = todo.get()
            try:
                if item is None:
                    return
                if failed:
                    continue  # drain what is queued after a failure
                start, last, made = item
                with write_transaction(store, durable=False) as conn:
                    if tracked_position(conn) != start:
                        raise _Raced
                    _write(conn, _Raw(store, conn), start, last, *made)
                written[0] += len(made[0])
            except BaseException as e:  # handed to the reading thread
                failed.append(e)
            finally:
                todo.task_done()

    thread = threading.Thread(target=writer, name="journal-writer", daemon=True)
    thread.start()
    queued = 0
    try:
        with engine.connect() as conn:
            raw = _Raw(store, conn)
            start = tracked_position(conn)
            head = raw.head()

            def lookup(oids: list[str]) -> dict[str, tuple[str, str]]:
                todo.join()  # the aggregates of the batches on their way are written first
                return raw.keys_of(oids)

            while start < head and not failed:
                stored = raw.stored(start, batch)
                if not stored:
                    break
                last = int(stored[-1][0])
                made = maker.make(stored, lookup)
                conn.rollback()  # (PostgreSQL) no snapshot held while the writer writes
                todo.put((start, last, made))
                queued += len(stored)
                start = last
                if progress:
                    progress(queued, head)
    finally:
        todo.put(None)
        thread.join()
    if failed and not isinstance(failed[0], _Raced):
        raise failed[0]
    return written[0] + (catch_up(app, progress=progress, batch=batch, durable=False)
                         if failed else 0)


def replay(app: Any, *, progress: Callable[[int, int], None] | None = None) -> int:
    """Fill freshly created (empty) read tables from the whole log, as `ledger rebuild` does.
    The journal's secondary indexes are dropped first and made again after the rows are in:
    sorting once is cheaper than keeping them up to date row by row."""
    engine = engine_for(app.store)
    indexes = sorted(journal.indexes, key=lambda i: i.name or "")
    body_index = (BODY_INDEX if app.store.kind == "sqlite"
                  else f'"{app.store.schema}".{BODY_INDEX}')
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
        _create_body_index(engine, app.store)


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
                out.append(Entry(**_entry_fields(fields), subjects=subs_of[row[0]]))
            start = int(stored[-1][0])


class RowMaker:
    """Journal rows from stored events: envelope, payload (JSON values), kind, key, subjects.

    An event's row is made from its stored JSON directly: the custom types of the application's
    transcoder come out as the JSON values `jsonable` gives them (dates and UTC times are stored
    as their isoformat, which is their JSON value already). Only an event whose class names
    parts (`subjects()`) or is upcast from an older class version is built as a domain event
    by the application's own mapper. Rows are tuples in `COLUMNS` order; the effective date is
    its ISO text."""

    KEYS = 100_000  # aggregates whose kind and key are remembered; others are looked up

    def __init__(self, app: Any):
        self.app = app
        names = app.mapper.transcoder.names

        def value(name: str, data: Any) -> Any:
            """A custom type's stored value as `jsonable` gives the decoded value."""
            if name == "date_iso" or name == "uuid_hex" or (
                    name == "datetime_iso" and data.endswith("+00:00")):
                return data  # dates, UTC times and UUIDs are stored as their JSON value
            return jsonable(names[name].decode(data))

        def decode(d: dict[str, Any]) -> Any:
            if len(d) == 2 and "_type_" in d and "_data_" in d:
                return value(d["_type_"], d["_data_"])
            return d

        slow_decode = json.JSONDecoder(object_hook=decode).decode
        quick = orjson.loads

        def load(state: bytes) -> Any:
            """The stored state with custom types as JSON values. orjson reads it; custom
            types are found at the top level (envelope, payload fields), and a state with
            others deeper down, or that orjson refuses (numbers beyond 64 bits), is read by
            the standard library with the transcoder's own hook."""
            try:
                data = quick(state)
            except orjson.JSONDecodeError:
                return slow_decode(state.decode("utf-8"))
            typed = state.count(b'"_type_"')
            if typed:
                for k, v in data.items():
                    if type(v) is dict and len(v) == 2 and "_type_" in v and "_data_" in v:
                        data[k] = value(v["_type_"], v["_data_"])
                        typed -= 1
                if typed:
                    return slow_decode(state.decode("utf-8"))
            return data

        self.load = load
        self.decision_fields: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {}
        from json.encoder import encode_basestring_ascii

        def dump_refs(refs: list[Any]) -> str:  # json.dumps of a list of strings, quicker
            if not refs:
                return "[]"
            if all(type(r) is str for r in refs):
                return "[" + ", ".join(map(encode_basestring_ascii, refs)) + "]"
            return json.dumps(refs)

        self.dump_refs = dump_refs
        self.dump_payload = dump_payload
        self.keys: dict[str, tuple[str, str]] = {}
        self.classes: dict[str, tuple[type, str, str, bool]] = {}

    def cls(self, topic: str) -> tuple[type, str, str, bool]:
        """The event class of a topic, its aggregate's kind, its name, and whether its rows
        need the domain event itself."""
        found = self.classes.get(topic)
        if found is None:
            from eventsourcing.utils import resolve_topic

            from ledger.domain.base import LedgerAggregate

            cls = resolve_topic(topic)
            own = getattr(cls, "subjects", None)
            slow = getattr(cls, "class_version", 1) != 1 or (
                own is not None and own is not LedgerAggregate.Event.subjects)
            found = self.classes[topic] = (cls, _kind_of_class(cls), cls.__qualname__, slow)
        return found

    def make(self, stored: list[Any], lookup: Callable[[list[str]], dict[str, tuple[str, str]]]
             ) -> tuple[list[tuple[Any, ...]], list[tuple[str, int]], list[tuple[str, str, str]]]:
        """Rows for the journal, the subject index and the aggregates, for stored events in
        position order; `lookup` finds the kind and key of aggregates created earlier. (The
        cyclic garbage collector is paused meanwhile: this makes many objects and no cycles.)"""
        paused = gc.isenabled()
        gc.disable()
        try:
            return self._make(stored, lookup)
        finally:
            if paused:
                gc.enable()

    def _make(self, stored: list[Any], lookup: Callable[[list[str]], dict[str, tuple[str, str]]]
              ) -> tuple[list[tuple[Any, ...]], list[tuple[str, int]], list[tuple[str, str, str]]]:
        keys = self.keys
        if len(keys) > self.KEYS:  # forget the aggregates created longest ago
            for oid in list(itertools.islice(keys, len(keys) - self.KEYS // 2)):
                del keys[oid]
        missing = {r[1] if type(r[1]) is str else _hex(r[1])
                   for r in stored if r[2] != 1} - keys.keys()
        if missing:
            keys.update(lookup(sorted(missing)))
        rows: list[tuple[Any, ...]] = []
        subject_rows: list[tuple[str, int]] = []
        new_aggs: list[tuple[str, str, str]] = []
        load, dump_refs, dump_payload, classes = (self.load, self.dump_refs, self.dump_payload,
                                                  self.classes)
        decision_fields = self.decision_fields
        for position, oid_raw, version, topic, state in stored:
            oid = oid_raw if type(oid_raw) is str else _hex(oid_raw)
            found = classes.get(topic) or self.cls(topic)
            kind, name, slow = found[1], found[2], found[3]
            if slow:
                data, own = self._slow(oid_raw, version, topic, state)
            else:
                data, own = load(state if type(state) is bytes else bytes(state)), ()
            # The envelope and the base fields come out; what remains is the payload.
            pop = data.pop
            recorded_at = pop("timestamp")
            effective = pop("effective", None) or recorded_at[:10]
            actor = pop("actor", None) or "ledger"
            refs = pop("refs", None) or []
            reason = pop("reason", None)
            command_id = pop("command_id", None)
            corrects = pop("corrects", None)
            pop("originator_topic", None)
            if len(data) and ("class_version" in data or "originator_id" in data
                              or "originator_version" in data):
                for k in ("class_version", "originator_id", "originator_version"):
                    pop(k, None)
            payload = data
            if version == 1:
                key = payload.get("key") or command_id or oid
                if kind != "command":  # a receipt never has a second event to look up
                    keys[oid] = (kind, key)
                    new_aggs.append((oid, kind, key))
            else:
                kind, key = keys.get(oid) or (kind, oid)
            subject = f"{kind}:{key}"
            subs = [subject]
            for s in own:
                if s not in subs:
                    subs.append(s)
            # A decision's trail also shows every event resting on it: the events that cite it.
            # (The payload fields that may name one are the same for every event of a topic
            # with the same fields: found once.)
            fields = decision_fields.get(topic)
            if fields is None or fields[0] != payload.keys():
                fields = decision_fields[topic] = (frozenset(payload), tuple(
                    n for n in payload if n == "decision" or n.endswith("_decision")))
            if fields[1] or refs:
                for d in cited_decisions(refs, {n: payload[n] for n in fields[1]}):
                    s = f"decision:{d}"
                    if s not in subs:
                        subs.append(s)
            if len(subs) == 1:
                subject_rows.append((subject, position))
            else:
                subject_rows.extend([(s, position) for s in subs])
            rows.append((
                position, recorded_at, effective, kind, key, version, name, actor,
                dump_refs(list(refs)), reason, command_id, corrects, dump_payload(payload),
                own[0] if own else None))
        return rows, subject_rows, new_aggs

    def _slow(self, oid: Any, version: int, topic: str, state: Any
              ) -> tuple[dict[str, Any], list[str]]:
        """The domain event itself (upcast, asked for its parts), its fields as JSON values."""
        from uuid import UUID

        from eventsourcing.persistence import StoredEvent

        event = self.app.mapper.to_domain_event(StoredEvent(
            originator_id=oid if isinstance(oid, UUID) else UUID(str(oid)),
            originator_version=version, topic=topic, state=bytes(state)))
        data = {k: jsonable(v) for k, v in event.__dict__.items()
                if k not in ("originator_id", "originator_version")}
        hexid = _hex(oid)
        cached = self.keys.get(hexid)
        key = (data.get("key") or data.get("command_id") or hexid) if version == 1 else (
            cached[1] if cached else hexid)
        own = list(event.subjects(key)) if hasattr(event, "subjects") else []
        return data, own


def dump_payload(payload: dict[str, Any]) -> str:
    """A payload as the journal stores it: compact JSON, keys sorted (orjson; the standard
    library for what orjson refuses, such as integers beyond 64 bits)."""
    try:
        return orjson.dumps(payload, option=orjson.OPT_SORT_KEYS).decode("utf-8")
    except TypeError:
        return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _hex(oid: Any) -> str:
    return oid.hex if hasattr(oid, "hex") else str(oid).replace("-", "")


def _entry_fields(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "refs": json.loads(row["refs"]), "payload": json.loads(row["payload"])}

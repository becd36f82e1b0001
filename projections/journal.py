"""The journal: every event of the log as a row, for views, trails, the log listing and reports.

`catch_up` pulls notifications after the tracked position in batches (one transaction and one
tracking write per batch) and decodes them with the application's own mapper. `rebuild` drops the
read tables and replays the whole log. The tables are declared here in SQLAlchemy Core; they are
read through the database's driver by `projections/reading.py` (`Entry`, `Horizon`, `Reader`,
`fold`, `is_current`: re-exported here), so a read of an up-to-date ledger does not import
SQLAlchemy.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC
from typing import Any

import sqlalchemy as sa

from ledger.storage import Store
from projections.reading import (  # noqa: F401 (the reading API, re-exported)
    JOURNAL_COLUMNS,
    READ_TABLES,
    Entry,
    Horizon,
    Reader,
    cited_decisions,
    fold,
    is_current,
    jsonable,
    to_entry,
)

BATCH = 2000
ENVELOPE = ("actor", "effective", "refs", "reason", "command_id", "corrects")
BASE_FIELDS = {"originator_id", "originator_version", "timestamp", "originator_topic"}

metadata = sa.MetaData()
tracking = sa.Table(
    "view_tracking", metadata,
    sa.Column("name", sa.String(40), primary_key=True),
    sa.Column("position", sa.BigInteger, nullable=False),
)
journal = sa.Table(
    "view_journal", metadata,
    sa.Column("position", sa.BigInteger, primary_key=True, autoincrement=False),
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
)
aggregates = sa.Table(
    "view_aggregate", metadata,
    sa.Column("originator_id", sa.String(32), primary_key=True),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("key", sa.String(200), nullable=False),
)


_kinds: dict[type, str] = {}


def kind_of(event: Any) -> str:
    cls = type(event)
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


def drop_tables(store: Store) -> None:
    metadata.drop_all(engine_for(store))


@contextmanager
def write_transaction(store: Store) -> Iterator[sa.Connection]:
    """A transaction that holds the journal's write lock from its first statement, so that two
    readers catching up at once take turns: SQLite's BEGIN IMMEDIATE (the database write lock,
    waiting up to the busy timeout), PostgreSQL's transaction-scoped advisory lock (no table
    rights needed)."""
    with engine_for(store).connect() as conn:
        if store.kind == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext(:name))"),
                         {"name": f"ledger-journal:{store.schema}"})
        try:
            yield conn
        except BaseException:
            conn.rollback()
            raise
        conn.commit()


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

def tracked_position(conn: sa.Connection) -> int:
    row = conn.execute(sa.select(tracking.c.position).where(tracking.c.name == "journal")).first()
    return int(row[0]) if row else 0


def catch_up(app: Any, *, progress: Callable[[int, int], None] | None = None) -> int:
    """Bring the journal up to the end of the log; returns the number of events added.

    Each batch is one transaction under the journal's write lock, which re-reads the tracked
    position first: a reader that finds another one got further simply continues from there, so
    two readers catching up at once neither fail nor write a row twice."""
    store: Store = app.store
    engine = engine_for(store)
    recorder = app.recorder
    added = 0
    head = recorder.max_notification_id() or 0
    keys: dict[str, tuple[str, str]] = {}
    with engine.connect() as conn:
        start = tracked_position(conn)
    while start < head:
        notifications = recorder.select_notifications(start, BATCH, inclusive_of_start=False)
        if not notifications:
            break
        with write_transaction(store) as conn:
            now = tracked_position(conn)
            if now != start:
                start = now  # another reader wrote this batch; go on from where it got to
                continue
            rows, subject_rows, new_aggs = [], [], []
            for n in notifications:
                event = app.mapper.to_domain_event(n)
                row, subs, agg = _row(n.id, event, keys, conn)
                rows.append(row)
                subject_rows.extend({"subject": s, "position": n.id} for s in subs)
                if agg:
                    new_aggs.append(agg)
            if new_aggs:
                conn.execute(aggregates.insert(), new_aggs)
            conn.execute(journal.insert(), rows)
            if subject_rows:
                conn.execute(subjects.insert(), subject_rows)
            last = notifications[-1].id
            if now == 0 and not conn.execute(
                    sa.select(tracking.c.name).where(tracking.c.name == "journal")).first():
                conn.execute(tracking.insert(), {"name": "journal", "position": last})
            else:
                conn.execute(tracking.update().where(tracking.c.name == "journal")
                             .values(position=last))
        added += len(notifications)
        start = last
        if progress:
            progress(added, head)
    return added


def pending(app: Any) -> list[Entry]:
    """The events after the journal's tracked position, as entries, without writing anything:
    what a reader that may not write the views folds in memory."""
    engine = engine_for(app.store)
    out: list[Entry] = []
    keys: dict[str, tuple[str, str]] = {}
    with engine.connect() as conn:
        start = tracked_position(conn)
        while True:
            notifications = app.recorder.select_notifications(start, BATCH,
                                                              inclusive_of_start=False)
            if not notifications:
                return out
            for n in notifications:
                row, subs, _ = _row(n.id, app.mapper.to_domain_event(n), keys, conn)
                out.append(Entry(**{**_entry_fields(row), "subjects": subs}))
            start = notifications[-1].id


def _row(position: int, event: Any, keys: dict[str, tuple[str, str]],
         conn: sa.Connection) -> tuple[dict[str, Any], list[str], dict[str, str] | None]:
    oid = event.originator_id.hex
    kind = kind_of(event)
    new_agg = None
    if event.originator_version == 1:
        key = getattr(event, "key", None) or getattr(event, "command_id", None) or oid
        keys[oid] = (kind, key)
        new_agg = {"originator_id": oid, "kind": kind, "key": key}
    elif oid not in keys:
        found = conn.execute(sa.select(aggregates.c.kind, aggregates.c.key)
                             .where(aggregates.c.originator_id == oid)).first()
        keys[oid] = (found[0], found[1]) if found else (kind, oid)
    kind, key = keys[oid]
    data = {k: v for k, v in event.__dict__.items() if k not in BASE_FIELDS}
    payload = {k: jsonable(v) for k, v in data.items() if k not in ENVELOPE}
    effective = getattr(event, "effective", None) or event.timestamp.date()
    subs = [f"{kind}:{key}"]
    own = list(event.subjects(key)) if hasattr(event, "subjects") else []
    subs += [s for s in own if s not in subs]
    # A decision's trail also shows every event resting on it: the events that cite it.
    subs += [s for s in (f"decision:{d}" for d in cited_decisions(list(getattr(event, "refs", None)
                                                                       or []), payload))
             if s not in subs]
    row = {
        "position": position,
        "recorded_at": event.timestamp.astimezone(UTC).isoformat(),
        "effective": effective,
        "kind": kind, "key": key, "version": event.originator_version,
        "topic": type(event).__qualname__,
        "actor": getattr(event, "actor", None) or "ledger",
        "refs": json.dumps(list(getattr(event, "refs", None) or [])),
        "reason": getattr(event, "reason", None),
        "command_id": getattr(event, "command_id", None),
        "corrects": getattr(event, "corrects", None),
        "payload": json.dumps(payload, ensure_ascii=False, sort_keys=True),
        "part": own[0] if own else None,
    }
    return row, subs, new_agg


def _entry_fields(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "refs": json.loads(row["refs"]), "payload": json.loads(row["payload"])}

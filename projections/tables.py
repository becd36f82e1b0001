"""The read tables: their declarations in SQLAlchemy Core, the engines on them, and their
creation, removal and write transaction.

`view_journal` holds every event of the log as a row (its columns in `COLUMNS` order),
`view_subject` the subjects each event touches, `view_aggregate` each aggregate's kind and key,
`view_tracking` the log position the tables are up to. They are filled by the catch-up
(`projections/journal.py`) from rows made by `projections/rows.py`, and read through the database's
own driver by `projections/reading.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa

from ledger.storage import Store
from projections.reading import BODY_INDEX, body_expr

REPLAY_CACHE = -16384  # SQLite's page cache while rebuilding (KiB): the indexes being filled

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
COLUMNS = ("position", "recorded_at", "effective", "kind", "key", "version", "topic", "actor",
           "refs", "reason", "command_id", "corrects", "payload", "part")


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


def forget_engines() -> None:
    """In a forked child process: its parent's pooled connections are not its own (closing them
    would end the parent's sessions): the engines start new pools, leaving those alone."""
    for eng in _engines.values():
        eng.dispose(close=False)


def dispose_engines() -> None:
    """Close the engines' pooled connections (the `ledger` program does so before it ends, so that
    SQLite's last connection folds the write-ahead log back into the database in this process)."""
    for eng in _engines.values():
        eng.dispose()


def create_tables(store: Store) -> None:
    """Create the read tables and the journal's indexes where they are missing; views built by
    an older version of the ledger (a column missing) are dropped first, so the next catch-up
    rebuilds them from the log. (A rebuild that a crash ended leaves its rows up to the last
    batch it committed, and its tracked position there, but not the indexes it drops while it
    runs: they are made here, and the catch-up goes on from where the rebuild got.)"""
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
    with engine.begin() as conn:  # indexes a rebuild dropped and did not live to make again
        have = _index_names(conn, store)
        for index in journal.indexes:
            if index.name not in have:
                index.create(conn)
    create_body_index(engine, store)


def _index_names(conn: sa.Connection, store: Store) -> set[str]:
    """The names of the indexes the database holds, asked of the database itself (SQLAlchemy's
    reflection warns on every expression index it cannot read, such as the body index)."""
    if store.kind == "sqlite":
        rows = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'")
    else:
        rows = conn.exec_driver_sql("SELECT indexname FROM pg_indexes WHERE schemaname = %s",
                                    (store.schema,))
    return {str(name) for (name,) in rows}


def create_body_index(engine: sa.Engine, store: Store) -> None:
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


def tracked_position(conn: sa.Connection) -> int:
    row = conn.execute(sa.select(tracking.c.position).where(tracking.c.name == "journal")).first()
    return int(row[0]) if row else 0

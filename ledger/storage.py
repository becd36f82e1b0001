"""Where the log lives: one URL, SQLite embedded or PostgreSQL shared, append-only in the database.

`LEDGER_DB` / `--db` is the only setting: `sqlite:///ledger.db` (the default, a file in the working
directory) or `postgresql://user:password@host:port/dbname`, optionally `?schema=NAME` to keep several
ledgers in one database. The event store is eventsourcing's own persistence module for each
database; our recorders (`ledger/sqlite.py`, `ledger/postgres.py`, named to eventsourcing by their
topics) add the hash chain, written in the same transaction as the events, and the guards that make
UPDATE, DELETE, TRUNCATE and INSERT OR REPLACE on the log fail in the database itself. Neither
eventsourcing nor SQLAlchemy is imported here: `RawLog` serves verify, export, restore and the read
side's "is anything new?" without them, so those start fast.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from ledger import chain
from ledger.errors import InvalidInput, StoreError
from ledger.i18n import N_, _

DEFAULT_URL = "sqlite:///ledger.db"
EVENTS = "stored_events"
CHAIN = "ledger_chain"
APPEND = "ledger_append"  # PostgreSQL's write function (ledger/postgres.py), and its arguments
APPEND_ARGS = "(uuid[], bigint[], text[], bytea[], text, text[], text[])"
DEFAULT_CACHE = -2000  # SQLite's page cache, as SQLite sets it (negative: KiB)
BULK_CACHE = -65536  # a bulk import's page cache on SQLite (64 MiB at most)
BUSY_TIMEOUT = 30  # seconds a writer waits for another writer (SQLite busy timeout)
APPEND_ONLY = "ledger events are append-only: nothing recorded may be changed or deleted"


@dataclass(frozen=True)
class Store:
    """A parsed store URL: which database, and how eventsourcing and SQLAlchemy reach it."""

    url: str
    kind: str  # "sqlite" or "postgresql"
    path: str | None = None
    params: dict[str, str] = field(default_factory=dict)
    schema: str = "public"

    @property
    def display(self) -> str:
        if self.kind == "sqlite":
            return f"sqlite:///{self.path}"
        p = self.params
        schema = f"?schema={self.schema}" if self.schema != "public" else ""
        return f"postgresql://{p['user']}@{p['host']}:{p['port']}/{p['dbname']}{schema}"

    @property
    def sqlalchemy_url(self) -> str:
        if self.kind == "sqlite":
            return f"sqlite:///{self.path}"
        p = self.params
        auth = p["user"] + (f":{p['password']}" if p.get("password") else "")
        return f"postgresql+psycopg://{auth}@{p['host']}:{p['port']}/{p['dbname']}"

    @property
    def dialect(self) -> Dialect:
        return Dialect(self)

    def eventsourcing_env(self, *, create: bool) -> dict[str, str]:
        env = {"CREATE_TABLE": "y" if create else "n"}
        if self.kind == "sqlite":
            env.update(
                PERSISTENCE_MODULE="ledger.sqlite:LedgerSQLiteFactory",
                SQLITE_DBNAME=str(self.path),
                SQLITE_LOCK_TIMEOUT=str(BUSY_TIMEOUT),
                APPLICATION_RECORDER_TOPIC="ledger.sqlite:ChainedSQLiteRecorder",
            )
        else:
            p = self.params
            env.update(
                PERSISTENCE_MODULE="eventsourcing.postgres",
                POSTGRES_DBNAME=p["dbname"],
                POSTGRES_HOST=p["host"],
                POSTGRES_PORT=p["port"],
                POSTGRES_USER=p["user"],
                POSTGRES_PASSWORD=p.get("password", ""),
                POSTGRES_SCHEMA=self.schema,
                POSTGRES_LOCK_TIMEOUT="30",
                POSTGRES_CONNECT_TIMEOUT="10",
                APPLICATION_RECORDER_TOPIC="ledger.postgres:ChainedPostgresRecorder",
            )
        return env


_URL_HINT = N_("Use sqlite:///ledger.db or postgresql://user@host:5432/dbname.")


def parse_url(url: str | None) -> Store:
    """Read a store URL into a `Store`. None (no `--db` given) means `LEDGER_DB`, else the
    default; a URL given but empty (`--db ""`) is refused, never read as the default."""
    if url is not None and not url.strip():
        raise InvalidInput(_("The database URL is empty."),
                           hint=_("Give --db a URL such as sqlite:///ledger.db, or leave --db out "
                                  "to use $LEDGER_DB or sqlite:///ledger.db."))
    raw = (url or os.environ.get("LEDGER_DB") or DEFAULT_URL).strip()
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError:
        raise InvalidInput(_("'{url}' is not a database URL the ledger can use.").format(url=raw),
                           hint=_(_URL_HINT)) from None
    if parts.scheme == "sqlite":
        path = unquote(parts.path[1:] if parts.path.startswith("/") else parts.path)
        if any(ord(c) < 32 or 0xD800 <= ord(c) <= 0xDFFF for c in path):
            raise InvalidInput(_("The SQLite file name contains control characters."),
                               hint=_("Use sqlite:///ledger.db or sqlite:////abs/path/ledger.db."))
        if not path or path == ":memory:":
            raise InvalidInput(
                _("'{url}' does not name a database file.").format(url=raw),
                hint=_("Use sqlite:///ledger.db (relative) or sqlite:////abs/path/ledger.db."),
            )
        return Store(url=raw, kind="sqlite", path=path)
    if parts.scheme in ("postgresql", "postgres", "postgresql+psycopg"):
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        dbname = unquote(parts.path.lstrip("/")) or "postgres"
        schema = query.get("schema", "public")
        if not schema.replace("_", "").isalnum():
            raise InvalidInput(_("'{schema}' is not a usable schema name.").format(schema=schema),
                               hint=_("Use letters, digits and underscores."))
        params = {
            "dbname": dbname,
            "host": parts.hostname or "127.0.0.1",
            "port": str(port or 5432),
            "user": unquote(parts.username or os.environ.get("PGUSER", "postgres")),
            "password": unquote(parts.password or os.environ.get("PGPASSWORD", "")),
        }
        return Store(url=raw, kind="postgresql", params=params, schema=schema)
    raise InvalidInput(
        _("'{url}' is not a database URL the ledger can use.").format(url=raw),
        hint=_(_URL_HINT),
    )


@dataclass(frozen=True)
class Dialect:
    """How the ledger's own SQL is spoken to one store's database, defined once for the raw log
    (`RawLog`), the catch-up (`projections/journal.py`) and the reader
    (`projections/reading.py`): the placeholder, the log's position column, table names
    (qualified by the ledger's schema on PostgreSQL) and the connection through the database's
    own driver."""

    store: Store

    @property
    def kind(self) -> str:
        return self.store.kind

    @property
    def placeholder(self) -> str:
        return "?" if self.store.kind == "sqlite" else "%s"

    @property
    def position(self) -> str:
        """The log's position column: SQLite's rowid, PostgreSQL's notification id."""
        return "rowid" if self.store.kind == "sqlite" else "notification_id"

    def table(self, name: str) -> str:
        """A table of this ledger by its plain name, as a query names it."""
        return name if self.store.kind == "sqlite" else f'"{self.store.schema}".{name}'

    @property
    def events(self) -> str:
        return self.table(EVENTS)

    @property
    def chain(self) -> str:
        return self.table(CHAIN)

    def sql(self, text: str, tables: Sequence[str] = ()) -> str:
        """SQL written once for both databases (`?` placeholders, plain table names) as this
        database takes it: on PostgreSQL `%s` placeholders, and the log's tables and `tables`
        qualified by the schema where a FROM or JOIN names them."""
        if self.store.kind == "sqlite":
            return text
        return _qualifier(self.store.schema, tuple(tables))(text).replace("?", "%s")

    def connect(self) -> Any:
        """A connection through the database's own driver (sqlite3, psycopg), with the ledger's
        settings: `sqlite_connect` and `pg_connect`."""
        if self.store.kind == "sqlite":
            return sqlite_connect(str(self.store.path))
        return pg_connect(self.store)


@lru_cache(maxsize=32)
def _qualifier(schema: str, tables: tuple[str, ...]) -> Callable[[str], str]:
    import re

    pattern = re.compile(rf"\b(FROM|JOIN) ({'|'.join(sorted({EVENTS, CHAIN, *tables}))})\b")
    replacement = rf'\1 "{schema}".\2'
    return lambda text: pattern.sub(replacement, text)


def sqlite_connect(path: str) -> sqlite3.Connection:
    """A plain connection with the ledger's settings, for the integrity commands (verify, export,
    restore, status): the same busy timeout and durability as the event store's own."""
    # (The application keeps one for position lookups; it may be used from another thread, never
    # from two at once.)
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT, check_same_thread=False)
    conn.execute("PRAGMA synchronous=FULL")
    return conn


def pg_connect(store: Store, **options: Any) -> Any:
    """A psycopg connection to the store's database, or a one-sentence refusal."""
    import psycopg

    try:
        settings: dict[str, Any] = {**store.params, **options}
        return psycopg.connect(connect_timeout=10, **settings)
    except psycopg.Error as e:
        raise StoreError(
            _("Cannot reach the PostgreSQL server at {place}: {reason}").format(
                place=store.display, reason=(str(e).strip().splitlines() or [""])[0]),
            hint=_("Check that the server runs and the URL is right."),
        ) from None


def writers_lock_key(schema: str) -> int:
    """The PostgreSQL advisory lock every write (and a restore) holds from before its positions
    are drawn until it commits: one per ledger (schema), a 64-bit number derived from its name."""
    import hashlib

    digest = hashlib.sha256(f"ledger-events:{schema}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def os_login() -> str:
    """Who runs this process, as the operating system says: on SQLite the only identity there is
    (not authenticated by any database)."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return f"uid {os.getuid()}"


def _oid(originator_id: Any) -> str:
    return originator_id.hex if hasattr(originator_id, "hex") else str(originator_id)


# --- Raw access for the integrity commands (no eventsourcing objects, no SQLAlchemy) -------------

class RawLog:
    """Plain DB-API access to the log and chain: for verify, export, restore and `status`."""

    def __init__(self, store: Store):
        self.store = store
        self.kind = store.kind
        self.dialect = d = store.dialect
        self.conn: Any = d.connect()
        self.p, self.events, self.chain, self.pos = d.placeholder, d.events, d.chain, d.position

    def close(self) -> None:
        self.conn.close()

    @property
    def login(self) -> str:
        """`c.login` in a query of the chain (alias c), or NULL where the chain has no such
        column yet (a ledger made before logins were stamped, not yet brought up to date by
        `ledger init`)."""
        if not hasattr(self, "_login"):
            cur = self.conn.cursor()
            if self.kind == "sqlite":
                cur.execute(f"SELECT count(*) FROM pragma_table_info('{CHAIN}') "
                            "WHERE name = 'login'")
            else:
                cur.execute("SELECT count(*) FROM information_schema.columns WHERE "
                            "table_schema = %s AND table_name = %s AND column_name = 'login'",
                            (self.store.schema, CHAIN))
            self._login = "c.login" if cur.fetchone()[0] else "NULL"
        return self._login

    @property
    def signed(self) -> str:
        """`c.key_id, c.signature` in a query of the chain (alias c), or two NULLs where the
        chain has no such columns yet (a ledger made before events were signed)."""
        if not hasattr(self, "_signed"):
            cur = self.conn.cursor()
            if self.kind == "sqlite":
                cur.execute(f"SELECT count(*) FROM pragma_table_info('{CHAIN}') "
                            "WHERE name = 'signature'")
            else:
                cur.execute("SELECT count(*) FROM information_schema.columns WHERE "
                            "table_schema = %s AND table_name = %s AND column_name = 'signature'",
                            (self.store.schema, CHAIN))
            self._signed = ("c.key_id, c.signature" if cur.fetchone()[0] else "NULL, NULL")
        return self._signed

    def __enter__(self) -> RawLog:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def initialised(self) -> bool:
        cur = self.conn.cursor()
        if self.kind == "sqlite":
            cur.execute("SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN (?, ?)",
                        (EVENTS, CHAIN))
            return bool(cur.fetchone()[0] == 2)
        cur.execute("SELECT to_regclass(%s) IS NOT NULL AND to_regclass(%s) IS NOT NULL",
                    (self.events, self.chain))
        ok = cur.fetchone()[0]
        self.conn.rollback()
        return bool(ok)

    def count_and_max(self) -> tuple[int, int]:
        cur = self.conn.cursor()
        cur.execute(f"SELECT count(*), coalesce(max({self.pos}), 0) FROM {self.events}")
        n, m = cur.fetchone()
        return int(n), int(m)

    def last_position(self) -> int:
        """The newest position in the log (0 when it is empty): an index lookup, not a count."""
        cur = self.conn.cursor()
        cur.execute(f"SELECT max({self.pos}) FROM {self.events}")
        row = cur.fetchone()
        return int(row[0] or 0)

    def events_of(self, originator_ids: Sequence[Any]) -> list[tuple[Any, int, str, bytes]]:
        """Every stored event of these aggregates (id, version, topic, state), by aggregate and
        version: many aggregates loaded in one query."""
        cur = self.conn.cursor()
        if self.kind != "sqlite":
            cur.execute(
                f"SELECT originator_id, originator_version, topic, state FROM {self.events} "
                "WHERE originator_id = ANY(%s) ORDER BY originator_id, originator_version",
                (list(originator_ids),))
            return [(oid, int(v), t, bytes(s)) for oid, v, t, s in cur.fetchall()]
        out: list[tuple[Any, int, str, bytes]] = []
        ids = [_oid(i) for i in originator_ids]
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            cur.execute(
                f"SELECT originator_id, originator_version, topic, state FROM {self.events} "
                f"WHERE originator_id IN ({', '.join('?' * len(chunk))}) "
                "ORDER BY originator_id, originator_version", chunk)
            out.extend(cur.fetchall())
        return out

    def head(self) -> chain.Fingerprint:
        cur = self.conn.cursor()
        cur.execute(f"SELECT position, link FROM {self.chain} ORDER BY position DESC LIMIT 1")
        row = cur.fetchone()
        return chain.Fingerprint(int(row[0]), row[1]) if row else chain.EMPTY

    def fingerprint_at(self, upto: int | None) -> chain.Fingerprint:
        """The fingerprint as it was at log position `upto` (the newest link at or before it),
        or the head when `upto` is None."""
        if upto is None:
            return self.head()
        cur = self.conn.cursor()
        cur.execute(f"SELECT position, link FROM {self.chain} WHERE position <= {self.p} "
                    "ORDER BY position DESC LIMIT 1", (upto,))
        row = cur.fetchone()
        return chain.Fingerprint(int(row[0]), row[1]) if row else chain.EMPTY

    def link_at(self, position: int) -> str | None:
        cur = self.conn.cursor()
        cur.execute(f"SELECT link FROM {self.chain} WHERE position = {self.p}", (position,))
        row = cur.fetchone()
        return row[0] if row else None

    def rows(self, batch: int = 20000, *, upto: int | None = None,
             progress: Callable[[int], None] | None = None,
             tuples: bool = False, after: int = 0) -> Iterator[chain.Row]:
        """Every stored event with its stored link, in position order, in batches; `progress`
        is told the number of rows read so far after each batch. With `tuples`, plain tuples
        in `chain.Row`'s order (for `chain.verify_rows`, which only unpacks them): then a
        batch whose values all have their usual types is handed on as the driver gave it. With
        `after`, only the events after that position."""
        last, done = after, 0
        Row = chain.Row
        # PostgreSQL gives the aggregate id as the hex text the chain covers; SQLite stores it
        # so, and the batch's rows with other types (only a tampered log has any) are counted.
        oid = ("e.originator_id" if self.kind == "sqlite"
               else "replace(e.originator_id::text, '-', '')")
        while True:
            cur = self.conn.cursor()
            stop = f" AND e.{self.pos} <= {int(upto)}" if upto is not None else ""
            cur.execute(
                f"SELECT e.{self.pos}, {oid}, e.originator_version, e.topic, e.state, "
                f"c.link, {self.login}, {self.signed} FROM {self.events} e "
                f"LEFT JOIN {self.chain} c "
                f"ON c.position = e.{self.pos} WHERE e.{self.pos} > {self.p}{stop} "
                f"ORDER BY e.{self.pos} LIMIT {int(batch)}",
                (last,),
            )
            fetched = cur.fetchall()
            if not fetched:
                return
            first, end = int(fetched[0][0]), int(fetched[-1][0])
            if tuples and (self.kind == "postgresql" or not cur.execute(
                    f"SELECT count(*) FROM {self.events} WHERE rowid BETWEEN ? AND ? AND ("
                    "typeof(originator_id) != 'text' OR typeof(originator_version) != 'integer' "
                    "OR typeof(state) != 'blob')", (first, end)).fetchone()[0]):
                yield from fetched
            else:
                for pos, oid_, version, topic, state, stored, login, key, sig in fetched:
                    yield Row(int(pos), _oid(oid_), int(version), topic, bytes(state), stored,
                              login, key, sig)
            last = end
            done += len(fetched)
            if progress:
                progress(done)

    def orphan_links(self) -> list[int]:
        cur = self.conn.cursor()
        cur.execute(
            f"SELECT c.position FROM {self.chain} c LEFT JOIN {self.events} e "
            f"ON e.{self.pos} = c.position WHERE e.{self.pos} IS NULL ORDER BY c.position LIMIT 10")
        return [int(r[0]) for r in cur.fetchall()]

    def position_of(self, originator_id: Any, version: int) -> int | None:
        cur = self.conn.cursor()
        oid = _oid(originator_id) if self.kind == "sqlite" else str(originator_id)
        cur.execute(
            f"SELECT {self.pos} FROM {self.events} WHERE originator_id = {self.p} "
            f"AND originator_version = {self.p}", (oid, version))
        row = cur.fetchone()
        return int(row[0]) if row else None

    # --- restore (ledger/exporting.py): only into an empty ledger, in one transaction ----------

    def lock_for_restore(self) -> None:
        """Take the lock every writer takes, so nothing is written while the restore runs."""
        if self.kind == "sqlite":
            self.conn.execute("BEGIN IMMEDIATE")
        else:
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)",
                              (writers_lock_key(self.store.schema),))

    def empty(self) -> bool:
        """No events, no chain links, no Merkle tree and no views built from earlier events."""
        from ledger.tree import has_table, nodes_of

        cur = self.conn.cursor()
        for table in (self.events, self.chain):
            cur.execute(f"SELECT 1 FROM {table} LIMIT 1")
            if cur.fetchone():
                return False
        if has_table(self) and nodes_of(self).end()[0]:
            return False
        views = self.dialect.table("view_journal")
        if self.kind == "sqlite":
            cur.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                        ("view_journal",))
            exists = cur.fetchone() is not None
        else:
            cur.execute("SELECT to_regclass(%s) IS NOT NULL", (views,))
            exists = cur.fetchone()[0]
        if exists:
            cur.execute(f"SELECT 1 FROM {views} LIMIT 1")
            return cur.fetchone() is None
        return True

    def insert_rows(self, rows: Sequence[chain.Row]) -> None:
        """Insert events at their own positions, with their chain links."""
        if not rows:
            return
        cur = self.conn.cursor()
        if self.kind == "sqlite":
            cur.executemany(
                f"INSERT INTO {self.events} (rowid, originator_id, originator_version, topic, "
                "state) VALUES (?, ?, ?, ?, ?)",
                [(r.position, r.originator_id, r.version, r.topic, r.state) for r in rows])
        else:
            from uuid import UUID

            cur.executemany(
                f"INSERT INTO {self.events} (notification_id, originator_id, originator_version, "
                "topic, state) VALUES (%s, %s, %s, %s, %s)",
                [(r.position, UUID(r.originator_id), r.version, r.topic, r.state) for r in rows])
        if self.login == "NULL":
            cur.executemany(f"INSERT INTO {self.chain} (position, link) "
                            f"VALUES ({self.p}, {self.p})",
                            [(r.position, r.stored_link) for r in rows])
        elif self.signed == "NULL, NULL":
            # Each link with the login it covers (the owner restoring may give it: see the
            # stamping trigger in ledger/postgres.py).
            cur.executemany(f"INSERT INTO {self.chain} (position, link, login) "
                            f"VALUES ({self.p}, {self.p}, {self.p})",
                            [(r.position, r.stored_link, r.login) for r in rows])
        else:
            # ... and the signature it covers, where the event is signed.
            cur.executemany(f"INSERT INTO {self.chain} (position, link, login, key_id, "
                            f"signature) VALUES ({self.p}, {self.p}, {self.p}, {self.p}, "
                            f"{self.p})",
                            [(r.position, r.stored_link, r.login, r.key_id, r.signature)
                             for r in rows])

    def after_restore(self) -> None:
        """PostgreSQL: the next event goes after the restored ones (SQLite's rowid does so
        by itself)."""
        if self.kind == "postgresql":
            self.conn.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, 'notification_id'), "
                f"(SELECT max(notification_id) FROM {self.events})) "
                f"WHERE EXISTS (SELECT 1 FROM {self.events})", (self.events,))

    def event_at(self, position: int) -> chain.Row | None:
        cur = self.conn.cursor()
        cur.execute(
            f"SELECT e.{self.pos}, e.originator_id, e.originator_version, e.topic, e.state, c.link, "
            f"{self.login}, {self.signed} FROM {self.events} e LEFT JOIN {self.chain} c "
            f"ON c.position = e.{self.pos} WHERE e.{self.pos} = {self.p}", (position,))
        r = cur.fetchone()
        if not r:
            return None
        return chain.Row(int(r[0]), _oid(r[1]), int(r[2]), r[3], bytes(r[4]), r[5], r[6], r[7],
                         r[8])


def turn_key(store: Store, subject: str) -> int:
    """The lock number of one subject's turn: a 63-bit number from the ledger's schema (or
    database file, however its path was spelled) and the subject, the same in every process."""
    import hashlib

    where = store.schema if store.kind == "postgresql" else os.path.realpath(str(store.path))
    digest = hashlib.blake2b(f"ledger-turn:{where}:{subject}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


@contextmanager
def subjects_turn(store: Store, subjects: Iterable[str], timeout: float) -> Iterator[bool]:
    """Hold the turn of each of `subjects` (aggregate ids): a command that lost a version
    conflict on them waits here for the other writers that collided on the same subjects, and
    is then rebuilt and saved while they wait for it, so colliding writers take turns instead
    of starving each other. Writers on other subjects never wait. The locks are taken in one
    order (by number), so two turns cannot wait for each other. SQLite: byte-range locks (open
    file description locks, `F_OFD_SETLK`) in a file beside the database; PostgreSQL: session
    advisory locks. Both are released when the turn ends, or when the process ends however it
    ends. Yields False when a turn did not come within `timeout` seconds (nothing held then)."""
    import time

    keys = sorted({turn_key(store, s) for s in subjects})
    until = time.monotonic() + timeout
    if store.kind == "sqlite":
        import fcntl
        import struct

        def lock(fd: int, key: int, kind: int, command: int) -> None:
            # struct flock: l_type, l_whence, l_start, l_len, l_pid (0 for these locks)
            fcntl.fcntl(fd, command, struct.pack("hhqqi4x", kind, os.SEEK_SET, key, 1, 0))

        with open(f"{store.path}-turns", "a+b") as fh:
            fd = fh.fileno()
            for key in keys:
                while True:
                    try:
                        lock(fd, key, fcntl.F_WRLCK, fcntl.F_OFD_SETLK)
                        break
                    except (BlockingIOError, PermissionError):
                        if time.monotonic() > until:
                            yield False  # closing the file lets go of what was taken
                            return
                        time.sleep(0.002)
            yield True  # the locks go with the file's closing
        return
    import psycopg

    with RawLog(store) as raw:
        raw.conn.autocommit = True
        try:
            for key in keys:
                left = max(1, int((until - time.monotonic()) * 1000))
                raw.conn.execute(f"SET lock_timeout = '{left}ms'")
                raw.conn.execute("SELECT pg_advisory_lock(%s)", (key,))
        except psycopg.errors.LockNotAvailable:
            yield False  # the session's end lets go of what was taken
            return
        yield True


def denied(error: BaseException) -> bool:
    """Whether the database refused because the connecting role (or file) may not write."""
    text = str(error).lower()
    return "permission denied" in text or "readonly database" in text or "must be owner" in text


def sqlite_file_exists(store: Store) -> bool:
    return store.kind != "sqlite" or Path(store.path or "").exists()


def check_initialised(store: Store) -> None:
    """Refuse, in one sentence, a store that holds no ledger."""
    if not sqlite_file_exists(store):
        raise not_a_ledger(store, _("There is no ledger at {place}.").format(
            place=store.display))
    with RawLog(store) as raw:
        if not raw.initialised():
            raise not_a_ledger(store, _("The database at {place} holds no ledger.").format(
                place=store.display))


def not_a_ledger(store: Store, sentence: str) -> StoreError:
    return StoreError(sentence, hint=_("Run `ledger init --db {place}` first (or `ledger demo`)."
                                       ).format(place=store.display))

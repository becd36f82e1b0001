"""Reading the journal: the entries views fold, and whether the journal is up to date.

`projections/tables.py` declares the read tables (SQLAlchemy Core) and `projections/journal.py`
brings them up to date from the log; this module reads them through the database's own driver
(sqlite3, psycopg), because importing SQLAlchemy costs more than a whole read of an up-to-date
ledger. `Reader` answers the queries views need:
entries of some kinds, keys or subjects, up to a log position (`--as-of`) and an effective date
(`--on`), in fold order (effective date, then position) or log order. `is_current` tells a read
command whether it can skip the catch-up, and with it the write side.
"""

from __future__ import annotations

import atexit
import heapq
import itertools
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, TypeVar
from uuid import UUID

from ledger.i18n import _
from ledger.storage import CHAIN, EVENTS, Store
from projections.selection import Selection

# The read tables and the journal's columns, in the order `projections.tables` declares them
# (a test checks both against the declarations).
READ_TABLES = ("view_tracking", "view_journal", "view_subject", "view_aggregate")
JOURNAL_COLUMNS = ("position", "recorded_at", "effective", "kind", "key", "version", "topic",
                   "actor", "refs", "reason", "command_id", "corrects", "payload", "part")


@dataclass(frozen=True)
class Entry:
    """One event as views see it: envelope, payload (JSON values) and subjects."""

    position: int
    recorded_at: str
    effective: date
    kind: str
    key: str
    version: int
    topic: str
    actor: str
    refs: list[str]
    reason: str | None
    command_id: str | None
    corrects: int | None
    payload: dict[str, Any]
    subjects: list[str] = field(default_factory=list)
    part: str | None = None

    @property
    def about(self) -> str:
        """The part of the aggregate this event is about: the first subject its `subjects()`
        names (a stap, a budget line), else the aggregate itself."""
        return self.part or self.subject

    @property
    def event(self) -> str:
        """The event's name without its aggregate, e.g. `Registered`."""
        return self.topic.rsplit(".", 1)[-1]

    @property
    def subject(self) -> str:
        return f"{self.kind}:{self.key}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "position": self.position, "recorded_at": self.recorded_at,
            "effective": self.effective.isoformat(), "subject": self.subject,
            "event": self.topic, "actor": self.actor, "refs": self.refs, "reason": self.reason,
            "command_id": self.command_id, "corrects": self.corrects, "payload": self.payload,
            "part": self.about,
        }


def jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"{value:.2f}" if value == value.quantize(Decimal("0.01")) else str(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, UUID):
        return value.hex
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def cited_decisions(refs: Iterable[str], payload: dict[str, Any], *,
                    authority_only: bool = False) -> list[str]:
    """The decisions an event refers to: its `besluit:` references and payload fields named
    `decision` (by convention: the decision it rests on, its authority) or ending in `_decision`
    (another decision it names, such as the one a stap produced). With `authority_only`, only
    the references and `decision`."""
    found = [r.split(":", 1)[1] for r in refs if r.startswith("besluit:")]
    for name, value in payload.items():
        named = name == "decision" or (name.endswith("_decision") and not authority_only)
        if named and isinstance(value, str) and value:
            found.append(value)
    unique: list[str] = []
    for d in found:
        if d.casefold() not in {u.casefold() for u in unique}:
            unique.append(d)
    return unique


# --- connections -------------------------------------------------------------------------------

class Connection:
    """A driver connection to the read tables, with the SQL written once for both databases:
    `?` placeholders and the tables' plain names (`view_journal`), as the store's dialect
    (`ledger.storage.Dialect`) gives them to its database."""

    def __init__(self, store: Store):
        self.store = store
        self.kind = store.kind
        self.dialect = store.dialect
        self.raw: Any = self.dialect.connect()
        self.pos = self.dialect.position
        self.pid = os.getpid()

    def use(self, store: Store) -> None:
        """Serve `store` (another schema of the same PostgreSQL database, say)."""
        self.store = store
        self.dialect = store.dialect

    def sql(self, text: str) -> str:
        return self.dialect.sql(text, READ_TABLES)

    def execute(self, text: str, params: Iterable[Any] = ()) -> Any:
        cur = self.raw.cursor()
        cur.execute(self.sql(text), tuple(params))
        return cur

    def one(self, text: str, params: Iterable[Any] = ()) -> Any:
        return self.execute(text, params).fetchone()

    def stream(self, text: str, params: Iterable[Any] = ()) -> Iterator[Any]:
        """Rows one by one, never all held in memory (a server-side cursor on PostgreSQL)."""
        if self.kind == "sqlite":
            yield from self.execute(text, params)
            return
        with self.raw.cursor(name="ledger_entries") as cur:
            cur.itersize = 5000
            cur.execute(self.sql(text), tuple(params))
            yield from cur

    def date(self, day: date) -> Any:
        """A date as the journal's `effective` column compares it."""
        return day.isoformat() if self.kind == "sqlite" else day

    def tables(self, names: Iterable[str]) -> set[str]:
        """Which of these tables exist."""
        names = list(names)
        if self.kind == "sqlite":
            marks = ", ".join("?" * len(names))
            found = self.execute(f"SELECT name FROM sqlite_master WHERE type = 'table' "
                                 f"AND name IN ({marks})", names)
        else:
            found = self.execute("SELECT c.relname FROM pg_catalog.pg_class c JOIN "
                                 "pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE "
                                 "n.nspname = ? AND c.relname = ANY(?)",
                                 (self.store.schema, names))
        return {r[0] for r in found}

    def columns(self, table: str) -> list[str]:
        if self.kind == "sqlite":
            return [r[1] for r in self.execute(f"PRAGMA table_info({table})")]
        return [r[0] for r in self.execute(
            "SELECT a.attname FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON "
            "c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE "
            "n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped "
            "ORDER BY a.attnum", (self.store.schema, table))]

    def done(self) -> None:
        """End what this use of the connection began (a read transaction on PostgreSQL)."""
        if self.kind == "postgresql":
            self.raw.rollback()

    def close(self) -> None:
        self.raw.close()


_idle: list[tuple[tuple[Any, ...], Connection]] = []
_idle_lock = threading.Lock()
IDLE = 4  # connections kept open for the next queries of the same process


@contextmanager
def connection(store: Store) -> Iterator[Connection]:
    """A connection to the read tables: an idle one of this process to the same database if
    there is one (a read makes a few queries), else a new one; kept for reuse afterwards."""
    where = (store.kind, store.path, tuple(sorted(store.params.items())))
    with _idle_lock:
        found = [i for i, (w, _) in enumerate(_idle) if w == where]
        conn = _idle.pop(found[-1])[1] if found else None
    if conn is None:
        conn = Connection(store)
    conn.use(store)
    reuse = False
    try:
        yield conn
        reuse = True
    except GeneratorExit:  # a caller stopped reading entries early: nothing went wrong
        reuse = True
        raise
    finally:
        try:
            if reuse:
                conn.done()
        except Exception:
            reuse = False
        oldest = None
        with _idle_lock:
            if reuse:
                _idle.append((where, conn))
            if len(_idle) > IDLE:
                oldest = _idle.pop(0)[1]
        if not reuse:
            conn.close()
        if oldest is not None:
            oldest.close()


@atexit.register
def close_idle() -> None:
    """Close the idle connections (at exit; tests that drop a database may call it too)."""
    with _idle_lock:
        idle = [conn for _, conn in _idle]
        _idle.clear()
    for conn in idle:
        if conn.pid == os.getpid():
            conn.close()


def _forget_idle() -> None:
    """In a child process: its parent's connections are not its own (closing them would end the
    parent's sessions too), so it forgets them."""
    global _idle_lock
    _idle_lock = threading.Lock()
    _idle.clear()


os.register_at_fork(after_in_child=_forget_idle)


def is_current(store: Store) -> bool:
    """True when the read tables exist as this version builds them and hold every event of the
    log, so that a read needs no catch-up (and so neither the write side nor SQLAlchemy).
    Refuses, as opening the ledger does, a store that holds no ledger."""
    from ledger.storage import not_a_ledger, sqlite_file_exists

    if not sqlite_file_exists(store):
        raise not_a_ledger(store, _("There is no ledger at {where}.").format(where=store.display))
    with connection(store) as conn:
        found = conn.tables((EVENTS, CHAIN, *READ_TABLES))
        if not {EVENTS, CHAIN} <= found:
            raise not_a_ledger(store, _("The database at {where} holds no ledger.").format(
                where=store.display))
        if not set(READ_TABLES) <= found or set(conn.columns("view_journal")) != set(JOURNAL_COLUMNS):
            return False
        tracked, last, folded, owed = conn.one(
            "SELECT (SELECT position FROM view_tracking WHERE name = 'journal'), "
            f"(SELECT max({conn.pos}) FROM {EVENTS}), (SELECT max(position) FROM view_journal), "
            f"(SELECT max({conn.pos}) FROM {EVENTS} WHERE {conn.pos} <= "
            "(SELECT position FROM view_tracking WHERE name = 'journal'))")
    check_read_tables(int(tracked or 0), int(folded or 0), int(owed or 0))
    return int(tracked or 0) >= int(last or 0)


def check_read_tables(tracked: int, folded: int, owed: int, *, rows: int | None = None,
                      events: int | None = None) -> None:
    """Refuse to read from read tables that would hide events of the log: the journal must end
    at the log's last event up to its tracked position (two index lookups, made by every read),
    and, where counted (`status`, `audit verify`), hold as many rows as the log has events up to
    there. Read tables that say they folded events they lack skip them for every reader."""
    from ledger.errors import IntegrityFailure

    if folded != owed:
        problem = _("they claim every event up to position {tracked} but their last is "
                    "{folded}, while the log's is {owed}").format(
            tracked=tracked, folded=folded, owed=owed)
    elif rows is not None and events is not None and rows != events:
        problem = _("they hold {rows} events up to position {tracked}, the log {events}").format(
            rows=rows, tracked=tracked, events=events)
    else:
        return
    raise IntegrityFailure(_("The read tables do not match the log ({problem}): reads would "
                             "hide or invent events.").format(problem=problem),
                           hint=_("Run `ledger rebuild` as the ledger's owner to make them anew "
                                  "from the log; see docs/security.md."))


def check_read_tables_counted(store: Store) -> None:
    """`check_read_tables` with the counts: for `status` and `audit verify`, which read the whole
    log anyway."""
    with connection(store) as conn:
        if not set(READ_TABLES) <= conn.tables(READ_TABLES):
            return
        tracked, folded, owed, rows, events = conn.one(
            "SELECT t.position, (SELECT max(position) FROM view_journal), "
            f"(SELECT max({conn.pos}) FROM {EVENTS} WHERE {conn.pos} <= t.position), "
            "(SELECT count(*) FROM view_journal WHERE position <= t.position), "
            f"(SELECT count(*) FROM {EVENTS} WHERE {conn.pos} <= t.position) "
            "FROM view_tracking t WHERE t.name = 'journal'") or (0, None, None, 0, 0)
    check_read_tables(int(tracked or 0), int(folded or 0), int(owed or 0), rows=int(rows),
                      events=int(events))


# Decisions by bestuursorgaan: an index on the body in the decisions' payloads (made by
# `projections.tables.create_tables`), so a programme's report finds the decisions of its
# parties' colleges and raden among a country's.
S = TypeVar("S")  # the state a fold builds

BODY_INDEX = "ix_journal_decision_body"


def body_expr(kind: str) -> str:
    """The indexed expression, as the database (`sqlite` or `postgresql`) writes it."""
    if kind == "sqlite":
        return "lower(json_extract(payload, '$.body'))"
    return "lower(CAST(payload AS json) ->> 'body')"


# --- reading -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Horizon:
    """The two time axes of a read: `on` (valid time: effective dates up to and including it)
    and `upto` (transaction time: log positions up to and including it). None means no limit."""

    on: date | None = None
    upto: int | None = None

    def describe(self) -> dict[str, Any]:
        return {"on": self.on.isoformat() if self.on else None, "as_of_position": self.upto}


SELECT = "SELECT " + ", ".join(JOURNAL_COLUMNS) + " FROM view_journal"


class Reader:
    """Queries over the journal for one horizon.

    `tail` holds entries the journal table lacks (events after its tracked position), folded in
    memory by a reader whose role may not write the views; every query answers as if they were
    in the table, so such a reader sees the whole log too."""

    def __init__(self, store: Store, horizon: Horizon | None = None,
                 tail: Iterable[Entry] = ()):
        self.store = store
        self.horizon = horizon or Horizon()
        self.tail = [Entry(**{**e.__dict__, "subjects": list(e.subjects)}) for e in tail]

    def at(self, horizon: Horizon) -> Reader:
        """The same log (its unfolded tail included) within another horizon. A view that reads
        at a second horizon must ask here: a `Reader` made anew would lack the tail."""
        return Reader(self.store, horizon, self.tail)

    def head_position(self) -> int:
        with connection(self.store) as conn:
            row = conn.one("SELECT position FROM view_tracking WHERE name = 'journal'")
        return max([int(row[0]) if row else 0] + [e.position for e in self.tail])

    def position_at(self, moment: datetime) -> int:
        """The last log position recorded at or before `moment`."""
        stamp = moment.astimezone(UTC).isoformat()
        with connection(self.store) as conn:
            value = conn.one("SELECT max(position) FROM view_journal WHERE recorded_at <= ?",
                             (stamp,))[0]
        return max([int(value or 0)] + [e.position for e in self.tail if e.recorded_at <= stamp])

    def _within(self, e: Entry, *, valid: bool = True) -> bool:
        """Whether an entry of the tail lies within the horizon (its log position, and with
        `valid` its effective date)."""
        h = self.horizon
        return (h.upto is None or e.position <= h.upto) and (
            not valid or h.on is None or e.effective <= h.on)

    def select(self, selection: Selection, *, order: str = "fold",
               limit: int | None = None) -> Iterator[Entry]:
        """The entries `selection` keeps, from the journal table and the unfolded tail alike,
        without their subjects; `order` is "fold" (effective date, then position) or "log"
        (position)."""
        sort_key: Callable[[Entry], Any] = _fold_order if order == "fold" else _log_order
        tail = sorted((_bare(e) for e in selection.filter(self.tail)), key=sort_key)

        def stored() -> Iterator[Entry]:
            with connection(self.store) as conn:
                where, params = selection.where(conn.date)
                text = _query(where, "effective, position" if order == "fold" else "position",
                              limit)
                for row in conn.stream(text, params):
                    yield to_entry(row)

        found = heapq.merge(stored(), tail, key=sort_key) if tail else stored()
        yield from (itertools.islice(found, limit) if limit else found)

    def _horizon(self, *, valid: bool) -> dict[str, Any]:
        h = self.horizon
        return {"upto": h.upto, "on": h.on if valid else None}

    def entries(self, *, kinds: Iterable[str] = (), keys: Iterable[tuple[str, str]] = (),
                subject: str | None = None,
                subject_in: Iterable[str] = (), valid: bool = True,
                order: str = "fold", after: int | None = None,
                key_in: Iterable[str] | None = None,
                actor: str | None = None) -> Iterator[Entry]:
        """Entries within the horizon (and after log position `after`, when given); `order` is
        "fold" (effective date, then position) or "log" (position). `key_in` keeps the entries of
        those aggregate keys (of the `kinds`): a read of a few among many, by the key index."""
        among = tuple(subject_in)
        selection = Selection(
            kinds=tuple(kinds), keys=tuple(keys), subject=subject,
            subject_in=among or None, after=after,
            key_in=None if key_in is None else tuple(key_in), actor=actor,
            **self._horizon(valid=valid))
        return self.select(selection, order=order)

    def keys(self, kind: str) -> list[str]:
        """Every key of `kind` in the journal (within the horizon's log position), from the key
        index alone."""
        where: list[str] = ["kind = ?"]
        params: list[Any] = [kind]
        if self.horizon.upto is not None:
            where.append("position <= ?")
            params.append(self.horizon.upto)
        with connection(self.store) as conn:
            found = {r[0] for r in conn.execute(
                "SELECT DISTINCT key FROM view_journal WHERE " + " AND ".join(where), params)}
        return sorted(found | {e.key for e in self.tail if e.kind == kind
                               and self._within(e, valid=False)})

    def spellings(self, kind: str, key: str) -> list[str]:
        """The keys of `kind` equal to `key` without regard to case (as the ledger matches keys
        everywhere), by the key index when spelled as stored."""
        key = key.strip()
        with connection(self.store) as conn:
            exact = conn.one("SELECT key FROM view_journal WHERE kind = ? AND key = ? LIMIT 1",
                             (kind, key))
            found = {key} if exact else {r[0] for r in conn.execute(
                "SELECT DISTINCT key FROM view_journal WHERE kind = ? AND lower(key) = ?",
                (kind, key.lower()))}
        found |= {e.key for e in self.tail if e.kind == kind and e.key.lower() == key.lower()}
        return sorted(found)

    def decisions_of_bodies(self, bodies: Iterable[str]) -> list[str]:
        """Keys of the decisions recorded for any of `bodies` (`college:GM0518`, matched without
        regard to case) within the horizon's log position, by the body index."""
        wanted = sorted({b.lower() for b in bodies})
        if not wanted:
            return []
        params: list[Any] = list(wanted)
        upto = ""
        if self.horizon.upto is not None:
            upto = " AND position <= ?"
            params.append(self.horizon.upto)
        with connection(self.store) as conn:
            # SQLite's planner, without statistics, would rather walk the kind index: name ours.
            hint = f" INDEXED BY {BODY_INDEX}" if conn.kind == "sqlite" else ""
            text = (f"SELECT key FROM view_journal{{hint}} WHERE kind = 'decision' AND "
                    f"{body_expr(conn.kind)} IN ({', '.join('?' * len(wanted))}){upto}")
            try:
                found = {r[0] for r in conn.execute(text.format(hint=hint), params)}
            except sqlite3.OperationalError:  # no index yet (views of an older ledger): a scan
                found = {r[0] for r in conn.execute(text.format(hint=""), params)}
        found |= {e.key for e in self.tail if e.kind == "decision" and self._within(e, valid=False)
                  and str(e.payload.get("body", "")).lower() in wanted}
        return sorted(found)

    def subject_spellings(self, subject: str) -> list[str]:
        """The subjects in the journal equal to `subject` without regard to case (keys are
        matched that way everywhere in the ledger), exact spelling first."""
        with connection(self.store) as conn:
            found = {r[0] for r in conn.execute(
                "SELECT DISTINCT subject FROM view_subject WHERE lower(subject) = ?",
                (subject.lower(),))}
        found |= {s for e in self.tail for s in e.subjects if s.lower() == subject.lower()}
        return sorted(found, key=lambda s: (s != subject, s))

    def entry(self, position: int) -> Entry | None:
        for e in self.tail:
            if e.position == position:
                return e
        with connection(self.store) as conn:
            row = conn.one(_query(["position = ?"]), (position,))
            if row is None:
                return None
            subs = [r[0] for r in conn.execute(
                "SELECT subject FROM view_subject WHERE position = ?", (position,))]
        e = to_entry(row)
        e.__dict__["subjects"] = subs
        return e

    def log(self, *, kinds: Iterable[str] = (), topic: str | None = None, actor: str | None = None,
            subject: str | None = None, recorded_from: str | None = None,
            recorded_to: str | None = None, effective_from: date | None = None,
            effective_to: date | None = None, limit: int | None = None,
            include_receipts: bool = False,
            subject_in: Iterable[str] | None = None) -> list[Entry]:
        """The log, oldest first; `subject_in` keeps entries touching any of those subjects;
        `topic` matches any part of the event's name, without regard to case."""
        selection = Selection(
            kinds=tuple(kinds), receipts=include_receipts, topic=topic, actor=actor,
            subject=subject, subject_in=None if subject_in is None else tuple(subject_in),
            recorded_from=recorded_from, recorded_to=recorded_to,
            effective_from=effective_from, effective_to=effective_to,
            **self._horizon(valid=False))
        return list(self.select(selection, order="log", limit=limit))

    def logins(self, positions: Iterable[int]) -> dict[int, str]:
        """The login that wrote each of these events, as its chain link records it (stamped by
        PostgreSQL; the OS user on SQLite). Events written before logins were recorded have
        none."""
        wanted = sorted(set(positions))
        found: dict[int, str] = {}
        with connection(self.store) as conn:
            if not wanted or "login" not in conn.columns(CHAIN):
                return found
            for i in range(0, len(wanted), 500):
                chunk = wanted[i:i + 500]
                found.update((int(p), login) for p, login in conn.execute(
                    f"SELECT position, login FROM {CHAIN} WHERE login IS NOT NULL AND "
                    f"position IN ({', '.join('?' * len(chunk))})", chunk))
        return found

    def signed(self, positions: Iterable[int]) -> set[int]:
        """Which of these events are signed, as their chain links record it (a signature's
        validity is `ledger audit verify --signatures`'s to judge)."""
        wanted = sorted(set(positions))
        found: set[int] = set()
        with connection(self.store) as conn:
            if not wanted or "signature" not in conn.columns(CHAIN):
                return found
            for i in range(0, len(wanted), 500):
                chunk = wanted[i:i + 500]
                found.update(int(p) for (p,) in conn.execute(
                    f"SELECT position FROM {CHAIN} WHERE signature IS NOT NULL AND "
                    f"position IN ({', '.join('?' * len(chunk))})", chunk))
        return found

    def count(self) -> int:
        with connection(self.store) as conn:
            stored = int(conn.one("SELECT count(*) FROM view_journal")[0] or 0)
        return stored + len(self.tail)


def recorded_by(actor: str, login: str | None, kind: str) -> str:
    """The actor the client named, beside the login that wrote the event: authenticated by
    PostgreSQL, the mere OS user on SQLite."""
    if login is None:
        return actor
    if kind == "sqlite":
        return _("recorded by OS user {login} (unauthenticated) for {actor}").format(
            login=login, actor=actor)
    return _("recorded by login {login} for {actor}").format(login=login, actor=actor)


def stamp(entry: dict[str, Any], login: str | None, kind: str) -> dict[str, Any]:
    """An entry's dict with who wrote it: `login`, whether the database authenticated it, and
    the sentence `recorded_by` makes of both."""
    return {**entry, "login": login, "login_authenticated": login is not None and kind != "sqlite",
            "recorded_by": recorded_by(entry["actor"], login, kind)}


def _query(where: list[str], order: str | None = None, limit: int | None = None) -> str:
    text = SELECT
    if where:
        text += " WHERE " + " AND ".join(where)
    if order:
        text += f" ORDER BY {order}"
    if limit:
        text += f" LIMIT {int(limit)}"
    return text


def _fold_order(e: Entry) -> tuple[date, int]:
    return (e.effective, e.position)


def _log_order(e: Entry) -> int:
    return e.position


def _bare(e: Entry) -> Entry:
    """An entry as `entries()` and `log()` give it: without its subjects."""
    return Entry(**{**e.__dict__, "subjects": []}) if e.subjects else e


def to_entry(row: Any) -> Entry:
    """An `Entry` from a journal row: a tuple in `JOURNAL_COLUMNS` order, or a mapping."""
    if hasattr(row, "_mapping"):
        row = tuple(row._mapping[c] for c in JOURNAL_COLUMNS)
    (position, recorded_at, effective, kind, key, version, topic, actor, refs, reason,
     command_id, corrects, payload, part) = row
    if isinstance(effective, str):
        effective = date.fromisoformat(effective)
    # Made without the frozen dataclass's checks field by field: a fold reads many entries.
    e = object.__new__(Entry)
    e.__dict__.update(
        position=int(position), recorded_at=recorded_at, effective=effective, kind=kind, key=key,
        version=int(version), topic=topic, actor=actor, refs=json.loads(refs), reason=reason,
        command_id=command_id, corrects=corrects, payload=json.loads(payload), subjects=[],
        part=part)
    return e


def fold(apply: Callable[[S, Entry], S], state: Any, entries: Iterable[Entry]) -> S:
    """`state` (an empty one: typed by `apply`) after applying each entry in order."""
    folded: S = state
    for entry in entries:
        folded = apply(folded, entry)
    return folded

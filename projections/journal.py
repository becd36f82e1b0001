"""The journal: every event of the log as a row, for views, trails, the log listing and reports.

`catch_up` pulls notifications after the tracked position in batches (one transaction and one
tracking write per batch) and decodes them with the application's own mapper. `rebuild` drops the
read tables and replays the whole log. `Reader` answers the queries views need: entries of some
kinds or subjects, up to a log position (`--as-of`) and an effective date (`--on`), in fold order
(effective date, then position).
"""

from __future__ import annotations

import heapq
import importlib
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from ledger.storage import Store

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


# Decisions by bestuursorgaan: an index on the body in the decisions' payloads, so a programme's
# report finds the decisions of its parties' colleges and raden among a country's.
BODY_INDEX = "ix_journal_decision_body"


def _body_expr(dialect: str) -> str:
    if dialect == "sqlite":
        return "lower(json_extract(payload, '$.body'))"
    return "lower(CAST(payload AS json) ->> 'body')"


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
                f"(({_body_expr(store.kind)})) WHERE kind = 'decision'")
            conn.commit()
        except sa.exc.DBAPIError:  # a role that may only read: queries work without it
            conn.rollback()


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


def _entry_fields(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "refs": json.loads(row["refs"]), "payload": json.loads(row["payload"])}


# --- reading -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Horizon:
    """The two time axes of a read: `on` (valid time: effective dates up to and including it)
    and `upto` (transaction time: log positions up to and including it). None means no limit."""

    on: date | None = None
    upto: int | None = None

    def describe(self) -> dict[str, Any]:
        return {"on": self.on.isoformat() if self.on else None, "as_of_position": self.upto}


class Reader:
    """Queries over the journal for one horizon.

    `tail` holds entries the journal table lacks (events after its tracked position), folded in
    memory by a reader whose role may not write the views; every query answers as if they were
    in the table, so such a reader sees the whole log too."""

    def __init__(self, store: Store, horizon: Horizon | None = None,
                 tail: Iterable[Entry] = ()):
        self.store = store
        self.engine = engine_for(store)
        self.horizon = horizon or Horizon()
        self.tail = [Entry(**{**e.__dict__, "subjects": list(e.subjects)}) for e in tail]

    def head_position(self) -> int:
        with self.engine.connect() as conn:
            tracked = tracked_position(conn)
        return max([tracked] + [e.position for e in self.tail])

    def position_at(self, moment: datetime) -> int:
        """The last log position recorded at or before `moment`."""
        stamp = moment.astimezone(UTC).isoformat()
        with self.engine.connect() as conn:
            value = conn.execute(sa.select(sa.func.max(journal.c.position))
                                 .where(journal.c.recorded_at <= stamp)).scalar()
        return max([int(value or 0)] + [e.position for e in self.tail if e.recorded_at <= stamp])

    def _limits(self, query: sa.Select, *, valid: bool = True) -> sa.Select:
        if self.horizon.upto is not None:
            query = query.where(journal.c.position <= self.horizon.upto)
        if valid and self.horizon.on is not None:
            query = query.where(journal.c.effective <= self.horizon.on)
        return query

    def _within(self, e: Entry, *, valid: bool = True) -> bool:
        """The tail's counterpart of `_limits`."""
        h = self.horizon
        return (h.upto is None or e.position <= h.upto) and (
            not valid or h.on is None or e.effective <= h.on)

    def entries(self, *, kinds: Iterable[str] = (), keys: Iterable[tuple[str, str]] = (),
                subject: str | None = None, subject_prefix: str | None = None,
                subject_in: Iterable[str] = (), valid: bool = True,
                order: str = "fold", after: int | None = None,
                key_in: Iterable[str] | None = None) -> Iterator[Entry]:
        """Entries within the horizon (and after log position `after`, when given); `order` is
        "fold" (effective date, then position) or "log" (position). `key_in` keeps the entries of
        those aggregate keys (of the `kinds`): a read of a few among many, by the key index."""
        query = sa.select(journal)
        if after is not None:
            query = query.where(journal.c.position > after)
        kinds, keys, subject_in = list(kinds), list(keys), list(subject_in)
        if key_in is not None:
            key_in = sorted(set(key_in))
            query = query.where(journal.c.key.in_(key_in))
        if subject_in:
            query = query.where(journal.c.position.in_(
                sa.select(subjects.c.position).where(subjects.c.subject.in_(subject_in))))
        if kinds:
            query = query.where(journal.c.kind.in_(kinds))
        if keys:
            query = query.where(sa.or_(*[(journal.c.kind == k) & (journal.c.key == v)
                                         for k, v in keys]))
        if subject or subject_prefix:
            sub = sa.select(subjects.c.position)
            sub = (sub.where(subjects.c.subject == subject) if subject
                   else sub.where(subjects.c.subject.like(f"{subject_prefix}%")))
            query = query.where(journal.c.position.in_(sub))
        query = self._limits(query, valid=valid)
        sort_key: Callable[[Entry], Any]
        if order == "fold":
            query = query.order_by(journal.c.effective, journal.c.position)
            sort_key = _fold_order
        else:
            query = query.order_by(journal.c.position)
            sort_key = _log_order
        tail = sorted((_bare(e) for e in self.tail if self._within(e, valid=valid)
                       and (not kinds or e.kind in kinds)
                       and (not keys or (e.kind, e.key) in keys)
                       and (key_in is None or e.key in key_in)
                       and (not subject or subject in e.subjects)
                       and (not subject_prefix
                            or any(s.startswith(subject_prefix) for s in e.subjects))),
                      key=sort_key)

        def stored() -> Iterator[Entry]:
            with self.engine.connect() as conn:
                result = conn.execution_options(yield_per=5000).execute(query)
                for row in result:
                    yield to_entry(row)

        yield from heapq.merge(stored(), tail, key=sort_key) if tail else stored()

    def keys(self, kind: str) -> list[str]:
        """Every key of `kind` in the journal (within the horizon's log position), from the key
        index alone."""
        query = sa.select(journal.c.key).distinct().where(journal.c.kind == kind)
        if self.horizon.upto is not None:
            query = query.where(journal.c.position <= self.horizon.upto)
        with self.engine.connect() as conn:
            found = {r[0] for r in conn.execute(query)}
        return sorted(found | {e.key for e in self.tail if e.kind == kind
                               and self._within(e, valid=False)})

    def spellings(self, kind: str, key: str) -> list[str]:
        """The keys of `kind` equal to `key` without regard to case (as the ledger matches keys
        everywhere), by the key index when spelled as stored."""
        key = key.strip()
        with self.engine.connect() as conn:
            exact = conn.execute(sa.select(journal.c.key).where(
                journal.c.kind == kind, journal.c.key == key).limit(1)).first()
            found = {key} if exact else {r[0] for r in conn.execute(
                sa.select(journal.c.key).distinct().where(
                    journal.c.kind == kind, sa.func.lower(journal.c.key) == key.lower()))}
        found |= {e.key for e in self.tail if e.kind == kind and e.key.lower() == key.lower()}
        return sorted(found)

    def decisions_of_bodies(self, bodies: Iterable[str]) -> list[str]:
        """Keys of the decisions recorded for any of `bodies` (`college:GM0518`, matched without
        regard to case) within the horizon's log position, by the body index."""
        wanted = sorted({b.lower() for b in bodies})
        if not wanted:
            return []
        dialect = self.engine.dialect.name
        # SQLite's planner, without statistics, would rather walk the kind index: name ours.
        hint = f" INDEXED BY {BODY_INDEX}" if dialect == "sqlite" else ""
        table = (journal.name if dialect == "sqlite"
                 else f'"{self.store.schema}".{journal.name}')
        marks = ", ".join(f":b{i}" for i in range(len(wanted)))
        upto = "" if self.horizon.upto is None else " AND position <= :upto"
        params: dict[str, Any] = {f"b{i}": b for i, b in enumerate(wanted)}
        params["upto"] = self.horizon.upto

        def query(hint: str) -> sa.TextClause:
            return sa.text(f"SELECT key FROM {table}{hint} WHERE kind = 'decision' AND "
                           f"{_body_expr(dialect)} IN ({marks}){upto}")

        with self.engine.connect() as conn:
            try:
                found = {r[0] for r in conn.execute(query(hint), params)}
            except sa.exc.OperationalError:  # no index (views made elsewhere): a plain scan
                conn.rollback()
                found = {r[0] for r in conn.execute(query(""), params)}
        found |= {e.key for e in self.tail if e.kind == "decision" and self._within(e, valid=False)
                  and str(e.payload.get("body", "")).lower() in wanted}
        return sorted(found)

    def subject_spellings(self, subject: str) -> list[str]:
        """The subjects in the journal equal to `subject` without regard to case (keys are
        matched that way everywhere in the ledger), exact spelling first."""
        with self.engine.connect() as conn:
            found = [r[0] for r in conn.execute(
                sa.select(subjects.c.subject).distinct()
                .where(sa.func.lower(subjects.c.subject) == subject.lower()))]
        return sorted(found, key=lambda s: s != subject)

    def entry(self, position: int) -> Entry | None:
        for e in self.tail:
            if e.position == position:
                return e
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(journal).where(journal.c.position == position)).first()
            if row is None:
                return None
            subs = [r[0] for r in conn.execute(
                sa.select(subjects.c.subject).where(subjects.c.position == position))]
        e = to_entry(row)
        return Entry(**{**e.__dict__, "subjects": subs})

    def log(self, *, kinds: Iterable[str] = (), topic: str | None = None, actor: str | None = None,
            subject: str | None = None, recorded_from: str | None = None,
            recorded_to: str | None = None, effective_from: date | None = None,
            effective_to: date | None = None, limit: int | None = None,
            include_receipts: bool = False,
            subject_in: Iterable[str] | None = None) -> list[Entry]:
        """The log, oldest first; `subject_in` keeps entries touching any of those subjects."""
        query = sa.select(journal)
        kinds = list(kinds)
        if kinds:
            query = query.where(journal.c.kind.in_(kinds))
        elif not include_receipts:
            query = query.where(journal.c.kind != "command")
        if topic:
            query = query.where(journal.c.topic.like(f"%{topic}%"))
        if actor:
            query = query.where(journal.c.actor == actor)
        if subject:
            query = query.where(journal.c.position.in_(
                sa.select(subjects.c.position).where(subjects.c.subject == subject)))
        if subject_in is not None:
            query = query.where(journal.c.position.in_(
                sa.select(subjects.c.position).where(subjects.c.subject.in_(list(subject_in)))))
        if recorded_from:
            query = query.where(journal.c.recorded_at >= recorded_from)
        if recorded_to:
            query = query.where(journal.c.recorded_at <= recorded_to)
        if effective_from:
            query = query.where(journal.c.effective >= effective_from)
        if effective_to:
            query = query.where(journal.c.effective <= effective_to)
        query = self._limits(query, valid=False).order_by(journal.c.position)
        if limit:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            found = [to_entry(r) for r in conn.execute(query)]
        if limit and len(found) >= limit:
            return found
        found += [_bare(e) for e in self.tail if self._within(e, valid=False)
                  and (e.kind in kinds if kinds else include_receipts or e.kind != "command")
                  and (not topic or topic.casefold() in e.topic.casefold())
                  and (not actor or e.actor == actor)
                  and (not subject or subject in e.subjects)
                  and (not recorded_from or e.recorded_at >= recorded_from)
                  and (not recorded_to or e.recorded_at <= recorded_to)
                  and (not effective_from or e.effective >= effective_from)
                  and (not effective_to or e.effective <= effective_to)]
        return found[:limit] if limit else found

    def count(self) -> int:
        with self.engine.connect() as conn:
            stored = int(conn.execute(sa.select(sa.func.count()).select_from(journal)).scalar() or 0)
        return stored + len(self.tail)


def _fold_order(e: Entry) -> tuple[date, int]:
    return (e.effective, e.position)


def _log_order(e: Entry) -> int:
    return e.position


def _bare(e: Entry) -> Entry:
    """An entry as `entries()` and `log()` give it: without its subjects."""
    return Entry(**{**e.__dict__, "subjects": []}) if e.subjects else e


def to_entry(row: Any) -> Entry:
    m = row._mapping
    effective = m["effective"]
    if isinstance(effective, str):
        effective = date.fromisoformat(effective)
    return Entry(
        position=int(m["position"]), recorded_at=m["recorded_at"], effective=effective,
        kind=m["kind"], key=m["key"], version=int(m["version"]), topic=m["topic"],
        actor=m["actor"], refs=json.loads(m["refs"]), reason=m["reason"],
        command_id=m["command_id"], corrects=m["corrects"], payload=json.loads(m["payload"]),
        part=m["part"],
    )


def fold(apply: Callable[[Any, Entry], Any], state: Any, entries: Iterable[Entry]) -> Any:
    for entry in entries:
        state = apply(state, entry)
    return state

"""Batches: many commands saved in one transaction, each still atomic, for bulk imports.

Saving one command at a time costs a transaction (and, on SQLite, a sync to disk) per command, and
every command loads its aggregates from the store again. Inside `Ledger.batched()` a command is
built exactly as always (same rules, same refusals), but its events and receipt are kept in memory
until the batch is flushed; the aggregates it touched are cached and handed out as copies, so that
a refused command leaves nothing behind and the next command sees what the previous ones did.

A flush saves the pending events of all commands in one transaction, through the same recorder
as every write (so the chain links and the append-only guards are those of any write). If another
writer got in first (a version or command-id conflict), nothing of the batch is written and
`BatchConflict` is raised; the caller then runs the same commands again, one by one, on the
ordinary path. Anything that needs log positions or the stored log (corrections, a repeated
command id, a report that reads the views) flushes first, so positions are always those of stored
events. The cache survives a flush only when nobody else wrote in between (the batch's events got
the positions right after the last one it knew); otherwise it is emptied, so reads are never older
than the batch they are made in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from copy import deepcopy
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Repository

from ledger.recording import KeyTaken

if TYPE_CHECKING:
    from ledger.application.base import Outcome

_MISSING = object()
CACHED = 20_000  # aggregates kept between flushes (an import touches the recent ones again)
_IMMUTABLE = frozenset({str, int, float, bool, type(None), Decimal, date, datetime, UUID, bytes,
                        frozenset})


def copy_state(value: Any) -> Any:
    """A copy of an aggregate's state as deep as a command could change it: containers are
    copied, immutable values shared; anything else is deep-copied."""
    t = type(value)
    if t in _IMMUTABLE:
        return value
    if t is dict:
        return {k: copy_state(v) for k, v in value.items()}
    if t is list:
        return [copy_state(v) for v in value]
    if t is tuple:
        return tuple(copy_state(v) for v in value)
    if t is set:
        return {copy_state(v) for v in value}
    kind = _record_kind(t)
    if kind == "frozen" and all(type(v) in _IMMUTABLE for v in value.__dict__.values()):
        return value  # a frozen record of immutable values (a budget's movement): shared
    if kind == "record":  # a record a command may change (a reservation): field by field
        new = object.__new__(t)
        new.__dict__.update({k: copy_state(v) for k, v in value.__dict__.items()})
        return new
    return deepcopy(value)


_record_kinds: dict[type, str] = {}


def _record_kind(t: type) -> str:
    """"frozen" for a frozen dataclass (no field can be assigned), "record" for another
    dataclass whose state is its instance dictionary, "" for anything else."""
    found = _record_kinds.get(t)
    if found is None:
        params = getattr(t, "__dataclass_params__", None)
        found = "" if params is None or "__slots__" in vars(t) else (
            "frozen" if params.frozen else "record")
        _record_kinds[t] = found
    return found


def copy_aggregate(aggregate: Any) -> Any:
    new = object.__new__(type(aggregate))
    new.__dict__.update({k: copy_state(v) for k, v in aggregate.__dict__.items()})
    return new


class BatchConflict(Exception):
    """A batch could not be saved because another writer changed what it was built on."""


class Batch:
    """What an open batch holds: the pending events and outcomes, and the aggregates it has seen
    (`None` for one known not to exist)."""

    def __init__(self, app: Any, head: int | None, lookup: Any):
        self.app = app
        self.lookup = lookup  # a plain connection to the log (`RawLog`): cheap existence checks
        self.events: list[Any] = []
        self.outcomes: list[tuple[Any, list[Any]]] = []
        self.pending: set[tuple[UUID, int]] = set()
        self.cache: dict[UUID, Any] = {}
        self.receipts: list[UUID] = []
        self.looked: list[UUID] = []  # the id of every lookup, for an import to learn from
        self.head = head  # the newest log position this batch's reads are known to reflect

    def __len__(self) -> int:
        return len(self.events)

    def get(self, aggregate_id: UUID, load: Callable[[], Any]) -> Any:
        return copy_aggregate(self.peek(aggregate_id, load))

    def peek(self, aggregate_id: UUID, load: Callable[[], Any]) -> Any:
        """The cached aggregate itself, not a copy: only to look at, never to change."""
        self.looked.append(aggregate_id)
        found = self.cache.get(aggregate_id, _MISSING)
        if found is _MISSING:
            try:
                found = load()
            except AggregateNotFoundError:
                found = None
            self.cache[aggregate_id] = found
        if found is None:
            raise AggregateNotFoundError(aggregate_id)
        return found

    def known(self, aggregate_ids: Iterable[UUID]) -> None:
        """Look up at once every one of these aggregates not yet cached: those in the store are
        loaded, the others remembered as missing (one query for many lookups)."""
        wanted = [a for a in dict.fromkeys(aggregate_ids) if a not in self.cache]
        if not wanted:
            return
        # What an earlier lookup found missing is forgotten: only the newest lookups count.
        self.cache = {k: v for k, v in self.cache.items() if v is not None}
        for aggregate_id, aggregate in self.app.load_many(self.lookup, wanted).items():
            self.cache[aggregate_id] = aggregate

    def record(self, outcome: Outcome, aggregates: list[Any], events: list[Any],
               receipts: list[Any]) -> Outcome:
        """Keep a built command's events; the touched aggregates become the cached state."""
        for agg in aggregates:
            self.cache[agg.id] = agg
        extra = [e for r in receipts for e in r.collect_events()]
        for r in receipts:
            self.cache[r.id] = r
            self.receipts.append(r.id)
        for e in events:
            self.pending.add((e.originator_id, e.originator_version))
        self.events.extend(events)
        self.events.extend(extra)
        self.outcomes.append((outcome, events))
        return outcome

    def flush(self) -> None:
        """Save every pending event in one transaction and give each outcome its positions."""
        events, outcomes = self.events, self.outcomes
        self.events, self.outcomes, self.pending = [], [], set()
        if not events:
            return
        try:
            # The event store directly: Application.save would only collect the events again.
            recordings = self.app.store_events(events)
        except KeyTaken:
            self.discard()
            raise BatchConflict() from None
        except BaseException:
            self.discard()
            raise
        position = {id(r.domain_event): r.notification.id for r in recordings}
        for outcome, own in outcomes:
            outcome.positions = [position[id(e)] for e in own]
        ids = [r.notification.id for r in recordings]
        if self.head is not None and min(ids) == self.head + 1:
            # Nobody else wrote since this batch last looked: what it cached is still the stored
            # state. Keep it, but for receipts (read again only when a command id repeats) and
            # all but the newest aggregates.
            for r in self.receipts:
                self.cache.pop(r, None)
            found = [k for k, v in self.cache.items() if v is not None]
            if len(found) > CACHED:
                for k in found[:-CACHED // 2]:
                    del self.cache[k]
        else:
            self.cache = {}
        self.receipts = []
        self.head = max(ids)

    def discard(self) -> None:
        self.events, self.outcomes, self.cache, self.head = [], [], {}, None
        self.receipts, self.pending = [], set()


class BatchingRepository(Repository[UUID]):
    """eventsourcing's repository, answering from the open batch (if there is one) first."""

    batch: Batch | None = None

    def get(self, aggregate_id: Any, *, version: int | None = None, **kwargs: Any) -> Any:
        batch = self.batch
        if batch is None:
            return super().get(aggregate_id, version=version, **kwargs)
        if version is not None:
            batch.flush()
            return super().get(aggregate_id, version=version, **kwargs)
        return batch.get(aggregate_id, lambda: super(BatchingRepository, self).get(
            aggregate_id, **kwargs))

    def contains(self, aggregate_id: Any) -> Any:
        """The aggregate, or None when it does not exist; inside a batch the cached one itself,
        not a copy (to look at only)."""
        try:
            if self.batch is not None:
                return self.batch.peek(aggregate_id, lambda: super(BatchingRepository, self).get(
                    aggregate_id))
            return super().get(aggregate_id)
        except AggregateNotFoundError:
            return None

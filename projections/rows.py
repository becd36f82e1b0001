"""Journal rows from stored events: the envelope, the payload as JSON values, the aggregate's
kind and key, and the subjects each event touches (`RowMaker`). The catch-up
(`projections/journal.py`) writes them to the read tables; `pending` folds them in memory for a
reader that may not write.
"""

from __future__ import annotations

import gc
import importlib
import itertools
import json
from collections.abc import Callable, Sequence
from typing import Any

import orjson

from projections.reading import cited_decisions, jsonable

ENVELOPE = ("actor", "effective", "refs", "reason", "command_id", "corrects")
BASE_FIELDS = {"originator_id", "originator_version", "timestamp", "originator_topic"}
NOT_PAYLOAD = frozenset({*BASE_FIELDS, *ENVELOPE, "class_version"})


_kinds: dict[type, str] = {}


def _kind_of_class(cls: type) -> str:
    if cls not in _kinds:
        module = importlib.import_module(cls.__module__)
        owner = getattr(module, cls.__qualname__.split(".")[0])
        _kinds[cls] = getattr(owner, "KIND", owner.__name__.lower())
    return _kinds[cls]


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
        self.classes: dict[str, tuple[type, str, str, bool, Callable[..., Any] | None]] = {}

    def cls(self, topic: str) -> tuple[type, str, str, bool, Callable[..., Any] | None]:
        """The event class of a topic, its aggregate's kind, its name, whether its rows need
        the domain event itself (an event upcast from an older class version), and the class's
        own `subjects` (the parts it names), if it has one."""
        found = self.classes.get(topic)
        if found is None:
            from eventsourcing.utils import resolve_topic

            from ledger.domain.base import LedgerAggregate

            cls = resolve_topic(topic)
            own = getattr(cls, "subjects", None)
            parts = own if own is not None and own is not LedgerAggregate.Event.subjects else None
            slow = getattr(cls, "class_version", 1) != 1
            found = self.classes[topic] = (cls, _kind_of_class(cls), cls.__qualname__, slow,
                                           parts)
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
        # Aggregates created within this batch are known by the time their later events come:
        # only those created before it are looked up (a lookup waits for the batches on their
        # way to the tables to be written).
        later: set[str] = set()
        created: set[str] = set()
        for r in stored:
            (created if r[2] == 1 else later).add(r[1] if type(r[1]) is str else _hex(r[1]))
        missing = later - created - keys.keys()
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
            kind, name, slow, parts = found[1], found[2], found[3], found[4]
            own: Sequence[str]
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
            if parts is not None and not slow:
                # The parts the event names, by its class's own `subjects` over the stored
                # payload: the fields it reads (codes, keys, years, numbers of parts) have the
                # same values in JSON as on the domain event.
                own = list(parts(_Fields(payload), key))
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


class _Fields:
    """A payload's fields as attributes, for an event class's `subjects`."""

    def __init__(self, values: dict[str, Any]):
        self.__dict__ = values


def dump_payload(payload: dict[str, Any]) -> str:
    """A payload as the journal stores it: compact JSON, keys sorted (orjson; the standard
    library for what orjson refuses, such as integers beyond 64 bits)."""
    try:
        return orjson.dumps(payload, option=orjson.OPT_SORT_KEYS).decode("utf-8")
    except TypeError:
        return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _hex(oid: Any) -> str:
    return oid.hex if hasattr(oid, "hex") else str(oid).replace("-", "")


def entry_fields(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "refs": json.loads(row["refs"]), "payload": json.loads(row["payload"])}

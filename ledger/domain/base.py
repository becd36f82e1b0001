"""What every aggregate of the ledger shares: identity by key, and the envelope on every event.

An aggregate is found by its kind and a human key (a CBS code, a decision's identificatie, an
agreement's code): its id is a UUID derived from both, so a lookup needs no index. Every event
declares the envelope fields; `_record` and `_register` copy them in from the command's `Envelope`.
Events change state only in their `apply` method, which is replayed on every load: no clocks, ids
or checks there.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from eventsourcing.domain import Aggregate

from ledger.envelope import Envelope

NAMESPACE = uuid.UUID("6f1d0a8e-3c2b-5d4e-9f10-4c6564676572")

T = TypeVar("T", bound="LedgerAggregate")


def aggregate_id(kind: str, key: str) -> uuid.UUID:
    """The id of the aggregate of this kind with this key (keys match without regard to case).
    Text that cannot be encoded (lone surrogates) is hashed as it is: it names nothing."""
    if type(key) is str:
        return _text_id(kind, key)
    return _id(kind, key)


@lru_cache(maxsize=65536)  # an import asks for the same few thousand ids again and again
def _text_id(kind: str, key: str) -> uuid.UUID:
    return _id(kind, key)


def _id(kind: str, key: Any) -> uuid.UUID:
    name = f"{kind}:{str(key).strip().casefold()}".encode("utf-8", "surrogatepass")
    return uuid.UUID(bytes=hashlib.sha1(NAMESPACE.bytes + name).digest()[:16], version=5)


class LedgerAggregate(Aggregate):
    """Base of every aggregate: a `KIND`, a `key`, and envelope-carrying events."""

    KIND: ClassVar[str] = "aggregate"
    if TYPE_CHECKING:
        key: str

    class Event(Aggregate.Event):
        actor: str
        effective: date
        refs: list[str]
        reason: str | None
        command_id: str | None
        corrects: int | None

        def apply(self, aggregate: Any) -> None:
            """Change the aggregate's state; replayed on every load."""

        def subjects(self, key: str) -> list[str]:
            """Parts of the aggregate this event touches, besides the aggregate itself
            (for audit trails), as `kind:key` strings. The first is the part the event is
            about: a trail scopes the event's before/after to it (return the aggregate's own
            subject first when the event is about the whole aggregate)."""
            return []

    class Created(Event, Aggregate.Created):
        key: str

        def apply(self, aggregate: Any) -> None:
            aggregate.key = self.key

    def __init__(self, **_: Any) -> None:
        """State is set by the Created event's `apply`."""

    @classmethod
    def id_for(cls, key: str) -> uuid.UUID:
        return aggregate_id(cls.KIND, key)

    @classmethod
    def _register(cls: type[T], created: type[Created], env: Envelope, key: str,
                  **fields: Any) -> T:
        return cls._create(created, id=cls.id_for(key), key=key, **env.event_fields(), **fields)

    def _record(self, event_class: type[Event], env: Envelope, **fields: Any) -> None:
        self.trigger_event(event_class, **env.event_fields(), **fields)

    @property
    def subject(self) -> str:
        return f"{self.KIND}:{self.key}"

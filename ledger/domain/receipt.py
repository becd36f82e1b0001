"""Command receipts: how a `command_id` makes a command idempotent.

The first time a command id is used, a receipt is saved in the same transaction as the command's
events, keyed by the id. Running the same id again with the same payload is a no-op that reports
the original events; with another payload it is refused, naming the fields that differ. Because
the receipt's key is unique in the store, two writers racing with one id cannot both succeed.
"""

from __future__ import annotations

import json
import uuid
from functools import lru_cache
from json.encoder import encode_basestring
from typing import Any

from eventsourcing.domain import Aggregate

from ledger.domain.base import NAMESPACE
from ledger.envelope import Envelope


def canonical(value: Any) -> str:
    if type(value) is str:  # the common case, exactly as json.dumps writes it
        return encode_basestring(value)
    return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)


class CommandReceipt(Aggregate):
    KIND = "command"
    command_id: str
    command: str
    payload: dict[str, str]
    events: list[tuple[str, int]]

    class Issued(Aggregate.Created):
        command_id: str
        command: str
        payload: dict[str, str]
        events: list[list[Any]]
        actor: str

        def apply(self, r: CommandReceipt) -> None:
            r.command_id, r.command, r.payload = self.command_id, self.command, self.payload
            r.events = [tuple(e) for e in self.events]

    def __init__(self, **_: Any) -> None:
        pass

    @staticmethod
    def id_for(command_id: str) -> uuid.UUID:
        return _receipt_id(command_id)

    @classmethod
    def issue(cls, env: Envelope, command: str, payload: dict[str, str],
              events: list[tuple[str, int]]) -> CommandReceipt:
        assert env.command_id
        return cls._create(cls.Issued, id=cls.id_for(env.command_id), command_id=env.command_id,
                           command=command, payload=payload, events=[list(e) for e in events],
                           actor=env.actor)

    def differing_fields(self, command: str, payload: dict[str, str]) -> list[str]:
        if command != self.command:
            return ["command"]
        keys = sorted(set(self.payload) | set(payload))
        return [k for k in keys if self.payload.get(k) != payload.get(k)]


@lru_cache(maxsize=8192)  # an import asks for each id three times
def _receipt_id(command_id: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"command:{command_id}")

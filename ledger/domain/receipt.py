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
    """A payload value as the receipt keeps it. Numbers are kept as text, as the command line
    gives them: `inwoners: 125574` in an import file and `--inwoners 125574` are one command."""
    if type(value) is str:  # the common case, exactly as json.dumps writes it
        return encode_basestring(value)
    return json.dumps(_plain(value), sort_keys=True, default=str, ensure_ascii=False)


def _plain(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def as_mapping(value: Any, sep: str) -> Any:
    """A mapping given on the command line as KEY<sep>VALUE items (`--share GM0546:10000`) as
    the mapping an import file gives (`shares: {GM0546: 10000}`), so both make one payload; any
    other value as it is (the command's own check says what is wrong with it)."""
    if isinstance(value, list | tuple) and value and all(
            isinstance(v, str) and sep in v for v in value):
        pairs = [v.split(sep, 1) for v in value]
        keys = [k.strip() for k, _ in pairs]
        if len(set(keys)) == len(keys):
            return {k.strip(): v.strip() for k, v in pairs}
    return value


def _loose(text: str | None) -> Any:
    """A stored payload value, compared as `canonical` writes it today (receipts written before
    numbers were kept as text, or before a mapping was kept as one, still match)."""
    if text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return text
    for sep in (":", "="):
        value = as_mapping(value, sep)
    return _plain(value)


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
        return [k for k in keys if self.payload.get(k) != payload.get(k)
                and _loose(self.payload.get(k)) != _loose(payload.get(k))]


@lru_cache(maxsize=8192)  # an import asks for each id three times
def _receipt_id(command_id: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"command:{command_id}")

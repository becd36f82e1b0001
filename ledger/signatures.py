"""Checking the signatures of the log, per actor (`ledger audit verify --signatures`).

One pass over the log in position order (the same rows `chain.verify_rows` reads, from the
database or from an export file). The actors' public keys are themselves events of the log
(`ActorKeys.KeyAdded` and `KeyRevoked`, ledger/domain/keys.py), folded as the pass meets them, so
every event is judged by the keys as they stood at its position:

- signed: the signature checks with a key the event's actor held, not revoked before it;
- signed after revocation: it checks, but the key was revoked at an earlier position;
- bad signature: it does not check, or names a key unknown at that position, or a key of another
  actor;
- unsigned: no signature; *while keyed* when the actor held an unrevoked key at that position
  (what an event written past the signing client, by raw SQL or an old client, looks like).

Standard library and `cryptography` only (through ledger/signing.py).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ledger import signing

KEYS_TOPIC = "ledger.domain.keys:ActorKeys."


@dataclass
class ActorSignatures:
    actor: str
    signed: list[int] = field(default_factory=list)
    unsigned: list[int] = field(default_factory=list)
    unsigned_keyed: list[int] = field(default_factory=list)
    bad: list[int] = field(default_factory=list)
    after_revocation: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "signed": self.signed, "unsigned": self.unsigned,
                "unsigned_while_keyed": self.unsigned_keyed, "bad": self.bad,
                "after_revocation": self.after_revocation}


@dataclass
class Key:
    holder: str
    public: bytes
    added: int
    revoked: int | None = None


@dataclass
class SignatureReport:
    actors: dict[str, ActorSignatures] = field(default_factory=dict)
    keys: dict[str, Key] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(a.bad or a.after_revocation for a in self.actors.values())

    def of(self, actor: str) -> ActorSignatures:
        found = self.actors.get(actor)
        if found is None:
            found = self.actors[actor] = ActorSignatures(actor)
        return found

    def keyed(self, actor: str, position: int) -> bool:
        """Whether `actor` held an unrevoked key at `position`."""
        return any(k.holder == actor and k.added < position
                   and (k.revoked is None or k.revoked >= position) for k in self.keys.values())


def check_rows(rows: Iterable[Any]) -> SignatureReport:
    """Judge every event's signature (see the module docstring). `rows` are `chain.Row`s or
    tuples in its order."""
    report = SignatureReport()
    for row in rows:
        position, oid, version, topic, state, _link, _login, key_id, signature = row
        state = bytes(state)
        payload = _payload(state)
        actor = str(payload.get("actor", "?"))
        mine = report.of(actor)
        if signature is None:
            mine.unsigned.append(position)
            if report.keyed(actor, position) and not _key_command(topic, payload):
                mine.unsigned_keyed.append(position)
        else:
            key = report.keys.get(str(key_id))
            msg = signing.message(actor, str(key_id), str(oid), int(version), str(topic), state)
            if key is None or key.holder != actor or not signing.check(key.public, signature,
                                                                        msg):
                mine.bad.append(position)
            elif key.revoked is not None and key.revoked < position:
                mine.after_revocation.append(position)
            else:
                mine.signed.append(position)
        if str(topic).startswith(KEYS_TOPIC):
            _fold_key(report, str(topic)[len(KEYS_TOPIC):], payload, position)
    return report


def _key_command(topic: str, payload: dict[str, Any]) -> bool:
    """The receipt of a key command: recorded with the key's event, before the key signs."""
    return str(topic).endswith("CommandReceipt.Issued") and str(
        payload.get("command", "")).startswith("key.")


def _payload(state: bytes) -> dict[str, Any]:
    try:
        found = json.loads(state)
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _fold_key(report: SignatureReport, event: str, payload: dict[str, Any],
              position: int) -> None:
    kid = str(payload.get("key_id", ""))
    if event == "KeyAdded" and kid not in report.keys:
        try:
            public = base64.b64decode(str(payload.get("public_key", "")), validate=True)
        except ValueError:
            return
        report.keys[kid] = Key(str(payload.get("holder", "")), public, position)
    elif event == "KeyRevoked" and kid in report.keys and report.keys[kid].revoked is None:
        report.keys[kid].revoked = position


def ranges(positions: list[int], limit: int = 6) -> str:
    """Positions as short ranges: "3-7, 9, 12" (at most `limit` ranges, then "…")."""
    spans: list[tuple[int, int]] = []
    for p in positions:
        if spans and p == spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], p)
        else:
            spans.append((p, p))
    text = [f"{a}" if a == b else f"{a}-{b}" for a, b in spans[:limit]]
    return ", ".join(text) + (", …" if len(spans) > limit else "")

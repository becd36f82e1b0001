"""Checking a proof file offline: no ledger, no database, only the file and a public key.

`ledger audit prove` writes a proof as JSON (`ledger-proof/v1`, docs/security.md):

- an **inclusion** proof holds the signed checkpoint (`checkpoint`: the signed note's text), the
  event (`event`: its log position, its leaf index, its leaf hash and its leaf input, which is the
  event's chain input: the previous link, its position, aggregate, version, topic, the login where
  one was stamped, and its stored bytes) and the audit path (`path`, base64 hashes);
- a **consistency** proof holds two signed checkpoints (`from`, `to`) and the path between them.

`check` recomputes everything RFC 9162 §2.1 says (`ledger.merkle`), checks that the leaf input
hashes to the leaf hash and names the position claimed, and, given the ledger's public key,
that it signed every checkpoint (`ledger.note`). This module imports only the standard library,
`cryptography`, `ledger.merkle` and `ledger.note` (a test checks), so an outsider needs nothing
of the ledger's storage to run it.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from typing import Any

from ledger import merkle
from ledger.note import Checkpoint, Note, NoteError, Verifier, read_checkpoint

FORMAT = "ledger-proof/v1"


class ProofFileError(ValueError):
    """A file that is not a proof at all (exit 1, as any unreadable input)."""


@dataclass
class Checked:
    """The outcome of a check: valid or not, one sentence, and what was checked."""

    ok: bool
    sentence: str
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class LeafInput:
    """The fields of an event that its leaf input (its chain input) covers."""

    previous: str
    position: int
    aggregate_id: str
    version: int
    topic: str
    login: str | None
    state: bytes

    def describe(self) -> dict[str, Any]:
        found: dict[str, Any] = {"position": self.position, "topic": self.topic,
                                 "aggregate_id": self.aggregate_id, "version": self.version}
        if self.login is not None:
            found["login"] = self.login
        try:
            payload = json.loads(self.state)
        except ValueError:
            return found
        if isinstance(payload, dict):
            for name in ("key", "actor", "effective", "title"):
                value = payload.get(name)
                if isinstance(value, (str, int)):
                    found[name] = value
        return found


def parse_leaf_input(data: bytes) -> LeafInput:
    """The fields of a leaf input (`ledger.chain.chain_input`'s layout, both formulas)."""
    text = data.decode("utf-8", "surrogateescape")
    previous, rest = text[:64], text[64:]
    if len(previous) != 64 or not rest.startswith("\n"):
        raise merkle.ProofError("the event's leaf input does not begin with a chain link")
    rest = rest[1:]
    login = None
    if rest.startswith("v2\n"):
        size, sep, rest = rest[3:].partition(":")
        if not sep or not size.isdigit():
            raise merkle.ProofError("the event's leaf input has an unreadable login")
        login, rest = rest[:int(size)], rest[int(size):]
        if not rest.startswith("\n"):
            raise merkle.ProofError("the event's leaf input has an unreadable login")
        rest = rest[1:]
    parts = rest.split("\n", 4)
    if len(parts) != 5 or not parts[0].isdigit() or not parts[2].isdigit():
        raise merkle.ProofError("the event's leaf input does not hold an event's fields")
    position, oid, version, topic, state = parts
    return LeafInput(previous, int(position), oid, int(version), topic, login,
                     state.encode("utf-8", "surrogateescape"))


def _hash(value: Any, what: str) -> bytes:
    if not isinstance(value, str):
        raise merkle.ProofError(f"the {what} is not a base64 hash")
    try:
        digest = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise merkle.ProofError(f"the {what} is not valid base64") from None
    if len(digest) != 32:
        raise merkle.ProofError(f"the {what} is not a SHA-256 hash")
    return digest


def _path(proof: dict[str, Any]) -> list[bytes]:
    path = proof.get("path")
    if not isinstance(path, list):
        raise merkle.ProofError("the proof has no path")
    return [_hash(h, "path hash") for h in path]


def _whole(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise merkle.ProofError(f"the {what} is not a whole number")
    return value


def load(data: str) -> dict[str, Any]:
    """A proof file's JSON, or a ProofFileError saying it is no proof."""
    try:
        proof = json.loads(data)
    except ValueError:
        raise ProofFileError("The file is not JSON, so not a proof of the ledger.") from None
    if not isinstance(proof, dict) or proof.get("format") != FORMAT:
        raise ProofFileError(f"The file is not a proof of the ledger (format {FORMAT}).")
    if proof.get("kind") not in ("inclusion", "consistency"):
        raise ProofFileError("The proof is neither an inclusion nor a consistency proof.")
    return proof


def _checkpoint(text: Any, key: Verifier | None, what: str) -> tuple[Checkpoint, Note]:
    if not isinstance(text, str):
        raise merkle.ProofError(f"the proof holds no {what}")
    try:
        return read_checkpoint(text, key)
    except NoteError as e:
        raise merkle.ProofError(f"{what}: {e}") from None


def check(proof: dict[str, Any], key: Verifier | None = None) -> Checked:
    """Check a loaded proof (see the module docstring). Never raises on a bad proof: a proof
    that does not check is a `Checked` with ok False and the reason."""
    try:
        if proof["kind"] == "inclusion":
            return _inclusion(proof, key)
        return _consistency(proof, key)
    except merkle.ProofError as e:
        reason = str(e)
        return Checked(False, f"The proof does not verify: {reason[0].lower()}{reason[1:]}"
                       .rstrip(".") + ".", {"kind": proof.get("kind"), "problem": reason})


def _signed(key: Verifier | None) -> str:
    if key is None:
        return ("The checkpoint's signature was not checked: give the ledger's public key "
                "with --key.")
    return f"The signature of {key.name} verifies."


def _inclusion(proof: dict[str, Any], key: Verifier | None) -> Checked:
    cp, _ = _checkpoint(proof.get("checkpoint"), key, "the checkpoint")
    event = proof.get("event")
    if not isinstance(event, dict):
        raise merkle.ProofError("the proof names no event")
    position = _whole(event.get("position"), "event's position")
    index = _whole(event.get("leaf_index"), "event's leaf index")
    leaf = _hash(event.get("leaf_hash"), "leaf hash")
    described: dict[str, Any] = {"position": position}
    if "leaf_input" in event:
        try:
            data = base64.b64decode(str(event["leaf_input"]), validate=True)
        except (binascii.Error, ValueError):
            raise merkle.ProofError("the event's leaf input is not valid base64") from None
        if merkle.leaf_hash(data) != leaf:
            raise merkle.ProofError("the event's leaf input does not hash to its leaf hash")
        fields = parse_leaf_input(data)
        if fields.position != position:
            raise merkle.ProofError(f"the event's leaf input is of position {fields.position}, "
                                    f"not {position}")
        described = fields.describe()
    merkle.verify_inclusion(index, cp.size, leaf, _path(proof), cp.root)
    what = f"event #{position}"
    if "topic" in described:
        what += f" ({described['topic'].rsplit(':', 1)[-1]}"
        what += f" {described['key']})" if "key" in described else ")"
    return Checked(True, f"Valid: {what} is leaf {index + 1} of the {cp.size} events of "
                   f"{cp.origin} at its checkpoint of {cp.time or 'an unknown time'}. "
                   + _signed(key),
                   {"kind": "inclusion", "origin": cp.origin, "size": cp.size,
                    "root": base64.b64encode(cp.root).decode(), "time": cp.time,
                    "fingerprint": cp.fingerprint, "leaf_index": index, "event": described,
                    "signature_checked": key is not None})


def _consistency(proof: dict[str, Any], key: Verifier | None) -> Checked:
    old, _ = _checkpoint(proof.get("from"), key, "the first checkpoint")
    new, _ = _checkpoint(proof.get("to"), key, "the second checkpoint")
    if old.origin != new.origin:
        raise merkle.ProofError(f"the checkpoints are of two ledgers, {old.origin} and "
                                f"{new.origin}")
    if old.size == 0:
        # The empty tree is extended by every tree: there is nothing to prove, nor to check.
        if _path(proof):
            raise merkle.ProofError("a proof from the empty tree has no path")
    else:
        merkle.verify_consistency(old.size, new.size, old.root, new.root, _path(proof))
    return Checked(True, f"Valid: the ledger {new.origin} of {new.size} events "
                   f"({new.time or 'time unknown'}) extends its {old.size} events of "
                   f"{old.time or 'an unknown time'}: nothing recorded by then was changed, "
                   "removed or reordered. " + _signed(key),
                   {"kind": "consistency", "origin": new.origin,
                    "from": {"size": old.size, "root": base64.b64encode(old.root).decode(),
                             "time": old.time, "fingerprint": old.fingerprint},
                    "to": {"size": new.size, "root": base64.b64encode(new.root).decode(),
                           "time": new.time, "fingerprint": new.fingerprint},
                    "signature_checked": key is not None})


def check_text(data: str, key: Verifier | None = None) -> Checked:
    """Load and check a proof file's text (a ProofFileError when it is no proof at all)."""
    return check(load(data), key)

"""Checking a proof file offline: no ledger, no database, only the file and a public key.

`ledger audit prove` writes a proof as JSON (`ledger-proof/v1`, docs/security.md):

- an **inclusion** proof holds the signed checkpoint (`checkpoint`: the signed note's text), the
  event (`event`: its log position, its leaf index, its leaf hash and its leaf input, which is the
  event's chain input: the previous link, its position, aggregate, version, topic, the login where
  one was stamped, and its stored bytes) and the audit path (`path`, base64 hashes);
- a **consistency** proof holds two signed checkpoints (`from`, `to`) and the path between them.

`check` recomputes everything RFC 9162 §2.1 says (`ledger.merkle`), checks that the leaf input
hashes to the leaf hash and names the position claimed, and, given the ledger's public key,
that it signed every checkpoint (`ledger.note`); given the checkpoint the holder already has
(`Anchor`: an issued report's tree size and root hash), that the proof is made against it. This
module imports only the standard library, `cryptography`, `ledger.merkle`, `ledger.note` and
`ledger.i18n_offline` (a test checks), so an outsider needs nothing of the ledger's storage to
run it. Its sentences are in the ledger's
language: inside the ledger as everywhere (`--lang`, `$LEDGER_LANG`); run on its own, with the
standard library's `gettext` and the compiled Dutch catalog when it is there (`$LEDGER_LANG=en`
for English), else in English (`ledger/i18n_offline.py`).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from typing import Any

from ledger import merkle
from ledger.i18n_offline import N_, _, show_moment
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
    key_id: str | None = None
    signature: str | None = None

    def describe(self) -> dict[str, Any]:
        found: dict[str, Any] = {"position": self.position, "topic": self.topic,
                                 "aggregate_id": self.aggregate_id, "version": self.version}
        if self.login is not None:
            found["login"] = self.login
        if self.signature is not None:
            found["key_id"], found["signature"] = self.key_id, self.signature
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
        raise merkle.ProofError(_("the event's leaf input does not begin with a chain link"))
    rest = rest[1:]
    login = key_id = signature = None
    if rest.startswith(("v2\n", "v3\n")):
        fields: list[str] = []
        for _n in range(1 if rest.startswith("v2\n") else 3):
            rest = rest[3:] if not fields else rest
            size, sep, rest = rest.partition(":")
            if not sep or not size.isdigit():
                raise merkle.ProofError(_("the event's leaf input has an unreadable login"))
            value, rest = rest[:int(size)], rest[int(size):]
            if not rest.startswith("\n"):
                raise merkle.ProofError(_("the event's leaf input has an unreadable login"))
            fields.append(value)
            rest = rest[1:]
        login = fields[0]
        if len(fields) == 3:
            key_id, signature = fields[1], fields[2]
    parts = rest.split("\n", 4)
    if len(parts) != 5 or not parts[0].isdigit() or not parts[2].isdigit():
        raise merkle.ProofError(_("the event's leaf input does not hold an event's fields"))
    position, oid, version, topic, state = parts
    return LeafInput(previous, int(position), oid, int(version), topic, login,
                     state.encode("utf-8", "surrogateescape"), key_id, signature)


def _hash(value: Any, what: str) -> bytes:
    if not isinstance(value, str):
        raise merkle.ProofError(_("the {what} is not a base64 hash").format(what=_(what)))
    try:
        digest = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise merkle.ProofError(_("the {what} is not valid base64").format(what=_(what))) \
            from None
    if len(digest) != 32:
        raise merkle.ProofError(_("the {what} is not a SHA-256 hash").format(what=_(what)))
    return digest


def _path(proof: dict[str, Any]) -> list[bytes]:
    path = proof.get("path")
    if not isinstance(path, list):
        raise merkle.ProofError(_("the proof has no path"))
    return [_hash(h, N_("path hash")) for h in path]


def _whole(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise merkle.ProofError(_("the {what} is not a whole number").format(what=_(what)))
    return value


def load(data: str) -> dict[str, Any]:
    """A proof file's JSON, or a ProofFileError saying it is no proof."""
    try:
        proof = json.loads(data)
    except ValueError:
        raise ProofFileError(_("The file is not JSON, so not a proof of the ledger.")) from None
    if not isinstance(proof, dict) or proof.get("format") != FORMAT:
        raise ProofFileError(_("The file is not a proof of the ledger (format {format}).").format(
            format=FORMAT))
    if proof.get("kind") not in ("inclusion", "consistency"):
        raise ProofFileError(_("The proof is neither an inclusion nor a consistency proof."))
    return proof


def _checkpoint(text: Any, key: Verifier | None, what: str) -> tuple[Checkpoint, Note]:
    if not isinstance(text, str):
        raise merkle.ProofError(_("the proof holds no {what}").format(what=_(what)))
    try:
        return read_checkpoint(text, key)
    except NoteError as e:
        raise merkle.ProofError(_("the {what}: {reason}").format(what=_(what), reason=e)) \
            from None


@dataclass(frozen=True)
class Anchor:
    """A checkpoint the holder already has (an issued report's tree size and root hash): the
    proof must be made against it (an inclusion proof's checkpoint, a consistency proof's first
    checkpoint)."""

    size: int
    root: bytes

    @classmethod
    def parse(cls, size: int, root: str) -> Anchor:
        try:
            digest = base64.b64decode(root.strip(), validate=True)
        except (binascii.Error, ValueError):
            raise ValueError(_("The root hash '{root}' is not valid base64.").format(
                root=root[:60])) from None
        if len(digest) != 32:
            raise ValueError(_("The root hash '{root}' is not a SHA-256 hash.").format(
                root=root[:60]))
        return cls(size, digest)


def _anchored(cp: Checkpoint, anchor: Anchor | None) -> None:
    if anchor is not None and (cp.size, cp.root) != (anchor.size, anchor.root):
        raise merkle.ProofError(_(
            "it is made against a checkpoint of {size} events with root hash {root}, not the one "
            "you hold ({held_size} events, root hash {held_root})").format(
                size=cp.size, root=base64.b64encode(cp.root).decode(), held_size=anchor.size,
                held_root=base64.b64encode(anchor.root).decode()))


def check(proof: dict[str, Any], key: Verifier | None = None,
          anchor: Anchor | None = None) -> Checked:
    """Check a loaded proof (see the module docstring); with `anchor`, also that it is made
    against that checkpoint. Never raises on a bad proof: a proof that does not check is a
    `Checked` with ok False and the reason."""
    try:
        if proof["kind"] == "inclusion":
            return _inclusion(proof, key, anchor)
        return _consistency(proof, key, anchor)
    except merkle.ProofError as e:
        reason = str(e)
        sentence = _("The proof does not verify: {reason}").format(
            reason=reason[:1].lower() + reason[1:])
        return Checked(False, sentence.rstrip(".") + ".",
                       {"kind": proof.get("kind"), "problem": reason})


def _signed(key: Verifier | None) -> str:
    if key is None:
        return _("The checkpoint's signature was not checked: give the ledger's public key "
                 "with --key.")
    return _("The signature of {key} verifies.").format(key=key.name)


def _inclusion(proof: dict[str, Any], key: Verifier | None, anchor: Anchor | None) -> Checked:
    cp, _note = _checkpoint(proof.get("checkpoint"), key, N_("checkpoint"))
    _anchored(cp, anchor)
    event = proof.get("event")
    if not isinstance(event, dict):
        raise merkle.ProofError(_("the proof names no event"))
    position = _whole(event.get("position"), N_("event's position"))
    index = _whole(event.get("leaf_index"), N_("event's leaf index"))
    leaf = _hash(event.get("leaf_hash"), N_("leaf hash"))
    described: dict[str, Any] = {"position": position}
    if "leaf_input" in event:
        try:
            data = base64.b64decode(str(event["leaf_input"]), validate=True)
        except (binascii.Error, ValueError):
            raise merkle.ProofError(_("the event's leaf input is not valid base64")) from None
        if merkle.leaf_hash(data) != leaf:
            raise merkle.ProofError(_("the event's leaf input does not hash to its leaf hash"))
        fields = parse_leaf_input(data)
        if fields.position != position:
            raise merkle.ProofError(_("the event's leaf input is of position {found}, not "
                                      "{position}").format(found=fields.position,
                                                           position=position))
        described = fields.describe()
    merkle.verify_inclusion(index, cp.size, leaf, _path(proof), cp.root)
    what = f"#{position}"
    if "topic" in described:
        what += f" ({described['topic'].rsplit(':', 1)[-1]}"
        what += f" {described['key']})" if "key" in described else ")"
    return Checked(True, _("Valid: event {event} is leaf {n} of the {size} events of {origin} at "
                           "its checkpoint of {time}.").format(
                               event=what, n=index + 1, size=cp.size, origin=cp.origin,
                               time=show_moment(cp.time) or _("an unknown time"))
                   + " " + _signed(key),
                   {"kind": "inclusion", "origin": cp.origin, "size": cp.size,
                    "root": base64.b64encode(cp.root).decode(), "time": cp.time,
                    "fingerprint": cp.fingerprint, "leaf_index": index, "event": described,
                    "signature_checked": key is not None})


def _consistency(proof: dict[str, Any], key: Verifier | None, anchor: Anchor | None) -> Checked:
    old, _old = _checkpoint(proof.get("from"), key, N_("first checkpoint"))
    _anchored(old, anchor)
    new, _new = _checkpoint(proof.get("to"), key, N_("second checkpoint"))
    if old.origin != new.origin:
        raise merkle.ProofError(_("the checkpoints are of two ledgers, {first} and {second}"
                                  ).format(first=old.origin, second=new.origin))
    if old.size == 0:
        # The empty tree is extended by every tree: there is nothing to prove, nor to check.
        if _path(proof):
            raise merkle.ProofError(_("a proof from the empty tree has no path"))
    else:
        merkle.verify_consistency(old.size, new.size, old.root, new.root, _path(proof))
    return Checked(True, _("Valid: the ledger {origin} of {size} events ({time}) extends its "
                           "{old_size} events of {old_time}: nothing recorded by then was "
                           "changed, removed or reordered.").format(
                               origin=new.origin, size=new.size,
                               time=show_moment(new.time) or _("time unknown"),
                               old_size=old.size,
                               old_time=show_moment(old.time) or _("an unknown time"))
                   + " " + _signed(key),
                   {"kind": "consistency", "origin": new.origin,
                    "from": {"size": old.size, "root": base64.b64encode(old.root).decode(),
                             "time": old.time, "fingerprint": old.fingerprint},
                    "to": {"size": new.size, "root": base64.b64encode(new.root).decode(),
                           "time": new.time, "fingerprint": new.fingerprint},
                    "signature_checked": key is not None})


def check_text(data: str, key: Verifier | None = None, anchor: Anchor | None = None) -> Checked:
    """Load and check a proof file's text (a ProofFileError when it is no proof at all)."""
    return check(load(data), key, anchor)

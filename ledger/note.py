"""Signed notes and checkpoints, as the C2SP specifications write them: the ledger's key, the tree
heads it signs, and the cosignatures of those who witness them.

A *signed note* (c2sp.org/signed-note) is UTF-8 text ending in a newline, a blank line, and one
line per signature: `— NAME base64(key id || signature)`. A *checkpoint* (c2sp.org/tlog-checkpoint)
is a note whose text is the log's origin (its name), its tree size and its root hash in base64, one
per line; the ledger adds two extension lines, `time` (when it was signed, UTC) and `fingerprint`
(the chain fingerprint POS:HASH at that size, the one printed on reports). Ed25519 keys, key ids
and the text forms of keys follow the signed-note specification and Go's `golang.org/x/mod/sumdb/
note` (the private form `PRIVATE+KEY+NAME+ID+KEY`), so the same keys and notes can be read by the
transparency tools that exist. A *cosignature* (c2sp.org/tlog-cosignature, Ed25519 type 0x04) is a
witness's timestamped signature of another holder's checkpoint.

Imports only the standard library and `cryptography`: the offline verifier (`ledger/verifier.py`)
uses it without a ledger or a database.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from ledger.i18n_offline import N_, _

ED25519, COSIGNATURE = 0x01, 0x04  # signature type bytes of the signed-note specification
DASH = "\u2014"
MAX_SIGNATURES = 64


class NoteError(ValueError):
    """A key, note or checkpoint that cannot be read or does not verify, in one sentence."""


def key_id(name: str, kind: int, public: bytes) -> int:
    """SHA-256(name || 0x0A || type || public key)[:4], big-endian (the recommended key id)."""
    return int.from_bytes(hashlib.sha256(name.encode() + b"\n" + bytes([kind]) + public)
                          .digest()[:4], "big")


def check_name(name: str) -> str:
    """A key name (also the checkpoint's origin): not empty, no spaces, no plus sign."""
    if (not name or "+" in name or any(c.isspace() for c in name)
            or not name.isprintable()):
        raise NoteError(_("'{name}' cannot name a key: use a name without spaces or plus "
                          "signs, such as ledger.example.nl/programma.").format(name=name))
    return name


def _b64(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise NoteError(_("The {what} is not valid base64.").format(what=_(what))) from None


@dataclass(frozen=True)
class Verifier:
    """A public key as outsiders hold it: `NAME+ID+base64(type || key)` (a *vkey*)."""

    name: str
    kind: int
    public: bytes

    @property
    def key_id(self) -> int:
        return key_id(self.name, self.kind, self.public)

    def __str__(self) -> str:
        return (f"{self.name}+{self.key_id:08x}+"
                f"{base64.b64encode(bytes([self.kind]) + self.public).decode()}")

    @classmethod
    def parse(cls, text: str) -> Verifier:
        parts = text.strip().split("+", 2)  # (base64 may hold a plus sign)
        if len(parts) != 3:
            raise NoteError(_("This is not a public key of the ledger: it should read "
                              "NAME+ID+KEY (as `ledger audit key public` prints it)."))
        name, hex_id, b64 = parts
        check_name(name)
        material = _b64(b64, N_("public key"))
        if len(material) != 33 or material[0] not in (ED25519, COSIGNATURE):
            raise NoteError(_("The public key is not an Ed25519 key of the signed-note format."))
        found = cls(name, material[0], material[1:])
        if f"{found.key_id:08x}" != hex_id.lower():
            raise NoteError(_("The public key's id does not match its name and key: it was "
                              "copied wrongly."))
        return found

    def cosigner(self) -> Verifier:
        """The same key as it cosigns another holder's checkpoint (type 0x04)."""
        return replace(self, kind=COSIGNATURE)

    def ed25519_ok(self, message: bytes, signature: bytes) -> bool:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

        try:
            Ed25519PublicKey.from_public_bytes(self.public).verify(signature, message)
        except (InvalidSignature, ValueError):
            return False
        return True


@dataclass(frozen=True)
class Signer:
    """The ledger's private key: `PRIVATE+KEY+NAME+ID+base64(0x01 || seed)`. Never stored in the
    ledger: kept in a file or an environment variable (docs/security.md)."""

    name: str
    seed: bytes = field(repr=False)

    @classmethod
    def generate(cls, name: str) -> Signer:
        import os

        return cls(check_name(name), os.urandom(32))

    @classmethod
    def parse(cls, text: str) -> Signer:
        parts = text.strip().split("+", 4)
        if len(parts) != 5 or parts[:2] != ["PRIVATE", "KEY"]:
            raise NoteError(_("This is not a private key of the ledger: it should read "
                              "PRIVATE+KEY+NAME+ID+KEY (as `ledger audit key generate` writes "
                              "it)."))
        name, hex_id, b64 = parts[2:]
        check_name(name)
        material = _b64(b64, N_("private key"))
        if len(material) != 33 or material[0] != ED25519:
            raise NoteError(_("The private key is not an Ed25519 key of the signed-note "
                              "format."))
        found = cls(name, material[1:])
        if f"{found.verifier().key_id:08x}" != hex_id.lower():
            raise NoteError(_("The private key's id does not match its name and key: the key "
                              "file was damaged or edited."))
        return found

    def __str__(self) -> str:
        return (f"PRIVATE+KEY+{self.name}+{self.verifier().key_id:08x}+"
                f"{base64.b64encode(bytes([ED25519]) + self.seed).decode()}")

    def _key(self) -> Any:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return Ed25519PrivateKey.from_private_bytes(self.seed)

    def verifier(self) -> Verifier:
        return Verifier(self.name, ED25519, self._key().public_key().public_bytes_raw())

    def sign(self, note: Note) -> Note:
        """The note with this key's signature added."""
        sig = Signature(self.name, self.verifier().key_id, self._key().sign(note.text.encode()))
        return replace(note, signatures=(*note.signatures, sig))

    def cosign(self, note: Note, timestamp: int) -> Signature:
        """A cosignature/v1 of a checkpoint: this key's statement that, at `timestamp` (POSIX
        seconds), it saw that tree head and found it consistent with its own."""
        sig = self._key().sign(cosigned_message(note, timestamp))
        return Signature(self.name, self.verifier().cosigner().key_id,
                         struct.pack(">Q", timestamp) + sig)


def cosigned_message(note: Note, timestamp: int) -> bytes:
    return f"cosignature/v1\ntime {timestamp}\n".encode() + note.text.encode()


@dataclass(frozen=True)
class Signature:
    name: str
    key_id: int
    signature: bytes

    def line(self) -> str:
        blob = self.key_id.to_bytes(4, "big") + self.signature
        return f"{DASH} {self.name} {base64.b64encode(blob).decode()}"


@dataclass(frozen=True)
class Note:
    """A signed note: its text (ending in a newline) and its signatures."""

    text: str
    signatures: tuple[Signature, ...] = ()

    def __str__(self) -> str:
        return self.text + "\n" + "".join(s.line() + "\n" for s in self.signatures)

    @classmethod
    def parse(cls, data: str) -> Note:
        if any(ord(c) < 0x20 and c != "\n" for c in data):
            raise NoteError(_("The note holds control characters: it is not a signed note."))
        if not data.endswith("\n"):
            data += "\n"
        split = data.rfind("\n\n")
        if split < 0:
            raise NoteError(_("The note has no blank line before its signatures: it is not a "
                              "signed note."))
        text, lines = data[:split + 1], data[split + 2:].splitlines()
        if not lines:
            raise NoteError(_("The note carries no signature."))
        if len(lines) > MAX_SIGNATURES:
            raise NoteError(_("The note carries more than {n} signatures.").format(
                n=MAX_SIGNATURES))
        signatures = []
        for line in lines:
            parts = line.split(" ")
            if len(parts) != 3 or parts[0] != DASH or not parts[1] or "+" in parts[1]:
                raise NoteError(_("'{line}' is not a signature line of a signed note.").format(
                    line=line[:60]))
            blob = _b64(parts[2], N_("signature"))
            if len(blob) < 5:
                raise NoteError(_("A signature of the note is too short to hold anything."))
            signatures.append(Signature(parts[1], int.from_bytes(blob[:4], "big"), blob[4:]))
        return cls(text, tuple(signatures))

    def signed_by(self, key: Verifier) -> bool | None:
        """Whether `key` signed the note: None when it carries no signature of that key, else
        whether every signature of that key verifies."""
        own = [s for s in self.signatures if s.name == key.name and s.key_id == key.key_id]
        if not own:
            return None
        if key.kind == COSIGNATURE:
            return all(len(s.signature) == 72 and key.ed25519_ok(
                cosigned_message(self, int.from_bytes(s.signature[:8], "big")), s.signature[8:])
                for s in own)
        return all(key.ed25519_ok(self.text.encode(), s.signature) for s in own)

    def cosigned_at(self, key: Verifier) -> list[int]:
        """The timestamps of `key`'s valid cosignatures of this note."""
        cosigner = key.cosigner()
        return [int.from_bytes(s.signature[:8], "big") for s in self.signatures
                if s.name == cosigner.name and s.key_id == cosigner.key_id
                and len(s.signature) == 72 and cosigner.ed25519_ok(
                    cosigned_message(self, int.from_bytes(s.signature[:8], "big")),
                    s.signature[8:])]


@dataclass(frozen=True)
class Checkpoint:
    """A tree head: the ledger's name (origin), its size and root hash, and the ledger's own
    extension lines (`time ISO`, `fingerprint POS:HASH`)."""

    origin: str
    size: int
    root: bytes
    extensions: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "".join(line + "\n" for line in (
            self.origin, str(self.size), base64.b64encode(self.root).decode(), *self.extensions))

    def extension(self, word: str) -> str | None:
        for line in self.extensions:
            if line.startswith(word + " "):
                return line[len(word) + 1:]
        return None

    @property
    def time(self) -> str | None:
        return self.extension("time")

    @property
    def fingerprint(self) -> str | None:
        return self.extension("fingerprint")

    @classmethod
    def make(cls, origin: str, size: int, root: bytes, *, fingerprint: str | None = None,
             at: datetime | None = None) -> Checkpoint:
        moment = (at or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        ext = [f"time {moment}"] + ([f"fingerprint {fingerprint}"] if fingerprint else [])
        return cls(check_name(origin), size, root, tuple(ext))

    @classmethod
    def of(cls, note: Note) -> Checkpoint:
        lines = note.text[:-1].split("\n")
        if len(lines) < 3 or not all(lines):
            raise NoteError(_("The note is not a checkpoint: it needs an origin, a tree size "
                              "and a root hash, one per line."))
        origin, size, root = lines[:3]
        if not size.isascii() or not size.isdigit() or (size != "0" and size.startswith("0")):
            raise NoteError(_("The checkpoint's tree size '{size}' is not a whole number.").format(
                size=size[:30]))
        digest = _b64(root, N_("checkpoint's root hash"))
        if len(digest) != 32:
            raise NoteError(_("The checkpoint's root hash is not a SHA-256 hash."))
        return cls(origin, int(size), digest, tuple(lines[3:]))


def read_checkpoint(data: str, key: Verifier | None = None) -> tuple[Checkpoint, Note]:
    """A checkpoint from its signed note; with `key`, refused unless that key signed it."""
    note = Note.parse(data)
    found = Checkpoint.of(note)
    if key is not None:
        signed = note.signed_by(key)
        if signed is None:
            raise NoteError(_("The checkpoint of {origin} at size {size} carries no signature "
                              "of the key {key}.").format(origin=found.origin, size=found.size,
                                                          key=key.name))
        if not signed:
            raise NoteError(_("The signature of {key} on the checkpoint of size {size} does not "
                              "verify: the checkpoint was changed.").format(key=key.name,
                                                                            size=found.size))
    return found, note


def sign_checkpoint(signer: Signer, checkpoint: Checkpoint) -> Note:
    if checkpoint.origin != signer.name:
        raise NoteError(_("The key is named {name}, the checkpoint's origin {origin}: a ledger "
                          "signs with its own name.").format(name=signer.name,
                                                             origin=checkpoint.origin))
    return signer.sign(Note(checkpoint.text))

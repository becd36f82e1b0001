"""Signed events: an actor's Ed25519 key, the message a signature covers, and checking one.

An actor may hold keys (`ledger key add`, `ledger/domain/keys.py`: the public key is recorded as
an event; the private key never enters the ledger). A client recording for that actor with the
private key given (`--signing-key FILE` or `LEDGER_SIGNING_KEY`, a path) signs every event it
stores for the actor, when the event's bytes are made (`SigningMapper` in
ledger/application/base.py). The signature and the key id are stored with the event's chain link
and covered by it (the link's third formula, `ledger.chain`).

The signed message (docs/security.md) is UTF-8 text, each field on its own line:

    ledger-event-signature-v1
    <number of characters of the actor>:<actor>
    <key id>
    <aggregate id, 32 lowercase hex digits>
    <aggregate version>
    <topic>
    <SHA-256 of the stored bytes, 64 lowercase hex digits>

and a final newline. The first line separates it from anything else a key might sign; the actor
is the envelope's, also inside the stored bytes, so a signature names who it speaks for twice and
both must agree. The log position is not signed (the client does not know it before the database
draws it); the aggregate id and version name the event as uniquely, and the chain fixes its place.

A key id is the first 16 hex digits of SHA-256 over the raw 32-byte public key. Only the standard
library and `cryptography`: an auditor's check needs nothing more.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ledger.errors import InvalidInput
from ledger.i18n import _

MESSAGE_HEADER = "ledger-event-signature-v1"


def key_id(public: bytes) -> str:
    """The id of a public key (raw, 32 bytes)."""
    return hashlib.sha256(public).hexdigest()[:16]


def message(actor: str, key: str, originator_id: str, version: int, topic: str,
            state: bytes) -> bytes:
    """The bytes a signature covers (the module docstring gives the layout)."""
    return (f"{MESSAGE_HEADER}\n{len(actor)}:{actor}\n{key}\n{originator_id}\n{version}\n"
            f"{topic}\n{hashlib.sha256(state).hexdigest()}\n").encode("utf-8", "surrogatepass")


def check(public: bytes, signature: str, msg: bytes) -> bool:
    """Whether `signature` (hex) is the key's Ed25519 signature of `msg`."""
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(bytes.fromhex(signature), msg)
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True)
class SigningKey:
    """A private key read from a file, with its public half and id."""

    private: Ed25519PrivateKey
    public: bytes
    id: str
    path: str

    def sign(self, msg: bytes) -> str:
        return self.private.sign(msg).hex()

    @classmethod
    def generate(cls) -> SigningKey:
        private = Ed25519PrivateKey.generate()
        public = _raw(private.public_key())
        return cls(private, public, key_id(public), "")

    def pem(self) -> bytes:
        return self.private.private_bytes(serialization.Encoding.PEM,
                                          serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption())


def _raw(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def read_signing_key(path: str) -> SigningKey:
    """The private key in `path` (PEM, PKCS #8, unencrypted, as `ledger key add --generate`
    writes it); refused in one sentence when it cannot be read or is no Ed25519 private key."""
    hint = _("Give --signing-key (or LEDGER_SIGNING_KEY) the file written by "
             "`ledger key add ACTOR --generate --out FILE`.")
    try:
        data = Path(path).read_bytes()
    except OSError:
        raise InvalidInput(_("The signing key file {path} cannot be read.").format(path=path),
                           hint=hint) from None
    try:
        private = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        private = None
    if not isinstance(private, Ed25519PrivateKey):
        raise InvalidInput(_("The file {path} holds no Ed25519 private key.").format(path=path),
                           hint=hint)
    public = _raw(private.public_key())
    return SigningKey(private, public, key_id(public), path)


def read_public_key(path: str) -> bytes:
    """A public key from a file: PEM (SubjectPublicKeyInfo) or the raw 32 bytes in base64 on one
    line. Returns the raw bytes."""
    hint = _("Give a PEM public key or the key's 32 bytes in base64.")
    try:
        data = Path(path).read_bytes()
    except OSError:
        raise InvalidInput(_("The public key file {path} cannot be read.").format(path=path),
                           hint=hint) from None
    return parse_public_key(data, _("The file {path}").format(path=path), hint)


def parse_public_key(data: bytes | str, where: str, hint: str | None = None) -> bytes:
    raw = data.encode() if isinstance(data, str) else data
    hint = hint or _("Give a PEM public key or the key's 32 bytes in base64.")
    if b"-----BEGIN" in raw:
        try:
            key = serialization.load_pem_public_key(raw)
        except (ValueError, TypeError):
            key = None
        if isinstance(key, Ed25519PublicKey):
            return _raw(key)
    else:
        try:
            decoded = base64.b64decode(raw.strip(), validate=True)
        except (binascii.Error, ValueError):
            decoded = b""
        if len(decoded) == 32:
            return decoded
    raise InvalidInput(_("{where} is not an Ed25519 public key.").format(where=where), hint=hint)


def write_private_key(key: SigningKey, path: str) -> None:
    """Write the private key to a new file readable by its owner only (mode 0600); an existing
    file is never overwritten."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise InvalidInput(_("The file {path} exists already; a key file is never overwritten."
                             ).format(path=path),
                           hint=_("Give --out the path of a new file.")) from None
    except OSError as e:
        raise InvalidInput(_("The file {path} cannot be written ({error}).").format(
            path=path, error=e.strerror), hint=_("Give --out the path of a new file.")) from None
    with os.fdopen(fd, "wb") as fh:
        fh.write(key.pem())
    os.chmod(path, 0o600)


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")

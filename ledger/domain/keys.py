"""Actors' signing keys and the policy that requires signatures.

`ActorKeys` is one aggregate per actor (keyed by the actor's name as the envelope gives it): the
public keys the actor signs with (`KeyAdded`) and their revocations (`KeyRevoked`, with the
envelope's reason). A key is never removed: a revoked key stays, so signatures made before its
revocation still check, and signatures made after it are flagged (`ledger audit verify
--signatures`). Private keys never enter the ledger (ledger/signing.py).

`SigningPolicy` is one aggregate per scope, the whole ledger (`ledger`) or a programme
(`programme:CODE`): `SignaturesRequired` says that from its position on, every event of an actor
holding a key, within the scope, must be signed; an unsigned one is a finding in `ledger status`
(projections/keys.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ledger.domain.base import LedgerAggregate, aggregate_id
from ledger.envelope import Envelope
from ledger.errors import AlreadyExists, NotFound, RuleViolation
from ledger.i18n import _


class ActorKeys(LedgerAggregate):
    KIND = "actorkeys"
    if TYPE_CHECKING:  # state, set by the events' apply methods
        actor: str
        keys: dict[str, dict[str, Any]]

    class Opened(LedgerAggregate.Created):
        """The first key of this actor was added."""

        def apply(self, a: ActorKeys) -> None:
            a.key = a.actor = self.key
            a.keys = {}

    class KeyAdded(LedgerAggregate.Event):
        holder: str  # the actor whose key it is (the envelope's actor is who recorded it)
        key_id: str
        public_key: str  # the raw 32 bytes, base64
        algorithm: str

        def apply(self, a: ActorKeys) -> None:
            a.keys[self.key_id] = {"public_key": self.public_key, "revoked": False}

    class KeyRevoked(LedgerAggregate.Event):
        holder: str
        key_id: str

        def apply(self, a: ActorKeys) -> None:
            a.keys[self.key_id]["revoked"] = True

    @classmethod
    def id_for(cls, key: str) -> Any:
        return aggregate_id(cls.KIND, key)

    @classmethod
    def open(cls, env: Envelope, actor: str) -> ActorKeys:
        return cls._register(cls.Opened, env, actor)

    def add(self, env: Envelope, *, key_id: str, public_key: str) -> None:
        if key_id in self.keys:
            raise AlreadyExists(_("Key {key_id} of {actor} is in the ledger already.").format(
                key_id=key_id, actor=self.actor), hint=_("List the keys with `ledger key list`."))
        self._record(self.KeyAdded, env, holder=self.actor, key_id=key_id, public_key=public_key,
                     algorithm="ed25519")

    def revoke(self, env: Envelope, *, key_id: str) -> None:
        self.check_held(key_id)
        if self.keys[key_id]["revoked"]:
            raise RuleViolation(_("Key {key_id} of {actor} is revoked already.").format(
                key_id=key_id, actor=self.actor), hint=_("List the keys with `ledger key list`."))
        if not env.reason:
            raise RuleViolation(_("A key is revoked with a reason."),
                                hint=_("Say why with --reason, e.g. --reason \"laptop lost\"."))
        self._record(self.KeyRevoked, env, holder=self.actor, key_id=key_id)

    def check_held(self, key_id: str) -> None:
        if key_id not in self.keys:
            raise NotFound(_("{actor} holds no key {key_id}.").format(actor=self.actor,
                                                                      key_id=key_id),
                           hint=_("List the keys with `ledger key list`."))

    def check_signer(self, key_id: str) -> None:
        """The key may sign for this actor now: held and not revoked."""
        if key_id not in self.keys:
            raise RuleViolation(
                _("The signing key {key_id} does not belong to {actor}; nothing was recorded."
                  ).format(key_id=key_id, actor=self.actor),
                hint=_("Give the private key of one of {actor}'s keys (`ledger key list`), or "
                       "record without --signing-key.").format(actor=self.actor))
        if self.keys[key_id]["revoked"]:
            raise RuleViolation(
                _("The signing key {key_id} of {actor} is revoked; nothing was recorded.").format(
                    key_id=key_id, actor=self.actor),
                hint=_("Add a new key with `ledger key add` and sign with it."))

    @property
    def active(self) -> list[str]:
        return [k for k, v in self.keys.items() if not v["revoked"]]


class SigningPolicy(LedgerAggregate):
    KIND = "signingpolicy"
    if TYPE_CHECKING:
        scope: str

    class SignaturesRequired(LedgerAggregate.Created):
        """Signatures are required in this scope from here on."""

        def apply(self, p: SigningPolicy) -> None:
            p.key = p.scope = self.key

    @classmethod
    def id_for(cls, key: str) -> Any:
        return aggregate_id(cls.KIND, key)

    @classmethod
    def require(cls, env: Envelope, scope: str) -> SigningPolicy:
        return cls._register(cls.SignaturesRequired, env, scope)

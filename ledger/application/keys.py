"""Actors' signing keys and the signature policy (`ledger key ...`; ledger/domain/keys.py).

The public key is recorded; the private key is the client's (ledger/signing.py). `key_add` takes
the public key as text (PEM or base64), so it is also an import command; generating a key pair is
the command line's (it writes the private key to a file, never to the ledger).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ledger.application.base import LedgerBase, Outcome
from ledger.envelope import Envelope, check_text
from ledger.errors import InvalidInput, NotFound
from ledger.i18n import N_, _

if TYPE_CHECKING:
    from ledger.domain.base import LedgerAggregate


class KeyCommands(LedgerBase):
    def key_add(self, env: Envelope, *, actor: str, public_key: str) -> Outcome:
        """Record `public_key` (PEM or the raw 32 bytes in base64) as a signing key of `actor`."""
        from ledger.domain.keys import ActorKeys
        from ledger.signing import b64, key_id, parse_public_key

        who = _actor(actor)
        raw = parse_public_key(str(public_key), _("The public key given"))
        kid = key_id(raw)
        payload = {"actor": who, "public_key": b64(raw)}

        def build(env: Envelope) -> list[LedgerAggregate]:
            keys = self.find(ActorKeys, who) or ActorKeys.open(env, who)
            if keys.actor != who:
                raise InvalidInput(
                    _("The keys of {held} are in the ledger under that spelling; give the actor "
                      "as {held}.").format(held=keys.actor),
                    hint=_("List the keys with `ledger key list`."))
            keys.add(env, key_id=kid, public_key=b64(raw))
            return [keys]

        outcome = self.execute("key.add", env, payload, build, subject=f"actorkeys:{who}")
        outcome.detail.setdefault("key_id", kid)
        return outcome

    def check_key_addable(self, env: Envelope, *, actor: str, public_key: str) -> None:
        """What `key_add` would refuse before anything is made of the key (the command line
        checks this before it writes a generated private key to its file)."""
        from ledger.domain.keys import ActorKeys

        self.check_signer(env)
        who = _actor(actor)
        keys = self.find(ActorKeys, who)
        if keys is not None and keys.actor != who:
            raise InvalidInput(
                _("The keys of {held} are in the ledger under that spelling; give the actor "
                  "as {held}.").format(held=keys.actor),
                hint=_("List the keys with `ledger key list`."))

    def key_revoke(self, env: Envelope, *, actor: str, key_id: str) -> Outcome:
        """Revoke a key of `actor` (the envelope's reason says why): signatures made with it
        after this are flagged by `ledger audit verify --signatures`."""
        from ledger.domain.keys import ActorKeys

        who = _actor(actor)
        kid = str(key_id).strip().lower()
        payload = {"actor": who, "key_id": kid}

        def build(env: Envelope) -> list[LedgerAggregate]:
            keys = self.find(ActorKeys, who)
            if keys is None:
                raise NotFound(_("{actor} holds no keys.").format(actor=who),
                               hint=_("List the keys with `ledger key list`."))
            keys.revoke(env, key_id=kid)
            return [keys]

        return self.execute("key.revoke", env, payload, build, subject=f"actorkeys:{who}")

    def key_require(self, env: Envelope, *, programme: str | None = None) -> Outcome:
        """Require signatures, from now on, of every actor holding a key: in the whole ledger,
        or in one programme."""
        from ledger.domain.keys import SigningPolicy
        from ledger.domain.programme import Programme
        from ledger.errors import AlreadyExists

        scope = "ledger"
        if programme:
            found = self.get(Programme, str(programme).strip(), "programme")
            scope = f"programme:{found.key}"
        payload = {"programme": programme}

        def build(env: Envelope) -> list[LedgerAggregate]:
            if self.exists(SigningPolicy, scope):
                raise AlreadyExists(_("Signatures are required in {scope} already.").format(
                    scope=scope), hint=_("List the keys and policies with `ledger key list`."))
            return [SigningPolicy.require(env, scope)]

        return self.execute("key.require", env, payload, build, subject=f"signingpolicy:{scope}")


def _actor(actor: str) -> str:
    if not isinstance(actor, str) or not actor.strip():
        raise InvalidInput(_("The actor is empty."),
                           hint=_("Name the actor whose key it is, as --actor names it."))
    return check_text(actor.strip(), N_("actor"), limit=200)

"""Writes about parties: register one, correct one."""

from __future__ import annotations

from ledger.application.base import LedgerBase, Outcome
from ledger.domain.party import Party
from ledger.envelope import Envelope
from ledger.errors import AlreadyExists, InvalidInput


class PartyCommands(LedgerBase):
    def party_add(self, env: Envelope, *, kind: str, name: str, key: str | None = None,
                  cbs: str | None = None) -> Outcome:
        payload = {"kind": kind, "name": name, "key": key, "cbs": cbs}

        def build():
            self.check_refs(env)
            party = Party.register(env, kind=kind, name=name, key=key, cbs=cbs)
            if self.exists(Party, party.key):
                existing = self.get(Party, party.key)
                raise AlreadyExists(f"Party {party.key} ({existing.name}) is already registered.",
                                    hint="Use `ledger party correct` to fix its details.")
            return [party]

        return self.execute("party.add", env, payload, build,
                            subject=f"party:{(cbs or key or '').upper() or name}")

    def party_correct(self, env: Envelope, key: str, *, name: str | None = None,
                      kind: str | None = None, void: bool = False) -> Outcome:
        payload = {"key": key, "name": name, "kind": kind, "void": void}

        def build():
            self.check_refs(env)
            party = self.get(Party, key, "party")
            corrected = env
            if env.corrects is None:
                corrected = env.with_corrects(self.position_of(party.id, 1))
            else:
                self.check_corrects(env.corrects, party.id, f"party {party.key}")
            party.correct(corrected, name=name, kind=kind, void=void)
            return [party]

        return self.execute("party.correct", env, payload, build, subject=f"party:{key}")

    def check_corrects(self, position: int, originator_id, what: str) -> None:
        row = self.raw.event_at(position)
        if row is None:
            raise InvalidInput(f"There is no event at position {position}.",
                               hint="Positions are shown by `ledger log`.")
        if row.originator_id != originator_id.hex:
            raise InvalidInput(f"The event at position {position} is not about {what}.",
                               hint=f"Find the events of {what} with `ledger audit trail`.")

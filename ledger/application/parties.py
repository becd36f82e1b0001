"""Writes about parties: register one, correct one, record its population."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from ledger.application.base import LedgerBase, Outcome
from ledger.dates import parse_date, show_date
from ledger.envelope import Envelope
from ledger.errors import AlreadyExists, InvalidInput
from ledger.i18n import _

if TYPE_CHECKING:  # the aggregates are imported where they are used
    from ledger.domain.party import Party


class PartyCommands(LedgerBase):
    def party_add(self, env: Envelope, *, kind: str, name: str, key: str | None = None,
                  cbs: str | None = None) -> Outcome:
        from ledger.domain.party import Party

        payload = {"kind": kind, "name": name, "key": key, "cbs": cbs}

        def build(env: Envelope) -> list[Party]:
            party = Party.register(env, kind=kind, name=name, key=key, cbs=cbs)
            if self.exists(Party, party.key):
                existing = self.get(Party, party.key)
                raise AlreadyExists(
                    _("Party {key} ({name}) is already registered.").format(key=party.key,
                                                                            name=existing.name),
                    hint=_("Use `ledger party correct` to fix its details."))
            return [party]

        return self.execute("party.add", env, payload, build,
                            subject=f"party:{(cbs or key or '').upper() or name}")

    def party_correct(self, env: Envelope, key: str, *, name: str | None = None,
                      kind: str | None = None, void: bool = False) -> Outcome:
        from ledger.domain.party import Party

        payload = {"key": key, "name": name, "kind": kind, "void": void}

        def build(env: Envelope) -> list[Party]:
            party = self.get(Party, key, "party")
            corrected = env
            if env.corrects is None:
                corrected = env.with_corrects(self.position_of(party.id, 1))
            else:
                self.check_corrects(env.corrects, party.id,
                                    _("party {key}").format(key=party.key))
            party.correct(corrected, name=name, kind=kind, void=void)
            return [party]

        return self.execute("party.correct", env, payload, build, subject=f"party:{key}")

    def party_population(self, env: Envelope, key: str, *, peildatum: str, inwoners: int | str,
                         source: str) -> Outcome:
        """Record a party's number of inhabitants on a peildatum. A second figure for the same
        peildatum corrects the first: it refers to the figure it corrects (given as
        `env.corrects`, by default the figure that counts now for that peildatum)."""
        from ledger.domain.party import Party

        payload = {"key": key, "peildatum": peildatum, "inwoners": inwoners, "source": source}

        def build(env: Envelope) -> list[Party]:
            party = self.get(Party, key, "party")
            day = parse_date(peildatum, _("peildatum"))
            figures = [p for p in party.populations if p["peildatum"] == day]
            corrected = env
            if figures and env.corrects is None:
                corrected = env.with_corrects(self.position_of(party.id, figures[-1]["version"]))
            elif figures and env.corrects is not None:
                version = self.check_corrects(env.corrects, party.id,
                                              _("party {key}").format(key=party.key))
                if version not in {f["version"] for f in figures}:
                    raise InvalidInput(
                        _("The event at position {position} is not a population figure of party "
                          "{key} for peildatum {date}.").format(
                            position=env.corrects, key=party.key, date=show_date(day)),
                        hint=_("See the figures of {key} with `ledger party show {key}`.").format(
                            key=party.key))
            party.record_population(corrected, peildatum=day, inwoners=inwoners, source=source)
            return [party]

        return self.execute("party.population", env, payload, build, subject=f"party:{key}",
                            effective_from="peildatum")

    def check_corrects(self, position: int, originator_id: UUID, what: str) -> int:
        """The version of the event at `position`, which must be about `what`."""
        row = self.raw.event_at(position)
        if row is None:
            raise InvalidInput(_("There is no event at position {position}.").format(
                                   position=position),
                               hint=_("Positions are shown by `ledger log`."))
        if row.originator_id != originator_id.hex:
            raise InvalidInput(
                _("The event at position {position} is not about {what}.").format(
                    position=position, what=what),
                hint=_("Find the events of {what} with `ledger audit trail`.").format(what=what))
        return int(row.version)

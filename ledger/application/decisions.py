"""Writes about decisions: record, ratify, withdraw; and the authority check other writes use."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ledger.application.base import LedgerBase, Outcome
from ledger.dates import parse_date
from ledger.envelope import Envelope
from ledger.errors import AlreadyExists, AuthorityError, NotFound

if TYPE_CHECKING:  # the aggregates are imported where they are used
    from ledger.domain.decision import Decision


class DecisionCommands(LedgerBase):
    def decision_record(self, env: Envelope, *, key: str, body: str, title: str,
                        datum: date | str, besluittype: str = "besluit",
                        ingangsdatum: date | str | None = None,
                        vervaldatum: date | str | None = None, vervalreden: str | None = None,
                        publicatiedatum: date | str | None = None,
                        toelichting: str | None = None, outcome: str = "aangenomen",
                        condition: str | None = None,
                        participants: list[str] | None = None) -> Outcome:
        from ledger.domain.decision import Decision, body_party
        from ledger.domain.party import Party

        # Every field is named, so an import line with an unknown field is refused as such.
        fields: dict[str, Any] = {
            "besluittype": besluittype, "ingangsdatum": ingangsdatum, "vervaldatum": vervaldatum,
            "vervalreden": vervalreden, "publicatiedatum": publicatiedatum,
            "toelichting": toelichting, "outcome": outcome, "condition": condition,
            "participants": list(participants or [])}
        payload = {"key": key, "body": body, "title": title, "datum": datum, **fields}

        def build():
            self.check_refs(env)
            decision = Decision.record(env, key=key, body=body, title=title, datum=datum, **fields)
            if self.exists(Decision, decision.key):
                raise AlreadyExists(f"Decision {decision.key} is already recorded.",
                                    hint="Give the new decision its own identificatie.")
            party = body_party(decision.body)
            if party:
                self.get(Party, party, "party").check_not_void()
            for p in decision.participants:
                self.get(Party, p, "party").check_not_void()
            return [decision]

        return self.execute("decision.record", env, payload, build, subject=f"decision:{key}")

    def decision_ratify(self, env: Envelope, key: str, *, party: str,
                        datum: date | str | None = None,
                        college_decision: str | None = None) -> Outcome:
        from ledger.domain.decision import Decision

        payload = {"key": key, "party": party, "datum": datum,
                   "college_decision": college_decision}

        def build():
            self.check_refs(env)
            decision = self.get(Decision, key, "decision")
            if college_decision:
                who = party.strip().upper()
                on = parse_date(datum, "ratification date") if datum else env.effective
                self.require_authority(college_decision, on, bodies=("college",),
                                       purpose=f"the ratification of {decision.key} by {who}",
                                       party=who)
            decision.ratify(env, party=party, datum=datum, college_decision=college_decision)
            return [decision]

        return self.execute("decision.ratify", env, payload, build, subject=f"decision:{key}")

    def decision_withdraw(self, env: Envelope, key: str, *,
                          datum: date | str | None = None) -> Outcome:
        from ledger.domain.decision import Decision

        def build():
            self.check_refs(env)
            decision = self.get(Decision, key, "decision")
            decision.withdraw(env, datum=datum)
            return [decision]

        return self.execute("decision.withdraw", env, {"key": key, "datum": datum}, build,
                            subject=f"decision:{key}")

    # --- authority, for every write that rests on a decision -----------------------------------

    def check_refs(self, env: Envelope) -> None:
        """Every `besluit:` reference must name a decision the ledger knows."""
        keys = env.decision_refs()
        if not keys:
            return  # (and the decisions' module need not be imported)
        from ledger.domain.decision import Decision

        for key in keys:
            if not self.exists(Decision, key):
                raise NotFound(f"The reference besluit:{key} names no decision in the ledger.",
                               hint="Record the decision first with `ledger decision record`.")

    def require_authority(self, key: str | None, on: date, *, purpose: str,
                          bodies: tuple[str, ...] | None = None,
                          party: str | None = None) -> Decision:
        """The decision `key`, if it can carry an event effective on `on`; refused otherwise.
        `bodies` limits the kinds of bestuursorgaan (e.g. only a college); `party` demands that
        the decision be taken by that party's own raad or college."""
        from ledger.domain.decision import Decision, body_kind, body_party

        if not key:
            raise AuthorityError(f"{purpose[0].upper()}{purpose[1:]} needs a decision as authority.",
                                 hint="Pass --decision ID of the decision it rests on.")
        decision = self.find(Decision, key)
        if decision is None:
            raise AuthorityError(
                f"Decision {key} cannot serve as authority for {purpose}: "
                "the ledger knows no such decision.",
                hint="Record the decision first with `ledger decision record`.")
        if bodies is not None and body_kind(decision.body) not in bodies:
            raise AuthorityError(
                f"Decision {key} of {decision.body} cannot serve as authority for {purpose}: "
                f"that needs a decision of {' or '.join(_orgaan(b) for b in bodies)}.",
                hint="Name a decision of the right bestuursorgaan.")
        if party is not None and (body_party(decision.body) or "").casefold() != party.casefold():
            raise AuthorityError(
                f"Decision {key} of {decision.body} cannot serve as authority for {purpose}: "
                f"it is not a decision of {party} itself.",
                hint=f"Name the decision of {party}'s own "
                f"{' or '.join(_orgaan(b) for b in bodies or ('college',))}.")
        decision.check_authority(on, purpose=purpose)
        return decision


def _orgaan(kind: str) -> str:
    from ledger.domain.decision import BODIES

    return f"a {BODIES.get(kind, kind)}"

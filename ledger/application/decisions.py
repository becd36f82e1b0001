"""Writes about decisions: record, ratify, withdraw. The authority check other writes use is
`LedgerBase.require_authority` (ledger/application/base.py)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ledger.application.base import LedgerBase, Outcome, Scope
from ledger.dates import parse_date
from ledger.envelope import Envelope
from ledger.errors import AlreadyExists
from ledger.i18n import _

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
        from ledger.domain.decision import Decision
        from ledger.domain.party import Party
        from ledger.rules.decision import body_party

        # Every field is named, so an import line with an unknown field is refused as such.
        fields: dict[str, Any] = {
            "besluittype": besluittype, "ingangsdatum": ingangsdatum, "vervaldatum": vervaldatum,
            "vervalreden": vervalreden, "publicatiedatum": publicatiedatum,
            "toelichting": toelichting, "outcome": outcome, "condition": condition,
            "participants": list(participants or [])}
        payload = {"key": key, "body": body, "title": title, "datum": datum, **fields}

        def build(env: Envelope) -> list[Decision]:
            decision = Decision.record(env, key=key, body=body, title=title, datum=datum, **fields)
            if self.exists(Decision, decision.key):
                raise AlreadyExists(_("Decision {key} is already recorded.").format(
                                        key=decision.key),
                                    hint=_("Give the new decision its own identificatie."))
            party = body_party(decision.body)
            if party:
                self.look(Party, party, "party").check_not_void()
            for p in decision.participants:
                self.look(Party, p, "party").check_not_void()
            return [decision]

        return self.execute("decision.record", env, payload, build, subject=f"decision:{key}",
                            effective_from="datum")

    def decision_ratify(self, env: Envelope, key: str, *, party: str,
                        datum: date | str | None = None,
                        college_decision: str | None = None) -> Outcome:
        from ledger.domain.decision import Decision

        payload = {"key": key, "party": party, "datum": datum,
                   "college_decision": college_decision}

        def build(env: Envelope) -> list[Decision]:
            decision = self.get(Decision, key, "decision")
            if college_decision:
                who = party.strip().upper()
                on = parse_date(datum, _("ratification date")) if datum else env.effective
                self.require_authority(college_decision, on, act="decision.ratify",
                                       scope=Scope(party=who),
                                       purpose=_("the ratification of {key} by {party}").format(
                                           key=decision.key, party=who))
            decision.ratify(env, party=party, datum=datum, college_decision=college_decision)
            return [decision]

        return self.execute("decision.ratify", env, payload, build, subject=f"decision:{key}",
                            scope=Scope(party=str(party).strip().upper()),
                            effective_from="datum")

    def decision_withdraw(self, env: Envelope, key: str, *,
                          datum: date | str | None = None) -> Outcome:
        from ledger.domain.decision import Decision

        def build(env: Envelope) -> list[Decision]:
            decision = self.get(Decision, key, "decision")
            decision.withdraw(env, datum=datum)
            return [decision]

        return self.execute("decision.withdraw", env, {"key": key, "datum": datum}, build,
                            subject=f"decision:{key}", effective_from="datum")

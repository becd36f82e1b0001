"""Writes about agreements: create, sign, amend, withdraw (uittreden; from a centrumregeling also
from its plustaken, on the same date), end, report. The cost
shares on a date, which the budget area also needs, are `LedgerBase.agreement_shares`."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any
from uuid import UUID

from ledger.application.base import LedgerBase, Outcome, Scope
from ledger.dates import parse_date
from ledger.domain.receipt import as_mapping
from ledger.envelope import Envelope
from ledger.errors import AlreadyExists
from ledger.i18n import _

if TYPE_CHECKING:  # the aggregates are imported where they are used
    from ledger.domain.agreement import Agreement
    from ledger.domain.party import Party


class AgreementCommands(LedgerBase):
    def agreement_create(self, env: Envelope, *, key: str, kind: str, title: str,
                         parties: list[str], payers: list[str] | None = None,
                         lead: str | None = None, extends: str | None = None,
                         verdeelsleutel: str | None = None, peildatum: str | None = None,
                         percentages: dict[str, Any] | list[str] | None = None,
                         reporting: str | None = None, report_to: str | None = None) -> Outcome:
        """Draft an agreement (concept) between invited parties, with its verdeelsleutel and
        any duty to report."""
        from ledger.domain.agreement import Agreement

        payload = {"key": key, "kind": kind, "title": title, "parties": parties, "payers": payers,
                   "lead": lead, "extends": extends, "verdeelsleutel": verdeelsleutel,
                   "peildatum": peildatum, "percentages": as_mapping(percentages, "="),
                   "reporting": reporting, "report_to": report_to}

        def build(env: Envelope) -> list[Agreement]:
            invited = [self._party(p) for p in parties]
            regeling = self.get(Agreement, extends, "agreement") if extends else None
            agreement = Agreement.draft(
                env, key=key, kind=kind, title=title, parties=[p.key for p in invited],
                party_kinds={p.key: p.kind for p in invited}, payers=payers, lead=lead,
                extends=regeling, verdeelsleutel=verdeelsleutel, peildatum=peildatum,
                percentages=percentages, reporting=reporting, report_to=report_to)
            if self.exists(Agreement, agreement.key):
                raise AlreadyExists(_("Agreement {key} is already recorded.").format(
                                        key=agreement.key),
                                    hint=_("Give the new agreement its own key."))
            return [agreement]

        return self.execute("agreement.create", env, payload, build, subject=f"agreement:{key}")

    def agreement_sign(self, env: Envelope, key: str, *, party: str, decision: str | None = None,
                       datum: str | None = None) -> Outcome:
        """A party signs on a date, on the authority of its own college's decision."""
        from ledger.domain.agreement import Agreement

        payload = {"key": key, "party": party, "decision": decision, "datum": datum}

        def build(env: Envelope) -> list[Agreement]:
            agreement = self.get(Agreement, key, "agreement")
            who = agreement.invited(party)
            day = parse_date(datum, _("signature date")) if datum else env.effective
            self.require_authority(decision, day, act="agreement.sign",
                                   scope=Scope(agreement=agreement.key, party=who),
                                   purpose=_("the signature of {party} on agreement {key}").format(
                                       party=who, key=agreement.key))
            agreement.sign(env, party=who, datum=day, decision=str(decision))
            return [agreement]

        return self.execute("agreement.sign", env, payload, build, subject=f"agreement:{key}",
                            scope=Scope(agreement=str(key).strip(), party=str(party).strip().upper()),
                            effective_from="datum")

    def agreement_amend(self, env: Envelope, key: str, *, summary: str,
                        decision: str | None = None, ingangsdatum: str | None = None,
                        title: str | None = None, verdeelsleutel: str | None = None,
                        peildatum: str | None = None,
                        percentages: dict[str, Any] | list[str] | None = None,
                        reporting: str | None = None, report_to: str | None = None,
                        drop_reporting: bool = False) -> Outcome:
        """Amend an agreement in werking from its own ingangsdatum, on a decision in force then."""
        from ledger.domain.agreement import Agreement

        payload = {"key": key, "summary": summary, "decision": decision,
                   "ingangsdatum": ingangsdatum, "title": title,
                   "verdeelsleutel": verdeelsleutel, "peildatum": peildatum,
                   "percentages": as_mapping(percentages, "="), "reporting": reporting,
                   "report_to": report_to, "drop_reporting": drop_reporting}

        def build(env: Envelope) -> list[Agreement]:
            agreement = self.get(Agreement, key, "agreement")
            day = parse_date(ingangsdatum, _("ingangsdatum")) if ingangsdatum else env.effective
            if decision:
                agreement.check_in_force(day, _("Agreement {key} cannot be amended").format(
                    key=agreement.key))
            self.require_authority(decision, day, act="agreement.amend",
                                   scope=Scope(agreement=agreement.key),
                                   purpose=_("the amendment of agreement {key}").format(
                                       key=agreement.key))
            agreement.amend(env, ingangsdatum=day, decision=str(decision), summary=summary,
                            title=title, verdeelsleutel=verdeelsleutel, peildatum=peildatum,
                            percentages=percentages, reporting=reporting, report_to=report_to,
                            drop_reporting=drop_reporting)
            return [agreement]

        return self.execute("agreement.amend", env, payload, build, subject=f"agreement:{key}",
                            scope=Scope(agreement=str(key).strip()),
                            effective_from="ingangsdatum")

    def agreement_withdraw(self, env: Envelope, key: str, *, party: str,
                           decision: str | None = None, datum: str | None = None) -> Outcome:
        """A party leaves (treedt uit) from a date, on its own college's decision."""
        from ledger.domain.agreement import Agreement
        from ledger.domain.party import Party

        payload = {"key": key, "party": party, "decision": decision, "datum": datum}

        def build(env: Envelope) -> list[Agreement]:
            agreement = self.get(Agreement, key, "agreement")
            who = agreement.invited(party)
            day = parse_date(datum, _("date of leaving")) if datum else env.effective
            self.require_authority(decision, day, act="agreement.withdraw",
                                   scope=Scope(agreement=agreement.key, party=who),
                                   purpose=_("the withdrawal of {party} from agreement {key}")
                                   .format(party=who, key=agreement.key))
            kinds = {p: self.get(Party, p, "party").kind for p in agreement.parties}
            agreement.withdraw(env, party=who, datum=day, decision=str(decision),
                               party_kinds=kinds)
            touched = [agreement]
            if agreement.kind == "centrumregeling":
                # Its plustaken count only gemeenten of the regeling: the party leaves each
                # plustaak it takes part in on the same date, in the same save (or the whole
                # withdrawal is refused, naming the plustaak that would be left too small).
                follows = dataclasses.replace(env, reason=(
                    f"Follows the withdrawal of {who} from centrumregeling {agreement.key}"
                    + (f": {env.reason}" if env.reason else ".")))
                for plus in self._plustaken_of(agreement.key):
                    plus_kinds = {p: self.get(Party, p, "party").kind for p in plus.parties}
                    if plus.follow_withdrawal(follows, party=who, datum=day,
                                              decision=str(decision), party_kinds=plus_kinds,
                                              regeling=agreement.key):
                        touched.append(plus)
            return touched

        return self.execute("agreement.withdraw", env, payload, build, subject=f"agreement:{key}",
                            scope=Scope(agreement=str(key).strip(), party=str(party).strip().upper()),
                            effective_from="datum")

    def agreement_end(self, env: Envelope, key: str, *, decision: str | None = None,
                      datum: str | None = None) -> Outcome:
        """End an agreement on a date, on a decision (or, ending by its own terms, a reason)."""
        from ledger.domain.agreement import Agreement

        payload = {"key": key, "decision": decision, "datum": datum}

        def build(env: Envelope) -> list[Agreement]:
            agreement = self.get(Agreement, key, "agreement")
            day = parse_date(datum, _("end date")) if datum else env.effective
            if decision:
                self.require_authority(decision, day, act="agreement.end",
                                       scope=Scope(agreement=agreement.key),
                                       purpose=_("ending agreement {key}").format(
                                           key=agreement.key))
            agreement.end(env, datum=day, decision=decision)
            return [agreement]

        return self.execute("agreement.end", env, payload, build, subject=f"agreement:{key}",
                            scope=Scope(agreement=str(key).strip()),
                            effective_from="datum")

    def agreement_report(self, env: Envelope, key: str, *, datum: str | None = None,
                         to: str | None = None) -> Outcome:
        """Record that a report the agreement obliges was sent (refer to it with `--ref`)."""
        from ledger.domain.agreement import Agreement

        payload = {"key": key, "datum": datum, "to": to}

        def build(env: Envelope) -> list[Agreement]:
            agreement = self.get(Agreement, key, "agreement")
            day = parse_date(datum, _("report date")) if datum else env.effective
            agreement.report(env, datum=day, to=to)
            return [agreement]

        return self.execute("agreement.report", env, payload, build, subject=f"agreement:{key}",
                            scope=Scope(agreement=str(key).strip()),
                            effective_from="datum")

    def _plustaken_of(self, regeling: str) -> list[Agreement]:
        """The plustaken that extend the centrumregeling `regeling`, by key. Found in the log by
        the event that drafts an agreement (a withdrawal from a centrumregeling is rare; the
        agreements drafted are few), then loaded through the repository like any aggregate."""
        from eventsourcing.utils import get_topic

        from ledger.domain.agreement import Agreement

        log = self.raw
        cur = log.conn.cursor()
        cur.execute(f"SELECT originator_id FROM {log.events} WHERE topic = {log.p}",
                    (get_topic(Agreement.Drafted),))
        ids = [row[0] if isinstance(row[0], UUID) else UUID(str(row[0]))
               for row in cur.fetchall()]
        found = []
        for drafted in self.load_many(log, ids).values():
            if (drafted is not None and drafted.kind == "plustaak" and drafted.extends
                    and drafted.extends.casefold() == regeling.casefold()):
                found.append(self.get(Agreement, drafted.key, "agreement"))
        return sorted(found, key=lambda a: a.key)

    def _party(self, key: str) -> Party:
        from ledger.domain.party import Party

        party = self.get(Party, key, "party")
        party.check_not_void()
        return party

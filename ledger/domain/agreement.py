"""Agreements (overeenkomsten): a SOK, DVO, centrumregeling, plustaak, convenant or other
agreement between invited parties, with its verdeelsleutel and any duty to report.

An agreement is drafted (concept) with the parties invited to it. Each party signs on a date, on
the authority of a decision of its own college; once every invited party has signed, the agreement
is in werking from the last signature's date. It can be amended (each amendment with its own
ingangsdatum and a decision as authority), a party can withdraw (uittreden) from a date, and the
agreement can end on a date. Its status on a date is derived from those events, never stored.

A plustaak extends a centrumregeling: only gemeenten of that regeling take part, at least three of
them (a coalition of the willing), and no withdrawal may leave fewer than three while it runs.
A party that leaves the centrumregeling leaves its plustaken on the same date
(`follow_withdrawal`), by the same command.

The rules that derive status, members, verdeelsleutel and reporting on a date, and the checks of
kinds, reporting duties and plustaken, are in `ledger/rules/agreement.py`: they take the
agreement's `facts` (plain values), and serve the aggregate and the read-side view alike.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ledger.dates import show_date
from ledger.domain.base import LedgerAggregate
from ledger.envelope import Envelope
from ledger.errors import InvalidInput, RuleViolation
from ledger.i18n import _, ngettext
from ledger.rules.agreement import (
    IN_FORCE,
    KINDS,
    MIN_PARTIES,
    MIN_PLUSTAAK,
    Facts,
    as_date,
    check_kind,
    check_plustaak,
    check_reporting,
    facts,
    find_party,
    in_force_since,
    members_on,
    missing_signatures,
    not_in_force,
    reporting_on,
    shares_on,
    sharing_on,
    status_on,
)
from ledger.rules.decision import BODIES
from ledger.rules.names import check_key, check_name
from ledger.rules.sharing import check_verdeelsleutel


class Agreement(LedgerAggregate):
    KIND = "agreement"
    if TYPE_CHECKING:  # state, set by the events' apply methods
        kind: str
        title: str
        drafted: date
        parties: list[str]
        payers: list[str]
        lead: str | None
        extends: str | None
        sharing: dict[str, Any]
        reporting: dict[str, str] | None
        signatures: dict[str, dict[str, Any]]
        withdrawals: dict[str, dict[str, Any]]
        ended: dict[str, Any] | None
        amendments: list[dict[str, Any]]
        reports: list[dict[str, Any]]

    class Drafted(LedgerAggregate.Created):
        kind: str
        title: str
        parties: list[str]
        payers: list[str]
        lead: str | None
        extends: str | None
        sharing: dict[str, Any]
        reporting: dict[str, str] | None

        def apply(self, a: Agreement) -> None:
            a.key, a.kind, a.title = self.key, self.kind, self.title
            a.drafted = self.effective
            a.parties, a.payers = list(self.parties), list(self.payers)
            a.lead, a.extends = self.lead, self.extends
            a.sharing, a.reporting = dict(self.sharing), self.reporting
            a.signatures, a.withdrawals, a.ended = {}, {}, None
            a.amendments, a.reports = [], []

        def subjects(self, key: str) -> list[str]:
            return [f"agreement:{self.extends}"] if self.extends else []

    class Signed(LedgerAggregate.Event):
        party: str
        datum: date
        decision: str

        def apply(self, a: Agreement) -> None:
            a.signatures[self.party] = {"datum": self.datum, "decision": self.decision}

        def subjects(self, key: str) -> list[str]:
            return [f"party:{self.party}", f"decision:{self.decision}"]

    class Amended(LedgerAggregate.Event):
        ingangsdatum: date
        decision: str
        summary: str
        title: str | None
        sharing: dict[str, Any] | None
        reporting: dict[str, str] | None
        reporting_dropped: bool

        def apply(self, a: Agreement) -> None:
            a.amendments.append({
                "ingangsdatum": self.ingangsdatum, "decision": self.decision,
                "summary": self.summary, "title": self.title, "sharing": self.sharing,
                "reporting": self.reporting, "reporting_dropped": self.reporting_dropped})

        def subjects(self, key: str) -> list[str]:
            return [f"decision:{self.decision}"]

    class Withdrawn(LedgerAggregate.Event):
        party: str
        datum: date
        decision: str

        def apply(self, a: Agreement) -> None:
            a.withdrawals[self.party] = {"datum": self.datum, "decision": self.decision}

        def subjects(self, key: str) -> list[str]:
            return [f"party:{self.party}", f"decision:{self.decision}"]

    class Ended(LedgerAggregate.Event):
        datum: date
        decision: str | None

        def apply(self, a: Agreement) -> None:
            a.ended = {"datum": self.datum, "decision": self.decision}

        def subjects(self, key: str) -> list[str]:
            return [f"decision:{self.decision}"] if self.decision else []

    class ReportSent(LedgerAggregate.Event):
        datum: date
        to: str

        def apply(self, a: Agreement) -> None:
            a.reports.append({"datum": self.datum, "to": self.to})

    # --- commands ------------------------------------------------------------------------------

    @classmethod
    def draft(cls, env: Envelope, *, key: str, kind: str, title: str, parties: list[str],
              party_kinds: Mapping[str, str], payers: list[str] | None = None,
              lead: str | None = None, extends: Agreement | None = None,
              verdeelsleutel: str | None = None, peildatum: str | None = None,
              percentages: Any = None, reporting: str | None = None,
              report_to: str | None = None) -> Agreement:
        """Draft an agreement. `parties` are the invited parties' keys as stored, `party_kinds`
        their kinds; `extends` is the loaded centrumregeling a plustaak extends."""
        key = check_key(key, _("agreement key"))
        kind = check_kind(kind)
        title = check_name(title, _("agreement title"))
        invited = sorted(dict.fromkeys(parties))
        if len(invited) < MIN_PARTIES:
            raise InvalidInput(ngettext(
                "Agreement {key} invites {n} party; an agreement binds at least {least}.",
                "Agreement {key} invites {n} parties; an agreement binds at least {least}.",
                len(invited)).format(key=key, n=len(invited), least=MIN_PARTIES),
                hint=_("Pass --party for every party."))
        if kind == "plustaak":
            check_plustaak(key, invited, party_kinds, extends.facts if extends else None)
        elif extends is not None:
            raise InvalidInput(
                _("Only a plustaak extends a centrumregeling, not a {kind}.").format(
                    kind=KINDS[kind]),
                hint=_("Leave out --extends, or use --kind plustaak."))
        if lead is not None:
            found = find_party(invited, lead)
            if found is None:
                raise InvalidInput(
                    _("The lead party {lead} is not invited to agreement {key}.").format(
                        lead=lead, key=key),
                    hint=_("The centrumgemeente or trekker must be one of the parties."))
            lead = found
        paying = invited
        if payers:
            paying = []
            for p in payers:
                found = find_party(invited, p)
                if found is None:
                    raise InvalidInput(
                        _("The paying party {party} is not invited to agreement {key}.").format(
                            party=p, key=key),
                        hint=_("Every --payer must also be a --party."))
                paying.append(found)
            paying = sorted(dict.fromkeys(paying))
        sharing = check_verdeelsleutel(verdeelsleutel, payers=paying, peildatum=peildatum,
                                       percentages=percentages)
        return cls._register(cls.Drafted, env, key, kind=kind, title=title, parties=invited,
                             payers=paying, lead=lead, extends=extends.key if extends else None,
                             sharing=sharing, reporting=check_reporting(reporting, report_to))

    def sign(self, env: Envelope, *, party: str, datum: date, decision: str) -> None:
        who = self.invited(party)
        if who in self.signatures:
            raise RuleViolation(_("{party} already signed agreement {key} on {date}.").format(
                party=who, key=self.key, date=show_date(self.signatures[who]["datum"])))
        if self.ended is not None and datum >= as_date(self.ended["datum"]):
            raise RuleViolation(
                _("Agreement {key} ended on {end}; it can no longer be signed on {on}.").format(
                    key=self.key, end=show_date(self.ended["datum"]), on=show_date(datum)))
        self._record(self.Signed, env, party=who, datum=datum, decision=decision)

    def amend(self, env: Envelope, *, ingangsdatum: date, decision: str, summary: str,
              title: str | None = None, verdeelsleutel: str | None = None,
              peildatum: str | None = None, percentages: Any = None,
              reporting: str | None = None, report_to: str | None = None,
              drop_reporting: bool = False) -> None:
        self.check_in_force(ingangsdatum, _("Agreement {key} cannot be amended").format(
            key=self.key))
        summary = check_name(summary, _("summary of the amendment"), limit=4000)
        title = check_name(title, _("agreement title"), required=False)
        sharing = None
        if verdeelsleutel or peildatum or percentages:
            sharing = check_verdeelsleutel(verdeelsleutel or sharing_on(self.facts, ingangsdatum)["method"],
                                           payers=self.payers, peildatum=peildatum,
                                           percentages=percentages)
        duty = check_reporting(reporting, report_to)
        if drop_reporting and duty is not None:
            raise InvalidInput(_("An amendment cannot both set and drop the reporting duty."),
                               hint=_("Pass either --reporting or --no-reporting."))
        if drop_reporting and reporting_on(self.facts, ingangsdatum)[0] is None:
            raise RuleViolation(_("Agreement {key} has no reporting duty on {on} to drop.").format(
                key=self.key, on=show_date(ingangsdatum)))
        self._record(self.Amended, env, ingangsdatum=ingangsdatum, decision=decision,
                     summary=summary, title=title, sharing=sharing, reporting=duty,
                     reporting_dropped=drop_reporting)

    def withdraw(self, env: Envelope, *, party: str, datum: date, decision: str,
                 party_kinds: Mapping[str, str]) -> None:
        """A party leaves (treedt uit) from `datum`: from that day it is bound no more."""
        who = self.invited(party)
        if who in self.withdrawals:
            raise RuleViolation(_("{party} already withdrew from agreement {key} on {date}.")
                                .format(party=who, key=self.key,
                                        date=show_date(self.withdrawals[who]["datum"])))
        if who not in self.signatures:
            raise RuleViolation(
                _("{party} never signed agreement {key}; there is nothing to withdraw from.")
                .format(party=who, key=self.key))
        self.check_in_force(datum, _("{party} cannot withdraw from agreement {key}").format(
            party=who, key=self.key))
        staying = [p for p in self.parties if p != who and p not in self.withdrawals]
        if self.kind == "plustaak":
            gemeenten = [p for p in staying if party_kinds.get(p) == "gemeente"]
            if len(gemeenten) < MIN_PLUSTAAK:
                raise RuleViolation(
                    ngettext("{party} cannot withdraw from plustaak {key} on {on}: it would "
                             "leave {n} gemeente, and a plustaak runs only with at least "
                             "{least}.",
                             "{party} cannot withdraw from plustaak {key} on {on}: it would "
                             "leave {n} gemeenten, and a plustaak runs only with at least "
                             "{least}.", len(gemeenten)).format(
                        party=who, key=self.key, on=show_date(datum), n=len(gemeenten),
                        least=MIN_PLUSTAAK),
                    hint=_("End the plustaak with `ledger agreement end {key}` instead.").format(
                        key=self.key))
        elif len(staying) < MIN_PARTIES:
            raise RuleViolation(
                ngettext("{party} cannot withdraw from agreement {key} on {on}: it would leave "
                         "{n} party, and an agreement binds at least {least}.",
                         "{party} cannot withdraw from agreement {key} on {on}: it would leave "
                         "{n} parties, and an agreement binds at least {least}.",
                         len(staying)).format(party=who, key=self.key, on=show_date(datum),
                                              n=len(staying), least=MIN_PARTIES),
                hint=_("End the agreement with `ledger agreement end {key}` instead.").format(
                    key=self.key))
        self._record(self.Withdrawn, env, party=who, datum=datum, decision=decision)

    def follow_withdrawal(self, env: Envelope, *, party: str, datum: date, decision: str,
                          party_kinds: Mapping[str, str], regeling: str) -> bool:
        """A party that leaves the centrumregeling this plustaak extends leaves the plustaak on
        the same date, on the same decision (`Withdrawn`, recorded by the same command). True
        when it took part in the plustaak then; refused when the plustaak would be left with
        fewer than three gemeenten (end the plustaak first)."""
        who = find_party(self.parties, party)
        if who is None or who not in members_on(self.facts, datum):
            left = self.withdrawals.get(who) if who else None
            if left is not None and as_date(left["datum"]) > datum:
                raise RuleViolation(
                    _("{party} cannot withdraw from centrumregeling {regeling} on {on}: it is "
                      "recorded to leave plustaak {key} only on {date}, and a plustaak counts "
                      "only gemeenten of its centrumregeling.").format(
                        party=who, regeling=regeling, on=show_date(datum), key=self.key,
                        date=show_date(left["datum"])),
                    hint=_("Withdraw from the centrumregeling on or after that date."))
            return False
        gemeenten = [p for p in self.parties if p != who and p not in self.withdrawals
                     and party_kinds.get(p) == "gemeente"]
        if len(gemeenten) < MIN_PLUSTAAK:
            raise RuleViolation(
                ngettext("{party} cannot withdraw from centrumregeling {regeling} on {on}: it "
                         "takes part in plustaak {key}, which would be left with {n} gemeente, "
                         "and a plustaak runs only with at least {least}.",
                         "{party} cannot withdraw from centrumregeling {regeling} on {on}: it "
                         "takes part in plustaak {key}, which would be left with {n} gemeenten, "
                         "and a plustaak runs only with at least {least}.",
                         len(gemeenten)).format(
                    party=who, regeling=regeling, on=show_date(datum), key=self.key,
                    n=len(gemeenten), least=MIN_PLUSTAAK),
                hint=_("End plustaak {key} on or before {on} first "
                       "(`ledger agreement end {key}`).").format(key=self.key,
                                                                 on=show_date(datum)))
        self._record(self.Withdrawn, env, party=who, datum=datum, decision=decision)
        return True

    def end(self, env: Envelope, *, datum: date, decision: str | None) -> None:
        if self.ended is not None:
            raise RuleViolation(_("Agreement {key} already ended on {date}.").format(
                key=self.key, date=show_date(self.ended["datum"])))
        if not decision and not env.reason:
            raise InvalidInput(_("Ending agreement {key} needs a decision or a reason.").format(
                                   key=self.key),
                               hint=_("Pass --decision ID, or --reason when it ends by its own "
                                      "terms."))
        since = in_force_since(self.facts)
        if since is not None and datum < since:
            raise RuleViolation(
                _("Agreement {key} cannot end on {on}, before it came into force on {since}.")
                .format(key=self.key, on=show_date(datum), since=show_date(since)))
        late = [p for p, w in self.withdrawals.items() if as_date(w["datum"]) > datum]
        if late:
            raise RuleViolation(
                _("Agreement {key} cannot end on {on}: {parties} withdrew from it later.").format(
                    key=self.key, on=show_date(datum), parties=", ".join(late)),
                hint=_("End it on or after those dates."))
        self._record(self.Ended, env, datum=datum, decision=decision)

    def report(self, env: Envelope, *, datum: date, to: str | None = None) -> None:
        duty, _since = reporting_on(self.facts, datum)
        if duty is None:
            raise RuleViolation(_("Agreement {key} has no duty to report on {on}.").format(
                                    key=self.key, on=show_date(datum)),
                                hint=_("Add one with `ledger agreement amend --reporting`."))
        self.check_in_force(datum, _("No report on agreement {key} can be recorded").format(
            key=self.key))
        body = str(to or duty["to"]).strip().lower()
        if body not in BODIES:
            raise InvalidInput(_("'{to}' is not a body to report to.").format(to=to),
                               hint=_("Use one of: {bodies}.").format(bodies=", ".join(BODIES)))
        if not env.refs:
            raise InvalidInput(
                _("A report on agreement {key} needs a reference to what was sent.").format(
                    key=self.key),
                hint=_("Pass --ref zaak:… or doc:… of the letter or report."))
        self._record(self.ReportSent, env, datum=datum, to=body)

    # --- rules and derived state ---------------------------------------------------------------

    @property
    def facts(self) -> Facts:
        """The agreement as recorded, in the plain values the rules judge
        (`ledger/rules/agreement.py`)."""
        return facts(self.key, self.kind, self.title, self.parties, self.payers, self.sharing,
                     self.reporting, self.signatures, self.withdrawals, self.ended,
                     self.amendments, self.reports)

    def has_reporting_duty(self, on: date) -> bool:
        """In werking on `on`, with a duty to report then."""
        return status_on(self.facts, on) == IN_FORCE and reporting_on(self.facts, on)[0] is not None

    def invited(self, party: str) -> str:
        found = find_party(self.parties, party)
        if found is None:
            raise RuleViolation(
                _("{party} is not invited to agreement {key}.").format(
                    party=str(party).strip().upper(), key=self.key),
                hint=_("Its parties are {parties}.").format(parties=", ".join(self.parties)))
        return found

    def check_in_force(self, on: date, refused: str) -> None:
        """Refuse unless in werking on `on`: `refused` says, translated and without a date or
        a full stop, what cannot happen ("Agreement X cannot be amended")."""
        if self.status(on) != IN_FORCE:
            raise RuleViolation(_("{refused} on {on}: {why}.").format(
                                    refused=refused, on=show_date(on),
                                    why=not_in_force(self.facts, on)),
                                hint=_("That needs an agreement in werking on the date."))

    def missing_signatures(self, on: date) -> list[str]:
        return missing_signatures(self.facts, on)

    def status(self, on: date) -> str:
        return status_on(self.facts, on)

    def shares(self, amount: Decimal, on: date,
               population: Callable[[str, date], int | None]) -> dict[str, Any]:
        return shares_on(self.facts, amount, on, population)



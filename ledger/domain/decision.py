"""Decisions (besluiten): what a body decided, with the fields of a ZGW Besluit, and whether it can
serve as authority for other events.

A body is written `orgaan:WHO`: `raad:GM0546`, `college:GM0546` (a party's raad or college),
`pho:WRL`, `ab:NAME`, `db:NAME`, `regiegroep:WRL`, `programmamanager:WRL`, `other:NAME`. A
portefeuillehoudersoverleg prepares and agrees but has no final mandate: its decision stays
*voorgenomen* until the college of every participating party has ratified it. The status on a date
is derived, never stored: from the outcome, the ratifications, the ingangsdatum, the vervaldatum
and any withdrawal (intrekking).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ledger.dates import parse_date, show_date
from ledger.domain.base import LedgerAggregate
from ledger.envelope import Envelope
from ledger.errors import AuthorityError, InvalidInput, RuleViolation
from ledger.i18n import _
from ledger.rules.decision import (
    BODIES,
    CONDITIONAL,
    OUTCOMES,
    PARTY_BODIES,
    WITHOUT_FINAL_MANDATE,
    Facts,
    body_kind,
    check_ratification,
    facts,
    missing_ratifications,
    needs_ratification,
    status_on,
)
from ledger.rules.names import check_key, check_name


def check_body(text: str) -> str:
    value = str(text).strip()
    kind, sep, who = value.partition(":")
    kind = kind.strip().lower()
    if not sep or kind not in BODIES or not who.strip():
        raise InvalidInput(
            _("'{text}' is not a bestuursorgaan the ledger knows.").format(text=text),
            hint=_("Write it as college:GM0518, raad:GM0626, pho:PRG, ab:NAME, db:NAME, "
                   "regiegroep:NAME, programmamanager:NAME or other:NAME."),
        )
    who = who.strip().upper() if kind in PARTY_BODIES else check_key(who, _("body name"))
    return f"{kind}:{who}"


class Decision(LedgerAggregate):
    KIND = "decision"
    if TYPE_CHECKING:  # state, set by the events' apply methods
        body: str
        besluittype: str
        title: str
        datum: date
        ingangsdatum: date
        vervaldatum: date | None
        vervalreden: str | None
        publicatiedatum: date | None
        toelichting: str | None
        outcome: str
        condition: str | None
        participants: list[str]
        ratifications: dict[str, dict[str, Any]]
        withdrawn: dict[str, Any] | None

    class Recorded(LedgerAggregate.Created):
        body: str
        besluittype: str
        title: str
        datum: date
        ingangsdatum: date
        vervaldatum: date | None
        vervalreden: str | None
        publicatiedatum: date | None
        toelichting: str | None
        outcome: str
        condition: str | None
        participants: list[str]

        def apply(self, d: Decision) -> None:
            d.key, d.body, d.besluittype, d.title = self.key, self.body, self.besluittype, self.title
            d.datum, d.ingangsdatum = self.datum, self.ingangsdatum
            d.vervaldatum, d.vervalreden = self.vervaldatum, self.vervalreden
            d.publicatiedatum, d.toelichting = self.publicatiedatum, self.toelichting
            d.outcome, d.condition = self.outcome, self.condition
            d.participants = list(self.participants)
            d.ratifications, d.withdrawn = {}, None

    class Ratified(LedgerAggregate.Event):
        party: str
        datum: date
        college_decision: str | None

        def apply(self, d: Decision) -> None:
            d.ratifications[self.party] = {"datum": self.datum,
                                           "college_decision": self.college_decision}

    class Withdrawn(LedgerAggregate.Event):
        datum: date

        def apply(self, d: Decision) -> None:
            d.withdrawn = {"datum": self.datum, "reason": self.reason}

    @classmethod
    def record(cls, env: Envelope, *, key: str, body: str, title: str, datum: date | str,
               besluittype: str = "besluit", ingangsdatum: date | str | None = None,
               vervaldatum: date | str | None = None, vervalreden: str | None = None,
               publicatiedatum: date | str | None = None, toelichting: str | None = None,
               outcome: str = "aangenomen", condition: str | None = None,
               participants: list[str] | None = None) -> Decision:
        key = check_key(key, _("decision identificatie"))
        body = check_body(body)
        title = check_name(title, _("decision title"))
        besluittype = check_name(besluittype, _("besluittype"))
        datum_d = parse_date(datum, _("besluit date"))
        ingang = parse_date(ingangsdatum, _("ingangsdatum")) if ingangsdatum else datum_d
        verval = parse_date(vervaldatum, _("vervaldatum")) if vervaldatum else None
        publicatie = (parse_date(publicatiedatum, _("publicatiedatum")) if publicatiedatum
                      else None)
        outcome = str(outcome).strip().lower()
        if outcome not in OUTCOMES:
            raise InvalidInput(_("'{outcome}' is not an outcome of a decision.").format(
                                   outcome=outcome),
                               hint=_("Use one of: {outcomes}.").format(
                                   outcomes=", ".join(OUTCOMES)))
        condition = check_name(condition, _("condition"), required=False)
        if outcome == "uitgesteld" and not condition:
            raise InvalidInput(_("A postponed decision needs its condition."),
                               hint=_('Pass --condition, for example "na verkiezingen".'))
        if condition and outcome not in CONDITIONAL:
            raise InvalidInput(_("A decision that was {outcome} has no condition.").format(
                                   outcome=outcome),
                               hint=_("Only a decision held over (aangehouden) or postponed "
                                      "(uitgesteld) waits on a condition."))
        if ingang < datum_d:
            raise InvalidInput(
                _("The ingangsdatum {ingang} lies before the besluit date {datum}.").format(
                    ingang=show_date(ingang), datum=show_date(datum_d)),
                hint=_("A decision cannot take effect before it was taken."))
        if verval is not None and verval <= ingang:
            raise InvalidInput(
                _("The vervaldatum {verval} is not after the ingangsdatum {ingang}.").format(
                    verval=show_date(verval), ingang=show_date(ingang)),
                hint=_("Give a vervaldatum after the ingangsdatum."))
        if verval is not None and not vervalreden:
            raise InvalidInput(_("A vervaldatum needs its vervalreden."),
                               hint=_('Pass --vervalreden, for example "tijdelijk".'))
        if participants is not None and not isinstance(participants, (list, tuple)):
            raise InvalidInput(_("The participants must be a list of parties."),
                               hint=_("Pass --participant GM0518 once for every party."))
        parts = sorted({check_key(str(p), _("participant")).upper()
                        for p in (participants or []) if str(p).strip()})
        if body_kind(body) in WITHOUT_FINAL_MANDATE and not parts:
            raise InvalidInput(
                _("A decision of the {body} needs its participating parties.").format(
                    body=BODIES[body_kind(body)]),
                hint=_("Pass --participant GM0518 for every party whose college must "
                       "ratify it."))
        if parts and body_kind(body) not in WITHOUT_FINAL_MANDATE:
            raise InvalidInput(
                _("A decision of the {body} has no participating parties to ratify it.").format(
                    body=BODIES[body_kind(body)]),
                hint=_("Only a decision of a body without final mandate (a PHO) lists "
                       "--participant parties."))
        return cls._register(
            cls.Recorded, env, key, body=body, besluittype=besluittype, title=title,
            datum=datum_d, ingangsdatum=ingang, vervaldatum=verval,
            vervalreden=check_name(vervalreden, _("vervalreden"), required=False),
            publicatiedatum=publicatie,
            toelichting=check_name(toelichting, _("toelichting"), required=False, limit=4000),
            outcome=outcome, condition=condition, participants=parts)

    def ratify(self, env: Envelope, *, party: str, datum: date | str | None = None,
               college_decision: str | None = None) -> None:
        party = party.strip().upper()
        on = parse_date(datum, _("ratification date")) if datum else env.effective
        check_ratification(self.facts, party, on)
        self._record(self.Ratified, env, party=party, datum=on, college_decision=college_decision)

    def withdraw(self, env: Envelope, *, datum: date | str | None = None) -> None:
        on = parse_date(datum, _("withdrawal date")) if datum else env.effective
        if self.withdrawn is not None:
            raise RuleViolation(_("Decision {key} was already withdrawn on {date}.").format(
                key=self.key, date=show_date(self.withdrawn["datum"])))
        if not env.reason:
            raise InvalidInput(_("Withdrawing decision {key} needs a reason.").format(
                key=self.key), hint=_("Pass --reason."))
        if on < self.datum:
            raise RuleViolation(
                _("A withdrawal on {on} cannot precede the decision of {date}.").format(
                    on=show_date(on), date=show_date(self.datum)))
        self._record(self.Withdrawn, env, datum=on)

    @property
    def facts(self) -> Facts:
        """The decision as recorded, in the plain values the rules judge
        (`ledger/rules/decision.py`)."""
        return facts(self.key, self.body, self.datum, self.ingangsdatum,
                     vervaldatum=self.vervaldatum, vervalreden=self.vervalreden,
                     outcome=self.outcome, condition=self.condition,
                     participants=self.participants, ratifications=self.ratifications,
                     withdrawn=self.withdrawn)

    @property
    def needs_ratification(self) -> bool:
        return needs_ratification(self.body)

    def missing_ratifications(self, on: date) -> list[str]:
        return missing_ratifications(self.facts, on)

    def status(self, on: date) -> str:
        return status_on(self.facts, on)

    def check_authority(self, on: date, *, purpose: str | None = None) -> None:
        """Refuse, in one sentence, to let this decision carry an event effective on `on`."""
        from ledger.rules.authority import in_force

        why = in_force(self.facts, on)
        if why is None:
            return
        raise AuthorityError(
            _("Decision {key} cannot serve as authority for {purpose} on {on}: {why}.").format(
                key=self.key, purpose=purpose or _("this event"), on=show_date(on), why=why),
            hint=_("Name a decision that is in force on the effective date."))

    def as_dict(self, on: date) -> dict[str, Any]:
        return {
            "identificatie": self.key, "bestuursorgaan": self.body,
            "besluittype": self.besluittype, "title": self.title,
            "datum": self.datum.isoformat(), "ingangsdatum": self.ingangsdatum.isoformat(),
            "vervaldatum": self.vervaldatum.isoformat() if self.vervaldatum else None,
            "vervalreden": self.vervalreden,
            "publicatiedatum": self.publicatiedatum.isoformat() if self.publicatiedatum else None,
            "toelichting": self.toelichting, "outcome": self.outcome, "condition": self.condition,
            "participants": self.participants,
            "ratifications": {p: {"datum": r["datum"].isoformat() if hasattr(r["datum"], "isoformat")
                                  else r["datum"], "college_decision": r["college_decision"]}
                              for p, r in self.ratifications.items()},
            "withdrawn": ({"datum": str(self.withdrawn["datum"]), "reason": self.withdrawn["reason"]}
                          if self.withdrawn else None),
            "status": self.status(on),
        }


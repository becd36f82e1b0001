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

from ledger.dates import parse_date
from ledger.domain.base import LedgerAggregate, check_key, check_name
from ledger.domain.decision_status import (  # noqa: F401 (re-exported)
    BODIES,
    CONDITIONAL,
    IN_FORCE,
    OUTCOMES,
    PARTY_BODIES,
    WITHOUT_FINAL_MANDATE,
    _as_date,
    body_kind,
    body_party,
    in_force_since,
    missing_ratifications,
    needs_ratification,
    status_on,
)
from ledger.envelope import Envelope
from ledger.errors import AuthorityError, InvalidInput, RuleViolation


def check_body(text: str) -> str:
    value = str(text).strip()
    kind, sep, who = value.partition(":")
    kind = kind.strip().lower()
    if not sep or kind not in BODIES or not who.strip():
        raise InvalidInput(
            f"'{text}' is not a bestuursorgaan the ledger knows.",
            hint="Write it as college:GM0518, raad:GM0626, pho:PRG, ab:NAME, db:NAME, "
            "regiegroep:NAME, programmamanager:NAME or other:NAME.",
        )
    who = who.strip().upper() if kind in PARTY_BODIES else check_key(who, "body name")
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
        key = check_key(key, "decision identificatie")
        body = check_body(body)
        title = check_name(title, "decision title")
        besluittype = check_name(besluittype, "besluittype")
        datum_d = parse_date(datum, "besluit date")
        ingang = parse_date(ingangsdatum, "ingangsdatum") if ingangsdatum else datum_d
        verval = parse_date(vervaldatum, "vervaldatum") if vervaldatum else None
        publicatie = parse_date(publicatiedatum, "publicatiedatum") if publicatiedatum else None
        outcome = str(outcome).strip().lower()
        if outcome not in OUTCOMES:
            raise InvalidInput(f"'{outcome}' is not an outcome of a decision.",
                               hint=f"Use one of: {', '.join(OUTCOMES)}.")
        condition = check_name(condition, "condition", required=False)
        if outcome == "uitgesteld" and not condition:
            raise InvalidInput("A postponed decision needs its condition.",
                               hint='Pass --condition, for example "na verkiezingen".')
        if condition and outcome not in CONDITIONAL:
            raise InvalidInput(f"A decision that was {outcome} has no condition.",
                               hint="Only a decision held over (aangehouden) or postponed "
                               "(uitgesteld) waits on a condition.")
        if ingang < datum_d:
            raise InvalidInput(f"The ingangsdatum {ingang} lies before the besluit date {datum_d}.",
                               hint="A decision cannot take effect before it was taken.")
        if verval is not None and verval <= ingang:
            raise InvalidInput(f"The vervaldatum {verval} is not after the ingangsdatum {ingang}.",
                               hint="Give a vervaldatum after the ingangsdatum.")
        if verval is not None and not vervalreden:
            raise InvalidInput("A vervaldatum needs its vervalreden.",
                               hint='Pass --vervalreden, for example "tijdelijk".')
        if participants is not None and not isinstance(participants, (list, tuple)):
            raise InvalidInput("The participants must be a list of parties.",
                               hint="Pass --participant GM0518 once for every party.")
        parts = sorted({check_key(str(p), "participant").upper()
                        for p in (participants or []) if str(p).strip()})
        if body_kind(body) in WITHOUT_FINAL_MANDATE and not parts:
            raise InvalidInput(
                f"A decision of the {BODIES[body_kind(body)]} needs its participating parties.",
                hint="Pass --participant GM0518 for every party whose college must ratify it.")
        if parts and body_kind(body) not in WITHOUT_FINAL_MANDATE:
            raise InvalidInput(
                f"A decision of the {BODIES[body_kind(body)]} has no participating parties to "
                "ratify it.",
                hint="Only a decision of a body without final mandate (a PHO) lists "
                "--participant parties.")
        return cls._register(
            cls.Recorded, env, key, body=body, besluittype=besluittype, title=title,
            datum=datum_d, ingangsdatum=ingang, vervaldatum=verval,
            vervalreden=check_name(vervalreden, "vervalreden", required=False),
            publicatiedatum=publicatie,
            toelichting=check_name(toelichting, "toelichting", required=False, limit=4000),
            outcome=outcome, condition=condition, participants=parts)

    def ratify(self, env: Envelope, *, party: str, datum: date | str | None = None,
               college_decision: str | None = None) -> None:
        party = party.strip().upper()
        on = parse_date(datum, "ratification date") if datum else env.effective
        if not self.needs_ratification:
            raise RuleViolation(
                f"Decision {self.key} of the {BODIES[body_kind(self.body)]} needs no ratification.",
                hint="Only decisions of a body without final mandate (a PHO) are ratified.")
        if party not in self.participants:
            raise RuleViolation(f"{party} does not take part in decision {self.key}.",
                                hint=f"Its participants are {', '.join(self.participants)}.")
        if party in self.ratifications:
            raise RuleViolation(f"The college of {party} already ratified decision {self.key}.")
        if self.outcome != "aangenomen":
            raise RuleViolation(f"Decision {self.key} was {self.outcome}; there is nothing to ratify.")
        if self.withdrawn is not None:
            raise RuleViolation(f"Decision {self.key} was withdrawn on {self.withdrawn['datum']}.")
        if on < self.datum:
            raise RuleViolation(f"A ratification on {on} cannot precede the decision of {self.datum}.")
        if self.vervaldatum is not None and on >= self.vervaldatum:
            raise RuleViolation(f"Decision {self.key} expired on {self.vervaldatum}; "
                                f"it can no longer be ratified on {on}.")
        self._record(self.Ratified, env, party=party, datum=on, college_decision=college_decision)

    def withdraw(self, env: Envelope, *, datum: date | str | None = None) -> None:
        on = parse_date(datum, "withdrawal date") if datum else env.effective
        if self.withdrawn is not None:
            raise RuleViolation(f"Decision {self.key} was already withdrawn on "
                                f"{self.withdrawn['datum']}.")
        if not env.reason:
            raise InvalidInput(f"Withdrawing decision {self.key} needs a reason.",
                               hint="Pass --reason.")
        if on < self.datum:
            raise RuleViolation(f"A withdrawal on {on} cannot precede the decision of {self.datum}.")
        self._record(self.Withdrawn, env, datum=on)

    @property
    def needs_ratification(self) -> bool:
        return needs_ratification(self)

    def missing_ratifications(self, on: date) -> list[str]:
        return missing_ratifications(self, on)

    def status(self, on: date) -> str:
        return status_on(self, on)

    def check_authority(self, on: date, *, purpose: str = "this event") -> None:
        """Refuse, in one sentence, to let this decision carry an event effective on `on`."""
        status = self.status(on)
        if status == IN_FORCE:
            return
        why = {
            "ingetrokken": lambda: f"it was withdrawn on {(self.withdrawn or {}).get('datum')}",
            "vervallen": lambda: f"it expired on {self.vervaldatum} ({self.vervalreden})",
            "voorgenomen": lambda: _still_voorgenomen(self.missing_ratifications(on)),
            "nog niet genomen": lambda: f"it was only taken on {self.datum}",
            "nog niet in werking": lambda: f"it takes effect only on {self.ingangsdatum}",
            "verworpen": lambda: "it was voted down (verworpen)",
            "aangehouden": lambda: "it was held over (aangehouden)",
            "uitgesteld": lambda: f"it was postponed ({self.condition})",
        }[status]()
        raise AuthorityError(
            f"Decision {self.key} cannot serve as authority for {purpose} on {on}: {why}.",
            hint="Name a decision that is in force on the effective date.")

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


def _still_voorgenomen(missing: list[str]) -> str:
    if len(missing) == 1:
        return f"it is still voorgenomen: the college of {missing[0]} has not ratified it"
    return ("it is still voorgenomen: the colleges of " + ", ".join(missing[:-1]) + " and "
            + missing[-1] + " have not ratified it")

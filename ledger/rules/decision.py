"""Decisions (besluiten): the bodies that decide, a decision's status on a date, and ratification
(bekrachtiging), as pure functions of a decision's recorded facts (`Facts`: plain dates and
texts). The status is derived, never stored. The `Decision` aggregate (`ledger/domain/decision.py`)
refuses with `check_ratification` and asks `status_on`; the decisions view
(`projections/decisions.py`) and the authority rules (`ledger/rules/authority.py`) judge what was
recorded with the same functions. Specified in `features/besluiten/bekrachtiging.feature` (and
the other files of `features/besluiten/`).

Ratification: a decision of a body without final mandate (a portefeuillehoudersoverleg) stays
*voorgenomen* until the college of every participating party has ratified it, on or after its
date and before it expires; it is in werking from the last ratification (or its ingangsdatum, if
later)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ledger.dates import show_date
from ledger.errors import RuleViolation
from ledger.i18n import _

BODIES = {
    "raad": "gemeenteraad",
    "college": "college van B&W",
    "pho": "portefeuillehoudersoverleg",
    "ab": "algemeen bestuur",
    "db": "dagelijks bestuur",
    "regiegroep": "ambtelijke regiegroep",
    "programmamanager": "programmamanager",
    "other": "ander orgaan",
}
WITHOUT_FINAL_MANDATE = ("pho",)
PARTY_BODIES = ("raad", "college")
OUTCOMES = ("aangenomen", "verworpen", "aangehouden", "uitgesteld")
CONDITIONAL = ("aangehouden", "uitgesteld")
IN_FORCE = "in werking"


@dataclass(frozen=True)
class Facts:
    """A decision as recorded, in plain values: what its status, its ratification and its
    authority are judged on."""

    key: str
    body: str
    datum: date
    ingangsdatum: date
    vervaldatum: date | None = None
    vervalreden: str | None = None
    outcome: str = "aangenomen"
    condition: str | None = None
    participants: tuple[str, ...] = ()
    ratifications: Mapping[str, date] = field(default_factory=dict)
    withdrawn: date | None = None


def body_kind(body: str) -> str:
    return body.split(":", 1)[0]


def body_party(body: str) -> str | None:
    kind, _, who = body.partition(":")
    return who if kind in PARTY_BODIES else None


def needs_ratification(body: str) -> bool:
    """Only a decision of a body without final mandate (a PHO) is ratified."""
    return body_kind(body) in WITHOUT_FINAL_MANDATE


def missing_ratifications(d: Facts, on: date) -> list[str]:
    """The participating parties whose college has not ratified the decision by `on`."""
    if not needs_ratification(d.body):
        return []
    return [p for p in d.participants if p not in d.ratifications or d.ratifications[p] > on]


def status_on(d: Facts, on: date) -> str:
    """A decision's status on a date, derived from everything recorded about it.

    In this order: not yet taken; withdrawn (ingetrokken) from its withdrawal date; an outcome
    other than aangenomen (verworpen, aangehouden, uitgesteld); expired (vervallen) from its
    vervaldatum, ratified or not; voorgenomen while a participating college has not ratified it;
    not yet in force before its ingangsdatum; otherwise in werking.
    """
    if on < d.datum:
        return "nog niet genomen"
    if d.withdrawn is not None and d.withdrawn <= on:
        return "ingetrokken"
    if d.outcome != "aangenomen":
        return d.outcome
    if d.vervaldatum is not None and on >= d.vervaldatum:
        return "vervallen"
    if missing_ratifications(d, on):
        return "voorgenomen"
    if on < d.ingangsdatum:
        return "nog niet in werking"
    return IN_FORCE


def in_force_since(d: Facts) -> date | None:
    """The first day the decision is in werking (all ratifications in, ingangsdatum reached),
    whatever happened after; None while a ratification is missing or the outcome is not
    aangenomen."""
    if d.outcome != "aangenomen":
        return None
    days = [d.ingangsdatum, d.datum]
    if needs_ratification(d.body):
        if any(p not in d.ratifications for p in d.participants):
            return None
        days += [d.ratifications[p] for p in d.participants]
    return max(days)


def check_ratification(d: Facts, party: str, on: date) -> None:
    """Refuse the college of `party` ratifying the decision on `on`: a decision of a body with
    final mandate needs none; only a participant ratifies, once; a decision not aangenomen or
    withdrawn has nothing to ratify; not before the decision's date, nor on or after its
    vervaldatum."""
    if not needs_ratification(d.body):
        raise RuleViolation(
            _("Decision {key} of the {body} needs no ratification.").format(
                key=d.key, body=BODIES[body_kind(d.body)]),
            hint=_("Only decisions of a body without final mandate (a PHO) are ratified."))
    if party not in d.participants:
        raise RuleViolation(
            _("{party} does not take part in decision {key}.").format(party=party, key=d.key),
            hint=_("Its participants are {participants}.").format(
                participants=", ".join(d.participants)))
    if party in d.ratifications:
        raise RuleViolation(_("The college of {party} already ratified decision {key}.")
                            .format(party=party, key=d.key))
    if d.outcome != "aangenomen":
        raise RuleViolation(_("Decision {key} was {outcome}; there is nothing to ratify.")
                            .format(key=d.key, outcome=d.outcome))
    if d.withdrawn is not None:
        raise RuleViolation(_("Decision {key} was withdrawn on {date}.").format(
            key=d.key, date=show_date(d.withdrawn)))
    if on < d.datum:
        raise RuleViolation(
            _("A ratification on {on} cannot precede the decision of {date}.").format(
                on=show_date(on), date=show_date(d.datum)))
    if d.vervaldatum is not None and on >= d.vervaldatum:
        raise RuleViolation(
            _("Decision {key} expired on {date}; it can no longer be ratified on {on}.")
            .format(key=d.key, date=show_date(d.vervaldatum), on=show_date(on)))


def facts(key: str, body: str, datum: Any, ingangsdatum: Any = None, *, vervaldatum: Any = None,
          vervalreden: str | None = None, outcome: str | None = None,
          condition: str | None = None, participants: Any = (),
          ratifications: Mapping[str, Mapping[str, Any]] | None = None,
          withdrawn: Mapping[str, Any] | None = None) -> Facts:
    """`Facts` from a decision's fields as the aggregate or the view keeps them (dates as dates
    or ISO texts, a ratification or withdrawal as a mapping with its `datum`)."""
    return Facts(
        key=key, body=body, datum=as_date(datum), ingangsdatum=as_date(ingangsdatum or datum),
        vervaldatum=as_date(vervaldatum) if vervaldatum else None, vervalreden=vervalreden,
        outcome=outcome or "aangenomen", condition=condition,
        participants=tuple(participants or ()),
        ratifications={p: as_date(r["datum"]) for p, r in (ratifications or {}).items()},
        withdrawn=as_date(withdrawn["datum"]) if withdrawn else None)


def as_date(value: Any) -> date:
    """A date as recorded: a date, or its ISO text (a timestamp's date part)."""
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])

"""The status of a decision on a date, derived from what was recorded about it (never stored), and
the bodies that decide. Shared by the `Decision` aggregate (`ledger/domain/decision.py`, which
re-exports every name here) and the read side's decision view; free of eventsourcing, so that a
read of an up-to-date ledger need not import the write side."""

from __future__ import annotations

from datetime import date
from typing import Any

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


def body_kind(body: str) -> str:
    return body.split(":", 1)[0]


def body_party(body: str) -> str | None:
    kind, _, who = body.partition(":")
    return who if kind in PARTY_BODIES else None


def needs_ratification(d: Any) -> bool:
    return body_kind(d.body) in WITHOUT_FINAL_MANDATE


def missing_ratifications(d: Any, on: date) -> list[str]:
    if not needs_ratification(d):
        return []
    return [p for p in d.participants
            if p not in d.ratifications or _as_date(d.ratifications[p]["datum"]) > on]


def status_on(d: Any, on: date) -> str:
    """A decision's status on a date, derived from everything recorded about it.

    In this order: not yet taken; withdrawn (ingetrokken) from its withdrawal date; an outcome
    other than aangenomen (verworpen, aangehouden, uitgesteld); expired (vervallen) from its
    vervaldatum, ratified or not; voorgenomen while a participating college has not ratified it;
    not yet in force before its ingangsdatum; otherwise in werking.
    """
    if on < _as_date(d.datum):
        return "nog niet genomen"
    if d.withdrawn is not None and _as_date(d.withdrawn["datum"]) <= on:
        return "ingetrokken"
    if d.outcome != "aangenomen":
        return d.outcome
    if d.vervaldatum is not None and on >= _as_date(d.vervaldatum):
        return "vervallen"
    if missing_ratifications(d, on):
        return "voorgenomen"
    if on < _as_date(d.ingangsdatum):
        return "nog niet in werking"
    return IN_FORCE


def in_force_since(d: Any) -> date | None:
    """The first day the decision is in werking (all ratifications in, ingangsdatum reached),
    whatever happened after; None while a ratification is missing or the outcome is not
    aangenomen."""
    if d.outcome != "aangenomen":
        return None
    days = [_as_date(d.ingangsdatum), _as_date(d.datum)]
    if needs_ratification(d):
        if any(p not in d.ratifications for p in d.participants):
            return None
        days += [_as_date(d.ratifications[p]["datum"]) for p in d.participants]
    return max(days)


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)

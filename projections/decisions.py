"""View: decisions with their ratifications, withdrawal and status on the horizon's date."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

from ledger.dates import today
from ledger.domain.decision import (
    BODIES,
    body_kind,
    in_force_since,
    missing_ratifications,
    status_on,
)
from projections.journal import Entry, Reader, fold

KINDS = ("decision",)


def apply(state: dict[str, dict[str, Any]], e: Entry) -> dict[str, dict[str, Any]]:
    p = e.payload
    if e.event == "Recorded":
        state[e.key] = {"identificatie": e.key, **{k: v for k, v in p.items() if k != "key"},
                        "bestuursorgaan": p["body"], "ratifications": {}, "withdrawn": None,
                        "position": e.position, "refs": e.refs}
    elif e.key in state and e.event == "Ratified":
        state[e.key]["ratifications"][p["party"]] = {
            "datum": p["datum"], "college_decision": p.get("college_decision")}
    elif e.key in state and e.event == "Withdrawn":
        state[e.key]["withdrawn"] = {"datum": p["datum"], "reason": e.reason}
    return state


def with_status(d: dict[str, Any], on: date) -> dict[str, Any]:
    ns = SimpleNamespace(**d)
    since = in_force_since(ns)
    return {**d, "orgaan": BODIES[body_kind(d["body"])], "status": status_on(ns, on),
            "in_force_since": since.isoformat() if since else None,
            "missing_ratifications": missing_ratifications(ns, on)}


def decisions(reader: Reader) -> dict[str, dict[str, Any]]:
    """The decisions taken by the horizon's date (besluit date on or before it), as recorded by
    its log position. Status comes from the dates the events carry (ratification and withdrawal
    dates), as on the aggregate, so every event counts whatever its effective date."""
    on = reader.horizon.on or today()
    state = fold(apply, {}, reader.entries(kinds=KINDS, valid=False, order="log"))
    return {k: with_status(d, on) for k, d in state.items()
            if date.fromisoformat(d["datum"]) <= on}

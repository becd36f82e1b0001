"""View: decisions with their ratifications, withdrawal and status on the horizon's date."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from types import SimpleNamespace
from typing import Any

from ledger.dates import today
from ledger.domain.decision_status import (
    BODIES,
    body_kind,
    in_force_since,
    missing_ratifications,
    status_on,
)
from projections.reading import Entry, Reader, fold

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


def decisions(reader: Reader, keys: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """The decisions taken by the horizon's date (besluit date on or before it), as recorded by
    its log position; with `keys`, only those. Status comes from the dates the events carry
    (ratification and withdrawal dates), as on the aggregate, so every event counts whatever its
    effective date."""
    on = reader.horizon.on or today()
    state = fold(apply, {}, reader.entries(kinds=KINDS, valid=False, order="log", key_in=keys))
    return {k: with_status(d, on) for k, d in state.items()
            if date.fromisoformat(d["datum"]) <= on}


def decision(reader: Reader, key: str) -> dict[str, Any] | None:
    """One decision, as `decisions` gives it, folding only its own entries (its identificatie is
    matched without regard to case: another spelling looks among all decisions)."""
    on = reader.horizon.on or today()
    state = fold(apply, {}, reader.entries(keys=[(KINDS[0], key.strip())], valid=False,
                                           order="log"))
    if not state:
        found = decisions(reader, keys=reader.spellings(KINDS[0], key))
        return {k.casefold(): v for k, v in found.items()}.get(key.strip().casefold())
    d = next(iter(state.values()))
    return with_status(d, on) if date.fromisoformat(d["datum"]) <= on else None


# --- narration for audit trails (projections.trail) --------------------------------------------

def describe(e: Entry, story: Any) -> Any:
    from projections.narration import Narration

    p = e.payload
    if e.event == "Recorded":
        outcome = "" if p.get("outcome") == "aangenomen" else f", {p.get('outcome')}"
        ingang = (f", in effect from {p['ingangsdatum']}"
                  if p.get("ingangsdatum") not in (None, p.get("datum")) else "")
        return Narration(
            f"{e.actor} recorded decision {e.key} of {story.body(p['body'])}, taken "
            f"{p['datum']}{outcome}{ingang}: “{p['title']}”.")
    if e.event == "Ratified":
        via = f" by its own decision {p['college_decision']}" if p.get("college_decision") else ""
        return Narration(f"The college van B&W of {story.party_name(p['party'])} ratified decision "
                         f"{e.key} on {p['datum']}{via}.")
    if e.event == "Withdrawn":
        return Narration(f"{e.actor} recorded that decision {e.key} was withdrawn (ingetrokken) "
                         f"on {p['datum']}.")
    return None


def title(subject: str, story: Any) -> str | None:
    kind, _, key = subject.partition(":")
    d = story.decision(key) if kind == "decision" else None
    if d is None:
        return None
    return (f"Decision {d['identificatie']}: “{d['title']}”, {story.body(d['body'])}, "
            f"{d.get('besluittype') or 'besluit'} of {d['datum']}.")

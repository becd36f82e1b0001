"""View: the parties, as registered and corrected (and, later, their population history)."""

from __future__ import annotations

from typing import Any

from ledger.domain.party import tooi_uri
from projections.journal import Entry, Reader, fold

KINDS = ("party",)


def apply(state: dict[str, dict[str, Any]], e: Entry) -> dict[str, dict[str, Any]]:
    p = e.payload
    if e.event == "Registered":
        state[e.key] = {
            "key": e.key, "kind": p["kind"], "name": p["name"], "cbs": p.get("cbs"),
            "tooi": tooi_uri(p["cbs"]) if p.get("cbs") else None, "void": False,
            "registered": e.effective.isoformat(), "position": e.position, "corrections": [],
        }
    elif e.key in state and e.event == "Corrected":
        party = state[e.key]
        for name in ("name", "kind"):
            if p.get(name) is not None:
                party[name] = p[name]
        if p.get("void"):
            party["void"] = True
        party["corrections"].append({"position": e.position, "corrects": e.corrects,
                                     "reason": e.reason, "effective": e.effective.isoformat()})
    return state


def parties(reader: Reader) -> dict[str, dict[str, Any]]:
    return fold(apply, {}, reader.entries(kinds=KINDS))

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


# --- narration for audit trails (projections.trail) --------------------------------------------

def describe(e: Entry, story: Any) -> Any:
    from projections.trail import Narration

    p = e.payload
    if e.event == "Registered":
        code = f"CBS code {p['cbs']}" if p.get("cbs") else f"key {e.key}"
        return Narration(f"{story.who(e)} registered the {p['kind']} {p['name']} ({code}).")
    if e.event == "Corrected":
        if p.get("void"):
            return Narration(f"{story.who(e)} declared party {e.key} registered in error (void).")
        fixed = ", ".join(f"{k} “{p[k]}”" for k in ("name", "kind") if p.get(k) is not None)
        return Narration(f"{story.who(e)} corrected party {e.key}: {fixed}.")
    return None


def title(subject: str, story: Any) -> str | None:
    kind, _, key = subject.partition(":")
    p = story.parties().get(key.casefold()) if kind == "party" else None
    if p is None:
        return None
    return f"Party {p['key']}: {p['name']} ({p['kind']})."

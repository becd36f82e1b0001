"""View: decisions with their ratifications, withdrawal and status on the horizon's date."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from ledger.dates import today
from ledger.i18n import N_, _
from ledger.rules.decision import (
    BODIES,
    Facts,
    body_kind,
    facts,
    in_force_since,
    missing_ratifications,
    status_on,
)
from projections.reading import Entry, Reader, fold

KINDS = ("decision",)
# A decision's status (a code: `ledger.rules.decision.status_on`) as a person reads it.
STATUS_NAMES = {
    "nog niet genomen": N_("not yet taken"), "ingetrokken": N_("withdrawn"),
    "verworpen": N_("rejected"), "aangehouden": N_("held over"), "uitgesteld": N_("postponed"),
    "vervallen": N_("expired"), "voorgenomen": N_("voorgenomen"),
    "nog niet in werking": N_("not yet in force"), "in werking": N_("in force"),
    "aangenomen": N_("adopted"),
}


def status_text(status: str) -> str:
    """A decision's status (or outcome) in the language in use ("in werking", "in force")."""
    name = STATUS_NAMES.get(status)
    return _(name) if name else status


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


def facts_of(d: dict[str, Any]) -> Facts:
    """A decision as this view holds it, in the plain values the rules judge
    (`ledger/rules/decision.py`)."""
    return facts(d["identificatie"], d["body"], d["datum"], d.get("ingangsdatum"),
                 vervaldatum=d.get("vervaldatum"), vervalreden=d.get("vervalreden"),
                 outcome=d.get("outcome"), condition=d.get("condition"),
                 participants=d.get("participants"), ratifications=d["ratifications"],
                 withdrawn=d.get("withdrawn"))


def with_status(d: dict[str, Any], on: date) -> dict[str, Any]:
    f = facts_of(d)
    since = in_force_since(f)
    return {**d, "orgaan": BODIES[body_kind(d["body"])], "status": status_on(f, on),
            "in_force_since": since.isoformat() if since else None,
            "missing_ratifications": missing_ratifications(f, on)}


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
    from ledger.dates import show_date
    from projections.narration import Narration

    p = e.payload
    if e.event == "Recorded":
        text = _("{actor} recorded decision {key} of {body}, taken on {datum}: “{title}”.").format(
            actor=e.actor, key=e.key, body=story.body(p["body"]), datum=show_date(p["datum"]),
            title=p["title"])
        if p.get("outcome") not in (None, "aangenomen"):
            text += " " + _("Outcome: {outcome}.").format(outcome=status_text(p["outcome"]))
        if p.get("ingangsdatum") not in (None, p.get("datum")):
            text += " " + _("In effect from {date}.").format(date=show_date(p["ingangsdatum"]))
        return Narration(text)
    if e.event == "Ratified":
        values = {"party": story.party_name(p["party"]), "key": e.key,
                  "datum": show_date(p["datum"]), "own": p.get("college_decision")}
        if p.get("college_decision"):
            return Narration(_("The college van B&W of {party} ratified decision {key} on "
                               "{datum} by its own decision {own}.").format(**values))
        return Narration(_("The college van B&W of {party} ratified decision {key} on "
                           "{datum}.").format(**values))
    if e.event == "Withdrawn":
        return Narration(_("{actor} recorded that decision {key} was withdrawn on {datum}.")
                         .format(actor=e.actor, key=e.key, datum=show_date(p["datum"])))
    return None


def title(subject: str, story: Any) -> str | None:
    kind, _sep, key = subject.partition(":")
    d = story.decision(key) if kind == "decision" else None
    if d is None:
        return None
    from ledger.dates import show_date

    return _("Decision {key}: “{title}”, {body}, {type} of {datum}.").format(
        key=d["identificatie"], title=d["title"], body=story.body(d["body"]),
        type=d.get("besluittype") or _("decision"), datum=show_date(d["datum"]))

"""View: the parties, as registered and corrected, with their population history.

Each party keeps every population figure recorded (`populations`, in log order, with the figure it
corrects); for a peildatum the latest recorded figure counts. `population` is the figure that
holds on the horizon's date: the one of the latest peildatum on or before it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from ledger.dates import today
from ledger.i18n import _
from ledger.identifiers import tooi_uri
from projections.reading import Entry, Reader, fold

KINDS = ("party",)


def apply(state: dict[str, dict[str, Any]], e: Entry) -> dict[str, dict[str, Any]]:
    """Fold one entry. `state` holds the parties by key and, apart, the population figures by
    key (a figure may be recorded with an effective date before the party's registration)."""
    p = e.payload
    people, figures = state.setdefault("parties", {}), state.setdefault("figures", {})
    if e.event == "Registered":
        people[e.key] = {
            "key": e.key, "kind": p["kind"], "name": p["name"], "cbs": p.get("cbs"),
            "tooi": tooi_uri(p["cbs"]) if p.get("cbs") else None, "void": False,
            "registered": e.effective.isoformat(), "position": e.position, "corrections": [],
            "populations": [],
        }
    elif e.key in people and e.event == "Corrected":
        party = people[e.key]
        for name in ("name", "kind"):
            if p.get(name) is not None:
                party[name] = p[name]
        if p.get("void"):
            party["void"] = True
        party["corrections"].append({"position": e.position, "corrects": e.corrects,
                                     "reason": e.reason, "effective": e.effective.isoformat()})
    elif e.event == "PopulationRecorded":
        figures.setdefault(e.key, []).append({
            "peildatum": p["peildatum"], "inwoners": p["inwoners"], "source": p["source"],
            "position": e.position, "corrects": e.corrects, "recorded_at": e.recorded_at,
            "reason": e.reason})
    return state


def registered(reader: Reader) -> dict[str, dict[str, Any]]:
    """Every party by key, as registered and corrected within the reader's limits (names for
    sentences and labels; no population)."""
    return fold(apply, {}, reader.entries(kinds=KINDS)).get("parties", {})


def current_figures(party: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per peildatum (ISO string), the figure that counts: the latest recorded."""
    figures: dict[str, dict[str, Any]] = {}
    for f in sorted(party["populations"], key=lambda f: f["position"]):
        figures[f["peildatum"]] = f
    return dict(sorted(figures.items()))


def population_on(party: dict[str, Any], on: date) -> dict[str, Any] | None:
    """The figure of the latest peildatum on or before `on`, or None."""
    found = [f for day, f in current_figures(party).items() if date.fromisoformat(day) <= on]
    return found[-1] if found else None


def population_at(party: dict[str, Any], peildatum: date) -> int | None:
    """The number of inhabitants recorded for exactly this peildatum, or None."""
    figure = current_figures(party).get(peildatum.isoformat())
    return figure["inwoners"] if figure else None


def with_population(party: dict[str, Any], on: date) -> dict[str, Any]:
    history = []
    counting = {f["position"] for f in current_figures(party).values()}
    for f in sorted(party["populations"], key=lambda f: f["position"]):
        history.append({**f, "counts": f["position"] in counting})
    return {**party, "population": population_on(party, on), "populations": history}


def parties(reader: Reader, keys: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """The parties registered by the horizon's date (with `keys`, only those), each with its
    population history. A figure holds from its peildatum, whatever its effective date, so
    figures are read across the whole valid-time axis (still only as recorded by the horizon's
    log position)."""
    on = reader.horizon.on or today()
    state = fold(apply, {}, (e for e in reader.entries(kinds=KINDS, valid=False, key_in=keys)
                             if e.effective <= on or e.event == "PopulationRecorded"))
    people, figures = state.get("parties", {}), state.get("figures", {})
    return {k: with_population({**p, "populations": figures.get(k, [])}, on)
            for k, p in people.items()}


def party(reader: Reader, key: str) -> dict[str, Any] | None:
    """One party, as `parties` gives it, folding only its own entries (its key is matched without
    regard to case: another spelling than the registered one looks among all parties)."""
    on = reader.horizon.on or today()
    state: dict[str, Any] = fold(apply, {}, (
        e for e in reader.entries(keys=[(KINDS[0], key.strip())], valid=False)
        if e.effective <= on or e.event == "PopulationRecorded"))
    people = state.get("parties", {})
    if not people:
        found = parties(reader, keys=reader.spellings(KINDS[0], key))
        return {k.casefold(): v for k, v in found.items()}.get(key.strip().casefold())
    found = next(iter(people.values()))
    return with_population({**found, "populations": state.get("figures", {}).get(found["key"], [])},
                           on)


# --- narration for audit trails (projections.trail) --------------------------------------------

def describe(e: Entry, story: Any) -> Any:
    from projections.narration import Narration

    p = e.payload
    if e.event == "Registered":
        code = (_("CBS code {cbs}").format(cbs=p["cbs"]) if p.get("cbs")
                else _("key {key}").format(key=e.key))
        return Narration(_("{who} registered the {kind} {name} ({code}).").format(
            who=story.who(e), kind=p["kind"], name=p["name"], code=code))
    if e.event == "Corrected":
        if p.get("void"):
            return Narration(_("{who} declared party {key} registered in error (void).").format(
                who=story.who(e), key=e.key))
        names = {"name": _("name"), "kind": _("kind")}
        fixed = ", ".join(f"{names[k]} “{p[k]}”" for k in ("name", "kind")
                          if p.get(k) is not None)
        return Narration(_("{who} corrected party {key}: {fixed}.").format(
            who=story.who(e), key=e.key, fixed=fixed))
    return None


def title(subject: str, story: Any) -> str | None:
    kind, _sep, key = subject.partition(":")
    p = story.parties().get(key.casefold()) if kind == "party" else None
    if p is None:
        return None
    return _("Party {key}: {name} ({kind}).").format(key=p["key"], name=p["name"], kind=p["kind"])

"""View: indicators of a programme and whether it is getting there.

Per indicator on the reader's date (`--on`, default today): the baseline, the latest actual
measured on or before that date, and the target of that date's year (when no target is set for
that year: the next year that has one, else the last). *On track* compares the actual with the
value expected on the actual's date by linear interpolation between the baseline (its value on its
date) and the target (its value on 31 December of its year):

    expected = baseline + (target - baseline) * (actual date - baseline date)
                                                / (31 December of target year - baseline date)

An indicator that should rise is on track when actual >= expected; one that should fall (heat
demand from 13 PJ to 12 PJ) when actual <= expected. Without an actual or a target there is no
verdict. `realised` is the share of the way from baseline to target covered by the actual.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ledger.dates import today
from ledger.errors import NotFound
from ledger.i18n import N_, _
from projections.narrative import assumptions
from projections.reading import Entry, Reader, fold

KINDS = ("indicator",)
ON_TRACK, BEHIND, NO_ACTUAL, NO_TARGET = "op koers", "achter", "geen meting", "geen doel"
# A verdict (a code) as a person reads it.
VERDICT_NAMES = {ON_TRACK: N_("on track"), BEHIND: N_("behind"), NO_ACTUAL: N_("no measurement"),
                 NO_TARGET: N_("no target")}


def verdict_text(verdict: str) -> str:
    """A verdict in the language in use ("op koers", "on track")."""
    name = VERDICT_NAMES.get(verdict)
    return _(name) if name else verdict


def empty() -> dict[str, Any]:
    return {}


def apply(state: dict[str, Any], e: Entry) -> dict[str, Any]:
    p = e.payload
    if e.event == "Defined":
        state[e.key] = {
            "key": e.key, "programme": p["programme"], "workstream": p.get("workstream"),
            "name": p["name"], "unit": p["unit"],
            "baseline": {"value": Decimal(p["baseline_value"]), "date": p["baseline_date"],
                         "source": p["baseline_source"]},
            "targets": {}, "measurements": [], "since": e.effective.isoformat(),
            "assumptions": assumptions(e.refs)}
    elif e.key in state and e.event == "TargetSet":
        state[e.key]["targets"][int(p["year"])] = {"value": Decimal(p["value"]),
                                                   "set_on": e.effective.isoformat(),
                                                   "position": e.position,
                                                   "assumptions": assumptions(e.refs)}
    elif e.key in state and e.event == "Measured":
        state[e.key]["measurements"].append({
            "value": Decimal(p["value"]), "date": e.effective.isoformat(), "source": p["source"],
            "actor": e.actor, "position": e.position})
    return state


def progress(ind: dict[str, Any], on: date) -> dict[str, Any]:
    """Baseline -> latest actual -> target of `on`'s year, with the verdict (see module doc)."""
    base = ind["baseline"]
    base_date = date.fromisoformat(base["date"])
    actual = ind["measurements"][-1] if ind["measurements"] else None
    years = sorted(ind["targets"])
    year = (on.year if on.year in ind["targets"]
            else next((y for y in years if y > on.year), years[-1] if years else None))
    target = ind["targets"][year]["value"] if year is not None else None
    out: dict[str, Any] = {"baseline": base["value"], "baseline_date": base["date"],
                           "actual": actual["value"] if actual else None,
                           "actual_date": actual["date"] if actual else None,
                           "actual_source": actual["source"] if actual else None,
                           "target_year": year, "target": target,
                           "target_assumptions": ind["targets"][year].get("assumptions", [])
                           if year is not None else [], "expected": None,
                           "realised_pct": None}
    if target is None or year is None:
        out["verdict"] = NO_TARGET
        return out
    end = date(year, 12, 31)
    at = date.fromisoformat(actual["date"]) if actual else on
    span = (end - base_date).days
    share = Decimal(1) if span <= 0 else min(Decimal(1), max(
        Decimal(0), Decimal((at - base_date).days) / Decimal(span)))
    expected = base["value"] + (target - base["value"]) * share
    out["expected"] = expected.quantize(Decimal("0.01"))
    if actual is None:
        out["verdict"] = NO_ACTUAL
        return out
    value = actual["value"]
    if target != base["value"]:
        out["realised_pct"] = ((value - base["value"]) / (target - base["value"]) * 100
                               ).quantize(Decimal("0.1"))
    rising = target >= base["value"]
    out["verdict"] = ON_TRACK if (value >= expected if rising else value <= expected) else BEHIND
    return out


def state(reader: Reader, programme: str | None = None) -> dict[str, Any]:
    """Every indicator; with `programme`, only that programme's (`PROGRAMME/KEY`), read by key."""
    keys = None
    if programme is not None:
        prefix = programme.strip().casefold() + "/"
        keys = [k for k in reader.keys("indicator") if k.casefold().startswith(prefix)]
    return fold(apply, empty(), reader.entries(kinds=KINDS, key_in=keys))


def indicators(reader: Reader, programme: str | None = None,
               workstream: str | None = None) -> list[dict[str, Any]]:
    """Every indicator (of a programme, of one werkstroom) with its progress on the date."""
    on = reader.horizon.on or today()
    out = []
    for ind in state(reader, programme).values():
        if programme and ind["programme"].casefold() != programme.strip().casefold():
            continue
        if workstream and (ind["workstream"] or "").casefold() != workstream.strip().casefold():
            continue
        out.append({**ind, "progress": progress(ind, on)})
    return sorted(out, key=lambda i: i["key"])


def indicator(reader: Reader, key: str) -> dict[str, Any]:
    from ledger.rules.indicator import split_indicator_key

    full = "/".join(split_indicator_key(key))
    on = reader.horizon.on or today()
    found = {k.casefold(): v for k, v in state(reader, full.split("/", 1)[0]).items()
             }.get(full.casefold())
    if found is None:
        raise NotFound(_("There is no indicator {key} (within the chosen dates).").format(key=full),
                       hint=_("List them with `ledger indicator list PROGRAMME`."))
    return {**found, "progress": progress(found, on)}

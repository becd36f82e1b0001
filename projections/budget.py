"""View: a programme's budget for any date, as the quarterly report prints it.

`apply` folds journal entries of programmes and budgets into, per programme, the list of
`Movement`s on its lines (plus reservations, funding and balance assertions); `finance_view` then
computes the finance table with the same pure functions the budget aggregate uses
(`ledger.rules.finance`; a reservation's state: `ledger.rules.reservation`), so a report and
the ledger's own rules never disagree. Reports call `finance_view(reader, programme, year)` or,
with entries they already hold, `fold` + `finance_of`.

Registers a check for `ledger status`: every balance assertion that fails and is neither
superseded by a later assertion of the same figure nor accepted with an explanation.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ledger.dates import show_date, today
from ledger.errors import NotFound
from ledger.i18n import _
from ledger.money import format_eur
from ledger.rules import reservation as reservations
from ledger.rules.finance import TOTAL, Line, Movement, evaluate_assertions, finance
from projections import health
from projections.narrative import assumptions
from projections.reading import Entry, Reader, fold

KINDS = ("programme", "budget")


def empty() -> dict[str, Any]:
    return {"programmes": {}, "budgets": {}}


def _budget(state: dict[str, Any], key: str) -> dict[str, Any]:
    budget: dict[str, Any] = state["budgets"].setdefault(key, {
        "movements": [], "reservations": {}, "spending": [], "shifts": [], "funding": [],
        "assertions": {}, "accepted": {}})
    return budget


def apply(state: dict[str, Any], e: Entry) -> dict[str, Any]:
    """Fold one entry (entries come in effective-date order, then log position)."""
    p = e.payload
    if e.kind == "programme":
        if e.event == "Created":
            state["programmes"][e.key] = {"code": e.key, "name": p["name"], "workstreams": {}}
        elif e.event == "WorkstreamAdded" and e.key in state["programmes"]:
            state["programmes"][e.key]["workstreams"][p["code"]] = p["name"]
        elif e.event == "WorkstreamBudgetNamed" and e.key in state["programmes"]:
            # the finance table names its rows as the begroting does
            state["programmes"][e.key]["workstreams"][p["code"]] = p["begroting"]
        return state
    if e.kind != "budget":
        return state
    b = _budget(state, e.key)

    def move(kind: str, ws: str, year: int, amount: str, reservation: str | None = None) -> None:
        b["movements"].append(Movement(e.effective, e.position, kind, ws, int(year),
                                       Decimal(amount), reservation))

    if e.event == "Allocated":
        move("allocate", p["workstream"], p["year"], p["amount"])
    elif e.event == "Reserved":
        move("reserve", p["workstream"], p["year"], p["amount"], p["reservation"])
        b["reservations"][p["reservation"]] = {
            "id": p["reservation"], "workstream": p["workstream"], "year": p["year"],
            "amount": Decimal(p["amount"]), "purpose": p["purpose"], "reserved_on": e.effective,
            "spends": [], "released": Decimal(0), "released_on": None,
            "assumptions": assumptions(e.refs)}
    elif e.event == "Spent":
        move("spend", p["workstream"], p["year"], p["amount"], p.get("reservation"))
        b["spending"].append({"effective": e.effective, "workstream": p["workstream"],
                              "year": p["year"], "amount": Decimal(p["amount"]),
                              "reservation": p.get("reservation"), "reference": p["reference"],
                              "description": p.get("description"), "position": e.position})
        r = b["reservations"].get(p.get("reservation") or "")
        if r is not None:
            r["spends"].append((e.effective, Decimal(p["amount"])))
    elif e.event == "Released":
        move("release", p["workstream"], p["year"], p["amount"], p["reservation"])
        r = b["reservations"].get(p["reservation"])
        if r is not None:
            r["released"] += Decimal(p["amount"])
            r["released_on"] = e.effective
    elif e.event == "Shifted":
        move("shift-out", p["from_workstream"], p["from_year"], p["amount"])
        move("shift-in", p["to_workstream"], p["to_year"], p["amount"])
        b["shifts"].append({**p, "amount": Decimal(p["amount"]), "effective": e.effective,
                            "position": e.position})
    elif e.event == "Funded":
        b["funding"].append({**p, "amount": Decimal(p["amount"]), "effective": e.effective,
                             "shares": {k: Decimal(v) for k, v in p["shares"].items()}})
    elif e.event == "Asserted":
        b["assertions"][p["assertion"]] = {
            "workstream": p["workstream"], "column": p["column"], "year": p["year"],
            "on": p["on"], "amount": p["amount"], "document": p["document"],
            "recorded_at": e.recorded_at, "position": e.position, "actor": e.actor}
    elif e.event == "AssertionAccepted":
        b["accepted"][p["assertion"]] = {"reason": e.reason, "effective": e.effective.isoformat(),
                                         "actor": e.actor, "position": e.position}
    return state


def state_of(reader: Reader, programme: str | None = None) -> dict[str, Any]:
    keys = [("programme", programme.upper()), ("budget", programme.upper())] if programme else ()
    return fold(apply, empty(), reader.entries(kinds=() if keys else KINDS, keys=keys))


def finance_of(state: dict[str, Any], programme: str, year: int, on: date) -> dict[str, Any]:
    """The finance view of one programme from a folded state (pure)."""
    prog = state["programmes"].get(programme)
    if prog is None:
        raise NotFound(_("There is no programme '{programme}' (within the chosen dates).")
                       .format(programme=programme),
                       hint=_("List them with `ledger programme list`."))
    b = state["budgets"].get(programme) or _budget(empty(), programme)
    view = finance(b["movements"], year, on, prog["workstreams"])
    for row in view["rows"]:
        row["name"] = prog["workstreams"].get(row["workstream"], "")
    view["totals"]["name"] = "Totaal"
    assertions = [a for a in evaluate_assertions(
        {k: {f: a[f] for f in ("workstream", "column", "year", "on", "amount", "document")}
         for k, a in b["assertions"].items()}, b["movements"], b["accepted"])]
    for a in assertions:
        a.update({k: b["assertions"][a["id"]][k] for k in ("recorded_at", "position", "actor")})
    listed = []
    for r in b["reservations"].values():
        spends = r["spends"]
        spent = sum((a for _, a in spends), Decimal(0))
        resolved = reservations.resolved_on(r["amount"], spends, r["released_on"], r["released"])
        listed.append({**{k: r[k] for k in ("id", "workstream", "year", "amount", "purpose",
                                             "reserved_on")},
                       "spent": spent, "released": r["released"], "resolved_on": resolved,
                       "assumptions": r["assumptions"],
                       "remaining": reservations.remaining(r["amount"], spent, r["released"]),
                       "state": reservations.state(resolved, r["released"])})
    funding_total = sum((f["amount"] for f in b["funding"]), Decimal(0))
    by_party: dict[str, Decimal] = {}
    for f in b["funding"]:
        for party, amount in f["shares"].items():
            by_party[party] = by_party.get(party, Decimal(0)) + amount
    return {"programme": programme, "name": prog["name"], **view,
            "identity": "totaal_begroot = benut_tot_datum + budget_volgend_jaar + reservering + vrij",
            "reservations": listed, "spending": b["spending"], "shifts": b["shifts"],
            "funding": {"total": funding_total, "sources": b["funding"], "by_party": by_party,
                        "uncovered": view["totals"]["totaal_begroot"] - funding_total},
            "assertions": assertions,
            "failing": [a for a in assertions if a["state"] == "fail"]}


def finance_view(reader: Reader, programme: str, year: int | None = None) -> dict[str, Any]:
    """The finance view of `programme` for `year` (default: the horizon date's year) on the
    reader's horizon date (default: today)."""
    on = reader.horizon.on or today()
    code = programme.strip().upper()
    return finance_of(state_of(reader, code), code, year or on.year, on)


def describe_assertion(a: dict[str, Any]) -> str:
    """What a balance assertion checks, for a person: "totaal begroot 2021 per 31 december 2021"."""
    return _("{scope} {column} {year} on {on}").format(
        scope=a["workstream"] or _("total"), column=a["column"], year=a["year"],
        on=show_date(a["on"]))


def assertion_sentence(programme: str, a: dict[str, Any]) -> str:
    text = _("budget {programme}: assertion {id} ({what}, from '{document}') fails: printed "
             "{printed}, the ledger computes {computed}, a difference of {difference}").format(
        programme=programme, id=a["id"], what=describe_assertion(a), document=a["document"],
        printed=format_eur(a["amount"]), computed=format_eur(a["computed"]),
        difference=format_eur(a["difference"]))
    rows = a.get("printed_rows_sum")
    if a["workstream"] is None and rows is not None and rows != a["amount"]:
        text += _("; the rows printed in the same document add up to {rows}, so the printed "
                  "total is not the sum of its rows").format(rows=format_eur(rows))
    return text


def failing_assertions(reader: Reader) -> list[str]:
    """For `ledger status`: every failing assertion that is not superseded or accepted."""
    s = state_of(reader)
    found = []
    for code, b in sorted(s["budgets"].items()):
        if not b["assertions"]:
            continue
        for a in evaluate_assertions(
                {k: {f: v[f] for f in ("workstream", "column", "year", "on", "amount", "document")}
                 for k, v in b["assertions"].items()}, b["movements"], b["accepted"]):
            if a["state"] == "fail":
                found.append(assertion_sentence(code, a))
    return found


health.CHECKS.append(failing_assertions)

# --- narration for audit trails (projections.trail) --------------------------------------------

STATE = ("allocated", "budget", "reserved", "spent", "free")
RESERVATION_STATE = ("amount", "spent", "released", "remaining")


def _cents(value: Decimal) -> str:
    return f"{value:.2f}"


def _movements(story: Any, key: str) -> list[Movement]:
    """Every movement of the programme's budget as recorded by the trail's horizon (whatever
    its effective date), each with its log position as `seq`; folded once per trail."""
    memo = story.memory.setdefault("budget-movements", {})
    if key not in memo:
        state = fold(apply, empty(), story.known.entries(keys=[("budget", key)], valid=False,
                                                         order="log"))
        memo[key] = (state["budgets"].get(key) or {"movements": []})["movements"]
    return list(memo[key])


def _line_state(movements: list[Movement], ws: str, year: int) -> dict[str, str]:
    line = Line()
    for m in movements:
        if (m.workstream, m.year) == (ws, year):
            line.apply(m)
    values = {"allocated": line.allocated, "budget": line.budget, "reserved": line.reserved,
              "spent": line.spent, "free": line.free}
    return {k: _cents(values[k]) for k in STATE}


def _reservation_state(movements: list[Movement], rid: str) -> dict[str, str] | None:
    mine = [m for m in movements if m.reservation == rid]
    amount = sum((m.amount for m in mine if m.kind == "reserve"), Decimal(0))
    spent = sum((m.amount for m in mine if m.kind == "spend"), Decimal(0))
    released = sum((m.amount for m in mine if m.kind == "release"), Decimal(0))
    if not mine:
        return None
    values = {"amount": amount, "spent": spent, "released": released,
              "remaining": reservations.remaining(amount, spent, released)}
    return {k: _cents(values[k]) for k in RESERVATION_STATE}


def describe(e: Entry, story: Any) -> Any:
    """A budget event in a trail: before → after is the state of each budget line it moves
    (allocated, budget after shifts, reserved, spent, free) and of the reservation it touches
    (amount, spent, released, remaining), from everything recorded before the event and with it
    (log order, every effective date); the figures it changes are shown, the line the trail is
    about unlabelled, other lines and reservations labelled."""
    from projections.narration import Narration, generic_sentence

    all_moves = _movements(story, e.key)
    before = [m for m in all_moves if m.seq < e.position]
    after = [m for m in all_moves if m.seq <= e.position]
    mine = [m for m in all_moves if m.seq == e.position]
    if not mine:
        return None  # funding, assertions: their own fields tell what they record
    changes: dict[str, dict[str, Any]] = {}
    subject = story.subject.casefold()
    for ws, year in dict.fromkeys((m.workstream, m.year) for m in mine):
        line = f"budget:{e.key}/{ws}/{year}"
        prefix = "" if line.casefold() == subject else story.label(line) + " "
        old, new = _line_state(before, ws, year), _line_state(after, ws, year)
        for k in STATE:
            if old[k] != new[k]:
                changes[prefix + k] = {"before": old[k], "after": new[k]}
    for rid in dict.fromkeys(m.reservation for m in mine if m.reservation):
        part = f"reservation:{e.key}/{rid}"
        prefix = "" if part.casefold() == subject else story.label(part) + " "
        old_r, new_r = _reservation_state(before, rid), _reservation_state(after, rid)
        for k in RESERVATION_STATE:
            was, now = old_r[k] if old_r else None, new_r[k] if new_r else None
            if was != now and not (was is None and now == "0.00"):
                changes[prefix + k] = {"before": was, "after": now}
    return Narration(generic_sentence(e, story), changes)


__all__ = ["apply", "describe", "empty", "finance_of", "finance_view", "failing_assertions",
           "TOTAL"]

"""The finance calculator: a programme's budget as `Movement`s on lines (a werkstroom in a year),
folded in effective-date order into each line's totals (`line_totals`), the finance table the
quarterly report prints (`finance`), one figure of it (`figure`), the first date a line falls
short (`first_shortfall`), and balance assertions judged against the computed figures
(`evaluate_assertions`). The `Budget` aggregate (`ledger/domain/budget.py`) checks its rules with
these functions; the budget view (`projections/budget.py`) computes what it shows with them, so
the ledger and its reports cannot disagree. docs/budget.md explains each column."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import groupby
from typing import Any

from ledger.errors import InvalidInput
from ledger.i18n import _

ZERO = Decimal("0.00")
COLUMNS = {  # assertion column -> key of a finance row
    "totaal-begroot": "totaal_begroot",
    "begroot": "begroot",
    "benut": "benut",
    "budget-volgend-jaar": "budget_volgend_jaar",
    "reservering": "reservering",
}
TOTAL = "totaal"


# --- movements and the figures folded from them ----------------------------------------------

@dataclass(frozen=True)
class Movement:
    """One change of one line: `allocate`, `shift-in`, `shift-out`, `reserve`, `spend` (against
    a reservation when `reservation` is set) or `release`."""

    effective: date
    seq: int
    kind: str
    workstream: str
    year: int
    amount: Decimal
    reservation: str | None = None


@dataclass
class Line:
    allocated: Decimal = ZERO
    budget: Decimal = ZERO
    reserved: Decimal = ZERO
    spent: Decimal = ZERO

    @property
    def free(self) -> Decimal:
        """Budget neither reserved nor spent."""
        return self.budget - self.reserved - self.spent

    def apply(self, m: Movement) -> None:
        if m.kind == "allocate":
            self.allocated += m.amount
            self.budget += m.amount
        elif m.kind == "shift-in":
            self.budget += m.amount
        elif m.kind == "shift-out":
            self.budget -= m.amount
        elif m.kind == "reserve":
            self.reserved += m.amount
        elif m.kind == "spend":
            self.spent += m.amount
            if m.reservation:
                self.reserved -= m.amount
        elif m.kind == "release":
            self.reserved -= m.amount


def fold_order(m: Movement) -> tuple[date, int]:
    return (m.effective, m.seq)


def line_totals(movements: Iterable[Movement], on: date | None = None
                ) -> dict[tuple[str, int], Line]:
    """Every line's totals on `on` (all movements when None)."""
    lines: dict[tuple[str, int], Line] = {}
    for m in sorted(movements, key=fold_order):
        if on is not None and m.effective > on:
            break
        lines.setdefault((m.workstream, m.year), Line()).apply(m)
    return lines


def finance(movements: Iterable[Movement], year: int, on: date | None,
            workstreams: Iterable[str] = ()) -> dict[str, Any]:
    """The finance table for `year` on `on`, as the quarterly report prints it.

    Per werkstroom: totaal_begroot (its budget over all years), begroot (allocated to `year`,
    before shifts), budget_jaar (the budget of `year` after shifts), benut (spent, charged to
    `year`), benut_tot_datum (spent, all years), budget_volgend_jaar (the free budget of
    `year + 1`), reservering (open reservations, all years) and vrij (free budget of the other
    years). By construction totaal_begroot = benut_tot_datum + budget_volgend_jaar + reservering
    + vrij; docs/budget.md explains each column."""
    lines = line_totals(movements, on)
    codes = list(dict.fromkeys([*workstreams, *sorted({ws for ws, _ in lines})]))
    rows = []
    for ws in codes:
        mine = {y: line for (w, y), line in lines.items() if w == ws}
        nxt = mine.get(year + 1, Line())
        row: dict[str, Any] = {
            "workstream": ws,
            "totaal_begroot": sum((ln.budget for ln in mine.values()), ZERO),
            "begroot": mine.get(year, Line()).allocated,
            "budget_jaar": mine.get(year, Line()).budget,
            "benut": mine.get(year, Line()).spent,
            "benut_tot_datum": sum((ln.spent for ln in mine.values()), ZERO),
            "budget_volgend_jaar": nxt.free,
            "reservering": sum((ln.reserved for ln in mine.values()), ZERO),
            "vrij": sum((ln.free for y, ln in mine.items() if y != year + 1), ZERO),
        }
        rows.append(row)
    keys = [k for k in rows[0] if k != "workstream"] if rows else list(EMPTY_ROW)
    totals: dict[str, Any] = {"workstream": TOTAL,
                              **{k: sum((r[k] for r in rows), ZERO) for k in keys}}
    return {"year": year, "on": on, "rows": rows, "totals": totals}


EMPTY_ROW = ("totaal_begroot", "begroot", "budget_jaar", "benut", "benut_tot_datum",
             "budget_volgend_jaar", "reservering", "vrij")


def figure(movements: Iterable[Movement], *, on: date, year: int, column: str,
           workstream: str | None) -> Decimal:
    """One figure of the finance table: a werkstroom's (or, when None, the total's) column."""
    view = finance(movements, year, on, [workstream] if workstream else [])
    row = view["totals"] if workstream is None else next(
        r for r in view["rows"] if r["workstream"] == workstream)
    value: Decimal = row[COLUMNS[column]]
    return value


def first_shortfall(movements: Iterable[Movement], workstream: str, year: int,
                    since: date) -> tuple[date, Decimal] | None:
    """The first date on or after `since` at whose end the line's reservations and spending
    exceed its budget, with the (negative) free amount then; None when the line holds."""
    mine = sorted((m for m in movements if m.workstream == workstream and m.year == year),
                  key=fold_order)
    line = Line()
    for day, group in groupby(mine, key=lambda m: m.effective):
        for m in group:
            line.apply(m)
        if day >= since and line.free < 0:
            return day, line.free
    return None


def check_column(column: str) -> str:
    value = str(column).strip().lower()
    if value not in COLUMNS:
        raise InvalidInput(_("'{column}' is not a column of the finance table.").format(
            column=column), hint=_("Use one of: {columns}.").format(columns=", ".join(COLUMNS)))
    return value


# --- assertions: printed figures against computed ones ---------------------------------------

def figure_key(a: dict[str, Any]) -> tuple[Any, ...]:
    """What an assertion is about: superseded by a later assertion of the same figure."""
    return (a["workstream"], a["column"], int(a["year"]), str(a["on"]))


def evaluate_assertions(assertions: dict[str, dict[str, Any]], movements: list[Movement],
                        accepted: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Each assertion with the ledger's figure now and its state: `pass`, `fail`, `accepted`
    (failing, with an explained acceptance) or `superseded` (a later assertion of the same
    figure replaced it). A total asserted beside the rows of the same document also says what
    the printed rows add up to."""
    latest: dict[tuple[Any, ...], str] = {}
    for aid, a in assertions.items():  # in recording order: the last one wins
        latest[figure_key(a)] = aid
    out = []
    for aid, a in assertions.items():
        on = a["on"] if isinstance(a["on"], date) else date.fromisoformat(a["on"])
        computed = figure(movements, on=on, year=int(a["year"]), column=a["column"],
                          workstream=a["workstream"])
        printed = Decimal(a["amount"])
        difference = printed - computed
        if latest[figure_key(a)] != aid:
            state = "superseded"
        elif difference == 0:
            state = "pass"
        elif aid in accepted:
            state = "accepted"
        else:
            state = "fail"
        item = {"id": aid, **a, "on": on, "amount": printed, "computed": computed,
                "difference": difference, "state": state,
                "superseded_by": latest[figure_key(a)] if state == "superseded" else None,
                "acceptance": accepted.get(aid)}
        out.append(item)
    _printed_row_sums(out)
    return out


def _printed_row_sums(items: list[dict[str, Any]]) -> None:
    rows: dict[tuple[Any, ...], list[Decimal]] = {}
    for a in items:
        if a["workstream"] is not None and a["state"] != "superseded":
            rows.setdefault((a["document"], a["column"], a["year"], a["on"]), []).append(a["amount"])
    for a in items:
        if a["workstream"] is None:
            printed = rows.get((a["document"], a["column"], a["year"], a["on"]))
            a["printed_rows_sum"] = sum(printed, ZERO) if printed else None

"""Reservations (reserveringen): budget set aside on a line for a purpose, then spent against or
released. A reservation is *resolved* once nothing of it remains (its spending and what was
released reach its amount, or pass it: a reservation overspent by events recorded before the
rules is resolved too) or once the rest is released; a resolved reservation takes no more
spending and is not released again. It is resolved on its release date when released, else on
the date of its latest spending.

The `Budget` aggregate (`ledger/domain/budget.py`) refuses with `check_open`; the budget view
(`projections/budget.py`) shows `state` and `remaining` with the same functions, so the ledger and
`ledger budget show` always call the same reservations open."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ledger.dates import show_date
from ledger.errors import RuleViolation
from ledger.i18n import _
from ledger.money import format_eur

ZERO = Decimal("0.00")
OPEN, SPENT, RELEASED = "open", "spent", "released"


def remaining(amount: Decimal, spent: Decimal, released: Decimal) -> Decimal:
    """What is left of a reservation: its amount less what was spent against it and released."""
    return amount - spent - released


def resolved_on(amount: Decimal, spends: Iterable[tuple[date, Decimal]],
                release: date | None, released: Decimal = ZERO) -> date | None:
    """The day a reservation was resolved, or None while it is open: its release date when (the
    rest of) it was released; else the date of its latest spending once nothing remains."""
    if release is not None:
        return release
    dated = list(spends)
    spent = sum((a for _, a in dated), ZERO)
    if dated and remaining(amount, spent, released) <= 0:
        return max(d for d, _ in dated)
    return None


def state(resolved: date | None, released: Decimal) -> str:
    """`open` until resolved; then `released` when anything was released, else `spent`."""
    if resolved is None:
        return OPEN
    return RELEASED if released else SPENT


@dataclass
class Reservation:
    """A reservation as the ledger knows it: what was reserved, and each spending and release."""

    id: str
    workstream: str
    year: int
    amount: Decimal
    effective: date
    purpose: str
    spends: list[tuple[date, Decimal]] = field(default_factory=list)
    released: Decimal = ZERO
    released_on: date | None = None

    def spend(self, on: date, amount: Decimal) -> None:
        self.spends.append((on, amount))

    def release(self, on: date, amount: Decimal) -> None:
        self.released += amount
        self.released_on = on

    @property
    def spent(self) -> Decimal:
        return sum((a for _, a in self.spends), ZERO)

    @property
    def last_spent(self) -> date | None:
        return max((d for d, _ in self.spends), default=None)

    @property
    def remaining(self) -> Decimal:
        return remaining(self.amount, self.spent, self.released)

    @property
    def resolved_on(self) -> date | None:
        return resolved_on(self.amount, self.spends, self.released_on, self.released)

    @property
    def state(self) -> str:
        return state(self.resolved_on, self.released)


def check_open(r: Reservation, consequence: str) -> None:
    """Refuse when `r` is resolved; `consequence` (translated) says what cannot happen."""
    resolved = r.resolved_on
    if resolved is not None:
        how = (_("released {amount}").format(amount=format_eur(r.released)) if r.released
               else _("spent in full"))
        raise RuleViolation(
            _("Reservation {id} was resolved on {on} ({how}); a reservation resolves once, "
              "{consequence}.").format(id=r.id, on=show_date(resolved), how=how,
                                       consequence=consequence),
            hint=_("Spend directly on the line, or make a new reservation."))

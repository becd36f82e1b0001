"""The budget of a programme: allocations, reservations, spending, shifts, funding, and balance
assertions against the figures printed in reports.

One aggregate per programme, keyed by the programme's code: every rule about money ("a line never
goes below zero", "a shift moves money, it never creates it") is about several lines and dates at
once, so they must be checked against one consistent history. A *line* is a werkstroom in a year
(`WS1 2021`). Every event becomes one or two `Movement`s on lines; every figure is a fold of the
movements up to a date, in effective-date order, by `line_totals` and `finance` of the finance
calculator (`ledger/rules/finance.py`; reservations' states in `ledger/rules/reservation.py`). The
same functions serve the aggregate (to check rules and assertions) and the read side
(`projections/budget.py`), so the ledger and its reports cannot disagree.

Back-dated events are checked for every date from their effective date on: the line's movements
are folded in effective-date order and the rule must hold at the end of each date.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ledger.dates import show_date
from ledger.domain.base import LedgerAggregate
from ledger.envelope import Envelope, parse_ref
from ledger.errors import InvalidInput, NotFound, RuleViolation
from ledger.i18n import _
from ledger.money import format_eur, parse_amount
from ledger.rules.finance import (
    ZERO,
    Line,
    Movement,
    check_column,
    evaluate_assertions,
    figure,
    first_shortfall,
    line_totals,
)
from ledger.rules.names import check_key, check_name
from ledger.rules.reservation import Reservation, check_open

SOURCE_KINDS = ("gemeenten", "rijk", "other")



# --- the aggregate ---------------------------------------------------------------------------

class Budget(LedgerAggregate):
    KIND = "budget"
    if TYPE_CHECKING:  # state, set by the events' apply methods
        programme: str
        movements: list[Movement]
        reservations: dict[str, Reservation]
        assertions: dict[str, dict[str, Any]]
        accepted: dict[str, dict[str, Any]]
        funding: list[dict[str, Any]]

    class Opened(LedgerAggregate.Created):
        programme: str

        def apply(self, b: Budget) -> None:
            b.key, b.programme = self.key, self.programme
            b.movements, b.reservations, b.funding = [], {}, []
            b.assertions, b.accepted = {}, {}

    class Allocated(LedgerAggregate.Event):
        workstream: str
        year: int
        amount: Decimal
        decision: str | None

        def apply(self, b: Budget) -> None:
            b._move("allocate", self.effective, self.workstream, self.year, self.amount)

        def subjects(self, key: str) -> list[str]:
            return _line_subjects(key, self.workstream, self.year)

    class Reserved(LedgerAggregate.Event):
        reservation: str
        workstream: str
        year: int
        amount: Decimal
        purpose: str

        def apply(self, b: Budget) -> None:
            b.reservations[self.reservation] = Reservation(
                self.reservation, self.workstream, self.year, self.amount, self.effective,
                self.purpose)
            b._move("reserve", self.effective, self.workstream, self.year, self.amount,
                    self.reservation)

        def subjects(self, key: str) -> list[str]:
            return [*_line_subjects(key, self.workstream, self.year),
                    f"reservation:{key}/{self.reservation}"]

    class Spent(LedgerAggregate.Event):
        workstream: str
        year: int
        amount: Decimal
        reservation: str | None
        reference: str
        description: str | None

        def apply(self, b: Budget) -> None:
            if self.reservation:
                b.reservations[self.reservation].spend(self.effective, self.amount)
            b._move("spend", self.effective, self.workstream, self.year, self.amount,
                    self.reservation)

        def subjects(self, key: str) -> list[str]:
            extra = [f"reservation:{key}/{self.reservation}"] if self.reservation else []
            return [*_line_subjects(key, self.workstream, self.year), *extra]

    class Released(LedgerAggregate.Event):
        reservation: str
        workstream: str
        year: int
        amount: Decimal

        def apply(self, b: Budget) -> None:
            b.reservations[self.reservation].release(self.effective, self.amount)
            b._move("release", self.effective, self.workstream, self.year, self.amount,
                    self.reservation)

        def subjects(self, key: str) -> list[str]:
            return [*_line_subjects(key, self.workstream, self.year),
                    f"reservation:{key}/{self.reservation}"]

    class Shifted(LedgerAggregate.Event):
        from_workstream: str
        from_year: int
        to_workstream: str
        to_year: int
        amount: Decimal
        decision: str

        def apply(self, b: Budget) -> None:
            b._move("shift-out", self.effective, self.from_workstream, self.from_year, self.amount)
            b._move("shift-in", self.effective, self.to_workstream, self.to_year, self.amount)

        def subjects(self, key: str) -> list[str]:
            subs = _line_subjects(key, self.from_workstream, self.from_year)
            return subs + [s for s in _line_subjects(key, self.to_workstream, self.to_year)
                           if s not in subs]

    class Funded(LedgerAggregate.Event):
        """Funding. When the shares were computed by an agreement's verdeelsleutel, `agreement`
        names it and `verdeelsleutel` is the key as it stood on the effective date (its
        `peildatum` also kept on its own: the population date of a per-inwoner key)."""

        class_version = 2
        source_kind: str
        source: str
        year: int | None
        amount: Decimal
        shares: dict[str, Decimal]
        agreement: str | None
        verdeelsleutel: dict[str, Any] | None
        peildatum: date | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            # Funding recorded before shares could be computed by an agreement.
            state.update(agreement=None, verdeelsleutel=None, peildatum=None)

        def apply(self, b: Budget) -> None:
            b.funding.append({"source_kind": self.source_kind, "source": self.source,
                              "year": self.year, "amount": self.amount,
                              "shares": dict(self.shares), "effective": self.effective,
                              "agreement": self.agreement, "peildatum": self.peildatum})

        def subjects(self, key: str) -> list[str]:
            parties = [f"party:{p}" for p in self.shares]
            return [*parties, f"agreement:{self.agreement}"] if self.agreement else parties

    class Asserted(LedgerAggregate.Event):
        assertion: str
        workstream: str | None
        column: str
        year: int
        on: date
        amount: Decimal
        document: str
        computed: Decimal

        def apply(self, b: Budget) -> None:
            b.assertions[self.assertion] = {
                "workstream": self.workstream, "column": self.column, "year": self.year,
                "on": self.on, "amount": self.amount, "document": self.document}

        def subjects(self, key: str) -> list[str]:
            extra = [f"workstream:{key}/{self.workstream}"] if self.workstream else []
            return [f"assertion:{key}/{self.assertion}", *extra]

    class AssertionAccepted(LedgerAggregate.Event):
        assertion: str
        difference: Decimal

        def apply(self, b: Budget) -> None:
            b.accepted[self.assertion] = {"reason": self.reason, "effective": self.effective,
                                          "difference": self.difference}

        def subjects(self, key: str) -> list[str]:
            return [f"assertion:{key}/{self.assertion}"]

    def _move(self, kind: str, effective: date, workstream: str, year: int, amount: Decimal,
              reservation: str | None = None) -> None:
        self.movements.append(Movement(effective, len(self.movements), kind, workstream, year,
                                       amount, reservation))

    # --- commands --------------------------------------------------------------------------

    @classmethod
    def open(cls, env: Envelope, programme: str) -> Budget:
        return cls._register(cls.Opened, env, programme, programme=programme)

    def allocate(self, env: Envelope, *, workstream: str, year: int, amount: str | int | Decimal,
                 decision: str | None = None) -> Decimal:
        value = parse_amount(amount, allow_zero=False)
        self._record(self.Allocated, env, workstream=workstream, year=year, amount=value,
                     decision=decision)
        return value

    def reserve(self, env: Envelope, *, workstream: str, year: int, amount: str | int | Decimal,
                purpose: str, reservation: str | None = None) -> str:
        value = parse_amount(amount, allow_zero=False)
        purpose = check_name(purpose, _("purpose of the reservation"))
        rid = self._new_id(reservation, "R", self.reservations, _("reservation id"))
        self.check_room(
            [Movement(env.effective, len(self.movements), "reserve", workstream, year, value)],
            _("Reserving {amount} on {workstream} {year} on {on}").format(
                amount=format_eur(value), workstream=workstream, year=year,
                on=show_date(env.effective)), env.effective)
        self._record(self.Reserved, env, reservation=rid, workstream=workstream, year=year,
                     amount=value, purpose=purpose)
        return rid

    def spend(self, env: Envelope, *, amount: str | int | Decimal, reference: str,
              workstream: str | None = None, year: int | None = None,
              reservation: str | None = None, description: str | None = None) -> dict[str, Any]:
        value = parse_amount(amount, allow_zero=False)
        ref = check_reference(reference)
        description = check_name(description, _("description"), required=False)
        on = env.effective
        rid = None
        if reservation:
            r = self.reservation(reservation)
            rid = r.id
            if workstream is not None and workstream != r.workstream or \
                    year is not None and year != r.year:
                raise RuleViolation(
                    _("Reservation {id} is on {workstream} {year}, not on {given_workstream} "
                      "{given_year}.").format(
                        id=r.id, workstream=r.workstream, year=r.year,
                        given_workstream=workstream or r.workstream, given_year=year or r.year),
                    hint=_("Leave out --workstream and --year when spending against a "
                           "reservation."))
            check_open(r, _("so {amount} cannot be spent from it").format(
                amount=format_eur(value)))
            if on < r.effective:
                raise RuleViolation(
                    _("Spending on {on} cannot be charged to reservation {id}, made only on "
                      "{made}.").format(on=show_date(on), id=r.id, made=show_date(r.effective)),
                    hint=_("Spend on or after the reservation's date."))
            if value > r.remaining:
                raise RuleViolation(
                    _("Spending {amount} exceeds what is left of reservation {id}: {remaining} of "
                      "{reserved}.").format(amount=format_eur(value), id=r.id,
                                            remaining=format_eur(r.remaining),
                                            reserved=format_eur(r.amount)),
                    hint=_("Spend the rest directly on the line, or reserve more first."))
            workstream, year = r.workstream, r.year
        else:
            if workstream is None:
                raise InvalidInput(_("Spending needs a werkstroom or a reservation."),
                                   hint=_("Pass --workstream WS1 (and --year) or --reservation "
                                          "ID."))
            year = year if year is not None else on.year
            self.check_room(
                [Movement(on, len(self.movements), "spend", workstream, year, value)],
                _("Spending {amount} on {workstream} {year} on {on}").format(
                    amount=format_eur(value), workstream=workstream, year=year,
                    on=show_date(on)), on)
        self._record(self.Spent, env, workstream=workstream, year=year, amount=value,
                     reservation=rid,
                     reference=ref, description=description)
        return {"workstream": workstream, "year": year, "amount": value}

    def release(self, env: Envelope, *, reservation: str) -> Decimal:
        r = self.reservation(reservation)
        check_open(r, _("so it cannot be released"))
        on = env.effective
        if on < r.effective:
            raise RuleViolation(
                _("Reservation {id} cannot be released on {on}, before it was made on "
                  "{made}.").format(id=r.id, on=show_date(on), made=show_date(r.effective)),
                hint=_("Release it on or after the date it was made."))
        if r.last_spent is not None and on < r.last_spent:
            raise RuleViolation(
                _("Reservation {id} cannot be released on {on}: it was spent on as late as "
                  "{last}.").format(id=r.id, on=show_date(on), last=show_date(r.last_spent)),
                hint=_("Release on or after its last spending."))
        remaining = r.remaining
        self._record(self.Released, env, reservation=r.id, workstream=r.workstream, year=r.year,
                     amount=remaining)
        return remaining

    def shift(self, env: Envelope, *, from_workstream: str, from_year: int, to_workstream: str,
              to_year: int, amount: str | int | Decimal, decision: str) -> Decimal:
        value = parse_amount(amount, allow_zero=False)
        if (from_workstream, from_year) == (to_workstream, to_year):
            raise InvalidInput(
                _("A shift from {workstream} {year} to itself moves nothing.").format(
                    workstream=from_workstream, year=from_year),
                hint=_("Name another werkstroom or year to shift to."))
        on = env.effective
        free_now = line_totals(self.movements, on).get((from_workstream, from_year), Line()).free
        found = first_shortfall(
            [*self.movements, Movement(on, len(self.movements), "shift-out", from_workstream,
                                       from_year, value)], from_workstream, from_year, on)
        if found is not None:
            day, short = found
            if day == on or free_now < value:
                raise RuleViolation(
                    _("A shift moves money, it never creates it: {workstream} {year} has {free} "
                      "unreserved and unspent on {on}, not {amount}.").format(
                        workstream=from_workstream, year=from_year,
                        free=format_eur(max(free_now, ZERO)), on=show_date(on),
                        amount=format_eur(value)),
                    hint=_("Shift at most the line's free budget, or release a reservation "
                           "first."))
            raise RuleViolation(
                _("A shift moves money, it never creates it: moving {amount} out of {workstream} "
                  "{year} on {on} would leave it {short} short on {day}, when reservations and "
                  "spending already recorded no longer fit.").format(
                    amount=format_eur(value), workstream=from_workstream, year=from_year,
                    on=show_date(on), short=format_eur(-short), day=show_date(day)),
                hint=_("Shift less, or date the shift after those movements."))
        self._record(self.Shifted, env, from_workstream=from_workstream, from_year=from_year,
                     to_workstream=to_workstream, to_year=to_year, amount=value,
                     decision=decision)
        return value

    def fund(self, env: Envelope, *, source_kind: str | None, source: str | None = None,
             amount: str | int | Decimal | None = None, shares: dict[str, Decimal] | None = None,
             year: int | None = None, agreement: str | None = None,
             verdeelsleutel: dict[str, Any] | None = None) -> Decimal:
        """Record funding. With `agreement`, the shares are those its `verdeelsleutel` computed
        for the amount on the effective date (see `Ledger.agreement_shares`)."""
        if source_kind in (None, ""):
            raise InvalidInput(_("Funding needs the kind of its source."),
                               hint=_("Pass --kind, one of: {kinds}.").format(
                                   kinds=", ".join(SOURCE_KINDS)))
        kind = str(source_kind).strip().lower()
        if kind not in SOURCE_KINDS:
            raise InvalidInput(_("'{kind}' is not a kind of funding source.").format(
                kind=source_kind), hint=_("Use one of: {kinds}.").format(
                    kinds=", ".join(SOURCE_KINDS)))
        parts = {p: parse_amount(v, allow_zero=False) for p, v in (shares or {}).items()}
        total = sum(parts.values(), ZERO)
        value = parse_amount(amount, allow_zero=False) if amount not in (None, "") else None
        if kind == "gemeenten" and not parts:
            raise InvalidInput(_("Contributions of gemeenten need the amount of each party."),
                               hint=_("Pass --share GM0518:120000 for every contributing "
                                      "party."))
        if parts and value is not None and value != total:
            raise InvalidInput(_("The shares add up to {total}, not to the amount "
                                 "{amount}.").format(total=format_eur(total),
                                                     amount=format_eur(value)),
                               hint=_("Leave out --amount, or make the shares add up to it."))
        if value is None and not parts:
            raise InvalidInput(_("Funding needs an amount."),
                               hint=_("Pass --amount, e.g. 250k."))
        if agreement is not None and kind != "gemeenten":
            raise InvalidInput(_("Funding by an agreement's verdeelsleutel is a contribution of "
                                 "its parties (kind gemeenten), not of kind {kind}.").format(
                                     kind=kind),
                               hint=_("Leave out --kind, or record other funding without "
                                      "--by-agreement."))
        name = check_name(source, _("funding source"), required=False) or agreement or kind
        peildatum = (date.fromisoformat(verdeelsleutel["peildatum"])
                     if verdeelsleutel and verdeelsleutel.get("peildatum") else None)
        self._record(self.Funded, env, source_kind=kind, source=name, year=year,
                     amount=value if value is not None else total, shares=parts,
                     agreement=agreement, verdeelsleutel=dict(verdeelsleutel or {}) or None,
                     peildatum=peildatum)
        return value if value is not None else total

    def assert_figure(self, env: Envelope, *, workstream: str | None, column: str, year: int,
                      amount: str | int | Decimal, document: str,
                      assertion: str | None = None) -> dict[str, Any]:
        column = check_column(column)
        printed = parse_amount(amount)
        document = check_name(document, _("document"))
        aid = self._new_id(assertion, "A", self.assertions, _("assertion id"))
        computed = figure(self.movements, on=env.effective, year=year, column=column,
                          workstream=workstream)
        self._record(self.Asserted, env, assertion=aid, workstream=workstream, column=column,
                     year=year, on=env.effective, amount=printed, document=document,
                     computed=computed)
        return {"assertion": aid, "printed": printed, "computed": computed,
                "difference": printed - computed,
                "result": "pass" if printed == computed else "fail"}

    def accept(self, env: Envelope, *, assertion: str) -> Decimal:
        aid = self._find_id(assertion, self.assertions, _("assertion"))
        if not env.reason:
            raise InvalidInput(_("Accepting assertion {id} needs an explanation.").format(id=aid),
                               hint=_("Pass --reason, e.g. why the printed figure differs."))
        state = {a["id"]: a for a in self.evaluated()}[aid]
        if state["state"] == "superseded":
            raise RuleViolation(_("Assertion {id} was superseded by {later}; there is nothing to "
                                  "accept.").format(id=aid, later=state["superseded_by"]))
        if state["state"] == "pass":
            raise RuleViolation(_("Assertion {id} passes; there is nothing to accept.").format(
                id=aid))
        if state["state"] == "accepted":
            raise RuleViolation(_("Assertion {id} was already accepted on {on}.").format(
                id=aid, on=show_date(self.accepted[aid]["effective"])))
        difference: Decimal = state["difference"]
        self._record(self.AssertionAccepted, env, assertion=aid, difference=difference)
        return difference

    # --- questions -------------------------------------------------------------------------

    def evaluated(self) -> list[dict[str, Any]]:
        return evaluate_assertions(self.assertions, self.movements, self.accepted)

    def reservation(self, rid: str) -> Reservation:
        return self.reservations[self._find_id(rid, self.reservations, _("reservation"))]

    def _find_id(self, given: str, known: dict[str, Any], what: str) -> str:
        """`what` is shown: give it translated (`_("reservation")`)."""
        value = str(given).strip().upper()
        if value not in known:
            raise NotFound(_("Budget {key} has no {what} '{given}'.").format(
                key=self.key, what=what, given=given),
                hint=_("See them with `ledger budget show --programme {key}`.").format(
                    key=self.key))
        return value

    def _new_id(self, given: str | None, prefix: str, known: dict[str, Any], what: str) -> str:
        if given:
            value = check_key(given, what).upper()
            if value in known:
                raise RuleViolation(_("Budget {key} already has {what} {id}.").format(
                    key=self.key, what=what, id=value),
                    hint=_("Leave out the id to get the next free one."))
            return value
        n = len(known) + 1
        while f"{prefix}{n}" in known:
            n += 1
        return f"{prefix}{n}"

    def check_room(self, new: list[Movement], what: str, since: date) -> None:
        """Refuse when the new movements would leave a line's reservations and spending above its
        budget on any date from `since` on."""
        movements = [*self.movements, *new]
        for m in new:
            found = first_shortfall(movements, m.workstream, m.year, since)
            if found is None:
                continue
            day, short = found
            budget = line_totals(movements, day).get((m.workstream, m.year), Line()).budget
            if day == since:
                text = _("{what} would take the line {short} below zero: reservations and "
                         "spending may not exceed its budget of {budget}.")
            else:
                text = _("{what} would take the line {short} below zero (on {day}, with the "
                         "movements already recorded up to then): reservations and spending may "
                         "not exceed its budget of {budget}.")
            raise RuleViolation(
                text.format(what=what, short=format_eur(-short), day=show_date(day),
                            budget=format_eur(budget)),
                hint=_("Allocate or shift budget to the line first, or use less."))


def check_reference(reference: str | None) -> str:
    if not reference or not str(reference).strip():
        raise InvalidInput(_("Spending needs a reference (an invoice, an order or a decision)."),
                           hint=_("Pass --reference factuur:2021-0042, order:PO-17 or "
                                  "besluit:ID."))
    return parse_ref(reference)


def _line_subjects(key: str, workstream: str, year: int) -> list[str]:
    return [f"budget:{key}/{workstream}/{year}", f"workstream:{key}/{workstream}"]


def parse_year(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value).strip()
    if not text.isdigit() or len(text) != 4:
        raise InvalidInput(_("'{year}' is not a year.").format(year=value),
                           hint=_("Write a year like 2021."))
    return int(text)

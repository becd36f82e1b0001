"""The budget's rules, held under any sequence of commands: whatever order and dates the secretariat
records movements in (back-dated ones included), no line is ever below zero on any date, a shift
never changes the programme's total, and a reservation resolves once. The aggregate is used in
memory: these are rules of the domain, not of a database."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.domain.budget import Budget, Line, first_shortfall, line_totals
from ledger.errors import LedgerError
from ledger.rules.finance import finance
from tests.conftest import env

START = date(2021, 9, 1)
LINES = [("WS1", 2021), ("WS1", 2022), ("WS2", 2021)]

day = st.integers(min_value=0, max_value=200).map(lambda n: (START + timedelta(days=n)).isoformat())
amount = st.integers(min_value=1, max_value=120).map(lambda k: f"{k}k")
line = st.sampled_from(LINES)
command = st.one_of(
    st.tuples(st.just("allocate"), day, line, amount),
    st.tuples(st.just("reserve"), day, line, amount),
    st.tuples(st.just("spend"), day, line, amount),
    st.tuples(st.just("spend-r"), day, st.integers(1, 6), amount),
    st.tuples(st.just("release"), day, st.integers(1, 6), st.just("")),
    st.tuples(st.just("shift"), day, st.tuples(line, line), amount),
)


def run(budget: Budget, cmd) -> None:
    kind, on, target, value = cmd
    e = env(on)
    if kind == "allocate":
        budget.allocate(e, workstream=target[0], year=target[1], amount=value)
    elif kind == "reserve":
        budget.reserve(e, workstream=target[0], year=target[1], amount=value, purpose="p")
    elif kind == "spend":
        budget.spend(e, workstream=target[0], year=target[1], amount=value, reference="factuur:1")
    elif kind == "spend-r":
        budget.spend(e, reservation=f"R{target}", amount=value, reference="factuur:1")
    elif kind == "release":
        budget.release(e, reservation=f"R{target}")
    else:
        (fw, fy), (tw, ty) = target
        budget.shift(e, from_workstream=fw, from_year=fy, to_workstream=tw, to_year=ty,
                     amount=value, decision="D")


def allocated(budget: Budget) -> Decimal:
    return sum((m.amount for m in budget.movements if m.kind == "allocate"), Decimal(0))


@settings(max_examples=150, deadline=None)
@given(st.lists(command, min_size=1, max_size=40))
def test_no_line_is_ever_below_zero_and_shifts_create_nothing(commands):
    budget = Budget.open(env("2021-09-01"), "WRL")
    for cmd in commands:
        before = len(budget.movements)
        try:
            run(budget, cmd)
        except LedgerError:
            assert len(budget.movements) == before  # a refusal records nothing
    for ws, year in LINES:
        assert first_shortfall(budget.movements, ws, year, date.min) is None
    totals = finance(budget.movements, 2021, None)["totals"]
    assert totals["totaal_begroot"] == allocated(budget)
    assert totals["totaal_begroot"] == (totals["benut_tot_datum"] + totals["budget_volgend_jaar"]
                                        + totals["reservering"] + totals["vrij"])
    for r in budget.reservations.values():
        assert r.remaining >= 0
        if r.resolved_on is not None:
            assert r.remaining == 0


def test_a_reservation_holds_budget_until_spent_or_released():
    budget = Budget.open(env("2021-09-01"), "WRL")
    budget.allocate(env("2021-10-05"), workstream="WS1", year=2021, amount="200k")
    rid = budget.reserve(env("2021-10-06"), workstream="WS1", year=2021, amount="100k",
                         purpose="studie")
    budget.spend(env("2021-11-30"), reservation=rid, amount="70k", reference="factuur:1")
    budget.release(env("2021-12-31"), reservation=rid)
    on = {d: line_totals(budget.movements, date.fromisoformat(d)).get(("WS1", 2021), Line())
          for d in ("2021-10-06", "2021-11-30", "2021-12-31")}
    assert [on[d].free for d in on] == [Decimal("100000"), Decimal("100000"), Decimal("130000")]
    assert [on[d].reserved for d in on] == [Decimal("100000"), Decimal("30000"), Decimal("0")]
    assert budget.reservations[rid].resolved_on == date(2021, 12, 31)

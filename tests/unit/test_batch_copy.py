"""A batch hands out copies of the aggregates it caches (ledger/application/batch.py): a command
that changes its copy and is then refused leaves the cached state as it was. Frozen records of
immutable values are shared, records a command may change are copied field by field."""

from dataclasses import FrozenInstanceError
from datetime import date
from decimal import Decimal

import pytest

from ledger.application.batch import copy_aggregate, copy_state
from ledger.domain.budget import Budget, Movement, Reservation


def budget() -> Budget:
    b = object.__new__(Budget)
    b.__dict__.update(
        programme="PRG", movements=[Movement(date(2021, 1, 1), 0, "allocate", "WS1", 2021,
                                             Decimal("100.00"))],
        reservations={"R1": Reservation("R1", "WS1", 2021, Decimal("50.00"), date(2021, 2, 1),
                                        "inhuur", spends=[(date(2021, 3, 1), Decimal("5"))])},
        assertions={}, accepted={}, funding=[{"shares": {"GM0546": Decimal("1")}}])
    return b


def test_a_copied_budget_changes_without_changing_the_cached_one():
    cached = budget()
    copy = copy_aggregate(cached)
    r = copy.reservations["R1"]
    r.spend(date(2021, 4, 1), Decimal("10"))
    r.release(date(2021, 5, 1), Decimal("5"))
    copy.movements.append(Movement(date(2021, 4, 1), 1, "spend", "WS1", 2021, Decimal("10")))
    copy.funding[0]["shares"]["GM0547"] = Decimal("2")
    original = cached.reservations["R1"]
    assert original is not r and type(r) is Reservation
    assert original.spent == Decimal("5") and len(original.spends) == 1
    assert original.released == 0 and original.released_on is None
    assert len(cached.movements) == 1 and cached.funding == [{"shares": {"GM0546": 1}}]
    assert r.remaining == Decimal("30.00") and original.remaining == Decimal("45.00")


def test_a_frozen_movement_is_shared_and_cannot_be_changed():
    m = Movement(date(2021, 1, 1), 0, "allocate", "WS1", 2021, Decimal("1"))
    assert copy_state(m) is m
    with pytest.raises(FrozenInstanceError):
        m.amount = Decimal("2")  # type: ignore[misc]


def test_a_frozen_record_holding_something_changeable_is_copied():
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Holder:
        items: list[str]

    h = Holder(["a"])
    c = copy_state(h)
    assert c is not h and c.items == ["a"] and c.items is not h.items

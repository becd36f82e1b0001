"""What `ledger status` (and reports) flag as wrong, besides the chain: each area adds a check
here (failed balance assertions, overdue reporting duties, ...). A check takes a `Reader` and
returns sentences."""

from __future__ import annotations

from collections.abc import Callable

from projections.journal import Reader

CHECKS: list[Callable[[Reader], list[str]]] = []


def problems(reader: Reader) -> list[str]:
    found: list[str] = []
    for check in CHECKS:
        found += check(reader)
    return found

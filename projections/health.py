"""What `ledger status` (and reports) flag as wrong, besides the chain: each area adds a check
here (failed balance assertions, overdue reporting duties, ...). A check takes a `Reader` and
returns sentences. An area's module appends its check to `CHECKS` when imported; `AREAS` names
those modules so that `problems` finds every check without the caller importing them."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from projections.journal import Reader

CHECKS: list[Callable[[Reader], list[str]]] = []
AREAS: tuple[str, ...] = ("projections.budget",)


def problems(reader: Reader) -> list[str]:
    for module in AREAS:
        importlib.import_module(module)
    found: list[str] = []
    for check in CHECKS:
        found += check(reader)
    return found

"""What `ledger status` (and reports) flag as wrong, besides the chain: each area adds a check
here (failed balance assertions, overdue reporting duties, ...). A check takes a `Reader` and
returns sentences.

An area registers its check when its view module is imported (`CHECKS.append(...)` at module
level); `problems` imports every view module first, so no check is missed because nothing else
happened to import its module.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable

from projections.reading import Reader

CHECKS: list[Callable[[Reader], list[str]]] = []


def problems(reader: Reader) -> list[str]:
    _import_views()
    found: list[str] = []
    for check in CHECKS:
        found += check(reader)
    return found


def _import_views() -> None:
    import projections

    for module in pkgutil.iter_modules(projections.__path__):
        importlib.import_module(f"projections.{module.name}")

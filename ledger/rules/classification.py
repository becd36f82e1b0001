"""Classification: the instruments, levels and roles the ledger knows, how a given value is read,
and whether a classification matches a selection. Shared by the `Classification` aggregate
(`ledger/domain/classification.py`) and its view (`projections/classification.py`)."""

from __future__ import annotations

from typing import Any

from ledger.errors import InvalidInput
from ledger.i18n import _

LEVELS = ("strategisch", "tactisch", "operationeel")
ROLES = ("visionair", "sturend", "faciliterend", "toetsend", "uitvoerend")
# Each instrument with the level it usually works at (None: it depends on its use).
INSTRUMENTS: dict[str, str | None] = {
    "omgevingsvisie": "strategisch",
    "convenant": "strategisch",
    "omgevingsprogramma": "tactisch",
    "gezamenlijke programmering": "tactisch",
    "mantelbuizen": "tactisch",
    "graafrust": "tactisch",
    "omgevingsplan": "operationeel",
    "participatieverordening": None,
    "verordening": "operationeel",
    "handhaving": "operationeel",
    "subsidie": None,
    "other": None,
}
FIELDS = ("instrument", "level", "role")


def _pick(text: str | None, allowed: tuple[str, ...] | list[str], unknown: str) -> str | None:
    """`text` as the vocabulary spells it; `unknown` (translated, with `{text}`) refuses it."""
    if text is None or not str(text).strip():
        return None
    value = " ".join(str(text).strip().lower().replace("-", " ").replace("_", " ").split())
    if value not in allowed:
        raise InvalidInput(unknown.format(text=text),
                           hint=_("Use one of: {values}.").format(values=", ".join(allowed)))
    return value


def check_instrument(text: str | None) -> str | None:
    return _pick(text, list(INSTRUMENTS), _("'{text}' is not an instrument the ledger knows."))


def check_level(text: str | None) -> str | None:
    return _pick(text, LEVELS, _("'{text}' is not a level the ledger knows."))


def check_role(text: str | None) -> str | None:
    return _pick(text, ROLES, _("'{text}' is not a role the ledger knows."))


def check_criteria(instrument: str | None, level: str | None, role: str | None
                   ) -> dict[str, str | None]:
    """Filter criteria as the vocabulary spells them (each may be None)."""
    return {"instrument": check_instrument(instrument), "level": check_level(level),
            "role": check_role(role)}


def matches(found: dict[str, Any], criteria: dict[str, str | None]) -> bool:
    return all(found.get(f) == v for f, v in criteria.items() if v is not None)

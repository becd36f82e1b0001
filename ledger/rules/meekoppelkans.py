"""Meekoppelkansen: their statuses and which ledger subject a piece of work names. Shared by the
`Meekoppelkans` aggregate (`ledger/domain/meekoppelkans.py`) and its view
(`projections/meekoppelkansen.py`)."""

from __future__ import annotations

from ledger.errors import InvalidInput
from ledger.i18n import _

STATUSES = ("verkend", "afgesproken", "in uitvoering", "gerealiseerd", "vervallen")
FINAL = ("gerealiseerd", "vervallen")
REFERENCE_KINDS = ("topic", "actie", "stap", "weg", "routekaart", "decision", "indicator",
                   "programme", "workstream")


def check_status(text: str) -> str:
    value = " ".join(str(text).strip().lower().replace("-", " ").replace("_", " ").split())
    if value not in STATUSES:
        raise InvalidInput(_("'{status}' is not a status of a meekoppelkans.").format(status=text),
                           hint=_("Use one of: {statuses}.").format(statuses=", ".join(STATUSES)))
    return value


def reference(work: str) -> str | None:
    """The ledger subject a piece of work names (`topic:...`), or None for a free description."""
    kind, sep, rest = str(work).strip().partition(":")
    if sep and kind.strip().lower() in REFERENCE_KINDS and rest.strip() and " " not in rest.strip():
        return f"{kind.strip().lower()}:{rest.strip()}"
    return None

"""View: the classification (instrument, level, role) of every classified subject, as it stood on
the horizon's date, and which subjects match a filter (`--instrument/--level/--role` of
`decision list`, `workstream show`, `routekaart show` and `ledger log`)."""

from __future__ import annotations

from typing import Any

from ledger.rules.classification import FIELDS, check_criteria, matches
from projections.reading import Entry, Reader, fold

KINDS = ("classification",)


def apply(state: dict[str, Any], e: Entry) -> dict[str, Any]:
    if e.event in ("Classified", "Reclassified"):
        state[e.key] = {**{f: e.payload.get(f) for f in FIELDS}, "since": e.effective.isoformat(),
                        "position": e.position}
    return state


def classifications(reader: Reader) -> dict[str, dict[str, Any]]:
    return fold(apply, {}, reader.entries(kinds=KINDS))


def matching(reader: Reader, instrument: str | None = None, level: str | None = None,
             role: str | None = None) -> set[str] | None:
    """The subjects classified so on the date; None when no criterion is given (no filter)."""
    criteria = check_criteria(instrument, level, role)
    if not any(criteria.values()):
        return None
    return {s for s, c in classifications(reader).items() if matches(c, criteria)}

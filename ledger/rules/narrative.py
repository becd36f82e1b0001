"""The narrative parts of a kwartaalrapportage: which parts there are, how a part and its points
are checked, and how a narrative is keyed (programme and quarter). Shared by the
`ReportNarrative` aggregate (`ledger/domain/narrative.py`) and its view
(`projections/narrative.py`)."""

from __future__ import annotations

import re
from typing import Any

from ledger.errors import InvalidInput
from ledger.i18n import _
from ledger.rules.names import check_name

PARTS = {
    "inleiding": "the opening paragraph",
    "algemeen": "the general section (developments of the quarter)",
    "toelichting": "the explanation of the finance table (lettered items)",
    "prognose": "the outlook on spending",
    "risicos": "risks",
    "evaluatie": "evaluatie en vooruitblik",
}
_LABEL = re.compile(r"^[a-z]{1,2}$")
_ROW = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]{0,31}$")
MAX_PART = 20000


def narrative_key(programme: str, quarter: str) -> str:
    return f"{str(programme).strip().upper()}-{quarter}"


def check_part(part: str) -> str:
    value = str(part).strip().lower().replace("'", "")
    if value not in PARTS:
        raise InvalidInput(_("'{part}' is not a part of the kwartaalrapportage.").format(
            part=part), hint=_("Use one of: {parts}.").format(parts=", ".join(PARTS)))
    return value


def check_items(items: list[Any] | None, part: str) -> list[dict[str, Any]]:
    """Points of a part: `{text}`, and in the toelichting `{label, rows, text}` (label a, b, …;
    rows the werkstromen the item explains)."""
    out: list[dict[str, Any]] = []
    labels: set[str] = set()
    for n, raw in enumerate(items or [], start=1):
        item = {"text": raw} if isinstance(raw, str) else raw
        if not isinstance(item, dict):
            raise InvalidInput(_("Point {n} of the {part} is neither text nor a mapping.").format(
                n=n, part=part), hint=_("Give a point as text, or as a mapping with label, rows "
                                        "and text."))
        text = check_name(item.get("text"), _("text of point {n}").format(n=n), limit=MAX_PART)
        entry: dict[str, Any] = {"text": text}
        label = item.get("label")
        if label not in (None, ""):
            label = str(label).strip().lower().rstrip(".)")
            if not _LABEL.match(label):
                raise InvalidInput(_("'{label}' is not a letter for point {n}.").format(
                    label=item.get("label"), n=n), hint=_("Letter the points a, b, c, …."))
            if label in labels:
                raise InvalidInput(_("Point {label} of the {part} is given twice.").format(
                    label=label, part=part), hint=_("Give every point its own letter."))
            labels.add(label)
            entry["label"] = label
        rows = item.get("rows") or []
        if isinstance(rows, str):
            rows = [r for r in re.split(r"[,\s]+", rows) if r]
        for r in rows:
            if not _ROW.match(str(r)):
                raise InvalidInput(_("'{row}' is not a werkstroom code (point {n}).").format(
                    row=r, n=n), hint=_("Name the rows a point explains by their codes, e.g. "
                                        "WS2."))
        if rows:
            entry["rows"] = [str(r).strip().upper() for r in rows]
        out.append(entry)
    return out

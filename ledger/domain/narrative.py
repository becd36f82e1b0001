"""The prose of a kwartaalrapportage: what the programmateam writes beside the figures.

Per programme and quarter one aggregate (`WRL-2021Q4`) holds the report's narrative parts:

  inleiding     the opening paragraph before the numbered sections
  algemeen      the general section: the developments of the quarter
  toelichting   the explanation of the finance table, as lettered items tied to the rows
                (werkstromen) they explain
  prognose      the outlook on spending, a paragraph and points
  risicos       risks
  evaluatie     evaluatie en vooruitblik

Each part is written by an event like any other (actor, effective date, references; a decision
where one is needed). Writing a part again supersedes it from that effective date on, and a
correction of a mistaken text is the same event with `corrects` naming the one it corrects; the
earlier text stays in the log, so a report made at an earlier horizon (`--on`, `--as-of`) shows
the text as it stood then.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ledger.domain.base import LedgerAggregate, check_name
from ledger.errors import InvalidInput
from ledger.i18n import _

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


class ReportNarrative(LedgerAggregate):
    KIND = "narrative"
    if TYPE_CHECKING:  # state, set by the events' apply methods
        programme: str
        quarter: str
        parts: dict[str, dict[str, Any]]

    class Started(LedgerAggregate.Created):
        programme: str
        quarter: str

        def apply(self, n: ReportNarrative) -> None:
            n.key, n.programme, n.quarter, n.parts = self.key, self.programme, self.quarter, {}

        def subjects(self, key: str) -> list[str]:
            return [f"narrative:{key}", f"programme:{self.programme}"]

    class PartWritten(LedgerAggregate.Event):
        part: str
        text: str
        items: list[dict[str, Any]]

        def apply(self, n: ReportNarrative) -> None:
            n.parts[self.part] = {"text": self.text, "items": list(self.items)}

        def subjects(self, key: str) -> list[str]:
            return [f"narrative:{key}/{self.part}"]

    @classmethod
    def start(cls, env: Any, *, programme: str, quarter: str) -> ReportNarrative:
        return cls._register(cls.Started, env, narrative_key(programme, quarter),
                             programme=str(programme).strip().upper(), quarter=quarter)

    def write(self, env: Any, *, part: str, text: str | None,
              items: list[Any] | None = None, workstreams: set[str] | None = None) -> None:
        part = check_part(part)
        body = check_name(text, _("text of the {part}").format(part=part), required=False,
                          limit=MAX_PART) or ""
        points = check_items(items, part)
        if not body and not points:
            raise InvalidInput(_("The {part} has no text and no points.").format(part=part),
                               hint=_("Give --text, or --item for each point."))
        if workstreams is not None:
            for p in points:
                for r in p.get("rows", []):
                    if r not in workstreams:
                        raise InvalidInput(
                            _("Point {label} of the {part} explains werkstroom {row}, which "
                              "programme {programme} does not have.").format(
                                label=p.get("label", "?"), part=part, row=r,
                                programme=self.programme),
                            hint=_("The werkstromen of {key}: {known}. Add one with `ledger "
                                   "workstream add`.").format(
                                key=self.programme,
                                known=", ".join(sorted(workstreams)) or _("none yet")))
        if part in self.parts and self.parts[part] == {"text": body, "items": points}:
            raise InvalidInput(_("The {part} of {key} already reads exactly so.").format(
                part=part, key=self.key),
                hint=_("Nothing needs to be recorded: leave it as it is."))
        self._record(self.PartWritten, env, part=part, text=body, items=points)

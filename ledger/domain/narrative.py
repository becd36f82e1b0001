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

from typing import TYPE_CHECKING, Any

from ledger.domain.base import LedgerAggregate
from ledger.errors import InvalidInput
from ledger.i18n import _
from ledger.rules.names import check_name
from ledger.rules.narrative import (
    MAX_PART,
    check_items,
    check_part,
    narrative_key,
)


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

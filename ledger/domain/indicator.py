"""Indicators: how a programme knows whether it is getting there.

An indicator belongs to a programme (and optionally one of its werkstromen) and is keyed
`PROGRAMME/KEY` (`DH/warmtevraag`). It has a unit from a fixed list, a baseline (value, date,
source), targets per year within the programme's period, and measurements (actuals) recorded as
events whose effective date is the date the value was measured. Values are `Decimal`, never float:
PJ have decimals (4,3 PJ), counts do not need them. A measurement without a source, a value in
another unit than the indicator's, and a target outside the programme's years are refused. A later
measurement on the same date supersedes an earlier one (the view takes the last recorded).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ledger.dates import parse_date, show_date
from ledger.domain.base import LedgerAggregate
from ledger.envelope import Envelope
from ledger.errors import InvalidInput, RuleViolation
from ledger.i18n import _
from ledger.rules.indicator import (
    check_unit,
    indicator_key,
    parse_quantity,
)
from ledger.rules.names import check_name


class Indicator(LedgerAggregate):
    KIND = "indicator"
    if TYPE_CHECKING:  # state, set by the events' apply methods
        programme: str
        workstream: str | None
        name: str
        unit: str
        baseline: dict[str, Any]
        targets: dict[int, Decimal]
        measurements: list[dict[str, Any]]

    class Defined(LedgerAggregate.Created):
        programme: str
        workstream: str | None
        name: str
        unit: str
        baseline_value: Decimal
        baseline_date: date
        baseline_source: str

        def apply(self, i: Indicator) -> None:
            i.key, i.programme, i.workstream = self.key, self.programme, self.workstream
            i.name, i.unit = self.name, self.unit
            i.baseline = {"value": self.baseline_value, "date": self.baseline_date,
                          "source": self.baseline_source}
            i.targets, i.measurements = {}, []

        def subjects(self, key: str) -> list[str]:
            return [f"indicator:{key}", _owner(self.programme, self.workstream)]

    class TargetSet(LedgerAggregate.Event):
        year: int
        value: Decimal
        unit: str

        def apply(self, i: Indicator) -> None:
            i.targets[self.year] = self.value

    class Measured(LedgerAggregate.Event):
        value: Decimal
        unit: str
        source: str

        def apply(self, i: Indicator) -> None:
            i.measurements.append({"value": self.value, "date": self.effective,
                                   "source": self.source})

    @classmethod
    def define(cls, env: Envelope, *, programme: str, workstream: str | None, key: str, name: str,
               unit: str, baseline: Any, baseline_date: date | str,
               baseline_source: str) -> Indicator:
        full = indicator_key(programme, key)
        source = check_name(baseline_source, _("source of the baseline"), required=False)
        if not source:
            raise InvalidInput(_("The baseline of indicator {key} has no source.").format(
                key=full), hint=_("Say where the figure comes from, e.g. --baseline-source "
                                  "\"Klimaatmonitor CBS 2021\"."))
        return cls._register(
            cls.Defined, env, full, programme=str(programme).strip().upper(),
            workstream=workstream, name=check_name(name, _("indicator name")),
            unit=check_unit(unit), baseline_value=parse_quantity(baseline, _("baseline")),
            baseline_date=parse_date(baseline_date, _("baseline date")), baseline_source=source)

    def set_target(self, env: Envelope, *, year: int, value: Any, unit: str | None) -> None:
        """`year` has been checked against the programme's period by the application."""
        given = self.check_same_unit(unit, _("a target"))
        self._record(self.TargetSet, env, year=year, value=parse_quantity(value, _("target")),
                     unit=given)

    def measure(self, env: Envelope, *, value: Any, source: str | None,
                unit: str | None) -> None:
        given = self.check_same_unit(unit, _("a measurement"))
        text = check_name(source, _("source"), required=False)
        if not text:
            raise InvalidInput(_("A measurement of indicator {key} needs its source.").format(
                key=self.key), hint=_("Say where the figure comes from, e.g. --source "
                                      "\"Klimaatmonitor CBS 2023\"."))
        if env.effective < self.baseline["date"]:
            raise RuleViolation(
                _("A measurement of indicator {key} on {on} lies before its baseline of "
                  "{baseline}.").format(key=self.key, on=show_date(env.effective),
                                        baseline=show_date(self.baseline["date"])),
                hint=_("Give the date the value was measured with --on."))
        self._record(self.Measured, env, value=parse_quantity(value, _("measurement")),
                     unit=given, source=text)

    def check_same_unit(self, unit: str | None, what: str) -> str:
        """`unit` when it is the indicator's; `what` (translated: `_("a target")`) is shown."""
        if unit is None or not str(unit).strip():
            return self.unit
        given = check_unit(unit)
        if given != self.unit:
            raise RuleViolation(
                _("Indicator {key} is measured in {unit}; {what} in {given} does not fit.").format(
                    key=self.key, unit=self.unit, what=what, given=given),
                hint=_("Convert the value to {unit}, or define another indicator.").format(
                    unit=self.unit))
        return given


def _owner(programme: str, workstream: str | None) -> str:
    return f"workstream:{programme}/{workstream}" if workstream else f"programme:{programme}"

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

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from ledger.dates import parse_date, show_date
from ledger.domain.base import LedgerAggregate, check_key, check_name
from ledger.envelope import Envelope
from ledger.errors import InvalidInput, RuleViolation
from ledger.i18n import _

UNITS = ("PJ", "woningen", "aansluitingen", "bronnen", "locaties", "%", "EUR")
_NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")


def check_unit(text: str) -> str:
    value = str(text).strip()
    for unit in UNITS:
        if value.casefold() == unit.casefold() or (unit == "EUR" and value == "€"):
            return unit
    raise InvalidInput(_("'{unit}' is not a unit the ledger knows for indicators.").format(
        unit=text), hint=_("Use one of: {units}.").format(units=", ".join(UNITS)))


def parse_quantity(value: Any, what: str | None = None) -> Decimal:
    """A measured quantity as a `Decimal`: `13`, `4.3` or `4,3`. No thousands separators (write
    20000, not 20.000): a single separator followed by exactly three digits is ambiguous and
    refused. YAML numbers are read through their text, so no binary float enters the ledger.
    `what` (translated: `_("target")`) names the quantity in a refusal (default: the value)."""
    what = what or _("value")
    if isinstance(value, bool):
        raise InvalidInput(_("'{value}' is not a number for the {what}.").format(
            value=value, what=what), hint=_("Write e.g. 4,3."))
    if isinstance(value, Decimal):
        return value
    text = str(value).strip().replace(" ", "")
    if not _NUMBER.match(text):
        raise InvalidInput(_("'{value}' is not a number for the {what}.").format(
            value=value, what=what),
            hint=_("Write a number such as 13, 4.3 or 4,3 (no thousands separators)."))
    whole, sep, frac = text.replace(",", ".").partition(".")
    if sep and len(frac) == 3 and not isinstance(value, float):
        raise InvalidInput(_("'{value}' is ambiguous for the {what}: a thousands separator or a "
                             "decimal mark?").format(value=value, what=what),
                           hint=_("Write whole numbers without separators (20000) and decimals "
                                  "with one or two digits, or four or more (4,3; 0,1250)."))
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern already guarantees a number
        raise InvalidInput(_("'{value}' is not a number for the {what}.").format(
            value=value, what=what)) from None


def format_quantity(value: Decimal | str, unit: str, lang: str = "nl") -> str:
    """`4,3 PJ`, `20.000 woningen`, `€ 1.000`, `30 %` (Dutch marks by default)."""
    v = Decimal(value).normalize()
    if v == v.to_integral():
        v = v.quantize(Decimal(1))
    text = f"{v:,f}"
    if lang == "nl":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    if unit == "EUR":
        return f"€ {text}" if lang == "nl" else f"€{text}"
    return f"{text} {unit}" if unit != "%" else f"{text}%"


def indicator_key(programme: str, key: str) -> str:
    checked = check_key(key, _("indicator key"))
    return f"{str(programme).strip().upper()}/{checked}"


def split_indicator_key(full: str) -> tuple[str, str]:
    parts = str(full).strip().split("/")
    if len(parts) != 2 or not all(p.strip() for p in parts):
        raise InvalidInput(_("'{text}' does not name an indicator.").format(text=full),
                           hint=_("Name an indicator as PROGRAMME/KEY, e.g. DH/warmtevraag."))
    return parts[0].strip().upper(), check_key(parts[1], _("indicator key"))


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

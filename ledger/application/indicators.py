"""Writes about indicators: defining one for a programme or werkstroom, setting its targets per
year, and recording measurements (actuals) with their source."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ledger.application.base import LedgerBase, Outcome, Scope
from ledger.envelope import Envelope
from ledger.errors import AlreadyExists
from ledger.i18n import _

if TYPE_CHECKING:  # the aggregates are imported where they are used
    from ledger.domain.base import LedgerAggregate
    from ledger.domain.indicator import Indicator


class IndicatorCommands(LedgerBase):
    def indicator_define(self, env: Envelope, *, indicator: str, name: str, unit: str,
                         baseline: Any, baseline_date: date | str, baseline_source: str,
                         workstream: str | None = None) -> Outcome:
        from ledger.domain.indicator import Indicator
        from ledger.domain.programme import Programme
        from ledger.rules.indicator import split_indicator_key

        payload = {"indicator": indicator, "name": name, "unit": unit, "baseline": str(baseline),
                   "baseline_date": baseline_date, "baseline_source": baseline_source,
                   "workstream": workstream}

        def build(env: Envelope) -> list[LedgerAggregate]:
            code, key = split_indicator_key(indicator)
            prog = self.get(Programme, code, "programme")
            ws = prog.workstream(workstream) if workstream else None
            found = Indicator.define(env, programme=prog.key, workstream=ws, key=key, name=name,
                                     unit=unit, baseline=baseline, baseline_date=baseline_date,
                                     baseline_source=baseline_source)
            if self.exists(Indicator, found.key):
                raise AlreadyExists(_("Indicator {key} already exists.").format(key=found.key),
                                    hint=_("Give the new indicator its own key."))
            return [found]

        return self.execute("indicator.define", env, payload, build,
                            subject=f"indicator:{indicator}",
                            scope=Scope(programme=_programme_of(indicator)))

    def indicator_target(self, env: Envelope, *, indicator: str, year: int | str, value: Any,
                         unit: str | None = None) -> Outcome:
        from ledger.domain.programme import Programme

        payload = {"indicator": indicator, "year": year, "value": str(value), "unit": unit}

        def build(env: Envelope) -> list[LedgerAggregate]:
            found = self._indicator(indicator)
            prog = self.get(Programme, found.programme, "programme")
            found.set_target(env, year=prog.check_year(year), value=value, unit=unit)
            return [found]

        return self.execute("indicator.target", env, payload, build,
                            subject=f"indicator:{indicator}",
                            scope=Scope(programme=_programme_of(indicator)))

    def indicator_measure(self, env: Envelope, *, indicator: str, value: Any,
                          source: str | None = None, unit: str | None = None) -> Outcome:
        payload = {"indicator": indicator, "value": str(value), "source": source, "unit": unit}

        def build(env: Envelope) -> list[LedgerAggregate]:
            found = self._indicator(indicator)
            found.measure(env, value=value, source=source, unit=unit)
            return [found]

        return self.execute("indicator.measure", env, payload, build,
                            subject=f"indicator:{indicator}",
                            scope=Scope(programme=_programme_of(indicator)))

    def _indicator(self, text: str) -> Indicator:
        from ledger.domain.indicator import Indicator
        from ledger.rules.indicator import split_indicator_key

        code, key = split_indicator_key(text)
        return self.get(Indicator, f"{code}/{key}", "indicator")


def _programme_of(path: str) -> str | None:
    head = str(path).strip().split("/", 1)[0].strip()
    return head.upper() or None

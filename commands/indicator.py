"""`ledger indicator`: indicators of a programme or werkstroom, their targets per year and their
measurements, and whether the programme is on track."""

from typing import Annotated

import typer

from commands.common import horizon_caption, table
from commands.declare import Read, Write, reads, writes

app = typer.Typer(help="Indicators of a programme: baseline, targets per year, measurements.",
                  no_args_is_help=True)
Opt = typer.Option

Key = Annotated[str, typer.Argument(help="PROGRAMME/KEY, e.g. DH/warmtevraag.")]
Unit = Annotated[str | None, Opt("--unit", help="Unit of the value given (must be the "
                                 "indicator's own): PJ, woningen, aansluitingen, bronnen, "
                                 "locaties, %, EUR.", show_default=False)]


@writes(app, "define")
def define(
    w: Write, indicator: Key,
    name: Annotated[str, Opt("--name", help="What is measured, e.g. Warmtevraag gebouwde "
                             "omgeving.")],
    unit: Annotated[str, Opt("--unit", help="PJ, woningen, aansluitingen, bronnen, locaties, %, "
                             "EUR.")],
    baseline: Annotated[str, Opt("--baseline", help="The baseline value, e.g. 13 or 4,3.")],
    baseline_date: Annotated[str, Opt("--baseline-date", help="Date of the baseline value.")],
    baseline_source: Annotated[str, Opt("--baseline-source",
                                        help="Where the baseline comes from.")],
    workstream: Annotated[str | None, Opt("--workstream", help="The werkstroom it belongs to "
                                          "(default: the whole programme).",
                                          show_default=False)] = None,
) -> None:
    """Define an indicator of a programme (or of one werkstroom) with its unit and baseline."""
    out = w.ledger.indicator_define(w.env, indicator=indicator, name=name, unit=unit,
                                    baseline=baseline, baseline_date=baseline_date,
                                    baseline_source=baseline_source, workstream=workstream)
    w.done(out, f"indicator {indicator}")


@writes(app, "target")
def target(
    w: Write, indicator: Key,
    year: Annotated[int, Opt("--year", help="The year the target is for (within the "
                             "programme's period).")],
    value: Annotated[str, Opt("--value", help="The target value, e.g. 12.")], unit: Unit = None,
) -> None:
    """Set an indicator's target for a year (a later target for the same year replaces it)."""
    out = w.ledger.indicator_target(w.env, indicator=indicator, year=year, value=value, unit=unit)
    w.done(out, f"target {year} of indicator {indicator}")


@writes(app, "measure")
def measure(
    w: Write, indicator: Key, value: Annotated[str, Opt("--value", help="The measured value, e.g. 12,8.")],
    source: Annotated[str | None, Opt("--source", help="Where the figure comes from "
                                      "(required).", show_default=False)] = None,
    unit: Unit = None,
) -> None:
    """Record a measurement (actual) of an indicator; --on is the date it was measured."""
    out = w.ledger.indicator_measure(w.env, indicator=indicator, value=value, source=source,
                                     unit=unit)
    w.done(out, f"measurement of indicator {indicator}")


def _row(i: dict) -> tuple:
    from ledger.domain.indicator import format_quantity as q

    p, u = i["progress"], i["unit"]
    return (i["key"], i["name"], i.get("workstream") or "—",
            f"{q(p['baseline'], u)} ({p['baseline_date']})",
            f"{q(p['actual'], u)} ({p['actual_date']})" if p["actual"] is not None else "—",
            f"{q(p['target'], u)} ({p['target_year']})" if p["target"] is not None else "—",
            q(p["expected"], u) if p["expected"] is not None else "—", p["verdict"])


COLUMNS = ["indicator", "name", "werkstroom", "baseline", "actual", "target", "expected",
           "verdict"]


@reads(app, "list")
def list_(
    r: Read, programme: Annotated[str, typer.Argument(help="The programme's code.")],
    workstream: Annotated[str | None, Opt("--workstream", help="Only this werkstroom.",
                                          show_default=False)] = None,
) -> None:
    """List a programme's indicators with baseline, latest actual, target and verdict."""
    from projections.indicators import indicators

    rows = indicators(r.reader, programme, workstream)
    if r.answered(rows):
        return
    table(f"Indicators of {programme.upper()}", COLUMNS, [_row(i) for i in rows],
          caption=horizon_caption(r))


@reads(app, "show")
def show(r: Read, indicator: Key) -> None:
    """Show one indicator: progress, targets per year and every measurement with its source."""
    from ledger.domain.indicator import format_quantity as q
    from projections.indicators import indicator as load

    data = load(r.reader, indicator)
    if r.answered(data):
        return
    table(f"Indicator {data['key']}: {data['name']} ({data['unit']})", COLUMNS,
          [_row(data)], caption=horizon_caption(r))
    table("Targets", ["year", "value", "set on"],
          [(y, q(t["value"], data["unit"]), t["set_on"]) for y, t in sorted(
              data["targets"].items())])
    table("Measurements", ["#", "date", "value", "source", "actor"],
          [(m["position"], m["date"], q(m["value"], data["unit"]), m["source"], m["actor"])
           for m in data["measurements"]])

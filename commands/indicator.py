"""`ledger indicator`: indicators of a programme or werkstroom, their targets per year and their
measurements, and whether the programme is on track."""

from typing import Annotated, Any

import typer

from commands.budget import day, recorded
from commands.common import horizon_caption, table
from commands.declare import Read, Write, reads, writes
from ledger.i18n import N_, _, language

app = typer.Typer(help=_("Indicators of a programme: baseline, targets per year, measurements."),
                  no_args_is_help=True)
Opt = typer.Option

Key = Annotated[str, typer.Argument(help=_("PROGRAMME/KEY, e.g. DH/warmtevraag."))]
Unit = Annotated[str | None, Opt("--unit", help=_(
    "Unit of the value given (must be the indicator's own): PJ, woningen, aansluitingen, "
    "bronnen, locaties, %, EUR."), show_default=False)]

# the verdicts of projections.indicators (Dutch codes), as a person reads them
VERDICTS = {"op koers": N_("on track"), "achter": N_("behind"),
            "geen meting": N_("no measurement"), "geen doel": N_("no target")}


def quantity(value: Any, unit: str) -> str:
    """A value with its unit, in the language in use (`4,3 PJ`, `€ 1.000`)."""
    from ledger.rules.indicator import format_quantity

    return format_quantity(value, unit, lang=language())


@writes(app, "define", help=_("Define an indicator of a programme (or of one werkstroom) with "
                              "its unit and baseline."))
def define(
    w: Write, indicator: Key,
    name: Annotated[str, Opt("--name", help=_(
        "What is measured, e.g. Warmtevraag gebouwde omgeving."))],
    unit: Annotated[str, Opt("--unit", help=_(
        "PJ, woningen, aansluitingen, bronnen, locaties, %, EUR."))],
    baseline: Annotated[str, Opt("--baseline", help=_("The baseline value, e.g. 13 or 4,3."))],
    baseline_date: Annotated[str, Opt("--baseline-date", help=_("Date of the baseline value."))],
    baseline_source: Annotated[str, Opt("--baseline-source",
                                        help=_("Where the baseline comes from."))],
    workstream: Annotated[str | None, Opt("--workstream", help=_(
        "The werkstroom it belongs to (default: the whole programme)."),
        show_default=False)] = None,
) -> None:
    """Define an indicator of a programme (or of one werkstroom) with its unit and baseline."""
    out = w.ledger.indicator_define(w.env, indicator=indicator, name=name, unit=unit,
                                    baseline=baseline, baseline_date=baseline_date,
                                    baseline_source=baseline_source, workstream=workstream)
    e = recorded(w, out, "Defined")
    if not e:
        w.done(out, _("indicator {key}").format(key=indicator))
        return
    w.done(out, _("indicator {key} ({name}), baseline {baseline} on {date}").format(
        key=e.get("key") or indicator, name=e["name"],
        baseline=quantity(e["baseline_value"], e["unit"]),
        date=day(e["baseline_date"], "long")))


@writes(app, "target", help=_("Set an indicator's target for a year (a later target for the "
                              "same year replaces it)."))
def target(
    w: Write, indicator: Key,
    year: Annotated[int, Opt("--year", help=_(
        "The year the target is for (within the programme's period)."))],
    value: Annotated[str, Opt("--value", help=_("The target value, e.g. 12."))], unit: Unit = None,
) -> None:
    """Set an indicator's target for a year (a later target for the same year replaces it)."""
    out = w.ledger.indicator_target(w.env, indicator=indicator, year=year, value=value, unit=unit)
    e = recorded(w, out, "TargetSet")
    w.done(out, _("target of indicator {key} for {year}: {value}").format(
        key=indicator, year=e.get("year", year),
        value=quantity(e["value"], e["unit"]) if e else value))


@writes(app, "measure", help=_("Record a measurement (actual) of an indicator; --on is the date "
                               "it was measured."))
def measure(
    w: Write, indicator: Key,
    value: Annotated[str, Opt("--value", help=_("The measured value, e.g. 12,8."))],
    source: Annotated[str | None, Opt("--source", help=_(
        "Where the figure comes from (required)."), show_default=False)] = None,
    unit: Unit = None,
) -> None:
    """Record a measurement (actual) of an indicator; --on is the date it was measured."""
    out = w.ledger.indicator_measure(w.env, indicator=indicator, value=value, source=source,
                                     unit=unit)
    e = recorded(w, out, "Measured")
    if not e:
        w.done(out, _("measurement of indicator {key}").format(key=indicator))
        return
    w.done(out, _("measurement of indicator {key}: {value} on {date} (source: {source})").format(
        key=indicator, value=quantity(e["value"], e["unit"]), date=day(e["effective"], "long"),
        source=e["source"]))


def _verdict(code: str) -> str:
    return _(VERDICTS[code]) if code in VERDICTS else code


def _row(i: dict) -> tuple:
    p, u = i["progress"], i["unit"]
    return (i["key"], i["name"], i.get("workstream") or "—",
            f"{quantity(p['baseline'], u)} ({day(p['baseline_date'])})",
            f"{quantity(p['actual'], u)} ({day(p['actual_date'])})"
            if p["actual"] is not None else "—",
            f"{quantity(p['target'], u)} ({p['target_year']})" if p["target"] is not None else "—",
            quantity(p["expected"], u) if p["expected"] is not None else "—",
            _verdict(p["verdict"]))


COLUMNS = [N_("indicator"), N_("name"), N_("werkstroom"), N_("baseline"), N_("actual"),
           N_("target"), N_("expected"), N_("verdict")]


@reads(app, "list", help=_("List a programme's indicators with baseline, latest actual, target "
                           "and verdict."))
def list_(
    r: Read, programme: Annotated[str, typer.Argument(help=_("The programme's code."))],
    workstream: Annotated[str | None, Opt("--workstream", help=_("Only this werkstroom."),
                                          show_default=False)] = None,
) -> None:
    """List a programme's indicators with baseline, latest actual, target and verdict."""
    from projections.indicators import indicators

    rows = indicators(r.reader, programme, workstream)
    if r.answered(rows):
        return
    table(_("Indicators of {programme}").format(programme=programme.upper()),
          [_(c) for c in COLUMNS], [_row(i) for i in rows], caption=horizon_caption(r))


@reads(app, "show", help=_("Show one indicator: progress, targets per year and every "
                           "measurement with its source."))
def show(r: Read, indicator: Key) -> None:
    """Show one indicator: progress, targets per year and every measurement with its source."""
    from projections.indicators import indicator as load

    data = load(r.reader, indicator)
    if r.answered(data):
        return
    unit = data["unit"]
    table(_("Indicator {key}: {name} ({unit})").format(key=data["key"], name=data["name"],
                                                       unit=unit),
          [_(c) for c in COLUMNS], [_row(data)], caption=horizon_caption(r))
    table(_("Targets"), [_("year"), _("value"), _("set on")],
          [(y, quantity(t["value"], unit), day(t["set_on"])) for y, t in sorted(
              data["targets"].items())])
    table(_("Measurements"), ["#", _("date"), _("value"), _("source"), _("recorded by")],
          [(m["position"], day(m["date"]), quantity(m["value"], unit), m["source"], m["actor"])
           for m in data["measurements"]])

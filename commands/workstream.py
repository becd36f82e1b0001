"""`ledger workstream`: werkstromen of a programme and their onderwerpen (topics) with the four
report fields resultaat, status, plan and vervolgstappen."""

from collections.abc import Callable
from typing import Annotated, Any

import typer

from commands.budget import day
from commands.common import Instrument, Level, Role, console, horizon_caption, table
from commands.declare import Read, Write, reads, writes
from ledger.i18n import N_, _

app = typer.Typer(help=_("Werkstromen of a programme and their onderwerpen (topics)."),
                  no_args_is_help=True)
Opt = typer.Option

Resultaat = Annotated[str | None, Opt("--resultaat", help=_("The intended result."),
                                      show_default=False)]
Status = Annotated[str | None, Opt("--status", help=_("Where it stands, as the report says it."),
                                   show_default=False)]
Plan = Annotated[str | None, Opt("--plan", help=_("How the results will be used."),
                                 show_default=False)]
Vervolg = Annotated[str | None, Opt("--vervolgstappen", help=_("The next steps."),
                                    show_default=False)]
DependsOn = Annotated[list[str] | None, Opt(
    "--depends-on", help=_("Afhankelijk van: topic:WS2/KEY (a topic of the programme) or "
                            "besluit:ID (a decision). Repeatable."), show_default=False)]
WorkstreamArg = Annotated[str, typer.Argument(help=_("PROGRAMME/CODE, e.g. PRG/WS1."))]
TopicArg = Annotated[str, typer.Argument(help=_("PROGRAMME/WERKSTROOM/KEY, e.g. PRG/WS1/routekaart."))]
Decision = Annotated[str | None, Opt("--decision", help=_("A decision in force that this rests on."),
                                     show_default=False)]


# a topic's fields as the history of a topic names them (the report's own words stay)
FIELD_NAMES = {"name": N_("name"), "depends_on": N_("afhankelijk van")}


def _field(name: str) -> str:
    return _(FIELD_NAMES[name]) if name in FIELD_NAMES else name


def _value(value: object) -> str:
    return ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)


@writes(app, "add", help=_("Add a werkstroom to a programme."))
def add(w: Write, workstream: WorkstreamArg, name: Annotated[str, Opt("--name", help=_(
        "The werkstroom's name, e.g. Energiesysteem."))]) -> None:
    """Add a werkstroom to a programme."""
    _named(w, workstream, name, lambda p, c: w.ledger.workstream_add(
        w.env, programme=p, code=c, name=name), _("werkstroom {workstream} ({name})"))


@writes(app, "begroting", help=_("Record the werkstroom's name in the begroting (the "
                                 "finance table's row)."))
def begroting(w: Write, workstream: WorkstreamArg, name: Annotated[str, Opt("--name", help=_(
        "The werkstroom's name in the begroting."))]) -> None:
    """Record the werkstroom's name in the begroting (the finance table's row)."""
    _named(w, workstream, name, lambda p, c: w.ledger.workstream_begroting(
        w.env, programme=p, code=c, begroting=name),
        _("name of werkstroom {workstream} in the begroting: {name}"))


def _named(w: Write, workstream: str, name: str, record: Callable[[str, str], Any],
           done: str) -> None:
    """A werkstroom's name recorded by `record(programme, code)`, confirmed with `done`."""
    from ledger.application.programme import split_workstream

    programme, code = split_workstream(workstream)
    out = record(programme, code)
    w.done(out, done.format(workstream=f"{programme}/{code}", name=name))


@writes(app, "topic", help=_("Add an onderwerp (topic) to a werkstroom, with its four "
                             "report fields."))
def topic(
    w: Write, workstream: WorkstreamArg,
    key: Annotated[str, typer.Argument(help=_("The topic's key within the werkstroom, e.g. "
                                         "routekaart."))],
    name: Annotated[str, Opt("--name", help=_("The onderwerp as the report names it."))],
    resultaat: Resultaat = None, status: Status = None, plan: Plan = None, vervolgstappen: Vervolg = None,
    depends_on: DependsOn = None, decision: Decision = None,
) -> None:
    """Add an onderwerp (topic) to a werkstroom, with its four report fields."""
    from ledger.application.programme import split_workstream

    programme, code = split_workstream(workstream)
    out = w.ledger.workstream_topic(
        w.env, programme=programme, workstream=code, key=key, name=name, resultaat=resultaat,
        status=status, plan=plan, vervolgstappen=vervolgstappen,
        depends_on=list(depends_on or []), decision=decision)
    w.done(out, _("onderwerp {topic} ({name})").format(topic=f"{programme}/{code}/{key}",
                                                        name=name))


@writes(app, "status", help=_("Change a topic's fields (status, resultaat, plan, "
                              "vervolgstappen, dependencies)."))
def status(
    w: Write,
    topic_key: TopicArg,
    status_: Status = None, resultaat: Resultaat = None, plan: Plan = None, vervolgstappen: Vervolg = None,
    depends_on: DependsOn = None,
    drop_depends_on: Annotated[list[str] | None, Opt(
        "--drop-depends-on", help=_("A dependency that no longer holds. Repeatable."),
        show_default=False)] = None,
    name: Annotated[str | None, Opt("--name", help=_("A new name for the onderwerp."),
                                    show_default=False)] = None,
    decision: Decision = None,
) -> None:
    """Change a topic's fields (status, resultaat, plan, vervolgstappen, dependencies)."""
    out = w.ledger.workstream_status(
        w.env, topic=topic_key, name=name, resultaat=resultaat, status=status_, plan=plan,
        vervolgstappen=vervolgstappen, depends_on=list(depends_on or []),
        drop_depends_on=list(drop_depends_on or []), decision=decision)
    w.done(out, _("change of onderwerp {topic}").format(topic=topic_key))


@writes(app, "classify", help=_("Classify an onderwerp (topic) by instrument, level and "
                                "the gemeente's role."))
def classify(
    w: Write,
    topic_key: TopicArg,
    instrument: Instrument = None, level: Level = None, role: Role = None,
) -> None:
    """Classify an onderwerp (topic) by instrument, level and the gemeente's role."""
    out = w.ledger.workstream_classify(w.env, topic=topic_key, instrument=instrument,
                                       level=level, role=role)
    w.done(out, _("classification of onderwerp {topic}").format(topic=topic_key))


@reads(app, "list", help=_("List a programme's werkstromen with their number of topics."))
def list_(
    r: Read,
    programme: Annotated[str, typer.Argument(help=_("The programme's code, e.g. PRG."))],
) -> None:
    """List a programme's werkstromen with their number of topics."""
    from projections.programme import programme as load

    p = load(r.reader, programme)
    r.close()
    rows = list(p["workstreams"].values())
    if r.answered(rows):
        return
    table(_("Werkstromen of {programme}").format(programme=p["code"]),
          [_("code"), _("name"), _("onderwerpen"), _("since")],
          [(w["code"], w["name"], w["topics"], day(w["added"])) for w in rows],
          caption=horizon_caption(r))


@reads(app, "show", help=_("Show a werkstroom's topics with their four report fields "
                           "(optionally only those classified by --instrument, --level or "
                           "--role), or one topic with its history."))
def show(
    r: Read,
    path: Annotated[str, typer.Argument(help=_("A werkstroom (PRG/WS1) or one topic "
                                          "(PRG/WS1/routekaart)."))],
    instrument: Instrument = None, level: Level = None, role: Role = None,
) -> None:
    """Show a werkstroom's topics with their four report fields (optionally only those
    classified by --instrument, --level or --role), or one topic with its history."""
    from projections import programme as view
    from projections.classification import matching

    one = path.count("/") == 2
    data = view.topic(r.reader, path) if one else view.workstream(r.reader, path)
    classified = matching(r.reader, instrument, level, role)
    if classified is not None and not one:
        data["topics"] = [t for t in data["topics"] if f"topic:{t['key']}" in classified]
    if r.answered(data):
        return
    if one:
        table(_("Onderwerp {key}: {name}").format(key=data["key"], name=data["name"]),
              [_("field"), _("value")],
              [(f, data.get(f) or "") for f in ("resultaat", "status", "plan", "vervolgstappen")]
              + [(_("afhankelijk van"), ", ".join(data["depends_on"]) or "—")],
              caption=horizon_caption(r))
        table(_("History"), ["#", _("effective date"), _("recorded by"), _("authority"),
                             _("changed")],
              [(h["position"], day(h["effective"]), h["actor"],
                " ".join([*h["refs"], *([f"besluit:{h['decision']}"] if h["decision"] else [])]),
                "; ".join(f"{_field(k)}: {_value(v)}" for k, v in h["changes"].items()))
               for h in data["history"]])
        return
    console.print(f"[bold]{data['programme']}/{data['code']} {data['name']}[/bold] "
                  f"({data['programme_name']})")
    table(None, [_("onderwerp"), _("resultaat"), _("status"), _("plan"), _("vervolgstappen"),
                 _("afhankelijk van")],
          [(t["name"], t["resultaat"], t["status"], t["plan"], t["vervolgstappen"],
            "; ".join(f"{d['on']} ({d['status']})" for d in t["dependencies"]))
           for t in data["topics"]], caption=horizon_caption(r))

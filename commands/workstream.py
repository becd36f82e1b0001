"""`ledger workstream`: werkstromen of a programme and their onderwerpen (topics) with the four
report fields resultaat, status, plan and vervolgstappen."""

from typing import Annotated

import typer

from commands.common import Instrument, Level, Role, console, horizon_caption, table
from commands.declare import Read, Write, reads, writes

app = typer.Typer(help="Werkstromen of a programme and their onderwerpen (topics).",
                  no_args_is_help=True)
Opt = typer.Option

Resultaat = Annotated[str | None, Opt("--resultaat", help="The intended result.",
                                      show_default=False)]
Status = Annotated[str | None, Opt("--status", help="Where it stands, as the report says it.",
                                   show_default=False)]
Plan = Annotated[str | None, Opt("--plan", help="How the results will be used.",
                                 show_default=False)]
Vervolg = Annotated[str | None, Opt("--vervolgstappen", help="The next steps.",
                                    show_default=False)]
DependsOn = Annotated[list[str] | None, Opt(
    "--depends-on", help="Afhankelijk van: topic:WS2/KEY (a topic of the programme) or "
    "besluit:ID (a decision). Repeatable.", show_default=False)]
Decision = Annotated[str | None, Opt("--decision", help="A decision in force that this rests on.",
                                     show_default=False)]


@writes(app, "add")
def add(
    w: Write, workstream: Annotated[str, typer.Argument(help="PROGRAMME/CODE, e.g. PRG/WS1.")],
    name: Annotated[str, Opt("--name", help="The werkstroom's name, e.g. Energiesysteem.")],
) -> None:
    """Add a werkstroom to a programme."""
    from ledger.application.programme import split_workstream

    programme, code = split_workstream(workstream)
    out = w.ledger.workstream_add(w.env, programme=programme, code=code, name=name)
    w.done(out, f"werkstroom {programme}/{code} ({name})")


@writes(app, "begroting")
def begroting(
    w: Write, workstream: Annotated[str, typer.Argument(help="PROGRAMME/CODE, e.g. PRG/WS1.")],
    name: Annotated[str, Opt("--name", help="The werkstroom's name in the begroting.")],
) -> None:
    """Record the werkstroom's name in the begroting (the finance table's row)."""
    from ledger.application.programme import split_workstream

    programme, code = split_workstream(workstream)
    out = w.ledger.workstream_begroting(w.env, programme=programme, code=code, begroting=name)
    w.done(out, f"werkstroom {programme}/{code} in the begroting: {name}")


@writes(app, "topic")
def topic(
    w: Write, workstream: Annotated[str, typer.Argument(help="PROGRAMME/CODE, e.g. PRG/WS1.")],
    key: Annotated[str, typer.Argument(help="The topic's key within the werkstroom, e.g. "
                                       "routekaart.")],
    name: Annotated[str, Opt("--name", help="The onderwerp as the report names it.")],
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
    w.done(out, f"topic {programme}/{code}/{key}")


@writes(app, "status")
def status(
    w: Write,
    topic_key: Annotated[str, typer.Argument(help="PROGRAMME/WERKSTROOM/KEY, e.g. "
                                             "PRG/WS1/routekaart.")],
    status_: Status = None, resultaat: Resultaat = None, plan: Plan = None, vervolgstappen: Vervolg = None,
    depends_on: DependsOn = None,
    drop_depends_on: Annotated[list[str] | None, Opt(
        "--drop-depends-on", help="A dependency that no longer holds. Repeatable.",
        show_default=False)] = None,
    name: Annotated[str | None, Opt("--name", help="A new name for the onderwerp.",
                                    show_default=False)] = None,
    decision: Decision = None,
) -> None:
    """Change a topic's fields (status, resultaat, plan, vervolgstappen, dependencies)."""
    out = w.ledger.workstream_status(
        w.env, topic=topic_key, name=name, resultaat=resultaat, status=status_, plan=plan,
        vervolgstappen=vervolgstappen, depends_on=list(depends_on or []),
        drop_depends_on=list(drop_depends_on or []), decision=decision)
    w.done(out, f"change of topic {topic_key}")


@writes(app, "classify")
def classify(
    w: Write,
    topic_key: Annotated[str, typer.Argument(help="PROGRAMME/WERKSTROOM/KEY, e.g. "
                                             "PRG/WS1/routekaart.")],
    instrument: Instrument = None, level: Level = None, role: Role = None,
) -> None:
    """Classify an onderwerp (topic) by instrument, level and the gemeente's role."""
    out = w.ledger.workstream_classify(w.env, topic=topic_key, instrument=instrument,
                                       level=level, role=role)
    w.done(out, f"classification of topic {topic_key}")


@reads(app, "list")
def list_(r: Read, programme: Annotated[str, typer.Argument(help="The programme's code, e.g. PRG.")]) -> None:
    """List a programme's werkstromen with their number of topics."""
    from projections.programme import programme as load

    p = load(r.reader, programme)
    r.close()
    rows = list(p["workstreams"].values())
    if r.answered(rows):
        return
    table(f"Werkstromen of {p['code']}", ["code", "name", "topics", "since"],
          [(w["code"], w["name"], w["topics"], w["added"]) for w in rows],
          caption=horizon_caption(r))


@reads(app, "show")
def show(
    r: Read,
    path: Annotated[str, typer.Argument(help="A werkstroom (PRG/WS1) or one topic "
                                        "(PRG/WS1/routekaart).")],
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
        table(f"Topic {data['key']}: {data['name']}", ["field", "value"],
              [(f, data.get(f) or "") for f in ("resultaat", "status", "plan", "vervolgstappen")]
              + [("afhankelijk van", ", ".join(data["depends_on"]) or "—")],
              caption=horizon_caption(r))
        table("History", ["#", "effective", "actor", "authority", "changed"],
              [(h["position"], h["effective"], h["actor"],
                " ".join([*h["refs"], *([f"besluit:{h['decision']}"] if h["decision"] else [])]),
                "; ".join(f"{k}: {v}" for k, v in h["changes"].items())) for h in data["history"]])
        return
    console.print(f"[bold]{data['programme']}/{data['code']} {data['name']}[/bold] "
                  f"({data['programme_name']})")
    table(None, ["onderwerp", "resultaat", "status", "plan", "vervolgstappen", "afhankelijk van"],
          [(t["name"], t["resultaat"], t["status"], t["plan"], t["vervolgstappen"],
            "; ".join(f"{d['on']} ({d['status']})" for d in t["dependencies"]))
           for t in data["topics"]], caption=horizon_caption(r))

"""`ledger workstream`: werkstromen of a programme and their onderwerpen (topics) with the four
report fields resultaat, status, plan and vervolgstappen."""

from typing import Annotated

import typer

from commands.common import (
    Actor,
    AsOf,
    CommandId,
    Db,
    Instrument,
    Json,
    Level,
    On,
    Read,
    ReadOn,
    Reason,
    Ref,
    Role,
    Write,
    console,
    horizon_caption,
    print_json,
    table,
)

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


@app.command("add")
def add(
    ctx: typer.Context,
    workstream: Annotated[str, typer.Argument(help="PROGRAMME/CODE, e.g. PRG/WS1.")],
    name: Annotated[str, Opt("--name", help="The werkstroom's name, e.g. Energiesysteem.")],
    db: Db = None, actor: Actor = None, on: On = None, ref: Ref = None, reason: Reason = None,
    command_id: CommandId = None, json_out: Json = False,
) -> None:
    """Add a werkstroom to a programme."""
    from ledger.application.programme import split_workstream

    programme, code = split_workstream(workstream)
    w = Write(ctx, db=db, actor=actor, on=on, ref=ref, reason=reason, command_id=command_id,
              json_out=json_out)
    out = w.ledger.workstream_add(w.env, programme=programme, code=code, name=name)
    w.done(out, f"werkstroom {programme}/{code} ({name})")


@app.command("topic")
def topic(
    ctx: typer.Context,
    workstream: Annotated[str, typer.Argument(help="PROGRAMME/CODE, e.g. PRG/WS1.")],
    key: Annotated[str, typer.Argument(help="The topic's key within the werkstroom, e.g. "
                                       "routekaart.")],
    name: Annotated[str, Opt("--name", help="The onderwerp as the report names it.")],
    resultaat: Resultaat = None, status: Status = None, plan: Plan = None,
    vervolgstappen: Vervolg = None, depends_on: DependsOn = None, decision: Decision = None,
    db: Db = None, actor: Actor = None, on: On = None, ref: Ref = None, reason: Reason = None,
    command_id: CommandId = None, json_out: Json = False,
) -> None:
    """Add an onderwerp (topic) to a werkstroom, with its four report fields."""
    from ledger.application.programme import split_workstream

    programme, code = split_workstream(workstream)
    w = Write(ctx, db=db, actor=actor, on=on, ref=ref, reason=reason, command_id=command_id,
              json_out=json_out)
    out = w.ledger.workstream_topic(
        w.env, programme=programme, workstream=code, key=key, name=name, resultaat=resultaat,
        status=status, plan=plan, vervolgstappen=vervolgstappen,
        depends_on=list(depends_on or []), decision=decision)
    w.done(out, f"topic {programme}/{code}/{key}")


@app.command("status")
def status(
    ctx: typer.Context,
    topic_key: Annotated[str, typer.Argument(help="PROGRAMME/WERKSTROOM/KEY, e.g. "
                                             "PRG/WS1/routekaart.")],
    status_: Status = None, resultaat: Resultaat = None, plan: Plan = None,
    vervolgstappen: Vervolg = None, depends_on: DependsOn = None,
    drop_depends_on: Annotated[list[str] | None, Opt(
        "--drop-depends-on", help="A dependency that no longer holds. Repeatable.",
        show_default=False)] = None,
    name: Annotated[str | None, Opt("--name", help="A new name for the onderwerp.",
                                    show_default=False)] = None,
    decision: Decision = None,
    db: Db = None, actor: Actor = None, on: On = None, ref: Ref = None, reason: Reason = None,
    command_id: CommandId = None, json_out: Json = False,
) -> None:
    """Change a topic's fields (status, resultaat, plan, vervolgstappen, dependencies)."""
    w = Write(ctx, db=db, actor=actor, on=on, ref=ref, reason=reason, command_id=command_id,
              json_out=json_out)
    out = w.ledger.workstream_status(
        w.env, topic=topic_key, name=name, resultaat=resultaat, status=status_, plan=plan,
        vervolgstappen=vervolgstappen, depends_on=list(depends_on or []),
        drop_depends_on=list(drop_depends_on or []), decision=decision)
    w.done(out, f"change of topic {topic_key}")


@app.command("classify")
def classify(
    ctx: typer.Context,
    topic_key: Annotated[str, typer.Argument(help="PROGRAMME/WERKSTROOM/KEY, e.g. "
                                             "PRG/WS1/routekaart.")],
    instrument: Instrument = None, level: Level = None, role: Role = None,
    db: Db = None, actor: Actor = None, on: On = None, ref: Ref = None, reason: Reason = None,
    command_id: CommandId = None, json_out: Json = False,
) -> None:
    """Classify an onderwerp (topic) by instrument, level and the gemeente's role."""
    w = Write(ctx, db=db, actor=actor, on=on, ref=ref, reason=reason, command_id=command_id,
              json_out=json_out)
    out = w.ledger.workstream_classify(w.env, topic=topic_key, instrument=instrument,
                                       level=level, role=role)
    w.done(out, f"classification of topic {topic_key}")


@app.command("list")
def list_(ctx: typer.Context,
          programme: Annotated[str, typer.Argument(help="The programme's code, e.g. PRG.")],
          db: Db = None, on: ReadOn = None, as_of: AsOf = None, json_out: Json = False) -> None:
    """List a programme's werkstromen with their number of topics."""
    from projections.programme import programme as load

    r = Read(ctx, db=db, on=on, as_of=as_of, json_out=json_out)
    p = load(r.reader, programme)
    r.close()
    rows = list(p["workstreams"].values())
    if r.json:
        print_json(rows)
        return
    table(f"Werkstromen of {p['code']}", ["code", "name", "topics", "since"],
          [(w["code"], w["name"], w["topics"], w["added"]) for w in rows],
          caption=horizon_caption(r))


@app.command("show")
def show(ctx: typer.Context,
         path: Annotated[str, typer.Argument(help="A werkstroom (PRG/WS1) or one topic "
                                             "(PRG/WS1/routekaart).")],
         instrument: Instrument = None, level: Level = None, role: Role = None,
         db: Db = None, on: ReadOn = None, as_of: AsOf = None, json_out: Json = False) -> None:
    """Show a werkstroom's topics with their four report fields (optionally only those
    classified by --instrument, --level or --role), or one topic with its history."""
    from projections import programme as view
    from projections.classification import matching

    r = Read(ctx, db=db, on=on, as_of=as_of, json_out=json_out)
    one = path.count("/") == 2
    data = view.topic(r.reader, path) if one else view.workstream(r.reader, path)
    classified = matching(r.reader, instrument, level, role)
    if classified is not None and not one:
        data["topics"] = [t for t in data["topics"] if f"topic:{t['key']}" in classified]
    r.close()
    if r.json:
        print_json(data)
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

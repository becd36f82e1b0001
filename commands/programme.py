"""`ledger programme`: create, list and show programmes (with werkstromen, public values and
mandate limits for budget shifts)."""

from typing import Annotated

import typer

from commands.common import (
    Actor,
    AsOf,
    CommandId,
    Db,
    Json,
    On,
    Read,
    ReadOn,
    Reason,
    Ref,
    Write,
    horizon_caption,
    print_json,
    table,
)

app = typer.Typer(help="Programmes: what the parties agreed to do together, under which "
                  "agreement, and who may shift how much of its budget.", no_args_is_help=True)
Opt = typer.Option


@app.command("create")
def create(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="The programme's code, its key, e.g. PRG.")],
    name: Annotated[str, Opt("--name", help="The programme's name.")],
    agreement: Annotated[str, Opt("--agreement", help="Key of the agreement it runs under, "
                                  "e.g. PRG-SOK.")],
    start: Annotated[str, Opt("--start", help="First day of the programme (YYYY-MM-DD).")],
    end: Annotated[str, Opt("--end", help="Last day of the programme (YYYY-MM-DD).")],
    value: Annotated[list[str] | None, Opt("--value", help="A public value it safeguards: "
                                           "betaalbaarheid, haalbaarheid, duurzaamheid, "
                                           "betrouwbaarheid, tijdigheid. Repeatable.",
                                           show_default=False)] = None,
    mandate: Annotated[list[str] | None, Opt("--mandate", help="BODY:LIMIT a body may shift, "
                                             "e.g. programmamanager:25000, pho:250k, "
                                             "college:unlimited. Repeatable.",
                                             show_default=False)] = None,
    db: Db = None, actor: Actor = None, on: On = None, ref: Ref = None, reason: Reason = None,
    command_id: CommandId = None, json_out: Json = False,
) -> None:
    """Create a programme under an agreement, with its period, public values and mandates."""
    w = Write(ctx, db=db, actor=actor, on=on, ref=ref, reason=reason, command_id=command_id,
              json_out=json_out)
    out = w.ledger.programme_create(w.env, code=code, name=name, agreement=agreement,
                                    start=start, end=end, public_values=list(value or []),
                                    mandates=list(mandate or []))
    w.done(out, f"programme {code.upper()} ({name})")


@app.command("list")
def list_(ctx: typer.Context, db: Db = None, on: ReadOn = None, as_of: AsOf = None,
          json_out: Json = False) -> None:
    """List the programmes with their agreement, period and werkstromen."""
    from projections.programme import programmes

    r = Read(ctx, db=db, on=on, as_of=as_of, json_out=json_out)
    rows = list(programmes(r.reader).values())
    r.close()
    if r.json:
        print_json(rows)
        return
    table("Programmes", ["code", "name", "agreement", "period", "werkstromen"],
          [(p["code"], p["name"], p["agreement"], f"{p['start']} – {p['end']}",
            ", ".join(p["workstreams"])) for p in rows], caption=horizon_caption(r))


@app.command("show")
def show(ctx: typer.Context, code: Annotated[str, typer.Argument(help="The programme's code.")],
         db: Db = None, on: ReadOn = None, as_of: AsOf = None, json_out: Json = False) -> None:
    """Show a programme: agreement, period, public values, mandate limits and werkstromen."""
    from ledger.money import format_eur
    from projections.programme import programme

    r = Read(ctx, db=db, on=on, as_of=as_of, json_out=json_out)
    p = programme(r.reader, code)
    r.close()
    if r.json:
        print_json(p)
        return
    rows = [("code", p["code"]), ("name", p["name"]), ("agreement", p["agreement"]),
            ("period", f"{p['start']} – {p['end']}"),
            ("public values", ", ".join(p["public_values"]) or "—")]
    rows += [(f"mandate {b}", "unlimited" if v == "unlimited" else format_eur(v))
             for b, v in p["mandates"].items()]
    rows += [(f"werkstroom {w['code']}", f"{w['name']} ({w['topics']} topics)")
             for w in p["workstreams"].values()]
    table(f"Programme {p['code']}", ["field", "value"], rows, caption=horizon_caption(r))

"""`ledger decision`: record, ratify and withdraw decisions; list and show them with status."""

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
    horizon_caption,
    print_json,
    table,
)

app = typer.Typer(help="Decisions (besluiten) of raden, colleges, PHO, AB/DB and others, with "
                  "ratification and withdrawal.", no_args_is_help=True)

Opt = typer.Option


@app.command("record")
def record(
    ctx: typer.Context,
    identificatie: Annotated[str, typer.Argument(help="The decision's identificatie, e.g. "
                                                  "PHO-PRG-2021-07.")],
    body: Annotated[str, Opt("--body", help="Bestuursorgaan: college:GM0518, raad:GM0626, "
                             "pho:PRG, ab:NAME, db:NAME, regiegroep:NAME, programmamanager:NAME.")],
    title: Annotated[str, Opt("--title", help="What was decided, in a line.")],
    datum: Annotated[str, Opt("--datum", help="Date of the decision (YYYY-MM-DD).")],
    besluittype: Annotated[str, Opt(help="Besluittype, e.g. vaststelling, "
                                    "begrotingswijziging.")] = "besluit",
    ingangsdatum: Annotated[str | None, Opt(help="Takes effect on (default: datum).",
                                            show_default=False)] = None,
    vervaldatum: Annotated[str | None, Opt(help="Ceases to apply on.", show_default=False)] = None,
    vervalreden: Annotated[str | None, Opt(help="Why it ceases (needed with --vervaldatum).",
                                           show_default=False)] = None,
    publicatiedatum: Annotated[str | None, Opt(help="Published on.", show_default=False)] = None,
    toelichting: Annotated[str | None, Opt(help="Explanation.", show_default=False)] = None,
    outcome: Annotated[str, Opt(help="aangenomen, verworpen, aangehouden or "
                                "uitgesteld.")] = "aangenomen",
    condition: Annotated[str | None, Opt(help='Condition of a postponement, e.g. "na '
                                         'verkiezingen".', show_default=False)] = None,
    participant: Annotated[list[str] | None, Opt(help="A party whose college must ratify "
                                                 "(for a PHO). Repeatable.",
                                                 show_default=False)] = None,
    db: Db = None, actor: Actor = None, on: On = None, ref: Ref = None, reason: Reason = None,
    command_id: CommandId = None, json_out: Json = False,
) -> None:
    """Record a decision with the fields of a ZGW Besluit."""
    w = Write(ctx, db=db, actor=actor, on=on, ref=ref, reason=reason,
              command_id=command_id, json_out=json_out)
    out = w.ledger.decision_record(
        w.env, key=identificatie, body=body, title=title, datum=datum, besluittype=besluittype,
        ingangsdatum=ingangsdatum, vervaldatum=vervaldatum, vervalreden=vervalreden,
        publicatiedatum=publicatiedatum, toelichting=toelichting, outcome=outcome,
        condition=condition, participants=list(participant or []))
    w.done(out, f"decision {identificatie}")


@app.command("ratify")
def ratify(
    ctx: typer.Context,
    identificatie: Annotated[str, typer.Argument(help="The decision ratified.")],
    party: Annotated[str, Opt("--party", help="The party whose college ratifies.")],
    datum: Annotated[str | None, Opt(help="Date of ratification (default: --on).",
                                     show_default=False)] = None,
    college_decision: Annotated[str | None, Opt(help="The college's own decision, if recorded.",
                                                show_default=False)] = None,
    db: Db = None, actor: Actor = None, on: On = None, ref: Ref = None, reason: Reason = None,
    command_id: CommandId = None, json_out: Json = False,
) -> None:
    """Record that a party's college ratified a decision taken without final mandate."""
    w = Write(ctx, db=db, actor=actor, on=on, ref=ref, reason=reason,
              command_id=command_id, json_out=json_out)
    out = w.ledger.decision_ratify(w.env, identificatie, party=party, datum=datum,
                                   college_decision=college_decision)
    w.done(out, f"ratification of {identificatie} by {party.upper()}")


@app.command("withdraw")
def withdraw(
    ctx: typer.Context,
    identificatie: Annotated[str, typer.Argument(help="The decision withdrawn (ingetrokken).")],
    datum: Annotated[str | None, Opt(help="Date of withdrawal (default: --on).",
                                     show_default=False)] = None,
    db: Db = None, actor: Actor = None, on: On = None, ref: Ref = None, reason: Reason = None,
    command_id: CommandId = None, json_out: Json = False,
) -> None:
    """Withdraw a decision: from that date it can no longer serve as authority."""
    w = Write(ctx, db=db, actor=actor, on=on, ref=ref, reason=reason,
              command_id=command_id, json_out=json_out)
    out = w.ledger.decision_withdraw(w.env, identificatie, datum=datum)
    w.done(out, f"withdrawal of {identificatie}")


@app.command("classify")
def classify(ctx: typer.Context,
             identificatie: Annotated[str, typer.Argument(help="The decision.")],
             instrument: Instrument = None, level: Level = None, role: Role = None,
             db: Db = None, actor: Actor = None, on: On = None, ref: Ref = None,
             reason: Reason = None, command_id: CommandId = None, json_out: Json = False) -> None:
    """Classify a decision by instrument, level and the gemeente's role."""
    w = Write(ctx, db=db, actor=actor, on=on, ref=ref, reason=reason, command_id=command_id,
              json_out=json_out)
    out = w.ledger.decision_classify(w.env, decision=identificatie, instrument=instrument,
                                     level=level, role=role)
    w.done(out, f"classification of decision {identificatie}")


@app.command("list")
def list_(ctx: typer.Context,
          status: Annotated[str | None, Opt(help="Only decisions with this status.",
                                            show_default=False)] = None,
          instrument: Instrument = None, level: Level = None, role: Role = None,
          db: Db = None, on: ReadOn = None, as_of: AsOf = None, json_out: Json = False) -> None:
    """List decisions with their status on the date (optionally only those classified by
    --instrument, --level or --role)."""
    from projections.classification import matching
    from projections.decisions import decisions

    r = Read(ctx, db=db, on=on, as_of=as_of, json_out=json_out)
    classified = matching(r.reader, instrument, level, role)
    rows = [d for d in decisions(r.reader).values() if (not status or d["status"] == status)
            and (classified is None or f"decision:{d['identificatie']}" in classified)]
    r.close()
    if r.json:
        print_json(rows)
        return
    table("Decisions", ["identificatie", "datum", "orgaan", "title", "status"],
          [(d["identificatie"], d["datum"], d["body"], d["title"], d["status"]) for d in rows],
          caption=horizon_caption(r))


@app.command("show")
def show(ctx: typer.Context, identificatie: Annotated[str, typer.Argument(help="The decision.")],
         db: Db = None, on: ReadOn = None, as_of: AsOf = None, json_out: Json = False) -> None:
    """Show one decision: every field, ratifications, and its status on the date."""
    from ledger.errors import NotFound
    from projections.decisions import decision

    r = Read(ctx, db=db, on=on, as_of=as_of, json_out=json_out)
    d = decision(r.reader, identificatie)
    r.close()
    if d is None:
        raise NotFound(f"There is no decision '{identificatie}' ({horizon_caption(r)}).",
                       hint="List them with `ledger decision list`.")
    if r.json:
        print_json(d)
        return
    rows = [(k, v) for k, v in d.items() if k not in ("ratifications", "refs") and v not in (None, [])]
    rows += [(f"ratified by {p}", f"{x['datum']} {x['college_decision'] or ''}")
             for p, x in d["ratifications"].items()]
    rows += [("ref", ref) for ref in d["refs"]]
    table(f"Decision {d['identificatie']}", ["field", "value"], rows, caption=horizon_caption(r))

"""`ledger decision`: record, ratify and withdraw decisions; list and show them with status."""

from typing import Annotated

import typer

from commands.common import Instrument, Level, Role, console, horizon_caption, plain, table
from commands.declare import Read, Write, reads, writes

app = typer.Typer(help="Decisions (besluiten) of raden, colleges, PHO, AB/DB and others, with "
                  "ratification and withdrawal.", no_args_is_help=True)

Opt = typer.Option


@writes(app, "record")
def record(
    w: Write,
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
) -> None:
    """Record a decision with the fields of a ZGW Besluit."""
    out = w.ledger.decision_record(
        w.env, key=identificatie, body=body, title=title, datum=datum, besluittype=besluittype,
        ingangsdatum=ingangsdatum, vervaldatum=vervaldatum, vervalreden=vervalreden,
        publicatiedatum=publicatiedatum, toelichting=toelichting, outcome=outcome,
        condition=condition, participants=list(participant or []))
    w.done(out, f"decision {identificatie}")


@writes(app, "ratify")
def ratify(
    w: Write, identificatie: Annotated[str, typer.Argument(help="The decision ratified.")],
    party: Annotated[str, Opt("--party", help="The party whose college ratifies.")],
    datum: Annotated[str | None, Opt(help="Date of ratification (default: --on).",
                                     show_default=False)] = None,
    college_decision: Annotated[str | None, Opt(help="The college's own decision, if recorded.",
                                                show_default=False)] = None,
) -> None:
    """Record that a party's college ratified a decision taken without final mandate."""
    out = w.ledger.decision_ratify(w.env, identificatie, party=party, datum=datum,
                                   college_decision=college_decision)
    w.done(out, f"ratification of {identificatie} by {party.upper()}")


@writes(app, "withdraw")
def withdraw(
    w: Write, identificatie: Annotated[str, typer.Argument(help="The decision withdrawn (ingetrokken).")],
    datum: Annotated[str | None, Opt(help="Date of withdrawal (default: --on).",
                                     show_default=False)] = None,
) -> None:
    """Withdraw a decision: from that date it can no longer serve as authority."""
    out = w.ledger.decision_withdraw(w.env, identificatie, datum=datum)
    w.done(out, f"withdrawal of {identificatie}")


@writes(app, "classify")
def classify(
    w: Write, identificatie: Annotated[str, typer.Argument(help="The decision.")],
    instrument: Instrument = None, level: Level = None, role: Role = None,
) -> None:
    """Classify a decision by instrument, level and the gemeente's role."""
    out = w.ledger.decision_classify(w.env, decision=identificatie, instrument=instrument,
                                     level=level, role=role)
    w.done(out, f"classification of decision {identificatie}")


@reads(app, "list")
def list_(
    r: Read,
    status: Annotated[str | None, Opt(help="Only decisions with this status.",
                                      show_default=False)] = None,
    instrument: Instrument = None, level: Level = None, role: Role = None,
) -> None:
    """List decisions with their status on the date (optionally only those classified by
    --instrument, --level or --role)."""
    from projections.classification import matching
    from projections.decisions import decisions

    classified = matching(r.reader, instrument, level, role)
    rows = [d for d in decisions(r.reader).values() if (not status or d["status"] == status)
            and (classified is None or f"decision:{d['identificatie']}" in classified)]
    from projections.narrative import Footnotes, assumed_keys

    assumed = assumed_keys(r.reader, "decision", [d["identificatie"] for d in rows])
    if r.answered(rows):
        return
    notes = Footnotes()
    table("Decisions", ["identificatie", "datum", "orgaan", "title", "status"],
          [(notes.mark(d["identificatie"], assumed.get(d["identificatie"], [])), d["datum"],
            d["body"], d["title"], d["status"]) for d in rows],
          caption=horizon_caption(r))
    for line in notes.lines():
        console.print(plain(line))


@reads(app, "show")
def show(r: Read, identificatie: Annotated[str, typer.Argument(help="The decision.")]) -> None:
    """Show one decision: every field, ratifications, and its status on the date."""
    from ledger.errors import NotFound
    from projections.decisions import decision

    d = decision(r.reader, identificatie)
    r.close()
    if d is None:
        raise NotFound(f"There is no decision '{identificatie}' ({horizon_caption(r)}).",
                       hint="List them with `ledger decision list`.")
    if r.answered(d):
        return
    rows = [(k, v) for k, v in d.items() if k not in ("ratifications", "refs") and v not in (None, [])]
    rows += [(f"ratified by {p}", f"{x['datum']} {x['college_decision'] or ''}")
             for p, x in d["ratifications"].items()]
    rows += [("ref", ref) for ref in d["refs"]]
    table(f"Decision {d['identificatie']}", ["field", "value"], rows, caption=horizon_caption(r))

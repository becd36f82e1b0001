"""`ledger party`: register, correct, list and show the parties; record their population."""

from typing import Annotated

import typer

from commands.common import horizon_caption, table
from commands.declare import Read, Write, reads, writes

app = typer.Typer(help="Gemeenten and the other parties that decide, sign and pay.",
                  no_args_is_help=True)


@writes(app, "add")
def add(
    w: Write, name: Annotated[str, typer.Argument(help="The party's name, e.g. Leiden.")],
    kind: Annotated[str, typer.Option(help="gemeente, provincie, waterschap, netbeheerder, "
                                      "corporatie, cooperatie, bedrijf, rijk or other.")],
    cbs: Annotated[str | None, typer.Option(help="CBS gemeentecode (GM + 4 digits); the key of "
                                            "a gemeente.", show_default=False)] = None,
    key: Annotated[str | None, typer.Option(help="Short code for a party that is not a "
                                            "gemeente, e.g. ZH.", show_default=False)] = None,
) -> None:
    """Register a party (a gemeente by its CBS code; its TOOI identifier is derived)."""
    outcome = w.ledger.party_add(w.env, kind=kind, name=name, key=key, cbs=cbs)
    w.done(outcome, f"party {outcome.subject.split(':', 1)[1]} ({name})")


@writes(app, "correct")
def correct(
    w: Write, party: Annotated[str, typer.Argument(help="The party's key (CBS code for a gemeente).")],
    name: Annotated[str | None, typer.Option(help="The right name.", show_default=False)] = None,
    kind: Annotated[str | None, typer.Option(help="The right kind.", show_default=False)] = None,
    void: Annotated[bool, typer.Option("--void", help="The party was registered in error.")] = False,
    corrects: Annotated[int | None, typer.Option(
        help="Position of the event corrected (default: the registration).",
        show_default=False)] = None,
) -> None:
    """Correct a mistaken party by a new event; the original stays in the log."""
    w.correcting(corrects)
    outcome = w.ledger.party_correct(w.env, party, name=name, kind=kind, void=void)
    w.done(outcome, f"correction of party {party}")


@writes(app, "population")
def population(
    w: Write, party: Annotated[str, typer.Argument(help="The party's key (CBS code for a gemeente).")],
    peildatum: Annotated[str, typer.Option("--peildatum", help="The date the figure counts "
                                           "(YYYY-MM-DD), e.g. 2021-01-01.")],
    inwoners: Annotated[str, typer.Option("--inwoners", help="Number of inhabitants on the "
                                          "peildatum, e.g. 125574.")],
    source: Annotated[str, typer.Option("--source", help='Where the figure comes from, e.g. '
                                        '"CBS, Bevolking op 1 januari 2021".')],
    corrects: Annotated[int | None, typer.Option(
        help="Position of the figure corrected (default: the figure that counts now for this "
        "peildatum).", show_default=False)] = None,
) -> None:
    """Record a party's population on a peildatum; a second figure for the same peildatum
    corrects the first (--on defaults to the peildatum)."""
    w.correcting(corrects)
    outcome = w.ledger.party_population(w.env, party, peildatum=peildatum, inwoners=inwoners,
                                        source=source)
    w.done(outcome, f"population of {party.upper()} on {peildatum}")


@reads(app, "list")
def list_(
    r: Read,
    kind: Annotated[str | None, typer.Option(
help="Only parties of this kind.", show_default=False)] = None,
) -> None:
    """List the parties."""
    from projections.parties import parties

    rows = [p for p in parties(r.reader).values() if not kind or p["kind"] == kind]
    if r.answered(rows):
        return
    table("Parties", ["key", "kind", "name", "TOOI"],
          [(p["key"] + (" (void)" if p["void"] else ""), p["kind"], p["name"], p["tooi"] or "")
           for p in rows], caption=horizon_caption(r))


@reads(app, "show")
def show(r: Read, party: Annotated[str, typer.Argument(help="The party's key.")]) -> None:
    """Show one party with its corrections and its population history."""
    from ledger.errors import NotFound
    from projections.parties import party as one_party

    found = one_party(r.reader, party)
    r.close()
    if found is None:
        raise NotFound(f"There is no party '{party}' in the ledger ({horizon_caption(r)}).",
                       hint="List them with `ledger party list`.")
    if r.answered(found):
        return
    pop = found["population"]
    table(f"Party {found['key']}", ["field", "value"],
          [(k, v) for k, v in found.items()
           if k not in ("corrections", "populations", "population")] +
          [("population", f"{pop['inwoners']} on {pop['peildatum']} ({pop['source']})"
            if pop else "none recorded")] +
          [("correction", f"#{c['position']} corrects #{c['corrects']}: {c['reason'] or ''}")
           for c in found["corrections"]], caption=horizon_caption(r))
    if found["populations"]:
        table(f"Population history of {found['key']}",
              ["#", "peildatum", "inwoners", "source", "corrects", "counts"],
              [(f["position"], f["peildatum"], f["inwoners"], f["source"],
                f"#{f['corrects']}" if f["corrects"] else "", "yes" if f["counts"] else "no")
               for f in found["populations"]])

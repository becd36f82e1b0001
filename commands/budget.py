"""`ledger budget`: allocate, reserve, spend, release and shift a programme's money, record its
funding, check printed figures (assert, accept) and show the finance table for any date."""

from typing import Annotated, Any

import typer

from commands.common import console, horizon_caption, plain, table
from commands.declare import Read, Write, reads, writes

app = typer.Typer(help="A programme's budget: allocations, reservations, spending, shifts, "
                  "funding and balance assertions.", no_args_is_help=True)
Opt = typer.Option

Programme = Annotated[str, Opt("--programme", help="The programme's code, e.g. PRG.")]
Workstream = Annotated[str, Opt("--workstream", help="The werkstroom, e.g. WS1.")]
Year = Annotated[int, Opt("--year", help="The budget year, e.g. 2021.")]
Amount = Annotated[str, Opt("--amount", help="Amount in euros: 450000, 450.000, "
                            "€ 450.000,00 or 450k.")]


def eur(value: Any) -> str:
    from ledger.money import format_eur

    return format_eur(value)


@writes(app, "allocate")
def allocate(
    w: Write, programme: Programme, workstream: Workstream, year: Year, amount: Amount,
    decision: Annotated[str | None, Opt("--decision", help="The decision the allocation rests "
                                        "on (must be in force).", show_default=False)] = None,
) -> None:
    """Allocate budget to a werkstroom for a year."""
    out = w.ledger.budget_allocate(w.env, programme=programme, workstream=workstream, year=year,
                                   amount=amount, decision=decision)
    w.done(out, f"allocation of {amount} to {programme.upper()} {workstream.upper()} {year}")


@writes(app, "reserve")
def reserve(
    w: Write, programme: Programme, workstream: Workstream, year: Year, amount: Amount,
    purpose: Annotated[str, Opt("--purpose", help="What the money is reserved for.")],
    id_: Annotated[str | None, Opt("--id", help="The reservation's id (default: R1, R2, ...).",
                                   show_default=False)] = None,
) -> None:
    """Reserve part of a werkstroom's budget for a year; spend or release it later."""
    out = w.ledger.budget_reserve(w.env, programme=programme, workstream=workstream, year=year,
                                  amount=amount, purpose=purpose, reservation=id_)
    w.done(out, f"reservation {out.detail.get('reservation', id_ or '')} of {amount} on "
           f"{programme.upper()} {workstream.upper()} {year}")


@writes(app, "spend")
def spend(
    w: Write, programme: Programme, amount: Amount,
    reference: Annotated[str, Opt("--reference", help="The invoice, order or decision: "
                                  "factuur:NR, order:NR, besluit:ID.")],
    workstream: Annotated[str | None, Opt("--workstream", help="The werkstroom (when not "
                                          "against a reservation).", show_default=False)] = None,
    year: Annotated[int | None, Opt("--year", help="Budget year charged (default: the year of "
                                    "--on).", show_default=False)] = None,
    reservation: Annotated[str | None, Opt("--reservation", help="Spend against this "
                                           "reservation.", show_default=False)] = None,
    description: Annotated[str | None, Opt("--description", help="What was bought.",
                                           show_default=False)] = None,
) -> None:
    """Record spending (benut): directly on a werkstroom, or against a reservation."""
    out = w.ledger.budget_spend(w.env, programme=programme, amount=amount, reference=reference,
                                workstream=workstream, year=year, reservation=reservation,
                                description=description)
    w.done(out, f"spending of {amount} ({reference})")


@writes(app, "release")
def release(
    w: Write, programme: Programme,
    reservation: Annotated[str, typer.Argument(help="The reservation, e.g. R1.")],
) -> None:
    """Release what is left of a reservation; it is then resolved."""
    out = w.ledger.budget_release(w.env, programme=programme, reservation=reservation)
    w.done(out, f"release of {eur(out.detail['released']) if 'released' in out.detail else ''} "
           f"from reservation {reservation.upper()}")


@writes(app, "shift")
def shift(
    w: Write, programme: Programme, amount: Amount,
    decision: Annotated[str, Opt("--decision", help="The decision in force it rests on; its "
                                 "body's mandate must cover the amount.")],
    from_workstream: Annotated[str, Opt("--from", help="Werkstroom the money leaves.")],
    from_year: Annotated[int, Opt("--from-year", help="Year the money leaves.")],
    to_workstream: Annotated[str | None, Opt("--to", help="Werkstroom it goes to (default: the "
                                             "same).", show_default=False)] = None,
    to_year: Annotated[int | None, Opt("--to-year", help="Year it goes to (default: the same).",
                                       show_default=False)] = None,
) -> None:
    """Shift budget between werkstromen or years (begrotingswijziging), on a decision."""
    out = w.ledger.budget_shift(w.env, programme=programme, amount=amount, decision=decision,
                                from_workstream=from_workstream, from_year=from_year,
                                to_workstream=to_workstream, to_year=to_year)
    w.done(out, f"shift of {amount} from {from_workstream.upper()} {from_year} to "
           f"{(to_workstream or from_workstream).upper()} {to_year or from_year}")


@writes(app, "fund")
def fund(
    w: Write, programme: Programme,
    kind: Annotated[str | None, Opt("--kind", help="gemeenten (contributions of parties), rijk "
                                    "or other (default with --by-agreement: gemeenten).",
                                    show_default=False)] = None,
    share: Annotated[list[str] | None, Opt("--share", help="PARTY:AMOUNT a party contributes, "
                                           "e.g. GM0518:120000. Repeatable.",
                                           show_default=False)] = None,
    amount: Annotated[str | None, Opt("--amount", help="The total (default: the sum of the "
                                      "shares).", show_default=False)] = None,
    by_agreement: Annotated[bool, Opt("--by-agreement", help="Divide --amount among the parties "
                                      "by the verdeelsleutel of the agreement the programme "
                                      "runs under, as it stands on --on.")] = False,
    source: Annotated[str | None, Opt("--source", help="Name of the source, e.g. CDOKE.",
                                      show_default=False)] = None,
    year: Annotated[int | None, Opt("--year", help="The year it funds.",
                                    show_default=False)] = None,
) -> None:
    """Record funding: contributions of parties (per party, or by the agreement's
    verdeelsleutel), Rijk money or other income."""
    out = w.ledger.budget_fund(w.env, programme=programme, source_kind=kind, source=source,
                               amount=amount, shares=list(share or []), year=year,
                               by_agreement=by_agreement)
    w.done(out, f"funding ({kind or 'gemeenten'}) of {programme.upper()}")
    if out.detail.get("shares") and not w.json:
        table(f"Shares ({out.detail['agreement']})", ["party", "share"],
              [(p, eur(v)) for p, v in out.detail["shares"].items()])


@writes(app, "assert")
def assert_(
    w: Write, programme: Programme,
    column: Annotated[str, Opt("--column", help="totaal-begroot, begroot, benut, "
                               "budget-volgend-jaar or reservering.")],
    amount: Annotated[str, Opt("--amount", help="The figure as printed, e.g. 600k.")],
    document: Annotated[str, Opt("--document", help="The document it was printed in.")],
    workstream: Annotated[str | None, Opt("--workstream", help="The werkstroom's row (default: "
                                          "the total row).", show_default=False)] = None,
    year: Annotated[int | None, Opt("--year", help="The report's year (default: the year of "
                                    "--on).", show_default=False)] = None,
    id_: Annotated[str | None, Opt("--id", help="The assertion's id (default: A1, A2, ...).",
                                   show_default=False)] = None,
) -> None:
    """Record a figure as a report printed it for --on, and check it against the ledger."""
    out = w.ledger.budget_assert(w.env, programme=programme, column=column, amount=amount,
                                 document=document, year=year, workstream=workstream,
                                 assertion=id_)
    d = out.detail
    if d and not w.json:
        verdict = ("pass" if d["result"] == "pass" else
                   f"FAIL: printed {eur(d['printed'])}, the ledger computes {eur(d['computed'])}, "
                   f"difference {eur(d['difference'])}")
        w.done(out, f"assertion {d['assertion']} ({(workstream or 'totaal').upper()} {column} "
               f"{year or w.env.effective.year} on {w.env.effective}): {verdict}")
        return
    w.done(out, f"assertion {id_ or ''}")


@writes(app, "accept")
def accept(
    w: Write, programme: Programme,
    assertion: Annotated[str, typer.Argument(help="The failing assertion, e.g. A21.")],
) -> None:
    """Accept a failing assertion with an explanation (--reason); the difference stays shown."""
    out = w.ledger.budget_accept(w.env, programme=programme, assertion=assertion)
    w.done(out, f"acceptance of assertion {assertion.upper()}")


@reads(app, "show")
def show(
    r: Read, programme: Programme,
    year: Annotated[int | None, Opt("--year", help="The report year Y (default: the year of "
                                    "--on).", show_default=False)] = None,
) -> None:
    """The finance table for a date: per werkstroom totaal begroot, begroot Y, benut Y,
    budget Y+1 and reservering, the totals, and the balance assertions."""
    from projections.budget import finance_view

    v = finance_view(r.reader, programme, year)
    if r.answered(v):
        return
    y = v["year"]
    rows = [*v["rows"], v["totals"]]
    extra_vrij = any(row["vrij"] for row in rows)
    extra_earlier = any(row["benut_tot_datum"] != row["benut"] for row in rows)
    columns = ["werkstroom", "naam", "totaal begroot", f"begroot {y}", f"benut {y}",
               f"budget {y + 1}", "reservering"]
    keys = ["totaal_begroot", "begroot", "benut", "budget_volgend_jaar", "reservering"]
    if extra_earlier:
        columns.append("benut tot datum")
        keys.append("benut_tot_datum")
    if extra_vrij:
        columns.append("vrij")
        keys.append("vrij")
    table(f"Financiën {v['programme']} {y} (on {v['on']})", columns,
          [(row["workstream"], row["name"], *[eur(row[k]) for k in keys]) for row in rows],
          caption=horizon_caption(r))
    if v["assertions"]:
        table("Balance assertions", ["id", "figure", "printed", "ledger", "difference", "state",
                                     "document"],
              [(a["id"], f"{a['workstream'] or 'totaal'} {a['column']} {a['year']} on {a['on']}",
                eur(a["amount"]), eur(a["computed"]), eur(a["difference"]),
                a["state"] + (f" ({a['acceptance']['reason']})" if a["acceptance"] else "")
                + (f" (by {a['superseded_by']})" if a["superseded_by"] else ""), a["document"])
               for a in v["assertions"]])
    open_ = [x for x in v["reservations"] if x["state"] == "open"]
    if open_:
        from projections.narrative import Footnotes

        notes = Footnotes()
        table("Open reservations", ["id", "line", "reserved", "spent", "remaining", "purpose"],
              [(x["id"], f"{x['workstream']} {x['year']}", eur(x["amount"]), eur(x["spent"]),
                eur(x["remaining"]), notes.mark(x["purpose"], x.get("assumptions") or []))
               for x in open_])
        for line in notes.lines():
            console.print(plain(line))
    if v["funding"]["sources"]:
        console.print(f"Funding: {eur(v['funding']['total'])} recorded; uncovered by funding: "
                      f"{eur(v['funding']['uncovered'])}.")
    for a in v["failing"]:
        console.print(f"[bold red]Failing:[/bold red] assertion {a['id']} differs by "
                      f"{eur(a['difference'])}.")

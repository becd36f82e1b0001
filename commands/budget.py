"""`ledger budget`: allocate, reserve, spend, release and shift a programme's money, record its
funding, check printed figures (assert, accept) and show the finance table for any date."""

from typing import Annotated, Any

import typer

from commands.common import console, horizon_caption, plain, table
from commands.declare import Read, Write, reads, writes
from ledger.i18n import N_, _

app = typer.Typer(help=_("A programme's budget: allocations, reservations, spending, shifts, "
                         "funding and balance assertions."), no_args_is_help=True)
Opt = typer.Option

Programme = Annotated[str, Opt("--programme", help=_("The programme's code, e.g. PRG."))]
Workstream = Annotated[str, Opt("--workstream", help=_("The werkstroom, e.g. WS1."))]
Year = Annotated[int, Opt("--year", help=_("The budget year, e.g. 2021."))]
Amount = Annotated[str, Opt("--amount", help=_("Amount in euros: 450000, 450.000, "
                                               "€ 450.000,00 or 450k."))]

# the state of a balance assertion, as the finance table shows it
ASSERTION_STATES = {"pass": N_("correct"), "fail": N_("differs"), "accepted": N_("accepted"),
                    "superseded": N_("superseded")}


def eur(value: Any) -> str:
    from ledger.money import format_eur

    return format_eur(value)


def cents(value: Any) -> str:
    """An amount as a confirmation states it: to the cent (`€ 3.000,00`, `€ 1,50`)."""
    from ledger.money import format_eur

    return format_eur(value, cents=True)


def day(value: Any, form: str = "short") -> str:
    """A stored date for a person to read ("05-10-2021" in tables); "—" when there is none."""
    from ledger.dates import show_date

    return show_date(value, form) if value not in (None, "") else "—"


def recorded(w: Write, out: Any, kind: str | None = None) -> dict[str, Any]:
    """The fields of the event a write stored (for a repeat: the event stored the first time):
    the one of class `kind` (e.g. "Reserved"), else the last. A confirmation states these, not
    what was typed. Empty with --json (the outcome is printed then) or when none is found."""
    if w.json or w.ledger is None:
        return {}
    from uuid import UUID

    from eventsourcing.persistence import StoredEvent

    found: dict[str, Any] = {}
    for position in out.positions:
        row = w.ledger.raw.event_at(position)
        if row is None:
            continue
        event = w.ledger.mapper.to_domain_event(StoredEvent(
            originator_id=UUID(str(row.originator_id)), originator_version=row.version,
            topic=row.topic, state=bytes(row.state)))
        if kind is None or type(event).__name__ == kind:
            found = dict(event.__dict__)
    return found


def line(programme: str, workstream: Any, year: Any) -> str:
    """A budget line as a confirmation names it: "PRG WS1 2021"."""
    return " ".join(str(x) for x in (programme.strip().upper(), workstream, year) if x)


@writes(app, "allocate", help=_("Allocate budget to a werkstroom for a year."))
def allocate(
    w: Write, programme: Programme, workstream: Workstream, year: Year, amount: Amount,
    decision: Annotated[str | None, Opt("--decision", help=_(
        "The decision the allocation rests on (must be in force)."), show_default=False)] = None,
) -> None:
    """Allocate budget to a werkstroom for a year."""
    out = w.ledger.budget_allocate(w.env, programme=programme, workstream=workstream, year=year,
                                   amount=amount, decision=decision)
    e = recorded(w, out, "Allocated")
    w.done(out, _("allocation of {amount} to budget line {line}").format(
        amount=cents(e["amount"]) if e else amount,
        line=line(programme, e.get("workstream", workstream.upper()), e.get("year", year))))


@writes(app, "reserve", help=_("Reserve part of a werkstroom's budget for a year; spend or "
                               "release it later."))
def reserve(
    w: Write, programme: Programme, workstream: Workstream, year: Year, amount: Amount,
    purpose: Annotated[str, Opt("--purpose", help=_("What the money is reserved for."))],
    id_: Annotated[str | None, Opt("--id", help=_("The reservation's id (default: R1, R2, ...)."),
                                   show_default=False)] = None,
) -> None:
    """Reserve part of a werkstroom's budget for a year; spend or release it later."""
    out = w.ledger.budget_reserve(w.env, programme=programme, workstream=workstream, year=year,
                                  amount=amount, purpose=purpose, reservation=id_)
    e = recorded(w, out, "Reserved")
    w.done(out, _("reservation {id} of {amount} on budget line {line}").format(
        id=e.get("reservation") or out.detail.get("reservation", id_ or ""),
        amount=cents(e["amount"]) if e else amount,
        line=line(programme, e.get("workstream", workstream.upper()), e.get("year", year))))


@writes(app, "spend", help=_("Record spending (benut): directly on a werkstroom, or against a "
                             "reservation."))
def spend(
    w: Write, programme: Programme, amount: Amount,
    reference: Annotated[str, Opt("--reference", help=_(
        "The invoice, order or decision: factuur:NR, order:NR, besluit:ID."))],
    workstream: Annotated[str | None, Opt("--workstream", help=_(
        "The werkstroom (when not against a reservation)."), show_default=False)] = None,
    year: Annotated[int | None, Opt("--year", help=_(
        "Budget year charged (default: the year of --on)."), show_default=False)] = None,
    reservation: Annotated[str | None, Opt("--reservation", help=_(
        "Spend against this reservation."), show_default=False)] = None,
    description: Annotated[str | None, Opt("--description", help=_("What was bought."),
                                           show_default=False)] = None,
) -> None:
    """Record spending (benut): directly on a werkstroom, or against a reservation."""
    out = w.ledger.budget_spend(w.env, programme=programme, amount=amount, reference=reference,
                                workstream=workstream, year=year, reservation=reservation,
                                description=description)
    e = recorded(w, out, "Spent")
    values = {"amount": cents(e["amount"]) if e else amount,
              "line": line(programme, e.get("workstream", out.detail.get("workstream")),
                           e.get("year", out.detail.get("year"))),
              "reference": e.get("reference") or reference,
              "reservation": e.get("reservation") or reservation}
    if values["reservation"]:
        w.done(out, _("spending of {amount} against reservation {reservation} on budget line "
                      "{line} ({reference})").format(**values))
    else:
        w.done(out, _("spending of {amount} on budget line {line} ({reference})").format(**values))


@writes(app, "release", help=_("Release what is left of a reservation; it is then resolved."))
def release(
    w: Write, programme: Programme,
    reservation: Annotated[str, typer.Argument(help=_("The reservation, e.g. R1."))],
) -> None:
    """Release what is left of a reservation; it is then resolved."""
    out = w.ledger.budget_release(w.env, programme=programme, reservation=reservation)
    e = recorded(w, out, "Released")
    w.done(out, _("release of {amount} from reservation {reservation} on budget line "
                  "{line}").format(
        amount=cents(e["amount"]) if e else cents(out.detail.get("released", 0)),
        reservation=e.get("reservation") or reservation.upper(),
        line=line(programme, e.get("workstream"), e.get("year"))))


@writes(app, "shift", help=_("Shift budget between werkstromen or years (begrotingswijziging), "
                             "on a decision."))
def shift(
    w: Write, programme: Programme, amount: Amount,
    decision: Annotated[str, Opt("--decision", help=_(
        "The decision in force it rests on; its body's mandate must cover the amount."))],
    from_workstream: Annotated[str, Opt("--from", help=_("Werkstroom the money leaves."))],
    from_year: Annotated[int, Opt("--from-year", help=_("Year the money leaves."))],
    to_workstream: Annotated[str | None, Opt("--to", help=_(
        "Werkstroom it goes to (default: the same)."), show_default=False)] = None,
    to_year: Annotated[int | None, Opt("--to-year", help=_(
        "Year it goes to (default: the same)."), show_default=False)] = None,
) -> None:
    """Shift budget between werkstromen or years (begrotingswijziging), on a decision."""
    out = w.ledger.budget_shift(w.env, programme=programme, amount=amount, decision=decision,
                                from_workstream=from_workstream, from_year=from_year,
                                to_workstream=to_workstream, to_year=to_year)
    e = recorded(w, out, "Shifted")
    w.done(out, _("shift of {amount} from budget line {source} to {target}, on decision "
                  "{decision}").format(
        amount=cents(e["amount"]) if e else amount,
        source=line(programme, e.get("from_workstream", from_workstream.upper()),
                    e.get("from_year", from_year)),
        target=line(programme, e.get("to_workstream", (to_workstream or from_workstream).upper()),
                    e.get("to_year", to_year or from_year)),
        decision=e.get("decision") or decision))


@writes(app, "fund", help=_("Record funding: contributions of parties (per party, or by the "
                            "agreement's verdeelsleutel), Rijk money or other income."))
def fund(
    w: Write, programme: Programme,
    kind: Annotated[str | None, Opt("--kind", help=_(
        "gemeenten (contributions of parties), rijk or other (default with --by-agreement: "
        "gemeenten)."), show_default=False)] = None,
    share: Annotated[list[str] | None, Opt("--share", help=_(
        "PARTY:AMOUNT a party contributes, e.g. GM0518:120000. Repeatable."),
        show_default=False)] = None,
    amount: Annotated[str | None, Opt("--amount", help=_(
        "The total (default: the sum of the shares)."), show_default=False)] = None,
    by_agreement: Annotated[bool, Opt("--by-agreement", help=_(
        "Divide --amount among the parties by the verdeelsleutel of the agreement the "
        "programme runs under, as it stands on --on."))] = False,
    source: Annotated[str | None, Opt("--source", help=_("Name of the source, e.g. CDOKE."),
                                      show_default=False)] = None,
    year: Annotated[int | None, Opt("--year", help=_("The year it funds."),
                                    show_default=False)] = None,
) -> None:
    """Record funding: contributions of parties (per party, or by the agreement's
    verdeelsleutel), Rijk money or other income."""
    out = w.ledger.budget_fund(w.env, programme=programme, source_kind=kind, source=source,
                               amount=amount, shares=list(share or []), year=year,
                               by_agreement=by_agreement)
    e = recorded(w, out, "Funded")
    values = {"amount": cents(e["amount"]) if e else (amount or ""),
              "kind": e.get("source_kind") or kind or "gemeenten",
              "source": e.get("source") or source or "",
              "programme": programme.strip().upper(), "year": e.get("year") or year}
    if values["year"]:
        w.done(out, _("funding of {amount} ({kind}: {source}) for programme {programme} in "
                      "{year}").format(**values))
    else:
        w.done(out, _("funding of {amount} ({kind}: {source}) for programme "
                      "{programme}").format(**values))
    if out.detail.get("shares") and not w.json:
        table(_("Shares by the verdeelsleutel of {agreement}").format(
                  agreement=out.detail["agreement"]), [_("party"), _("share")],
              [(p, eur(v)) for p, v in out.detail["shares"].items()])


@writes(app, "assert", help=_("Record a figure as a report printed it for --on, and check it "
                              "against the ledger."))
def assert_(
    w: Write, programme: Programme,
    column: Annotated[str, Opt("--column", help=_(
        "totaal-begroot, begroot, benut, budget-volgend-jaar or reservering."))],
    amount: Annotated[str, Opt("--amount", help=_("The figure as printed, e.g. 600k."))],
    document: Annotated[str, Opt("--document", help=_("The document it was printed in."))],
    workstream: Annotated[str | None, Opt("--workstream", help=_(
        "The werkstroom's row (default: the total row)."), show_default=False)] = None,
    year: Annotated[int | None, Opt("--year", help=_(
        "The report's year (default: the year of --on)."), show_default=False)] = None,
    id_: Annotated[str | None, Opt("--id", help=_("The assertion's id (default: A1, A2, ...)."),
                                   show_default=False)] = None,
) -> None:
    """Record a figure as a report printed it for --on, and check it against the ledger."""
    out = w.ledger.budget_assert(w.env, programme=programme, column=column, amount=amount,
                                 document=document, year=year, workstream=workstream,
                                 assertion=id_)
    e = recorded(w, out, "Asserted")
    if e:
        difference = e["amount"] - e["computed"]
        verdict = (_("correct") if not difference else _(
            "DIFFERS: printed {printed}, the ledger computes {computed}, difference "
            "{difference}").format(printed=cents(e["amount"]), computed=cents(e["computed"]),
                                   difference=cents(difference)))
        w.done(out, _("balance assertion {id} ({row} {column} {year} on {on}, {document}): "
                      "{verdict}").format(
            id=e["assertion"], row=e.get("workstream") or "totaal", column=e["column"],
            year=e["year"], on=day(e.get("on") or e["effective"], "long"),
            document=e["document"], verdict=verdict))
        return
    w.done(out, _("balance assertion {id}").format(id=out.detail.get("assertion", id_ or "")))


@writes(app, "accept", help=_("Accept a failing assertion with an explanation (--reason); the "
                              "difference stays shown."))
def accept(
    w: Write, programme: Programme,
    assertion: Annotated[str, typer.Argument(help=_("The failing assertion, e.g. A21."))],
) -> None:
    """Accept a failing assertion with an explanation (--reason); the difference stays shown."""
    out = w.ledger.budget_accept(w.env, programme=programme, assertion=assertion)
    e = recorded(w, out, "AssertionAccepted")
    w.done(out, _("acceptance of balance assertion {id} with its difference of "
                  "{difference}").format(
        id=e.get("assertion") or assertion.upper(),
        difference=cents(e["difference"]) if e else cents(out.detail.get("difference", 0))))


@reads(app, "show", help=_("The finance table for a date: per werkstroom totaal begroot, "
                            "begroot Y, benut Y, budget Y+1 and reservering, the totals, and the "
                            "balance assertions."))
def show(
    r: Read, programme: Programme,
    year: Annotated[int | None, Opt("--year", help=_(
        "The report year Y (default: the year of --on)."), show_default=False)] = None,
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
    columns = [_("werkstroom"), _("name"), _("total budgeted"),
               _("budgeted {year}").format(year=y), _("spent {year}").format(year=y),
               _("budget {year}").format(year=y + 1), _("reserved")]
    keys = ["totaal_begroot", "begroot", "benut", "budget_volgend_jaar", "reservering"]
    if extra_earlier:
        columns.append(_("spent to date"))
        keys.append("benut_tot_datum")
    if extra_vrij:
        columns.append(_("free"))
        keys.append("vrij")
    table(_("Finances {programme} {year} (on {on})").format(
              programme=v["programme"], year=y, on=day(v["on"], "long")), columns,
          [(row["workstream"], row["name"], *[eur(row[k]) for k in keys]) for row in rows],
          caption=horizon_caption(r))
    if v["assertions"]:
        table(_("Balance assertions"),
              [_("id"), _("figure"), _("printed"), _("ledger"), _("difference"), _("state"),
               _("document")],
              [(a["id"], _("{row} {column} {year} on {on}").format(
                  row=a["workstream"] or "totaal", column=a["column"], year=a["year"],
                  on=day(a["on"])),
                eur(a["amount"]), eur(a["computed"]), eur(a["difference"]), _state(a),
                a["document"])
               for a in v["assertions"]])
    open_ = [x for x in v["reservations"] if x["state"] == "open"]
    if open_:
        from projections.narrative import Footnotes

        notes = Footnotes()
        table(_("Open reservations"),
              [_("id"), _("budget line"), _("reserved"), _("spent"), _("remaining"),
               _("purpose")],
              [(x["id"], f"{x['workstream']} {x['year']}", eur(x["amount"]), eur(x["spent"]),
                eur(x["remaining"]), notes.mark(x["purpose"], x.get("assumptions") or []))
               for x in open_])
        for text in notes.lines():
            console.print(plain(text))
    if v["funding"]["sources"]:
        console.print(plain(_("Funding: {total} recorded; not covered by funding: "
                              "{uncovered}.").format(total=eur(v["funding"]["total"]),
                                                     uncovered=eur(v["funding"]["uncovered"]))))
    for a in v["failing"]:
        console.print("[bold red]" + plain(_("Differs:")) + "[/bold red] " + plain(_(
            "balance assertion {id} differs by {difference}.").format(
                id=a["id"], difference=eur(a["difference"]))))


def _state(a: dict[str, Any]) -> str:
    """A balance assertion's state as the finance table shows it, with the acceptance's reason
    or the assertion that superseded it."""
    state = _(ASSERTION_STATES[a["state"]]) if a["state"] in ASSERTION_STATES else a["state"]
    if a["acceptance"]:
        state += f" ({a['acceptance']['reason']})"
    if a["superseded_by"]:
        state += " " + _("(by {id})").format(id=a["superseded_by"])
    return state

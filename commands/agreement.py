"""`ledger agreement`: create, sign, amend, withdraw from, end and report on agreements; list and
show them with their status on a date; divide an amount by their verdeelsleutel."""

from typing import Annotated, Any

import typer

from commands.common import console, horizon_caption, plain, table
from commands.declare import Read, Write, reads, writes

app = typer.Typer(help="Agreements (SOK, DVO, centrumregeling, plustaak, convenant): signatures, "
                  "amendments, withdrawal, end, reporting duties and cost shares.",
                  no_args_is_help=True)
Opt = typer.Option

Key = Annotated[str, typer.Argument(help="The agreement's key, e.g. PRG-SOK.")]
Party = Annotated[str, Opt("--party", help="The party (its key; CBS code for a gemeente).")]
Decision = Annotated[str | None, Opt("--decision", help="Identificatie of the decision this "
                                     "rests on.", show_default=False)]
Datum = Annotated[str | None, Opt("--datum", help="Date it happened (default: --on, else today).",
                                  show_default=False)]
Verdeelsleutel = Annotated[str | None, Opt(help="How costs are shared: per-inwoner, equal or "
                                           "percentages.", show_default=False)]
Peildatum = Annotated[str | None, Opt(help="Peildatum of the populations a per-inwoner "
                                      "verdeelsleutel uses.", show_default=False)]
Percentage = Annotated[list[str] | None, Opt(help="A paying party's fixed percentage, PARTY=N; "
                                             "repeatable, summing to 100.", show_default=False)]
Reporting = Annotated[str | None, Opt(help="Duty to report: monthly, quarterly, halfyearly or "
                                      "yearly.", show_default=False)]
ReportTo = Annotated[str | None, Opt(help="Body of every party reported to (default: raad).",
                                     show_default=False)]


@writes(app, "create")
def create(
    w: Write, key: Key,
    kind: Annotated[str, Opt("--kind", help="sok, dvo, centrumregeling, plustaak, convenant or "
                             "other.")],
    title: Annotated[str, Opt("--title", help="The agreement's name.")],
    party: Annotated[list[str], Opt("--party", help="An invited party. Repeatable.")],
    payer: Annotated[list[str] | None, Opt(help="A party that pays (default: every party). "
                                           "Repeatable.", show_default=False)] = None,
    lead: Annotated[str | None, Opt(help="The centrumgemeente or trekker.",
                                    show_default=False)] = None,
    extends: Annotated[str | None, Opt(help="For a plustaak: the centrumregeling it extends.",
                                       show_default=False)] = None,
    verdeelsleutel: Verdeelsleutel = None, peildatum: Peildatum = None, percentage: Percentage = None,
    reporting: Reporting = None, report_to: ReportTo = None,
) -> None:
    """Draft an agreement between invited parties (a concept until all have signed)."""
    out = w.ledger.agreement_create(
        w.env, key=key, kind=kind, title=title, parties=list(party), payers=list(payer or []),
        lead=lead, extends=extends, verdeelsleutel=verdeelsleutel, peildatum=peildatum,
        percentages=list(percentage or []), reporting=reporting, report_to=report_to)
    w.done(out, f"agreement {key} (concept)")


@writes(app, "sign")
def sign(w: Write, key: Key, party: Party, decision: Decision = None, datum: Datum = None) -> None:
    """Record a party's signature, on the authority of its own college's decision."""
    out = w.ledger.agreement_sign(w.env, key, party=party, decision=decision, datum=datum)
    w.done(out, f"signature of {party.upper()} on agreement {key}")


@writes(app, "amend")
def amend(
    w: Write, key: Key,
    summary: Annotated[str, Opt("--summary", help="What the amendment changes, in a line.")],
    decision: Decision = None,
    ingangsdatum: Annotated[str | None, Opt(help="The amendment takes effect on (default: --on, "
                                            "else today).", show_default=False)] = None,
    title: Annotated[str | None, Opt(help="A new title.", show_default=False)] = None,
    verdeelsleutel: Verdeelsleutel = None, peildatum: Peildatum = None, percentage: Percentage = None,
    reporting: Reporting = None, report_to: ReportTo = None,
    no_reporting: Annotated[bool, Opt("--no-reporting", help="Drop the duty to report.")] = False,
) -> None:
    """Amend an agreement in werking, from its own ingangsdatum, on a decision in force then."""
    out = w.ledger.agreement_amend(
        w.env, key, summary=summary, decision=decision, ingangsdatum=ingangsdatum, title=title,
        verdeelsleutel=verdeelsleutel, peildatum=peildatum, percentages=list(percentage or []),
        reporting=reporting, report_to=report_to, drop_reporting=no_reporting)
    w.done(out, f"amendment of agreement {key}")


@writes(app, "withdraw")
def withdraw(w: Write, key: Key, party: Party, decision: Decision = None, datum: Datum = None) -> None:
    """A party leaves the agreement (uittreden) from a date, on its own college's decision."""
    out = w.ledger.agreement_withdraw(w.env, key, party=party, decision=decision, datum=datum)
    w.done(out, f"withdrawal of {party.upper()} from agreement {key}")


@writes(app, "end")
def end(w: Write, key: Key, decision: Decision = None, datum: Datum = None) -> None:
    """End an agreement on a date, on a decision (or with --reason when it ends by its terms)."""
    out = w.ledger.agreement_end(w.env, key, decision=decision, datum=datum)
    w.done(out, f"end of agreement {key}")


@writes(app, "report")
def report(
    w: Write, key: Key, datum: Datum = None,
    to: Annotated[str | None, Opt("--to", help="Body reported to (default: the duty's).",
                                  show_default=False)] = None,
) -> None:
    """Record that a report the agreement obliges was sent; --ref names the letter or report."""
    out = w.ledger.agreement_report(w.env, key, datum=datum, to=to)
    w.done(out, f"report on agreement {key}")


@reads(app, "list")
def list_(
    r: Read,
    kind: Annotated[str | None, Opt(help="Only agreements of this kind.",
                                    show_default=False)] = None,
    status: Annotated[str | None, Opt(help="Only agreements with this status (concept, "
                                      "in werking, beëindigd).", show_default=False)] = None,
) -> None:
    """List agreements with their status on the date."""
    from projections.agreements import agreements

    rows = [a for a in agreements(r.reader).values()
            if (not kind or a["kind"] == kind.lower()) and (not status or a["status"] == status)]
    from projections.narrative import Footnotes, assumed_keys

    assumed = assumed_keys(r.reader, "agreement", [a["key"] for a in rows])
    if r.answered(rows):
        return
    notes = Footnotes()
    table("Agreements", ["key", "kind", "title", "parties", "status", "in force since",
                         "verdeelsleutel"],
          [(notes.mark(a["key"], assumed.get(a["key"], [])), a["kind"], a["title"],
            len(a["members"]) or len(a["parties"]), a["status"], a["in_force_since"] or "",
            _sleutel(a["verdeelsleutel"])) for a in rows],
          caption=horizon_caption(r))
    for line in notes.lines():
        console.print(plain(line))


@reads(app, "show")
def show(r: Read, key: Key) -> None:
    """Show one agreement: parties and signatures, amendments, status, reporting due and
    overdue on the date."""
    from projections.agreements import addressees, agreement
    from projections.narrative import Footnotes, assumed_keys

    a = agreement(r.reader, key)
    assumed = assumed_keys(r.reader, "agreement", [a["key"]]).get(a["key"], [])
    if r.answered(a):
        return
    notes = Footnotes()
    rows: list[tuple[str, Any]] = [
        ("kind", a["kind_name"]), ("title", a["title"]), ("status", a["status"]),
        ("in force since", a["in_force_since"] or "not yet"),
        ("verdeelsleutel", _sleutel(a["verdeelsleutel"])),
        ("paying", ", ".join(a["paying"]) or "nobody on this date")]
    if a["lead"]:
        rows.append(("lead", a["lead"]))
    if a["extends"]:
        rows.append(("extends", a["extends"]))
    if a["ended"]:
        rows.append(("ended", f"{a['ended']['datum']} {a['ended']['decision'] or ''} "
                              f"{a['ended']['reason'] or ''}".strip()))
    duty = a["reporting_status"]
    if duty:
        rows.append(("reporting", f"{duty['frequency']} to the {addressees(duty['to'])}"))
        rows.append(("last report", duty["last_report"] or "none"))
        rows.append(("next report due", duty["next_due"] or "—"))
        for late in duty["overdue"]:
            rows.append(("OVERDUE", f"no report in {late['period']} (due by {late['due']})"))
    table(notes.mark(f"Agreement {a['key']}", assumed), ["field", "value"], rows,
          caption=horizon_caption(r))
    for line in notes.lines():
        console.print(plain(line))
    table("Parties", ["party", "signed", "decision", "withdrew", "decision", "pays"],
          [(p, a["signatures"].get(p, {}).get("datum", ""),
            a["signatures"].get(p, {}).get("decision", ""),
            a["withdrawals"].get(p, {}).get("datum", ""),
            a["withdrawals"].get(p, {}).get("decision", ""),
            "yes" if p in a["paying"] else "no") for p in a["parties"]])
    if a["amendments"]:
        table("Amendments", ["#", "ingangsdatum", "decision", "summary"],
              [(m["position"], m["ingangsdatum"], m["decision"], m["summary"])
               for m in a["amendments"]])
    if a["reports"]:
        table("Reports sent", ["#", "datum", "to", "refs"],
              [(x["position"], x["datum"], x["to"], " ".join(x["refs"])) for x in a["reports"]])


@reads(app, "shares")
def shares(
    r: Read, key: Key,
    amount: Annotated[str, Opt("--amount", help="The amount to share, in euros, e.g. 2000000 "
                               "or 2 mln.")],
) -> None:
    """Each paying party's share of an amount on the date, by the verdeelsleutel; the shares
    add up to the amount to the cent (largest remainder)."""
    from ledger.money import format_eur, parse_amount
    from projections.agreements import shares as compute

    money = parse_amount(amount)
    result = compute(r.reader, key, money)
    if r.answered(result):
        return
    table(f"Shares of {format_eur(money, cents=True)} in agreement {result['agreement']} on "
          f"{result['on']}", ["party", "name", "weight", "share"],
          [(s["party"], s["name"], _weight(s["weight"]), format_eur(s["share"], cents=True))
           for s in result["shares"]] + [("", "total", "", format_eur(result["total"], cents=True))],
          caption=f"verdeelsleutel {_sleutel(result['verdeelsleutel'])}; "
          f"{horizon_caption(r)}")
    console.print("Rounding: each share is rounded down to the cent; the cents left over go to "
                  "the largest remainders (ties by party key).")


def _sleutel(spec: dict[str, Any]) -> str:
    from ledger.domain.sharing import describe

    return describe(spec)


def _weight(value: Any) -> str:
    text = format(value.normalize(), "f") if hasattr(value, "normalize") else str(value)
    return text

"""`ledger agreement`: create, sign, amend, withdraw from, end and report on agreements; list and
show them with their status on a date; divide an amount by their verdeelsleutel."""

from typing import Annotated, Any

import typer

from commands.common import console, horizon_caption, plain, table
from commands.declare import Read, Write, reads, writes
from ledger.i18n import N_, _

app = typer.Typer(help=_("Agreements (SOK, DVO, centrumregeling, plustaak, convenant): "
                         "signatures, amendments, withdrawal, end, reporting duties and cost "
                         "shares."), no_args_is_help=True)
Opt = typer.Option

Key = Annotated[str, typer.Argument(help=_("The agreement's key, e.g. PRG-SOK."),
                                    metavar=_("AGREEMENT"))]
Party = Annotated[str, Opt("--party", help=_("The party (its key; CBS code for a gemeente)."),
                           metavar=_("PARTY"))]
Decision = Annotated[str | None, Opt("--decision", help=_("Identificatie of the decision this "
                                                          "rests on."), metavar=_("DECISION"),
                                     show_default=False)]
Datum = Annotated[str | None, Opt("--datum", help=_("Date it happened (default: --on, else "
                                                    "today)."), metavar=_("DATE"),
                                  show_default=False)]
Verdeelsleutel = Annotated[str | None, Opt(help=_("How costs are shared: per-inwoner, equal or "
                                                  "percentages."), show_default=False)]
Peildatum = Annotated[str | None, Opt(help=_("Peildatum of the populations a per-inwoner "
                                             "verdeelsleutel uses."), metavar=_("DATE"),
                                      show_default=False)]
Percentage = Annotated[list[str] | None, Opt(help=_("A paying party's fixed percentage, "
                                                    "PARTY=N; repeatable, summing to 100."),
                                             metavar=_("PARTY=N"), show_default=False)]
Reporting = Annotated[str | None, Opt(help=_("Duty to report: monthly, quarterly, halfyearly or "
                                             "yearly."), show_default=False)]
ReportTo = Annotated[str | None, Opt(help=_("Body of every party reported to (default: raad)."),
                                     show_default=False)]

# How often a report is due, as shown (the codes are what is typed and stored).
FREQUENCIES = {"monthly": N_("monthly"), "quarterly": N_("quarterly"),
               "halfyearly": N_("half-yearly"), "yearly": N_("yearly")}


def _date(value: Any, form: str = "long") -> str:
    from ledger.dates import show_date

    return show_date(value, form) if value else ""


def _event(w: Write, outcome: Any, name: str) -> dict[str, Any] | None:
    """The stored event `name` (e.g. `Agreement.Signed`) of a write, if it made one."""
    return next((e for e in w.stored(outcome) if e["event"] == name), None)


@writes(app, "create", help=_("Draft an agreement between invited parties (a concept until all "
                               "have signed)."))
def create(
    w: Write, key: Key,
    kind: Annotated[str, Opt("--kind", help=_("sok, dvo, centrumregeling, plustaak, convenant or "
                                              "other."))],
    title: Annotated[str, Opt("--title", help=_("The agreement's name."))],
    party: Annotated[list[str], Opt("--party", help=_("An invited party. Repeatable."),
                                    metavar=_("PARTY"))],
    payer: Annotated[list[str] | None, Opt(help=_("A party that pays (default: every party). "
                                                  "Repeatable."), metavar=_("PARTY"),
                                           show_default=False)] = None,
    lead: Annotated[str | None, Opt(help=_("The centrumgemeente or trekker."), metavar=_("PARTY"),
                                    show_default=False)] = None,
    extends: Annotated[str | None, Opt(help=_("For a plustaak: the centrumregeling it extends."),
                                       metavar=_("AGREEMENT"), show_default=False)] = None,
    verdeelsleutel: Verdeelsleutel = None, peildatum: Peildatum = None, percentage: Percentage = None,
    reporting: Reporting = None, report_to: ReportTo = None,
) -> None:
    out = w.ledger.agreement_create(
        w.env, key=key, kind=kind, title=title, parties=list(party), payers=list(payer or []),
        lead=lead, extends=extends, verdeelsleutel=verdeelsleutel, peildatum=peildatum,
        percentages=list(percentage or []), reporting=reporting, report_to=report_to)
    a = _event(w, out, "Agreement.Drafted")
    if a is None:
        w.done(out, _("agreement {key} (concept)").format(key=key))
        return
    w.done(out, _("agreement {key} ({kind}) “{title}”, a concept from {date}, between {parties}; "
                  "verdeelsleutel {sleutel}").format(
        key=a["key"], kind=a["kind"], title=a["title"], date=_date(a["effective"]),
        parties=", ".join(a["parties"]), sleutel=_sleutel(a["sharing"])))


@writes(app, "sign", help=_("Record a party's signature, on the authority of its own college's "
                            "decision."))
def sign(w: Write, key: Key, party: Party, decision: Decision = None, datum: Datum = None) -> None:
    out = w.ledger.agreement_sign(w.env, key, party=party, decision=decision, datum=datum)
    _party_done(w, out, "Agreement.Signed", party, key,
                _("signature of {party} on agreement {key}"),
                _("signature of {party} on agreement {key} on {date}, on decision {decision}"))


def _party_done(w: Write, out: Any, event: str, party: str, key: str, short: str,
                full: str) -> None:
    """The confirmation of a party's act on an agreement: `full` from the stored event, or
    `short` from what was given when the event is not at hand."""
    e = _event(w, out, event)
    if e is None:
        w.done(out, short.format(party=party.strip().upper(), key=key))
        return
    w.done(out, full.format(party=w.party_name(e["party"]), key=key, date=_date(e["datum"]),
                            decision=e["decision"]))


@writes(app, "amend", help=_("Amend an agreement in werking, from its own ingangsdatum, on a "
                             "decision in force then."))
def amend(
    w: Write, key: Key,
    summary: Annotated[str, Opt("--summary", help=_("What the amendment changes, in a line."))],
    decision: Decision = None,
    ingangsdatum: Annotated[str | None, Opt(help=_("The amendment takes effect on (default: "
                                                   "--on, else today)."), metavar=_("DATE"),
                                            show_default=False)] = None,
    title: Annotated[str | None, Opt(help=_("A new title."), show_default=False)] = None,
    verdeelsleutel: Verdeelsleutel = None, peildatum: Peildatum = None, percentage: Percentage = None,
    reporting: Reporting = None, report_to: ReportTo = None,
    no_reporting: Annotated[bool, Opt("--no-reporting", help=_("Drop the duty to "
                                                               "report."))] = False,
) -> None:
    out = w.ledger.agreement_amend(
        w.env, key, summary=summary, decision=decision, ingangsdatum=ingangsdatum, title=title,
        verdeelsleutel=verdeelsleutel, peildatum=peildatum, percentages=list(percentage or []),
        reporting=reporting, report_to=report_to, drop_reporting=no_reporting)
    e = _event(w, out, "Agreement.Amended")
    if e is None:
        w.done(out, _("amendment of agreement {key}").format(key=key))
        return
    w.done(out, _("amendment of agreement {key} from {date}, on decision {decision}: "
                  "{summary}").format(key=key, date=_date(e["ingangsdatum"]),
                                      decision=e["decision"], summary=e["summary"]))


@writes(app, "withdraw", help=_("A party leaves the agreement (uittreden) from a date, on its own "
                                "college's decision."))
def withdraw(w: Write, key: Key, party: Party, decision: Decision = None, datum: Datum = None) -> None:
    out = w.ledger.agreement_withdraw(w.env, key, party=party, decision=decision, datum=datum)
    _party_done(w, out, "Agreement.Withdrawn", party, key,
                _("withdrawal of {party} from agreement {key}"),
                _("withdrawal of {party} from agreement {key} from {date}, on decision "
                  "{decision}"))


@writes(app, "end", help=_("End an agreement on a date, on a decision (or with --reason when it "
                           "ends by its terms)."))
def end(w: Write, key: Key, decision: Decision = None, datum: Datum = None) -> None:
    out = w.ledger.agreement_end(w.env, key, decision=decision, datum=datum)
    e = _event(w, out, "Agreement.Ended")
    if e is None:
        w.done(out, _("end of agreement {key}").format(key=key))
    elif e.get("decision"):
        w.done(out, _("end of agreement {key} on {date}, on decision {decision}").format(
            key=key, date=_date(e["datum"]), decision=e["decision"]))
    else:
        w.done(out, _("end of agreement {key} on {date}").format(key=key, date=_date(e["datum"])))


@writes(app, "report", help=_("Record that a report the agreement obliges was sent; --ref names "
                              "the letter or report."))
def report(
    w: Write, key: Key, datum: Datum = None,
    to: Annotated[str | None, Opt("--to", help=_("Body reported to (default: the duty's)."),
                                  show_default=False)] = None,
) -> None:
    from projections.agreements import addressees

    out = w.ledger.agreement_report(w.env, key, datum=datum, to=to)
    e = _event(w, out, "Agreement.ReportSent")
    if e is None:
        w.done(out, _("report on agreement {key}").format(key=key))
        return
    w.done(out, _("report on agreement {key}, sent on {date} to the {to}").format(
        key=key, date=_date(e["datum"]), to=addressees(e["to"])))


@reads(app, "list", help=_("List agreements with their status on the date."))
def list_(
    r: Read,
    kind: Annotated[str | None, Opt(help=_("Only agreements of this kind."),
                                    show_default=False)] = None,
    status: Annotated[str | None, Opt(help=_("Only agreements with this status (concept, "
                                             "in werking, beëindigd)."),
                                      show_default=False)] = None,
) -> None:
    from projections.agreements import agreements

    rows = [a for a in agreements(r.reader).values()
            if (not kind or a["kind"] == kind.lower()) and (not status or a["status"] == status)]
    from projections.narrative import Footnotes, assumed_keys

    assumed = assumed_keys(r.reader, "agreement", [a["key"] for a in rows])
    if r.answered(rows):
        return
    notes = Footnotes()
    table(_("Agreements"), [_("key"), _("kind"), _("title"), _("parties"), _("status"),
                            _("in force since"), _("verdeelsleutel")],
          [(notes.mark(a["key"], assumed.get(a["key"], [])), a["kind"], a["title"],
            len(a["members"]) or len(a["parties"]), a["status"],
            _date(a["in_force_since"], "short"), _sleutel(a["verdeelsleutel"])) for a in rows],
          caption=horizon_caption(r))
    for line in notes.lines():
        console.print(plain(line))


@reads(app, "show", help=_("Show one agreement: parties and signatures, amendments, status, "
                           "reporting due and overdue on the date."))
def show(r: Read, key: Key) -> None:
    from projections.agreements import addressees, agreement
    from projections.narrative import Footnotes, assumed_keys

    a = agreement(r.reader, key)
    assumed = assumed_keys(r.reader, "agreement", [a["key"]]).get(a["key"], [])
    if r.answered(a):
        return
    notes = Footnotes()
    rows: list[tuple[str, Any]] = [
        (_("kind"), a["kind_name"]), (_("title"), a["title"]), (_("status"), a["status"]),
        (_("in force since"), _date(a["in_force_since"]) or _("not yet")),
        (_("verdeelsleutel"), _sleutel(a["verdeelsleutel"])),
        (_("paying"), ", ".join(a["paying"]) or _("nobody on this date"))]
    if a["lead"]:
        rows.append((_("lead"), a["lead"]))
    if a["extends"]:
        rows.append((_("extends"), a["extends"]))
    if a["ended"]:
        rows.append((_("ended"), f"{_date(a['ended']['datum'])} {a['ended']['decision'] or ''} "
                                 f"{a['ended'].get('reason') or ''}".strip()))
    duty = a["reporting_status"]
    if duty:
        often = duty["frequency"]
        rows.append((_("reporting"), _("{frequency} to the {to}").format(
            frequency=_(FREQUENCIES[often]) if often in FREQUENCIES else often,
            to=addressees(duty["to"]))))
        rows.append((_("last report"), _date(duty["last_report"]) or _("none")))
        rows.append((_("next report due"), _date(duty["next_due"]) or "—"))
        for late in duty["overdue"]:
            rows.append((_("OVERDUE"), _("no report in {period} (due by {date})").format(
                period=_period(late["period"]), date=_date(late["due"]))))
    table(notes.mark(_("Agreement {key}").format(key=a["key"]), assumed), [_("field"), _("value")],
          rows, caption=horizon_caption(r))
    for line in notes.lines():
        console.print(plain(line))
    table(_("Parties"), [_("party"), _("signed"), _("decision"), _("withdrew"), _("decision"),
                         _("pays")],
          [(p, _date(a["signatures"].get(p, {}).get("datum", ""), "short"),
            a["signatures"].get(p, {}).get("decision", ""),
            _date(a["withdrawals"].get(p, {}).get("datum", ""), "short"),
            a["withdrawals"].get(p, {}).get("decision", ""),
            _("yes") if p in a["paying"] else _("no")) for p in a["parties"]])
    if a["amendments"]:
        table(_("Amendments"), ["#", _("ingangsdatum"), _("decision"), _("summary")],
              [(m["position"], _date(m["ingangsdatum"], "short"), m["decision"], m["summary"])
               for m in a["amendments"]])
    if a["reports"]:
        table(_("Reports sent"), ["#", _("datum"), _("to"), _("refs")],
              [(x["position"], _date(x["datum"], "short"), addressees(x["to"]),
                " ".join(x["refs"])) for x in a["reports"]])


@reads(app, "shares", help=_("Each paying party's share of an amount on the date, by the "
                             "verdeelsleutel; the shares add up to the amount to the cent "
                             "(largest remainder)."))
def shares(
    r: Read, key: Key,
    amount: Annotated[str, Opt("--amount", help=_("The amount to share, in euros, e.g. 2000000 "
                                                  "or 2 mln."), metavar=_("AMOUNT"))],
) -> None:
    from ledger.money import format_eur, parse_amount
    from projections.agreements import shares as compute

    money = parse_amount(amount)
    result = compute(r.reader, key, money)
    if r.answered(result):
        return
    table(_("Shares of {amount} in agreement {key} on {date}").format(
        amount=format_eur(money, cents=True), key=result["agreement"], date=_date(result["on"])),
          [_("party"), _("name"), _("weight"), _("share")],
          [(s["party"], s["name"], _weight(s["weight"]), format_eur(s["share"], cents=True))
           for s in result["shares"]] + [("", _("total"), "",
                                          format_eur(result["total"], cents=True))],
          caption=_("verdeelsleutel {sleutel}; {horizon}").format(
              sleutel=_sleutel(result["verdeelsleutel"]), horizon=horizon_caption(r)))
    console.print(_("Rounding: each share is rounded down to the cent; the cents left over go to "
                    "the largest remainders (ties by party key)."))


def _period(label: str) -> str:
    """A reporting period (`2021-Q2`, `2021-H1`, `2021-04`, `2021`) in words: "2e kwartaal
    2021", "1e halfjaar 2021", "april 2021", "2021"."""
    import re

    found = re.fullmatch(r"(\d{4})-([QH])(\d)", label)
    if found:
        year, kind, n = found.groups()
        return (_("Q{n} {year}") if kind == "Q" else _("H{n} {year}")).format(n=n, year=year)
    found = re.fullmatch(r"(\d{4})-(\d{2})", label)
    if found:
        from ledger.dates import show_date

        return show_date(f"{label}-01", "month")
    return label


def _sleutel(spec: dict[str, Any]) -> str:
    """The verdeelsleutel in a few words, e.g. "per inwoner (peildatum 1 januari 2021)"."""
    method = spec.get("method")
    if method == "per-inwoner":
        return _("per inhabitant (peildatum {date})").format(date=_date(spec["peildatum"]))
    if method == "percentages":
        return _("percentages ({shares})").format(shares=", ".join(
            f"{p} {_weight(v)}%" for p, v in spec["percentages"].items()))
    if method == "equal":
        return _("equal shares")
    return str(method)


def _weight(value: Any) -> str:
    from decimal import Decimal, InvalidOperation

    try:
        number = Decimal(str(value)).normalize()
    except InvalidOperation:
        return str(value)
    if number == number.to_integral_value():
        from commands.common import show_number

        return show_number(number)
    text = format(number, "f")
    from ledger.i18n import language

    return text.replace(".", ",") if language() == "nl" else text

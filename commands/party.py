"""`ledger party`: register, correct, list and show the parties; record their population."""

from typing import Annotated

import typer

from commands.common import CorrectsOpt, horizon_caption, show_number, table
from commands.declare import Read, Write, reads, writes
from ledger.i18n import N_, _

app = typer.Typer(help=_("Gemeenten and the other parties that decide, sign and pay."),
                  no_args_is_help=True)

PartyKey = Annotated[str, typer.Argument(help=_("The party's key (CBS code for a gemeente)."),
                                         metavar=_("PARTY"))]


@writes(app, "add", help=_("Register a party (a gemeente by its CBS code; its TOOI identifier is "
                           "derived)."))
def add(
    w: Write, name: Annotated[str, typer.Argument(help=_("The party's name, e.g. Leiden."),
                                                  metavar=_("NAME"))],
    kind: Annotated[str, typer.Option(help=_("gemeente, provincie, waterschap, netbeheerder, "
                                             "corporatie, cooperatie, bedrijf, rijk or other."))],
    cbs: Annotated[str | None, typer.Option(help=_("CBS gemeentecode (GM + 4 digits); the key "
                                                   "of a gemeente."), show_default=False)] = None,
    key: Annotated[str | None, typer.Option(help=_("Short code for a party that is not a "
                                                   "gemeente, e.g. ZH."),
                                            show_default=False)] = None,
) -> None:
    from ledger.dates import show_date

    outcome = w.ledger.party_add(w.env, kind=kind, name=name, key=key, cbs=cbs)
    stored = next((e for e in w.stored(outcome) if e["event"] == "Party.Registered"), None)
    if stored is None:
        w.done(outcome, _("party {key}").format(key=outcome.subject.split(":", 1)[1]))
        return
    w.done(outcome, _("party {key} ({name}, {kind}), from {date}").format(
        key=stored["key"], name=stored["name"], kind=stored["kind"],
        date=show_date(stored["effective"])))


@writes(app, "correct", help=_("Correct a mistaken party by a new event; the original stays in "
                               "the log."))
def correct(
    w: Write, party: PartyKey,
    name: Annotated[str | None, typer.Option(help=_("The right name."),
                                             show_default=False)] = None,
    kind: Annotated[str | None, typer.Option(help=_("The right kind."),
                                             show_default=False)] = None,
    void: Annotated[bool, typer.Option("--void", help=_("The party was registered in "
                                                        "error."))] = False,
    corrects: Annotated[int | None, CorrectsOpt(_("Position of the event corrected (default: "
                                                  "the registration)."))] = None,
) -> None:
    w.correcting(corrects)
    outcome = w.ledger.party_correct(w.env, party, name=name, kind=kind, void=void)
    stored = next((e for e in w.stored(outcome) if e["event"] == "Party.Corrected"), {})
    changes = []
    if stored.get("name"):
        changes.append(_("name {name}").format(name=stored["name"]))
    if stored.get("kind"):
        changes.append(_("kind {kind}").format(kind=stored["kind"]))
    if stored.get("void"):
        changes.append(_("registered in error"))
    w.done(outcome, _("correction of party {key} (corrects #{corrects}): {changes}").format(
        key=party.strip().upper(), corrects=stored.get("corrects") or "?",
        changes=", ".join(changes) or "—"))


@writes(app, "population", help=_("Record a party's population on a peildatum; a second figure "
                                  "for the same peildatum corrects the first (--on defaults to "
                                  "the peildatum)."))
def population(
    w: Write, party: PartyKey,
    peildatum: Annotated[str, typer.Option("--peildatum", help=_("The date the figure counts "
                                                                 "(YYYY-MM-DD), e.g. "
                                                                 "2021-01-01."),
                                           metavar=_("DATE"))],
    inwoners: Annotated[str, typer.Option("--inwoners", help=_("Number of inhabitants on the "
                                                               "peildatum, e.g. 125574."),
                                          metavar="N")],
    source: Annotated[str, typer.Option("--source", help=_('Where the figure comes from, e.g. '
                                                           '"CBS, Bevolking op 1 januari '
                                                           '2021".'))],
    corrects: Annotated[int | None, CorrectsOpt(_("Position of the figure corrected (default: "
                                                  "the figure that counts now for this "
                                                  "peildatum)."))] = None,
) -> None:
    from ledger.dates import show_date

    w.correcting(corrects)
    outcome = w.ledger.party_population(w.env, party, peildatum=peildatum, inwoners=inwoners,
                                        source=source)
    stored = next((e for e in w.stored(outcome) if e["event"] == "Party.PopulationRecorded"),
                  None)
    if stored is None:
        w.done(outcome, _("population of {key}").format(key=party.strip().upper()))
        return
    text = _("population of {key} on {date}: {n} inhabitants ({source})").format(
        key=party.strip().upper(), date=show_date(stored["peildatum"]),
        n=show_number(stored["inwoners"]), source=stored["source"])
    if stored.get("corrects"):
        text += _(", correcting #{position}").format(position=stored["corrects"])
    w.done(outcome, text)


@reads(app, "list", help=_("List the parties."))
def list_(
    r: Read,
    kind: Annotated[str | None, typer.Option(help=_("Only parties of this kind."),
                                             show_default=False)] = None,
) -> None:
    from projections.parties import parties

    rows = [p for p in parties(r.reader).values() if not kind or p["kind"] == kind]
    if r.answered(rows):
        return
    table(_("Parties"), [_("key"), _("kind"), _("name"), _("TOOI")],
          [(p["key"] + (" " + _("(void)") if p["void"] else ""), p["kind"], p["name"],
            p["tooi"] or "") for p in rows], caption=horizon_caption(r))


# The fields of `party show`, in the order shown.
FIELDS = {"key": N_("key"), "kind": N_("kind"), "name": N_("name"), "cbs": N_("CBS code"),
          "tooi": N_("TOOI"), "void": N_("void"), "registered": N_("registered from"),
          "position": N_("position")}


@reads(app, "show", help=_("Show one party with its corrections and its population history."))
def show(r: Read, party: Annotated[str, typer.Argument(help=_("The party's key."),
                                                       metavar=_("PARTY"))]) -> None:
    from ledger.dates import show_date as date_of
    from projections.parties import party as one_party

    found = r.shown(one_party(r.reader, party),
                    _("There is no party '{party}' in the ledger ({horizon})."),
                    _("List them with `ledger party list`."), party=party)
    if found is None:
        return

    def value(k: str, v: object) -> object:
        if k == "void":
            return _("yes") if v else _("no")
        if k == "registered" and v:
            return date_of(str(v))
        if k == "position":
            return f"#{v}"
        return v

    pop = found["population"]
    table(_("Party {key}").format(key=found["key"]), [_("field"), _("value")],
          [(_(FIELDS[k]) if k in FIELDS else k, value(k, v)) for k, v in found.items()
           if k not in ("corrections", "populations", "population")] +
          [(_("population"), _("{n} on {date} ({source})").format(
              n=show_number(pop["inwoners"]), date=date_of(pop["peildatum"]),
              source=pop["source"]) if pop else _("none recorded"))] +
          [(_("correction"), _("#{position} corrects #{corrects}: {reason}").format(
              position=c["position"], corrects=c["corrects"], reason=c["reason"] or ""))
           for c in found["corrections"]], caption=horizon_caption(r))
    if found["populations"]:
        table(_("Population history of {key}").format(key=found["key"]),
              ["#", _("peildatum"), _("inwoners"), _("source"), _("corrects"), _("counts")],
              [(f["position"], date_of(f["peildatum"], "short"), show_number(f["inwoners"]),
                f["source"], f"#{f['corrects']}" if f["corrects"] else "",
                _("yes") if f["counts"] else _("no"))
               for f in found["populations"]])

"""`ledger decision`: record, ratify and withdraw decisions; list and show them with status."""

from typing import Annotated, Any

import typer

from commands.common import Instrument, Level, Role, console, horizon_caption, plain, table
from commands.declare import Read, Write, reads, writes
from ledger.i18n import N_, _

app = typer.Typer(help=_("Decisions (besluiten) of raden, colleges, PHO, AB/DB and others, with "
                         "ratification and withdrawal."), no_args_is_help=True)

Opt = typer.Option
Identificatie = Annotated[str, typer.Argument(help=_("The decision's identificatie."),
                                              metavar=_("DECISION"))]


def _date(value: Any, form: str = "long") -> str:
    from ledger.dates import show_date

    return show_date(value, form) if value else ""


def _body(w: Write, body: str) -> str:
    """`raad:GM0546` as "gemeenteraad Leiden (GM0546)", `pho:PRG` as
    "portefeuillehoudersoverleg PRG"."""
    from ledger.rules.decision import BODIES, body_kind, body_party

    kind, party = body_kind(body), body_party(body)
    who = w.party_name(party) if party else body.partition(":")[2]
    return f"{BODIES.get(kind, kind)} {who}".strip()


@writes(app, "record", help=_("Record a decision with the fields of a ZGW Besluit."))
def record(
    w: Write,
    identificatie: Annotated[str, typer.Argument(help=_("The decision's identificatie, e.g. "
                                                        "PHO-PRG-2021-07."),
                                                 metavar=_("DECISION"))],
    body: Annotated[str, Opt("--body", help=_("Bestuursorgaan: college:GM0518, raad:GM0626, "
                                              "pho:PRG, ab:NAME, db:NAME, regiegroep:NAME, "
                                              "programmamanager:NAME."))],
    title: Annotated[str, Opt("--title", help=_("What was decided, in a line."))],
    datum: Annotated[str, Opt("--datum", help=_("Date of the decision (YYYY-MM-DD)."),
                              metavar=_("DATE"))],
    besluittype: Annotated[str, Opt(help=_("Besluittype, e.g. vaststelling, "
                                           "begrotingswijziging."))] = "besluit",
    ingangsdatum: Annotated[str | None, Opt(help=_("Takes effect on (default: datum)."),
                                            metavar=_("DATE"), show_default=False)] = None,
    vervaldatum: Annotated[str | None, Opt(help=_("Ceases to apply on."), metavar=_("DATE"),
                                           show_default=False)] = None,
    vervalreden: Annotated[str | None, Opt(help=_("Why it ceases (needed with --vervaldatum)."),
                                           show_default=False)] = None,
    publicatiedatum: Annotated[str | None, Opt(help=_("Published on."), metavar=_("DATE"),
                                               show_default=False)] = None,
    toelichting: Annotated[str | None, Opt(help=_("Explanation."), show_default=False)] = None,
    outcome: Annotated[str, Opt(help=_("aangenomen, verworpen, aangehouden or "
                                       "uitgesteld."))] = "aangenomen",
    condition: Annotated[str | None, Opt(help=_('Condition of a postponement, e.g. "na '
                                                'verkiezingen".'), show_default=False)] = None,
    participant: Annotated[list[str] | None, Opt(help=_("A party whose college must ratify "
                                                        "(for a PHO). Repeatable."),
                                                 metavar=_("PARTY"),
                                                 show_default=False)] = None,
) -> None:
    out = w.ledger.decision_record(
        w.env, key=identificatie, body=body, title=title, datum=datum, besluittype=besluittype,
        ingangsdatum=ingangsdatum, vervaldatum=vervaldatum, vervalreden=vervalreden,
        publicatiedatum=publicatiedatum, toelichting=toelichting, outcome=outcome,
        condition=condition, participants=list(participant or []))
    d = next((e for e in w.stored(out) if e["event"] == "Decision.Recorded"), None)
    if d is None:
        w.done(out, _("decision {key}").format(key=identificatie))
        return
    text = _("decision {key} ({body}) of {date}: {title}").format(
        key=d["key"], body=_body(w, d["body"]), date=_date(d["datum"]), title=d["title"])
    if d.get("outcome") and d["outcome"] != "aangenomen":
        text += ", " + d["outcome"]
    if d.get("ingangsdatum") and d["ingangsdatum"] != d["datum"]:
        text += _(", in force from {date}").format(date=_date(d["ingangsdatum"]))
    if d.get("participants"):
        text += _(", to be ratified by {parties}").format(
            parties=", ".join(w.party_name(p) for p in d["participants"]))
    w.done(out, text)


@writes(app, "ratify", help=_("Record that a party's college ratified a decision taken without "
                              "final mandate."))
def ratify(
    w: Write, identificatie: Annotated[str, typer.Argument(help=_("The decision ratified."),
                                                           metavar=_("DECISION"))],
    party: Annotated[str, Opt("--party", help=_("The party whose college ratifies."),
                              metavar=_("PARTY"))],
    datum: Annotated[str | None, Opt(help=_("Date of ratification (default: --on)."),
                                     metavar=_("DATE"), show_default=False)] = None,
    college_decision: Annotated[str | None, Opt(help=_("The college's own decision, if "
                                                       "recorded."), metavar=_("DECISION"),
                                                show_default=False)] = None,
) -> None:
    out = w.ledger.decision_ratify(w.env, identificatie, party=party, datum=datum,
                                   college_decision=college_decision)
    d = next((e for e in w.stored(out) if e["event"] == "Decision.Ratified"), None)
    if d is None:
        w.done(out, _("ratification of decision {key} by {party}").format(
            key=identificatie, party=party.strip().upper()))
        return
    text = _("ratification of decision {key} by the college of {party} on {date}").format(
        key=identificatie, party=w.party_name(d["party"]), date=_date(d["datum"]))
    if d.get("college_decision"):
        text += _(", on college decision {decision}").format(decision=d["college_decision"])
    w.done(out, text)


@writes(app, "withdraw", help=_("Withdraw a decision: from that date it can no longer serve as "
                                "authority."))
def withdraw(
    w: Write, identificatie: Annotated[str, typer.Argument(help=_("The decision withdrawn "
                                                                  "(ingetrokken)."),
                                                           metavar=_("DECISION"))],
    datum: Annotated[str | None, Opt(help=_("Date of withdrawal (default: --on)."),
                                     metavar=_("DATE"), show_default=False)] = None,
) -> None:
    out = w.ledger.decision_withdraw(w.env, identificatie, datum=datum)
    d = next((e for e in w.stored(out) if e["event"] == "Decision.Withdrawn"), None)
    w.done(out, _("withdrawal of decision {key} from {date}").format(
        key=identificatie, date=_date(d["datum"])) if d is not None else
        _("withdrawal of decision {key}").format(key=identificatie))


# How a classification's fields are named in a confirmation.
CLASSIFIED = {"instrument": N_("instrument {value}"), "level": N_("level {value}"),
              "role": N_("role {value}")}


@writes(app, "classify", help=_("Classify a decision by instrument, level and the gemeente's "
                                "role."))
def classify(
    w: Write, identificatie: Identificatie,
    instrument: Instrument = None, level: Level = None, role: Role = None,
) -> None:
    out = w.ledger.decision_classify(w.env, decision=identificatie, instrument=instrument,
                                     level=level, role=role)
    stored = next((e for e in w.stored(out) if e["event"].endswith("classified")
                   or e["event"].endswith("Classified")), {})
    parts = [_(label).format(value=stored[name]) for name, label in CLASSIFIED.items()
             if stored.get(name)]
    w.done(out, _("classification of decision {key}: {fields}").format(
        key=identificatie, fields=", ".join(parts) or "—"))


@reads(app, "list", help=_("List decisions with their status on the date (optionally only those "
                           "classified by --instrument, --level or --role)."))
def list_(
    r: Read,
    status: Annotated[str | None, Opt(help=_("Only decisions with this status."),
                                      show_default=False)] = None,
    instrument: Instrument = None, level: Level = None, role: Role = None,
) -> None:
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
    table(_("Decisions"), [_("identificatie"), _("datum"), _("orgaan"), _("title"), _("status")],
          [(notes.mark(d["identificatie"], assumed.get(d["identificatie"], [])),
            _date(d["datum"], "short"), d["body"], d["title"], d["status"]) for d in rows],
          caption=horizon_caption(r))
    for line in notes.lines():
        console.print(plain(line))


# The fields of `decision show`: their names, and which hold dates.
FIELDS = {
    "identificatie": N_("identificatie"), "besluittype": N_("besluittype"),
    "body": N_("body (code)"), "condition": N_("condition"), "datum": N_("datum"),
    "ingangsdatum": N_("ingangsdatum"), "outcome": N_("outcome"),
    "participants": N_("participants"), "publicatiedatum": N_("publicatiedatum"),
    "title": N_("title"), "toelichting": N_("toelichting"), "vervaldatum": N_("vervaldatum"),
    "vervalreden": N_("vervalreden"), "bestuursorgaan": N_("bestuursorgaan"),
    "withdrawn": N_("withdrawn"), "position": N_("position"), "orgaan": N_("orgaan"),
    "status": N_("status"), "in_force_since": N_("in force since"),
    "missing_ratifications": N_("ratifications missing")}
DATES = ("datum", "ingangsdatum", "publicatiedatum", "vervaldatum", "withdrawn",
         "in_force_since")


def _value(name: str, value: Any) -> Any:
    if name in DATES and isinstance(value, str) and value[:4].isdigit():
        return _date(value)
    if name == "position":
        return f"#{value}"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return value


@reads(app, "show", help=_("Show one decision: every field, ratifications, and its status on "
                           "the date."))
def show(r: Read, identificatie: Identificatie) -> None:
    from projections.decisions import decision

    d = r.shown(decision(r.reader, identificatie), _("There is no decision '{key}' ({horizon})."),
                _("List them with `ledger decision list`."), key=identificatie)
    if d is None:
        return
    rows = [(_(FIELDS[k]) if k in FIELDS else k, _value(k, v)) for k, v in d.items()
            if k not in ("ratifications", "refs") and v not in (None, [])]
    rows += [(_("ratified by {party}").format(party=p),
              f"{_date(x['datum'])} {x['college_decision'] or ''}".strip())
             for p, x in d["ratifications"].items()]
    rows += [(_("ref"), ref) for ref in d["refs"]]
    table(_("Decision {key}").format(key=d["identificatie"]), [_("field"), _("value")], rows,
          caption=horizon_caption(r))

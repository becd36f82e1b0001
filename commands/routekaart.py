"""`ledger routekaart`: a raad's Routekaart with its wegen, stappen and acties, their statuses,
outputs and the informatiebrieven that informed the raad; `show` prints the overview as an
informatiebrief lays it out, for any date."""

from pathlib import Path
from typing import Annotated

import typer

from commands.budget import day, recorded
from commands.common import (
    Instrument,
    Level,
    Role,
    console,
    horizon_caption,
    plain,
    print_json,
    table,
    write_output,
    write_printed,
)
from commands.declare import Read, Write, reads, writes
from ledger.i18n import _

app = typer.Typer(help=_("Routekaarten: wegen, stappen and acties with their statuses, outputs "
                         "and the informatiebrieven to the raad."), no_args_is_help=True)
Opt = typer.Option
Arg = typer.Argument

Decision = Annotated[str | None, Opt("--decision", help=_(
    "Identificatie of the decision in the ledger this rests on."), show_default=False)]
Due = Annotated[str | None, Opt("--due", help=_("Due date (YYYY-MM-DD), where known."),
                                show_default=False)]


def _split(target: str, *, part: bool) -> tuple[str, str | None]:
    from ledger.errors import InvalidInput
    from ledger.rules.routekaart import split_target

    key, path = split_target(target)
    if part and not path:
        raise InvalidInput(_("'{target}' names a Routekaart but no part of it.").format(
            target=target), hint=_("Write KEY/PATH, e.g. VS-RK/1.2 (stap 2 of weg 1) or "
                                   "VS-RK/1.2/3 (actie 3 of that stap)."))
    return key, path


@writes(app, "create", help=_("Record a Routekaart adopted by its gemeente's raad (--on: the "
                              "adoption date; default: the decision's date)."))
def create(
    w: Write, key: Annotated[str, Arg(help=_("The Routekaart's key, e.g. VS-RK."))],
    title: Annotated[str, Opt("--title", help=_(
        "Its title, e.g. “Grip op regionale samenwerking”."))],
    party: Annotated[str, Opt("--party", help=_("The gemeente that owns it (CBS code)."))],
    decision: Annotated[str, Opt("--decision", help=_(
        "The decision of that gemeente's raad adopting it."))],
) -> None:
    """Record a Routekaart adopted by its gemeente's raad (--on: the adoption date; default: the
    decision's date)."""
    out = w.ledger.routekaart_create(w.env, key=key, title=title, party=party, decision=decision)
    e = recorded(w, out, "Adopted")
    w.done(out, _("Routekaart {key} ({title}) of {party}, adopted on {on} by decision "
                  "{decision}").format(
        key=e.get("key") or key.upper(), title=e.get("title") or title,
        party=e.get("party") or party.upper(), on=day(e.get("effective") or w.env.effective,
                                                        "long"),
        decision=e.get("decision") or decision))


@writes(app, "weg", help=_("Add a weg; wegen are shown in number order, also when one is "
                          "added after adoption."))
def weg(
    w: Write, target: Annotated[str, Arg(help=_("KEY (the next number) or KEY/N, e.g. VS-RK/3."))],
    title: Annotated[str, Opt("--title", help=_("What the weg is about."))],
) -> None:
    """Add a weg; wegen are shown in number order, also when one is added after adoption."""
    key, path = _split(target, part=False)
    out = w.ledger.routekaart_weg(w.env, key, title=title, number=path)
    e = recorded(w, out, "WegAdded")
    w.done(out, _("weg {part}: {title}").format(
        part=f"{key.strip().upper()}/{e['weg']}" if e else out.detail.get("part", key),
        title=e.get("title") or title))


@writes(app, "stap", help=_("Add a stap to a weg (numbered within the weg, from 0)."))
def stap(
    w: Write, target: Annotated[str, Arg(help=_("KEY/WEG.STAP, e.g. VS-RK/1.0 for STAP 0 of weg 1."))],
    title: Annotated[str, Opt("--title", help=_("What the stap is about."))], due: Due = None,
) -> None:
    """Add a stap to a weg (numbered within the weg, from 0)."""
    key, path = _split(target, part=True)
    out = w.ledger.routekaart_stap(w.env, key, stap=path or "", title=title, due=due)
    e = recorded(w, out, "StapAdded")
    part = f"{key}/{e['weg']}.{e['stap']}" if e else f"{key}/{path}"
    if e.get("due"):
        w.done(out, _("stap {part}: {title}, due {due}").format(
            part=part, title=e["title"], due=day(e["due"], "long")))
    else:
        w.done(out, _("stap {part}: {title}").format(part=part, title=e.get("title") or title))


@writes(app, "actie", help=_("Add an actie to a stap (or to a weg that has no stappen), for "
                            "an actor where one is named."))
def actie(
    w: Write, target: Annotated[str, Arg(help=_(
        "The stap (KEY/1.2) or the weg without stappen (KEY/2)."))],
    text: Annotated[str, Opt("--text", help=_("What is to be done."))],
    voor: Annotated[str | None, Opt("--voor", help=_(
        "Actie voor: raad, college, griffie, presidium, programmateam or a party key (where the "
        "source names one)."), show_default=False)] = None,
    number: Annotated[int | None, Opt("--number", help=_("Its number (default: the next)."),
                                      show_default=False)] = None,
    due: Due = None,
) -> None:
    """Add an actie to a stap (or to a weg that has no stappen), for an actor where one is
    named."""
    key, path = _split(target, part=True)
    out = w.ledger.routekaart_actie(w.env, key, target=path or "", text=text, voor=voor,
                                    number=number, due=due)
    e = recorded(w, out, "ActieAdded")
    part = out.detail.get("part") or key
    if e:
        part = "/".join([key, str(e["weg"]) if e["stap"] is None else f"{e['weg']}.{e['stap']}",
                         str(e["actie"])])
    text_ = e.get("text") or text
    voor_ = e.get("voor") if e else voor
    w.done(out, (_("actie {part} for {voor}: {text}").format(part=part, voor=voor_, text=text_)
                 if voor_ else _("actie {part}: {text}").format(part=part, text=text_)))


@writes(app, "status", help=_("Change the status of a stap or actie; reopening needs --reason "
                             "and an authority."))
def status(
    w: Write, target: Annotated[str, Arg(help=_("The stap (KEY/1.2) or actie (KEY/1.2/3)."))],
    new_status: Annotated[str, Arg(metavar="STATUS", help=_(
        "niet-gestart, loopt, gedeeltelijk-afgerond, afgerond or vervallen."))],
    decision: Decision = None,
    corrects: Annotated[int | None, Opt("--corrects", help=_(
        "Position of the status event this corrects (it was recorded in error)."),
                                        show_default=False)] = None,
) -> None:
    """Change the status of a stap or actie; reopening needs --reason and an authority."""
    key, path = _split(target, part=True)
    w.correcting(corrects)
    out = w.ledger.routekaart_status(w.env, key, target=path or "", status=new_status,
                                     decision=decision)
    e = recorded(w, out, "StatusChanged")
    if not e:
        w.done(out, _("status of {part}: {status}").format(part=out.subject, status=new_status))
        return
    w.done(out, _("status of {part}: {status} (was {previous}), per {on}").format(
        part=out.subject, status=e["status"], previous=e["previous"],
        on=day(e["effective"], "long")))


@writes(app, "due", help=_("Plan or re-plan when a stap or actie is due."))
def due(
    w: Write, target: Annotated[str, Arg(help=_("The stap (KEY/1.4) or actie (KEY/1.1/1)."))],
    date_: Annotated[str, Arg(metavar="DATE", help=_("When it is due (YYYY-MM-DD)."))],
) -> None:
    """Plan or re-plan when a stap or actie is due."""
    key, path = _split(target, part=True)
    out = w.ledger.routekaart_due(w.env, key, target=path or "", due=date_)
    e = recorded(w, out, "DueSet")
    w.done(out, _("{part} due {due}").format(part=out.subject,
                                             due=day(e["due"], "long") if e else date_))


@writes(app, "output", help=_("Record an output of a stap: a report or a decision it produced."))
def output(
    w: Write,
    target: Annotated[str, Arg(help=_(
        "The stap that produced it (KEY/1.1), or a weg without stappen."))],
    title: Annotated[str, Opt("--title", help=_("The report's or decision's title."))],
    datum: Annotated[str | None, Opt("--datum", help=_(
        "Its date: YYYY-MM-DD, or YYYY-MM when only the month is known (default: the "
        "decision's date)."),
                                     show_default=False)] = None,
    kind: Annotated[str | None, Opt("--kind", help=_(
        "rapport, besluit, informatiebrief, notitie or overig (default: besluit with --decision, "
        "else rapport)."),
                                    show_default=False)] = None,
    author: Annotated[str | None, Opt("--author", help=_("Who wrote it, e.g. Berenschot."),
                                      show_default=False)] = None,
    reference: Annotated[str | None, Opt("--reference", help=_("Its document reference."),
                                         show_default=False)] = None,
    decision: Decision = None,
) -> None:
    """Record an output of a stap: a report or a decision it produced."""
    key, path = _split(target, part=True)
    out = w.ledger.routekaart_output(w.env, key, target=path or "", title=title, datum=datum,
                                     kind=kind, author=author, reference=reference,
                                     decision=decision)
    e = recorded(w, out, "OutputRecorded")
    if not e:
        w.done(out, _("output of {part}").format(part=f"{key}/{path}"))
        return
    w.done(out, _("output of {part}: {kind} “{title}” of {datum}").format(
        part=f"{key}/{path}", kind=e["kind"], title=e["title"],
        datum=day(e["datum"], "month" if e.get("precision") == "month" else "long")))


@writes(app, "inform", help=_("Record that the raad was informed by an informatiebrief (zaak- "
                             "and documentnummer)."))
def inform(
    w: Write, key: Annotated[str, Arg(help=_("The Routekaart."))],
    zaaknummer: Annotated[str, Opt("--zaaknummer", help=_("e.g. Z/17/011355."))],
    documentnummer: Annotated[str, Opt("--documentnummer", help=_("e.g. 166008."))],
    title: Annotated[str, Opt("--title", help=_("The informatiebrief's subject."))] =
    "Informatiebrief",
    datum: Annotated[str | None, Opt("--datum", help=_("Its date (default: --on)."),
                                     show_default=False)] = None,
    covers: Annotated[list[str] | None, Opt("--covers", help=_(
        "A stap (1.2) or weg (2) it reports on. Repeatable; default: every stap and every weg "
        "without stappen."), show_default=False)] = None,
) -> None:
    """Record that the raad was informed by an informatiebrief (zaak- and documentnummer)."""
    out = w.ledger.routekaart_inform(w.env, key, zaaknummer=zaaknummer,
                                     documentnummer=documentnummer, title=title, datum=datum,
                                     covers=list(covers or []))
    e = recorded(w, out, "RaadInformed")
    w.done(out, _("informatiebrief {documentnummer} (zaak {zaaknummer}) of {datum} on Routekaart "
                  "{key}, about {covers}").format(
        documentnummer=e.get("documentnummer") or documentnummer,
        zaaknummer=e.get("zaaknummer") or zaaknummer,
        datum=day(e.get("datum") or datum or w.env.effective, "long"), key=key.upper(),
        covers=", ".join(e.get("covers") or out.detail.get("covers") or covers or []) or "—"))


@reads(app, "list", help=_("List the Routekaarten with their derived status and open acties "
                           "on the date."))
def list_(r: Read) -> None:
    """List the Routekaarten with their derived status and open acties on the date."""
    from projections.routekaart import routekaarten

    found = routekaarten(r.reader)
    if r.answered(found):
        return
    table(_("Routekaarten"), [_("key"), _("title"), _("gemeente"), _("adopted"), _("status"),
                              _("wegen"), _("stappen"), _("acties (open)"), _("overdue"),
                              _("raad informed")],
          [(x["key"], x["title"], f"{x['party_name']} ({x['party']})", day(x["adopted"]),
            x["status"], x["wegen"], x["stappen"], f"{x['acties']} ({x['open_acties']})",
            x["overdue"], day(x["last_informed"])) for x in found], caption=horizon_caption(r))


@writes(app, "classify", help=_("Classify a Routekaart, weg, stap or actie by instrument, "
                                "level and the gemeente's role."))
def classify(
    w: Write,
    part: Annotated[str, Arg(help=_(
        "The Routekaart or a part of it: VS-RK, VS-RK/1, VS-RK/1.2 or VS-RK/1.2/3."))],
    instrument: Instrument = None, level: Level = None, role: Role = None,
) -> None:
    """Classify a Routekaart, weg, stap or actie by instrument, level and the gemeente's role."""
    out = w.ledger.routekaart_classify(w.env, part=part, instrument=instrument, level=level,
                                       role=role)
    w.done(out, _("classification of {part}").format(part=part))


SHOW_FORMATS = ("terminal", "markdown", "html", "json", "pdf", "docx")


@reads(app, "show", help=_("The overview as an informatiebrief gives it: wegen and stappen, "
                           "the acties taken (actie voor) and the status of each, as it stood on "
                           "the date (with --instrument, --level or --role: only the parts "
                           "classified so, and the stappen and wegen holding them). As a "
                           "document for the griffie with --format html, pdf or docx: a title "
                           "block, numbered sections, page numbers."))
def show(
    r: Read, key: Annotated[str, Arg(help=_("The Routekaart."))],
    markdown: Annotated[Path | None, Opt("--markdown", help=_(
        "Also write the overview as Markdown to this file."), show_default=False)] = None,
    format_: Annotated[str, Opt("--format", help=_(
        "terminal, markdown, html, json, pdf or docx (pdf and docx with --output)."))] = "terminal",
    output: Annotated[Path | None, Opt("--output", "-o", help=_("Write to this file."),
                                       show_default=False)] = None,
    instrument: Instrument = None, level: Level = None, role: Role = None,
) -> None:
    """The overview as an informatiebrief gives it: wegen and stappen, the acties taken (actie
    voor) and the status of each, as it stood on the date (with --instrument, --level or --role:
    only the parts classified so, and the stappen and wegen holding them). As a document for the
    griffie with --format html, pdf or docx: a title block, numbered sections, page numbers."""
    from ledger.errors import InvalidInput
    from ledger.rules.routekaart import split_target
    from projections.classification import matching
    from projections.narrative import Footnotes
    from projections.routekaart import (
        HEADERS,
        footer,
        heading,
        only_classified,
        overview,
        overview_rows,
        to_document,
        to_markdown,
    )

    fmt = "json" if r.json else format_
    if fmt not in SHOW_FORMATS:
        raise InvalidInput(_("'{format}' is not a format of the overview.").format(
            format=format_), hint=_("Use one of: {formats}.").format(
                formats=", ".join(SHOW_FORMATS)))
    if fmt in ("pdf", "docx") and output is None:
        raise InvalidInput(_("A {format} file cannot go to the terminal.").format(
            format=fmt.upper()), hint=_("Give --output with a file name, e.g. -o "
                                        "routekaart.{format}.").format(format=fmt))
    view = only_classified(overview(r.reader, split_target(key)[0]),
                           matching(r.reader, instrument, level, role))
    view["fingerprint"] = r.fingerprint()
    r.close()
    caption = _("{horizon}; fingerprint {fingerprint}…").format(
        horizon=horizon_caption(r), fingerprint=view["fingerprint"][:24])
    if markdown is not None:
        markdown.write_text(to_markdown(view, caption), encoding="utf-8")
    if fmt in ("pdf", "docx", "html"):
        doc = to_document(view, fingerprint=view["fingerprint"], horizon=horizon_caption(r))
        if fmt == "html":
            from projections.document import to_html

            write_output(to_html(doc), output)
        else:
            write_printed(doc, fmt, output)
        return
    if fmt == "json":
        if output is None:
            print_json(view)
        else:
            import json

            from projections.reading import jsonable

            write_output(json.dumps(jsonable(view), ensure_ascii=False, indent=2) + "\n", output)
        return
    if fmt == "markdown":
        write_output(to_markdown(view, caption), output)
        return
    from rich.markup import escape

    head = heading(view)
    console.print(f"[bold]{escape(head[0])}[/bold]")
    for line in head[1:]:
        console.print(escape(line))
    notes = Footnotes()
    # a cell's lines (a status and the outputs under it) are the ledger's own layout: joined
    # here, as the terminal table prints control characters as escapes
    rows = [tuple(" · ".join(c.split("\n")) for c in r) for r in overview_rows(view, notes)]
    table(None, HEADERS, rows, caption=caption)
    for line in footer(view, notes):
        console.print(escape(line))
    if markdown is not None:
        console.print(plain(_("Markdown written to {file}").format(file=markdown)))



"""`ledger routekaart`: a raad's Routekaart with its wegen, stappen and acties, their statuses,
outputs and the informatiebrieven that informed the raad; `show` prints the overview as an
informatiebrief lays it out, for any date."""

from pathlib import Path
from typing import Annotated

import typer

from commands.common import (
    Instrument,
    Level,
    Role,
    console,
    horizon_caption,
    print_json,
    table,
    write_output,
    write_printed,
)
from commands.declare import Read, Write, reads, writes

app = typer.Typer(help="Routekaarten: wegen, stappen and acties with their statuses, outputs and "
                  "the informatiebrieven to the raad.", no_args_is_help=True)
Opt = typer.Option
Arg = typer.Argument

Decision = Annotated[str | None, Opt("--decision", help="Identificatie of the decision in the "
                                     "ledger this rests on.", show_default=False)]
Due = Annotated[str | None, Opt("--due", help="Due date (YYYY-MM-DD), where known.",
                                show_default=False)]


def _split(target: str, *, part: bool) -> tuple[str, str | None]:
    from ledger.domain.routekaart import split_target
    from ledger.errors import InvalidInput

    key, path = split_target(target)
    if part and not path:
        raise InvalidInput(f"'{target}' names a Routekaart but no part of it.",
                           hint="Write KEY/PATH, e.g. VS-RK/1.2 (stap 2 of weg 1) or "
                           "VS-RK/1.2/3 (actie 3 of that stap).")
    return key, path


@writes(app, "create")
def create(
    w: Write, key: Annotated[str, Arg(help="The Routekaart's key, e.g. VS-RK.")],
    title: Annotated[str, Opt("--title", help="Its title, e.g. “Grip op regionale "
                              "samenwerking”.")],
    party: Annotated[str, Opt("--party", help="The gemeente that owns it (CBS code).")],
    decision: Annotated[str, Opt("--decision", help="The decision of that gemeente's raad "
                                 "adopting it.")],
) -> None:
    """Record a Routekaart adopted by its gemeente's raad (--on: the adoption date; default: the
    decision's date)."""
    out = w.ledger.routekaart_create(w.env, key=key, title=title, party=party, decision=decision)
    w.done(out, f"Routekaart {key}")


@writes(app, "weg")
def weg(
    w: Write, target: Annotated[str, Arg(help="KEY (the next number) or KEY/N, e.g. VS-RK/3.")],
    title: Annotated[str, Opt("--title", help="What the weg is about.")],
) -> None:
    """Add a weg; wegen are shown in number order, also when one is added after adoption."""
    key, path = _split(target, part=False)
    out = w.ledger.routekaart_weg(w.env, key, title=title, number=path)
    w.done(out, out.detail.get("part", f"a weg of {key}"))


@writes(app, "stap")
def stap(
    w: Write, target: Annotated[str, Arg(help="KEY/WEG.STAP, e.g. VS-RK/1.0 for STAP 0 of weg 1.")],
    title: Annotated[str, Opt("--title", help="What the stap is about.")], due: Due = None,
) -> None:
    """Add a stap to a weg (numbered within the weg, from 0)."""
    key, path = _split(target, part=True)
    out = w.ledger.routekaart_stap(w.env, key, stap=path or "", title=title, due=due)
    w.done(out, f"stap {key}/{path}")


@writes(app, "actie")
def actie(
    w: Write, target: Annotated[str, Arg(help="The stap (KEY/1.2) or the weg without stappen (KEY/2).")],
    text: Annotated[str, Opt("--text", help="What is to be done.")],
    voor: Annotated[str | None, Opt("--voor", help="Actie voor: raad, college, griffie, "
                                    "presidium, programmateam or a party key (where the source "
                                    "names one).", show_default=False)] = None,
    number: Annotated[int | None, Opt("--number", help="Its number (default: the next).",
                                      show_default=False)] = None,
    due: Due = None,
) -> None:
    """Add an actie to a stap (or to a weg that has no stappen), for an actor where one is
    named."""
    key, path = _split(target, part=True)
    out = w.ledger.routekaart_actie(w.env, key, target=path or "", text=text, voor=voor,
                                    number=number, due=due)
    w.done(out, out.detail.get("part", f"an actie of {key}"))


@writes(app, "status")
def status(
    w: Write, target: Annotated[str, Arg(help="The stap (KEY/1.2) or actie (KEY/1.2/3).")],
    new_status: Annotated[str, Arg(metavar="STATUS", help="niet-gestart, loopt, "
                                   "gedeeltelijk-afgerond, afgerond or vervallen.")],
    decision: Decision = None,
    corrects: Annotated[int | None, Opt("--corrects", help="Position of the status event this "
                                        "corrects (it was recorded in error).",
                                        show_default=False)] = None,
) -> None:
    """Change the status of a stap or actie; reopening needs --reason and an authority."""
    key, path = _split(target, part=True)
    w.correcting(corrects)
    out = w.ledger.routekaart_status(w.env, key, target=path or "", status=new_status,
                                     decision=decision)
    w.done(out, f"{out.subject} is {new_status}")


@writes(app, "due")
def due(
    w: Write, target: Annotated[str, Arg(help="The stap (KEY/1.4) or actie (KEY/1.1/1).")],
    date_: Annotated[str, Arg(metavar="DATE", help="When it is due (YYYY-MM-DD).")],
) -> None:
    """Plan or re-plan when a stap or actie is due."""
    key, path = _split(target, part=True)
    out = w.ledger.routekaart_due(w.env, key, target=path or "", due=date_)
    w.done(out, f"{out.subject} due {date_}")


@writes(app, "output")
def output(
    w: Write,
    target: Annotated[str, Arg(help="The stap that produced it (KEY/1.1), or a weg without "
                               "stappen.")],
    title: Annotated[str, Opt("--title", help="The report's or decision's title.")],
    datum: Annotated[str | None, Opt("--datum", help="Its date: YYYY-MM-DD, or YYYY-MM when "
                                     "only the month is known (default: the decision's date).",
                                     show_default=False)] = None,
    kind: Annotated[str | None, Opt("--kind", help="rapport, besluit, informatiebrief, notitie "
                                    "or overig (default: besluit with --decision, else rapport).",
                                    show_default=False)] = None,
    author: Annotated[str | None, Opt("--author", help="Who wrote it, e.g. Berenschot.",
                                      show_default=False)] = None,
    reference: Annotated[str | None, Opt("--reference", help="Its document reference.",
                                         show_default=False)] = None,
    decision: Decision = None,
) -> None:
    """Record an output of a stap: a report or a decision it produced."""
    key, path = _split(target, part=True)
    out = w.ledger.routekaart_output(w.env, key, target=path or "", title=title, datum=datum,
                                     kind=kind, author=author, reference=reference,
                                     decision=decision)
    w.done(out, f"output of {key}/{path}")


@writes(app, "inform")
def inform(
    w: Write, key: Annotated[str, Arg(help="The Routekaart.")],
    zaaknummer: Annotated[str, Opt("--zaaknummer", help="e.g. Z/17/011355.")],
    documentnummer: Annotated[str, Opt("--documentnummer", help="e.g. 166008.")],
    title: Annotated[str, Opt("--title", help="The informatiebrief's subject.")] =
    "Informatiebrief",
    datum: Annotated[str | None, Opt("--datum", help="Its date (default: --on).",
                                     show_default=False)] = None,
    covers: Annotated[list[str] | None, Opt("--covers", help="A stap (1.2) or weg (2) it reports "
                                            "on. Repeatable; default: every stap and every weg "
                                            "without stappen.", show_default=False)] = None,
) -> None:
    """Record that the raad was informed by an informatiebrief (zaak- and documentnummer)."""
    out = w.ledger.routekaart_inform(w.env, key, zaaknummer=zaaknummer,
                                     documentnummer=documentnummer, title=title, datum=datum,
                                     covers=list(covers or []))
    w.done(out, f"informatiebrief {documentnummer} on Routekaart {key}")


@reads(app, "list")
def list_(r: Read) -> None:
    """List the Routekaarten with their derived status and open acties on the date."""
    from projections.routekaart import routekaarten

    found = routekaarten(r.reader)
    if r.answered(found):
        return
    table("Routekaarten", ["key", "title", "gemeente", "adopted", "status", "wegen", "stappen",
                           "acties (open)", "past due", "raad informed"],
          [(x["key"], x["title"], f"{x['party_name']} ({x['party']})", x["adopted"], x["status"],
            x["wegen"], x["stappen"], f"{x['acties']} ({x['open_acties']})", x["overdue"],
            x["last_informed"] or "—") for x in found], caption=horizon_caption(r))


@writes(app, "classify")
def classify(
    w: Write,
    part: Annotated[str, Arg(help="The Routekaart or a part of it: VS-RK, VS-RK/1, VS-RK/1.2 or "
                             "VS-RK/1.2/3.")],
    instrument: Instrument = None, level: Level = None, role: Role = None,
) -> None:
    """Classify a Routekaart, weg, stap or actie by instrument, level and the gemeente's role."""
    out = w.ledger.routekaart_classify(w.env, part=part, instrument=instrument, level=level,
                                       role=role)
    w.done(out, f"classification of {part}")


SHOW_FORMATS = ("terminal", "markdown", "html", "json", "pdf", "docx")


@reads(app, "show")
def show(
    r: Read, key: Annotated[str, Arg(help="The Routekaart.")],
    markdown: Annotated[Path | None, Opt("--markdown", help="Also write the overview as "
                                         "Markdown to this file.", show_default=False)] = None,
    format_: Annotated[str, Opt("--format", help="terminal, markdown, html, json, pdf or docx "
                                "(pdf and docx with --output).")] = "terminal",
    output: Annotated[Path | None, Opt("--output", "-o", help="Write to this file.",
                                       show_default=False)] = None,
    instrument: Instrument = None, level: Level = None, role: Role = None,
) -> None:
    """The overview as an informatiebrief gives it: wegen and stappen, the acties taken (actie
    voor) and the status of each, as it stood on the date (with --instrument, --level or --role:
    only the parts classified so, and the stappen and wegen holding them). As a document for the
    griffie with --format html, pdf or docx: a title block, numbered sections, page numbers."""
    from ledger.domain.routekaart import split_target
    from ledger.errors import InvalidInput
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
        raise InvalidInput(f"'{format_}' is not a format of the overview.",
                           hint=f"Use one of: {', '.join(SHOW_FORMATS)}.")
    if fmt in ("pdf", "docx") and output is None:
        raise InvalidInput(f"A {fmt.upper()} file cannot go to the terminal.",
                           hint=f"Give --output with a file name, e.g. -o routekaart.{fmt}.")
    view = only_classified(overview(r.reader, split_target(key)[0]),
                           matching(r.reader, instrument, level, role))
    view["fingerprint"] = r.fingerprint()
    r.close()
    caption = f"{horizon_caption(r)}; fingerprint {view['fingerprint'][:24]}…"
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
        console.print(f"Markdown written to {markdown}")



"""`ledger report`: the kwartaalrapportage, issuing it, what changed since, and the dashboard."""

from pathlib import Path
from typing import Annotated

import typer

from commands.budget import day, recorded
from commands.common import AsOf, console, plain, print_document, table, write_output, write_printed
from commands.declare import Read, Write, reads, writes
from ledger.i18n import _, language

app = typer.Typer(help=_("Reports for the raden: the kwartaalrapportage, issuing it, what "
                         "changed since it went out, and the dashboard."), no_args_is_help=True)
Opt = typer.Option
FORMATS = ("terminal", "markdown", "html", "json", "csv", "pdf", "docx")
DIFF_FORMATS = ("terminal", "markdown", "html", "json")
Programme = Annotated[str, Opt("--programme", help=_("The programme's code, e.g. PRG."))]
Quarter = Annotated[str, Opt("--quarter", help=_("The quarter, e.g. 2021Q4."))]


@reads(app, "quarterly", help=_("The kwartaalrapportage of a programme; --on defaults to "
                                "the quarter's last day."))
def quarterly(
    r: Read, programme: Programme,
    quarter: Quarter,
    format_: Annotated[str, Opt("--format", help=_(
        "terminal, markdown, html, json, csv (the finance table), pdf or docx (with --output)."
    ))] = "terminal",
    output: Annotated[Path | None, Opt("--output", "-o", help=_("Write to this file."),
                                       show_default=False)] = None,
    lang: Annotated[str | None, Opt("--lang", help=_(
        "nl or en (default: the language in use)."), show_default=False)] = None,
) -> None:
    """The kwartaalrapportage of a programme; --on defaults to the quarter's last day."""
    from ledger.errors import InvalidInput
    from projections import document
    from projections.quarterly import quarterly as build

    fmt = "json" if r.json else format_
    if fmt not in FORMATS:
        raise InvalidInput(_("'{format}' is not a report format.").format(format=format_),
                           hint=_("Use one of: {formats}.").format(formats=", ".join(FORMATS)))
    lang = lang or language()
    doc = build(r.reader, programme, quarter, lang=lang, fingerprint=r.fingerprint())
    r.close()
    if fmt in ("pdf", "docx"):
        write_printed(doc, fmt, output)
        return
    if fmt == "terminal" and output is None:
        print_document(doc)
        return
    text = {"terminal": document.to_markdown, "markdown": document.to_markdown,
            "html": document.to_html, "json": document.to_json}.get(fmt)
    if fmt == "csv":
        write_output(document.to_csv(doc.table("finance"), lang), output)  # type: ignore[arg-type]
    else:
        write_output(text(doc), output)  # type: ignore[misc]


@writes(app, "issue", help=_("Record that a kwartaalrapportage went out: to whom, when, its "
                             "content hash, the fingerprint and horizon it was made from, and "
                             "its checkpoint."))
def issue(
    w: Write, programme: Programme,
    quarter: Quarter,
    to: Annotated[list[str] | None, Opt("--to", help=_(
        "A body it went to, e.g. raad:GM0518. Repeatable (default: the raden of the "
        "agreement's parties)."), show_default=False)] = None,
    datum: Annotated[str | None, Opt("--datum", help=_("The day it went out (default: --on)."),
                                     show_default=False)] = None,
    key: Annotated[str | None, Opt("--key", help=_(
        "The issued report's key (default: PROGRAMME-QUARTER)."), show_default=False)] = None,
    report_on: Annotated[str | None, Opt("--report-on", help=_(
        "The date the report describes (default: the quarter's last day)."),
                                         show_default=False)] = None,
    as_of: AsOf = None, lang: Annotated[str | None, Opt("--lang", help=_(
        "nl or en (default: the language in use)."), show_default=False)] = None,
    key_file: Annotated[str | None, Opt("--key-file", help=_(
        "The ledger's private key file, to sign the report's checkpoint (default: "
        "$LEDGER_KEY_FILE, else $LEDGER_KEY; without a key the checkpoint is not signed)."),
        metavar=_("FILE"), show_default=False)] = None,
) -> None:
    """Record that a kwartaalrapportage went out: to whom, when, its content hash, the
    fingerprint and horizon it was made from, and its checkpoint."""
    out = w.ledger.report_issue(w.env, programme=programme, quarter=quarter, to=list(to or []),
                                datum=datum, key=key, on=report_on, as_of=as_of,
                                lang=lang or language(), key_file=key_file)
    e = recorded(w, out, "Issued")
    if not e:
        w.done(out, _("issue of report {key}").format(key=out.subject.split(":", 1)[1]))
        return
    w.done(out, _("issue of report {key} ({programme} {quarter}, as it stood on {on}) on {datum} "
                  "to {recipients}").format(
        key=e.get("key") or out.subject.split(":", 1)[1], programme=e["programme"],
        quarter=e["quarter"], on=day(e["on"], "long"), datum=day(e["datum"], "long"),
        recipients=", ".join(e["recipients"])))


@writes(app, "text", help=_("Write a narrative part of a kwartaalrapportage (per programme "
                            "and quarter); writing it again supersedes it from --on, and "
                            "--corrects corrects a mistaken text."))
def text(
    w: Write, programme: Programme,
    quarter: Quarter,
    part: Annotated[str, Opt("--part", help=_(
        "inleiding, algemeen, toelichting, prognose, risicos or evaluatie."))],
    text_: Annotated[str | None, Opt("--text", help=_(
        "The part's text; an empty line starts a new paragraph."), show_default=False)] = None,
    file: Annotated[Path | None, Opt("--file", help=_("Read the text from this file (UTF-8)."),
                                     show_default=False)] = None,
    item: Annotated[list[str] | None, Opt(
        "--item", help=_("A point of the part, repeatable. In the toelichting: LETTER|ROWS|TEXT, "
                         "e.g. 'a|WS2,WS3|Onzekerheid rond WLQ+' (the rows it explains)."),
        show_default=False)] = None,
    corrects: Annotated[int | None, Opt("--corrects", help=_(
        "Position of the text event this corrects (it was recorded in error)."),
                                        show_default=False)] = None,
) -> None:
    """Write a narrative part of a kwartaalrapportage (per programme and quarter); writing it
    again supersedes it from --on, and --corrects corrects a mistaken text."""
    from ledger.errors import InvalidInput

    w.correcting(corrects)
    if text_ is not None and file is not None:
        raise InvalidInput(_("The text is given both with --text and with --file."),
                           hint=_("Give the text with --text or with --file, not both."))
    if file is not None:
        try:
            text_ = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInput(_("The file {file} cannot be read: {problem}.").format(
                file=file, problem=getattr(exc, "strerror", None) or exc),
                hint=_("Give a UTF-8 text file that exists.")) from None
    items: list[object] = []
    for raw in item or []:
        bits = raw.split("|", 2)
        if len(bits) == 3:
            items.append({"label": bits[0].strip(),
                          "rows": [r.strip() for r in bits[1].split(",") if r.strip()],
                          "text": bits[2].strip()})
        else:
            items.append(raw)
    out = w.ledger.report_text(w.env, programme=programme, quarter=quarter, part=part,
                               text=text_, items=items)
    e = recorded(w, out, "PartWritten")
    w.done(out, _("part {part} of the kwartaalrapportage {programme} {quarter}, per {on}").format(
        part=e.get("part") or part, programme=programme.strip().upper(), quarter=quarter,
        on=day(e.get("effective") or w.env.effective, "long")))


@reads(app, "list", help=_("The reports that went out, with their horizon, hash and "
                           "fingerprint."))
def list_(r: Read) -> None:
    """The reports that went out, with their horizon, hash and fingerprint."""
    from projections.report_diff import issued_reports

    found = list(issued_reports(r.reader).values())
    if r.answered(found):
        return
    table(_("Issued reports"), [_("report"), _("programme"), _("quarter"), _("went out"), _("to"),
                                _("as on"), _("up to position"), _("content hash")],
          [(x["key"], x["programme"], x["quarter"], day(x["datum"]), ", ".join(x["recipients"]),
            day(x["on"]), f"#{x['as_of_position']}", x["content_hash"][:16]) for x in found])


@reads(app, "diff", help=_("What changed for an issued report's period since it went out: "
                           "whether it still reproduces, changed figures and topics, and late "
                           "and back-dated events."))
def diff(
    r: Read, report: Annotated[str, typer.Argument(help=_("The issued report's key, e.g. PRG-2021Q4."))],
    format_: Annotated[str, Opt("--format", help=_("terminal, markdown, html or json."))
                       ] = "terminal",
    output: Annotated[Path | None, Opt("--output", "-o", help=_("Write to this file."),
                                       show_default=False)] = None,
) -> None:
    """What changed for an issued report's period since it went out: whether it still
    reproduces, changed figures and topics, and late and back-dated events."""
    from ledger.errors import InvalidInput, NotFound
    from projections import document
    from projections.report_diff import diff as build
    from projections.report_diff import issued_reports, to_document

    found = {k.casefold(): v for k, v in issued_reports(r.reader).items()}.get(
        report.strip().casefold())
    if found is None:
        r.close()
        raise NotFound(_("No report '{report}' was issued.").format(report=report),
                       hint=_("List the issued reports with `ledger report list`."))
    fmt = "json" if r.json else format_
    if fmt not in DIFF_FORMATS:
        r.close()
        raise InvalidInput(_("'{format}' is not a report format.").format(format=format_),
                           hint=_("Use one of: {formats}.").format(
                               formats=", ".join(DIFF_FORMATS)))
    doc = to_document(build(r.reader, found))
    r.close()
    if fmt == "terminal" and output is None:
        print_document(doc)
        return
    render = {"markdown": document.to_markdown, "html": document.to_html,
              "json": document.to_json, "terminal": document.to_markdown}[fmt]
    write_output(render(doc), output)


@reads(app, "prove", help=_("Write proofs that the events behind an issued report's figures "
                            "(or a named decision) are in the ledger at the report's "
                            "checkpoint, and that today's ledger extends it: files for "
                            "`ledger audit check`."))
def prove(
    r: Read, report: Annotated[str, typer.Argument(help=_("The issued report's key, e.g. PRG-2021Q4."))],
    out: Annotated[Path, Opt("--out", "-o", help=_("The folder to write the proofs to (made when "
                                                   "missing)."), metavar=_("DIR"))],
    figure: Annotated[list[str] | None, Opt("--figure", help=_(
        "A figure of the report, as data.positions of its JSON names it (finance/WS1/benut), or "
        "a row (finance/WS1). Repeatable."), show_default=False)] = None,
    decision: Annotated[list[str] | None, Opt("--decision", help=_(
        "A decision by its identificatie: its events are proved. Repeatable (without --figure "
        "and --decision: every figure)."), show_default=False)] = None,
    key_file: Annotated[str | None, Opt("--key-file", help=_(
        "The ledger's private key file (default: $LEDGER_KEY_FILE, else $LEDGER_KEY)."),
        metavar=_("FILE"), show_default=False)] = None,
) -> None:
    """Write proofs that the events behind an issued report's figures (or a named decision) are
    in the ledger at the report's checkpoint, and that today's ledger extends it."""
    from ledger.errors import InvalidInput, NotFound
    from ledger.proofs import Prover, load_signer
    from ledger.storage import RawLog
    from projections.anchoring import chosen_positions, report_proofs
    from projections.report_diff import issued_reports

    found = {k.casefold(): v for k, v in issued_reports(r.reader).items()}.get(
        report.strip().casefold())
    if found is None:
        r.close()
        raise NotFound(_("No report '{report}' was issued.").format(report=report),
                       hint=_("List the issued reports with `ledger report list`."))
    signer = load_signer(key_file)
    chosen = chosen_positions(r.reader, found, list(figure or []), list(decision or []))
    with RawLog(r.store) as raw:
        files = report_proofs(Prover(raw), found, chosen, signer)
    r.close()
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (out / name).write_text(text, encoding="utf-8")
    except OSError as e:
        raise InvalidInput(_("Cannot write the proofs to {dir}: {problem}.").format(
            dir=out, problem=e.strerror or e),
            hint=_("Choose a folder you may write to.")) from None
    events = sorted({p for v in chosen.values() for p in v})
    if r.answered({"report": found["key"], "out": str(out), "figures": chosen,
                   "files": sorted(files)}):
        return
    console.print(plain(_("Proofs of {n} events behind {figures} figures of report {key}, and "
                          "that today's ledger extends its checkpoint, written to {dir}.").format(
        n=len(events), figures=len(chosen), key=found["key"], dir=out)))
    console.print(plain(_("Check them with: ledger audit check {dir}/FILE --size {size} --root "
                          "{root}").format(dir=out, size=found["tree_size"],
                                           root=found["tree_root"])))


@reads(app, "dashboard", help=_("Write the programme's dashboard: one self-contained HTML "
                                "file with charts."))
def dashboard(
    r: Read, programme: Annotated[str, Opt("--programme", help=_("The programme's code."))],
    output: Annotated[Path, Opt("--output", "-o", help=_("The HTML file to write."))
                      ] = Path("dashboard.html"),
) -> None:
    """Write the programme's dashboard: one self-contained HTML file with charts."""
    from projections.dashboard import dashboard as build
    from projections.dashboard import render

    doc = build(r.reader, programme, fingerprint=r.fingerprint())
    r.close()
    output.write_text(render(doc), encoding="utf-8")
    if r.answered({"output": str(output), **doc.data}):
        return
    console.print(plain(_("Dashboard written to {file}").format(file=output)))

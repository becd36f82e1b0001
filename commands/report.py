"""`ledger report`: the kwartaalrapportage, issuing it, what changed since, and the dashboard."""

from pathlib import Path
from typing import Annotated

import typer

from commands.common import AsOf, console, print_document, table, write_output, write_printed
from commands.declare import Read, Write, reads, writes

app = typer.Typer(help="Reports for the raden: the kwartaalrapportage, issuing it, what changed "
                  "since it went out, and the dashboard.", no_args_is_help=True)
Opt = typer.Option
FORMATS = ("terminal", "markdown", "html", "json", "csv", "pdf", "docx")


@reads(app, "quarterly")
def quarterly(
    r: Read, programme: Annotated[str, Opt("--programme", help="The programme's code, e.g. PRG.")],
    quarter: Annotated[str, Opt("--quarter", help="The quarter, e.g. 2021Q4.")],
    format_: Annotated[str, Opt("--format", help="terminal, markdown, html, json, csv (the "
                                "finance table), pdf or docx (with --output).")] = "terminal",
    output: Annotated[Path | None, Opt("--output", "-o", help="Write to this file.",
                                       show_default=False)] = None,
    lang: Annotated[str, Opt("--lang", help="nl (default) or en.")] = "nl",
) -> None:
    """The kwartaalrapportage of a programme; --on defaults to the quarter's last day."""
    from ledger.errors import InvalidInput
    from projections import document
    from projections.quarterly import quarterly as build

    fmt = "json" if r.json else format_
    if fmt not in FORMATS:
        raise InvalidInput(f"'{format_}' is not a report format.",
                           hint=f"Use one of: {', '.join(FORMATS)}.")
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


@writes(app, "issue")
def issue(
    w: Write, programme: Annotated[str, Opt("--programme", help="The programme's code, e.g. PRG.")],
    quarter: Annotated[str, Opt("--quarter", help="The quarter, e.g. 2021Q4.")],
    to: Annotated[list[str] | None, Opt("--to", help="A body it went to, e.g. raad:GM0518. "
                                        "Repeatable (default: the raden of the agreement's "
                                        "parties).", show_default=False)] = None,
    datum: Annotated[str | None, Opt("--datum", help="The day it went out (default: --on).",
                                     show_default=False)] = None,
    key: Annotated[str | None, Opt("--key", help="The issued report's key (default: "
                                   "PROGRAMME-QUARTER).", show_default=False)] = None,
    report_on: Annotated[str | None, Opt("--report-on", help="The date the report describes "
                                         "(default: the quarter's last day).",
                                         show_default=False)] = None,
    as_of: AsOf = None, lang: Annotated[str, Opt("--lang", help="nl (default) or en.")] = "nl",
) -> None:
    """Record that a kwartaalrapportage went out: to whom, when, its content hash and the
    fingerprint and horizon it was made from."""
    out = w.ledger.report_issue(w.env, programme=programme, quarter=quarter, to=list(to or []),
                                datum=datum, key=key, on=report_on, as_of=as_of, lang=lang)
    w.done(out, f"report {out.subject.split(':', 1)[1]} issued")


@writes(app, "text")
def text(
    w: Write, programme: Annotated[str, Opt("--programme", help="The programme's code, e.g. PRG.")],
    quarter: Annotated[str, Opt("--quarter", help="The quarter, e.g. 2021Q4.")],
    part: Annotated[str, Opt("--part", help="inleiding, algemeen, toelichting, prognose, "
                             "risicos or evaluatie.")],
    text_: Annotated[str | None, Opt("--text", help="The part's text; an empty line starts a "
                                     "new paragraph.", show_default=False)] = None,
    file: Annotated[Path | None, Opt("--file", help="Read the text from this file (UTF-8).",
                                     show_default=False)] = None,
    item: Annotated[list[str] | None, Opt(
        "--item", help="A point of the part, repeatable. In the toelichting: LETTER|ROWS|TEXT, "
        "e.g. 'a|WS2,WS3|Onzekerheid rond WLQ+' (the rows it explains).",
        show_default=False)] = None,
    corrects: Annotated[int | None, Opt("--corrects", help="Position of the text event this "
                                        "corrects (it was recorded in error).",
                                        show_default=False)] = None,
) -> None:
    """Write a narrative part of a kwartaalrapportage (per programme and quarter); writing it
    again supersedes it from --on, and --corrects corrects a mistaken text."""
    from ledger.errors import InvalidInput

    w.correcting(corrects)
    if text_ is not None and file is not None:
        raise InvalidInput("Give the text with --text or --file, not both.",
                           hint="Drop one of them.")
    if file is not None:
        try:
            text_ = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInput(f"Cannot read {file}: {exc}.",
                               hint="Give a UTF-8 text file that exists.") from None
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
    w.done(out, f"{part} of {programme.upper()} {quarter}")


@reads(app, "list")
def list_(r: Read) -> None:
    """The reports that went out, with their horizon, hash and fingerprint."""
    from projections.report_diff import issued_reports

    found = list(issued_reports(r.reader).values())
    if r.answered(found):
        return
    table("Issued reports", ["report", "programme", "quarter", "went out", "to", "on",
                             "from position", "content hash"],
          [(x["key"], x["programme"], x["quarter"], x["datum"], ", ".join(x["recipients"]),
            x["on"], x["as_of_position"], x["content_hash"][:16]) for x in found])


@reads(app, "diff")
def diff(
    r: Read, report: Annotated[str, typer.Argument(help="The issued report's key, e.g. PRG-2021Q4.")],
    format_: Annotated[str, Opt("--format", help="terminal, markdown, html or json.")
                       ] = "terminal",
    output: Annotated[Path | None, Opt("--output", "-o", help="Write to this file.",
                                       show_default=False)] = None,
) -> None:
    """What changed for an issued report's period since it went out: whether it still
    reproduces, changed figures and topics, and late and back-dated events."""
    from ledger.errors import NotFound
    from projections import document
    from projections.report_diff import diff as build
    from projections.report_diff import issued_reports, to_document

    found = {k.casefold(): v for k, v in issued_reports(r.reader).items()}.get(
        report.strip().casefold())
    if found is None:
        r.close()
        raise NotFound(f"No report '{report}' was issued.",
                       hint="List them with `ledger report list`.")
    doc = to_document(build(r.reader, found))
    r.close()
    fmt = "json" if r.json else format_
    if fmt == "terminal" and output is None:
        print_document(doc)
        return
    render = {"markdown": document.to_markdown, "html": document.to_html,
              "json": document.to_json, "terminal": document.to_markdown}[fmt]
    write_output(render(doc), output)


@reads(app, "dashboard")
def dashboard(
    r: Read, programme: Annotated[str, Opt("--programme", help="The programme's code.")],
    output: Annotated[Path, Opt("--output", "-o", help="The HTML file to write.")
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
    console.print(f"Dashboard written to {output}")

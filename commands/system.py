"""Top-level commands: init, status, log, show, import, export, restore, rebuild, demo, rules."""

from pathlib import Path
from typing import Annotated

import typer

from commands.common import (
    Actor,
    AsOf,
    Db,
    Instrument,
    Json,
    Level,
    Role,
    console,
    globals_of,
    plain,
    print_document,
    print_json,
    progress_bar,
    table,
)
from commands.declare import Read

# ledger.chain.MAX_POSITION (a test checks), not imported from there: hashlib and the chain's
# classes would add to the start of every command.
MAX_POSITION = 2**63 - 1

Opt = typer.Option


def register(app: typer.Typer) -> None:
    for fn in (init, status, log, show, import_, export, restore, rebuild, demo, rules):
        app.command(fn.__name__.rstrip("_"))(fn)


def init(ctx: typer.Context, db: Db = None,
         roles: Annotated[bool, Opt("--roles", help="PostgreSQL: also create the ledger_writer "
                                    "and ledger_auditor roles (see docs/security.md).")] = False,
         json_out: Json = False) -> None:
    """Create the ledger's store with its append-only guards; safe to run twice."""
    from ledger.application import init_store
    from ledger.storage import parse_url
    from projections.tables import create_tables

    store = parse_url(db or globals_of(ctx).db)
    init_store(store)
    create_tables(store)
    made_roles: list[str] = []
    if roles:
        from ledger.roles import create_roles

        made_roles = create_roles(store)
    if json_out or globals_of(ctx).json:
        print_json({"store": store.display, "initialised": True, "roles": made_roles})
        return
    console.print(f"Ledger ready at {store.display} (append-only guards in place).")
    for r in made_roles:
        console.print(f"Role ready: {r}")


def status(ctx: typer.Context, db: Db = None, json_out: Json = False) -> None:
    """The database, the number of events, the head fingerprint and anything wrong."""
    from projections.health import problems

    r = Read(ctx, db=db, json_out=json_out)
    from ledger.proofs import tree_status
    from ledger.storage import RawLog
    from projections.witness import observations

    with RawLog(r.store) as raw:
        count, last = raw.count_and_max()
        head = raw.head()
        orphans = raw.orphan_links()
        tree, tree_found = tree_status(raw, count, observations(r.reader))
    found = []
    if head.position != last:
        found.append(f"the chain ends at position {head.position} but the log at {last}: "
                     "run `ledger audit verify`")
    if orphans:
        found.append(f"chain links without events at {orphans[:3]}: run `ledger audit verify`")
    found += tree_found
    found += problems(r.reader)
    r.close()
    from ledger.errors import IntegrityFailure
    from projections.reading import check_read_tables_counted

    try:
        check_read_tables_counted(r.store)
    except IntegrityFailure as e:
        found.append(f"{e.message} {e.hint}")
    data = {"database": r.store.display, "events": count, "fingerprint": str(head),
            "tree": tree, "problems": found, "ok": not found}
    if r.answered(data):
        return
    console.print(f"Database     {data['database']}")
    console.print(f"Events       {count}")
    console.print(f"Fingerprint  {head}")
    console.print(f"Merkle tree  {tree['size']} events, root {tree['root']}")
    if found:
        console.print(f"[bold red]Problems ({len(found)}):[/bold red]")
        for p in found:
            console.print(f"  - {plain(p)}")
    else:
        console.print("Problems     none")


def log(ctx: typer.Context,
        type_: Annotated[str | None, Opt("--type", help="Only events whose type contains this, "
                                         "e.g. Registered or Party.", show_default=False)] = None,
        actor: Actor = None,
        subject: Annotated[str | None, Opt("--subject", help="Only events touching this subject, "
                                           "e.g. party:GM0518.", show_default=False)] = None,
        recorded_from: Annotated[str | None, Opt(help="Recorded at or after (timestamp/date).",
                                                 show_default=False)] = None,
        recorded_to: Annotated[str | None, Opt(help="Recorded at or before (timestamp/date).",
                                               show_default=False)] = None,
        effective_from: Annotated[str | None, Opt(help="Effective on or after (date).",
                                                  show_default=False)] = None,
        effective_to: Annotated[str | None, Opt(help="Effective on or before (date).",
                                                show_default=False)] = None,
        limit: Annotated[int | None, Opt(help="At most this many events.", min=1,
                                         max=MAX_POSITION, show_default=False)] = None,
        receipts: Annotated[bool, Opt("--receipts", help="Include command receipts.")] = False,
        instrument: Instrument = None, level: Level = None, role: Role = None,
        db: Db = None, as_of: AsOf = None, json_out: Json = False) -> None:
    """The log of events, oldest first, with filters (--instrument/--level/--role: events
    touching a subject classified so)."""
    from ledger.dates import parse_date, parse_moment
    from projections.classification import matching

    def moment(text: str | None) -> str | None:
        if not text:
            return None
        m = parse_moment(text)
        if isinstance(m, int):
            from ledger.errors import InvalidInput
            raise InvalidInput("Recorded-time filters take a timestamp or date, not a position.",
                               hint="Use --as-of #N to stop at a position.")
        return m.isoformat()

    rec_from = moment(recorded_from)
    if recorded_from and len(recorded_from.strip()) == 10:
        rec_from = parse_date(recorded_from).isoformat()
    r = Read(ctx, db=db, as_of=as_of, json_out=json_out)
    classified = matching(r.reader, instrument, level, role)
    entries = r.reader.log(
        topic=type_, actor=actor, subject=subject, recorded_from=rec_from,
        recorded_to=moment(recorded_to),
        effective_from=parse_date(effective_from) if effective_from else None,
        effective_to=parse_date(effective_to) if effective_to else None, limit=limit,
        include_receipts=receipts, subject_in=classified)
    from projections.reading import stamp

    logins = r.reader.logins(e.position for e in entries)
    listed = [stamp(e.as_dict(), logins.get(e.position), r.store.kind) for e in entries]
    if r.answered(listed):
        return
    table("Log", ["#", "recorded (UTC)", "effective", "actor", "event", "subject", "refs/reason"],
          [(e.position, e.recorded_at[:19].replace("T", " "), e.effective, d["recorded_by"],
            e.topic, e.subject, " ".join(e.refs) + (f" {e.reason}" if e.reason else ""))
           for e, d in zip(entries, listed, strict=True)])


def show(ctx: typer.Context,
         position: Annotated[int, typer.Argument(help="The event's log position (see `ledger log`).",
                                                 min=1, max=MAX_POSITION)],
         db: Db = None, json_out: Json = False) -> None:
    """One event: every envelope field, its payload, its stored bytes' hash and chain link."""
    import hashlib
    import json

    from ledger.errors import NotFound
    from ledger.storage import RawLog

    r = Read(ctx, db=db, json_out=json_out)
    entry = r.reader.entry(position)
    with RawLog(r.store) as raw:
        row = raw.event_at(position)
    r.close()
    if entry is None or row is None:
        raise NotFound(f"There is no event at position {position}.",
                       hint="Positions are shown by `ledger log`.")
    from projections.reading import stamp

    data = {**stamp(entry.as_dict(), row.login, r.store.kind), "subjects": entry.subjects,
            "aggregate_id": row.originator_id,
            "version": row.version, "topic": row.topic,
            "state_sha256": hashlib.sha256(row.state).hexdigest(), "chain_link": row.stored_link}
    if r.answered(data):
        return
    rows = [(k, json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v)
            for k, v in data.items()]
    table(f"Event #{position}", ["field", "value"], rows)


def import_(ctx: typer.Context,
            file: Annotated[Path, typer.Argument(help="A .yaml or .jsonl import file "
                                                 "(docs/import-format.md).")],
            dry_run: Annotated[bool, Opt("--dry-run", help="Check every command against the "
                                         "ledger's rules; write nothing.")] = False,
            db: Db = None, actor: Actor = None, json_out: Json = False) -> None:
    """Import a file of write commands; safe to re-run (nothing is recorded twice)."""
    from ledger.application import open_ledger
    from ledger.importer import run_import

    g = globals_of(ctx)
    ledger = open_ledger(db or g.db)
    with progress_bar(f"Importing {file.name}") as tick:
        result = run_import(ledger, file, dry_run=dry_run, progress=tick, actor=actor or g.actor)
    ledger.close()
    if json_out or g.json:
        print_json(result.as_dict())
        return
    if dry_run:
        console.print(f"Checked {file}: {result.commands} commands; {result.written} would be "
                      f"recorded ({result.events} events), {result.repeated} already are. "
                      "Nothing was written.")
        return
    console.print(f"Imported {plain(file)}: {result.commands} commands, {result.written} recorded "
                  f"({result.events} events), {result.repeated} already recorded.")


def export(ctx: typer.Context,
           output: Annotated[Path | None, Opt("--output", "-o", help="File to write "
                                              "(default: standard output).",
                                              show_default=False)] = None,
           db: Db = None) -> None:
    """Write the whole log as JSON Lines with chain links, for archives and offline checks."""
    from ledger.exporting import export_log
    from ledger.storage import RawLog, check_initialised, parse_url

    store = parse_url(db or globals_of(ctx).db)
    check_initialised(store)
    with RawLog(store) as raw, progress_bar("Exporting") as tick:
        if output is None:
            import sys

            n, fp = export_log(raw, sys.stdout, progress=tick)
            return
        with output.open("w", encoding="utf-8") as fh:
            n, fp = export_log(raw, fh, progress=tick)
    console.print(f"Exported {n} events to {plain(output)}; fingerprint {fp}.")


def restore(ctx: typer.Context,
            file: Annotated[Path, typer.Argument(help="A `ledger export` file.")],
            fingerprint: Annotated[str | None, Opt(help="POS:HASH held elsewhere: refuse an "
                                                   "export that does not extend it (an old "
                                                   "backup).", show_default=False)] = None,
            db: Db = None, json_out: Json = False) -> None:
    """Restore an export into an empty ledger: every event at its own position, with its chain
    link. The export is verified first; nothing is written if it does not verify."""
    from ledger import chain
    from ledger.exporting import restore_log
    from ledger.storage import RawLog, check_initialised, parse_url

    against = chain.Fingerprint.parse(fingerprint) if fingerprint else None
    store = parse_url(db or globals_of(ctx).db)
    check_initialised(store)
    with RawLog(store) as raw, progress_bar(f"Restoring {file.name}") as tick:
        n, fp = restore_log(raw, file, against=against, progress=tick)
    if json_out or globals_of(ctx).json:
        print_json({"restored": n, "database": store.display, "fingerprint": str(fp)})
        return
    console.print(f"Restored {n} events from {plain(file)} into {plain(store.display)}; "
                  f"fingerprint {fp}.")


def rebuild(ctx: typer.Context, db: Db = None, json_out: Json = False) -> None:
    """Drop every view and rebuild it from the log."""
    from ledger.application import open_ledger
    from ledger.roles import grant_views_again
    from projections.journal import replay
    from projections.tables import create_tables, drop_tables

    g = globals_of(ctx)
    ledger = open_ledger(db or g.db)
    drop_tables(ledger.store)
    create_tables(ledger.store)
    grant_views_again(ledger.store)
    with progress_bar("Rebuilding views") as tick:
        n = replay(ledger, progress=tick)
    ledger.close()
    if json_out or g.json:
        print_json({"rebuilt": True, "events": n})
        return
    console.print(f"Rebuilt every view from {n} events.")


def demo(ctx: typer.Context, db: Db = None,
         example: Annotated[str, Opt("--example", help="Which demo: leidse-regio or denhaag "
                                     "(an import file in ledger/demo/).")] = "leidse-regio",
         output_dir: Annotated[Path, Opt("--output-dir", help="Where to write the report and "
                                         "the dashboard.")] = Path("ledger-demo"),
         json_out: Json = False) -> None:
    """Build a demo ledger (embedded SQLite by default), print its kwartaalrapportage and write
    it (Markdown, HTML, PDF, Word), with the dashboard and the demo's Routekaart overview (PDF,
    Word), to --output-dir."""
    from ledger.demo import build_demo
    from projections import document, printed
    from projections.dashboard import dashboard, render
    from projections.quarterly import quarterly
    from projections.reading import Horizon

    g = globals_of(ctx)
    result = build_demo(db or g.db, example)
    code, quarter = result["programme"], result["quarter"]
    r = Read(ctx, db=result["database"])
    fingerprint = r.fingerprint()
    report = quarterly(r.reader, code, quarter, fingerprint=fingerprint)
    board = dashboard(r.reader.at(Horizon(report.data["on"], None)), code,
                      fingerprint=fingerprint)
    overview_doc = None
    if result.get("routekaart"):
        from datetime import date

        from projections.routekaart import overview, to_document

        rk_on = date.fromisoformat(result["routekaart_on"]) if result.get("routekaart_on") \
            else None
        view = overview(r.reader.at(Horizon(rk_on, None)), result["routekaart"])
        overview_doc = to_document(view, fingerprint=fingerprint,
                                   horizon=f"on {view['on']}, as the ledger knows it now")
    r.close()
    output_dir.mkdir(parents=True, exist_ok=True)
    files = {
        "report_markdown": output_dir / f"kwartaalrapportage-{code}-{quarter}.md",
        "report_html": output_dir / f"kwartaalrapportage-{code}-{quarter}.html",
        "report_pdf": output_dir / f"kwartaalrapportage-{code}-{quarter}.pdf",
        "report_docx": output_dir / f"kwartaalrapportage-{code}-{quarter}.docx",
        "dashboard": output_dir / f"dashboard-{code}.html",
    }
    files["report_markdown"].write_text(document.to_markdown(report), encoding="utf-8")
    files["report_html"].write_text(document.to_html(report), encoding="utf-8")
    files["report_pdf"].write_bytes(printed.to_pdf(report))
    files["report_docx"].write_bytes(printed.to_docx(report))
    files["dashboard"].write_text(render(board), encoding="utf-8")
    if overview_doc is not None:
        rk = result["routekaart"]
        files["routekaart_pdf"] = output_dir / f"routekaart-{rk}.pdf"
        files["routekaart_docx"] = output_dir / f"routekaart-{rk}.docx"
        files["routekaart_pdf"].write_bytes(printed.to_pdf(overview_doc))
        files["routekaart_docx"].write_bytes(printed.to_docx(overview_doc))
    result["files"] = {k: str(v.resolve()) for k, v in files.items()}
    if json_out or g.json:
        print_json(result)
        return
    print_document(report)
    console.print()
    console.print(f"Demo ledger ({result['title']}) at {result['database']}: "
                  f"{result['events']} events.")
    console.print(f"Kwartaalrapportage: {files['report_markdown']}, {files['report_html']}, "
                  f"{files['report_pdf']} and {files['report_docx']}")
    console.print(f"Dashboard:          {files['dashboard']}")
    if overview_doc is not None:
        console.print(f"Routekaart:         {files['routekaart_pdf']} and "
                      f"{files['routekaart_docx']}")
    console.print(f"Verify the ledger against the fingerprint printed on the report with:\n"
                  f"  ledger --db {result['database']} audit verify --fingerprint "
                  f"{fingerprint}")


def rules(ctx: typer.Context,
          area: Annotated[str | None, typer.Argument(help="Only this area (a folder of "
                                                     "features/).", show_default=False)] = None,
          json_out: Json = False) -> None:
    """Print the rulebook: the Gherkin specifications the ledger is tested against."""
    from ledger.rulebook import load_rules

    found = load_rules(area)
    if json_out or globals_of(ctx).json:
        print_json(found)
        return
    for f in found:
        console.print(f"[bold]{f['area']}: {f['title']}[/bold]")
        for s in f["scenarios"]:
            console.print(f"  - {s}")

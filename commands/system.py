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
    ReadOn,
    Role,
    console,
    db_url,
    globals_of,
    plain,
    print_document,
    print_json,
    progress_bar,
    table,
)
from commands.declare import Read
from ledger.i18n import N_, _, ngettext

# ledger.chain.MAX_POSITION (a test checks), not imported from there: hashlib and the chain's
# classes would add to the start of every command.
MAX_POSITION = 2**63 - 1

Opt = typer.Option


def register(app: typer.Typer) -> None:
    helps = {
        init: _("Create the ledger's store with its append-only guards; safe to run twice."),
        status: _("The database, the number of events, the head fingerprint and anything wrong "
                  "(--on, --as-of: the ledger as it stood on a date, as recorded by a moment)."),
        log: _("The log of events, oldest first, with filters (--instrument/--level/--role: "
               "events touching a subject classified so)."),
        show: _("One event: every envelope field, its payload, its stored bytes' hash and chain "
                "link."),
        import_: _("Import a file of write commands; safe to re-run (nothing is recorded twice)."),
        export: _("Write the whole log as JSON Lines with chain links, for archives and offline "
                  "checks."),
        restore: _("Restore an export into a new or empty ledger (created when absent): every "
                   "event at its own position, with its chain link. The export is verified "
                   "first; nothing is written if it does not verify."),
        rebuild: _("Drop every view and rebuild it from the log."),
        demo: _("Build a demo ledger (embedded SQLite by default), print its kwartaalrapportage "
                "and write it (Markdown, HTML, PDF, Word), with the dashboard and the demo's "
                "Routekaart overview (PDF, Word), to --output-dir."),
        rules: _("Print the rulebook: the Gherkin specifications the ledger is tested against."),
    }
    for fn, text in helps.items():
        app.command(fn.__name__.rstrip("_"), help=text)(fn)


def init(ctx: typer.Context, db: Db = None,
         roles: Annotated[bool, Opt("--roles", help=_(
             "PostgreSQL: also create the ledger_writer and ledger_auditor roles (see "
             "docs/security.md)."))] = False,
         json_out: Json = False) -> None:
    """Create the ledger's store with its append-only guards; safe to run twice."""
    from ledger.application import init_store
    from ledger.storage import parse_url
    from projections.tables import create_tables

    store = parse_url(db_url(db, ctx))
    init_store(store)
    create_tables(store)
    made_roles: list[str] = []
    if roles:
        from ledger.roles import create_roles

        made_roles = create_roles(store)
    if json_out or globals_of(ctx).json:
        print_json({"store": store.display, "initialised": True, "roles": made_roles})
        return
    _say(_("Ledger ready at {store} (append-only guards in place).").format(
        store=store.display))
    for r in made_roles:
        _say(_("Role ready: {role}").format(role=r))


def _say(sentence: str) -> None:
    """A sentence, wrapped at word boundaries to the terminal's width (never inside a word)."""
    console.print(plain(sentence), soft_wrap=False)


def _lines(pairs: list[tuple[str, str]]) -> None:
    """Label-value lines, the values aligned after the longest label."""
    width = max(len(label) for label, _value in pairs) + 2
    for label, value in pairs:
        console.print(plain(f"{label.ljust(width)}{value}"))


def status(ctx: typer.Context, db: Db = None, on: ReadOn = None, as_of: AsOf = None,
           json_out: Json = False) -> None:
    """The database, the number of events, the head fingerprint and anything wrong; with --on
    and --as-of, the ledger's findings as they stood on that date as recorded by that moment."""
    from projections.health import problems

    r = Read(ctx, db=db, on=on, as_of=as_of, json_out=json_out)
    from ledger.proofs import tree_status
    from ledger.storage import RawLog
    from projections.witness import observations

    upto = r.horizon.upto
    with RawLog(r.store) as raw:
        count, last = raw.count_and_max()
        head = raw.head()
        orphans = raw.orphan_links()
        tree, tree_found = tree_status(raw, count, observations(r.reader))
        seen, fp = count, head
        if upto is not None and upto < last:
            cur = raw.conn.cursor()
            cur.execute(f"SELECT count(*) FROM {raw.events} WHERE {raw.pos} <= {raw.p}", (upto,))
            seen, fp = int(cur.fetchone()[0]), raw.fingerprint_at(upto)
    found = []
    if head.position != last:
        found.append(_("the chain ends at position {chain} but the log at {log}: run `ledger "
                       "audit verify`").format(chain=head.position, log=last))
    if orphans:
        found.append(_("chain links without events at {positions}: run `ledger audit "
                       "verify`").format(positions=", ".join(f"#{p}" for p in orphans[:3])))
    found += tree_found
    found += problems(r.reader)
    r.close()
    from ledger.errors import IntegrityFailure
    from projections.reading import check_read_tables_counted

    try:
        check_read_tables_counted(r.store)
    except IntegrityFailure as e:
        found.append(f"{e.message} {e.hint}")
    data = {"database": r.store.display, "events": seen, "fingerprint": str(fp),
            "tree": tree, "problems": found, "ok": not found,
            "on": r.on.isoformat() if r.on else None, "as_of": upto}
    if r.answered(data):
        return
    from ledger.dates import show_date

    pairs = [(_("Database"), str(data["database"]))]
    if r.on is not None:
        pairs.append((_("On"), show_date(r.on)))
    if upto is not None:
        pairs.append((_("As recorded by"), f"#{upto}"))
    pairs += [(_("Events"), str(seen)), (_("Fingerprint"), str(fp)),
              (_("Merkle tree"), _("{n} events, root {root}").format(n=tree["size"],
                                                                     root=tree["root"]))]
    if not found:
        pairs.append((_("Problems"), _("none")))
    _lines(pairs)
    if found:
        console.print("[bold red]" + plain(_("Problems ({n}):").format(n=len(found)))
                      + "[/bold red]")
        import sys

        from rich.markup import escape

        from commands.common import printable, wraps
        from commands.layout import wrap

        # each finding wraps at token boundaries, indented under its dash, no padding after it
        width = max(console.width - 4, 20) if wraps(sys.stdout) else None
        for p in found:
            text = printable(p) if width is None else wrap(printable(p), width)
            for i, line in enumerate(text.split("\n")):
                console.print(escape(("  - " if i == 0 else "    ") + line), soft_wrap=True)


def log(ctx: typer.Context,
        type_: Annotated[str | None, Opt("--type", help=_(
            "Only events whose type contains this, e.g. Registered or Party."),
            show_default=False)] = None,
        actor: Actor = None,
        subject: Annotated[str | None, Opt("--subject", help=_(
            "Only events touching this subject, e.g. party:GM0518."), show_default=False)] = None,
        recorded_from: Annotated[str | None, Opt(help=_("Recorded at or after (timestamp/date)."),
                                                 show_default=False)] = None,
        recorded_to: Annotated[str | None, Opt(help=_("Recorded at or before (timestamp/date)."),
                                               show_default=False)] = None,
        effective_from: Annotated[str | None, Opt(help=_("Effective on or after (date)."),
                                                  show_default=False)] = None,
        effective_to: Annotated[str | None, Opt(help=_("Effective on or before (date)."),
                                                show_default=False)] = None,
        limit: Annotated[int | None, Opt(help=_("At most this many events."), min=1,
                                         max=MAX_POSITION, show_default=False)] = None,
        receipts: Annotated[bool, Opt("--receipts", help=_(
            "Include command receipts (one per command, between its events)."))] = False,
        instrument: Instrument = None, level: Level = None, role: Role = None,
        db: Db = None, as_of: AsOf = None, json_out: Json = False) -> None:
    """The log of events, oldest first, with filters (--instrument/--level/--role: events
    touching a subject classified so)."""
    from ledger.dates import parse_date, parse_moment, show_date, show_moment
    from projections.classification import matching

    def moment(text: str | None) -> str | None:
        if not text:
            return None
        m = parse_moment(text)
        if isinstance(m, int):
            from ledger.errors import InvalidInput
            raise InvalidInput(_("Recorded-time filters take a timestamp or date, not a "
                                 "position."),
                               hint=_("Use --as-of #N to stop at a position."))
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
    between = 0
    if not receipts and entries:
        first, last = entries[0].position, entries[-1].position
        between = sum(1 for e in r.reader.entries(kinds=("command",), valid=False, order="log",
                                                  after=first - 1) if e.position <= last)
    from projections.reading import stamp

    logins = r.reader.logins(e.position for e in entries)
    listed = [stamp(e.as_dict(), logins.get(e.position), r.store.kind) for e in entries]
    if r.answered(listed):
        return
    table(_("Log"), ["#", _("recorded at"), _("effective"), _("recorded by"), _("event"),
                     _("subject"), _("refs/reason")],
          [(e.position, show_moment(e.recorded_at), show_date(e.effective, "short"),
            d["recorded_by"], e.topic, e.subject,
            " ".join(e.refs) + (f" {e.reason}" if e.reason else ""))
           for e, d in zip(entries, listed, strict=True)])
    if between:  # receipts take positions of their own: say why the numbers skip
        _say(ngettext(
            "Between the positions lies {n} receipt: for every command the ledger records a "
            "receipt (its command id and what it asked), so that a repeated command records "
            "nothing twice. Show them with --receipts.",
            "Between the positions lie {n} receipts: for every command the ledger records a "
            "receipt (its command id and what it asked), so that a repeated command records "
            "nothing twice. Show them with --receipts.", between).format(n=between))


def show(ctx: typer.Context,
         position: Annotated[int, typer.Argument(help=_(
             "The event's log position (see `ledger log`)."), min=1, max=MAX_POSITION)],
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
        raise NotFound(_("There is no event at position {position}.").format(position=position),
                       hint=_("Positions are shown by `ledger log`."))
    from projections.reading import stamp

    data = {**stamp(entry.as_dict(), row.login, r.store.kind), "subjects": entry.subjects,
            "aggregate_id": row.originator_id,
            "version": row.version, "topic": row.topic,
            "state_sha256": hashlib.sha256(row.state).hexdigest(), "chain_link": row.stored_link}
    if r.answered(data):
        return
    from ledger.dates import show_date, show_moment

    def shown(key: str, value: object) -> object:
        if key == "recorded_at" and value:
            return show_moment(str(value))
        if key == "effective" and value:
            return show_date(str(value), "short")
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if key in ("refs", "subjects") and isinstance(value, list):
            return " ".join(str(v) for v in value)
        return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value

    rows = [(_(SHOW_FIELDS[k]) if k in SHOW_FIELDS else k, shown(k, v)) for k, v in data.items()]
    table(_("Event #{position}").format(position=position), [_("field"), _("value")], rows)


# The fields `show` prints, named for a person (the JSON keeps the keys).
SHOW_FIELDS = {
    "position": N_("position"), "recorded_at": N_("recorded at"), "effective": N_("effective"),
    "subject": N_("subject"), "event": N_("event"), "actor": N_("actor"), "refs": N_("refs"),
    "reason": N_("reason"), "command_id": N_("command id"), "corrects": N_("corrects"),
    "payload": N_("payload"), "part": N_("part"), "login": N_("login"),
    "login_authenticated": N_("login authenticated"), "recorded_by": N_("recorded by"),
    "subjects": N_("subjects"), "aggregate_id": N_("aggregate id"), "version": N_("version"),
    "topic": N_("event class"), "state_sha256": N_("SHA-256 of the stored bytes"),
    "chain_link": N_("chain link"),
}


def import_(ctx: typer.Context,
            file: Annotated[Path, typer.Argument(help=_(
                "A .yaml or .jsonl import file (docs/import-format.md)."))],
            dry_run: Annotated[bool, Opt("--dry-run", help=_(
                "Check every command against the ledger's rules; write nothing."))] = False,
            db: Db = None, actor: Actor = None, json_out: Json = False) -> None:
    """Import a file of write commands; safe to re-run (nothing is recorded twice)."""
    from ledger.application import open_ledger
    from ledger.importer import run_import

    g = globals_of(ctx)
    ledger = open_ledger(db_url(db, ctx))
    with progress_bar(_("Importing {file}").format(file=file.name)) as tick:
        result = run_import(ledger, file, dry_run=dry_run, progress=tick, actor=actor or g.actor)
    ledger.close()
    if json_out or g.json:
        print_json(result.as_dict())
        return
    commands = ngettext("{n} command", "{n} commands", result.commands).format(n=result.commands)
    events = ngettext("{n} event", "{n} events", result.events).format(n=result.events)
    if dry_run:
        _say(_(
            "Checked {file}: {commands}; {written} would be recorded ({events}), {repeated} "
            "already are. Nothing was written.").format(
                file=file, commands=commands, written=result.written, events=events,
                repeated=result.repeated))
        return
    _say(_(
        "Imported {file}: {commands}, {written} recorded ({events}), {repeated} already "
        "recorded.").format(file=file, commands=commands, written=result.written, events=events,
                            repeated=result.repeated))


def export(ctx: typer.Context,
           output: Annotated[Path | None, Opt("--output", "-o", help=_(
               "File to write (default: standard output)."), show_default=False)] = None,
           db: Db = None) -> None:
    """Write the whole log as JSON Lines with chain links, for archives and offline checks."""
    from ledger.exporting import export_log
    from ledger.storage import RawLog, check_initialised, parse_url

    store = parse_url(db_url(db, ctx))
    check_initialised(store)
    with RawLog(store) as raw, progress_bar(_("Exporting")) as tick:
        if output is None:
            import sys

            n, fp = export_log(raw, sys.stdout, progress=tick)
            return
        with output.open("w", encoding="utf-8") as fh:
            n, fp = export_log(raw, fh, progress=tick)
    _say(ngettext("Exported {n} event to {file}; fingerprint {fingerprint}.",
                  "Exported {n} events to {file}; fingerprint {fingerprint}.",
                  n).format(n=n, file=output, fingerprint=fp))


def _holds_ledger(store: object) -> bool:
    from ledger.storage import RawLog, Store, sqlite_file_exists

    assert isinstance(store, Store)
    if not sqlite_file_exists(store):
        return False
    with RawLog(store) as raw:
        return raw.initialised()


def restore(ctx: typer.Context,
            file: Annotated[Path, typer.Argument(help=_("A `ledger export` file."))],
            fingerprint: Annotated[str | None, Opt(help=_(
                "POS:HASH held elsewhere: refuse an export that does not extend it (an old "
                "backup)."), show_default=False)] = None,
            db: Db = None, json_out: Json = False) -> None:
    """Restore an export into a new or empty ledger, creating the ledger when there is none:
    every event at its own position, with its chain link. The export is verified first; nothing
    is written if it does not verify (a new SQLite ledger made for it is removed again), and a
    ledger that holds events is refused."""
    from ledger import chain
    from ledger.exporting import restore_log
    from ledger.storage import RawLog, parse_url, sqlite_file_exists

    against = chain.Fingerprint.parse(fingerprint) if fingerprint else None
    store = parse_url(db_url(db, ctx))
    new_file = not sqlite_file_exists(store)
    created = not _holds_ledger(store)
    if created:  # restoring is how a ledger is made from a backup: make the one it goes into
        from ledger.application import init_store

        init_store(store)
    try:
        with RawLog(store) as raw, progress_bar(_("Restoring {file}").format(
                file=file.name)) as tick:
            n, fp = restore_log(raw, file, against=against, progress=tick)
    except BaseException:
        if new_file:  # nothing restored: leave no empty ledger behind in a file it made
            for leftover in (Path(f"{store.path}{end}") for end in ("", "-wal", "-shm")):
                leftover.unlink(missing_ok=True)
        raise
    if json_out or globals_of(ctx).json:
        print_json({"restored": n, "database": store.display, "fingerprint": str(fp),
                    "created": created})
        return
    if created:
        _say(_("Created a new ledger at {database}.").format(
            database=store.display))
    _say(ngettext(
        "Restored {n} event from {file} into {database}; fingerprint {fingerprint}.",
        "Restored {n} events from {file} into {database}; fingerprint {fingerprint}.",
        n).format(n=n, file=file, database=store.display, fingerprint=fp))


def rebuild(ctx: typer.Context, db: Db = None, json_out: Json = False) -> None:
    """Drop every view and rebuild it from the log."""
    from ledger.application import open_ledger
    from ledger.roles import grant_views_again
    from projections.journal import replay
    from projections.tables import create_tables, drop_tables

    g = globals_of(ctx)
    ledger = open_ledger(db_url(db, ctx))
    drop_tables(ledger.store)
    create_tables(ledger.store)
    grant_views_again(ledger.store)
    with progress_bar(_("Rebuilding views")) as tick:
        n = replay(ledger, progress=tick)
    ledger.close()
    if json_out or g.json:
        print_json({"rebuilt": True, "events": n})
        return
    _say(ngettext("Rebuilt every view from {n} event.",
                  "Rebuilt every view from {n} events.", n).format(n=n))


def demo(ctx: typer.Context, db: Db = None,
         example: Annotated[str, Opt("--example", help=_(
             "Which demo: leidse-regio, res-nml or denhaag (an import file in "
             "ledger/demo/)."))] = "leidse-regio",
         output_dir: Annotated[Path, Opt("--output-dir", help=_(
             "Where to write the report and the dashboard."))] = Path("ledger-demo"),
         json_out: Json = False) -> None:
    """Build a demo ledger (embedded SQLite by default), print its kwartaalrapportage and write
    it (Markdown, HTML, PDF, Word), with the dashboard and the demo's Routekaart overview (PDF,
    Word), to --output-dir. A demo without a programme (res-nml) prints what to look at."""
    from ledger.demo import build_demo

    g = globals_of(ctx)
    result = build_demo(db_url(db, ctx), example)
    if not result["programme"]:
        result["files"] = {}
        if json_out or g.json:
            print_json(result)
            return
        _built(result)
        _say(_("Look at it with:"))
        for line in result.get("try") or []:
            console.print(plain(f"  ledger --db {result['database']} {line}"))
        return
    from projections import document, printed
    from projections.dashboard import dashboard, render
    from projections.quarterly import quarterly
    from projections.reading import Horizon

    code, quarter = result["programme"], result["quarter"]
    r = Read(ctx, db=result["database"])
    fingerprint = r.fingerprint()
    report = quarterly(r.reader, code, quarter, fingerprint=fingerprint)
    board = dashboard(r.reader.at(Horizon(report.data["on"], None)), code,
                      fingerprint=fingerprint)
    overview_doc = None
    if result.get("routekaart"):
        from datetime import date

        from ledger.dates import show_date
        from projections.routekaart import overview, to_document

        rk_on = date.fromisoformat(result["routekaart_on"]) if result.get("routekaart_on") \
            else None
        view = overview(r.reader.at(Horizon(rk_on, None)), result["routekaart"])
        overview_doc = to_document(view, fingerprint=fingerprint, horizon=_(
            "on {date}, as the ledger knows it now").format(date=show_date(view["on"])))
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
    _built(result)
    written = [(_("Kwartaalrapportage:"), [files[k] for k in (
        "report_markdown", "report_html", "report_pdf", "report_docx")]),
        (_("Dashboard:"), [files["dashboard"]])]
    if overview_doc is not None:
        written.append((_("Routekaart:"), [files["routekaart_pdf"], files["routekaart_docx"]]))
    for label, paths in written:  # one path a line: a path is never split at 80 columns
        console.print(plain(label))
        for path in paths:
            console.print(plain(f"  {path}"))
    _say(_("Verify the ledger against the fingerprint printed on the report with:"))
    console.print(plain(f"  ledger --db {result['database']} audit verify --fingerprint "
                        f"{fingerprint}"))


def _built(result: dict[str, object]) -> None:
    events = int(str(result["events"]))
    _say(ngettext(
        "Demo ledger ({title}) at {database}: {n} event.",
        "Demo ledger ({title}) at {database}: {n} events.", events).format(
            title=result["title"], database=result["database"], n=events))


def rules(ctx: typer.Context,
          area: Annotated[str | None, typer.Argument(help=_(
              "Only this area (a folder of features/)."), show_default=False)] = None,
          json_out: Json = False) -> None:
    """Print the rulebook: the Gherkin specifications the ledger is tested against."""
    from ledger.rulebook import load_rules

    found = load_rules(area)
    if json_out or globals_of(ctx).json:
        print_json(found)
        return
    for f in found:
        console.print(f"[bold]{plain(f['area'])}: {plain(f['title'])}[/bold]")
        for s in f["scenarios"]:
            console.print(f"  - {plain(s)}")

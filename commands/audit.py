"""`ledger audit`: the chain (verify, fingerprint) and the trail of any subject."""

from pathlib import Path
from typing import Annotated

import typer

from commands.common import Db, Json, console, err_console, globals_of, plain, print_json, progress_bar, table
from commands.declare import Read, reads

app = typer.Typer(help="Integrity of the log and the audit trail of anything in it.",
                  no_args_is_help=True)
Opt = typer.Option


@app.command("verify")
def verify(ctx: typer.Context,
           fingerprint: Annotated[str | None, Opt(help="POS:HASH seen earlier: prove the ledger "
                                                  "still extends it.", show_default=False)] = None,
           file: Annotated[Path | None, Opt("--file", help="Check an export file offline instead "
                                            "of the database.", show_default=False)] = None,
           db: Db = None, json_out: Json = False) -> None:
    """Recompute the hash chain; name the first bad position. Exits 3 when it does not verify."""
    from ledger import chain
    from ledger.errors import IntegrityFailure

    against = chain.Fingerprint.parse(fingerprint) if fingerprint else None
    if file is not None:
        from ledger.exporting import verify_file

        result = verify_file(file, against)
        source = str(file)
    else:
        from ledger.storage import RawLog, check_initialised, parse_url

        store = parse_url(db or globals_of(ctx).db)
        check_initialised(store)
        with RawLog(store) as raw, progress_bar("Verifying") as tick:
            total = raw.count_and_max()[0] if err_console.is_terminal else 0  # for the bar only
            result = chain.verify_rows(raw.rows(progress=lambda done: tick(done, total),
                                                tuples=True),
                                       against=against, orphan_links=raw.orphan_links())
        source = store.display
        if result.ok:
            from projections.reading import check_read_tables_counted

            check_read_tables_counted(store)  # read tables that hide events fail too (exit 3)
    data = {"source": source, "ok": result.ok, "checked": result.checked,
            "fingerprint": str(result.fingerprint), "bad_position": result.bad_position,
            "problem": result.problem, "matches_fingerprint": result.matched_fingerprint}
    if json_out or globals_of(ctx).json:
        print_json(data)
        if not result.ok:
            raise typer.Exit(3)
        return
    if not result.ok:
        where = f" at position {result.bad_position}" if result.bad_position else ""
        raise IntegrityFailure(f"The ledger does not verify{where}: {result.problem}.",
                               hint="Compare with an export or a fingerprint held elsewhere; "
                               "see docs/auditors-guide.md.")
    console.print(f"Verified {result.checked} events of {plain(source)}: the chain is intact.")
    console.print(f"Fingerprint {result.fingerprint}")
    if against is not None:
        console.print(f"It extends the fingerprint {against.position}:{against.head[:16]}…")


@app.command("fingerprint")
def fingerprint(ctx: typer.Context, db: Db = None, json_out: Json = False) -> None:
    """Print the ledger's fingerprint (newest position and its chain link)."""
    from ledger.storage import RawLog, check_initialised, parse_url

    store = parse_url(db or globals_of(ctx).db)
    check_initialised(store)
    with RawLog(store) as raw:
        head = raw.head()
    if json_out or globals_of(ctx).json:
        print_json({"position": head.position, "hash": head.head, "fingerprint": str(head)})
        return
    console.print(str(head))


@reads(app, "trail")
def trail(
    r: Read,
    subject: Annotated[str, typer.Argument(help="What to trace, as kind:key, e.g. "
                                           "party:GM0518, decision:PHO-2021-07, "
                                           "stap:VS-RK/1.2 or actie:VS-RK/1.2/3.")],
    markdown: Annotated[Path | None, Opt("--markdown", help="Also write the trail as "
                                         "Markdown (an auditor's file) to this file.",
                                         show_default=False)] = None,
) -> None:
    """Every event that touched a subject, in order, told as a story: when recorded and
    effective, who, on what authority (spelled out), and what changed, before and after."""
    from projections.trail import COLUMNS, build, rows, to_markdown

    found = build(r.reader, subject)
    fingerprint = r.fingerprint()
    r.close()
    from projections.trail import horizon_text

    caption = horizon_text(r.horizon)
    if markdown is not None:
        markdown.write_text(to_markdown(found.subject, found, caption, fingerprint=fingerprint),
                            encoding="utf-8")
    if r.json:
        print_json({**found.as_dict(), "horizon": r.horizon.describe(),
                    "fingerprint": fingerprint})
        return
    table(f"Audit trail of {found.subject}", COLUMNS, rows(found.steps),
          caption=f"{found.title}  ({caption}; fingerprint {fingerprint[:24]}…)")
    if markdown is not None:
        console.print(f"Markdown written to {plain(markdown)}")

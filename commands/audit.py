"""`ledger audit`: the chain (verify, fingerprint), the trail of any subject, and proofs an outsider
can check: the ledger's key, signed checkpoints, inclusion and consistency proofs, checking them
offline, and witnessing another holder's checkpoint (ledger/proofs.py, ledger/verifier.py)."""

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from commands.common import (
    Db,
    Json,
    bounded,
    console,
    db_url,
    err_console,
    globals_of,
    os_problem,
    plain,
    print_json,
    progress_bar,
    table,
    write_output,
)
from commands.declare import Read, Write, reads, writes
from ledger.i18n import _, ngettext

app = typer.Typer(help=_("Integrity of the log and the audit trail of anything in it."),
                  no_args_is_help=True)
Opt = typer.Option
key_app = typer.Typer(help=_("The ledger's signing key: make one, print its public half."),
                      no_args_is_help=True)
prove_app = typer.Typer(help=_("Proofs from the ledger's Merkle tree, as JSON files an outsider "
                               "checks with `ledger audit check`."), no_args_is_help=True)
app.add_typer(key_app, name="key")
app.add_typer(prove_app, name="prove")

KeyFile = Annotated[str | None, Opt(
    "--key-file", help=_("The ledger's private key file (default: $LEDGER_KEY_FILE, else the "
                         "key in $LEDGER_KEY)."), metavar=_("FILE"), show_default=False)]
Out = Annotated[Path | None, Opt("--out", "-o", help=_("Write to this file instead of standard "
                                                       "output."), metavar=_("FILE"),
                                 show_default=False)]


@app.command("verify", help=_("Recompute the hash chain; name the first bad position. Exits 3 "
                              "when it does not verify."))
def verify(ctx: typer.Context,
           fingerprint: Annotated[str | None, Opt(help=_("POS:HASH seen earlier: prove the "
                                                         "ledger still extends it."),
                                                  show_default=False)] = None,
           file: Annotated[Path | None, Opt("--file", help=_("Check an export file offline "
                                                             "instead of the database."),
                                            metavar=_("FILE"), show_default=False)] = None,
           signatures: Annotated[bool, Opt("--signatures", help=_(
               "Also check every event's signature, per actor: signed, unsigned, bad "
               "signature, signed after revocation (exits 3 on a bad or late one)."))] = False,
           db: Db = None, json_out: Json = False) -> None:
    from ledger import chain
    from ledger.errors import IntegrityFailure

    against = chain.Fingerprint.parse(fingerprint) if fingerprint else None
    tree = None
    if file is not None:
        from ledger.exporting import verify_file

        result = verify_file(file, against)
        source = str(file)
    else:
        from ledger.storage import RawLog, check_initialised, parse_url

        store = parse_url(db_url(db, ctx))
        check_initialised(store)
        from ledger.proofs import TreeChecker

        with RawLog(store) as raw, progress_bar(_("Verifying")) as tick:
            total = raw.count_and_max()[0] if err_console.is_terminal else 0  # for the bar only
            # The stored Merkle tree is recomputed from the same rows, in the same pass.
            checker = TreeChecker(raw)
            result = chain.verify_rows(
                raw.rows(progress=lambda done: tick(done, total), tuples=True),
                against=against, orphan_links=raw.orphan_links(), leaves=checker.take)
            if result.ok:
                tree = checker.result()
                if not tree.ok:
                    result.ok, result.bad_position = False, tree.bad_position
                    result.problem = tree.problem
        source = store.display
        if result.ok:
            from projections.reading import check_read_tables_counted

            check_read_tables_counted(store)  # read tables that hide events fail too (exit 3)
    data = {"source": source, "ok": result.ok, "checked": result.checked,
            "fingerprint": str(result.fingerprint), "bad_position": result.bad_position,
            "problem": result.problem, "matches_fingerprint": result.matched_fingerprint}
    if file is None and tree is not None:
        data["tree"] = {"leaves": tree.leaves, "behind": tree.behind}
    report = _signature_report(file, db, ctx) if signatures else None
    if report is not None:
        data["signatures"] = {"ok": report.ok,
                              "actors": [a.as_dict() for a in report.actors.values()]}
    if json_out or globals_of(ctx).json:
        print_json(data)
        if not result.ok or (report is not None and not report.ok):
            raise typer.Exit(3)
        return
    if report is not None:
        _show_signatures(report)
    if not result.ok:
        problem = str(result.problem).rstrip(".")
        raise IntegrityFailure(
            _("The ledger does not verify at position {position}: {problem}.").format(
                position=result.bad_position, problem=problem) if result.bad_position else
            _("The ledger does not verify: {problem}.").format(problem=problem),
            hint=_("Compare with an export or a fingerprint held elsewhere; see "
                   "docs/auditors-guide.md."))
    console.print(ngettext("Verified {n} event of {source}: the chain is intact.",
                           "Verified {n} events of {source}: the chain is intact.",
                           result.checked).format(n=result.checked, source=plain(source)))
    if file is None and tree is not None:
        leaves = ngettext("Merkle tree: {n} leaf", "Merkle tree: {n} leaves",
                          tree.leaves).format(n=tree.leaves)
        if tree.behind:
            console.print(ngettext(
                "{leaves}, every node matches the events ({behind} event not yet in it: run "
                "`ledger init`).",
                "{leaves}, every node matches the events ({behind} events not yet in it: run "
                "`ledger init`).", tree.behind).format(leaves=leaves, behind=tree.behind))
        else:
            console.print(_("{leaves}, every node matches the events.").format(leaves=leaves))
    console.print(_("Fingerprint {fingerprint}").format(fingerprint=result.fingerprint))
    if against is not None:
        console.print(_("It extends the fingerprint {fingerprint}…").format(
            fingerprint=f"{against.position}:{against.head[:16]}"))
    if report is not None and not report.ok:
        bad = sum(len(a.bad) + len(a.after_revocation) for a in report.actors.values())
        raise IntegrityFailure(
            ngettext("{n} signature does not hold: it is bad or made after its key was revoked.",
                     "{n} signatures do not hold: they are bad or made after their key was "
                     "revoked.", bad).format(n=bad),
            hint=_("The positions are in the table above; see docs/auditors-guide.md."))


def _signature_report(file: Path | None, db: str | None, ctx: typer.Context) -> Any:
    """Every event's signature judged per actor (`ledger.signatures`), from the export file or
    the database."""
    from ledger.signatures import check_rows

    if file is not None:
        from ledger.exporting import read_export

        return check_rows(read_export(file)[1])
    from ledger.storage import RawLog, parse_url

    with RawLog(parse_url(db_url(db, ctx))) as raw:
        return check_rows(raw.rows(tuples=True))


def _show_signatures(report: Any) -> None:
    from ledger.signatures import ranges

    rows = []
    for a in sorted(report.actors.values(), key=lambda a: a.actor.casefold()):
        unsigned = str(len(a.unsigned))
        if a.unsigned_keyed:
            unsigned += " " + _("(with a key: {positions})").format(
                positions=ranges(a.unsigned_keyed))
        rows.append([a.actor, str(len(a.signed)), unsigned,
                     ranges(a.bad) or "-", ranges(a.after_revocation) or "-"])
    table(_("Signatures per actor"), [_("actor"), _("signed"), _("unsigned"),
                                      _("bad signature"), _("after revocation")], rows,
          caption=_("Positions in the log; `--json` lists every one."))


@app.command("fingerprint", help=_("Print the ledger's fingerprint (newest position and its "
                                   "chain link)."))
def fingerprint(ctx: typer.Context, db: Db = None, json_out: Json = False) -> None:
    from ledger.storage import RawLog, check_initialised, parse_url

    store = parse_url(db_url(db, ctx))
    check_initialised(store)
    with RawLog(store) as raw:
        head = raw.head()
    if json_out or globals_of(ctx).json:
        print_json({"position": head.position, "hash": head.head, "fingerprint": str(head)})
        return
    console.print(str(head))


@reads(app, "trail", help=_("Every event that touched a subject, in order, told as a story: "
                             "when recorded and effective, who, on what authority (spelled "
                             "out), and what changed, before and after."))
def trail(
    r: Read,
    subject: Annotated[str, typer.Argument(help=_("What to trace, as kind:key, e.g. "
                                                  "party:GM0518, decision:PHO-2021-07, "
                                                  "stap:VS-RK/1.2 or actie:VS-RK/1.2/3."),
                                           metavar=_("SUBJECT"))],
    markdown: Annotated[Path | None, Opt("--markdown", help=_("Also write the trail as "
                                                              "Markdown (an auditor's file) to "
                                                              "this file."),
                                         metavar=_("FILE"), show_default=False)] = None,
) -> None:
    from projections.trail import build, columns, rows, to_markdown

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
    table(_("Audit trail of {subject}").format(subject=found.subject), columns(), rows(found.steps),
          caption=_("{title}  ({horizon}; fingerprint {fingerprint}…)").format(
              title=found.title, horizon=caption, fingerprint=fingerprint[:24]))
    if markdown is not None:
        console.print(_("Markdown written to {file}").format(file=plain(markdown)))


def _emit(text: str, out: Path | None, what: str) -> None:
    """Text, ending in a newline, to `out` (saying so on stderr) or to standard output."""
    write_output(text if text.endswith("\n") else text + "\n", out, what)


def _proof_json(proof: dict) -> str:
    import json

    return json.dumps(proof, ensure_ascii=False, indent=2) + "\n"


@key_app.command("generate", help=_("Make the ledger's Ed25519 signing key: the private key goes "
                                    "to a file (never into the ledger), the public key is printed "
                                    "for outsiders to hold."))
def key_generate(
    ctx: typer.Context,
    name: Annotated[str, Opt("--name", help=_("The ledger's name, also the checkpoints' origin: "
                                              "a name without spaces, such as "
                                              "ledger.example.nl/programma."))],
    out: Annotated[Path, Opt("--out", "-o", help=_("The file to write the private key to (made "
                                                   "readable by you only; never overwritten)."),
                             metavar=_("FILE"))],
    json_out: Json = False,
) -> None:
    import os

    from ledger.errors import InvalidInput
    from ledger.note import NoteError, Signer

    try:
        signer = Signer.generate(name)
    except NoteError as e:
        raise InvalidInput(str(e)) from None
    try:
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise InvalidInput(_("{file} exists already: a key is never overwritten.").format(
            file=out), hint=_("Choose another file, or keep using the key in it.")) from None
    except OSError as e:
        raise InvalidInput(_("Cannot write {file}: {problem}.").format(
            file=out, problem=os_problem(e)),
            hint=_("Choose a file in a folder you may write to.")) from None
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(str(signer) + "\n")
    public = str(signer.verifier())
    if json_out or globals_of(ctx).json:
        print_json({"name": signer.name, "private_key_file": str(out), "public_key": public})
        return
    err_console.print(_("Private key written to {file}: keep it out of the ledger and its "
                        "backups' reach; set LEDGER_KEY_FILE to it.").format(file=plain(out)))
    console.print(public)


@key_app.command("public", help=_("Print the ledger's public key (NAME+ID+KEY): what outsiders "
                                  "hold to check its checkpoints and proofs."))
def key_public(ctx: typer.Context, key_file: KeyFile = None, json_out: Json = False) -> None:
    from ledger.proofs import load_signer

    signer = load_signer(key_file)
    if json_out or globals_of(ctx).json:
        print_json({"name": signer.name, "public_key": str(signer.verifier())})
        return
    console.print(str(signer.verifier()))


def _prover_run(ctx: typer.Context, db: str | None, work):  # type: ignore[no-untyped-def]
    from ledger.proofs import Prover
    from ledger.storage import RawLog, check_initialised, parse_url

    store = parse_url(db_url(db, ctx))
    check_initialised(store)
    with RawLog(store) as raw:
        return work(Prover(raw))


@app.command("checkpoint", help=_("Print a checkpoint: the ledger's name, its size and Merkle "
                                  "root hash, the time and the chain fingerprint, signed with "
                                  "the ledger's key (a C2SP signed note)."))
def checkpoint(
    ctx: typer.Context,
    size: Annotated[int | None, Opt("--size", help=_("The tree size (number of events) to sign "
                                                     "(default: every event)."), metavar="N",
                                    callback=bounded(0), show_default=False)] = None,
    out: Out = None, key_file: KeyFile = None, db: Db = None, json_out: Json = False,
) -> None:
    from ledger.note import Checkpoint
    from ledger.proofs import load_signer

    signer = load_signer(key_file)
    note = _prover_run(ctx, db, lambda p: p.checkpoint(signer, size))
    if json_out or globals_of(ctx).json:
        import base64

        cp = Checkpoint.of(note)
        data = {"origin": cp.origin, "size": cp.size, "root": base64.b64encode(cp.root).decode(),
                "time": cp.time, "fingerprint": cp.fingerprint, "checkpoint": str(note)}
        if out is None:
            print_json(data)
            return
    _emit(str(note), out, _("Checkpoint"))


@prove_app.command("inclusion", help=_("Prove that the event at POSITION is in the ledger a "
                                       "checkpoint describes: a JSON proof for `ledger audit "
                                       "check`."))
def prove_inclusion(
    ctx: typer.Context,
    position: Annotated[int, typer.Argument(help=_("The event's log position (see `ledger "
                                                   "log`)."), metavar=_("POSITION"),
                                            callback=bounded(1, 2**63 - 1))],
    checkpoint_file: Annotated[Path | None, Opt(
        "--checkpoint", help=_("A checkpoint of this ledger (a report's, an earlier one) to "
                               "prove against (default: a new checkpoint, signed now with the "
                               "ledger's key)."), metavar=_("FILE"), show_default=False)] = None,
    out: Out = None, key_file: KeyFile = None, db: Db = None,
) -> None:
    _prove(ctx, db, key_file, checkpoint_file, out, _("Inclusion proof"),
           lambda p, note: p.inclusion(position, note))


@prove_app.command("consistency", help=_("Prove that the ledger of one checkpoint extends the "
                                         "ledger of an older one: nothing recorded by then was "
                                         "changed, removed or reordered. A JSON proof for "
                                         "`ledger audit check`."))
def prove_consistency(
    ctx: typer.Context,
    old: Annotated[Path, Opt("--from", help=_("The older checkpoint (a report's, a holder's)."),
                             metavar=_("FILE"))],
    new: Annotated[Path | None, Opt(
        "--to", help=_("The newer checkpoint (default: a new checkpoint, signed now with the "
                       "ledger's key)."), metavar=_("FILE"), show_default=False)] = None,
    out: Out = None, key_file: KeyFile = None, db: Db = None,
) -> None:
    from ledger.proofs import read_note_file

    first = read_note_file(old)[1]
    _prove(ctx, db, key_file, new, out, _("Consistency proof"),
           lambda p, note: p.consistency(first, note))


def _prove(ctx: typer.Context, db: str | None, key_file: str | None, checkpoint_file: Path | None,
           out: Path | None, what: str, make: Callable[[Any, Any], Any]) -> None:
    """A proof against the checkpoint in `checkpoint_file`, or else against a new checkpoint
    signed now with the ledger's key, written to `out` (or printed)."""
    from ledger.proofs import load_signer, read_note_file

    note = read_note_file(checkpoint_file)[1] if checkpoint_file else None
    signer = None if note is not None else load_signer(key_file)

    def work(p):  # type: ignore[no-untyped-def]
        return make(p, note if note is not None else p.checkpoint(signer))

    _emit(_proof_json(_prover_run(ctx, db, work)), out, what)


@app.command("check", help=_("Check a proof offline, without any ledger or database: exit 0 "
                             "when it holds, 3 when it does not."))
def check(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help=_("A proof file written by `ledger audit prove`."),
                                         metavar=_("FILE"))],
    key: Annotated[str | None, Opt("--key", help=_("The ledger's public key (NAME+ID+KEY, as "
                                                   "`ledger audit key public` prints it) or a "
                                                   "file holding it: without it the "
                                                   "checkpoints' signatures are not checked."),
                                   metavar=_("KEY"), show_default=False)] = None,
    size: Annotated[int | None, Opt("--size", help=_(
        "The tree size of the checkpoint you hold (an issued report's): the proof must be made "
        "against it. Give it with --root."), metavar="N", callback=bounded(0),
        show_default=False)] = None,
    root: Annotated[str | None, Opt("--root", help=_(
        "The root hash (base64) of the checkpoint you hold, as the report prints it. Give it "
        "with --size."), metavar=_("HASH"), show_default=False)] = None,
    json_out: Json = False,
) -> None:
    from ledger.errors import IntegrityFailure, InvalidInput
    from ledger.proofs import load_verifier
    from ledger.verifier import Anchor, ProofFileError, check_text

    verifier = load_verifier(key) if key is not None else None
    anchor = None
    if (size is None) != (root is None):
        raise InvalidInput(_("--size and --root name one checkpoint: give both, or neither."),
                           hint=_("Copy both from the report's checkpoint line."))
    if size is not None and root is not None:
        try:
            anchor = Anchor.parse(size, root)
        except ValueError as e:
            raise InvalidInput(str(e), hint=_("Copy the root hash from the report's checkpoint "
                                              "line.")) from None
    try:
        data = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInput(_("There is no proof file {file}.").format(file=file),
                           hint=_("Give the file `ledger audit prove` wrote.")) from None
    except (OSError, UnicodeDecodeError) as e:
        raise InvalidInput(_("The proof file {file} cannot be read ({problem}).").format(
            file=file, problem=type(e).__name__),
            hint=_("Give the file `ledger audit prove` wrote.")) from None
    try:
        result = check_text(data, verifier, anchor)
    except ProofFileError as e:
        raise InvalidInput(f"{file}: {e}", hint=_("Give the file `ledger audit prove` wrote.")) \
            from None
    if json_out or globals_of(ctx).json:
        print_json({"file": str(file), "ok": result.ok, "sentence": result.sentence,
                    **result.details})
        if not result.ok:
            raise typer.Exit(3)
        return
    if not result.ok:
        raise IntegrityFailure(result.sentence, hint=_("Ask the ledger's holder for a new proof; "
                                                       "see docs/auditors-guide.md."))
    console.print(plain(result.sentence))


@writes(app, "witness", help=_("Witness another holder's checkpoint: check it is consistent "
                               "with this ledger, and record this ledger's cosignature (or, for "
                               "two different roots of one size, the split view) as an event. "
                               "Exits 3 on a split view."))
def witness(
    w: Write,
    checkpoint_file: Annotated[Path, typer.Argument(help=_("Another holder's checkpoint of its "
                                                           "copy of this ledger."),
                                                    metavar=_("CHECKPOINT"))],
    key: Annotated[str, Opt("--key", help=_("The holder's public key (NAME+ID+KEY) or a file "
                                            "holding it: the checkpoint must carry its "
                                            "signature."), metavar=_("KEY"))],
    proof: Annotated[Path | None, Opt("--proof", help=_("For a copy ahead of this ledger: its "
                                                        "consistency proof from a checkpoint of "
                                                        "this ledger to the holder's."),
                                      metavar=_("FILE"), show_default=False)] = None,
    out: Annotated[Path | None, Opt("--out", "-o", help=_("Write the cosigned checkpoint (the "
                                                          "holder's, with this ledger's "
                                                          "cosignature) to this file."),
                                    metavar=_("FILE"), show_default=False)] = None,
    key_file: KeyFile = None,
) -> None:
    from ledger.errors import IntegrityFailure, InvalidInput
    from ledger.proofs import load_signer, load_verifier

    def read(path: Path, what: str) -> str:
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise InvalidInput(what.format(file=path, problem=type(e).__name__)) from None

    signer = load_signer(key_file)
    outcome = w.ledger.witness(
        w.env, checkpoint=read(checkpoint_file, _("The checkpoint file {file} cannot be read "
                                                  "({problem}).")),
        holder_key=str(load_verifier(key)), signer=signer,
        proof=read(proof, _("The proof file {file} cannot be read ({problem}).")) if proof
        else None)
    detail = outcome.detail
    if out is not None and "cosigned" in detail:
        _emit(detail["cosigned"], out, _("Cosigned checkpoint"))
    if detail.get("consistent", True):
        stored = w.stored(outcome)
        origin = next((e.get("origin") for e in stored if e.get("origin")), detail.get("origin"))
        size = next((e.get("size") for e in stored if e.get("size") is not None),
                    detail.get("size"))
        w.done(outcome, _("cosigned the checkpoint of {origin} at size {size}").format(
            origin=origin, size=size))
        return
    w.close()
    if w.json:
        print_json(outcome.as_dict())
        raise typer.Exit(3)
    where = ", ".join(f"#{p}" for p in outcome.positions)
    raise IntegrityFailure(
        _("Split view: the checkpoint of {origin} has root {root} at size {size}, this ledger "
          "has {own_root}; recorded at {where}.").format(
            origin=detail["origin"], root=detail["root"], size=detail["size"],
            own_root=detail["own_root"], where=where),
        hint=_("One of the two was rewritten: compare both with their exports; `ledger status` "
               "names it until it is explained."))

"""`python -m bench --proofs`: producing and checking proofs at a million events.

For each database (`--db`, repeatable; SQLite in the work folder by default) a fresh ledger is
filled with `--events` stored events the way `ledger restore` writes an export (each event at its
position with its chain link, in one transaction under the writers' lock, then the Merkle tree
built over them by `ledger.tree.catch_up`, which recomputes and checks every link): the events are
synthetic (one small payload each, distinct aggregates), since what a proof costs depends on the
tree's size, not on what the events say, and importing a million commands takes most of an hour.

Then, in one process with the ledger open (`ledger.proofs.Prover`, the code `ledger audit prove`
runs), `--samples` inclusion proofs of random events against random checkpoints and as many
consistency proofs between random sizes are produced and timed, each including the check that the
checkpoint is this ledger's (its root recomputed from stored nodes) and the event's leaf input;
each proof is then checked with `ledger.verifier.check` (what `ledger audit check` runs, the
Ed25519 signature included), timed too. Targets: a proof produced in at most 50 ms, checked in at
most 5 ms. Whole `ledger audit prove`/`check` processes are timed beside them, for context (most
of their time is starting Python). Figures are printed as JSON and as a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path
from typing import Any

from bench.run import LEDGER, Target, logger, machine, output_options, publish, run

TOPIC = "ledger.domain.party:Party.Registered"


def fill(url: str, n: int, log: Any) -> dict[str, float]:
    """A fresh ledger of `n` synthetic events with chain links and its Merkle tree."""
    from ledger import chain
    from ledger.application import init_store
    from ledger.storage import RawLog, parse_url
    from ledger.tree import catch_up

    store = parse_url(url)
    init_store(store)
    started = time.perf_counter()
    login = "bench"
    with RawLog(store) as raw:
        raw.lock_for_restore()
        previous, batch = chain.GENESIS, []
        for position in range(1, n + 1):
            state = (b'{"actor":"bench","command_id":null,"corrects":null,"effective":'
                     b'"2022-01-01","key":"P' + str(position).encode()
                     + b'","kind":"provincie","name":"Partij ' + str(position).encode()
                     + b'","reason":null,"refs":[]}')
            oid = f"{position:032x}"
            previous = chain.link(previous, position, oid, 1, TOPIC, state, login)
            batch.append(chain.Row(position, oid, 1, TOPIC, state, previous, login))
            if len(batch) == 50_000:
                raw.insert_rows(batch)
                batch = []
                log(f"  {position:,} events inserted")
        raw.insert_rows(batch)
        raw.after_restore()
        inserted = time.perf_counter()
        catch_up(raw, commit=False)
        raw.conn.commit()
    done = time.perf_counter()
    return {"insert_s": inserted - started, "tree_s": done - inserted}


def _ms(values: list[float]) -> dict[str, float]:
    v = sorted(values)
    return {"median_ms": round(statistics.median(v) * 1000, 3),
            "p95_ms": round(v[int(len(v) * 0.95) - 1] * 1000, 3),
            "max_ms": round(v[-1] * 1000, 3), "runs": len(v)}


def measure(url: str, n: int, samples: int, seed: int, work: Path) -> dict[str, Any]:
    from ledger.note import Signer
    from ledger.proofs import Prover
    from ledger.storage import RawLog, parse_url
    from ledger.verifier import check

    rnd = random.Random(seed)
    signer = Signer.generate("bench.example/ledger")
    key = signer.verifier()
    produce_inc, produce_con, check_inc, check_con = [], [], [], []
    with RawLog(parse_url(url)) as raw:
        prover = Prover(raw)
        assert prover.size() == n, (prover.size(), n)
        sizes = sorted({n, *(rnd.randint(1, n) for _ in range(15))})
        notes = {s: prover.checkpoint(signer, s) for s in sizes}
        # Warm up (not timed): the first check imports `cryptography`'s Ed25519 code.
        check(prover.consistency(notes[sizes[0]], notes[n]), key)
        for _ in range(samples):
            size = rnd.choice(sizes)
            position = prover.position_of_leaf(rnd.randrange(size))
            t0 = time.perf_counter()
            proof = prover.inclusion(position, notes[size])
            t1 = time.perf_counter()
            ok = check(proof, key)
            t2 = time.perf_counter()
            assert ok.ok, ok.sentence
            produce_inc.append(t1 - t0)
            check_inc.append(t2 - t1)
            s1, s2 = sorted(rnd.sample(sizes, 2)) if len(sizes) > 1 else (n, n)
            t0 = time.perf_counter()
            proof = prover.consistency(notes[s1], notes[s2])
            t1 = time.perf_counter()
            ok = check(proof, key)
            t2 = time.perf_counter()
            assert ok.ok, ok.sentence
            produce_con.append(t1 - t0)
            check_con.append(t2 - t1)
        (work / "bench.key").write_text(str(signer) + "\n")
        (work / "checkpoint").write_text(str(notes[n]))
        (work / "old-checkpoint").write_text(str(notes[sizes[0]]))
        middle = prover.position_of_leaf(n // 2)
    # Whole processes, as a user runs them (start-up included).
    env = {"LEDGER_DB": url, "LEDGER_KEY_FILE": str(work / "bench.key"),
           "PATH": str(Path(LEDGER).parent)}
    proof_file = work / "inclusion.json"
    process: dict[str, list[float]] = {"prove inclusion": [], "prove consistency": [],
                                       "check": []}
    for _ in range(5):
        process["prove inclusion"].append(run([
            LEDGER, "audit", "prove", "inclusion", str(middle), "--checkpoint",
            str(work / "checkpoint"), "--out", str(proof_file)], env=env).seconds)
        process["prove consistency"].append(run([
            LEDGER, "audit", "prove", "consistency", "--from", str(work / "old-checkpoint"),
            "--to", str(work / "checkpoint"), "--out", str(work / "consistency.json")],
            env=env).seconds)
        process["check"].append(run([LEDGER, "audit", "check", str(proof_file), "--key",
                                     str(key)], env=env).seconds)
    return {"events": n, "samples": samples,
            "inclusion_produce": _ms(produce_inc), "inclusion_check": _ms(check_inc),
            "consistency_produce": _ms(produce_con), "consistency_check": _ms(check_con),
            "process_s": {k: round(statistics.median(v), 3) for k, v in process.items()},
            "path_length": len(json.loads(proof_file.read_text())["path"])}


def markdown(report: dict[str, Any]) -> str:
    lines = ["| database | events | figure | median | p95 | max | target | met |",
             "|---|---|---|---|---|---|---|---|"]
    for db, r in report["databases"].items():
        for name, target in (("inclusion_produce", 50), ("consistency_produce", 50),
                             ("inclusion_check", 5), ("consistency_check", 5)):
            f = r[name]
            lines.append(f"| {db} | {r['events']:,} | {name.replace('_', ' ')} | "
                         f"{f['median_ms']} ms | {f['p95_ms']} ms | {f['max_ms']} ms | "
                         f"≤ {target} ms | {'yes' if f['max_ms'] <= target else '**no**'} |")
    lines.append("")
    for db, r in report["databases"].items():
        p = r["process_s"]
        lines.append(f"- {db}: fill {r['fill']['insert_s']:.0f} s (events and links) + "
                     f"{r['fill']['tree_s']:.0f} s (tree); whole processes: `prove inclusion` "
                     f"{p['prove inclusion']} s, `prove consistency` {p['prove consistency']} s, "
                     f"`check` {p['check']} s (medians of 5)")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench --proofs",
                                 description=__doc__.splitlines()[0])
    ap.add_argument("--proofs", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--db", action="append", default=[],
                    help="sqlite, or a postgresql:// URL (a schema bench_proofs is made and "
                    "dropped). Repeatable.")
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--samples", type=int, default=200, help="Proofs of each kind timed.")
    ap.add_argument("--seed", type=int, default=20211005)
    ap.add_argument("--keep", action="store_true", help="Keep the filled store.")
    output_options(ap)
    a = ap.parse_args(argv)
    log = logger(a)
    report: dict[str, Any] = {"machine": machine(), "databases": {}}
    for db in a.db or ["sqlite"]:
        target = Target(None if db == "sqlite" else db, a.work)
        url = target.fresh("proofs")
        log(f"{target.kind}: filling {a.events:,} events")
        filled = fill(url, a.events, log)
        log(f"{target.kind}: measuring")
        result = measure(url, a.events, a.samples, a.seed, a.work)
        result["fill"] = {k: round(v, 1) for k, v in filled.items()}
        report["databases"][target.kind] = result
        if not a.keep:
            target.drop(url)
    publish(report, markdown, a.json_out, a.markdown_out)
    return 0

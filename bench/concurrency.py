"""`python -m bench --concurrency`: many writers at once, against the plain library beside them.

N writer processes (spawned, warmed up: modules imported, store opened) are released together and
each records `--commands` commands through the ledger's application service; the reference is N
processes saving as many single-event aggregates through eventsourcing's own persistence module on
the same database, in the same run, interleaved with the ledger's runs (medians of `--repeat`).

Variant A: every command on a subject of its own (`party add`).
Variant B: one command in ten a reservation on one of two shared budget lines of the Leidse regio
demo (version conflicts, retried by the write path); the reference saves one in ten of its events
on one of two shared aggregates, retrying on a version conflict as the ledger does.

After every ledger run the log is checked: every acknowledged command is there once, with its
receipt; nothing is there that no writer was told about; the chain verifies. On PostgreSQL the
figures are taken with fsync off and on (`ALTER SYSTEM`, restored afterwards; needs a superuser).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import time
from collections import Counter
from typing import Any

from eventsourcing.domain import Aggregate, event

from bench.run import Target, logger, machine, output_options, publish

SHARED_LINES = (("WS1", 2022), ("WS2", 2022))
SHARED_EVERY = 10  # variant B: one command in ten on a shared budget line


# --- the workers (run in spawned processes) -------------------------------------------------------

def ledger_worker(url: str, proc: int, n: int, variant: str, barrier: Any, queue: Any) -> None:
    """Record n commands through the application service; report latencies and outcomes."""
    from ledger.application import open_ledger
    from ledger.domain.party import Party
    from ledger.envelope import make_envelope
    from ledger.errors import LedgerError

    ledger = open_ledger(url)
    ledger.exists(Party, f"warm-{proc}")  # warm: the service built, one query answered
    latencies: list[float] = []
    outcomes: Counter[str] = Counter()
    acknowledged: list[str] = []
    barrier.wait(timeout=300)
    for i in range(n):
        cid = f"w{proc}-{i}"
        env = make_envelope(actor="bench", on="2022-03-01", command_id=cid)
        started = time.monotonic()
        try:
            if variant == "B" and i % SHARED_EVERY == SHARED_EVERY - 1:
                ws, year = SHARED_LINES[(proc + i) % 2]
                ledger.budget_reserve(env, programme="WRL", workstream=ws, year=year,
                                      amount="1", purpose=f"bench {proc}/{i}")
            else:
                ledger.party_add(env, kind="bedrijf", name=f"Bedrijf {proc}/{i}",
                                 key=f"B{proc}-{i}")
            outcomes["ok"] += 1
            acknowledged.append(cid)
        except LedgerError as e:
            outcomes[e.message] += 1
        latencies.append(time.monotonic() - started)
    ended = time.monotonic()
    ledger.close()
    queue.put({"proc": proc, "latencies": latencies, "outcomes": dict(outcomes),
               "acknowledged": acknowledged, "ended": ended})


def plain_worker(env: dict[str, str], proc: int, n: int, variant: str, shared: list[str],
                 barrier: Any, queue: Any) -> None:
    """Save n single-event aggregates with eventsourcing alone (variant B: one in ten an event
    on a shared aggregate, retried on a version conflict)."""
    os.environ.update(env)
    from uuid import UUID

    from eventsourcing.application import Application
    from eventsourcing.persistence import IntegrityError

    app = Application()
    app.repository.get(UUID(shared[0]))  # warm: one read
    latencies: list[float] = []
    retries = 0
    barrier.wait(timeout=300)
    for i in range(n):
        started = time.monotonic()
        if variant == "B" and i % SHARED_EVERY == SHARED_EVERY - 1:
            while True:
                line = app.repository.get(UUID(shared[(proc + i) % 2]))
                line.reserve(1)
                try:
                    app.save(line)
                    break
                except IntegrityError:
                    retries += 1
        else:
            app.save(Record(key=f"B{proc}-{i}", name=f"Bedrijf {proc}/{i}"))
        latencies.append(time.monotonic() - started)
    ended = time.monotonic()
    app.close()
    queue.put({"proc": proc, "latencies": latencies, "outcomes": {"ok": n, "retries": retries},
               "acknowledged": [], "ended": ended})


class Record(Aggregate):
    """As big as a party's registration: a key, a name, an envelope's worth of fields."""

    @event("Created")
    def __init__(self, key: str, name: str) -> None:
        self.key, self.name = key, name
        self.actor, self.effective = "bench", "2022-03-01"


class Line(Aggregate):
    """A shared budget line."""

    @event("Created")
    def __init__(self) -> None:
        self.reserved = 0

    @event("Reserved")
    def reserve(self, amount: int) -> None:
        self.reserved += amount


# --- one run --------------------------------------------------------------------------------------

def release(workers: list[Any], barrier: Any, queue: Any, n: int) -> dict[str, Any]:
    """Start the workers, release them together, collect what they report."""
    for w in workers:
        w.start()
    barrier.wait(timeout=300)
    started = time.monotonic()
    reports = [queue.get(timeout=600) for _ in workers]
    for w in workers:
        w.join(timeout=60)
        if w.exitcode != 0:
            raise RuntimeError(f"a writer process ended with exit code {w.exitcode}")
    lat = sorted(x for r in reports for x in r["latencies"])
    wall = max(r["ended"] for r in reports) - started
    outcomes: Counter[str] = Counter()
    for r in reports:
        outcomes.update(r["outcomes"])
    return {"commands": len(lat), "seconds": wall, "per_second": len(lat) / wall,
            "p50": pct(lat, 50), "p95": pct(lat, 95), "p99": pct(lat, 99), "max": lat[-1],
            "outcomes": dict(outcomes),
            "acknowledged": [c for r in reports for c in r["acknowledged"]]}


def pct(values: list[float], p: float) -> float:
    k = max(0, min(len(values) - 1, round(p / 100 * len(values) + 0.5) - 1))
    return values[k]


def ledger_run(target: Target, variant: str, writers: int, n: int) -> dict[str, Any]:
    from ledger.application import init_store
    from ledger.demo import build_demo
    from ledger.storage import RawLog, parse_url

    url = target.fresh("conc-ledger")
    if variant == "B":
        build_demo(url, "leidse-regio")
    else:
        init_store(parse_url(url))
    with RawLog(parse_url(url)) as raw:
        before, _ = raw.count_and_max()
    ctx = multiprocessing.get_context("spawn")
    barrier, queue = ctx.Barrier(writers + 1), ctx.Queue()
    procs = [ctx.Process(target=ledger_worker, args=(url, p, n, variant, barrier, queue))
             for p in range(writers)]
    result = release(procs, barrier, queue, n)
    result["check"] = check_log(url, result.pop("acknowledged"), before)
    target.drop(url)
    return result


def check_log(url: str, acknowledged: list[str], before: int) -> dict[str, Any]:
    """Every acknowledged command once, with its receipt; nothing else new; the chain verifies."""
    from ledger import chain
    from ledger.storage import RawLog, parse_url

    events: Counter[str] = Counter()
    receipts: Counter[str] = Counter()
    with RawLog(parse_url(url)) as raw:
        rows = list(raw.rows())
        verification = chain.verify_rows(rows, orphan_links=raw.orphan_links())
    for row in rows[before:]:
        cid = json.loads(row.state).get("command_id")
        (receipts if row.topic.endswith("CommandReceipt.Issued") else events)[cid] += 1
    wanted = Counter(acknowledged)
    problems = []
    if set(events) != set(wanted) or any(v != 1 for v in events.values()):
        problems.append("events differ from the acknowledged commands")
    if receipts != wanted:
        problems.append("receipts differ from the acknowledged commands")
    if not verification.ok:
        problems.append(f"the chain does not verify: {verification.problem}")
    return {"ok": not problems, "problems": problems, "events": len(rows)}


def plain_run(target: Target, variant: str, writers: int, n: int) -> dict[str, Any]:
    url = target.fresh("conc-plain")
    env = target.plain_env(url, create=True)
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)  # the tables and the two shared aggregates, made before the writers
    try:
        from eventsourcing.application import Application

        app = Application()
        lines = [Line() for _ in SHARED_LINES]
        app.save(*lines)
        app.close()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    env["CREATE_TABLE"] = "n"
    ctx = multiprocessing.get_context("spawn")
    barrier, queue = ctx.Barrier(writers + 1), ctx.Queue()
    shared = [str(line.id) for line in lines]
    procs = [ctx.Process(target=plain_worker, args=(env, p, n, variant, shared, barrier, queue))
             for p in range(writers)]
    result = release(procs, barrier, queue, n)
    result.pop("acknowledged")
    target.drop(url)
    return result


# --- fsync on PostgreSQL --------------------------------------------------------------------------

def fsync_fixed(base: str) -> str | None:
    """The server's fsync when its command line fixes it (ALTER SYSTEM cannot change it then)."""
    import psycopg

    from ledger.storage import parse_url

    p = parse_url(base).params
    with psycopg.connect(autocommit=True, **{k: v for k, v in p.items() if v}) as conn:
        row = conn.execute("SELECT setting, source FROM pg_settings WHERE name = 'fsync'").fetchone()
    return str(row[0]) if row and row[1] == "command line" else None


def set_fsync(base: str, value: str) -> str:
    """Set the server's fsync (and return what it was); needs a superuser."""
    import psycopg

    from ledger.storage import parse_url

    p = parse_url(base).params
    with psycopg.connect(autocommit=True, **{k: v for k, v in p.items() if v}) as conn:
        was = conn.execute("SHOW fsync").fetchone()[0]
        conn.execute(f"ALTER SYSTEM SET fsync = {'on' if value == 'on' else 'off'}")
        conn.execute("SELECT pg_reload_conf()")
        time.sleep(0.2)
        now = conn.execute("SHOW fsync").fetchone()[0]
        if now != value:
            raise RuntimeError(f"fsync is {now} after setting it {value}")
    return str(was)


# --- the whole measurement ------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench --concurrency",
                                 description=__doc__.splitlines()[0])
    ap.add_argument("--concurrency", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--db", action="append", default=[],
                    help="sqlite, or a postgresql:// URL (schemas bench_* are made and dropped). "
                    "Repeatable.")
    ap.add_argument("--writers", default="1,4,16,32", help="Numbers of writer processes.")
    ap.add_argument("--commands", type=int, default=100, help="Commands per writer.")
    ap.add_argument("--variants", default="A,B")
    ap.add_argument("--repeat", type=int, default=3, help="Runs per figure (medians).")
    ap.add_argument("--fsync", default="off,on", help="PostgreSQL fsync settings to measure.")
    output_options(ap)
    a = ap.parse_args(argv)
    log = logger(a)
    ns = [int(x) for x in a.writers.split(",")]
    report: dict[str, Any] = {"machine": machine(), "commands_per_writer": a.commands,
                              "repeat": a.repeat, "runs": []}
    for db in a.db or ["sqlite"]:
        target = Target(None if db == "sqlite" else db, a.work)
        settings = a.fsync.split(",") if target.kind == "postgresql" else ["n/a"]
        fixed = fsync_fixed(db) if target.kind == "postgresql" else None
        if fixed is not None:
            log(f"{db}: fsync is fixed at {fixed} by the server's command line; measuring that "
                "setting only (start the server without -c fsync=... to measure both)")
            settings = [fixed]
        original = set_fsync(db, settings[0]) if target.kind == "postgresql" else None
        try:
            for fsync in settings:
                if target.kind == "postgresql":
                    set_fsync(db, fsync)
                for variant in a.variants.split(","):
                    for n in ns:
                        runs: dict[str, list[dict[str, Any]]] = {"ledger": [], "plain": []}
                        for r in range(a.repeat):
                            got = ledger_run(target, variant, n, a.commands)
                            runs["ledger"].append(got)
                            ref = plain_run(target, variant, n, a.commands)
                            runs["plain"].append(ref)
                            log(f"{target.kind} fsync={fsync} {variant} N={n} run {r + 1}: "
                                f"ledger {got['per_second']:.0f}/s p99 {got['p99'] * 1000:.1f} ms "
                                f"max {got['max'] * 1000:.0f} ms, check "
                                f"{'ok' if got['check']['ok'] else got['check']['problems']}; "
                                f"plain {ref['per_second']:.0f}/s")
                        report["runs"].append(summarise(target.kind, fsync, variant, n, runs))
        finally:
            if original is not None:
                set_fsync(db, original)
    publish(report, markdown, a.json_out, a.markdown_out)
    return 0 if all(r["checks_ok"] for r in report["runs"]) else 1


def summarise(db: str, fsync: str, variant: str, n: int,
              runs: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    def med(side: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[side])

    outcomes: Counter[str] = Counter()
    for r in runs["ledger"]:
        outcomes.update(r["outcomes"])
    out = {"db": db, "fsync": fsync, "variant": variant, "writers": n,
           "checks_ok": all(r["check"]["ok"] for r in runs["ledger"]),
           "ledger_outcomes": dict(outcomes), "runs": runs}
    for side in ("ledger", "plain"):
        for key in ("per_second", "p50", "p95", "p99", "max"):
            out[f"{side}_{key}"] = med(side, key)
    out["ratio"] = out["ledger_per_second"] / out["plain_per_second"]
    return out


def markdown(report: dict[str, Any]) -> str:
    lines = [f"Concurrency: {report['commands_per_writer']} commands per writer, medians of "
             f"{report['repeat']} runs; load average at the end "
             f"{report['machine']['load_average_at_end']}.", ""]
    head = ("| db | fsync | variant | N | ledger cmd/s | plain saves/s | ratio | ledger p50 / p95 / "
            "p99 / max (ms) | plain p99 (ms) | checks |")
    lines += [head, "|" + "---|" * 10]
    for r in report["runs"]:
        ms = " / ".join(f"{r['ledger_' + k] * 1000:.1f}" for k in ("p50", "p95", "p99", "max"))
        lines.append(f"| {r['db']} | {r['fsync']} | {r['variant']} | {r['writers']} | "
                     f"{r['ledger_per_second']:.0f} | {r['plain_per_second']:.0f} | "
                     f"{r['ratio']:.2f} | {ms} | {r['plain_p99'] * 1000:.1f} | "
                     f"{'ok' if r['checks_ok'] else 'FAILED'} |")
    refused = {k: v for r in report["runs"] for k, v in r["ledger_outcomes"].items() if k != "ok"}
    if refused:
        lines += ["", "Refusals seen: " + "; ".join(f"{k} ({v})" for k, v in refused.items())]
    return "\n".join(lines)

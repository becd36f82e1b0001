"""`python -m bench`: measure the ledger at national scale against references run beside it.

For each database (`--db`, repeatable; SQLite in the work folder by default) the harness generates
an import file of `--events` stored events (`bench.generate`), loads it with `ledger import`
into fresh stores, then runs every figure of docs/performance.md and the reference it is compared
with, `--repeat` times each (at least 5), interleaved so that a slower minute hurts both alike. It
prints the figures as JSON and as a Markdown table: medians with their spread (min-max).

Every ledger figure is a whole `ledger` process, started the way a user starts it (the console
script of this environment); peak memory is the process's own maximum resident set (wait4).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
LEDGER = str(BIN / "ledger")
PY = sys.executable


@dataclass
class Sample:
    seconds: float
    peak_mb: float
    stdout: str
    stderr: str
    code: int


def run(cmd: Sequence[str], env: dict[str, str] | None = None, check: bool = True) -> Sample:
    """Run one whole process; its wall time and its own peak resident memory."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        sample = Sample(seconds, usage.ru_maxrss / 1024, out.read().decode(errors="replace"),
                        err.read().decode(errors="replace"), code)
    if check and code != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {code}:\n{sample.stderr[-2000:]}")
    return sample


# --- stores --------------------------------------------------------------------------------------

class Target:
    """One database under test: fresh ledger stores, scratch stores for the references."""

    def __init__(self, url: str | None, work: Path):
        self.work = work
        self.base = url
        self.kind = "postgresql" if url and url.startswith("postgres") else "sqlite"

    def ledger_url(self, name: str) -> str:
        if self.kind == "sqlite":
            return f"sqlite:///{self.work / (name + '.db')}"
        sep = "&" if "?" in (self.base or "") else "?"
        return f"{self.base}{sep}schema=bench_{name.replace('-', '_')}"

    def fresh(self, name: str) -> str:
        """An empty store (dropped first if it exists) for a run."""
        url = self.ledger_url(name)
        if self.kind == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(url[len("sqlite:///"):] + suffix).unlink(missing_ok=True)
        else:
            self.sql(f'DROP SCHEMA IF EXISTS "{self.schema(url)}" CASCADE',
                     f'CREATE SCHEMA "{self.schema(url)}"')
        return url

    @staticmethod
    def schema(url: str) -> str:
        return url.rsplit("schema=", 1)[1]

    def sql(self, *statements: str) -> None:
        from ledger.storage import RawLog, parse_url

        with RawLog(parse_url(self.base)) as raw:
            for s in statements:
                raw.conn.execute(s)
            raw.conn.commit()

    def drop(self, url: str) -> None:
        if self.kind == "postgresql":
            self.sql(f'DROP SCHEMA IF EXISTS "{self.schema(url)}" CASCADE')
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(url[len("sqlite:///"):] + suffix).unlink(missing_ok=True)

    def settle(self, url: str) -> None:
        """PostgreSQL: VACUUM ANALYZE the tables of the store at `url`, as a server settles by
        itself a minute after a bulk write (autovacuum). Without it, whichever ran first after
        a bulk write paid for the settling, or shared the machine with autovacuum: a
        million-event rebuild measured 38 s unsettled and 26-27 s settled, a quarterly report
        3.8 s while autovacuum went through the rebuilt read tables and 1.2-1.4 s after."""
        if self.kind != "postgresql":
            return
        from ledger.storage import RawLog, parse_url

        schema = self.schema(url)
        with RawLog(parse_url(self.base)) as raw:
            raw.conn.autocommit = True  # VACUUM runs outside a transaction
            names = [r[0] for r in raw.conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = %s", (schema,)).fetchall()]
            for name in names:
                raw.conn.execute(f'VACUUM (ANALYZE) "{schema}"."{name}"')

    def plain_env(self, url: str, *, create: bool) -> dict[str, str]:
        """Environment for eventsourcing's own persistence module on the store at `url`."""
        from ledger.storage import parse_url

        store = parse_url(url)
        env = {k: v for k, v in os.environ.items() if k != "LEDGER_DB"}
        env["CREATE_TABLE"] = "y" if create else "n"
        if store.kind == "sqlite":
            env.update(PERSISTENCE_MODULE="eventsourcing.sqlite", SQLITE_DBNAME=str(store.path))
        else:
            p = store.params
            env.update(PERSISTENCE_MODULE="eventsourcing.postgres", POSTGRES_DBNAME=p["dbname"],
                       POSTGRES_HOST=p["host"], POSTGRES_PORT=p["port"], POSTGRES_USER=p["user"],
                       POSTGRES_PASSWORD=p.get("password", ""), POSTGRES_SCHEMA=store.schema)
        return env


# --- figures -------------------------------------------------------------------------------------

@dataclass
class Series:
    label: str
    command: str
    unit: str  # "s", "events/s" or "MB"
    values: list[float] = field(default_factory=list)

    def stats(self) -> dict[str, Any]:
        v = self.values
        return {"label": self.label, "command": self.command, "unit": self.unit,
                "median": statistics.median(v) if v else None, "min": min(v) if v else None,
                "max": max(v) if v else None, "runs": len(v), "values": v}


@dataclass
class Figure:
    name: str
    measured: Series
    target: str
    reference: Series | None = None
    limit: float | None = None  # the target: a ratio (with reference) or an absolute number
    higher_is_better: bool = False

    def result(self) -> dict[str, Any]:
        m = self.measured.stats()
        out: dict[str, Any] = {"figure": self.name, "measured": m, "target": self.target}
        value = m["median"]
        if self.reference is not None:
            r = self.reference.stats()
            out["reference"] = r
            value = (m["median"] / r["median"]) if m["median"] and r["median"] else None
            out["ratio"] = value
        if value is not None and self.limit is not None:
            out["met"] = value >= self.limit if self.higher_is_better else value <= self.limit
        return out


def measure(target: Target, events: int, repeat: int, file: Path, sample: dict[str, str],
            log: Callable[[str], None], bulk_repeat: int | None = None) -> list[Figure]:
    ledger_env = {k: v for k, v in os.environ.items() if k not in ("LEDGER_DB", "LEDGER_ACTOR")}
    ledger_env["LEDGER_ACTOR"] = "bench"

    def ledger(url: str, *args: str, check: bool = True) -> Sample:
        return run([LEDGER, "--db", url, *args], env=ledger_env, check=check)

    figures: list[Figure] = []

    # Bulk import, fresh store each run; the last one stays for every figure below.
    imp = Series("ledger import", f"ledger import {file.name}", "events/s")
    imp_mem = Series("ledger import", "peak resident memory", "MB")
    ref_imp = Series("eventsourcing append", "batches of 1,000 events, no domain logic",
                     "events/s")
    url = ""
    stored = events
    bulk = bulk_repeat or repeat
    for i in range(bulk):
        url = target.fresh("ledger")
        ledger(url, "init")
        s = ledger(url, "--json", "import", str(file))
        result = json.loads(s.stdout)
        stored = result["events"] + result["written"]  # each command also stores its receipt
        imp.values.append(stored / s.seconds)
        imp_mem.values.append(s.peak_mb)
        log(f"  import {i + 1}/{bulk}: {stored} events in {s.seconds:.1f} s, "
            f"{s.peak_mb:.0f} MB")
        ref_url = target.fresh("ref-append")
        r = run([PY, str(HERE / "reference.py"), "append", str(stored)],
                env=target.plain_env(ref_url, create=True))
        ref_imp.values.append(stored / r.seconds)
        log(f"  reference append {i + 1}/{bulk}: {r.seconds:.1f} s")
        target.drop(ref_url)
    figures.append(Figure("bulk import, events/s", imp, ">= 30% of reference", ref_imp, 0.30,
                          higher_is_better=True))

    # Full rebuild of every view. Every figure from here on is taken on a settled store, the
    # ledger's and its reference's alike (see `Target.settle`).
    reb = Series("ledger rebuild", "ledger rebuild", "events/s")
    reb_mem = Series("ledger rebuild", "peak resident memory", "MB")
    ref_read = Series("eventsourcing read", "select_notifications + mapper, batches of 2,000",
                      "events/s")
    for i in range(bulk):
        target.settle(url)
        s = ledger(url, "--json", "rebuild")
        reb.values.append(stored / s.seconds)
        reb_mem.values.append(s.peak_mb)
        target.settle(url)  # the rebuild wrote a million rows of read tables
        r = run([PY, str(HERE / "reference.py"), "read"], env=target.plain_env(url, create=False))
        ref_read.values.append(stored / r.seconds)
        log(f"  rebuild {i + 1}/{bulk}: {s.seconds:.1f} s ({s.peak_mb:.0f} MB); "
            f"reference read {r.seconds:.1f} s")
    figures.append(Figure("full rebuild of every view, events/s", reb, ">= 50% of reference",
                          ref_read, 0.50, higher_is_better=True))

    # Verification of the chain.
    ver = Series("ledger audit verify", "ledger audit verify", "events/s")
    ref_hash = Series("read + hashlib", "the same rows, SHA-256 chained", "events/s")
    for i in range(bulk):
        s = ledger(url, "--json", "audit", "verify")
        ver.values.append(stored / s.seconds)
        r = run([PY, str(HERE / "reference.py"), "hash", url])
        ref_hash.values.append(stored / r.seconds)
        log(f"  verify {i + 1}/{bulk}: {s.seconds:.2f} s; reference {r.seconds:.2f} s")
    figures.append(Figure("`ledger audit verify`, events/s", ver, ">= 50% of reference",
                          ref_hash, 0.50, higher_is_better=True))

    # Whole-process figures against the minimal eventsourcing script, interleaved.
    target.settle(url)
    ref_url = target.fresh("ref-minimal")
    run([PY, str(HERE / "minimal.py")], env=target.plain_env(ref_url, create=True))
    ref_env = target.plain_env(ref_url, create=False)
    minimal = Series("minimal eventsourcing script", "open the store, save one event", "s")
    ws_path = f"{sample['programme']}/{sample['workstream']}"
    quarter, quarter_end = sample["quarter"], sample["quarter_end"]
    small: list[tuple[str, list[str], str, float]] = [
        ("one read command (`workstream show`)", ["workstream", "show", ws_path], "<= 3x", 3.0),
        ("one read command (`party show`)", ["party", "show", sample["party"]], "<= 3x", 3.0),
        ("one read command (`decision show`)", ["decision", "show", sample["decision"]],
         "<= 3x", 3.0),
        ("`ledger --help`", ["--help"], "<= 1.0x", 1.0),
    ]
    report = ["report", "quarterly", "--programme", sample["programme"], "--quarter", quarter]
    big: list[tuple[str, list[str]]] = [
        (f"quarterly report {quarter}, as known now", report),
        (f"quarterly report {quarter} --on {quarter_end} --as-of #{sample['as_of']}",
         [*report, "--on", quarter_end, "--as-of", f"#{sample['as_of']}"]),
    ]
    series = {name: Series(name, "ledger " + " ".join(args), "s") for name, args, _, _ in small}
    big_series = {name: Series(name, "ledger " + " ".join(args), "s") for name, args in big}
    for _name, args, _, _ in small:  # warm the file cache and the byte-code once
        ledger(url, *args)
    run([PY, str(HERE / "minimal.py")], env=ref_env)
    for _ in range(repeat):
        for name, args, _, _ in small:
            series[name].values.append(ledger(url, *args).seconds)
        minimal.values.append(run([PY, str(HERE / "minimal.py")], env=ref_env).seconds)
        for name, args in big:
            big_series[name].values.append(ledger(url, *args).seconds)
    log("  reads: " + ", ".join(f"{k} {statistics.median(s.values):.3f} s"
                                for k, s in {**series, **big_series}.items()))

    # Writes last: they change the ledger.
    writes = {
        "one write command (`party add`)": lambda i: [
            "party", "add", f"Woonstichting Bench {i}", "--kind", "corporatie", "--key",
            f"BENCH{i:03d}"],
        "one write command (`decision record`)": lambda i: [
            "decision", "record", f"BENCH-{i:03d}", "--body", f"college:{sample['party']}",
            "--title", "Kennisname benchmark", "--datum", "2025-12-31", "--ref",
            "zaak:Z/25/000001"],
    }
    wseries = {name: Series(name, "ledger " + " ".join(make(0)), "s")
               for name, make in writes.items()}
    wref = Series("minimal eventsourcing script", "open the store, save one event", "s")
    for i in range(repeat + 1):
        for name, make in writes.items():
            s = ledger(url, *make(i))
            if i:  # the first run warms up
                wseries[name].values.append(s.seconds)
        r = run([PY, str(HERE / "minimal.py")], env=ref_env)
        if i:
            wref.values.append(r.seconds)
    log("  writes: " + ", ".join(f"{k} {statistics.median(s.values):.3f} s"
                                 for k, s in wseries.items())
        + f"; minimal {statistics.median(wref.values):.3f} s")
    target.drop(ref_url)

    for name, s in wseries.items():
        figures.append(Figure(name, s, "<= 1.5x", wref, 1.5))
    for name, _, tgt, limit in small:
        figures.append(Figure(name, series[name], tgt, minimal, limit))
    for name, s in big_series.items():
        figures.append(Figure(name, s, "<= 2 s (at 1,000,000 events)", None, 2.0))
    figures.append(Figure("peak memory, import", imp_mem, "<= 300 MB (at 1,000,000 events)",
                          None, 300.0))
    figures.append(Figure("peak memory, rebuild", reb_mem, "<= 300 MB (at 1,000,000 events)",
                          None, 300.0))
    return figures


# --- output --------------------------------------------------------------------------------------

def machine() -> dict[str, Any]:
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "memory": mem, "python": platform.python_version(),
            "platform": platform.platform(), "cpu": _cpu(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "events/s":
        return f"{value:,.0f}"
    if unit == "MB":
        return f"{value:,.0f}"
    return f"{value:.3f}"


def _cell(s: dict[str, Any]) -> str:
    u = s["unit"]
    suffix = {"s": " s", "events/s": "/s", "MB": " MB"}[u]
    return f"{_fmt(s['median'], u)}{suffix} ({_fmt(s['min'], u)}–{_fmt(s['max'], u)})"


def markdown(report: dict[str, Any]) -> str:
    lines = []
    for db, data in report["databases"].items():
        lines += [f"### {db} ({data['events']:,} events)", "",
                  "| figure | measured: median (min–max) | reference: median (min–max) | ratio "
                  "| target | met |", "|---|---|---|---|---|---|"]
        for f in data["figures"]:
            ref = f.get("reference")
            ratio = f.get("ratio")
            ratio_text = "-" if ratio is None else (
                f"{ratio:.0%}" if f["measured"]["unit"] == "events/s" else f"{ratio:.2f}x")
            met = {True: "yes", False: "**no**"}.get(f.get("met"), "-")
            lines.append(f"| {f['figure']} | {_cell(f['measured'])} | "
                         f"{_cell(ref) + ' ' + ref['label'] if ref else '(absolute)'} | "
                         f"{ratio_text} | {f['target']} | {met} |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    if "--concurrency" in (sys.argv[1:] if argv is None else argv):
        from bench import concurrency

        return concurrency.main(argv)
    if "--proofs" in (sys.argv[1:] if argv is None else argv):
        from bench import proofs

        return proofs.main(argv)
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000,
                    help="Size of the generated ledger in stored events (default 100,000).")
    ap.add_argument("--db", action="append", default=[],
                    help="A database to measure: sqlite (the default: files in the work folder) "
                    "or a postgresql://USER@HOST:PORT/DB URL (schemas bench_* are created and "
                    "dropped in it). Repeatable.")
    ap.add_argument("--repeat", type=int, default=5, help="Runs per figure (at least 5 for the "
                    "published figures).")
    ap.add_argument("--bulk-repeat", type=int, help="Runs of import, rebuild and verify, if fewer "
                    "than --repeat (they take minutes each at a million events).")
    ap.add_argument("--seed", type=int, default=20211005)
    output_options(ap)
    ap.add_argument("--concurrency", action="store_true", help="Measure many writers at once "
                    "instead (bench/concurrency.py; its options: --concurrency --help).")
    ap.add_argument("--proofs", action="store_true", help="Measure producing and checking "
                    "Merkle proofs at a million events instead (bench/proofs.py; its options: "
                    "--proofs --help).")
    a = ap.parse_args(argv)
    log = logger(a)
    # The ledger as installed: its modules compiled once, as pip does for an installed package
    # (with PYTHONDONTWRITEBYTECODE set, an editable install would compile them on every run).
    root = HERE.parent
    run([PY, "-m", "compileall", "-q", *(str(root / d) for d in ("ledger", "commands",
                                                               "projections"))])
    file = a.work / f"national-{a.events}-{a.seed}.jsonl"
    summary_file = file.with_suffix(".summary.json")
    if not file.exists() or not summary_file.exists():
        from bench.generate import generate

        log(f"generating {file} ...")
        with file.open("w", encoding="utf-8") as fh:
            summary = generate(fh, a.events, a.seed)
        summary_file.write_text(json.dumps(summary, indent=2))
    summary = json.loads(summary_file.read_text())
    sample = summary["sample"]
    report: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"), "machine": machine(),
        "events": a.events, "repeat": a.repeat, "bulk_repeat": a.bulk_repeat or a.repeat,
        "generated": summary, "databases": {}}
    for db in a.db or ["sqlite"]:
        target = Target(None if db == "sqlite" else db, a.work)
        name = target.kind
        log(f"{name}: {a.events:,} events, {a.repeat} runs per figure")
        figures = measure(target, a.events, a.repeat, file, sample, log, a.bulk_repeat)
        report["databases"][name] = {"url": db, "events": summary["events"],
                                     "figures": [f.result() for f in figures]}
    publish(report, markdown, a.json_out, a.markdown_out)
    return 0


def output_options(ap: argparse.ArgumentParser) -> None:
    """The options every bench shares: where it works, where it writes its report, quiet."""
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "ledger-bench",
                    help="Folder for the generated files and the SQLite stores.")
    ap.add_argument("--json-out", type=Path, help="Also write the JSON report to this file.")
    ap.add_argument("--markdown-out", type=Path, help="Also write the Markdown table here.")
    ap.add_argument("--quiet", action="store_true", help="No progress lines on stderr.")


def logger(a: argparse.Namespace) -> Callable[[str], None]:
    """Progress lines on stderr (none with --quiet); makes the --work folder."""
    a.work.mkdir(parents=True, exist_ok=True)

    def log(text: str) -> None:
        if not a.quiet:
            print(text, file=sys.stderr, flush=True)

    return log


def publish(report: dict[str, Any], render: Callable[[dict[str, Any]], str],
            json_out: Path | None, markdown_out: Path | None) -> None:
    """Print a bench's report as JSON then as Markdown (`render`), the load average at its end
    added, and write each to its file when asked."""
    report["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    text = json.dumps(report, indent=2)
    md = render(report)
    print(text)
    print()
    print(md)
    if json_out:
        json_out.write_text(text + "\n")
    if markdown_out:
        markdown_out.write_text(md + "\n")


if __name__ == "__main__":
    sys.exit(main())

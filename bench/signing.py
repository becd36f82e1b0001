"""The cost of signing a write: the same write command with and without a signing key.

    .venv/bin/python -m bench.signing [--db sqlite] [--db postgresql://...] [--n 200]

In one process (`Ledger.party_add`, what a write command runs after start-up): N writes unsigned
and N signed, alternating, on a fresh ledger per database, each write timed; and whole `ledger
party add` processes (start-up included) with and without `--signing-key`, medians of 9. Prints a
Markdown table (medians and p95, in ms). A figure, never a test's pass or fail.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path


def _pct(values: list[float], q: float) -> float:
    return sorted(values)[min(len(values) - 1, int(q * len(values)))]


def measure(url: str, n: int, work: Path) -> list[tuple[str, float, float]]:
    from ledger.application import init_store, open_ledger
    from ledger.envelope import make_envelope
    from ledger.signing import SigningKey, b64, write_private_key

    if url.startswith("postgresql"):
        url = f"{url}?schema=bench_sign_{uuid.uuid4().hex[:8]}"
    init_store(url)
    key = SigningKey.generate()
    key_file = work / f"k-{uuid.uuid4().hex[:6]}.key"
    write_private_key(key, str(key_file))
    plain, signed = open_ledger(url), open_ledger(url)
    plain.key_add(make_envelope(actor="secretaris"), actor="griffier", public_key=b64(key.public))
    signed.sign_with(key)
    times: dict[str, list[float]] = {"unsigned": [], "signed": []}
    for i in range(2 * n):
        ledger, kind = (signed, "signed") if i % 2 else (plain, "unsigned")
        env = make_envelope(actor="griffier", command_id=f"c{i}")
        t = time.perf_counter()
        ledger.party_add(env, kind="provincie", name=f"P {i}", key=f"P{i}")
        times[kind].append((time.perf_counter() - t) * 1000)
    plain.close()
    signed.close()
    out = [(f"write in one process, {k}", statistics.median(v), _pct(v, 0.95))
           for k, v in times.items()]
    ledger_bin = str(Path(sys.executable).parent / "ledger")
    for kind, extra in (("unsigned", []), ("signed", ["--signing-key", str(key_file)])):
        runs = []
        for i in range(9):
            t = time.perf_counter()
            subprocess.run([ledger_bin, "--db", url, "--actor", "griffier", "party", "add",
                            f"Q {kind} {i}", "--kind", "provincie", "--key", f"Q{kind[0]}{i}",
                            *extra], check=True, capture_output=True)
            runs.append((time.perf_counter() - t) * 1000)
        out.append((f"whole `ledger party add` process, {kind}", statistics.median(runs),
                    _pct(runs, 0.95)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", action="append", default=[])
    parser.add_argument("--n", type=int, default=200)
    args = parser.parse_args()
    print("| database | figure | median ms | p95 ms |\n|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for db in args.db or ["sqlite"]:
            url = f"sqlite:///{tmp}/bench.db" if db == "sqlite" else db
            name = "sqlite" if db == "sqlite" else "postgresql"
            for figure, median, p95 in measure(url, args.n, Path(tmp)):
                print(f"| {name} | {figure} | {median:.2f} | {p95:.2f} |", flush=True)


if __name__ == "__main__":
    main()

"""Crashes: `ledger import FILE` runs in a subprocess and is killed with SIGKILL at a random moment.
Afterwards the ledger verifies, no command is half-written (each command's events and its receipt
are all there or none), and running the same import again reaches the same state as an import
that was never interrupted.

Sizes (docs/reliability.md): 20 trials per database in the normal run, LEDGER_STRESS=N times as
many on request. The kill moments are drawn from a seeded generator (LEDGER_CRASH_SEED, printed on
failure), half by time (from a little before the first write to the last), half by the number of
events already written.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from commands.main import app
from ledger.application import init_store
from ledger.storage import RawLog, parse_url
from tests.conftest import _drop, _pg_store
from tests.integration import workload

pytestmark = pytest.mark.slow

TRIALS = workload.scale(20)
SEED = int(os.environ.get("LEDGER_CRASH_SEED", "0") or 0) or random.SystemRandom().randrange(10**6)
LEDGER = str(Path(sys.executable).with_name("ledger"))
runner = CliRunner()


def fresh(kind: str, where: Path, n: int):
    if kind == "sqlite":
        store = parse_url(f"sqlite:///{where}/trial-{n}.db")
    else:
        store = _pg_store()
    init_store(store)
    return store


def count(store) -> int:
    with RawLog(store) as raw:
        return raw.count_and_max()[0]


def import_uninterrupted(store, path: Path) -> tuple[float, float]:
    """Run the import to its end; return when its first event appeared and when its last did
    (an import saves many commands per transaction: after its last write it only closes)."""
    started, first, last, seen = time.monotonic(), None, None, 0
    proc = subprocess.Popen([LEDGER, "--db", store.url, "import", str(path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with RawLog(store) as raw:
        while proc.poll() is None:
            now = raw.count_and_max()[0]
            if now != seen:
                seen, last = now, time.monotonic() - started
                first = last if first is None else first
            if raw.kind == "postgresql":
                raw.conn.rollback()
            time.sleep(0.002)
    ended = time.monotonic() - started
    assert proc.wait() == 0, proc.stderr.read() if proc.stderr else ""
    proc.stderr and proc.stderr.close()
    return first or 0.0, last or ended


def import_killed(store, path: Path, rng: random.Random, window: tuple[float, float],
                  total: int) -> dict:
    """Start the import, kill it (SIGKILL) at a random moment; say when. By time, the moment is
    drawn from a little before the first write to the last write of an uninterrupted import:
    a moment before the first write counts from the start of the process, one after it from
    this import's own first write (start-up time varies more than the writing takes)."""
    by_time = rng.random() < 0.5
    first, last = window
    span = max(last - first, 0.01)
    moment = rng.uniform(-0.25 * span, span)  # from the first write
    target = rng.randrange(1, total)
    proc = subprocess.Popen([LEDGER, "--db", store.url, "import", str(path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    started, wrote = time.monotonic(), None
    with RawLog(store) as raw:
        while proc.poll() is None:
            now = time.monotonic()
            count = raw.count_and_max()[0]
            if wrote is None and count:
                wrote = now
            if by_time and moment < 0 and now - started >= first + moment:
                break
            if by_time and moment >= 0 and wrote is not None and now - wrote >= moment:
                break
            if not by_time and count >= target:
                break
            if raw.kind == "postgresql":
                raw.conn.rollback()  # a fresh snapshot for the next count
            time.sleep(0.002)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    err = proc.stderr.read().decode() if proc.stderr else ""
    proc.stderr and proc.stderr.close()
    return {"killed": proc.returncode == -signal.SIGKILL, "stderr": err,
            "how": f"{moment:+.3f}s from the first write" if by_time else f"at {target} events"}


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_an_import_killed_at_random_moments_leaves_a_whole_ledger_and_resumes(kind, tmp_path):
    if kind == "postgresql":
        _pg_store()  # skips or fails as every PostgreSQL test does without a server
    path = tmp_path / "import.jsonl"
    commands = workload.import_file(path)

    reference = fresh(kind, tmp_path, 0)
    window = import_uninterrupted(reference, path)
    expected, total = workload.state_hash(reference.url), count(reference)
    stores = [reference]

    rng = random.Random(SEED)
    landed: list[tuple[str, int, bool]] = []
    try:
        for n in range(1, 3 * TRIALS + 1):
            if sum(k for _, _, k in landed) == TRIALS:
                break
            store = fresh(kind, tmp_path, n)
            stores.append(store)
            trial = import_killed(store, path, rng, window, total)
            assert "Traceback" not in trial["stderr"], (SEED, trial)
            written = count(store)
            landed.append((trial["how"], written, trial["killed"]))

            # The ledger verifies, and no command is half-written.
            verified = runner.invoke(app, ["--db", store.url, "audit", "verify"])
            assert verified.exit_code == 0, (SEED, n, trial, verified.output)
            assert workload.half_written(store.url) == [], (SEED, n, trial)

            # Importing again finishes the job: the same state as never interrupted.
            again = runner.invoke(app, ["--db", store.url, "import", str(path)])
            assert again.exit_code == 0, (SEED, n, again.output)
            assert count(store) == total
            assert workload.state_hash(store.url) == expected, (SEED, n, trial)
            if kind == "postgresql":
                _drop(store)
                stores.remove(store)
    finally:
        for store in stores:
            if store.kind == "postgresql":
                _drop(store)
    killed = [w for _, w, k in landed if k]
    # Every trial killed a running import (one that ended first does not count), and the kills
    # hit the import itself, not only its start.
    assert len(killed) == TRIALS, (SEED, landed)
    assert sum(0 < w < total for w in killed) >= TRIALS // 2, (SEED, landed)
    workload.record_figure("crashes", db=kind, commands=commands, events=total, seed=SEED,
                           trials=len(landed), kills=len(killed), killed_after=sorted(killed))

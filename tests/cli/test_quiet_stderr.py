"""A command that succeeds writes nothing to standard error: no library warning in English (such
as SQLAlchemy's about an index it cannot reflect, or a connection left open) reaches the
secretariat's screen, on either database. Each command runs as its own process, as a user starts it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

STEPS = [
    ["party", "add", "Leiden", "--kind", "gemeente", "--cbs", "GM0546", "--on", "2021-01-01"],
    ["party", "list"],
    ["rebuild"],
    ["status"],
    ["log"],
    ["audit", "verify"],
]


def ledger(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "default"}  # every warning shown, resource leaks too
    return subprocess.run([sys.executable, "-c", "from commands.entry import run; run()",
                           "--db", url, *args], capture_output=True, text=True, env=env,
                          timeout=120)


@pytest.mark.parametrize("step", STEPS, ids=[" ".join(s[:2]) for s in STEPS])
def test_a_command_that_succeeds_writes_nothing_to_stderr(store, step):
    url = store.url
    if step[0] != "party" or step[1] != "add":
        assert ledger(url, *STEPS[0]).returncode == 0
    done = ledger(url, *step)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", f"{step}: {done.stderr}"


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("quiet")
    url = f"sqlite:///{folder}/demo.db"
    done = ledger(url, "demo", "--output-dir", str(folder / "out"))
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return url


@pytest.mark.parametrize("step", [["rebuild"], ["status"], ["decision", "list"],
                                  ["report", "quarterly", "--programme", "WRL", "--quarter", "2021Q4"]],
                         ids=lambda s: " ".join(s[:2]))
def test_reads_of_the_demo_ledger_write_nothing_to_stderr(demo_url, step):
    done = ledger(demo_url, *step)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", f"{step}: {done.stderr}"

"""The benchmark harness works (at a tiny size; nothing here looks at timings)."""

import io
import json

import pytest

from bench.generate import generate
from ledger.application import init_store, open_ledger
from ledger.importer import run_import
from ledger.storage import RawLog, parse_url


def test_a_generated_national_ledger_imports_whole(store, tmp_path):
    file = tmp_path / "national.jsonl"
    with file.open("w", encoding="utf-8") as fh:
        summary = generate(fh, 4000, seed=7)
    assert summary["gemeenten"] == 342 and summary["regions"] == 30
    assert summary["programmes"] >= 1 and summary["by_command"]["budget.allocate"] > 0
    ledger = open_ledger(store)
    result = run_import(ledger, file)
    ledger.close()
    assert result.written == summary["commands"]
    with RawLog(store) as raw:
        assert raw.count_and_max()[0] == summary["events"]


def test_the_benchs_own_file_imports_whole_past_its_first_decisions_expiry(tmp_path):
    """The file `make bench` imports (its default seed), large enough that decisions with a
    vervaldatum expire while colleges are still ratifying them: the generator must not ratify
    an expired decision (the ledger refuses it, and the bench would stop there)."""
    file = tmp_path / "national.jsonl"
    with file.open("w", encoding="utf-8") as fh:
        summary = generate(fh, 30_000)
    store = init_store(f"sqlite:///{tmp_path / 'bench.db'}")
    ledger = open_ledger(store)
    result = run_import(ledger, file)
    ledger.close()
    assert result.written == summary["commands"]


def test_the_generator_is_deterministic_for_a_seed():
    a, b = io.StringIO(), io.StringIO()
    generate(a, 3000, seed=3)
    generate(b, 3000, seed=3)
    assert a.getvalue() == b.getvalue()


@pytest.mark.slow
def test_the_harness_measures_every_figure(tmp_path, capsys):
    from bench.run import main

    assert main(["--events", "4000", "--repeat", "1", "--work", str(tmp_path), "--quiet"]) == 0
    out = capsys.readouterr().out
    report = json.loads(out[:out.index("\n\n### ")])
    figures = [f["figure"] for f in report["databases"]["sqlite"]["figures"]]
    assert len(figures) == 13
    assert all(f["measured"]["runs"] == 1 for f in report["databases"]["sqlite"]["figures"])
    assert "| quarterly report" in out
    assert any("import" in f for f in figures) and any("--help" in f for f in figures)
    assert "| figure |" in out


@pytest.mark.slow
def test_the_concurrency_harness_checks_what_its_writers_wrote(store, tmp_path, capsys):
    """Both variants with two writers: every run's log holds each acknowledged command once,
    with its receipt, and the chain verifies (the harness's own check, which must pass)."""
    from bench.run import main
    from tests.conftest import PG_URL

    db = "sqlite" if store.kind == "sqlite" else PG_URL
    assert main(["--concurrency", "--db", db, "--writers", "2", "--commands", "12",
                 "--repeat", "1", "--work", str(tmp_path), "--quiet"]) == 0
    out = capsys.readouterr().out
    report = json.loads(out[:out.index("\n\nConcurrency: ")])
    runs = report["runs"]
    assert {(r["variant"], r["writers"]) for r in runs} == {("A", 2), ("B", 2)}
    for r in runs:
        assert r["checks_ok"]
        assert r["ledger_outcomes"] == {"ok": 24}  # no refusal: conflicts were retried
        (run,) = r["runs"]["ledger"]
        assert run["commands"] == 24 and run["check"]["events"] > 0
    assert "| " + store.kind + " |" in out


def test_the_proofs_bench_fills_a_ledger_whose_proofs_check(store, tmp_path, capsys):
    """`python -m bench --proofs` at a tiny size: the filled ledger verifies (its links and its
    tree), and every proof it timed checked (the harness asserts it)."""
    from bench.proofs import fill, measure
    from commands.main import app
    from tests.conftest import _drop, _pg_store

    target = (parse_url(f"sqlite:///{tmp_path}/proofs.db") if store.kind == "sqlite"
              else _pg_store())
    try:
        fill(target.url, 300, lambda text: None)
        from typer.testing import CliRunner

        result = CliRunner().invoke(app, ["audit", "verify", "--db", target.url])
        assert result.exit_code == 0, result.output
        assert "Merkle-boom: 300 bladeren" in result.output
        found = measure(target.url, 300, 10, 1, tmp_path)
        assert found["inclusion_produce"]["runs"] == 10 and found["path_length"] > 0
    finally:
        if target.kind == "postgresql":
            _drop(target)

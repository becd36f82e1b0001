"""The README's "Een eerste uur" works: every command line of its walkthrough, run in order on a
fresh demo ledger, succeeds. The lines are read from README.md itself, so the README cannot drift
from what the ledger accepts."""

from __future__ import annotations

import shlex
from pathlib import Path

from typer.testing import CliRunner

from commands.main import app

README = Path(__file__).resolve().parents[2] / "README.md"
PREFIX = ".venv/bin/ledger "
runner = CliRunner()


def walkthrough() -> list[list[str]]:
    """The command lines of the first shell block under "## Een eerste uur", as arguments."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Een eerste uur\n", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    return [shlex.split(line[len(PREFIX):], comments=True)
            for line in block.splitlines() if line.startswith(PREFIX)]


def test_the_walkthrough_is_a_secretariats_day():
    lines = [" ".join(args[:2]) for args in walkthrough()]
    for needed in ("decision record", "decision ratify", "budget reserve", "budget spend",
                   "routekaart status", "report issue", "audit verify"):
        assert needed in lines, needed
    spend = next(args for args in walkthrough() if args[:2] == ["budget", "spend"])
    assert any(a.startswith("factuur:") for a in spend)


def test_every_line_of_the_walkthrough_works_on_a_fresh_demo_ledger(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path}/ledger.db"
    built = runner.invoke(app, ["--db", url, "demo", "--output-dir", str(tmp_path / "demo")])
    assert built.exit_code == 0, built.output
    for args in walkthrough():
        result = runner.invoke(app, ["--db", url, *args], env={"COLUMNS": "200"})
        assert result.exit_code == 0, (args, result.output)
    assert (tmp_path / "q1-2022.html").exists()

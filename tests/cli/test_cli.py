"""The command line end to end: help everywhere, refusals as one sentence with exit 1 and
nothing written, usage errors exit 2, --json on reads."""

import json

import pytest
from typer.testing import CliRunner

from commands.main import app
from ledger.storage import RawLog, parse_url

runner = CliRunner()


def all_commands(group=None, prefix=()):
    import typer.main

    cmd = group or typer.main.get_command(app)
    for name, sub in getattr(cmd, "commands", {}).items():
        path = (*prefix, name)
        yield path, sub
        yield from all_commands(sub, path)


def test_every_command_has_help_text():
    missing = [" ".join(p) for p, c in all_commands() if not (c.help or "").strip()]
    assert missing == []


def test_every_command_is_in_the_cli_reference():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text()
    missing = [" ".join(p) for p, _ in all_commands() if f"ledger {' '.join(p)}" not in doc]
    assert missing == []


def test_help_shows_the_command_groups():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for group in ("party", "decision", "audit", "init", "status", "log", "demo"):
        assert group in result.output


@pytest.fixture
def db(tmp_path):
    url = f"sqlite:///{tmp_path}/l.db"
    assert runner.invoke(app, ["--db", url, "init"]).exit_code == 0
    return url


def count(url):
    with RawLog(parse_url(url)) as raw:
        return raw.count_and_max()[0]


@pytest.mark.parametrize("args,message", [
    (["party", "add", "Leiden", "--kind", "gemeente", "--cbs", "GM54"], "geen CBS-gemeentecode"),
    (["party", "add", " ", "--kind", "provincie", "--key", "ZH"], "Er is geen naam van de partij opgegeven"),
    (["party", "add", "Leiden", "--kind", "stad", "--cbs", "GM0546"], "geen soort partij"),
    (["party", "add", "Leiden", "--kind", "gemeente", "--cbs", "GM0546", "--on", "2021-02-30"],
     "not a valid effective date"),
    (["party", "add", "Leiden", "--kind", "gemeente", "--cbs", "GM0546", "--ref", "http//x"],
     "not a reference"),
    (["party", "add", "Leiden", "--kind", "gemeente", "--cbs", "GM0546", "--ref",
      "https://exa mple.nl"], "not a valid web address"),
    (["party", "correct", "GM9999", "--name", "X"], "geen partij 'GM9999'"),
    (["party", "show", "GM9999"], "no party 'GM9999'"),
    (["decision", "record", "D1", "--body", "pho:WRL", "--title", "x", "--datum", "2021-10-01"],
     "vraagt om de deelnemende partijen"),
    (["decision", "record", "D1", "--body", "college:GM0546", "--title", "x", "--datum",
      "2021-10-01"], "geen partij 'GM0546'"),
])
def test_bad_input_is_refused_with_a_sentence_and_nothing_written(db, args, message):
    before = count(db)
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert count(db) == before


def test_usage_errors_exit_2(db):
    assert runner.invoke(app, ["--db", db, "party", "add"]).exit_code == 2
    assert runner.invoke(app, ["--db", db, "party", "frobnicate"]).exit_code == 2


def test_a_missing_ledger_is_explained(tmp_path):
    result = runner.invoke(app, ["--db", f"sqlite:///{tmp_path}/none.db", "party", "list"])
    assert result.exit_code == 1 and "There is no ledger" in result.output
    assert not (tmp_path / "none.db").exists()


def test_add_list_show_with_json(db):
    ok = runner.invoke(app, ["--db", db, "party", "add", "Leiden", "--kind", "gemeente", "--cbs",
                             "gm0546", "--on", "2021-01-01"])
    assert ok.exit_code == 0, ok.output
    listed = json.loads(runner.invoke(app, ["--db", db, "party", "list", "--json"]).output)
    assert listed[0]["key"] == "GM0546"
    assert listed[0]["tooi"].endswith("/gemeente/gm0546")
    shown = json.loads(runner.invoke(app, ["--db", db, "--json", "party", "show", "GM0546"]).output)
    assert shown["name"] == "Leiden"
    before = json.loads(runner.invoke(app, ["--db", db, "party", "list", "--json", "--on",
                                            "2020-12-31"]).output)
    assert before == []


def test_verify_fails_with_exit_3_on_a_broken_export(db, tmp_path):
    runner.invoke(app, ["--db", db, "party", "add", "Leiden", "--kind", "gemeente", "--cbs",
                        "GM0546"])
    out = tmp_path / "export.jsonl"
    assert runner.invoke(app, ["--db", db, "export", "-o", str(out)]).exit_code == 0
    assert runner.invoke(app, ["audit", "verify", "--file", str(out)]).exit_code == 0
    out.write_text(out.read_text().replace("Leiden", "Leyden"))
    bad = runner.invoke(app, ["audit", "verify", "--file", str(out)])
    assert bad.exit_code == 3 and "position 1" in bad.output


def test_the_demo_refuses_a_ledger_that_is_not_a_demo(db, tmp_path):
    runner.invoke(app, ["--db", db, "party", "add", "Leiden", "--kind", "gemeente", "--cbs",
                        "GM0546"])
    before = count(db)
    result = runner.invoke(app, ["--db", db, "demo", "--output-dir", str(tmp_path / "out")])
    assert result.exit_code == 1 and "holds other records" in result.output
    assert count(db) == before and not (tmp_path / "out").exists()

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
     "geen geldige ingangsdatum (--on)"),
    (["party", "add", "Leiden", "--kind", "gemeente", "--cbs", "GM0546", "--ref", "http//x"],
     "geen bron die het grootboek begrijpt"),
    (["party", "add", "Leiden", "--kind", "gemeente", "--cbs", "GM0546", "--ref",
      "https://exa mple.nl"], "geen geldig webadres"),
    (["party", "correct", "GM9999", "--name", "X"], "geen partij 'GM9999'"),
    (["party", "show", "GM9999"], "geen partij 'GM9999'"),
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
    assert result.exit_code == 1 and "Er is geen grootboek" in result.output
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
    assert bad.exit_code == 3 and "positie 1" in bad.output


def test_the_demo_refuses_a_ledger_that_is_not_a_demo(db, tmp_path):
    runner.invoke(app, ["--db", db, "party", "add", "Leiden", "--kind", "gemeente", "--cbs",
                        "GM0546"])
    before = count(db)
    result = runner.invoke(app, ["--db", db, "demo", "--output-dir", str(tmp_path / "out")])
    assert result.exit_code == 1 and "bevat andere gegevens" in result.output
    assert count(db) == before and not (tmp_path / "out").exists()


def add_three(db):
    """Three parties, each with a command id: each command records its event and a receipt."""
    for n, (cbs, name) in enumerate([("GM0546", "Leiden"), ("GM0547", "Leiderdorp"),
                                     ("GM0537", "Katwijk")]):
        ok = runner.invoke(app, ["--db", db, "party", "add", name, "--kind", "gemeente", "--cbs",
                                 cbs, "--on", f"2021-0{n + 1}-01", "--command-id", f"add-{cbs}"])
        assert ok.exit_code == 0, ok.output


def test_status_takes_both_time_axes_like_every_read(db):
    add_three(db)
    now = json.loads(runner.invoke(app, ["--db", db, "--json", "status"]).output)
    assert now["events"] == 6 and now["on"] is None and now["as_of"] is None  # 3 events, 3 receipts
    then = json.loads(runner.invoke(app, ["--db", db, "--json", "status", "--on", "2021-01-15",
                                          "--as-of", "#2"]).output)
    assert then["events"] == 2 and then["as_of"] == 2 and then["on"] == "2021-01-15"
    assert then["fingerprint"].startswith("2:") and then["ok"]
    shown = runner.invoke(app, ["--db", db, "status", "--on", "2021-01-15", "--as-of", "#2"])
    assert shown.exit_code == 0, shown.output
    lines = [" ".join(line.split()) for line in shown.output.splitlines()]
    assert "Per 15 januari 2021" in lines and "Zoals vastgelegd t/m #2" in lines
    assert "Gebeurtenissen 2" in lines and "Problemen geen" in lines
    english = runner.invoke(app, ["--lang", "en", "--db", db, "status", "--as-of", "#2"])
    assert "As recorded by" in english.output and "Problems" in english.output


def test_log_says_what_lies_between_its_positions(db):
    add_three(db)
    shown = runner.invoke(app, ["--db", db, "log"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    said = " ".join(shown.output.split())
    assert "Tussen de posities liggen 2 ontvangstbewijzen" in said  # after #1 and #3
    assert "Toon ze met --receipts." in said
    assert "15-01-2021" not in said and "01-02-2021" in said  # dates as a Dutch reader writes them
    everything = runner.invoke(app, ["--db", db, "log", "--receipts"], env={"COLUMNS": "200"})
    assert "ontvangstbewijs" not in everything.output
    last = runner.invoke(app, ["--db", db, "log", "--limit", "1"])
    assert "Tussen de posities" not in last.output  # one event: nothing lies between
    english = runner.invoke(app, ["--lang", "en", "--db", db, "log"], env={"COLUMNS": "200"})
    assert "Between the positions lie 2 receipts" in " ".join(english.output.split())


def test_show_names_a_missing_position(db):
    add_three(db)
    missing = runner.invoke(app, ["--db", db, "show", "99"])
    assert missing.exit_code == 1
    assert "Er is geen gebeurtenis op positie 99." in missing.output
    shown = runner.invoke(app, ["--db", db, "show", "1"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    lines = [" ".join(line.strip("│ ").split()) for line in shown.output.splitlines()]
    assert any(line.startswith("opdrachtnummer") and "add-GM0546" in line for line in lines)
    assert any(line.startswith("ingangsdatum") and "01-01-2021" in line for line in lines)

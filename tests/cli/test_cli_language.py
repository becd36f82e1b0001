"""The command line speaks one language (Dutch by default, English with --lang en): confirmations
say what was stored (formatted dates and numbers, the keys as stored, the positions), refusals
are `Fout:` / `Tip:`, or with --json one JSON object on stderr with the same exit code, and the
help names values (POSITIE, DATUM) instead of printing giant bounds."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from commands.main import app

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


@pytest.fixture
def db(tmp_path):
    url = f"sqlite:///{tmp_path}/l.db"
    assert runner.invoke(app, ["--db", url, "init"]).exit_code == 0
    return url


def run(db, *args):
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_confirmations_state_what_was_stored(db):
    # typed in lower case, stored in upper case: the confirmation says what is stored
    assert run(db, "party", "add", "Leiden", "--kind", "gemeente", "--cbs", "gm0546", "--on",
               "2021-01-01") == ("Vastgelegd: partij GM0546 (Leiden, gemeente), per 1 januari "
                                 "2021 (gebeurtenis #1).\n")
    assert run(db, "party", "population", "gm0546", "--peildatum", "2021-01-01", "--inwoners",
               "0125574", "--source", "CBS") == (
        "Vastgelegd: inwonertal van GM0546 op 1 januari 2021: 125.574 inwoners (CBS) "
        "(gebeurtenis #2).\n")
    run(db, "party", "add", "Oegstgeest", "--kind", "gemeente", "--cbs", "GM0579")
    out = run(db, "decision", "record", "PHO-1", "--body", "pho:PRG", "--title", "Samenwerken",
              "--datum", "2021-10-05", "--participant", "gm0546", "--participant", "GM0579")
    assert out == ("Vastgelegd: besluit PHO-1 (portefeuillehoudersoverleg PRG) van 5 oktober "
                   "2021: Samenwerken, te bekrachtigen door Leiden (GM0546), Oegstgeest (GM0579) "
                   "(gebeurtenis #4).\n")
    args = ("decision", "ratify", "PHO-1", "--party", "gm0546", "--datum", "2021-10-06",
            "--command-id", "r-1")
    assert run(db, *args) == ("Vastgelegd: bekrachtiging van besluit PHO-1 door het college van "
                              "Leiden (GM0546) op 6 oktober 2021 (gebeurtenis #5).\n")
    assert run(db, *args) == (
        "Al vastgelegd (opdrachtnummer r-1): bekrachtiging van besluit PHO-1 door het college "
        "van Leiden (GM0546) op 6 oktober 2021, gebeurtenis #5. Er is niets nieuws vastgelegd.\n")


def test_english_with_lang_en(db):
    out = run(db, "--lang", "en", "party", "add", "Leiden", "--kind", "gemeente", "--cbs",
              "GM0546", "--on", "2021-01-01")
    assert out == "Recorded: party GM0546 (Leiden, gemeente), from 1 January 2021 (event #1).\n"
    result = runner.invoke(app, ["--db", db, "--lang", "en", "party", "show", "GM9999"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: There is no party 'GM9999' in the ledger (on today")
    assert "Hint: List them with `ledger party list`." in result.stderr


def test_read_commands_show_dates_in_dutch(db):
    run(db, "party", "add", "Leiden", "--kind", "gemeente", "--cbs", "GM0546", "--on",
        "2021-01-01")
    run(db, "party", "population", "GM0546", "--peildatum", "2021-01-01", "--inwoners", "125574",
        "--source", "CBS")
    out = run(db, "party", "show", "GM0546", "--on", "2021-10-05", "--as-of", "2")
    assert "1 januari 2021" in out and "125.574" in out and "01-01-2021" in out
    assert "per 5 oktober 2021, zoals vastgelegd tot #2" in out
    assert "2021-01-01" not in out


def test_a_refusal_is_a_sentence_and_a_hint(db):
    result = runner.invoke(app, ["--db", db, "party", "show", "GM9999"])
    assert result.exit_code == 1
    assert result.stderr == ("Fout: Er is geen partij 'GM9999' in het grootboek (per vandaag, "
                             "zoals het grootboek het nu kent).\nTip: Toon ze met `ledger party "
                             "list`.\n")


@pytest.mark.parametrize("where", ["root", "command"])
def test_a_refusal_with_json_is_a_json_object_on_stderr(db, where):
    args = ["--db", db, "party", "show", "GM9999"]
    args = ["--json", *args] if where == "root" else [*args, "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and result.stdout == ""
    error = json.loads(result.stderr)
    assert error == {"error": "Er is geen partij 'GM9999' in het grootboek (per vandaag, zoals "
                              "het grootboek het nu kent).",
                     "hint": "Toon ze met `ledger party list`.", "exit": 1}


def test_a_failed_verification_with_json_keeps_exit_3(db, tmp_path):
    run(db, "party", "add", "Leiden", "--kind", "gemeente", "--cbs", "GM0546")
    proof = tmp_path / "proof.json"
    proof.write_text("{}")
    result = runner.invoke(app, ["audit", "check", str(proof), "--json"])
    error = json.loads(result.stderr)
    assert result.exit_code == error["exit"] == 1 and error["hint"]


@pytest.mark.parametrize("args", [
    ["party", "add", "Leiden", "--json"],                 # a missing option
    ["--json", "party", "frobnicate"],                    # no such command
    ["audit", "prove", "inclusion", "0", "--json"],       # out of range
    ["party", "add", "Leiden", "--kind", "gemeente", "--json", "--nosuch"],
])
def test_a_usage_error_with_json_is_a_json_object_with_exit_2(db, args):
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == 2, result.output
    error = json.loads(result.stderr)
    assert error["exit"] == 2 and error["error"] and set(error) == {"error", "hint", "exit"}


def test_a_usage_error_without_json_stays_text(db):
    result = runner.invoke(app, ["--db", db, "audit", "prove", "inclusion", "0"])
    assert result.exit_code == 2
    assert "0 is geen geheel getal van minstens 1." in result.stderr
    assert not result.stderr.lstrip().startswith("{")


def test_an_unknown_language_with_json_is_a_json_object():
    done = subprocess.run([sys.executable, "-c", "from commands.entry import run; run()",
                           "--lang", "fr", "--json", "status"], capture_output=True, text=True,
                          cwd=ROOT, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    assert done.returncode == 2
    assert json.loads(done.stderr)["exit"] == 2


def test_help_names_values_instead_of_printing_bounds():
    for args in (["audit", "prove", "inclusion", "--help"], ["audit", "checkpoint", "--help"],
                 ["party", "correct", "--help"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0
        assert "9223372036854775807" not in result.output and "range" not in result.output
    assert "POSITIE" in runner.invoke(app, ["audit", "prove", "inclusion", "--help"]).output
    assert "--size N" in runner.invoke(app, ["audit", "checkpoint", "--help"]).output
    assert "--corrects POSITIE" in runner.invoke(app, ["party", "correct", "--help"]).output


def test_the_bounds_are_still_checked(db):
    for bad in ("0", "9223372036854775808"):
        result = runner.invoke(app, ["--db", db, "audit", "prove", "inclusion", bad])
        assert result.exit_code == 2, (bad, result.output)
    result = runner.invoke(app, ["--db", db, "audit", "checkpoint", "--size", "-1"])
    assert result.exit_code == 2


@pytest.mark.parametrize("args,sentence", [
    (["party", "add", "Leiden"], "Fout: De optie '--kind' ontbreekt."),
    (["party", "add"], "Fout: Het argument 'NAAM' ontbreekt."),
    (["party", "add", "Leiden", "--kind", "gemeente", "--nosuch"],
     "Fout: Er is geen optie --nosuch."),
    (["party", "ad"], "Fout: Er is geen opdracht 'ad'. Bedoelt u 'add'?"),
    (["party", "add", "Leiden", "Leiderdorp", "--kind", "gemeente"],
     "Fout: Onverwachte extra argumenten: Leiderdorp"),
    (["audit", "checkpoint", "--size", "x"],
     "Fout: Ongeldige waarde voor '--size': geef een geheel getal."),
    (["log", "--limit", "0"], "Fout: Ongeldige waarde voor '--limit': geef een geheel getal van "
                              "minstens 1."),
])
def test_a_usage_error_is_in_dutch(db, args, sentence):
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == 2
    assert result.stderr.startswith("Gebruik: ledger ")
    assert sentence + "\n" in result.stderr
    assert f"Tip: Gebruik `ledger {args[0]}" in result.stderr and "Error" not in result.stderr


def test_the_help_frame_is_dutch_and_prints_no_giant_bounds():
    out = runner.invoke(app, ["party", "add", "--help"]).output
    assert out.startswith("Gebruik: ledger party add [OPTIES] {NAAM}")
    for word in ("Argumenten:", "Opties:", "[verplicht]", "Toon deze hulptekst en stop.",
                 "--kind <tekst>", "--on DATUM"):
        assert word in out, word
    for word in ("Usage:", "Options:", "required", "<str>"):
        assert word not in out, word
    log = runner.invoke(app, ["log", "--help"]).output
    assert "int range" not in log and "9223372036854775807" not in log


def test_the_help_frame_in_english():
    done = subprocess.run([sys.executable, "-c", "from commands.entry import run; run()",
                           "--lang", "en", "audit", "prove", "inclusion", "--help"],
                          capture_output=True, text=True, cwd=ROOT,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: ledger audit prove inclusion [OPTIONS] {POSITION}")
    assert "POSITION <number>  The event's log position" in done.stdout
    assert "Show this message and exit." in done.stdout


@pytest.mark.parametrize("json_out", [False, True])
def test_a_database_refusal_is_one_sentence_or_one_json_object(db, monkeypatch, json_out):
    import sqlite3

    import ledger.application

    def refuse(*args, **kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(ledger.application, "open_ledger", refuse)
    result = runner.invoke(app, ["--db", db, *(["--json"] if json_out else []), "party", "add",
                                 "Leiden", "--kind", "gemeente", "--cbs", "GM0546"])
    assert result.exit_code == 1 and result.stdout == ""
    sentence = "De database weigerde de bewerking: database is locked"
    hint = "Controleer de --db-URL, of de server draait en of uw rol dit mag."
    if json_out:
        assert json.loads(result.stderr) == {"error": sentence, "hint": hint, "exit": 1}
    else:
        assert result.stderr == f"Fout: {sentence}\nTip: {hint}\n"

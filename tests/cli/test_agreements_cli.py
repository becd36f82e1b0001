"""The agreement and population commands end to end: the demo's SOK shares, refusals as one
sentence with nothing written, and the overdue-reporting line of `ledger status`."""

import json
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from commands.main import app
from ledger.storage import RawLog, parse_url

runner = CliRunner()


def count(url):
    with RawLog(parse_url(url)) as raw:
        return raw.count_and_max()[0]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    d = tmp_path_factory.mktemp("demo")
    url = f"sqlite:///{d}/demo.db"
    first = runner.invoke(app, ["--db", url, "demo", "--output-dir", str(d / "out")])
    assert first.exit_code == 0, first.output
    return url


def test_the_demo_imports_twice_without_writing_anything_new(demo):
    before = count(demo)
    out = demo.split("///", 1)[1].rsplit("/", 1)[0] + "/out"
    again = runner.invoke(app, ["--db", demo, "--json", "demo", "--output-dir", out])
    assert again.exit_code == 0, again.output
    assert json.loads(again.output)["imported"]["written"] == 0
    assert count(demo) == before


def test_the_sok_shares_two_million_over_six_gemeenten_to_the_cent(demo):
    out = runner.invoke(app, ["--db", demo, "agreement", "shares", "WRL-SOK", "--amount",
                              "2000000", "--on", "2021-12-31", "--json"])
    assert out.exit_code == 0, out.output
    result = json.loads(out.output)
    assert len(result["shares"]) == 6
    assert sum(Decimal(s["share"]) for s in result["shares"]) == Decimal("2000000.00")
    assert {s["party"]: s["share"] for s in result["shares"]}["GM0546"] == "902578.92"
    text = runner.invoke(app, ["--db", demo, "agreement", "shares", "WRL-SOK", "--amount",
                               "2000000", "--on", "2021-12-31"])
    assert "€ 2.000.000,00" in text.output and "Zoeterwoude" in text.output


def test_show_tells_the_next_report_due_and_what_is_overdue(demo):
    out = runner.invoke(app, ["--db", demo, "agreement", "show", "WRL-SOK", "--on", "2022-08-01",
                              "--json"])
    shown = json.loads(out.output)
    assert shown["status"] == "in werking"
    assert shown["reporting_status"]["next_due"] == "2022-09-30"
    assert shown["reporting_status"]["overdue"] == [{"period": "2022-Q2", "due": "2022-06-30"}]


def test_status_lists_overdue_reporting(demo):
    out = runner.invoke(app, ["--db", demo, "status", "--json"])
    problems = json.loads(out.output)["problems"]
    assert any("overeenkomst WRL-SOK loopt achter met haar driemaandelijkse rapportage aan de "
               "raden" in p
               for p in problems), problems


def test_the_demo_has_its_pho_decision_and_no_plustaak(demo):
    listed = json.loads(runner.invoke(app, ["--db", demo, "agreement", "list", "--json",
                                            "--kind", "plustaak"]).output)
    assert listed == []  # the RES-NML plustaak is a demo of its own (test_demo_examples.py)
    pho = json.loads(runner.invoke(app, ["--db", demo, "decision", "show", "PHO-WRL-2021-12",
                                         "--on", "2021-12-31", "--json"]).output)
    assert pho["status"] == "voorgenomen" and pho["missing_ratifications"] == ["GM0638"]


@pytest.fixture
def db(tmp_path):
    url = f"sqlite:///{tmp_path}/l.db"
    assert runner.invoke(app, ["--db", url, "init"]).exit_code == 0
    for cbs, name in (("GM0546", "Leiden"), ("GM0547", "Leiderdorp")):
        assert runner.invoke(app, ["--db", url, "party", "add", name, "--kind", "gemeente",
                                   "--cbs", cbs, "--on", "2021-01-01"]).exit_code == 0
    ok = runner.invoke(app, ["--db", url, "agreement", "create", "SOK", "--kind", "sok",
                             "--title", "SOK", "--party", "GM0546", "--party", "GM0547",
                             "--verdeelsleutel", "per-inwoner", "--peildatum", "2021-01-01",
                             "--on", "2021-09-01"])
    assert ok.exit_code == 0, ok.output
    return url


@pytest.mark.parametrize("args,message", [
    (["agreement", "sign", "SOK", "--party", "GM0546", "--datum", "2021-10-05"],
     "is een besluit als grondslag nodig"),
    (["agreement", "sign", "SOK", "--party", "GM0546", "--decision", "B-X", "--datum",
      "2021-10-05"], "het grootboek kent dit besluit niet"),
    (["agreement", "create", "PT", "--kind", "plustaak", "--title", "PT", "--party", "GM0546",
      "--party", "GM0547", "--extends", "SOK"], "dat is een samenwerkingsovereenkomst (SOK), geen "
     "centrumregeling"),
    (["agreement", "create", "P", "--kind", "dvo", "--title", "P", "--party", "GM0546",
      "--party", "GM0547", "--verdeelsleutel", "percentages", "--percentage", "GM0546=50",
      "--percentage", "GM0547=49"], "tellen op tot 99, niet precies 100"),
    (["agreement", "shares", "SOK", "--amount", "1000", "--on", "2021-12-31"],
     "zij is nog een concept (GM0546, GM0547 hebben dan nog niet ondertekend)"),
    (["agreement", "shares", "NOPE", "--amount", "1000"], "Er is geen overeenkomst 'NOPE'"),
    (["agreement", "report", "SOK", "--ref", "doc:1", "--datum", "2022-01-17"],
     "geen rapportageplicht"),
    (["party", "population", "GM0546", "--peildatum", "2021-01-01", "--inwoners", "veel",
      "--source", "CBS"], "is geen aantal inwoners"),
    (["party", "population", "GM0546", "--peildatum", "2021-01-01", "--inwoners", "1",
      "--source", "CBS", "--corrects", "1"], "heeft geen inwonertal voor peildatum"),
])
def test_refusals_are_one_sentence_and_write_nothing(db, args, message):
    before = count(db)
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == 1, result.output
    assert message in " ".join(result.output.split())
    assert "Traceback" not in result.output
    assert count(db) == before


def test_population_and_its_correction_show_as_history(db):
    first = runner.invoke(app, ["--db", db, "party", "population", "GM0546", "--peildatum",
                                "2021-01-01", "--inwoners", "125.000", "--source", "voorlopig"])
    assert first.exit_code == 0, first.output
    fix = runner.invoke(app, ["--db", db, "party", "population", "GM0546", "--peildatum",
                              "2021-01-01", "--inwoners", "125574", "--source",
                              "CBS, Bevolking op 1 januari 2021", "--reason", "definitief"])
    assert fix.exit_code == 0, fix.output
    shown = json.loads(runner.invoke(app, ["--db", db, "party", "show", "GM0546",
                                           "--json"]).output)
    assert [(f["inwoners"], f["counts"]) for f in shown["populations"]] == [
        (125000, False), (125574, True)]
    assert shown["population"]["inwoners"] == 125574
    text = runner.invoke(app, ["--db", db, "party", "show", "GM0546"]).output
    assert "Inwonertallen van GM0546" in text and "125.574" in text

"""The programme, workstream and budget commands end to end: a small story through the command
line, refusals with exit 1 and nothing written, --json on reads, and `ledger status` on the demo
naming the printed total that does not add up."""

import json
import re

import pytest
from typer.testing import CliRunner

from commands.main import app
from ledger.storage import RawLog, parse_url

runner = CliRunner()


def count(url):
    with RawLog(parse_url(url)) as raw:
        return raw.count_and_max()[0]


def ok(url, *args):
    result = runner.invoke(app, ["--db", url, *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def db(tmp_path):
    url = f"sqlite:///{tmp_path}/l.db"
    ok(url, "init")
    # The agreement the programme runs under comes first; it need not be signed yet.
    ok(url, "party", "add", "Leiden", "--kind", "gemeente", "--cbs", "GM0546", "--on", "2021-01-01")
    ok(url, "party", "add", "Leiderdorp", "--kind", "gemeente", "--cbs", "GM0547",
       "--on", "2021-01-01")
    ok(url, "agreement", "create", "WRL-SOK", "--kind", "sok", "--title",
       "Samenwerkingsovereenkomst Warmte Leidse regio", "--party", "GM0546", "--party", "GM0547",
       "--on", "2021-07-01")
    ok(url, "programme", "create", "WRL", "--name", "Warmtetransitie Regio Leiden",
       "--agreement", "WRL-SOK", "--start", "2021-09-01", "--end", "2022-12-31",
       "--value", "betaalbaarheid", "--value", "tijdigheid",
       "--mandate", "programmamanager:25000", "--mandate", "pho:250k",
       "--mandate", "college:unlimited", "--on", "2021-10-05")
    ok(url, "workstream", "add", "WRL/WS1", "--name", "Energiesysteem", "--on", "2021-10-05")
    ok(url, "workstream", "add", "WRL/WS2", "--name", "Warmtetransitie", "--on", "2021-10-05")
    return url


def test_programme_and_workstreams_are_listed_and_shown(db):
    listed = json.loads(ok(db, "programme", "list", "--json"))
    assert [p["code"] for p in listed] == ["WRL"]
    shown = json.loads(ok(db, "programme", "show", "wrl", "--json"))
    assert shown["mandates"] == {"programmamanager": "25000.00", "pho": "250000.00",
                                 "college": "unlimited"}
    assert shown["public_values"] == ["betaalbaarheid", "tijdigheid"]
    assert "Energiesysteem" in ok(db, "programme", "show", "WRL")
    ws = json.loads(ok(db, "workstream", "list", "WRL", "--json"))
    assert [w["code"] for w in ws] == ["WS1", "WS2"]


def test_a_topic_is_added_changed_and_shown_for_a_date(db):
    ok(db, "workstream", "topic", "WRL/WS1", "routekaart", "--name", "WLR routekaart",
       "--resultaat", "Plan realisatie ORES", "--status", "Te doen", "--on", "2021-10-05")
    ok(db, "workstream", "topic", "WRL/WS2", "wlq", "--name", "Overleg WLQ+",
       "--depends-on", "topic:WS1/routekaart", "--on", "2021-10-05")
    ok(db, "workstream", "status", "WRL/WS1/routekaart", "--status", "In uitvoering",
       "--plan", "Besluitvorming na verkiezingen", "--on", "2021-12-31", "--ref", "doc:Q4")
    now = json.loads(ok(db, "workstream", "show", "WRL/WS1/routekaart", "--json"))
    assert (now["status"], now["plan"]) == ("In uitvoering", "Besluitvorming na verkiezingen")
    assert len(now["history"]) == 2 and now["history"][1]["refs"] == ["doc:Q4"]
    earlier = json.loads(ok(db, "workstream", "show", "WRL/WS1/routekaart", "--json",
                            "--on", "2021-11-30"))
    assert earlier["status"] == "Te doen"
    ws2 = json.loads(ok(db, "workstream", "show", "WRL/WS2", "--json"))
    assert ws2["topics"][0]["dependencies"] == [{"on": "topic:WRL/WS1/routekaart",
                                                 "status": "In uitvoering"}]
    assert "onderwerp" in ok(db, "workstream", "show", "WRL/WS1")  # the table (wrapped at 80)


def test_the_budget_story_through_the_command_line(db):
    told = ok(db, "budget", "allocate", "--programme", "WRL", "--workstream", "WS1", "--year",
              "2021", "--amount", "€ 200.000,00", "--on", "2021-10-05")
    assert "toewijzing van € 200.000,00 aan begrotingspost WRL WS1 2021" in told
    ok(db, "budget", "allocate", "--programme", "WRL", "--workstream", "WS1", "--year", "2022",
       "--amount", "400k", "--on", "2021-10-05")
    out = json.loads(ok(db, "budget", "reserve", "--programme", "WRL", "--workstream", "WS1",
                        "--year", "2021", "--amount", "100k", "--purpose", "Interim team",
                        "--on", "2021-10-06", "--json"))
    assert out["reservation"] == "R1"
    told = ok(db, "budget", "spend", "--programme", "WRL", "--reservation", "R1", "--amount",
              "70k", "--reference", "factuur:OM-1", "--on", "2021-11-30")
    assert ("besteding van € 70.000,00 ten laste van reservering R1 op begrotingspost WRL WS1 "
            "2021 (factuur:OM-1)") in told
    told = ok(db, "budget", "release", "R1", "--programme", "WRL", "--on", "2021-12-31")
    assert "vrijgave van € 30.000,00 uit reservering R1 op begrotingspost WRL WS1 2021" in told
    ok(db, "decision", "record", "PM-1", "--body", "programmamanager:WRL", "--title",
       "Doorschuiven", "--datum", "2021-12-01")
    told = ok(db, "budget", "shift", "--programme", "WRL", "--amount", "20k", "--decision", "PM-1",
              "--from", "WS1", "--from-year", "2021", "--to-year", "2022", "--on", "2021-12-02")
    assert ("verschuiving van € 20.000,00 van begrotingspost WRL WS1 2021 naar WRL WS1 2022, "
            "op besluit PM-1") in told
    passed = ok(db, "budget", "assert", "--programme", "WRL", "--workstream", "WS1", "--column",
                "begroot", "--year", "2021", "--amount", "200k", "--document", "Q4",
                "--on", "2021-12-31")
    assert "controle A1 (WS1 begroot 2021 per 31 december 2021, Q4): klopt" in passed
    failed = ok(db, "budget", "assert", "--programme", "WRL", "--column", "budget-volgend-jaar",
                "--year", "2021", "--amount", "400k", "--document", "Q4", "--on", "2021-12-31")
    assert "WIJKT AF" in failed and "€ 420.000,00" in failed
    status = runner.invoke(app, ["--db", db, "status"])
    assert "controle A2" in status.output
    told = ok(db, "budget", "accept", "A2", "--programme", "WRL", "--reason", "Drukfout",
              "--on", "2022-01-20")
    assert "aanvaarding van controle A2 met haar verschil van -€ 20.000,00" in told
    assert "Problemen geen" in " ".join(ok(db, "status").split())
    view = json.loads(ok(db, "budget", "show", "--programme", "WRL", "--year", "2021",
                         "--on", "2021-12-31", "--json"))
    ws1 = view["rows"][0]
    assert (ws1["totaal_begroot"], ws1["begroot"], ws1["benut"], ws1["budget_volgend_jaar"],
            ws1["reservering"], ws1["vrij"]) == ("600000.00", "200000.00", "70000.00",
                                                 "420000.00", "0.00", "110000.00")
    table = ok(db, "budget", "show", "--programme", "WRL", "--year", "2021", "--on", "2021-12-31")
    assert "Financiën WRL 2021 (per 31 december 2021)" in table
    assert "Controles van gedrukte bedragen" in table and "€ 420.000" in table
    assert "31-12-2021" in table  # dates in tables: short, Dutch


def test_a_confirmation_states_what_was_stored_not_what_was_typed(db):
    ok(db, "budget", "allocate", "--programme", "wrl", "--workstream", "ws1", "--year", "2021",
       "--amount", "10k", "--on", "2021-10-05")
    told = ok(db, "budget", "reserve", "--programme", "WRL", "--workstream", "WS1", "--year",
              "2021", "--amount", "1,5", "--purpose", "Koffie", "--id", "R14",
              "--on", "2021-10-06")
    assert "reservering R14 van € 1,50 op begrotingspost WRL WS1 2021" in told
    assert re.search(r"\(\w+ #\d+\)", told)  # the position it was recorded at
    told = ok(db, "budget", "spend", "--programme", "WRL", "--workstream", "WS1", "--year",
              "2021", "--amount", "3000", "--reference", "factuur:F-9", "--on", "2021-10-07")
    assert "besteding van € 3.000,00 op begrotingspost WRL WS1 2021 (factuur:F-9)" in told
    english = ok(db, "--lang", "en", "budget", "reserve", "--programme", "WRL", "--workstream",
                 "WS1", "--year", "2021", "--amount", "2,25", "--purpose", "Thee", "--id", "R15",
                 "--on", "2021-10-08")
    assert "reservation R15 of €2.25 on budget line WRL WS1 2021" in english


def test_funding_is_recorded_per_party(db):
    ok(db, "budget", "fund", "--programme", "WRL", "--kind", "gemeenten", "--share",
       "GM0546:120000", "--year", "2021", "--on", "2021-10-05")
    view = json.loads(ok(db, "budget", "show", "--programme", "WRL", "--json", "--on",
                         "2021-12-31"))
    assert view["funding"]["by_party"] == {"GM0546": "120000.00"}


def test_funding_by_the_agreements_verdeelsleutel(db):
    refused = runner.invoke(app, ["--db", db, "budget", "fund", "--programme", "WRL",
                                  "--amount", "100,01", "--by-agreement", "--on", "2021-10-01"])
    assert refused.exit_code == 1 and "zij is nog een concept" in refused.output
    for cbs in ("GM0546", "GM0547"):
        ok(db, "decision", "record", f"BW-{cbs}", "--body", f"college:{cbs}", "--title",
           "Aangaan SOK", "--datum", "2021-10-05")
        ok(db, "agreement", "sign", "WRL-SOK", "--party", cbs, "--decision", f"BW-{cbs}",
           "--datum", "2021-10-05")
    before = count(db)
    told = ok(db, "budget", "fund", "--programme", "WRL", "--amount", "100,01", "--by-agreement",
              "--on", "2021-10-05")
    assert "WRL-SOK" in told and "€ 50,01" in told
    assert count(db) == before + 2  # the budget opened, the funding
    view = json.loads(ok(db, "budget", "show", "--programme", "WRL", "--json", "--on",
                         "2021-12-31"))
    assert view["funding"]["by_party"] == {"GM0546": "50.01", "GM0547": "50.00"}
    assert view["funding"]["sources"][0]["agreement"] == "WRL-SOK"


@pytest.mark.parametrize("args,message", [
    (["budget", "allocate", "--programme", "WRL", "--workstream", "WS1", "--year", "2021",
      "--amount", "1,500", "--on", "2021-10-05"], "op twee manieren te lezen"),
    (["budget", "spend", "--programme", "WRL", "--workstream", "WS1", "--amount", "10k",
      "--reference", "factuur:1", "--on", "2021-10-05"], "onder nul"),
    (["budget", "shift", "--programme", "WRL", "--amount", "10k", "--decision", "NOPE",
      "--from", "WS1", "--from-year", "2021", "--to", "WS2"], "het grootboek kent dit besluit niet"),
    (["budget", "assert", "--programme", "WRL", "--column", "uitgaven", "--amount", "1k",
      "--document", "Q4"], "is geen kolom"),
    (["programme", "create", "X", "--name", "X", "--agreement", "WRL-SOK", "--start",
      "2022-01-01", "--end", "2021-01-01"], "vóór het begint"),
    (["programme", "create", "X", "--name", "X", "--agreement", "WRL-DVO", "--start",
      "2022-01-01", "--end", "2022-12-31"],
     "Programma X kan niet onder overeenkomst WRL-DVO vallen: het grootboek kent die"),
    (["workstream", "add", "WRL-WS1", "--name", "X"], "noemt geen werkstroom"),
    (["workstream", "status", "WRL/WS1/nope", "--status", "x"], "geen onderwerp 'WRL/WS1/nope'"),
    (["budget", "show", "--programme", "NOPE"], "geen programma 'NOPE'"),
])
def test_refusals_exit_1_with_a_sentence_and_write_nothing(db, args, message):
    before = count(db)
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert count(db) == before


def test_status_on_the_demo_tells_the_truth_about_every_assertion(tmp_path):
    url = f"sqlite:///{tmp_path}/demo.db"
    ok(url, "demo", "--output-dir", str(tmp_path / "out"))
    again = ok(url, "demo", "--output-dir", str(tmp_path / "out"))  # it can be built twice
    assert "Demogrootboek" in again
    status = json.loads(ok(url, "status", "--json"))
    budget_problems = [p for p in status["problems"] if p.startswith("begroting ")]
    assert len(budget_problems) == 1
    assert "Q4-2021-TOTAAL-BUDGET-VOLGEND-JAAR" in budget_problems[0]
    view = json.loads(ok(url, "budget", "show", "--programme", "WRL", "--year", "2021",
                         "--on", "2021-12-31", "--json"))
    states = [a["state"] for a in view["assertions"]]
    assert states.count("pass") == 24 and states.count("fail") == 1

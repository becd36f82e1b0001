"""The demo examples build; those with a programme print their kwartaalrapportage and write their
dashboard, the RES-NML example names the commands that show its plustaak. The description of
each lives in its import file, not in code."""

import json

import pytest
from typer.testing import CliRunner

from commands.main import app
from ledger.demo import example, examples
from ledger.errors import InvalidInput

runner = CliRunner()


def test_the_examples_are_the_files_beside_the_demo_module():
    assert set(examples()) == {"leidse-regio", "denhaag", "res-nml"}
    assert (example().programme, example().quarter) == ("WRL", "2021Q4")
    assert (example("denhaag").programme, example("denhaag").quarter) == ("DH", "2024Q4")
    assert (example("res-nml").programme, example("res-nml").quarter) == (None, None)
    with pytest.raises(InvalidInput, match="Er is geen demovoorbeeld 'nope'"):
        example("nope")


@pytest.mark.parametrize("name, files, title", [
    ("leidse-regio", ("kwartaalrapportage-WRL-2021Q4.md", "dashboard-WRL.html"),
     "Voortgangsrapportage Warmtetransitie Regio Leiden"),
    ("denhaag", ("kwartaalrapportage-DH-2024Q4.md", "dashboard-DH.html"),
     "Voortgangsrapportage Bronnenstrategie Den Haag"),
])
def test_each_demo_builds_reports_and_writes_its_dashboard(tmp_path, name, files, title):
    url = f"sqlite:///{tmp_path}/demo.db"
    result = runner.invoke(app, ["--db", url, "demo", "--example", name, "--output-dir",
                                 str(tmp_path / "out")], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert title in result.output and "Indicatoren (uit het grootboek)" in result.output
    report, board = (tmp_path / "out" / f for f in files)
    assert report.read_text(encoding="utf-8").startswith(f"# {title}")
    assert 'data-chart="indicator-' in board.read_text(encoding="utf-8")
    again = runner.invoke(app, ["--db", url, "demo", "--example", name, "--output-dir",
                                str(tmp_path / "out")])
    assert again.exit_code == 0, again.output  # re-running the same demo is safe


def test_one_demo_does_not_write_into_the_other(tmp_path):
    url = f"sqlite:///{tmp_path}/demo.db"
    assert runner.invoke(app, ["--db", url, "demo", "--example", "denhaag", "--output-dir",
                               str(tmp_path / "out")]).exit_code == 0
    other = runner.invoke(app, ["--db", url, "demo", "--output-dir", str(tmp_path / "out")])
    assert other.exit_code == 1 and "bevat andere gegevens" in other.output


def test_programme_and_budget_show_footnote_what_the_demo_assumed(tmp_path):
    url = f"sqlite:///{tmp_path}/demo.db"
    assert runner.invoke(app, ["--db", url, "demo", "--output-dir",
                               str(tmp_path / "out")]).exit_code == 0
    shown = runner.invoke(app, ["--db", url, "programme", "show", "WRL"],
                          env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert "Programma WRL [aanname 1]" in shown.output
    assert "Aanname 1: niet uit de bron" in shown.output and "mandaatgrenzen" in shown.output
    budget = runner.invoke(app, ["--db", url, "budget", "show", "--programme", "WRL", "--on",
                                 "2021-12-31"], env={"COLUMNS": "200"})
    assert budget.exit_code == 0, budget.output
    assert "[aanname 1]" in budget.output
    assert "de bron geeft alleen de totalen per werkstroom" in " ".join(budget.output.split())


def test_decision_and_agreement_lists_footnote_what_the_demo_assumed(tmp_path):
    url = f"sqlite:///{tmp_path}/demo.db"
    assert runner.invoke(app, ["--db", url, "demo", "--output-dir",
                               str(tmp_path / "out")]).exit_code == 0
    decisions = runner.invoke(app, ["--db", url, "decision", "list", "--on", "2024-06-01"],
                              env={"COLUMNS": "250"})
    assert decisions.exit_code == 0, decisions.output
    assert "BW-GM0546-2021-10-05-WRL [aanname" in decisions.output
    assert "VS-RAAD-2019-01-31-ROUTEKAART [" not in decisions.output  # sourced: no marker
    nml = f"sqlite:///{tmp_path}/res-nml.db"
    assert runner.invoke(app, ["--db", nml, "demo", "--example", "res-nml"]).exit_code == 0
    decisions = runner.invoke(app, ["--db", nml, "decision", "list", "--on", "2024-06-01"],
                              env={"COLUMNS": "250"})
    assert decisions.exit_code == 0, decisions.output
    assert "BW-GM0983-2023-12-12-RES [aanname" in decisions.output
    assert "alleen Venlo als centrumgemeente" in " ".join(decisions.output.split())
    shown = runner.invoke(app, ["--db", nml, "agreement", "show", "RES-NML", "--on",
                                "2024-06-01"], env={"COLUMNS": "250"})
    assert shown.exit_code == 0, shown.output
    assert "Overeenkomst RES-NML [aanname 1]" in shown.output


def test_the_leidse_regio_demo_holds_only_the_leidse_regio(tmp_path):
    url = f"sqlite:///{tmp_path}/demo.db"
    assert runner.invoke(app, ["--db", url, "demo", "--output-dir",
                               str(tmp_path / "out")]).exit_code == 0
    parties = json.loads(runner.invoke(app, ["--db", url, "--json", "party", "list"]).output)
    assert {p["name"] for p in parties if p["kind"] == "gemeente"} == {
        "Leiden", "Leiderdorp", "Katwijk", "Oegstgeest", "Voorschoten", "Zoeterwoude"}
    agreements = json.loads(runner.invoke(app, ["--db", url, "--json", "agreement", "list",
                                                 "--on", "2024-06-01"]).output)
    assert sorted(a["key"] for a in agreements) == ["WRL-DVO", "WRL-SOK"]


def test_the_res_nml_demo_tells_its_plustaak_story(tmp_path):
    """Ten Limburg gemeenten in a centrumregeling, three of them in a plustaak that extends it;
    the demo prints no kwartaalrapportage (it has no programme) but the commands that show it."""
    url = f"sqlite:///{tmp_path}/res-nml.db"
    result = runner.invoke(app, ["--db", url, "demo", "--example", "res-nml", "--output-dir",
                                 str(tmp_path / "out")], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Demogrootboek (RES Noord- en Midden-Limburg" in result.output
    assert f"ledger --db {url} agreement show RES-NML-PLUS-WARMTE --on 2024-06-01" \
        in result.output
    assert not (tmp_path / "out").exists()
    for line in example("res-nml").try_:  # every command it names works on it
        shown = runner.invoke(app, ["--db", url, *line.split()])
        assert shown.exit_code == 0, (line, shown.output)
    regeling = json.loads(runner.invoke(app, ["--db", url, "--json", "agreement", "show",
                                              "RES-NML", "--on", "2024-06-01"]).output)
    assert regeling["kind"] == "centrumregeling" and len(regeling["parties"]) == 10
    plustaak = json.loads(runner.invoke(app, ["--db", url, "--json", "agreement", "list",
                                              "--kind", "plustaak", "--on", "2024-06-01"]).output)
    assert [(a["key"], a["extends"], a["status"]) for a in plustaak] == [
        ("RES-NML-PLUS-WARMTE", "RES-NML", "in werking")]
    again = runner.invoke(app, ["--db", url, "--json", "demo", "--example", "res-nml"])
    assert again.exit_code == 0 and json.loads(again.output)["imported"]["written"] == 0


def test_a_demo_ledger_built_by_an_earlier_version_is_named_as_such_and_left_alone(tmp_path):
    """A user who built the demo before pulling a version whose demo commands changed: the demo
    says so in one sentence (not a command-id refusal at some line) and writes nothing."""
    from ledger.application import init_store, open_ledger
    from ledger.demo import example
    from ledger.importer import run_import
    from ledger.storage import RawLog

    old = tmp_path / "earlier-demo.yaml"
    text = example().file.read_text(encoding="utf-8")
    changed = text.replace("title: Samenwerkingsovereenkomst Warmte Leidse regio,",
                           "title: Samenwerkingsovereenkomst Warmte (eerdere versie),", 1)
    assert changed != text
    old.write_text(changed, encoding="utf-8")
    url = f"sqlite:///{tmp_path}/demo.db"
    store = init_store(url)
    ledger = open_ledger(store)
    run_import(ledger, old, actor="demo")
    ledger.close()
    with RawLog(store) as raw:
        before = raw.count_and_max()
    result = runner.invoke(app, ["--db", url, "demo", "--output-dir", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "bevat deze demo zoals een eerdere versie van het grootboek hem bouwde" in \
        " ".join(result.output.split())
    assert "mv ledger.db" in result.output and "Traceback" not in result.output
    with RawLog(store) as raw:
        assert raw.count_and_max() == before
    assert not (tmp_path / "out").exists()

"""Both demo examples build, print their kwartaalrapportage and write their dashboard; the
description of each lives in its import file, not in code."""

import pytest
from typer.testing import CliRunner

from commands.main import app
from ledger.demo import example, examples
from ledger.errors import InvalidInput

runner = CliRunner()


def test_the_examples_are_the_files_beside_the_demo_module():
    assert set(examples()) == {"leidse-regio", "denhaag"}
    assert (example().programme, example().quarter) == ("WRL", "2021Q4")
    assert (example("denhaag").programme, example("denhaag").quarter) == ("DH", "2024Q4")
    with pytest.raises(InvalidInput, match="There is no demo example 'nope'"):
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
    assert other.exit_code == 1 and "holds other records" in other.output


def test_programme_and_budget_show_footnote_what_the_demo_assumed(tmp_path):
    url = f"sqlite:///{tmp_path}/demo.db"
    assert runner.invoke(app, ["--db", url, "demo", "--output-dir",
                               str(tmp_path / "out")]).exit_code == 0
    shown = runner.invoke(app, ["--db", url, "programme", "show", "WRL"],
                          env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert "Programme WRL [aanname 1]" in shown.output
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
    assert "BW-GM0983-2023-12-12-RES [aanname" in decisions.output
    assert "VS-RAAD-2019-01-31-ROUTEKAART [" not in decisions.output  # sourced: no marker
    assert "alleen Venlo als centrumgemeente" in " ".join(decisions.output.split())
    shown = runner.invoke(app, ["--db", url, "agreement", "show", "RES-NML", "--on",
                                "2024-06-01"], env={"COLUMNS": "250"})
    assert shown.exit_code == 0, shown.output
    assert "Overeenkomst RES-NML [aanname 1]" in shown.output


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
    assert "holds this demo as an earlier version of the ledger built it" in result.output
    assert "mv ledger.db" in result.output and "Traceback" not in result.output
    with RawLog(store) as raw:
        assert raw.count_and_max() == before
    assert not (tmp_path / "out").exists()

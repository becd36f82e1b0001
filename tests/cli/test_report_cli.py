"""`ledger report` end to end on the demo: every format, issuing, diff, dashboard, refusals."""

import json

import pytest
from typer.testing import CliRunner

from commands.main import app
from ledger.storage import RawLog, parse_url

runner = CliRunner()


def run(*args):
    return runner.invoke(app, list(args), env={"COLUMNS": "200"})


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    d = tmp_path_factory.mktemp("demo")
    url = f"sqlite:///{d}/demo.db"
    result = run("--db", url, "demo", "--output-dir", str(d / "out"), "--json")
    assert result.exit_code == 0, result.output
    return url, d


def count(url):
    with RawLog(parse_url(url)) as raw:
        return raw.count_and_max()[0]


def test_the_demo_writes_its_report_and_dashboard(demo):
    url, d = demo
    assert (d / "out" / "kwartaalrapportage-WRL-2021Q4.md").read_text().startswith(
        "# Voortgangsrapportage Warmtetransitie Regio Leiden")
    assert "<svg" in (d / "out" / "dashboard-WRL.html").read_text()


@pytest.mark.parametrize("fmt,start", [("markdown", "# Voortgangsrapportage"),
                                       ("html", "<!DOCTYPE html>"), ("json", "{"),
                                       ("csv", "Werkstroom;Totaal begroot")])
def test_every_format(demo, tmp_path, fmt, start):
    url, _ = demo
    out = tmp_path / f"report.{fmt}"
    result = run("--db", url, "report", "quarterly", "--programme", "WRL", "--quarter", "2021Q4",
                 "--format", fmt, "--output", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith(start)


def test_the_terminal_report_ends_with_the_fingerprint_and_the_checkpoint(demo):
    url, _ = demo
    result = run("--db", url, "report", "quarterly", "--programme", "wrl", "--quarter", "2021Q4",
                 "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "Progress report Warmtetransitie Regio Leiden" in result.output
    tail = " ".join(result.output.splitlines()[-10:])
    assert "Ledger fingerprint: " in tail
    assert "Checkpoint at issue: tree size " in tail
    assert "the ledger had no signing key when the report was issued" in tail
    assert "ledger audit check FILE --size " in tail


def test_list_and_diff_of_the_issued_report(demo):
    url, _ = demo
    listed = json.loads(run("--db", url, "report", "list", "--json").output)
    assert [r["key"] for r in listed] == ["WRL-2021Q4"]
    d = json.loads(run("--db", url, "report", "diff", "WRL-2021Q4", "--json").output)
    assert d["data"]["reproduced"] is True


def test_the_dashboard_command(demo, tmp_path):
    url, _ = demo
    out = tmp_path / "d.html"
    result = run("--db", url, "report", "dashboard", "--programme", "WRL", "--on", "2021-12-31",
                 "--output", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text().count('data-chart="') == 5  # budget, spending, topics, routekaart, one indicator


@pytest.mark.parametrize("args,message", [
    (["report", "quarterly", "--programme", "WRL", "--quarter", "2021Q5"], "geen kwartaal"),
    (["report", "quarterly", "--programme", "WRL", "--quarter", "2021Q4", "--format", "odt"],
     "is geen vorm van een rapport"),
    (["report", "quarterly", "--programme", "WRL", "--quarter", "2021Q4", "--lang", "de"],
     "geen taal"),
    (["report", "quarterly", "--programme", "XYZ", "--quarter", "2021Q4"], "geen programma 'XYZ'"),
    (["report", "diff", "NOPE"], "Er is geen rapport 'NOPE' verzonden."),
    (["report", "diff", "WRL-2021Q4", "--format", "odt"], "'odt' is geen vorm van een rapport."),
    (["report", "issue", "--programme", "WRL", "--quarter", "2021Q4"], "is al uitgebracht"),
    (["report", "issue", "--programme", "WRL", "--quarter", "2022Q1", "--to", "raad:GM9999"],
     "geen partij 'GM9999'"),
    (["report", "issue", "--programme", "WRL", "--quarter", "2022Q1", "--to", "gemeente"],
     "geen bestuursorgaan"),
])
def test_refusals_write_nothing(demo, args, message):
    url, _ = demo
    before = count(url)
    result = run("--db", url, *args)
    assert result.exit_code == 1, result.output
    assert message in result.output and "Traceback" not in result.output
    assert count(url) == before


@pytest.mark.parametrize("args", [
    ["report", "quarterly", "--programme", "WRL", "--quarter", "2021Q4", "--format", "markdown"],
    ["report", "quarterly", "--programme", "WRL", "--quarter", "2021Q4", "--format", "pdf"],
    ["routekaart", "show", "VS-RK", "--format", "html"],
])
def test_a_file_that_cannot_be_written_is_refused_in_one_sentence(demo, tmp_path, args):
    url, _ = demo
    target = tmp_path / "no-such-folder" / "rapport.out"
    before = count(url)
    result = run("--db", url, *args, "--output", str(target))
    assert result.exit_code == 1, result.output
    assert f"Fout: {target} kan niet worden geschreven: de map bestaat niet." in " ".join(
        result.output.split()) and "Traceback" not in result.output
    assert not target.exists() and count(url) == before

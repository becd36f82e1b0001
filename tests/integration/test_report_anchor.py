"""Reports anchored in a checkpoint, on both databases.

The demo ledger is imported with the ledger's signing key given, so its kwartaalrapportage is
issued with a signed checkpoint. Then:

- the issue event carries the tree's size and root at the position the report was made from, and
  the signed note says the same;
- every figure's listed positions are exactly the events behind it: the figure recomputed through
  its view from only those events is the printed figure, and leaving out any one of them changes
  it (every finance cell, every event; a sample of the other sections);
- the done-when of issue 16: someone holding only the report's checkpoint (its size and root, as
  the report prints them) and the files `ledger report prove` wrote checks with `ledger audit
  check`, in a process that reaches no ledger and no database, that a named decision is in that
  ledger and that today's ledger extends it; the same files fail against another checkpoint.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from commands.main import app
from ledger.application import init_store, open_ledger
from ledger.demo import DEMO_FILE
from ledger.importer import run_import
from ledger.note import Checkpoint, Signer, read_checkpoint
from ledger.proofs import Prover
from ledger.rules.finance import finance
from ledger.storage import RawLog, parse_url
from projections import budget as budget_view
from projections import decisions as decisions_view
from projections import indicators as indicators_view
from projections import programme as programme_view
from projections.anchoring import FINANCE, TOTAL, ranges
from projections.journal import catch_up
from projections.quarterly import quarterly
from projections.reading import Horizon, Reader
from projections.report_diff import issued_reports
from projections.tables import create_tables
from tests.conftest import _drop, _pg_store

ORIGIN = "ledger.leidse-regio.example/wrl"
REPORT = "WRL-2021Q4"
DECISION = "WRL-PHO-2021-02"
LEDGER = str(Path(sys.executable).with_name("ledger"))
runner = CliRunner()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def demo(request, tmp_path_factory):
    """The demo ledger, its report issued while the ledger's key was given, and later events."""
    d = tmp_path_factory.mktemp("anchor")
    store = (parse_url(f"sqlite:///{d}/ledger.db") if request.param == "sqlite"
             else _pg_store())
    signer = Signer.generate(ORIGIN)
    (d / "key").write_text(str(signer) + "\n")
    (d / "key.pub").write_text(str(signer.verifier()) + "\n")
    before = os.environ.get("LEDGER_KEY_FILE")
    os.environ["LEDGER_KEY_FILE"] = str(d / "key")
    try:
        init_store(store)
        ledger = open_ledger(store)
        run_import(ledger, DEMO_FILE, actor="secretariaat-wrl")
        # Today's ledger goes on after the report: a party registered later.
        from tests.conftest import env

        ledger.party_add(env("2022-02-01"), kind="provincie", name="Zuid-Holland", key="PV28")
        ledger.close()
    finally:
        if before is None:
            os.environ.pop("LEDGER_KEY_FILE", None)
        else:
            os.environ["LEDGER_KEY_FILE"] = before
    yield store, d, signer
    if store.kind == "postgresql":
        _drop(store)


def reader(store, horizon: Horizon = Horizon()) -> Reader:
    ledger = open_ledger(store)
    try:
        create_tables(store)
        catch_up(ledger)
    finally:
        ledger.close()
    return Reader(store, horizon)


def issued(store) -> dict:
    return issued_reports(reader(store))[REPORT]


def as_issued(store):
    """The report rebuilt at its own horizon, and a reader there."""
    r = issued(store)
    at = reader(store, Horizon(date.fromisoformat(r["on"]), int(r["as_of_position"])))
    return quarterly(at, r["programme"], r["quarter"], lang=r["lang"],
                     fingerprint=r["fingerprint"], datum=date.fromisoformat(r["datum"])), at


def cli(store, *args: str, code: int = 0):
    result = runner.invoke(app, ["--db", store.url, *args])
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result


def offline(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`ledger audit check` where no ledger and no database can be reached: an empty folder, no
    ledger file in it, and LEDGER_DB naming a server that does not answer."""
    bare = {"PATH": os.environ.get("PATH", ""), "HOME": str(cwd), "LEDGER_LANG": "nl",
            "LEDGER_DB": "postgresql://nobody@127.0.0.1:9/nothing"}
    return subprocess.run([LEDGER, "audit", "check", *args], capture_output=True, text=True,
                          cwd=cwd, env=bare, timeout=120)


# --- the checkpoint an issued report carries -------------------------------------------------

def test_the_issue_records_the_tree_at_the_reports_position_signed(demo):
    store, _d, signer = demo
    r = issued(store)
    with RawLog(store) as raw:
        prover = Prover(raw)
        size = prover.size_at(int(r["as_of_position"]))
        root = base64.b64encode(prover.tree.root(size)).decode()
        assert prover.position_of_leaf(size - 1) == int(r["as_of_position"])
    assert (r["tree_size"], r["tree_root"], r["hash_form"]) == (size, root, "data")
    cp, note = read_checkpoint(r["checkpoint"], signer.verifier())
    assert (cp.origin, cp.size, base64.b64encode(cp.root).decode()) == (ORIGIN, size, root)
    assert note.signed_by(signer.verifier()) is True


def test_every_format_of_the_report_prints_its_checkpoint(demo, tmp_path):
    store, _d, _signer = demo
    r = issued(store)
    for fmt in ("markdown", "html", "json"):
        out = tmp_path / f"report.{fmt}"
        cli(store, "report", "quarterly", "--programme", "WRL", "--quarter", "2021Q4",
            "--format", fmt, "--output", str(out))
        text = out.read_text(encoding="utf-8")
        assert str(r["tree_size"]) in text and r["tree_root"] in text, fmt
        assert "ondertekend met de sleutel van " + ORIGIN in text, fmt
    data = json.loads((tmp_path / "report.json").read_text())["data"]
    assert data["anchor"]["checkpoint"] == r["checkpoint"]
    terminal = cli(store, "report", "quarterly", "--programme", "WRL", "--quarter", "2021Q4")
    flat = " ".join(terminal.output.split())
    assert f"boomomvang {r['tree_size']}" in flat and r["tree_root"] in flat
    assert all(len(line) <= 80 for line in terminal.output.splitlines())


# --- the positions are exactly the events behind each figure ---------------------------------

def _finance_from(entries, code: str, year: int, on: date, codes: list[str]) -> dict:
    state = budget_view.empty()
    for e in entries:
        budget_view.apply(state, e)
    movements = (state["budgets"].get(code) or {"movements": []})["movements"]
    view = finance(movements, year, on, codes)
    return {**{r["workstream"]: r for r in view["rows"]}, TOTAL: view["totals"]}


def test_every_finance_figure_is_the_sum_of_exactly_its_listed_events(demo):
    store, _d, _signer = demo
    doc, at = as_issued(store)
    data = doc.data
    code, year, on = data["programme"], data["finance"]["year"], data["on"]
    printed = {r["workstream"]: r for r in data["finance"]["rows"]}
    printed[TOTAL] = data["finance"]["totals"]
    codes = [r["workstream"] for r in data["finance"]["rows"]]
    entries = list(at.entries(keys=[("programme", code), ("budget", code)]))
    positions = data["positions"]
    checked = dropped = 0
    for ws in printed:
        for column in FINANCE:
            listed = set(positions[f"finance/{ws}/{column}"])
            assert listed <= {e.position for e in entries}
            only = [e for e in entries if e.kind == "programme" or e.position in listed]
            assert _finance_from(only, code, year, on, codes)[ws][column] == printed[ws][column]
            for p in listed:  # leaving out any listed event changes the figure
                without = [e for e in only if e.position != p]
                assert _finance_from(without, code, year, on, codes)[ws][column] != \
                    printed[ws][column], (ws, column, p)
                dropped += 1
            checked += 1
    assert checked == len(printed) * len(FINANCE) and dropped > 100
    # And the figures are not empty claims: the demo's budget stands on its events.
    assert positions[f"finance/{TOTAL}/totaal_begroot"]
    assert printed[TOTAL]["totaal_begroot"] == Decimal(2_000_000)


def test_a_topic_row_is_its_events(demo):
    store, _d, _signer = demo
    doc, at = as_issued(store)
    positions = doc.data["positions"]
    for t in doc.data["topics"]:
        if t["dependencies"]:
            continue  # its status also reads other aggregates
        listed = positions[f"topic/{t['key']}"]
        only = [e for e in at.entries(kinds=("topic",), key_in=[t["key"]])
                if e.position in listed]
        state = programme_view.empty()
        for e in only:
            programme_view.apply(state, e)
        again = state["topics"][t["key"]]
        assert {f: again.get(f) for f in programme_view.FIELDS} == \
            {f: t[f] for f in programme_view.FIELDS}
        if len(only) > 1:  # the last change left out: some field reads otherwise
            state = programme_view.empty()
            for e in only[:-1]:
                programme_view.apply(state, e)
            assert {f: state["topics"][t["key"]].get(f) for f in programme_view.FIELDS} != \
                {f: t[f] for f in programme_view.FIELDS}


def test_an_indicator_row_is_its_events(demo):
    store, _d, _signer = demo
    doc, at = as_issued(store)
    on = doc.data["on"]
    for key, progress in doc.data["indicators"].items():
        listed = doc.data["positions"][f"indicator/{key}"]
        entries = [e for e in at.entries(kinds=("indicator",), key_in=[key])]
        only = [e for e in entries if e.position in listed]
        state = indicators_view.empty()
        for e in only:
            indicators_view.apply(state, e)
        assert indicators_view.progress(state[key], on) == progress
        # Without the latest actual the row reads otherwise.
        latest = max(e.position for e in only if e.event == "Measured")
        state = indicators_view.empty()
        for e in only:
            if e.position != latest:
                indicators_view.apply(state, e)
        assert indicators_view.progress(state[key], on) != progress


def test_a_decision_row_is_its_events(demo):
    store, _d, _signer = demo
    doc, at = as_issued(store)
    listed = doc.data["positions"][f"decision/{DECISION}"]
    shown = next(d for d in doc.data["decisions"] if d["identificatie"] == DECISION)
    only = [e for e in at.entries(kinds=("decision",), valid=False, order="log",
                                  key_in=[DECISION]) if e.position in listed]
    assert [e.position for e in only] == listed
    state: dict = {}
    for e in only:
        decisions_view.apply(state, e)
    assert decisions_view.with_status(state[DECISION], doc.data["on"])["status"] == \
        shown["status"]
    state = {}
    for e in only[:-1]:  # its last ratification left out: not yet in force
        decisions_view.apply(state, e)
    assert decisions_view.with_status(state[DECISION], doc.data["on"])["status"] != \
        shown["status"]


def test_the_narrative_parts_are_the_events_that_wrote_them(demo):
    store, _d, _signer = demo
    doc, at = as_issued(store)
    for part, values in doc.data["narrative"].items():
        [position] = doc.data["positions"][f"narrative/{part}"]
        [e] = [e for e in at.entries(kinds=("narrative",)) if e.position == position]
        assert (e.payload["part"], e.payload.get("text") or "") == (part, values["text"])


def test_the_positions_are_within_the_reports_checkpoint_and_the_appendix_summarises_them(demo):
    store, _d, _signer = demo
    doc, _at = as_issued(store)
    upto = doc.data["as_of_position"]
    assert all(p <= upto for v in doc.data["positions"].values() for p in v)
    [appendix] = [s for s in doc.sections if s.title.startswith("Bijlage")]
    finance_rows = {r[0]: r for t in appendix.tables if t.key == "positions-finance"
                    for r in t.rows}
    ws1 = sorted({p for k, v in doc.data["positions"].items() if k.startswith("finance/WS1/")
                  for p in v})
    assert finance_rows["Financiën: werkstroom WS1"][1] == len(ws1)
    assert ranges([3, 4, 5, 9, 11, 12]) == "#3-5, #9, #11-12"
    assert ranges(range(1, 40, 2), 2, "en nog {n}") == "#1, #3 en nog 18"


# --- the done-when: a checkpoint, a proof file, and nothing else -------------------------------

@pytest.fixture(scope="module")
def proofs(demo, tmp_path_factory):
    store, d, _signer = demo
    out = tmp_path_factory.mktemp("proofs")
    result = runner.invoke(app, ["--db", store.url, "report", "prove", REPORT, "--decision",
                                 DECISION, "--figure", "finance/WS1/benut", "--out", str(out),
                                 "--key-file", str(d / "key")])
    assert result.exit_code == 0, result.output
    return out


def test_a_named_decision_is_proved_in_the_reports_ledger_offline(demo, proofs, tmp_path):
    store, d, _signer = demo
    r = issued(store)
    index = json.loads((proofs / "index.json").read_text())
    files = index["figures"][f"decision/{DECISION}"]
    assert files and index["tree_size"] == r["tree_size"]
    (tmp_path / "key.pub").write_text((d / "key.pub").read_text())
    held = ["--size", str(r["tree_size"]), "--root", r["tree_root"], "--key",
            str(tmp_path / "key.pub")]
    seen = []
    for name in files:
        (tmp_path / name).write_text((proofs / name).read_text())
        done = offline(name, *held, cwd=tmp_path)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "Geldig: gebeurtenis #" in done.stdout
        assert f"van de {r['tree_size']} gebeurtenissen van {ORIGIN}" in done.stdout
        seen.append(json.loads(offline(name, *held, "--json", cwd=tmp_path).stdout)["event"])
    # The decision's recording names it; its ratifications are events of the same aggregate.
    assert (seen[0]["topic"].rsplit(".", 1)[-1], seen[0]["key"]) == ("Recorded", DECISION)
    assert f"(Decision.Recorded {DECISION})" in offline(files[0], *held, cwd=tmp_path).stdout
    assert {e["aggregate_id"] for e in seen} == {seen[0]["aggregate_id"]}
    first = json.loads((proofs / files[0]).read_text())
    assert first["checkpoint"] == r["checkpoint"]  # the very note the report carries


def test_todays_ledger_extends_the_reports_checkpoint_offline(demo, proofs, tmp_path):
    store, d, _signer = demo
    r = issued(store)
    (tmp_path / "key.pub").write_text((d / "key.pub").read_text())
    (tmp_path / "consistency.json").write_text((proofs / "consistency.json").read_text())
    done = offline("consistency.json", "--size", str(r["tree_size"]), "--root", r["tree_root"],
                   "--key", str(tmp_path / "key.pub"), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    with RawLog(store) as raw:
        today = Prover(raw).size()
    assert today > r["tree_size"]
    flat = " ".join(done.stdout.split())
    assert f"met {today} gebeurtenissen" in flat
    assert f"bouwt voort op zijn {r['tree_size']} gebeurtenissen" in flat


def test_a_proof_against_another_checkpoint_fails(demo, proofs, tmp_path):
    store, d, signer = demo
    r = issued(store)
    (tmp_path / "key.pub").write_text((d / "key.pub").read_text())
    name = json.loads((proofs / "index.json").read_text())["figures"][f"decision/{DECISION}"][0]
    (tmp_path / name).write_text((proofs / name).read_text())
    # The same ledger one event earlier: a real checkpoint, but not the report's.
    with RawLog(store) as raw:
        other = Checkpoint.of(Prover(raw).checkpoint(signer, r["tree_size"] - 1))
    for size, root in ((other.size, base64.b64encode(other.root).decode()),
                       (r["tree_size"], base64.b64encode(other.root).decode()),
                       (r["tree_size"] + 1, r["tree_root"])):
        done = offline(name, "--size", str(size), "--root", root, "--key",
                       str(tmp_path / "key.pub"), cwd=tmp_path)
        assert done.returncode == 3, done.stdout + done.stderr
        assert "niet tegen dat van u" in " ".join(done.stderr.split())
    # A proof made against that other checkpoint fails against the report's.
    with RawLog(store) as raw:
        p = Prover(raw)
        note = p.checkpoint(signer, r["tree_size"] - 1)
        proof = p.inclusion(int(name.split("-")[1].split(".")[0]), note)
    (tmp_path / "other.json").write_text(json.dumps(proof))
    done = offline("other.json", "--size", str(r["tree_size"]), "--root", r["tree_root"],
                   cwd=tmp_path)
    assert done.returncode == 3 and "niet tegen dat van u" in " ".join(done.stderr.split())


def test_prove_refuses_what_it_cannot_prove_in_one_sentence(demo, tmp_path):
    store, d, _signer = demo
    key = ["--key-file", str(d / "key")]
    bad = cli(store, "report", "prove", "NOPE", "--out", str(tmp_path / "a"), *key, code=1)
    assert "Er is geen rapport 'NOPE' verzonden" in bad.output or "NOPE" in bad.output
    bad = cli(store, "report", "prove", REPORT, "--figure", "finance/WS9", "--out",
              str(tmp_path / "b"), *key, code=1)
    assert "geen cijfer 'finance/WS9'" in bad.output
    bad = cli(store, "report", "prove", REPORT, "--decision", "BESTAAT-NIET", "--out",
              str(tmp_path / "c"), *key, code=1)
    assert "staat niet in het grootboek bij het controlepunt" in bad.output
    env = {k: v for k, v in os.environ.items() if k not in ("LEDGER_KEY_FILE", "LEDGER_KEY")}
    result = runner.invoke(app, ["--db", store.url, "report", "prove", REPORT, "--out",
                                 str(tmp_path / "d")], env=env)
    assert result.exit_code == 1, result.output
    assert "sleutel" in result.output and "Traceback" not in result.output
    assert not any((tmp_path / x).exists() for x in "abcd")


# --- reports issued before: upcast, and hashed over their rendered text ------------------------

def test_a_report_issued_before_checkpoints_still_loads_and_its_hash_form_is_explained(demo):
    from eventsourcing.persistence import StoredEvent

    from ledger.domain.report import IssuedReport
    from projections import document
    from projections.report_diff import diff, to_document

    store, _d, _signer = demo
    ledger = open_ledger(store)
    try:
        stored = ledger.recorder.select_events(IssuedReport.id_for(REPORT))[0]
        state = ledger.mapper.transcoder.decode(stored.state)
        assert state.pop("class_version") == 2
        for name in ("tree_size", "tree_root", "checkpoint", "hash_form"):
            del state[name]
        old = StoredEvent(stored.originator_id, stored.originator_version, stored.topic,
                          ledger.mapper.transcoder.encode(state))
        event = ledger.mapper.to_domain_event(old)
    finally:
        ledger.close()
    assert (event.tree_size, event.tree_root, event.checkpoint, event.hash_form) == \
        (None, None, None, "document")

    r = reader(store)
    then, _at = as_issued(store)
    before = {**issued(store), "tree_size": None, "tree_root": None, "checkpoint": None,
              "hash_form": "document"}
    # Hashed over its rendered text, it reproduces while the wording is the same...
    assert diff(r, {**before, "content_hash": document.content_hash(then)})["reproduced"]
    # ... and when the wording changed, the diff says why the hash differs.
    changed = diff(r, {**before, "content_hash": "0" * 64})
    assert not changed["reproduced"] and changed["hash_form"] == "document"
    text = document.to_markdown(to_document(changed))
    assert "opgemaakte tekst" in text and "over hun gegevens" in text
    # A report hashed over its data reproduces in another language too.
    assert diff(r, {**issued(store), "lang": "en"})["reproduced"]
    # Proofs need the checkpoint such a report lacks: one sentence.
    from ledger.errors import InvalidInput
    from ledger.proofs import Prover
    from projections.anchoring import report_proofs

    with RawLog(store) as raw, pytest.raises(InvalidInput, match="nog geen|voordat rapporten"):
        report_proofs(Prover(raw), before, {}, _signer)

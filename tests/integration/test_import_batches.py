"""Imports run many commands per transaction; each command stays atomic and the ledger ends up
exactly as if the commands had been run one by one."""

import json

import pytest
from typer.testing import CliRunner

from commands.main import app
from ledger.application import open_ledger
from ledger.domain.decision import Decision
from ledger.errors import LedgerError
from ledger.importer import run_import
from ledger.storage import RawLog
from tests.conftest import env
from tests.integration.workload import state_hash

HEADER = {"format": "ledger-import", "version": 1, "defaults": {"actor": "secretariaat"}}


def write(path, commands):
    path.write_text("\n".join(json.dumps(c) for c in [HEADER, *commands]) + "\n")
    return path


def party(key, name, kind="corporatie", **extra):
    return {"command": "party.add", "on": "2021-01-01", "args": {"kind": kind, "name": name,
                                                                 "key": key}, **extra}


COMMANDS = [
    {"command": "party.add", "on": "2021-01-01",
     "args": {"kind": "gemeente", "name": "Leiden", "cbs": "GM0546"}},
    {"command": "party.add", "on": "2021-01-01",
     "args": {"kind": "gemeente", "name": "Leiderdorp", "cbs": "GM0547"}},
    party("WC001", "Woonstichting Een"),
    {"command": "decision.record", "on": "2021-03-01", "ref": ["zaak:Z/21/000001"],
     "args": {"key": "PHO-2021-01", "body": "pho:WRL", "title": "Samenwerking",
              "datum": "2021-03-01", "participants": ["GM0546", "GM0547"]}},
    {"command": "decision.ratify", "on": "2021-03-10", "ref": ["zie:PHO-2021-01"],
     "args": {"key": "PHO-2021-01", "party": "GM0546", "datum": "2021-03-10"}},
    # A correction of a party registered earlier in the same batch: it needs that event's
    # position, so the batch is saved first.
    {"command": "party.correct", "on": "2021-01-01", "reason": "Naam verkeerd overgenomen",
     "args": {"key": "WC001", "name": "Woonstichting Eén"}},
    {"command": "decision.ratify", "on": "2021-03-12",
     "args": {"key": "PHO-2021-01", "party": "GM0547", "datum": "2021-03-12"}},
    {"command": "decision.withdraw", "on": "2022-01-01", "reason": "Vervangen",
     "args": {"key": "PHO-2021-01", "datum": "2022-01-01"}},
]


def log_of(store):
    with RawLog(store) as raw:
        return [(r.originator_id, r.version, r.topic) for r in raw.rows()]


def verified(store) -> bool:
    result = CliRunner().invoke(app, ["--db", store.url, "audit", "verify"])
    return result.exit_code == 0


@pytest.mark.parametrize("size", [1000, 3])
def test_a_batched_import_records_what_one_by_one_commands_record(store, tmp_path, size):
    from ledger.application import init_store
    from ledger.storage import parse_url

    file = write(tmp_path / "in.jsonl", COMMANDS)
    ledger = open_ledger(store)
    result = run_import(ledger, file, batch=size)
    ledger.close()
    assert (result.written, result.repeated, result.events) == (8, 0, 8)

    one_by_one = parse_url(f"sqlite:///{tmp_path}/one.db")
    init_store(one_by_one)
    other = open_ledger(one_by_one)
    run_import(other, file, batch=1)
    other.close()
    assert log_of(store) == log_of(one_by_one)
    assert len(log_of(store)) == 16  # every command's event and its receipt
    assert state_hash(store.url) == state_hash(one_by_one.url)
    assert verified(store)


def test_the_demo_imported_in_batches_equals_the_demo_imported_one_by_one(store, tmp_path):
    """The demo uses every area: corrections of events in the same batch, reports that read
    the views, decisions ratified by colleges whose decisions were recorded lines before."""
    from ledger.application import init_store
    from ledger.demo import DEMO_FILE
    from ledger.storage import parse_url

    ledger = open_ledger(store)
    batched = run_import(ledger, DEMO_FILE, batch=7)
    ledger.close()
    one_by_one = parse_url(f"sqlite:///{tmp_path}/one.db")
    init_store(one_by_one)
    other = open_ledger(one_by_one)
    single = run_import(other, DEMO_FILE, batch=1)
    other.close()
    assert batched.as_dict() == single.as_dict()
    assert journal(store.url) == journal(one_by_one.url)
    assert verified(store)


def journal(url: str) -> list[dict]:
    """Every event with envelope and payload, receipts included, minus what differs between
    any two imports of the same file: recorded times and what depends on them (the chain's
    fingerprint and tree root that an issued report carries, and so its content hash and signed
    checkpoint), and the login that
    wrote them (a PostgreSQL role, or the OS user on SQLite)."""
    result = CliRunner().invoke(app, ["--db", url, "--json", "log", "--receipts"])
    assert result.exit_code == 0, result.output
    entries = json.loads(result.output)
    for e in entries:
        for name in ("recorded_at", "login", "login_authenticated", "recorded_by"):
            e.pop(name)
        for field in ("fingerprint", "content_hash", "tree_root", "checkpoint"):
            e.get("payload", {}).pop(field, None)
    return entries


def test_a_refused_command_keeps_what_came_before_and_writes_nothing_after(store, tmp_path):
    bad = {"command": "decision.ratify", "on": "2021-03-11",
           "args": {"key": "PHO-2021-01", "party": "GM0546", "datum": "2021-03-11"}}
    file = write(tmp_path / "in.jsonl", [*COMMANDS[:5], bad, *COMMANDS[5:]])
    ledger = open_ledger(store)
    with pytest.raises(LedgerError) as refused:
        run_import(ledger, file)
    ledger.close()
    assert "regel 7 (decision.ratify)" in refused.value.message
    assert "al bekrachtigd" in refused.value.message
    assert len(log_of(store)) == 10  # the five commands before it, with their receipts


def test_importing_the_same_file_again_records_nothing(store, tmp_path):
    file = write(tmp_path / "in.jsonl", COMMANDS)
    ledger = open_ledger(store)
    run_import(ledger, file)
    before = log_of(store)
    again = run_import(ledger, file)
    ledger.close()
    assert (again.written, again.repeated) == (0, 8)
    assert log_of(store) == before


def test_a_command_id_repeated_within_one_batch_is_recorded_once(store, tmp_path):
    first = party("WC002", "Woonstichting Twee", command_id="wc-2")
    file = write(tmp_path / "in.jsonl", [first, party("WC003", "Drie"), first])
    ledger = open_ledger(store)
    result = run_import(ledger, file)
    ledger.close()
    assert (result.written, result.repeated) == (2, 1)
    assert len(log_of(store)) == 4


def test_a_command_id_reused_for_another_command_within_one_batch_is_refused(store, tmp_path):
    file = write(tmp_path / "in.jsonl", [party("WC002", "Twee", command_id="wc-2"),
                                         party("WC003", "Drie", command_id="wc-2")])
    ledger = open_ledger(store)
    with pytest.raises(LedgerError) as refused:
        run_import(ledger, file)
    ledger.close()
    assert "regel 3 (party.add)" in refused.value.message
    assert "is al gebruikt voor een andere opdracht" in refused.value.message
    assert len(log_of(store)) == 2


def test_a_batch_that_meets_another_writer_is_run_again_one_by_one(store, tmp_path):
    setup = open_ledger(store)
    for cbs, name in (("GM0546", "Leiden"), ("GM0547", "Leiderdorp")):
        setup.party_add(env(), kind="gemeente", name=name, cbs=cbs)
    setup.decision_record(env(on="2021-03-01"), key="PHO-2021-01", body="pho:WRL",
                          title="Samenwerking", datum="2021-03-01",
                          participants=["GM0546", "GM0547"])
    # The first command reads the decision (its reference); then another writer ratifies it,
    # before the import's own ratification, built on what the import read, is saved.
    file = write(tmp_path / "in.jsonl", [
        party("WC001", "Een", ref=["zie:PHO-2021-01"]),
        {"command": "decision.ratify", "on": "2021-03-10",
         "args": {"key": "PHO-2021-01", "party": "GM0546", "datum": "2021-03-10"}}])

    def meanwhile(done, total):
        if done == 1:
            setup.decision_ratify(env(on="2021-03-11"), "PHO-2021-01", party="GM0547",
                                  datum="2021-03-11")

    ledger = open_ledger(store)
    result = run_import(ledger, file, progress=meanwhile)
    decision = ledger.get(Decision, "PHO-2021-01")
    ledger.close()
    setup.close()
    assert (result.written, result.events) == (2, 2)
    assert sorted(decision.ratifications) == ["GM0546", "GM0547"]
    assert [v for _, v, t in log_of(store) if "Decision" in t] == [1, 2, 3]


def test_an_import_learns_which_arguments_name_the_aggregates_its_commands_look_up(ledger,
                                                                                    tmp_path):
    """The batch records every lookup's id; the importer learns from them which argument of a
    command names which aggregate, so the next batch loads those in one query: a decision's
    ratification and withdrawal look up the decision their `key` names, a party's correction the
    party its `key` names."""
    from ledger.domain.party import Party
    from ledger.importer import Importer

    importer = Importer(ledger, write(tmp_path / "i.jsonl", COMMANDS), batch=1000)
    importer.run()
    learnt = importer.foresight.learnt
    assert ("key", Decision) in learnt["decision.ratify"]
    assert ("key", Decision) in learnt["decision.withdraw"]
    assert ("key", Party) in learnt["party.correct"]
    # What a command never looks up is not learnt: a ratification's date names nothing, nor
    # does a decision's title.
    assert not any(name in ("datum", "title") for cmd in learnt.values() for name, _ in cmd)
    # And learning changes nothing of what is recorded.
    assert importer.result.written == len(COMMANDS)

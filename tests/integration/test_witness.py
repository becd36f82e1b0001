"""Witnessing, on both databases: a neighbouring gemeente keeps a copy of the ledger (restored from
its export) and signs checkpoints of it; the ledger's holder witnesses them.

The story: the copy's first checkpoint is the same tree, and is cosigned. Then someone with the
copy's database rights rewrites an event of the copy and recomputes its chain and its tree, so
the copy verifies on its own; its next checkpoint of the same size has another root, and the
witness finds the split view, records it, and `ledger status` names both roots. A copy ahead of
the ledger is witnessed with a consistency proof from the ledger's own checkpoint; a ledger
rewritten after it was witnessed disagrees with what it cosigned.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from commands.main import app
from ledger.application import init_store
from ledger.exporting import export_log, restore_log
from ledger.note import Note, Signer, Verifier
from ledger.storage import RawLog, parse_url
from ledger.tree import TREE, catch_up
from tests.conftest import _drop, _pg_store
from tests.integration.attacker import drop_guards, relink_from, set_event
from tests.integration.test_proofs import record

runner = CliRunner()
LEDGER, COPY = "ledger.leiden.example/wrl", "ledger.oegstgeest.example/wrl-kopie"


def cli(*args: str, code: int = 0):
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def other(store, tmp_path):
    """A second, empty ledger of the same kind: the neighbour's copy."""
    made = (parse_url(f"sqlite:///{tmp_path}/copy.db") if store.kind == "sqlite"
            else _pg_store())
    init_store(made)
    yield made
    if made.kind == "postgresql":
        _drop(made)


def copy_of(source, dest, path) -> None:
    with RawLog(source) as raw, path.open("w", encoding="utf-8") as fh:
        export_log(raw, fh)
    with RawLog(dest) as raw:
        restore_log(raw, path)


def keys(tmp_path) -> tuple[Signer, Signer]:
    own, copy = Signer.generate(LEDGER), Signer.generate(COPY)
    (tmp_path / "own.key").write_text(str(own) + "\n")
    (tmp_path / "copy.key").write_text(str(copy) + "\n")
    (tmp_path / "copy.pub").write_text(str(copy.verifier()) + "\n")
    return own, copy


def rewrite(store, position: int, old: bytes, new: bytes) -> None:
    """What an administrator of the copy could do: change an event, recompute the chain after
    it and build the tree again, so that the copy verifies on its own."""
    with RawLog(store) as raw:
        drop_guards(raw)
        row = raw.event_at(position)
        assert row is not None and old in row.state
        set_event(raw, position, row._replace(state=row.state.replace(old, new)))
        relink_from(raw, position)
        table = TREE if raw.kind == "sqlite" else f'"{store.schema}".{TREE}'
        raw.conn.execute(f"DROP TABLE {table}")
        raw.conn.commit()
        catch_up(raw)


def witness(store, tmp_path, checkpoint: str, *extra: str, code: int = 0):
    return cli("audit", "witness", checkpoint, "--key", str(tmp_path / "copy.pub"),
               "--key-file", str(tmp_path / "own.key"), "--actor", "griffie", "--db", store.url,
               *extra, code=code)


def test_a_witness_cosigns_a_faithful_copy_and_detects_a_rewritten_one(store, other, tmp_path):
    record(store, 12)
    copy_of(store, other, tmp_path / "export.jsonl")
    own, copy = keys(tmp_path)
    copy_key = ["--key-file", str(tmp_path / "copy.key"), "--db", other.url]
    cli("audit", "checkpoint", "--out", str(tmp_path / "copy-1"), *copy_key)

    done = witness(store, tmp_path, str(tmp_path / "copy-1"), "--out",
                   str(tmp_path / "cosigned"))
    assert ("Vastgelegd: medeondertekening van het controlepunt van " + COPY
            + " bij omvang 12") in done.output
    cosigned = Note.parse((tmp_path / "cosigned").read_text())
    assert cosigned.signed_by(copy.verifier()) is True  # the holder's signature stays
    assert len(cosigned.cosigned_at(own.verifier())) == 1  # and the ledger's cosignature
    status = json.loads(cli("--json", "status", "--db", store.url).output)
    assert not [p for p in status["problems"] if "gesplitste weergave" in p]

    # The copy is rewritten: event 3 names another party, chain and tree recomputed.
    rewrite(other, 3, b"Partij 2", b"Partij X")
    cli("audit", "verify", "--db", other.url)  # the copy verifies on its own
    cli("audit", "checkpoint", "--out", str(tmp_path / "copy-2"), *copy_key)
    copy_root = (tmp_path / "copy-2").read_text().split("\n")[2]
    own_root = (tmp_path / "copy-1").read_text().split("\n")[2]
    assert copy_root != own_root

    found = witness(store, tmp_path, str(tmp_path / "copy-2"), code=3)
    assert "Gesplitst beeld" in found.output and copy_root in found.output
    status = json.loads(cli("--json", "status", "--db", store.url).output)
    split = [p for p in status["problems"] if "gesplitste weergave" in p]
    assert len(split) == 1
    assert f"gesplitste weergave bij omvang 12: het controlepunt van {COPY}" in split[0]
    assert copy_root in split[0] and own_root in split[0]
    log = json.loads(cli("--json", "log", "--type", "Witness", "--db", store.url).output)
    assert [e["event"].rsplit(".", 1)[-1] for e in log] == ["Opened", "Cosigned",
                                                            "SplitViewFound"]
    assert {e["actor"] for e in log} == {"griffie"}


def test_a_copy_ahead_is_witnessed_with_a_consistency_proof(store, other, tmp_path):
    record(store, 5)
    copy_of(store, other, tmp_path / "export.jsonl")
    record(other, 4, start=100)  # the copy recorded more since
    own, copy = keys(tmp_path)
    cli("audit", "checkpoint", "--out", str(tmp_path / "own"), "--key-file",
        str(tmp_path / "own.key"), "--db", store.url)
    cli("audit", "checkpoint", "--out", str(tmp_path / "ahead"), "--key-file",
        str(tmp_path / "copy.key"), "--db", other.url)
    out = witness(store, tmp_path, str(tmp_path / "ahead"), code=1).output
    assert "telt 9 gebeurtenissen, dit grootboek 5" in out and "--proof" in out
    cli("audit", "prove", "consistency", "--from", str(tmp_path / "own"), "--to",
        str(tmp_path / "ahead"), "--out", str(tmp_path / "proof.json"), "--db", other.url)
    done = witness(store, tmp_path, str(tmp_path / "ahead"), "--proof",
                   str(tmp_path / "proof.json"))
    assert f"medeondertekening van het controlepunt van {COPY} bij omvang 9" in done.output


def test_a_ledger_rewritten_after_it_was_witnessed_disagrees_with_its_cosignature(
        store, other, tmp_path):
    record(store, 6)
    copy_of(store, other, tmp_path / "export.jsonl")
    keys(tmp_path)
    cli("audit", "checkpoint", "--out", str(tmp_path / "copy"), "--key-file",
        str(tmp_path / "copy.key"), "--db", other.url)
    witness(store, tmp_path, str(tmp_path / "copy"))
    rewrite(store, 2, b"Partij 1", b"Partij Y")  # the ledger itself, rewritten afterwards
    status = json.loads(cli("--json", "status", "--db", store.url).output)
    assert any(f"gespleten beeld bij omvang 6: het controlepunt van {COPY}" in p and "heeft nu wortel" in p
               for p in status["problems"]), status["problems"]


def test_what_cannot_be_witnessed_is_refused_and_nothing_recorded(store, other, tmp_path,
                                                                   monkeypatch):
    monkeypatch.delenv("LEDGER_KEY_FILE", raising=False)
    monkeypatch.delenv("LEDGER_KEY", raising=False)
    record(store, 3)
    copy_of(store, other, tmp_path / "export.jsonl")
    own, copy = keys(tmp_path)
    cli("audit", "checkpoint", "--out", str(tmp_path / "copy"), "--key-file",
        str(tmp_path / "copy.key"), "--db", other.url)
    cli("audit", "checkpoint", "--out", str(tmp_path / "self"), "--key-file",
        str(tmp_path / "own.key"), "--db", store.url)
    with RawLog(store) as raw:
        before = raw.count_and_max()[0]
    stranger = Verifier.parse(str(Signer.generate(COPY).verifier()))
    out = cli("audit", "witness", str(tmp_path / "copy"), "--key", str(stranger), "--key-file",
              str(tmp_path / "own.key"), "--db", store.url, code=1).output
    assert "draagt geen handtekening van de sleutel" in out
    (tmp_path / "own.pub").write_text(str(own.verifier()))
    out = cli("audit", "witness", str(tmp_path / "self"), "--key", str(tmp_path / "own.pub"),
              "--key-file", str(tmp_path / "own.key"), "--db", store.url, code=1).output
    assert "een grootboek is niet zijn eigen getuige" in out
    out = cli("audit", "witness", str(tmp_path / "copy"), "--key", str(tmp_path / "copy.pub"),
              "--db", store.url, code=1).output
    assert "ondertekeningssleutel van het grootboek is niet opgegeven" in out
    with RawLog(store) as raw:
        assert raw.count_and_max()[0] == before

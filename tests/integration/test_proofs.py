"""Proofs an outsider can check, made from a real ledger on both databases.

A ledger of 64 events is recorded through the application; for every size from 1 to 64 a
checkpoint is signed, and the proofs `ledger audit prove` makes (`ledger.proofs.Prover`, the code
the command runs) are checked by the offline verifier (`ledger.verifier`, what `ledger audit check`
runs) for every (position, size) and every (size1, size2) pair. Property tests change one thing
in a proof the command line wrote (a byte of any hash, the leaf input or the signature, the index,
the position, the size) and the check must fail. The command line itself is run for a sample of
pairs, with its exit codes and sentences.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from commands.main import app
from ledger import chain
from ledger.application import init_store, open_ledger
from ledger.note import Note, Signer
from ledger.proofs import Prover
from ledger.storage import RawLog, parse_url
from ledger.verifier import check, check_text
from tests.conftest import _drop, _pg_store, env

runner = CliRunner()
N = 64
ORIGIN = "ledger.leidse-regio.example/wrl"


def record(store, n: int, start: int = 0) -> None:
    ledger = open_ledger(store)
    for i in range(start, start + n):
        ledger.party_add(env(), kind="provincie", name=f"Partij {i}", key=f"P{i}")
    ledger.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def small(request, tmp_path_factory):
    """A ledger of 64 events and its key (module-wide: the pairs are many)."""
    if request.param == "sqlite":
        store = parse_url(f"sqlite:///{tmp_path_factory.mktemp('proofs')}/ledger.db")
    else:
        store = _pg_store()
    init_store(store)
    record(store, N)
    signer = Signer.generate(ORIGIN)
    yield store, signer
    if store.kind == "postgresql":
        _drop(store)


def test_every_inclusion_and_consistency_proof_of_64_events_verifies(small):
    store, signer = small
    key = signer.verifier()
    with RawLog(store) as raw:
        prover = Prover(raw)
        assert prover.size() == N
        notes = {size: prover.checkpoint(signer, size) for size in range(N + 1)}
        positions = [prover.position_of_leaf(i) for i in range(N)]
        for size in range(1, N + 1):
            for index in range(size):
                proof = prover.inclusion(positions[index], notes[size])
                result = check(json.loads(json.dumps(proof)), key)
                assert result.ok, (index, size, result.sentence)
                assert result.details["event"]["position"] == positions[index]
                assert result.details["event"]["key"] == f"P{index}"
        for size2 in range(1, N + 1):
            for size1 in range(0, size2 + 1):
                proof = prover.consistency(notes[size1], notes[size2])
                result = check(json.loads(json.dumps(proof)), key)
                assert result.ok, (size1, size2, result.sentence)


def cli(*args: str, code: int = 0):
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result


@pytest.fixture(scope="module")
def files(small, tmp_path_factory):
    """A key file, checkpoints at sizes 17 and 64, and proofs written by the command line."""
    store, signer = small
    d = tmp_path_factory.mktemp("files")
    (d / "ledger.key").write_text(str(signer) + "\n")
    db = ["--db", store.url]
    key = ["--key-file", str(d / "ledger.key")]
    cli("audit", "checkpoint", "--size", "17", "--out", str(d / "c17"), *key, *db)
    cli("audit", "checkpoint", "--out", str(d / "c64"), *key, *db)
    with RawLog(store) as raw:
        position = Prover(raw).position_of_leaf(9)
    cli("audit", "prove", "inclusion", str(position), "--checkpoint", str(d / "c17"),
        "--out", str(d / "inclusion.json"), *db)
    cli("audit", "prove", "consistency", "--from", str(d / "c17"), "--to", str(d / "c64"),
        "--out", str(d / "consistency.json"), *db)
    (d / "key.pub").write_text(str(signer.verifier()) + "\n")
    return d, position


def test_the_command_line_writes_proofs_that_check_offline(files):
    d, position = files
    ok = cli("audit", "check", str(d / "inclusion.json"), "--key", str(d / "key.pub"))
    assert f"Geldig: gebeurtenis #{position} (Party.Registered P9) is blad 10 van de 17 gebeurtenissen" in \
        ok.output
    assert "handtekening van ledger.leidse-regio.example/wrl klopt" in ok.output
    ok = cli("audit", "check", str(d / "consistency.json"), "--key", str(d / "key.pub"))
    assert "met 64 gebeurtenissen" in ok.output and "bouwt voort op zijn 17 gebeurtenissen" in ok.output
    data = json.loads(cli("--json", "audit", "check", str(d / "inclusion.json")).output)
    assert data["ok"] is True and data["signature_checked"] is False


def test_a_proof_checked_with_another_ledgers_key_does_not_verify(files):
    d, _ = files
    other = Signer.generate(ORIGIN).verifier()
    bad = cli("audit", "check", str(d / "inclusion.json"), "--key", str(other), code=3)
    assert "draagt geen handtekening van de sleutel" in bad.output


def _flip_b64(value: str, at: int) -> str:
    raw = bytearray(base64.b64decode(value))
    raw[at % len(raw)] ^= 0x01
    return base64.b64encode(bytes(raw)).decode()


def _flip_signature(note: str, at: int) -> str:
    text, _, sig = note.rstrip("\n").rpartition(" ")
    return f"{text} {_flip_b64(sig, 4 + at % 64)}\n"


def _change_line(note: str, line: int, change) -> str:
    lines = note.split("\n")
    lines[line] = change(lines[line])
    return "\n".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(what=st.sampled_from(["leaf_hash", "leaf_input", "path", "root", "signature", "index",
                             "position", "size"]), at=st.integers(0, 10_000), other=st.integers(0, 200))
def test_an_inclusion_proof_fails_after_any_change(files, what, at, other):
    d, position = files
    proof = json.loads((d / "inclusion.json").read_text())
    event = proof["event"]
    if what in ("leaf_hash", "leaf_input"):
        event[what] = _flip_b64(event[what], at)
    elif what == "path":
        i = at % len(proof["path"])
        proof["path"][i] = _flip_b64(proof["path"][i], at)
    elif what == "root":
        proof["checkpoint"] = _change_line(proof["checkpoint"], 2, lambda v: _flip_b64(v, at))
    elif what == "signature":
        proof["checkpoint"] = _flip_signature(proof["checkpoint"], at)
    elif what == "index":
        event["leaf_index"] = other if other != event["leaf_index"] else other + 1
    elif what == "position":
        event["position"] = other if other != position else other + 1
    else:
        proof["checkpoint"] = _change_line(proof["checkpoint"], 1,
                                           lambda v: str(other if other != int(v) else other + 1))
    path = d / f"changed-{what}.json"
    path.write_text(json.dumps(proof))
    result = cli("audit", "check", str(path), "--key", str(d / "key.pub"), code=3)
    assert "Het bewijs klopt niet" in result.output


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(what=st.sampled_from(["path", "root1", "root2", "signature", "size1", "size2"]),
       at=st.integers(0, 10_000), other=st.integers(0, 200))
def test_a_consistency_proof_fails_after_any_change(files, what, at, other):
    d, _ = files
    proof = json.loads((d / "consistency.json").read_text())
    if what == "path":
        i = at % len(proof["path"])
        proof["path"][i] = _flip_b64(proof["path"][i], at)
    elif what in ("root1", "root2"):
        side = "from" if what == "root1" else "to"
        proof[side] = _change_line(proof[side], 2, lambda v: _flip_b64(v, at))
    elif what == "signature":
        side = "from" if at % 2 else "to"
        proof[side] = _flip_signature(proof[side], at)
    else:
        side = "from" if what == "size1" else "to"
        proof[side] = _change_line(proof[side], 1,
                                   lambda v: str(other if other != int(v) else other + 1))
    assert not check_text(json.dumps(proof), Signer.parse(
        (d / "ledger.key").read_text()).verifier()).ok


def test_a_proof_against_a_checkpoint_of_another_ledger_is_refused(small, tmp_path):
    store, signer = small
    other = Signer.generate(ORIGIN)
    from ledger.note import Checkpoint, sign_checkpoint

    forged = sign_checkpoint(other, Checkpoint.make(ORIGIN, 10, bytes(32)))
    (tmp_path / "c").write_text(str(forged))
    bad = cli("audit", "prove", "inclusion", "1", "--checkpoint", str(tmp_path / "c"),
              "--db", store.url, code=3)
    assert "bij omvang 10" in bad.output and "gespleten beeld" in bad.output
    (tmp_path / "big").write_text(str(sign_checkpoint(other, Checkpoint.make(ORIGIN, 99,
                                                                              bytes(32)))))
    with RawLog(store) as raw:
        (tmp_path / "own").write_text(str(Prover(raw).checkpoint(signer, 5)))
    bad = cli("audit", "prove", "consistency", "--from", str(tmp_path / "own"), "--to",
              str(tmp_path / "big"), "--db", store.url, code=3)
    assert "gaat over 99 gebeurtenissen, dit grootboek bevat er 64" in bad.output


def test_what_the_user_gets_wrong_is_one_sentence(small, tmp_path, monkeypatch):
    store, signer = small
    monkeypatch.delenv("LEDGER_KEY_FILE", raising=False)
    monkeypatch.delenv("LEDGER_KEY", raising=False)
    db = ["--db", store.url]
    out = cli("audit", "checkpoint", *db, code=1).output
    assert "De ondertekeningssleutel van het grootboek is niet opgegeven." in out and "LEDGER_KEY_FILE" in out
    out = cli("audit", "checkpoint", "--key-file", str(tmp_path / "none"), *db, code=1).output
    assert f"Het sleutelbestand {tmp_path / 'none'} bestaat niet." in out
    (tmp_path / "bad.key").write_text("PRIVATE+KEY+x+00000000+AAAA\n")
    out = cli("audit", "checkpoint", "--key-file", str(tmp_path / "bad.key"), *db,
              code=1).output
    assert "privésleutel" in out
    monkeypatch.setenv("LEDGER_KEY", str(signer))  # the key itself in the environment
    note = cli("audit", "checkpoint", *db).output
    assert note.startswith(f"{ORIGIN}\n{N}\n")
    out = cli("audit", "prove", "inclusion", "999999", *db, code=1).output
    assert "Er is geen gebeurtenis op positie 999999." in out
    out = cli("audit", "prove", "inclusion", "1", "--checkpoint", str(tmp_path / "none"),
              *db, code=1).output
    assert "(controlepunt) bestaat niet" in out
    (tmp_path / "x.json").write_text("{}")
    out = cli("audit", "check", str(tmp_path / "x.json"), code=1).output
    assert "is geen bewijs van het grootboek" in out
    out = cli("audit", "check", str(tmp_path / "x.json"), "--key", "nonsense", code=1).output
    assert "is geen publieke sleutel en ook geen bestand" in out
    out = cli("audit", "key", "generate", "--name", "met spatie", "--out",
              str(tmp_path / "k"), code=1).output
    assert "kan geen sleutel benoemen" in out and not (tmp_path / "k").exists()
    cli("audit", "key", "generate", "--name", "a.example/b", "--out", str(tmp_path / "k"))
    out = cli("audit", "key", "generate", "--name", "a.example/b", "--out",
              str(tmp_path / "k"), code=1).output
    assert "bestaat al" in out


def test_a_key_is_made_once_and_its_public_half_printed(tmp_path):
    made = cli("audit", "key", "generate", "--name", ORIGIN, "--out", str(tmp_path / "k"))
    signer = Signer.parse((tmp_path / "k").read_text())
    assert str(signer.verifier()) in made.output
    assert (tmp_path / "k").stat().st_mode & 0o777 == 0o600
    shown = cli("audit", "key", "public", "--key-file", str(tmp_path / "k"))
    assert shown.output.strip() == str(signer.verifier())


def test_the_verifier_imports_no_storage():
    code = ("import sys, ledger.verifier, ledger.note; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('sqlalchemy', 'eventsourcing', 'psycopg', 'sqlite3', 'typer', 'rich') "
            "or (m.startswith('ledger.') and m not in ('ledger.verifier', 'ledger.note', "
            "'ledger.merkle', 'ledger.i18n_offline'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[2]).stdout
    assert out.strip() == "[]"


def test_status_shows_the_tree_and_verify_checks_it(small):
    store, signer = small
    data = json.loads(cli("--json", "status", "--db", store.url).output)
    with RawLog(store) as raw:
        root = Prover(raw).tree.root(N)
    assert data["tree"] == {"size": N, "root": base64.b64encode(root).decode()}
    out = cli("audit", "verify", "--db", store.url).output
    assert f"Merkle-boom: {N} bladeren, ieder knooppunt klopt met de gebeurtenissen." in out


def test_a_cosigned_note_keeps_its_signatures_in_order(small):
    store, signer = small
    with RawLog(store) as raw:
        note = Prover(raw).checkpoint(signer)
    assert Note.parse(str(note)) == note


@pytest.mark.parametrize("batch", [2, 4, chain.LEAF_BATCH])
@pytest.mark.parametrize("level, index, position", [(0, 4, 5), (2, 1, 5), (3, 0, 1),
                                                    (0, 10, 11), (1, 4, 9)])
def test_verify_names_the_position_of_a_tree_node_that_does_not_match(store, level, index,
                                                                      position, batch,
                                                                      monkeypatch):
    """A node of the stored tree changed by someone with the database's rights (the guards
    dropped): the chain still verifies, the tree does not, and the position is named; the
    same when verify reads the tree in batches of a few leaves."""
    monkeypatch.setattr(chain, "LEAF_BATCH", batch)
    record(store, 11)
    out = cli("audit", "verify", "--db", store.url).output
    assert "Merkle-boom: 11 bladeren, ieder knooppunt klopt met de gebeurtenissen." in out
    with RawLog(store) as raw:
        table = "ledger_tree" if raw.kind == "sqlite" else f'"{store.schema}".ledger_tree'
        if raw.kind == "sqlite":
            raw.conn.execute("DROP TRIGGER ledger_tree_no_update")
        else:
            raw.conn.execute(f"DROP TRIGGER ledger_tree_no_change ON {table}")
        raw.conn.execute(f"UPDATE {table} SET hash = {raw.p} WHERE level = {raw.p} AND "
                         f"idx = {raw.p}", (bytes(32), level, index))
        raw.conn.commit()
    out = cli("audit", "verify", "--db", store.url, code=3).output
    assert f"faalt op positie {position}" in out
    assert "Merkle-boom" in out


def test_verify_names_a_missing_leaf(store):
    record(store, 4)
    with RawLog(store) as raw:
        table = "ledger_tree" if raw.kind == "sqlite" else f'"{store.schema}".ledger_tree'
        if raw.kind == "sqlite":
            raw.conn.execute("DROP TRIGGER ledger_tree_no_delete")
        else:
            raw.conn.execute(f"DROP TRIGGER ledger_tree_no_change ON {table}")
        raw.conn.execute(f"DELETE FROM {table} WHERE level = 0 AND idx = 2")
        raw.conn.commit()
    out = cli("audit", "verify", "--db", store.url, code=3).output
    assert "faalt op positie 3" in out

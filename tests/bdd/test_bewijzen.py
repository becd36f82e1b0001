"""Bindings of features/bewijzen: checkpoints, proofs checked offline, witnessing a copy, and
signed events (steps in ondertekening_steps)."""

from __future__ import annotations

import base64
import json

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from typer.testing import CliRunner

from commands.main import app
from ledger.application import init_store
from ledger.exporting import export_log, restore_log
from ledger.note import Checkpoint, Signer, sign_checkpoint
from ledger.proofs import Prover
from ledger.storage import RawLog, parse_url
from ledger.verifier import check
from tests.bdd.ondertekening_steps import *  # noqa: F403  (signed events' steps)
from tests.conftest import _drop, _pg_store, env

pytestmark = pytest.mark.usefixtures("store")
scenarios("bewijzen")

ORIGIN = "ledger.leiden.example/wrl"


def _record(world, n: int) -> None:
    start = getattr(world, "recorded", 0)
    for i in range(start, start + n):
        world.ledger.party_add(env(), kind="provincie", name=f"Partij {i}", key=f"P{i}")
    world.recorded = start + n


def _prover(store, work):
    with RawLog(store) as raw:
        return work(Prover(raw))


@given(parsers.parse("een ledger met {n:d} gebeurtenissen en een eigen sleutel"))
def ledger_with_key(world, n):
    _record(world, n)
    world.signer = Signer.generate(ORIGIN)


@given(parsers.parse("een controlepunt bij {n:d} gebeurtenissen"))
def checkpoint_at(world, n):
    world.checkpoint = _prover(world.ledger.store, lambda p: p.checkpoint(world.signer, n))


@given(parsers.parse("een controlepunt van een andere ledger bij {n:d} gebeurtenissen"))
def foreign_checkpoint(world, n):
    world.checkpoint = sign_checkpoint(Signer.generate(ORIGIN),
                                       Checkpoint.make(ORIGIN, n, bytes(range(32))))


@given(parsers.parse("er zijn daarna {n:d} gebeurtenissen vastgelegd"))
def more_events(world, n):
    _record(world, n)


@when(parsers.parse("de griffie een bewijs vraagt dat gebeurtenis {position:d} in dat "
                    "controlepunt staat"))
def ask_inclusion(world, position):
    world.attempt(_prover, world.ledger.store,
                  lambda p: p.inclusion(position, world.checkpoint))
    world.proof = world.outcome


@when("de griffie een bewijs vraagt dat de ledger van nu voortbouwt op dat controlepunt")
def ask_consistency(world):
    world.proof = _prover(world.ledger.store, lambda p: p.consistency(
        world.checkpoint, p.checkpoint(world.signer)))


def _flip(value: str) -> str:
    raw = bytearray(base64.b64decode(value))
    raw[len(raw) // 2] ^= 0x01
    return base64.b64encode(bytes(raw)).decode()


@when(parsers.parse("iemand {wat} in het bewijs verandert"))
def change_proof(world, wat):
    proof = json.loads(json.dumps(world.proof))
    if wat == "één byte van het pad":
        proof["path"][0] = _flip(proof["path"][0])
    elif wat == "de positie in de boom":
        proof["event"]["leaf_index"] += 1
    elif wat == "het aantal gebeurtenissen":
        lines = proof["checkpoint"].split("\n")
        lines[1] = str(int(lines[1]) + 1)
        proof["checkpoint"] = "\n".join(lines)
    else:
        proof["event"]["leaf_input"] = _flip(proof["event"]["leaf_input"])
    world.proof = proof


@then("klopt het bewijs met de publieke sleutel van de ledger")
def proof_holds(world):
    world.checked = check(world.proof, world.signer.verifier())
    assert world.checked.ok, world.checked.sentence


@then("klopt het bewijs niet")
def proof_fails(world):
    result = check(world.proof, world.signer.verifier())
    assert not result.ok
    assert result.sentence.startswith("Het bewijs klopt niet")


@then(parsers.parse("noemt het bewijs gebeurtenis {position:d} met haar inhoud"))
def proof_names_event(world, position):
    event = world.checked.details["event"]
    assert event["position"] == position
    assert event["key"] == f"P{position - 1}"
    assert event["topic"].endswith("Party.Registered")


# --- witnessing ---------------------------------------------------------------------------------

@given(parsers.parse('een kopie van de ledger bij "{origin}"'))
def copy_of_ledger(world, origin, tmp_path, request):
    store = world.ledger.store
    copy = (parse_url(f"sqlite:///{tmp_path}/kopie.db") if store.kind == "sqlite"
            else _pg_store())
    init_store(copy)
    if copy.kind == "postgresql":
        request.addfinalizer(lambda: _drop(copy))
    path = tmp_path / "export.jsonl"
    with RawLog(store) as raw, path.open("w", encoding="utf-8") as fh:
        export_log(raw, fh)
    with RawLog(copy) as raw:
        restore_log(raw, path)
    world.copy, world.copy_signer = copy, Signer.generate(origin)


@given(parsers.parse("de kopie is herschreven bij gebeurtenis {position:d}"))
def copy_rewritten(world, position):
    from tests.integration.test_witness import rewrite

    rewrite(world.copy, position, f"Partij {position - 1}".encode(), b"Partij X")


def _witness(world, note, key):
    world.events_before = world.events()
    world.attempt(world.ledger.witness, env(), checkpoint=str(note), holder_key=str(key),
                  signer=world.signer)


@when("de ledger getuigt van het controlepunt van de kopie")
def witness_copy(world):
    note = _prover(world.copy, lambda p: p.checkpoint(world.copy_signer))
    _witness(world, note, world.copy_signer.verifier())


@when("de ledger getuigt van het controlepunt van de kopie met een andere sleutel")
def witness_copy_other_key(world):
    note = _prover(world.copy, lambda p: p.checkpoint(world.copy_signer))
    _witness(world, note, Signer.generate(world.copy_signer.name).verifier())


@when("de ledger getuigt van zijn eigen controlepunt")
def witness_self(world):
    note = _prover(world.ledger.store, lambda p: p.checkpoint(world.signer))
    _witness(world, note, world.signer.verifier())


@then("is het controlepunt medeondertekend en vastgelegd")
def cosigned(world):
    assert world.error is None, world.error and world.error.message
    assert world.outcome.detail["consistent"] is True
    assert world.outcome.detail["cosigned"].count("\u2014 ") == 2
    assert world.events() == world.events_before + 2  # opened, cosigned


@then("is het gespleten beeld vastgelegd")
def split_recorded(world):
    assert world.error is None, world.error and world.error.message
    assert world.outcome.detail["consistent"] is False
    assert world.outcome.positions


def _problems(world) -> list[str]:
    result = CliRunner().invoke(app, ["--json", "status", "--db", world.ledger.store.url])
    return json.loads(result.output)["problems"]


@then("noemt de status geen gespleten beeld")
def no_split(world):
    assert not [p for p in _problems(world) if "gesplitste weergave" in p]


@then(parsers.parse("noemt de status het gespleten beeld bij {n:d} gebeurtenissen met beide "
                    "wortels"))
def split_in_status(world, n):
    found = [p for p in _problems(world) if f"gesplitste weergave bij omvang {n}:" in p]
    assert len(found) == 1
    assert world.outcome.detail["root"] in found[0]
    assert world.outcome.detail["own_root"] in found[0]

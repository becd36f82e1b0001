"""Signed events on both databases: what a signature covers, what `ledger audit verify
--signatures` names, and the refusals of a wrong, revoked or unreadable key.

- Any change to a signed event's stored bytes or envelope (aggregate id, version, topic, actor,
  key id) makes its signature fail (a property test over which byte or field changes).
- An event put in the log past the signing client, as the database's writer role could (on
  PostgreSQL through `ledger_append` itself, on SQLite by INSERT with a well-computed link), for an
  actor holding a key, is named by `verify --signatures`, unsigned or with a bad signature.
- export -> restore keeps every signature, and the restored ledger verifies with them.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from commands.main import app
from ledger import chain, signing
from ledger.application import init_store, open_ledger
from ledger.exporting import export_log, restore_log
from ledger.signatures import check_rows
from ledger.storage import RawLog, parse_url
from tests.conftest import _drop, _pg_store, env

runner = CliRunner()


def keyed(store, tmp_path: Path, actor: str = "griffier") -> Path:
    """A ledger where `actor` holds a key (its private key in a file) and signed two events."""
    key_file = tmp_path / f"{actor}.key"
    r = runner.invoke(app, ["--db", store.url, "--actor", "secretaris", "key", "add", actor,
                            "--generate", "--out", str(key_file)])
    assert r.exit_code == 0, r.output
    for n in (1, 2):
        r = runner.invoke(app, ["--db", store.url, "--actor", actor, "party", "add", f"P {n}",
                                "--kind", "provincie", "--key", f"P{n}", "--signing-key",
                                str(key_file)])
        assert r.exit_code == 0, r.output
    return key_file


def rows(store) -> list[chain.Row]:
    with RawLog(store) as raw:
        return list(raw.rows())


def verify_json(store) -> tuple[int, dict]:
    r = runner.invoke(app, ["--db", store.url, "audit", "verify", "--signatures", "--json"])
    return r.exit_code, json.loads(r.stdout)


def actor_of(data: dict, actor: str) -> dict:
    return next(a for a in data["signatures"]["actors"] if a["actor"] == actor)


def test_signed_events_verify_and_are_counted_per_actor(store, tmp_path):
    keyed(store, tmp_path)
    signed = [r for r in rows(store) if r.signature is not None]
    assert len(signed) == 2  # the two parties; the key was added by the secretaris
    code, data = verify_json(store)
    assert code == 0 and data["ok"] and data["signatures"]["ok"]
    assert actor_of(data, "griffier")["signed"] == [r.position for r in signed]
    assert actor_of(data, "secretaris")["signed"] == []


FIELDS = ("state", "originator_id", "version", "topic", "actor", "key_id")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_change_to_a_signed_event_breaks_its_signature(tmp_path_factory, data):
    store = _shared_store(tmp_path_factory)
    row = data.draw(st.sampled_from([r for r in _rows_of(store) if r.signature]))
    state = bytearray(row.state)
    what = data.draw(st.sampled_from(FIELDS))
    oid, version, topic, key_id = row.originator_id, row.version, row.topic, row.key_id
    if what == "state":
        i = data.draw(st.integers(0, len(state) - 1))
        state[i] ^= data.draw(st.integers(1, 255))
    elif what == "originator_id":
        oid = uuid.uuid4().hex
    elif what == "version":
        version += data.draw(st.integers(1, 5))
    elif what == "topic":
        topic += data.draw(st.text(min_size=1, max_size=3))
    elif what == "actor":
        state = bytearray(bytes(state).replace(b'"actor":"griffier"', b'"actor":"griffiex"'))
    else:
        key_id = "0" * 16
    changed = chain.Row(row.position, oid, version, topic, bytes(state), row.stored_link,
                        row.login, key_id, row.signature)
    before = [r for r in _rows_of(store) if r.position < row.position]
    report = check_rows([*before, changed])
    assert not report.ok
    bad = [p for a in report.actors.values() for p in a.bad]
    assert bad == [row.position]
    # ... while the untouched row checks.
    assert check_rows([*before, row]).ok


_SHARED: dict[str, object] = {}


def _shared_store(factory):
    if "store" not in _SHARED:
        tmp = factory.mktemp("signed")
        store = parse_url(f"sqlite:///{tmp}/ledger.db")
        init_store(store)
        keyed(store, tmp)
        _SHARED["store"], _SHARED["rows"] = store, rows(store)
    return _SHARED["store"]


def _rows_of(store) -> list[chain.Row]:
    return _SHARED["rows"]  # type: ignore[return-value]


def _forge(store, actor: str, signature: str | None) -> int:
    """Put an event for `actor` in the log past the signing client, as the writer role could:
    on PostgreSQL through the write function itself, on SQLite by INSERT with a well-computed
    link. Returns its position."""
    source = rows(store)[-1]
    state = json.loads(source.state)
    state["actor"], state["name"] = actor, "Vervalst"
    forged = json.dumps(state).encode()
    oid = uuid.uuid4()
    with RawLog(store) as raw:
        if raw.kind == "postgresql":
            raw.conn.autocommit = True
            (positions,) = raw.conn.execute(
                f'SELECT "{store.schema}".ledger_append(%s::uuid[], %s::bigint[], %s::text[], '
                "%s::bytea[], '5s', %s::text[], %s::text[])",
                ([oid], [1], [source.topic], [forged], [None if signature is None else "0" * 16],
                 [signature])).fetchone()
            return int(positions[0])
        head = raw.head()
        position = head.position + 1
        login = "aanvaller"
        key = None if signature is None else "0" * 16
        link = chain.link(head.head, position, oid.hex, 1, source.topic, forged, login, key,
                          signature)
        raw.conn.execute("INSERT INTO stored_events (rowid, originator_id, originator_version, "
                         "topic, state) VALUES (?, ?, 1, ?, ?)",
                         (position, oid.hex, source.topic, forged))
        raw.conn.execute("INSERT INTO ledger_chain (position, link, login, key_id, signature) "
                         "VALUES (?, ?, ?, ?, ?)", (position, link, login, key, signature))
        raw.conn.commit()
        return position


def test_an_unsigned_event_put_in_for_a_keyed_actor_is_named(store, tmp_path):
    keyed(store, tmp_path)
    position = _forge(store, "griffier", None)
    code, data = verify_json(store)
    assert data["ok"]  # the chain holds: the writer wrote through the ledger's own path
    assert actor_of(data, "griffier")["unsigned_while_keyed"] == [position]
    r = runner.invoke(app, ["--db", store.url, "audit", "verify", "--signatures"],
                      env={"COLUMNS": "80"})
    assert str(position) in r.output
    assert all(len(line) <= 80 for line in r.output.splitlines())


def test_a_forged_signature_is_bad_and_fails_the_verification(store, tmp_path):
    keyed(store, tmp_path)
    position = _forge(store, "griffier", "ab" * 64)
    code, data = verify_json(store)
    assert code == 3 and not data["signatures"]["ok"]
    assert actor_of(data, "griffier")["bad"] == [position]


def test_signatures_made_after_revocation_are_flagged(store, tmp_path):
    key_file = keyed(store, tmp_path)
    key = signing.read_signing_key(str(key_file))
    ledger = open_ledger(store)
    try:
        ledger.key_revoke(env(reason="laptop kwijt"), actor="griffier", key_id=key.id)
        # A client that does not check (this ledger's refuses, see below) signs anyway.
        from ledger.domain.party import Party

        ledger.mapper.signer, ledger.mapper.actor = key, "griffier"  # type: ignore[attr-defined]
        ledger.save(Party.register(env(actor="griffier"), kind="provincie", name="Laat",
                                   key="LAAT"))
    finally:
        ledger.close()
    late = rows(store)[-1].position
    code, data = verify_json(store)
    assert code == 3
    griffier = actor_of(data, "griffier")
    assert griffier["after_revocation"] == [late] and len(griffier["signed"]) == 2
    r = runner.invoke(app, ["--db", store.url, "audit", "verify", "--signatures"])
    assert r.exit_code == 3 and "na intrekking" in r.output


@pytest.mark.parametrize("case", ["other actor", "revoked", "unreadable", "not a key"])
def test_refusals_in_dutch_with_nothing_written(store, tmp_path, case):
    key_file = keyed(store, tmp_path)
    actor, path = "griffier", str(key_file)
    if case == "other actor":
        actor, expected = "secretaris", "hoort niet bij secretaris"
    elif case == "revoked":
        r = runner.invoke(app, ["--db", store.url, "key", "revoke", "griffier",
                                signing.read_signing_key(path).id, "--reason", "kwijt"])
        assert r.exit_code == 0, r.output
        expected = "is ingetrokken"
    elif case == "unreadable":
        path, expected = str(tmp_path / "nergens.key"), "kan niet worden gelezen"
    else:
        (tmp_path / "tekst.key").write_text("geen sleutel")
        path, expected = str(tmp_path / "tekst.key"), "bevat geen Ed25519-privésleutel"
    before = rows(store)
    r = runner.invoke(app, ["--db", store.url, "--actor", actor, "party", "add", "Q",
                            "--kind", "provincie", "--key", "Q", "--signing-key", path])
    assert r.exit_code == 1
    assert expected in r.output and "Traceback" not in r.output
    assert rows(store) == before
    # The same through the environment variable.
    r = runner.invoke(app, ["--db", store.url, "--actor", actor, "party", "add", "Q",
                            "--kind", "provincie", "--key", "Q"], env={"LEDGER_SIGNING_KEY": path})
    assert r.exit_code == 1 and expected in r.output
    assert rows(store) == before


def test_a_generated_private_key_is_the_owners_alone_and_never_in_the_ledger(store, tmp_path):
    key_file = keyed(store, tmp_path)
    assert key_file.stat().st_mode & 0o777 == 0o600
    private = signing.read_signing_key(str(key_file)).pem()
    body = b"".join(private.splitlines()[1:-1])
    assert all(body not in r.state for r in rows(store))
    r = runner.invoke(app, ["--db", store.url, "key", "add", "x", "--generate", "--out",
                            str(key_file)])
    assert r.exit_code == 1 and "bestaat al" in r.output


def test_export_and_restore_keep_the_signatures(store, tmp_path):
    keyed(store, tmp_path)
    path = tmp_path / "export.jsonl"
    with RawLog(store) as raw, path.open("w", encoding="utf-8") as out:
        export_log(raw, out)
    if store.kind == "sqlite":
        target = parse_url(f"sqlite:///{tmp_path}/restored.db")
    else:
        target = _pg_store()
    try:
        init_store(target)
        with RawLog(target) as raw:
            restore_log(raw, path)
        assert rows(target) == rows(store)
        code, data = verify_json(target)
        assert code == 0 and len(actor_of(data, "griffier")["signed"]) == 2
        r = runner.invoke(app, ["audit", "verify", "--signatures", "--file", str(path),
                                "--json"])
        assert r.exit_code == 0 and json.loads(r.stdout)["signatures"]["ok"]
    finally:
        if target.kind == "postgresql":
            _drop(target)


def test_a_programme_policy_finds_unsigned_events_of_that_programme_only(store, tmp_path):
    from tests.conftest import agreement_of_the_six

    ledger = open_ledger(store)
    try:
        agreement_of_the_six(ledger)
        ledger.programme_create(env("2021-09-01"), code="WRL", name="WRL", agreement="WRL-SOK",
                                start="2021-09-01", end="2022-12-31")
        key = signing.SigningKey.generate()
        ledger.key_add(env(), actor="griffier", public_key=signing.b64(key.public))
        ledger.key_require(env(), programme="wrl")
        inside = ledger.workstream_add(env(actor="griffier"), programme="WRL", code="WS1",
                                       name="Energiesysteem").positions
        ledger.party_add(env(actor="griffier"), kind="provincie", name="Buiten", key="BUITEN")
    finally:
        ledger.close()
    r = runner.invoke(app, ["--json", "status", "--db", store.url])
    found = [p for p in json.loads(r.stdout)["problems"] if "niet ondertekend" in p]
    assert found == [f"gebeurtenis #{inside[0]} van griffier is niet ondertekend, terwijl "
                     "griffier een sleutel heeft en ondertekening vereist is"]
    # The policy's scope is named as recorded.
    r = runner.invoke(app, ["--db", store.url, "key", "list", "--json"])
    assert json.loads(r.stdout)["policies"][0]["scope"] == "programme:WRL"


def test_an_inclusion_proof_of_a_signed_event_carries_its_signature(store, tmp_path):
    from ledger.note import Signer
    from ledger.proofs import Prover
    from ledger.verifier import check

    keyed(store, tmp_path)
    row = next(r for r in rows(store) if r.signature)
    ledger_key = Signer.generate("ledger.example/sign")
    with RawLog(store) as raw:
        prover = Prover(raw)
        proof = prover.inclusion(row.position, prover.checkpoint(ledger_key))
    checked = check(proof, ledger_key.verifier())
    assert checked.ok
    event = checked.details["event"]
    assert (event["key_id"], event["signature"]) == (row.key_id, row.signature)
    # The signature checks over the message, with the public key the ledger recorded.
    public = next(k.public for k in check_rows(rows(store)).keys.values())
    msg = signing.message("griffier", row.key_id, row.originator_id, row.version, row.topic,
                          row.state)
    assert signing.check(public, row.signature, msg)


def test_a_key_given_but_not_yet_added_and_a_doubled_policy_are_refused(store, tmp_path):
    key_file = tmp_path / "los.key"
    signing.write_private_key(signing.SigningKey.generate(), str(key_file))
    before = rows(store)
    r = runner.invoke(app, ["--db", store.url, "--actor", "griffier", "party", "add", "Q",
                            "--kind", "provincie", "--key", "Q", "--signing-key", str(key_file)])
    assert r.exit_code == 1 and "hoort niet bij griffier" in r.output
    assert rows(store) == before
    assert runner.invoke(app, ["--db", store.url, "key", "require"]).exit_code == 0
    after = rows(store)
    r = runner.invoke(app, ["--db", store.url, "key", "require"])
    assert r.exit_code == 1 and "al vereist" in r.output
    assert rows(store) == after
    r = runner.invoke(app, ["--db", store.url, "key", "revoke", "griffier", "0" * 16,
                            "--reason", "x"])
    assert r.exit_code == 1 and "heeft geen sleutels" in r.output
    assert rows(store) == after


def test_an_unsigned_write_does_not_load_the_signing_library_and_the_variable_still_signs(
        store, tmp_path):
    """Most writes are unsigned: their process never imports `cryptography` (it costs a write
    about 17 ms of start-up). A key given by LEDGER_SIGNING_KEY alone still signs."""
    import os
    import subprocess
    import sys

    path = keyed(store, tmp_path)
    code = ("import sys\nfrom commands.main import run\ntry:\n    run()\nexcept SystemExit:\n"
            "    pass\nprint('cryptography' in sys.modules, file=sys.stderr)\n")
    base = {k: v for k, v in os.environ.items() if k != "LEDGER_SIGNING_KEY"}

    def party_add(name: str, actor: str, env: dict[str, str]) -> str:
        done = subprocess.run(
            [sys.executable, "-c", code, "--db", store.url, "--actor", actor, "party", "add",
             name, "--kind", "provincie", "--key", name[:2].upper()],
            capture_output=True, text=True, env=env, check=True)
        return done.stderr.strip().splitlines()[-1]

    assert party_add("Utrecht", "secretaris", base) == "False"
    assert party_add("Gelderland", "griffier", {**base, "LEDGER_SIGNING_KEY": str(path)}) == "True"
    utrecht, gelderland = rows(store)[-2:]
    assert utrecht.signature is None and gelderland.signature is not None
    code, data = verify_json(store)
    assert code == 0 and len(actor_of(data, "griffier")["signed"]) == 3

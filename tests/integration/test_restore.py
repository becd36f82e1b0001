"""Backup and restore: an export restored into an empty ledger has the same events at the same
positions, the same fingerprint and the same views; a damaged, tampered or truncated export, an
old one (against a fingerprint) and a ledger that is not empty are refused with nothing written."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from commands.main import app
from ledger import chain
from ledger.application import init_store, open_ledger
from ledger.errors import IntegrityFailure, InvalidInput
from ledger.exporting import export_log, restore_log
from ledger.storage import RawLog, parse_url
from tests.conftest import _drop, _pg_store, env

runner = CliRunner()

GEMEENTEN = [("GM0546", "Leiden"), ("GM0547", "Leiderdorp"), ("GM0537", "Katwijk")]


def fill(store) -> None:
    ledger = open_ledger(store)
    for cbs, name in GEMEENTEN:
        ledger.party_add(env(command_id=f"add-{cbs}"), kind="gemeente", name=name, cbs=cbs)
    ledger.party_add(env(), kind="provincie", name="Zuid Holand", key="ZH")
    ledger.party_correct(env(reason="spelling"), "ZH", name="Provincie Zuid-Holland")
    ledger.decision_record(env(command_id="d1"), key="PHO-2021-07", body="pho:WRL",
                           title="Samenwerking warmtetransitie", datum="2021-09-30",
                           participants=[c for c, _ in GEMEENTEN])
    ledger.decision_ratify(env(), "PHO-2021-07", party="GM0546")
    ledger.close()


def export(store, path) -> chain.Fingerprint:
    with RawLog(store) as raw, path.open("w", encoding="utf-8") as fh:
        return export_log(raw, fh)[1]


def events(store) -> list[chain.Row]:
    with RawLog(store) as raw:
        return list(raw.rows())


def verify(store) -> chain.Verification:
    with RawLog(store) as raw:
        return chain.verify_rows(raw.rows(), orphan_links=raw.orphan_links())


def cli(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


@pytest.fixture
def target(store):
    """A second, empty ledger of the same kind as `store`."""
    other = parse_url(f"sqlite:///{store.path}.restored") if store.kind == "sqlite" else _pg_store()
    init_store(other)
    yield other
    if other.kind == "postgresql":
        _drop(other)


def test_a_restored_ledger_has_the_same_events_fingerprint_and_views(store, target, tmp_path):
    fill(store)
    fp = export(store, tmp_path / "backup.jsonl")
    result = cli("--db", target.url, "restore", str(tmp_path / "backup.jsonl"))
    assert result.exit_code == 0, result.output
    assert str(fp) in result.output.replace("\n", "")
    assert events(target) == events(store)
    assert verify(target).ok and verify(target).fingerprint == fp
    for view in (["party", "list"], ["decision", "list"], ["log"]):
        original = json.loads(cli("--db", store.url, "--json", *view).output)
        restored = json.loads(cli("--db", target.url, "--json", *view).output)
        assert restored == original
    # The restored ledger goes on where the original stopped, and its chain with it.
    ledger = open_ledger(target)
    out = ledger.party_add(env(), kind="bedrijf", name="Dunea", key="DUNEA")
    ledger.close()
    assert out.positions == [fp.position + 1]
    assert verify(target).ok
    assert cli("--db", target.url, "audit", "verify", "--fingerprint", str(fp)).exit_code == 0


def test_positions_with_gaps_are_restored_as_they_were(store, target, tmp_path):
    """PostgreSQL positions can have gaps (a rolled-back insert uses a number); a restore keeps
    every event at its own position, gaps and all."""
    fill(store)
    export(store, tmp_path / "backup.jsonl")
    gapped = with_gaps(tmp_path / "backup.jsonl", tmp_path / "gapped.jsonl")
    with RawLog(target) as raw:
        n, fp = restore_log(raw, tmp_path / "gapped.jsonl")
    assert fp == gapped and [r.position for r in events(target)] == [3 * p for p in range(1, n + 1)]
    assert verify(target).fingerprint == gapped
    ledger = open_ledger(target)
    assert ledger.party_add(env(), kind="bedrijf", name="Dunea", key="DUNEA").positions == [
        gapped.position + 1]
    ledger.close()


def with_gaps(source, dest) -> chain.Fingerprint:
    """The same events at positions 3, 6, 9, ... with the links recomputed (as a ledger with gaps
    would have written them)."""
    lines = source.read_text(encoding="utf-8").splitlines()
    body, previous, out = lines[1:-1], chain.GENESIS, [lines[0]]
    for n, text in enumerate(body, start=1):
        d = json.loads(text)
        d["position"] = 3 * n
        previous = chain.link(previous, d["position"], d["originator_id"], d["version"],
                              d["topic"], d["state"].encode(), d.get("login"))
        d["link"] = previous
        out.append(json.dumps(d, ensure_ascii=False))
    fp = chain.Fingerprint(3 * len(body), previous)
    out.append(json.dumps({"end": True, "events": len(body), "fingerprint": str(fp)}))
    dest.write_text("\n".join(out) + "\n", encoding="utf-8")
    return fp


def test_an_export_moves_between_sqlite_and_postgresql(sqlite_store, pg_store, tmp_path):
    fill(sqlite_store)
    fp = export(sqlite_store, tmp_path / "from-sqlite.jsonl")
    assert cli("--db", pg_store.url, "restore", str(tmp_path / "from-sqlite.jsonl")).exit_code == 0
    assert verify(pg_store).fingerprint == fp
    back = parse_url(f"sqlite:///{tmp_path}/back.db")
    init_store(back)
    export(pg_store, tmp_path / "from-pg.jsonl")
    assert cli("--db", back.url, "restore", str(tmp_path / "from-pg.jsonl")).exit_code == 0
    assert events(back) == events(sqlite_store)


def test_a_ledger_that_is_not_empty_is_refused(store, tmp_path):
    fill(store)
    export(store, tmp_path / "backup.jsonl")
    before = events(store)
    result = cli("--db", store.url, "restore", str(tmp_path / "backup.jsonl"))
    assert result.exit_code == 1
    assert "is niet leeg" in result.output and "Er is niets teruggezet" in result.output
    assert events(store) == before


@pytest.mark.parametrize("damage,expected", [
    ("byte", "op positie 4 (regel 5)"),
    ("missing", "op positie 5 (regel 5)"),  # the event after the gap no longer links
    ("truncated", "afgebroken"),
    ("garbled", "regel 3"),
])
def test_a_damaged_export_is_refused_where_it_is_damaged_and_nothing_is_written(
        store, target, tmp_path, damage, expected):
    fill(store)
    path = tmp_path / "backup.jsonl"
    export(store, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    if damage == "byte":
        damaged = lines[4].replace("GM0547", "GM0548")
        assert damaged != lines[4]
        lines[4] = damaged
    elif damage == "missing":
        del lines[4]
    elif damage == "truncated":
        lines = lines[:-3]
    else:
        lines[2] = lines[2][:40]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("--db", target.url, "restore", str(path))
    assert result.exit_code == 3, result.output
    assert expected in " ".join(result.output.split())
    assert "Traceback" not in result.output
    assert events(target) == []


def test_an_old_backup_is_refused_against_a_later_fingerprint(store, target, tmp_path):
    fill(store)
    export(store, tmp_path / "old.jsonl")
    ledger = open_ledger(store)
    ledger.party_add(env(), kind="bedrijf", name="Dunea", key="DUNEA")
    ledger.close()
    later = verify(store).fingerprint
    result = cli("--db", target.url, "restore", str(tmp_path / "old.jsonl"),
                 "--fingerprint", str(later))
    assert result.exit_code == 3
    assert f"positie {later.position}" in " ".join(result.output.split())
    assert events(target) == []


def test_restore_creates_the_ledger_it_restores_into(tmp_path, sqlite_store):
    """Restoring a backup is how a lost ledger comes back: into a database that does not exist
    yet, without `ledger init` first. A damaged export leaves no new ledger behind."""
    fill(sqlite_store)
    export(sqlite_store, tmp_path / "b.jsonl")
    new = parse_url(f"sqlite:///{tmp_path}/none.db")
    result = cli("--db", new.url, "restore", str(tmp_path / "b.jsonl"))
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "Nieuw grootboek gemaakt in" in said and new.display in result.output.replace("\n", "")
    assert "gebeurtenissen uit" in said and "teruggezet in" in said
    assert events(new) == events(sqlite_store)
    assert verify(new).ok and verify(new).fingerprint == verify(sqlite_store).fingerprint
    assert json.loads(cli("--db", new.url, "--json", "party", "list").output) == json.loads(
        cli("--db", sqlite_store.url, "--json", "party", "list").output)
    # into it again: it holds events now, and is refused with nothing written
    again = cli("--db", new.url, "restore", str(tmp_path / "b.jsonl"))
    assert again.exit_code == 1 and "is niet leeg" in again.output
    assert events(new) == events(sqlite_store)
    # a damaged export into a database that does not exist: refused, and no file is left
    lines = (tmp_path / "b.jsonl").read_text(encoding="utf-8").splitlines()
    (tmp_path / "damaged.jsonl").write_text("\n".join(lines[:-2]) + "\n", encoding="utf-8")
    bad = cli("--db", f"sqlite:///{tmp_path}/other.db", "restore", str(tmp_path / "damaged.jsonl"))
    assert bad.exit_code == 3 and "Traceback" not in bad.output
    assert not (tmp_path / "other.db").exists()
    # English on request
    en = cli("--lang", "en", "--json", "--db", f"sqlite:///{tmp_path}/en.db", "restore",
             str(tmp_path / "b.jsonl"))
    assert en.exit_code == 0 and json.loads(en.output)["created"] is True
    en = cli("--lang", "en", "--db", f"sqlite:///{tmp_path}/en2.db", "restore",
             str(tmp_path / "b.jsonl"))
    assert "Created a new ledger at" in en.output and "Restored " in en.output


def test_a_missing_or_empty_export_is_refused(tmp_path, sqlite_store):
    with pytest.raises(InvalidInput, match="bestaat niet"):
        with RawLog(sqlite_store) as raw:
            restore_log(raw, tmp_path / "nothing.jsonl")
    with pytest.raises(IntegrityFailure):
        (tmp_path / "empty.jsonl").write_text("")
        with RawLog(sqlite_store) as raw:
            restore_log(raw, tmp_path / "empty.jsonl")

"""Roles on PostgreSQL, with real login roles: the auditor reads everything and writes nothing, not
even the views (its reads fold what the views lack in memory); the writer records but cannot
change, delete or truncate what is recorded, nor drop the guards."""

from __future__ import annotations

import json
import uuid

import psycopg
import pytest
from typer.testing import CliRunner

from commands.main import app
from ledger.storage import RawLog, parse_url
from tests.conftest import PG_URL

runner = CliRunner()


def cli(url: str, *args: str):
    result = runner.invoke(app, ["--db", url, *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def ledger_with_roles(pg_store):
    """The ledger initialised with --roles, and two login roles: an auditor and a writer."""
    admin = pg_store.url
    assert cli(admin, "init", "--roles").exit_code == 0
    suffix = uuid.uuid4().hex[:8]
    logins = {"auditor": f"t_auditor_{suffix}", "writer": f"t_writer_{suffix}"}
    with RawLog(pg_store) as raw:
        for kind, login in logins.items():
            raw.conn.execute(f"CREATE ROLE {login} LOGIN")
            raw.conn.execute(f"GRANT ledger_{kind} TO {login}")
        raw.conn.commit()
    base = PG_URL.split("://", 1)[1].split("@", 1)[-1].split("?")[0]
    urls = {k: f"postgresql://{v}@{base}?schema={pg_store.schema}" for k, v in logins.items()}
    yield {"admin": admin, **urls, "store": pg_store}
    with RawLog(pg_store) as raw:
        for login in logins.values():
            raw.conn.execute(f"DROP OWNED BY {login}")
            raw.conn.execute(f"DROP ROLE {login}")
        raw.conn.commit()


def count(url: str) -> int:
    with RawLog(parse_url(url)) as raw:
        return raw.count_and_max()[0]


def test_the_writer_records_and_reads_and_the_auditor_sees_it_all(ledger_with_roles):
    db = ledger_with_roles
    assert cli(db["writer"], "party", "add", "Leiden", "--kind", "gemeente", "--cbs",
               "GM0546").exit_code == 0
    assert cli(db["writer"], "party", "list").exit_code == 0  # the writer's read fills the views
    # Written after the views were last brought up to date: the auditor must still see it.
    assert cli(db["writer"], "party", "add", "Katwijk", "--kind", "gemeente", "--cbs",
               "GM0537").exit_code == 0
    assert cli(db["writer"], "decision", "record", "PHO-1", "--body", "pho:WRL", "--title",
               "Samenwerking", "--datum", "2021-10-01", "--participant", "GM0546",
               "--participant", "GM0537").exit_code == 0

    listed = json.loads(cli(db["auditor"], "--json", "party", "list").output)
    assert sorted(p["key"] for p in listed) == ["GM0537", "GM0546"]
    assert json.loads(cli(db["auditor"], "--json", "decision", "show", "PHO-1").output)[
        "status"] == "voorgenomen"
    log = json.loads(cli(db["auditor"], "--json", "log").output)
    assert [e["subject"] for e in log] == ["party:GM0546", "party:GM0537", "decision:PHO-1"]
    # A trail reads the subjects table, which the auditor's in-memory catch-up does not cover
    # yet: the writer's next read brings the views up to date first.
    assert cli(db["writer"], "party", "list").exit_code == 0
    trail = cli(db["auditor"], "--json", "audit", "trail", "party:GM0537")
    assert trail.exit_code == 0 and "Katwijk" in trail.output, trail.output
    status = json.loads(cli(db["auditor"], "--json", "status").output)
    assert status["events"] == 3 and status["ok"]
    assert cli(db["auditor"], "audit", "verify").exit_code == 0
    assert cli(db["auditor"], "audit", "fingerprint").exit_code == 0
    assert cli(db["auditor"], "show", "2").exit_code == 0
    assert cli(db["auditor"], "export").exit_code == 0
    # What the auditor saw equals what the writer (whose reads update the views) sees.
    assert json.loads(cli(db["writer"], "--json", "log").output) == log


@pytest.mark.parametrize("args", [
    ["party", "add", "Leiden", "--kind", "gemeente", "--cbs", "GM0546"],
    ["party", "correct", "ZH", "--name", "Zuid-Holland"],
    ["decision", "record", "D-1", "--body", "regiegroep:WRL", "--title", "T", "--datum",
     "2021-10-01"],
    ["import", "ledger/demo/leidse-regio.yaml"],
    ["rebuild"],
    ["init"],
])
def test_the_auditor_writes_nothing_and_is_told_so_in_a_sentence(ledger_with_roles, args):
    db = ledger_with_roles
    assert cli(db["admin"], "party", "add", "Zuid-Holland", "--kind", "provincie", "--key",
               "ZH").exit_code == 0
    before = count(db["admin"])
    result = cli(db["auditor"], *args)
    assert result.exit_code == 1, result.output
    assert result.output.startswith("Error: ")
    assert "role may not" in result.output or "permission denied" in result.output
    assert count(db["admin"]) == before


def test_the_auditor_cannot_write_the_views_either(ledger_with_roles):
    db = ledger_with_roles
    with psycopg.connect(db["auditor"].split("?")[0].replace("postgresql", "postgresql", 1),
                         options=f"-c search_path={db['store'].schema}") as conn:
        for sql in ("INSERT INTO view_tracking VALUES ('journal', 99)",
                    "UPDATE view_journal SET actor = 'x'", "DELETE FROM view_subject",
                    "INSERT INTO stored_events (originator_id, originator_version, topic, state) "
                    "VALUES (gen_random_uuid(), 1, 't', 'x')"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql)
            conn.rollback()


def test_the_writer_cannot_change_delete_or_truncate_what_is_recorded(ledger_with_roles):
    db = ledger_with_roles
    assert cli(db["writer"], "party", "add", "Leiden", "--kind", "gemeente", "--cbs",
               "GM0546").exit_code == 0
    assert cli(db["writer"], "log").exit_code == 0
    before = count(db["admin"])
    schema = db["store"].schema
    refused = []
    with psycopg.connect(db["writer"].split("?")[0],
                         options=f"-c search_path={schema}") as conn:
        for sql in ("UPDATE stored_events SET topic = 'x'", "DELETE FROM stored_events",
                    "TRUNCATE stored_events", "UPDATE ledger_chain SET link = 'x'",
                    "DELETE FROM ledger_chain", "TRUNCATE ledger_chain",
                    "DROP TRIGGER stored_events_no_change ON stored_events",
                    "ALTER TABLE stored_events DISABLE TRIGGER ALL",
                    "UPDATE view_journal SET actor = 'x'", "DELETE FROM view_journal"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege) as err:
                conn.execute(sql)
            refused.append(str(err.value).splitlines()[0])
            conn.rollback()
    assert count(db["admin"]) == before
    assert cli(db["admin"], "audit", "verify").exit_code == 0
    assert all("permission denied" in r or "append-only" in r or "must be owner" in r
               for r in refused), refused


def test_views_rebuilt_by_the_administrator_stay_usable_by_both_roles(ledger_with_roles):
    db = ledger_with_roles
    assert cli(db["writer"], "party", "add", "Leiden", "--kind", "gemeente", "--cbs",
               "GM0546").exit_code == 0
    assert cli(db["admin"], "rebuild").exit_code == 0
    assert cli(db["writer"], "party", "add", "Katwijk", "--kind", "gemeente", "--cbs",
               "GM0537").exit_code == 0
    assert cli(db["writer"], "party", "list").exit_code == 0
    assert len(json.loads(cli(db["auditor"], "--json", "party", "list").output)) == 2

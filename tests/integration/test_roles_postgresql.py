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
from ledger.storage import APPEND, APPEND_ARGS, RawLog, parse_url
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
    assert cli(db["writer"], "party", "list").exit_code == 0  # reads, writes no view row
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
    # A trail of a party the read tables do not know yet (only the owner writes them).
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
    assert result.output.startswith("Fout: ")
    assert "databaserol mag" in result.output or "permission denied" in result.output
    assert count(db["admin"]) == before


def test_the_auditor_cannot_write_the_views_either(ledger_with_roles):
    db = ledger_with_roles
    with psycopg.connect(db["auditor"].split("?")[0].replace("postgresql", "postgresql", 1),
                         options=f"-c search_path={db['store'].schema}") as conn:
        for sql in ("INSERT INTO view_tracking VALUES ('journal', 99)",
                    "INSERT INTO ledger_tree VALUES (0, 99, '\\x00', 99)",
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
                    "UPDATE ledger_tree SET hash = '\\x00'", "DELETE FROM ledger_tree",
                    "TRUNCATE ledger_tree", "DROP TRIGGER ledger_tree_no_change ON ledger_tree",
                    "DROP TRIGGER stored_events_no_change ON stored_events",
                    "ALTER TABLE stored_events DISABLE TRIGGER ALL",
                    "UPDATE view_journal SET actor = 'x'", "DELETE FROM view_journal",
                    # No link, node or event by hand: the write function computes them all.
                    "INSERT INTO stored_events (originator_id, originator_version, topic, state) "
                    "VALUES (gen_random_uuid(), 1, 't', 'x')",
                    "INSERT INTO ledger_chain (position, link) VALUES (99, 'x')",
                    "INSERT INTO ledger_tree VALUES (0, 99, '\\x00', 99)",
                    "SELECT nextval('stored_events_notification_id_seq')",
                    f"CREATE OR REPLACE FUNCTION {APPEND}(uuid[], bigint[], text[], bytea[], "
                    "text) RETURNS bigint[] LANGUAGE sql AS 'SELECT NULL::bigint[]'",
                    f"ALTER FUNCTION {APPEND}{APPEND_ARGS} "
                    "SECURITY INVOKER"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege) as err:
                conn.execute(sql)
            refused.append(str(err.value).splitlines()[0])
            conn.rollback()
    assert count(db["admin"]) == before
    assert cli(db["admin"], "audit", "verify").exit_code == 0
    # The writer's events are in the tree (appended in the write's transaction, INSERT only).
    with RawLog(db["store"]) as raw:
        from ledger.tree import nodes_of

        assert nodes_of(raw).end()[0] == before
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


def writer_connection(db) -> psycopg.Connection:
    return psycopg.connect(db["writer"].split("?")[0],
                           options=f"-c search_path={db['store'].schema}")


def test_a_writer_cannot_lock_out_the_auditor(ledger_with_roles):
    """Attack 4: a writer holds no right that takes a lock blocking readers (the writers' own
    lock is an advisory one), and a writer in the middle of a write blocks no auditor."""
    db = ledger_with_roles
    assert cli(db["writer"], "party", "add", "Leiden", "--kind", "gemeente", "--cbs",
               "GM0546").exit_code == 0
    with writer_connection(db) as conn:
        for table in ("stored_events", "ledger_chain", "view_journal", "view_subject",
                      "view_aggregate", "view_tracking"):
            for mode in ("ACCESS EXCLUSIVE", "EXCLUSIVE", "SHARE"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(f"LOCK TABLE {table} IN {mode} MODE")
                conn.rollback()
        # A write under way (the writers' lock held, an event inserted, not yet committed):
        # the auditor reads, verifies and lists all the same.
        from ledger.storage import writers_lock_key

        conn.execute("SELECT pg_advisory_xact_lock(%s)", (writers_lock_key(db["store"].schema),))
        conn.execute(f"SELECT {APPEND}(%s::uuid[], %s::bigint[], %s::text[], %s::bytea[], '1s')",
                     ([uuid.uuid4()], [1], ["t"], [b"x"]))
        conn.execute("SET LOCAL lock_timeout = '1s'")
        with psycopg.connect(db["auditor"].split("?")[0],
                             options=f"-c search_path={db['store'].schema} "
                                     "-c lock_timeout=5000") as auditor:
            # A lock the auditor had to wait for would fail here (lock_timeout), not hang.
            assert auditor.execute("SELECT count(*) FROM stored_events").fetchone()[0] == 1
        assert cli(db["auditor"], "audit", "verify").exit_code == 0
        assert [e["subject"] for e in json.loads(
            cli(db["auditor"], "--json", "log").output)] == ["party:GM0546"]
        conn.rollback()
    assert count(db["admin"]) == 1


def test_a_writer_cannot_make_the_read_tables_hide_events(ledger_with_roles):
    """Attack 3: the read tables are the owner's alone; a writer can neither move the tracked
    position past new events nor add or change rows, so every reader still sees every event."""
    db = ledger_with_roles
    assert cli(db["admin"], "party", "add", "Leiden", "--kind", "gemeente", "--cbs",
               "GM0546").exit_code == 0
    assert cli(db["admin"], "log").exit_code == 0  # the owner's read folds it into the views
    assert cli(db["writer"], "party", "add", "Katwijk", "--kind", "gemeente", "--cbs",
               "GM0537").exit_code == 0
    with writer_connection(db) as conn:
        for sql in ("UPDATE view_tracking SET position = position + 100",
                    "INSERT INTO view_tracking VALUES ('x', 1)",
                    "INSERT INTO view_journal SELECT * FROM view_journal LIMIT 0",
                    "INSERT INTO view_subject VALUES ('party:GM0537', 99)",
                    "DELETE FROM view_subject", "UPDATE view_aggregate SET key = 'x'"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql)
            conn.rollback()
    for role in ("writer", "auditor", "admin"):
        listed = json.loads(cli(db[role], "--json", "party", "list").output)
        assert sorted(p["key"] for p in listed) == ["GM0537", "GM0546"], role
        assert cli(db[role], "show", "2").exit_code == 0, role


def test_init_roles_brings_old_grants_up_to_date(ledger_with_roles):
    """A ledger set up by an older version gave the writer TRUNCATE on the log and write rights
    on the read tables; `ledger init --roles` takes them back."""
    db = ledger_with_roles
    s = f'"{db["store"].schema}"'
    old = [f"GRANT TRUNCATE ON {s}.stored_events TO ledger_writer",
           f"GRANT INSERT ON {s}.view_journal, {s}.view_subject, {s}.view_aggregate "
           "TO ledger_writer", f"GRANT INSERT, UPDATE ON {s}.view_tracking TO ledger_writer"]
    checks = [("stored_events", "TRUNCATE"), ("view_journal", "INSERT"),
              ("view_tracking", "UPDATE"), ("view_subject", "INSERT")]

    def rights() -> list[bool]:
        with RawLog(db["store"]) as raw:
            return [raw.conn.execute("SELECT has_table_privilege('ledger_writer', %s, %s)",
                                     (f"{s}.{t}", r)).fetchone()[0] for t, r in checks]

    with RawLog(db["store"]) as raw:
        for sql in old:
            raw.conn.execute(sql)
        raw.conn.commit()
    assert rights() == [True] * len(checks)
    assert cli(db["admin"], "init", "--roles").exit_code == 0
    assert rights() == [False] * len(checks)
    assert cli(db["writer"], "party", "add", "Leiden", "--kind", "gemeente", "--cbs",
               "GM0546").exit_code == 0


def test_writers_record_through_the_write_function_and_no_one_else_may_call_it(ledger_with_roles):
    """The write function runs as the owner (SECURITY DEFINER): the writer's events, links and
    nodes are written by it, with the writer's login; the auditor and a login in neither role
    may not call it; `ledger init` run again keeps the writer's right to call it."""
    db = ledger_with_roles
    writer = db["writer"].split("://", 1)[1].split("@", 1)[0]
    assert cli(db["writer"], "party", "add", "Leiden", "--kind", "gemeente", "--cbs",
               "GM0546").exit_code == 0
    with RawLog(db["store"]) as raw:
        rows = list(raw.rows())
        from ledger.tree import nodes_of

        assert nodes_of(raw).end()[0] == len(rows) == 1
    assert {r.login for r in rows} == {writer}
    assert cli(db["admin"], "audit", "verify").exit_code == 0
    outsider = f"t_outsider_{uuid.uuid4().hex[:8]}"
    with RawLog(db["store"]) as raw:
        raw.conn.execute(f"CREATE ROLE {outsider} LOGIN")
        raw.conn.execute(f'GRANT USAGE ON SCHEMA "{db["store"].schema}" TO {outsider}')
        raw.conn.commit()
    base = db["auditor"].split("@", 1)[1].split("?")[0]
    try:
        for url in (db["auditor"].split("?")[0], f"postgresql://{outsider}@{base}"):
            with psycopg.connect(url, options=f"-c search_path={db['store'].schema}") as conn:
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(f"SELECT {APPEND}(%s::uuid[], %s::bigint[], %s::text[], "
                                 "%s::bytea[], '1s')", ([uuid.uuid4()], [1], ["t"], [b"x"]))
        assert count(db["admin"]) == 1
        assert cli(db["admin"], "init").exit_code == 0
        assert cli(db["writer"], "party", "add", "Katwijk", "--kind", "gemeente", "--cbs",
                   "GM0537").exit_code == 0
        assert count(db["admin"]) == 2
    finally:
        with RawLog(db["store"]) as raw:
            raw.conn.execute(f"DROP OWNED BY {outsider}")
            raw.conn.execute(f"DROP ROLE {outsider}")
            raw.conn.commit()

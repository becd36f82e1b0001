"""Who wrote each event, beside whom it was recorded for (issue 15, case 6).

On PostgreSQL every person records under a login of their own (`ledger role add NAME --writer`)
and the database stamps that login (`session_user`) on each chain link, whatever the client
sends; the link covers it, so a link made with another login does not verify. A writer may not
insert by plain SQL; an event it writes by hand through the write function carries its login.
On SQLite the OS user is recorded and shown as unauthenticated. Links written before logins were
stamped still verify.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import psycopg
import pytest
from typer.testing import CliRunner

from commands.main import app
from ledger import chain
from ledger.storage import APPEND, CHAIN, RawLog, Store, os_login
from tests.conftest import PG_URL

runner = CliRunner()
ADD = ["party", "add", "Leiden", "--kind", "gemeente", "--cbs", "GM0546"]


def cli(url: str, *args: str) -> Any:
    result = runner.invoke(app, ["--db", url, *args], env={"COLUMNS": "250"})
    assert "Traceback" not in result.output, result.output
    return result


def test_every_event_shows_who_wrote_it_beside_whom_it_was_for(store: Store):
    assert cli(store.url, "--actor", "secretariaat", *ADD).exit_code == 0
    login = os_login() if store.kind == "sqlite" else store.params["user"]
    expected = (f"vastgelegd door OS-gebruiker {login} (niet geverifieerd) namens secretariaat"
                if store.kind == "sqlite"
                else f"vastgelegd door login {login} namens secretariaat")
    logged = json.loads(cli(store.url, "--json", "log").output)
    assert [(e["login"], e["login_authenticated"], e["recorded_by"]) for e in logged] == [
        (login, store.kind == "postgresql", expected)]
    shown = json.loads(cli(store.url, "--json", "show", "1").output)
    assert shown["recorded_by"] == expected and shown["actor"] == "secretariaat"
    trail = json.loads(cli(store.url, "--json", "audit", "trail", "party:GM0546").output)
    assert [s["recorded_by"] for s in trail["events"]] == [expected]
    for args in (["log"], ["show", "1"]):
        assert expected in " ".join(cli(store.url, *args).output.split()), args
    # (the trail's table may wrap the sentence within its cell: every word of it is shown)
    shown_words = cli(store.url, "audit", "trail", "party:GM0546").output
    assert all(word in shown_words for word in expected.split())
    assert cli(store.url, "audit", "verify").exit_code == 0


def test_links_written_before_logins_were_stamped_still_verify(store: Store, monkeypatch):
    """An older ledger's chain has no login column: its links keep the first formula. Brought up
    to date (`ledger init`, or on SQLite the first write), old and new links verify together."""
    with RawLog(store) as raw:
        if store.kind == "sqlite":
            raw.conn.execute(f"ALTER TABLE {CHAIN} DROP COLUMN login")
        else:
            raw.conn.execute(f"DROP TRIGGER {CHAIN}_stamp_login ON {raw.chain}")
            raw.conn.execute(f"ALTER TABLE {raw.chain} DROP COLUMN login")
            # Nor had it the write function (ledger/postgres.py): it wrote by the Python path.
            raw.conn.execute(f'DROP FUNCTION "{store.schema}".{APPEND}')
        raw.conn.commit()
    with monkeypatch.context() as m:
        # An older version on SQLite wrote links without a login (this one adds the column on
        # its first write, and would stamp the OS user).
        m.setattr("ledger.sqlite.os_login", lambda: None)
        assert cli(store.url, "--actor", "vroeger", *ADD).exit_code == 0  # an old-style link
    with RawLog(store) as raw:
        assert [r.login for r in raw.rows()] == [None]
    assert cli(store.url, "init").exit_code == 0
    assert cli(store.url, "--actor", "nu", "party", "add", "Katwijk", "--kind", "gemeente",
               "--cbs", "GM0537").exit_code == 0
    with RawLog(store) as raw:
        logins = [r.login for r in raw.rows()]
    assert logins[0] is None and logins[1] is not None
    assert cli(store.url, "audit", "verify").exit_code == 0
    logged = json.loads(cli(store.url, "--json", "log").output)
    assert [e["recorded_by"] for e in logged][0] == "vroeger"
    assert logged[1]["recorded_by"].endswith(" namens nu")
    # An export carries the logins, and verifies offline.
    assert cli(store.url, "export", "-o", "/dev/null").exit_code == 0


@pytest.fixture
def people(pg_store):
    """Two people with logins of their own, made by `ledger role add`."""
    admin = pg_store.url
    suffix = uuid.uuid4().hex[:8]
    names = {"writer": f"alice_{suffix}", "auditor": f"bob_{suffix}"}
    made = cli(admin, "role", "add", names["writer"], "--writer")
    assert made.exit_code == 0 and "lid van ledger_writer" in made.output, made.output
    assert cli(admin, "role", "add", names["auditor"], "--auditor").exit_code == 0
    listed = json.loads(cli(admin, "--json", "role", "list").output)
    assert {"login": names["writer"], "role": "writer"} in listed
    base = PG_URL.split("://", 1)[1].split("@", 1)[-1].split("?")[0]
    urls = {k: f"postgresql://{v}@{base}?schema={pg_store.schema}" for k, v in names.items()}
    yield {"admin": admin, "store": pg_store, "names": names, **urls}
    with RawLog(pg_store) as raw:
        for login in names.values():
            raw.conn.execute(f"DROP OWNED BY {login}")
            raw.conn.execute(f"DROP ROLE {login}")
        raw.conn.commit()


def test_a_login_of_ones_own_is_stamped_whatever_actor_is_named(people):
    db = people
    alice = db["names"]["writer"]
    assert cli(db["writer"], "--actor", "the mayor", *ADD).exit_code == 0
    logged = json.loads(cli(db["auditor"], "--json", "log").output)
    assert logged[0]["recorded_by"] == f"vastgelegd door login {alice} namens the mayor"
    refused = cli(db["auditor"], "--actor", "x", "party", "add", "Katwijk", "--kind", "gemeente",
                  "--cbs", "GM0537")
    assert refused.exit_code == 1


def test_role_add_refuses_what_it_cannot_do_in_a_sentence(people, sqlite_store):
    db = people
    for args, words in ((["role", "add", "Robert'); DROP", "--writer"], "geen bruikbare inlognaam"),
                        (["role", "add", "carol"], "precies één van --writer en --auditor"),
                        (["role", "add", "postgres", "--writer"], "superuser")):
        result = cli(db["admin"], *args)
        assert result.exit_code == 1 and words in result.output, (args, result.output)
    result = cli(sqlite_store.url, "role", "add", "carol", "--writer")
    assert result.exit_code == 1 and "alleen op PostgreSQL" in result.output


def test_an_event_a_writer_writes_by_hand_carries_the_login_that_wrote_it(people):
    """Attack 6: a writer records an event past every rule, naming any actor, and tries to claim
    another login. It may not insert into the log or the chain at all (its one way to write is the
    write function, which runs as the owner and computes the link itself); what it writes through
    that function by hand is linked for its own login, verifies, and names the writer."""
    db = people
    alice = db["names"]["writer"]
    assert cli(db["writer"], "--actor", "secretariaat", *ADD).exit_code == 0
    store: Store = db["store"]
    with RawLog(store) as raw:
        source = next(raw.rows())
    forged_state = source.state.replace(b"secretariaat", b"the-mayor")
    with psycopg.connect(db["writer"].split("?")[0],
                         options=f"-c search_path={store.schema}") as conn:
        oid = uuid.uuid4()
        for sql, args in (
                ("INSERT INTO stored_events (originator_id, originator_version, topic, state) "
                 "VALUES (%s, 1, %s, %s)", (oid, source.topic, forged_state)),
                (f"INSERT INTO {CHAIN} (position, link, login) VALUES (2, %s, 'bob')",
                 (chain.link(source.stored_link or "", 2, oid.hex, 1, source.topic,
                             forged_state, "bob"),))):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql, args)
            conn.rollback()
        conn.autocommit = True
        conn.execute(f"SELECT {APPEND}(%s::uuid[], %s::bigint[], %s::text[], %s::bytea[], '5s')",
                     ([oid], [1], [source.topic], [forged_state]))
    with RawLog(store) as raw:
        assert [r.login for r in raw.rows()] == [alice, alice]
    assert cli(db["admin"], "audit", "verify").exit_code == 0
    logged = json.loads(cli(db["auditor"], "--json", "log").output)
    assert logged[-1]["login"] == alice and logged[-1]["login_authenticated"]

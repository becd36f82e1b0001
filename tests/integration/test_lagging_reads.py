"""A reader whose read tables lag gets the owner's answers, and read tables that lie are caught.

Every read command (lists, shows, the log, trails, reports, the dashboard, status) is run by a
reader that may not write the read tables while they lack the newest events (the auditor role
on PostgreSQL; on SQLite, a reader whose file is read-only, as `views_writable` says), so it
folds those events in memory. Each output must equal the owner's after the owner's read folded
them into the tables. Then the read tables are made to skip events (attack 3 of issue 15, done
as the owner could: only the owner may write them on PostgreSQL, anyone who may write the file
on SQLite): every read, `status` and `audit verify` say so in a sentence naming the repair.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import projections.tables
from commands.main import app
from ledger.storage import RawLog, Store
from tests.conftest import PG_URL

runner = CliRunner()
DEMO = str(Path(__file__).parents[2] / "ledger" / "demo" / "leidse-regio.yaml")
LATER = [  # written after the owner's last read: the tables lack them
    ["party", "add", "Kaag en Braassem", "--kind", "gemeente", "--cbs", "GM0882",
     "--on", "2021-11-01"],
    ["party", "correct", "GM0546", "--name", "Gemeente Leiden", "--on", "2021-11-02"],
    ["decision", "record", "D-LATER", "--body", "college:GM0546", "--title", "Later besluit",
     "--datum", "2021-11-03", "--ref", "zaak:Z/21/999"],
    ["decision", "record", "PHO-LATER", "--body", "pho:WRL", "--title", "Voorgenomen",
     "--datum", "2021-11-04", "--participant", "GM0546", "--participant", "GM0882"],
]
READS = [
    ["status"], ["log"], ["log", "--receipts"], ["log", "--subject", "party:GM0546"],
    ["party", "list"], ["party", "show", "GM0546"], ["party", "show", "GM0882"],
    ["decision", "list"], ["decision", "show", "PHO-LATER"], ["decision", "show", "D-LATER"],
    ["agreement", "list"], ["agreement", "show", "WRL-SOK"],
    ["agreement", "shares", "WRL-SOK", "--amount", "1000000", "--on", "2021-12-31"],
    ["programme", "list"], ["programme", "show", "WRL"], ["workstream", "list", "WRL"],
    ["workstream", "show", "WRL/WS1"], ["budget", "show", "--programme", "WRL",
                                        "--on", "2021-12-31"],
    ["routekaart", "list"], ["routekaart", "show", "VS-RK"], ["indicator", "list", "WRL"],
    ["indicator", "show", "WRL/besteding"], ["meekoppel", "list"], ["report", "list"],
    ["audit", "trail", "party:GM0882"], ["audit", "trail", "party:GM0546"],
    ["audit", "trail", "decision:PHO-LATER"], ["audit", "trail", "party:gm0546"],
    ["audit", "fingerprint"],
]
TEXT = [["log"], ["party", "show", "GM0546"], ["audit", "trail", "party:GM0546"],
        ["report", "quarterly", "--programme", "WRL", "--quarter", "2021Q4",
         "--on", "2021-12-31"]]


def invoke(url: str, *args: str) -> Any:
    result = runner.invoke(app, ["--db", url, "--actor", "tester", *args],
                           env={"COLUMNS": "200"})
    assert "Traceback" not in result.output, result.output
    return result


def answers(url: str, tmp_path: Path, who: str) -> dict[str, str]:
    """Every read's output (JSON, and some as text), the dashboard's HTML included."""
    out: dict[str, str] = {}
    for args in READS:
        result = invoke(url, "--json", *args)
        assert result.exit_code == 0, (who, args, result.output)
        data = json.loads(result.output)
        if args == ["status"]:
            data.pop("database")
        out[" ".join(args)] = json.dumps(data, sort_keys=True)
    for args in TEXT:
        result = invoke(url, *args)
        assert result.exit_code == 0, (who, args, result.output)
        out["text: " + " ".join(args)] = result.output.replace(url, "URL")
    board = tmp_path / f"dashboard-{who}.html"
    assert invoke(url, "report", "dashboard", "--programme", "WRL", "--on", "2021-12-31",
                  "-o", str(board)).exit_code == 0
    out["dashboard"] = board.read_text(encoding="utf-8")
    return out


@pytest.fixture
def lagging(store: Store, tmp_path: Path, monkeypatch: Any):
    """The demo as the owner recorded and read it, then LATER written by a writer: yields the
    owner's URL and the lagging reader's."""
    owner = store.url
    assert invoke(owner, "import", DEMO).exit_code == 0
    assert invoke(owner, "log").exit_code == 0  # the owner's read folds everything so far
    logins: list[str] = []
    if store.kind == "postgresql":
        assert invoke(owner, "init", "--roles").exit_code == 0
        base = PG_URL.split("://", 1)[1].split("@", 1)[-1].split("?")[0]
        urls = {}
        for kind in ("writer", "auditor"):
            login = f"t_{kind}_{uuid.uuid4().hex[:8]}"
            with RawLog(store) as raw:
                raw.conn.execute(f"CREATE ROLE {login} LOGIN")
                raw.conn.execute(f"GRANT ledger_{kind} TO {login}")
                raw.conn.commit()
            logins.append(login)
            urls[kind] = f"postgresql://{login}@{base}?schema={store.schema}"
        writer, reader = urls["writer"], urls["auditor"]
    else:
        writer = reader = owner
    for args in LATER:
        assert invoke(writer, *args).exit_code == 0
    yield {"owner": owner, "reader": reader, "store": store}
    if logins:
        with RawLog(store) as raw:
            for login in logins:
                raw.conn.execute(f"DROP OWNED BY {login}")
                raw.conn.execute(f"DROP ROLE {login}")
            raw.conn.commit()


def test_a_reader_that_folds_the_lag_in_memory_gets_the_owners_answers(
        lagging, tmp_path, monkeypatch):
    db = lagging
    store: Store = db["store"]
    with monkeypatch.context() as m:
        if store.kind == "sqlite":
            m.setattr(projections.tables, "views_writable", lambda s: False)
        lag = tracked_and_last(store)
        assert lag[0] < lag[1]  # the tables lack the newest events
        folded_in_memory = answers(db["reader"], tmp_path, "reader")
        assert tracked_and_last(store) == lag  # the lagging reader wrote nothing
    owners = answers(db["owner"], tmp_path, "owner")
    tracked, last = tracked_and_last(store)
    assert tracked == last  # the owner's reads folded the lag into the tables
    assert "GM0882" in owners["party list"] and "Kaag" in owners["audit trail party:GM0882"]
    for name, answer in owners.items():
        assert folded_in_memory[name] == answer, name


def tracked_and_last(store: Store) -> tuple[int, int]:
    with RawLog(store) as raw:
        cur = raw.conn.cursor()
        table = "view_tracking" if store.kind == "sqlite" else f'"{store.schema}".view_tracking'
        cur.execute(f"SELECT position FROM {table} WHERE name = 'journal'")
        tracked = int(cur.fetchone()[0])
        return tracked, raw.count_and_max()[1]


def test_read_tables_that_skip_events_are_caught_by_every_read(lagging):
    """The tracked position moved past events the tables never got (attack 3)."""
    db = lagging
    store: Store = db["store"]
    table = "view_tracking" if store.kind == "sqlite" else f'"{store.schema}".view_tracking'
    with RawLog(store) as raw:
        raw.conn.execute(f"UPDATE {table} SET position = position + 1000 WHERE name = 'journal'")
        raw.conn.commit()
    for args in (["party", "list"], ["show", "5"], ["log"], ["audit", "trail", "party:GM0882"],
                 ["status"]):
        result = invoke(db["owner"], *args)
        assert result.exit_code == 3, (args, result.output)
        assert "De overzichten komen niet overeen met het logboek" in \
            " ".join(result.output.split())
        assert "ledger rebuild" in result.output
    verified = invoke(db["owner"], "audit", "verify")
    assert verified.exit_code == 3 and "ledger rebuild" in verified.output
    assert invoke(db["owner"], "rebuild").exit_code == 0
    listed = json.loads(invoke(db["owner"], "--json", "party", "list").output)
    assert "GM0882" in {p["key"] for p in listed}
    assert invoke(db["owner"], "audit", "verify").exit_code == 0

"""Faults injected into a write: whatever is raised at whichever step, nothing is half-written.

One write (a party added with a command id, so with a receipt) and one batch of an import are
interrupted at each step of a write, on each of the three write paths:

- SQLite, and PostgreSQL's Python path (a ledger without the write function, made by an earlier
  version): the recorder's transaction, before the events' INSERT, after it, inside the chain-link
  step, inside the Merkle tree's step, after the link INSERT, at the receipt, and at commit; by a
  RuntimeError, a MemoryError (client side), and an error of the database server itself.
- PostgreSQL's one statement (`ledger.postgres.append_function`): on the client before the
  statement is sent and after it returned (a RuntimeError, a MemoryError), and on the server
  inside the function, at each of its steps: the events' INSERT, the receipt, the chain links, the
  tree's nodes, and the COMMIT that ends the statement. After the statement returned the write is
  committed whole: a client that fails then has written all of it (as when a connection drops
  after COMMIT), never part of it, and running the command again finds its receipt.

After each, the ledger verifies, holds exactly the events it held before the failed transaction
(or, after the one statement returned, exactly those plus the whole write), and running the same
command (or import) again reaches exactly the state of a run that was never interrupted (the state
hash of `tests/integration/workload.py`).

The faults wrap our own recorders' steps (`_insert_rows`, `_write_links`, `_append`, the links and
leaves `ledger.tree.leaves_of` computes, the tree's `append_in_step`) or put a refusing trigger in
the database: fault injection into the real write path on the real databases, not a stand-in for
it. A server-side error must also not be taken for a conflict with another writer: it is tried
once, and the user reads one sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest
from typer.testing import CliRunner

import ledger.postgres
import ledger.sqlite
import ledger.tree
from commands.main import app
from ledger.application import init_store
from ledger.postgres import APPEND, ChainedPostgresRecorder
from ledger.sqlite import ChainedSQLiteRecorder, LedgerSQLiteConnection
from ledger.storage import CHAIN, EVENTS, RawLog, Store, parse_url
from ledger.tree import TREE
from tests.conftest import _drop, _pg_store
from tests.integration import workload

runner = CliRunner()
STEPS = ["before insert", "after insert", "inside link step", "inside tree step",
         "after link insert", "at receipt", "at commit"]
KINDS = {"RuntimeError": RuntimeError, "MemoryError": MemoryError, "server": None}
# The one statement: the client fails around it, the server inside it.
CLIENT_STEPS = ["before the statement", "after the statement"]
SERVER_STEPS = ["at the events", "at receipt", "inside link step", "inside tree step",
                "at commit"]
CASES = [
    *[(db, step, kind) for db in ("sqlite", "postgresql-python") for step in STEPS
      for kind in KINDS],
    *[("postgresql", step, kind) for step in CLIENT_STEPS for kind in ("RuntimeError",
                                                                        "MemoryError")],
    *[("postgresql", step, "server") for step in SERVER_STEPS],
]
SETUP = [["party", "add", "Zuid-Holland", "--kind", "provincie", "--key", "ZH"]]
WRITE = ["party", "add", "Leiden", "--kind", "gemeente", "--cbs", "GM0546", "--command-id", "w-1"]
FAULTY_BATCH = 3  # the import's third transaction (its batches hold 1, 2, 4, 8, ... commands)


def cli(store: Store, *args: str) -> Any:
    return runner.invoke(app, ["--db", store.url, "--actor", "tester", *args])


def count(store: Store) -> int:
    with RawLog(store) as raw:
        return raw.count_and_max()[0]


def fresh(kind: str, tmp_path: Any, name: str) -> Store:
    store = (parse_url(f"sqlite:///{tmp_path}/{name}.db") if kind == "sqlite" else _pg_store())
    init_store(store)
    if kind == "postgresql-python":  # a ledger without the write function: the Python path
        sql(store, f'DROP FUNCTION "{store.schema}".{APPEND}')
    for args in SETUP:
        assert cli(store, *args, "--on", "2021-01-01").exit_code == 0
    return store


def run(store: Store, scenario: str, path: Any) -> Any:
    if scenario == "write":
        return cli(store, *WRITE, "--on", "2021-01-01")
    return cli(store, "import", str(path))


def sql(store: Store, *statements: str) -> None:
    with RawLog(store) as raw:
        for s in statements:
            raw.conn.execute(s)
        raw.conn.commit()


def refusing_trigger(store: Store, where: str) -> tuple[list[str], list[str]]:
    """SQL that makes the server refuse a write at one of its steps (on PostgreSQL: at the events,
    at the receipt, at the links, at the tree's nodes, at commit), and SQL to undo it."""
    if store.kind == "sqlite":
        assert where == "at receipt"
        return ([f"CREATE TRIGGER fault BEFORE INSERT ON {EVENTS} WHEN NEW.topic LIKE "
                 "'%CommandReceipt%' BEGIN SELECT RAISE(ABORT, 'receipt refused'); END"],
                ["DROP TRIGGER fault"])
    s = f'"{store.schema}"'
    body = ("BEGIN IF NEW.topic LIKE '%CommandReceipt%' THEN RAISE EXCEPTION 'receipt refused'; "
            "END IF; RETURN NEW; END" if where == "at receipt"
            else f"BEGIN RAISE EXCEPTION 'refused {where}'; END")
    table = {"at the events": EVENTS, "at receipt": EVENTS, "inside link step": CHAIN,
             "inside tree step": TREE, "at commit": CHAIN}[where]
    trigger = (f"CREATE CONSTRAINT TRIGGER fault AFTER INSERT ON {s}.{CHAIN} DEFERRABLE "
               "INITIALLY DEFERRED FOR EACH ROW " if where == "at commit" else
               f"CREATE TRIGGER fault BEFORE INSERT ON {s}.{table} FOR EACH ROW ")
    return ([f"CREATE FUNCTION {s}.fault() RETURNS trigger LANGUAGE plpgsql AS $$ {body} $$",
             trigger + f"EXECUTE FUNCTION {s}.fault()"],
            [f"DROP TRIGGER fault ON {s}.{table}", f"DROP FUNCTION {s}.fault()"])


@contextmanager
def fault(monkeypatch: Any, store: Store, step: str, kind: str, on_call: int) -> Iterator[dict]:
    """Arm a fault at `step` of the recorder's `on_call`-th write transaction. Yields what was
    seen: the committed event count when that transaction began, and how often it was tried."""
    seen: dict[str, Any] = {"calls": 0, "tries": 0, "before": None}
    recorder = ChainedSQLiteRecorder if store.kind == "sqlite" else ChainedPostgresRecorder
    error: type[BaseException] | None = KINDS[kind]
    chain_table = CHAIN if store.kind == "sqlite" else f'"{store.schema}".{CHAIN}'
    undo: list[str] = []

    def armed() -> bool:
        return seen["calls"] == on_call

    def fail(cursor: Any) -> None:
        seen["tries"] += 1
        if error is not None:
            raise error(f"fault {step}")
        # The server refuses: a NULL link forced through.
        cursor.execute(f"INSERT INTO {chain_table} (position, link) VALUES (-1, NULL)")

    original_insert = recorder.insert_events

    def insert_events(self: Any, stored_events: Any, **kw: Any) -> Any:
        seen["calls"] += 1
        if armed():
            seen["before"] = count(store)
            if kind == "server" and step in ("at receipt", "at commit"):
                arm, disarm = refusing_trigger(store, step)
                sql(store, *arm)
                undo.extend(disarm)
                seen["tries"] += 1
        return original_insert(self, stored_events, **kw)

    monkeypatch.setattr(recorder, "insert_events", insert_events)
    for name in ("_insert_rows", "_write_links"):
        wrap(monkeypatch, recorder, name, step, armed, fail, client=error is not None)
    if step == "inside link step":
        original_leaves = ledger.tree.leaves_of

        def leaves_of(previous: str, events: Any, positions: Any, *rest: Any) -> Any:
            if not armed():
                return original_leaves(previous, events, positions, *rest)
            seen["tries"] += 1
            if error is not None:
                raise error("fault inside the link step")
            links, leaves = original_leaves(previous, events, positions, *rest)
            return [(p, None) for p, _ in links], leaves  # the server refuses a NULL link

        monkeypatch.setattr(ledger.tree, "leaves_of", leaves_of)
    if step == "inside tree step":
        original_append = ledger.tree.append_in_step

        def append_in_step(nodes: Any, chain_end: int, leaves: Any) -> None:
            if not armed():
                return original_append(nodes, chain_end, leaves)
            seen["tries"] += 1
            if error is not None:
                raise error("fault inside the tree step")
            # The server refuses: a node without a hash.
            nodes.cur.execute(f"INSERT INTO {nodes.table} (level, idx, hash) VALUES (60, 0, NULL)")

        monkeypatch.setattr(ledger.tree, "append_in_step", append_in_step)
    if step == "at commit" and error is not None:
        if store.kind == "sqlite":
            original_commit = LedgerSQLiteConnection.commit

            def commit(self: Any) -> None:
                if armed():
                    seen["tries"] += 1
                    raise error("fault at commit")
                original_commit(self)

            monkeypatch.setattr(LedgerSQLiteConnection, "commit", commit)
        else:
            original_gen = psycopg.Transaction._commit_gen

            def commit_gen(self: Any) -> Any:
                if armed():
                    seen["tries"] += 1
                    raise error("fault at commit")
                return (yield from original_gen(self))

            monkeypatch.setattr(psycopg.Transaction, "_commit_gen", commit_gen)
    try:
        yield seen
    finally:
        monkeypatch.undo()
        if undo:
            sql(store, *undo)


@contextmanager
def fault_in_one_statement(monkeypatch: Any, store: Store, step: str, kind: str,
                           on_call: int) -> Iterator[dict]:
    """Arm a fault at `step` of the `on_call`-th write through the one statement: on the client
    around `_append`, or on the server by a trigger that refuses inside the function (and counts
    every write tried while it is armed: a refused write must not be tried again)."""
    seen: dict[str, Any] = {"calls": 0, "tries": 0, "before": None, "written": 0}
    error: type[BaseException] | None = KINDS[kind]
    undo: list[str] = []
    original_insert = ChainedPostgresRecorder.insert_events
    original_append = ChainedPostgresRecorder._append

    def insert_events(self: Any, stored_events: Any, **kw: Any) -> Any:
        seen["calls"] += 1
        if seen["calls"] == on_call:
            seen["before"] = count(store)
            if error is None:
                arm, disarm = refusing_trigger(store, step)
                sql(store, *arm)
                undo.extend(disarm)
        if error is None and undo:
            seen["tries"] += 1
        return original_insert(self, stored_events, **kw)

    def append(self: Any, curs: Any, stored_events: Any) -> Any:
        armed = seen["calls"] == on_call and error is not None
        if armed and step == "before the statement":
            seen["tries"] += 1
            raise error("fault before the statement")  # type: ignore[misc]
        positions = original_append(self, curs, stored_events)
        if armed and step == "after the statement":
            seen["tries"] += 1
            seen["written"] = len(positions)
            raise error("fault after the statement")  # type: ignore[misc]
        return positions

    monkeypatch.setattr(ChainedPostgresRecorder, "insert_events", insert_events)
    monkeypatch.setattr(ChainedPostgresRecorder, "_append", append)
    try:
        yield seen
    finally:
        monkeypatch.undo()
        if undo:
            sql(store, *undo)


def wrap(monkeypatch: Any, recorder: type, name: str, step: str, armed: Callable[[], bool],
         fail: Callable[[Any], None], *, client: bool) -> None:
    """Fail before or after one of the recorder's steps, when armed. (The server refuses a
    receipt through a trigger instead: `refusing_trigger`.)"""
    original = getattr(recorder, name)
    before = {"_insert_rows": "before insert", "_write_links": None}[name]
    after = {"_insert_rows": ("after insert", "at receipt"),
             "_write_links": ("after link insert",)}[name]

    def step_with_fault(self: Any, cursor: Any, stored_events: Any, *rest: Any) -> Any:
        if armed() and step == before:
            fail(cursor)
        result = original(self, cursor, stored_events, *rest)
        receipt = any(e.topic.endswith("CommandReceipt.Issued") for e in stored_events)
        if armed() and step in after and (step != "at receipt" or (receipt and client)):
            fail(cursor)
        return result

    monkeypatch.setattr(recorder, name, step_with_fault)


@pytest.fixture(scope="module")
def import_file(tmp_path_factory) -> Any:
    path = tmp_path_factory.mktemp("import") / "import.jsonl"
    workload.import_file(path, others=3, decisions=8, pho=2)
    return path


_reference: dict[tuple[str, str], str] = {}


def reference_hash(kind: str, scenario: str, tmp_path: Any, path: Any) -> str:
    """The state hash of the same run, never interrupted (once per database and scenario)."""
    if (kind, scenario) not in _reference:
        store = fresh(kind, tmp_path, "reference")
        try:
            assert run(store, scenario, path).exit_code == 0
            _reference[kind, scenario] = workload.state_hash(store.url)
        finally:
            if store.kind == "postgresql":
                _drop(store)
    return _reference[kind, scenario]


@pytest.mark.parametrize(("db", "step", "kind"), CASES)
@pytest.mark.parametrize("scenario", ["write", "import"])
def test_a_fault_anywhere_in_a_write_leaves_nothing_and_a_rerun_completes(
        db, scenario, step, kind, tmp_path, monkeypatch, import_file):
    if db == "sqlite" and step == "at commit" and kind == "server":
        pytest.skip("SQLite has no deferred checks: its server cannot refuse at COMMIT")
    expected = reference_hash(db, scenario, tmp_path, import_file)
    store = fresh(db, tmp_path, "faulty")
    on_call = 1 if scenario == "write" else FAULTY_BATCH
    armed = (fault_in_one_statement(monkeypatch, store, step, kind, on_call) if db == "postgresql"
             else fault(monkeypatch, store, step, kind, on_call))
    try:
        with armed as seen:
            result = run(store, scenario, import_file)
        assert seen["tries"] == 1, seen  # the fault fired, once: a server error is not retried
        assert result.exit_code != 0
        if kind == "server":
            assert result.exit_code == 1, result.output
            assert result.output.startswith("Fout: ") and "Traceback" not in result.output
            assert "er is niets vastgelegd" in result.output, result.output
        else:
            assert isinstance(result.exception, KINDS[kind]), result.output
        # Nothing of the failed transaction remains (after the one statement returned: all of
        # it, nothing more), and the chain is whole.
        assert count(store) == seen["before"] + seen.get("written", 0)
        if step == "after the statement":
            assert seen["written"] > 0
        verified = cli(store, "audit", "verify")
        assert verified.exit_code == 0, verified.output
        # Running it again completes the job: the state of a run never interrupted.
        again = run(store, scenario, import_file)
        assert again.exit_code == 0, again.output
        assert workload.state_hash(store.url) == expected
        assert cli(store, "audit", "verify").exit_code == 0
    finally:
        if store.kind == "postgresql":
            _drop(store)

"""The write in one statement on PostgreSQL (`ledger.postgres.append_function`, issue 20).

- The function computes the chain links and the Merkle tree inside the database: the same events,
  in the same batches, written through it and through the Python path (a ledger without the
  function) give the same chain and tree, byte for byte, and the Python verifier verifies them.
- Positions become visible in order: while a write holds positions it has not committed, no other
  write draws one (it waits for the writers' lock, inside its own statement); and a reader polling
  the log while writers race never sees a position appear below one it has already seen.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
import uuid
from typing import Any

import psycopg
import pytest
from eventsourcing.persistence import StoredEvent
from typer.testing import CliRunner

from commands.main import app
from ledger import chain
from ledger.application import init_store, open_ledger
from ledger.application.base import SignedStoredEvent
from ledger.postgres import APPEND
from ledger.storage import EVENTS, RawLog, Store, writers_lock_key
from ledger.tree import TREE
from tests.conftest import _drop, _pg_store
from tests.integration import workload

runner = CliRunner()
BATCHES = [1, 2, 3, 1, 5, 8, 1, 13, 4, 21, 2, 1, 34, 7]


def fresh(*, with_function: bool = True) -> Store:
    store = _pg_store()
    init_store(store)
    if not with_function:
        with RawLog(store) as raw:
            raw.conn.execute(f'DROP FUNCTION "{store.schema}".{APPEND}')
            raw.conn.commit()
    return store


def tables(store: Store) -> tuple[list[Any], list[Any]]:
    with RawLog(store) as raw:
        cur = raw.conn.cursor()
        cur.execute(f"SELECT position, link, login, key_id, signature FROM {raw.chain} "
                    "ORDER BY position")
        links = cur.fetchall()
        cur.execute(f'SELECT level, idx, hash, position FROM "{store.schema}".{TREE} '
                    "ORDER BY level, idx")
        nodes = [(lv, i, bytes(h), p) for lv, i, h, p in cur.fetchall()]
    return links, nodes


def verified(store: Store) -> chain.Verification:
    with RawLog(store) as raw:
        return chain.verify_rows(raw.rows(), orphan_links=raw.orphan_links())


def replay(store: Store, events: list[StoredEvent]) -> bool:
    """Write `events` through the store's recorder in the batches of BATCHES (then by tens);
    returns whether the recorder wrote in one statement."""
    ledger = open_ledger(store)
    try:
        recorder: Any = ledger.recorder
        sizes = iter(BATCHES + [10] * len(events))
        at = 0
        while at < len(events):
            size = next(sizes)
            recorder.insert_events(events[at:at + size])
            at += size
        return bool(recorder._one_statement)
    finally:
        ledger.close()


def test_the_function_and_the_python_path_write_the_same_chain_and_tree(tmp_path):
    source, python_path, one_statement = fresh(), fresh(with_function=False), fresh()
    try:
        # Real events: an import and a single write through the CLI, on a ledger with the function.
        path = tmp_path / "import.jsonl"
        workload.import_file(path)
        assert runner.invoke(app, ["--db", source.url, "import", str(path)]).exit_code == 0
        assert runner.invoke(app, ["--db", source.url, "--actor", "tester", "party", "add",
                                   "Zoë Bedrijf", "--kind", "bedrijf", "--key", "ZB"]
                             ).exit_code == 0
        assert verified(source).ok
        with RawLog(source) as raw:
            rows = list(raw.rows())
        events = [StoredEvent(uuid.UUID(r.originator_id), r.version, r.topic, r.state)
                  for r in rows]
        # And some the domain does not make: non-ASCII topics and any bytes.
        events += [StoredEvent(uuid.uuid4(), 1, f"tëst:Évènement{i}",
                               bytes([i, 0, 255]) + "é".encode()) for i in range(5)]
        # Every third one signed (the chain covers the signature, whatever it says; whether
        # it holds is `verify --signatures`'s question): the link's third formula on both paths.
        events = [SignedStoredEvent(e.originator_id, e.originator_version, e.topic, e.state,
                                    f"k{i:015x}", f"{i:02x}é" * 3) if i % 3 == 0 else e
                  for i, e in enumerate(events)]
        assert len(events) > sum(BATCHES)  # every batch size is used, and more

        assert replay(python_path, events) is False
        assert replay(one_statement, events) is True
        links, nodes = tables(one_statement)
        assert (links, nodes) == tables(python_path)
        # A tree of n leaves holds n leaves and n - (number of 1 bits of n) complete nodes.
        assert len(links) == len(events)
        assert len(nodes) == 2 * len(events) - bin(len(events)).count("1")
        assert verified(one_statement).ok and verified(python_path).ok
        # The source ledger, written by the function as it went, has its tree in step too.
        result = runner.invoke(app, ["--db", source.url, "audit", "verify"])
        assert result.exit_code == 0, result.output
    finally:
        for store in (source, python_path, one_statement):
            _drop(store)


@pytest.fixture
def ledger_store():
    store = fresh()
    yield store
    _drop(store)


def test_a_write_waits_for_a_write_in_flight_and_draws_no_position_before_it(ledger_store):
    """A write that holds positions not yet committed holds the writers' lock: another write
    draws no position until it commits, so a reader sees the first write's positions before any
    later one."""
    store = ledger_store
    s = f'"{store.schema}"'
    params = {k: v for k, v in store.params.items() if v}
    with psycopg.connect(**params) as first:  # not autocommit: the statement's work stays open
        (held,) = first.execute(
            f"SELECT {s}.{APPEND}(%s::uuid[], %s::bigint[], %s::text[], %s::bytea[], '30s')",
            ([uuid.uuid4()], [1], ["t"], [b"x"])).fetchone()
        done: dict[str, Any] = {}

        def second() -> None:
            ledger = open_ledger(store)
            try:
                ledger.party_add(workload.envelope("second"), kind="bedrijf", name="Tweede",
                                 key="T2")
                done["ok"] = True
            finally:
                ledger.close()

        thread = threading.Thread(target=second)
        thread.start()
        with psycopg.connect(autocommit=True, **params) as watcher:
            until = time.monotonic() + 30
            while not watcher.execute(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                    "AND ((classid::bigint << 32) | objid::bigint) = %s",
                    (writers_lock_key(store.schema),)).fetchone()[0]:
                assert time.monotonic() < until, "the second write never waited for the lock"
                time.sleep(0.02)
            # The second write waits inside its statement and has drawn no position; a reader
            # sees neither the first write's event (uncommitted) nor anything after it.
            (drawn,) = watcher.execute(
                f"SELECT last_value FROM {s}.{EVENTS}_notification_id_seq").fetchone()
            assert drawn == held[0]
            assert watcher.execute(f"SELECT count(*) FROM {s}.{EVENTS}").fetchone()[0] == 0
            assert thread.is_alive()
        first.commit()
        thread.join(60)
    assert done.get("ok")
    with RawLog(store) as raw:
        positions = [r.position for r in raw.rows()]
    assert positions[0] == held[0] and positions[1:] and min(positions[1:]) > held[0]
    assert verified(store).ok


def racing_writer(url: str, proc: int, n: int, barrier: Any) -> None:
    ledger = open_ledger(url)
    try:
        barrier.wait(timeout=120)
        for i in range(n):
            ledger.party_add(workload.envelope(f"r{proc}-{i}"), kind="bedrijf",
                             name=f"Bedrijf {proc}/{i}", key=f"R{proc}-{i}")
    finally:
        ledger.close()


def test_a_reader_polling_while_writers_race_never_sees_a_position_appear_behind_it(ledger_store):
    store = ledger_store
    writers, commands = 4, workload.scale(40)
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(writers + 1)
    procs = [ctx.Process(target=racing_writer, args=(store.url, p, commands, barrier))
             for p in range(writers)]
    for p in procs:
        p.start()
    seen: set[int] = set()
    polls = 0
    with RawLog(store) as raw:
        raw.conn.autocommit = True
        cur = raw.conn.cursor()
        barrier.wait(timeout=120)
        while True:
            running = any(p.is_alive() for p in procs)
            cur.execute(f"SELECT notification_id FROM {raw.events}")
            now = {int(r[0]) for r in cur.fetchall()}
            high = max(seen, default=0)
            # What was seen is still there, and nothing new appeared at or below what was seen.
            assert seen <= now
            assert {p for p in now - seen if p <= high} == set(), (high, sorted(now - seen))
            seen, polls = now, polls + 1
            if not running:
                break
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    assert polls > 1
    assert len(seen) == 2 * writers * commands  # every command: its event and its receipt
    assert verified(store).ok

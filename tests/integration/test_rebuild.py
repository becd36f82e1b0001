"""`ledger rebuild`'s replay on both databases: in batches, rows made in a forked process and
written by this one, with the journal's secondary indexes made after the rows, it gives the same
views as a read side built step by step, also when another reader overtakes it, when a writer
appends while it runs and when it is killed halfway; and a journal row made from the stored JSON
equals the one made from the domain event the application's mapper builds."""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from ledger.demo import DEMO_FILE
from ledger.importer import run_import
from ledger.storage import RawLog
from projections import journal, reading, tables
from projections.journal import catch_up, replay
from projections.reading import Reader
from projections.rows import RowMaker
from projections.state import view_hashes
from projections.tables import create_tables, drop_tables
from tests.conftest import env


def test_a_replayed_read_side_equals_the_incrementally_built_one(ledger, tmp_path, monkeypatch):
    text = DEMO_FILE.read_text(encoding="utf-8")
    head, _, body = text.partition("commands:\n")
    lines = body.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith("  - ")]
    half = starts[len(starts) // 2]
    first = tmp_path / "first.yaml"
    first.write_text(head + "commands:\n" + "".join(lines[:half]), encoding="utf-8")
    run_import(ledger, first, actor="secretariaat-wrl")
    create_tables(ledger.store)
    catch_up(ledger)
    run_import(ledger, DEMO_FILE, actor="secretariaat-wrl")
    catch_up(ledger)
    incremental = view_hashes(Reader(ledger.store))

    monkeypatch.setattr(journal, "REPLAY_BATCH", 37)  # many batches through the writer thread
    drop_tables(ledger.store)
    create_tables(ledger.store)
    with RawLog(ledger.store) as raw:
        count, last = raw.count_and_max()
    assert replay(ledger) == count
    assert view_hashes(Reader(ledger.store)) == incremental
    with tables.engine_for(ledger.store).connect() as conn:
        schema = ledger.store.schema if ledger.store.kind == "postgresql" else None
        made = {i["name"] for i in sa.inspect(conn).get_indexes(tables.journal.name,
                                                                  schema=schema)}
        assert tables.tracked_position(conn) == last
    assert made >= {"ix_journal_kind", "ix_journal_key", "ix_journal_recorded"}
    assert catch_up(ledger) == 0  # nothing left over, nothing written twice


def test_a_row_from_stored_json_equals_the_row_from_the_domain_event(ledger):
    """Every event of the demo, with classifications and meekoppelkansen (events whose class
    names parts), once through the quick path and once through the mapper."""
    run_import(ledger, DEMO_FILE, actor="secretariaat-wrl")
    ledger.decision_classify(env("2022-01-01"), decision="pho-wrl-2021-12",
                             instrument="gezamenlijke-programmering", role="sturend")
    ledger.routekaart_classify(env("2022-01-01"), part="VS-RK/1.2/1", instrument="convenant",
                               role="faciliterend")
    ledger.routekaart_classify(env("2022-02-01"), part="VS-RK/1.2/1", role="sturend")
    ledger.meekoppel_add(env("2022-02-01"), key="MK-1", name="Samen optrekken",
                         works=["topic:wrl/ws1/routekaart", "actie:vs-rk/1.2/1"])
    ledger.meekoppel_status(env("2022-03-01"), key="MK-1", status="in-uitvoering")
    create_tables(ledger.store)
    with tables.engine_for(ledger.store).connect() as conn:
        stored = journal._Raw(ledger.store, conn).stored(0, 100_000)
    quick, slow = RowMaker(ledger), RowMaker(ledger)
    slow.cls = lambda topic: (*RowMaker.cls(slow, topic)[:3], True, None)  # each as a domain event
    slow.classes = {}
    topics = {r[3] for r in stored}
    for topic in topics:
        slow.classes[topic] = slow.cls(topic)
    rows, subs, aggs = quick.make(stored, lambda oids: {})
    rows_, subs_, aggs_ = slow.make(stored, lambda oids: {})
    assert len(topics) > 20
    named = {t.rsplit(".", 1)[-1] for t in topics if quick.cls(t)[4]}  # by their own subjects()
    assert {"Classified", "Reclassified", "Identified", "StatusChanged", "Reserved",
            "Shifted", "Signed", "PartWritten"} <= named
    assert subs == subs_ and aggs == aggs_
    assert [r[:12] + r[13:] for r in rows] == [r[:12] + r[13:] for r in rows_]
    assert [json.loads(r[12]) for r in rows] == [json.loads(r[12]) for r in rows_]
    assert rows == rows_  # the payload's text too


@pytest.mark.parametrize("state", [
    # a custom type below the top level, and an integer beyond 64 bits: the standard library
    b'{"timestamp":{"_type_":"datetime_iso","_data_":"2024-01-02T03:04:05+00:00"},'
    b'"lines":[{"amount":{"_type_":"decimal_str","_data_":"12.5"}}],"n":123456789012345678901}',
    # a time recorded in another zone, a Decimal and a UUID at the top level
    b'{"timestamp":{"_type_":"datetime_iso","_data_":"2024-01-02T05:04:05+02:00"},'
    b'"amount":{"_type_":"decimal_str","_data_":"7"},'
    b'"id":{"_type_":"uuid_hex","_data_":"6f1d0a8e3c2b5d4e9f104c6564676572"}}',
])
def test_stored_json_reads_as_the_transcoder_reads_it(ledger, state):
    expected = reading.jsonable(ledger.mapper.transcoder.decode(state))
    assert RowMaker(ledger).load(state) == expected


OTHER_READER = """
import sys
from ledger.application import open_ledger
from projections.journal import catch_up
app = open_ledger(sys.argv[1])
try:
    print(catch_up(app, batch=50))  # in batches of its own
finally:
    app.close()
"""


def test_a_replay_overtaken_by_another_reader_goes_on_from_where_that_one_got(
        ledger, tmp_path, monkeypatch):
    """The rebuild's race path: just before the replay writes its third batch, another reader
    (a program of its own) catches the journal up to the end of the log. The replay then finds
    the tracked position moved, stops its rows' process, writes nothing more and goes on from
    where the other reader got: the same views as a read side built step by step, no row
    written twice, nothing missing.

    (The other reader is a separate program, never the replay's own process or its forked
    child: a catch-up inside the replay's process would wait for the journal's write lock that
    this process holds itself.)"""
    import subprocess
    import sys

    run_import(ledger, DEMO_FILE, actor="secretariaat-wrl")
    create_tables(ledger.store)
    catch_up(ledger)
    incremental = view_hashes(Reader(ledger.store))
    with RawLog(ledger.store) as raw:
        count, last = raw.count_and_max()
    assert count > 3 * 37  # the race falls in the middle of the log
    script = tmp_path / "other_reader.py"
    script.write_text(OTHER_READER, encoding="utf-8")
    overtaken: list[int] = []
    opened = [0]
    real_transaction = journal.write_transaction

    @contextmanager
    def overtaken_before_the_third_batch(store, *, durable=True):
        opened[0] += 1
        if opened[0] == 3:
            other = subprocess.run([sys.executable, str(script), store.url],
                                   capture_output=True, text=True, timeout=300)
            assert other.returncode == 0, other.stderr
            overtaken.append(int(other.stdout))
        with real_transaction(store, durable=durable) as conn:
            yield conn

    monkeypatch.setattr(journal, "REPLAY_BATCH", 37)
    monkeypatch.setattr(journal, "write_transaction", overtaken_before_the_third_batch)
    drop_tables(ledger.store)
    create_tables(ledger.store)
    reading.close_idle()
    added = replay(ledger)
    # The replay wrote two batches, the other reader the rest: between them every event once.
    assert overtaken == [count - 2 * 37]
    assert added == 2 * 37
    assert view_hashes(Reader(ledger.store)) == incremental
    with tables.engine_for(ledger.store).connect() as conn:
        assert tables.tracked_position(conn) == last
        rows = conn.execute(sa.select(sa.func.count()).select_from(tables.journal)).scalar()
    assert rows == count


def _demo_views_built_step_by_step(store):
    """The demo imported and its read side caught up, in an application closed afterwards (a
    program of its own then rebuilds): the views' hashes."""
    from ledger.application import open_ledger

    app = open_ledger(store)
    try:
        run_import(app, DEMO_FILE, actor="secretariaat-wrl")
        create_tables(store)
        catch_up(app)
        incremental = view_hashes(Reader(store))
    finally:
        app.close()
    reading.close_idle()
    return incremental


DYING_ROWS = """
import os, sys
from projections import journal
from projections.rows import RowMaker
journal.REPLAY_BATCH = 31
made = [0]
class Dying(RowMaker):
    def make(self, stored, lookup):
        made[0] += 1
        if made[0] == 3:
            os._exit(9)  # the rows' process dies before its third batch
        return super().make(stored, lookup)
journal.RowMaker = Dying
sys.argv = ["ledger", "--db", sys.argv[1], "rebuild"]
from commands.entry import run
run()
"""


def test_a_rows_process_that_dies_ends_the_rebuild_with_one_sentence(store, tmp_path):
    """The rebuild's rows' process dies (killed, out of memory) after two batches: `ledger
    rebuild` says so in one Dutch sentence with exit code 1, no traceback; the views keep the
    two batches written, and the next read completes them to the same views as before."""
    import subprocess
    import sys

    from ledger.application import open_ledger

    incremental = _demo_views_built_step_by_step(store)
    script = tmp_path / "dying_rows.py"
    script.write_text(DYING_ROWS, encoding="utf-8")
    ended = subprocess.run([sys.executable, str(script), store.url], capture_output=True,
                           text=True, env={**os.environ, "LEDGER_LANG": "nl"})
    assert ended.returncode == 1, ended.stderr
    assert "Traceback" not in ended.stderr
    assert "het proces dat het logboek leest, hield voortijdig op (afsluitcode 9)" in " ".join(
        ended.stderr.split())
    with tables.engine_for(store).connect() as conn:
        assert tables.tracked_position(conn) > 0
        rows = conn.execute(sa.select(sa.func.count()).select_from(tables.journal)).scalar()
    assert rows == 2 * 31
    again = open_ledger(store)
    try:
        catch_up(again)
    finally:
        again.close()
    assert view_hashes(Reader(store)) == incremental


def test_a_rebuild_forks_only_once_the_connection_pool_has_opened(pg_store, monkeypatch):
    """eventsourcing fills the application's PostgreSQL connection pool in threads of its own
    after the ledger opens. A process forked while one of them makes a connection could find a
    lock of the database client held for good in the child: the rebuild waits for the pool to
    open first. (The pool's connections are made slowly here, so that it is still opening when
    the rebuild begins.)"""
    import multiprocessing.context
    import time

    import psycopg_pool

    from ledger.application import open_ledger

    real_connect = psycopg_pool.ConnectionPool._connect

    def slow_connect(self, timeout=None):
        time.sleep(0.2)
        return real_connect(self, timeout)

    monkeypatch.setattr(psycopg_pool.ConnectionPool, "_connect", slow_connect)
    app = open_ledger(pg_store)
    pool = app.recorder.datastore.pool
    at_fork: list[dict[str, int]] = []
    real_start = multiprocessing.context.ForkProcess.start

    def start(self):
        at_fork.append(pool.get_stats())
        return real_start(self)

    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", start)
    try:
        create_tables(pg_store)
        replay(app)
    finally:
        app.close()
    assert len(at_fork) == 1
    assert at_fork[0]["pool_available"] >= pool.min_size, at_fork[0]


def _rows_upto(store, position):
    """The journal's and the subject index's rows up to a log position, in order."""
    with tables.engine_for(store).connect() as conn:
        rows = conn.execute(sa.select(tables.journal).where(tables.journal.c.position <= position)
                            .order_by(tables.journal.c.position)).all()
        subs = conn.execute(sa.select(tables.subjects)
                            .where(tables.subjects.c.position <= position)
                            .order_by(tables.subjects.c.position, tables.subjects.c.subject)).all()
        aggs = conn.execute(sa.select(tables.aggregates)
                            .order_by(tables.aggregates.c.originator_id)).all()
    return [tuple(r) for r in rows], [tuple(r) for r in subs], [tuple(r) for r in aggs]


def test_a_rebuild_while_another_writer_appends_equals_an_incremental_catch_up(store):
    """The rebuild's race path with real connections: while `replay` runs (small batches, rows
    made in a child process while it writes), a writer in another thread, with an application
    and connections of its own, records commands, one after each batch the replay makes, some
    of them changing what it recorded earlier in the race. The rebuilt views, as far as the
    rebuild got, equal the views an incremental catch-up makes to the same position; caught up
    to the end they equal a read side built step by step from an empty journal; no event is
    missing or written twice."""
    import multiprocessing
    import threading

    from ledger.application import open_ledger
    from tests.conftest import env

    app = open_ledger(store)
    try:
        run_import(app, DEMO_FILE, actor="secretariaat-wrl")
        create_tables(store)
        catch_up(app)
        # Shared with the process that makes the rebuild's rows (forked by `replay`).
        fork = multiprocessing.get_context("fork")
        made, appended, failures = fork.Semaphore(0), fork.Semaphore(0), []
        rounds = 6

        def writer() -> None:
            other = open_ledger(store)  # its own application, its own connections
            try:
                for i in range(rounds):
                    if not made.acquire(timeout=60):
                        raise TimeoutError("the rebuild made no batch")
                    other.party_add(env("2022-01-01"), kind="corporatie",
                                    name=f"Woonstichting Race {i}", key=f"RACE{i}")
                    if i:  # a later event of an aggregate created during the race
                        other.party_correct(env("2022-01-02"), f"RACE{i - 1}",
                                            name=f"Woonstichting Race {i - 1} (hersteld)")
                    appended.release()
            except BaseException as e:
                failures.append(e)
                appended.release()
            finally:
                other.close()

        batches = [0]

        class RacedRowMaker(RowMaker):
            def make(self, stored, lookup):
                batches[0] += 1
                if batches[0] <= rounds:
                    made.release()
                    assert appended.acquire(timeout=60)  # the writer's commands are in the log
                return super().make(stored, lookup)

        thread = threading.Thread(target=writer)
        thread.start()
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(journal, "REPLAY_BATCH", 23)
            mp.setattr(journal, "RowMaker", RacedRowMaker)
            drop_tables(store)
            create_tables(store)
            replayed = replay(app)
        thread.join(timeout=120)
        assert not thread.is_alive() and not failures
        with RawLog(store) as raw:
            count, last = raw.count_and_max()
        with tables.engine_for(store).connect() as conn:
            reached = tables.tracked_position(conn)
        assert 0 < replayed <= count and reached <= last
        rebuilt = _rows_upto(store, reached)
        assert catch_up(app) == count - len(rebuilt[0])  # the rest, each event once
        caught_up = view_hashes(Reader(store))

        drop_tables(store)  # the read side built step by step, from an empty journal
        create_tables(store)
        catch_up(app, batch=17)
        journal_, subjects_, aggregates_ = _rows_upto(store, reached)
        assert rebuilt[:2] == (journal_, subjects_)
        assert set(rebuilt[2]) <= set(aggregates_)
        assert view_hashes(Reader(store)) == caught_up
        with tables.engine_for(store).connect() as conn:
            rows = conn.execute(sa.select(sa.func.count()).select_from(tables.journal)).scalar()
            parties = [e.key for e in Reader(store).entries(kinds=["party"])
                       if e.key.startswith("RACE")]
        assert rows == count and sorted(set(parties)) == [f"RACE{i}" for i in range(rounds)]
    finally:
        app.close()


CRASHING_REBUILD = """
import os, sys
from projections import journal
journal.REPLAY_BATCH = 31
write, done = journal._write, [0]
def dying(*args):
    write(*args)
    done[0] += 1
    if done[0] == 3:
        os._exit(9)  # the process dies inside the third batch's transaction
journal._write = dying
sys.argv = ["ledger", "--db", sys.argv[1], "rebuild"]
from commands.entry import run
run()
"""


def test_a_rebuild_killed_halfway_is_completed_by_the_next_read(store, tmp_path):
    """`ledger rebuild` dies in the middle of its third batch: the views then hold the two
    batches it committed and no index of the journal. The next read command makes the indexes
    again and catches up from there: the same views as a read side built step by step."""
    import subprocess
    import sys


    incremental = _demo_views_built_step_by_step(store)
    script = tmp_path / "crashing_rebuild.py"
    script.write_text(CRASHING_REBUILD, encoding="utf-8")
    died = subprocess.run([sys.executable, str(script), store.url], capture_output=True)
    assert died.returncode == 9, died.stderr.decode()
    with tables.engine_for(store).connect() as conn:
        assert tables.tracked_position(conn) > 0
        rows = conn.execute(sa.select(sa.func.count()).select_from(tables.journal)).scalar()
        schema = store.schema if store.kind == "postgresql" else None
        indexes = {i["name"] for i in sa.inspect(conn).get_indexes(tables.journal.name,
                                                                     schema=schema)}
    assert rows == 2 * 31 and not indexes & {"ix_journal_kind", "ix_journal_key"}

    ledger_program = str(Path(sys.executable).with_name("ledger"))
    read = subprocess.run([ledger_program, "--db", store.url, "--json", "decision", "list"],
                          capture_output=True)
    assert read.returncode == 0, read.stderr.decode()
    assert view_hashes(Reader(store)) == incremental
    with tables.engine_for(store).connect() as conn:
        indexes = {i["name"] for i in sa.inspect(conn).get_indexes(tables.journal.name,
                                                                     schema=schema)}
    assert indexes >= {"ix_journal_kind", "ix_journal_key", "ix_journal_recorded"}

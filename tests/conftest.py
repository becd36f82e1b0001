"""Shared fixtures: every test that takes `store` runs once on an SQLite file and once on a real
PostgreSQL server (a fresh schema per test).

PostgreSQL is found through `LEDGER_TEST_PG` (a URL such as postgresql://postgres@127.0.0.1:55432/
postgres). Without it the PostgreSQL runs are skipped, unless `LEDGER_REQUIRE_PG=1` (as in CI),
where a missing server is an error. `tests/pg.sh` starts a throwaway server.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from ledger.application import Ledger, init_store, open_ledger
from ledger.envelope import Envelope, make_envelope
from ledger.storage import Store, parse_url

PG_URL = os.environ.get("LEDGER_TEST_PG", "").strip()
REQUIRE_PG = os.environ.get("LEDGER_REQUIRE_PG", "") == "1"
_pg_ran = {"count": 0}


def _pg_store() -> Store:
    if not PG_URL:
        if REQUIRE_PG:
            pytest.fail("LEDGER_REQUIRE_PG=1 but LEDGER_TEST_PG is not set")
        pytest.skip("PostgreSQL not configured (set LEDGER_TEST_PG)")
    schema = "t_" + uuid.uuid4().hex[:12]
    sep = "&" if "?" in PG_URL else "?"
    return parse_url(f"{PG_URL}{sep}schema={schema}")


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path) -> Iterator[Store]:
    """An initialised, empty ledger store on each database."""
    if request.param == "sqlite":
        s = parse_url(f"sqlite:///{tmp_path}/ledger.db")
    else:
        s = _pg_store()
        _pg_ran["count"] += 1
    init_store(s)
    yield s
    if s.kind == "postgresql":
        _drop(s)


@pytest.fixture
def pg_store() -> Iterator[Store]:
    """An initialised, empty ledger on PostgreSQL only (for what only PostgreSQL has)."""
    s = _pg_store()
    init_store(s)
    yield s
    _drop(s)


def _drop(s: Store) -> None:
    from ledger.storage import RawLog

    with RawLog(s) as raw:
        raw.conn.execute(f'DROP SCHEMA IF EXISTS "{s.schema}" CASCADE')
        raw.conn.commit()


@pytest.fixture
def sqlite_store(tmp_path) -> Store:
    s = parse_url(f"sqlite:///{tmp_path}/ledger.db")
    init_store(s)
    return s


@pytest.fixture
def ledger(store) -> Iterator[Ledger]:
    app = open_ledger(store)
    yield app
    app.close()


def env(on: str | None = "2021-10-05", **kw) -> Envelope:
    """An envelope as the secretariat would give it."""
    return make_envelope(actor=kw.pop("actor", "secretaris"), on=on, **kw)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    passed = [r for r in terminalreporter.stats.get("passed", []) if "postgresql" in r.nodeid]
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if "postgresql" in r.nodeid]
    terminalreporter.write_line(
        f"PostgreSQL tests: {len(passed)} passed, {len(skipped)} skipped")

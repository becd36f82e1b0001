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
from datetime import date

import pytest

from ledger.application import Ledger, init_store, open_ledger
from ledger.envelope import Envelope, make_envelope
from ledger.storage import Store, parse_url

# A Dutch sentence the catalog lacks fails the test that shows it (ledger/i18n.py); subprocesses
# of the tests inherit the setting.
os.environ["LEDGER_I18N_STRICT"] = "1"
os.environ.pop("LEDGER_LANG", None)

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


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    """Each test starts in the default language (Dutch), as each `ledger` process does."""
    from ledger import i18n

    i18n._state.lang = None
    yield
    i18n._state.lang = None


@pytest.fixture(autouse=True)
def fresh_consoles() -> Iterator[None]:
    """Each test's commands get consoles made anew, as each `ledger` process does: rich fixes a
    console's width (COLUMNS) when it is made, and a test must not inherit another's."""
    from commands import common

    yield
    for lazy in (common.console, common.err_console):
        lazy._console = None


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


# The six gemeenten of the Leidse regio with their population on 1 January 2021 (CBS).
LEIDSE_REGIO = {"GM0546": ("Leiden", 125574), "GM0547": ("Leiderdorp", 27664),
                "GM0537": ("Katwijk", 65829), "GM0579": ("Oegstgeest", 24972),
                "GM0626": ("Voorschoten", 25729), "GM0638": ("Zoeterwoude", 8488)}


def agreement_of_the_six(ledger: Ledger, key: str = "WRL-SOK", *, drafted: str = "2021-07-01",
                         signed: str | None = None) -> str:
    """The SOK of the six gemeenten of the Leidse regio, built through the application: each
    gemeente not yet in the ledger is registered with its population on 2021-01-01; the
    agreement is drafted on `drafted`, sharing costs per inwoner (peildatum 2021-01-01); with
    `signed`, every college decides and signs on that date, so it is in werking from then."""
    from ledger.domain.party import Party

    for cbs, (name, inwoners) in LEIDSE_REGIO.items():
        if not ledger.exists(Party, cbs):
            ledger.party_add(env("2021-01-01"), kind="gemeente", name=name, cbs=cbs)
        if ledger.get(Party, cbs).population(date(2021, 1, 1)) is None:
            ledger.party_population(env("2021-01-01"), cbs, peildatum="2021-01-01",
                                    inwoners=inwoners, source="CBS, Bevolking op 1 januari 2021")
    ledger.agreement_create(env(drafted), key=key, kind="sok",
                            title="Samenwerkingsovereenkomst Warmte Leidse regio",
                            parties=list(LEIDSE_REGIO), lead="GM0546",
                            verdeelsleutel="per-inwoner", peildatum="2021-01-01",
                            reporting="quarterly")
    if signed:
        sign_by_all(ledger, key, signed)
    return key


def sign_by_all(ledger: Ledger, key: str, datum: str, parties: list[str] | None = None) -> None:
    """Each party's college decides to sign on `datum`, and signs."""
    for cbs in parties or list(LEIDSE_REGIO):
        decision = f"BW-{cbs}-{datum}-{key}"
        ledger.decision_record(env(datum), key=decision, body=f"college:{cbs}",
                               title=f"Aangaan van {key}", datum=datum)
        ledger.agreement_sign(env(datum), key, party=cbs, decision=decision, datum=datum)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    passed = [r for r in terminalreporter.stats.get("passed", []) if "postgresql" in r.nodeid]
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if "postgresql" in r.nodeid]
    terminalreporter.write_line(
        f"PostgreSQL tests: {len(passed)} passed, {len(skipped)} skipped")

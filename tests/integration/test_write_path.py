"""The one write path under contention, made deterministic: a writer that loses a race is rebuilt
from fresh state and succeeds; one that loses every race is refused in a sentence, having written
nothing; writers that collided on the same subjects take turns, each subject's turn its own."""

from __future__ import annotations

import pytest

from ledger.application import base, open_ledger
from ledger.domain.party import Party
from ledger.errors import IdempotencyConflict, RuleViolation
from ledger.storage import RawLog, subjects_turn
from tests.conftest import env


@pytest.fixture
def two_writers(store):
    first, other = open_ledger(store), open_ledger(store)
    first.party_add(env(), kind="provincie", name="Zuid-Holland", key="ZH")
    yield first, other
    first.close()
    other.close()


def correct_zh(ledger, name: str, *, interfere=None, command_id: str = "fix-zh"):
    """party.correct through `execute`, with someone else writing ZH while it builds."""
    builds = []

    def build(_env):
        zh = ledger.get(Party, "ZH")
        builds.append(zh.version)
        if interfere is not None:
            interfere(len(builds))
        zh.correct(env(corrects=1), name=name)
        return [zh]

    out = ledger.execute("party.correct", env(command_id=command_id), {"key": "ZH", "name": name},
                         build, subject="party:ZH")
    return out, builds


def events(store) -> int:
    with RawLog(store) as raw:
        return raw.count_and_max()[0]


def test_a_writer_that_lost_a_race_is_rebuilt_from_fresh_state(two_writers):
    first, other = two_writers

    def once(n):
        if n == 1:
            other.party_correct(env(), "ZH", name="Provincie Zuid-Holland")

    out, builds = correct_zh(first, "Zuid-Holland (PZH)", interfere=once)
    assert builds == [1, 2]  # built again on top of the other writer's correction
    assert not out.replayed
    assert first.get(Party, "ZH").name == "Zuid-Holland (PZH)"
    assert first.get(Party, "ZH").version == 3


def test_a_writer_that_loses_every_race_is_refused_and_writes_nothing(two_writers, monkeypatch):
    first, other = two_writers
    monkeypatch.setattr(base, "PATIENCE", 0.3)
    counter = iter(range(10**6))

    def always(n):
        other.party_correct(env(), "ZH", name=f"Zuid-Holland {next(counter)}")

    with pytest.raises(RuleViolation, match="bleef botsen met andere schrijvers"):
        correct_zh(first, "never", interfere=always)
    with RawLog(first.store) as raw:
        states = [row.state for row in raw.rows()]
    assert not any(b"never" in s or b"fix-zh" in s for s in states)


def test_a_subjects_turn_is_held_by_one_writer_and_blocks_no_other_subject(store):
    with subjects_turn(store, ["party-a"], 1) as mine:
        assert mine
        with subjects_turn(store, ["party-b", "party-a"], 0.2) as theirs:
            assert not theirs  # party-a is taken
        with subjects_turn(store, ["party-b"], 0.2) as other:
            assert other  # another subject waits for nobody; the refused turn let go of it
    with subjects_turn(store, ["party-a"], 0.2) as again:
        assert again


def test_a_turn_is_let_go_when_its_process_is_killed(store):
    """A writer killed in its turn (kill -9) leaves no subject locked."""
    import os
    import signal
    import subprocess
    import sys
    import time

    code = ("import sys, time\n"
            "from ledger.storage import parse_url, subjects_turn\n"
            "with subjects_turn(parse_url(sys.argv[1]), ['party-a'], 5) as ok:\n"
            "    print(ok, flush=True)\n"
            "    time.sleep(60)\n")
    child = subprocess.Popen([sys.executable, "-c", code, store.url], stdout=subprocess.PIPE,
                             text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "True"
        with subjects_turn(store, ["party-a"], 0.2) as taken:
            assert not taken
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        started = time.monotonic()
        with subjects_turn(store, ["party-a"], 5) as mine:
            assert mine and time.monotonic() - started < 5
    finally:
        child.kill()
        child.wait()


def test_the_default_effective_date_is_the_acts_own_date_decided_in_the_write_path(ledger):
    """Without --on, a decision is effective on its datum and a population figure on its
    peildatum, whoever calls the application (CLI or import): the date is decided in `execute`."""
    from datetime import date

    from ledger.domain.decision import Decision

    ledger.party_add(env("2021-01-01"), kind="gemeente", name="Zuid-Holland", cbs="GM0599")
    ledger.party_population(env(None), "GM0599", peildatum="2021-01-01", inwoners=1000,
                            source="CBS")
    ledger.decision_record(env(None), key="B-1", body="college:GM0599", title="T",
                           datum="2021-03-04")
    ledger.decision_record(env("2021-03-09"), key="B-2", body="college:GM0599", title="T",
                           datum="2021-03-04")
    assert [e.effective for e in ledger.events.get(Party.id_for("GM0599"))] == [
        date(2021, 1, 1), date(2021, 1, 1)]
    assert [e.effective for e in ledger.events.get(Decision.id_for("B-1"))] == [date(2021, 3, 4)]
    assert [e.effective for e in ledger.events.get(Decision.id_for("B-2"))] == [date(2021, 3, 9)]


def test_a_command_recorded_when_the_cli_passed_the_acts_date_as_on_repeats_without_it(ledger):
    """Before the write path decided the default effective date, the command line passed a
    decision's datum as --on, so its receipt holds that date: the same command with the same id
    and no --on is a repeat, not a different command."""
    ledger.party_add(env("2021-01-01"), kind="gemeente", name="Zuid-Holland", cbs="GM0599")
    first = ledger.decision_record(env("2021-03-04", command_id="b-1"), key="B-1",
                                   body="college:GM0599", title="T", datum="2021-03-04")
    again = ledger.decision_record(env(None, command_id="b-1"), key="B-1",
                                   body="college:GM0599", title="T", datum="2021-03-04")
    assert (again.replayed, again.positions) == (True, first.positions)
    with pytest.raises(IdempotencyConflict, match="verschillend: effective"):
        ledger.decision_record(env("2021-03-05", command_id="b-1"), key="B-1",
                               body="college:GM0599", title="T", datum="2021-03-04")

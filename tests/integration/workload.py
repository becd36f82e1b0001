"""Workloads run in separate processes by the reliability tests: writers recording commands
through the application service, readers catching up the journal, and checks of what a log holds.

Kept apart from the test modules so that `multiprocessing` (spawn) can import it cheaply.
"""

from __future__ import annotations

import json
import os
import traceback
from collections.abc import Iterator
from typing import Any

GEMEENTEN = [("GM0546", "Leiden"), ("GM0547", "Leiderdorp"), ("GM0537", "Katwijk"),
             ("GM0579", "Oegstgeest"), ("GM0626", "Voorschoten"), ("GM0638", "Zoeterwoude")]
CBS = [c for c, _ in GEMEENTEN]


def scale(default: int) -> int:
    """Sizes grow with LEDGER_STRESS (a multiplier; 1 in the normal test run)."""
    return default * max(1, int(os.environ.get("LEDGER_STRESS", "1") or 1))


def record_figure(test: str, **figures: Any) -> None:
    """With LEDGER_FIGURES=FILE, append what a reliability test measured (one JSON line), for
    docs/reliability.md. Without it, nothing."""
    target = os.environ.get("LEDGER_FIGURES")
    if target:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"test": test, **figures}, default=str) + "\n")


def setup_commands(n: int) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """What exists before the writers start: the six gemeenten, the provincie, and one PHO
    decision per ten commands of a writer for them to ratify."""
    for cbs, name in GEMEENTEN:
        yield f"setup-{cbs}", "party_add", {"kind": "gemeente", "name": name, "cbs": cbs}
    yield "setup-ZH", "party_add", {"kind": "provincie", "name": "Zuid-Holland", "key": "ZH"}
    for j in range(n // 10 + 1):
        yield f"setup-PHO-{j}", "decision_record", {
            "key": f"PHO-{j}", "body": "pho:WRL", "title": f"Voorgenomen besluit {j}",
            "datum": "2021-10-01", "participants": CBS}


def plan(proc: int, i: int) -> tuple[str, str, dict[str, Any]]:
    """Command i of writer proc: (command_id, method, arguments). Most commands conflict with
    other writers on purpose: the same provincie corrected by all, the same decision ratified by
    several colleges, the same key claimed by every writer, the same command id sent by all."""
    kind = i % 10
    if kind < 4:  # a decision of its own: no conflict
        return f"p{proc}-{i}", "decision_record", {
            "key": f"D-{proc}-{i}", "body": "college:GM0546", "title": f"Besluit {proc}/{i}",
            "datum": "2021-10-01"}
    if kind < 7:  # every writer corrects the same party: version conflicts, retried
        return f"p{proc}-{i}", "party_correct", {"key": "ZH", "name": f"Zuid-Holland {proc}/{i}"}
    if kind == 7:  # the same command id and payload from every writer: written once
        return f"shared-{i}", "decision_record", {
            "key": f"S-{i}", "body": "college:GM0547", "title": f"Gedeeld besluit {i}",
            "datum": "2021-10-01"}
    if kind == 8:  # every writer claims the same key: one wins, the others are refused
        return f"claim-{i}-p{proc}", "decision_record", {
            "key": f"R-{i}", "body": "college:GM0537", "title": f"Claim van {proc}",
            "datum": "2021-10-01"}
    # the colleges ratify the same PHO decision; two writers share each college
    return f"ratify-{i}-p{proc}", "decision_ratify", {"key": f"PHO-{i // 10}",
                                               "party": CBS[proc % len(CBS)]}


def run_setup(url: str, n: int) -> None:
    """As `ledger init` leaves a ledger (the view tables too), plus the setup commands."""
    from ledger.application import open_ledger
    from projections.tables import create_tables

    ledger = open_ledger(url)
    create_tables(ledger.store)
    for cid, method, kwargs in setup_commands(n):
        getattr(ledger, method)(envelope(cid), **kwargs)
    ledger.close()


def envelope(command_id: str) -> Any:
    from ledger.envelope import make_envelope

    return make_envelope(actor="stress", on="2021-10-05", command_id=command_id)


def writer(url: str, proc: int, n: int, barrier: Any, queue: Any) -> None:
    """Record n commands; report, per command, whether it was acknowledged (and where) or
    refused (and why). Anything that is not a LedgerError is reported as a crash."""
    from ledger.application import open_ledger
    from ledger.errors import LedgerError

    results = []
    try:
        ledger = open_ledger(url)
        barrier.wait(timeout=120)
        for i in range(n):
            cid, method, kwargs = plan(proc, i)
            try:
                out = getattr(ledger, method)(envelope(cid), **kwargs)
                results.append({"cid": cid, "method": method, "status": "ok",
                                "positions": out.positions, "replayed": out.replayed})
            except LedgerError as e:
                results.append({"cid": cid, "method": method, "status": "refused",
                                "message": e.message})
            except Exception:  # a crash is what the test is looking for: report it
                results.append({"cid": cid, "method": method, "status": "crash",
                                "message": traceback.format_exc()})
        ledger.close()
    except Exception:
        results.append({"cid": None, "method": None, "status": "crash",
                        "message": traceback.format_exc()})
    queue.put((proc, results))


def reader(url: str, stop: Any, queue: Any) -> None:
    """Catch up the journal over and over while the writers write, then once more."""
    from ledger.application import open_ledger
    from projections.journal import catch_up

    rounds, added, errors = 0, 0, []
    try:
        ledger = open_ledger(url)
        while not stop.wait(0.02):
            added += catch_up(ledger)
            rounds += 1
        added += catch_up(ledger)
        ledger.close()
    except Exception:
        errors.append(traceback.format_exc())
    queue.put(("reader", {"rounds": rounds, "added": added, "errors": errors}))


# --- what a log holds ----------------------------------------------------------------------------

def log_by_command(url: str) -> tuple[dict[str, list[int]], dict[str, list[list[Any]]]]:
    """The positions of the events recorded under each command id, and each receipt's list of
    (aggregate, version) it vouches for."""
    from ledger.storage import RawLog, parse_url

    events: dict[str, list[int]] = {}
    receipts: dict[str, list[list[Any]]] = {}
    with RawLog(parse_url(url)) as raw:
        for row in raw.rows():
            state = json.loads(row.state)
            cid = state.get("command_id")
            if row.topic.endswith("CommandReceipt.Issued"):
                assert cid not in receipts, f"two receipts for {cid}"
                receipts[cid] = state["events"]
            else:
                events.setdefault(cid, []).append(row.position)
    return events, receipts


def half_written(url: str) -> list[str]:
    """Commands whose events are not all there, or events no receipt vouches for."""
    from ledger.storage import RawLog, parse_url

    present: set[tuple[str, int]] = set()
    receipts: dict[str, list[list[Any]]] = {}
    with RawLog(parse_url(url)) as raw:
        for row in raw.rows():
            if row.topic.endswith("CommandReceipt.Issued"):
                receipts[json.loads(row.state)["command_id"]] = json.loads(row.state)["events"]
            else:
                present.add((row.originator_id, row.version))
    vouched = {(oid, v) for evs in receipts.values() for oid, v in evs}
    problems = [f"receipt {cid} names events that are missing"
                for cid, evs in receipts.items() if any((oid, v) not in present for oid, v in evs)]
    problems += [f"event {oid}/{v} has no receipt" for oid, v in sorted(present - vouched)]
    return problems


# --- a generated import file ----------------------------------------------------------------------

def import_file(path: Any, others: int = 6, decisions: int = 24, pho: int = 4) -> int:
    """Write a JSON Lines import of parties, decisions, ratifications and corrections (with and
    without command ids, some text in odd scripts); returns the number of commands."""
    lines = [{"format": "ledger-import", "version": 1, "defaults": {"actor": "import-crash"}}]
    for cbs, name in GEMEENTEN:
        lines.append({"command": "party.add", "on": "2021-01-01", "command_id": f"g-{cbs}",
                      "args": {"kind": "gemeente", "name": name, "cbs": cbs}})
    for k in range(others):
        lines.append({"command": "party.add", "on": "2021-01-01",
                      "args": {"kind": "bedrijf", "name": f"Partij {k} — ƒ ü ø 水", "key": f"P{k:02}"}})
    for k in range(decisions):
        cbs = CBS[k % len(CBS)]
        lines.append({"command": "decision.record", "on": "2021-10-01",
                      "ref": [f"zaak:Z/21/{k:06}"], "reason": f"besluit {k}",
                      **({"command_id": f"d-{k}"} if k % 2 else {}),
                      "args": {"key": f"B-{k}", "body": f"college:{cbs}", "title": f"Besluit {k}",
                               "datum": "2021-10-01"}})
    for k in range(pho):
        lines.append({"command": "decision.record", "on": "2021-10-01",
                      "args": {"key": f"PHO-{k}", "body": "pho:WRL", "title": f"PHO {k}",
                               "datum": "2021-10-01", "participants": CBS}})
        for cbs in CBS:
            lines.append({"command": "decision.ratify", "on": "2021-10-15",
                          "args": {"key": f"PHO-{k}", "party": cbs}})
    for k in range(others):
        lines.append({"command": "party.correct", "on": "2021-11-01", "reason": "naam",
                      "args": {"key": f"P{k:02}", "name": f"Partij {k} (gecorrigeerd)"}})
    with open(path, "w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    return len(lines) - 1


def state_hash(url: str) -> str:
    """A hash of the journal (every event with its envelope and payload, receipts included) minus
    what differs between equal histories: recorded times, and positions, which PostgreSQL may
    number with gaps after an interrupted transaction (replaced by their rank in the log), and
    the login that wrote each event (a PostgreSQL role or the OS user: who wrote, not what)."""
    import hashlib

    from typer.testing import CliRunner

    from commands.main import app

    result = CliRunner().invoke(app, ["--db", url, "--json", "log", "--receipts"])
    assert result.exit_code == 0, result.output
    entries = json.loads(result.output)
    rank = {e["position"]: n for n, e in enumerate(entries, start=1)}
    canon = []
    for e in entries:
        e = {**e, "position": rank[e["position"]],
             "corrects": rank.get(e["corrects"], e["corrects"])}
        for name in ("recorded_at", "login", "login_authenticated", "recorded_by"):
            e.pop(name, None)
        canon.append(e)
    return hashlib.sha256(json.dumps(canon, sort_keys=True).encode()).hexdigest()

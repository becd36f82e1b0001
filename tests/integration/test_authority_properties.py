"""Property: whatever decisions are taken (by bodies inside and outside a programme, ratified or
not, withdrawn, with an ingangsdatum and a vervaldatum, back-dated) and whatever budget acts are
tried on them, afterwards every act the ledger recorded rests on a decision that was in force and
competent on its effective date; and every act that would have so rested was recorded. On SQLite
and PostgreSQL.

The judge is an oracle written here from the table in docs/decisions-and-agreements.md ("Who is
competent for what", rows 1-3) and the status rules beside it, reading the ledger's log; it does
not call `ledger.rules.authority`. An act is judged by what the log held when it was tried
(a withdrawal recorded later, back-dated, does not undo what already rested on the decision).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.errors import LedgerError
from ledger.storage import RawLog
from tests.conftest import env

PARTIES = ["GM0537", "GM0546", "GM0547"]  # bound by the programme's agreement
OUTSIDE = "GM0983"  # a gemeente of another region
START = date(2022, 1, 1)
PM_LIMIT = Decimal(25000)  # the programmamanager's mandate; the PHO's is unlimited
RUNS = itertools.count(1)


def bodies(code: str) -> list[str]:
    return [f"pho:{code}", f"regiegroep:{code}", f"programmamanager:{code}", "college:GM0546",
            "raad:GM0547", "college:GM0537", f"college:{OUTSIDE}", "pho:RES", "ab:CR",
            "programmamanager:RES", "regiegroep:RES"]


def day(offset: int) -> date:
    return START + timedelta(days=offset)


# --- the operations --------------------------------------------------------------------------

decide = st.tuples(st.just("decide"), st.integers(0, 10), st.integers(0, 300),
                   st.none() | st.integers(0, 60), st.none() | st.integers(1, 200))
ratify = st.tuples(st.just("ratify"), st.integers(0, 30), st.integers(0, 2), st.integers(0, 90))
withdraw = st.tuples(st.just("withdraw"), st.integers(0, 30), st.integers(0, 200))
leave = st.tuples(st.just("leave"), st.integers(0, 300))
# an act on decision i (-1: one the ledger does not know), dated relative to its datum (before
# it, too), for an amount in thousands
act = st.tuples(st.just("act"), st.sampled_from(["allocate", "reserve", "shift"]),
                st.integers(-1, 30), st.integers(-30, 200), st.integers(1, 40))
ratify_all = st.tuples(st.just("ratify-all"), st.integers(0, 30), st.integers(0, 90))
operations = st.lists(st.one_of(decide, decide, ratify, ratify_all, withdraw, leave, act, act,
                                act), min_size=4, max_size=30)


# --- the oracle ------------------------------------------------------------------------------

@dataclass
class Decided:
    body: str
    datum: date
    ingangsdatum: date
    vervaldatum: date | None
    participants: list[str]
    ratified: dict[str, date] = field(default_factory=dict)
    withdrawn: date | None = None


@dataclass
class Known:
    """What the log holds up to a position: the decisions and who left the agreement when."""

    decisions: dict[str, Decided] = field(default_factory=dict)
    left: dict[str, date] = field(default_factory=dict)


def in_force(d: Decided, on: date) -> bool:
    """docs/decisions-and-agreements.md, "Status on a date": taken, not withdrawn, not expired,
    ratified by every participant, its ingangsdatum reached."""
    return (d.datum <= on and (d.withdrawn is None or on < d.withdrawn)
            and (d.vervaldatum is None or on < d.vervaldatum)
            and all(p in d.ratified and d.ratified[p] <= on for p in d.participants)
            and d.ingangsdatum <= on)


def competent(body: str, code: str, kind: str, on: date, amount: Decimal, known: Known) -> bool:
    """Rows 1-3 of the table: the programme's own PHO and regiegroep; its programmamanager
    within its mandate; the colleges and raden of the parties bound on the date. A shift needs a
    mandate of the programme covering the amount: here the PHO's (unlimited) and the
    programmamanager's (25.000)."""
    organ, _, who = body.partition(":")
    bound = who in PARTIES and (who not in known.left or on < known.left[who])
    if organ == "programmamanager":
        return who == code and amount <= PM_LIMIT
    if kind == "shift":
        return organ == "pho" and who == code
    return (organ in ("pho", "regiegroep") and who == code) or (
        organ in ("college", "raad") and bound)


def holds(key: str | None, code: str, kind: str, on: date, amount: Decimal,
          known: Known) -> bool:
    d = known.decisions.get(key or "")
    return d is not None and in_force(d, on) and competent(d.body, code, kind, on, amount, known)


def learn(known: Known, e: Any, agreement: str) -> None:
    name = type(e).__qualname__
    if name == "Decision.Recorded":
        known.decisions[e.key] = Decided(e.body, e.datum, e.ingangsdatum, e.vervaldatum,
                                         list(e.participants))
    elif name == "Decision.Ratified":
        known.decisions[_key(known, e)].ratified[e.party] = e.datum
    elif name == "Decision.Withdrawn":
        known.decisions[_key(known, e)].withdrawn = e.datum
    elif name == "Agreement.Withdrawn" and e.originator_id == _agreement_id(agreement):
        known.left[e.party] = e.datum


def _key(known: Known, e: Any) -> str:
    from ledger.domain.decision import Decision

    return next(k for k in known.decisions if Decision.id_for(k) == e.originator_id)


def _agreement_id(key: str) -> UUID:
    from ledger.domain.agreement import Agreement

    return Agreement.id_for(key)


def log(ledger) -> list[tuple[int, Any]]:
    """Every event of the log, as the ledger's event classes read it, with its position."""
    from eventsourcing.persistence import StoredEvent

    out = []
    with RawLog(ledger.store) as raw:
        for row in raw.rows():
            oid = row.originator_id
            uid = oid if isinstance(oid, UUID) else UUID(str(oid))
            out.append((row.position, ledger.mapper.to_domain_event(
                StoredEvent(uid, row.version, row.topic, bytes(row.state)))))
    return out


# --- the world and the run -------------------------------------------------------------------

def world(ledger, n: int) -> tuple[str, str]:
    """A programme of its own per example (keys numbered), under an agreement of PARTIES signed
    on 2021-07-15, with ample budget on WS1 and WS2 in 2022 (recorded without decision)."""
    from ledger.domain.party import Party

    for cbs, name in (("GM0537", "Katwijk"), ("GM0546", "Leiden"), ("GM0547", "Leiderdorp"),
                      (OUTSIDE, "Venlo")):
        if not ledger.exists(Party, cbs):
            ledger.party_add(env("2021-01-01"), kind="gemeente", name=name, cbs=cbs)
    code, agreement = f"P{n}", f"A{n}"
    ledger.agreement_create(env("2021-07-01"), key=agreement, kind="sok", title="SOK",
                            parties=PARTIES)
    for party in PARTIES:
        ledger.decision_record(env("2021-07-15"), key=f"{code}-BW-{party}",
                               body=f"college:{party}", title="Aangaan", datum="2021-07-15")
        ledger.agreement_sign(env("2021-07-15"), agreement, party=party,
                              decision=f"{code}-BW-{party}", datum="2021-07-15")
    ledger.programme_create(env("2021-09-01"), code=code, name=code, agreement=agreement,
                            start="2021-09-01", end="2023-12-31",
                            mandates=["programmamanager:25000", "pho:unlimited"])
    for ws in ("WS1", "WS2"):
        ledger.workstream_add(env("2021-09-01"), programme=code, code=ws, name=ws)
        ledger.budget_allocate(env("2021-10-01"), programme=code, workstream=ws, year=2022,
                               amount="10000000")
    return code, agreement


def run(ledger, ops) -> None:
    n = next(RUNS)
    code, agreement = world(ledger, n)
    with RawLog(ledger.store) as raw:
        built = raw.last_position()  # the world's own events (its allocations rest on none)
    keys: list[str] = []
    taken: dict[str, date] = {}  # each decision's datum (ratifications and withdrawals follow it)
    tried: list[tuple[int, str, str | None, date, Decimal, bool]] = []
    for op in ops:
        try:
            if op[0] == "decide":
                _, b, offset, ingang, verval = op
                body = bodies(code)[b]
                datum = day(offset)
                key = f"{code}-D{len(keys)}"
                keys.append(key)
                taken[key] = datum
                ledger.decision_record(
                    env(datum.isoformat()), key=key, body=body, title="Besluit", datum=datum,
                    ingangsdatum=datum + timedelta(days=ingang) if ingang is not None else None,
                    vervaldatum=datum + timedelta(days=verval) if verval is not None else None,
                    vervalreden="tijdelijk" if verval is not None else None,
                    participants=PARTIES if body.startswith("pho:") else None)
            elif op[0] == "ratify" and keys:
                _, i, p, later = op
                key = keys[i % len(keys)]
                ledger.decision_ratify(env(None), key, party=PARTIES[p],
                                       datum=taken[key] + timedelta(days=later))
            elif op[0] == "ratify-all" and keys:
                _, i, later = op
                key = keys[i % len(keys)]
                for party in PARTIES:
                    try:
                        ledger.decision_ratify(env(None), key, party=party,
                                               datum=taken[key] + timedelta(days=later))
                    except LedgerError:
                        pass
            elif op[0] == "withdraw" and keys:
                _, i, later = op
                key = keys[i % len(keys)]
                ledger.decision_withdraw(env(None, reason="ingetrokken"), key,
                                         datum=taken[key] + timedelta(days=later))
            elif op[0] == "leave":
                ledger.agreement_withdraw(env(None), agreement, party="GM0537",
                                          decision=f"{code}-BW-GM0537", datum=day(op[1]))
            elif op[0] == "act":
                _, kind, i, delta, thousands = op
                key = keys[i % len(keys)] if keys and i >= 0 else f"{code}-ONBEKEND"
                on = taken.get(key, START) + timedelta(days=delta)
                amount = Decimal(thousands * 1000)
                with RawLog(ledger.store) as raw:
                    before = raw.last_position()
                tried.append((before, kind, key, on, amount, attempt(ledger, code, kind, key,
                                                                    on, amount)))
        except LedgerError:
            pass  # decisions, ratifications and withdrawals the ledger refuses: not acts
    check(ledger, code, agreement, built, tried)


def attempt(ledger, code: str, kind: str, key: str, on: date, amount: Decimal) -> bool:
    day_ = on.isoformat()
    try:
        if kind == "allocate":
            ledger.budget_allocate(env(day_), programme=code, workstream="WS2", year=2022,
                                   amount=str(amount), decision=key)
        elif kind == "reserve":
            ledger.budget_reserve(env(day_, refs=[f"besluit:{key}"]), programme=code,
                                  workstream="WS1", year=2022, amount=str(amount),
                                  purpose="Advies")
        else:
            ledger.budget_shift(env(day_), programme=code, amount=str(amount), decision=key,
                                from_workstream="WS1", from_year=2022, to_workstream="WS2",
                                to_year=2022)
        return True
    except LedgerError:
        return False


def check(ledger, code: str, agreement: str, built: int,
          tried: list[tuple[int, str, str | None, date, Decimal, bool]]) -> None:
    from ledger.domain.budget import Budget

    events = log(ledger)
    budget = Budget.id_for(code)

    def known_at(position: int) -> Known:
        known = Known()
        for p, e in events:
            if p > position:
                break
            learn(known, e, agreement)
        return known

    # Afterwards, every act recorded rests on a decision in force and competent on its date:
    acts = {"Budget.Allocated": "allocate", "Budget.Reserved": "reserve",
            "Budget.Shifted": "shift"}
    for position, e in events:
        kind = acts.get(type(e).__qualname__)
        if kind is None or e.originator_id != budget or position <= built:
            continue
        refs = [r.split(":", 1)[1] for r in e.refs if r.startswith("besluit:")]
        key = getattr(e, "decision", None) or (refs[0] if refs else None)
        assert holds(key, code, kind, e.effective, Decimal(e.amount), known_at(position - 1)), \
            (position, kind, key, e.effective)
    # ... and every act that would rest on one was recorded:
    for before, kind, key, on, amount, recorded in tried:
        assert recorded == holds(key, code, kind, on, amount, known_at(before)), \
            (kind, key, on, amount, recorded)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(ops=operations)
def test_every_recorded_act_rests_on_a_decision_in_force_and_competent_on_its_date(ledger, ops):
    run(ledger, ops)

"""One selection, two answers that must agree: the SQL a `Selection` gives the read tables and the
test it applies to entries of the unfolded tail choose the same entries, on both databases, for
random entries (odd keys and subjects with `%`, `_`, `\\` and capitals among them) and random
selections."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import date, timedelta

from projections.reading import Entry, Horizon, Reader
from projections.selection import Selection
from projections.tables import create_tables, journal, subjects, write_transaction

KINDS = ["party", "decision", "budget", "command", "routekaart"]
KEYS = ["GM0546", "gm0546", "WRL", "WRL_2", "WRL%", "A\\B", "VS-RK", "x_y"]
TOPICS = ["ledger.domain.party:Party.Registered", "ledger.domain.decision:Decision.Ratified",
          "ledger.domain.budget:Budget.Reserved", "ledger.domain.receipt:CommandReceipt.Issued"]
ACTORS = ["secretariaat", "griffie", "Secretariaat"]
START = date(2021, 1, 1)


def random_entries(rng: random.Random, n: int) -> list[Entry]:
    out = []
    for position in range(1, n + 1):
        kind, key = rng.choice(KINDS), rng.choice(KEYS)
        subs = sorted({f"{kind}:{key}"} | {f"{rng.choice(KINDS)}:{rng.choice(KEYS)}/"
                                           f"{rng.choice(['WS1', 'ws_1', '2022', '%'])}"
                                           for _ in range(rng.randrange(3))})
        out.append(Entry(
            position=position, recorded_at=f"2026-12-0{1 + position % 5}T10:{position % 60:02}:00",
            effective=START + timedelta(days=rng.randrange(700)), kind=kind, key=key,
            version=1, topic=rng.choice(TOPICS), actor=rng.choice(ACTORS), refs=[], reason=None,
            command_id=None, corrects=None, payload={}, subjects=subs, part=None))
    return out


def random_selection(rng: random.Random, entries: list[Entry]) -> Selection:
    def maybe(p: float = 0.3) -> bool:
        return rng.random() < p

    some_subjects = sorted({s for e in entries for s in e.subjects})
    day = START + timedelta(days=rng.randrange(700))
    return Selection(
        kinds=tuple(rng.sample(KINDS, rng.randrange(1, 3))) if maybe() else (),
        keys=tuple((rng.choice(KINDS), rng.choice(KEYS)) for _ in range(rng.randrange(1, 3)))
        if maybe(0.15) else (),
        key_in=tuple(rng.sample(KEYS, rng.randrange(0, 3))) if maybe(0.2) else None,
        subject=rng.choice(some_subjects) if maybe(0.15) else None,
        subject_in=tuple(rng.sample(some_subjects, rng.randrange(0, 3))) if maybe(0.15) else None,
        receipts=not maybe(0.3),
        topic=rng.choice(["registered", "Budget.", "RATIFIED", "_", "%", "party:P"])
        if maybe(0.2) else None,
        actor=rng.choice(ACTORS) if maybe(0.15) else None,
        after=rng.randrange(0, 120) if maybe() else None,
        upto=rng.randrange(0, 120) if maybe() else None,
        on=day if maybe() else None,
        effective_from=day - timedelta(days=200) if maybe(0.2) else None,
        effective_to=day + timedelta(days=100) if maybe(0.2) else None,
        recorded_from="2026-12-03" if maybe(0.15) else None,
        recorded_to="2026-12-04T10:30" if maybe(0.15) else None,
    )


def store_entries(store, entries: list[Entry]) -> None:
    create_tables(store)
    with write_transaction(store) as conn:
        conn.execute(journal.insert(), [
            {"position": e.position, "recorded_at": e.recorded_at, "effective": e.effective,
             "kind": e.kind, "key": e.key, "version": e.version, "topic": e.topic,
             "actor": e.actor, "refs": json.dumps(e.refs), "reason": e.reason,
             "command_id": e.command_id, "corrects": e.corrects, "payload": "{}", "part": None}
            for e in entries])
        conn.execute(subjects.insert(), [{"subject": s, "position": e.position}
                                         for e in entries for s in e.subjects])


def test_sql_and_the_tail_choose_the_same_entries(store):
    rng = random.Random(20211005)
    entries = random_entries(rng, 120)
    store_entries(store, entries)
    table = Reader(store)
    for _ in range(400):
        sel = random_selection(rng, entries)
        for order in ("fold", "log"):
            from_table = [e.position for e in table.select(sel, order=order)]
            key = (lambda e: (e.effective, e.position)) if order == "fold" else (
                lambda e: e.position)
            from_test = [e.position for e in sorted(sel.filter(entries), key=key)]
            assert from_table == from_test, sel
        assert [sel.matches(e) for e in entries] == [e in sel.filter(entries) for e in entries]


def test_a_reader_with_half_its_entries_in_the_tail_answers_as_with_all_in_the_table(store):
    """The tail stands in for rows the journal table lacks: split anywhere, every query of the
    reader (entries, log, with a horizon) gives what the whole table gives."""
    rng = random.Random(7)
    entries = random_entries(rng, 80)
    whole_store, split = store, 50
    store_entries(whole_store, entries[:split])
    half = Reader(whole_store, tail=entries[split:])
    for _ in range(150):
        sel = random_selection(rng, entries)
        sel = replace(sel, upto=None) if rng.random() < 0.5 else sel
        expected = [e.position for e in sorted(sel.filter(entries), key=lambda e: e.position)]
        assert [e.position for e in half.select(sel, order="log")] == expected, sel
        limit = rng.randrange(1, 40)
        assert [e.position for e in half.select(sel, order="log", limit=limit)] == \
            expected[:limit], sel
    assert [e.position for e in half.at(Horizon(upto=60)).entries(order="log")] == \
        list(range(1, 61))
    assert [e.position for e in half.log(include_receipts=True, subject_in=[])] == []

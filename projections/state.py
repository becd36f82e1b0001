"""A state hash of every view, to prove that a view rebuilt from the log equals the one built
incrementally (and, in reliability tests, that an interrupted run ends where an uninterrupted one
does). Each view is rendered to canonical JSON and hashed; the journal is hashed row by row."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import sqlalchemy as sa

from projections.reading import Reader, jsonable
from projections.tables import engine_for, journal, subjects


def _digest(value: Any) -> str:
    text = json.dumps(jsonable(value), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def view_hashes(reader: Reader) -> dict[str, str]:
    from projections import agreements, budget, decisions, parties, programme, routekaart
    from projections.report_diff import issued_reports

    hashes: dict[str, str] = {}
    engine = engine_for(reader.store)
    with engine.connect() as conn:
        rows = conn.execute(sa.select(journal).order_by(journal.c.position)).all()
        subs = conn.execute(sa.select(subjects).order_by(subjects.c.position,
                                                         subjects.c.subject)).all()
    hashes["journal"] = _digest([list(r) for r in rows])
    hashes["subjects"] = _digest([list(r) for r in subs])
    hashes["parties"] = _digest(parties.parties(reader))
    hashes["decisions"] = _digest(decisions.decisions(reader))
    hashes["agreements"] = _digest(agreements.agreements(reader))
    progs = programme.programmes(reader)
    hashes["programmes"] = _digest(programme.state(reader))
    for code in sorted(progs):
        for year in sorted({int(p[:4]) for p in (progs[code]["start"], progs[code]["end"]) if p}):
            hashes[f"budget:{code}:{year}"] = _digest(budget.finance_view(reader, code, year))
    for rk in routekaart.routekaarten(reader):
        hashes[f"routekaart:{rk['key']}"] = _digest(routekaart.overview(reader, rk["key"]))
    hashes["reports"] = _digest(issued_reports(reader))
    return hashes

"""References for the bulk figures: what eventsourcing (or hashlib) does with the same number of
events and no domain logic. Run as a script by `bench.run`, with the store in eventsourcing's
environment variables; each prints one JSON line with the count and the seconds it took.

    python bench/reference.py append N   append N events in large batches (one transaction each)
    python bench/reference.py read       read and deserialise the whole log, in batches
    python bench/reference.py hash URL   read every stored event's row and chain them with SHA-256
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from typing import Any

BATCH = 1000


def append(n: int) -> dict[str, Any]:
    from eventsourcing.application import Application
    from eventsourcing.domain import Aggregate, event

    class Record(Aggregate):
        """As big as a ledger event: an envelope's worth of fields."""

        @event("Created")
        def __init__(self, actor: str, effective: str, refs: list[str], key: str,
                     body: str, title: str) -> None:
            self.key = key

    app = Application()
    started = time.perf_counter()
    done = 0
    while done < n:
        size = min(BATCH, n - done)
        batch = [Record(actor="secretariaat", effective="2021-10-05",
                        refs=["zaak:Z/21/011355", "doc:166008"], key=f"COL-GM0546-2021-{done + i}",
                        body="college:GM0546", title="Vaststelling transitievisie warmte")
                 for i in range(size)]
        app.save(*batch)
        done += size
    seconds = time.perf_counter() - started
    app.close()
    return {"events": done, "seconds": seconds}


def read() -> dict[str, Any]:
    from eventsourcing.application import Application

    from ledger.application.base import DateAsISO  # the ledger's one extra transcoding

    class Reader(Application):
        name = "stored"  # eventsourcing's PostgreSQL module then reads the table stored_events

        def register_transcodings(self, transcoder: Any) -> None:
            super().register_transcodings(transcoder)
            transcoder.register(DateAsISO())

    app = Reader()
    started = time.perf_counter()
    start, count = 0, 0
    while True:
        notifications = app.recorder.select_notifications(start, 2000, inclusive_of_start=False)
        if not notifications:
            break
        for n in notifications:
            app.mapper.to_domain_event(n)
        count += len(notifications)
        start = notifications[-1].id
    seconds = time.perf_counter() - started
    app.close()
    return {"events": count, "seconds": seconds}


def hash_rows(url: str) -> dict[str, Any]:
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    started = time.perf_counter()
    if parts.scheme == "sqlite":
        import sqlite3

        conn = sqlite3.connect(unquote(parts.path[1:]))
        cur = conn.execute("SELECT rowid, originator_id, originator_version, topic, state "
                           "FROM stored_events ORDER BY rowid")
    else:
        import psycopg

        query = dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p)
        conn = psycopg.connect(host=parts.hostname, port=parts.port or 5432,
                               user=unquote(parts.username or "postgres"),
                               dbname=parts.path.lstrip("/") or "postgres")
        cur = conn.cursor(name="bench_hash")
        cur.itersize = 5000
        cur.execute(f'SELECT notification_id, originator_id, originator_version, topic, state '
                    f'FROM "{query.get("schema", "public")}".stored_events '
                    f"ORDER BY notification_id")
    previous, count = "0" * 64, 0
    for pos, oid, version, topic, state in cur:
        h = hashlib.sha256(previous.encode())
        h.update(f"\n{pos}\n{oid}\n{version}\n{topic}\n".encode())
        h.update(bytes(state))
        previous = h.hexdigest()
        count += 1
    seconds = time.perf_counter() - started
    conn.close()
    return {"events": count, "seconds": seconds}


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "append":
        out = append(int(sys.argv[2]))
    elif what == "read":
        out = read()
    else:
        out = hash_rows(sys.argv[2])
    print(json.dumps(out))

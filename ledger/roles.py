"""PostgreSQL roles: a writer that can only append, and an auditor that can only read.

`ledger_writer` may SELECT everything; INSERT into the log and the chain; TRUNCATE the log, only
because eventsourcing's `LOCK TABLE ... IN EXCLUSIVE MODE` (which serialises writers) needs UPDATE,
DELETE or TRUNCATE, and the TRUNCATE trigger refuses the act itself; use the position sequence;
and INSERT into the views (UPDATE on their tracking row), which its reads bring up to date. It
cannot UPDATE or DELETE events or links, TRUNCATE the chain, drop the guards (it owns nothing), or
rebuild the views.

`ledger_auditor` may SELECT, nothing else: not even the views. Its reads fold the events the views
lack in memory (`projections.journal.pending`), so it sees the whole log without writing a row.

Roles are created without a password (NOLOGIN); an administrator grants them to login roles
(`GRANT ledger_auditor TO alice`). See docs/security.md.
"""

from __future__ import annotations

from ledger.errors import InvalidInput
from ledger.storage import CHAIN, EVENTS, RawLog, Store

WRITER, AUDITOR = "ledger_writer", "ledger_auditor"
VIEWS = ("view_journal", "view_subject", "view_aggregate")
TRACKING = "view_tracking"


def create_roles(store: Store) -> list[str]:
    if store.kind != "postgresql":
        raise InvalidInput("Roles exist only on PostgreSQL; SQLite has no users.",
                           hint="Use file permissions to control who can open an SQLite ledger.")
    from projections.journal import create_tables

    create_tables(store)
    s = f'"{store.schema}"'
    statements = []
    for role in (WRITER, AUDITOR):
        statements.append(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') "
            f"THEN CREATE ROLE {role} NOLOGIN; END IF; END $$")
        statements.append(f"GRANT USAGE ON SCHEMA {s} TO {role}")
        statements.append(f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {role}")
        statements.append(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {s} FROM {role}")
        statements.append(f"GRANT SELECT ON ALL TABLES IN SCHEMA {s} TO {role}")
        # Tables made later by the owner (views rebuilt by `ledger rebuild`) can be read too.
        statements.append(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT SELECT ON TABLES TO {role}")
    statements += [
        f"GRANT INSERT ON {s}.{EVENTS}, {s}.{CHAIN} TO {WRITER}",
        f"GRANT TRUNCATE ON {s}.{EVENTS} TO {WRITER}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {s} TO {WRITER}",
        *view_grants(store),
    ]
    with RawLog(store) as raw:
        cur = raw.conn.cursor()
        for sql in statements:
            cur.execute(sql)
        raw.conn.commit()
    return [WRITER, AUDITOR]


def view_grants(store: Store) -> list[str]:
    """What the writer needs to bring the views up to date (and nothing to change old rows)."""
    s = f'"{store.schema}"'
    views = ", ".join(f"{s}.{v}" for v in VIEWS)
    return [f"GRANT SELECT, INSERT ON {views} TO {WRITER}",
            f"GRANT SELECT, INSERT, UPDATE ON {s}.{TRACKING} TO {WRITER}"]


def grant_views_again(store: Store) -> None:
    """After `ledger rebuild` made the view tables anew: the writer's rights on them again (when
    the roles exist)."""
    if store.kind != "postgresql":
        return
    with RawLog(store) as raw:
        cur = raw.conn.cursor()
        cur.execute("SELECT count(*) FROM pg_roles WHERE rolname = %s", (WRITER,))
        if cur.fetchone()[0]:
            for sql in view_grants(store):
                cur.execute(sql)
        raw.conn.commit()

"""PostgreSQL roles: a writer that can only append, and an auditor that can only read the log.

The writer gets SELECT and INSERT on the log and the chain, TRUNCATE (which eventsourcing's
`LOCK TABLE ... IN EXCLUSIVE MODE` needs; the TRUNCATE trigger refuses the act itself) and the id
sequence. It cannot UPDATE or DELETE events. The auditor gets SELECT on the log and chain only;
it may also write the derived view tables, which hold nothing that is not rebuilt from the log.
Roles are created without a password (NOLOGIN); an administrator grants them to login roles.
"""

from __future__ import annotations

from ledger.errors import InvalidInput
from ledger.storage import CHAIN, EVENTS, RawLog, Store

WRITER, AUDITOR = "ledger_writer", "ledger_auditor"


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
        statements.append(f"GRANT SELECT ON ALL TABLES IN SCHEMA {s} TO {role}")
        statements.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {s}.view_journal, "
                          f"{s}.view_subject, {s}.view_aggregate, {s}.view_tracking TO {role}")
        statements.append(f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {s}.{EVENTS}, {s}.{CHAIN} "
                          f"FROM {role}")
    statements += [
        f"GRANT INSERT, TRUNCATE ON {s}.{EVENTS}, {s}.{CHAIN} TO {WRITER}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {s} TO {WRITER}",
        f"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {s} TO {WRITER}",
    ]
    with RawLog(store) as raw:
        cur = raw.conn.cursor()
        for sql in statements:
            cur.execute(sql)
        raw.conn.commit()
    return [WRITER, AUDITOR]

"""PostgreSQL roles: a writer that can only append, and an auditor that can only read.

`ledger_writer` may SELECT everything, INSERT into the log, the chain and the Merkle tree
(nodes are only ever added: `ledger/tree.py`), and use the position sequence: nothing else.
It holds no UPDATE, DELETE or TRUNCATE on any table, so it can neither
change what is recorded nor take a lock that blocks readers (`LOCK TABLE ... IN ACCESS EXCLUSIVE
MODE` needs one of those rights; writers are serialised by an advisory lock instead, see
`ledger/postgres.py`). It cannot write the read tables either: they are the owner's alone, so no
writer can make them skip or invent events for everyone (docs/security.md says why this rather
than detection). A writer's reads, like an auditor's, fold the events the read tables lack in
memory (`projections.journal.pending`).

`ledger_auditor` may SELECT, nothing else.

Roles are created without a password (NOLOGIN); people record under login roles of their own
that are members of one of them (`ledger role add NAME --writer`), so the database stamps who
wrote each event. `ledger init --roles` on an existing ledger brings old grants up to date (it
revokes everything and grants what is listed here). See docs/security.md.
"""

from __future__ import annotations

from ledger.errors import InvalidInput
from ledger.storage import CHAIN, EVENTS, RawLog, Store
from ledger.tree import TREE

WRITER, AUDITOR = "ledger_writer", "ledger_auditor"
VIEWS = ("view_journal", "view_subject", "view_aggregate")
TRACKING = "view_tracking"


def create_roles(store: Store) -> list[str]:
    if store.kind != "postgresql":
        raise InvalidInput("Roles exist only on PostgreSQL; SQLite has no users.",
                           hint="Use file permissions to control who can open an SQLite ledger.")
    from projections.tables import create_tables

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
        f"GRANT INSERT ON {s}.{EVENTS}, {s}.{CHAIN}, {s}.{TREE} TO {WRITER}",
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
    """Both roles read the read tables; only their owner writes them."""
    s = f'"{store.schema}"'
    tables = ", ".join(f"{s}.{v}" for v in (*VIEWS, TRACKING))
    return [f"GRANT SELECT ON {tables} TO {WRITER}, {AUDITOR}"]


def grant_views_again(store: Store) -> None:
    """After `ledger rebuild` made the view tables anew: the roles' right to read them again (when
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


def add_login(store: Store, name: str, kind: str, password: str | None = None) -> bool:
    """A login role of one's own for a person, member of the writer or the auditor role, so that
    the database stamps that login on what they record. Returns False when the login existed
    already (it is then made a member, nothing else changes)."""
    if store.kind != "postgresql":
        raise InvalidInput("Logins exist only on PostgreSQL; SQLite records the OS user, "
                           "unauthenticated.",
                           hint="Use PostgreSQL for a ledger shared by several people.")
    if not name or len(name) > 63 or not name.replace("_", "").isalnum() or not name.isascii() \
            or name[0].isdigit() or name.lower() != name:
        raise InvalidInput(f"'{name}' is not a usable login name.",
                           hint="Use lower-case letters, digits and underscores, not starting "
                                "with a digit (at most 63).")
    if name in (WRITER, AUDITOR) or name.startswith("pg_"):
        raise InvalidInput(f"'{name}' is reserved.", hint="Choose the person's own name.")
    role = WRITER if kind == "writer" else AUDITOR
    from psycopg import sql

    create_roles(store)  # the group roles, with grants as this version makes them
    with RawLog(store) as raw:
        cur = raw.conn.cursor()
        cur.execute("SELECT rolcanlogin, rolsuper FROM pg_roles WHERE rolname = %s", (name,))
        found = cur.fetchone()
        if found and found[1]:
            raise InvalidInput(f"'{name}' is a superuser: it can do anything, so it cannot be "
                               "limited to recording or reading.",
                               hint="Give the person a login of their own.")
        if not found:
            cur.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(name)))
        if password:
            cur.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                sql.Identifier(name), sql.Literal(password)))
        cur.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(role), sql.Identifier(name)))
        raw.conn.commit()
    return not found


def logins(store: Store) -> list[dict[str, str]]:
    """Every login role that is a member of the writer or the auditor role."""
    if store.kind != "postgresql":
        return []
    with RawLog(store) as raw:
        cur = raw.conn.cursor()
        cur.execute(
            "SELECT m.rolname, g.rolname FROM pg_auth_members a JOIN pg_roles m ON m.oid = "
            "a.member JOIN pg_roles g ON g.oid = a.roleid WHERE g.rolname IN (%s, %s) "
            "ORDER BY m.rolname, g.rolname", (WRITER, AUDITOR))
        return [{"login": m, "role": "writer" if g == WRITER else "auditor"}
                for m, g in cur.fetchall()]

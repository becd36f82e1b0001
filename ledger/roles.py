"""PostgreSQL roles: a writer that can only append, and an auditor that can only read.

`ledger_writer` may SELECT everything and EXECUTE the write function
(`ledger.postgres.append_function`), which runs as the ledger's owner and writes the events, their
chain links and the Merkle tree's nodes, computing every link and node itself: nothing else. It
holds no INSERT, UPDATE, DELETE or TRUNCATE on any table, so it can neither write a link or a node
by hand, nor change what is recorded, nor take a lock that blocks readers (`LOCK TABLE ... IN
ACCESS EXCLUSIVE MODE` needs one of those rights; writers are serialised by an advisory lock
instead, see `ledger/postgres.py`). It cannot write the read tables either: they are the
owner's alone, so no writer can make them skip or invent events for everyone (docs/security.md
says why this rather than detection). A writer's reads, like an auditor's, fold the events the
read tables lack in memory (`projections.journal.pending`).

`ledger_auditor` may SELECT, nothing else.

Roles are created without a password (NOLOGIN); people record under login roles of their own
that are members of one of them (`ledger role add NAME --writer`), so the database stamps who
wrote each event. `ledger init --roles` on an existing ledger brings old grants up to date (it
revokes everything and grants what is listed here). See docs/security.md.
"""

from __future__ import annotations

from ledger.errors import InvalidInput
from ledger.i18n import _
from ledger.storage import APPEND, APPEND_ARGS, RawLog, Store

WRITER, AUDITOR = "ledger_writer", "ledger_auditor"
VIEWS = ("view_journal", "view_subject", "view_aggregate")
TRACKING = "view_tracking"


def create_roles(store: Store) -> list[str]:
    if store.kind != "postgresql":
        raise InvalidInput(_("Roles exist only on PostgreSQL; SQLite has no users."),
                           hint=_("Use file permissions to control who can open an SQLite "
                                  "ledger."))
    from ledger.application import init_store
    from projections.tables import create_tables

    init_store(store)  # the write function among the guards, as this version makes them
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
    function = f"{s}.{APPEND}{APPEND_ARGS}"
    statements += [
        # A writer records through the write function only (it runs as the owner and computes
        # every link and node itself): no INSERT on the log, the chain or the tree, no sequence.
        f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC, {WRITER}, {AUDITOR}",
        f"GRANT EXECUTE ON FUNCTION {function} TO {WRITER}",
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
        raise InvalidInput(_("Logins exist only on PostgreSQL; SQLite records the OS user, "
                             "unauthenticated."),
                           hint=_("Use PostgreSQL for a ledger shared by several people."))
    if not name or len(name) > 63 or not name.replace("_", "").isalnum() or not name.isascii() \
            or name[0].isdigit() or name.lower() != name:
        raise InvalidInput(_("'{name}' is not a usable login name.").format(name=name),
                           hint=_("Use lower-case letters, digits and underscores, not starting "
                                  "with a digit (at most 63)."))
    if name in (WRITER, AUDITOR) or name.startswith("pg_"):
        raise InvalidInput(_("'{name}' is reserved.").format(name=name),
                           hint=_("Choose the person's own name."))
    role = WRITER if kind == "writer" else AUDITOR
    from psycopg import sql

    create_roles(store)  # the group roles, with grants as this version makes them
    with RawLog(store) as raw:
        cur = raw.conn.cursor()
        cur.execute("SELECT rolcanlogin, rolsuper FROM pg_roles WHERE rolname = %s", (name,))
        found = cur.fetchone()
        if found and found[1]:
            raise InvalidInput(_("'{name}' is a superuser: it can do anything, so it cannot be "
                                 "limited to recording or reading.").format(name=name),
                               hint=_("Give the person a login of their own."))
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

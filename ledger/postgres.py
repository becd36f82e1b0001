"""The PostgreSQL side of storage: eventsourcing's recorder plus the hash chain, the append-only
triggers (rows and TRUNCATE) and the roles. Imported only when the URL is a PostgreSQL one.

The recorder replaces eventsourcing's `insert_events` with a transaction of its own. eventsourcing
9.5.6 runs the insert inside `with conn.pipeline(), conn.transaction():`, catches any exception
raised there and raises it again only after the block has ended normally, that is after the
COMMIT: an error in our chain-link step (or a MemoryError anywhere) left the events and the receipt
committed without links, and an error after the link INSERT committed everything while telling the
user the write failed. Here every exception leaves the transaction block as it was raised, so the
whole write rolls back, and only a unique violation of the events' key counts as a conflict with
another writer (`ledger/recording.py`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import psycopg
from eventsourcing.persistence import InterfaceError, OperationalError, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.utils import retry

from ledger import chain, tree
from ledger.recording import KeyTaken, failed
from ledger.storage import APPEND, APPEND_ARGS, APPEND_ONLY, CHAIN, EVENTS, writers_lock_key


def postgres_guards(schema: str) -> list[str]:
    s = f'"{schema}"'
    return [
        f"CREATE TABLE IF NOT EXISTS {s}.{CHAIN} (position BIGINT PRIMARY KEY, link TEXT NOT NULL)",
        # Who wrote each link, stamped by the database: links made before this column existed
        # keep NULL (no default while the column is added), every later row gets the login.
        f"ALTER TABLE {s}.{CHAIN} ADD COLUMN IF NOT EXISTS login TEXT",
        f"ALTER TABLE {s}.{CHAIN} ALTER COLUMN login SET DEFAULT session_user",
        # The signature of a signed event and its key's id (ledger/signing.py), covered by the
        # link's third formula; NULL for an unsigned event.
        f"ALTER TABLE {s}.{CHAIN} ADD COLUMN IF NOT EXISTS key_id TEXT",
        f"ALTER TABLE {s}.{CHAIN} ADD COLUMN IF NOT EXISTS signature TEXT",
        # Whatever a client sends, the row carries the authenticated login (`session_user`,
        # which SET ROLE does not change). Only the table's owner may give another (a restore
        # keeps the logins of the export; the owner could disable the trigger anyway).
        f"CREATE OR REPLACE FUNCTION {s}.ledger_stamp_login() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN IF NEW.login IS NULL OR NOT pg_has_role(session_user, (SELECT relowner "
        "FROM pg_catalog.pg_class WHERE oid = TG_RELID), 'MEMBER') THEN "
        "NEW.login := session_user; END IF; RETURN NEW; END $$",
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = "
        f"t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE t.tgname = "
        f"'{CHAIN}_stamp_login' AND n.nspname = '{schema}') THEN CREATE TRIGGER "
        f"{CHAIN}_stamp_login BEFORE INSERT ON {s}.{CHAIN} FOR EACH ROW EXECUTE FUNCTION "
        f"{s}.ledger_stamp_login(); END IF; END $$",
        f"CREATE OR REPLACE FUNCTION {s}.ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql "
        f"AS $$ BEGIN RAISE EXCEPTION '{APPEND_ONLY}' USING ERRCODE = 'insufficient_privilege'; "
        "END $$",
        *[
            f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = "
            f"t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE t.tgname = "
            f"'{table}_{name}' AND n.nspname = '{schema}') THEN CREATE TRIGGER {table}_{name} "
            f"BEFORE {verbs} ON {s}.{table} FOR EACH {level} EXECUTE FUNCTION "
            f"{s}.ledger_refuse_change(); END IF; END $$"
            for table in (EVENTS, CHAIN)
            for name, verbs, level in (
                ("no_change", "UPDATE OR DELETE", "ROW"),
                ("no_truncate", "TRUNCATE", "STATEMENT"),
            )
        ],
        *tree.postgres_statements(schema),
        # The write function before events were signed took no signatures: replaced.
        f"DROP FUNCTION IF EXISTS {s}.{APPEND}(uuid[], bigint[], text[], bytea[], text)",
        append_function(schema),
        *append_function_grants(schema),
    ]


def append_function(schema: str) -> str:
    """The write in one statement (issue 20): a PL/pgSQL function that takes the writers' lock,
    inserts the events, computes their chain links and Merkle leaves and nodes inside the
    database with the formulas of `ledger/chain.py` and `ledger/merkle.py`, and inserts them.
    Called once per write in autocommit, so the lock is held from before the first position is
    drawn until the COMMIT that ends the same statement: no client round trip inside it.

    It runs with its owner's rights (SECURITY DEFINER, the ledger's owner, who ran `ledger init`),
    with a fixed search path and every table named with its schema: the writer role holds EXECUTE
    on it and no INSERT on the log, the chain or the tree (`ledger/roles.py`), so a writer can
    record only through it and cannot write a link or a tree node by hand. No one else may call it
    (EXECUTE is taken from PUBLIC). The login a link covers is `session_user`, the authenticated
    login of whoever called it (a SECURITY DEFINER function changes the current user, not the
    session user), as the stamping trigger sets it. Tests: the same events through this function
    and through the Python path give the same chain and tree, byte for byte
    (tests/integration/test_one_statement_write.py); the roles in test_roles_postgresql.py."""
    s = f'"{schema}"'
    key = writers_lock_key(schema)
    return f"""
CREATE OR REPLACE FUNCTION {s}.{APPEND}(
    ids uuid[], versions bigint[], topics text[], states bytea[], lock_timeout text,
    key_ids text[] DEFAULT NULL, signatures text[] DEFAULT NULL)
RETURNS bigint[] LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    login text := session_user;
    positions bigint[] := '{{}}';
    links text[] := '{{}}';
    leaves bytea[] := '{{}}';
    prev text;
    head text;
    n int := 0;
    chain_end bigint;
    data bytea;
    r record;
    tree_size bigint;
    tree_last bigint;
    want_lv smallint[] := '{{}}';
    want_idx bigint[] := '{{}}';
    b int;
    s_lv smallint[] := '{{}}';
    s_idx bigint[] := '{{}}';
    s_h bytea[] := '{{}}';
    sp int := 0;
    got int := 0;
    n_lv smallint[] := '{{}}';
    n_idx bigint[] := '{{}}';
    n_h bytea[] := '{{}}';
    n_pos bigint[] := '{{}}';
    i int;
    idx bigint;
    h bytea;
BEGIN
    -- The writers' lock, before any position is drawn, held until this statement commits.
    PERFORM set_config('lock_timeout', lock_timeout, true);
    PERFORM pg_advisory_xact_lock({key});
    NOTIFY stored_events;
    SELECT c.position, c.link INTO chain_end, prev FROM {s}.ledger_chain c
        ORDER BY c.position DESC LIMIT 1;
    chain_end := coalesce(chain_end, 0);
    prev := coalesce(prev, '{'0' * 64}');
    -- The events, then their links and leaves in position order (ledger/chain.py's second
    -- formula; the leaf hashes the link's input, ledger/merkle.py).
    FOR r IN WITH ins AS (
            INSERT INTO {s}.stored_events (originator_id, originator_version, topic, state)
            SELECT * FROM unnest(ids, versions, topics, states)
            RETURNING notification_id, originator_id, originator_version, topic, state)
        SELECT * FROM ins ORDER BY notification_id
    LOOP
        n := n + 1;
        IF signatures[n] IS NULL THEN
            head := E'\\nv2\\n' || char_length(login) || ':' || login;
        ELSE  -- a signed event: the third formula, which also covers the key id and signature
            head := E'\\nv3\\n' || char_length(login) || ':' || login || E'\\n'
                || char_length(key_ids[n]) || ':' || key_ids[n] || E'\\n'
                || char_length(signatures[n]) || ':' || signatures[n];
        END IF;
        data := convert_to(prev, 'UTF8') || convert_to(
            head || E'\\n' || r.notification_id
            || E'\\n' || replace(r.originator_id::text, '-', '') || E'\\n'
            || r.originator_version || E'\\n' || r.topic || E'\\n', 'UTF8') || r.state;
        prev := encode(sha256(data), 'hex');
        positions := positions || r.notification_id;
        links := links || prev;
        leaves := leaves || sha256('\\x00'::bytea || data);
    END LOOP;
    INSERT INTO {s}.ledger_chain (position, link, login, key_id, signature)
        SELECT p, l, login, k, g FROM unnest(positions, links, key_ids, signatures) AS u(p, l, k, g);
    -- The Merkle tree, when the ledger has one in step with its chain (ledger/tree.py).
    IF to_regclass('{s}.ledger_tree') IS NULL THEN
        RETURN positions;
    END IF;
    SELECT t.idx + 1, t.position INTO tree_size, tree_last FROM {s}.ledger_tree t
        WHERE t.level = 0 ORDER BY t.idx DESC LIMIT 1;
    IF coalesce(tree_last, 0) <> chain_end THEN
        RETURN positions;
    END IF;
    tree_size := coalesce(tree_size, 0);
    -- The frontier: one complete node per bit of the size, left to right.
    FOR b IN REVERSE 62..0 LOOP
        IF (tree_size >> b) & 1 = 1 THEN
            want_lv := want_lv || b::smallint;
            want_idx := want_idx || ((tree_size >> b) - 1);
        END IF;
    END LOOP;
    FOR r IN SELECT t.level, t.idx, t.hash FROM {s}.ledger_tree t
            JOIN unnest(want_lv, want_idx) AS u(ul, ui) ON t.level = u.ul AND t.idx = u.ui
            ORDER BY t.level DESC
    LOOP
        sp := sp + 1;
        s_lv[sp] := r.level; s_idx[sp] := r.idx; s_h[sp] := r.hash;
    END LOOP;
    IF sp <> cardinality(want_lv) THEN
        RAISE EXCEPTION 'the Merkle tree lacks a node of its frontier at size %', tree_size;
    END IF;
    idx := tree_size;
    FOR i IN 1..cardinality(positions) LOOP
        n_lv := n_lv || 0::smallint; n_idx := n_idx || idx; n_h := n_h || leaves[i];
        n_pos := n_pos || positions[i];
        sp := sp + 1;
        s_lv[sp] := 0; s_idx[sp] := idx; s_h[sp] := leaves[i];
        WHILE sp > 1 AND s_lv[sp] = s_lv[sp - 1] LOOP
            h := sha256('\\x01'::bytea || s_h[sp - 1] || s_h[sp]);
            s_lv[sp - 1] := s_lv[sp] + 1; s_idx[sp - 1] := s_idx[sp - 1] >> 1;
            s_h[sp - 1] := h;
            sp := sp - 1;
            n_lv := n_lv || s_lv[sp]; n_idx := n_idx || s_idx[sp]; n_h := n_h || h;
            n_pos := n_pos || NULL::bigint;
        END LOOP;
        idx := idx + 1;
    END LOOP;
    INSERT INTO {s}.ledger_tree (level, idx, hash, position)
        SELECT * FROM unnest(n_lv, n_idx, n_h, n_pos);
    RETURN positions;
END
$fn$"""


def append_function_grants(schema: str) -> list[str]:
    """Who may call the write function: not PUBLIC (the default for a new function), the writer
    role when it exists (`ledger init --roles` grants it too)."""
    f = f'"{schema}".{APPEND}{APPEND_ARGS}'
    return [
        f"REVOKE ALL ON FUNCTION {f} FROM PUBLIC",
        "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_writer') THEN "
        f"GRANT EXECUTE ON FUNCTION {f} TO ledger_writer; END IF; END $$",
    ]


class ChainedPostgresRecorder(PostgresApplicationRecorder):
    """eventsourcing's PostgreSQL recorder, with a write path of our own: one transaction that
    serialises writers, inserts the events, writes their chain links and commits, and that rolls
    back whatever is raised where (see the module docstring)."""

    def __init__(self, datastore: Any, **kwargs: Any):
        # The same table name as on SQLite, whatever the application is called.
        kwargs["events_table_name"] = EVENTS
        super().__init__(datastore, **kwargs)
        from psycopg.sql import SQL, Composed, Identifier

        self.sql_create_statements.extend(Composed([SQL(s)])
                                          for s in postgres_guards(datastore.schema))
        # The events go as four arrays in binary rather than as an array of composite values in
        # text, whose escaping costs more than the rest of a bulk import's save.
        self._insert_columns = SQL(
            "INSERT INTO {schema}.{table} (originator_id, originator_version, topic, state) "
            "SELECT * FROM unnest(%s::uuid[], %s::bigint[], %s::text[], %s::bytea[]) "
            "RETURNING notification_id").format(
            schema=Identifier(datastore.schema), table=Identifier(EVENTS))
        self._append_statement = SQL(
            "SELECT {schema}.{function}(%s::uuid[], %s::bigint[], %s::text[], %s::bytea[], "
            "%s::text, %s::text[], %s::text[]) AS positions").format(
            schema=Identifier(datastore.schema), function=Identifier(APPEND))

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def insert_events(self, stored_events: Sequence[StoredEvent],
                      **kwargs: Any) -> Sequence[int] | None:
        """Record events and their chain links in one transaction, or nothing.

        eventsourcing's own method runs its steps inside `with conn.pipeline(),
        conn.transaction():`, keeps any exception raised there and raises it again only after
        the block has ended normally, that is after COMMIT: an error in our link step would leave
        the events committed without links. Here an exception leaves the transaction block as
        it was raised, so psycopg rolls back. (Connection failures are still retried, as
        eventsourcing does: a rolled-back write left nothing behind.)"""
        if not stored_events:
            return []
        with self.datastore.get_connection() as conn:
            try:
                if self._in_one_statement(conn):
                    with conn.cursor() as curs:
                        positions = self._append(curs, stored_events)
                else:
                    with conn.transaction(), conn.cursor() as curs:
                        self._serialise_writers(curs)
                        positions = self._insert_rows(curs, stored_events)
                        self._write_links(curs, stored_events, positions)
            except (psycopg.OperationalError, psycopg.InterfaceError):
                raise  # mapped by eventsourcing and retried: the connection, not the write
            except psycopg.errors.UniqueViolation as e:
                if e.diag.constraint_name == f"{EVENTS}_pkey":
                    raise KeyTaken(str(e)) from e
                raise failed(e) from e
            except psycopg.Error as e:
                raise failed(e) from e
        return positions

    def _in_one_statement(self, conn: Any) -> bool:
        """Whether the ledger has the write function (`append_function`); once per process. A
        ledger made by a version before it is written by the Python path below (several round
        trips under the lock) until `ledger init` brings it up to date."""
        if not hasattr(self, "_one_statement"):
            row = conn.execute(
                "SELECT to_regprocedure(%s) IS NOT NULL AS found",
                (f'"{self.datastore.schema}".{APPEND}{APPEND_ARGS}',),
            ).fetchone()
            self._one_statement = bool(row["found"])
        return self._one_statement

    def _append(self, curs: Any, stored_events: Sequence[StoredEvent]) -> list[int]:
        """The whole write as one statement in autocommit (`append_function`): the lock, the
        events, their links and tree nodes, and the COMMIT, in one round trip. Returns the
        events' positions in order. When it returns, the write is committed."""
        curs.execute(self._append_statement, (
            [e.originator_id for e in stored_events],
            [e.originator_version for e in stored_events],
            [e.topic for e in stored_events],
            [bytes(e.state) for e in stored_events],
            f"{int(self.datastore.lock_timeout)}s",
            [tree.signature_of(e)[0] for e in stored_events],
            [tree.signature_of(e)[1] for e in stored_events]), binary=True, prepare=True)
        return list(curs.fetchone()["positions"])

    def _serialise_writers(self, curs: Any) -> None:
        """Take the writers' lock before any position is drawn, held until commit: positions
        then become visible in the order they were drawn (DESIGN.md, Storage).

        A transaction-scoped advisory lock, not eventsourcing's `LOCK TABLE ... IN EXCLUSIVE
        MODE`: that needs UPDATE, DELETE or TRUNCATE on the log, and a role holding any of them
        may also take ACCESS EXCLUSIVE and so block every reader. The advisory lock needs no
        right on any table; it blocks other writers only, and is released by COMMIT or ROLLBACK
        however the transaction ends."""
        curs.execute(f"SET LOCAL lock_timeout = '{int(self.datastore.lock_timeout)}s'")
        curs.execute("SELECT pg_advisory_xact_lock(%s)", (writers_lock_key(self.datastore.schema),))
        self._notify_channel(curs)

    def _insert_rows(self, curs: Any, stored_events: Sequence[StoredEvent]) -> list[int]:
        """The INSERT of the events, returning their positions in order."""
        curs.execute(self._insert_columns, (
            [e.originator_id for e in stored_events],
            [e.originator_version for e in stored_events],
            [e.topic for e in stored_events],
            [bytes(e.state) for e in stored_events]), binary=True)
        return [row["notification_id"] for row in curs.fetchall()]

    def _write_links(self, curs: Any, stored_events: Sequence[StoredEvent],
                     positions: Sequence[int]) -> None:
        """The chain-link step: one link per event, after the newest link, in one statement (a
        batch of an import has thousands), and the events' leaves in the Merkle tree
        (`ledger/tree.py`), whose input is the link's. Each link covers the login the database
        stamps on its row (`session_user`); a link made with any other login would not verify.
        Everything the chain and the tree write happens here."""
        schema = self.datastore.schema
        if not hasattr(self, "_login"):
            # Once per process: who we are to the database, whether the chain stamps it and
            # whether the ledger has its tree (a ledger made before either is brought up to
            # date by `ledger init`).
            curs.execute("SELECT session_user AS login, EXISTS (SELECT 1 FROM "
                         "information_schema.columns WHERE table_schema = %s AND table_name = "
                         "%s AND column_name = 'login') AS stamped, to_regclass(%s) IS NOT NULL "
                         "AS treed", (schema, CHAIN, f'"{schema}".{tree.TREE}'))
            row = curs.fetchone()
            self._login = row["login"] if row["stamped"] else None
            self._treed = bool(row["treed"])
        curs.execute(f'SELECT position, link FROM "{schema}".{CHAIN} ORDER BY position DESC LIMIT 1')
        row = curs.fetchone()
        links, leaves = tree.leaves_of(row["link"] if row else chain.GENESIS, stored_events,
                                       positions, self._login)
        if self._login is None:
            curs.execute(
                f'INSERT INTO "{schema}".{CHAIN} (position, link) '
                "SELECT * FROM unnest(%s::bigint[], %s::text[])",
                ([p for p, _ in links], [link for _, link in links]))
        else:
            signed = [tree.signature_of(e) for e in stored_events]
            curs.execute(
                f'INSERT INTO "{schema}".{CHAIN} (position, link, login, key_id, signature) '
                "SELECT p, l, %s, k, g FROM unnest(%s::bigint[], %s::text[], %s::text[], "
                "%s::text[]) AS u(p, l, k, g)",
                (self._login, [p for p, _ in links], [link for _, link in links],
                 [k for k, _ in signed], [g for _, g in signed]))
        if self._treed:
            tree.append_in_step(tree.Nodes(curs, "postgresql", f'"{schema}".{tree.TREE}'),
                                int(row["position"]) if row else 0, leaves)

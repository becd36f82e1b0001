"""The PostgreSQL side of storage: eventsourcing's recorder plus the hash chain, the append-only
triggers (rows and TRUNCATE) and the roles. Imported only when the URL is a PostgreSQL one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder

from ledger import chain
from ledger.storage import APPEND_ONLY, CHAIN, EVENTS, _links


def postgres_guards(schema: str) -> list[str]:
    s = f'"{schema}"'
    return [
        f"CREATE TABLE IF NOT EXISTS {s}.{CHAIN} (position BIGINT PRIMARY KEY, link TEXT NOT NULL)",
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
    ]


class ChainedPostgresRecorder(PostgresApplicationRecorder):
    """eventsourcing's PostgreSQL recorder, plus chain links written in the same transaction,
    after the table lock that serialises writers has been taken."""

    def __init__(self, datastore: Any, **kwargs: Any):
        # The same table name as on SQLite, whatever the application is called.
        kwargs["events_table_name"] = EVENTS
        super().__init__(datastore, **kwargs)
        from psycopg.sql import SQL, Identifier

        self.sql_create_statements.extend(SQL(s) for s in postgres_guards(datastore.schema))
        self._insert_columns = SQL(
            "INSERT INTO {schema}.{table} (originator_id, originator_version, topic, state) "
            "SELECT * FROM unnest(%s::uuid[], %s::bigint[], %s::text[], %s::bytea[]) "
            "RETURNING notification_id").format(
            schema=Identifier(datastore.schema), table=Identifier(EVENTS))

    def _insert_stored_events(self, curs: Any, stored_events: Sequence[StoredEvent],
                              **kwargs: Any) -> None:
        """As eventsourcing's recorder (table lock, notification, one INSERT returning the
        positions in order), but the events go as four arrays in binary rather than as an array
        of composite values in text, whose escaping costs more than the rest of a bulk import's
        save."""
        if self.datastore.originator_id_type != "uuid":
            super()._insert_stored_events(curs, stored_events, **kwargs)
            return
        self._lock_table(curs)
        self._notify_channel(curs)
        curs.execute(self._insert_columns, (
            [e.originator_id for e in stored_events],
            [e.originator_version for e in stored_events],
            [e.topic for e in stored_events],
            [bytes(e.state) for e in stored_events]), binary=True)

    def _fetch_ids_after_insert_events(self, curs: Any, stored_events: Sequence[StoredEvent],
                                       **kwargs: Any):
        positions = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
        if positions:
            schema = self.datastore.schema
            curs.execute(
                f'SELECT link FROM "{schema}".{CHAIN} ORDER BY position DESC LIMIT 1')
            row = curs.fetchone()
            links = _links(row["link"] if row else chain.GENESIS, stored_events, positions)
            # One statement for all links (a batch of an import has thousands).
            curs.execute(
                f'INSERT INTO "{schema}".{CHAIN} (position, link) '
                "SELECT * FROM unnest(%s::bigint[], %s::text[])",
                ([p for p, _ in links], [link for _, link in links]))
        return positions



"""One dialect (`ledger.storage.Dialect`) speaks the ledger's SQL to each database: the raw log,
the catch-up and the reader take their placeholder, position column and table names from it."""

import inspect

from ledger.storage import RawLog, parse_url
from projections import journal, reading

SQLITE = parse_url("sqlite:///ledger.db").dialect
PG = parse_url("postgresql://ledger@db.example:5432/ledger?schema=regio_wrl").dialect


def test_sqlite_takes_the_sql_as_written():
    text = "SELECT max(rowid) FROM stored_events JOIN view_journal j WHERE key = ?"
    assert SQLITE.sql(text, ("view_journal",)) == text
    assert (SQLITE.placeholder, SQLITE.position) == ("?", "rowid")
    assert (SQLITE.events, SQLITE.chain, SQLITE.table("view_subject")) == (
        "stored_events", "ledger_chain", "view_subject")


def test_postgresql_gets_its_placeholders_and_the_ledgers_schema():
    text = ("SELECT position FROM view_journal WHERE kind = ? AND position IN (SELECT position "
            "FROM view_subject WHERE subject = ?) AND key LIKE 'view_journal%' "
            "AND EXISTS (SELECT 1 FROM stored_events e JOIN ledger_chain c ON true)")
    assert PG.sql(text, ("view_journal", "view_subject")) == (
        'SELECT position FROM "regio_wrl".view_journal WHERE kind = %s AND position IN '
        '(SELECT position FROM "regio_wrl".view_subject WHERE subject = %s) AND key LIKE '
        "'view_journal%' AND EXISTS (SELECT 1 FROM \"regio_wrl\".stored_events e JOIN "
        '"regio_wrl".ledger_chain c ON true)')
    assert (PG.placeholder, PG.position) == ("%s", "notification_id")
    assert PG.table("view_aggregate") == '"regio_wrl".view_aggregate'


def test_a_table_not_named_to_the_dialect_is_left_alone():
    assert PG.sql("SELECT 1 FROM view_journal", ()) == "SELECT 1 FROM view_journal"
    assert PG.sql("SELECT 1 FROM view_journal", ("view_journal",)) == (
        'SELECT 1 FROM "regio_wrl".view_journal')


def test_the_raw_log_the_catch_up_and_the_reader_speak_through_it():
    """None of the three spells a placeholder, a position column or a schema of its own."""
    for source in (inspect.getsource(RawLog.__init__), inspect.getsource(journal._Raw.__init__),
                   inspect.getsource(reading.Connection)):
        assert "dialect" in source
        for own in ('"%s"', '"rowid"', '"notification_id"', '"{store.schema}"',
                    '"{self.store.schema}"', "sqlite_connect(", "pg_connect("):
            assert own not in source

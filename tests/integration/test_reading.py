"""The read side's own access to the journal (projections/reading.py): when a read may skip the
catch-up, and the one-party and one-decision views that fold only their own entries."""

from __future__ import annotations

from datetime import date

import pytest

from projections import decisions, parties
from projections.journal import catch_up
from projections.reading import Horizon, Reader, connection, is_current
from projections.tables import create_tables
from tests.conftest import LEIDSE_REGIO, agreement_of_the_six, env


def caught_up(ledger) -> None:
    create_tables(ledger.store)
    catch_up(ledger)


def test_a_read_skips_the_catch_up_only_while_the_journal_holds_the_whole_log(ledger):
    assert not is_current(ledger.store)  # no read tables yet
    ledger.party_add(env("2021-01-01"), kind="gemeente", name="Leiden", cbs="GM0546")
    create_tables(ledger.store)
    assert not is_current(ledger.store)  # the event is not in the journal yet
    catch_up(ledger)
    assert is_current(ledger.store)
    ledger.party_add(env("2021-01-01"), kind="provincie", name="Zuid-Holland", key="ZH")
    assert not is_current(ledger.store)
    catch_up(ledger)
    assert is_current(ledger.store)


def test_a_journal_of_an_older_version_is_not_current(ledger):
    ledger.party_add(env("2021-01-01"), kind="gemeente", name="Leiden", cbs="GM0546")
    caught_up(ledger)
    store = ledger.store
    table = "view_journal" if store.kind == "sqlite" else f'"{store.schema}".view_journal'
    with connection(store) as conn:
        conn.raw.execute(f"ALTER TABLE {table} DROP COLUMN part")
        conn.raw.commit()
    assert not is_current(ledger.store)
    caught_up(ledger)  # create_tables drops and rebuilds it
    assert is_current(ledger.store)
    assert Reader(ledger.store).count() == 1


def test_a_store_without_a_ledger_is_refused_as_before(tmp_path):
    from ledger.errors import StoreError
    from ledger.storage import parse_url

    with pytest.raises(StoreError, match="Er is geen grootboek op"):
        is_current(parse_url(f"sqlite:///{tmp_path}/none.db"))


@pytest.fixture
def region(ledger):
    agreement_of_the_six(ledger, signed="2021-10-05")
    ledger.party_add(env("2021-02-01"), kind="provincie", name="Zuid Holland", key="ZH")
    ledger.party_correct(env("2021-03-01", reason="spelling"), "ZH", name="Zuid-Holland")
    ledger.party_population(env("2022-01-01"), "GM0546", peildatum="2022-01-01",
                            inwoners="126000", source="CBS")
    ledger.party_population(env("2022-01-01"), "GM0546", peildatum="2022-01-01",
                            inwoners="125900", source="CBS, gecorrigeerd")
    ledger.decision_record(env("2021-09-01"), key="PHO-WRL-1", body="pho:WRL", title="Plan",
                           datum="2021-09-01", participants=["GM0546", "GM0547"])
    ledger.decision_ratify(env("2021-09-20"), "PHO-WRL-1", party="GM0546", datum="2021-09-20")
    ledger.decision_record(env("2022-03-01"), key="AB-later", body="ab:WRL", title="Later",
                           datum="2022-03-01")
    caught_up(ledger)
    return ledger


@pytest.mark.parametrize("on,upto", [(None, None), (date(2021, 1, 15), None),
                                     (date(2021, 9, 25), None), (None, 30), (date(2022, 6, 1), 12)])
def test_one_party_or_decision_is_what_the_whole_view_says(region, on, upto):
    reader = Reader(region.store, Horizon(on, upto))
    every_party = parties.parties(reader)
    for key in [*LEIDSE_REGIO, "ZH", "zh", "gm0546", "NOBODY"]:
        expected = {k.casefold(): v for k, v in every_party.items()}.get(key.casefold())
        assert parties.party(reader, key) == expected
    every_decision = decisions.decisions(reader)
    keys = [*every_decision, "PHO-WRL-1", "pho-wrl-1", "AB-later", "none"]
    for key in keys:
        expected = {k.casefold(): v for k, v in every_decision.items()}.get(key.casefold())
        assert decisions.decision(reader, key) == expected


def test_the_log_with_an_empty_subject_list_is_empty(region):
    assert Reader(region.store).log(subject_in=[]) == []
    assert len(Reader(region.store).log(subject_in=["party:ZH"])) == 2

"""Meekoppelkansen across parties on the demo ledger: an onderwerp of the WRL coupled with an
actie of Voorschoten's Routekaart shows in both trails; refusals write nothing."""

import pytest

from ledger.demo import DEMO_FILE
from ledger.errors import LedgerError
from ledger.importer import run_import
from ledger.storage import RawLog
from projections.journal import catch_up
from projections.meekoppelkansen import meekoppelkansen
from projections.reading import Horizon, Reader
from projections.tables import create_tables
from tests.conftest import env


@pytest.fixture
def demo(ledger):
    run_import(ledger, DEMO_FILE, actor="secretariaat-wrl")
    return ledger


def reader(ledger, on=None) -> Reader:
    from datetime import date

    create_tables(ledger.store)
    catch_up(ledger)
    return Reader(ledger.store, Horizon(date.fromisoformat(on) if on else None))


def test_a_coupling_of_two_programmes_shows_in_both_trails(demo):
    demo.meekoppel_add(env("2022-02-01"), key="MK-1", name="Samen optrekken",
                       works=["topic:wrl/ws1/routekaart", "actie:vs-rk/1.2/1"])
    demo.meekoppel_status(env("2022-03-01"), key="MK-1", status="in-uitvoering")
    r = reader(demo)
    for subject in ("topic:WRL/WS1/routekaart", "actie:VS-RK/1.2/1"):
        assert [e.event for e in r.entries(subject=subject) if e.kind == "meekoppelkans"] == [
            "Identified", "StatusChanged"]
    assert [m["status"] for m in meekoppelkansen(reader(demo, "2022-02-15"))] == ["verkend"]
    assert [m["key"] for m in meekoppelkansen(r, subject="actie:VS-RK/1.2/1")] == ["MK-1"]


@pytest.mark.parametrize("works, message", [
    (["actie:VS-RK/1.2/99", "Riool"], "heeft geen actie 99"),
    (["topic:WRL/WS1/routekaart"], "heeft twee werkzaamheden nodig, niet 1"),
    (["decision:NOPE", "Riool"], "Het grootboek kent geen besluit 'NOPE'."),
])
def test_refusals_write_nothing(demo, works, message):
    with RawLog(demo.store) as raw:
        before = raw.count_and_max()[0]
    with pytest.raises(LedgerError) as refused:
        demo.meekoppel_add(env("2022-02-01"), key="MK-2", name="x", works=works)
    assert message in refused.value.message
    with RawLog(demo.store) as raw:
        assert raw.count_and_max()[0] == before

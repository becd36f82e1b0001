"""Classification of decisions, topics and parts of Routekaarten on the demo ledger: each refusal
writes nothing, and the log and lists filter on it."""

import pytest

from ledger.demo import DEMO_FILE
from ledger.errors import LedgerError
from ledger.importer import run_import
from ledger.storage import RawLog
from projections.classification import matching
from projections.journal import catch_up
from projections.reading import Horizon, Reader
from projections.tables import create_tables
from tests.conftest import env


@pytest.fixture
def demo(ledger):
    run_import(ledger, DEMO_FILE, actor="secretariaat-wrl")
    return ledger


def reader(ledger) -> Reader:
    create_tables(ledger.store)
    catch_up(ledger)
    return Reader(ledger.store, Horizon())


def count(ledger) -> int:
    with RawLog(ledger.store) as raw:
        return raw.count_and_max()[0]


def test_decisions_topics_and_acties_are_classified_and_filtered(demo):
    demo.decision_classify(env("2022-01-01"), decision="pho-wrl-2021-12",
                           instrument="gezamenlijke-programmering", role="sturend")
    demo.workstream_classify(env("2022-01-01"), topic="WRL/WS1/routekaart",
                             instrument="omgevingsvisie", role="visionair")
    demo.routekaart_classify(env("2022-01-01"), part="VS-RK/1.2/1", instrument="convenant",
                             role="faciliterend")
    r = reader(demo)
    assert matching(r, level="tactisch") == {"decision:PHO-WRL-2021-12"}
    assert matching(r, level="strategisch") == {"topic:WRL/WS1/routekaart", "actie:VS-RK/1.2/1"}
    assert matching(r) is None
    logged = r.log(subject_in=matching(r, role="faciliterend"))
    assert {e.kind for e in logged} >= {"routekaart", "classification"}
    assert all("actie:VS-RK/1.2/1" in (r.entry(e.position).subjects) or e.kind == "routekaart"
               for e in logged)


@pytest.mark.parametrize("call, message", [
    (lambda lg: lg.decision_classify(env(), decision="NOPE", role="sturend"),
     "Het grootboek kent geen besluit 'NOPE'."),
    (lambda lg: lg.routekaart_classify(env(), part="VS-RK/1.2/99", role="sturend"),
     "heeft geen actie 99"),
    (lambda lg: lg.routekaart_classify(env(), part="VS-RK/1.2", level="hoog"),
     "'hoog' is geen niveau dat het grootboek kent."),
    (lambda lg: lg.decision_classify(env(), decision="PHO-WRL-2021-12"),
     "geeft geen instrument, niveau of rol"),
])
def test_refusals_write_nothing(demo, call, message):
    before = count(demo)
    with pytest.raises(LedgerError) as refused:
        call(demo)
    assert message in refused.value.message
    assert count(demo) == before

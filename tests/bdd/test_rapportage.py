"""Bindings of features/rapportage: built on the demo ledger, through the application."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from ledger.demo import DEMO_FILE
from ledger.importer import run_import
from ledger.money import parse_amount
from ledger.storage import RawLog
from projections import document
from projections.journal import catch_up
from projections.quarterly import quarterly
from projections.reading import Horizon, Reader
from projections.report_diff import diff, issued_reports
from projections.tables import create_tables
from tests.conftest import env

pytestmark = pytest.mark.usefixtures("store")
scenarios("rapportage")


def reader(world, on=None, upto=None) -> Reader:
    create_tables(world.ledger.store)
    catch_up(world.ledger)
    return Reader(world.ledger.store, Horizon(on, upto))


@given("het demogrootboek van de Leidse regio")
def demo(world):
    run_import(world.ledger, DEMO_FILE, actor="secretariaat-wrl")


@when(parsers.parse('de kwartaalrapportage van "{code}" over "{quarter}" wordt gemaakt'))
def make_report(world, code, quarter):
    world.report = quarterly(reader(world), code, quarter)


@given(parsers.parse('de kwartaalrapportage van "{code}" over "{quarter}" zoals het grootboek '
                     'die nu kent'))
def report_now(world, code, quarter):
    with RawLog(world.ledger.store) as raw:
        world.upto = raw.count_and_max()[1]
    world.code, world.quarter = code, quarter
    world.report = quarterly(reader(world, upto=world.upto), code, quarter)


@when(parsers.parse("daarna een factuur van {amount:d} euro met terugwerkende kracht op 31 "
                    "december 2021 wordt geboekt"))
def late_invoice(world, amount):
    world.attempt(world.ledger.budget_spend, env("2021-12-31", reason="te laat ingeboekt"),
                  programme="WRL", amount=str(amount), reference="factuur:2021-118",
                  reservation="WS2-LOKAAL")
    assert world.error is None, world.error


@when(parsers.parse('de rapportage van "{code}" over "{quarter}" opnieuw wordt uitgegeven'))
def issue_again(world, code, quarter):
    world.attempt(world.ledger.report_issue, env("2022-01-18"), programme=code, quarter=quarter)


@then(parsers.parse('is het totaal "{column}" in de financiële tabel {amount}'))
def total_is(world, column, amount):
    table = world.report.table("finance")
    assert table.totals[table.columns.index(column)] == parse_amount(amount)


@then(parsers.parse('meldt de rapportage dat "{assertion}" niet klopt'))
def reports_failing(world, assertion):
    assert world.report.data["failing_assertions"] == [assertion]
    assert f"{assertion} klopt niet" in document.to_markdown(world.report)


@then("is de rapportage voor hetzelfde moment identiek aan die van toen")
def same_again(world):
    again = quarterly(reader(world, upto=world.upto), world.code, world.quarter)
    assert document.content_hash(again) == document.content_hash(world.report)


@then(parsers.parse("toont de rapportage zoals het grootboek het nu weet een benut totaal van "
                    "{amount}"))
def now_total(world, amount):
    now = quarterly(reader(world), world.code, world.quarter)
    assert now.data["finance"]["totals"]["benut"] == parse_amount(amount)


@then(parsers.parse('is de rapportage "{key}" uitgegeven aan de zes raden met inhoudshash en '
                    'vingerafdruk'))
def issued(world, key):
    r = issued_reports(reader(world))[key]
    assert len(r["recipients"]) == 6 and all(x.startswith("raad:") for x in r["recipients"])
    assert len(r["content_hash"]) == 64 and r["fingerprint"].startswith(
        f"{r['as_of_position']}:")


@then(parsers.parse('heeft de samenwerkingsovereenkomst "{key}" op 17 januari 2022 gerapporteerd'))
def agreement_reported(world, key):
    from projections.agreements import agreement

    assert "2022-01-17" in [r["datum"] for r in agreement(reader(world), key)["reports"]]


@then("is de uitgegeven rapportage vandaag nog exact te reproduceren")
def reproducible(world):
    r = reader(world)
    assert diff(r, issued_reports(r)["WRL-2021Q4"])["reproduced"]


@then(parsers.parse('toont het verschil van "{key}" een met terugwerkende kracht geboekte '
                    'gebeurtenis'))
def diff_shows_late(world, key):
    r = reader(world)
    world.diff = diff(r, issued_reports(r)[key])
    assert [x["kind"] for x in world.diff["late_events"]] == ["back-dated"]


@then(parsers.parse("toont het verschil het benut totaal van {before} naar {after}"))
def diff_total(world, before, after):
    change = {(c["workstream"], c["column"]): c for c in world.diff["finance"]}[("totaal", "benut")]
    assert (change["before"], change["after"]) == (parse_amount(before), parse_amount(after))
    assert isinstance(change["difference"], Decimal)

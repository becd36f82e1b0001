"""Indicators through the application: every refusal is one sentence and writes nothing; progress
is baseline -> latest actual -> target of the year, judged by linear interpolation, on both time
axes."""

from datetime import date
from decimal import Decimal

import pytest

from ledger.domain.indicator import parse_quantity
from ledger.errors import InvalidInput, LedgerError
from ledger.rules.indicator import format_quantity
from ledger.storage import RawLog
from projections.indicators import BEHIND, NO_ACTUAL, ON_TRACK, indicator, indicators
from projections.journal import catch_up
from projections.reading import Horizon, Reader
from projections.tables import create_tables
from tests.conftest import agreement_of_the_six, env


def reader(ledger, on=None, upto=None) -> Reader:
    create_tables(ledger.store)
    catch_up(ledger)
    return Reader(ledger.store, Horizon(date.fromisoformat(on) if on else None, upto))


def count(ledger) -> int:
    with RawLog(ledger.store) as raw:
        return raw.count_and_max()[0]


@pytest.fixture
def prog(ledger):
    agreement_of_the_six(ledger, "DH-BRON", drafted="2023-12-01")
    ledger.programme_create(env("2024-01-01"), code="DH", name="Bronnenstrategie",
                            agreement="DH-BRON", start="2024-01-01", end="2030-12-31")
    ledger.workstream_add(env("2024-01-01"), programme="DH", code="GEO", name="Geothermie")
    ledger.indicator_define(env("2024-01-01"), indicator="DH/warmtevraag",
                            name="Warmtevraag gebouwde omgeving", unit="PJ", baseline="13",
                            baseline_date="2021-12-31", baseline_source="Klimaatmonitor CBS")
    ledger.indicator_target(env("2024-01-01"), indicator="DH/warmtevraag", year=2030, value="12")
    return ledger


def test_values_are_decimals_with_a_dutch_or_english_mark():
    assert parse_quantity("4,3") == Decimal("4.3") == parse_quantity("4.3")
    assert parse_quantity(4.3) == Decimal("4.3")
    assert parse_quantity("20000") == Decimal(20000)
    with pytest.raises(InvalidInput, match="op twee manieren te lezen"):
        parse_quantity("20.000")
    with pytest.raises(InvalidInput, match="'veel' is geen getal voor de waarde."):
        parse_quantity("veel")
    assert format_quantity(Decimal("4.30"), "PJ") == "4,3 PJ"
    assert format_quantity(Decimal("20000"), "woningen") == "20.000 woningen"


@pytest.mark.parametrize("call, message", [
    (lambda lg: lg.indicator_measure(env("2024-06-30"), indicator="DH/warmtevraag", value="12,8"),
     "Voor een meting van indicator DH/warmtevraag is een bron nodig."),
    (lambda lg: lg.indicator_measure(env("2024-06-30"), indicator="DH/warmtevraag", value="12,8",
                                   unit="woningen", source="CBS"),
     "Indicator DH/warmtevraag wordt gemeten in PJ; een meting in woningen past daar niet bij."),
    (lambda lg: lg.indicator_target(env("2024-01-01"), indicator="DH/warmtevraag", year=2035,
                                  value="11"),
     "Programma DH loopt van 1 januari 2024 tot en met 31 december 2030; 2035 valt daarbuiten."),
    (lambda lg: lg.indicator_target(env("2024-01-01"), indicator="DH/warmtevraag", year=2030,
                                  value="12", unit="%"),
     "Indicator DH/warmtevraag wordt gemeten in PJ; een streefwaarde in % past daar niet bij."),
    (lambda lg: lg.indicator_define(env("2024-01-01"), indicator="DH/warmtevraag", name="x",
                                  unit="PJ", baseline="1", baseline_date="2021-01-01",
                                  baseline_source="x"),
     "Indicator DH/warmtevraag bestaat al."),
    (lambda lg: lg.indicator_define(env("2024-01-01"), indicator="DH/x", name="x", unit="GJ",
                                  baseline="1", baseline_date="2021-01-01", baseline_source="x"),
     "'GJ' is geen eenheid die het grootboek voor indicatoren kent."),
    (lambda lg: lg.indicator_define(env("2024-01-01"), indicator="DH/x", name="x", unit="PJ",
                                  baseline="1", baseline_date="2021-01-01", baseline_source=""),
     "De nulmeting van indicator DH/x heeft geen bron."),
    (lambda lg: lg.indicator_define(env("2024-01-01"), indicator="DH/x", name="x", unit="PJ",
                                  baseline="1", baseline_date="2021-01-01", baseline_source="x",
                                  workstream="AQUA"),
     "Programma DH heeft geen werkstroom 'AQUA'."),
    (lambda lg: lg.indicator_measure(env("2020-06-30"), indicator="DH/warmtevraag", value="13",
                                   source="CBS"),
     "ligt vóór de nulmeting van 31 december 2021"),
    (lambda lg: lg.indicator_measure(env("2024-06-30"), indicator="DH/onbekend", value="1",
                                   source="CBS"),
     "Het grootboek kent geen indicator 'DH/onbekend'."),
])
def test_refusals_say_why_and_write_nothing(prog, call, message):
    before = count(prog)
    with pytest.raises(LedgerError) as refused:
        call(prog)
    assert message in refused.value.message
    assert count(prog) == before


def test_progress_is_judged_against_a_straight_line_from_baseline_to_target(prog):
    prog.indicator_measure(env("2024-12-31"), indicator="DH/warmtevraag", value="12,9",
                           source="Klimaatmonitor CBS 2024")
    p = indicator(reader(prog, "2025-01-31"), "DH/warmtevraag")["progress"]
    # 3 of 9 years from 13 PJ to 12 PJ: 12.67 PJ expected; 12.9 PJ is behind (it should fall).
    assert p["expected"] == Decimal("12.67") and p["verdict"] == BEHIND
    assert p["target_year"] == 2030 and p["realised_pct"] == Decimal("10.0")
    prog.indicator_measure(env("2025-06-30"), indicator="DH/warmtevraag", value="12,5",
                           source="Klimaatmonitor CBS 2025")
    assert indicator(reader(prog, "2025-12-31"), "DH/warmtevraag")["progress"]["verdict"] \
        == ON_TRACK
    # Before the second measurement existed in the world, and as recorded before it.
    assert indicator(reader(prog, "2025-01-31"), "DH/warmtevraag")["progress"]["actual"] \
        == Decimal("12.9")
    first = indicator(reader(prog), "DH/warmtevraag")["measurements"][0]["position"]
    assert indicator(reader(prog, None, first), "DH/warmtevraag")["progress"]["actual"] \
        == Decimal("12.9")


def test_a_rising_indicator_of_a_werkstroom_without_actual_has_no_verdict(prog):
    prog.indicator_define(env("2024-01-01"), indicator="DH/geo-locaties", name="Locaties",
                          unit="locaties", baseline="1", baseline_date="2024-01-01",
                          baseline_source="Bronnenstrategie", workstream="GEO")
    prog.indicator_target(env("2024-01-01"), indicator="DH/geo-locaties", year=2030, value="10")
    found = indicators(reader(prog, "2026-01-01"), "DH", "GEO")
    assert [i["key"] for i in found] == ["DH/geo-locaties"]
    assert found[0]["progress"]["verdict"] == NO_ACTUAL
    prog.indicator_measure(env("2026-01-01"), indicator="DH/geo-locaties", value="4",
                           source="Omgevingsvisie")
    assert indicator(reader(prog, "2026-01-01"), "DH/geo-locaties")["progress"]["verdict"] \
        == ON_TRACK

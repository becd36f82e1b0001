"""The demo's kwartaalrapportage Q4 2021 and its Routekaart overview are faithful to their
sources.

tests/data/fidelity/wrl-q4-2021.yaml is an outline of the WRL report as the raden received it,
written by hand from the source: its sections in order, its werkstroom rows with the facts of each
cell, its finance cells. These tests build the demo ledger, render the report as JSON, read it back
and check every section, row, fact and figure of the outline against it. What the ledger adds of
its own (its controls, its compilation of decisions) is allowed only where the report marks it as
the ledger's ("uit het grootboek"). tests/data/fidelity/vs-rk-2019-12-16.yaml does the same for
Voorschoten's informatiebrief: every weg, stap and actie, the actie voor and the statuses it
states, and no status, actie voor or actie it does not. Both databases.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from ledger.demo import DEMO_FILE
from ledger.importer import run_import
from projections import document
from projections.journal import catch_up
from projections.quarterly import quarterly
from projections.reading import Horizon, Reader, jsonable
from projections.routekaart import overview
from projections.tables import create_tables

FIDELITY = Path(__file__).parents[1] / "data" / "fidelity"
OUTLINE = yaml.safe_load((FIDELITY / "wrl-q4-2021.yaml").read_text(encoding="utf-8"))
ROUTEKAART = yaml.safe_load((FIDELITY / "vs-rk-2019-12-16.yaml").read_text(encoding="utf-8"))
LEDGER_MARK = "grootboek"  # the ledger's own parts say they are "(uit het grootboek)"
CELLS = ("onderwerp", "resultaat", "status", "plan", "vervolgstappen")


def norm(text: Any) -> str:
    text = str(text or "").replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split()).casefold()


def missing(facts: list[Any], text: str) -> list[Any]:
    """The facts (keywords, or lists of alternatives) not found in `text`."""
    found = norm(text)
    return [f for f in facts
            if not any(norm(alt) in found for alt in (f if isinstance(f, list) else [f]))]


def bare(title: str) -> str:
    return re.sub(r"^\d+\.\s+", "", title)


@pytest.fixture
def demo(ledger):
    run_import(ledger, DEMO_FILE, actor="secretariaat-wrl")
    create_tables(ledger.store)
    catch_up(ledger)
    return ledger


@pytest.fixture
def report(demo) -> dict[str, Any]:
    doc = quarterly(Reader(demo.store, Horizon(None, None)), OUTLINE["programme"],
                    OUTLINE["quarter"])
    return json.loads(document.to_json(doc))


@pytest.fixture
def routekaart(demo) -> dict[str, Any]:
    view = overview(Reader(demo.store, Horizon(ROUTEKAART["stand"], None)),
                    ROUTEKAART["routekaart"])
    return json.loads(json.dumps(jsonable(view)))


def test_every_section_of_the_source_in_its_order_and_number(report):
    titles = [s["title"] for s in report["sections"]]
    at = -1
    for want in OUTLINE["sections"]:
        expected = f"{want['number']}. {want['title']}" if want.get("number") else want["title"]
        assert expected in titles, f"section {expected!r} missing from {titles}"
        assert titles.index(expected) > at, f"section {expected!r} out of the source's order"
        at = titles.index(expected)


def test_what_the_ledger_adds_is_marked_as_its_own(report):
    source = {s["title"] for s in OUTLINE["sections"]}
    extra = [s["title"] for s in report["sections"] if bare(s["title"]) not in source]
    assert extra, "the ledger's own controls are expected beside the source's sections"
    for title in extra:
        assert LEDGER_MARK in title.casefold(), f"section {title!r} is neither the source's " \
                                                "nor marked as the ledger's"


def test_every_fact_of_every_prose_section(report):
    by_title = {bare(s["title"]): s for s in report["sections"]}
    for want in OUTLINE["sections"]:
        got = by_title[want["title"]]
        text = " ".join(got["paragraphs"] + got["items"])
        assert not missing(want.get("facts", []), text), (want["title"],
                                                          missing(want["facts"], text))
        items = want.get("items") or []
        assert len(got["items"]) == len(items), (want["title"], got["items"])
        for point, item in zip(items, got["items"], strict=True):
            if point.get("label"):
                assert item.startswith(f"{point['label']}. "), item
            assert not missing(point["facts"], item), (item, missing(point["facts"], item))


def test_every_werkstroom_row_and_the_facts_of_every_cell(report):
    tables = {t["key"]: t for s in report["sections"] for t in s["tables"]}
    for code, ws in OUTLINE["werkstromen"].items():
        table = tables[f"topics-{code}"]
        assert norm(ws["name"]) in norm(table["title"]), table["title"]
        assert [c.casefold() for c in table["columns"]] == list(CELLS)
        rows = table["rows"]
        assert [r[0] for r in rows] == [w["onderwerp"] for w in ws["rows"]], \
            f"{code}: the report's onderwerpen differ from the source's"
        for want, row in zip(ws["rows"], rows, strict=True):
            for i, name in enumerate(CELLS[1:], start=1):
                facts = want.get(name)
                if not facts:
                    assert row[i] in (None, ""), f"{code}/{want['onderwerp']}: {name} says " \
                                                 f"{row[i]!r}, the source says nothing"
                    continue
                assert not missing(facts, row[i]), (code, want["onderwerp"], name, row[i],
                                                    missing(facts, row[i]))
                if "(afhankelijk van" in norm(row[i]):
                    pytest.fail(f"{code}/{want['onderwerp']}: a dependency the source does not "
                                f"state: {row[i]!r}")


def test_every_finance_cell_as_printed(report):
    fin = OUTLINE["finance"]
    table = next(t for s in report["sections"] for t in s["tables"] if t["key"] == "finance")
    columns = [c.casefold() for c in table["columns"]]
    index = [columns.index(c) for c in fin["columns"]]
    rows = {r[0].split(" ", 1)[0]: r for r in table["rows"]}
    assert sorted(rows) == sorted(fin["rows"])
    for code, figures in fin["rows"].items():
        row = rows[code]
        assert not missing(OUTLINE["werkstromen"][code]["begroting"], row[0]), row[0]
        for i, k in zip(index, figures, strict=True):
            assert Decimal(row[i]) == Decimal(k) * 1000, (code, table["columns"][i], row[i])
    checks = next(s for s in report["sections"]
                  if bare(s["title"]).startswith("Controle van gerapporteerde cijfers"))
    for i, k in zip(index, fin["totals"], strict=True):
        computed, printed = Decimal(table["totals"][i]), Decimal(k) * 1000
        if computed != printed:  # shown as reported, beside what the ledger computes
            amount = f"€ {int(printed):,}".replace(",", ".")
            assert any(f"gerapporteerd {amount}" in item for item in checks["items"]), \
                (table["columns"][i], amount, checks["items"])


def test_the_reports_date_and_no_decision_presented_as_sourced(report):
    assert ["Datum", OUTLINE["datum"]] in report["meta"]
    decisions = next(t for s in report["sections"] for t in s["tables"]
                     if t["key"] == "decisions")
    # The source names no decision by its number: every identificatie shown is the demo's own,
    # and each says so with a marker and a footnote.
    assert decisions["rows"]
    notes = report.get("notes", [])
    for row in decisions["rows"]:
        marker = re.search(r"\[aanname (\d+)\]", row[1])
        assert marker, f"decision {row[1]} is shown as if the source named it"
        assert any(n.startswith(f"Aanname {marker.group(1)}:") for n in notes)


def test_the_outline_would_catch_a_dropped_fact(report):
    """The adversary's check: a fact removed from a cell, a row removed, a figure changed are
    each caught by the comparisons above."""
    row = report["sections"]
    table = next(t for s in row for t in s["tables"] if t["key"] == "topics-WS3")
    corporaties = OUTLINE["werkstromen"]["WS3"]["rows"][0]
    cut = table["rows"][0][2].replace("beleidskeuzes", "keuzes")
    assert missing(corporaties["status"], cut) == ["eigen beleidskeuze"]
    assert missing(["Eppe Luken"], "de programmamanager begon op 1 december") == ["Eppe Luken"]


def test_the_routekaart_overview_holds_what_the_informatiebrief_states(routekaart):
    v = routekaart
    assert v["adopted"] == str(ROUTEKAART["adopted"])
    (brief,) = v["informed"]
    assert {k: brief[k] for k in ROUTEKAART["informed"]} == ROUTEKAART["informed"]
    assert [w["number"] for w in v["wegen"]] == [w["number"] for w in ROUTEKAART["wegen"]]
    for want, weg in zip(ROUTEKAART["wegen"], v["wegen"], strict=True):
        where = f"weg {want['number']}"
        assert not missing(want["title"], weg["title"]), (where, weg["title"])
        assert weg["status_derived"]  # a weg's status is the ledger's, never recorded
        if want["status"] is not None:  # where the letter states one, the ledger agrees
            assert weg["status"] == want["status"], where
        assert [s["number"] for s in weg["stappen"]] == [s["number"] for s in
                                                          want.get("stappen", [])], where
        check_acties(where, want.get("acties", []), weg["acties"])
        for ws, stap in zip(want.get("stappen", []), weg["stappen"], strict=True):
            where = f"stap {stap['path']}"
            assert not missing(ws["title"], stap["title"]), (where, stap["title"])
            assert stap["status_recorded"] == (ws["status"] is not None), where
            if ws["status"] is not None:
                assert stap["status"] == ws["status"], where
            assert stap["due"] == (str(ws["due"]) if ws.get("due") else None), where
            outputs = ws.get("outputs", [])
            assert len(stap["outputs"]) == len(outputs), where
            for facts, output in zip(outputs, stap["outputs"], strict=True):
                assert not missing(facts, output["text"]), (where, output["text"])
            check_acties(where, ws["acties"], stap["acties"])


def check_acties(where: str, want: list[dict[str, Any]], got: list[dict[str, Any]]) -> None:
    assert [a["number"] for a in got] == [a["number"] for a in want], where
    for wa, actie in zip(want, got, strict=True):
        at = f"{where}, actie {wa['number']}"
        assert not missing(wa["facts"], actie["text"]), (at, actie["text"],
                                                        missing(wa["facts"], actie["text"]))
        assert actie["voor_label"] == wa.get("voor"), at  # none where the letter names none
        assert actie["status_recorded"] == ("status" in wa), at
        if "status" in wa:
            assert actie["status"] == wa["status"], at
        if wa.get("due"):
            assert actie["due"] == str(wa["due"]) and not actie["due_assumed"], at
        else:  # a due date the letter does not give is there only as a marked assumption
            assert actie["due"] is None or actie["due_assumed"], at

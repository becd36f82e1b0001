"""No demo presents an assumed value as a sourced one.

Every demo file (ledger/demo/*.yaml) marks what its sources do not say with an `aanname:`
reference. These tests build each demo and render what it shows the raden (its kwartaalrapportage
and, where it has one, its Routekaart overview) and check that every marked value those documents
print carries a marker and a footnote with the assumption's text; that the programme's own record
(period, mandates: `programme show`) carries its assumptions; and that what the documents do not
footnote (budget lines, classifications) they do not print either. Both databases.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import yaml

from ledger.demo import example, examples
from ledger.importer import run_import
from projections import document
from projections.journal import catch_up
from projections.narrative import assumed_keys
from projections.programme import programme
from projections.quarterly import quarterly
from projections.reading import Horizon, Reader
from projections.routekaart import overview, to_document
from projections.tables import create_tables

# Decisions and agreements: `decision list` and `agreement list/show` footnote their
# assumptions; where the documents print one, they footnote it too.
LISTED = {"decision.record": "decision", "agreement.create": "agreement"}
# Commands whose marked values the documents print, each with a footnote.
FOOTNOTED = {"workstream.topic", "workstream.status",
             "indicator.define", "indicator.target", "report.text", "routekaart.weg",
             "routekaart.stap", "routekaart.actie", "routekaart.status", "routekaart.due",
             "routekaart.output"}
# Commands whose marked values the documents do not print: the report's finance table shows the
# source's totals per werkstroom, not the demo's lines (`budget show` footnotes them) nor the
# shares of the funding; the classifications appear in no report. Their descriptions must not appear either.
NOT_PRINTED = {"budget.reserve", "budget.spend", "budget.release", "budget.shift",
               "budget.fund", "workstream.classify"}


def marked(name: str) -> list[dict[str, Any]]:
    commands = yaml.safe_load(examples()[name].read_text(encoding="utf-8"))["commands"]
    return [c for c in commands if any(str(r).startswith("aanname:") for r in c.get("ref") or [])]


@pytest.mark.parametrize("name", sorted(examples()))
def test_every_marked_value_a_document_prints_is_footnoted(ledger, name):
    ex = example(name)
    run_import(ledger, ex.file, actor=ex.actor)
    create_tables(ledger.store)
    catch_up(ledger)
    docs = [quarterly(Reader(ledger.store, Horizon(None, None)), ex.programme, ex.quarter)] \
        if ex.programme and ex.quarter else []  # res-nml has no programme: no report
    if ex.routekaart:
        on = date.fromisoformat(ex.routekaart_on) if ex.routekaart_on else None
        docs.append(to_document(overview(Reader(ledger.store, Horizon(on, None)),
                                         ex.routekaart)))
    footnoted = {t for d in docs for t in d.data.get("assumptions", [])}
    printed = " ".join(document.to_markdown(d) for d in docs)
    commands = marked(name)
    assert commands, f"{name}: a demo with nothing marked is suspicious"
    for c in commands:
        texts = [r.split(":", 1)[1] for r in c["ref"] if r.startswith("aanname:")]
        if c["command"] in LISTED:
            key = c["args"]["key"]
            listed = {k.casefold(): v for k, v in assumed_keys(
                Reader(ledger.store, Horizon(None, None)), LISTED[c["command"]], [key]).items()}
            assert set(texts) <= set(listed.get(key.casefold(), [])), (c["command_id"], texts)
            if key in printed:
                assert set(texts) <= footnoted, (c["command_id"], texts)
        elif c["command"] in FOOTNOTED:
            assert set(texts) <= footnoted, (c["command_id"], texts)
        elif c["command"] == "programme.create":  # `programme show` footnotes them
            shown = programme(Reader(ledger.store, Horizon(None, None)), c["args"]["code"])
            assert set(texts) <= set(shown["assumptions"]), (c["command_id"], texts)
        else:
            assert c["command"] in NOT_PRINTED, f"{c['command']}: where is it shown?"
            args = c.get("args") or {}
            for field in ("purpose", "description"):
                if args.get(field):
                    assert args[field] not in printed, (c["command_id"], args[field])
    # every footnote is numbered once and explained below the document
    for d in docs:
        for n, text in enumerate(d.data.get("assumptions", []), start=1):
            assert f"Aanname {n}: niet uit de bron, toegevoegd door wie dit vastlegde: {text}" \
                in d.notes


def test_the_routekaart_demo_claims_nothing_its_informatiebrief_does_not_say():
    """The Voorschoten Routekaart as the demo file records it: actie voor only for STAP 1, no
    separate actie 4 (the letter's "acties 3 en 4" are one), no actie in STAP 0 but the
    dorpsdialoog, no status for STAP 1, and no weg status (wegen are derived, not recorded)."""
    commands = yaml.safe_load(examples()["leidse-regio"].read_text(encoding="utf-8"))["commands"]
    acties = [c["args"] for c in commands if c["command"] == "routekaart.actie"]
    assert [a["number"] for a in acties if a["target"] == "1.1"] == [1, 2, 3, 5, 6, 7]
    assert all(a.get("voor") is None for a in acties if a["target"] != "1.1")
    assert [a["text"] for a in acties if a["target"] == "1.0"] == [
        "Dorpsdialoog over de Leidse regio (20 november 2018)"]
    statuses = {c["args"]["target"] for c in commands if c["command"] == "routekaart.status"}
    assert "1.1" not in statuses and not statuses & {"1", "2", "3"}
    assert not statuses & {"1.1/1", "1.1/2", "1.1/6", "1.1/7", "1.4/3", "1.4/4", "2/1", "2/4"}
    weg3 = next(c for c in commands if c["command"] == "routekaart.weg"
                and c["args"]["number"] == 3)
    assert any(r.startswith("aanname:") for r in weg3["ref"])

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


# --- verankering.feature: the report's checkpoint, the positions behind figures, proofs --------

def _signer(world, tmp_path):
    from ledger.note import Signer

    if getattr(world, "signer", None) is None:
        world.signer = Signer.generate("ledger.leidse-regio.example/wrl")
        world.key_file = tmp_path / "ledger.key"
        world.key_file.write_text(str(world.signer) + "\n")
    return world.signer


@when(parsers.parse('de rapportage van "{code}" over "{quarter}" opnieuw wordt uitgegeven als '
                    '"{key}" met de sleutel van het grootboek'))
def issue_signed(world, tmp_path, code, quarter, key):
    _signer(world, tmp_path)
    world.attempt(world.ledger.report_issue, env("2022-01-18"), programme=code, quarter=quarter,
                  key=key, key_file=str(world.key_file))


@when(parsers.parse('de rapportage van "{code}" over "{quarter}" opnieuw wordt uitgegeven als '
                    '"{key}" met een sleutelbestand dat niet bestaat'))
def issue_missing_key(world, tmp_path, code, quarter, key):
    world.attempt(world.ledger.report_issue, env("2022-01-18"), programme=code, quarter=quarter,
                  key=key, key_file=str(tmp_path / "nergens.key"))


@then(parsers.parse('draagt de rapportage "{key}" de boomomvang en wortelhash van het grootboek '
                    'bij haar positie'))
def carries_tree(world, key):
    import base64

    from ledger.proofs import Prover

    world.issued = issued_reports(reader(world))[key]
    with RawLog(world.ledger.store) as raw:
        prover = Prover(raw)
        size = prover.size_at(int(world.issued["as_of_position"]))
        root = base64.b64encode(prover.tree.root(size)).decode()
    assert (world.issued["tree_size"], world.issued["tree_root"]) == (size, root)


@then("is haar controlepunt ondertekend met de sleutel van het grootboek")
def signed_checkpoint(world):
    from ledger.note import read_checkpoint

    cp, _note = read_checkpoint(world.issued["checkpoint"], world.signer.verifier())
    assert cp.size == world.issued["tree_size"]


@then(parsers.parse('zegt de rapportage "{text}" dat haar controlepunt niet ondertekend is'))
def says_unsigned(world, text):
    assert world.issued["checkpoint"] is None
    now = quarterly(reader(world), world.issued["programme"], world.issued["quarter"])
    assert now.data["anchor"]["signed_by"] is None
    assert text in " ".join(now.footer)


def _figure(world, figure, leave_out=()):
    """`figure` (a finance cell) recomputed through the budget view from only its listed events,
    less those in `leave_out`."""
    from ledger.rules.finance import finance
    from projections import budget as budget_view

    _kind, ws, column = figure.split("/")
    data = world.report.data
    listed = set(data["positions"][figure]) - set(leave_out)
    state = budget_view.empty()
    for e in reader(world, on=data["on"]).entries(keys=[("programme", data["programme"]),
                                                        ("budget", data["programme"])]):
        if e.kind == "programme" or e.position in listed:
            budget_view.apply(state, e)
    movements = state["budgets"].get(data["programme"], {"movements": []})["movements"]
    view = finance(movements, data["finance"]["year"], data["on"],
                   [r["workstream"] for r in data["finance"]["rows"]])
    row = view["totals"] if ws == "totaal" else next(r for r in view["rows"]
                                                     if r["workstream"] == ws)
    return row[column]


def _printed(world, figure):
    _kind, ws, column = figure.split("/")
    fin = world.report.data["finance"]
    row = fin["totals"] if ws == "totaal" else next(r for r in fin["rows"]
                                                    if r["workstream"] == ws)
    return row[column]


@then(parsers.parse('is het cijfer "{figure}" opnieuw te berekenen uit alleen zijn gebeurtenissen'))
def recomputed(world, figure):
    assert world.report.data["positions"][figure]
    assert _figure(world, figure) == _printed(world, figure)


@then(parsers.parse('verandert het cijfer "{figure}" zonder elk van zijn gebeurtenissen'))
def each_counts(world, figure):
    for p in world.report.data["positions"][figure]:
        assert _figure(world, figure, leave_out=[p]) != _printed(world, figure), p


def _prove(world, tmp_path, key, figures=(), decisions=()):
    from ledger.proofs import Prover
    from projections.anchoring import chosen_positions, report_proofs

    signer = _signer(world, tmp_path)
    r = reader(world)
    world.issued = issued_reports(r)[key]
    chosen = chosen_positions(r, world.issued, list(figures), list(decisions))
    with RawLog(world.ledger.store) as raw:
        world.proofs = report_proofs(Prover(raw), world.issued, chosen, signer)
    return world.proofs


@when(parsers.parse('bewijzen worden gevraagd voor het cijfer "{figure}" van "{key}"'))
def prove_figure(world, tmp_path, figure, key):
    world.attempt(_prove, world, tmp_path, key, figures=[figure])


@when(parsers.parse('bewijzen worden gevraagd voor het besluit "{decision}" van "{key}"'))
def prove_decision(world, tmp_path, decision, key):
    world.attempt(_prove, world, tmp_path, key, decisions=[decision])
    assert world.error is None, world.error


def _held(world):
    from ledger.verifier import Anchor

    return Anchor.parse(world.issued["tree_size"], world.issued["tree_root"])


@then("klopt elk bewijs van het besluit tegen het controlepunt van de rapportage")
def each_proof_checks(world):
    import json

    from ledger.verifier import check_text

    index = json.loads(world.proofs["index.json"])
    [files] = index["figures"].values()
    assert files
    for name in files:
        checked = check_text(world.proofs[name], world.signer.verifier(), _held(world))
        assert checked.ok, checked.sentence


@then("klopt het bewijs dat het grootboek van vandaag voortbouwt op het controlepunt van de "
      "rapportage")
def consistency_checks(world):
    from ledger.verifier import check_text

    checked = check_text(world.proofs["consistency.json"], world.signer.verifier(), _held(world))
    assert checked.ok, checked.sentence
    assert checked.details["to"]["size"] > checked.details["from"]["size"]


@then("klopt het bewijs niet tegen een controlepunt met een gebeurtenis minder")
def other_checkpoint_fails(world):
    import base64

    from ledger.proofs import Prover
    from ledger.verifier import Anchor, check_text

    size = world.issued["tree_size"] - 1
    with RawLog(world.ledger.store) as raw:
        root = base64.b64encode(Prover(raw).tree.root(size)).decode()
    other = Anchor.parse(size, root)
    name = next(n for n in world.proofs if n.startswith("inclusion-"))
    for proof in (world.proofs[name], world.proofs["consistency.json"]):
        checked = check_text(proof, world.signer.verifier(), other)
        assert not checked.ok and "niet tegen dat van u" in checked.sentence

"""Existing ledgers stay readable: events recorded before the authority rules (and before a
withdrawal from a centrumregeling also ended the plustaak participations) stay as they are, and
`ledger status` lists them as findings, with their position and the reason. The shipped demos
have none. On SQLite and PostgreSQL.

An "old" event is made here the way the ledger wrote it before those rules: by the aggregate's
own command (its own rules still hold), saved without the application's authority check."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ledger.demo import HERE
from ledger.domain.agreement import Agreement
from ledger.domain.budget import Budget
from ledger.domain.party import Party
from ledger.errors import AuthorityError
from ledger.importer import run_import
from ledger.storage import RawLog
from projections.health import problems
from projections.journal import catch_up
from projections.reading import Horizon, Reader
from projections.tables import create_tables
from tests.conftest import env

FINDING = "vastgelegd op een grondslag die niet geldt"


def findings(ledger, text: str = FINDING) -> list[str]:
    create_tables(ledger.store)
    catch_up(ledger)
    return [p for p in problems(Reader(ledger.store, Horizon())) if text in p]


def log_state(ledger) -> tuple[int, str]:
    with RawLog(ledger.store) as raw:
        return raw.count_and_max()[0], str(raw.head())


@pytest.mark.parametrize("demo", sorted(p.stem for p in HERE.glob("*.yaml")))
def test_the_shipped_demos_have_no_event_on_an_authority_that_does_not_hold(ledger, demo):
    run_import(ledger, HERE / f"{demo}.yaml", actor="secretariaat")
    assert findings(ledger) == []
    assert findings(ledger, "plustaak ") == []


@pytest.fixture
def wrl(ledger):
    """The Leidse regio with the RES-NML beside it (two demos, one ledger): another region's
    colleges, and a centrumregeling with a plustaak."""
    run_import(ledger, HERE / "leidse-regio.yaml", actor="secretariaat-wrl")
    run_import(ledger, HERE / "res-nml.yaml", actor="secretariaat-res-nml")
    return ledger


def test_an_old_shift_on_another_regions_college_is_listed_with_position_and_reason(wrl):
    wrl.decision_record(env("2022-01-10"), key="BW-GM0983-X", body="college:GM0983",
                        title="T", datum="2022-01-10")
    # Today the ledger refuses it, and writes nothing:
    before = log_state(wrl)
    with pytest.raises(AuthorityError, match="GM0983 is op 15 januari 2022 geen partij die "
                       "gebonden is aan overeenkomst WRL-SOK"):
        wrl.budget_shift(env("2022-01-15"), programme="WRL", from_workstream="WS1",
                         from_year=2022, to_workstream="WS2", to_year=2022, amount="100k",
                         decision="BW-GM0983-X")
    assert log_state(wrl) == before
    # Recorded before the rule, it stays, and status names it:
    budget = wrl.get(Budget, "WRL")
    budget.shift(env("2022-01-15"), from_workstream="WS1", from_year=2022,
                 to_workstream="WS2", to_year=2022, amount=Decimal("100000"),
                 decision="BW-GM0983-X")
    recordings = wrl.save(budget)
    position = recordings[-1].notification.id
    found = findings(wrl)
    assert len(found) == 1, found
    assert found[0].startswith(f"gebeurtenis #{position} (budget:WRL Shifted, ingangsdatum 15 "
                               f"januari 2022) is {FINDING}: besluit BW-GM0983-X van "
                               "college:GM0983 kan er per 15 januari 2022 niet de grondslag voor "
                               "zijn: ")
    # (the reason is the authority rules' own sentence)
    assert "GM0983" in found[0].split(": ", 2)[2] and "WRL-SOK" in found[0].split(": ", 2)[2]
    assert "GM0983 is op 15 januari 2022 geen partij die gebonden is aan overeenkomst WRL-SOK" \
        in found[0]
    count, _ = log_state(wrl)
    assert count == before[0] + 1  # still there, unchanged


def test_an_old_reservation_on_a_withdrawn_decision_is_listed(wrl):
    wrl.decision_record(env("2022-01-03"), key="RG-1", body="regiegroep:WRL", title="Reservering",
                        datum="2022-01-03")
    wrl.decision_withdraw(env("2022-01-05", reason="vergissing"), "RG-1", datum="2022-01-05")
    budget = wrl.get(Budget, "WRL")
    budget.reserve(env("2022-01-10", refs=["besluit:RG-1"]), workstream="WS2", year=2022,
                   amount="1000", purpose="onderzoek")
    wrl.save(budget)
    found = findings(wrl)
    assert len(found) == 1, found
    assert "besluit RG-1 van regiegroep:WRL kan er per 10 januari 2022 niet de grondslag voor " \
        "zijn: " in found[0]
    assert "het is op 5 januari 2022 ingetrokken" in found[0]


def test_a_plustaak_member_that_left_the_centrumregeling_before_the_rule_is_listed(wrl):
    # Recorded the old way: GM1894 (not in the demo's plustaak) and then GM1507, which is, leave
    # RES-NML by the agreement's own command only; the plustaak still counts GM1507.
    wrl.decision_record(env("2024-07-20"), key="BW-GM1507-UIT", body="college:GM1507",
                        title="Uittreden", datum="2024-07-20")
    regeling = wrl.get(Agreement, "RES-NML")
    kinds = {p: wrl.get(Party, p).kind for p in regeling.parties}
    regeling.withdraw(env("2024-08-01"), party="GM1507", datum=date(2024, 8, 1),
                      decision="BW-GM1507-UIT", party_kinds=kinds)
    wrl.save(regeling)
    found = findings(wrl, "plustaak ")
    assert found == ["plustaak RES-NML-PLUS-WARMTE telt GM1507 per 1 augustus 2024 als "
                     "deelnemer, maar GM1507 is op 1 augustus 2024 uitgetreden uit "
                     "centrumregeling RES-NML: leg ook de uittreding uit de plustaak vast "
                     "(`ledger agreement withdraw RES-NML-PLUS-WARMTE --party GM1507`)"]
    from ledger.i18n import set_language

    set_language("en")
    try:
        assert findings(wrl, "plustaak ") == [
            "plustaak RES-NML-PLUS-WARMTE counts GM1507 as a member on 1 August 2024, but "
            "GM1507 withdrew from centrumregeling RES-NML on 1 August 2024: record its "
            "withdrawal from the plustaak (`ledger agreement withdraw RES-NML-PLUS-WARMTE "
            "--party GM1507`)"]
    finally:
        set_language("nl")
    assert findings(wrl) == []  # its authority (its own college) holds


def test_today_the_same_withdrawal_is_refused_naming_the_plustaak(wrl):
    wrl.decision_record(env("2024-07-20"), key="BW-GM1507-UIT", body="college:GM1507",
                        title="Uittreden", datum="2024-07-20")
    before = log_state(wrl)
    with pytest.raises(Exception) as refused:
        wrl.agreement_withdraw(env("2024-08-01"), "RES-NML", party="GM1507",
                               decision="BW-GM1507-UIT", datum="2024-08-01")
    assert refused.value.message == (
        "GM1507 kan niet per 1 augustus 2024 uittreden uit centrumregeling RES-NML: GM1507 neemt "
        "deel aan plustaak RES-NML-PLUS-WARMTE, waarin dan 2 gemeenten zouden overblijven, en een "
        "plustaak loopt alleen met ten minste 3 gemeenten.")
    assert log_state(wrl) == before


def test_leaving_the_centrumregeling_leaves_its_plustaken_and_every_view_agrees(wrl):
    from ledger.rules.agreement import members_on
    from projections.agreements import agreements

    parties = ["GM0889", "GM0984", "GM1507", "GM1894"]
    wrl.agreement_create(env("2024-04-01"), key="PT2", kind="plustaak", title="Plustaak twee",
                         extends="RES-NML", parties=parties)
    for party in parties:
        wrl.decision_record(env("2024-04-10"), key=f"BW-{party}-PT2", body=f"college:{party}",
                            title="Deelname", datum="2024-04-10")
        wrl.agreement_sign(env("2024-04-10"), "PT2", party=party, decision=f"BW-{party}-PT2",
                           datum="2024-04-10")
    wrl.decision_record(env("2024-07-20"), key="BW-GM1894-UIT", body="college:GM1894",
                        title="Uittreden", datum="2024-07-20")
    out = wrl.agreement_withdraw(env("2024-08-01", reason="eigen koers"), "RES-NML",
                                 party="GM1894", decision="BW-GM1894-UIT", datum="2024-08-01")
    assert len(out.positions) == 2  # the regeling's withdrawal and the plustaak's, one save
    create_tables(wrl.store)
    catch_up(wrl)
    for on in ("2024-07-31", "2024-08-01", "2025-06-30"):
        day = date.fromisoformat(on)
        shown = agreements(Reader(wrl.store, Horizon(on=day)))["PT2"]["members"]
        assert shown == members_on(wrl.get(Agreement, "PT2").facts, day)
        assert ("GM1894" in shown) == (on == "2024-07-31")
    assert findings(wrl, "plustaak ") == []
    trail_reason = [e for e in Reader(wrl.store, Horizon()).entries(keys=[("agreement", "PT2")])
                    if e.event == "Withdrawn"][0].reason
    assert trail_reason == "Follows the withdrawal of GM1894 from centrumregeling RES-NML: " \
        "eigen koers"


def test_ledger_status_prints_the_finding(wrl, monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from commands.main import app

    wrl.decision_record(env("2022-01-10"), key="BW-GM0983-X", body="college:GM0983",
                        title="T", datum="2022-01-10")
    budget = wrl.get(Budget, "WRL")
    budget.shift(env("2022-01-15"), from_workstream="WS1", from_year=2022,
                 to_workstream="WS2", to_year=2022, amount=Decimal("100000"),
                 decision="BW-GM0983-X")
    wrl.save(budget)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["status", "--db", wrl.store.url, "--json"])
    assert result.exit_code == 0, result.output
    import json

    problems_ = json.loads(result.output)["problems"]
    assert [p for p in problems_ if FINDING in p and "BW-GM0983-X van college:GM0983" in p]


def test_what_the_ledger_accepts_today_is_no_finding_a_release_above_the_mandate(wrl):
    # A release moves no new money: the write judges it without the mandate's limit, and so
    # does status (a programmamanager with € 25.000 releases a reservation of € 30.000).
    wrl.budget_reserve(env("2022-02-01"), programme="WRL", workstream="WS1", year=2022,
                       amount="30000", purpose="Onderzoek", reservation="R-PM")
    wrl.decision_record(env("2022-03-01"), key="PM-1", body="programmamanager:WRL",
                        title="Vrijgeven", datum="2022-03-01")
    wrl.budget_release(env("2022-03-01", refs=["besluit:PM-1"]), programme="WRL",
                       reservation="R-PM")
    assert findings(wrl) == []

"""Routekaarten through the application: every refusal is one sentence and writes nothing; the
demo holds Voorschoten's Routekaart as its informatiebrief of 16 December 2019 reports it, for that
date and for earlier ones; every demo stap's trail reads as a story."""

import pytest

from ledger.demo import DEMO_FILE
from ledger.errors import LedgerError
from ledger.importer import run_import
from ledger.storage import RawLog
from projections.journal import catch_up
from projections.reading import Horizon, Reader
from projections.routekaart import overview, overview_rows, routekaarten, to_markdown
from projections.tables import create_tables
from projections.trail import trail
from tests.conftest import env


def reader(ledger, on=None, upto=None) -> Reader:
    from ledger.dates import parse_date

    create_tables(ledger.store)
    catch_up(ledger)
    return Reader(ledger.store, Horizon(parse_date(on) if on else None, upto))


def count(ledger) -> int:
    with RawLog(ledger.store) as raw:
        return raw.count_and_max()[0]


@pytest.fixture
def rk(ledger):
    ledger.party_add(env(on="2019-01-01"), kind="gemeente", name="Voorschoten", cbs="GM0626")
    ledger.decision_record(env(on="2019-01-31"), key="VS-RAAD-1", body="raad:GM0626",
                           title="Vaststelling Routekaart", datum="2019-01-31")
    ledger.routekaart_create(env(on="2019-01-31"), key="VS-RK", title="Een zelfstandig Voorschoten",
                             party="GM0626", decision="VS-RAAD-1")
    ledger.routekaart_weg(env(on="2019-01-31"), "VS-RK", number=1, title="Visie")
    ledger.routekaart_stap(env(on="2019-01-31"), "VS-RK", stap="1.1", title="Visie formuleren")
    ledger.routekaart_stap(env(on="2019-01-31"), "VS-RK", stap="1.2", title="Inventarisatie")
    ledger.routekaart_actie(env(on="2019-02-01"), "VS-RK", target="1.2", text="Bureau inhuren",
                            voor="college")
    ledger.routekaart_status(env(on="2019-03-01"), "VS-RK", target="1.2/1", status="afgerond")
    ledger.routekaart_status(env(on="2019-03-15"), "VS-RK", target="1.2", status="afgerond")
    return ledger


REFUSALS = [
    ("routekaart_create", {"key": "VS RK", "title": "x", "party": "GM0626",
                           "decision": "VS-RAAD-1"}, {}, "'VS RK' is not a valid routekaart key."),
    ("routekaart_create", {"key": "X", "title": "x", "party": "GM9999", "decision": "VS-RAAD-1"},
     {}, "There is no party 'GM9999' in the ledger."),
    ("routekaart_create", {"key": "X", "title": " ", "party": "GM0626", "decision": "VS-RAAD-1"},
     {"on": "2019-02-01"}, "The routekaart title is empty."),
    ("routekaart_weg", {"key": "VS-RK", "number": 1, "title": "x"}, {},
     "Routekaart VS-RK already has weg 1 (Visie)."),
    ("routekaart_weg", {"key": "VS-RK", "number": 0, "title": "x"}, {}, "0 is not a weg number."),
    ("routekaart_weg", {"key": "NOPE", "title": "x"}, {},
     "There is no routekaart 'NOPE' in the ledger."),
    ("routekaart_stap", {"key": "VS-RK", "stap": "1.x", "title": "x"}, {},
     "'1.x' is not a stap."),
    ("routekaart_stap", {"key": "VS-RK", "stap": "1", "title": "x"}, {},
     "'1' does not name a stap."),
    ("routekaart_stap", {"key": "VS-RK", "stap": "1.3", "title": "x", "due": "2020-02-30"}, {},
     "'2020-02-30' is not a valid due date."),
    ("routekaart_actie", {"key": "VS-RK", "target": "1.2/1", "text": "x", "voor": "raad"}, {},
     "'1.2/1' names an actie; an actie goes under a stap or a weg."),
    ("routekaart_actie", {"key": "VS-RK", "target": "1.7", "text": "x", "voor": "raad"}, {},
     "Weg 1 of Routekaart VS-RK has no stap 7."),
    ("routekaart_actie", {"key": "VS-RK", "target": "1.1", "text": "", "voor": "raad"}, {},
     "The actie text is empty."),
    ("routekaart_actie", {"key": "VS-RK", "target": "1.1", "text": "x", "voor": " "}, {},
     "The actie voor is empty."),
    ("routekaart_status", {"key": "VS-RK", "target": "1.2/9", "status": "loopt"}, {},
     "Stap 1.2 of Routekaart VS-RK has no actie 9."),
    ("routekaart_status", {"key": "VS-RK", "target": "1.1", "status": "loopt",
                           "decision": "NOPE"}, {},
     "Decision NOPE cannot serve as authority for the status of stap 1.1: the ledger knows no "
     "such decision."),
    ("routekaart_status", {"key": "VS-RK", "target": "1.1", "status": "loopt"},
     {"corrects": 9999, "reason": "x"}, "There is no event at position 9999."),
    ("routekaart_status", {"key": "VS-RK", "target": "1.1", "status": "loopt"},
     {"corrects": 1, "reason": "x"},
     "The event at position 1 is not a status change of stap 1.1 of Routekaart VS-RK."),
    ("routekaart_due", {"key": "VS-RK", "target": "1.2", "due": "2020-01-01"}, {},
     "Stap 1.2 is afgerond; nothing about it is due any more."),
    ("routekaart_due", {"key": "VS-RK", "target": "1", "due": "2020-01-01"}, {},
     "Weg 1 has no due date of its own."),
    ("routekaart_output", {"key": "VS-RK", "target": "1.1", "title": "x", "kind": "boek"}, {},
     "'boek' is not a kind of output."),
    ("routekaart_output", {"key": "VS-RK", "target": "1.1", "title": "x", "kind": "besluit"}, {},
     "An output of kind besluit needs its decision in the ledger."),
    ("routekaart_output", {"key": "VS-RK", "target": "1.1", "title": "x", "datum": "2019-13"}, {},
     "'2019-13' is not a valid output date."),
    ("routekaart_output", {"key": "VS-RK", "target": "1", "title": "x"}, {},
     "An output belongs to a stap (or a weg without stappen), not to weg 1."),
    ("routekaart_inform", {"key": "VS-RK", "zaaknummer": "Z/17/011355",
                           "documentnummer": "166008", "covers": ["1.2/1"]}, {},
     "An informatiebrief covers stappen and wegen, not actie 1.2/1."),
    ("routekaart_inform", {"key": "VS-RK", "zaaknummer": "Z/17/011355", "documentnummer": " "}, {},
     "An informatiebrief needs its zaaknummer and its documentnummer."),
    ("routekaart_inform", {"key": "VS-RK", "zaaknummer": "Z/17/011355",
                           "documentnummer": "166008", "datum": "2019-12-17"},
     {"on": "2019-12-16"}, "The informatiebrief is dated 2019-12-17, after the effective date "
     "2019-12-16."),
]


@pytest.mark.parametrize("method,args,envelope,message", REFUSALS,
                         ids=[f"{m}-{i}" for i, (m, *_) in enumerate(REFUSALS)])
def test_every_refusal_is_one_sentence_and_writes_nothing(rk, method, args, envelope, message):
    before = count(rk)
    args = dict(args)
    key = args.pop("key")
    call = getattr(rk, method)
    with pytest.raises(LedgerError) as refused:
        if method == "routekaart_create":
            call(env(**{"on": "2019-01-31", **envelope}), key=key, **args)
        else:
            call(env(**{"on": "2019-06-01", **envelope}), key, **args)
    assert refused.value.message == message
    assert count(rk) == before


def test_a_correction_cannot_move_its_date(rk):
    wrong = rk.routekaart_status(env(on="2019-04-01"), "VS-RK", target="1.1", status="afgerond")
    before = count(rk)
    with pytest.raises(LedgerError, match="A correction takes effect on the date of the status "
                       r"it corrects \(2019-04-01\), not on 2019-05-01."):
        rk.routekaart_status(env(on="2019-05-01", reason="x", corrects=wrong.positions[0]),
                             "VS-RK", target="1.1", status="loopt")
    assert count(rk) == before


def test_the_same_command_id_twice_records_one_status_change(rk):
    first = rk.routekaart_status(env(on="2019-04-01", command_id="rk-1"), "VS-RK", target="1.1",
                                 status="loopt")
    again = rk.routekaart_status(env(on="2019-04-01", command_id="rk-1"), "VS-RK", target="1.1",
                                 status="loopt")
    assert again.replayed and again.positions == first.positions


def test_an_actie_for_a_party_is_shown_by_the_partys_name(rk):
    rk.routekaart_actie(env(on="2019-04-01"), "VS-RK", target="1.1", text="Overleg",
                        voor="gm0626")
    v = overview(reader(rk), "VS-RK")
    assert v["wegen"][0]["stappen"][0]["acties"][0]["voor"] == "GM0626"
    assert v["wegen"][0]["stappen"][0]["acties"][0]["voor_label"] == "Voorschoten"


def test_overdue_acties_are_flagged_on_the_date(rk):
    rk.routekaart_actie(env(on="2019-04-01"), "VS-RK", target="1.1", text="Dashboard",
                        voor="raad", due="2019-12-31")
    assert overview(reader(rk, on="2019-12-31"), "VS-RK")["overdue"] == []
    assert overview(reader(rk, on="2020-01-01"), "VS-RK")["overdue"] == ["1.1/1"]
    assert routekaarten(reader(rk, on="2020-01-01"))[0]["overdue"] == 1


# --- the demo against its source ---------------------------------------------------------------

@pytest.fixture
def demo(ledger):
    run_import(ledger, DEMO_FILE, actor="secretariaat-wrl")
    return ledger


def statuses(v):
    found = {}
    for w in v["wegen"]:
        found[str(w["number"])] = w["status"]
        for s in w["stappen"]:
            found[s["path"]] = s["status"]
            found.update({a["path"]: a["status"] for a in s["acties"]})
        found.update({a["path"]: a["status"] for a in w["acties"]})
    return found


SEED_DECEMBER_2019 = {
    "1": "gedeeltelijk afgerond", "1.0": "afgerond", "1.1": "gedeeltelijk afgerond",
    "1.2": "afgerond", "1.3": "loopt", "1.4": "loopt", "2": "gedeeltelijk afgerond",
    "3": "loopt",
    "1.1/1": "niet gestart", "1.1/2": "gedeeltelijk afgerond", "1.1/3": "loopt",
    "1.1/4": "loopt", "1.1/5": "loopt", "1.1/6": "niet gestart", "1.1/7": "niet gestart",
    "2/2": "afgerond", "2/3": "afgerond", "2/4": "loopt", "3/1": "loopt",
}


@pytest.mark.parametrize("on", ["2019-12-16", None])
def test_the_demo_shows_the_overview_of_the_informatiebrief(demo, on):
    v = overview(reader(demo, on=on), "VS-RK")
    found = statuses(v)
    assert {k: found[k] for k in SEED_DECEMBER_2019} == SEED_DECEMBER_2019
    assert v["status"] == "gedeeltelijk afgerond"
    assert [w["number"] for w in v["wegen"]] == [1, 2, 3]
    assert [w["added_after_adoption"] for w in v["wegen"]] == [False, False, True]
    assert [s["label"] for s in v["wegen"][0]["stappen"]] == [f"STAP {n}" for n in range(5)]
    stap1 = v["wegen"][0]["stappen"][1]
    assert [a["voor_label"] for a in stap1["acties"]] == ["Raad", "Raad", "College", "College",
                                                         "Raad", "Raad", "Raad"]
    assert [o["text"] for o in stap1["outputs"]] == [
        "Visie op samenwerking “Focus op de Leidse regio en grip op samenwerking” is vastgesteld "
        "in de raad van 4 april 2019"]
    assert [o["text"] for o in v["wegen"][0]["stappen"][2]["outputs"]] == [
        "“Samenwerkende allianties” (Partners+Pröpper), januari 2019"]
    assert [o["text"] for o in v["wegen"][0]["stappen"][3]["outputs"]] == [
        "“Regionaal organiseren vanuit de publieke waarde van Voorschoten” (Berenschot), "
        "5 juli 2019",
        "“Onderzoek verlegging koers Sociaal Domein naar Leidse regio” (Radar), juli 2019"]
    assert v["wegen"][0]["stappen"][4]["due"] == "2020-06-30"
    assert not v["wegen"][1]["stappen"] and len(v["wegen"][1]["acties"]) == 7
    (brief,) = v["informed"]
    assert (brief["datum"], brief["zaaknummer"], brief["documentnummer"]) == (
        "2019-12-16", "Z/17/011355", "166008")
    assert brief["covers"] == ["1.0", "1.1", "1.2", "1.3", "1.4", "2", "3"]
    assert (v["adopted"], v["decision"]["identificatie"]) == ("2019-01-31",
                                                              "VS-RAAD-2019-01-31-ROUTEKAART")


def test_the_demo_shows_how_the_routekaart_stood_earlier(demo):
    june = overview(reader(demo, on="2019-06-01"), "VS-RK")
    assert [w["number"] for w in june["wegen"]] == [1, 2]
    assert {k: v for k, v in statuses(june).items() if "/" not in k} == {
        "1": "gedeeltelijk afgerond", "1.0": "afgerond", "1.1": "gedeeltelijk afgerond",
        "1.2": "afgerond", "1.3": "niet gestart", "1.4": "niet gestart", "2": "niet gestart"}
    assert june["informed"] == []
    assert june["wegen"][0]["stappen"][4]["due"] is None
    adoption = overview(reader(demo, on="2019-01-31"), "VS-RK")
    assert statuses(adoption)["1.1"] == "niet gestart" and not adoption["wegen"][0]["stappen"][1][
        "acties"]
    october = statuses(overview(reader(demo, on="2019-10-01"), "VS-RK"))
    assert (october["1.3"], october["1.4"], october["1.4/1"]) == ("loopt", "loopt", "loopt")


def test_the_demo_can_be_imported_twice(demo):
    before = count(demo)
    result = run_import(demo, DEMO_FILE, actor="secretariaat-wrl")
    assert result.written == 0 and count(demo) == before


def test_every_demo_stap_trail_reads_as_a_story(demo):
    r = reader(demo)
    for path in ("1.0", "1.1", "1.2", "1.3", "1.4"):
        steps = trail(r, f"stap:VS-RK/{path}")
        assert steps[0]["name"] == "StapAdded"
        assert steps[-1]["name"] == "RaadInformed"
        assert "zaaknummer Z/17/011355, documentnummer 166008" in steps[-1]["sentence"]
        for s in steps:
            assert s["sentence"] and " recorded: " not in s["sentence"]  # no generic sentences
            assert s["actor"] and s["effective"] and s["recorded_at"]
            assert s["changes"], s["sentence"]
    stap0 = trail(r, "stap:VS-RK/1.0")
    assert stap0[-2]["sentence"] == ("The gemeenteraad of Voorschoten (GM0626) set stap 1.0 to "
                                     "afgerond (was niet gestart).")
    assert stap0[-2]["authority"][0]["text"].startswith(
        "besluit VS-RAAD-2019-01-31-ROUTEKAART “Vaststelling Routekaart “Een zelfstandig "
        "Voorschoten in de Leidse regio”” of the gemeenteraad of Voorschoten (GM0626)")


def test_the_overview_renders_as_the_informatiebrief_lays_it_out(demo):
    v = overview(reader(demo, on="2019-12-16"), "VS-RK")
    rows = overview_rows(v)
    assert rows[0] == ("Weg 1: Visie op regionale samenwerking en heroverweging samenwerkingen "
                       "(intern)", "", "", "Gedeeltelijk afgerond")
    assert rows[1][0] == "STAP 0 – Informatiebijeenkomst over regiokeuze en vaststelling Routekaart"
    assert rows[1][3] == "Afgerond"
    assert any(r[0] == "Weg 3: Relatie met Wassenaar (toegevoegd op 16 december 2019)"
               and r[3] == "Loopt" for r in rows)
    text = to_markdown(v, "on 2019-12-16")
    assert "| Wegen/stappen uit Routekaart | Ondernomen acties om stap te realiseren | Actie voor " \
           "| Status |" in text
    assert "Raad geïnformeerd: “Informatiebrief stand van zaken Routekaart” van 16 december 2019 " \
           "(zaaknummer Z/17/011355, documentnummer 166008)." in text

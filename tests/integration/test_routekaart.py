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
from projections.routekaart import (
    overview,
    overview_rows,
    routekaarten,
    to_document,
    to_markdown,
)
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
                           "decision": "VS-RAAD-1"}, {},
     "'VS RK' is niet geldig als code van de Routekaart."),
    ("routekaart_create", {"key": "X", "title": "x", "party": "GM9999", "decision": "VS-RAAD-1"},
     {}, "Het grootboek kent geen partij 'GM9999'."),
    ("routekaart_create", {"key": "X", "title": " ", "party": "GM0626", "decision": "VS-RAAD-1"},
     {"on": "2019-02-01"}, 'Er is geen titel van de Routekaart opgegeven.'),
    ("routekaart_weg", {"key": "VS-RK", "number": 1, "title": "x"}, {},
     'Routekaart VS-RK heeft al weg 1 (Visie).'),
    ("routekaart_weg", {"key": "VS-RK", "number": 0, "title": "x"}, {}, '0 is geen wegnummer.'),
    ("routekaart_weg", {"key": "NOPE", "title": "x"}, {},
     "Het grootboek kent geen Routekaart 'NOPE'."),
    ("routekaart_stap", {"key": "VS-RK", "stap": "1.x", "title": "x"}, {},
     "'1.x' is geen stap."),
    ("routekaart_stap", {"key": "VS-RK", "stap": "1", "title": "x"}, {},
     "'1' noemt geen stap."),
    ("routekaart_stap", {"key": "VS-RK", "stap": "1.3", "title": "x", "due": "2020-02-30"}, {},
     "'2020-02-30' is geen geldige streefdatum."),
    ("routekaart_actie", {"key": "VS-RK", "target": "1.2/1", "text": "x", "voor": "raad"}, {},
     "'1.2/1' noemt een actie; een actie hoort onder een stap of een weg."),
    ("routekaart_actie", {"key": "VS-RK", "target": "1.7", "text": "x", "voor": "raad"}, {},
     'Weg 1 van Routekaart VS-RK heeft geen stap 7.'),
    ("routekaart_actie", {"key": "VS-RK", "target": "1.1", "text": "", "voor": "raad"}, {},
     'Er is geen tekst van de actie opgegeven.'),
    ("routekaart_actie", {"key": "VS-RK", "target": "1.1", "text": "x", "voor": " "}, {},
     'Er is niet opgegeven voor wie de actie is.'),
    ("routekaart_status", {"key": "VS-RK", "target": "1.2/9", "status": "loopt"}, {},
     'Stap 1.2 van Routekaart VS-RK heeft geen actie 9.'),
    ("routekaart_status", {"key": "VS-RK", "target": "1.1", "status": "loopt",
                           "decision": "NOPE"}, {},
     'Besluit NOPE kan geen grondslag zijn voor de status van stap 1.1: het grootboek kent dit '
     'besluit niet.'),
    ("routekaart_status", {"key": "VS-RK", "target": "1.1", "status": "loopt"},
     {"corrects": 9999, "reason": "x"}, 'Er is geen gebeurtenis op positie 9999.'),
    ("routekaart_status", {"key": "VS-RK", "target": "1.1", "status": "loopt"},
     {"corrects": 1, "reason": "x"},
     ('De gebeurtenis op positie 1 is geen statuswijziging van stap 1.1 van Routekaart VS-RK.')),
    ("routekaart_due", {"key": "VS-RK", "target": "1.2", "due": "2020-01-01"}, {},
     'Stap 1.2 is afgerond; daarvoor geldt geen streefdatum meer.'),
    ("routekaart_due", {"key": "VS-RK", "target": "1", "due": "2020-01-01"}, {},
     'Weg 1 heeft geen eigen streefdatum.'),
    ("routekaart_output", {"key": "VS-RK", "target": "1.1", "title": "x", "kind": "boek"}, {},
     "'boek' is geen soort uitkomst."),
    ("routekaart_output", {"key": "VS-RK", "target": "1.1", "title": "x", "kind": "besluit"}, {},
     'Een uitkomst van de soort besluit vraagt om het besluit in het grootboek.'),
    ("routekaart_output", {"key": "VS-RK", "target": "1.1", "title": "x", "datum": "2019-13"}, {},
     "'2019-13' is geen geldige datum van de uitkomst."),
    ("routekaart_output", {"key": "VS-RK", "target": "1", "title": "x"}, {},
     'Een uitkomst hoort bij een stap (of een weg zonder stappen), niet bij weg 1.'),
    ("routekaart_inform", {"key": "VS-RK", "zaaknummer": "Z/17/011355",
                           "documentnummer": "166008", "covers": ["1.2/1"]}, {},
     'Een informatiebrief gaat over stappen en wegen, niet over actie 1.2/1.'),
    ("routekaart_inform", {"key": "VS-RK", "zaaknummer": "Z/17/011355", "documentnummer": " "}, {},
     'Een informatiebrief vraagt om zijn zaaknummer en documentnummer.'),
    ("routekaart_inform", {"key": "VS-RK", "zaaknummer": "Z/17/011355",
                           "documentnummer": "166008", "datum": "2019-12-17"},
     {"on": "2019-12-16"},
     'De informatiebrief is gedateerd op 17 december 2019, na de ingangsdatum 16 december 2019.'),
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
    with pytest.raises(LedgerError, match="Een correctie gaat in per de datum van de status die "
                       r"zij corrigeert \(1 april 2019\), niet per 1 mei 2019."):
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


def test_an_actie_without_actie_voor_is_shown_without_one(rk):
    rk.routekaart_actie(env(on="2019-04-01"), "VS-RK", target="1.1", text="Dorpsdialoog")
    v = overview(reader(rk), "VS-RK")
    actie = v["wegen"][0]["stappen"][0]["acties"][0]
    assert (actie["voor"], actie["voor_label"], actie["status_recorded"]) == (None, None, False)
    row = next(r for r in overview_rows(v) if r[1].startswith("1. Dorpsdialoog"))
    assert row[1] == "1. Dorpsdialoog" and row[2] == ""  # no actie voor, no status word
    (told,) = [s for s in trail(reader(rk), "actie:VS-RK/1.1/1")]
    assert "(geen actie voor vastgelegd)" in told["sentence"]


def test_an_assumed_value_is_marked_and_footnoted_in_every_form(rk):
    rk.routekaart_actie(env(on="2019-04-01"), "VS-RK", target="1.1", text="Dashboard",
                        voor="raad")
    rk.routekaart_due(env(on="2019-04-01", refs=["aanname:jaar uit de bron, dag gekozen"]),
                      "VS-RK", target="1.1/1", due="2020-12-31")
    v = overview(reader(rk), "VS-RK")
    row = next(r for r in overview_rows(v) if r[1].startswith("1. Dashboard"))
    assert row[1].endswith("(uiterlijk 31 december 2020) [aanname 1]")
    note = "Aanname 1: niet uit de bron, toegevoegd door wie dit vastlegde: jaar uit de bron, " \
           "dag gekozen"
    assert note in to_markdown(v, "x")
    doc = to_document(v)
    assert note in doc.notes and doc.data["assumptions"] == ["jaar uit de bron, dag gekozen"]


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


# What the informatiebrief of 16 December 2019 (seed 004) states, and nothing more: statuses per
# stap from its schema, per actie only where the actie's text says it is done or running, none
# for STAP 1; the statuses of wegen are derived by the ledger.
SEED_DECEMBER_2019 = {
    "1": "gedeeltelijk afgerond", "1.0": "afgerond", "1.2": "afgerond", "1.3": "loopt",
    "1.4": "loopt", "3": "loopt",
    "1.0/1": "afgerond", "1.2/1": "afgerond", "1.3/1": "afgerond", "1.3/2": "afgerond",
    "1.1/3": "loopt", "1.1/5": "loopt", "1.4/1": "loopt", "1.4/2": "afgerond",
    "2/2": "afgerond", "2/3": "afgerond", "3/1": "loopt",
}
NO_STATUS_IN_THE_SOURCE = ["1.1", "1.1/1", "1.1/2", "1.1/6", "1.1/7", "1.4/3", "1.4/4", "2/1",
                           "2/4", "2/5", "2/6", "2/7"]


def recorded(v):
    found = {}
    for w in v["wegen"]:
        for s in w["stappen"]:
            found[s["path"]] = s["status_recorded"]
            found.update({a["path"]: a["status_recorded"] for a in s["acties"]})
        found.update({a["path"]: a["status_recorded"] for a in w["acties"]})
    return found


@pytest.mark.parametrize("on", ["2019-12-16", None])
def test_the_demo_shows_the_overview_of_the_informatiebrief(demo, on):
    v = overview(reader(demo, on=on), "VS-RK")
    found = statuses(v)
    assert {k: found[k] for k in SEED_DECEMBER_2019} == SEED_DECEMBER_2019
    known = recorded(v)
    assert [p for p in NO_STATUS_IN_THE_SOURCE if known[p]] == []
    assert sorted(p for p, r in known.items() if r) == sorted(
        p for p in SEED_DECEMBER_2019 if "." in p or "/" in p)
    assert v["status"] == "gedeeltelijk afgerond"
    assert [w["number"] for w in v["wegen"]] == [1, 2, 3]
    assert [w["added_after_adoption"] for w in v["wegen"]] == [False, False, True]
    assert [s["label"] for s in v["wegen"][0]["stappen"]] == [f"STAP {n}" for n in range(5)]
    stap0 = v["wegen"][0]["stappen"][0]
    assert [a["text"] for a in stap0["acties"]] == [
        "Dorpsdialoog over de Leidse regio (20 november 2018)"]
    stap1 = v["wegen"][0]["stappen"][1]
    # the schema numbers STAP 1's loose ends 1, 2, 3 (also "acties 3 en 4"), 5, 6, 7
    assert [a["number"] for a in stap1["acties"]] == [1, 2, 3, 5, 6, 7]
    assert "(acties 3 en 4)" in stap1["acties"][2]["text"]
    assert [a["voor_label"] for a in stap1["acties"]] == ["Raad", "Raad", "College", "Raad",
                                                         "Raad", "Raad"]
    # actie voor is given for STAP 1 only
    others = [a for w in v["wegen"] for a in w["acties"]] + [
        a for s in v["wegen"][0]["stappen"] if s["number"] != 1 for a in s["acties"]]
    assert others and all(a["voor"] is None for a in others)
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
    # the date weg 3 was added is not in the source: it is marked as an assumption
    assert v["wegen"][2]["assumed"] and not v["wegen"][0]["assumed"]
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
        "1": "gedeeltelijk afgerond", "1.0": "afgerond", "1.1": "niet gestart",
        "1.2": "afgerond", "1.3": "niet gestart", "1.4": "niet gestart", "2": "niet gestart"}
    assert not recorded(june)["1.1"]
    assert june["informed"] == []
    assert june["wegen"][0]["stappen"][4]["due"] is None
    assert [o["title"] for o in june["wegen"][0]["stappen"][1]["outputs"]] == [
        "Visie op samenwerking “Focus op de Leidse regio en grip op samenwerking”"]
    adoption = overview(reader(demo, on="2019-01-31"), "VS-RK")
    assert statuses(adoption)["1.1"] == "niet gestart" and not adoption["wegen"][0]["stappen"][1][
        "acties"]
    october = statuses(overview(reader(demo, on="2019-10-01"), "VS-RK"))
    assert (october["1.3"], october["1.4"], october["1.4/1"]) == ("niet gestart", "loopt",
                                                                  "loopt")


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
            assert s["sentence"] and " vastgelegd over " not in s["sentence"]  # none generic
            assert s["actor"] and s["effective"] and s["recorded_at"]
            assert s["changes"], s["sentence"]
    stap0 = trail(r, "stap:VS-RK/1.0")
    # (who: the body of the decision it rests on; what: the Routekaart's narrator)
    assert stap0[-2]["sentence"].startswith("De gemeenteraad van Voorschoten (GM0626) ")
    assert "1.0" in stap0[-2]["sentence"] and "afgerond" in stap0[-2]["sentence"]
    assert stap0[-2]["authority"][0]["text"].startswith(
        "besluit VS-RAAD-2019-01-31-ROUTEKAART “Vaststelling Routekaart “Een zelfstandig "
        "Voorschoten in de Leidse regio”” van de gemeenteraad van Voorschoten (GM0626)")


def test_the_overview_renders_as_the_informatiebrief_lays_it_out(demo):
    v = overview(reader(demo, on="2019-12-16"), "VS-RK")
    rows = overview_rows(v)
    assert rows[0][:3] == ("Weg 1: Visie op regionale samenwerking en heroverweging "
                           "samenwerkingen (intern)", "", "")
    assert rows[1][0] == "STAP 0 – Informatiebijeenkomst over regiokeuze en vaststelling Routekaart"
    assert rows[1][3] == "Afgerond"
    assert rows[0][3] == "Gedeeltelijk afgerond (afgeleid)"
    assert any(r[0].startswith("Weg 3: Relatie met Wassenaar (toegevoegd op 16 december 2019) "
                               "[aanname ") and r[3] == "Loopt (afgeleid)" for r in rows)
    stap1 = next(r for r in rows if r[0].startswith("STAP 1 "))
    assert stap1[3].startswith("Visie op samenwerking")  # no status word: none was recorded
    text = to_markdown(v, "on 2019-12-16")
    assert "| Wegen/stappen uit Routekaart | Ondernomen acties om stap te realiseren | Actie voor " \
           "| Status |" in text
    assert "Raad geïnformeerd: “Informatiebrief stand van zaken Routekaart” van 16 december 2019 " \
           "(zaaknummer Z/17/011355, documentnummer 166008)." in text


def test_the_overview_as_pdf_and_word_reads_back_with_sections_and_facts(demo):
    import io

    import docx
    from pypdf import PdfReader

    from projections import printed

    v = overview(reader(demo, on="2019-12-16"), "VS-RK")
    doc = to_document(v, fingerprint="42:abc", horizon="on 2019-12-16")
    assert [s.title for s in doc.sections] == [
        "1. Stand van de Routekaart",
        "2. Weg 1: Visie op regionale samenwerking en heroverweging samenwerkingen (intern)",
        "3. Weg 2: Vormgeven/verbeteren samenwerking Leidse regio (extern – bestuurlijk)",
        "4. Weg 3: Relatie met Wassenaar", "5. Informatiebrieven aan de raad"]
    pdf = PdfReader(io.BytesIO(printed.to_pdf(doc)))
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    for expected in ("Een zelfstandig Voorschoten in de Leidse regio", "Voorschoten (GM0626)",
                     "16 december 2019", "42:abc", "1. Stand van de Routekaart",
                     "5. Informatiebrieven aan de raad", "Z/17/011355", "166008",
                     "Gedeeltelijk afgerond (afgeleid)", "STAP 4 – Vormgeven verdere traject",
                     "(uiterlijk 30 juni 2020)", "4 april 2019", "Aanname 1", "Afgeleid:",
                     f"Pagina 1 van {len(pdf.pages)}"):
        assert expected in text, expected
    word = docx.Document(io.BytesIO(printed.to_docx(doc)))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert "1. Stand van de Routekaart" in headings and "4. Weg 3: Relatie met Wassenaar" in \
        headings
    cells = [c.text for t in word.tables for r in t.rows for c in r.cells]
    assert "16 december 2019" in cells and "42:abc" in cells and "Z/17/011355" in cells
    assert "College" in cells and "Totaal" in cells and "22" in cells  # acties in all
    assert any(c.startswith("3. De besturen van de GR-en") for c in cells)
    footer = word.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer

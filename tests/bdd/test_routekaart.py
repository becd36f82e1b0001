"""Bindings of features/routekaart: Routekaarten, their wegen, stappen and acties, statuses,
outputs, informatiebrieven and audit trails. Givens go through the application; Thens read what
the raad and an auditor would read (the overview and the trail views)."""

import json

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from ledger.dates import parse_date
from ledger.storage import RawLog
from projections.journal import catch_up
from projections.reading import Horizon, Reader
from projections.routekaart import overview
from projections.tables import create_tables
from projections.trail import build
from tests.conftest import env

pytestmark = pytest.mark.usefixtures("store")
scenarios("routekaart")

KEY = "VS-RK"
ADOPTED = "2019-01-31"
GIVEN_ON = "2019-02-01"  # statuses set in a Gegeven, unless a date is named
WHEN_ON = "2019-04-01"   # statuses set in an Als, unless a date is named
DATE = r"(?P<datum>\d{4}-\d{2}-\d{2})"
Q = r'"(?P<{}>[^"]*)"'


def q(name: str) -> str:
    return Q.format(name)


def record_status(world, target, status, on=None, reason=None, ref=None, decision=None):
    out = world.ledger.routekaart_status(
        env(on=on, reason=reason, refs=[ref] if ref else None), KEY, target=target,
        status=status, decision=decision)
    world.status_events = getattr(world, "status_events", {})
    world.status_events.setdefault(target, []).append(out.positions[0])
    return out


def view(world, on=None):
    store = world.ledger.store
    create_tables(store)
    catch_up(world.ledger)
    return overview(Reader(store, Horizon(parse_date(on) if on else None, None)), KEY)


def part_of(v, path):
    if "/" in path:
        parent, actie = path.split("/")
        node = part_of(v, parent)
        return next(a for a in node["acties"] if a["number"] == int(actie))
    if "." in path:
        weg, stap = path.split(".")
        node = part_of(v, weg)
        return next(s for s in node["stappen"] if s["number"] == int(stap))
    return next(w for w in v["wegen"] if w["number"] == int(path))


def trail_of(world, subject, on=None):
    store = world.ledger.store
    create_tables(store)
    catch_up(world.ledger)
    return build(Reader(store, Horizon(parse_date(on) if on else None, None)), subject)


# --- Gegeven ------------------------------------------------------------------------------------

@given(parsers.parse('de gemeente "{name}" met CBS-code "{cbs}"'))
def gemeente(world, name, cbs):
    world.ledger.party_add(env(on="2019-01-01"), kind="gemeente", name=name, cbs=cbs)


@given(parsers.parse('het besluit "{key}" van "{body}" van {datum}'))
def besluit(world, key, body, datum):
    world.ledger.decision_record(env(on=datum), key=key, body=body, title=f"Besluit {key}",
                                 datum=datum)


@given(parsers.parse('besluit "{key}" is ingetrokken op {datum}'))
def ingetrokken(world, key, datum):
    world.ledger.decision_withdraw(env(on=datum, reason="ingetrokken"), key, datum=datum)


@given(parsers.parse('de Routekaart "{key}" van "{party}", vastgesteld op {datum} bij besluit '
                     '"{decision}"'))
def routekaart(world, key, party, datum, decision):
    world.ledger.routekaart_create(env(on=datum), key=key, title="Een zelfstandig Voorschoten",
                                   party=party, decision=decision)


@given(parsers.parse('weg {n:d} "{title}"'))
def weg(world, n, title):
    world.ledger.routekaart_weg(env(on=ADOPTED), KEY, number=n, title=title)


@given(parsers.parse('stap "{path}" "{title}"'))
def stap(world, path, title):
    world.ledger.routekaart_stap(env(on=ADOPTED), KEY, stap=path, title=title)


@given(parsers.parse('actie "{path}" "{text}" voor "{voor}"'))
def actie(world, path, text, voor):
    parent, number = path.rsplit("/", 1)
    world.ledger.routekaart_actie(env(on=ADOPTED), KEY, target=parent, number=number, text=text,
                                  voor=voor)


@given(parsers.re(q("target") + r' heeft de status ' + q("status") + rf"( op {DATE})?"
                  + r'( met reden ' + q("reason") + r')?( en referentie ' + q("ref") + r')?'
                  + r'( met besluit ' + q("decision") + r')?$'))
def heeft_status(world, target, status, datum, reason, ref, decision):
    if status != "niet gestart":
        record_status(world, target, status, on=datum or GIVEN_ON, reason=reason, ref=ref,
                      decision=decision)


@given(parsers.re(r'de status van ' + q("target") + r' is gecorrigeerd naar ' + q("status")
                  + r' met reden ' + q("reason") + r'( en referentie ' + q("ref") + r')?$'))
def gecorrigeerd(world, target, status, reason, ref):
    corrected = world.status_events[target][-1]
    world.ledger.routekaart_status(
        env(on=None, reason=reason, refs=[ref] if ref else None, corrects=corrected), KEY,
        target=target, status=status)


@given(parsers.parse('de raad is op {datum} geïnformeerd met documentnummer "{doc}" in zaak '
                     '"{zaak}"'))
def geinformeerd(world, datum, doc, zaak):
    world.ledger.routekaart_inform(env(on=datum), KEY, datum=datum, zaaknummer=zaak,
                                   documentnummer=doc, title="Informatiebrief")


# --- Als -----------------------------------------------------------------------------------------

@when(parsers.re(r'het secretariaat de Routekaart ' + q("key") + r' van ' + q("party")
                 + r' vastlegt (met besluit ' + q("decision") + r'|zonder besluit)'
                 + rf'( op {DATE})?$'))
def vastleggen(world, key, party, decision, datum):
    world.attempt(world.ledger.routekaart_create, env(on=datum), key=key,
                  title="Een zelfstandig Voorschoten", party=party, decision=decision)


@when(parsers.re(r'het secretariaat weg (?P<n>\d+) ' + q("title") + rf' toevoegt( op {DATE})?$'))
def weg_toevoegen(world, n, title, datum):
    world.attempt(world.ledger.routekaart_weg, env(on=datum or ADOPTED), KEY, number=int(n),
                  title=title)


@when(parsers.parse('het secretariaat een weg "{title}" toevoegt'))
def weg_zonder_nummer(world, title):
    world.attempt(world.ledger.routekaart_weg, env(on=ADOPTED), KEY, title=title)


@when(parsers.parse('het secretariaat stap "{path}" "{title}" toevoegt'))
def stap_toevoegen(world, path, title):
    world.attempt(world.ledger.routekaart_stap, env(on=ADOPTED), KEY, stap=path, title=title)


@when(parsers.parse('het secretariaat actie "{path}" "{text}" voor "{voor}" toevoegt'))
def actie_toevoegen(world, path, text, voor):
    parent, number = path.rsplit("/", 1)
    world.attempt(world.ledger.routekaart_actie, env(on=WHEN_ON), KEY, target=parent,
                  number=number, text=text, voor=voor)


@when(parsers.parse('het secretariaat actie "{path}" "{text}" zonder actie voor toevoegt'))
def actie_zonder_voor(world, path, text):
    parent, number = path.rsplit("/", 1)
    world.attempt(world.ledger.routekaart_actie, env(on=WHEN_ON), KEY, target=parent,
                  number=number, text=text)


@when(parsers.parse('het secretariaat een actie "{text}" voor "{voor}" toevoegt aan "{target}"'))
def actie_zonder_nummer(world, text, voor, target):
    world.attempt(world.ledger.routekaart_actie, env(on=WHEN_ON), KEY, target=target, text=text,
                  voor=voor)


@when(parsers.re(r'het secretariaat de status van ' + q("target") + r' op ' + q("status")
                 + rf' zet( op {DATE})?( met reden ' + q("reason") + r')?'
                 + r'( (?:en|met) referentie ' + q("ref") + r')?'
                 + r'( (?:en|met) besluit ' + q("decision") + r')?$'))
def status_zetten(world, target, status, datum, reason, ref, decision):
    world.attempt(world.ledger.routekaart_status,
                  env(on=datum or WHEN_ON, reason=reason, refs=[ref] if ref else None), KEY,
                  target=target, status=status, decision=decision)


@when(parsers.re(r'het secretariaat de (?P<which>status|eerste statuswijziging) van ' + q("target")
                 + r' corrigeert naar ' + q("status") + r'( met reden ' + q("reason") + r')?$'))
def corrigeren(world, which, target, status, reason):
    events = world.status_events[target]
    world.corrected = events[0] if which == "eerste statuswijziging" else events[-1]
    with RawLog(world.ledger.store) as raw:
        world.corrected_row = raw.event_at(world.corrected)
    world.attempt(world.ledger.routekaart_status,
                  env(on=None, reason=reason, corrects=world.corrected), KEY, target=target,
                  status=status)


@when(parsers.parse('het secretariaat de uitkomst "{title}" van "{target}" vastlegt met besluit '
                    '"{decision}"'))
def uitkomst_besluit(world, title, target, decision):
    world.attempt(world.ledger.routekaart_output, env(on=WHEN_ON), KEY, target=target,
                  title=title, decision=decision)


@when(parsers.parse('het secretariaat het rapport "{title}" van "{target}" vastlegt van {datum}'))
def uitkomst_rapport(world, title, target, datum):
    world.attempt(world.ledger.routekaart_output, env(on=WHEN_ON), KEY, target=target,
                  title=title, datum=datum, kind="rapport")


@when(parsers.re(rf'het secretariaat vastlegt dat de raad op {DATE} is geïnformeerd met '
                 r'documentnummer ' + q("doc") + r' in zaak ' + q("zaak")
                 + r'( over ' + q("covers") + r')?$'))
def informeren(world, datum, doc, zaak, covers):
    world.attempt(world.ledger.routekaart_inform, env(on=datum), KEY, datum=datum,
                  zaaknummer=zaak, documentnummer=doc, title="Informatiebrief",
                  covers=[c.strip() for c in covers.split(",")] if covers else None)


@when(parsers.re(r'een auditor het audit trail van ' + q("subject") + rf'( op {DATE})? opvraagt$'))
def trail_opvragen(world, subject, datum):
    world.trail = trail_of(world, subject, on=datum)


# --- Dan -----------------------------------------------------------------------------------------

@then(parsers.parse('wordt dit geweigerd met de zin "{text}"'))
def refused_with_sentence(world, text):
    assert world.error is not None, "the command was not refused"
    assert world.error.message == text


@then(parsers.parse('is Routekaart "{key}" van "{party}" vastgesteld op {datum} bij besluit '
                    '"{decision}"'))
def vastgesteld(world, key, party, datum, decision):
    v = view(world)
    assert (v["key"], v["party"], v["adopted"], v["decision"]["identificatie"]) == (
        key, party, datum, decision)


@then(parsers.re(r'toont het overzicht( op ' + DATE + r')? de wegen ' + q("numbers") + "$"))
def wegen(world, datum, numbers):
    assert ", ".join(str(w["number"]) for w in view(world, datum)["wegen"]) == numbers


@then(parsers.parse("is weg {n:d} toegevoegd na de vaststelling"))
def na_vaststelling(world, n):
    v = view(world)
    assert part_of(v, str(n))["added_after_adoption"]
    assert not any(w["added_after_adoption"] for w in v["wegen"] if w["number"] != n)


@then(parsers.parse('toont het overzicht van weg {n:d} de stappen "{labels}"'))
def stappen(world, n, labels):
    assert ", ".join(s["label"] for s in part_of(view(world), str(n))["stappen"]) == labels


@then(parsers.parse('heeft actie "{path}" als actie voor "{label}"'))
def actie_voor(world, path, label):
    assert world.error is None, world.error and world.error.message
    assert part_of(view(world), path)["voor_label"] == label


@then(parsers.parse('heeft actie "{path}" geen actie voor'))
def geen_actie_voor(world, path):
    assert world.error is None, world.error and world.error.message
    a = part_of(view(world), path)
    assert (a["voor"], a["voor_label"]) == (None, None)
    assert next(r for r in shown_rows(world) if r[1].startswith(f"{a['number']}. "))[2] == ""


def shown_rows(world):
    """The overview's rows as printed, with the footnotes they were marked with in world.notes."""
    from projections.narrative import Footnotes
    from projections.routekaart import overview_rows

    world.notes = Footnotes()
    return overview_rows(view(world), world.notes)


def shown_status(world, kind, target):
    rows = shown_rows(world)
    if kind == "weg":
        return next(r for r in rows if r[0].startswith(f"Weg {target}:"))[3].split("\n")[0]
    if kind == "stap":
        n = target.split(".")[1]
        return next(r for r in rows if r[0].startswith(f"STAP {n} "))[3].split("\n")[0]
    a = part_of(view(world), target)
    cell = next(r[1] for r in rows if r[1].startswith(f"{a['number']}. {a['text']}"))
    return cell[len(f"{a['number']}. {a['text']}"):].strip()


@then(parsers.re(r'toont het overzicht bij (?P<kind>weg|stap|actie) "?(?P<target>[\d./]+)"? '
                 r'de status ' + q("status") + "$"))
def toont_status(world, kind, target, status):
    assert world.error is None, world.error and world.error.message
    assert shown_status(world, kind, target) == status


@then(parsers.re(r'toont het overzicht bij (?P<kind>weg|stap|actie) "?(?P<target>[\d./]+)"? '
                 r'geen status$'))
def toont_geen_status(world, kind, target):
    assert world.error is None, world.error and world.error.message
    assert shown_status(world, kind, target) == ""


@then(parsers.parse('zegt voetnoot {n:d} van het overzicht "{text}"'))
def voetnoot(world, n, text):
    shown_rows(world)
    assert world.notes.lines()[n - 1].endswith(f": {text}"), world.notes.lines()


@then(parsers.parse('heeft stap "{path}" de acties "{numbers}"'))
def acties(world, path, numbers):
    assert ", ".join(str(a["number"]) for a in part_of(view(world), path)["acties"]) == numbers


@then(parsers.re(r'heeft ' + q("target") + rf'( op {DATE})? de status ' + q("status") + "$"))
def heeft_de_status(world, target, datum, status):
    assert world.error is None, world.error and world.error.message
    assert part_of(view(world, datum), target)["status"] == status


def _state(row):
    return json.loads(row.state)


@then("verwijst de correctie naar de gecorrigeerde statuswijziging")
def verwijst(world):
    with RawLog(world.ledger.store) as raw:
        state = _state(raw.event_at(world.outcome.positions[0]))
    assert state["corrects"] == world.corrected


@then("staat de gecorrigeerde statuswijziging ongewijzigd in het logboek")
def ongewijzigd(world):
    with RawLog(world.ledger.store) as raw:
        assert raw.event_at(world.corrected) == world.corrected_row


@then(parsers.parse("gaat de correctie in op {datum}"))
def correctie_datum(world, datum):
    with RawLog(world.ledger.store) as raw:
        state = _state(raw.event_at(world.outcome.positions[0]))
    assert state["effective"]["_data_"] == datum


@then(parsers.parse('toont het overzicht bij "{target}" de uitkomst "{text}"'))
def uitkomst(world, target, text):
    assert world.error is None, world.error and world.error.message
    assert text in [o["text"] for o in part_of(view(world), target)["outputs"]]


@then(parsers.parse('is de raad geïnformeerd met documentnummer "{doc}" in zaak "{zaak}" op '
                    '{datum}'))
def is_geinformeerd(world, doc, zaak, datum):
    (brief,) = view(world)["informed"]
    assert (brief["documentnummer"], brief["zaaknummer"], brief["datum"]) == (doc, zaak, datum)


@then(parsers.parse('behandelt die informatiebrief "{paths}"'))
def behandelt(world, paths):
    (brief,) = view(world)["informed"]
    assert ", ".join(brief["covers"]) == paths


@then(parsers.parse("telt het trail {n:d} gebeurtenissen"))
def telt(world, n):
    assert len(world.trail.steps) == n, [s["sentence"] for s in world.trail.steps]


@then(parsers.parse('zegt gebeurtenis {i:d} "{text}"'))
def zegt(world, i, text):
    assert text in world.trail.steps[i - 1]["sentence"], world.trail.steps[i - 1]["sentence"]


@then(parsers.parse('noemt gebeurtenis {i:d} als grondslag "{text}"'))
def grondslag(world, i, text):
    assert text in [a["text"] for a in world.trail.steps[i - 1]["authority"]]


@then(parsers.parse('toont gebeurtenis {i:d} de wijziging "{text}"'))
def wijziging(world, i, text):
    from projections.trail import changes_text

    assert text in changes_text(world.trail.steps[i - 1]).split("; ")


@then("heeft elke gebeurtenis een vastlegtijd, een ingangsdatum en een vastlegger")
def envelop(world):
    for s in world.trail.steps:
        assert s["recorded_at"] and s["effective"] and s["actor"] == "secretaris"


@then("zegt de laatste gebeurtenis dat zij de vorige corrigeert")
def corrigeert(world):
    last, previous = world.trail.steps[-1], world.trail.steps[-2]
    assert last["corrects"] == previous["position"]
    assert f"Dit corrigeert gebeurtenis #{previous['position']}" in last["sentence"]


@then("zegt de voorlaatste gebeurtenis dat zij later is gecorrigeerd")
def gecorrigeerd_later(world):
    last, previous = world.trail.steps[-1], world.trail.steps[-2]
    assert previous["corrected_by"] == [last["position"]]
    assert f"Later gecorrigeerd door gebeurtenis #{last['position']}" in previous["sentence"]

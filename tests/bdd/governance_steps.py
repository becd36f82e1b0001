"""Steps shared by the features on decisions (besluiten) and agreements (overeenkomsten).

Givens build state through the application, never the database. Where a rule can be read both on
the aggregate and on the read-side view (a status on a date, the shares, the reporting due), the
`Dan` steps check both, so the two cannot drift apart. Import with
`from tests.bdd.governance_steps import *` into a binding module.
"""

from __future__ import annotations

from datetime import date

from pytest_bdd import given, parsers, then, when

from ledger.domain.agreement import Agreement
from ledger.domain.decision import Decision
from ledger.money import parse_amount
from ledger.rules import agreement as agreement_rules
from projections.journal import catch_up
from projections.reading import Horizon, Reader
from projections.tables import create_tables
from tests.conftest import env

LEIDSE_REGIO = {"GM0546": "Leiden", "GM0547": "Leiderdorp", "GM0537": "Katwijk",
                "GM0579": "Oegstgeest", "GM0626": "Voorschoten", "GM0638": "Zoeterwoude"}
NOORD_LIMBURG = {"GM0983": "Venlo", "GM0984": "Venray", "GM1507": "Horst aan de Maas",
                 "GM1894": "Peel en Maas", "GM0889": "Beesel", "GM0907": "Gennep"}


def keys(text: str) -> list[str]:
    return [k.strip() for k in text.split(",") if k.strip()]


def day(text: str) -> date:
    return date.fromisoformat(text.strip())


def reader(world, on: str | date | None) -> Reader:
    create_tables(world.ledger.store)
    catch_up(world.ledger)
    return Reader(world.ledger.store, Horizon(on=day(on) if isinstance(on, str) else on))


def college_decision(world, party: str, datum: str) -> str:
    """A decision of the party's own college, taken on `datum`, to sign or withdraw with."""
    world.counter = getattr(world, "counter", 0) + 1
    key = f"BW-{party}-{datum}-{world.counter}"
    world.ledger.decision_record(env(on=datum), key=key, body=f"college:{party}",
                                 title="Instemming", datum=datum)
    return key


# --- parties -------------------------------------------------------------------------------------

@given("de gemeenten van de Leidse regio zijn geregistreerd")
def leidse_regio(world):
    for cbs, name in LEIDSE_REGIO.items():
        world.ledger.party_add(env(on="2021-01-01"), kind="gemeente", name=name, cbs=cbs)


@given("de gemeenten van Noord-Limburg zijn geregistreerd")
def noord_limburg(world):
    for cbs, name in NOORD_LIMBURG.items():
        world.ledger.party_add(env(on="2021-01-01"), kind="gemeente", name=name, cbs=cbs)


@given(parsers.parse('de provincie "{name}" ({key}) is geregistreerd'))
def provincie(world, name, key):
    world.ledger.party_add(env(on="2021-01-01"), kind="provincie", name=name, key=key)


@given(parsers.parse('"{party}" telt {count:d} inwoners op peildatum {peildatum}'))
def population(world, party, count, peildatum):
    world.ledger.party_population(env(on=peildatum), party, peildatum=peildatum, inwoners=count,
                                  source="CBS")


@given(parsers.parse("de gemeenten van de Leidse regio hebben hun inwonertal op peildatum "
                     "{peildatum}"))
def leidse_populations(world, peildatum):
    figures = {"GM0546": 125574, "GM0547": 27664, "GM0537": 65829, "GM0579": 24972,
               "GM0626": 25729, "GM0638": 8488}
    for cbs, count in figures.items():
        world.ledger.party_population(env(on=peildatum), cbs, peildatum=peildatum,
                                      inwoners=count, source="CBS, Bevolking op 1 januari 2021")


# --- decisions -----------------------------------------------------------------------------------

def _record(world, body, key, datum, **fields):
    return world.ledger.decision_record(env(on=datum), key=key, body=body, title="Besluit",
                                        datum=datum, **fields)


@given(parsers.re(r'(het|de) (?P<orgaan>college|raad) van "(?P<party>[^"]+)" heeft op '
                  r'(?P<datum>\S+) besluit "(?P<key>[^"]+)" genomen$'))
def party_decision(world, orgaan, party, datum, key):
    _record(world, f"{orgaan}:{party}", key, datum)


@given(parsers.re(r'(het|de) (?P<orgaan>college|raad) van "(?P<party>[^"]+)" heeft op '
                  r'(?P<datum>\S+) besluit "(?P<key>[^"]+)" genomen met uitkomst '
                  r'"(?P<outcome>[^"]+)"( en voorwaarde "(?P<condition>[^"]+)")?$'))
def decision_with_outcome(world, orgaan, party, datum, key, outcome, condition):
    _record(world, f"{orgaan}:{party}", key, datum, outcome=outcome, condition=condition)


@given(parsers.parse('het college van "{party}" heeft op {datum} besluit "{key}" genomen dat '
                     'vervalt op {verval} wegens "{reden}"'))
def expiring_decision(world, party, datum, key, verval, reden):
    _record(world, f"college:{party}", key, datum, vervaldatum=verval, vervalreden=reden)


@given(parsers.parse('het college van "{party}" heeft op {datum} besluit "{key}" genomen met '
                     'ingangsdatum {ingang}'))
def later_decision(world, party, datum, key, ingang):
    _record(world, f"college:{party}", key, datum, ingangsdatum=ingang)


@given(parsers.parse('het PHO "{pho}" heeft op {datum} besluit "{key}" genomen met deelnemers '
                     '"{parts}"'))
def pho_decision(world, pho, datum, key, parts):
    _record(world, f"pho:{pho}", key, datum, participants=keys(parts))


@given(parsers.parse('het college van "{party}" heeft besluit "{key}" op {datum} bekrachtigd'))
def ratified(world, party, key, datum):
    world.ledger.decision_ratify(env(on=datum), key, party=party, datum=datum)


@given(parsers.parse('besluit "{key}" is op {datum} ingetrokken'))
def withdrawn(world, key, datum):
    world.ledger.decision_withdraw(env(on=datum, reason="ingetrokken"), key, datum=datum)


@when(parsers.re(r'het college van "(?P<party>[^"]+)" besluit "(?P<key>[^"]+)" op (?P<datum>\S+) '
                 r'bekrachtigt( met besluit "(?P<college>[^"]+)")?$'))
def ratify(world, party, key, datum, college):
    world.attempt(world.ledger.decision_ratify, env(on=datum), key, party=party, datum=datum,
                  college_decision=college)


@when(parsers.re(r'(het|de) (?P<orgaan>college|raad|PHO) (van )?"(?P<who>[^"]+)" op '
                 r'(?P<datum>\S+) besluit "(?P<key>[^"]+)" neemt(?P<rest>.*)$'))
def take_decision(world, orgaan, who, datum, key, rest):
    import re

    fields: dict = {}
    if m := re.search(r'met uitkomst "([^"]+)"', rest):
        fields["outcome"] = m.group(1)
    if m := re.search(r'voorwaarde "([^"]+)"', rest):
        fields["condition"] = m.group(1)
    if m := re.search(r"vervalt op (\S+)", rest):
        fields["vervaldatum"] = m.group(1)
    if m := re.search(r'wegens "([^"]+)"', rest):
        fields["vervalreden"] = m.group(1)
    if m := re.search(r"ingangsdatum (\S+)", rest):
        fields["ingangsdatum"] = m.group(1)
    if m := re.search(r'met deelnemers "([^"]+)"', rest):
        fields["participants"] = keys(m.group(1))
    world.attempt(_record, world, f"{orgaan.lower()}:{who}", key, datum, **fields)


@when(parsers.re(r'besluit "(?P<key>[^"]+)" op (?P<datum>\S+) wordt ingetrokken '
                 r'(met reden "(?P<reason>[^"]+)"|zonder reden)$'))
def withdraw(world, key, datum, reason):
    world.attempt(world.ledger.decision_withdraw, env(on=datum, reason=reason), key, datum=datum)


@then(parsers.parse('is besluit "{key}" op {datum} "{status}"'))
def decision_status(world, key, datum, status):
    from projections.decisions import decisions

    assert world.ledger.get(Decision, key).status(day(datum)) == status
    assert decisions(reader(world, datum))[key]["status"] == status


@then(parsers.parse('ontbreekt op {datum} nog de bekrachtiging van "{parties}"'))
def missing_ratification(world, datum, parties):
    assert world.ledger.get(Decision, "PHO-1").missing_ratifications(day(datum)) == keys(parties)


@then(parsers.parse('wacht besluit "{key}" op "{condition}"'))
def waits_on(world, key, condition):
    assert world.ledger.get(Decision, key).condition == condition


@then(parsers.parse('noemt de weigering besluit "{key}"'))
def refusal_names(world, key):
    assert world.error is not None
    assert f"Besluit {key} " in world.error.message, world.error.message


# --- agreements ----------------------------------------------------------------------------------

def _create(world, key, kind, parties, **fields):
    return world.ledger.agreement_create(env(on="2021-09-01"), key=key, kind=kind, title=key,
                                         parties=keys(parties), **fields)


@given(parsers.parse('de overeenkomst "{key}" van soort "{kind}" tussen "{parties}" is opgesteld'))
def agreement_drafted(world, key, kind, parties):
    _create(world, key, kind, parties)


@given(parsers.parse('de overeenkomst "{key}" tussen "{parties}" met verdeelsleutel per inwoner '
                     'op peildatum {peildatum:S} is opgesteld'))
def agreement_per_inwoner(world, key, parties, peildatum):
    _create(world, key, "sok", parties, verdeelsleutel="per-inwoner", peildatum=peildatum)


@given(parsers.parse('de overeenkomst "{key}" tussen "{parties}" met verdeelsleutel per inwoner '
                     'op peildatum {peildatum:S} en betalers "{payers}" is opgesteld'))
def agreement_with_payers(world, key, parties, peildatum, payers):
    _create(world, key, "convenant", parties, verdeelsleutel="per-inwoner", peildatum=peildatum,
            payers=keys(payers))


@given(parsers.parse('de overeenkomst "{key}" tussen "{parties}" met kwartaalrapportage aan de '
                     'raden is opgesteld'))
def agreement_reporting(world, key, parties):
    _create(world, key, "sok", parties, reporting="quarterly", report_to="raad")


@given(parsers.parse('de centrumregeling "{key}" tussen "{parties}" is opgesteld'))
def centrumregeling(world, key, parties):
    _create(world, key, "centrumregeling", parties, verdeelsleutel="per-inwoner",
            peildatum="2023-01-01")


@given(parsers.parse('de plustaak "{key}" op "{regeling}" tussen "{parties}" is opgesteld'))
def plustaak(world, key, regeling, parties):
    _create(world, key, "plustaak", parties, extends=regeling)


@when(parsers.re(r'het secretariaat de (?P<what>overeenkomst|plustaak) "(?P<key>[^"]+)"'
                 r'( van soort "(?P<kind>[^"]+)")?( op "(?P<extends>[^"]+)")? tussen '
                 r'"(?P<parties>[^"]*)" opstelt(?P<rest>.*)$'))
def create_agreement(world, what, key, kind, extends, parties, rest):
    import re

    fields: dict = {"extends": extends}
    if m := re.search(r'met verdeelsleutel "([^"]+)"', rest):
        fields["verdeelsleutel"] = m.group(1)
    if m := re.search(r"op peildatum (\S+)", rest):
        fields["peildatum"] = m.group(1)
    if m := re.search(r'met percentages "([^"]+)"', rest):
        fields["verdeelsleutel"] = "percentages"
        fields["percentages"] = keys(m.group(1))
    if m := re.search(r'met rapportage "([^"]+)"', rest):
        fields["reporting"] = m.group(1)
    world.attempt(_create, world, key, kind or what, parties, **fields)


@given(parsers.parse('"{party}" heeft "{key}" op {datum} ondertekend'))
def signed(world, party, key, datum):
    world.ledger.agreement_sign(env(on=datum), key, party=party,
                                decision=college_decision(world, party, datum), datum=datum)


@given(parsers.parse('"{key}" is door alle partijen op {datum} ondertekend'))
def signed_by_all(world, key, datum):
    for party in world.ledger.get(Agreement, key).parties:
        signed(world, party, key, datum)


@given(parsers.parse('"{party}" is per {datum} uit "{key}" getreden'))
def has_withdrawn(world, party, key, datum):
    world.ledger.agreement_withdraw(env(on=datum), key, party=party,
                                    decision=college_decision(world, party, datum), datum=datum)


@given(parsers.parse('"{key}" is op {datum} beëindigd'))
def has_ended(world, key, datum):
    world.ledger.agreement_end(env(on=datum, reason="looptijd verstreken"), key, datum=datum)


@given(parsers.parse('over "{key}" is op {datum} gerapporteerd'))
def has_reported(world, key, datum):
    world.ledger.agreement_report(env(on=datum, refs=[f"doc:rapportage-{datum}"]), key,
                                  datum=datum)


@when(parsers.re(r'"(?P<party>[^"]+)" "(?P<key>[^"]+)" op (?P<datum>\S+) ondertekent '
                 r'(met besluit "(?P<decision>[^"]+)"|(?P<own>met een besluit van het eigen '
                 r'college)|zonder besluit)$'))
def sign(world, party, key, datum, decision, own):
    if own:
        decision = college_decision(world, party, datum)
    world.attempt(world.ledger.agreement_sign, env(on=datum), key, party=party,
                  decision=decision, datum=datum)


@when(parsers.re(r'"(?P<party>[^"]+)" per (?P<datum>\S+) uit "(?P<key>[^"]+)" treedt '
                 r'(met besluit "(?P<decision>[^"]+)"|(?P<own>met een besluit van het eigen '
                 r'college))$'))
def withdraw_party(world, party, datum, key, decision, own):
    if own:
        decision = college_decision(world, party, datum)
    world.attempt(world.ledger.agreement_withdraw, env(on=datum), key, party=party,
                  decision=decision, datum=datum)


@when(parsers.re(r'"(?P<key>[^"]+)" per (?P<datum>\S+) wordt gewijzigd'
                 r'( naar (?P<what>verdeelsleutel|titel) "(?P<value>[^"]+)")?'
                 r'( op besluit "(?P<decision>[^"]+)"| zonder besluit)$'))
def amend(world, key, datum, what, value, decision):
    fields: dict = {}
    if what == "titel":
        fields["title"] = value
    elif what == "verdeelsleutel" and "=" in value:
        fields.update(verdeelsleutel="percentages", percentages=keys(value))
    elif what == "verdeelsleutel":
        fields["verdeelsleutel"] = value
    world.attempt(world.ledger.agreement_amend, env(on=datum), key, summary="Wijziging",
                  decision=decision, ingangsdatum=datum, **fields)


@when(parsers.re(r'"(?P<key>[^"]+)" op (?P<datum>\S+) wordt beëindigd'
                 r'( met reden "(?P<reason>[^"]+)"| op besluit "(?P<decision>[^"]+)"| zonder '
                 r'besluit of reden)$'))
def end(world, key, datum, reason, decision):
    world.attempt(world.ledger.agreement_end, env(on=datum, reason=reason), key,
                  decision=decision, datum=datum)


@when(parsers.re(r'over "(?P<key>[^"]+)" op (?P<datum>\S+) wordt gerapporteerd'
                 r'( met kenmerk "(?P<ref>[^"]+)"| zonder kenmerk)$'))
def report(world, key, datum, ref):
    world.attempt(world.ledger.agreement_report, env(on=datum, refs=[ref] if ref else []), key,
                  datum=datum)


@then(parsers.parse('is de status van "{key}" op {datum} "{status}"'))
def agreement_status(world, key, datum, status):
    from projections.agreements import agreements

    assert world.ledger.get(Agreement, key).status(day(datum)) == status
    assert agreements(reader(world, datum))[key]["status"] == status


@then(parsers.parse('is "{key}" in werking sinds {datum}'))
def in_force_since(world, key, datum):
    assert agreement_rules.in_force_since(world.ledger.get(Agreement, key).facts) == day(datum)


@then(parsers.parse('hebben op {datum} nog niet getekend: "{parties}"'))
def not_signed(world, datum, parties):
    from projections.agreements import agreements

    agreement = world.ledger.get(Agreement, "SOK")
    assert agreement.missing_signatures(day(datum)) == keys(parties)
    assert agreements(reader(world, datum))["SOK"]["not_signed"] == keys(parties)


@then(parsers.parse('zijn op {datum} de partijen van "{key}": "{parties}"'))
def members(world, datum, key, parties):
    assert agreement_rules.members_on(world.ledger.get(Agreement, key).facts, day(datum)) == \
        sorted(keys(parties))


# --- shares --------------------------------------------------------------------------------------

@when(parsers.parse('het secretariaat € {amount} verdeelt over "{key}" op {datum}'))
def share_out(world, amount, key, datum):
    world.attempt(world.ledger.agreement_shares, key, parse_amount(amount), datum)
    if world.error is None:
        from projections.agreements import shares

        seen = shares(reader(world, datum), key, parse_amount(amount), day(datum))
        assert [(s["party"], s["share"]) for s in seen["shares"]] == \
            [(s["party"], s["share"]) for s in world.outcome["shares"]]
        world.shares = {s["party"]: s["share"] for s in world.outcome["shares"]}


@then(parsers.parse('betaalt "{party}" € {amount}'))
def pays(world, party, amount):
    assert world.error is None, world.error.message
    assert world.shares[party] == parse_amount(amount), world.shares


@then(parsers.parse('betaalt "{party}" niets'))
def pays_nothing(world, party):
    assert world.error is None, world.error.message
    assert party not in world.shares, world.shares


@then(parsers.parse("is de som van de aandelen precies € {amount}"))
def shares_add_up(world, amount):
    assert sum(world.shares.values()) == parse_amount(amount)


# --- reporting -----------------------------------------------------------------------------------

def _reporting(world, key, datum):
    from projections.agreements import agreements

    on = day(datum)
    here = agreement_rules.reporting_status(world.ledger.get(Agreement, key).facts, on)
    there = agreements(reader(world, datum))[key]["reporting_status"]
    assert here == there
    return here


@then(parsers.parse('is op {datum} de volgende rapportage van "{key}" uiterlijk {due} '
                    'verschuldigd'))
def next_due(world, datum, key, due):
    assert _reporting(world, key, datum)["next_due"] == due


@then(parsers.parse('is op {datum} de rapportage over "{period}" van "{key}" te laat'))
def overdue(world, datum, period, key):
    assert period in [o["period"] for o in _reporting(world, key, datum)["overdue"]]


@then(parsers.parse('is op {datum} geen rapportage van "{key}" te laat'))
def none_overdue(world, datum, key):
    assert _reporting(world, key, datum)["overdue"] == []


@then(parsers.parse('is op {datum} geen rapportage van "{key}" meer verschuldigd'))
def nothing_due(world, datum, key):
    assert _reporting(world, key, datum)["next_due"] is None


@then(parsers.parse('meldt de controle op {datum} dat "{key}" achterloopt met rapporteren'))
def health_reports(world, datum, key):
    from projections.health import problems

    found = problems(reader(world, datum))
    assert any(f"overeenkomst {key} loopt achter" in p for p in found), found


@then(parsers.parse('meldt de controle op {datum} niets over "{key}"'))
def health_quiet(world, datum, key):
    from projections.health import problems

    found = problems(reader(world, datum))
    assert not any(f"overeenkomst {key} " in p for p in found), found



@when(parsers.re(r'het secretariaat besluit "(?P<key>[^"]+)" van orgaan "(?P<body>[^"]+)" op '
                 r'(?P<datum>\S+) vastlegt( als "(?P<type>[^"]+)", gepubliceerd op '
                 r'(?P<published>\S+))?( met verwijzing "(?P<ref>[^"]+)")?$'))
def record_decision(world, key, body, datum, type, published, ref):
    fields = {"besluittype": type, "publicatiedatum": published} if type else {}
    world.attempt(world.ledger.decision_record, env(on=datum, refs=[ref] if ref else []),
                  key=key, body=body, title="Besluit", datum=datum, **fields)


@then(parsers.parse('heeft besluit "{key}" bestuursorgaan "{body}", besluittype "{type}", '
                    'ingangsdatum {ingang} en publicatiedatum {published}'))
def decision_fields(world, key, body, type, ingang, published):
    from projections.decisions import decisions

    d = world.ledger.get(Decision, key)
    assert (d.body, d.besluittype, d.ingangsdatum, d.publicatiedatum) == (
        body, type, day(ingang), day(published))
    seen = decisions(reader(world, ingang))[key]
    assert (seen["bestuursorgaan"], seen["besluittype"], seen["ingangsdatum"],
            seen["publicatiedatum"]) == (body, type, ingang, published)




@then(parsers.parse('legde dezelfde opdracht de uittreding uit "{key}" vast'))
def same_command_withdrew(world, key):
    from ledger.storage import RawLog

    assert world.error is None, world.error and world.error.message
    plustaak = Agreement.id_for(key).hex
    with RawLog(world.ledger.store) as raw:
        rows = [raw.event_at(p) for p in world.outcome.positions]
    assert [r.topic.rsplit(".", 1)[-1] for r in rows] == ["Withdrawn", "Withdrawn"], rows
    assert plustaak in {str(r.originator_id).replace("-", "") for r in rows}


@then("meldt de controle niets over plustaken")
def health_quiet_on_plustaken(world):
    from projections.health import problems

    found = problems(reader(world, None))
    assert not any(p.startswith("plustaak ") for p in found), found


__all__ = [name for name in dir() if name.startswith("pytestbdd_")]

"""Steps of features/bewijzen/ondertekening.feature (bound with the other proofs in
test_bewijzen.py): actors' keys, signed events, revocation and the policy that requires
signatures, through the application (never the database)."""

from __future__ import annotations

import json

from pytest_bdd import given, parsers, then, when
from typer.testing import CliRunner

from commands.main import app
from ledger.application import open_ledger
from ledger.signatures import check_rows
from ledger.signing import SigningKey, b64
from ledger.storage import RawLog
from tests.conftest import env


def _party(world, actor: str, key: SigningKey | None):
    world.parties = getattr(world, "parties", 0) + 1
    n = world.parties
    ledger = open_ledger(world.ledger.store)
    if key is not None:
        ledger.sign_with(key)
    try:
        return world.attempt(ledger.party_add, env(actor=actor), kind="provincie",
                             name=f"Partij {n}", key=f"P{n}")
    finally:
        ledger.close()


def _report(world):
    with RawLog(world.ledger.store) as raw:
        return check_rows(raw.rows())


@given(parsers.parse('de actor "{actor}" heeft een sleutel'))
def actor_has_key(world, actor):
    world.keys = getattr(world, "keys", {})
    world.keys[actor] = SigningKey.generate()
    world.ledger.key_add(env(), actor=actor, public_key=b64(world.keys[actor].public))


@given(parsers.parse('de sleutel van "{actor}" is ingetrokken omdat "{reason}"'))
def key_revoked(world, actor, reason):
    world.ledger.key_revoke(env(reason=reason), actor=actor, key_id=world.keys[actor].id)


@given(parsers.parse('"{actor}" heeft een partij vastgelegd met de sleutel van "{holder}"'))
@when(parsers.parse('"{actor}" een partij vastlegt met de sleutel van "{holder}"'))
def record_signed(world, actor, holder):
    _party(world, actor, world.keys[holder])


@when(parsers.parse('"{actor}" een partij vastlegt zonder sleutel'))
def record_unsigned(world, actor):
    _party(world, actor, None)


@when(parsers.parse('een oude client toch met de ingetrokken sleutel van "{actor}" vastlegt'))
def old_client(world, actor):
    """A client that does not check the key (as this ledger's does) signs and saves directly."""
    from ledger.domain.party import Party

    ledger = open_ledger(world.ledger.store)
    mapper = ledger.mapper
    mapper.signer, mapper.actor = world.keys[actor], actor  # type: ignore[attr-defined]
    try:
        ledger.save(Party.register(env(actor=actor), kind="provincie", name="Oud", key="OUD"))
    finally:
        ledger.close()


@given("ondertekening is vereist in het hele grootboek")
def policy(world):
    world.ledger.key_require(env())


@then(parsers.parse('telt de controle {n:d} ondertekende gebeurtenis van "{actor}" en geen foute'))
def counted_signed(world, n, actor):
    report = _report(world)
    assert len(report.of(actor).signed) == n
    assert report.ok


@then(parsers.parse('meldt de controle {n:d} handtekening van "{actor}" na intrekking'))
def flagged_after_revocation(world, n, actor):
    report = _report(world)
    assert len(report.of(actor).after_revocation) == n
    assert not report.ok


def _findings(world) -> list[str]:
    result = CliRunner().invoke(app, ["--json", "status", "--db", world.ledger.store.url])
    data = json.loads(result.stdout)
    return [str(p) for p in data["problems"]]


@then("noemt de status geen niet-ondertekende gebeurtenis")
def no_finding(world):
    assert not [p for p in _findings(world) if "niet ondertekend" in p]


@then(parsers.parse('noemt de status de gebeurtenis van "{actor}" als niet ondertekend'))
def finding(world, actor):
    found = [p for p in _findings(world) if "niet ondertekend" in p]
    assert len(found) == 1 and actor in found[0], found

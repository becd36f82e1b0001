"""The refusals of the core (amounts, dates, references, the store URL, the offline checker) in
the language in use: Dutch by default, English with `--lang en`; and the option that was given
named in them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ledger import i18n
from ledger.dates import parse_date, parse_moment
from ledger.envelope import make_envelope, parse_ref
from ledger.errors import InvalidInput
from ledger.money import parse_amount
from ledger.storage import DEFAULT_URL, parse_url

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def lang():
    def use(value: str) -> None:
        i18n.set_language(value)

    yield use
    i18n.set_language("nl")


def refusal(fn, *args, **kwargs) -> InvalidInput:
    with pytest.raises(InvalidInput) as refused:
        fn(*args, **kwargs)
    return refused.value


def test_an_amount_read_two_ways_is_refused_in_dutch_and_in_english(lang):
    lang("nl")
    nl = refusal(parse_amount, "1,500")
    assert nl.message == ("'1,500' is op twee manieren te lezen (als decimale komma of als "
                          "scheidingsteken voor duizendtallen).")
    assert nl.hint == "Schrijf 1500 of 1.500 voor vijftienhonderd, 1,50 voor anderhalf."
    lang("en")
    en = refusal(parse_amount, "1,500")
    assert en.message.startswith("'1,500' can be read two ways")


def test_the_largest_amount_is_named_as_an_amount(lang):
    lang("nl")
    assert refusal(parse_amount, "2000000000000").hint == \
        "Geef een bedrag van ten hoogste € 999.999.999.999,99."


def test_a_bad_date_names_the_option_it_was_given_in(lang):
    lang("nl")
    assert refusal(parse_date, "2021-13-45", "--datum").message == \
        "'2021-13-45' is geen geldige --datum."
    assert refusal(parse_date, "2021-13-45").message == "'2021-13-45' is geen geldige datum."
    on = refusal(make_envelope, actor="t", on="2021-13-45")
    assert on.message == "'2021-13-45' is geen geldige ingangsdatum (--on)."
    line = refusal(make_envelope, actor="t", on="2021-13-45", on_name="on")
    assert line.message == "'2021-13-45' is geen geldige ingangsdatum (on)."
    assert on.hint == "Schrijf datums als JJJJ-MM-DD, bijvoorbeeld 2021-10-05."
    lang("en")
    assert refusal(parse_date, "2021-13-45", "--datum").message == \
        "'2021-13-45' is not a valid --datum."


def test_moments_and_references_are_refused_in_dutch(lang):
    lang("nl")
    assert refusal(parse_moment, "#x").message == "'#x' is geen positie in het logboek."
    assert refusal(parse_ref, "zaak:%%").message == "'%%' is geen geldig zaaknummer."
    long = refusal(make_envelope, actor="t", reason="x" * 5000)
    assert long.message == "Het veld reden is 5000 tekens lang; de grens is 4000."


def test_an_empty_database_url_is_refused_and_an_absent_one_is_the_default(monkeypatch, lang):
    lang("nl")
    monkeypatch.delenv("LEDGER_DB", raising=False)
    for given in ("", "  "):
        refused = refusal(parse_url, given)
        assert refused.message == "De database-URL is leeg."
        assert "--db" in (refused.hint or "")
    assert parse_url(None).url == DEFAULT_URL
    lang("en")
    assert refusal(parse_url, "").message == "The database URL is empty."


def _checker(env: dict[str, str]) -> str:
    """The offline checker on its own (no other module of the ledger loaded) on a file that is
    no proof."""
    code = ("import sys, ledger.verifier as v\n"
            "try:\n    v.check_text('no json')\n"
            "except v.ProofFileError as e:\n    print(e)\n"
            "assert 'ledger.i18n' not in sys.modules")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=ROOT, env=env).stdout.strip()


def test_the_offline_checker_speaks_dutch_with_the_compiled_catalog_else_english():
    i18n.set_language("nl")
    i18n._("The file is not JSON, so not a proof of the ledger.")  # compiles the catalog
    base = {k: v for k, v in os.environ.items() if k not in ("LEDGER_LANG",)}
    assert _checker(base) == "Het bestand is geen JSON en dus geen bewijs van het grootboek."
    assert _checker({**base, "LEDGER_LANG": "en"}) == \
        "The file is not JSON, so not a proof of the ledger."

"""The Dutch catalogs cover every message the code marks for translation, and nothing else."""

from __future__ import annotations

import pytest

from ledger import catalogs, i18n


def test_every_marked_message_has_a_dutch_translation_with_the_same_placeholders():
    found = catalogs.problems()
    assert not found, "\n".join(found[:40]) + f"\n({len(found)} problems; python -m ledger.catalogs update)"


def test_the_merged_catalog_compiles_and_translates():
    sources = sorted(catalogs.CATALOG_DIR.glob("*.po"))
    assert sources, "no catalogs"
    assert i18n.compile_catalog(sources)
    i18n.set_language("nl")
    assert i18n._("Use --lang nl (Dutch, the default) or --lang en (English).") != \
        "Use --lang nl (Dutch, the default) or --lang en (English)."


def test_a_message_the_catalog_lacks_fails_in_strict_mode_and_english_shows_the_source():
    i18n.set_language("nl")
    with pytest.raises(i18n.MissingTranslation):
        i18n._("A sentence nobody translated.")
    i18n.set_language("en")
    assert i18n._("A sentence nobody translated.") == "A sentence nobody translated."


@pytest.mark.parametrize("value", ["fr", "", "klingon", "n"])
def test_a_language_the_ledger_does_not_speak_is_refused_in_one_sentence(value):
    from ledger.errors import InvalidInput

    with pytest.raises(InvalidInput) as refused:
        i18n.set_language(value or " ")
    assert "--lang" in (refused.value.hint or "")


def test_the_language_is_read_from_the_command_line_before_the_commands_are_built():
    assert i18n.language_in(["--lang", "en", "status"]) == "en"
    assert i18n.language_in(["--lang=nl", "status"]) == "nl"
    assert i18n.language_in(["status", "--", "--lang", "en"]) is None
    assert i18n.language_in(["status"]) is None

"""One language for everything a person reads: `nl` (the default) or `en`.

Every sentence, label and header the ledger shows is written in the code in English and marked
for translation: `_("The amount {amount} is negative.").format(amount=text)`, or
`ngettext("{n} event", "{n} events", n).format(n=n)` where the number decides the form. Text
defined at module level is marked with `N_(...)` (which only marks it) and translated where it is
shown, with `_(CONSTANT)`. The Dutch translations are gettext catalogs under
`ledger/locale/nl/LC_MESSAGES/`, one `.po` file per area of the code (domain, application,
commands, views, reports), merged into one catalog when first needed; `pybabel extract` (see
docs/language.md) finds every marked message, and `tests/unit/test_catalog.py` fails when a
catalog lacks one.

The language is chosen once per run: `--lang` on the command line, else `$LEDGER_LANG`, else
Dutch. What is stored (events, receipts, read tables) never holds translated text: sentences are
made when they are read, in the reader's language.

With `LEDGER_I18N_STRICT=1` (the test suite sets it) a Dutch lookup of a message the catalog lacks
raises `MissingTranslation` instead of showing the English text, so an untranslated sentence
fails the test that shows it.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Sequence
from pathlib import Path

LANGUAGES = ("nl", "en")
DEFAULT = "nl"
DOMAIN = "ledger"
LOCALE_DIR = Path(__file__).parent / "locale"

class _State:
    """The language in use in this process and the catalogs loaded so far."""

    lang: str | None = None
    catalogs: dict[str, _gettext.NullTranslations] = {}


_state = _State()


class MissingTranslation(LookupError):
    """A message has no Dutch translation (raised only with LEDGER_I18N_STRICT=1)."""


def _strict() -> bool:
    return os.environ.get("LEDGER_I18N_STRICT", "") == "1"


def check_language(value: str | None) -> str:
    """`value` as one of `LANGUAGES`, or a refusal in one sentence."""
    lang = (value or "").strip().lower().replace("_", "-").split("-")[0]
    if lang not in LANGUAGES:
        from ledger.errors import InvalidInput

        raise InvalidInput(
            _("'{value}' is not a language of the ledger.").format(value=value),
            hint=_("Use --lang nl (Dutch, the default) or --lang en (English)."))
    return lang


def set_language(value: str | None) -> str:
    """Use `value` (`nl` or `en`; None: `$LEDGER_LANG`, else Dutch) from now on in this process."""
    if value is None:
        value = os.environ.get("LEDGER_LANG", "").strip() or DEFAULT
    lang = check_language(value)
    _state.lang = lang
    return lang


def language() -> str:
    """The language in use (chosen by `set_language`, else from `$LEDGER_LANG`, else Dutch)."""
    lang = _state.lang
    if lang is None:
        env = os.environ.get("LEDGER_LANG", "").strip()
        try:
            lang = check_language(env) if env else DEFAULT
        except Exception:
            lang = DEFAULT  # an unusable $LEDGER_LANG is refused by the command line, not here
        _state.lang = lang
    return lang


def language_in(argv: Sequence[str]) -> str | None:
    """The value of `--lang` in a command line (`--lang en` or `--lang=en`), if any: read before
    the commands are built, so that their help is in that language too."""
    for n, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and n + 1 < len(argv):
            return argv[n + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def catalog(lang: str) -> _gettext.NullTranslations:
    """The merged catalog of `lang` (English is the source language: no catalog)."""
    catalogs = _state.catalogs
    found = catalogs.get(lang)
    if found is None:
        found = _load(lang)
        catalogs[lang] = found
    return found


def _load(lang: str) -> _gettext.NullTranslations:
    if lang == "en":
        return _gettext.NullTranslations()
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    sources = sorted(folder.glob("*.po"))
    compiled = folder / f"{DOMAIN}.mo"
    if compiled.exists() and all(compiled.stat().st_mtime >= p.stat().st_mtime for p in sources):
        with compiled.open("rb") as f:
            return _gettext.GNUTranslations(f)
    data = compile_catalog(sources)
    try:
        tmp = compiled.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, compiled)
    except OSError:
        pass  # an installed, read-only package: compile again next time
    import io

    return _gettext.GNUTranslations(io.BytesIO(data))


def compile_catalog(sources: Sequence[Path]) -> bytes:
    """The `.po` files of one language merged and compiled into one `.mo` (with Babel). A message
    translated twice must be translated the same way."""
    import io

    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    merged: Catalog | None = None
    for path in sources:
        with path.open("rb") as f:
            part = read_po(f)
        if merged is None:
            merged = part
            continue
        for message in part:
            if not message.id:
                continue
            known = merged.get(message.id, message.context)
            if known is not None and known.string != message.string:
                raise ValueError(f"{path.name}: {message.id!r} is translated differently elsewhere")
            if known is None:
                merged[message.id] = message
    out = io.BytesIO()
    write_mo(out, merged if merged is not None else Catalog(locale="nl"))
    return out.getvalue()


def _lookup(lang: str, message: str) -> str:
    translations = catalog(lang)
    found = translations.gettext(message)
    if found is message and lang != "en" and _strict() and message:
        raise MissingTranslation(f"no {lang} translation of {message!r}")
    return found


def gettext(message: str) -> str:
    """`message` in the language in use."""
    lang = language()
    if lang == "en":
        return message
    return _lookup(lang, message)


_ = gettext


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message that fits the number `n`, in the language in use."""
    lang = language()
    if lang == "en":
        return singular if n == 1 else plural
    translations = catalog(lang)
    found = translations.ngettext(singular, plural, n)
    if found in (singular, plural) and _strict():
        # Dutch forms can equal the English ones; only a message absent from the catalog fails.
        if singular not in getattr(translations, "_catalog", {}) and \
                (singular, 0) not in getattr(translations, "_catalog", {}):
            raise MissingTranslation(f"no {lang} translation of {singular!r}")
    return found


def N_(message: str) -> str:
    """Marks `message` for translation where it is defined; `_(...)` translates it where shown."""
    return message

"""The language of the offline checker (ledger/verifier.py, ledger/note.py, ledger/merkle.py),
with the standard library only.

The checker promises to run with nothing of the ledger but those three modules (and
`cryptography`), so it cannot count on Babel, which `ledger.i18n` needs to compile the catalogs.
So:

- inside the ledger (`ledger.i18n` already loaded: the command line, the tests), `_` is
  `ledger.i18n`'s own: `--lang`, `$LEDGER_LANG` and strict mode hold as everywhere;
- on its own, it reads `$LEDGER_LANG` (Dutch by default) and translates with the compiled catalog
  `ledger/locale/nl/LC_MESSAGES/ledger.mo` through the standard library's `gettext`, when that file
  is there and not older than any catalog it was compiled from; otherwise the checker speaks
  English, the source language, so that one screen never mixes the two.

Its messages are marked as everywhere (`_("...")`) and are in the `core` catalog.
"""

from __future__ import annotations

import gettext as _gettext
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

_FOLDER = Path(__file__).parent / "locale" / "nl" / "LC_MESSAGES"
_own: dict[str, _gettext.NullTranslations] = {}


def _translations() -> _gettext.NullTranslations:
    lang = (os.environ.get("LEDGER_LANG", "").strip().lower().replace("_", "-").split("-")[0]
            or "nl")
    found = _own.get(lang)
    if found is None:
        found = _gettext.NullTranslations()
        compiled = _FOLDER / "ledger.mo"
        if lang == "nl" and compiled.is_file():
            stamp = compiled.stat().st_mtime
            if all(stamp >= p.stat().st_mtime for p in _FOLDER.glob("*.po")):
                with compiled.open("rb") as f:
                    found = _gettext.GNUTranslations(f)
        _own[lang] = found
    return found


def _ledger_i18n() -> ModuleType | None:
    return sys.modules.get("ledger.i18n")


def gettext(message: str) -> str:
    """`message` in the language in use (see the module docstring)."""
    i18n = _ledger_i18n()
    if i18n is not None:
        return str(i18n.gettext(message))
    return _translations().gettext(message)


_ = gettext


def language() -> str:
    """`nl` or `en`, as the messages are shown."""
    i18n = _ledger_i18n()
    if i18n is not None:
        return str(i18n.language())
    return "nl" if isinstance(_translations(), _gettext.GNUTranslations) else "en"


def show_moment(text: str | None) -> str | None:
    """A checkpoint's time (ISO 8601, UTC) as `ledger.dates.show_moment` shows it:
    "05-10-2021 14:03:07 UTC" in Dutch, "2021-10-05 14:03:07 UTC" in English; text that is
    not a time as it is."""
    if not text:
        return text
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    day = value.strftime("%d-%m-%Y") if language() == "nl" else value.date().isoformat()
    return f"{day} {value:%H:%M:%S} UTC"


def N_(message: str) -> str:
    """Marks `message` for translation where it is defined; `_(...)` translates it where shown."""
    return message

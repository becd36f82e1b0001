"""Keys and names: what the ledger accepts as a key (a CBS code, an identificatie, a code) and as
a name or text. Shared by every aggregate's commands and by the views that read keys back."""

from __future__ import annotations

import re
from typing import Literal, overload

from ledger.envelope import check_text
from ledger.errors import InvalidInput
from ledger.i18n import _

KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]{0,63}$")


def check_key(key: str, what: str) -> str:
    value = str(key).strip()
    if not KEY.match(value):
        raise InvalidInput(
            _("'{value}' is not valid as {what}.").format(value=value, what=what),
            hint=_("Use for {what} 1 to 64 letters, digits, dots, dashes or underscores, "
                   "starting with a letter or digit.").format(what=what),
        )
    return value


@overload
def check_name(value: str | None, what: str, *, required: Literal[True] = True,
               limit: int = 300) -> str: ...
@overload
def check_name(value: str | None, what: str, *, required: bool, limit: int = 300) -> str | None: ...
def check_name(value: str | None, what: str, *, required: bool = True,
               limit: int = 300) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int, type(None))):
        raise InvalidInput(_("The value given for {what} is not text.").format(what=what),
                           hint=_("Give {what} as text.").format(what=what))
    if value is None or not str(value).strip():
        if required:
            raise InvalidInput(_("No {what} was given.").format(what=what),
                               hint=_("Give a {what}.").format(what=what))
        return None
    return check_text(str(value).strip(), what, limit=limit)

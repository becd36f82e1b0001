"""Indicators: their units, how a quantity is read and printed, and how an indicator is keyed
(PROGRAMME/KEY). Shared by the `Indicator` aggregate (`ledger/domain/indicator.py`) and the views
that print quantities (`projections/indicators.py`, the dashboard, the kwartaalrapportage)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ledger.errors import InvalidInput
from ledger.i18n import _
from ledger.rules.names import check_key

UNITS = ("PJ", "woningen", "aansluitingen", "bronnen", "locaties", "%", "EUR")
_NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")


def check_unit(text: str) -> str:
    value = str(text).strip()
    for unit in UNITS:
        if value.casefold() == unit.casefold() or (unit == "EUR" and value == "€"):
            return unit
    raise InvalidInput(_("'{unit}' is not a unit the ledger knows for indicators.").format(
        unit=text), hint=_("Use one of: {units}.").format(units=", ".join(UNITS)))


def parse_quantity(value: Any, what: str | None = None) -> Decimal:
    """A measured quantity as a `Decimal`: `13`, `4.3` or `4,3`. No thousands separators (write
    20000, not 20.000): a single separator followed by exactly three digits is ambiguous and
    refused. YAML numbers are read through their text, so no binary float enters the ledger.
    `what` (translated: `_("target")`) names the quantity in a refusal (default: the value)."""
    what = what or _("value")
    if isinstance(value, bool):
        raise InvalidInput(_("'{value}' is not a number for the {what}.").format(
            value=value, what=what), hint=_("Write e.g. 4,3."))
    if isinstance(value, Decimal):
        return value
    text = str(value).strip().replace(" ", "")
    if not _NUMBER.match(text):
        raise InvalidInput(_("'{value}' is not a number for the {what}.").format(
            value=value, what=what),
            hint=_("Write a number such as 13, 4.3 or 4,3 (no thousands separators)."))
    whole, sep, frac = text.replace(",", ".").partition(".")
    if sep and len(frac) == 3 and not isinstance(value, float):
        raise InvalidInput(_("'{value}' is ambiguous for the {what}: a thousands separator or a "
                             "decimal mark?").format(value=value, what=what),
                           hint=_("Write whole numbers without separators (20000) and decimals "
                                  "with one or two digits, or four or more (4,3; 0,1250)."))
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern already guarantees a number
        raise InvalidInput(_("'{value}' is not a number for the {what}.").format(
            value=value, what=what)) from None


def format_quantity(value: Decimal | str, unit: str, lang: str = "nl") -> str:
    """`4,3 PJ`, `20.000 woningen`, `€ 1.000`, `30 %` (Dutch marks by default)."""
    v = Decimal(value).normalize()
    if v == v.to_integral():
        v = v.quantize(Decimal(1))
    text = f"{v:,f}"
    if lang == "nl":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    if unit == "EUR":
        return f"€ {text}" if lang == "nl" else f"€{text}"
    return f"{text} {unit}" if unit != "%" else f"{text}%"


def indicator_key(programme: str, key: str) -> str:
    checked = check_key(key, _("indicator key"))
    return f"{str(programme).strip().upper()}/{checked}"


def split_indicator_key(full: str) -> tuple[str, str]:
    parts = str(full).strip().split("/")
    if len(parts) != 2 or not all(p.strip() for p in parts):
        raise InvalidInput(_("'{text}' does not name an indicator.").format(text=full),
                           hint=_("Name an indicator as PROGRAMME/KEY, e.g. DH/warmtevraag."))
    return parts[0].strip().upper(), check_key(parts[1], _("indicator key"))

"""The one money type: `Decimal` euros with at most two decimals, never float.

Users write amounts the way Dutch documents print them, so `parse_amount` accepts `450000`,
`450.000`, `€ 450.000,00`, `450000.50`, `450k` and `2 mln`, and refuses anything negative, anything
with fractions of a cent and anything that could be read two ways (`1,500`: one and a half euro or
fifteen hundred?). `format_eur` writes them back in the Dutch style: `€ 1.060.000` or `€ 12,50`.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from ledger.errors import InvalidInput
from ledger.i18n import N_, _

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("999999999999.99")  # below a trillion euros; Decimal's 28 digits hold it
_HINT = N_("Write amounts like 450000, 450.000, € 450.000,00, 450000.50 or 450k.")
_NEGATIVE_HINT = N_("Amounts are positive; the command says which way the money moves.")
_TWO_WAYS_HINT = N_("Write 1500 or 1.500 for fifteen hundred, 1,50 for one and a half.")
_SUFFIX = {"k": Decimal(1000), "m": Decimal(1_000_000), "mln": Decimal(1_000_000)}


def parse_amount(text: str | int | Decimal, *, allow_zero: bool = True) -> Decimal:
    """Read an amount in euros; see the module docstring for what is accepted."""
    if isinstance(text, bool):
        raise _not_an_amount(text)
    if isinstance(text, int):
        text = str(text)
    if isinstance(text, Decimal):
        amount = text
    else:
        amount = _parse_text(str(text))
    if amount.is_nan() or amount.is_infinite():
        raise _not_an_amount(text)
    if amount < 0:
        raise InvalidInput(
            _("The amount {amount} is negative.").format(amount=text),
            hint=_(_NEGATIVE_HINT),
        )
    _check_size(amount, text)
    if amount != amount.quantize(CENT, rounding=ROUND_HALF_EVEN):
        raise _fractions(text)
    if amount == 0 and not allow_zero:
        raise InvalidInput(_("The amount must be more than zero."), hint=_(_HINT))
    return amount.quantize(CENT)


def _parse_text(raw: str) -> Decimal:
    text = raw.strip().replace("\u00a0", " ")
    text = re.sub(r"^(€|eur|euro)\s*", "", text, flags=re.IGNORECASE).strip()
    text = re.sub(r"\s*(€|eur|euro)$", "", text, flags=re.IGNORECASE).strip()
    if text.startswith("-") or text.startswith("−"):
        raise InvalidInput(
            _("The amount {amount} is negative.").format(amount=raw),
            hint=_(_NEGATIVE_HINT),
        )
    multiplier = Decimal(1)
    match = re.match(r"^(.*?)\s*(k|m|mln)$", text, flags=re.IGNORECASE)
    if match:
        text, multiplier = match.group(1).strip(), _SUFFIX[match.group(2).lower()]
    if text.endswith(",-"):
        text = text[:-2]
    text = text.replace(" ", "")
    if not text or not re.fullmatch(r"[0-9.,]+", text) or not text[0].isdigit():
        raise _not_an_amount(raw)
    number = _normalise(text, raw)
    try:
        value = Decimal(number) * multiplier
    except InvalidOperation:
        raise _not_an_amount(raw) from None
    _check_size(value, raw)
    if value != value.quantize(CENT):
        raise _fractions(raw)
    return value


def _check_size(amount: Decimal, raw: object) -> None:
    """Refuse amounts beyond `MAX_AMOUNT` (or with more than cents to the digit), before any
    arithmetic could overflow Decimal's precision."""
    shown = str(raw) if len(str(raw)) <= 40 else str(raw)[:40] + "…"
    if abs(amount) > MAX_AMOUNT:
        raise InvalidInput(
            _("The amount {amount} is larger than the ledger accepts.").format(amount=shown),
            hint=_("Amounts go up to {maximum}.").format(maximum=format_eur(MAX_AMOUNT)))
    exponent = amount.as_tuple().exponent  # a number (text only for infinity and NaN)
    if isinstance(exponent, int) and exponent < -30:
        raise _fractions(shown)


def _not_an_amount(value: object) -> InvalidInput:
    return InvalidInput(_("'{value}' is not an amount.").format(value=value), hint=_(_HINT))


def _fractions(amount: object) -> InvalidInput:
    return InvalidInput(_("The amount {amount} has fractions of a cent.").format(amount=amount),
                        hint=_(_HINT))


def _normalise(text: str, raw: str) -> str:
    """Turn a number with Dutch or English separators into a plain decimal string."""
    has_dot, has_comma = "." in text, "," in text
    if has_dot and has_comma:
        decimal_sep = "," if text.rfind(",") > text.rfind(".") else "."
        group_sep = "." if decimal_sep == "," else ","
        whole, _sep, frac = text.rpartition(decimal_sep)
        if not re.fullmatch(r"\d{1,3}(" + re.escape(group_sep) + r"\d{3})*", whole):
            raise InvalidInput(_("'{value}' has its thousands grouped wrongly.").format(value=raw),
                               hint=_(_HINT))
        if not re.fullmatch(r"\d{1,2}", frac):
            raise _fractions(raw)
        return whole.replace(group_sep, "") + "." + frac
    if has_comma:
        whole, _sep, frac = text.rpartition(",")
        if text.count(",") > 1 or len(frac) == 3:
            raise InvalidInput(
                _("'{value}' can be read two ways (a decimal comma or a thousands "
                  "separator).").format(value=raw),
                hint=_(_TWO_WAYS_HINT),
            )
        if not re.fullmatch(r"\d{1,2}", frac):
            raise _fractions(raw)
        return whole + "." + frac
    if has_dot:
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
            return text.replace(".", "")
        whole, _sep, frac = text.rpartition(".")
        if text.count(".") == 1 and re.fullmatch(r"\d{1,2}", frac):
            return text
        raise InvalidInput(
            _("'{value}' can be read two ways (a decimal point or a thousands "
              "separator).").format(value=raw),
            hint=_(_TWO_WAYS_HINT),
        )
    return text


def format_eur(amount: Decimal, *, cents: bool | None = None, lang: str | None = None) -> str:
    """An amount for a person to read, in the language in use (ledger/i18n.py), with the CLDR's
    separators (Babel): `€ 1.060.000` or `€ 1.060.000,50` in Dutch, `€1,060,000` or
    `€1,060,000.50` in English. Whole amounts show no cents unless `cents=True`."""
    amount = Decimal(amount).quantize(CENT)
    negative = amount < 0
    whole, frac = f"{abs(amount):.2f}".split(".")
    group, decimal = _symbols(lang)
    grouped = f"{int(whole):,}".replace(",", group)
    show_cents = cents if cents is not None else frac != "00"
    number = f"{grouped}{decimal}{frac}" if show_cents else grouped
    text = f"€ {number}" if (lang or _language()) == "nl" else f"€{number}"
    return f"-{text}" if negative else text


_SYMBOLS: dict[str, tuple[str, str]] = {}


def _symbols(lang: str | None) -> tuple[str, str]:
    """(thousands separator, decimal sign) of the language, from the CLDR (Babel)."""
    lang = lang or _language()
    found = _SYMBOLS.get(lang)
    if found is None:
        from babel.core import Locale  # imported only when an amount is shown

        symbols = Locale.parse(lang).number_symbols["latn"]
        found = (symbols["group"], symbols["decimal"])
        _SYMBOLS[lang] = found
    return found


def _language() -> str:
    from ledger.i18n import language

    return language()


def to_json(amount: Decimal) -> str:
    """Amounts in JSON are strings with two decimals, so no reader turns them into floats."""
    return f"{Decimal(amount).quantize(CENT):.2f}"

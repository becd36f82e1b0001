"""The one way dates and moments are read from users and written back.

Dates are `datetime.date` (valid time: when something took effect in the world). Moments are UTC
`datetime`s (transaction time: when the ledger recorded something); a moment given on the command
line can also be a log position (`#1200` or a bare integer).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from ledger.errors import InvalidInput
from ledger.i18n import N_, _, catalog, language

_DUTCH_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")


DATE = N_("date")


def parse_date(text: str | date, what: str = DATE) -> date:
    """Read a date as YYYY-MM-DD (or DD-MM-YYYY, as Dutch documents write it). `what` names the
    date in the refusal of a bad one: the option or field the user typed it in (`--datum`), or a
    noun marked for translation (`N_("signature date")`, translated here when the catalog knows
    it, so a caller may pass it translated or not)."""
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    value = str(text).strip()
    try:
        dutch = _DUTCH_DATE.match(value)
        if dutch:
            d, m, y = (int(p) for p in dutch.groups())
            return date(y, m, d)
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            _("'{value}' is not a valid {what}.").format(value=value, what=term(what)),
            hint=_("Write dates as YYYY-MM-DD, for example 2021-10-05."),
        ) from None


def term(word: str) -> str:
    """A noun a caller passed to be named in a sentence (`parse_date`'s `what`), in the language
    in use when the catalog knows it (marked with `N_` where it is defined), else as given: an
    option name (`--datum`), or a noun the caller translated already. Never strict: a word is
    not a message, and a caller's translated word is not found again."""
    if language() == "en":
        return word
    found = catalog(language()).gettext(word)
    return found


def today() -> date:
    return datetime.now(UTC).date()


def now() -> datetime:
    return datetime.now(UTC)


def parse_moment(text: str) -> datetime | int:
    """Read a transaction-time moment: an ISO timestamp (UTC if no zone is given), a date (its end,
    UTC), or a log position written as `#N` or `N`."""
    from ledger.chain import check_position

    value = str(text).strip()
    if value.startswith("#"):
        value = value[1:]
        if not (value.isascii() and value.isdigit()):
            raise InvalidInput(_("'{value}' is not a log position.").format(value=text),
                               hint=_("Write a position as #1200."))
    if value.isascii() and value.isdigit():
        return check_position(int(value), N_("log position"), minimum=0)
    try:
        if len(value) == 10:
            d = date.fromisoformat(value)
            return datetime(d.year, d.month, d.day, 23, 59, 59, 999999, tzinfo=UTC)
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            _("'{value}' is not a moment the ledger understands.").format(value=text),
            hint=_("Give a timestamp like 2022-01-17T09:00:00Z, a date like 2022-01-17, "
                   "or a log position like #1200."),
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def parse_day_or_month(text: str | date, what: str = DATE) -> tuple[date, str]:
    """Read a date that documents sometimes give by month only ("juli 2019"): YYYY-MM gives the
    first of that month with precision "month"; a full date (see `parse_date`) gives "day"."""
    if isinstance(text, date):
        return parse_date(text, what), "day"
    value = str(text).strip()
    m = _MONTH.match(value)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            raise InvalidInput(
                _("'{value}' is not a valid {what}.").format(value=value, what=term(what)),
                hint=_("Write a month as YYYY-MM, for example 2019-07."))
        return date(year, month, 1), "month"
    return parse_date(value, what), "day"


def dutch_date(d: date | str, precision: str = "day", lang: str | None = None) -> str:
    """A date as documents write it, in the language in use (or `lang`): "4 april 2019", or
    "juli 2019" for a month; in English "4 April 2019" (`show_date`)."""
    return show_date(d, "month" if precision == "month" else "long", lang=lang)


def show_date(d: date | str, form: str = "long", *, lang: str | None = None) -> str:
    """A date for a person to read, in the language in use (ledger/i18n.py), from the Unicode
    CLDR's data (Babel): `long` "5 oktober 2021" / "5 October 2021" in sentences and documents,
    `month` "oktober 2021", `short` "05-10-2021" / "2021-10-05" in tables (never split, never
    ambiguous between day and month)."""
    value = d if isinstance(d, date) else date.fromisoformat(str(d)[:10])
    lang = lang or _language()
    if form == "short":
        return value.strftime("%d-%m-%Y") if lang == "nl" else value.isoformat()
    month = _months(lang)[value.month]
    if form == "month":
        return f"{month} {value.year}"
    return f"{value.day} {month} {value.year}"


def show_moment(moment: datetime | str, *, lang: str | None = None) -> str:
    """A moment of transaction time (always UTC in the ledger) for a person to read:
    "05-10-2021 14:03:07 UTC" / "2021-10-05 14:03:07 UTC"."""
    value = moment if isinstance(moment, datetime) else datetime.fromisoformat(str(moment))
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return f"{show_date(value.date(), 'short', lang=lang)} {value:%H:%M:%S} UTC"


_MONTH_NAMES: dict[str, dict[int, str]] = {}


def _months(lang: str) -> dict[int, str]:
    names = _MONTH_NAMES.get(lang)
    if names is None:
        from babel.core import Locale  # CLDR's month names; imported only when a date is shown

        names = dict(Locale.parse(lang).months["format"]["wide"])
        _MONTH_NAMES[lang] = names
    return names


def _language() -> str:
    from ledger.i18n import language

    return language()

"""The one way dates and moments are read from users and written back.

Dates are `datetime.date` (valid time: when something took effect in the world). Moments are UTC
`datetime`s (transaction time: when the ledger recorded something); a moment given on the command
line can also be a log position (`#1200` or a bare integer).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from ledger.errors import InvalidInput

_DUTCH_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")


def parse_date(text: str | date, what: str = "date") -> date:
    """Read a date as YYYY-MM-DD (or DD-MM-YYYY, as Dutch documents write it)."""
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
            f"'{value}' is not a valid {what}.",
            hint="Write dates as YYYY-MM-DD, for example 2021-10-05.",
        ) from None


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
            raise InvalidInput(f"'{text}' is not a log position.", hint="Write a position as #1200.")
    if value.isascii() and value.isdigit():
        return check_position(int(value), "log position", minimum=0)
    try:
        if len(value) == 10:
            d = date.fromisoformat(value)
            return datetime(d.year, d.month, d.day, 23, 59, 59, 999999, tzinfo=UTC)
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            f"'{text}' is not a moment the ledger understands.",
            hint="Give a timestamp like 2022-01-17T09:00:00Z, a date like 2022-01-17, "
            "or a log position like #1200.",
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
MONTHS_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
             "september", "oktober", "november", "december")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


def parse_day_or_month(text: str | date, what: str = "date") -> tuple[date, str]:
    """Read a date that documents sometimes give by month only ("juli 2019"): YYYY-MM gives the
    first of that month with precision "month"; a full date (see `parse_date`) gives "day"."""
    if isinstance(text, date):
        return parse_date(text, what), "day"
    value = str(text).strip()
    m = _MONTH.match(value)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            raise InvalidInput(f"'{value}' is not a valid {what}.",
                               hint="Write a month as YYYY-MM, for example 2019-07.")
        return date(year, month, 1), "month"
    return parse_date(value, what), "day"


def dutch_date(d: date | str, precision: str = "day", lang: str = "nl") -> str:
    """A date as Dutch documents write it: "4 april 2019", or "juli 2019" for a month
    (`lang="en"`: "4 April 2019")."""
    value = d if isinstance(d, date) else date.fromisoformat(str(d))
    month = (MONTHS_EN if lang == "en" else MONTHS_NL)[value.month - 1]
    if precision == "month":
        return f"{month} {value.year}"
    return f"{value.day} {month} {value.year}"

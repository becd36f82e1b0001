"""Agreements (overeenkomsten): the kinds, the duty to report, the plustaak's rules, and what an
agreement is on a date (status, members, payers, verdeelsleutel, title, reporting duty, shares),
as pure functions of its recorded facts (`Facts`: plain dates and values). The `Agreement`
aggregate (`ledger/domain/agreement.py`) refuses with the `check_*` functions and derives with
the rest; the agreements view (`projections/agreements.py`) and the authority rules derive with
the same functions, so the ledger and its views never disagree about an agreement.

An agreement is a concept until every invited party has signed (a plustaak: at least three);
it is in werking from the last signature's date and beëindigd from its end date. A party is
bound from then until its withdrawal (uittreden). Amendments apply from their ingangsdatum.
Specified in `features/overeenkomsten/`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from ledger.dates import parse_date, show_date
from ledger.errors import InvalidInput, RuleViolation
from ledger.i18n import _, ngettext
from ledger.rules.decision import BODIES
from ledger.rules.sharing import split, weights

KINDS = {
    "sok": "samenwerkingsovereenkomst (SOK)",
    "dvo": "dienstverleningsovereenkomst (DVO)",
    "centrumregeling": "centrumregeling",
    "plustaak": "plustaak",
    "convenant": "convenant",
    "other": "overeenkomst",
}
FREQUENCIES = {"monthly": 1, "quarterly": 3, "halfyearly": 6, "yearly": 12}
MIN_PARTIES = 2
MIN_PLUSTAAK = 3
CONCEPT, IN_FORCE, ENDED = "concept", "in werking", "beëindigd"


def check_kind(kind: str) -> str:
    value = str(kind).strip().lower()
    if value not in KINDS:
        raise InvalidInput(_("'{kind}' is not a kind of agreement.").format(kind=kind),
                           hint=_("Use one of: {kinds}.").format(kinds=", ".join(KINDS)))
    return value


def check_reporting(frequency: str | None, to: str | None) -> dict[str, str] | None:
    """A duty to report: how often, and to which body of every party (raad by default)."""
    if not frequency:
        if to:
            raise InvalidInput(_("A body to report to needs a reporting frequency."),
                               hint=_("Pass --reporting, one of: {frequencies}.").format(
                                   frequencies=", ".join(FREQUENCIES)))
        return None
    freq = str(frequency).strip().lower().replace("-", "")
    if freq not in FREQUENCIES:
        raise InvalidInput(_("'{frequency}' is not a reporting frequency.").format(
                               frequency=frequency),
                           hint=_("Use one of: {frequencies}.").format(
                               frequencies=", ".join(FREQUENCIES)))
    body = str(to or "raad").strip().lower()
    if body not in BODIES:
        raise InvalidInput(_("'{to}' is not a body to report to.").format(to=to),
                           hint=_("Use one of: {bodies}.").format(bodies=", ".join(BODIES)))
    return {"frequency": freq, "to": body}


def find_party(parties: Sequence[str], party: str) -> str | None:
    """The invited party `party` names (any case), or None."""
    wanted = str(party).strip().casefold()
    return next((p for p in parties if p.casefold() == wanted), None)


def check_plustaak(key: str, invited: list[str], party_kinds: Mapping[str, str],
                   regeling: Facts | None) -> None:
    """A plustaak extends a centrumregeling, with at least three gemeenten of that regeling."""
    if regeling is None:
        raise InvalidInput(_("Plustaak {key} must name the centrumregeling it extends.").format(
                               key=key),
                           hint=_("Pass --extends KEY of the centrumregeling."))
    if regeling.kind != "centrumregeling":
        raise RuleViolation(
            _("Plustaak {key} cannot extend {other}: that is a {kind}, not a centrumregeling.")
            .format(key=key, other=regeling.key, kind=KINDS[regeling.kind]),
            hint=_("Name the centrumregeling the plustaak adds to."))
    others = [p for p in invited if party_kinds.get(p) != "gemeente"]
    if others:
        raise RuleViolation(ngettext(
            "Only gemeenten take part in a plustaak; {parties} is not a gemeente.",
            "Only gemeenten take part in a plustaak; {parties} are not gemeenten.",
            len(others)).format(parties=", ".join(others)))
    if len(invited) < MIN_PLUSTAAK:
        raise RuleViolation(ngettext(
            "Plustaak {key} invites {n} gemeente; a plustaak needs at least {least}.",
            "Plustaak {key} invites {n} gemeenten; a plustaak needs at least {least}.",
            len(invited)).format(key=key, n=len(invited), least=MIN_PLUSTAAK),
            hint=_("A plustaak is taken on by a coalition of at least three gemeenten."))
    outside = [p for p in invited if find_party(regeling.parties, p) is None]
    if outside:
        raise RuleViolation(ngettext(
            "{parties} is not a party to centrumregeling {regeling}, which plustaak {key} "
            "extends.",
            "{parties} are not parties to centrumregeling {regeling}, which plustaak {key} "
            "extends.", len(outside)).format(parties=", ".join(outside), regeling=regeling.key,
                                             key=key))


# --- Derived state on a date ---------------------------------------------------------------

def missing_signatures(a: Facts, on: date) -> list[str]:
    return [p for p in a.parties if p not in a.signatures or a.signatures[p] > on]


def not_in_force(a: Facts, on: date) -> str:
    """Why the agreement is not in werking on `on`, as the end of a sentence."""
    if a.ended is not None and status_on(a, on) == ENDED:
        return _("it ended on {date}").format(date=show_date(a.ended))
    missing = missing_signatures(a, on)
    if missing:
        return ngettext("it is still a concept ({parties} has not signed by then)",
                        "it is still a concept ({parties} have not signed by then)",
                        len(missing)).format(parties=", ".join(missing))
    return _("it is still a concept")


def in_force_since(a: Facts) -> date | None:
    """The day every invited party had signed (the last signature's date), or None. A plustaak
    needs at least three signatures as well."""
    if any(p not in a.signatures for p in a.parties):
        return None
    if a.kind == "plustaak" and len(a.signatures) < MIN_PLUSTAAK:
        return None
    return max(a.signatures.values())


def status_on(a: Facts, on: date) -> str:
    """concept until in force; in werking from the last signature; beëindigd from its end date."""
    if a.ended is not None and on >= a.ended:
        return ENDED
    since = in_force_since(a)
    if since is None or on < since:
        return CONCEPT
    return IN_FORCE


def members_on(a: Facts, on: date) -> list[str]:
    """The parties bound on `on`: none unless in werking; then all who have not withdrawn."""
    if status_on(a, on) != IN_FORCE:
        return []
    return [p for p in a.parties
            if p not in a.withdrawals or a.withdrawals[p] > on]


def payers_on(a: Facts, on: date) -> list[str]:
    return [p for p in members_on(a, on) if p in a.payers]


def _amendments_until(a: Facts, on: date) -> list[Amendment]:
    # Amendments in force by `on`, by ingangsdatum; those of one day in the order recorded.
    dated = [(m.ingangsdatum, i, m) for i, m in enumerate(a.amendments)]
    return [m for d, _, m in sorted(dated, key=lambda t: (t[0], t[1])) if d <= on]


def sharing_on(a: Facts, on: date) -> Mapping[str, Any]:
    sharing = a.sharing
    for m in _amendments_until(a, on):
        if m.sharing:
            sharing = m.sharing
    return sharing


def title_on(a: Facts, on: date) -> str:
    title = a.title
    for m in _amendments_until(a, on):
        if m.title:
            title = m.title
    return title


def reporting_on(a: Facts, on: date) -> tuple[Mapping[str, str] | None, date | None]:
    """The reporting duty on `on` and the day it began to run (the agreement's entry into force,
    or the ingangsdatum of the amendment that set it); the day is None before it runs."""
    duty = a.reporting
    since = in_force_since(a)
    for m in _amendments_until(a, on):
        if m.reporting:
            duty, since = m.reporting, max(m.ingangsdatum, since or date.min)
        elif m.reporting_dropped:
            duty = None
    if since is not None and since > on:
        since = None
    return duty, since


# --- Reporting periods: calendar months, quarters, half years or years -------------------------

def _period(d: date, months: int) -> int:
    return (d.year * 12 + d.month - 1) // months


def _period_start(p: int, months: int) -> date:
    m = p * months
    return date(m // 12, m % 12 + 1, 1)


def _period_end(p: int, months: int) -> date:
    return _period_start(p + 1, months) - timedelta(days=1)


def period_label(p: int, frequency: str) -> str:
    months = FREQUENCIES[frequency]
    start = _period_start(p, months)
    if frequency == "monthly":
        return f"{start.year}-{start.month:02d}"
    if frequency == "quarterly":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if frequency == "halfyearly":
        return f"{start.year}-H{(start.month - 1) // 6 + 1}"
    return str(start.year)


def reporting_status(a: Facts, on: date) -> dict[str, Any] | None:
    """The reporting duty on `on`: when the next report is due and which are overdue.

    A duty to report every period (month, quarter, half year, year) means: in every calendar
    period after the one in which the duty began to run, at least one report is sent (the WRL's
    report on the fourth quarter of 2021 was sent on 17 January 2022, in the first quarter of
    2022). A period that has passed without a report is overdue; its due date is its last day.
    Periods from the agreement's end date on need no report.
    """
    duty, since = reporting_on(a, on)
    if duty is None:
        return None
    freq = duty["frequency"]
    months = FREQUENCIES[freq]
    sent = sorted(d for d in a.reports if d <= on)
    result: dict[str, Any] = {"frequency": freq, "to": duty["to"],
                              "since": since.isoformat() if since else None,
                              "last_report": sent[-1].isoformat() if sent else None,
                              "next_due": None, "overdue": []}
    if since is None:
        return result
    end = a.ended
    covered = {_period(d, months) for d in sent}
    first, current = _period(since, months) + 1, _period(on, months)

    def owed(p: int) -> bool:
        return p not in covered and (end is None or _period_start(p, months) < end)

    result["overdue"] = [{"period": period_label(p, freq),
                          "due": _period_end(p, months).isoformat()}
                         for p in range(first, current) if owed(p)]
    if end is not None and on >= end:
        return result
    p = max(first, current)
    while p in covered:
        p += 1
    if end is None or _period_start(p, months) < end:
        result["next_due"] = _period_end(p, months).isoformat()
    return result


# --- Shares ------------------------------------------------------------------------------------

def shares_on(a: Facts, amount: Decimal, on: date,
              population: Callable[[str, date], int | None]) -> dict[str, Any]:
    """Each paying party's share of `amount` on `on` (see `ledger.rules.sharing`); refused
    unless the agreement is in werking on that date."""
    if status_on(a, on) != IN_FORCE:
        raise RuleViolation(_("Agreement {key} shares no costs on {on}: {why}.").format(
                                key=a.key, on=show_date(on), why=not_in_force(a, on)),
                            hint=_("Ask for a date on which the agreement is in werking."))
    spec = sharing_on(a, on)
    paying = payers_on(a, on)
    w = weights(dict(spec), paying, population, what=_("agreement {key}").format(key=a.key))
    parts = split(amount, w)
    return {"agreement": a.key, "on": on.isoformat(), "amount": amount, "verdeelsleutel": dict(spec),
            "shares": [{"party": p, "weight": w[p], "share": parts[p]} for p in sorted(parts)]}


def as_date(value: Any) -> date:
    """A date as recorded: a date, or its text."""
    return value if isinstance(value, date) else parse_date(value)


@dataclass(frozen=True)
class Amendment:
    """An amendment as it bears on the rules: from its ingangsdatum, what it changes."""

    ingangsdatum: date
    title: str | None = None
    sharing: Mapping[str, Any] | None = None
    reporting: Mapping[str, str] | None = None
    reporting_dropped: bool = False


@dataclass(frozen=True)
class Facts:
    """An agreement as recorded, in plain values: the dates of its signatures, withdrawals, end,
    amendments and reports. Its status, members, verdeelsleutel and reporting duty on a date are
    derived from these by the functions above."""

    key: str
    kind: str
    title: str
    parties: tuple[str, ...]
    payers: tuple[str, ...]
    sharing: Mapping[str, Any]
    reporting: Mapping[str, str] | None = None
    signatures: Mapping[str, date] = field(default_factory=dict)
    withdrawals: Mapping[str, date] = field(default_factory=dict)
    ended: date | None = None
    amendments: tuple[Amendment, ...] = ()
    reports: tuple[date, ...] = ()


def facts(key: str, kind: str, title: str, parties: Iterable[str], payers: Iterable[str],
          sharing: Mapping[str, Any], reporting: Mapping[str, str] | None,
          signatures: Mapping[str, Mapping[str, Any]], withdrawals: Mapping[str, Mapping[str, Any]],
          ended: Mapping[str, Any] | None, amendments: Iterable[Mapping[str, Any]],
          reports: Iterable[Mapping[str, Any]]) -> Facts:
    """`Facts` from an agreement's fields as the aggregate or the view keeps them (each
    signature, withdrawal, end and report a mapping with its `datum`, dates or ISO texts)."""
    return Facts(
        key=key, kind=kind, title=title, parties=tuple(parties), payers=tuple(payers),
        sharing=sharing, reporting=reporting,
        signatures={p: as_date(s["datum"]) for p, s in signatures.items()},
        withdrawals={p: as_date(w["datum"]) for p, w in withdrawals.items()},
        ended=as_date(ended["datum"]) if ended is not None else None,
        amendments=tuple(Amendment(as_date(m["ingangsdatum"]), m.get("title"), m.get("sharing"),
                                   m.get("reporting"), bool(m.get("reporting_dropped")))
                         for m in amendments),
        reports=tuple(as_date(r["datum"]) for r in reports))

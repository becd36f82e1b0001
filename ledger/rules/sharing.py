"""Cost sharing: how an agreement's verdeelsleutel divides an amount over its paying parties, to
the cent.

A verdeelsleutel is a small JSON value kept on the agreement:

    {"method": "per-inwoner", "peildatum": "2021-01-01"}   weights: the recorded populations
    {"method": "equal"}                                     weights: one each
    {"method": "percentages", "percentages": {"GM0546": "40", ...}}   fixed, summing to 100

Every method gives each paying party a weight; the amount is divided in proportion to the weights
by the largest-remainder rule, so the shares always add up to the amount exactly:

1. work in whole cents; each party's exact share is amount × weight / total weight;
2. give every party its exact share rounded down to the cent;
3. hand out the cents left over (fewer than the number of parties) one at a time, to the parties
   with the largest remainders, ties broken by party key (alphabetically).

The functions here are pure: no store, no clock. The agreement area and the budget area call them
with the parties in force and a way to look up populations.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from ledger.dates import parse_date, show_date
from ledger.errors import InvalidInput, RuleViolation
from ledger.i18n import N_, _, ngettext

METHODS = ("per-inwoner", "equal", "percentages")
HUNDRED = Decimal(100)
_PCT_HINT = N_("Give every paying party a percentage, e.g. --percentage GM0518=40, summing to "
              "100.")


def check_verdeelsleutel(method: str | None, *, payers: Iterable[str],
                         peildatum: date | str | None = None,
                         percentages: Mapping[str, Any] | Iterable[str] | None = None
                         ) -> dict[str, Any]:
    """Validate a verdeelsleutel for these paying parties; return it as a JSON value."""
    payers = sorted(payers)
    name = str(method or "equal").strip().lower().replace("_", "-")
    if name in ("per-inwoner", "inwoners", "per-inhabitant"):
        name = "per-inwoner"
    if name not in METHODS:
        raise InvalidInput(_("'{method}' is not a verdeelsleutel.").format(method=method),
                           hint=_("Use one of: {methods}.").format(methods=", ".join(METHODS)))
    if name != "per-inwoner" and peildatum:
        raise InvalidInput(_("A verdeelsleutel '{name}' has no peildatum.").format(name=name),
                           hint=_("Only per-inwoner shares use a peildatum."))
    if name != "percentages" and percentages:
        raise InvalidInput(_("A verdeelsleutel '{name}' takes no percentages.").format(name=name),
                           hint=_("Use --verdeelsleutel percentages with --percentage PARTY=N."))
    if name == "per-inwoner":
        if not peildatum:
            raise InvalidInput(_("A per-inwoner verdeelsleutel needs the peildatum of the "
                                 "populations it uses."), hint=_("Pass --peildatum 2021-01-01."))
        return {"method": name, "peildatum": parse_date(peildatum, _("peildatum")).isoformat()}
    if name == "equal":
        return {"method": name}
    pct = _read_percentages(percentages)
    missing = [p for p in payers if p not in pct]
    extra = sorted(p for p in pct if p not in payers)
    if extra:
        raise InvalidInput(ngettext(
            "{parties} is given a percentage but is not a paying party of the agreement.",
            "{parties} are given a percentage but are not paying parties of the agreement.",
            len(extra)).format(parties=", ".join(extra)), hint=_(_PCT_HINT))
    if missing:
        raise InvalidInput(ngettext(
            "{parties} has no percentage in the verdeelsleutel.",
            "{parties} have no percentage in the verdeelsleutel.",
            len(missing)).format(parties=", ".join(missing)), hint=_(_PCT_HINT))
    total = sum(pct.values(), Decimal(0))
    if total != HUNDRED:
        raise InvalidInput(_("The percentages add up to {total}, not exactly 100.").format(
                               total=_shown(total)),
                           hint=_(_PCT_HINT))
    return {"method": name, "percentages": {p: _plain(v) for p, v in sorted(pct.items())}}


def _read_percentages(given: Mapping[str, Any] | Iterable[str] | None) -> dict[str, Decimal]:
    if not given:
        raise InvalidInput(_("A verdeelsleutel in percentages needs the percentages."),
                           hint=_(_PCT_HINT))
    pairs: list[tuple[str, Any]] = []
    if isinstance(given, Mapping):
        pairs = list(given.items())
    else:
        for item in given:
            party, sep, value = str(item).partition("=")
            if not sep:
                raise InvalidInput(_("'{item}' is not a percentage of a party.").format(
                                       item=item),
                                   hint=_("Write it as PARTY=N, e.g. GM0518=40."))
            pairs.append((party, value))
    found: dict[str, Decimal] = {}
    for party, value in pairs:
        key = str(party).strip().upper()
        if key in found:
            raise InvalidInput(_("{party} is given two percentages.").format(party=key),
                               hint=_(_PCT_HINT))
        found[key] = _percentage(value)
    return found


def _percentage(value: Any) -> Decimal:
    text = str(value).strip().rstrip("%").strip().replace(",", ".")
    try:
        pct = Decimal(text)
    except InvalidOperation:
        raise InvalidInput(_("'{value}' is not a percentage.").format(value=value),
                           hint=_(_PCT_HINT)) from None
    if not pct.is_finite() or pct <= 0 or pct > HUNDRED:
        raise InvalidInput(_("'{value}' is not a percentage above 0 and at most 100.").format(
                               value=value), hint=_(_PCT_HINT))
    if pct != pct.quantize(Decimal("0.0001")):
        raise InvalidInput(_("The percentage {value} has more than four decimals.").format(
                               value=value), hint=_(_PCT_HINT))
    return pct


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def _shown(value: Decimal | str) -> str:
    """A percentage or sum of percentages as a person reads it: 99,9 in Dutch, 99.9 in English."""
    from ledger.i18n import language

    text = _plain(Decimal(value))
    return text.replace(".", ",") if language() == "nl" else text


def describe(spec: Mapping[str, Any]) -> str:
    """The verdeelsleutel in a few words, e.g. `per-inwoner (peildatum 1 januari 2021)`."""
    if spec["method"] == "per-inwoner":
        return _("per-inwoner (peildatum {date})").format(date=show_date(spec["peildatum"]))
    if spec["method"] == "percentages":
        return _("percentages ({shares})").format(shares=", ".join(
            f"{p} {_shown(v)}%" for p, v in spec["percentages"].items()))
    return _("equal")


def weights(spec: Mapping[str, Any], payers: Iterable[str],
            population: Callable[[str, date], int | None], *, what: str | None = None
            ) -> dict[str, Decimal]:
    """Each paying party's weight under the verdeelsleutel. `population(party, peildatum)` gives
    the recorded number of inhabitants, or None; a paying party without one is refused."""
    payers = sorted(payers)
    if spec["method"] == "equal":
        return {p: Decimal(1) for p in payers}
    if spec["method"] == "percentages":
        return {p: Decimal(spec["percentages"][p]) for p in payers}
    peildatum = parse_date(spec["peildatum"], _("peildatum"))
    found: dict[str, Decimal] = {}
    missing: list[str] = []
    for p in payers:
        count = population(p, peildatum)
        if count is None:
            missing.append(p)
        else:
            found[p] = Decimal(count)
    if missing:
        who = ", ".join(missing)
        raise RuleViolation(
            ngettext("The per-inwoner shares of {what} cannot be computed: {parties} has no "
                     "population recorded for peildatum {date}.",
                     "The per-inwoner shares of {what} cannot be computed: {parties} have no "
                     "population recorded for peildatum {date}.", len(missing)).format(
                what=what or _("the agreement"), parties=who, date=show_date(peildatum)),
            hint=_("Record it with `ledger party population {party} --peildatum {peildatum} "
                   "--inwoners N --source TEXT`.").format(party=missing[0],
                                                          peildatum=peildatum.isoformat()))
    return found


def split(amount: Decimal, weights: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """Divide `amount` (euros, whole cents) in proportion to `weights` by the largest-remainder
    rule (see the module docstring); the result adds up to `amount` exactly."""
    if not weights:
        raise RuleViolation(_("There is no paying party to share the amount."))
    if any(w <= 0 for w in weights.values()):
        raise RuleViolation(_("Every weight of a verdeelsleutel must be above zero."))
    cents = int((Decimal(amount) * 100).to_integral_exact())
    total = sum((Fraction(w) for w in weights.values()), Fraction(0))
    floors: dict[str, int] = {}
    remainders: dict[str, Fraction] = {}
    for party, w in weights.items():
        exact = Fraction(cents) * Fraction(w) / total
        floors[party] = math.floor(exact)
        remainders[party] = exact - floors[party]
    left = cents - sum(floors.values())
    for party in sorted(weights, key=lambda p: (-remainders[p], p))[:left]:
        floors[party] += 1
    return {p: (Decimal(floors[p]) / 100).quantize(Decimal("0.01")) for p in sorted(weights)}

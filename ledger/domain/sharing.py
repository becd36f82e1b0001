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

from ledger.dates import parse_date
from ledger.errors import InvalidInput, RuleViolation

METHODS = ("per-inwoner", "equal", "percentages")
HUNDRED = Decimal(100)
_PCT_HINT = "Give every paying party a percentage, e.g. --percentage GM0518=40, summing to 100."


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
        raise InvalidInput(f"'{method}' is not a verdeelsleutel.",
                           hint=f"Use one of: {', '.join(METHODS)}.")
    if name != "per-inwoner" and peildatum:
        raise InvalidInput(f"A verdeelsleutel '{name}' has no peildatum.",
                           hint="Only per-inwoner shares use a peildatum.")
    if name != "percentages" and percentages:
        raise InvalidInput(f"A verdeelsleutel '{name}' takes no percentages.",
                           hint="Use --verdeelsleutel percentages with --percentage PARTY=N.")
    if name == "per-inwoner":
        if not peildatum:
            raise InvalidInput("A per-inwoner verdeelsleutel needs the peildatum of the "
                               "populations it uses.", hint="Pass --peildatum 2021-01-01.")
        return {"method": name, "peildatum": parse_date(peildatum, "peildatum").isoformat()}
    if name == "equal":
        return {"method": name}
    pct = _read_percentages(percentages)
    missing = [p for p in payers if p not in pct]
    extra = sorted(p for p in pct if p not in payers)
    if extra:
        raise InvalidInput(f"{', '.join(extra)} {'is' if len(extra) == 1 else 'are'} given a "
                           "percentage but not a paying party of the agreement.", hint=_PCT_HINT)
    if missing:
        raise InvalidInput(f"{', '.join(missing)} {'has' if len(missing) == 1 else 'have'} no "
                           "percentage in the verdeelsleutel.", hint=_PCT_HINT)
    total = sum(pct.values(), Decimal(0))
    if total != HUNDRED:
        raise InvalidInput(f"The percentages add up to {_plain(total)}, not exactly 100.",
                           hint=_PCT_HINT)
    return {"method": name, "percentages": {p: _plain(v) for p, v in sorted(pct.items())}}


def _read_percentages(given: Mapping[str, Any] | Iterable[str] | None) -> dict[str, Decimal]:
    if not given:
        raise InvalidInput("A verdeelsleutel in percentages needs the percentages.",
                           hint=_PCT_HINT)
    pairs: list[tuple[str, Any]] = []
    if isinstance(given, Mapping):
        pairs = list(given.items())
    else:
        for item in given:
            party, sep, value = str(item).partition("=")
            if not sep:
                raise InvalidInput(f"'{item}' is not a percentage of a party.",
                                   hint="Write it as PARTY=N, e.g. GM0518=40.")
            pairs.append((party, value))
    found: dict[str, Decimal] = {}
    for party, value in pairs:
        key = str(party).strip().upper()
        if key in found:
            raise InvalidInput(f"{key} is given two percentages.", hint=_PCT_HINT)
        found[key] = _percentage(value)
    return found


def _percentage(value: Any) -> Decimal:
    text = str(value).strip().rstrip("%").strip().replace(",", ".")
    try:
        pct = Decimal(text)
    except InvalidOperation:
        raise InvalidInput(f"'{value}' is not a percentage.", hint=_PCT_HINT) from None
    if not pct.is_finite() or pct <= 0 or pct > HUNDRED:
        raise InvalidInput(f"'{value}' is not a percentage above 0 and at most 100.",
                           hint=_PCT_HINT)
    if pct != pct.quantize(Decimal("0.0001")):
        raise InvalidInput(f"The percentage {value} has more than four decimals.", hint=_PCT_HINT)
    return pct


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def describe(spec: Mapping[str, Any]) -> str:
    """The verdeelsleutel in a few words, e.g. `per-inwoner (peildatum 2021-01-01)`."""
    if spec["method"] == "per-inwoner":
        return f"per-inwoner (peildatum {spec['peildatum']})"
    if spec["method"] == "percentages":
        return "percentages (" + ", ".join(f"{p} {v}%" for p, v in spec["percentages"].items()) + ")"
    return "equal"


def weights(spec: Mapping[str, Any], payers: Iterable[str],
            population: Callable[[str, date], int | None], *, what: str = "the agreement"
            ) -> dict[str, Decimal]:
    """Each paying party's weight under the verdeelsleutel. `population(party, peildatum)` gives
    the recorded number of inhabitants, or None; a paying party without one is refused."""
    payers = sorted(payers)
    if spec["method"] == "equal":
        return {p: Decimal(1) for p in payers}
    if spec["method"] == "percentages":
        return {p: Decimal(spec["percentages"][p]) for p in payers}
    peildatum = parse_date(spec["peildatum"], "peildatum")
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
            f"The per-inwoner shares of {what} cannot be computed: {who} "
            f"{'has' if len(missing) == 1 else 'have'} no population recorded for peildatum "
            f"{peildatum}.",
            hint=f"Record it with `ledger party population {missing[0]} --peildatum {peildatum} "
            "--inwoners N --source TEXT`.")
    return found


def split(amount: Decimal, weights: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """Divide `amount` (euros, whole cents) in proportion to `weights` by the largest-remainder
    rule (see the module docstring); the result adds up to `amount` exactly."""
    if not weights:
        raise RuleViolation("There is no paying party to share the amount.")
    if any(w <= 0 for w in weights.values()):
        raise RuleViolation("Every weight of a verdeelsleutel must be above zero.")
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

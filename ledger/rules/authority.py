"""Authority: which bodies are competent for which act, and when a decision can carry an act.

A decision carries an act only when both hold on the act's effective date:

- it is **in force** (`in_force`): taken on or before that date, not withdrawn, aangenomen, not
  expired, ratified by every participating college, its ingangsdatum reached;
- its body is **competent** for the act (`competence`): competence is always competence *for*
  something, judged on that date. The bodies of a programme are its own (`pho:WRL`,
  `regiegroep:WRL`, `programmamanager:WRL`, named by the programme's code), the colleges and raden
  of the parties bound by the agreement the programme runs under on that date, and, where that
  agreement is a centrumregeling or a plustaak, the AB and DB of the centrumregeling. A mandate
  is always given to a concrete body of one programme: a mandate limit keyed by a kind of body
  (`pho:250000`) is read as the limit of the programme's own body of that kind (`pho:WRL`), or,
  for `college` and `raad`, of the colleges or raden of its bound parties; never of every body of
  that kind in the country.

`ACTS` is the table (docs/decisions-and-agreements.md prints it; `features/bevoegdheid/` specifies
it, one Regel per row). The application (`LedgerBase.require_authority`) gathers a `Context` from
the aggregates and asks `refusal`; `ledger status` asks the same of what was recorded earlier.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ledger.money import format_eur

# The roles a body can have for an act (what each row of the table admits).
PROGRAMMA = "programma"  # the programme's own PHO or regiegroep
PROGRAMMAMANAGER = "programmamanager"  # the programme's programmamanager, within its mandate
PARTIJ = "partij"  # the college or raad of a party bound on the date
REGELING = "regeling"  # the AB or DB of the centrumregeling (of a plustaak: the one it extends)
GEZAMENLIJK = "gezamenlijk"  # a PHO decision of every party bound on the date (all ratify it)
EIGEN_COLLEGE = "eigen-college"  # the college of the party that acts itself
EIGEN_RAAD = "eigen-raad"  # the raad of the gemeente that owns the Routekaart
EIGEN_GEMEENTE = "eigen-gemeente"  # the raad or college of the gemeente that owns it
IEDER = "ieder"  # any body (the act belongs to no programme or agreement)

PROGRAMME_BODIES = (PROGRAMMA, PROGRAMMAMANAGER, PARTIJ, REGELING)


@dataclass(frozen=True)
class Row:
    """One row of the table: an act, in words, and the roles that make a body competent.
    `mandate` marks the acts that need a mandate covering the amount (a budget shift)."""

    act: str
    words: str
    roles: tuple[str, ...]
    mandate: bool = False


_ROWS = (
    Row("budget.allocate", "toewijzen van budget", PROGRAMME_BODIES),
    Row("budget.fund", "vastleggen van financiering", PROGRAMME_BODIES),
    Row("budget.reserve", "reserveren", PROGRAMME_BODIES),
    Row("budget.spend", "besteden", PROGRAMME_BODIES),
    Row("budget.release", "vrijgeven van een reservering", PROGRAMME_BODIES),
    Row("budget.shift", "verschuiven tussen werkstromen of jaren", PROGRAMME_BODIES,
        mandate=True),
    Row("budget.assert", "vastleggen van een gedrukt bedrag", PROGRAMME_BODIES),
    Row("budget.accept", "aanvaarden van een verschil", PROGRAMME_BODIES),
    Row("programme.create", "instellen van een programma", (PARTIJ, REGELING, GEZAMENLIJK)),
    Row("workstream.add", "toevoegen van een werkstroom", PROGRAMME_BODIES),
    Row("workstream.topic", "toevoegen van een onderwerp", PROGRAMME_BODIES),
    Row("workstream.status", "wijzigen van status of plan van een onderwerp", PROGRAMME_BODIES),
    Row("indicator.define", "vaststellen van een indicator", PROGRAMME_BODIES),
    Row("indicator.target", "vaststellen van een streefwaarde", PROGRAMME_BODIES),
    Row("indicator.measure", "vastleggen van een meting", PROGRAMME_BODIES),
    Row("report.issue", "uitbrengen van een kwartaalrapportage", PROGRAMME_BODIES),
    Row("routekaart.create", "vaststellen van een Routekaart", (EIGEN_RAAD,)),
    Row("routekaart.status", "wijzigen of heropenen van een status in een Routekaart",
        (EIGEN_GEMEENTE,)),
    Row("routekaart.output", "vastleggen van een uitkomst van een Routekaart",
        (EIGEN_GEMEENTE,)),
    Row("routekaart.weg", "toevoegen van een weg", (EIGEN_GEMEENTE,)),
    Row("routekaart.stap", "toevoegen van een stap", (EIGEN_GEMEENTE,)),
    Row("routekaart.actie", "toevoegen van een actie", (EIGEN_GEMEENTE,)),
    Row("routekaart.inform", "informeren van de raad", (EIGEN_GEMEENTE,)),
    Row("agreement.sign", "ondertekenen van een overeenkomst of plustaak", (EIGEN_COLLEGE,)),
    Row("agreement.withdraw", "uittreden uit een overeenkomst of plustaak", (EIGEN_COLLEGE,)),
    Row("agreement.amend", "wijzigen van een overeenkomst", (GEZAMENLIJK, REGELING, PARTIJ)),
    Row("agreement.end", "beëindigen van een overeenkomst", (GEZAMENLIJK, REGELING, PARTIJ)),
    Row("agreement.report", "rapporteren over een overeenkomst", (PARTIJ, REGELING, GEZAMENLIJK)),
    Row("decision.ratify", "bekrachtigen van een PHO-besluit", (EIGEN_COLLEGE,)),
)
ACTS: dict[str, Row] = {row.act: row for row in _ROWS}
ANY = Row("*", "elke andere handeling", (IEDER,))


def row_of(act: str) -> Row:
    """The table's row for an act; an act the table does not name admits any body."""
    return ACTS.get(act, ANY)


@dataclass(frozen=True)
class Facts:
    """What competence and force are judged on: a decision as recorded."""

    key: str
    body: str
    datum: date
    ingangsdatum: date
    vervaldatum: date | None = None
    vervalreden: str | None = None
    outcome: str = "aangenomen"
    condition: str | None = None
    participants: tuple[str, ...] = ()
    ratifications: Mapping[str, date] = field(default_factory=dict)
    withdrawn: date | None = None


@dataclass(frozen=True)
class Context:
    """What an act is for, on its effective date, as the aggregates tell it.

    `programme` is the programme's code (its own bodies are named by it); `agreement` the
    agreement the act concerns or the programme runs under; `members` the parties it binds on
    the date; `regeling` the centrumregeling whose AB and DB decide (for a plustaak: the one it
    extends); `party` the party that acts itself (signs, withdraws, ratifies, owns a
    Routekaart); `mandates` the programme's mandate limits as recorded (None: unlimited)."""

    act: str
    on: date
    programme: str | None = None
    agreement: str | None = None
    members: frozenset[str] = frozenset()
    regeling: str | None = None
    party: str | None = None
    mandates: Mapping[str, Decimal | None] = field(default_factory=dict)
    amount: Decimal | None = None


def split_body(body: str) -> tuple[str, str]:
    kind, _, who = body.partition(":")
    return kind.strip().lower(), who.strip().upper()


def _eq(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.casefold() == b.casefold()


def roles_of(decision: Facts, ctx: Context) -> list[str]:
    """Every role the decision's body has for this context (before any limit is applied)."""
    kind, who = split_body(decision.body)
    found = []
    if kind in ("pho", "regiegroep") and _eq(who, ctx.programme):
        found.append(PROGRAMMA)
    if kind == "programmamanager" and _eq(who, ctx.programme):
        found.append(PROGRAMMAMANAGER)
    if kind in ("college", "raad") and who in ctx.members:
        found.append(PARTIJ)
    if kind in ("ab", "db") and _eq(who, ctx.regeling):
        found.append(REGELING)
    if (kind == "pho" and ctx.members
            and set(ctx.members) <= {p.upper() for p in decision.participants}):
        found.append(GEZAMENLIJK)
    if kind == "college" and _eq(who, ctx.party):
        found.append(EIGEN_COLLEGE)
    if kind == "raad" and _eq(who, ctx.party):
        found.append(EIGEN_RAAD)
    if kind in ("raad", "college") and _eq(who, ctx.party):
        found.append(EIGEN_GEMEENTE)
    found.append(IEDER)
    return found


def mandate_of(decision: Facts, ctx: Context) -> tuple[bool, Decimal | None]:
    """(has a mandate, its limit) of the decision's body in the programme: the limit given to
    this body itself, else the one given to its kind, which only the programme's own body of
    that kind (or, for college and raad, a bound party's) holds. None is unlimited."""
    kind, who = split_body(decision.body)
    for key in (f"{kind}:{who}", kind):
        for given, limit in ctx.mandates.items():
            if given.casefold() == key.casefold():
                return True, limit
    return False, None


def competence(decision: Facts, ctx: Context) -> str | None:
    """Why the decision's body is not competent for the act (the end of a sentence), or None."""
    row = row_of(ctx.act)
    roles = [r for r in roles_of(decision, ctx) if r in row.roles]
    if not roles:
        return _not_competent(decision, ctx, row)
    if row.mandate or roles == [PROGRAMMAMANAGER]:
        has, limit = mandate_of(decision, ctx)
        if not has:
            return (f"{decision.body} has no mandate for "
                    f"{'budget shifts' if row.mandate else 'this'} in programme {ctx.programme}")
        if limit is not None and ctx.amount is not None and ctx.amount > limit:
            kind, _ = split_body(decision.body)
            return (f"the mandate of {kind} in programme {ctx.programme} reaches "
                    f"{format_eur(limit)}")
    return None


def _not_competent(decision: Facts, ctx: Context, row: Row) -> str:
    kind, who = split_body(decision.body)
    on = ctx.on.isoformat()
    if row.roles == (EIGEN_COLLEGE,):
        if kind != "college":
            return "that needs a decision of a college van B&W"
        return f"it is not a decision of {ctx.party} itself"
    if row.roles == (EIGEN_RAAD,):
        if kind != "raad":
            return "that needs a decision of a gemeenteraad"
        return f"it is not a decision of the raad of {ctx.party}"
    if row.roles == (EIGEN_GEMEENTE,):
        return f"only the raad or college of {ctx.party} decides for it"
    if kind in ("college", "raad"):
        under = (f"agreement {ctx.agreement}" if ctx.agreement else "no agreement")
        if ctx.programme and ctx.agreement:
            under = f"agreement {ctx.agreement}, under which programme {ctx.programme} runs"
        return f"{who} is not a party bound by {under} on {on}"
    if kind in ("ab", "db"):
        if ctx.regeling is None:
            return f"{ctx.agreement or ctx.programme} falls under no centrumregeling"
        return f"it is not a body of centrumregeling {ctx.regeling}"
    if kind == "pho" and GEZAMENLIJK in row.roles and PROGRAMMA not in row.roles:
        missing = sorted(set(ctx.members) - {p.upper() for p in decision.participants})
        if not ctx.members:
            return f"agreement {ctx.agreement} binds no party on {on}"
        return (f"not every party bound by agreement {ctx.agreement} on {on} takes part in it "
                f"(missing: {', '.join(missing)})")
    if ctx.programme:
        return f"it is not a body of programme {ctx.programme}"
    return f"it is not competent for {row.words}"


def in_force(decision: Facts, on: date) -> str | None:
    """Why the decision is not in force on `on` (the end of a sentence), or None. In the order
    of docs/decisions-and-agreements.md ("Status on a date")."""
    if on < decision.datum:
        return f"it was only taken on {decision.datum}"
    if decision.withdrawn is not None and decision.withdrawn <= on:
        return f"it was withdrawn on {decision.withdrawn}"
    if decision.outcome == "verworpen":
        return "it was voted down (verworpen)"
    if decision.outcome == "aangehouden":
        return "it was held over (aangehouden)"
    if decision.outcome == "uitgesteld":
        return f"it was postponed ({decision.condition})"
    if decision.vervaldatum is not None and on >= decision.vervaldatum:
        return f"it expired on {decision.vervaldatum} ({decision.vervalreden})"
    missing = [p for p in decision.participants
               if p not in decision.ratifications or decision.ratifications[p] > on]
    if missing:
        if len(missing) == 1:
            return f"it is still voorgenomen: the college of {missing[0]} has not ratified it"
        return ("it is still voorgenomen: the colleges of " + ", ".join(missing[:-1]) + " and "
                + missing[-1] + " have not ratified it")
    if on < decision.ingangsdatum:
        return f"it takes effect only on {decision.ingangsdatum}"
    return None


def refusal(decision: Facts, ctx: Context) -> str | None:
    """Why the decision cannot carry the act on the context's date, or None when it can."""
    return in_force(decision, ctx.on) or competence(decision, ctx)


def describe_limit(limit: Decimal | str | None) -> str:
    return "unlimited" if limit in (None, "unlimited") else format_eur(Decimal(limit))

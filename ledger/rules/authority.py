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

from ledger.dates import show_date
from ledger.i18n import N_, _
from ledger.money import format_eur
from ledger.rules.decision import IN_FORCE, Facts, missing_ratifications, status_on

__all__ = ["ACTS", "Context", "Facts", "Row", "competence", "in_force", "refusal", "row_of"]

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
    """One row of the table: an act, in words (marked for translation, shown with `_`), and the
    roles that make a body competent.
    `mandate` marks the acts that need a mandate covering the amount (a budget shift)."""

    act: str
    words: str
    roles: tuple[str, ...]
    mandate: bool = False


_ROWS = (
    Row("budget.allocate", N_("allocating budget"), PROGRAMME_BODIES),
    Row("budget.fund", N_("recording funding"), PROGRAMME_BODIES),
    Row("budget.reserve", N_("reserving"), PROGRAMME_BODIES),
    Row("budget.spend", N_("spending"), PROGRAMME_BODIES),
    Row("budget.release", N_("releasing a reservation"), PROGRAMME_BODIES),
    Row("budget.shift", N_("shifting between werkstromen or years"), PROGRAMME_BODIES,
        mandate=True),
    Row("budget.assert", N_("recording a printed amount"), PROGRAMME_BODIES),
    Row("budget.accept", N_("accepting a difference"), PROGRAMME_BODIES),
    Row("programme.create", N_("setting up a programme"), (PARTIJ, REGELING, GEZAMENLIJK)),
    Row("workstream.add", N_("adding a werkstroom"), PROGRAMME_BODIES),
    Row("workstream.topic", N_("adding an onderwerp"), PROGRAMME_BODIES),
    Row("workstream.status", N_("changing the status or plan of an onderwerp"),
        PROGRAMME_BODIES),
    Row("indicator.define", N_("defining an indicator"), PROGRAMME_BODIES),
    Row("indicator.target", N_("setting a target value"), PROGRAMME_BODIES),
    Row("indicator.measure", N_("recording a measurement"), PROGRAMME_BODIES),
    Row("report.issue", N_("issuing a kwartaalrapportage"), PROGRAMME_BODIES),
    Row("routekaart.create", N_("adopting a Routekaart"), (EIGEN_RAAD,)),
    Row("routekaart.status", N_("changing or reopening a status in a Routekaart"),
        (EIGEN_GEMEENTE,)),
    Row("routekaart.output", N_("recording an output of a Routekaart"),
        (EIGEN_GEMEENTE,)),
    Row("routekaart.weg", N_("adding a weg"), (EIGEN_GEMEENTE,)),
    Row("routekaart.stap", N_("adding a stap"), (EIGEN_GEMEENTE,)),
    Row("routekaart.actie", N_("adding an actie"), (EIGEN_GEMEENTE,)),
    Row("routekaart.inform", N_("informing the raad"), (EIGEN_GEMEENTE,)),
    Row("agreement.sign", N_("signing an agreement or plustaak"), (EIGEN_COLLEGE,)),
    Row("agreement.withdraw", N_("withdrawing from an agreement or plustaak"), (EIGEN_COLLEGE,)),
    Row("agreement.amend", N_("amending an agreement"), (GEZAMENLIJK, REGELING, PARTIJ)),
    Row("agreement.end", N_("ending an agreement"), (GEZAMENLIJK, REGELING, PARTIJ)),
    Row("agreement.report", N_("reporting on an agreement"), (PARTIJ, REGELING, GEZAMENLIJK)),
    Row("decision.ratify", N_("ratifying a PHO decision"), (EIGEN_COLLEGE,)),
)
ACTS: dict[str, Row] = {row.act: row for row in _ROWS}
ANY = Row("*", N_("any other act"), (IEDER,))


def row_of(act: str) -> Row:
    """The table's row for an act; an act the table does not name admits any body."""
    return ACTS.get(act, ANY)


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
            if row.mandate:
                return _("{body} has no mandate for budget shifts in programme {programme}")\
                    .format(body=decision.body, programme=ctx.programme)
            return _("{body} has no mandate for this in programme {programme}").format(
                body=decision.body, programme=ctx.programme)
        if limit is not None and ctx.amount is not None and ctx.amount > limit:
            kind = split_body(decision.body)[0]
            return _("the mandate of {kind} in programme {programme} reaches {limit}").format(
                kind=kind, programme=ctx.programme, limit=format_eur(limit))
    return None


def _not_competent(decision: Facts, ctx: Context, row: Row) -> str:
    kind, who = split_body(decision.body)
    on = show_date(ctx.on)
    if row.roles == (EIGEN_COLLEGE,):
        if kind != "college":
            return _("that needs a decision of a college van B&W")
        return _("it is not a decision of {party} itself").format(party=ctx.party)
    if row.roles == (EIGEN_RAAD,):
        if kind != "raad":
            return _("that needs a decision of a gemeenteraad")
        return _("it is not a decision of the raad of {party}").format(party=ctx.party)
    if row.roles == (EIGEN_GEMEENTE,):
        return _("only the raad or college of {party} decides for it").format(party=ctx.party)
    if kind in ("college", "raad"):
        if ctx.programme and ctx.agreement:
            return _("{party} is not a party bound by agreement {agreement}, under which "
                     "programme {programme} runs on {on}").format(
                party=who, agreement=ctx.agreement, programme=ctx.programme, on=on)
        if ctx.agreement:
            return _("{party} is not a party bound by agreement {agreement} on {on}").format(
                party=who, agreement=ctx.agreement, on=on)
        return _("{party} is not a party bound by any agreement on {on}").format(party=who, on=on)
    if kind in ("ab", "db"):
        if ctx.regeling is None:
            return _("{subject} falls under no centrumregeling").format(
                subject=ctx.agreement or ctx.programme)
        return _("it is not a body of centrumregeling {regeling}").format(regeling=ctx.regeling)
    if kind == "pho" and GEZAMENLIJK in row.roles and PROGRAMMA not in row.roles:
        missing = sorted(set(ctx.members) - {p.upper() for p in decision.participants})
        if not ctx.members:
            return _("agreement {agreement} binds no party on {on}").format(
                agreement=ctx.agreement, on=on)
        return _("not every party bound by agreement {agreement} on {on} takes part in it "
                 "(missing: {missing})").format(agreement=ctx.agreement, on=on,
                                                missing=", ".join(missing))
    if ctx.programme:
        return _("it is not a body of programme {programme}").format(programme=ctx.programme)
    return _("it is not competent for {act}").format(act=_(row.words))


def in_force(decision: Facts, on: date) -> str | None:
    """Why the decision is not in force on `on` (the end of a sentence), or None: its status on
    that date (`ledger.rules.decision.status_on`, in the order of docs/decisions-and-agreements.md,
    "Status on a date"), told."""
    status = status_on(decision, on)
    if status == IN_FORCE:
        return None
    if status == "nog niet genomen":
        return _("it was only taken on {date}").format(date=show_date(decision.datum))
    if status == "ingetrokken" and decision.withdrawn is not None:
        return _("it was withdrawn on {date}").format(date=show_date(decision.withdrawn))
    if status == "verworpen":
        return _("it was voted down (verworpen)")
    if status == "aangehouden":
        return _("it was held over (aangehouden)")
    if status == "uitgesteld":
        return _("it was postponed ({condition})").format(condition=decision.condition)
    if status == "vervallen" and decision.vervaldatum is not None:
        return _("it expired on {date} ({reason})").format(
            date=show_date(decision.vervaldatum), reason=decision.vervalreden)
    if status == "voorgenomen":
        missing = missing_ratifications(decision, on)
        if len(missing) == 1:
            return _("it is still voorgenomen: the college of {party} has not ratified it")\
                .format(party=missing[0])
        return _("it is still voorgenomen: the colleges of {parties} and {last} have not "
                 "ratified it").format(parties=", ".join(missing[:-1]), last=missing[-1])
    return _("it takes effect only on {date}").format(date=show_date(decision.ingangsdatum))


def refusal(decision: Facts, ctx: Context) -> str | None:
    """Why the decision cannot carry the act on the context's date, or None when it can."""
    return in_force(decision, ctx.on) or competence(decision, ctx)


def describe_limit(limit: Decimal | str | None) -> str:
    return _("unlimited") if limit in (None, "unlimited") else format_eur(Decimal(limit))

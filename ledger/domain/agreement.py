"""Agreements (overeenkomsten): a SOK, DVO, centrumregeling, plustaak, convenant or other
agreement between invited parties, with its verdeelsleutel and any duty to report.

An agreement is drafted (concept) with the parties invited to it. Each party signs on a date, on
the authority of a decision of its own college; once every invited party has signed, the agreement
is in werking from the last signature's date. It can be amended (each amendment with its own
ingangsdatum and a decision as authority), a party can withdraw (uittreden) from a date, and the
agreement can end on a date. Its status on a date is derived from those events, never stored.

A plustaak extends a centrumregeling: only gemeenten of that regeling take part, at least three of
them (a coalition of the willing), and no withdrawal may leave fewer than three while it runs.
A party that leaves the centrumregeling leaves its plustaken on the same date
(`follow_withdrawal`), by the same command.

The functions at the bottom derive status, members, verdeelsleutel and reporting on a date; they
serve both the aggregate and the read-side view (which passes an object with the same attributes,
dates as ISO strings or dates).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ledger.dates import parse_date, show_date
from ledger.domain.base import LedgerAggregate, check_key, check_name
from ledger.domain.decision import BODIES
from ledger.domain.sharing import check_verdeelsleutel, split, weights
from ledger.envelope import Envelope
from ledger.errors import InvalidInput, RuleViolation
from ledger.i18n import _, ngettext

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


def _find(parties: list[str], party: str) -> str | None:
    wanted = str(party).strip().casefold()
    return next((p for p in parties if p.casefold() == wanted), None)


class Agreement(LedgerAggregate):
    KIND = "agreement"
    if TYPE_CHECKING:  # state, set by the events' apply methods
        kind: str
        title: str
        drafted: date
        parties: list[str]
        payers: list[str]
        lead: str | None
        extends: str | None
        sharing: dict[str, Any]
        reporting: dict[str, str] | None
        signatures: dict[str, dict[str, Any]]
        withdrawals: dict[str, dict[str, Any]]
        ended: dict[str, Any] | None
        amendments: list[dict[str, Any]]
        reports: list[dict[str, Any]]

    class Drafted(LedgerAggregate.Created):
        kind: str
        title: str
        parties: list[str]
        payers: list[str]
        lead: str | None
        extends: str | None
        sharing: dict[str, Any]
        reporting: dict[str, str] | None

        def apply(self, a: Agreement) -> None:
            a.key, a.kind, a.title = self.key, self.kind, self.title
            a.drafted = self.effective
            a.parties, a.payers = list(self.parties), list(self.payers)
            a.lead, a.extends = self.lead, self.extends
            a.sharing, a.reporting = dict(self.sharing), self.reporting
            a.signatures, a.withdrawals, a.ended = {}, {}, None
            a.amendments, a.reports = [], []

        def subjects(self, key: str) -> list[str]:
            return [f"agreement:{self.extends}"] if self.extends else []

    class Signed(LedgerAggregate.Event):
        party: str
        datum: date
        decision: str

        def apply(self, a: Agreement) -> None:
            a.signatures[self.party] = {"datum": self.datum, "decision": self.decision}

        def subjects(self, key: str) -> list[str]:
            return [f"party:{self.party}", f"decision:{self.decision}"]

    class Amended(LedgerAggregate.Event):
        ingangsdatum: date
        decision: str
        summary: str
        title: str | None
        sharing: dict[str, Any] | None
        reporting: dict[str, str] | None
        reporting_dropped: bool

        def apply(self, a: Agreement) -> None:
            a.amendments.append({
                "ingangsdatum": self.ingangsdatum, "decision": self.decision,
                "summary": self.summary, "title": self.title, "sharing": self.sharing,
                "reporting": self.reporting, "reporting_dropped": self.reporting_dropped})

        def subjects(self, key: str) -> list[str]:
            return [f"decision:{self.decision}"]

    class Withdrawn(LedgerAggregate.Event):
        party: str
        datum: date
        decision: str

        def apply(self, a: Agreement) -> None:
            a.withdrawals[self.party] = {"datum": self.datum, "decision": self.decision}

        def subjects(self, key: str) -> list[str]:
            return [f"party:{self.party}", f"decision:{self.decision}"]

    class Ended(LedgerAggregate.Event):
        datum: date
        decision: str | None

        def apply(self, a: Agreement) -> None:
            a.ended = {"datum": self.datum, "decision": self.decision}

        def subjects(self, key: str) -> list[str]:
            return [f"decision:{self.decision}"] if self.decision else []

    class ReportSent(LedgerAggregate.Event):
        datum: date
        to: str

        def apply(self, a: Agreement) -> None:
            a.reports.append({"datum": self.datum, "to": self.to})

    # --- commands ------------------------------------------------------------------------------

    @classmethod
    def draft(cls, env: Envelope, *, key: str, kind: str, title: str, parties: list[str],
              party_kinds: Mapping[str, str], payers: list[str] | None = None,
              lead: str | None = None, extends: Agreement | None = None,
              verdeelsleutel: str | None = None, peildatum: str | None = None,
              percentages: Any = None, reporting: str | None = None,
              report_to: str | None = None) -> Agreement:
        """Draft an agreement. `parties` are the invited parties' keys as stored, `party_kinds`
        their kinds; `extends` is the loaded centrumregeling a plustaak extends."""
        key = check_key(key, _("agreement key"))
        kind = check_kind(kind)
        title = check_name(title, _("agreement title"))
        invited = sorted(dict.fromkeys(parties))
        if len(invited) < MIN_PARTIES:
            raise InvalidInput(ngettext(
                "Agreement {key} invites {n} party; an agreement binds at least {least}.",
                "Agreement {key} invites {n} parties; an agreement binds at least {least}.",
                len(invited)).format(key=key, n=len(invited), least=MIN_PARTIES),
                hint=_("Pass --party for every party."))
        if kind == "plustaak":
            check_plustaak(key, invited, party_kinds, extends)
        elif extends is not None:
            raise InvalidInput(
                _("Only a plustaak extends a centrumregeling, not a {kind}.").format(
                    kind=KINDS[kind]),
                hint=_("Leave out --extends, or use --kind plustaak."))
        if lead is not None:
            found = _find(invited, lead)
            if found is None:
                raise InvalidInput(
                    _("The lead party {lead} is not invited to agreement {key}.").format(
                        lead=lead, key=key),
                    hint=_("The centrumgemeente or trekker must be one of the parties."))
            lead = found
        paying = invited
        if payers:
            paying = []
            for p in payers:
                found = _find(invited, p)
                if found is None:
                    raise InvalidInput(
                        _("The paying party {party} is not invited to agreement {key}.").format(
                            party=p, key=key),
                        hint=_("Every --payer must also be a --party."))
                paying.append(found)
            paying = sorted(dict.fromkeys(paying))
        sharing = check_verdeelsleutel(verdeelsleutel, payers=paying, peildatum=peildatum,
                                       percentages=percentages)
        return cls._register(cls.Drafted, env, key, kind=kind, title=title, parties=invited,
                             payers=paying, lead=lead, extends=extends.key if extends else None,
                             sharing=sharing, reporting=check_reporting(reporting, report_to))

    def sign(self, env: Envelope, *, party: str, datum: date, decision: str) -> None:
        who = self.invited(party)
        if who in self.signatures:
            raise RuleViolation(_("{party} already signed agreement {key} on {date}.").format(
                party=who, key=self.key, date=show_date(self.signatures[who]["datum"])))
        if self.ended is not None and datum >= _as_date(self.ended["datum"]):
            raise RuleViolation(
                _("Agreement {key} ended on {end}; it can no longer be signed on {on}.").format(
                    key=self.key, end=show_date(self.ended["datum"]), on=show_date(datum)))
        self._record(self.Signed, env, party=who, datum=datum, decision=decision)

    def amend(self, env: Envelope, *, ingangsdatum: date, decision: str, summary: str,
              title: str | None = None, verdeelsleutel: str | None = None,
              peildatum: str | None = None, percentages: Any = None,
              reporting: str | None = None, report_to: str | None = None,
              drop_reporting: bool = False) -> None:
        self.check_in_force(ingangsdatum, _("Agreement {key} cannot be amended").format(
            key=self.key))
        summary = check_name(summary, _("summary of the amendment"), limit=4000)
        title = check_name(title, _("agreement title"), required=False)
        sharing = None
        if verdeelsleutel or peildatum or percentages:
            sharing = check_verdeelsleutel(verdeelsleutel or sharing_on(self, ingangsdatum)["method"],
                                           payers=self.payers, peildatum=peildatum,
                                           percentages=percentages)
        duty = check_reporting(reporting, report_to)
        if drop_reporting and duty is not None:
            raise InvalidInput(_("An amendment cannot both set and drop the reporting duty."),
                               hint=_("Pass either --reporting or --no-reporting."))
        if drop_reporting and reporting_on(self, ingangsdatum)[0] is None:
            raise RuleViolation(_("Agreement {key} has no reporting duty on {on} to drop.").format(
                key=self.key, on=show_date(ingangsdatum)))
        self._record(self.Amended, env, ingangsdatum=ingangsdatum, decision=decision,
                     summary=summary, title=title, sharing=sharing, reporting=duty,
                     reporting_dropped=drop_reporting)

    def withdraw(self, env: Envelope, *, party: str, datum: date, decision: str,
                 party_kinds: Mapping[str, str]) -> None:
        """A party leaves (treedt uit) from `datum`: from that day it is bound no more."""
        who = self.invited(party)
        if who in self.withdrawals:
            raise RuleViolation(_("{party} already withdrew from agreement {key} on {date}.")
                                .format(party=who, key=self.key,
                                        date=show_date(self.withdrawals[who]["datum"])))
        if who not in self.signatures:
            raise RuleViolation(
                _("{party} never signed agreement {key}; there is nothing to withdraw from.")
                .format(party=who, key=self.key))
        self.check_in_force(datum, _("{party} cannot withdraw from agreement {key}").format(
            party=who, key=self.key))
        staying = [p for p in self.parties if p != who and p not in self.withdrawals]
        if self.kind == "plustaak":
            gemeenten = [p for p in staying if party_kinds.get(p) == "gemeente"]
            if len(gemeenten) < MIN_PLUSTAAK:
                raise RuleViolation(
                    ngettext("{party} cannot withdraw from plustaak {key} on {on}: it would "
                             "leave {n} gemeente, and a plustaak runs only with at least "
                             "{least}.",
                             "{party} cannot withdraw from plustaak {key} on {on}: it would "
                             "leave {n} gemeenten, and a plustaak runs only with at least "
                             "{least}.", len(gemeenten)).format(
                        party=who, key=self.key, on=show_date(datum), n=len(gemeenten),
                        least=MIN_PLUSTAAK),
                    hint=_("End the plustaak with `ledger agreement end {key}` instead.").format(
                        key=self.key))
        elif len(staying) < MIN_PARTIES:
            raise RuleViolation(
                ngettext("{party} cannot withdraw from agreement {key} on {on}: it would leave "
                         "{n} party, and an agreement binds at least {least}.",
                         "{party} cannot withdraw from agreement {key} on {on}: it would leave "
                         "{n} parties, and an agreement binds at least {least}.",
                         len(staying)).format(party=who, key=self.key, on=show_date(datum),
                                              n=len(staying), least=MIN_PARTIES),
                hint=_("End the agreement with `ledger agreement end {key}` instead.").format(
                    key=self.key))
        self._record(self.Withdrawn, env, party=who, datum=datum, decision=decision)

    def follow_withdrawal(self, env: Envelope, *, party: str, datum: date, decision: str,
                          party_kinds: Mapping[str, str], regeling: str) -> bool:
        """A party that leaves the centrumregeling this plustaak extends leaves the plustaak on
        the same date, on the same decision (`Withdrawn`, recorded by the same command). True
        when it took part in the plustaak then; refused when the plustaak would be left with
        fewer than three gemeenten (end the plustaak first)."""
        who = _find(self.parties, party)
        if who is None or who not in members_on(self, datum):
            left = self.withdrawals.get(who) if who else None
            if left is not None and _as_date(left["datum"]) > datum:
                raise RuleViolation(
                    _("{party} cannot withdraw from centrumregeling {regeling} on {on}: it is "
                      "recorded to leave plustaak {key} only on {date}, and a plustaak counts "
                      "only gemeenten of its centrumregeling.").format(
                        party=who, regeling=regeling, on=show_date(datum), key=self.key,
                        date=show_date(left["datum"])),
                    hint=_("Withdraw from the centrumregeling on or after that date."))
            return False
        gemeenten = [p for p in self.parties if p != who and p not in self.withdrawals
                     and party_kinds.get(p) == "gemeente"]
        if len(gemeenten) < MIN_PLUSTAAK:
            raise RuleViolation(
                ngettext("{party} cannot withdraw from centrumregeling {regeling} on {on}: it "
                         "takes part in plustaak {key}, which would be left with {n} gemeente, "
                         "and a plustaak runs only with at least {least}.",
                         "{party} cannot withdraw from centrumregeling {regeling} on {on}: it "
                         "takes part in plustaak {key}, which would be left with {n} gemeenten, "
                         "and a plustaak runs only with at least {least}.",
                         len(gemeenten)).format(
                    party=who, regeling=regeling, on=show_date(datum), key=self.key,
                    n=len(gemeenten), least=MIN_PLUSTAAK),
                hint=_("End plustaak {key} on or before {on} first "
                       "(`ledger agreement end {key}`).").format(key=self.key,
                                                                 on=show_date(datum)))
        self._record(self.Withdrawn, env, party=who, datum=datum, decision=decision)
        return True

    def end(self, env: Envelope, *, datum: date, decision: str | None) -> None:
        if self.ended is not None:
            raise RuleViolation(_("Agreement {key} already ended on {date}.").format(
                key=self.key, date=show_date(self.ended["datum"])))
        if not decision and not env.reason:
            raise InvalidInput(_("Ending agreement {key} needs a decision or a reason.").format(
                                   key=self.key),
                               hint=_("Pass --decision ID, or --reason when it ends by its own "
                                      "terms."))
        since = in_force_since(self)
        if since is not None and datum < since:
            raise RuleViolation(
                _("Agreement {key} cannot end on {on}, before it came into force on {since}.")
                .format(key=self.key, on=show_date(datum), since=show_date(since)))
        late = [p for p, w in self.withdrawals.items() if _as_date(w["datum"]) > datum]
        if late:
            raise RuleViolation(
                _("Agreement {key} cannot end on {on}: {parties} withdrew from it later.").format(
                    key=self.key, on=show_date(datum), parties=", ".join(late)),
                hint=_("End it on or after those dates."))
        self._record(self.Ended, env, datum=datum, decision=decision)

    def report(self, env: Envelope, *, datum: date, to: str | None = None) -> None:
        duty, _since = reporting_on(self, datum)
        if duty is None:
            raise RuleViolation(_("Agreement {key} has no duty to report on {on}.").format(
                                    key=self.key, on=show_date(datum)),
                                hint=_("Add one with `ledger agreement amend --reporting`."))
        self.check_in_force(datum, _("No report on agreement {key} can be recorded").format(
            key=self.key))
        body = str(to or duty["to"]).strip().lower()
        if body not in BODIES:
            raise InvalidInput(_("'{to}' is not a body to report to.").format(to=to),
                               hint=_("Use one of: {bodies}.").format(bodies=", ".join(BODIES)))
        if not env.refs:
            raise InvalidInput(
                _("A report on agreement {key} needs a reference to what was sent.").format(
                    key=self.key),
                hint=_("Pass --ref zaak:… or doc:… of the letter or report."))
        self._record(self.ReportSent, env, datum=datum, to=body)

    # --- rules and derived state ---------------------------------------------------------------

    def has_reporting_duty(self, on: date) -> bool:
        """In werking on `on`, with a duty to report then."""
        return status_on(self, on) == IN_FORCE and reporting_on(self, on)[0] is not None

    def invited(self, party: str) -> str:
        found = _find(self.parties, party)
        if found is None:
            raise RuleViolation(
                _("{party} is not invited to agreement {key}.").format(
                    party=str(party).strip().upper(), key=self.key),
                hint=_("Its parties are {parties}.").format(parties=", ".join(self.parties)))
        return found

    def check_in_force(self, on: date, refused: str) -> None:
        """Refuse unless in werking on `on`: `refused` says, translated and without a date or
        a full stop, what cannot happen ("Agreement X cannot be amended")."""
        if self.status(on) != IN_FORCE:
            raise RuleViolation(_("{refused} on {on}: {why}.").format(
                                    refused=refused, on=show_date(on), why=not_in_force(self, on)),
                                hint=_("That needs an agreement in werking on the date."))

    def missing_signatures(self, on: date) -> list[str]:
        return missing_signatures(self, on)

    def status(self, on: date) -> str:
        return status_on(self, on)

    def shares(self, amount: Decimal, on: date,
               population: Callable[[str, date], int | None]) -> dict[str, Any]:
        return shares_on(self, amount, on, population)


def check_plustaak(key: str, invited: list[str], party_kinds: Mapping[str, str],
                   regeling: Any) -> None:
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
    outside = [p for p in invited if _find(regeling.parties, p) is None]
    if outside:
        raise RuleViolation(ngettext(
            "{parties} is not a party to centrumregeling {regeling}, which plustaak {key} "
            "extends.",
            "{parties} are not parties to centrumregeling {regeling}, which plustaak {key} "
            "extends.", len(outside)).format(parties=", ".join(outside), regeling=regeling.key,
                                             key=key))


# --- Derived state: the same functions serve the aggregate and the read-side view -------------

def missing_signatures(a: Any, on: date) -> list[str]:
    return [p for p in a.parties
            if p not in a.signatures or _as_date(a.signatures[p]["datum"]) > on]


def not_in_force(a: Any, on: date) -> str:
    """Why the agreement is not in werking on `on`, as the end of a sentence."""
    if status_on(a, on) == ENDED:
        return _("it ended on {date}").format(date=show_date(a.ended["datum"]))
    missing = missing_signatures(a, on)
    if missing:
        return ngettext("it is still a concept ({parties} has not signed by then)",
                        "it is still a concept ({parties} have not signed by then)",
                        len(missing)).format(parties=", ".join(missing))
    return _("it is still a concept")


def in_force_since(a: Any) -> date | None:
    """The day every invited party had signed (the last signature's date), or None. A plustaak
    needs at least three signatures as well."""
    if any(p not in a.signatures for p in a.parties):
        return None
    if a.kind == "plustaak" and len(a.signatures) < MIN_PLUSTAAK:
        return None
    return max(_as_date(s["datum"]) for s in a.signatures.values())


def status_on(a: Any, on: date) -> str:
    """concept until in force; in werking from the last signature; beëindigd from its end date."""
    if a.ended is not None and on >= _as_date(a.ended["datum"]):
        return ENDED
    since = in_force_since(a)
    if since is None or on < since:
        return CONCEPT
    return IN_FORCE


def members_on(a: Any, on: date) -> list[str]:
    """The parties bound on `on`: none unless in werking; then all who have not withdrawn."""
    if status_on(a, on) != IN_FORCE:
        return []
    return [p for p in a.parties
            if p not in a.withdrawals or _as_date(a.withdrawals[p]["datum"]) > on]


def payers_on(a: Any, on: date) -> list[str]:
    return [p for p in members_on(a, on) if p in a.payers]


def _amendments_until(a: Any, on: date) -> list[dict[str, Any]]:
    # Amendments in force by `on`, by ingangsdatum; those of one day in the order recorded.
    dated = [(_as_date(m["ingangsdatum"]), i, m) for i, m in enumerate(a.amendments)]
    return [m for d, _, m in sorted(dated, key=lambda t: (t[0], t[1])) if d <= on]


def sharing_on(a: Any, on: date) -> dict[str, Any]:
    sharing = a.sharing
    for m in _amendments_until(a, on):
        if m.get("sharing"):
            sharing = m["sharing"]
    return sharing


def title_on(a: Any, on: date) -> str:
    title = a.title
    for m in _amendments_until(a, on):
        if m.get("title"):
            title = m["title"]
    return title


def reporting_on(a: Any, on: date) -> tuple[dict[str, str] | None, date | None]:
    """The reporting duty on `on` and the day it began to run (the agreement's entry into force,
    or the ingangsdatum of the amendment that set it); the day is None before it runs."""
    duty = a.reporting
    since = in_force_since(a)
    for m in _amendments_until(a, on):
        if m.get("reporting"):
            duty, since = m["reporting"], max(_as_date(m["ingangsdatum"]), since or date.min)
        elif m.get("reporting_dropped"):
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


def reporting_status(a: Any, on: date) -> dict[str, Any] | None:
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
    sent = sorted(_as_date(r["datum"]) for r in a.reports if _as_date(r["datum"]) <= on)
    result: dict[str, Any] = {"frequency": freq, "to": duty["to"],
                              "since": since.isoformat() if since else None,
                              "last_report": sent[-1].isoformat() if sent else None,
                              "next_due": None, "overdue": []}
    if since is None:
        return result
    end = _as_date(a.ended["datum"]) if a.ended is not None else None
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

def shares_on(a: Any, amount: Decimal, on: date,
              population: Callable[[str, date], int | None]) -> dict[str, Any]:
    """Each paying party's share of `amount` on `on` (see `ledger.domain.sharing`); refused
    unless the agreement is in werking on that date."""
    if status_on(a, on) != IN_FORCE:
        raise RuleViolation(_("Agreement {key} shares no costs on {on}: {why}.").format(
                                key=a.key, on=show_date(on), why=not_in_force(a, on)),
                            hint=_("Ask for a date on which the agreement is in werking."))
    spec = sharing_on(a, on)
    paying = payers_on(a, on)
    w = weights(spec, paying, population, what=_("agreement {key}").format(key=a.key))
    parts = split(amount, w)
    return {"agreement": a.key, "on": on.isoformat(), "amount": amount, "verdeelsleutel": spec,
            "shares": [{"party": p, "weight": w[p], "share": parts[p]} for p in sorted(parts)]}


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else parse_date(value)

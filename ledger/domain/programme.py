"""Programmes and their werkstromen: what the parties agreed to do together, and who may move
money within it.

A programme is keyed by its code (WRL). It runs under an agreement (kept as a key; that the
agreement is known to the ledger is checked by the application), over a period, and names the
public values it must safeguard. Its mandate limits say which body may decide a budget shift of
what size: `programmamanager` up to € 25.000, `pho` up to € 250.000, `college` without limit. A
limit is keyed by the kind of body (`pho`) or by one body (`pho:WRL`); the more specific one wins.
A limit keyed by a kind belongs to the programme's own body of that kind (or, for college and
raad, to its bound parties'), never to every such body: `ledger.rules.authority` judges it.
Werkstromen (WS1, WS2, ...) belong to the programme aggregate: they are few, added rarely, and
every budget and topic command needs to know that they exist.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ledger.dates import parse_date, show_date
from ledger.domain.base import LedgerAggregate
from ledger.domain.decision import check_body
from ledger.envelope import Envelope
from ledger.errors import AlreadyExists, InvalidInput, NotFound
from ledger.i18n import _
from ledger.money import format_eur, parse_amount
from ledger.rules.decision import BODIES
from ledger.rules.names import check_key, check_name

PUBLIC_VALUES = ("betaalbaarheid", "haalbaarheid", "duurzaamheid", "betrouwbaarheid",
                 "tijdigheid")
UNLIMITED = "unlimited"
_UNLIMITED_WORDS = ("unlimited", "onbeperkt", "none")


def check_public_values(values: list[str] | None) -> list[str]:
    found: list[str] = []
    for value in values or []:
        v = str(value).strip().lower()
        if v not in PUBLIC_VALUES:
            raise InvalidInput(_("'{value}' is not a public value the ledger knows.").format(
                value=value), hint=_("Use any of: {values}.").format(
                    values=", ".join(PUBLIC_VALUES)))
        if v not in found:
            found.append(v)
    return found


def parse_mandate(text: str) -> tuple[str, Decimal | None]:
    """Read `BODY:LIMIT` (`pho:250000`, `pho:WRL:250k`, `college:unlimited`) into (body, limit);
    a limit of None means unlimited."""
    value = str(text).strip()
    body, sep, limit = value.rpartition(":")
    if not sep or not body.strip() or not limit.strip():
        raise InvalidInput(_("'{text}' is not a mandate limit.").format(text=text),
                           hint=_("Write BODY:LIMIT, e.g. programmamanager:25000, pho:250k or "
                                  "college:unlimited."))
    body = body.strip().lower() if ":" not in body else check_body(body)
    if ":" not in body and body not in BODIES:
        raise InvalidInput(_("'{body}' is not a kind of bestuursorgaan the ledger knows.").format(
            body=body), hint=_("Use one of: {bodies} (or one body, e.g. pho:PRG).").format(
                bodies=", ".join(BODIES)))
    if limit.strip().lower() in _UNLIMITED_WORDS:
        return body, None
    return body, parse_amount(limit, allow_zero=False)


def check_code(code: str, what: str) -> str:
    return check_key(code, what).upper()


class Programme(LedgerAggregate):
    KIND = "programme"
    if TYPE_CHECKING:  # state, set by the events' apply methods
        name: str
        agreement: str
        start: date
        end: date
        public_values: list[str]
        mandates: dict[str, Decimal | None]
        workstreams: dict[str, dict[str, Any]]

    class Created(LedgerAggregate.Created):
        name: str
        agreement: str
        start: date
        end: date
        public_values: list[str]
        mandates: dict[str, Decimal | None]

        def apply(self, p: Programme) -> None:
            p.key, p.name, p.agreement = self.key, self.name, self.agreement
            p.start, p.end = self.start, self.end
            p.public_values = list(self.public_values)
            p.mandates = dict(self.mandates)
            p.workstreams = {}

    class WorkstreamAdded(LedgerAggregate.Event):
        code: str
        name: str

        def apply(self, p: Programme) -> None:
            p.workstreams[self.code] = {"code": self.code, "name": self.name,
                                        "added": self.effective}

        def subjects(self, key: str) -> list[str]:
            return [f"workstream:{key}/{self.code}"]

    class WorkstreamBudgetNamed(LedgerAggregate.Event):
        """The werkstroom's name in the programme's begroting (the finance table's row), where
        the programme's plan names it otherwise than in its progress report."""
        code: str
        begroting: str

        def apply(self, p: Programme) -> None:
            p.workstreams[self.code] = {**p.workstreams[self.code], "begroting": self.begroting}

        def subjects(self, key: str) -> list[str]:
            return [f"workstream:{key}/{self.code}"]

    @classmethod
    def create(cls, env: Envelope, *, code: str, name: str, agreement: str,
               start: date | str, end: date | str, public_values: list[str] | None = None,
               mandates: list[str] | dict[str, Any] | None = None) -> Programme:
        code = check_code(code, _("programme code"))
        name = check_name(name, _("programme name"))
        agreement = check_key(agreement, _("agreement key"))
        start_d, end_d = parse_date(start, _("start date")), parse_date(end, _("end date"))
        if end_d < start_d:
            raise InvalidInput(
                _("The programme would end on {end}, before it starts on {start}.").format(
                    end=show_date(end_d), start=show_date(start_d)),
                hint=_("Give an end date on or after the start date."))
        limits: dict[str, Decimal | None] = {}
        items = (mandates.items() if isinstance(mandates, dict)
                 else [(None, m) for m in mandates or []])
        for body, limit in items:
            b, lim = parse_mandate(f"{body}:{limit}" if body is not None else str(limit))
            if b in limits:
                raise InvalidInput(_("The mandate of {body} is given twice.").format(body=b),
                                   hint=_("Give each body's limit once."))
            limits[b] = lim
        return cls._register(cls.Created, env, code, name=name, agreement=agreement,
                             start=start_d, end=end_d,
                             public_values=check_public_values(public_values), mandates=limits)

    def add_workstream(self, env: Envelope, *, code: str, name: str) -> None:
        code = check_code(code, _("werkstroom code"))
        name = check_name(name, _("werkstroom name"))
        if code in self.workstreams:
            raise AlreadyExists(
                _("Programme {key} already has werkstroom {code} ({name}).").format(
                    key=self.key, code=code, name=self.workstreams[code]["name"]),
                hint=_("Give the new werkstroom its own code, e.g. WS5."))
        self._record(self.WorkstreamAdded, env, code=code, name=name)

    def name_in_budget(self, env: Envelope, *, code: str, begroting: str) -> None:
        code = self.workstream(code)
        text = check_name(begroting, _("werkstroom's name in the begroting"))
        if self.workstreams[code].get("begroting") == text:
            raise InvalidInput(
                _("Werkstroom {key}/{code} already has that name in the begroting.").format(
                    key=self.key, code=code),
                hint=_("Nothing needs to be recorded: leave it as it is."))
        self._record(self.WorkstreamBudgetNamed, env, code=code, begroting=text)

    # --- questions other aggregates ask --------------------------------------------------------

    def workstream(self, code: str) -> str:
        """The werkstroom's code as stored, or a refusal naming the ones there are."""
        value = str(code).strip().upper()
        if value not in self.workstreams:
            known = ", ".join(sorted(self.workstreams)) or _("none yet")
            raise NotFound(_("Programme {key} has no werkstroom '{code}'.").format(
                key=self.key, code=code),
                hint=_("The werkstromen of {key}: {known}. Add one with `ledger workstream "
                       "add`.").format(key=self.key, known=known))
        return value

    def check_year(self, year: int | str) -> int:
        if not isinstance(year, int) or isinstance(year, bool):
            try:
                year = int(str(year).strip())
            except ValueError:
                raise InvalidInput(_("'{year}' is not a year.").format(year=year),
                                   hint=_("Write a year like 2021.")) from None
        if not self.start.year <= year <= self.end.year:
            raise InvalidInput(
                _("Programme {key} runs from {start} to {end}; {year} is outside it.").format(
                    key=self.key, start=show_date(self.start), end=show_date(self.end),
                    year=year),
                hint=_("Use a year from {first} to {last}.").format(
                    first=self.start.year, last=self.end.year))
        return year

    def check_date(self, on: date, what: str) -> None:
        """Refuse `what` (translated: `_("an allocation")`) effective before the start."""
        if on < self.start:
            raise InvalidInput(
                _("{what} on {on} lies before programme {key} starts on {start}.").format(
                    what=what[0].upper() + what[1:], on=show_date(on), key=self.key,
                    start=show_date(self.start)),
                hint=_("Give an effective date within the programme's period."))

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.key, "name": self.name, "agreement": self.agreement,
                "start": self.start.isoformat(), "end": self.end.isoformat(),
                "public_values": self.public_values,
                "mandates": {b: describe_limit(v) for b, v in self.mandates.items()},
                "workstreams": [{"code": w["code"], "name": w["name"]}
                                for w in self.workstreams.values()]}


def describe_limit(limit: Decimal | str | None) -> str:
    return UNLIMITED if limit in (None, UNLIMITED) else format_eur(Decimal(limit))

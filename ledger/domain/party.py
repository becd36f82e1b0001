"""Parties: the gemeenten and the other organisations that decide, sign and pay.

A gemeente is keyed by its CBS code (GM + four digits, Leiden is GM0546) and gets its TOOI
identifier from it; other parties are keyed by a short code of the secretariat's choosing. A
mistaken registration is never edited: a `Corrected` event states the right values and refers to
the event it corrects; a party registered in error is voided the same way.

A party's population (inwonertal) is kept as a history per peildatum, each figure with its source
(CBS, Bevolking op 1 januari 2021). A later figure for the same peildatum is a correction: a new
`PopulationRecorded` that refers to the figure it corrects; the latest one recorded counts.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from ledger.dates import parse_date, show_date
from ledger.domain.base import LedgerAggregate
from ledger.envelope import Envelope
from ledger.errors import InvalidInput, RuleViolation
from ledger.i18n import _
from ledger.identifiers import TOOI_GEMEENTE, tooi_uri  # noqa: F401 (re-exported)
from ledger.rules.names import check_key, check_name

KINDS = ("gemeente", "provincie", "waterschap", "netbeheerder", "corporatie", "cooperatie",
         "bedrijf", "rijk", "other")
_CBS = re.compile(r"^GM\d{4}$")


def check_kind(kind: str) -> str:
    value = str(kind).strip().lower()
    if value not in KINDS:
        raise InvalidInput(_("'{kind}' is not a kind of party.").format(kind=kind),
                           hint=_("Use one of: {party_kinds}.").format(
                               party_kinds=", ".join(KINDS)))
    return value


def check_cbs(code: str) -> str:
    value = str(code).strip().upper()
    if not _CBS.match(value):
        raise InvalidInput(
            _("'{code}' is not a CBS gemeentecode.").format(code=code),
            hint=_("A CBS gemeentecode is GM followed by four digits, for example GM0518 "
                   "(Den Haag)."),
        )
    return value


def check_inwoners(value: int | str) -> int:
    text = str(value).strip()
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):  # 125.574, as Dutch tables print it
        text = text.replace(".", "")
    if isinstance(value, bool) or not text.isdigit() or int(text) <= 0:
        raise InvalidInput(_("'{value}' is not a number of inhabitants.").format(value=value),
                           hint=_("Give a whole number above zero, for example 125574."))
    return int(text)


def _number(n: int) -> str:
    """A whole number as a person reads it in the language in use: 125.574 / 125,574."""
    from babel.numbers import format_decimal

    from ledger.i18n import language

    return str(format_decimal(n, locale=language()))


class Party(LedgerAggregate):
    KIND = "party"
    if TYPE_CHECKING:  # state, set by the events' apply methods
        kind: str
        name: str
        cbs: str | None
        void: bool
        populations: list[dict[str, Any]]

    class Registered(LedgerAggregate.Created):
        kind: str
        name: str
        cbs: str | None

        def apply(self, party: Party) -> None:
            party.key, party.kind, party.name, party.cbs = self.key, self.kind, self.name, self.cbs
            party.void = False
            party.populations = []

    class Corrected(LedgerAggregate.Event):
        name: str | None
        kind: str | None
        void: bool

        def apply(self, party: Party) -> None:
            if self.name is not None:
                party.name = self.name
            if self.kind is not None:
                party.kind = self.kind
            if self.void:
                party.void = True

    class PopulationRecorded(LedgerAggregate.Event):
        peildatum: date
        inwoners: int
        source: str

        def apply(self, party: Party) -> None:
            party.populations.append({"peildatum": self.peildatum, "inwoners": self.inwoners,
                                      "source": self.source, "version": self.originator_version,
                                      "corrects": self.corrects})

    @classmethod
    def register(cls, env: Envelope, *, kind: str, name: str, key: str | None = None,
                 cbs: str | None = None) -> Party:
        kind = check_kind(kind)
        name = check_name(name, _("party name"))
        if kind == "gemeente":
            if not cbs and key and _CBS.match(key.strip().upper()):
                cbs = key
            if not cbs:
                raise InvalidInput(_("The gemeente {name} needs its CBS code.").format(name=name),
                                   hint=_("Pass --cbs GM0518 (GM and four digits)."))
            cbs = check_cbs(cbs)
            if key and key.strip().upper() != cbs:
                raise InvalidInput(
                    _("A gemeente is keyed by its CBS code {cbs}, not '{key}'.").format(
                        cbs=cbs, key=key),
                    hint=_("Leave out --key for a gemeente."))
            key = cbs
        else:
            if cbs:
                raise InvalidInput(
                    _("Only a gemeente has a CBS gemeentecode, not a {kind}.").format(kind=kind),
                    hint=_("Leave out --cbs."))
            if not key:
                raise InvalidInput(_("The {kind} {name} needs a key.").format(kind=kind, name=name),
                                   hint=_("Pass --key, a short code such as ZH or ENEXIS."))
        return cls._register(cls.Registered, env, check_key(key, _("party key")), kind=kind,
                             name=name, cbs=cbs)

    def correct(self, env: Envelope, *, name: str | None = None, kind: str | None = None,
                void: bool = False) -> None:
        self.check_not_void()
        name = check_name(name, _("party name"), required=False)
        if kind is not None:
            kind = check_kind(kind)
            if (kind == "gemeente") != (self.kind == "gemeente"):
                raise RuleViolation(
                    _("Party {key} cannot become a {kind}: a gemeente is keyed by its CBS code.")
                    .format(key=self.key, kind=kind),
                    hint=_("Void this party with --void and register it again with the right "
                           "kind."))
        if name is None and kind is None and not void:
            raise InvalidInput(_("The correction changes nothing."),
                               hint=_("Pass --name, --kind or --void."))
        if env.corrects is None:
            raise InvalidInput(_("A correction must name the event it corrects."),
                               hint=_("Pass --corrects POSITION (see `ledger log`)."))
        self._record(self.Corrected, env, name=name, kind=kind, void=void)

    def record_population(self, env: Envelope, *, peildatum: date | str, inwoners: int | str,
                          source: str) -> None:
        """Record the number of inhabitants on a peildatum. A figure for a peildatum that already
        has one corrects it: the envelope must then refer to the figure corrected."""
        self.check_not_void()
        day = parse_date(peildatum, _("peildatum"))
        count = check_inwoners(inwoners)
        source = check_name(source, _("source of the population figure"))
        current = self.population_figure(day)
        if current is None and env.corrects is not None:
            raise InvalidInput(
                _("Party {key} has no population figure for peildatum {date} to correct.").format(
                    key=self.key, date=show_date(day)),
                hint=_("Leave out --corrects for the first figure of a peildatum."))
        if current is not None:
            if (current["inwoners"], current["source"]) == (count, source):
                raise RuleViolation(
                    _("Party {key} already has {count} inwoners on peildatum {date} ({source}).")
                    .format(key=self.key, count=_number(count),
                            date=show_date(day), source=source),
                    hint=_("A correction must change the figure or its source."))
            if env.corrects is None:
                raise InvalidInput(
                    _("A new figure for peildatum {date} of party {key} must name the figure it "
                      "corrects.").format(date=show_date(day), key=self.key),
                    hint=_("Pass --corrects POSITION (see `ledger party show`)."))
        self._record(self.PopulationRecorded, env, peildatum=day, inwoners=count, source=source)

    def population_figure(self, peildatum: date) -> dict[str, Any] | None:
        """The figure that counts for exactly this peildatum: the latest recorded."""
        found = [p for p in self.populations if p["peildatum"] == peildatum]
        return found[-1] if found else None

    def population(self, peildatum: date) -> int | None:
        figure = self.population_figure(peildatum)
        return figure["inwoners"] if figure else None

    def check_not_void(self) -> None:
        if self.void:
            raise RuleViolation(_("Party {key} was registered in error and is void.").format(
                key=self.key), hint=_("Use the party that replaced it."))

    @property
    def tooi(self) -> str | None:
        return tooi_uri(self.cbs) if self.cbs else None

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "kind": self.kind, "name": self.name, "cbs": self.cbs,
                "tooi": self.tooi, "void": self.void}

"""Parties: the gemeenten and the other organisations that decide, sign and pay.

A gemeente is keyed by its CBS code (GM + four digits, Leiden is GM0546) and gets its TOOI
identifier from it; other parties are keyed by a short code of the secretariat's choosing. A
mistaken registration is never edited: a `Corrected` event states the right values and refers to
the event it corrects; a party registered in error is voided the same way.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ledger.domain.base import LedgerAggregate, check_key, check_name
from ledger.envelope import Envelope
from ledger.errors import InvalidInput, RuleViolation

KINDS = ("gemeente", "provincie", "waterschap", "netbeheerder", "corporatie", "cooperatie",
         "bedrijf", "rijk", "other")
_CBS = re.compile(r"^GM\d{4}$")
TOOI_GEMEENTE = "https://identifier.overheid.nl/tooi/id/gemeente/"


def check_kind(kind: str) -> str:
    value = str(kind).strip().lower()
    if value not in KINDS:
        raise InvalidInput(f"'{kind}' is not a kind of party.",
                           hint=f"Use one of: {', '.join(KINDS)}.")
    return value


def check_cbs(code: str) -> str:
    value = str(code).strip().upper()
    if not _CBS.match(value):
        raise InvalidInput(
            f"'{code}' is not a CBS gemeentecode.",
            hint="A CBS gemeentecode is GM followed by four digits, for example GM0546 (Leiden).",
        )
    return value


def tooi_uri(cbs: str) -> str:
    return TOOI_GEMEENTE + cbs.lower()


class Party(LedgerAggregate):
    KIND = "party"
    if TYPE_CHECKING:  # state, set by the events' apply methods
        kind: str
        name: str
        cbs: str | None
        void: bool

    class Registered(LedgerAggregate.Created):
        kind: str
        name: str
        cbs: str | None

        def apply(self, party: Party) -> None:
            party.key, party.kind, party.name, party.cbs = self.key, self.kind, self.name, self.cbs
            party.void = False

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

    @classmethod
    def register(cls, env: Envelope, *, kind: str, name: str, key: str | None = None,
                 cbs: str | None = None) -> Party:
        kind = check_kind(kind)
        name = check_name(name, "party name")  # type: ignore[assignment]
        if kind == "gemeente":
            if not cbs and key and _CBS.match(key.strip().upper()):
                cbs = key
            if not cbs:
                raise InvalidInput(f"The gemeente {name} needs its CBS code.",
                                   hint="Pass --cbs GM0546 (GM and four digits).")
            cbs = check_cbs(cbs)
            if key and key.strip().upper() != cbs:
                raise InvalidInput(f"A gemeente is keyed by its CBS code {cbs}, not '{key}'.",
                                   hint="Leave out --key for a gemeente.")
            key = cbs
        else:
            if cbs:
                raise InvalidInput(f"Only a gemeente has a CBS gemeentecode, not a {kind}.",
                                   hint="Leave out --cbs.")
            if not key:
                raise InvalidInput(f"The {kind} {name} needs a key.",
                                   hint="Pass --key, a short code such as ZH or ENEXIS.")
        return cls._register(cls.Registered, env, check_key(key, "party key"), kind=kind,
                             name=name, cbs=cbs)

    def correct(self, env: Envelope, *, name: str | None = None, kind: str | None = None,
                void: bool = False) -> None:
        self.check_not_void()
        name = check_name(name, "party name", required=False)
        if kind is not None:
            kind = check_kind(kind)
            if (kind == "gemeente") != (self.kind == "gemeente"):
                raise RuleViolation(
                    f"Party {self.key} cannot become a {kind}: a gemeente is keyed by its CBS code.",
                    hint="Void this party with --void and register it again with the right kind.")
        if name is None and kind is None and not void:
            raise InvalidInput("The correction changes nothing.",
                               hint="Pass --name, --kind or --void.")
        if env.corrects is None:
            raise InvalidInput("A correction must name the event it corrects.",
                               hint="Pass --corrects POSITION (see `ledger log`).")
        self._record(self.Corrected, env, name=name, kind=kind, void=void)

    def check_not_void(self) -> None:
        if self.void:
            raise RuleViolation(f"Party {self.key} was registered in error and is void.",
                                hint="Use the party that replaced it.")

    @property
    def tooi(self) -> str | None:
        return tooi_uri(self.cbs) if self.cbs else None

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "kind": self.kind, "name": self.name, "cbs": self.cbs,
                "tooi": self.tooi, "void": self.void}

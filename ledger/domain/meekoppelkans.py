"""Meekoppelkansen: two pieces of work done together (replacing a sewer and laying a heat network
in the same street), possibly of different parties or programmes.

A meekoppelkans is keyed by its own code (`MK-ZUIDWEST-1`). Each of its two pieces of work is
either a subject of the ledger (`topic:WRL/WS2/kaders`, `actie:VS-RK/1.2/3`, `stap:VS-RK/1.2`,
`decision:ID`, `indicator:DH/KEY`), whose existence the application checks, or a free
description of another party's project (`Riolering Hoofdstraat (waterschap)`). Its events name
both ledger subjects in `subjects()`, so the relation shows in both audit trails. Status:
verkend -> afgesproken -> in uitvoering -> gerealiseerd, or vervallen at any point; gerealiseerd and
vervallen are final.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ledger.domain.base import LedgerAggregate
from ledger.envelope import Envelope
from ledger.errors import InvalidInput, RuleViolation
from ledger.i18n import _
from ledger.rules.meekoppelkans import (
    FINAL,
    STATUSES,
    check_status,
    reference,
)
from ledger.rules.names import check_key, check_name


class Meekoppelkans(LedgerAggregate):
    KIND = "meekoppelkans"
    if TYPE_CHECKING:  # state, set by the events' apply methods
        name: str
        works: list[str]
        status: str

    class Identified(LedgerAggregate.Created):
        name: str
        works: list[str]
        status: str

        def apply(self, m: Meekoppelkans) -> None:
            m.key, m.name, m.works, m.status = self.key, self.name, list(self.works), self.status

        def subjects(self, key: str) -> list[str]:
            return [f"meekoppelkans:{key}", *[r for w in self.works if (r := reference(w))]]

    class StatusChanged(LedgerAggregate.Event):
        status: str
        works: list[str]  # carried so the event names both pieces of work in its subjects

        def apply(self, m: Meekoppelkans) -> None:
            m.status = self.status

        def subjects(self, key: str) -> list[str]:
            return [f"meekoppelkans:{key}", *[r for w in self.works if (r := reference(w))]]

    @classmethod
    def identify(cls, env: Envelope, *, key: str, name: str, works: list[str],
                 status: str = "verkend") -> Meekoppelkans:
        key = check_key(key, _("meekoppelkans key"))
        cleaned = [check_name(w, _("piece of work")) for w in works or []]
        if len(cleaned) != 2:
            raise InvalidInput(_("Meekoppelkans {key} needs two pieces of work, not "
                                 "{n}.").format(key=key, n=len(cleaned)),
                               hint=_("Pass --work twice: a subject such as topic:PRG/WS2/KEY or "
                                      "actie:VS-RK/1.2/3, or a description of another party's "
                                      "project."))
        if str(cleaned[0]).casefold() == str(cleaned[1]).casefold():
            raise InvalidInput(_("Meekoppelkans {key} couples {work} with itself.").format(
                key=key, work=cleaned[0]), hint=_("Give two different pieces of work."))
        return cls._register(cls.Identified, env, key, name=check_name(name, _("name")),
                             works=[str(w) for w in cleaned], status=check_status(status))

    def change_status(self, env: Envelope, *, status: str) -> None:
        new = check_status(status)
        if self.status in FINAL:
            raise RuleViolation(_("Meekoppelkans {key} is {status}; its status no longer "
                                  "changes.").format(key=self.key, status=self.status),
                                hint=_("Record a new meekoppelkans for new work."))
        if new == self.status:
            raise RuleViolation(_("Meekoppelkans {key} is already {status}.").format(
                key=self.key, status=new), hint=_("Use one of: {statuses}.").format(
                    statuses=", ".join(s for s in STATUSES if s != new)))
        self._record(self.StatusChanged, env, status=new, works=list(self.works))

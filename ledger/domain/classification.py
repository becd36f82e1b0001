"""Classification of work by instrument, level and the gemeente's role: the one vocabulary.

A decision, an onderwerp (topic) or a part of a Routekaart (weg, stap, actie) can be classified by
the instrument it uses (omgevingsvisie, omgevingsprogramma, omgevingsplan, ...), the level it works
at (strategisch, tactisch, operationeel) and the role the gemeente plays in it (visionair,
sturend, faciliterend, toetsend, uitvoerend). One generic mechanism serves every kind: a
`Classification` aggregate keyed by the classified subject (`decision:PHO-WRL-2021-07`,
`topic:WRL/WS2/overleg-wlq`, `actie:VS-RK/1.2/3`), whose events name that subject first in
`subjects()`, so a classification shows in the classified thing's own audit trail. When no level
is given, the instrument's usual level is taken (see `INSTRUMENTS`); a reclassification changes
only the fields it gives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ledger.domain.base import LedgerAggregate
from ledger.envelope import Envelope
from ledger.errors import InvalidInput, RuleViolation
from ledger.i18n import _
from ledger.rules.classification import (
    FIELDS,
    INSTRUMENTS,
    check_criteria,
)


class Classification(LedgerAggregate):
    KIND = "classification"
    if TYPE_CHECKING:  # state, set by the events' apply methods
        instrument: str | None
        level: str | None
        role: str | None

    class Classified(LedgerAggregate.Created):
        instrument: str | None
        level: str | None
        role: str | None

        def apply(self, c: Classification) -> None:
            c.key = self.key
            c.instrument, c.level, c.role = self.instrument, self.level, self.role

        def subjects(self, key: str) -> list[str]:
            return [key]  # the classified subject: it shows in that subject's trail

    class Reclassified(LedgerAggregate.Event):
        instrument: str | None
        level: str | None
        role: str | None

        def apply(self, c: Classification) -> None:
            c.instrument, c.level, c.role = self.instrument, self.level, self.role

        def subjects(self, key: str) -> list[str]:
            return [key]

    @classmethod
    def classify(cls, env: Envelope, subject: str, *, instrument: str | None, level: str | None,
                 role: str | None) -> Classification:
        given = cls.given(subject, instrument, level, role)
        if given["level"] is None and given["instrument"]:
            given["level"] = INSTRUMENTS[given["instrument"]]
        return cls._register(cls.Classified, env, subject, **given)

    def reclassify(self, env: Envelope, *, instrument: str | None, level: str | None,
                   role: str | None) -> None:
        given = self.given(self.key, instrument, level, role)
        new = {f: given[f] if given[f] is not None else getattr(self, f) for f in FIELDS}
        if given["instrument"] and given["level"] is None and self.level is None:
            new["level"] = INSTRUMENTS[given["instrument"]]
        if all(new[f] == getattr(self, f) for f in FIELDS):
            raise RuleViolation(_("{subject} is already classified so; nothing changes.").format(
                subject=self.key), hint=_("Give an instrument, level or role that differs."))
        self._record(self.Reclassified, env, **new)

    @staticmethod
    def given(subject: str, instrument: str | None, level: str | None,
              role: str | None) -> dict[str, str | None]:
        given = check_criteria(instrument, level, role)
        if not any(given.values()):
            raise InvalidInput(_("The classification of {subject} gives no instrument, level or "
                                 "role.").format(subject=subject),
                               hint=_("Pass --instrument, --level or --role."))
        return given

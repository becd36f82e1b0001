"""Writes classifying decisions, onderwerpen and parts of Routekaarten by instrument, level and
the gemeente's role (`ledger/domain/classification.py`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ledger.application.base import LedgerBase, Outcome
from ledger.envelope import Envelope

if TYPE_CHECKING:
    from ledger.domain.base import LedgerAggregate


class ClassificationCommands(LedgerBase):
    def decision_classify(self, env: Envelope, *, decision: str, instrument: str | None = None,
                          level: str | None = None, role: str | None = None) -> Outcome:
        from ledger.domain.decision import Decision

        def subject() -> str:
            return f"decision:{self.get(Decision, decision, 'decision').key}"

        return self._classify("decision.classify", env, {"decision": decision}, subject,
                              instrument, level, role)

    def workstream_classify(self, env: Envelope, *, topic: str, instrument: str | None = None,
                            level: str | None = None, role: str | None = None) -> Outcome:
        from ledger.domain.topic import Topic
        from ledger.rules.topic import split_topic_key

        def subject() -> str:
            return f"topic:{self.get(Topic, '/'.join(split_topic_key(topic)), 'topic').key}"

        return self._classify("workstream.classify", env, {"topic": topic}, subject,
                              instrument, level, role)

    def routekaart_classify(self, env: Envelope, *, part: str, instrument: str | None = None,
                            level: str | None = None, role: str | None = None) -> Outcome:
        from ledger.domain.routekaart import Routekaart
        from ledger.rules.routekaart import Part, split_target

        def subject() -> str:
            key, path = split_target(part)
            rk = self.get(Routekaart, key, "Routekaart")
            if path is None:
                return f"routekaart:{rk.key}"
            where = Part.parse(path)
            rk.node(where)
            return f"{where.kind}:{rk.key}/{where}"

        return self._classify("routekaart.classify", env, {"part": part}, subject,
                              instrument, level, role)

    def _classify(self, command: str, env: Envelope, what: dict[str, str],
                  subject: Callable[[], str],
                  instrument: str | None, level: str | None, role: str | None) -> Outcome:
        from ledger.domain.classification import Classification

        payload = {**what, "instrument": instrument, "level": level, "role": role}

        def build(env: Envelope) -> list[LedgerAggregate]:
            target = subject()
            found = self.find(Classification, target)
            if found is None:
                return [Classification.classify(env, target, instrument=instrument, level=level,
                                                role=role)]
            found.reclassify(env, instrument=instrument, level=level, role=role)
            return [found]

        return self.execute(command, env, payload, build, subject=next(iter(what.values())))

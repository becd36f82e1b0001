"""Onderwerpen (topics) of a werkstroom, with the four fields the quarterly report prints.

A topic is its own aggregate, keyed `PROGRAMME/WERKSTROOM/KEY` (`WRL/WS1/ontwerpscenarios`), so its
audit trail is the subject `topic:WRL/WS1/ontwerpscenarios` and its history never contends with the
budget's. Its fields are resultaat (the intended result), status (where it stands, free text as
the report writes it), plan (how the results will be used) and vervolgstappen (next steps). A
topic can depend ("afhankelijk van") on another topic of the programme or on a decision. Every
change is an event with its effective date, actor and authority; an `Updated` event carries only
the fields it changes. Changes may be back-dated, so the state on a date is a fold in
effective-date order, not simply the latest recorded values.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ledger.dates import show_date
from ledger.domain.base import LedgerAggregate
from ledger.envelope import Envelope
from ledger.errors import RuleViolation
from ledger.i18n import _
from ledger.rules.names import check_name
from ledger.rules.topic import (
    FIELDS,
    normalise_dependency,
    topic_key,
)


class Topic(LedgerAggregate):
    KIND = "topic"
    if TYPE_CHECKING:  # state, set by the events' apply methods
        programme: str
        workstream: str
        started: date
        history: list[tuple[date, int, dict[str, Any]]]

    class Added(LedgerAggregate.Created):
        programme: str
        workstream: str
        name: str
        resultaat: str | None
        status: str | None
        plan: str | None
        vervolgstappen: str | None
        depends_on: list[str]
        decision: str | None

        def apply(self, t: Topic) -> None:
            t.key, t.programme, t.workstream = self.key, self.programme, self.workstream
            t.started = self.effective
            t.history = [(self.effective, 0, {
                "name": self.name, "resultaat": self.resultaat, "status": self.status,
                "plan": self.plan, "vervolgstappen": self.vervolgstappen,
                "depends_on": list(self.depends_on)})]

        def subjects(self, key: str) -> list[str]:
            # About the topic itself; the werkstroom's trail shows it too.
            return [f"topic:{key}", f"workstream:{self.programme}/{self.workstream}"]

    class Updated(LedgerAggregate.Event):
        name: str | None
        resultaat: str | None
        status: str | None
        plan: str | None
        vervolgstappen: str | None
        depends_on: list[str] | None
        decision: str | None

        def apply(self, t: Topic) -> None:
            changes = {f: getattr(self, f) for f in (*FIELDS, "depends_on")
                       if getattr(self, f) is not None}
            t.history.append((self.effective, len(t.history), changes))

        def subjects(self, key: str) -> list[str]:
            programme, workstream, _ = key.split("/")
            return [f"topic:{key}", f"workstream:{programme}/{workstream}"]

    @classmethod
    def add(cls, env: Envelope, *, programme: str, workstream: str, key: str, name: str,
            resultaat: str | None = None, status: str | None = None, plan: str | None = None,
            vervolgstappen: str | None = None, depends_on: list[str] | None = None,
            decision: str | None = None) -> Topic:
        full = topic_key(programme, workstream, key)
        deps = cls.check_dependencies(full, programme, depends_on or [])
        return cls._register(
            cls.Added, env, full, programme=programme.upper(), workstream=workstream.upper(),
            name=check_name(name, _("topic name")), **check_fields(
                resultaat=resultaat, status=status, plan=plan, vervolgstappen=vervolgstappen),
            depends_on=deps, decision=decision)

    @staticmethod
    def check_dependencies(full: str, programme: str, given: list[str]) -> list[str]:
        deps: list[str] = []
        for d in given:
            dep = normalise_dependency(d, programme.upper())
            if dep == f"topic:{full}":
                raise RuleViolation(_("Topic {key} cannot depend on itself.").format(key=full),
                                    hint=_("Name another topic or a decision it depends on."))
            if dep not in deps:
                deps.append(dep)
        return deps

    def update(self, env: Envelope, *, name: str | None = None, resultaat: str | None = None,
               status: str | None = None, plan: str | None = None,
               vervolgstappen: str | None = None, depends_on: list[str] | None = None,
               drop_depends_on: list[str] | None = None, decision: str | None = None) -> list[str]:
        """Record the fields that change; returns the dependencies added (for the application to
        check that they exist and make no cycle)."""
        if env.effective < self.started:
            raise RuleViolation(
                _("A change of topic {key} on {on} cannot precede the topic itself, added on "
                  "{added}.").format(key=self.key, on=show_date(env.effective),
                                     added=show_date(self.started)),
                hint=_("Give an effective date on or after the topic's start."))
        before = self.state_on(env.effective)
        given = {"name": check_name(name, _("topic name"), required=False),
                 **check_fields(resultaat=resultaat, status=status, plan=plan,
                                vervolgstappen=vervolgstappen)}
        changes: dict[str, Any] = {f: v for f, v in given.items()
                                   if v is not None and v != before[f]}
        deps = list(before["depends_on"])
        added = [d for d in self.check_dependencies(self.key, self.programme, depends_on or [])
                 if d not in deps]
        dropped = [normalise_dependency(d, self.programme) for d in drop_depends_on or []]
        for d in dropped:
            if d not in deps:
                raise RuleViolation(
                    _("Topic {key} does not depend on {dependency}.").format(
                        key=self.key, dependency=d),
                    hint=_("Its dependencies: {dependencies}.").format(
                        dependencies=", ".join(deps) or _("none")))
        new_deps = [d for d in deps if d not in dropped] + added
        if new_deps != deps:
            changes["depends_on"] = new_deps
        if not changes:
            raise RuleViolation(
                _("The change of topic {key} on {on} changes nothing.").format(
                    key=self.key, on=show_date(env.effective)),
                hint=_("Give a field with a new value (--status, --resultaat, --plan, "
                       "--vervolgstappen, --depends-on)."))
        self._record(self.Updated, env, **{f: changes.get(f) for f in FIELDS},
                     depends_on=changes.get("depends_on"), decision=decision)
        return added

    def state_on(self, on: date) -> dict[str, Any]:
        """The topic's fields as they stood on `on` (effective-date order, then recording)."""
        state: dict[str, Any] = {}
        for effective, _seq, changes in sorted(self.history, key=lambda h: (h[0], h[1])):
            if effective > on:
                break
            state.update(changes)
        return state

    @property
    def dependencies(self) -> list[str]:
        """Every dependency the topic has had at any date (for the cycle check)."""
        found: list[str] = []
        for _e, _s, changes in self.history:
            for d in changes.get("depends_on") or []:
                if d not in found:
                    found.append(d)
        return found


def check_fields(**fields: str | None) -> dict[str, str | None]:
    # A refusal names the field as its option does (--resultaat, --status, --plan, ...).
    return {f: check_name(v, f, required=False, limit=2000) for f, v in fields.items()}

"""Writes about programmes, their werkstromen and the onderwerpen (topics) of a werkstroom."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ledger.application.base import LedgerBase, Outcome, Scope
from ledger.dates import show_date
from ledger.envelope import Envelope
from ledger.errors import AlreadyExists, NotFound, RuleViolation
from ledger.i18n import _
from ledger.rules.names import check_key

if TYPE_CHECKING:  # the aggregates are imported where they are used
    from ledger.domain.base import LedgerAggregate
    from ledger.domain.topic import Topic


def split_workstream(path: str) -> tuple[str, str]:
    """`WRL/WS1` into (programme, werkstroom)."""
    from ledger.domain.programme import check_code
    from ledger.errors import InvalidInput

    parts = str(path).strip().split("/")
    if len(parts) != 2 or not all(p.strip() for p in parts):
        raise InvalidInput(_("'{text}' does not name a werkstroom.").format(text=path),
                           hint=_("Name a werkstroom as PROGRAMME/CODE, e.g. PRG/WS1."))
    return check_code(parts[0], _("programme code")), check_code(parts[1], _("werkstroom code"))


class ProgrammeCommands(LedgerBase):
    def programme_create(self, env: Envelope, *, code: str, name: str, agreement: str,
                         start: date | str, end: date | str,
                         public_values: list[str] | None = None,
                         mandates: list[str] | dict[str, Any] | None = None) -> Outcome:
        from ledger.domain.programme import Programme, check_code

        payload = {"code": code, "name": name, "agreement": agreement, "start": start,
                   "end": end, "public_values": public_values, "mandates": mandates}

        def build(env: Envelope) -> list[LedgerAggregate]:
            key = check_code(code, _("programme code"))
            if self.exists(Programme, key):
                raise AlreadyExists(_("Programme {key} already exists.").format(key=key),
                                    hint=_("Give the new programme its own code."))
            under = self.check_agreement_ref(agreement, env.effective, programme=key)
            programme = Programme.create(env, code=key, name=name, agreement=under,
                                         start=start, end=end, public_values=public_values,
                                         mandates=mandates)
            return [programme]

        return self.execute("programme.create", env, payload, build,
                            subject=f"programme:{str(code).strip().upper()}",
                            scope=Scope(agreement=str(agreement).strip()))

    def check_agreement_ref(self, key: str, on: date, *, programme: str = "") -> str:
        """The agreement a programme runs under must be known to the ledger on `on` (the
        programme's effective date): recorded, drafted on or before that date as the ledger
        records it, and not ended by then. It need not be signed yet: a programme team may start
        before the agreement comes into force. Returns the agreement's key as stored."""
        from ledger.domain.agreement import Agreement
        from ledger.rules.agreement import ENDED

        key = check_key(key, _("agreement key"))
        who = (_("Programme {key}").format(key=programme) if programme
               else _("A programme"))
        found = self.find(Agreement, key)
        if found is None:
            raise NotFound(_("{who} cannot run under agreement {agreement}: the ledger knows no "
                             "such agreement.").format(who=who, agreement=key),
                           hint=_("Record the agreement first with `ledger agreement create` "
                                  "(it need not be signed yet)."))
        if found.drafted > on:
            raise RuleViolation(
                _("{who} cannot run under agreement {agreement} on {on}: the agreement is "
                  "recorded as drafted only on {drafted}.").format(
                    who=who, agreement=found.key, on=show_date(on),
                    drafted=show_date(found.drafted)),
                hint=_("Date the programme on or after the agreement's draft."))
        if found.status(on) == ENDED:
            ended = (found.ended or {}).get("datum")
            raise RuleViolation(
                _("{who} cannot run under agreement {agreement} on {on}: the agreement ended on "
                  "{ended}.").format(who=who, agreement=found.key, on=show_date(on),
                                     ended=show_date(ended) if ended else "?"),
                hint=_("A programme runs under an agreement that has not ended."))
        return found.key

    def workstream_add(self, env: Envelope, *, programme: str, code: str, name: str) -> Outcome:
        from ledger.domain.programme import Programme

        payload = {"programme": programme, "code": code, "name": name}

        def build(env: Envelope) -> list[LedgerAggregate]:
            prog = self.get(Programme, programme, "programme")
            prog.add_workstream(env, code=code, name=name)
            return [prog]

        return self.execute("workstream.add", env, payload, build,
                            subject=f"workstream:{str(programme).upper()}/{str(code).upper()}",
                            scope=Scope(programme=str(programme).strip().upper()))

    def workstream_begroting(self, env: Envelope, *, programme: str, code: str,
                             begroting: str) -> Outcome:
        """Record the werkstroom's name in the begroting: the finance table names its row so."""
        from ledger.domain.programme import Programme

        payload = {"programme": programme, "code": code, "begroting": begroting}

        def build(env: Envelope) -> list[LedgerAggregate]:
            prog = self.get(Programme, programme, "programme")
            prog.name_in_budget(env, code=code, begroting=begroting)
            return [prog]

        return self.execute("workstream.begroting", env, payload, build,
                            subject=f"workstream:{str(programme).upper()}/{str(code).upper()}")

    def workstream_topic(self, env: Envelope, *, programme: str, workstream: str, key: str,
                         name: str, resultaat: str | None = None, status: str | None = None,
                         plan: str | None = None, vervolgstappen: str | None = None,
                         depends_on: list[str] | None = None,
                         decision: str | None = None) -> Outcome:
        from ledger.domain.programme import Programme
        from ledger.domain.topic import Topic

        payload = {"programme": programme, "workstream": workstream, "key": key, "name": name,
                   "resultaat": resultaat, "status": status, "plan": plan,
                   "vervolgstappen": vervolgstappen, "depends_on": depends_on,
                   "decision": decision}

        def build(env: Envelope) -> list[LedgerAggregate]:
            prog = self.get(Programme, programme, "programme")
            ws = prog.workstream(workstream)
            prog.check_date(env.effective, _("the topic"))
            self._topic_authority(decision, env, _("topic {key}").format(key=key),
                                  "workstream.topic", prog.key)
            topic = Topic.add(env, programme=prog.key, workstream=ws, key=key, name=name,
                              resultaat=resultaat, status=status, plan=plan,
                              vervolgstappen=vervolgstappen,
                              depends_on=self._canonical(depends_on, prog.key),
                              decision=decision)
            if self.exists(Topic, topic.key):
                raise AlreadyExists(_("Topic {key} already exists.").format(key=topic.key),
                                    hint=_("Change it with `ledger workstream status`, or give "
                                           "the new topic its own key."))
            self.check_dependencies(topic, topic.state_on(date.max)["depends_on"])
            return [topic]

        return self.execute("workstream.topic", env, payload, build,
                            subject=f"topic:{str(programme).upper()}/{str(workstream).upper()}/{key}",
                            scope=Scope(programme=str(programme).strip().upper()))

    def workstream_status(self, env: Envelope, *, topic: str, name: str | None = None,
                          resultaat: str | None = None, status: str | None = None,
                          plan: str | None = None, vervolgstappen: str | None = None,
                          depends_on: list[str] | None = None,
                          drop_depends_on: list[str] | None = None,
                          decision: str | None = None) -> Outcome:
        from ledger.domain.topic import Topic
        from ledger.rules.topic import split_topic_key

        payload = {"topic": topic, "name": name, "resultaat": resultaat, "status": status,
                   "plan": plan, "vervolgstappen": vervolgstappen, "depends_on": depends_on,
                   "drop_depends_on": drop_depends_on, "decision": decision}

        def build(env: Envelope) -> list[LedgerAggregate]:
            p, w, k = split_topic_key(topic)
            found = self.get(Topic, f"{p}/{w}/{k}", "topic")
            self._topic_authority(decision, env,
                                  _("a change of topic {key}").format(key=found.key),
                                  "workstream.status", p)
            added = found.update(env, name=name, resultaat=resultaat, status=status, plan=plan,
                                 vervolgstappen=vervolgstappen,
                                 depends_on=self._canonical(depends_on, p),
                                 drop_depends_on=self._canonical(drop_depends_on, p),
                                 decision=decision)
            self.check_dependencies(found, added)
            return [found]

        return self.execute("workstream.status", env, payload, build, subject=f"topic:{topic}",
                            scope=Scope(programme=_programme_of(topic)))

    # --- rules that need more than one aggregate ----------------------------------------------

    def _topic_authority(self, decision: str | None, env: Envelope, purpose: str, act: str,
                         programme: str) -> None:
        if decision:
            self.require_authority(decision, env.effective, purpose=purpose, act=act,
                                   scope=Scope(programme=programme))

    def _canonical(self, given: list[str] | None, programme: str) -> list[str]:
        """Dependencies spelled as the ledger stores them (a topic's or decision's own key, so
        that a different case in the command still names the same thing)."""
        from ledger.domain.decision import Decision
        from ledger.domain.topic import Topic
        from ledger.rules.topic import normalise_dependency

        out = []
        for d in given or []:
            dep = normalise_dependency(d, programme)
            kind, ref = dep.split(":", 1)
            found = self.find(Topic if kind == "topic" else Decision, ref)
            out.append(f"{kind}:{found.key}" if found is not None else dep)
        return out

    def check_dependencies(self, topic: Topic, added: list[str]) -> None:
        """Every dependency must name a topic or decision the ledger knows, and topics may not
        depend on each other in a circle."""
        from ledger.domain.decision import Decision
        from ledger.domain.topic import Topic

        for dep in added:
            kind, ref = dep.split(":", 1)
            if kind == "besluit":
                if not self.exists(Decision, ref):
                    raise NotFound(_("Topic {key} cannot depend on besluit:{ref}: the ledger "
                                     "knows no such decision.").format(key=topic.key, ref=ref),
                                   hint=_("Record the decision first with `ledger decision "
                                          "record`."))
                continue
            other = self.find(Topic, ref)
            if other is None:
                raise NotFound(_("Topic {key} cannot depend on topic:{ref}: there is no such "
                                 "topic.").format(key=topic.key, ref=ref),
                               hint=_("Add that topic first with `ledger workstream topic`."))
            path = self._path_back(other, topic.key)
            if path:
                raise RuleViolation(
                    _("Topic {key} cannot depend on {ref}: {ref} already depends on {key} "
                      "(through {path}), which would make a circle.").format(
                        key=topic.key, ref=ref, path=" -> ".join(path)),
                    hint=_("Drop one of the dependencies first (--drop-depends-on)."))

    def _path_back(self, start: Topic, target: str) -> list[str]:
        """The chain of topic dependencies from `start` to `target`, or [] when there is none."""
        from ledger.domain.topic import Topic

        seen: set[str] = set()
        stack: list[tuple[Topic, list[str]]] = [(start, [start.key])]
        while stack:
            node, path = stack.pop()
            for dep in node.state_on(date.max)["depends_on"]:
                if not dep.startswith("topic:"):
                    continue
                ref = dep.split(":", 1)[1]
                if ref == target:
                    return [*path, target]
                if ref in seen:
                    continue
                seen.add(ref)
                nxt = self.find(Topic, ref)
                if nxt is not None:
                    stack.append((nxt, [*path, ref]))
        return []


def _programme_of(path: str) -> str | None:
    """The programme of a `P/W/K` path as typed (its owner judges authority), or None."""
    head = str(path).strip().split("/", 1)[0].strip()
    return head.upper() or None

"""Writes about meekoppelkansen: two pieces of work coupled, and the status of their coupling."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ledger.application.base import LedgerBase, Outcome
from ledger.envelope import Envelope
from ledger.errors import AlreadyExists
from ledger.i18n import _

if TYPE_CHECKING:
    from ledger.domain.base import LedgerAggregate


class MeekoppelkansCommands(LedgerBase):
    def meekoppel_add(self, env: Envelope, *, key: str, name: str, works: list[str],
                      status: str = "verkend") -> Outcome:
        from ledger.domain.meekoppelkans import Meekoppelkans

        payload = {"key": key, "name": name, "works": works, "status": status}

        def build(env: Envelope) -> list[LedgerAggregate]:
            found = Meekoppelkans.identify(env, key=key, name=name,
                                           works=[self._work(w) for w in works or []],
                                           status=status)
            if self.exists(Meekoppelkans, found.key):
                raise AlreadyExists(_("Meekoppelkans {key} already exists.").format(
                    key=found.key), hint=_("Change its status with `ledger meekoppel status`."))
            return [found]

        return self.execute("meekoppel.add", env, payload, build, subject=f"meekoppelkans:{key}")

    def meekoppel_status(self, env: Envelope, *, key: str, status: str) -> Outcome:
        from ledger.domain.meekoppelkans import Meekoppelkans

        def build(env: Envelope) -> list[LedgerAggregate]:
            found = self.get(Meekoppelkans, key, "meekoppelkans")
            found.change_status(env, status=status)
            return [found]

        return self.execute("meekoppel.status", env, {"key": key, "status": status}, build,
                            subject=f"meekoppelkans:{key}")

    def _work(self, work: str) -> str:
        """A piece of work as stored: a ledger subject spelled as the ledger keys it (refused
        when the ledger does not know it), or the free description as given."""
        from ledger.domain.decision import Decision
        from ledger.domain.indicator import Indicator
        from ledger.domain.programme import Programme
        from ledger.domain.routekaart import Routekaart
        from ledger.domain.topic import Topic
        from ledger.rules.meekoppelkans import reference
        from ledger.rules.routekaart import Part
        from ledger.rules.topic import split_topic_key

        ref = reference(work)
        if ref is None:
            return str(work).strip()
        kind, key = ref.split(":", 1)
        if kind == "topic":
            return f"topic:{self.get(Topic, '/'.join(split_topic_key(key)), 'topic').key}"
        if kind in ("actie", "stap", "weg", "routekaart"):
            rk_key, _, path = key.partition("/")
            rk = self.get(Routekaart, rk_key, "Routekaart")
            if kind == "routekaart" or not path:
                return f"routekaart:{rk.key}"
            part = Part.parse(path)
            rk.node(part)
            return f"{part.kind}:{rk.key}/{part}"
        cls = {"decision": Decision, "indicator": Indicator, "programme": Programme}.get(kind)
        if cls is not None:
            return f"{kind}:{self.get(cls, key, kind).key}"
        programme, _, ws = key.partition("/")
        return f"workstream:{self.get(Programme, programme, 'programme').key}/" \
               f"{self.get(Programme, programme, 'programme').workstream(ws)}"

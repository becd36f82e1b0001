"""Writes about Routekaarten: adopt one, add wegen, stappen and acties, change statuses, record
outputs and the informatiebrieven that inform the raad.

Parts are named by their path within the Routekaart (`1`, `1.2`, `1.2/3`; see
`ledger.domain.routekaart`). The adoption rests on a decision of the owning gemeente's raad; a
status change may rest on a decision (checked to be in force on its effective date), and must when
it reopens something closed and no reference is given.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import TYPE_CHECKING, Any

from ledger.application.base import Built, LedgerBase, Outcome, Scope
from ledger.dates import parse_date, parse_day_or_month, show_date
from ledger.envelope import Envelope
from ledger.errors import AlreadyExists, InvalidInput
from ledger.i18n import _
from ledger.rules.names import check_key

if TYPE_CHECKING:  # the aggregates are imported where they are used
    from ledger.domain.base import LedgerAggregate
    from ledger.domain.routekaart import Routekaart
    from ledger.rules.routekaart import Part


class RoutekaartCommands(LedgerBase):
    def routekaart_create(self, env: Envelope, *, key: str, title: str, party: str,
                          decision: str | None = None) -> Outcome:
        from ledger.domain.decision import Decision
        from ledger.domain.party import Party
        from ledger.domain.routekaart import Routekaart

        payload = {"key": key, "title": title, "party": party, "decision": decision}

        def build(env: Envelope) -> list[LedgerAggregate]:
            rk_key = check_key(key, _("routekaart key"))
            if self.exists(Routekaart, rk_key):
                raise AlreadyExists(_("Routekaart {key} is already recorded.").format(key=rk_key),
                                    hint=_("Give the new Routekaart its own key."))
            owner = self.get(Party, check_key(party, _("party key")), "party")
            owner.check_not_void()
            adopt_env = env
            if not env.effective_given and decision and self.exists(Decision, decision):
                # Adopted on the date of the raad's decision unless told otherwise.
                adopt_env = dataclasses.replace(env, effective=self.get(Decision, decision).datum)
            adopted_by = self.require_authority(decision, adopt_env.effective,
                                                purpose=_("adopting Routekaart {key}").format(
                                                    key=rk_key),
                                                act="routekaart.create",
                                                scope=Scope(party=owner.key))
            return [Routekaart.adopt(adopt_env, key=rk_key, title=title, party=owner.key,
                                     decision=adopted_by.key)]

        return self.execute("routekaart.create", env, payload, build, subject=f"routekaart:{key}",
                            scope=Scope(party=str(party).strip().upper()))

    def routekaart_weg(self, env: Envelope, key: str, *, title: str,
                       number: int | str | None = None) -> Outcome:
        from ledger.domain.routekaart import Routekaart


        def build(env: Envelope) -> Built:
            rk = self.get(Routekaart, key, "routekaart")
            added = rk.add_weg(env, title=title, number=number)
            return Built([rk], {"part": f"weg:{key}/{added}"})

        return self.execute("routekaart.weg", env, {"key": key, "title": title, "number": number},
                            build, subject=f"routekaart:{key}", scope=Scope(routekaart=key))

    def routekaart_stap(self, env: Envelope, key: str, *, stap: str, title: str,
                        due: str | date | None = None) -> Outcome:
        from ledger.domain.routekaart import Routekaart
        from ledger.rules.routekaart import Part

        payload = {"key": key, "stap": str(stap), "title": title, "due": due}

        def build(env: Envelope) -> list[LedgerAggregate]:
            rk = self.get(Routekaart, key, "routekaart")
            rk.add_stap(env, part=Part.parse(stap, "stap"), title=title, due=due)
            return [rk]

        return self.execute("routekaart.stap", env, payload, build, subject=f"stap:{key}/{stap}",
                            scope=Scope(routekaart=key))

    def routekaart_actie(self, env: Envelope, key: str, *, target: str, text: str,
                         voor: str | None = None,
                         number: int | str | None = None,
                         due: str | date | None = None) -> Outcome:
        from ledger.domain.party import Party
        from ledger.domain.routekaart import Routekaart, check_voor
        from ledger.rules.routekaart import Part

        payload = {"key": key, "target": str(target), "text": text, "voor": voor,
                   "number": number, "due": due}

        def build(env: Envelope) -> Built:
            rk = self.get(Routekaart, key, "routekaart")
            value, is_party = check_voor(voor) if voor is not None else (None, False)
            if is_party and value is not None:
                party = self.find(Party, value)
                if party is None:
                    raise InvalidInput(
                        _("'{voor}' is not raad, college, griffie, presidium, programmateam or a "
                          "party in the ledger.").format(voor=str(voor).strip()),
                        hint=_("Name one of those roles, or register the party first."))
                party.check_not_void()
                value = party.key
            added = rk.add_actie(env, parent=Part.parse(target), text=text, voor=value,
                                 number=number, due=due)
            return Built([rk], {"part": f"actie:{key}/{added}"})

        return self.execute("routekaart.actie", env, payload, build, subject=f"routekaart:{key}",
                            scope=Scope(routekaart=key))

    def routekaart_status(self, env: Envelope, key: str, *, target: str, status: str,
                          decision: str | None = None) -> Outcome:
        from ledger.domain.routekaart import Routekaart
        from ledger.rules.routekaart import Part

        payload = {"key": key, "target": str(target), "status": status, "decision": decision}

        def build(env: Envelope) -> list[LedgerAggregate]:
            rk = self.get(Routekaart, key, "routekaart")
            part = Part.parse(target)
            rk.node(part)
            changed_env, version = env, None
            if env.corrects is not None:
                version, effective = self._corrected_status(rk, part, env.corrects)
                if not env.effective_given:
                    changed_env = dataclasses.replace(env, effective=effective)
            key_ = None
            if decision:
                key_ = self.require_authority(decision, changed_env.effective,
                                              purpose=_("the status of {part}").format(
                                                  part=part.label),
                                              act="routekaart.status",
                                              scope=Scope(routekaart=rk.key)).key
            if version is not None:
                rk.correct_status(changed_env, part=part, status=status, version=version,
                                  decision=key_)
            else:
                rk.set_status(changed_env, part=part, status=status, decision=key_)
            return [rk]

        return self.execute("routekaart.status", env, payload, build,
                            subject=f"{Part.parse(target).kind}:{key}/{target}"
                            if _is_part(target) else f"routekaart:{key}",
                            scope=Scope(routekaart=key))

    def routekaart_due(self, env: Envelope, key: str, *, target: str,
                       due: str | date) -> Outcome:
        from ledger.domain.routekaart import Routekaart
        from ledger.rules.routekaart import Part

        payload = {"key": key, "target": str(target), "due": due}

        def build(env: Envelope) -> list[LedgerAggregate]:
            rk = self.get(Routekaart, key, "routekaart")
            rk.set_due(env, part=Part.parse(target), due=due)
            return [rk]

        return self.execute("routekaart.due", env, payload, build,
                            subject=f"{Part.parse(target).kind}:{key}/{target}"
                            if _is_part(target) else f"routekaart:{key}",
                            scope=Scope(routekaart=key))

    def routekaart_output(self, env: Envelope, key: str, *, target: str, title: str,
                          datum: str | date | None = None, kind: str | None = None,
                          author: str | None = None, reference: str | None = None,
                          decision: str | None = None) -> Outcome:
        from ledger.domain.decision import Decision
        from ledger.domain.routekaart import Routekaart
        from ledger.rules.routekaart import Part

        payload = {"key": key, "target": str(target), "title": title, "datum": datum,
                   "kind": kind, "author": author, "reference": reference, "decision": decision}

        def build(env: Envelope) -> list[LedgerAggregate]:
            rk = self.get(Routekaart, key, "routekaart")
            decision_key = None
            on, precision = (parse_day_or_month(datum, _("output date")) if datum
                             else (None, "day"))
            if decision:
                produced = self.get(Decision, decision, "decision")
                decision_key = produced.key
                on = on or produced.datum
            rk.record_output(env, part=Part.parse(target), title=title, datum=on or env.effective,
                             precision=precision, kind=kind, author=author, reference=reference,
                             decision=decision_key)
            return [rk]

        return self.execute("routekaart.output", env, payload, build,
                            subject=f"routekaart:{key}", scope=Scope(routekaart=key))

    def routekaart_inform(self, env: Envelope, key: str, *, zaaknummer: str,
                          documentnummer: str, title: str = "Informatiebrief",
                          datum: str | date | None = None,
                          covers: list[str] | None = None) -> Outcome:
        from ledger.domain.routekaart import Routekaart

        payload = {"key": key, "zaaknummer": zaaknummer, "documentnummer": documentnummer,
                   "title": title, "datum": datum, "covers": [str(c) for c in covers or []]}

        def build(env: Envelope) -> Built:
            rk = self.get(Routekaart, key, "routekaart")
            on = parse_date(datum, _("date of the informatiebrief")) if datum else env.effective
            if on > env.effective:
                raise InvalidInput(
                    _("The informatiebrief is dated {date}, after the effective date {on}.").format(
                        date=show_date(on), on=show_date(env.effective)),
                    hint=_("Record it on or after its date (--on)."))
            covered = rk.inform(env, datum=on, title=title, zaaknummer=zaaknummer,
                                documentnummer=documentnummer, covers=list(covers or []))
            return Built([rk], {"covers": covered})

        return self.execute("routekaart.inform", env, payload, build,
                            subject=f"routekaart:{key}", effective_from="datum",
                            scope=Scope(routekaart=key))

    def _corrected_status(self, rk: Routekaart, part: Part, position: int) -> tuple[int, Any]:
        """The version and effective date of the status event at `position`, which must be a
        status change of `part`."""
        row = self.raw.event_at(position)
        if row is None:
            raise InvalidInput(_("There is no event at position {position}.").format(
                                   position=position),
                               hint=_("Positions are shown by `ledger audit trail`."))
        found = rk.status_event(part, row.version) if row.originator_id == rk.id.hex else None
        if found is None:
            raise InvalidInput(
                _("The event at position {position} is not a status change of {part} of "
                  "Routekaart {key}.").format(position=position, part=part.label, key=rk.key),
                hint=_("See `ledger audit trail {subject}`.").format(
                    subject=f"{part.kind}:{rk.key}/{part}"))
        return row.version, found["effective"]


def _is_part(text: Any) -> bool:
    from ledger.rules.routekaart import Part

    try:
        Part.parse(text)
    except InvalidInput:
        return False
    return True

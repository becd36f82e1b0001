"""Routekaarten: how a raad keeps grip on cooperation, weg by weg and stap by stap.

A Routekaart belongs to a gemeente and is adopted (vastgesteld) by that gemeente's raad. It holds
wegen, numbered 1, 2, 3 and always shown in that order (a weg added after adoption takes its
place by number). A weg holds stappen, numbered within the weg from 0 (STAP 0 … STAP 4); a stap
holds the acties taken to realise it, each *actie voor* an actor where the source names one:
the raad, the college, the griffie, the presidium, the programmateam, or a party in the ledger
(an informatiebrief often names it for some acties only; the others carry none). A weg that the Routekaart
does not divide into stappen holds its acties directly. Stappen (and stapless wegen) record the
outputs they produced (reports, decisions), and the raad is informed by informatiebrieven.

Parts are addressed by a path within the Routekaart: `1` is weg 1, `1.2` stap 2 of weg 1, `1.2/3`
actie 3 of that stap and `2/1` actie 1 of weg 2 when weg 2 has no stappen. Their trail subjects are
`weg:VS-RK/1`, `stap:VS-RK/1.2`, `actie:VS-RK/1.2/3`.

Statuses of stappen and acties, and the transitions allowed between them:

    niet gestart           -> loopt, gedeeltelijk afgerond, afgerond, vervallen
    loopt                  -> gedeeltelijk afgerond, afgerond, vervallen
    gedeeltelijk afgerond  -> afgerond, vervallen
    afgerond               -> loopt, gedeeltelijk afgerond        (reopening)
    vervallen              -> niet gestart, loopt                 (reopening)

Reopening needs a reason and an authority (a reference or a decision). A stap is afgerond only when
every actie under it is afgerond or vervallen, and an actie under a closed stap is not reopened
before its stap. A weg's status is derived from its stappen (or its own acties), the Routekaart's
from its wegen; neither is ever set. Changes to a part are recorded in the order they took effect;
a status recorded in error is corrected by a new status event naming it (`corrects`), and only the
event that set the current status can be corrected.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ledger.dates import parse_date, show_date
from ledger.domain.base import LedgerAggregate
from ledger.envelope import Envelope, parse_ref
from ledger.errors import AlreadyExists, InvalidInput, NotFound, RuleViolation
from ledger.i18n import _
from ledger.rules.names import check_key, check_name
from ledger.rules.routekaart import (
    CLOSED,
    NIET_GESTART,
    Part,
    check_acties_closed,
    check_in_order,
    check_status,
    check_transition,
)

ROLES = ("raad", "college", "griffie", "presidium", "programmateam")
OUTPUT_KINDS = ("rapport", "besluit", "informatiebrief", "notitie", "overig")


def check_number(value: Any, what: str, minimum: int) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        raise InvalidInput(_("'{value}' is not a {what}.").format(value=value, what=what),
                           hint=_("Give a whole number.")) from None
    if number < minimum or number > 999:
        raise InvalidInput(_("{number} is not a {what}.").format(number=number, what=what),
                           hint=_("A {what} is a whole number from {minimum} to 999.").format(
                               what=what, minimum=minimum))
    return number


def check_voor(text: str) -> tuple[str, bool]:
    """Who an actie is for: a role (raad, college, griffie, presidium, programmateam) or a party
    key; returns the value and whether it names a party (the application checks it exists)."""
    value = str(text).strip()
    if not value:
        raise InvalidInput(_("The actie voor is empty."),
                           hint=_("Name one of {roles} or a party key such as GM0626.").format(
                               roles=", ".join(ROLES)))
    if value.lower() in ROLES:
        return value.lower(), False
    return check_key(value, _("party key")).upper(), True


def _node(status_since: date, **fields: Any) -> dict[str, Any]:
    return {**fields, "status": NIET_GESTART, "since": status_since, "added": status_since,
            "log": [], "outputs": []}


# --- the aggregate -----------------------------------------------------------------------------

class Routekaart(LedgerAggregate):
    KIND = "routekaart"
    if TYPE_CHECKING:  # state, set by the events' apply methods
        title: str
        party: str
        decision: str
        adopted: date
        wegen: dict[int, dict[str, Any]]
        informed: list[dict[str, Any]]

    class Adopted(LedgerAggregate.Created):
        title: str
        party: str
        decision: str

        def apply(self, rk: Routekaart) -> None:
            rk.key, rk.title, rk.party, rk.decision = self.key, self.title, self.party, self.decision
            rk.adopted = self.effective
            rk.wegen, rk.informed = {}, []

    class WegAdded(LedgerAggregate.Event):
        weg: int
        title: str

        def apply(self, rk: Routekaart) -> None:
            rk.wegen[self.weg] = {"title": self.title, "added": self.effective, "since": self.effective,
                                  "stappen": {}, "acties": {}, "outputs": []}

        def subjects(self, key: str) -> list[str]:
            return Part(self.weg).subjects(key)

    class StapAdded(LedgerAggregate.Event):
        weg: int
        stap: int
        title: str
        due: date | None

        def apply(self, rk: Routekaart) -> None:
            rk.wegen[self.weg]["stappen"][self.stap] = _node(
                self.effective, title=self.title, due=self.due, acties={})

        def subjects(self, key: str) -> list[str]:
            return Part(self.weg, self.stap).subjects(key)

    class ActieAdded(LedgerAggregate.Event):
        weg: int
        stap: int | None
        actie: int
        text: str
        voor: str | None
        due: date | None

        def apply(self, rk: Routekaart) -> None:
            parent = rk.node(Part(self.weg, self.stap))
            parent["acties"][self.actie] = _node(self.effective, text=self.text, voor=self.voor,
                                                 due=self.due)

        def subjects(self, key: str) -> list[str]:
            return Part(self.weg, self.stap, self.actie).subjects(key)

    class StatusChanged(LedgerAggregate.Event):
        target: str
        status: str
        previous: str
        decision: str | None

        def apply(self, rk: Routekaart) -> None:
            node = rk.node(Part.parse(self.target))
            node["status"], node["since"] = self.status, self.effective
            node["log"].append({"version": self.originator_version, "effective": self.effective,
                                "status": self.status, "previous": self.previous})

        def subjects(self, key: str) -> list[str]:
            return Part.parse(self.target).subjects(key)

    class DueSet(LedgerAggregate.Event):
        target: str
        due: date
        previous: date | None

        def apply(self, rk: Routekaart) -> None:
            rk.node(Part.parse(self.target))["due"] = self.due

        def subjects(self, key: str) -> list[str]:
            return Part.parse(self.target).subjects(key)

    class OutputRecorded(LedgerAggregate.Event):
        target: str
        title: str
        kind: str
        datum: date
        precision: str
        author: str | None
        reference: str | None
        produced_decision: str | None

        def apply(self, rk: Routekaart) -> None:
            rk.node(Part.parse(self.target))["outputs"].append(
                {"title": self.title, "kind": self.kind, "datum": self.datum,
                 "decision": self.produced_decision})

        def subjects(self, key: str) -> list[str]:
            return Part.parse(self.target).subjects(key)

    class RaadInformed(LedgerAggregate.Event):
        datum: date
        title: str
        zaaknummer: str
        documentnummer: str
        covers: list[str]

        def apply(self, rk: Routekaart) -> None:
            rk.informed.append({"datum": self.datum, "zaaknummer": self.zaaknummer,
                                "documentnummer": self.documentnummer, "covers": list(self.covers)})

        def subjects(self, key: str) -> list[str]:
            found = [f"{Routekaart.KIND}:{key}"]
            for path in self.covers:
                found += [s for s in Part.parse(path).subjects(key) if s not in found]
            return found

    # --- commands ------------------------------------------------------------------------------

    @classmethod
    def adopt(cls, env: Envelope, *, key: str, title: str, party: str,
              decision: str) -> Routekaart:
        return cls._register(cls.Adopted, env, check_key(key, _("routekaart key")),
                             title=check_name(title, _("routekaart title")),
                             party=check_key(party, _("party key")).upper(), decision=decision)

    def add_weg(self, env: Envelope, *, title: str, number: Any = None) -> Part:
        n = check_number(number, _("weg number"), 1) if number not in (None, "") else \
            max(self.wegen, default=0) + 1
        title = check_name(title, _("weg title"))
        if n in self.wegen:
            raise AlreadyExists(_("Routekaart {key} already has weg {n} ({title}).").format(
                                    key=self.key, n=n, title=self.wegen[n]["title"]),
                                hint=_("Give the new weg its own number."))
        check_in_order(env.effective, self.adopted, _("weg {n}").format(n=n),
                             _("Routekaart {key} was adopted on {date}").format(
                                 key=self.key, date=show_date(self.adopted)))
        self._record(self.WegAdded, env, weg=n, title=title)
        return Part(n)

    def add_stap(self, env: Envelope, *, part: Part, title: str,
                 due: date | str | None = None) -> Part:
        if part.kind != "stap":
            raise InvalidInput(_("'{part}' does not name a stap.").format(part=part),
                               hint=_("Write a stap as WEG.STAP, for example 1.0 for STAP 0 of "
                                      "weg 1."))
        title = check_name(title, _("stap title"))
        due_d = parse_date(due, _("due date")) if due else None
        weg = self.weg(part.weg)
        if weg["acties"]:
            raise RuleViolation(
                _("Weg {weg} of Routekaart {key} holds its acties directly, without stappen; it "
                  "cannot also get stappen.").format(weg=part.weg, key=self.key),
                hint=_("Keep the weg's acties as they are, or add the stap to another weg."))
        if part.stap in weg["stappen"]:
            raise AlreadyExists(
                _("Weg {weg} of Routekaart {key} already has stap {stap} ({title}).").format(
                    weg=part.weg, key=self.key, stap=part,
                    title=weg["stappen"][part.stap]["title"]),
                hint=_("Give the new stap its own number."))
        check_in_order(env.effective, weg["added"], part.label,
                             _("{part} was added on {date}").format(
                                 part=f"weg {part.weg}", date=show_date(weg["added"])))
        self._record(self.StapAdded, env, weg=part.weg, stap=part.stap, title=title, due=due_d)
        return part

    def add_actie(self, env: Envelope, *, parent: Part, text: str, voor: str | None,
                  number: Any = None, due: date | str | None = None) -> Part:
        if parent.kind == "actie":
            raise InvalidInput(
                _("'{part}' names an actie; an actie goes under a stap or a weg.").format(
                    part=parent),
                hint=_("Write the stap (1.2) or the weg without stappen (2)."))
        text = check_name(text, _("actie text"), limit=1000)
        voor = check_voor(voor)[0] if voor is not None else None
        due_d = parse_date(due, _("due date")) if due else None
        node = self.node(parent)
        if parent.kind == "weg" and node["stappen"]:
            raise RuleViolation(
                _("Weg {weg} of Routekaart {key} has stappen; its acties belong under one of "
                  "them.").format(weg=parent.weg, key=self.key),
                hint=_("Add the actie to a stap, e.g. {stap}.").format(
                    stap=f"{parent.weg}.{min(node['stappen'])}"))
        if parent.kind == "stap" and node["status"] in CLOSED:
            raise RuleViolation(
                _("Stap {stap} is {status}; no actie can be added to it.").format(
                    stap=parent, status=node["status"]),
                hint=_("Reopen the stap first (with a reason and an authority)."))
        n = check_number(number, _("actie number"), 1) if number not in (None, "") else \
            max(node["acties"], default=0) + 1
        if n in node["acties"]:
            raise AlreadyExists(_("{part} already has actie {n}.").format(
                                    part=parent.label.capitalize(), n=n),
                                hint=_("Give the new actie its own number, or leave it out."))
        part = Part(parent.weg, parent.stap, n)
        check_in_order(env.effective, node["added"], part.label,
                             _("{part} was added on {date}").format(
                                 part=parent.label, date=show_date(node["added"])))
        self._record(self.ActieAdded, env, weg=parent.weg, stap=parent.stap, actie=n, text=text,
                     voor=voor, due=due_d)
        return part

    def set_status(self, env: Envelope, *, part: Part, status: str,
                   decision: str | None = None) -> None:
        status = check_status(status)
        node = self._status_node(part)
        current = node["status"]
        if status == current:
            raise RuleViolation(_("{part} is already {status}.").format(
                part=part.label.capitalize(), status=status))
        check_in_order(env.effective, node["since"],
                             _("the status of {part}").format(part=part.label),
                             _("it last changed on {date}").format(date=show_date(node["since"]))
                             if node["log"] else _("{part} was added on {date}").format(
                                 part=part.label, date=show_date(node["added"])))
        self.check_transition(env, part, current, status, decision)
        self._record(self.StatusChanged, env, target=str(part), status=status, previous=current,
                     decision=decision)

    def set_due(self, env: Envelope, *, part: Part, due: date | str) -> None:
        """Plan (or re-plan) when a stap or actie is due."""
        due_d = parse_date(due, _("due date"))
        if part.kind == "weg":
            raise InvalidInput(_("Weg {weg} has no due date of its own.").format(weg=part.weg),
                               hint=_("Plan its stappen or acties."))
        node = self.node(part)
        if node["status"] in CLOSED:
            raise RuleViolation(_("{part} is {status}; nothing about it is due any more.").format(
                part=part.label.capitalize(), status=node["status"]))
        if node["due"] == due_d:
            raise RuleViolation(_("{part} is already due on {date}.").format(
                part=part.label.capitalize(), date=show_date(due_d)))
        check_in_order(env.effective, node["added"], _("the due date of {part}").format(
                                 part=part.label),
                             _("{part} was added on {date}").format(
                                 part=part.label, date=show_date(node["added"])))
        self._record(self.DueSet, env, target=str(part), due=due_d, previous=node["due"])

    def correct_status(self, env: Envelope, *, part: Part, status: str, version: int,
                       decision: str | None = None) -> None:
        """Replace the status set by the event `version` (recorded in error) with `status`."""
        status = check_status(status)
        node = self._status_node(part)
        last = node["log"][-1] if node["log"] else None
        if last is None or last["version"] != version:
            raise RuleViolation(
                _("Only the event that set the current status of {part} can be corrected.")
                .format(part=part.label),
                hint=_("Correct the latest status change, then record what followed."))
        if not env.reason:
            raise InvalidInput(_("A correction of the status of {part} needs a reason.").format(
                                   part=part.label),
                               hint=_("Pass --reason, saying what was recorded in error."))
        if env.effective != last["effective"]:
            raise RuleViolation(
                _("A correction takes effect on the date of the status it corrects ({date}), "
                  "not on {on}.").format(date=show_date(last["effective"]),
                                         on=show_date(env.effective)),
                hint=_("Leave out --on."))
        if status == last["status"]:
            raise RuleViolation(
                _("The correction sets {part} to {status}, the status it already has.").format(
                    part=part.label, status=status))
        if status != last["previous"]:
            self.check_transition(env, part, last["previous"], status, decision)
        check_acties_closed(part, status, self.acties_of(part))
        self._record(self.StatusChanged, env, target=str(part), status=status,
                     previous=last["status"], decision=decision)

    def record_output(self, env: Envelope, *, part: Part, title: str, datum: date,
                      precision: str = "day", kind: str | None = None,
                      author: str | None = None, reference: str | None = None,
                      decision: str | None = None) -> None:
        node = self.node(part)
        if part.kind == "actie" or (part.kind == "weg" and node["stappen"]):
            raise InvalidInput(
                _("An output belongs to a stap (or a weg without stappen), not to {part}.")
                .format(part=part.label),
                hint=_("Name the stap that produced it, e.g. 1.1."))
        title = check_name(title, _("output title"))
        kind = str(kind or ("besluit" if decision else "rapport")).strip().lower()
        if kind not in OUTPUT_KINDS:
            raise InvalidInput(_("'{kind}' is not a kind of output.").format(kind=kind),
                               hint=_("Use one of: {output_kinds}.").format(
                                   output_kinds=", ".join(OUTPUT_KINDS)))
        if kind == "besluit" and not decision:
            raise InvalidInput(_("An output of kind besluit needs its decision in the ledger."),
                               hint=_("Pass --decision ID (record it first with `ledger decision "
                                      "record`)."))
        check_in_order(env.effective, node["added"], _("an output of {part}").format(
                                 part=part.label),
                             _("{part} was added on {date}").format(
                                 part=part.label, date=show_date(node["added"])))
        self._record(self.OutputRecorded, env, target=str(part), title=title, kind=kind,
                     datum=datum, precision=precision,
                     author=check_name(author, _("author"), required=False),
                     reference=check_name(reference, _("reference"), required=False),
                     produced_decision=decision)

    def inform(self, env: Envelope, *, datum: date, title: str, zaaknummer: str,
               documentnummer: str, covers: list[Any] | None = None) -> list[str]:
        if not str(zaaknummer or "").strip() or not str(documentnummer or "").strip():
            raise InvalidInput(_("An informatiebrief needs its zaaknummer and its "
                                 "documentnummer."),
                               hint=_("Pass --zaaknummer Z/17/011355 --documentnummer 166008."))
        zaak = parse_ref(f"zaak:{str(zaaknummer).strip()}").split(":", 1)[1]
        doc = parse_ref(f"doc:{str(documentnummer).strip()}").split(":", 1)[1]
        title = check_name(title, _("informatiebrief title"))
        if datum < self.adopted:
            raise RuleViolation(
                _("An informatiebrief of {date} cannot report on Routekaart {key}, adopted on "
                  "{adopted}.").format(date=show_date(datum), key=self.key,
                                       adopted=show_date(self.adopted)))
        check_in_order(env.effective, self.adopted, _("informing the raad"),
                             _("Routekaart {key} was adopted on {date}").format(
                                 key=self.key, date=show_date(self.adopted)))
        if any(i["documentnummer"] == doc for i in self.informed):
            raise AlreadyExists(
                _("Informatiebrief {doc} is already recorded for Routekaart {key}.").format(
                    doc=doc, key=self.key))
        parts = [Part.parse(c) for c in covers or []] or self._reportable()
        if not parts:
            raise RuleViolation(
                _("Routekaart {key} has no stappen or wegen to report on yet.").format(
                    key=self.key))
        for p in parts:
            node = self.node(p)
            if p.kind == "actie":
                raise InvalidInput(
                    _("An informatiebrief covers stappen and wegen, not {part}.").format(
                        part=p.label),
                    hint=_("Name the stap (1.2) or the weg (2)."))
            if node["added"] > env.effective:
                raise RuleViolation(_("{part} was added only on {date}.").format(
                    part=p.label.capitalize(), date=show_date(node["added"])))
        paths = list(dict.fromkeys(str(p) for p in parts))
        self._record(self.RaadInformed, env, datum=datum, title=title, zaaknummer=zaak,
                     documentnummer=doc, covers=paths)
        return paths

    # --- lookups and checks --------------------------------------------------------------------

    def weg(self, number: int) -> dict[str, Any]:
        if number not in self.wegen:
            raise NotFound(_("Routekaart {key} has no weg {n}.").format(key=self.key, n=number),
                           hint=_("See `ledger routekaart show {key}`.").format(key=self.key))
        return self.wegen[number]

    def node(self, part: Part) -> dict[str, Any]:
        """The state of a weg, stap or actie; refused when the Routekaart has no such part."""
        weg = self.weg(part.weg)
        node = weg
        if part.stap is not None:
            if part.stap not in weg["stappen"]:
                raise NotFound(_("Weg {weg} of Routekaart {key} has no stap {stap}.").format(
                                   weg=part.weg, key=self.key, stap=part.stap),
                               hint=_("See `ledger routekaart show {key}`.").format(key=self.key))
            node = weg["stappen"][part.stap]
        if part.actie is not None:
            if part.actie not in node["acties"]:
                where = f"stap {part.weg}.{part.stap}" if part.stap is not None else \
                    f"weg {part.weg}"
                raise NotFound(_("{part} of Routekaart {key} has no actie {n}.").format(
                                   part=where.capitalize(), key=self.key, n=part.actie),
                               hint=_("See `ledger routekaart show {key}`.").format(key=self.key))
            node = node["acties"][part.actie]
        return node

    def status_event(self, part: Part, version: int) -> dict[str, Any] | None:
        node = self.node(part)
        return next((x for x in node.get("log", []) if x["version"] == version), None)

    def _status_node(self, part: Part) -> dict[str, Any]:
        if part.kind == "weg":
            raise RuleViolation(
                _("The status of weg {weg} is derived from its stappen (or its acties); it cannot "
                  "be set.").format(weg=part.weg),
                hint=_("Set the status of its stappen or acties."))
        return self.node(part)

    def acties_of(self, part: Part) -> dict[int, str]:
        """The statuses of a stap's acties (none for another part)."""
        if part.kind != "stap":
            return {}
        return {n: a["status"] for n, a in self.node(part)["acties"].items()}

    def check_transition(self, env: Envelope, part: Part, current: str, status: str,
                         decision: str | None) -> None:
        """The transition rules (`ledger.rules.routekaart.check_transition`) on this
        Routekaart's state."""
        stap = part.parent if part.kind == "actie" and part.stap is not None else None
        check_transition(part, current, status, reason=env.reason,
                         authority=bool(env.refs or decision),
                         stap_status=self.node(stap)["status"] if stap is not None else None,
                         acties=self.acties_of(part))

    def _reportable(self) -> list[Part]:
        found = []
        for w, weg in sorted(self.wegen.items()):
            if weg["stappen"]:
                found += [Part(w, s) for s in sorted(weg["stappen"])]
            else:
                found.append(Part(w))
        return found

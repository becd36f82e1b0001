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

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ledger.dates import parse_date
from ledger.domain.base import LedgerAggregate, check_key, check_name
from ledger.envelope import Envelope, parse_ref
from ledger.errors import AlreadyExists, AuthorityError, InvalidInput, NotFound, RuleViolation

NIET_GESTART, LOOPT, GEDEELTELIJK = "niet gestart", "loopt", "gedeeltelijk afgerond"
AFGEROND, VERVALLEN = "afgerond", "vervallen"
STATUSES = (NIET_GESTART, LOOPT, GEDEELTELIJK, AFGEROND, VERVALLEN)
CLOSED = (AFGEROND, VERVALLEN)
FORWARD = {
    NIET_GESTART: (LOOPT, GEDEELTELIJK, AFGEROND, VERVALLEN),
    LOOPT: (GEDEELTELIJK, AFGEROND, VERVALLEN),
    GEDEELTELIJK: (AFGEROND, VERVALLEN),
    AFGEROND: (),
    VERVALLEN: (),
}
REOPEN = {AFGEROND: (LOOPT, GEDEELTELIJK), VERVALLEN: (NIET_GESTART, LOOPT)}

ROLES = ("raad", "college", "griffie", "presidium", "programmateam")
OUTPUT_KINDS = ("rapport", "besluit", "informatiebrief", "notitie", "overig")

_PATH = re.compile(r"^(\d{1,3})(?:\.(\d{1,3}))?(?:/(\d{1,3}))?$")
_PATH_HINT = ("Write a part as WEG (2), WEG.STAP (1.2) or WEG.STAP/ACTIE (1.2/3); an actie of a "
              "weg without stappen is WEG/ACTIE (2/1).")


# --- statuses ----------------------------------------------------------------------------------

def check_status(text: str) -> str:
    value = " ".join(str(text).replace("_", " ").replace("-", " ").split()).lower()
    if value not in STATUSES:
        raise InvalidInput(f"'{text}' is not a status of a stap or actie.",
                           hint=f"Use one of: {', '.join(STATUSES)}.")
    return value


def derive(statuses: Iterable[str]) -> str:
    """The status of a whole (a weg, a Routekaart) from the statuses of its parts."""
    every = list(statuses)
    live = [s for s in every if s != VERVALLEN]
    if not every:
        return NIET_GESTART
    if not live:
        return VERVALLEN
    if all(s == AFGEROND for s in live):
        return AFGEROND
    if any(s in (AFGEROND, GEDEELTELIJK) for s in live):
        return GEDEELTELIJK
    if any(s == LOOPT for s in live):
        return LOOPT
    return NIET_GESTART


def weg_status(weg: dict[str, Any]) -> str:
    """A weg's status: derived from its stappen, or from its own acties when it has none."""
    parts = weg["stappen"] or weg["acties"]
    return derive(p["status"] for p in parts.values())


# --- addressing parts --------------------------------------------------------------------------

@dataclass(frozen=True)
class Part:
    """Where in a Routekaart: a weg, a stap of a weg, or an actie of either."""

    weg: int
    stap: int | None = None
    actie: int | None = None

    @classmethod
    def parse(cls, text: Any, what: str = "part of a Routekaart") -> Part:
        value = str(text).strip()
        m = _PATH.match(value)
        if not m:
            raise InvalidInput(f"'{value}' is not a {what}.", hint=_PATH_HINT)
        weg_text, stap_text, actie_text = m.groups()
        weg = int(weg_text)
        stap = int(stap_text) if stap_text is not None else None
        actie = int(actie_text) if actie_text is not None else None
        if weg == 0 or actie == 0:
            raise InvalidInput(f"'{value}' is not a {what}: wegen and acties count from 1.",
                               hint=_PATH_HINT)
        return cls(weg, stap, actie)

    def __str__(self) -> str:
        text = str(self.weg)
        if self.stap is not None:
            text += f".{self.stap}"
        if self.actie is not None:
            text += f"/{self.actie}"
        return text

    @property
    def kind(self) -> str:
        return "actie" if self.actie is not None else "stap" if self.stap is not None else "weg"

    @property
    def label(self) -> str:
        """How the part is named in sentences: `stap 1.2`, `actie 1.2/3`, `weg 2`."""
        return f"{self.kind} {self}"

    @property
    def parent(self) -> Part | None:
        if self.actie is not None:
            return Part(self.weg, self.stap)
        if self.stap is not None:
            return Part(self.weg)
        return None

    def subjects(self, key: str) -> list[str]:
        """This part and every part containing it, as trail subjects, innermost first."""
        found: list[str] = []
        part: Part | None = self
        while part is not None:
            found.append(f"{part.kind}:{key}/{part}")
            part = part.parent
        return found


def split_target(text: str) -> tuple[str, str | None]:
    """`VS-RK/1.2/3`, `stap:VS-RK/1.2` or `VS-RK` as (routekaart key, path or None)."""
    value = str(text).strip()
    kind, sep, rest = value.partition(":")
    if sep and kind.lower() in ("routekaart", "weg", "stap", "actie"):
        value = rest
    key, slash, path = value.partition("/")
    return key, (path if slash else None)


def check_number(value: Any, what: str, minimum: int) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        raise InvalidInput(f"'{value}' is not a {what}.", hint="Give a whole number.") from None
    if number < minimum or number > 999:
        raise InvalidInput(f"{number} is not a {what}.",
                           hint=f"A {what} is a whole number from {minimum} to 999.")
    return number


def check_voor(text: str) -> tuple[str, bool]:
    """Who an actie is for: a role (raad, college, griffie, presidium, programmateam) or a party
    key; returns the value and whether it names a party (the application checks it exists)."""
    value = str(text).strip()
    if not value:
        raise InvalidInput("The actie voor is empty.",
                           hint=f"Name one of {', '.join(ROLES)} or a party key such as GM0626.")
    if value.lower() in ROLES:
        return value.lower(), False
    return check_key(value, "party key").upper(), True


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
        return cls._register(cls.Adopted, env, check_key(key, "routekaart key"),
                             title=check_name(title, "routekaart title"),
                             party=check_key(party, "party key").upper(), decision=decision)

    def add_weg(self, env: Envelope, *, title: str, number: Any = None) -> Part:
        n = check_number(number, "weg number", 1) if number not in (None, "") else \
            max(self.wegen, default=0) + 1
        title = check_name(title, "weg title")
        if n in self.wegen:
            raise AlreadyExists(f"Routekaart {self.key} already has weg {n} "
                                f"({self.wegen[n]['title']}).",
                                hint="Give the new weg its own number.")
        self._check_in_order(env, self.adopted, f"weg {n}",
                             f"Routekaart {self.key} was adopted on {self.adopted}")
        self._record(self.WegAdded, env, weg=n, title=title)
        return Part(n)

    def add_stap(self, env: Envelope, *, part: Part, title: str,
                 due: date | str | None = None) -> Part:
        if part.kind != "stap":
            raise InvalidInput(f"'{part}' does not name a stap.",
                               hint="Write a stap as WEG.STAP, for example 1.0 for STAP 0 of weg 1.")
        title = check_name(title, "stap title")
        due_d = parse_date(due, "due date") if due else None
        weg = self.weg(part.weg)
        if weg["acties"]:
            raise RuleViolation(
                f"Weg {part.weg} of Routekaart {self.key} holds its acties directly, without "
                "stappen; it cannot also get stappen.",
                hint="Keep the weg's acties as they are, or add the stap to another weg.")
        if part.stap in weg["stappen"]:
            raise AlreadyExists(f"Weg {part.weg} of Routekaart {self.key} already has stap "
                                f"{part} ({weg['stappen'][part.stap]['title']}).",
                                hint="Give the new stap its own number.")
        self._check_in_order(env, weg["added"], part.label, f"weg {part.weg} was added on "
                             f"{weg['added']}")
        self._record(self.StapAdded, env, weg=part.weg, stap=part.stap, title=title, due=due_d)
        return part

    def add_actie(self, env: Envelope, *, parent: Part, text: str, voor: str | None,
                  number: Any = None, due: date | str | None = None) -> Part:
        if parent.kind == "actie":
            raise InvalidInput(f"'{parent}' names an actie; an actie goes under a stap or a weg.",
                               hint="Write the stap (1.2) or the weg without stappen (2).")
        text = check_name(text, "actie text", limit=1000)
        voor = check_voor(voor)[0] if voor is not None else None
        due_d = parse_date(due, "due date") if due else None
        node = self.node(parent)
        if parent.kind == "weg" and node["stappen"]:
            raise RuleViolation(f"Weg {parent.weg} of Routekaart {self.key} has stappen; its "
                                "acties belong under one of them.",
                                hint=f"Add the actie to a stap, e.g. {parent.weg}."
                                f"{min(node['stappen'])}.")
        if parent.kind == "stap" and node["status"] in CLOSED:
            raise RuleViolation(f"Stap {parent} is {node['status']}; no actie can be added to it.",
                                hint="Reopen the stap first (with a reason and an authority).")
        n = check_number(number, "actie number", 1) if number not in (None, "") else \
            max(node["acties"], default=0) + 1
        if n in node["acties"]:
            raise AlreadyExists(f"{parent.label.capitalize()} already has actie {n}.",
                                hint="Give the new actie its own number, or leave it out.")
        part = Part(parent.weg, parent.stap, n)
        self._check_in_order(env, node["added"], part.label,
                             f"{parent.label} was added on {node['added']}")
        self._record(self.ActieAdded, env, weg=parent.weg, stap=parent.stap, actie=n, text=text,
                     voor=voor, due=due_d)
        return part

    def set_status(self, env: Envelope, *, part: Part, status: str,
                   decision: str | None = None) -> None:
        status = check_status(status)
        node = self._status_node(part)
        current = node["status"]
        if status == current:
            raise RuleViolation(f"{part.label.capitalize()} is already {status}.")
        self._check_in_order(env, node["since"], f"the status of {part.label}",
                             f"it last changed on {node['since']}" if node["log"]
                             else f"{part.label} was added on {node['added']}")
        self._check_transition(env, part, current, status, decision)
        self._record(self.StatusChanged, env, target=str(part), status=status, previous=current,
                     decision=decision)

    def set_due(self, env: Envelope, *, part: Part, due: date | str) -> None:
        """Plan (or re-plan) when a stap or actie is due."""
        due_d = parse_date(due, "due date")
        if part.kind == "weg":
            raise InvalidInput(f"Weg {part.weg} has no due date of its own.",
                               hint="Plan its stappen or acties.")
        node = self.node(part)
        if node["status"] in CLOSED:
            raise RuleViolation(f"{part.label.capitalize()} is {node['status']}; nothing about it "
                                "is due any more.")
        if node["due"] == due_d:
            raise RuleViolation(f"{part.label.capitalize()} is already due on {due_d}.")
        self._check_in_order(env, node["added"], f"the due date of {part.label}",
                             f"{part.label} was added on {node['added']}")
        self._record(self.DueSet, env, target=str(part), due=due_d, previous=node["due"])

    def correct_status(self, env: Envelope, *, part: Part, status: str, version: int,
                       decision: str | None = None) -> None:
        """Replace the status set by the event `version` (recorded in error) with `status`."""
        status = check_status(status)
        node = self._status_node(part)
        last = node["log"][-1] if node["log"] else None
        if last is None or last["version"] != version:
            raise RuleViolation(f"Only the event that set the current status of {part.label} can "
                                "be corrected.",
                                hint="Correct the latest status change, then record what followed.")
        if not env.reason:
            raise InvalidInput(f"A correction of the status of {part.label} needs a reason.",
                               hint="Pass --reason, saying what was recorded in error.")
        if env.effective != last["effective"]:
            raise RuleViolation(f"A correction takes effect on the date of the status it corrects "
                                f"({last['effective']}), not on {env.effective}.",
                                hint="Leave out --on.")
        if status == last["status"]:
            raise RuleViolation(f"The correction sets {part.label} to {status}, the status it "
                                "already has.")
        if status != last["previous"]:
            self._check_transition(env, part, last["previous"], status, decision)
        self._check_acties_closed(part, status)
        self._record(self.StatusChanged, env, target=str(part), status=status,
                     previous=last["status"], decision=decision)

    def record_output(self, env: Envelope, *, part: Part, title: str, datum: date,
                      precision: str = "day", kind: str | None = None,
                      author: str | None = None, reference: str | None = None,
                      decision: str | None = None) -> None:
        node = self.node(part)
        if part.kind == "actie" or (part.kind == "weg" and node["stappen"]):
            raise InvalidInput(f"An output belongs to a stap (or a weg without stappen), not "
                               f"to {part.label}.", hint="Name the stap that produced it, e.g. 1.1.")
        title = check_name(title, "output title")
        kind = str(kind or ("besluit" if decision else "rapport")).strip().lower()
        if kind not in OUTPUT_KINDS:
            raise InvalidInput(f"'{kind}' is not a kind of output.",
                               hint=f"Use one of: {', '.join(OUTPUT_KINDS)}.")
        if kind == "besluit" and not decision:
            raise InvalidInput("An output of kind besluit needs its decision in the ledger.",
                               hint="Pass --decision ID (record it first with `ledger decision "
                               "record`).")
        self._check_in_order(env, node["added"], f"an output of {part.label}",
                             f"{part.label} was added on {node['added']}")
        self._record(self.OutputRecorded, env, target=str(part), title=title, kind=kind,
                     datum=datum, precision=precision,
                     author=check_name(author, "author", required=False),
                     reference=check_name(reference, "reference", required=False),
                     produced_decision=decision)

    def inform(self, env: Envelope, *, datum: date, title: str, zaaknummer: str,
               documentnummer: str, covers: list[Any] | None = None) -> list[str]:
        if not str(zaaknummer or "").strip() or not str(documentnummer or "").strip():
            raise InvalidInput("An informatiebrief needs its zaaknummer and its documentnummer.",
                               hint="Pass --zaaknummer Z/17/011355 --documentnummer 166008.")
        zaak = parse_ref(f"zaak:{str(zaaknummer).strip()}").split(":", 1)[1]
        doc = parse_ref(f"doc:{str(documentnummer).strip()}").split(":", 1)[1]
        title = check_name(title, "informatiebrief title")
        if datum < self.adopted:
            raise RuleViolation(f"An informatiebrief of {datum} cannot report on Routekaart "
                                f"{self.key}, adopted on {self.adopted}.")
        self._check_in_order(env, self.adopted, "informing the raad",
                             f"Routekaart {self.key} was adopted on {self.adopted}")
        if any(i["documentnummer"] == doc for i in self.informed):
            raise AlreadyExists(f"Informatiebrief {doc} is already recorded for Routekaart "
                                f"{self.key}.")
        parts = [Part.parse(c) for c in covers or []] or self._reportable()
        if not parts:
            raise RuleViolation(f"Routekaart {self.key} has no stappen or wegen to report on yet.")
        for p in parts:
            node = self.node(p)
            if p.kind == "actie":
                raise InvalidInput(f"An informatiebrief covers stappen and wegen, not {p.label}.",
                                   hint="Name the stap (1.2) or the weg (2).")
            if node["added"] > env.effective:
                raise RuleViolation(f"{p.label.capitalize()} was added only on {node['added']}.")
        paths = list(dict.fromkeys(str(p) for p in parts))
        self._record(self.RaadInformed, env, datum=datum, title=title, zaaknummer=zaak,
                     documentnummer=doc, covers=paths)
        return paths

    # --- lookups and checks --------------------------------------------------------------------

    def weg(self, number: int) -> dict[str, Any]:
        if number not in self.wegen:
            raise NotFound(f"Routekaart {self.key} has no weg {number}.",
                           hint=f"See `ledger routekaart show {self.key}`.")
        return self.wegen[number]

    def node(self, part: Part) -> dict[str, Any]:
        """The state of a weg, stap or actie; refused when the Routekaart has no such part."""
        weg = self.weg(part.weg)
        node = weg
        if part.stap is not None:
            if part.stap not in weg["stappen"]:
                raise NotFound(f"Weg {part.weg} of Routekaart {self.key} has no stap {part.stap}.",
                               hint=f"See `ledger routekaart show {self.key}`.")
            node = weg["stappen"][part.stap]
        if part.actie is not None:
            if part.actie not in node["acties"]:
                where = f"stap {part.weg}.{part.stap}" if part.stap is not None else \
                    f"weg {part.weg}"
                raise NotFound(f"{where.capitalize()} of Routekaart {self.key} has no actie "
                               f"{part.actie}.", hint=f"See `ledger routekaart show {self.key}`.")
            node = node["acties"][part.actie]
        return node

    def status_event(self, part: Part, version: int) -> dict[str, Any] | None:
        node = self.node(part)
        return next((x for x in node.get("log", []) if x["version"] == version), None)

    def _status_node(self, part: Part) -> dict[str, Any]:
        if part.kind == "weg":
            raise RuleViolation(f"The status of weg {part.weg} is derived from its stappen (or "
                                "its acties); it cannot be set.",
                                hint="Set the status of its stappen or acties.")
        return self.node(part)

    def _check_transition(self, env: Envelope, part: Part, current: str, status: str,
                          decision: str | None) -> None:
        label = part.label
        if current in CLOSED:
            if status not in REOPEN[current]:
                raise RuleViolation(
                    f"{label.capitalize()} is {current}; it can be reopened only to "
                    f"{' or '.join(REOPEN[current])}, not to {status}.")
            if not env.reason:
                raise InvalidInput(f"Reopening {label}, which is {current}, needs a reason.",
                                   hint="Pass --reason, saying why it is reopened.")
            if not env.refs and not decision:
                raise AuthorityError(f"Reopening {label}, which is {current}, needs an authority.",
                                     hint="Pass --decision ID or --ref (e.g. besluit:ID or "
                                     "doc:NR) for what it rests on.")
            if part.kind == "actie" and part.stap is not None and part.parent is not None:
                stap = self.node(part.parent)
                if stap["status"] in CLOSED:
                    raise RuleViolation(f"{label.capitalize()} cannot be reopened while stap "
                                        f"{part.parent} is {stap['status']}.",
                                        hint=f"Reopen stap {part.parent} first.")
        elif status not in FORWARD[current]:
            raise RuleViolation(f"{label.capitalize()} cannot go from {current} back to {status}.",
                                hint="If the earlier status was recorded in error, correct it "
                                "with --corrects POSITION.")
        self._check_acties_closed(part, status)

    def _check_acties_closed(self, part: Part, status: str) -> None:
        if status != AFGEROND or part.kind != "stap":
            return
        open_ = [str(n) for n, a in sorted(self.node(part)["acties"].items())
                 if a["status"] not in CLOSED]
        if open_:
            which = " and ".join([", ".join(open_[:-1]), open_[-1]] if len(open_) > 1 else open_)
            raise RuleViolation(
                f"Stap {part} cannot be afgerond while actie {which} "
                f"{'is' if len(open_) == 1 else 'are'} still open.",
                hint="Set every actie of the stap to afgerond or vervallen first.")

    def _check_in_order(self, env: Envelope, since: date, what: str, because: str) -> None:
        if env.effective < since:
            raise RuleViolation(f"{what[0].upper()}{what[1:]} cannot take effect on "
                                f"{env.effective}: {because}.",
                                hint="Record changes in the order they took effect; correct a "
                                "mistaken one with --corrects.")

    def _reportable(self) -> list[Part]:
        found = []
        for w, weg in sorted(self.wegen.items()):
            if weg["stappen"]:
                found += [Part(w, s) for s in sorted(weg["stappen"])]
            else:
                found.append(Part(w))
        return found

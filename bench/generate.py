"""Synthetic national-scale ledgers, written in the ledger's own import format.

A generated ledger looks like the country: 342 gemeenten with CBS-style codes and their populations,
provincies, waterschappen, netbeheerders, woningcorporaties and energie-coöperaties; thirty RES
regions; years of decisions of raden, colleges, portefeuillehoudersoverleggen (ratified over the
following weeks by each participating college, sometimes by a college decision of its own),
algemene and dagelijkse besturen and programme bodies, some withdrawn, some with a vervaldatum;
a hundred programmes, each under a samenwerkingsovereenkomst that its gemeenten sign by college
decision, with werkstromen, onderwerpen and their status histories, yearly budgets funded by the
agreement's verdeelsleutel, reservations, invoices (some back-dated), releases and shifts under the
programme manager's mandate, indicators with targets and measurements, reports to the raden; Routekaarten of
gemeenten with wegen, stappen and acties moving through their statuses, some reopened; and
corrections of parties, back-dated to their registration.

The file is JSON Lines (`{"format": "ledger-import", "version": 1}` then one command per line) and
every command in it is valid in order, so `ledger import` loads it whole. The stream is
deterministic for a seed.

Adding an event kind takes a few lines: a function decorated with `@kind("area.verb", weight)` that
looks at the `World` (what was generated so far), records what it needs in `world.area(...)`, and
returns the commands (or None when it has nothing to do yet). For example::

    @kind("meekoppel.add", weight=0.2)
    def meekoppel(w: World) -> list[Cmd] | None:
        key = w.next_key("MK")
        return [w.cmd("meekoppel.add", args={"key": key, "name": "Warmtenet en riolering",
                                             "works": ["Rioolvervanging (gemeente)"]})]

    python -m bench.generate --events 100000 -o /tmp/ledger-100k.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Any

START, END = date(2019, 1, 1), date(2025, 12, 31)
RECEIPT = 1  # every imported command also stores its receipt (the command id's idempotency record)

GEMEENTEN = 342
PROVINCIES = ["Groningen", "Fryslân", "Drenthe", "Overijssel", "Flevoland", "Gelderland",
              "Utrecht", "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg"]
NETBEHEERDERS = ["Enexis", "Stedin", "Liander", "Westland Infra", "Coteq", "Rendo"]
BEDRIJVEN = ["Gasunie", "Dunea", "Vattenfall", "Eneco", "Ennatuurlijk", "Vitens", "Evides",
             "HVC", "Warmtebedrijf", "WarmtelinQ"]
RIJK = [("BZK", "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"),
        ("EZK", "Ministerie van Economische Zaken en Klimaat"),
        ("IENW", "Ministerie van Infrastructuur en Waterstaat")]
_PRE = ["Noord", "Zuid", "Oost", "West", "Nieuw", "Oud", "Groot", "Hoog", "Laag", "Sint ",
        "Ter ", "Berg", "Hof", "Wester", "Ooster", "Zand", "Water", "Heide", "Veen", "Dal"]
_STEM = ["brug", "dam", "veen", "wijk", "dorp", "horst", "hoven", "meer", "recht", "zand",
         "beek", "bergen", "broek", "dijk", "haven", "kerk", "loo", "mond", "sloot", "woude",
         "hem", "lo", "stein", "voorde", "weerd"]
TITLES = ["Vaststelling transitievisie warmte", "Instemming met de regionale energiestrategie",
          "Vaststelling uitvoeringsprogramma wijkaanpak", "Subsidieverlening aardgasvrije wijk",
          "Instemming met samenwerkingsovereenkomst", "Begrotingswijziging warmtetransitie",
          "Vaststelling omgevingsprogramma energie", "Aanwijzing zoeklocaties bodemenergie",
          "Instemming met dienstverleningsovereenkomst", "Kennisname kwartaalrapportage",
          "Vaststelling warmteprogramma", "Reservering middelen voor haalbaarheidsstudie",
          "Instemming met plustaak restwarmte", "Vaststelling bronnenstrategie",
          "Verlenging pilot warmtenet", "Vaststelling handboek kabels en leidingen"]
TYPES = ["besluit", "vaststelling", "begrotingswijziging", "subsidiebeschikking", "instemming",
         "kennisname"]
ACTORS = ["secretariaat", "programmamanager", "griffie", "controller", "beleidsadviseur"]
WORKSTREAMS = ["Energiesysteem", "Warmtetransitie", "Participatie", "Ruimtelijke inpassing",
               "Financiering"]
TOPICS = ["Warmteplan", "Bronnenstrategie", "Wijkaanpak", "Netcongestie", "Restwarmte",
          "Aquathermie", "Isolatie huurwoningen", "Participatieplan", "Ruimtelijke reservering",
          "Subsidieaanvraag", "Haalbaarheidsstudie warmtenet", "Monitoring"]
TOPIC_STATUS = ["Te doen", "In voorbereiding", "In uitvoering", "Wacht op besluit", "Gereed"]
PURPOSES = ["Interim programmamanager", "Haalbaarheidsstudie warmtenet", "Participatietraject",
            "Onderzoek bronnen", "Communicatie", "Juridisch advies", "Procesbegeleiding"]
WEGEN = ["Visie op samenwerking", "Organisatie en sturing", "Warmte en bronnen",
         "Informatievoorziening raad"]
STAPPEN = ["Inventarisatie", "Uitwerking", "Besluitvorming", "Uitvoering"]
VOOR = ["raad", "college", "griffie", "programmateam"]
MANDATE = 25_000  # the programme manager's mandate for shifts in every generated programme


@dataclass
class Cmd:
    """One command line of the import file, and how many events it stores (besides its receipt)."""

    command: str
    on: date
    args: dict[str, Any]
    ref: list[str] = field(default_factory=list)
    reason: str | None = None
    actor: str | None = None
    events: int = 1

    def line(self) -> dict[str, Any]:
        out: dict[str, Any] = {"command": self.command, "on": self.on.isoformat()}
        if self.actor:
            out["actor"] = self.actor
        if self.ref:
            out["ref"] = self.ref
        if self.reason:
            out["reason"] = self.reason
        out["args"] = self.args
        return out


@dataclass
class Kind:
    name: str
    weight: float | Callable[[World], float]
    make: Callable[[World], list[Cmd] | None]


KINDS: list[Kind] = []


def kind(name: str, weight: float | Callable[[World], float]):
    """Register a generator of commands; `weight` is a number or a function of the world."""
    def register(fn: Callable[[World], list[Cmd] | None]):
        KINDS.append(Kind(name, weight, fn))
        return fn
    return register


@dataclass
class Programme:
    """What the generator remembers of one programme, to keep every later command valid."""

    code: str
    region: str
    parties: list[str]
    agreement: str
    start: date
    end: date
    workstreams: list[str]
    free: dict[tuple[str, int], int] = field(default_factory=dict)  # allocated minus committed
    since: dict[tuple[str, int], date] = field(default_factory=dict)  # last allocation or shift in
    reservations: dict[str, dict[str, Any]] = field(default_factory=dict)  # "left" in cents
    topics: dict[str, int] = field(default_factory=dict)  # topic path -> index of its status
    indicators: list[str] = field(default_factory=list)
    reported: date | None = None


@dataclass
class Routekaart:
    key: str
    party: str
    parts: dict[str, str] = field(default_factory=dict)  # stap "1.0" or actie "1.0/1" -> status


class World:
    """What has been generated so far: the parties, regions, programmes and decisions, the date
    the generated history has reached, and a place per area for what new kinds need to remember."""

    def __init__(self, seed: int, events: int):
        self.rng = random.Random(seed)
        self.target = events
        self.day = START
        self.parties: dict[str, dict[str, Any]] = {}
        self.gemeenten: list[str] = []
        self.regions: dict[str, list[str]] = {}
        self.programmes: dict[str, Programme] = {}
        self.unstarted: list[str] = []  # programme codes still to start, in order
        self.routekaarten: dict[str, Routekaart] = {}
        self.decisions: list[str] = []  # keys of every recorded decision, in order
        self.decision_info: dict[str, dict[str, Any]] = {}
        self.pending: list[str] = []  # PHO decisions still awaiting ratifications
        self._areas: dict[str, dict[str, Any]] = {}
        self._seq: dict[str, int] = {}

    # --- helpers for kinds -----------------------------------------------------------------------

    def area(self, name: str) -> dict[str, Any]:
        return self._areas.setdefault(name, {})

    def next_key(self, prefix: str) -> str:
        n = self._seq[prefix] = self._seq.get(prefix, 0) + 1
        return f"{prefix}-{n:05d}"

    def cmd(self, command: str, *, args: dict[str, Any], on: date | None = None,
            ref: list[str] | None = None, reason: str | None = None, events: int = 1) -> Cmd:
        return Cmd(command, on or self.day, args, list(ref or []), reason,
                   self.rng.choice(ACTORS) if self.rng.random() < 0.3 else None, events)

    def refs(self) -> list[str]:
        r = self.rng
        out = [f"zaak:Z/{self.day.year % 100:02d}/{r.randrange(1, 999999):06d}"]
        if r.random() < 0.4:
            out.append(f"doc:{r.randrange(100000, 999999)}")
        if self.decisions and r.random() < 0.15:
            out.append("zie:" + self.decisions[r.randrange(max(0, len(self.decisions) - 5000),
                                                               len(self.decisions))])
        return out

    def gemeente(self) -> str:
        return self.rng.choice(self.gemeenten)

    def later(self, d: date, lo: int, hi: int) -> date:
        return d + timedelta(days=self.rng.randint(lo, hi))

    def running(self) -> list[Programme]:
        return [p for p in self.programmes.values() if p.start <= self.day <= p.end]


# --- the parties ---------------------------------------------------------------------------------

def gemeente_codes(rng: random.Random) -> dict[str, str]:
    names = sorted({f"{p}{s}".strip().title() for p in _PRE for s in _STEM})
    rng.shuffle(names)
    numbers = list(range(1, 2000))
    rng.shuffle(numbers)
    return {f"GM{n:04d}": name for n, name in zip(sorted(numbers[:GEMEENTEN]), names, strict=False)}


def setup(w: World) -> list[Cmd]:
    """Every party the country starts with, registered on the first day, and the populations of
    the gemeenten on that day (the peildatum of every generated verdeelsleutel)."""
    r, out = w.rng, []

    def add(kind_: str, name: str, key: str | None = None, cbs: str | None = None) -> None:
        args: dict[str, Any] = {"kind": kind_, "name": name}
        args.update({"cbs": cbs} if cbs else {"key": key})
        w.parties[cbs or key or ""] = {"kind": kind_, "name": name, "since": w.day, "void": False}
        out.append(w.cmd("party.add", args=args, ref=[f"doc:{r.randrange(100000, 999999)}"]))

    for code, name in sorted(gemeente_codes(r).items()):
        add("gemeente", name, cbs=code)
        w.gemeenten.append(code)
    for i, name in enumerate(PROVINCIES, start=1):
        add("provincie", f"Provincie {name}", key=f"PV{i:02d}")
    for i in range(1, 22):
        add("waterschap", f"Waterschap {r.choice(_PRE).strip()}{r.choice(_STEM)}", key=f"WS{i:02d}")
    for name in NETBEHEERDERS:
        add("netbeheerder", name, key=name.upper().replace(" ", "-"))
    for name in BEDRIJVEN:
        add("bedrijf", name, key=name.upper())
    for key, name in RIJK:
        add("rijk", name, key=key)
    for i in range(1, 301):
        add("corporatie", f"Woonstichting {r.choice(_PRE).strip()}{r.choice(_STEM)}",
            key=f"WC{i:03d}")
    for i in range(1, 81):
        add("cooperatie", f"Energiecoöperatie {r.choice(_PRE).strip()}{r.choice(_STEM)}",
            key=f"EC{i:03d}")
    for code in w.gemeenten:
        inwoners = int(r.lognormvariate(10.3, 0.8)) + 1000
        w.parties[code]["inwoners"] = inwoners
        out.append(w.cmd("party.population", on=START, args={
            "key": code, "peildatum": START.isoformat(), "inwoners": inwoners,
            "source": f"CBS, Bevolking op 1 januari {START.year}"}))
    # Thirty RES regions over the gemeenten and a hundred programmes, each in a region; they start
    # one after another over the first years.
    rest = list(w.gemeenten)
    r.shuffle(rest)
    for i in range(1, 31):
        take = len(rest) // (31 - i)
        w.regions[f"RES{i:02d}"], rest = sorted(rest[:take]), rest[take:]
    w.unstarted = [f"PRG{i:03d}" for i in range(1, 101)]
    return out


# --- decisions -----------------------------------------------------------------------------------

def _decision(w: World, body: str, prefix: str, *, participants: list[str] | None = None,
              plain: bool = False, on: date | None = None, title: str | None = None) -> list[Cmd]:
    """A decision of `body`; `plain` ones are adopted and in force on their date (those that
    later serve as authority)."""
    r = w.rng
    day = on or w.day
    key = f"{prefix}-{day.year}-{w.next_key(prefix)[-5:]}"
    args: dict[str, Any] = {"key": key, "body": body, "title": title or r.choice(TITLES),
                            "datum": day.isoformat(), "besluittype": r.choice(TYPES)}
    outcome = "aangenomen"
    x = r.random()
    if not plain and participants is None and x < 0.03:
        outcome = "verworpen"
    elif not plain and participants is None and x < 0.05:
        outcome, args["condition"] = "uitgesteld", "na de gemeenteraadsverkiezingen"
    if outcome != "aangenomen":
        args["outcome"] = outcome
    if r.random() < 0.5:
        args["publicatiedatum"] = w.later(day, 1, 14).isoformat()
    if not plain and r.random() < 0.15:
        args["ingangsdatum"] = w.later(day, 1, 60).isoformat()
    if not plain and r.random() < 0.1:
        start = date.fromisoformat(args.get("ingangsdatum", args["datum"]))
        args["vervaldatum"] = w.later(start, 180, 1100).isoformat()
        args["vervalreden"] = r.choice(["tijdelijke regeling", "looptijd pilot verstreken",
                                        "vervangen door nieuw besluit"])
    if r.random() < 0.2:
        args["toelichting"] = "Zie het raadsvoorstel en de bijbehorende stukken in het dossier."
    if participants:
        args["participants"] = participants
    cmds = [w.cmd("decision.record", args=args, on=day, ref=w.refs())]
    w.decisions.append(key)
    w.decision_info[key] = {"datum": day, "outcome": outcome, "withdrawn": plain,
                            "waiting": list(participants or []),
                            "participants": len(participants or []),
                            "vervaldatum": (date.fromisoformat(args["vervaldatum"])
                                            if "vervaldatum" in args else None)}
    if participants:
        w.pending.append(key)
    return cmds


@kind("decision.record college", weight=30)
def college_decision(w: World) -> list[Cmd]:
    g = w.gemeente()
    return _decision(w, f"college:{g}", f"COL-{g}")


@kind("decision.record raad", weight=14)
def raad_decision(w: World) -> list[Cmd]:
    g = w.gemeente()
    return _decision(w, f"raad:{g}", f"RAAD-{g}")


@kind("decision.record pho", weight=5)
def pho_decision(w: World) -> list[Cmd]:
    region = w.rng.choice(sorted(w.regions))
    members = w.regions[region]
    if w.rng.random() < 0.3:
        members = sorted(w.rng.sample(members, max(3, len(members) // 2)))
    return _decision(w, f"pho:{region}", f"PHO-{region}", participants=members)


@kind("decision.record ab/db", weight=3)
def bestuur_decision(w: World) -> list[Cmd]:
    region = w.rng.choice(sorted(w.regions))
    orgaan = w.rng.choice(["ab", "db"])
    return _decision(w, f"{orgaan}:{region}", f"{orgaan.upper()}-{region}")


@kind("decision.ratify", weight=lambda w: 45 if w.pending else 0)
def ratify(w: World) -> list[Cmd] | None:
    r = w.rng
    # The colleges ratify the older decisions first, mostly.
    i = min(int(r.expovariate(1 / 4)), len(w.pending) - 1)
    key = w.pending[i]
    info = w.decision_info[key]
    datum = max(w.day, info["datum"])
    if info["vervaldatum"] is not None and datum > info["vervaldatum"]:
        w.pending.pop(i)
        return None
    party = info["waiting"].pop(r.randrange(len(info["waiting"])))
    if not info["waiting"]:
        w.pending.pop(i)
    cmds: list[Cmd] = []
    args: dict[str, Any] = {"key": key, "party": party, "datum": datum.isoformat()}
    if r.random() < 0.25:
        cmds += _decision(w, f"college:{party}", f"COL-{party}", plain=True, on=datum,
                          title="Bekrachtiging besluit portefeuillehoudersoverleg")
        args["college_decision"] = w.decisions[-1]
    cmds.append(w.cmd("decision.ratify", args=args, on=datum, ref=w.refs()))
    return cmds


@kind("decision.withdraw", weight=0.8)
def withdraw(w: World) -> list[Cmd] | None:
    if not w.decisions:
        return None
    key = w.decisions[w.rng.randrange(len(w.decisions))]
    info = w.decision_info[key]
    if info["withdrawn"]:  # also: decisions that serve as authority are never withdrawn
        return None
    info["withdrawn"] = True
    if key in w.pending:
        w.pending.remove(key)
    return [w.cmd("decision.withdraw", args={"key": key, "datum": w.day.isoformat()},
                  ref=w.refs(), reason=w.rng.choice(["Ingetrokken na bezwaar",
                                                     "Vervangen door een nieuw besluit",
                                                     "Ingetrokken op verzoek van de raad"]))]


# --- parties over the years ----------------------------------------------------------------------

@kind("party.correct", weight=0.3)
def correct_party(w: World) -> list[Cmd] | None:
    """A back-dated correction: effective on the day the party was registered."""
    key = w.rng.choice(sorted(w.parties))
    p = w.parties[key]
    if p["void"] or p["kind"] == "gemeente" and w.rng.random() < 0.7:
        return None
    args: dict[str, Any] = {"key": key}
    if p["kind"] in ("corporatie", "cooperatie") and w.rng.random() < 0.2:
        args["void"] = True
        p["void"] = True
        reason = "Dubbel geregistreerd"
    else:
        if len(p["name"]) < 200:
            p["name"] = args["name"] = p["name"] + " (gecorrigeerd)"
        else:
            return None
        reason = "Naam verkeerd overgenomen bij registratie"
    return [w.cmd("party.correct", args=args, on=p["since"], reason=reason)]


@kind("party.add", weight=0.4)
def new_party(w: World) -> list[Cmd]:
    kind_ = w.rng.choice(["corporatie", "cooperatie"])
    key = w.next_key("NWC" if kind_ == "corporatie" else "NEC").replace("-", "")
    name = f"{'Woonstichting' if kind_ == 'corporatie' else 'Energiecoöperatie'} {key}"
    w.parties[key] = {"kind": kind_, "name": name, "since": w.day, "void": False}
    return [w.cmd("party.add", args={"kind": kind_, "name": name, "key": key}, ref=w.refs())]


@kind("party.population", weight=lambda w: 3 if w.day.month == 1 else 0)
def population(w: World) -> list[Cmd] | None:
    """The new year's CBS figure of a gemeente (each gemeente once a year)."""
    seen = w.area("population").setdefault(w.day.year, set())
    if w.day.year == START.year or len(seen) == len(w.gemeenten):
        return None
    code = w.rng.choice([g for g in w.gemeenten if g not in seen])
    seen.add(code)
    p = w.parties[code]
    p["inwoners"] = max(1000, int(p["inwoners"] * w.rng.uniform(0.99, 1.02)))
    peildatum = date(w.day.year, 1, 1)
    return [w.cmd("party.population", on=peildatum, args={
        "key": code, "peildatum": peildatum.isoformat(), "inwoners": p["inwoners"],
        "source": f"CBS, Bevolking op 1 januari {w.day.year}"})]


# --- programmes: agreement, programme, werkstromen, budget, topics, indicators ------------------

def _programme_due(w: World) -> bool:
    """The hundred programmes start one after another, one every 18 days from the start."""
    return bool(w.unstarted) and w.day >= START + timedelta(days=18 * (100 - len(w.unstarted)))


@kind("programme.start", weight=lambda w: 50 if _programme_due(w) else 0)
def programme_start(w: World) -> list[Cmd] | None:
    """A programme begins: its gemeenten's colleges decide to enter into a SOK, sign it, and the
    programme is set up with werkstromen, a begroting funded by the SOK's verdeelsleutel,
    onderwerpen and indicators."""
    r = w.rng
    code = w.unstarted.pop(0)
    region = f"RES{(int(code[3:]) - 1) % 30 + 1:02d}"
    members = w.regions[region]
    parties = sorted(r.sample(members, min(len(members), r.randint(3, 7))))
    day = w.day
    cmds: list[Cmd] = []
    colleges = {}
    for party in parties:
        cmds += _decision(w, f"college:{party}", f"COL-{party}", plain=True,
                          title="Aangaan samenwerkingsovereenkomst warmte")
        colleges[party] = w.decisions[-1]
    agreement = f"SOK-{code}"
    cmds.append(w.cmd("agreement.create", ref=w.refs(), args={
        "key": agreement, "kind": "sok", "title": f"Samenwerkingsovereenkomst warmte {code}",
        "parties": parties, "lead": parties[0], "verdeelsleutel": "per-inwoner",
        "peildatum": START.isoformat(), "reporting": "quarterly", "report_to": "raad"}))
    for party in parties:
        cmds.append(w.cmd("agreement.sign", args={"key": agreement, "party": party,
                                                  "decision": colleges[party]}))
    end = date(day.year + 3, 12, 31)
    cmds.append(w.cmd("programme.create", ref=w.refs(), args={
        "code": code, "name": f"Warmtetransitie {region} {code}", "agreement": agreement,
        "start": day.isoformat(), "end": end.isoformat(),
        "public_values": r.sample(["betaalbaarheid", "haalbaarheid", "duurzaamheid",
                                   "betrouwbaarheid", "tijdigheid"], 3),
        "mandates": [f"programmamanager:{MANDATE}", "regiegroep:250000", "college:unlimited"]}))
    streams = [f"WS{i}" for i in range(1, r.randint(3, 5) + 1)]
    for i, ws in enumerate(streams):
        cmds.append(w.cmd("workstream.add", args={"programme": code, "code": ws,
                                                  "name": WORKSTREAMS[i]}))
    p = Programme(code, region, parties, agreement, day, end, streams)
    w.programmes[code] = p
    cmds += _decision(w, f"regiegroep:{code}", f"RG-{code}", plain=True,
                      title="Vaststelling begroting programma")
    cmds += _allocate(w, p, day.year, w.decisions[-1])
    for ws in streams:
        for name in r.sample(TOPICS, r.randint(2, 4)):
            key = name.lower().replace(" ", "-")
            path = f"{code}/{ws}/{key}"
            p.topics[path] = 0
            cmds.append(w.cmd("workstream.topic", args={
                "programme": code, "workstream": ws, "key": key, "name": name,
                "resultaat": f"{name} vastgesteld", "status": TOPIC_STATUS[0]}))
    for key, unit, base, target in (("aansluitingen", "aansluitingen", 0, 2000),
                                    ("besteding", "EUR", 0, 1_000_000)):
        ind = f"{code}/{key}"
        p.indicators.append(ind)
        cmds.append(w.cmd("indicator.define", args={
            "indicator": ind, "name": key.capitalize(), "unit": unit, "baseline": str(base),
            "baseline_date": day.isoformat(), "baseline_source": "Plan van aanpak"}))
        cmds.append(w.cmd("indicator.target", args={"indicator": ind, "year": end.year,
                                                    "value": str(target)}))
    return cmds


def _allocate(w: World, p: Programme, year: int, decision: str) -> list[Cmd]:
    """The year's begroting per werkstroom, and its funding by the agreement's verdeelsleutel."""
    cmds, total = [], 0
    first = not p.free  # the programme's first budget command also opens its budget
    for ws in p.workstreams:
        amount = w.rng.randrange(60, 400) * 1000
        total += amount
        p.free[(ws, year)] = p.free.get((ws, year), 0) + amount
        p.since[(ws, year)] = w.day
        cmds.append(w.cmd("budget.allocate", args={"programme": p.code, "workstream": ws,
                                                   "year": year, "amount": amount,
                                                   "decision": decision},
                          events=2 if first else 1))
        first = False
    cmds.append(w.cmd("budget.fund", args={"programme": p.code, "amount": total, "year": year,
                                           "by_agreement": True}))
    return cmds


@kind("budget.allocate", weight=lambda w: 20 if w.area("budget").get("due") else 0)
def allocate_year(w: World) -> list[Cmd] | None:
    due = w.area("budget").get("due")
    code = due.pop()
    p = w.programmes[code]
    if (p.workstreams[0], w.day.year) in p.free or w.day.year > p.end.year:
        return None
    cmds = _decision(w, f"regiegroep:{code}", f"RG-{code}", plain=True,
                     title=f"Vaststelling begroting {w.day.year}")
    return cmds + _allocate(w, p, w.day.year, w.decisions[-1])


def _year_started(w: World) -> None:
    """On a new year, every running programme still needs that year's begroting."""
    w.area("budget")["due"] = [p.code for p in w.running()
                               if (p.workstreams[0], w.day.year) not in p.free]


@kind("budget.reserve", weight=lambda w: 6 if w.programmes else 0)
def reserve(w: World) -> list[Cmd] | None:
    p = w.rng.choice(list(w.programmes.values()))
    ws, year = w.rng.choice(p.workstreams), w.day.year
    free = p.free.get((ws, year), 0)
    if free < 10_000 or not p.start <= w.day <= p.end:
        return None
    amount = w.rng.randrange(5, max(6, min(free, 120_000) // 1000)) * 1000
    if amount > free:
        return None
    rid = w.next_key("R").replace("-", "")
    p.free[(ws, year)] = free - amount
    p.reservations[rid] = {"left": amount * 100, "since": w.day, "year": year, "ws": ws}
    return [w.cmd("budget.reserve", ref=w.refs(), args={
        "programme": p.code, "workstream": ws, "year": year, "amount": amount,
        "purpose": w.rng.choice(PURPOSES), "reservation": rid})]


@kind("budget.spend", weight=lambda w: 14 if w.programmes else 0)
def spend(w: World) -> list[Cmd] | None:
    """An invoice against a reservation or straight on a werkstroom; one in five is back-dated a
    few weeks (the invoice came in late)."""
    r = w.rng
    p = r.choice(list(w.programmes.values()))
    if not p.start <= w.day <= p.end:
        return None
    on = w.day
    if r.random() < 0.2:
        on = max(date(w.day.year, 1, 1), w.day - timedelta(days=r.randint(1, 45)))
    ref = f"factuur:{p.code}-{w.next_key('F')[2:]}"
    open_ = [k for k, v in p.reservations.items() if v["left"] > 0 and v["year"] == w.day.year]
    if open_ and r.random() < 0.7:
        rid = r.choice(open_)
        res = p.reservations[rid]
        on = max(on, res["since"])
        cents = min(res["left"] - 100, r.randrange(1, 40) * 100_000 + r.randrange(0, 10_000))
        if cents < 100:
            return None
        res["left"] -= cents
        return [w.cmd("budget.spend", on=on, args={
            "programme": p.code, "amount": f"{cents // 100},{cents % 100:02d}",
            "reference": ref, "reservation": rid, "description": "Factuur " + ref[8:]})]
    ws, year = r.choice(p.workstreams), w.day.year
    free = p.free.get((ws, year), 0)
    if free < 2_000:
        return None
    on = max(on, p.since[(ws, year)])
    amount = min(free, r.randrange(1, 15) * 1000)
    p.free[(ws, year)] = free - amount
    return [w.cmd("budget.spend", on=on, args={
        "programme": p.code, "amount": amount, "reference": ref, "workstream": ws, "year": year})]


@kind("budget.release", weight=lambda w: 2 if w.programmes else 0)
def release(w: World) -> list[Cmd] | None:
    p = w.rng.choice(list(w.programmes.values()))
    done = [k for k, v in p.reservations.items()
            if v["left"] > 0 and (v["year"] < w.day.year or w.rng.random() < 0.2)]
    if not done or w.day > p.end:
        return None
    rid = w.rng.choice(done)
    res = p.reservations.pop(rid)
    if res["year"] == w.day.year:  # what is left is free again, from today on
        p.free[(res["ws"], res["year"])] += res["left"] // 100  # (the cents stay unused)
        p.since[(res["ws"], res["year"])] = w.day
    return [w.cmd("budget.release", reason="Opdracht afgerond",
                  args={"programme": p.code, "reservation": rid})]


@kind("budget.shift", weight=lambda w: 1.5 if w.programmes else 0)
def shift(w: World) -> list[Cmd] | None:
    """The programme manager moves what will not be spent this year to the next, within the
    mandate."""
    r = w.rng
    p = r.choice(list(w.programmes.values()))
    ws, year = r.choice(p.workstreams), w.day.year
    free = p.free.get((ws, year), 0)
    if free < 5_000 or year + 1 > p.end.year or not p.start <= w.day:
        return None
    amount = min(free, MANDATE, r.randrange(2, 25) * 1000)
    cmds = _decision(w, f"programmamanager:{p.code}", f"PM-{p.code}", plain=True,
                     title="Doorschuiven budget naar volgend jaar")
    p.free[(ws, year)] = free - amount
    p.free[(ws, year + 1)] = p.free.get((ws, year + 1), 0) + amount
    p.since[(ws, year + 1)] = max(p.since.get((ws, year + 1), w.day), w.day)
    return cmds + [w.cmd("budget.shift", args={
        "programme": p.code, "amount": amount, "decision": w.decisions[-1],
        "from_workstream": ws, "from_year": year, "to_year": year + 1})]


@kind("workstream.status", weight=lambda w: 10 if w.programmes else 0)
def topic_status(w: World) -> list[Cmd] | None:
    p = w.rng.choice(list(w.programmes.values()))
    if not p.topics or not p.start <= w.day <= p.end:
        return None
    path = w.rng.choice(sorted(p.topics))
    i = p.topics[path]
    args: dict[str, Any] = {"topic": path, "plan": f"Stand {w.next_key('STAND')[6:]}: "
                            f"{w.rng.choice(['planning gehaald', 'vertraging', 'bijgesteld'])}"}
    if i < len(TOPIC_STATUS) - 1 and w.rng.random() < 0.5:
        p.topics[path] = i + 1
        args["status"] = TOPIC_STATUS[i + 1]
    if w.rng.random() < 0.3:
        args["vervolgstappen"] = w.rng.choice(["Bespreken in het PHO", "Offerte opvragen",
                                               "Raadsinformatiebrief opstellen"])
    return [w.cmd("workstream.status", ref=w.refs(), args=args)]


@kind("indicator.measure", weight=lambda w: 1.5 if w.programmes else 0)
def measure(w: World) -> list[Cmd] | None:
    p = w.rng.choice(list(w.programmes.values()))
    if not p.start < w.day <= p.end:
        return None
    ind = w.rng.choice(p.indicators)
    done = (w.day - p.start).days / max(1, (p.end - p.start).days)
    top = 2000 if ind.endswith("aansluitingen") else 1_000_000
    value = int(top * done * w.rng.uniform(0.6, 1.2))
    return [w.cmd("indicator.measure", args={"indicator": ind, "value": str(value),
                                             "source": "Monitor warmtetransitie"})]


@kind("agreement.report", weight=lambda w: 1.5 if w.programmes else 0)
def agreement_report(w: World) -> list[Cmd] | None:
    """The quarterly report to the raden that each SOK obliges."""
    p = w.rng.choice(list(w.programmes.values()))
    if p.reported and (w.day - p.reported).days < 80 or w.day > p.end:
        return None
    p.reported = w.day
    return [w.cmd("agreement.report", ref=[f"doc:voortgangsrapportage-{p.code}-{w.day}"],
                  args={"key": p.agreement, "datum": w.day.isoformat()})]


# --- Routekaarten --------------------------------------------------------------------------------

@kind("routekaart.create", weight=lambda w: 1 if len(w.routekaarten) < 60 else 0)
def routekaart_create(w: World) -> list[Cmd] | None:
    """A gemeente's raad adopts its Routekaart: wegen with stappen and acties."""
    r = w.rng
    party = w.gemeente()
    key = f"RK-{party}"
    if key in w.routekaarten:
        return None
    cmds = _decision(w, f"raad:{party}", f"RAAD-{party}", plain=True,
                     title="Vaststelling Routekaart regionale samenwerking")
    rk = Routekaart(key, party)
    w.routekaarten[key] = rk
    cmds.append(w.cmd("routekaart.create", args={
        "key": key, "title": f"Routekaart {w.parties[party]['name']}", "party": party,
        "decision": w.decisions[-1]}))
    for weg in range(1, r.randint(2, 4) + 1):
        cmds.append(w.cmd("routekaart.weg", args={"key": key, "number": weg,
                                                  "title": WEGEN[weg - 1]}))
        for s in range(r.randint(2, 4)):
            stap = f"{weg}.{s}"
            rk.parts[stap] = "niet gestart"
            cmds.append(w.cmd("routekaart.stap", args={
                "key": key, "stap": stap, "title": STAPPEN[s],
                "due": w.later(w.day, 90, 720).isoformat()}))
            for a in range(1, r.randint(1, 3) + 1):
                rk.parts[f"{stap}/{a}"] = "niet gestart"
                cmds.append(w.cmd("routekaart.actie", args={
                    "key": key, "target": stap, "number": a, "voor": r.choice(VOOR),
                    "text": f"{STAPPEN[s]} {WEGEN[weg - 1].lower()}, deel {a}"}))
    return cmds


NEXT = {"niet gestart": ["loopt"], "loopt": ["gedeeltelijk afgerond", "afgerond"],
        "gedeeltelijk afgerond": ["afgerond"]}
SLUG = {"loopt": "loopt", "gedeeltelijk afgerond": "gedeeltelijk-afgerond",
        "afgerond": "afgerond", "vervallen": "vervallen"}


@kind("routekaart.status", weight=lambda w: 8 if w.routekaarten else 0)
def routekaart_status(w: World) -> list[Cmd] | None:
    """A stap or actie moves on; a finished stap is now and then reopened, with a reason."""
    r = w.rng
    rk = w.routekaarten[r.choice(sorted(w.routekaarten))]
    part = r.choice(sorted(rk.parts))
    status = rk.parts[part]
    if "/" not in part:  # a stap: afgerond only when every actie under it is closed
        if status == "afgerond":
            if r.random() > 0.1:
                return None
            rk.parts[part] = "loopt"
            return [w.cmd("routekaart.status", ref=w.refs(), reason="Nieuwe opgave voor de stap",
                          args={"key": rk.key, "target": part, "status": "loopt"})]
        open_ = any(s not in ("afgerond", "vervallen")
                    for p, s in rk.parts.items() if p.startswith(part + "/"))
        choices = [s for s in NEXT.get(status, []) if not (open_ and s == "afgerond")]
    else:  # an actie, while its stap is open
        if rk.parts[part.split("/")[0]] == "afgerond" or status in ("afgerond", "vervallen"):
            return None
        choices = ["vervallen"] if r.random() < 0.05 else NEXT[status]
    if not choices:
        return None
    new = r.choice(choices)
    rk.parts[part] = new
    return [w.cmd("routekaart.status", ref=w.refs() if r.random() < 0.3 else None,
                  args={"key": rk.key, "target": part, "status": SLUG[new]})]


# --- the stream ----------------------------------------------------------------------------------

def generate(out: IO[str], events: int, seed: int = 20211005) -> dict[str, Any]:
    """Write an import file of about `events` stored events (receipts included) to `out`."""
    w = World(seed, events)
    out.write(json.dumps({"format": "ledger-import", "version": 1,
                          "defaults": {"actor": "secretariaat"}}) + "\n")
    stored = commands = 0
    counts: dict[str, int] = {}

    def emit(cmds: list[Cmd]) -> None:
        nonlocal stored, commands
        for c in cmds:
            out.write(json.dumps(c.line(), ensure_ascii=False, separators=(",", ":")) + "\n")
            stored += c.events + RECEIPT
            commands += 1
            counts[c.command] = counts.get(c.command, 0) + 1

    emit(setup(w))
    months: dict[str, int] = {}  # log position reached when each month began
    span = (END - START).days
    per_command = span / max(1, (events - stored) / 2.2)
    clock = 0.0
    while stored < events:
        weights = [k.weight(w) if callable(k.weight) else k.weight for k in KINDS]
        chosen = w.rng.choices(KINDS, weights)[0]
        cmds = chosen.make(w)
        if not cmds:
            continue
        emit(cmds)
        clock += per_command * len(cmds)
        day = min(END, START + timedelta(days=int(clock)))
        months.setdefault(day.isoformat()[:7], stored)
        if day.year != w.day.year:
            w.day = day
            _year_started(w)
        w.day = day
    return {"events": stored, "commands": commands, "gemeenten": len(w.gemeenten),
            "regions": len(w.regions), "programmes": len(w.programmes),
            "routekaarten": len(w.routekaarten), "parties": len(w.parties),
            "decisions": len(w.decisions), "by_command": counts,
            "first_day": START.isoformat(), "last_day": w.day.isoformat(), "seed": seed,
            "sample": sample(w, months)}


def sample(w: World, months: dict[str, int]) -> dict[str, Any]:
    """What the read figures ask about: the largest gemeente, a PHO decision with the most
    participants, and the first programme with its first werkstroom, a quarter in the middle of
    its life and the log position six weeks after that quarter ended (`as_of`: what the ledger
    knew when the quarter's report was written)."""
    party = max(w.gemeenten, key=lambda g: w.parties[g]["inwoners"])
    pho = [k for k in w.decisions if k.startswith("PHO")]
    decision = max(pho, key=lambda k: w.decision_info[k]["participants"],
                   default=w.decisions[0] if w.decisions else None)
    out: dict[str, Any] = {"party": party, "decision": decision}
    if w.programmes:
        p = next(iter(w.programmes.values()))
        mid = p.start + (min(w.day, p.end) - p.start) / 2
        q = (mid.month - 1) // 3 + 1
        end = date(mid.year + (q == 4), q * 3 % 12 + 1, 1) - timedelta(days=1)
        written = (end + timedelta(days=42)).isoformat()[:7]
        as_of = next((n for m, n in sorted(months.items()) if m >= written),
                     max(months.values(), default=0))
        out.update(programme=p.code, workstream=p.workstreams[0], quarter=f"{mid.year}Q{q}",
                   quarter_end=end.isoformat(), as_of=as_of)
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Write a synthetic national-scale import file.")
    ap.add_argument("--events", type=int, default=100_000,
                    help="About how many stored events (receipts included) the file makes.")
    ap.add_argument("--seed", type=int, default=20211005)
    ap.add_argument("-o", "--output", type=Path, required=True)
    a = ap.parse_args(argv)
    with a.output.open("w", encoding="utf-8") as fh:
        summary = generate(fh, a.events, a.seed)
    json.dump(summary, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

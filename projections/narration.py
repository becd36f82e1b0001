"""Telling events: what a narrator of an area's events (`describe(entry, story) -> Narration`)
may use, and the generic sentence and field-by-field changes for events no narrator tells.

`Story` is what narrators can ask while one trail is told (names of parties and bodies, decisions,
labels of parts, a memory of their own). The trail (`projections/trail.py`) makes the story and
hands it the views it needs, so that the narrators (`projections/decisions.py`, `parties.py`,
`routekaart.py`, `budget.py`, `agreements.py`) and this module never import the trail or each
other.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ledger.i18n import N_, _
from projections.reading import Entry, Horizon, Reader, cited_decisions

SKIP = {"key"}

# How a kind of subject is named in a sentence ("party GM0546", "stap 1.2").
KIND_NAMES = {
    "party": N_("party"), "decision": N_("decision"), "agreement": N_("agreement"),
    "budget": N_("budget"), "budgetline": N_("budget line"), "reservation": N_("reservation"),
    "assertion": N_("check"), "programme": N_("programme"), "workstream": N_("werkstroom"),
    "topic": N_("onderwerp"), "indicator": N_("indicator"), "report": N_("report"),
    "routekaart": N_("Routekaart"), "weg": N_("weg"), "stap": N_("stap"), "actie": N_("actie"),
    "witness": N_("witness"), "narrative": N_("narrative"), "command": N_("command"),
    "classification": N_("classification"), "meekoppelkans": N_("meekoppelkans"),
}

# A body (`ledger.rules.decision.BODIES`) of a party or a cooperation, in a sentence.
BODY_PHRASES = {
    "raad": N_("the gemeenteraad of {who}"), "college": N_("the college van B&W of {who}"),
    "pho": N_("the portefeuillehoudersoverleg of {who}"), "ab": N_("the algemeen bestuur of {who}"),
    "db": N_("the dagelijks bestuur of {who}"),
    "regiegroep": N_("the ambtelijke regiegroep of {who}"),
    "programmamanager": N_("the programmamanager of {who}"),
    "other": N_("another body of {who}"),
}

# One sentence per event no narrator tells. {who} is the body whose decision the event rests on,
# else the actor; {key} the aggregate's key; {what} the part the event is about; the other
# placeholders are the event's fields (dates, amounts and numbers shown as a person reads them).
EVENT_SENTENCES = {
    ("agreement", "Drafted"): N_("{who} drafted agreement {key}: “{title}”."),
    ("agreement", "Signed"): N_("{who} signed agreement {key} on {datum}."),
    ("agreement", "Amended"): N_("{who} amended agreement {key} as of {ingangsdatum}: "
                                 "“{summary}”."),
    ("agreement", "Withdrawn"): N_("{who} withdrew from agreement {key} on {datum}."),
    ("agreement", "Ended"): N_("{who} recorded that agreement {key} ended on {datum}."),
    ("agreement", "ReportSent"): N_("{who} recorded that the report on agreement {key} was "
                                    "sent to the {to} on {datum}."),
    ("party", "PopulationRecorded"): N_("{who} recorded {inwoners} inhabitants of {what} on "
                                        "peildatum {peildatum} (source: {source})."),
    ("budget", "Opened"): N_("{who} opened the budget of programme {programme}."),
    ("budget", "Allocated"): N_("{who} allocated {amount} to {what}."),
    ("budget", "Reserved"): N_("{who} reserved {amount} on {what} (reservation {reservation}): "
                               "“{purpose}”."),
    ("budget", "Spent"): N_("{who} recorded a spending of {amount} on {what} (reference "
                            "{reference})."),
    ("budget", "Released"): N_("{who} released {amount} of reservation {reservation} on "
                               "{what}."),
    ("budget", "Shifted"): N_("{who} shifted {amount} from werkstroom {from_workstream} "
                              "{from_year} to werkstroom {to_workstream} {to_year}."),
    ("budget", "Funded"): N_("{who} recorded funding of {amount} for budget {key} (source: "
                             "{source})."),
    ("budget", "Asserted"): N_("{who} recorded check {assertion}: {column} of {what} was "
                               "{amount} on {on} (document {document})."),
    ("budget", "AssertionAccepted"): N_("{who} accepted the difference of {difference} found "
                                        "by check {assertion}."),
    ("programme", "Created"): N_("{who} created programme {key} “{name}”."),
    ("programme", "WorkstreamAdded"): N_("{who} added werkstroom {code} “{name}” to programme "
                                         "{key}."),
    ("programme", "WorkstreamBudgetNamed"): N_("{who} named the budget of werkstroom {code} "
                                               "of programme {key}: “{begroting}”."),
    ("topic", "Added"): N_("{who} added onderwerp {key} “{name}”."),
    ("topic", "Updated"): N_("{who} updated onderwerp {key}."),
    ("indicator", "Defined"): N_("{who} defined indicator {key} “{name}” ({unit}), starting "
                                 "from {baseline_value} on {baseline_date}."),
    ("indicator", "TargetSet"): N_("{who} set the target of indicator {key} for {year} to "
                                   "{value} {unit}."),
    ("indicator", "Measured"): N_("{who} recorded a measurement of indicator {key}: {value} "
                                  "{unit} (source: {source})."),
    ("meekoppelkans", "Identified"): N_("{who} recorded meekoppelkans {key} “{name}” "
                                        "({status})."),
    ("meekoppelkans", "StatusChanged"): N_("{who} set meekoppelkans {key} to {status}."),
    ("classification", "Classified"): N_("{who} classified {key}."),
    ("classification", "Reclassified"): N_("{who} classified {key} anew."),
    ("narrative", "Started"): N_("{who} began the narrative of the report of programme "
                                 "{programme} for {quarter}."),
    ("narrative", "PartWritten"): N_("{who} wrote the part “{part}” of narrative {key}."),
    ("report", "Issued"): N_("{who} issued report {key} of programme {programme} for "
                             "{quarter}, dated {datum}."),
    ("witness", "Opened"): N_("{who} began to witness the checkpoints of {key}."),
    ("witness", "Cosigned"): N_("{who} cosigned the checkpoint of {key} at size {size}."),
    ("witness", "SplitViewFound"): N_("{who} found a split view: the checkpoint of {key} at "
                                      "size {size} differs from this ledger's."),
}
# Event fields that hold an amount in euros, a date, or a party (shown as a person reads them).
MONEY = {"amount", "difference", "computed", "allocated", "budget", "reserved", "spent", "free",
         "released", "remaining"}
NUMBERS = {"inwoners", "value", "baseline_value", "size", "population"}
DATES = {"datum", "ingangsdatum", "peildatum", "baseline_date", "on", "start", "end", "due",
         "vervaldatum", "since", "adopted"}
# Field names as shown in "before → after" (others are shown as they are).
FIELD_NAMES = {
    "name": N_("name"), "kind": N_("kind"), "title": N_("title"), "status": N_("status"),
    "party": N_("party"), "parties": N_("parties"), "datum": N_("date"),
    "ingangsdatum": N_("effective date"), "decision": N_("decision"), "amount": N_("amount"),
    "reason": N_("reason"), "reference": N_("reference"), "source": N_("source"),
    "description": N_("description"), "purpose": N_("purpose"), "due": N_("due"),
    "members": N_("members"), "payers": N_("payers"), "sharing": N_("verdeelsleutel"),
    "summary": N_("summary"), "reporting": N_("reporting"), "lead": N_("lead party"),
    "extends": N_("extends"), "to": N_("to"), "allocated": N_("allocated"),
    "budget": N_("budget"), "reserved": N_("reserved"), "spent": N_("spent"), "free": N_("free"),
    "released": N_("released"), "remaining": N_("remaining"), "value": N_("value"),
    "unit": N_("unit"), "year": N_("year"), "inwoners": N_("inhabitants"),
    "peildatum": N_("peildatum"), "cbs": N_("CBS code"), "void": N_("void"),
    "outcome": N_("outcome"), "body": N_("body"), "participants": N_("participants"),
    "workstream": N_("werkstroom"), "reservation": N_("reservation"), "output": N_("output"),
    "text": N_("text"), "resultaat": N_("resultaat"), "plan": N_("plan"),
    "vervolgstappen": N_("vervolgstappen"), "depends_on": N_("depends on"),
    "works": N_("works"), "instrument": N_("instrument"), "level": N_("level"),
    "role": N_("role"), "programme": N_("programme"), "quarter": N_("quarter"),
    "agreement": N_("agreement"),
}


@dataclass
class Narration:
    """A narrator's account of one event: a sentence, and (optionally) what changed. Without
    `changes`, the trail works them out field by field from the payload."""

    sentence: str
    changes: dict[str, dict[str, Any]] | None = None


class Story:
    """What narrators can ask while telling one trail: names of parties and bodies, decisions,
    labels of parts, and a memory of their own."""

    def __init__(self, reader: Reader, subject: str, *,
                 registered: Callable[[Reader], dict[str, dict[str, Any]]],
                 decisions: Callable[[Reader], dict[str, dict[str, Any]]]):
        """`registered` gives the parties a reader knows by key, `decisions` the decisions'
        state by key (the views of those areas: the trail hands them in)."""
        self.reader = reader
        self._registered, self._decisions_of = registered, decisions
        self.subject = subject
        self.memory: dict[str, Any] = {}
        # Names and decisions as recorded by the trail's horizon, whatever their effective date.
        self.known = reader.at(Horizon(None, reader.horizon.upto))
        self._parties: dict[str, dict[str, Any]] | None = None
        self._decisions: dict[str, dict[str, Any]] | None = None

    @property
    def kind(self) -> str:
        return self.subject.split(":", 1)[0]

    def parties(self) -> dict[str, dict[str, Any]]:
        if self._parties is None:
            self._parties = {k.casefold(): v for k, v in self._registered(self.known).items()}
        return self._parties

    def party_name(self, key: str) -> str:
        p = self.parties().get(str(key).casefold())
        return f"{p['name']} ({p['key']})" if p else str(key)

    def decision(self, key: str) -> dict[str, Any] | None:
        if self._decisions is None:
            state = self._decisions_of(self.known)
            self._decisions = {k.casefold(): v for k, v in state.items()}
        return self._decisions.get(str(key).casefold())

    def body(self, body: str) -> str:
        """`raad:GM0626` as "the gemeenteraad of Voorschoten (GM0626)"."""
        from ledger.rules.decision import BODIES, body_kind, body_party

        kind = body_kind(body)
        party = body_party(body)
        who = self.party_name(party) if party else body.split(":", 1)[-1]
        phrase = BODY_PHRASES.get(kind)
        if phrase is not None:
            return _(phrase).format(who=who)
        return _("the {body} of {who}").format(body=BODIES.get(kind, kind), who=who)

    def cited(self, e: Entry, *, authority_only: bool = True) -> list[str]:
        """The decisions the event rests on (or, with `authority_only=False`, names at all)."""
        return cited_decisions(e.refs, e.payload, authority_only=authority_only)

    def who(self, e: Entry, default: str | None = None) -> str:
        """The body whose decision the event rests on, else `default`, else the actor who
        recorded it."""
        for key in self.cited(e):
            d = self.decision(key)
            if d is not None:
                text = self.body(d["body"])
                return text[0].upper() + text[1:]
        return default or e.actor

    def label(self, part: str) -> str:
        """`stap:VS-RK/1.2` as "stap 1.2" (within its aggregate), `party:GM0546` as "party
        GM0546"."""
        kind, _sep, key = part.partition(":")
        _top, slash, rest = key.partition("/")
        if kind == "budget" and slash:
            kind = "budgetline"
        name = KIND_NAMES.get(kind)
        return f"{_(name) if name else kind} {rest if slash else key}"

    def prefix(self, e: Entry) -> str:
        """How a change is labelled: plain for the subject itself, with the part's label for a
        part within it (an actie in a stap's trail)."""
        return "" if e.about.casefold() == self.subject.casefold() else self.label(e.about) + " "


def humanize(event: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", event).lower()


class _Values(dict[str, str]):
    """Placeholders of an event's sentence; a field the event lacks shows as a dash."""

    def __missing__(self, key: str) -> str:
        return "—"


def show_number(value: Any) -> str:
    """A number (a count, a measured value) as a person reads it in the language in use."""
    from decimal import Decimal, InvalidOperation

    from babel.numbers import format_decimal

    from ledger.i18n import language

    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    return format_decimal(number, locale=language(), group_separator=True)


def show_field(name: str, value: Any, form: str = "long") -> str:
    """One field's value as a person reads it: amounts in euros, dates written out (`form`
    "long" in sentences, "short" in tables), counts with their thousands separated."""
    from ledger.dates import show_date
    from ledger.money import format_eur

    if value is None or value == "" or value == []:
        return "—"
    base = name.rsplit(" ", 1)[-1]
    try:
        if base in MONEY and not isinstance(value, (dict, list, bool)):
            from decimal import Decimal

            return format_eur(Decimal(str(value)))
        if base in DATES and isinstance(value, str) and ISO_DATE.fullmatch(value[:10]):
            return show_date(value, form)
        if base in NUMBERS and not isinstance(value, (dict, list, bool)):
            return show_number(value)
    except Exception:
        pass
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def field_name(name: str) -> str:
    """A field's name as shown in "before → after"; a part's label before it stays
    ("stap 1.2 status" becomes "stap 1.2 status" in the language in use)."""
    known = FIELD_NAMES.get(name)
    if known:
        return _(known)
    head, sep, tail = name.rpartition(" ")
    if sep and tail in FIELD_NAMES:
        return f"{head} {_(FIELD_NAMES[tail])}"
    return name


def generic_sentence(e: Entry, story: Story) -> str:
    """The event told in one sentence (`EVENT_SENTENCES`), or, for an event that table lacks,
    a sentence naming the event's type as a code."""
    p = e.payload
    party = p.get("party") if isinstance(p.get("party"), str) else None
    who = story.who(e, story.party_name(party) if party and e.kind == "agreement" else None)
    template = EVENT_SENTENCES.get((e.kind, e.event))
    if template is None:
        return _("{who} recorded {event} about {what}.").format(
            who=who, event=e.topic, what=story.label(e.about))
    values = _Values({name: show_field(name, value) for name, value in p.items()})
    for name in ("value", "baseline_value", "inwoners", "size"):
        if p.get(name) is not None:
            values[name] = show_number(p[name])
    if e.kind == "agreement" and e.event == "ReportSent":
        from projections.agreements import addressees

        values["to"] = addressees(str(p.get("to", "")))
    values.update(who=who, key=e.key, what=story.party_name(e.key) if e.kind == "party"
                  and e.about == e.subject else story.label(e.about))
    return _(template).format_map(values)


def generic_changes(e: Entry, story: Story,
                    known: dict[tuple[str, str], Any]) -> dict[str, dict[str, Any]]:
    """Field by field, against the values the same part had from earlier events in the trail."""
    part, prefix = e.about.casefold(), story.prefix(e)
    changes = {}
    for name, value in e.payload.items():
        # None means "not given" (a correction names only what it corrects); an empty value is
        # not news until the field had one.
        if name in SKIP or value is None or (value in ("", [], {}, False)
                                             and (part, name) not in known):
            continue
        if known.get((part, name)) != value:
            changes[prefix + name] = {"before": known.get((part, name)), "after": value}
            known[(part, name)] = value
    return changes

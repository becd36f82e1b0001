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

from projections.reading import Entry, Horizon, Reader, cited_decisions

SKIP = {"key"}


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
        from ledger.domain.decision_status import BODIES, body_kind, body_party

        kind = body_kind(body)
        party = body_party(body)
        name = BODIES.get(kind, kind)
        who = self.party_name(party) if party else body.split(":", 1)[-1]
        return f"the {name} of {who}"

    def cited(self, e: Entry, *, authority_only: bool = True) -> list[str]:
        """The decisions the event rests on (or, with `authority_only=False`, names at all)."""
        return cited_decisions(e.refs, e.payload, authority_only=authority_only)

    def who(self, e: Entry) -> str:
        """The body whose decision the event rests on, else the actor who recorded it."""
        for key in self.cited(e):
            d = self.decision(key)
            if d is not None:
                text = self.body(d["body"])
                return text[0].upper() + text[1:]
        return e.actor

    def label(self, part: str) -> str:
        """`stap:VS-RK/1.2` as "stap 1.2" (within its aggregate), `party:GM0546` as "party
        GM0546"."""
        kind, _, key = part.partition(":")
        _, slash, rest = key.partition("/")
        return f"{kind} {rest if slash else key}"

    def prefix(self, e: Entry) -> str:
        """How a change is labelled: plain for the subject itself, with the part's label for a
        part within it (an actie in a stap's trail)."""
        return "" if e.about.casefold() == self.subject.casefold() else self.label(e.about) + " "


def humanize(event: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", event).lower()


def generic_sentence(e: Entry, story: Story) -> str:
    return f"{story.who(e)} recorded: {story.label(e.about)} {humanize(e.event)}."


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

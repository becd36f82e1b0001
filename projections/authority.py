"""Check: events recorded on an authority that does not hold.

The ledger refuses an act whose decision is not in force or not competent on its effective date
(`ledger.rules.authority`, docs/decisions-and-agreements.md). Events recorded before those rules
stay as they are (nothing recorded is changed); `ledger status` lists each of them here, with its
log position and the reason, so an auditor sees them.

Each event is judged as the application would have judged it when it was written: by the
decisions, agreements, programmes and Routekaarten as recorded before it (one pass over the log
in position order), on the event's own date (a signature's or withdrawal's datum, an amendment's
ingangsdatum, otherwise its effective date). The act is the command that writes such an event
(`ACTS` below); an event the table does not name admits any body, in force.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ledger.dates import show_date
from ledger.i18n import _
from ledger.rules.agreement import members_on
from ledger.rules.authority import Context, Facts, refusal
from ledger.rules.decision import as_date
from projections import agreements, decisions, health
from projections.reading import Entry, Reader, cited_decisions

# (aggregate kind, event) -> the command that records it (its row in the competence table)
ACTS = {
    ("budget", "Allocated"): "budget.allocate", ("budget", "Reserved"): "budget.reserve",
    ("budget", "Spent"): "budget.spend", ("budget", "Released"): "budget.release",
    ("budget", "Shifted"): "budget.shift", ("budget", "Funded"): "budget.fund",
    ("budget", "Asserted"): "budget.assert", ("budget", "AssertionAccepted"): "budget.accept",
    ("programme", "Created"): "programme.create", ("programme", "WorkstreamAdded"):
    "workstream.add", ("topic", "Added"): "workstream.topic",
    ("topic", "Updated"): "workstream.status", ("indicator", "Defined"): "indicator.define",
    ("indicator", "TargetSet"): "indicator.target", ("indicator", "Measured"):
    "indicator.measure", ("report", "Issued"): "report.issue",
    ("routekaart", "Adopted"): "routekaart.create", ("routekaart", "WegAdded"): "routekaart.weg",
    ("routekaart", "StapAdded"): "routekaart.stap", ("routekaart", "ActieAdded"):
    "routekaart.actie", ("routekaart", "StatusChanged"): "routekaart.status",
    ("routekaart", "OutputRecorded"): "routekaart.output",
    ("routekaart", "RaadInformed"): "routekaart.inform",
    ("agreement", "Signed"): "agreement.sign", ("agreement", "Withdrawn"): "agreement.withdraw",
    ("agreement", "Amended"): "agreement.amend", ("agreement", "Ended"): "agreement.end",
    ("agreement", "ReportSent"): "agreement.report", ("decision", "Ratified"): "decision.ratify",
}
# Every aggregate kind whose events can rest on a decision: all but the command receipts, which
# are half the log of an import and cite nothing (tests/unit/test_competence_table.py keeps this
# list equal to the aggregates' kinds).
KINDS = ("agreement", "budget", "classification", "decision", "indicator", "meekoppelkans",
         "narrative", "party", "programme", "report", "routekaart", "topic", "witness",
         "actorkeys", "signingpolicy")
MOVING = ("budget.allocate", "budget.reserve", "budget.spend", "budget.shift", "budget.fund")
# The date a `decision` field is judged on, where the event carries the act's own date.
OWN_DATE = {"Signed": "datum", "Withdrawn": "datum", "Ended": "datum", "Ratified": "datum",
            "Amended": "ingangsdatum"}


def facts(d: dict[str, Any]) -> Facts:
    """A decision as the read side holds it, as the authority rules read it."""
    return decisions.facts_of(d)


class Judge:
    """The state an act is judged against, folded in log order up to the act."""

    def __init__(self) -> None:
        self.decisions: dict[str, dict[str, Any]] = {}
        self.agreements: dict[str, dict[str, Any]] = {}
        self.programmes: dict[str, dict[str, Any]] = {}
        self.owners: dict[str, str] = {}  # Routekaart -> the gemeente that owns it
        self.previous: Entry | None = None

    def learn(self, e: Entry) -> None:
        if e.kind == "decision":
            decisions.apply(self.decisions, e)
        elif e.kind == "agreement":
            agreements.apply(self.agreements, e)
        elif e.kind == "programme" and e.event == "Created":
            self.programmes[e.key.casefold()] = e.payload
        elif e.kind == "routekaart" and e.event == "Adopted":
            self.owners[e.key.casefold()] = e.payload["party"]
        self.previous = e

    def context(self, e: Entry, act: str, on: date) -> Context:
        p = e.payload
        programme = agreement = party = None
        if e.kind in ("budget", "programme", "report", "topic", "indicator"):
            programme = (p.get("programme") if e.kind == "report" else None) or \
                e.key.split("/", 1)[0]
        if e.kind == "programme" and e.event == "Created":
            programme, agreement = None, p.get("agreement")
        if e.kind == "agreement":
            agreement = e.key
        if e.kind in ("agreement", "decision") and e.event in ("Signed", "Withdrawn",
                                                                "Ratified"):
            party = p.get("party")
        if e.kind == "routekaart":
            party = p.get("party") if e.event == "Adopted" else self.owners.get(e.key.casefold())
        prog = self.programmes.get(str(programme).casefold()) if programme else None
        if prog is not None:
            agreement = agreement or prog.get("agreement")
        found = self.agreements.get(agreement or "")
        if found is None and agreement:
            found = {k.casefold(): v for k, v in self.agreements.items()}.get(agreement.casefold())
        regeling = None
        if found is not None:
            regeling = (found["key"] if found["kind"] == "centrumregeling"
                        else found.get("extends") if found["kind"] == "plustaak" else None)
        mandates = {b: (None if v in (None, "unlimited") else Decimal(str(v)))
                    for b, v in ((prog or {}).get("mandates") or {}).items()}
        # (the amount a mandate limit applies to: the acts that move it, as the application
        # passes it; a release or a printed figure is judged without one)
        amount = p.get("amount") if act in MOVING else None
        return Context(
            act=act, on=on, programme=str(programme).upper() if programme else None,
            agreement=found["key"] if found else agreement,
            members=frozenset(members_on(agreements.facts_of(found), on)) if found else frozenset(),
            regeling=regeling, party=str(party).upper() if party else None,
            mandates=mandates, amount=Decimal(str(amount)) if amount not in (None, "") else None)

    def findings(self, e: Entry) -> list[str]:
        """Why the event's authority does not hold (one sentence per decision), if it does not."""
        p = e.payload
        act = ACTS.get((e.kind, e.event), "*")
        judged: list[tuple[str, date]] = []
        own = OWN_DATE.get(e.event) if e.kind in ("agreement", "decision") else None
        field = "college_decision" if (e.kind, e.event) == ("decision", "Ratified") else "decision"
        if isinstance(p.get(field), str) and p[field]:
            judged.append((p[field], as_date(p[own]) if own and p.get(own) else e.effective))
        reference = p.get("reference") if e.kind == "budget" else None
        if isinstance(reference, str) and reference.lower().startswith("besluit:"):
            judged.append((reference.split(":", 1)[1], e.effective))
        if not (e.event == "ReportSent" and self.previous is not None
                and self.previous.kind == "report" and self.previous.refs == e.refs):
            # (a report's issue records the report sent under the same references: they were
            # judged as authority for the issue)
            for key in cited_decisions(e.refs, {}, authority_only=True):
                judged.append((key, e.effective))
        found = []
        seen = set()
        for key, on in judged:
            if (key.casefold(), on) in seen:
                continue
            seen.add((key.casefold(), on))
            d = self.decisions.get(key) or {k.casefold(): v for k, v in
                                            self.decisions.items()}.get(key.casefold())
            if d is None:
                why = _("the ledger knew no such decision when the event was recorded")
                body = _("an unknown body")
            else:
                why = refusal(facts(d), self.context(e, act, on)) or ""
                body = d["body"]
            if why:
                found.append(_(
                    "event #{n} ({subject} {event}, effective {effective}) is recorded on an "
                    "authority that does not hold: decision {key} of {body} cannot serve as "
                    "authority for it on {on}: {why}").format(
                    n=e.position, subject=e.subject, event=e.event,
                    effective=show_date(e.effective), key=key, body=body, on=show_date(on),
                    why=why))
        return found


def unheld_authority(reader: Reader) -> list[str]:
    """Every event within the reader's log horizon whose authority does not hold (see above)."""
    judge = Judge()
    found: list[str] = []
    for e in reader.entries(kinds=KINDS, valid=False, order="log"):
        found += judge.findings(e)
        judge.learn(e)
    return found


health.CHECKS.append(unheld_authority)

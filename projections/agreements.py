"""View: agreements with their signatures, amendments, withdrawals, end and reports, and what
follows on the horizon's date: status, members, verdeelsleutel, reporting due and overdue, and
cost shares. The derivations are the shared rules (`ledger.rules.agreement`), so the
view and the aggregate cannot disagree.

Registers checks with `projections.health`: an agreement in werking whose reporting is overdue;
a plustaak that counts a gemeente which has left the centrumregeling it extends.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ledger.dates import show_date, today
from ledger.errors import NotFound
from ledger.i18n import N_, _, ngettext
from ledger.rules import agreement as rules
from ledger.rules.agreement import KINDS
from ledger.rules.decision import BODIES
from projections import health
from projections.parties import parties as all_parties
from projections.parties import population_at
from projections.reading import Entry, Reader, fold

VIEW_KINDS = ("agreement",)
# An agreement's status (a code: `ledger.rules.agreement`) as a person reads it.
STATUS_NAMES = {rules.CONCEPT: N_("draft"), rules.IN_FORCE: N_("in force"),
                rules.ENDED: N_("ended")}
REPORT_NAMES = {"monthly": N_("monthly report"), "quarterly": N_("quarterly report"),
                "halfyearly": N_("half-yearly report"), "yearly": N_("yearly report")}


def status_text(status: str) -> str:
    """An agreement's status in the language in use ("in werking", "in force")."""
    name = STATUS_NAMES.get(status)
    return _(name) if name else status


def report_text(frequency: str) -> str:
    """The report a reporting duty of this frequency asks for ("driemaandelijkse rapportage")."""
    name = REPORT_NAMES.get(frequency)
    return _(name) if name else _("{frequency} report").format(frequency=frequency)


def apply(state: dict[str, dict[str, Any]], e: Entry) -> dict[str, dict[str, Any]]:
    p = e.payload
    if e.event == "Drafted":
        state[e.key] = {
            "key": e.key, "kind": p["kind"], "title": p["title"], "parties": p["parties"],
            "payers": p["payers"], "lead": p.get("lead"), "extends": p.get("extends"),
            "sharing": p["sharing"], "reporting": p.get("reporting"), "signatures": {},
            "withdrawals": {}, "ended": None, "amendments": [], "reports": [],
            "drafted": e.effective.isoformat(), "position": e.position, "refs": e.refs}
        return state
    a = state.get(e.key)
    if a is None:
        return state
    if e.event == "Signed":
        a["signatures"][p["party"]] = {"datum": p["datum"], "decision": p["decision"],
                                       "position": e.position}
    elif e.event == "Amended":
        a["amendments"].append({**p, "position": e.position, "refs": e.refs})
        a["amendments"].sort(key=lambda m: m["position"])
    elif e.event == "Withdrawn":
        a["withdrawals"][p["party"]] = {"datum": p["datum"], "decision": p["decision"],
                                        "position": e.position}
    elif e.event == "Ended":
        a["ended"] = {"datum": p["datum"], "decision": p.get("decision"), "reason": e.reason,
                      "position": e.position}
    elif e.event == "ReportSent":
        a["reports"].append({"datum": p["datum"], "to": p["to"], "refs": e.refs,
                             "position": e.position})
    return state


def facts_of(a: dict[str, Any]) -> rules.Facts:
    """An agreement as this view holds it, in the plain values the rules judge
    (`ledger/rules/agreement.py`)."""
    return rules.facts(a["key"], a["kind"], a["title"], a["parties"], a["payers"], a["sharing"],
                       a["reporting"], a["signatures"], a["withdrawals"], a["ended"],
                       a["amendments"], a["reports"])


def derived(a: dict[str, Any], on: date) -> dict[str, Any]:
    """The agreement with what follows on `on`."""
    ns = facts_of(a)
    since = rules.in_force_since(ns)
    status = rules.status_on(ns, on)
    return {
        **a, "kind_name": KINDS[a["kind"]], "title": rules.title_on(ns, on),
        "status": status, "in_force_since": since.isoformat() if since else None,
        "not_signed": rules.missing_signatures(ns, on) if status == rules.CONCEPT else [],
        "members": rules.members_on(ns, on), "paying": rules.payers_on(ns, on),
        "verdeelsleutel": dict(rules.sharing_on(ns, on)),
        "reporting_status": rules.reporting_status(ns, on),
        "reports": sorted(a["reports"], key=lambda r: (r["datum"], r["position"])),
    }


def _fold(reader: Reader) -> dict[str, dict[str, Any]]:
    """The agreements as recorded by the horizon's log position, with every event whatever its
    effective date: status, members and shares are derived from the dates the events carry (a
    signature's datum, an amendment's ingangsdatum), exactly as the aggregate derives them. An
    agreement is left out while none of its events is effective yet on the horizon's date."""
    on = reader.horizon.on or today()
    first: dict[str, date] = {}
    entries = []
    for e in reader.entries(kinds=VIEW_KINDS, valid=False, order="log"):
        first[e.key] = min(first.get(e.key, e.effective), e.effective)
        entries.append(e)
    state = fold(apply, {}, entries)
    return {k: a for k, a in state.items() if first[k] <= on}


def agreements(reader: Reader) -> dict[str, dict[str, Any]]:
    on = reader.horizon.on or today()
    return {k: derived(a, on) for k, a in _fold(reader).items()}


def agreement(reader: Reader, key: str) -> dict[str, Any]:
    found = {k.casefold(): v for k, v in agreements(reader).items()}.get(key.strip().casefold())
    if found is None:
        raise _no_agreement(key)
    return found


def _no_agreement(key: str) -> NotFound:
    return NotFound(_("There is no agreement '{key}' in the ledger (within the chosen "
                      "dates).").format(key=key),
                    hint=_("List them with `ledger agreement list`."))


def shares(reader: Reader, key: str, amount: Decimal, on: date | None = None) -> dict[str, Any]:
    """Each paying party's share of `amount` on `on` (default: the horizon's date)."""
    day = on or reader.horizon.on or today()
    found = {k.casefold(): v for k, v in _fold(reader).items()}.get(key.strip().casefold())
    if found is None:
        raise _no_agreement(key)
    people = all_parties(reader)
    result = rules.shares_on(facts_of(found), amount, day,
                             lambda p, peildatum: population_at(people[p], peildatum)
                             if p in people else None)
    for share in result["shares"]:
        share["name"] = people[share["party"]]["name"] if share["party"] in people else ""
    result["total"] = sum((s["share"] for s in result["shares"]), Decimal(0))
    return result


def addressees(body: str) -> str:
    """Who a report goes to: the raden or colleges of the parties, or one body."""
    return {"raad": "raden", "college": "colleges"}.get(body, BODIES.get(body, body))


def overdue_reporting(reader: Reader) -> list[str]:
    """Agreements in werking on the horizon's date with a reporting period passed unreported."""
    on = reader.horizon.on or today()
    found = []
    for a in agreements(reader).values():
        duty = a["reporting_status"]
        if a["status"] != rules.IN_FORCE or not duty or not duty["overdue"]:
            continue
        late = duty["overdue"]
        names = ", ".join(o["period"] for o in late[:3])
        if len(late) > 3:
            names = ngettext("{periods} and {n} more", "{periods} and {n} more",
                             len(late) - 3).format(periods=names, n=len(late) - 3)
        found.append(_("agreement {key} is behind on its {report} to the {to}: none "
                       "was sent in {periods} (the first was due by {due}; checked on {on})"
                       ).format(key=a["key"], report=report_text(duty["frequency"]),
                                to=addressees(duty["to"]), periods=names,
                                due=show_date(late[0]["due"]), on=show_date(on)))
    return found


health.CHECKS.append(overdue_reporting)


def plustaak_outside_regeling(reader: Reader) -> list[str]:
    """Plustaken that count a gemeente as a member on a date when it is no longer a member of
    the centrumregeling the plustaak extends (recorded before a withdrawal from the regeling
    also ended the plustaak participations). Judged on every date, not just the horizon's: the
    dates where membership changes are the withdrawals and the coming into force."""
    found = []
    state = _fold(reader)
    for a in sorted(state.values(), key=lambda a: a["key"]):
        regeling = state.get(a["extends"] or "") if a["kind"] == "plustaak" else None
        if regeling is None:
            continue
        plus, reg = facts_of(a), facts_of(regeling)
        since = rules.in_force_since(plus)
        if since is None:
            continue
        for party, left in sorted(regeling["withdrawals"].items()):
            day = max(date.fromisoformat(str(left["datum"])), since)
            if party in rules.members_on(plus, day) and party not in rules.members_on(reg, day):
                found.append(_(
                    "plustaak {key} counts {party} as a member on {day}, but {party} withdrew "
                    "from centrumregeling {regeling} on {left}: record its withdrawal from the "
                    "plustaak (`ledger agreement withdraw {key} --party {party}`)").format(
                    key=a["key"], party=party, day=show_date(day), regeling=regeling["key"],
                    left=show_date(left["datum"])))
    return found


health.CHECKS.append(plustaak_outside_regeling)


# --- narration for audit trails (projections.trail) --------------------------------------------

OWN_DATE = {"Signed": "datum", "Withdrawn": "datum", "Ended": "datum", "Amended": "ingangsdatum",
            "ReportSent": "datum"}


def describe(e: Entry, story: Any) -> Any:
    """An agreement's event in a trail: besides its own fields, the agreement's state on the
    event's own date (a signature's or withdrawal's datum, an amendment's ingangsdatum), before
    and after it: its status and the parties it binds, from everything recorded before the
    event and with it."""
    from projections.narration import Narration, generic_changes, generic_sentence

    memo = story.memory.setdefault("agreement-entries", {})
    if e.key not in memo:
        memo[e.key] = list(story.known.entries(keys=[("agreement", e.key)], valid=False,
                                               order="log"))
    mine = memo[e.key]
    before = fold(apply, {}, [x for x in mine if x.position < e.position]).get(e.key)
    after = fold(apply, {}, [x for x in mine if x.position <= e.position]).get(e.key)
    own = OWN_DATE.get(e.event)
    on = date.fromisoformat(str(e.payload[own])[:10]) if own and e.payload.get(own) \
        else e.effective
    changes = generic_changes(e, story, story.memory.setdefault("agreement-fields", {}))
    prefix = "" if story.subject.casefold() == e.subject.casefold() else \
        story.label(e.subject) + " "
    for name, was, now in (
            (_("status on {date}"), _state(before, on, rules.status_on),
             _state(after, on, rules.status_on)),
            (_("members on {date}"), _state(before, on, rules.members_on),
             _state(after, on, rules.members_on))):
        if was != now:
            changes[prefix + name.format(date=show_date(on, "short"))] = {"before": was,
                                                                          "after": now}
    return Narration(generic_sentence(e, story), changes)


def _state(a: dict[str, Any] | None, on: date, derive: Any) -> Any:
    return derive(facts_of(a), on) if a is not None else None

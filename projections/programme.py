"""View: programmes with their werkstromen, and the onderwerpen (topics) of each werkstroom with
the four report fields as they stood on the horizon's date, their dependencies and history."""

from __future__ import annotations

from typing import Any

from ledger.errors import NotFound
from ledger.i18n import _
from ledger.rules.topic import FIELDS
from projections.narrative import assumptions
from projections.reading import Entry, Reader, fold

KINDS = ("programme", "topic")


def empty() -> dict[str, Any]:
    return {"programmes": {}, "topics": {}}


def apply(state: dict[str, Any], e: Entry) -> dict[str, Any]:
    p = e.payload
    if e.kind == "programme" and e.event == "Created":
        state["programmes"][e.key] = {
            "code": e.key, "name": p["name"], "agreement": p["agreement"], "start": p["start"],
            "end": p["end"], "public_values": p["public_values"],
            "mandates": {b: ("unlimited" if v is None else v) for b, v in p["mandates"].items()},
            "workstreams": {}, "created": e.effective.isoformat(), "position": e.position,
            "assumptions": assumptions(e.refs)}
    elif e.kind == "programme" and e.event == "WorkstreamAdded" and e.key in state["programmes"]:
        state["programmes"][e.key]["workstreams"][p["code"]] = {
            "code": p["code"], "name": p["name"], "added": e.effective.isoformat()}
    elif e.kind == "programme" and e.event == "WorkstreamBudgetNamed" and e.key in \
            state["programmes"] and p["code"] in state["programmes"][e.key]["workstreams"]:
        state["programmes"][e.key]["workstreams"][p["code"]]["begroting"] = p["begroting"]
    elif e.kind == "topic" and e.event == "Added":
        state["topics"][e.key] = {
            "key": e.key, "programme": p["programme"], "workstream": p["workstream"],
            **{f: p.get(f) for f in FIELDS}, "depends_on": list(p.get("depends_on") or []),
            "since": e.effective.isoformat(),
            "history": [_step(e, {f: p.get(f) for f in (*FIELDS, "depends_on") if p.get(f)})]}
    elif e.kind == "topic" and e.event == "Updated" and e.key in state["topics"]:
        topic = state["topics"][e.key]
        changes = {f: p[f] for f in (*FIELDS, "depends_on") if p.get(f) is not None}
        topic.update(changes)
        topic["history"].append(_step(e, changes))
    return state


def _step(e: Entry, changes: dict[str, Any]) -> dict[str, Any]:
    return {"position": e.position, "effective": e.effective.isoformat(), "actor": e.actor,
            "recorded_at": e.recorded_at, "refs": e.refs, "reason": e.reason,
            "decision": e.payload.get("decision"), "changes": changes}


def state(reader: Reader, programme: str | None = None) -> dict[str, Any]:
    """Every programme and topic; with `programme`, only that programme and its topics (read by
    the journal's indexes, so one programme costs the same in a country's ledger as alone)."""
    if programme is None:
        return fold(apply, empty(), reader.entries(kinds=KINDS))
    code = programme.strip().upper()
    s = fold(apply, empty(), reader.entries(kinds=("programme",), keys=[("programme", code)]))
    prog = s["programmes"].get(code)
    if prog and prog["workstreams"]:
        # Topics are independent of the programme's own events, so they fold on their own.
        streams = [f"workstream:{code}/{ws}" for ws in prog["workstreams"]]
        fold(apply, s, reader.entries(kinds=("topic",), subject_in=streams))
    return s


def _with_topic_counts(s: dict[str, Any]) -> dict[str, dict[str, Any]]:
    for code, prog in s["programmes"].items():
        for ws in prog["workstreams"].values():
            ws["topics"] = sum(1 for t in s["topics"].values()
                               if t["programme"] == code and t["workstream"] == ws["code"])
    programmes: dict[str, dict[str, Any]] = s["programmes"]
    return programmes


def programmes(reader: Reader) -> dict[str, dict[str, Any]]:
    return _with_topic_counts(state(reader))


def programme(reader: Reader, code: str) -> dict[str, Any]:
    found = _with_topic_counts(state(reader, code)).get(code.strip().upper())
    if found is None:
        raise NotFound(_("There is no programme '{code}' (within the chosen dates).").format(
            code=code), hint=_("List them with `ledger programme list`."))
    return found


def workstream(reader: Reader, path: str) -> dict[str, Any]:
    """A werkstroom with its topics, each with the state of its dependencies."""
    from ledger.application.programme import split_workstream

    code, ws = split_workstream(path)
    s = state(reader, code)
    prog = s["programmes"].get(code)
    if prog is None or ws not in prog["workstreams"]:
        raise NotFound(_("There is no werkstroom {code}/{ws} (within the chosen dates).").format(
            code=code, ws=ws),
            hint=_("List them with `ledger workstream list {code}`.").format(code=code))
    decisions = None
    topics = []
    for t in s["topics"].values():
        if t["programme"] != code or t["workstream"] != ws:
            continue
        deps = []
        for d in t["depends_on"]:
            kind, ref = d.split(":", 1)
            if kind == "topic":
                other = s["topics"].get(ref)
                deps.append({"on": d, "status": other["status"] if other else "unknown"})
            else:
                if decisions is None:
                    from projections.decisions import decisions as load

                    wanted = [d.split(":", 1)[1] for t in s["topics"].values()
                              if t["programme"] == code and t["workstream"] == ws
                              for d in t["depends_on"] if not d.startswith("topic:")]
                    decisions = load(reader, keys=wanted)
                dec = decisions.get(ref)
                deps.append({"on": d, "status": dec["status"] if dec else "unknown"})
        topics.append({**t, "dependencies": deps})
    elsewhere = [d["on"].split(":", 1)[1] for t in topics for d in t["dependencies"]
                 if d["status"] == "unknown" and d["on"].startswith("topic:")]
    if elsewhere:  # topics of other programmes, read by key
        others = fold(apply, empty(), reader.entries(kinds=("topic",), key_in=elsewhere))
        for t in topics:
            for d in t["dependencies"]:
                other = others["topics"].get(d["on"].split(":", 1)[1])
                if d["status"] == "unknown" and other:
                    d["status"] = other["status"]
    return {"programme": code, "programme_name": prog["name"], **prog["workstreams"][ws],
            "topics": topics}


def topic(reader: Reader, key: str) -> dict[str, Any]:
    from ledger.rules.topic import split_topic_key

    full = "/".join(split_topic_key(key))
    found: dict[str, Any] | None = fold(apply, empty(), reader.entries(
        kinds=("topic",), key_in=[full]))["topics"].get(full)
    if found is None:  # spelled in another case: look among the programme's topics
        topics = state(reader, full.split("/", 1)[0])["topics"]
        found = {k.casefold(): v for k, v in topics.items()}.get(full.casefold())
    if found is None:
        raise NotFound(_("There is no onderwerp {key} (within the chosen dates).").format(
            key=full), hint=_("See the onderwerpen of a werkstroom with `ledger workstream show`."))
    return found

"""View: the audit trail of one subject, told as a story an auditor can follow on their own.

A subject is an aggregate (`party:GM0546`, `decision:RAAD-2019-01`, `routekaart:VS-RK`) or a part
that events name through `subjects()` (`stap:VS-RK/1.2`, `actie:VS-RK/1.2/3`, a budget line, a
topic). The trail holds every event that touched it, in log order; a decision's trail also holds
every event that rests on the decision or refers to it. For each event it gives:

- when it was recorded (transaction time), when it took effect (valid time) and who recorded it;
- one sentence saying what happened, told by the narrator of the event's aggregate kind
  (`NARRATORS`: a module with `describe(entry, story) -> Narration`), or a generic sentence;
- the authority spelled out: a `besluit:` reference (or a `decision` field) becomes the decision's
  title, orgaan, date and its status on the event's effective date; zaak- and documentnummers are
  named as such;
- what changed, field by field, before and after, scoped to the part the event is about (a stap's
  trail shows the stap's status going from loopt to afgerond, not the Routekaart's payload);
- corrections linked both ways: the correcting event names what it corrects, the corrected event
  names what corrected it.

A narrator may keep what it learns across one trail in `story.memory`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ledger.errors import InvalidInput, NotFound
from ledger.i18n import N_, _, ngettext
from projections.narration import (
    Narration,
    Story,
    field_name,
    generic_changes,
    generic_sentence,
    show_field,
)
from projections.reading import Entry, Horizon, Reader, fold

NARRATORS: dict[str, str] = {
    "party": "projections.parties",
    "decision": "projections.decisions",
    "routekaart": "projections.routekaart",
    "budget": "projections.budget",
    "agreement": "projections.agreements",
}
REF_NAMES = {"zaak": N_("zaaknummer"), "doc": N_("documentnummer"), "factuur": N_("invoice"),
             "order": N_("order"), "aanname": N_("assumption:")}


@dataclass
class Trail:
    subject: str
    title: str
    steps: list[dict[str, Any]] = field(default_factory=list)
    cited: dict[str, dict[str, Any]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"subject": self.subject, "title": self.title, "events": self.steps,
                "decisions_cited": self.cited}


def check_subject(subject: str) -> str:
    kind, sep, key = subject.strip().partition(":")
    if not sep or not kind or not key:
        raise InvalidInput(_("'{subject}' is not a subject.").format(subject=subject),
                           hint=_("Write it as kind:key, e.g. party:GM0518, decision:PHO-2021-07 "
                                  "or stap:VS-RK/1.2."))
    return f"{kind.lower()}:{key}"


def build(reader: Reader, subject: str) -> Trail:
    """The trail of `subject` within the reader's horizon."""
    subject = check_subject(subject)
    spellings = reader.subject_spellings(subject)
    entries = list(reader.entries(subject_in=spellings, order="log")) if spellings else []
    if not entries:
        raise NotFound(_("Nothing in the ledger touched {subject} (within the chosen dates)."
                         ).format(subject=subject),
                       hint=_("Write the subject as kind:key; see `ledger log` for examples."))
    subject = spellings[0]
    story = make_story(reader, subject)
    known: dict[tuple[str, str], Any] = {}
    steps: list[dict[str, Any]] = []
    sentences: dict[int, str] = {}
    for e in entries:
        told = narrate(e, story)
        sentences[e.position] = told.sentence
        changes = told.changes if told.changes is not None else generic_changes(e, story, known)
        steps.append({
            **e.as_dict(), "name": e.event, "relation": relation(e, story),
            "sentence": told.sentence, "authority": authority(e, story), "changes": changes,
            "corrected_by": [],
        })
    from projections.reading import stamp

    logins = reader.logins(s["position"] for s in steps)
    steps = [stamp(s, logins.get(s["position"]), reader.store.kind) for s in steps]
    by_position = {s["position"]: s for s in steps}
    for s in steps:
        if s["corrects"] is not None and s["corrects"] in by_position:
            by_position[s["corrects"]]["corrected_by"].append(s["position"])
    for s in steps:
        s["sentence"] = finish_sentence(s, sentences, reader, story)
    cited = {}
    for s in steps:
        for a in s["authority"]:
            if a["ref"].startswith("besluit:"):
                d = story.decision(a["ref"].split(":", 1)[1])
                if d is not None:
                    cited[d["identificatie"]] = {
                        "title": d["title"], "bestuursorgaan": d["body"],
                        "orgaan": story.body(d["body"]), "datum": d["datum"],
                        "ingangsdatum": d.get("ingangsdatum"), "besluittype": d.get("besluittype"),
                        "withdrawn": d.get("withdrawn")}
    return Trail(subject, title_of(subject, story), steps, cited)


def make_story(reader: Reader, subject: str) -> Story:
    """The story of one trail, with the views of parties and decisions it asks."""
    from projections import decisions, parties

    def decision_state(known: Reader) -> dict[str, dict[str, Any]]:
        return fold(decisions.apply, {}, known.entries(kinds=decisions.KINDS))

    return Story(reader, subject, registered=parties.registered, decisions=decision_state)


def trail(reader: Reader, subject: str) -> list[dict[str, Any]]:
    """The trail's events (see `build` for the whole trail with its title)."""
    return build(reader, subject).steps


# --- telling one event -------------------------------------------------------------------------

def _narrator(kind: str) -> Any | None:
    name = NARRATORS.get(kind)
    return importlib.import_module(name) if name else None


def narrate(e: Entry, story: Story) -> Narration:
    module = _narrator(e.kind)
    told = module.describe(e, story) if module is not None else None
    return told if told is not None else Narration(generic_sentence(e, story))


def title_of(subject: str, story: Story) -> str:
    module = _narrator(subject.split(":", 1)[0])
    found = None
    if module is None:
        # A part (stap:, budgetline:) is told by the narrator of the aggregate holding it.
        first = next(iter(story.reader.entries(subject_in=[subject], order="log")), None)
        module = _narrator(first.kind) if first is not None else None
    if module is not None and hasattr(module, "title"):
        found = module.title(subject, story)
    return found or subject


def relation(e: Entry, story: Story) -> str:
    """How the event touches the subject: it is about the subject itself ("self"), about a part
    within it ("part"), or, in a decision's trail, it rests on the decision (cites it as its
    authority: "rests on") or names it otherwise ("refers to")."""
    if e.about.casefold() == story.subject.casefold():
        return "self"
    if story.kind == "decision" and e.subject.casefold() != story.subject.casefold():
        key = story.subject.split(":", 1)[1].casefold()
        if key in {c.casefold() for c in story.cited(e)}:
            return "rests on"
        if key in {c.casefold() for c in story.cited(e, authority_only=False)}:
            return "refers to"
    return "part"


def authority(e: Entry, story: Story) -> list[dict[str, str]]:
    found = []
    refs = list(e.refs)
    for key in story.cited(e):
        if f"besluit:{key}".casefold() not in {r.casefold() for r in refs}:
            refs.append(f"besluit:{key}")
    for ref in refs:
        found.append({"ref": ref, "text": spell_ref(ref, e.effective, story)})
    return found


def spell_ref(ref: str, on: date, story: Story) -> str:
    from ledger.dates import show_date

    kind, sep, value = ref.partition(":")
    if kind == "besluit":
        d = story.decision(value)
        if d is None:
            return _("decision {key} (not in the ledger)").format(key=value)
        from projections.decisions import status_text, with_status

        status = with_status(d, on)["status"]
        return _("decision {key} “{title}” of {body}, taken on {datum}; {status} on {on}").format(
            key=d["identificatie"], title=d["title"], body=story.body(d["body"]),
            datum=show_date(d["datum"]), status=status_text(status), on=show_date(on))
    if kind in REF_NAMES and sep:
        return f"{_(REF_NAMES[kind])} {value}"
    return ref


def finish_sentence(step: dict[str, Any], sentences: dict[int, str], reader: Reader,
                    story: Story) -> str:
    text: str = step["sentence"]
    if step["relation"] == "rests on":
        text += " " + _("It rests on this decision.")
    elif step["relation"] == "refers to":
        text += " " + _("It refers to this decision.")
    if step["corrects"] is not None:
        corrected = sentences.get(step["corrects"])
        if corrected is None:
            other = reader.entry(step["corrects"])
            corrected = narrate(other, story).sentence if other is not None else None
        text += " " + (_("This corrects event #{n} (“{sentence}”).").format(
            n=step["corrects"], sentence=corrected.rstrip(".")) if corrected
            else _("This corrects event #{n}.").format(n=step["corrects"]))
    if step["reason"]:
        reason = step["reason"].strip()
        text += " " + _("Reason: “{reason}”").format(reason=reason) + (
            "" if reason[-1:] in ".!?" else ".")
    if step["corrected_by"]:
        text += " " + ngettext("Corrected later by event {positions}.",
                               "Corrected later by events {positions}.",
                               len(step["corrected_by"])).format(
            positions=", ".join(f"#{p}" for p in step["corrected_by"]))
    return text


# --- rendering ---------------------------------------------------------------------------------

def horizon_text(horizon: Horizon) -> str:
    """What a trail covers, in words that stay true when the file is read later."""
    from ledger.dates import show_date

    valid = (_("events effective on or before {date}").format(date=show_date(horizon.on))
             if horizon.on else _("events of every effective date"))
    recorded = (_("as recorded by log position #{n}").format(n=horizon.upto)
                if horizon.upto is not None
                else _("everything recorded when the trail was made"))
    return f"{valid}; {recorded}"


COLUMNS = ["#", N_("effective"), N_("recorded at"), N_("recorded by"), N_("what happened"),
           N_("authority"), N_("before → after")]


def columns() -> list[str]:
    """The trail's table columns (`COLUMNS`) in the language in use."""
    return [_(c) if c != "#" else c for c in COLUMNS]


def show_value(value: Any, name: str = "") -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(show_value(v, name) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{field_name(str(k))}={show_value(v, str(k))}" for k, v in value.items())
    return show_field(name, value, "short")


def changes_text(step: dict[str, Any], sep: str = "; ") -> str:
    return sep.join(f"{field_name(k)}: {show_value(v['before'], k)} → "
                    f"{show_value(v['after'], k)}" for k, v in step["changes"].items())


def authority_text(step: dict[str, Any], sep: str = "; ") -> str:
    return sep.join(a["text"] for a in step["authority"])


def rows(steps: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """The trail as table rows (the terminal's and Markdown's columns, `COLUMNS`)."""
    from ledger.dates import show_date, show_moment

    return [(s["position"], show_date(s["effective"], "short"), show_moment(s["recorded_at"]),
             s.get("recorded_by", s["actor"]),
             s["sentence"], authority_text(s), changes_text(s)) for s in steps]


def to_markdown(subject: str, steps: list[dict[str, Any]] | Trail, caption: str, *,
                title: str | None = None, fingerprint: str | None = None,
                cited: dict[str, dict[str, Any]] | None = None) -> str:
    """An auditor's file: the subject, the horizon and fingerprint, the story, the evidence table
    and the decisions cited. See docs/auditors-trails.md."""
    from ledger.dates import show_date, show_moment

    if isinstance(steps, Trail):
        title, cited, steps = title or steps.title, cited or steps.cited, steps.steps
    lines = [_("# Audit trail of {subject}").format(subject=subject), ""]
    if title and title != subject:
        lines += [title, ""]
    lines += [_("- Horizon: {caption}.").format(caption=caption),
              _("- Events: {n}.").format(n=len(steps))]
    if fingerprint:
        lines.append(_("- Ledger fingerprint: `{fingerprint}` (check it with "
                       "`ledger audit verify --fingerprint {fingerprint}`).").format(
            fingerprint=fingerprint))
    lines += ["", _("## The story"), ""]
    for i, s in enumerate(steps, start=1):
        who = (s["recorded_by"] if s.get("login")
               else _("by {actor}").format(actor=s["actor"]))
        lines.append(_("{i}. **{effective}** (event #{n}, recorded {moment}, {who}): "
                       "{sentence}").format(
            i=i, effective=show_date(s["effective"]), n=s["position"],
            moment=show_moment(s["recorded_at"]), who=_md(who), sentence=_md(s["sentence"])))
    lines += ["", _("## The events"), "", "| " + " | ".join(columns()) + " |",
              "|" + "---|" * len(COLUMNS)]
    for s in steps:
        lines.append("| " + " | ".join([
            str(s["position"]), show_date(s["effective"], "short"),
            show_moment(s["recorded_at"]),
            _md(s.get("recorded_by", s["actor"])), _md(s["sentence"]),
            _md(authority_text(s, "<br>")) or "—",
            _md(changes_text(s, "<br>")) or "—"]) + " |")
    if cited:
        lines += ["", _("## Decisions cited"), ""]
        for key, d in cited.items():
            withdrawn = d.get("withdrawn")
            values = {"key": _md(key), "title": _md(d["title"]), "orgaan": d["orgaan"],
                      "body": d["bestuursorgaan"], "type": d.get("besluittype") or _("decision"),
                      "datum": show_date(d["datum"]),
                      "since": show_date(d.get("ingangsdatum") or d["datum"])}
            if withdrawn:
                lines.append(_("- **{key}**: “{title}”, {orgaan} ({body}), {type} of {datum}, "
                               "in effect from {since}; withdrawn on {withdrawn}.").format(
                    **values, withdrawn=show_date(withdrawn["datum"])))
            else:
                lines.append(_("- **{key}**: “{title}”, {orgaan} ({body}), {type} of {datum}, "
                               "in effect from {since}.").format(**values))
    lines += ["", _("## How to read this trail"), "",
              _("Events are listed in the order the ledger recorded them (#, the log position). "
                "*effective* is the date the event took effect in the world; *recorded at* is "
                "when the ledger wrote it (UTC, from the system clock). *authority* is what the "
                "event rests on; *before → after* shows the values it changed, for the subject "
                "itself or, when labelled, for a part within it. Nothing in the ledger is "
                "edited: a correction is a later event that names the event it corrects. See "
                "docs/auditors-trails.md.")]
    return "\n".join(lines) + "\n"


def _md(value: Any) -> str:
    return str(value if value is not None else "—").replace("|", "\\|").replace("\n", " ")


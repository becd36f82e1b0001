"""View: what changed in an issued report's period since it went out.

The issued report is rebuilt from its own horizon (its date and the log position it was made
from): its content hash must equal the one recorded, which proves the report is reproducible (in
the form it was hashed in: its data, or, for reports issued before, its rendered text, which a
later wording of the ledger changes; `hash_form`, `projections.document.report_hash`). It
is then rebuilt from the same date as the ledger knows it now, and the two are compared: finance
figures cell by cell, topic fields, decisions; and every event recorded after the report went out
that takes effect on or before its date is listed: late entries and back-dated corrections.
"""

from __future__ import annotations

from typing import Any

from ledger.dates import show_date, show_moment
from ledger.i18n import N_, _
from projections.document import Document, Section, Table, cell, report_hash
from projections.quarterly import quarterly
from projections.reading import Entry, Horizon, Reader

FIN_COLUMNS = ("totaal_begroot", "begroot", "benut", "budget_volgend_jaar", "reservering")


def issued_reports(reader: Reader) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for e in reader.entries(kinds=["report"], valid=False, order="log"):
        if e.event == "Issued":
            found[e.key] = {"key": e.key, **e.payload, "recorded_at": e.recorded_at,
                            "position": e.position, "actor": e.actor}
    return found


def diff(reader: Reader, issued: dict[str, Any]) -> dict[str, Any]:
    from datetime import date

    on = date.fromisoformat(issued["on"])
    upto = int(issued["as_of_position"])
    sent = date.fromisoformat(issued["datum"])
    then = quarterly(reader.at(Horizon(on, upto)), issued["programme"], issued["quarter"],
                     lang=issued["lang"], fingerprint=issued["fingerprint"], datum=sent)
    now = quarterly(reader.at(Horizon(on, None)), issued["programme"], issued["quarter"],
                    lang=issued["lang"], datum=sent)
    form = issued.get("hash_form") or "document"
    reproduced = report_hash(then, form) == issued["content_hash"]
    return {
        "report": issued["key"], "programme": issued["programme"], "quarter": issued["quarter"],
        "on": issued["on"], "as_of_position": upto, "reproduced": reproduced, "hash_form": form,
        "finance": _finance_changes(then, now), "topics": _table_changes(then, now, "topics-"),
        "decisions": _table_changes(then, now, "decisions"),
        "narrative": _narrative_changes(then, now),
        "late_events": [_late(e, issued) for e in _late_entries(reader.at(Horizon()), issued, on, upto)],
    }


def _finance_changes(then: Document, now: Document) -> list[dict[str, Any]]:
    before = {r["workstream"]: r for r in then.data["finance"]["rows"]}
    after = {r["workstream"]: r for r in now.data["finance"]["rows"]}
    before["totaal"], after["totaal"] = then.data["finance"]["totals"], now.data["finance"]["totals"]
    changes = []
    for ws in list(dict.fromkeys([*before, *after])):
        for col in FIN_COLUMNS:
            a, b = before.get(ws, {}).get(col), after.get(ws, {}).get(col)
            if a != b:
                changes.append({"workstream": ws, "column": col, "before": a, "after": b,
                                "difference": (b or 0) - (a or 0)})
    return changes


def _narrative_changes(then: Document, now: Document) -> list[dict[str, Any]]:
    """The narrative parts whose text or points differ."""
    a, b = then.data.get("narrative") or {}, now.data.get("narrative") or {}
    changes = []
    for part in dict.fromkeys([*a, *b]):
        if a.get(part) != b.get(part):
            changes.append({"part": part, "change": "added" if part not in a else "removed"
                            if part not in b else "changed",
                            "before": a.get(part), "after": b.get(part)})
    return changes


def _table_changes(then: Document, now: Document, prefix: str) -> list[dict[str, Any]]:
    def rows(doc: Document) -> dict[tuple[str, str], dict[str, Any]]:
        out = {}
        for s in doc.sections:
            for t in s.tables:
                if t.key and t.key.startswith(prefix):
                    for r in t.rows:
                        out[(t.key, str(r[0]) if t.key.startswith("topics") else str(r[1]))] = \
                            dict(zip(t.columns, r, strict=False))
        return out

    a, b = rows(then), rows(now)
    changes = []
    for k in list(dict.fromkeys([*a, *b])):
        if a.get(k) == b.get(k):
            continue
        fields = {c: {"before": a.get(k, {}).get(c), "after": b.get(k, {}).get(c)}
                  for c in dict.fromkeys([*a.get(k, {}), *b.get(k, {})])
                  if a.get(k, {}).get(c) != b.get(k, {}).get(c)}
        changes.append({"table": k[0], "row": k[1],
                        "change": "added" if k not in a else "removed" if k not in b
                        else "changed", "fields": fields})
    return changes


def _prose(part: dict[str, Any] | None) -> str:
    if not part:
        return ""
    items = " ".join(f"{i.get('label', '•')}. {i['text']}" if i.get("label") else f"• {i['text']}"
                     for i in part.get("items") or [])
    return " ".join(x for x in (part.get("text"), items) if x)


def _late_entries(reader: Reader, issued: dict[str, Any], on: Any, upto: int) -> list[Entry]:
    code = issued["programme"]
    found = []
    for e in reader.entries(valid=False, order="log", after=upto,
                            kinds=("programme", "budget", "topic", "agreement", "decision",
                                   "narrative")):
        if e.effective > on:
            continue
        if (e.kind in ("programme", "budget") and e.key == code) or (
                e.kind == "topic" and e.key.startswith(f"{code}/")) or (
                e.kind == "narrative" and e.key.startswith(f"{code}-")) or e.kind in (
                "agreement", "decision"):
            found.append(e)
    return found


def _late(e: Entry, issued: dict[str, Any]) -> dict[str, Any]:
    kind = "correction" if e.corrects else "back-dated" if e.effective.isoformat() < \
        issued["datum"] else "late"
    return {"position": e.position, "recorded_at": e.recorded_at,
            "effective": e.effective.isoformat(), "subject": e.subject, "event": e.topic,
            "actor": e.actor, "reason": e.reason, "corrects": e.corrects, "kind": kind,
            "payload": e.payload}


# codes of the diff (its JSON keeps them), shown in the language in use
CHANGES = {"added": N_("added"), "removed": N_("removed"), "changed": N_("changed")}
KINDS = {"correction": N_("correction"), "back-dated": N_("back-dated"), "late": N_("late")}
COLUMNS = {"totaal_begroot": N_("total budget"), "begroot": N_("budget of the year"),
           "benut": N_("spent in the year"), "budget_volgend_jaar": N_("budget of the next year"),
           "reservering": N_("reservation")}


def _word(words: dict[str, str], code: str) -> str:
    return _(words[code]) if code in words else code


def _value(value: Any) -> str:
    """A figure or field of the report as a person reads it: amounts as € 150.000, dates as
    31-12-2021."""
    if value is None:
        return "—"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return show_date(value, "short")
        except ValueError:
            return value
    return cell(value)


def to_document(d: dict[str, Any]) -> Document:
    """The diff as a document, in the language in use (the report itself was rebuilt in the
    language it was issued in, so its content hash is checked whatever the reader's language)."""
    doc = Document(title=_("Changes since report {report} went out").format(report=d["report"]),
                   subtitle=_("{programme} {quarter}, on {on}; issued from log position "
                              "{position}").format(programme=d["programme"],
                                                   quarter=d["quarter"], on=show_date(d["on"]),
                                                   position=d["as_of_position"]))
    s = Section(_("Reproduction"))
    if d["reproduced"]:
        s.paragraphs.append(_("Rebuilt from its own horizon, the report has the content hash "
                              "recorded when it went out: it is reproducible."))
    elif d.get("hash_form") == "document":
        s.paragraphs.append(_(
            "Rebuilt from its own horizon, the report does not have the content hash recorded "
            "when it went out. It was hashed over its rendered text, headings and labels "
            "included (reports issued before they carried their checkpoint): a later wording of "
            "the ledger changes that hash while no figure changes. Compare the figures below; "
            "reports issued now are hashed over their data."))
    else:
        s.paragraphs.append(_(
            "Rebuilt from its own horizon, the report does NOT have the content hash recorded "
            "when it went out: the ledger's history before that position differs from what was "
            "issued."))
    doc.sections.append(s)
    fin = Section(_("Finance figures that changed"))
    if d["finance"]:
        fin.tables.append(Table([_("Workstream"), _("Column"), _("In the report"), _("Now"),
                                 _("Difference")],
                                [[_("Total") if c["workstream"] == "totaal" else c["workstream"],
                                  _word(COLUMNS, c["column"]), c["before"], c["after"],
                                  c["difference"]] for c in d["finance"]], key="finance"))
    else:
        fin.paragraphs.append(_("No finance figure changed."))
    doc.sections.append(fin)
    other = Section(_("Topics and decisions that changed"))
    rows = [[c["table"], c["row"], _word(CHANGES, c["change"]), "; ".join(
        f"{k}: {_value(v['before'])} → {_value(v['after'])}" for k, v in c["fields"].items())]
        for c in d["topics"] + d["decisions"]]
    if rows:
        other.tables.append(Table([_("Table"), _("Row"), _("Change"), _("Fields")], rows,
                                  key="rows"))
    else:
        other.paragraphs.append(_("No topic or decision in the report changed."))
    doc.sections.append(other)
    prose = Section(_("Narrative parts that changed"))
    if d.get("narrative"):
        prose.tables.append(Table([_("Part"), _("Change"), _("In the report"), _("Now")], [
            [c["part"], _word(CHANGES, c["change"]), _prose(c["before"]), _prose(c["after"])]
            for c in d["narrative"]], key="narrative"))
    else:
        prose.paragraphs.append(_("No narrative part changed."))
    doc.sections.append(prose)
    late = Section(_("Events recorded after the report went out, effective within its period"))
    if d["late_events"]:
        late.tables.append(Table(["#", _("Recorded"), _("Effective"), _("Kind"), _("Event"),
                                  _("Concerns"), _("Recorded by"), _("Reason")],
                                 [[str(x["position"]), show_moment(x["recorded_at"]),
                                   show_date(x["effective"], "short"), _word(KINDS, x["kind"]),
                                   x["event"], x["subject"], x["actor"], x["reason"]]
                                  for x in d["late_events"]], key="late"))
    else:
        late.paragraphs.append(_("None."))
    doc.sections.append(late)
    doc.data = d
    return doc

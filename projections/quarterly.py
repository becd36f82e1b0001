"""View: the kwartaalrapportage of a programme, in the layout the raden receive.

(Inleiding, unnumbered: the narrative part `inleiding`, when written.)
1. Algemeen overzicht: the narrative part `algemeen`, then, marked as the ledger's own part, the
   agreement the programme runs under and the decisions and agreements of the quarter (of the
   programme's bodies and its parties' raden and colleges).
2. Voortgang en resultaten afgelopen kwartaal: per werkstroom and onderwerp resultaat, status,
   plan and vervolgstappen, as they stood on the report's date.
3. Financiën: the finance table of the quarter's year computed from events; the parts
   `toelichting` (lettered) and `prognose`; the check of every printed figure (balance
   assertion) against what the ledger computes.
Then the parts `risicos` and `evaluatie` (Risico's, Evaluatie en vooruitblik) when written, and
the ledger's own sections, marked "(uit het grootboek)":
- Indicatoren: per indicator of the programme its baseline, latest actual, the target of the
  report's year and whether it is on track (`projections/indicators.py`).
- Rapportageverplichtingen: the reporting duties of the agreement, and any overdue.
Then, unnumbered, the appendix "Verantwoording": per section and row, the log positions of the
events behind its figures (`projections/anchoring.py`; in full per figure in the JSON).
Footer: the horizon (`--on`, `--as-of`) and the ledger's fingerprint at that moment; once the
report was issued, its checkpoint (tree size and root hash at issue, signed or not), also in the
title block.

The report is a pure function of the journal within the reader's horizon, so the same report for
the same horizon is the same document, byte for byte (`projections.document.content_hash`).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from ledger.dates import dutch_date, show_date
from ledger.errors import InvalidInput, NotFound
from ledger.i18n import N_, _, check_language, language
from ledger.rules.decision import BODIES
from projections import agreements as agreements_view
from projections import budget as budget_view
from projections import decisions as decisions_view
from projections import indicators as indicators_view
from projections import programme as programme_view
from projections.anchoring import (
    FINANCE,
    TOTAL,
    aggregate_positions,
    appendix,
    finance_positions,
    indicator_positions,
    topic_positions,
    topic_status_positions,
)
from projections.document import Document, Section, Table, in_language, number_sections
from projections.reading import Reader

# The statuses of agreements and decisions are stored as Dutch codes; shown in the language in
# use.
STATUSES = {"concept": N_("draft"), "in werking": N_("in force"), "beëindigd": N_("ended"),
            "ingetrokken": N_("withdrawn"), "vervallen": N_("expired")}


def status_word(code: str | None) -> str | None:
    """A stored status code ("in werking") in the language in use ("in force")."""
    return _(STATUSES[code]) if code in STATUSES else code


def labels() -> dict[str, Any]:
    """The words of the report, in the language in use (ledger.i18n)."""
    return {
        "title": _("Progress report {name}"), "quarter": _("Q{n} {year}"),
        "intro": _("Introduction"), "general": _("General overview"),
        "progress": _("Progress and results of the quarter"), "finance": _("Finance"),
        "risks": _("Risks"), "evaluation": _("Evaluation and outlook"),
        "indicators": _("Indicators (from the ledger)"),
        "duties": _("Reporting duties (from the ledger)"),
        "explanation": _("Explanation of the differences"), "forecast": _("Forecast"),
        "explains": _("workstream {rows}"),
        "ledger_part": _("From the ledger"),
        "ledger_note": _("The ledger compiles this part itself from the recorded decisions and "
                         "agreements; it is not text of the programme team."),
        "meta_programme": _("Programme"), "meta_quarter": _("Quarter"), "meta_date": _("Date"),
        "meta_fingerprint": _("Fingerprint"), "concept": _("draft (not yet issued)"),
        "ind_cols": [_("Indicator"), _("Workstream"), _("Baseline"), _("Latest actual"),
                     _("Target"), _("Expected"), _("Verdict")],
        "no_indicators": _("No indicators recorded."),
        "ind_note": _("Expected: the value on the date of the latest actual on a straight line "
                      "from baseline to target (31 December of the target year)."),
        "verdict": {"op koers": _("on track"), "achter": _("behind"),
                    "geen meting": _("no actual"), "geen doel": _("no target")},
        "runs_under": _("The programme {name} ({code}) runs under {agreement}: {status}{since}."),
        "since": _(" since {date}"),
        "no_agreement": _("The programme runs under agreement {key}, which the ledger does not "
                          "know on this date."),
        "decisions": _("Decisions this quarter"), "agreements": _("Agreements"),
        "no_decisions": _("No decisions this quarter."),
        "dec_cols": [_("Date"), _("Decision"), _("Body"), _("Subject"), _("Status")],
        "agr_cols": [_("Agreement"), _("Kind"), _("Title"), _("Status"), _("Since")],
        "topic_cols": [_("Topic"), _("Result"), _("Status"), _("Plan"), _("Next steps")],
        "workstream": _("Workstream {code}: {name}"), "no_topics": _("No topics recorded."),
        "depends": _("depends on {what}"),
        "fin_cols": [_("Workstream"), _("Total budget"), _("Budget {y}"), _("Spent {y}"),
                     _("Budget {y1}"), _("Reserved"), _("Spent to date"), _("Free")],
        "total": _("Total"),
        "fin_note": _("Computed from the ledger on {on}. Per row: total budget = spent to date + "
                      "budget {y1} + reserved + free (free: not yet assigned, in total {vrij})."),
        "failed": _("Check of reported figures (from the ledger)"),
        "no_failed": _("All {n} recorded reported figures agree with the ledger."),
        "failed_item": _("{id} does not agree ({what}, from '{doc}'): reported {printed}, "
                         "computed {computed}, difference {diff}."),
        "accepted_item": _("{id}: difference accepted ({reason})."),
        "duty": _("{agreement}: reporting {freq} to the {to}; next due by {due}."),
        "overdue": _("{agreement}: overdue for {periods}."),
        "no_duties": _("No reporting duties recorded."),
        "horizon": _("As it stood on {on}, {known}."),
        "known_now": _("as the ledger knows it now"),
        "known_at": _("as recorded up to position {pos}"),
        "fingerprint": _("Ledger fingerprint: {fp}"),
        "verify": _("Verify with: ledger audit verify --fingerprint {fp}"),
        "freq": {"quarterly": _("quarterly"), "monthly": _("monthly"), "yearly": _("yearly"),
                 "halfyearly": _("half-yearly")},
        "to": {"raad": _("councils"), "college": _("colleges")},
        "appendix": _("Appendix: accountability of the figures (from the ledger)"),
        "appendix_note": _("Per row of the report, the events in the ledger behind its figures, "
                           "by log position. The JSON form of the report lists them per figure. "
                           "`ledger report prove` writes proofs that these events are in the "
                           "ledger at the report's checkpoint."),
        "appendix_cols": [_("Row"), _("Events"), _("Positions")],
        "appendix_finance": _("Finance: workstream {code}"),
        "appendix_checked": _("Checked reported figures"),
        "appendix_more": _("and {n} more"),
        "meta_checkpoint": _("Checkpoint"),
        "checkpoint_value": _("{size} events, root hash {root}"),
        "checkpoint": _("Checkpoint at issue: tree size {size}, root hash {root}."),
        "checkpoint_signed": _("The checkpoint is signed with the key of {origin}."),
        "checkpoint_unsigned": _("The checkpoint is not signed: the ledger had no signing key "
                                 "when the report was issued."),
        "checkpoint_check": _("Check a proof against it with: ledger audit check FILE --size "
                              "{size} --root {root}"),
        "checkpoint_none": _("This report was issued before reports carried their checkpoint."),
    }


_QUARTER = re.compile(r"^(\d{4})\s*-?\s*[Qq]([1-4])$")


def parse_quarter(text: str) -> tuple[int, int, date, date]:
    """`2021Q4` (or `2021-Q4`) as (year, quarter, first day, last day)."""
    m = _QUARTER.match(str(text).strip())
    if not m:
        raise InvalidInput(_("'{text}' is not a quarter.").format(text=text),
                           hint=_("Write a quarter as 2021Q4."))
    year, q = int(m.group(1)), int(m.group(2))
    first = date(year, 3 * q - 2, 1)
    last = date(year, 12, 31) if q == 4 else date(year, 3 * q + 1, 1) - timedelta(days=1)
    return year, q, first, last


def check_lang(lang: str | None) -> str:
    """`lang` as a language of the ledger (None: the language in use), or a refusal."""
    return check_language(lang) if lang is not None else language()


def quarterly(reader: Reader, programme: str, quarter: str, *, lang: str | None = None,
              fingerprint: str | None = None, datum: date | None = None) -> Document:
    """The kwartaalrapportage of `programme` for `quarter`, on the reader's horizon (its date
    defaults to the quarter's last day), in `lang` (default: the language in use; a report
    issued in one language is rebuilt in it). `datum` is the report's date, the day it went out;
    without it, the date of the report as issued within the horizon, else none (a draft)."""
    with in_language(lang):
        return _quarterly(reader, programme, quarter, fingerprint=fingerprint, datum=datum)


def _quarterly(reader: Reader, programme: str, quarter: str, *, fingerprint: str | None,
               datum: date | None) -> Document:
    from projections.narrative import Footnotes, assumed_keys, narrative

    lang = language()
    L = labels()
    year, q, first, last = parse_quarter(quarter)
    on = reader.horizon.on or last
    if reader.horizon.on is None:
        reader = reader.at(type(reader.horizon)(on, reader.horizon.upto))
    prog = programme_view.programme(reader, programme)
    code = prog["code"]
    quarter_text = f"{year}Q{q}"
    report = issued(reader, code, quarter_text)
    if datum is None and report is not None:
        datum = date.fromisoformat(str(report["datum"]))
    notes = Footnotes(lang)
    doc = Document(title=L["title"].format(name=prog["name"]),
                   subtitle=L["quarter"].format(n=q, year=year), lang=lang)
    doc.meta = [(L["meta_programme"], f"{prog['name']} ({code})"),
                (L["meta_quarter"], L["quarter"].format(n=q, year=year)),
                (L["meta_date"], dutch_date(datum, lang=lang) if datum else L["concept"])]
    if fingerprint:
        doc.meta.append((L["meta_fingerprint"], fingerprint))
    parts = narrative(reader, code, quarter_text)
    all_agreements = agreements_view.agreements(reader)
    agreement = all_agreements.get(prog["agreement"])
    members = set(agreement["parties"]) if agreement else set()

    whose = members | {code} | ({agreement["key"]} if agreement else set())
    keys = reader.decisions_of_bodies(f"{kind}:{who}" for kind in BODIES for who in whose)
    decisions = decisions_view.decisions(reader, keys=keys)
    assumed = {**assumed_keys(reader, "decision", list(decisions)),
               **{f"agreement:{k}": v for k, v in
                  assumed_keys(reader, "agreement", list(all_agreements)).items()}}
    if "inleiding" in parts:
        doc.sections.append(_prose(L["intro"], parts["inleiding"], notes, L, numbered=False))
    shown: dict[str, list[Any]] = {"decisions": [], "agreements": [], "topics": []}
    doc.sections += _general(L, prog, agreement, all_agreements, members, decisions, first, last,
                             parts.get("algemeen"), notes, assumed, shown)
    doc.sections.append(_progress(L, reader, prog, notes, shown["topics"]))
    budget_state = budget_view.state_of(reader, code)
    finance = budget_view.finance_of(budget_state, code, year, on)
    doc.sections += _finance(L, finance, year, on, parts, notes)
    if "risicos" in parts:
        doc.sections.append(_prose(L["risks"], parts["risicos"], notes, L))
    if "evaluatie" in parts:
        doc.sections.append(_prose(L["evaluation"], parts["evaluatie"], notes, L))
    indicators = indicators_view.indicators(reader, code)
    doc.sections.append(_indicators(L, indicators, lang, notes))
    doc.sections.append(_duties(L, agreement))
    number_sections(doc.sections)
    figures, groups = _figures(L, reader, prog, year, on, parts, shown, indicators, finance,
                               budget_state)
    doc.sections.append(appendix(L, figures, groups))
    doc.notes = notes.lines()

    known = (L["known_at"].format(pos=reader.horizon.upto) if reader.horizon.upto is not None
             else L["known_now"])
    doc.footer.append(L["horizon"].format(on=show_date(on), known=known))
    if fingerprint:
        doc.footer += [L["fingerprint"].format(fp=fingerprint), L["verify"].format(fp=fingerprint)]
    doc.data = {
        "programme": code, "quarter": quarter_text, "on": on,
        "datum": datum.isoformat() if datum else None, "as_of_position":
        reader.horizon.upto, "fingerprint": fingerprint,
        "narrative": {k: {f: v[f] for f in ("text", "items", "assumptions")}
                      for k, v in parts.items()},
        "finance": {"year": year, "rows": finance["rows"], "totals": finance["totals"],
                    "identity": finance["identity"]},
        "failing_assertions": [a["id"] for a in finance["failing"]],
        "indicators": {i["key"]: i["progress"] for i in indicators},
        "assumptions": notes.texts,
        "decisions": [{k: d.get(k) for k in ("identificatie", "datum", "body", "title", "status")}
                      for d in shown["decisions"]],
        "agreements": [{k: a.get(k) for k in ("key", "kind", "title", "status", "in_force_since")}
                       for a in shown["agreements"]],
        "topics": [{"key": t["key"], **{f: t.get(f) for f in TOPIC_FIELDS},
                    "dependencies": t.get("dependencies") or []} for t in shown["topics"]],
        "positions": figures,
    }
    if report is not None:
        _anchor(doc, L, report)
    return doc


TOPIC_FIELDS = ("name", "resultaat", "status", "plan", "vervolgstappen")


def _figures(L: dict[str, Any], reader: Reader, prog: dict[str, Any], year: int, on: date,
             parts: dict[str, dict[str, Any]], shown: dict[str, list[Any]],
             indicators: list[dict[str, Any]], finance: dict[str, Any],
             state: dict[str, Any]
             ) -> tuple[dict[str, list[int]], list[tuple[str, str, list[tuple[str, str]]]]]:
    """Every figure of the report with the positions behind it (`projections.anchoring`), and
    the rows of the appendix that summarises them, per section (`state`: the budget view's
    folded state the finance table was computed from)."""
    code = prog["code"]
    movements = (state["budgets"].get(code) or {"movements": []})["movements"]
    codes = [r["workstream"] for r in finance["rows"]]
    figures = finance_positions(movements, year, on, codes)
    for r in finance["rows"]:
        for column in FINANCE:
            figures.setdefault(f"finance/{r['workstream']}/{column}", [])
    for column in FINANCE:
        figures.setdefault(f"finance/{TOTAL}/{column}", [])
    for a in finance["assertions"]:
        figures[f"assertion/{a['id']}"] = [a["position"]]
    for part, p in parts.items():
        figures[f"narrative/{part}"] = [p["position"]]
    decision_ids = [d["identificatie"] for d in shown["decisions"]]
    dep_topics: list[Any] = []
    dep_decisions: list[Any] = []
    for t in shown["topics"]:
        for d in t.get("dependencies") or []:
            kind, _sep, ref = d["on"].partition(":")
            (dep_topics if kind == "topic" else dep_decisions).append(ref)
    by_decision = aggregate_positions(reader, "decision", [*decision_ids, *dep_decisions])
    for k in decision_ids:
        figures[f"decision/{k}"] = by_decision.get(k, [])
    by_agreement = aggregate_positions(reader, "agreement", [a["key"] for a in shown["agreements"]])
    for k, v in by_agreement.items():
        figures[f"agreement/{k}"] = v
    dependencies = {f"decision:{k}": v for k, v in by_decision.items()}
    for ref in dict.fromkeys(dep_topics):
        try:
            dependencies[f"topic:{ref}"] = topic_status_positions(programme_view.topic(reader, ref))
        except NotFound:
            dependencies[f"topic:{ref}"] = []
    for t in shown["topics"]:
        figures[f"topic/{t['key']}"] = topic_positions(t, dependencies)
    figures.update(indicator_positions(reader, indicators))

    groups: list[tuple[str, str, list[tuple[str, str]]]] = []
    if parts:
        groups.append((L["general"], "narrative", [
            (part, f"narrative/{part}") for part in parts]))
    if shown["decisions"] or shown["agreements"]:
        groups.append((L["decisions"], "decision", [
            (k, f"decision/{k}") for k in decision_ids] + [
            (a["key"], f"agreement/{a['key']}") for a in shown["agreements"]]))
    if shown["topics"]:
        groups.append((L["progress"], "topic", [
            (t["key"].split("/", 1)[-1], f"topic/{t['key']}") for t in shown["topics"]]))
    groups.append((L["finance"], "finance", [
        (L["appendix_finance"].format(code=c), f"finance/{c}") for c in codes]
        + [(L["total"], f"finance/{TOTAL}")]
        + ([(L["appendix_checked"], "assertion")] if finance["assertions"] else [])))
    if indicators:
        groups.append((L["indicators"], "indicator", [
            (i["name"], f"indicator/{i['key']}") for i in indicators]))
    return dict(sorted(figures.items())), groups


def issued(reader: Reader, programme: str, quarter: str) -> dict[str, Any] | None:
    """The issue of the report of `programme` for `quarter` as recorded within the reader's log
    horizon (the first issue, when it was re-issued): its payload, with its key."""
    for e in reader.entries(kinds=["report"], valid=False, order="log"):
        if e.event == "Issued" and e.payload.get("programme") == programme and \
                e.payload.get("quarter") == quarter:
            return {**e.payload, "key": e.key, "position": e.position}
    return None


def anchor_of(report: dict[str, Any]) -> dict[str, Any]:
    """An issued report's checkpoint as the report prints it (`data["anchor"]`)."""
    from ledger.note import NoteError, read_checkpoint

    origin = None
    if report.get("checkpoint"):
        try:
            origin = read_checkpoint(report["checkpoint"])[0].origin
        except NoteError:
            origin = None
    return {"report": report["key"], "tree_size": report.get("tree_size"),
            "tree_root": report.get("tree_root"), "checkpoint": report.get("checkpoint"),
            "signed_by": origin, "hash_form": report.get("hash_form") or "document"}


def _anchor(doc: Document, L: dict[str, Any], report: dict[str, Any]) -> None:
    a = anchor_of(report)
    doc.data["anchor"] = a
    if a["tree_size"] is None:
        doc.footer.append(L["checkpoint_none"])
        return
    doc.meta.append((L["meta_checkpoint"], L["checkpoint_value"].format(
        size=a["tree_size"], root=a["tree_root"])))
    doc.footer.append(L["checkpoint"].format(size=a["tree_size"], root=a["tree_root"]))
    doc.footer.append(L["checkpoint_signed"].format(origin=a["signed_by"]) if a["signed_by"]
                      else L["checkpoint_unsigned"])
    doc.footer.append(L["checkpoint_check"].format(size=a["tree_size"], root=a["tree_root"]))


def _prose(title: str, part: dict[str, Any], notes: Any, L: dict[str, Any], *,
           numbered: bool = True, level: int = 2) -> Section:
    s = Section(title, level=level, numbered=numbered)
    _fill(s, part, notes, L)
    return s


def _fill(s: Section, part: dict[str, Any], notes: Any, L: dict[str, Any]) -> None:
    from projections.narrative import paragraphs

    texts = paragraphs(part["text"])
    if texts and part["assumptions"]:
        texts[-1] = notes.mark(texts[-1], part["assumptions"])
    s.paragraphs += texts
    for item in part["items"]:
        text = item["text"]
        if item.get("label"):
            text = f"{item['label']}. {text}"
        if item.get("rows"):
            text += f" ({L['explains'].format(rows=', '.join(item['rows']))})"
        s.items.append(text)


def _general(L: dict[str, Any], prog: dict[str, Any], agreement: dict[str, Any] | None,
             all_agreements: dict[str, dict[str, Any]], members: set[str],
             decisions: dict[str, dict[str, Any]], first: date, last: date,
             part: dict[str, Any] | None, notes: Any,
             assumed: dict[str, list[str]], shown: dict[str, list[Any]]) -> list[Section]:
    s = Section(L["general"])
    if part:
        _fill(s, part, notes, L)
    own = Section(L["ledger_part"], level=3)
    own.paragraphs.append(L["ledger_note"])
    if agreement:
        since = (L["since"].format(date=show_date(agreement["in_force_since"]))
                 if agreement.get("in_force_since") else "")
        own.paragraphs.append(notes.mark(L["runs_under"].format(
            name=prog["name"], code=prog["code"], agreement=f"{agreement['title']} "
            f"({agreement['key']})", status=status_word(agreement["status"]), since=since),
            assumed.get(f"agreement:{agreement['key']}", [])))
    else:
        own.paragraphs.append(L["no_agreement"].format(key=prog["agreement"]))
    bodies = {prog["code"].casefold()} | ({agreement["key"].casefold()} if agreement else set())
    rows = []
    for d in sorted(decisions.values(), key=lambda d: (d["datum"], d["identificatie"])):
        day = date.fromisoformat(d["datum"])
        if not first <= day <= last:
            continue
        kind, _sep, who = d["body"].partition(":")
        if who in members or who.casefold() in bodies:
            shown["decisions"].append(d)
            rows.append([day, notes.mark(d["identificatie"], assumed.get(d["identificatie"], [])),
                         d["body"], d["title"], status_word(d["status"])])
    own.tables.append(Table(L["dec_cols"], rows, title=L["decisions"], key="decisions",
                            note=None if rows else L["no_decisions"], nowrap=(1,)))
    agr_rows = []
    for a in sorted(all_agreements.values(), key=lambda a: a["key"]):
        if not members & set(a["parties"]):
            continue
        since = date.fromisoformat(a["in_force_since"]) if a.get("in_force_since") else None
        shown["agreements"].append(a)
        agr_rows.append([notes.mark(a["key"], assumed.get(f"agreement:{a['key']}", [])),
                         a["kind_name"], a["title"], status_word(a["status"]), since])
    if agr_rows:
        own.tables.append(Table(L["agr_cols"], agr_rows, title=L["agreements"], key="agreements",
                                nowrap=(0,)))
    return [s, own]


def _field_assumptions(topic: dict[str, Any]) -> dict[str, list[str]]:
    """Per report field of a topic, the assumptions of the event that last set it."""
    from projections.narrative import assumptions

    found: dict[str, list[str]] = {}
    for step in topic.get("history") or []:
        for f in step.get("changes") or {}:
            found[f] = assumptions(step.get("refs"))
    return found


def _progress(L: dict[str, Any], reader: Reader, prog: dict[str, Any], notes: Any,
              shown: list[dict[str, Any]]) -> Section:
    s = Section(L["progress"])
    for code, ws in prog["workstreams"].items():
        view = programme_view.workstream(reader, f"{prog['code']}/{code}")
        rows = []
        for t in view["topics"]:
            shown.append(t)
            marks = _field_assumptions(t)
            status = t.get("status") or ""
            if t.get("dependencies"):
                what = ", ".join(f"{d['on'].split(':', 1)[1]} ({d['status']})"
                                 for d in t["dependencies"])
                status = f"{status} ({L['depends'].format(what=what)})".strip()
            cells = [t.get("name") or t["key"].rsplit("/", 1)[-1], t.get("resultaat"),
                     status or None, t.get("plan"), t.get("vervolgstappen")]
            fields = ("name", "resultaat", "status", "plan", "vervolgstappen")
            rows.append([notes.mark(v, marks.get(f, [])) for f, v in zip(fields, cells,
                                                                         strict=True)])
        s.tables.append(Table(L["topic_cols"], rows, title=L["workstream"].format(
            code=code, name=ws["name"]), key=f"topics-{code}",
            note=None if rows else L["no_topics"]))
    return s


def _finance(L: dict[str, Any], finance: dict[str, Any], year: int, on: date,
             parts: dict[str, dict[str, Any]], notes: Any) -> list[Section]:
    from ledger.money import format_eur

    s = Section(L["finance"])
    cols = [c.format(y=year, y1=year + 1) for c in L["fin_cols"]]
    keys = ("totaal_begroot", "begroot", "benut", "budget_volgend_jaar", "reservering",
            "benut_tot_datum", "vrij")
    rows = [[f"{r['workstream']} {r.get('name', '')}".strip(), *[r[k] for k in keys]]
            for r in finance["rows"]]
    totals = [L["total"], *[finance["totals"][k] for k in keys]]
    vrij = finance["totals"].get("vrij", Decimal(0))
    s.tables.append(Table(cols, rows, totals=totals, key="finance", note=L["fin_note"].format(
        on=show_date(on), y1=year + 1, vrij=format_eur(vrij))))
    out = [s]
    if "toelichting" in parts:
        out.append(_prose(L["explanation"], parts["toelichting"], notes, L, level=3))
    if "prognose" in parts:
        out.append(_prose(L["forecast"], parts["prognose"], notes, L, level=3))
    assertions = finance["assertions"]
    failing = finance["failing"]
    checked = Section(L["failed"], level=3)
    if failing:
        checked.items += [L["failed_item"].format(
            id=a["id"], what=budget_view.describe_assertion(a), doc=a["document"],
            printed=format_eur(a["amount"]), computed=format_eur(a["computed"]),
            diff=format_eur(a["difference"])) for a in failing]
    elif assertions:
        checked.paragraphs.append(L["no_failed"].format(n=len(assertions)))
    for a in assertions:
        if a["state"] == "accepted":
            checked.items.append(L["accepted_item"].format(id=a["id"],
                                                           reason=a.get("reason") or ""))
    return out + [checked] if assertions else out


def _indicators(L: dict[str, Any], indicators: list[dict[str, Any]], lang: str,
                notes: Any) -> Section:
    from ledger.rules.indicator import format_quantity

    s = Section(L["indicators"])
    rows = []
    for i in indicators:
        p, unit = i["progress"], i["unit"]

        def q(value: Any, when: Any = None, unit: str = unit) -> str | None:
            if value is None:
                return None
            text = format_quantity(value, unit, lang)
            if isinstance(when, str) and len(when) == 10:
                when = show_date(when, "short")  # a date: "01-09-2021" in a table
            return f"{text} ({when})" if when is not None else text

        rows.append([i["name"], i.get("workstream"),
                     notes.mark(q(p["baseline"], p["baseline_date"]), i.get("assumptions") or []),
                     q(p["actual"], p["actual_date"]),
                     notes.mark(q(p["target"], p["target_year"]),
                                p.get("target_assumptions") or []),
                     q(p["expected"]), L["verdict"].get(p["verdict"], p["verdict"])])
    s.tables.append(Table(L["ind_cols"], rows, key="indicators",
                          note=L["ind_note"] if rows else L["no_indicators"]))
    return s


def _duties(L: dict[str, Any], agreement: dict[str, Any] | None) -> Section:
    s = Section(L["duties"])
    duty = agreement.get("reporting_status") if agreement else None
    if not duty or agreement is None:
        s.paragraphs.append(L["no_duties"])
        return s
    name = f"{agreement['title']} ({agreement['key']})"
    s.items.append(L["duty"].format(agreement=name, freq=L["freq"].get(duty["frequency"],
                                                                       duty["frequency"]),
                                    to=L["to"].get(duty["to"], duty["to"]),
                                    due=show_date(duty["next_due"]) if duty.get("next_due")
                                    else "—"))
    if duty.get("overdue"):
        periods = ", ".join(o["period"] for o in duty["overdue"])
        s.items.append(L["overdue"].format(agreement=name, periods=periods))
    return s

"""The positions behind a report's figures, and the report's checkpoint, for the raden's auditors.

An issued kwartaalrapportage carries its checkpoint (the Merkle tree's size and root at the log
position it was made from; `ledger.domain.report`) and, for every figure it prints, the log
positions of the events that determine it, so an auditor can ask the ledger's holder for
inclusion proofs of exactly those events (`ledger report prove`) and check them offline against
the report's checkpoint (`ledger audit check`).

A figure is named by a path that does not depend on the language (`finance/WS1/benut`,
`finance/totaal/reservering`, `topic/WRL/WS1/K1`, `decision/BW-…`, `agreement/SOK`,
`indicator/WRL/aansluitingen`, `narrative/algemeen`, `assertion/A1`). Its positions are:

- **a finance cell**: every event whose own movements change that cell. The finance table is a
  sum over movements (`ledger.rules.finance.finance` adds each movement to its line), so each
  event's contribution is the table of its movements alone; an event is behind a cell when its
  contribution there is not zero. The cell is therefore the sum of its events' contributions,
  and leaving any one of them out changes it (a shift between two years of one werkstroom moves
  nothing in its `totaal_begroot`, so it is not behind that cell);
- **a topic row**: the event that added the topic and, per field the row shows, the event that
  last set it; for the status, also the events behind each dependency's status;
- **a decision or agreement row**: every event of that decision or agreement within the horizon
  (its status derives from all of them: ratifications, signatures, withdrawals);
- **an indicator row**: its definition, the target of the year shown and the latest actual;
- **a narrative part**: the event that wrote the text shown; **a checked figure**: the assertion.

`appendix` summarises them for the human formats ("Verantwoording"): per section and row, the
number of events and their positions as ranges (`#3-9, #14`; after six ranges, how many more), so
each row fits a line or two of a terminal; the JSON carries every figure in full.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from projections.document import Section, Table
from projections.reading import Reader

# The finance table's columns as the report prints them (projections.quarterly).
FINANCE = ("totaal_begroot", "begroot", "benut", "budget_volgend_jaar", "reservering",
           "benut_tot_datum", "vrij")
TOTAL = "totaal"
SHOWN = 6  # ranges per row in the human formats; the JSON has every position


def ranges(positions: Iterable[int], limit: int | None = None, more: str = "") -> str:
    """Positions compacted as ranges: `#3-9, #14` (consecutive positions joined); with
    `limit`, the first `limit` ranges and then `more` (formatted with the number left out)."""
    found = sorted(set(positions))
    out: list[str] = []
    i = 0
    while i < len(found):
        j = i
        while j + 1 < len(found) and found[j + 1] == found[j] + 1:
            j += 1
        out.append(f"#{found[i]}" if i == j else f"#{found[i]}-{found[j]}")
        i = j + 1
    if limit is not None and len(out) > limit:
        left = sum(1 for part in out[limit:] for _p in _expand(part))
        return ", ".join(out[:limit]) + " " + more.format(n=left)
    return ", ".join(out)


def _expand(part: str) -> range:
    first, _sep, last = part.lstrip("#").partition("-")
    return range(int(first), int(last or first) + 1)


def finance_positions(movements: Iterable[Any], year: int, on: date,
                      workstreams: Iterable[str]) -> dict[str, list[int]]:
    """Per finance cell (`finance/WS/column`, `finance/totaal/column`), the positions of the
    events whose movements change it (see the module docstring)."""
    from ledger.rules.finance import finance

    codes = list(workstreams)
    by_event: dict[int, list[Any]] = {}
    for m in movements:
        by_event.setdefault(m.seq, []).append(m)
    found: dict[str, set[int]] = {}
    for position, mine in by_event.items():
        part = finance(mine, year, on, codes)
        for row in [*part["rows"], {**part["totals"], "workstream": TOTAL}]:
            for column in FINANCE:
                if row.get(column, Decimal(0)) != 0:
                    found.setdefault(f"finance/{row['workstream']}/{column}", set()).add(position)
    return {k: sorted(v) for k, v in found.items()}


def topic_positions(topic: dict[str, Any], dependencies: dict[str, list[int]]) -> list[int]:
    """The events behind a topic's row: its addition, the last setting of each field shown, and
    the events behind the status of each dependency (`dependencies`: by `topic:`/`decision:`)."""
    from ledger.rules.topic import FIELDS

    history = topic.get("history") or []
    found = {history[0]["position"]} if history else set()
    for field in (*FIELDS, "depends_on"):
        last = [step["position"] for step in history if field in (step.get("changes") or {})]
        if last:
            found.add(last[-1])
    for d in topic.get("dependencies") or []:
        found.update(dependencies.get(d["on"], []))
    return sorted(found)


def topic_status_positions(topic: dict[str, Any]) -> list[int]:
    """The events behind a topic's status alone (its addition and the last status set)."""
    history = topic.get("history") or []
    found = {history[0]["position"]} if history else set()
    last = [s["position"] for s in history if "status" in (s.get("changes") or {})]
    return sorted(found | set(last[-1:]))


def aggregate_positions(reader: Reader, kind: str, keys: Iterable[str]) -> dict[str, list[int]]:
    """Every event of each `kind` aggregate of `keys` within the reader's log horizon, whatever
    its effective date (decisions and agreements derive their status from all of them)."""
    wanted = list(dict.fromkeys(keys))
    found: dict[str, list[int]] = {k: [] for k in wanted}
    if not wanted:
        return found
    for e in reader.entries(kinds=(kind,), valid=False, order="log", key_in=wanted):
        if e.key in found:
            found[e.key].append(e.position)
    return found


def indicator_positions(reader: Reader, indicators: list[dict[str, Any]]) -> dict[str, list[int]]:
    """Per indicator shown: its definition, the target of the year shown, the latest actual."""
    defined: dict[str, int] = {}
    keys = [i["key"] for i in indicators]
    if keys:
        for e in reader.entries(kinds=("indicator",), key_in=keys):
            if e.event == "Defined":
                defined.setdefault(e.key, e.position)
    found: dict[str, list[int]] = {}
    for i in indicators:
        p = i["progress"]
        mine = {defined[i["key"]]} if i["key"] in defined else set()
        year = p.get("target_year")
        if year is not None and year in i.get("targets", {}):
            mine.add(i["targets"][year]["position"])
        if i.get("measurements"):
            mine.add(i["measurements"][-1]["position"])
        found[f"indicator/{i['key']}"] = sorted(mine)
    return found


def appendix(L: dict[str, Any], figures: dict[str, list[int]],
             groups: list[tuple[str, str, list[tuple[str, str]]]]) -> Section:
    """The "Verantwoording" section: per group (a section of the report), one row per printed
    row (a werkstroom's finance row, a topic, a decision…) with the union of its figures'
    positions. `groups` is (section title, figure prefix, [(row label, figure prefix)])."""
    s = Section(L["appendix"], level=2, numbered=False)
    s.paragraphs.append(L["appendix_note"])
    for title, _prefix, rows in groups:
        table_rows = []
        for label, prefix in rows:
            mine = sorted({p for k, v in figures.items()
                           if k == prefix or k.startswith(prefix + "/") for p in v})
            table_rows.append([label, len(mine),
                               ranges(mine, SHOWN, L["appendix_more"]) or "—"])
        if table_rows:
            s.tables.append(Table(L["appendix_cols"], table_rows, title=title,
                                  key=f"positions-{_prefix}"))
    return s


# --- proofs of an issued report's figures (`ledger report prove`) -----------------------------

def chosen_positions(reader: Reader, issued: dict[str, Any], figures: list[str],
                     decisions: list[str]) -> dict[str, list[int]]:
    """The events to prove, per figure asked for, read at the issued report's own horizon (its
    date and the position it was made from), so every one of them is within its checkpoint.
    A figure is a path of `data.positions` or a prefix of some (`finance/WS1`: the row); a
    decision is named by its identificatie. Neither: every figure of the report."""
    from ledger.errors import NotFound
    from ledger.i18n import _
    from projections.quarterly import quarterly
    from projections.reading import Horizon

    at = reader.at(Horizon(date.fromisoformat(str(issued["on"])), int(issued["as_of_position"])))
    doc = quarterly(at, issued["programme"], issued["quarter"], lang=issued["lang"],
                    datum=date.fromisoformat(str(issued["datum"])))
    known: dict[str, list[int]] = doc.data["positions"]
    chosen: dict[str, list[int]] = {}
    for wanted in figures:
        name = wanted.strip().strip("/")
        found = {k: v for k, v in known.items()
                 if k.casefold() == name.casefold() or k.casefold().startswith(name.casefold() + "/")}
        if not found:
            raise NotFound(_("Report {key} has no figure '{figure}'.").format(
                key=issued["key"], figure=wanted),
                hint=_("The figures are listed under data.positions in `ledger report quarterly "
                       "--format json`, e.g. finance/WS1/benut."))
        chosen.update(found)
    if decisions:
        by_key = aggregate_positions(at, "decision", [d.strip() for d in decisions])
        for d, positions in by_key.items():
            if not positions:
                raise NotFound(_("Decision {decision} is not in the ledger at report {key}'s "
                                 "checkpoint.").format(decision=d, key=issued["key"]),
                               hint=_("List the decisions with `ledger decision list`; a "
                                      "decision recorded after the report is not in it."))
            chosen[f"decision/{d}"] = positions
    if not figures and not decisions:
        chosen = {k: v for k, v in known.items() if v}
    return chosen


def report_proofs(prover: Any, issued: dict[str, Any], chosen: dict[str, list[int]],
                  signer: Any) -> dict[str, Any]:
    """The files that prove `chosen`'s events against the issued report's checkpoint, and that
    today's ledger extends it: `checkpoint.txt` (the report's checkpoint: the signed one it
    carries, else one signed now for its tree size, whose root must be the one it carries),
    `inclusion-POSITION.json` per event, `consistency.json` (from the report's checkpoint to
    one signed now) and `index.json` (the figures and their files). Returns name -> text."""
    import json

    from ledger.errors import IntegrityFailure, InvalidInput
    from ledger.i18n import _
    from ledger.note import Checkpoint, Note, NoteError

    if issued.get("tree_size") is None:
        raise InvalidInput(_("Report {key} was issued before reports carried their checkpoint, "
                             "so there is nothing to prove against.").format(key=issued["key"]),
                           hint=_("Prove single events with `ledger audit prove inclusion` "
                                  "against a checkpoint you hold."))
    if issued.get("checkpoint"):
        try:
            note = Note.parse(issued["checkpoint"])
        except NoteError as e:
            raise IntegrityFailure(str(e)) from None
    else:
        note = prover.checkpoint(signer, int(issued["tree_size"]))
    cp = Checkpoint.of(note)
    import base64

    if cp.size != issued["tree_size"] or base64.b64encode(cp.root).decode() != issued["tree_root"]:
        raise IntegrityFailure(
            _("The ledger's tree at size {size} no longer has the root hash report {key} "
              "carries: the ledger was changed after the report went out.").format(
                size=issued["tree_size"], key=issued["key"]),
            hint=_("Run `ledger audit verify`; see docs/auditors-guide.md."))
    files: dict[str, str] = {"checkpoint.txt": str(note)}
    index: dict[str, Any] = {"report": issued["key"], "tree_size": cp.size,
                             "tree_root": issued["tree_root"], "figures": {}}
    for figure, positions in sorted(chosen.items()):
        index["figures"][figure] = [f"inclusion-{p}.json" for p in positions]
        for p in positions:
            name = f"inclusion-{p}.json"
            if name not in files:
                files[name] = json.dumps(prover.inclusion(p, note), ensure_ascii=False,
                                         indent=2) + "\n"
    files["consistency.json"] = json.dumps(prover.consistency(note, prover.checkpoint(signer)),
                                           ensure_ascii=False, indent=2) + "\n"
    index["consistency"] = "consistency.json"
    files["index.json"] = json.dumps(index, ensure_ascii=False, indent=2) + "\n"
    return files

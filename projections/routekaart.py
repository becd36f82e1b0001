"""View: Routekaarten as the raad reads them in an informatiebrief, for any date.

`overview` gives one Routekaart's wegen and stappen in order, the acties taken for each (with
*actie voor* where one is recorded, and their own status), the status of every stap, the derived
status of every weg and of the whole, the outputs each stap produced, and the informatiebrieven
that informed the raad. The same view object is rendered for the terminal, as Markdown, as JSON
(`overview_rows`, `to_markdown`) and as a `Document` (`to_document`) for HTML, PDF and Word.
Reports for the raad are in Dutch.

The overview says only what was recorded. A stap or actie whose status nobody recorded shows no
status word (the ledger's model counts it as niet gestart, and the JSON says `status_recorded`:
false); the statuses of wegen and of the whole are derived by the ledger and marked "afgeleid",
with a note saying so. A value recorded with an `aanname:` reference carries a marker and a
footnote (`projections.narrative.Footnotes`). `describe` and `title` tell Routekaart events in
audit trails (`projections.trail`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ledger.dates import dutch_date, show_date, today
from ledger.errors import NotFound
from ledger.i18n import N_, _
from ledger.rules.routekaart import CLOSED, Part, derive, weg_status
from projections.document import Document, Section, Table, number_sections
from projections.narrative import Footnotes, assumptions
from projections.reading import Entry, Horizon, Reader, fold

KINDS = ("routekaart",)
ROLE_LABELS = {"raad": "Raad", "college": "College", "griffie": "Griffie",
               "presidium": "Presidium", "programmateam": "Programmateam"}


# --- the fold ----------------------------------------------------------------------------------

def _node(e: Entry, **fields: Any) -> dict[str, Any]:
    return {**fields, "status": "niet gestart", "since": e.effective.isoformat(),
            "added": e.effective.isoformat(), "history": [], "outputs": [],
            "assumed": assumptions(e.refs), "status_assumed": [], "due_assumed": []}


def _find(rk: dict[str, Any], part: Part) -> dict[str, Any] | None:
    node: dict[str, Any] | None = rk["wegen"].get(part.weg)
    if node is not None and part.stap is not None:
        node = node["stappen"].get(part.stap)
    if node is not None and part.actie is not None:
        node = node["acties"].get(part.actie)
    return node


def apply(state: dict[str, dict[str, Any]], e: Entry) -> dict[str, dict[str, Any]]:
    p = e.payload
    if e.event == "Adopted":
        state[e.key] = {"key": e.key, "title": p["title"], "party": p["party"],
                        "decision": p["decision"], "adopted": e.effective.isoformat(),
                        "wegen": {}, "informed": [], "position": e.position}
        return state
    # A trail folds only the events touching one weg; give them a Routekaart to land in.
    rk = state.setdefault(e.key, {"key": e.key, "title": None, "party": None, "decision": None,
                                  "adopted": None, "wegen": {}, "informed": []})
    if e.event == "WegAdded":
        rk["wegen"][p["weg"]] = {"number": p["weg"], "title": p["title"],
                                 "added": e.effective.isoformat(), "stappen": {}, "acties": {},
                                 "outputs": [], "assumed": assumptions(e.refs)}
    elif e.event == "StapAdded" and p["weg"] in rk["wegen"]:
        rk["wegen"][p["weg"]]["stappen"][p["stap"]] = _node(
            e, number=p["stap"], title=p["title"], due=p.get("due"), acties={})
    elif e.event == "ActieAdded":
        parent = _find(rk, Part(p["weg"], p.get("stap")))
        if parent is not None:
            parent["acties"][p["actie"]] = _node(e, number=p["actie"], text=p["text"],
                                                 voor=p["voor"], due=p.get("due"))
    elif e.event == "StatusChanged":
        node = _find(rk, Part.parse(p["target"]))
        if node is not None:
            node["status"], node["since"] = p["status"], e.effective.isoformat()
            node["status_assumed"] = assumptions(e.refs)
            node["history"].append({"position": e.position, "effective": e.effective.isoformat(),
                                    "status": p["status"], "previous": p["previous"],
                                    "corrects": e.corrects, "reason": e.reason})
    elif e.event == "DueSet":
        node = _find(rk, Part.parse(p["target"]))
        if node is not None:
            node["due"], node["due_assumed"] = p["due"], assumptions(e.refs)
    elif e.event == "OutputRecorded":
        node = _find(rk, Part.parse(p["target"]))
        if node is not None:
            node["outputs"].append({**{k: p.get(k) for k in ("title", "kind", "datum",
                                                             "precision", "author", "reference")},
                                    "decision": p.get("produced_decision"),
                                    "assumed": assumptions(e.refs)})
    elif e.event == "RaadInformed":
        rk["informed"].append({"datum": p["datum"], "title": p["title"],
                               "zaaknummer": p["zaaknummer"],
                               "documentnummer": p["documentnummer"], "covers": p["covers"],
                               "effective": e.effective.isoformat()})
    return state


def _state(reader: Reader, key: str | None = None) -> dict[str, dict[str, Any]]:
    keys = [("routekaart", key)] if key else []
    state = fold(apply, {}, reader.entries(kinds=KINDS, keys=keys))
    return {k: v for k, v in state.items() if v.get("adopted")}


# --- the views ---------------------------------------------------------------------------------

def routekaarten(reader: Reader) -> list[dict[str, Any]]:
    """Every Routekaart with its derived status and counts, on the horizon's date."""
    names = _Names(reader)
    on = reader.horizon.on or today()
    found = []
    for rk in _state(reader).values():
        view = _view(rk, on, names)
        acties = [a for w in view["wegen"] for a in _all_acties(w)]
        last = view["informed"][-1] if view["informed"] else None
        found.append({
            "key": view["key"], "title": view["title"], "party": view["party"],
            "party_name": view["party_name"], "adopted": view["adopted"], "status": view["status"],
            "status_derived": True,
            "wegen": len(view["wegen"]),
            "stappen": sum(len(w["stappen"]) for w in view["wegen"]),
            "acties": len(acties), "open_acties": sum(a["status"] not in CLOSED for a in acties),
            "overdue": len(view["overdue"]),
            "last_informed": last["datum"] if last else None,
        })
    return found


def overview(reader: Reader, key: str) -> dict[str, Any]:
    """One Routekaart as it stood on the horizon's date, as known at its moment."""
    state = {k.casefold(): v for k, v in _state(reader, None).items()}
    rk = state.get(key.strip().casefold())
    if rk is None:
        raise NotFound(_("There is no Routekaart '{key}' (on {on}, as recorded by the chosen "
                         "moment).").format(key=key, on=show_date(reader.horizon.on or today())),
                       hint=_("List them with `ledger routekaart list`."))
    view = _view(rk, reader.horizon.on or today(), _Names(reader))
    view["horizon"] = reader.horizon.describe()
    return view


class _Names:
    """Names of parties and decisions as recorded, whatever their effective date."""

    def __init__(self, reader: Reader):
        from projections import decisions, parties

        known = reader.at(Horizon(None, reader.horizon.upto))
        self.parties = {k.casefold(): v for k, v in parties.registered(known).items()}
        self.decisions = {k.casefold(): v for k, v in
                          fold(decisions.apply, {}, known.entries(kinds=decisions.KINDS)).items()}

    def party(self, key: str | None) -> str | None:
        p = self.parties.get(str(key).casefold()) if key else None
        return p["name"] if p else None

    def voor(self, value: str | None) -> str | None:
        if value is None:
            return None
        return ROLE_LABELS.get(value) or self.party(value) or value

    def decision(self, key: str | None) -> dict[str, Any] | None:
        return self.decisions.get(str(key).casefold()) if key else None


def _view(rk: dict[str, Any], on: date, names: _Names) -> dict[str, Any]:
    adopted_by = names.decision(rk["decision"])
    wegen, overdue = [], []
    for n, weg in sorted(rk["wegen"].items()):
        stappen = []
        for s, stap in sorted(weg["stappen"].items()):
            acties = [_actie(Part(n, s, a), actie, on, names)
                      for a, actie in sorted(stap["acties"].items())]
            stappen.append({
                "number": s, "path": f"{n}.{s}", "label": f"STAP {s}", "title": stap["title"],
                "due": stap["due"], "added": stap["added"], "status": stap["status"],
                "status_recorded": bool(stap["history"]), "since": stap["since"],
                "acties": acties, "assumed": stap["assumed"],
                "status_assumed": stap["status_assumed"], "due_assumed": stap["due_assumed"],
                "outputs": [_output(o, names) for o in stap["outputs"]],
                "history": stap["history"],
                "overdue": _overdue(stap, on)})
        acties = [_actie(Part(n, None, a), actie, on, names)
                  for a, actie in sorted(weg["acties"].items())]
        wegen.append({
            "number": n, "path": str(n), "label": f"Weg {n}", "title": weg["title"],
            "added": weg["added"], "added_after_adoption": weg["added"] > rk["adopted"],
            "status": _weg_status(weg), "status_derived": True, "assumed": weg["assumed"],
            "stappen": stappen, "acties": acties,
            "outputs": [_output(o, names) for o in weg["outputs"]]})
        overdue += [s["path"] for s in stappen if s["overdue"]]
        overdue += [a["path"] for w in wegen[-1:] for a in _all_acties(w) if a["overdue"]]
    return {
        "key": rk["key"], "title": rk["title"], "party": rk["party"],
        "party_name": names.party(rk["party"]) or rk["party"], "adopted": rk["adopted"],
        "decision": {"identificatie": rk["decision"],
                     "title": adopted_by["title"] if adopted_by else None,
                     "body": adopted_by["body"] if adopted_by else None},
        "status": derive(w["status"] for w in wegen), "on": on.isoformat(),
        "wegen": wegen, "informed": rk["informed"], "overdue": overdue,
    }


def _weg_status(weg: dict[str, Any]) -> str:
    """A weg's derived status (`ledger.rules.routekaart.weg_status`) from its folded state."""
    return weg_status([s["status"] for s in weg["stappen"].values()],
                      [a["status"] for a in weg["acties"].values()])


def _all_acties(weg: dict[str, Any]) -> list[dict[str, Any]]:
    acties: list[dict[str, Any]] = [a for s in weg["stappen"] for a in s["acties"]]
    acties += weg["acties"]
    return acties


def _overdue(node: dict[str, Any], on: date) -> bool:
    return bool(node.get("due")) and node["status"] not in CLOSED and node["due"] < on.isoformat()


def _actie(part: Part, a: dict[str, Any], on: date, names: _Names) -> dict[str, Any]:
    return {"number": part.actie, "path": str(part), "text": a["text"], "voor": a["voor"],
            "voor_label": names.voor(a["voor"]), "due": a["due"], "added": a["added"],
            "status": a["status"], "status_recorded": bool(a["history"]), "since": a["since"],
            "history": a["history"], "overdue": _overdue(a, on), "assumed": a["assumed"],
            "status_assumed": a["status_assumed"], "due_assumed": a["due_assumed"]}


def _output(o: dict[str, Any], names: _Names) -> dict[str, Any]:
    d = names.decision(o.get("decision"))
    when = dutch_date(o["datum"], o.get("precision") or "day")
    if d is not None and d["body"].startswith("raad:"):
        text = _("{title} was adopted by the raad on {when}").format(title=o["title"], when=when)
    elif d is not None and d["body"].startswith("college:"):
        text = _("{title} was adopted by the college on {when}").format(title=o["title"],
                                                                       when=when)
    elif d is not None:
        text = _("{title}: decision of {body} of {when}").format(title=o["title"],
                                                                body=d["body"], when=when)
    else:
        text = f"“{o['title']}”" + (f" ({o['author']})" if o.get("author") else "") + f", {when}"
    return {**o, "text": text, "decision_title": d["title"] if d else None,
            "decision_body": d["body"] if d else None}


# --- rendering (in the language in use: Dutch is what the raad reads) ------------------------

_HEADERS = (N_("Wegen/stappen from the Routekaart"), N_("Actions taken to realise the stap"),
            N_("Actie for"), N_("Status"))
DERIVED = N_("derived")
DERIVED_NOTE = N_("Derived: the status of a weg and of the whole Routekaart is established by "
                  "the ledger itself from the recorded status of the stappen (or of the acties of "
                  "a weg without stappen); a stap or actie without a recorded status counts as not "
                  "started. A stap or actie without a status word has no recorded status.")
# the statuses of stappen and acties are stored as codes; shown in the language in use
STATUSES = {"niet gestart": N_("not started"), "loopt": N_("in progress"),
            "gedeeltelijk afgerond": N_("partly completed"), "afgerond": N_("completed"),
            "vervallen": N_("expired")}


def headers() -> list[str]:
    """The columns of the overview, in the language in use."""
    return [_(h) for h in _HEADERS]


def __getattr__(name: str) -> Any:
    if name == "HEADERS":  # the columns, translated when read (commands import HEADERS)
        return headers()
    raise AttributeError(name)


def status_word(status: str) -> str:
    """A stored status ("loopt") in the language in use ("loopt" / "in progress")."""
    return _(STATUSES[status]) if status in STATUSES else status


def _status_nl(status: str) -> str:
    word = status_word(status)
    return word[0].upper() + word[1:]


def _as_derived(status: str) -> str:
    return f"{_status_nl(status)} ({_(DERIVED)})"


def _actie_text(a: dict[str, Any], notes: Footnotes) -> str:
    text: str = notes.mark(f"{a['number']}. {a['text']}", a.get("assumed") or [])
    if a.get("status_recorded", True):
        text += " " + notes.mark(f"[{status_word(a['status'])}]", a.get("status_assumed") or [])
    if a["due"]:
        text += " " + notes.mark(_("(due {date})").format(date=dutch_date(a["due"])),
                                 a.get("due_assumed") or [])
    return text


def _outputs(node: dict[str, Any], notes: Footnotes) -> list[str]:
    return [notes.mark(o["text"], o.get("assumed") or []) for o in node["outputs"]]


def only_classified(view: dict[str, Any], subjects: set[str] | None) -> dict[str, Any]:
    """The overview keeping only the acties, stappen and wegen whose subject is in `subjects`
    (classified so), with the stappen and wegen that hold a kept part; None keeps everything."""
    if subjects is None:
        return view
    key, wegen = view["key"], []
    for w in view["wegen"]:
        keep_w = f"weg:{key}/{w['path']}" in subjects
        stappen = []
        for s in w["stappen"]:
            acties = [a for a in s["acties"] if f"actie:{key}/{a['path']}" in subjects]
            if acties or f"stap:{key}/{s['path']}" in subjects:
                stappen.append({**s, "acties": acties or s["acties"]})
        acties = [a for a in w["acties"] if f"actie:{key}/{a['path']}" in subjects]
        if keep_w or stappen or acties:
            wegen.append({**w, "stappen": stappen, "acties": acties})
    return {**view, "wegen": wegen}


def weg_rows(w: dict[str, Any], notes: Footnotes) -> list[tuple[str, str, str, str]]:
    """One weg as the informatiebrief lays it out: a row for the weg, then per stap a row with
    its first actie and one per further actie (or the weg's own acties)."""
    found: list[tuple[str, str, str, str]] = []
    head = _("Weg {n}: {title}").format(n=w["number"], title=w["title"])
    if w["added_after_adoption"]:
        head += _(" (added on {date})").format(date=dutch_date(w["added"]))
    head = notes.mark(head, w.get("assumed") or [])
    status = "\n".join([_as_derived(w["status"])] + _outputs(w, notes))
    if not w["acties"]:
        found.append((head, "", "", status))
    for i, a in enumerate(w["acties"]):
        found.append((head if i == 0 else "", _actie_text(a, notes), a["voor_label"] or "",
                      status if i == 0 else ""))
    for s in w["stappen"]:
        cell = notes.mark(f"{s['label']} – {s['title']}", s.get("assumed") or [])
        if s["due"]:
            cell += " " + notes.mark(_("(due {date})").format(date=dutch_date(s["due"])),
                                     s.get("due_assumed") or [])
        note = s["history"][-1]["reason"] if s["history"] else None
        words = ([notes.mark(_status_nl(s["status"]), s.get("status_assumed") or [])]
                 if s.get("status_recorded", True) else [])
        stap_status = "\n".join(words + _outputs(s, notes)
                                 + ([_("Explanation: {note}").format(note=note)] if note
                                    else []))
        if not s["acties"]:
            found.append((cell, "", "", stap_status))
        for i, a in enumerate(s["acties"]):
            found.append((cell if i == 0 else "", _actie_text(a, notes), a["voor_label"] or "",
                          stap_status if i == 0 else ""))
    return found


def overview_rows(view: dict[str, Any],
                  notes: Footnotes | None = None) -> list[tuple[str, str, str, str]]:
    """The overview as the informatiebrief lays it out, weg after weg (`weg_rows`); assumed
    values get their markers from `notes`."""
    notes = notes if notes is not None else Footnotes()
    return [row for w in view["wegen"] for row in weg_rows(w, notes)]


def heading(view: dict[str, Any]) -> list[str]:
    """The lines above the overview: what the Routekaart is, who adopted it, how it stands and
    when the raad was last informed."""
    d = view["decision"]
    lines = [f"Routekaart {view['key']}: “{view['title']}”",
             _("Municipality {name} ({party}); adopted by the raad on {date} (decision {decision}).")
             .format(name=view["party_name"], party=view["party"],
                     date=dutch_date(view["adopted"]), decision=d["identificatie"]),
             _standing(view)]
    for i in view["informed"]:
        lines.append(_("Raad informed: “{title}” of {date} (case number {zaaknummer}, "
                       "document number {documentnummer}).").format(
            title=i["title"], date=dutch_date(i["datum"]), zaaknummer=i["zaaknummer"],
            documentnummer=i["documentnummer"]))
    return lines


def _standing(view: dict[str, Any]) -> str:
    return _("As it stood on {date}: {status} ({derived}).").format(
        date=dutch_date(view["on"]), status=status_word(view["status"]), derived=_(DERIVED))


def _overdue_line(view: dict[str, Any]) -> str:
    return _("Due date passed on {date}: {parts}.").format(date=dutch_date(view["on"]),
                                                           parts=", ".join(view["overdue"]))


def footer(view: dict[str, Any], notes: Footnotes | None = None) -> list[str]:
    """The lines below the overview: parts past their due date, the footnotes of assumed values
    (as marked in the rows rendered with the same `notes`) and what "afgeleid" means."""
    lines = []
    if view["overdue"]:
        lines.append(_overdue_line(view))
    if notes is not None:
        lines += notes.lines()
    return lines + [_(DERIVED_NOTE)]


def to_markdown(view: dict[str, Any], caption: str) -> str:
    head = heading(view)
    notes = Footnotes()
    lines = [f"# {head[0]}", "", *[f"{h}  " for h in head[1:]], "", f"_{caption}_", "",
             "| " + " | ".join(headers()) + " |", "|---|---|---|---|"]
    for row in overview_rows(view, notes):
        lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", "<br>")
                                       for c in row) + " |")
    lines += ["", *[f"{line}  " for line in footer(view, notes)]]
    return "\n".join(lines) + "\n"


def to_document(view: dict[str, Any], *, fingerprint: str | None = None,
                horizon: str | None = None) -> Document:
    """The overview as a document for the griffie (HTML, PDF, Word): a title block, numbered
    sections (the state of the whole, one per weg, the informatiebrieven), the tables of the
    informatiebrief, footnotes and the ledger's fingerprint."""
    notes = Footnotes()
    d = view["decision"]
    on = dutch_date(view["on"])
    doc = Document(title=f"Routekaart “{view['title']}”",
                   subtitle=_("Overview of wegen, stappen and acties; as it stood on {date}")
                   .format(date=on))
    doc.meta = [("Routekaart", view["key"]),
                (_("Municipality"), f"{view['party_name']} ({view['party']})"),
                (_("Adopted"), _("by the raad on {date} (decision {decision})").format(
                    date=dutch_date(view["adopted"]), decision=d["identificatie"])),
                (_("As it stood on"), on)]
    if fingerprint:
        doc.meta.append((_("Fingerprint"), fingerprint))
    whole = Section(_("State of the Routekaart"))
    whole.paragraphs.append(_standing(view))
    summary = []
    for w in view["wegen"]:
        acties = _all_acties(w)
        summary.append([_("Weg {n}: {title}").format(n=w["number"], title=w["title"]),
                        len(w["stappen"]), len(acties),
                        sum(a["status"] not in CLOSED for a in acties), _as_derived(w["status"])])
    whole.tables.append(Table([_("Weg"), _("Steps"), _("Actions"), _("Open actions"),
                               _("Status")], summary,
                              totals=[_("Total"), sum(r[1] for r in summary),
                                      sum(r[2] for r in summary), sum(r[3] for r in summary),
                                      _as_derived(view["status"])],
                              key="wegen"))
    if view["overdue"]:
        whole.paragraphs.append(_overdue_line(view))
    doc.sections.append(whole)
    for w in view["wegen"]:
        s = Section(_("Weg {n}: {title}").format(n=w["number"], title=w["title"]))
        s.tables.append(Table(headers(), [list(r) for r in weg_rows(w, notes)],
                              key=f"weg-{w['number']}"))
        doc.sections.append(s)
    informed = Section(_("Information letters to the raad"))
    rows = [[date.fromisoformat(i["datum"]), i["title"], i["zaaknummer"], i["documentnummer"]]
            for i in view["informed"]]
    informed.tables.append(Table([_("Date"), _("Subject"), _("Case number"), _("Document number")],
                                 rows, key="informed",
                                 note=None if rows else _("The raad has not been informed yet.")))
    doc.sections.append(informed)
    number_sections(doc.sections)
    doc.notes = notes.lines() + [_(DERIVED_NOTE)]
    if horizon:
        doc.footer.append(horizon)
    if fingerprint:
        doc.footer += [_("Ledger fingerprint: {fp}").format(fp=fingerprint),
                       _("Verify with: ledger audit verify --fingerprint {fp}").format(
                           fp=fingerprint)]
    doc.data = {"routekaart": view["key"], "on": view["on"], "fingerprint": fingerprint,
                "assumptions": notes.texts}
    return doc


# --- narration for audit trails (projections.trail) --------------------------------------------

def _whole(story: Any, key: str) -> dict[str, Any]:
    """The whole Routekaart as recorded by the trail's horizon (for titles of parts)."""
    cache = story.memory.setdefault("routekaart", {})
    if key not in cache:
        found = fold(apply, {}, story.known.entries(kinds=KINDS, keys=[("routekaart", key)]))
        cache[key] = found.get(key)
    return cache[key] or {"wegen": {}}


def _title(rk: dict[str, Any], part: Part) -> str | None:
    node = _find(rk, part)
    if node is None:
        return None
    text = node.get("title") or node.get("text") or ""
    return text if len(text) <= 70 else text[:67].rstrip() + "…"


def describe(e: Entry, story: Any) -> Any:
    from projections.narration import Narration

    p, who, prefix = e.payload, story.who(e), story.prefix(e)
    within = bool(prefix)
    derived = _derived_before(e, story)
    if e.event == "Adopted":
        told = Narration(_("{who} adopted Routekaart {key} “{title}” (owned by {party}) by "
                           "decision {decision}.").format(
                               who=who, key=e.key, title=p["title"],
                               party=story.party_name(p["party"]), decision=p["decision"]),
                         {"title": {"before": None, "after": p["title"]},
                          "party": {"before": None, "after": p["party"]},
                          "adopted": {"before": None, "after": e.effective.isoformat()}})
    elif e.event == "WegAdded":
        rk = _whole(story, e.key)
        late = rk.get("adopted") and e.effective.isoformat() > rk["adopted"]
        values = {"who": who, "weg": p["weg"], "title": p["title"], "key": e.key}
        told = Narration(
            _("{who} added weg {weg} “{title}” to Routekaart {key}, after its adoption on "
              "{adopted}.").format(**values, adopted=show_date(rk["adopted"])) if late else
            _("{who} added weg {weg} “{title}” to Routekaart {key}.").format(**values),
            {f"{prefix}title": {"before": None, "after": p["title"]}})
    elif e.event == "StapAdded":
        due = _(", due {date}").format(date=show_date(p["due"])) if p.get("due") else ""
        told = Narration(_("{who} added stap {weg}.{stap} “{title}” to weg {weg}{due}.").format(
                             who=who, weg=p["weg"], stap=p["stap"], title=p["title"], due=due),
                         {f"stap {p['weg']}.{p['stap']}": {
                             "before": None, "after": _("added, {status}{due}").format(
                                 status=status_word("niet gestart"), due=due)}}
                         if within else
                         {"title": {"before": None, "after": p["title"]},
                          "status": {"before": None, "after": "niet gestart"},
                          **({"due": {"before": None, "after": p["due"]}} if p.get("due") else {})})
    elif e.event == "ActieAdded":
        part = Part(p["weg"], p.get("stap"), p["actie"])
        voor = (ROLE_LABELS.get(p["voor"]) or story.party_name(p["voor"])) if p.get("voor") \
            else None
        due = _(", due {date}").format(date=show_date(p["due"])) if p.get("due") else ""
        for_whom = (_("actie voor {whom}").format(whom=voor) if voor
                    else _("no actie voor recorded"))
        told = Narration(_("{who} added actie {part} to {parent}: “{text}” ({for_whom}{due}).")
                         .format(who=who, part=part, parent=(part.parent or part).label, text=p["text"],
                                 for_whom=for_whom, due=due),
                         {part.label: {"before": None, "after": _(
                             "added, {status}, {for_whom}{due}").format(
                                 status=status_word("niet gestart"), for_whom=for_whom, due=due)}}
                         if within else
                         {"text": {"before": None, "after": p["text"]},
                          **({"actie voor": {"before": None, "after": voor}} if voor else {}),
                          "status": {"before": None, "after": "niet gestart"},
                          **({"due": {"before": None, "after": p["due"]}} if p.get("due") else {})})
    elif e.event == "StatusChanged":
        part = Part.parse(p["target"])
        name = _title(_whole(story, e.key), part)
        named = f"{part.label} (“{name}”)" if name and story.prefix(e) else part.label
        values = {"who": who, "part": named, "status": status_word(p["status"]),
                  "previous": status_word(p["previous"])}
        if e.corrects is not None:
            sentence = _("{who} corrected the status of {part}: {status}, not {previous}.")
        elif p["previous"] in CLOSED:
            sentence = _("{who} reopened {part}: {previous} → {status}.")
        else:
            sentence = _("{who} set {part} to {status} (was {previous}).")
        told = Narration(sentence.format(**values), {f"{prefix}status": {
            "before": p["previous"], "after": p["status"]}})
    elif e.event == "DueSet":
        part = Part.parse(p["target"])
        values = {"who": who, "part": part.label, "due": show_date(p["due"])}
        sentence = (_("{who} planned {part} to be done by {due} (was {previous}).").format(
            **values, previous=show_date(p["previous"])) if p.get("previous") else
            _("{who} planned {part} to be done by {due}.").format(**values))
        told = Narration(sentence, {f"{prefix}due": {"before": p.get("previous"),
                                                     "after": p["due"]}})
    elif e.event == "OutputRecorded":
        part = Part.parse(p["target"])
        when = dutch_date(p["datum"], p.get("precision") or "day")
        extra = "".join([_(" by {author}").format(author=p["author"]) if p.get("author") else "",
                         _(", reference {reference}").format(reference=p["reference"])
                         if p.get("reference") else "",
                         _(", decision {decision}").format(decision=p["produced_decision"])
                         if p.get("produced_decision") else ""])
        told = Narration(_("{who} recorded that {part} produced the {kind} “{title}” "
                           "({when}{extra}).").format(who=who, part=part.label, kind=p["kind"],
                                                      title=p["title"], when=when, extra=extra),
                         {f"{prefix}output": {"before": None, "after": f"{p['title']} ({when})"}})
    elif e.event == "RaadInformed":
        covers = ", ".join(Part.parse(c).label for c in p["covers"])
        informed = f"{p['datum']}, documentnummer {p['documentnummer']}"
        told = Narration(_("{who} recorded that the raad was informed by “{title}” of {date} "
                           "(case number {zaaknummer}, document number {documentnummer}), "
                           "covering {covers}.").format(
                               who=who, title=p["title"], date=show_date(p["datum"]),
                               zaaknummer=p["zaaknummer"], documentnummer=p["documentnummer"],
                               covers=covers),
                         {"raad informed": {"before": story.memory.get("informed"),
                                            "after": informed}})
        story.memory["informed"] = informed
    else:
        return None
    told.changes = {**(told.changes or {}), **_derived_after(e, story, derived)}
    return told


def _derived_before(e: Entry, story: Any) -> dict[str, str]:
    """In the trail of a weg or a whole Routekaart, the derived statuses before this event."""
    if story.kind not in ("weg", "routekaart"):
        return {}
    state = story.memory.setdefault("fold", {})
    return _derived(state.get(e.key))


def _derived_after(e: Entry, story: Any, before: dict[str, str]) -> dict[str, dict[str, Any]]:
    if story.kind not in ("weg", "routekaart"):
        return {}
    state = story.memory.setdefault("fold", {})
    apply(state, e)
    after = _derived(state.get(e.key))
    return {f"{name} status (derived)": {"before": before.get(name), "after": value}
            for name, value in after.items() if before.get(name) != value}


def _derived(rk: dict[str, Any] | None) -> dict[str, str]:
    if rk is None:
        return {}
    found = {f"weg {n}": _weg_status(w) for n, w in rk["wegen"].items()}
    if rk.get("adopted"):
        found["routekaart"] = derive(_weg_status(w) for _, w in sorted(rk["wegen"].items()))
    return found


def title(subject: str, story: Any) -> str | None:
    kind, _sep, rest = subject.partition(":")
    key, slash, path = rest.partition("/")
    rk = _whole(story, key)
    if not rk.get("title") and "key" not in rk:
        return None
    owner = f"Routekaart {rk.get('key', key)} “{rk.get('title')}”"
    if rk.get("party"):
        owner = _("{routekaart} of {party}").format(routekaart=owner,
                                                    party=story.party_name(rk["party"]))
    if not slash:
        if rk.get("adopted"):
            return _("{routekaart}, adopted {date} by decision {decision}.").format(
                routekaart=owner, date=show_date(rk["adopted"]), decision=rk["decision"])
        return owner + "."
    try:
        part: Part | None = Part.parse(path)
    except Exception:
        return None
    found: list[str] = []
    while part is not None:
        name = _title(rk, part)
        found.append(f"{part.label.capitalize() if not found else part.label}"
                     + (f" “{name}”" if name else ""))
        part = part.parent
    return _("{parts}, of {routekaart}.").format(parts=_(", in ").join(found), routekaart=owner)


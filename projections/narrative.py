"""View: the narrative parts of a kwartaalrapportage as they stood on the horizon, and the
assumptions recorded beside any value.

`narrative(reader, programme, quarter)` folds the `narrative` entries of one programme and
quarter within the reader's horizon: per part the text and points of the last event (effective
date, then log position), with who wrote it, when, and the assumptions it carries.

An event whose references include `aanname:TEXT` records a value its source does not give (a
demo's illustrative date, say). Views show such values with a marker and the TEXT as a footnote
(`Footnotes`), so no reader mistakes an assumption for a sourced fact.
"""

from __future__ import annotations

from typing import Any

from ledger.i18n import _
from projections.reading import Entry, Reader


def assumptions(refs: list[str] | tuple[str, ...] | None) -> list[str]:
    return [r.split(":", 1)[1] for r in refs or () if r.startswith("aanname:")]


def narrative(reader: Reader, programme: str, quarter: str) -> dict[str, dict[str, Any]]:
    from ledger.rules.narrative import narrative_key

    key = narrative_key(programme, quarter)
    parts: dict[str, dict[str, Any]] = {}
    for e in reader.entries(kinds=["narrative"], keys=[("narrative", key)]):
        if e.event == "PartWritten":
            parts[e.payload["part"]] = _part(e)
    return parts


def _part(e: Entry) -> dict[str, Any]:
    p = e.payload
    return {"part": p["part"], "text": p.get("text") or "", "items": list(p.get("items") or []),
            "actor": e.actor, "effective": e.effective.isoformat(), "position": e.position,
            "corrects": e.corrects, "assumptions": assumptions(e.refs)}


def paragraphs(text: str) -> list[str]:
    """A part's text as paragraphs: separated by an empty line; lines within one are joined."""
    out, current = [], []
    for line in (text or "").splitlines():
        if line.strip():
            current.append(line.strip())
        elif current:
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return out


def assumed_keys(reader: Reader, kind: str, keys: list[str]) -> dict[str, list[str]]:
    """Per aggregate key, the assumptions carried by any of its events within the horizon (for
    aggregates recorded as a whole, such as a decision)."""
    found: dict[str, list[str]] = {}
    if not keys:
        return found
    for e in reader.entries(kinds=[kind], key_in=keys, valid=False):
        for a in assumptions(e.refs):
            found.setdefault(e.key, [])
            if a not in found[e.key]:
                found[e.key].append(a)
    return found


class Footnotes:
    """Numbered footnotes for assumed values: `mark(value, texts)` returns the value with its
    marker ("… [aanname 1]"), the same text always getting the same number. The words are in the
    language in use when the document is made (`lang` is kept for callers that pass it)."""

    def __init__(self, lang: str | None = None) -> None:
        self.lang = lang
        self.texts: list[str] = []

    def number(self, text: str) -> int:
        if text not in self.texts:
            self.texts.append(text)
        return self.texts.index(text) + 1

    def marker(self, texts: list[str]) -> str:
        return " ".join(_("[assumption {n}]").format(n=self.number(t)) for t in texts)

    def mark(self, value: Any, texts: list[str]) -> Any:
        if not texts or value in (None, ""):
            return value
        return f"{value} {self.marker(texts)}"

    def lines(self) -> list[str]:
        return [_("Assumption {n}: not from the source, added by whoever recorded it: {text}")
                .format(n=n, text=t) for n, t in enumerate(self.texts, start=1)]

"""View: the audit trail of one subject: every event that touched it, in log order, with what
changed. "What changed" is computed field by field: the value an event sets, against the value the
subject had from the events before it in the same trail."""

from __future__ import annotations

from typing import Any

from ledger.errors import InvalidInput, NotFound
from projections.journal import Reader

SKIP = {"key"}


def check_subject(subject: str) -> str:
    kind, sep, key = subject.strip().partition(":")
    if not sep or not kind or not key:
        raise InvalidInput(f"'{subject}' is not a subject.",
                           hint="Write it as kind:key, e.g. party:GM0546 or decision:PHO-2021-07.")
    return f"{kind.lower()}:{key}"


def trail(reader: Reader, subject: str) -> list[dict[str, Any]]:
    subject = check_subject(subject)
    entries = list(reader.entries(subject=subject, order="log"))
    if not entries:
        # Keys are matched without regard to case, as everywhere else in the ledger.
        kind, key = subject.split(":", 1)
        entries = [e for e in reader.entries(kinds=[kind], order="log")
                   if e.key.casefold() == key.casefold() and ":" not in key]
        if not entries:
            raise NotFound(f"Nothing in the ledger touched {subject} (within the chosen dates).",
                           hint="Subjects are written kind:key; see `ledger log` for examples.")
    known: dict[str, Any] = {}
    steps = []
    for e in entries:
        changes = {}
        for field, value in e.payload.items():
            if field in SKIP or value is None or (value is False and field not in known):
                continue
            if known.get(field) != value:
                changes[field] = {"before": known.get(field), "after": value}
                known[field] = value
        steps.append({**e.as_dict(), "changes": changes})
    return steps


def to_markdown(subject: str, steps: list[dict[str, Any]], caption: str) -> str:
    lines = [f"# Audit trail of {subject}", "", f"_{caption}; {len(steps)} events._", "",
             "| # | recorded (UTC) | effective | actor | event | authority | changed |",
             "|---|---|---|---|---|---|---|"]
    for s in steps:
        changed = "; ".join(f"{k}: {_md(v['before'])} → {_md(v['after'])}"
                            for k, v in s["changes"].items())
        auth = " ".join(s["refs"]) + (f" ({s['reason']})" if s["reason"] else "")
        lines.append(f"| {s['position']} | {s['recorded_at'][:19].replace('T', ' ')} | "
                     f"{s['effective']} | {_md(s['actor'])} | {s['event']} | {_md(auth)} | "
                     f"{changed} |")
    return "\n".join(lines) + "\n"


def _md(value: Any) -> str:
    return str(value if value is not None else "—").replace("|", "\\|").replace("\n", " ")

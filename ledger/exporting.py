"""Export of the log as JSON Lines, and checking such an export offline.

An export is a header line, one line per stored event (position, aggregate id, version, topic,
the stored bytes as text and the chain link), and a closing line with the count and fingerprint.
`verify_file` recomputes the chain from the file alone: no database is needed, so an auditor can
check an archived export against a fingerprint printed on a report.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from ledger import chain
from ledger.dates import now
from ledger.errors import IntegrityFailure, InvalidInput

FORMAT, VERSION = "ledger-export", 1


def export_log(raw: Any, out: IO[str], *,
               progress: Callable[[int, int], None] | None = None) -> tuple[int, chain.Fingerprint]:
    total, _ = raw.count_and_max()
    out.write(json.dumps({"format": FORMAT, "version": VERSION, "exported_at": now().isoformat(),
                          "source": raw.store.display, "events": total}) + "\n")
    n, previous, last = 0, chain.GENESIS, 0
    for row in raw.rows():
        line: dict[str, Any] = {"position": row.position, "originator_id": row.originator_id,
                                "version": row.version, "topic": row.topic}
        try:
            line["state"] = row.state.decode("utf-8")
        except UnicodeDecodeError:
            line["state_b64"] = base64.b64encode(row.state).decode("ascii")
        line["link"] = row.stored_link
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        n += 1
        last, previous = row.position, row.stored_link or previous
        if progress and n % 1000 == 0:
            progress(n, total)
    fp = chain.Fingerprint(last, previous) if n else chain.EMPTY
    out.write(json.dumps({"end": True, "events": n, "fingerprint": str(fp)}) + "\n")
    return n, fp


def read_export(path: str | Path) -> tuple[dict[str, Any], Iterator[chain.Row], dict[str, Any]]:
    """Header, rows (lazily) and the closing line of an export file."""
    p = Path(path)
    if not p.exists():
        raise InvalidInput(f"There is no file {p}.", hint="Give the path of a `ledger export` file.")
    lines = p.read_text(encoding="utf-8").splitlines()
    if not lines:
        raise IntegrityFailure(f"{p} is empty: it is not a ledger export.")
    try:
        header = json.loads(lines[0])
    except json.JSONDecodeError:
        header = {}
    if header.get("format") != FORMAT:
        raise InvalidInput(f"{p} is not a ledger export.", hint="Make one with `ledger export`.")
    closing: dict[str, Any] = {}
    try:
        closing = json.loads(lines[-1]) if len(lines) > 1 else {}
    except json.JSONDecodeError:
        closing = {}
    if not closing.get("end"):
        closing = {}

    def rows() -> Iterator[chain.Row]:
        body = lines[1:-1] if closing else lines[1:]
        for n, text in enumerate(body, start=2):
            try:
                d = json.loads(text)
                state = (d["state"].encode("utf-8") if "state" in d
                         else base64.b64decode(d["state_b64"]))
                yield chain.Row(int(d["position"]), str(d["originator_id"]), int(d["version"]),
                                str(d["topic"]), state, d.get("link"))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError):
                raise IntegrityFailure(f"{p}, line {n}: the line is damaged and cannot be read.",
                                       hint="Use an undamaged copy of the export.") from None

    return header, rows(), closing


def verify_file(path: str | Path, against: chain.Fingerprint | None = None) -> chain.Verification:
    header, rows, closing = read_export(path)
    result = chain.verify_rows(rows, against=against)
    if result.ok and not closing:
        return chain.Verification(False, result.checked, result.fingerprint, None,
                                  "the export has no closing line (it was cut short)")
    if result.ok and closing:
        if closing.get("events") != result.checked or closing.get("fingerprint") != str(
                result.fingerprint):
            return chain.Verification(
                False, result.checked, result.fingerprint, None,
                f"the export's closing line says {closing.get('events')} events and fingerprint "
                f"{closing.get('fingerprint')}, but its content gives {result.checked} and "
                f"{result.fingerprint}")
    return result

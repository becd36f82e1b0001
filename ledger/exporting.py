"""Export of the log as JSON Lines, checking such an export offline, and restoring it.

An export is a header line, one line per stored event (position, aggregate id, version, topic,
the stored bytes as text, the chain link and, where the link covers them, the login that wrote
it and the event's key id and signature), and a closing line with the count and fingerprint.
`verify_file` recomputes the chain from the file alone: no database is needed, so an auditor can
check an archived export against a fingerprint printed on a report. `restore_log` writes a verified
export into an empty ledger, every event at its original position with its chain link, so the
restored ledger has the export's fingerprint.
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
from ledger.i18n import _
from ledger.import_file import at

FORMAT, VERSION = "ledger-export", 1


def export_log(raw: Any, out: IO[str], *,
               progress: Callable[[int, int], None] | None = None) -> tuple[int, chain.Fingerprint]:
    total, _last = raw.count_and_max()
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
        if row.login is not None:
            line["login"] = row.login  # covered by the link (chain.link)
        if row.signature is not None:  # so is a signed event's signature
            line["key_id"], line["signature"] = row.key_id, row.signature
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
        raise InvalidInput(_("There is no file {path}.").format(path=p),
                           hint=_("Give the path of a `ledger export` file."))
    lines = p.read_text(encoding="utf-8").splitlines()
    if not lines:
        raise IntegrityFailure(_("{path} is empty: it is not a ledger export.").format(path=p),
                               hint=_("Use an undamaged copy of the export."))
    try:
        header = json.loads(lines[0])
    except json.JSONDecodeError:
        header = {}
    if header.get("format") != FORMAT:
        raise InvalidInput(_("{path} is not a ledger export.").format(path=p),
                           hint=_("Make one with `ledger export`."))
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
                                str(d["topic"]), state, d.get("link"),
                                None if d.get("login") is None else str(d["login"]),
                                None if d.get("key_id") is None else str(d["key_id"]),
                                None if d.get("signature") is None else str(d["signature"]))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError):
                raise IntegrityFailure(_("{where}: the line is damaged and cannot be read."
                                         ).format(where=at(str(p), n)),
                                       hint=_("Use an undamaged copy of the export.")) from None

    return header, rows(), closing


def verify_file(path: str | Path, against: chain.Fingerprint | None = None) -> chain.Verification:
    header, rows, closing = read_export(path)
    result = chain.verify_rows(rows, against=against)
    if result.ok and not closing:
        return chain.Verification(False, result.checked, result.fingerprint, None,
                                  _("the export has no closing line (it was cut short)"))
    if result.ok and closing:
        if closing.get("events") != result.checked or closing.get("fingerprint") != str(
                result.fingerprint):
            return chain.Verification(
                False, result.checked, result.fingerprint, None,
                _("the export's closing line says {events} events and fingerprint {fingerprint}, "
                  "but its content gives {checked} and {found}").format(
                    events=closing.get("events"), fingerprint=closing.get("fingerprint"),
                    checked=result.checked, found=result.fingerprint))
    return result


def restore_log(raw: Any, path: str | Path, *, against: chain.Fingerprint | None = None,
                progress: Callable[[int, int], None] | None = None) -> tuple[int, chain.Fingerprint]:
    """Restore the export at `path` into the empty ledger `raw` (a `RawLog`) in one transaction.

    The export is verified first (and against `against`, when given); a damaged, tampered or
    truncated export is refused, naming the position and line, and nothing is written. So is a
    ledger that already holds events or views. After the inserts the database's own chain is
    recomputed; it must end at the export's fingerprint, or the transaction is rolled back. The
    Merkle tree (`ledger/tree.py`) is built over the restored events in the same transaction."""
    result = verify_file(path, against)
    if not result.ok:
        if result.bad_position:
            line = _line_of(path, result.bad_position)
            sentence = (_("{path} does not verify at position {position} (line {line}): "
                          "{problem}.") if line else
                        _("{path} does not verify at position {position}: {problem}.")).format(
                path=path, position=result.bad_position, line=line, problem=result.problem)
        else:
            sentence = _("{path} does not verify: {problem}.").format(path=path,
                                                                       problem=result.problem)
        raise IntegrityFailure(sentence + " " + _("Nothing was restored."),
                               hint=_("Restore from an undamaged export; check it first with "
                                      "`ledger audit verify --file`."))
    expected = result.fingerprint
    _header, rows, _closing = read_export(path)
    raw.lock_for_restore()
    try:
        if not raw.empty():
            raise InvalidInput(_("The ledger at {place} is not empty: a restore goes into an "
                                 "empty ledger only.").format(place=raw.store.display) + " "
                               + _("Nothing was restored."),
                               hint=_("Give --db a database that does not exist yet (or an empty "
                                      "one): restore creates the ledger in it."))
        n, batch = 0, []
        for row in rows:
            batch.append(row)
            if len(batch) == 1000:
                raw.insert_rows(batch)
                n += len(batch)
                batch = []
                if progress:
                    progress(n, result.checked)
        raw.insert_rows(batch)
        n += len(batch)
        raw.after_restore()
        from ledger.tree import catch_up

        catch_up(raw, commit=False)  # the tree, built in the same transaction (and checked)
        restored = chain.verify_rows(raw.rows(), orphan_links=raw.orphan_links())
        if not restored.ok or restored.fingerprint != expected or restored.checked != n:
            raise IntegrityFailure(
                _("The restored ledger ends at {found}, not at the export's fingerprint "
                  "{expected}.").format(found=restored.fingerprint, expected=expected) + " "
                + _("Nothing was restored."),
                hint=_("Check that the database is a ledger created by `ledger init`."))
    except BaseException:
        raw.conn.rollback()
        raise
    raw.conn.commit()
    return n, expected


def _line_of(path: str | Path, position: int) -> int | None:
    """The number of the export line holding `position` (the header is line 1), if found."""
    with Path(path).open(encoding="utf-8") as fh:
        for n, text in enumerate(fh, start=1):
            if n > 1 and text.startswith(f'{{"position": {position},'):
                return n
    return None

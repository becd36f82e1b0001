"""View: meekoppelkansen with their two pieces of work and status on the horizon's date, and the
history of their status."""

from __future__ import annotations

from typing import Any

from ledger.errors import NotFound
from ledger.i18n import _
from ledger.rules.meekoppelkans import reference
from projections.reading import Entry, Reader, fold

KINDS = ("meekoppelkans",)


def apply(state: dict[str, Any], e: Entry) -> dict[str, Any]:
    p = e.payload
    if e.event == "Identified":
        state[e.key] = {"key": e.key, "name": p["name"], "works": [
            {"work": w, "subject": reference(w)} for w in p["works"]], "status": p["status"],
            "since": e.effective.isoformat(),
            "history": [{"status": p["status"], "effective": e.effective.isoformat(),
                         "actor": e.actor, "position": e.position, "refs": e.refs}]}
    elif e.event == "StatusChanged" and e.key in state:
        m = state[e.key]
        m["status"] = p["status"]
        m["history"].append({"status": p["status"], "effective": e.effective.isoformat(),
                             "actor": e.actor, "position": e.position, "refs": e.refs})
    return state


def meekoppelkansen(reader: Reader, *, status: str | None = None,
                    subject: str | None = None) -> list[dict[str, Any]]:
    """Every meekoppelkans (with a status, or touching a subject such as topic:WRL/WS2/KEY)."""
    found: list[dict[str, Any]] = list(fold(apply, {}, reader.entries(kinds=KINDS)).values())
    if status:
        from ledger.rules.meekoppelkans import check_status

        wanted = check_status(status)
        found = [m for m in found if m["status"] == wanted]
    if subject:
        found = [m for m in found if any((w["subject"] or "").casefold() == subject.casefold()
                                         for w in m["works"])]
    return sorted(found, key=lambda m: m["key"])


def meekoppelkans(reader: Reader, key: str) -> dict[str, Any]:
    found = {m["key"].casefold(): m for m in meekoppelkansen(reader)}.get(key.strip().casefold())
    if found is None:
        raise NotFound(_("There is no meekoppelkans '{key}' (within the chosen dates).").format(
            key=key), hint=_("List them with `ledger meekoppel list`."))
    return found

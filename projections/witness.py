"""View: the checkpoints of other holders this ledger witnessed (ledger/domain/witness.py), and
the split views among them, which `ledger status` reports as findings.

A split view is two different root hashes for the same tree size: one recorded when witnessing
(`SplitViewFound`, the holder's root beside this ledger's), or two holders' cosigned checkpoints
of one size that disagree. `ledger status` also compares every cosigned root with the ledger's
stored tree as it is now (`ledger.proofs.witnessed_disagreements`): a ledger rewritten after a
holder witnessed it no longer has the root it cosigned.
"""

from __future__ import annotations

from typing import Any

from ledger.i18n import _
from projections import health
from projections.reading import Entry, Reader

KINDS = ("witness",)


def observations(reader: Reader) -> list[dict[str, Any]]:
    """Every witnessed checkpoint, in log order: holder, size, root, outcome, position."""
    found = []
    for e in reader.entries(kinds=KINDS, valid=False, order="log"):
        if e.event in ("Cosigned", "SplitViewFound"):
            found.append(_observation(e))
    return found


def _observation(e: Entry) -> dict[str, Any]:
    p = e.payload
    return {"holder": e.key, "size": int(p["size"]), "root": p["root"],
            "own_root": p.get("own_root"), "consistent": e.event == "Cosigned",
            "position": e.position, "recorded_at": e.recorded_at, "actor": e.actor}


def split_views(reader: Reader) -> list[str]:
    found: list[str] = []
    roots: dict[int, tuple[str, str, int]] = {}
    for o in observations(reader):
        if not o["consistent"]:
            found.append(_("split view at size {size}: the checkpoint of {holder} (witnessed at "
                           "#{n}) has root {root}, this ledger has root {own}").format(
                size=o["size"], holder=o["holder"], n=o["position"], root=o["root"],
                own=o["own_root"]))
            continue
        earlier = roots.setdefault(o["size"], (o["root"], o["holder"], o["position"]))
        if earlier[0] != o["root"]:
            found.append(_("split view at size {size}: the checkpoint of {holder} (witnessed at "
                           "#{n}) has root {root}, the checkpoint of {other} (witnessed at "
                           "#{m}) has root {other_root}").format(
                size=o["size"], holder=earlier[1], n=earlier[2], root=earlier[0],
                other=o["holder"], m=o["position"], other_root=o["root"]))
    return found


health.CHECKS.append(split_views)

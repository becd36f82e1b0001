"""View: the actors' signing keys and the signature policies (ledger/domain/keys.py), and the
finding `ledger status` reports under a policy: an unsigned event of an actor holding a key.

An event is under a policy when it was recorded after the policy (its position is later) and,
for a programme's policy, belongs to that programme: its aggregate's key is the programme's code
or begins with it and a slash (a budget, a werkstroom, an indicator of the programme), or a
subject it names does. Its actor holds a key when a key of that actor was added before the event
and not revoked before it. Whether an event is signed is read from its chain link; whether the
signature holds is `ledger audit verify --signatures`'s to check.
"""

from __future__ import annotations

from typing import Any

from ledger.i18n import _
from projections import health
from projections.reading import Entry, Reader

KINDS = ("actorkeys", "signingpolicy")


def keys_view(reader: Reader) -> dict[str, Any]:
    """{keys: [{actor, key_id, added_at, added_on, recorded_by, revoked_at, reason}],
    policies: [{scope, position, effective}]}, in log order."""
    keys: dict[str, dict[str, Any]] = {}
    policies: list[dict[str, Any]] = []
    for e in reader.entries(kinds=KINDS, valid=False, order="log"):
        p = e.payload
        if e.event == "KeyAdded":
            keys[p["key_id"]] = {"actor": p["holder"], "key_id": p["key_id"],
                                 "public_key": p["public_key"], "added_at": e.position,
                                 "added_on": e.effective, "recorded_by": e.actor,
                                 "revoked_at": None, "reason": None}
        elif e.event == "KeyRevoked" and p["key_id"] in keys:
            keys[p["key_id"]].update(revoked_at=e.position, reason=e.reason)
        elif e.event == "SignaturesRequired":
            policies.append({"scope": e.key, "position": e.position, "effective": e.effective})
    return {"keys": list(keys.values()), "policies": policies}


def _in_scope(entry: Entry, scope: str) -> bool:
    if scope == "ledger":
        return True
    code = scope.split(":", 1)[1].casefold()
    names = [entry.key, *(s.split(":", 1)[-1] for s in entry.subjects)]
    return any(n.casefold() == code or n.casefold().startswith(code + "/") for n in names)


def unsigned_under_policy(reader: Reader) -> list[str]:
    view = keys_view(reader)
    if not view["policies"]:
        return []
    first = min(p["position"] for p in view["policies"])
    found: list[str] = []
    for actor in sorted({k["actor"] for k in view["keys"]}):
        held = [k for k in view["keys"] if k["actor"] == actor]
        candidates = [
            e for e in reader.entries(valid=False, order="log", after=first, actor=actor)
            if e.kind != "command" and any(
                k["added_at"] < e.position and (k["revoked_at"] is None
                                                or k["revoked_at"] >= e.position)
                for k in held)
            and any(p["position"] < e.position and _in_scope(e, p["scope"])
                    for p in view["policies"])]
        signed = reader.signed(e.position for e in candidates)
        for e in candidates:
            if e.position not in signed:
                found.append(_("event #{position} by {actor} is not signed, though {actor} "
                               "holds a key and signatures are required").format(
                                   position=e.position, actor=actor))
    return found


health.CHECKS.append(unsigned_under_policy)

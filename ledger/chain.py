"""The hash chain that makes the log tamper-evident.

Each stored event gets a link: SHA-256 over the previous link and the event's position, aggregate,
version, topic and stored bytes, and (links of the second version) the login that wrote it: on
PostgreSQL the database stamps it (`session_user`, see ledger/postgres.py), so a link made with
another login than the stamped one does not verify. Links written before logins were stamped have
none and keep the first version's formula, so old ledgers still verify; the two formulas cannot
give the same input (the second's begins with "v2" where the first's has a position's digits).
A link of the third version also covers the signature of an event recorded for an actor holding a
key (`ledger/signing.py`): the key id and the signature, after the login ("v3"). Unsigned events
keep the second formula, so a signature cannot be stripped from a link without breaking it.
The links are written in the same transaction as the events, in position order, while the writer
holds the store's write lock. The *fingerprint* of a ledger is the
position of its newest event and that event's link, written `POS:HASH`. Anyone holding an earlier
fingerprint can later prove that the ledger still extends what they saw: recomputing the chain must
give the same link at that position.

This module has no database code: `verify_rows` checks any sequence of rows, from the store or from
an export file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from ledger.i18n import N_, _

GENESIS = "0" * 64
MAX_POSITION = 2**63 - 1  # positions are 64-bit integers in both databases


def check_position(value: object, what: str = N_("event position"), *, minimum: int = 1) -> int:
    """A log position given by a user: a whole number from `minimum` to `MAX_POSITION`. `what`
    names it in a refusal (a noun marked with `N_`, see `ledger.dates.term`)."""
    from ledger.dates import term
    from ledger.errors import InvalidInput

    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not (
            minimum <= value <= MAX_POSITION):
        shown = value if isinstance(value, (int, str)) else type(value).__name__
        raise InvalidInput(_("'{value}' is not a valid {what}.").format(value=str(shown)[:40],
                                                                        what=term(what)),
                           hint=_("Positions are whole numbers from 1, as shown by `ledger log`."))
    return value


def link(previous: str, position: int, originator_id: str, version: int, topic: str,
         state: bytes, login: str | None = None, key_id: str | None = None,
         signature: str | None = None) -> str:
    """The chain link of one stored event, given the link before it (and the login that wrote
    it, where the ledger stamps one, and the event's signature, where it is signed)."""
    return hashlib.sha256(chain_input(previous, position, originator_id, version, topic, state,
                                      login, key_id, signature)).hexdigest()


def chain_input(previous: str, position: int, originator_id: str, version: int, topic: str,
                state: bytes, login: str | None = None, key_id: str | None = None,
                signature: str | None = None) -> bytes:
    """The bytes a chain link hashes: the previous link, the event's fields (and login, in the
    second formula; and key id and signature, in the third) and its stored bytes. Also the
    event's leaf input in the Merkle tree (`ledger.merkle`), so a leaf covers exactly what the
    link covers."""
    return (previous.encode("ascii") + _fields(position, originator_id, version, topic,
                                               login, key_id, signature).encode() + state)


def _fields(position: int, originator_id: str, version: int, topic: str,
            login: str | None, key_id: str | None = None, signature: str | None = None) -> str:
    if signature is not None:
        who, key = login or "", key_id or ""
        return (f"\nv3\n{len(who)}:{who}\n{len(key)}:{key}\n{len(signature)}:{signature}"
                f"\n{position}\n{originator_id}\n{version}\n{topic}\n")
    if login is None:
        return f"\n{position}\n{originator_id}\n{version}\n{topic}\n"
    return f"\nv2\n{len(login)}:{login}\n{position}\n{originator_id}\n{version}\n{topic}\n"


@dataclass(frozen=True)
class Fingerprint:
    position: int
    head: str

    def __str__(self) -> str:
        return f"{self.position}:{self.head}"

    @property
    def short(self) -> str:
        return f"{self.position}:{self.head[:16]}"

    @classmethod
    def parse(cls, text: str) -> Fingerprint:
        from ledger.errors import InvalidInput

        pos, sep, head = text.strip().partition(":")
        head = head.strip().lower()
        pos = pos.strip()
        if not sep or not pos.isascii() or not pos.isdigit() or int(pos) > MAX_POSITION or not (
                8 <= len(head) <= 64) or any(c not in "0123456789abcdef" for c in head):
            raise InvalidInput(
                _("'{value}' is not a fingerprint.").format(value=text),
                hint=_("A fingerprint is POSITION:HASH, as printed by `ledger audit fingerprint`."),
            )
        return cls(int(pos), head)


EMPTY = Fingerprint(0, GENESIS)


class Row(NamedTuple):
    """One stored event as the chain sees it; `stored_link` is None when the link is missing,
    `login` when the link stamps none (written before logins were stamped), `key_id` and
    `signature` when the event is not signed. (A named tuple:
    verifying makes one per event, and a tuple is the cheapest to make.)"""

    position: int
    originator_id: str
    version: int
    topic: str
    state: bytes
    stored_link: str | None
    login: str | None = None
    key_id: str | None = None
    signature: str | None = None


@dataclass
class Verification:
    ok: bool
    checked: int
    fingerprint: Fingerprint
    bad_position: int | None = None
    problem: str | None = None
    matched_fingerprint: bool | None = None


LEAF_BATCH = 20000  # leaves handed to `verify_rows`'s `leaves` at a time (even: pairs align)


def verify_rows(rows: Iterable[Row], *, against: Fingerprint | None = None,
                orphan_links: Iterable[int] = (),
                leaves: Callable[[list[int], list[bytes]], None] | None = None) -> Verification:
    """Recompute the chain over rows in position order and compare with the stored links.

    The first position whose stored link differs from the recomputed one is named: a changed byte,
    a deleted, inserted or moved event all break the chain there. `orphan_links` are positions that
    have a link but no event (an event deleted together with nothing else). With `against`, also
    check that the recomputed chain passes through that fingerprint. With `leaves`, each verified
    event's Merkle leaf hash (`ledger.merkle`: the hash of 0x00 and the same chain input) is
    made in the same pass and handed on with its position, `LEAF_BATCH` at a time, the last
    ones when the chain is done (for `ledger.proofs.TreeChecker`).
    """
    previous, checked, last_position = GENESIS, 0, 0
    at_positions: list[int] = []
    digests: list[bytes] = []
    orphans = sorted(orphan_links)
    first_orphan = orphans[0] if orphans else MAX_POSITION + 1
    matched: bool | None = None if against is None else False
    at = against.position if against is not None else -1
    sha256 = hashlib.sha256
    # The loop is the whole cost of `ledger audit verify`: it hashes as `link` does, inline.
    for position, originator_id, version, topic, state, stored_link, login, key_id, signature \
            in rows:
        if first_orphan < position:
            return _bad(checked, last_position, previous, first_orphan, _(
                "the event at position {position} is missing (its chain link remains)").format(
                    position=first_orphan))
        if position <= last_position:
            return _bad(checked, last_position, previous, position,
                        _("position {position} is out of order").format(position=position))
        if login is None and signature is None:
            data = (f"{previous}\n{position}\n{originator_id}\n{version}\n{topic}\n".encode()
                    + state)
        else:
            data = (previous + _fields(position, originator_id, version, topic, login, key_id,
                                       signature)).encode() + state
        expected = sha256(data).hexdigest()
        if stored_link != expected:
            if stored_link is None:
                return _bad(checked, last_position, previous, position,
                            _("the event at position {position} has no chain link "
                              "(it was inserted outside the ledger)").format(position=position))
            return _bad(checked, last_position, previous, position,
                        _("the event at position {position} does not match its chain link "
                          "(it, or an event before it, was changed, removed or inserted)").format(
                              position=position))
        previous, last_position, checked = expected, position, checked + 1
        if leaves is not None:
            at_positions.append(position)
            digests.append(sha256(b"\x00" + data).digest())
            if len(digests) == LEAF_BATCH:
                leaves(at_positions, digests)
                at_positions, digests = [], []
        if position == at:
            assert against is not None
            matched = expected.startswith(against.head)
            if not matched:
                return Verification(False, checked, Fingerprint(last_position, previous),
                                    position, _("the chain at position {position} differs "
                                                "from the fingerprint (history before it was "
                                                "rewritten)").format(position=position), False)
    if orphans:
        return _bad(checked, last_position, previous, orphans[0], _(
            "the event at position {position} is missing (its chain link remains)").format(
                position=orphans[0]))
    if leaves is not None and digests:
        leaves(at_positions, digests)
    head = Fingerprint(last_position, previous)
    if against is not None and not matched:
        if against.position > last_position:
            problem = _("the ledger ends at position {last}, before the fingerprint's position "
                        "{position} (events were removed or an older copy restored)").format(
                            last=last_position, position=against.position)
        else:
            problem = _("position {position} of the fingerprint is not in the ledger").format(
                position=against.position)
        return Verification(False, checked, head, against.position, problem, False)
    return Verification(True, checked, head, matched_fingerprint=matched)


def _bad(checked: int, last: int, previous: str, position: int, problem: str) -> Verification:
    return Verification(False, checked, Fingerprint(last, previous), position, problem)

"""The Merkle tree over the log, as RFC 9162 §2.1 defines it: hashes, proofs, and their checks.

Leaf i of the tree is the i-th stored event in position order; its leaf input is the event's chain
input (`ledger.chain.chain_input`: the previous link and the fields and bytes the event's link
covers), so a leaf covers exactly what its link covers. A leaf hash is SHA-256(0x00 || input), an
interior node SHA-256(0x01 || left || right), the root of the empty tree SHA-256 of nothing.

The store keeps every *complete* node, the root of a perfect subtree of 2**level leaves starting
at leaf idx * 2**level (`ledger/tree.py`): such a node never changes once its last leaf exists,
so the table is append-only like the log. Any other subtree hash (the right edge of a tree whose
size is not a power of two) is folded from at most 64 complete nodes. This module says which nodes
a proof needs (`needed_*`) and folds them (`*_proof`); it also checks proofs, the way RFC 9162
§2.1.3.2 and §2.1.4.2 describe, and imports only the standard library, so the offline verifier
(`ledger/verifier.py`) can use it without a ledger or a database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence

from ledger.i18n_offline import _

EMPTY_ROOT = hashlib.sha256(b"").digest()
Node = tuple[int, int]  # (level, idx): the perfect subtree of leaves [idx << level, (idx+1) << level)


class ProofError(ValueError):
    """A proof that does not check, with the reason in one sentence."""


def leaf_hash(leaf_input: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + leaf_input).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _largest_power_below(n: int) -> int:
    """The largest power of two smaller than n (n >= 2)."""
    return 1 << ((n - 1).bit_length() - 1)


# --- subtrees as ranges of leaves ---------------------------------------------------------------

def perfect_nodes(start: int, end: int) -> list[Node]:
    """The complete nodes whose hashes fold (right to left) into the hash of leaves [start, end),
    left to right. `start` is aligned as RFC 9162's recursion leaves it: a multiple of the
    largest power of two not above end - start."""
    nodes: list[Node] = []
    while start < end:
        n = end - start
        size = n if n & (n - 1) == 0 else _largest_power_below(n)
        level = size.bit_length() - 1
        nodes.append((level, start >> level))
        start += size
    return nodes


def fold(nodes: Sequence[Node], hashes: Mapping[Node, bytes]) -> bytes:
    """The subtree hash of consecutive perfect nodes, left to right (RFC 9162's MTH)."""
    if not nodes:
        return EMPTY_ROOT
    h = hashes[nodes[-1]]
    for node in reversed(nodes[:-1]):
        h = node_hash(hashes[node], h)
    return h


def frontier(size: int) -> list[Node]:
    """The complete nodes that make the tree head of `size` leaves, left to right (one per bit
    of size): also what appending a leaf needs."""
    return perfect_nodes(0, size)


def inclusion_ranges(index: int, size: int) -> list[tuple[int, int]]:
    """The leaf ranges whose hashes form the inclusion path of leaf `index` in the tree of
    `size` leaves, nearest the leaf first (RFC 9162 §2.1.3.1, PATH)."""
    out: list[tuple[int, int]] = []
    start, end = 0, size
    while end - start > 1:
        k = _largest_power_below(end - start)
        if index < start + k:
            out.append((start + k, end))
            end = start + k
        else:
            out.append((start, start + k))
            start += k
    out.reverse()
    return out


def consistency_ranges(size1: int, size2: int) -> list[tuple[int, int]]:
    """The leaf ranges whose hashes form the consistency proof from `size1` to `size2` leaves,
    in proof order (RFC 9162 §2.1.4.1, SUBPROOF)."""
    if not 0 < size1 < size2:
        return []
    out: list[tuple[int, int]] = []
    start, end, m, complete = 0, size2, size1, True
    while True:
        if m == end - start:
            if not complete:
                out.append((start, end))
            break
        k = _largest_power_below(end - start)
        if m <= k:
            out.append((start + k, end))
            end = start + k
        else:
            out.append((start, start + k))
            start, m, complete = start + k, m - k, False
    out.reverse()
    return out


def needed(ranges: Iterable[tuple[int, int]]) -> set[Node]:
    return {node for start, end in ranges for node in perfect_nodes(start, end)}


def hashes_of(ranges: Sequence[tuple[int, int]], hashes: Mapping[Node, bytes]) -> list[bytes]:
    return [fold(perfect_nodes(s, e), hashes) for s, e in ranges]


def prove(ranges: Sequence[tuple[int, int]],
          fetch: Callable[[set[Node]], Mapping[Node, bytes]]) -> list[bytes]:
    """A proof's hashes, given the ranges it consists of and how to fetch stored nodes."""
    return hashes_of(ranges, fetch(needed(ranges)))


# --- checking ------------------------------------------------------------------------------------

def root_from_inclusion(index: int, size: int, leaf: bytes, path: Sequence[bytes]) -> bytes:
    """The root that leaf `index` with this inclusion path gives (RFC 9162 §2.1.3.2)."""
    if not 0 <= index < size:
        raise ProofError(_("leaf {index} is not in a tree of {size} leaves").format(
            index=index, size=size))
    _check_hashes([leaf, *path])
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            raise ProofError(_("the inclusion path is longer than the tree is deep"))
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0:
        raise ProofError(_("the inclusion path is shorter than the tree is deep"))
    return r


def verify_inclusion(index: int, size: int, leaf: bytes, path: Sequence[bytes],
                     root: bytes) -> None:
    """Raise ProofError unless `leaf` is leaf `index` of the tree of `size` leaves with `root`."""
    if root_from_inclusion(index, size, leaf, path) != root:
        raise ProofError(_("the inclusion path does not lead to the checkpoint's root hash"))


def verify_consistency(size1: int, size2: int, root1: bytes, root2: bytes,
                       path: Sequence[bytes]) -> None:
    """Raise ProofError unless the tree of `size2` leaves with `root2` extends the tree of
    `size1` leaves with `root1` (RFC 9162 §2.1.4.2)."""
    _check_hashes(path)  # roots are compared, not hashed: any length simply differs
    if size1 > size2:
        raise ProofError(_("the first tree ({first} leaves) is larger than the second ({second})"
                           ).format(first=size1, second=size2))
    if size1 == 0:
        raise ProofError(_("a tree of no leaves is extended by any tree: there is nothing to "
                           "prove"))
    if size1 == size2:
        if path:
            raise ProofError(_("trees of the same size need an empty consistency proof"))
        if root1 != root2:
            raise ProofError(_("two different root hashes for the same size {size}").format(
                size=size1))
        return
    if not path:
        raise ProofError(_("the consistency proof is empty"))
    proof = list(path)
    if size1 & (size1 - 1) == 0:
        proof.insert(0, root1)
    fn, sn = size1 - 1, size2 - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0:
            raise ProofError(_("the consistency proof is longer than the trees need"))
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0:
        raise ProofError(_("the consistency proof is shorter than the trees need"))
    if fr != root1:
        raise ProofError(_("the consistency proof does not lead to the first root hash"))
    if sr != root2:
        raise ProofError(_("the consistency proof does not lead to the second root hash"))


def _check_hashes(hashes: Iterable[bytes]) -> None:
    for h in hashes:
        if len(h) != 32:
            raise ProofError(_("a hash of {n} bytes where SHA-256 gives 32").format(n=len(h)))

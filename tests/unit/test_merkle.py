"""The Merkle tree of RFC 9162 §2.1: the published reference vectors, every proof of trees up to 64
leaves, and proofs that must fail (a flipped byte, a wrong index, a wrong size).

Proofs come from the ledger's own code: nodes appended one write at a time to the tree table
(`ledger.tree.Nodes`, on an SQLite database in memory, the table and triggers the ledger makes),
and the proof paths `ledger.merkle` folds from them. They are compared with RFC 9162's recursive
definitions written out here (MTH, PATH, SUBPROOF), which share no code with the ledger's."""

from __future__ import annotations

import base64
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger import merkle, tree

DATA = Path(__file__).resolve().parents[1] / "data" / "merkle"
N = 64


# --- RFC 9162 §2.1, as written there ------------------------------------------------------------

def h_leaf(d: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + d).digest()


def h_node(a: bytes, b: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + a + b).digest()


def k_of(n: int) -> int:
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def mth(leaves: list[bytes]) -> bytes:
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = k_of(len(leaves))
    return h_node(mth(leaves[:k]), mth(leaves[k:]))


def path(m: int, leaves: list[bytes]) -> list[bytes]:
    if len(leaves) == 1:
        return []
    k = k_of(len(leaves))
    if m < k:
        return path(m, leaves[:k]) + [mth(leaves[k:])]
    return path(m - k, leaves[k:]) + [mth(leaves[:k])]


def subproof(m: int, leaves: list[bytes], b: bool) -> list[bytes]:
    n = len(leaves)
    if m == n:
        return [] if b else [mth(leaves)]
    k = k_of(n)
    if m <= k:
        return subproof(m, leaves[:k], b) + [mth(leaves[k:])]
    return subproof(m - k, leaves[k:], False) + [mth(leaves[:k])]


# --- the ledger's tree, appended one write at a time ---------------------------------------------

@pytest.fixture(scope="module")
def built() -> tuple[tree.Nodes, list[bytes]]:
    conn = sqlite3.connect(":memory:")
    cur = conn.cursor()
    for sql in tree.sqlite_statements():
        cur.execute(sql)
    nodes = tree.Nodes(cur, "sqlite", tree.TREE)
    leaves = [h_leaf(f"event {i}".encode()) for i in range(N)]
    size, i, width = 0, 0, 1
    while i < N:  # writes of 1, 2, 3, ... events, as the recorders append them
        batch = leaves[i:i + width]
        size = nodes.append(size, [(1000 + j, h) for j, h in enumerate(batch, start=i)])
        i, width = i + len(batch), width + 1
    assert size == N
    return nodes, leaves


def test_the_rfc_6962_test_tree_has_its_published_roots():
    ref = json.loads((DATA / "rfc6962-tree.json").read_text())
    leaves = [merkle.leaf_hash(bytes.fromhex(x)) for x in ref["leaf_inputs"]]
    conn = sqlite3.connect(":memory:")
    cur = conn.cursor()
    for sql in tree.sqlite_statements():
        cur.execute(sql)
    nodes = tree.Nodes(cur, "sqlite", tree.TREE)
    nodes.append(0, list(enumerate(leaves, start=1)))
    for size, root in enumerate(ref["roots"]):
        assert nodes.root(size).hex() == root, size


def _vectors(kind: str) -> list[tuple[str, dict]]:
    return [(str(p.relative_to(DATA)), json.loads(p.read_text()))
            for p in sorted((DATA / kind).rglob("*.json"))]


def b64(values: list[str] | None) -> list[bytes]:
    return [base64.b64decode(v) for v in values or []]


@pytest.mark.parametrize("name, case", _vectors("inclusion"), ids=lambda v: v if isinstance(
    v, str) else "")
def test_the_reference_inclusion_vectors(name, case):
    def check() -> None:
        merkle.verify_inclusion(case["leafIdx"], case["treeSize"],
                                base64.b64decode(case["leafHash"]), b64(case["proof"]),
                                base64.b64decode(case["root"]))

    if case["wantErr"]:
        with pytest.raises(merkle.ProofError):
            check()
    else:
        check()


@pytest.mark.parametrize("name, case", _vectors("consistency"), ids=lambda v: v if isinstance(
    v, str) else "")
def test_the_reference_consistency_vectors(name, case):
    def check() -> None:
        merkle.verify_consistency(case["size1"], case["size2"], base64.b64decode(case["root1"]),
                                  base64.b64decode(case["root2"]), b64(case["proof"]))

    if case["wantErr"]:
        with pytest.raises(merkle.ProofError):
            check()
    else:
        check()


def test_there_are_reference_vectors_of_both_outcomes():
    cases = [c for _, c in _vectors("inclusion") + _vectors("consistency")]
    assert len(cases) > 150
    assert {c["wantErr"] for c in cases} == {True, False}


def test_every_tree_head_up_to_64_leaves_is_the_rfc_root(built):
    nodes, leaves = built
    for size in range(N + 1):
        assert nodes.root(size) == mth(leaves[:size]), size


def test_every_inclusion_proof_up_to_64_leaves_is_the_rfcs_and_verifies(built):
    nodes, leaves = built
    for size in range(1, N + 1):
        root = mth(leaves[:size])
        for index in range(size):
            proof = merkle.prove(merkle.inclusion_ranges(index, size), nodes.fetch)
            assert proof == path(index, leaves[:size]), (index, size)
            merkle.verify_inclusion(index, size, leaves[index], proof, root)


def test_every_consistency_proof_up_to_64_leaves_is_the_rfcs_and_verifies(built):
    nodes, leaves = built
    for size2 in range(1, N + 1):
        root2 = mth(leaves[:size2])
        for size1 in range(1, size2 + 1):
            proof = merkle.prove(merkle.consistency_ranges(size1, size2), nodes.fetch)
            expected = [] if size1 == size2 else subproof(size1, leaves[:size2], True)
            assert proof == expected, (size1, size2)
            merkle.verify_consistency(size1, size2, mth(leaves[:size1]), root2, proof)


def test_the_table_holds_one_row_per_complete_node(built):
    nodes, _ = built
    nodes.cur.execute(f"SELECT level, count(*) FROM {tree.TREE} GROUP BY level ORDER BY level")
    assert nodes.cur.fetchall() == [(level, N >> level) for level in range(7)]


def _flip(value: bytes, at: int) -> bytes:
    at %= len(value)
    return value[:at] + bytes([value[at] ^ 0x01]) + value[at + 1:]


pairs = st.integers(1, N).flatmap(lambda size: st.tuples(st.integers(0, size - 1),
                                                         st.just(size)))


@settings(max_examples=300, deadline=None)
@given(pairs, st.data())
def test_an_inclusion_proof_fails_after_any_change(built, pair, data):
    nodes, leaves = built
    index, size = pair
    proof = merkle.prove(merkle.inclusion_ranges(index, size), nodes.fetch)
    root, leaf = mth(leaves[:size]), leaves[index]
    what = data.draw(st.sampled_from(["leaf", "root", "path", "index", "size"]))
    at = data.draw(st.integers(0, 31))
    args = [index, size, leaf, proof, root]
    if what == "leaf":
        args[2] = _flip(leaf, at)
    elif what == "root":
        args[4] = _flip(root, at)
    elif what == "path":
        if not proof:
            return
        i = data.draw(st.integers(0, len(proof) - 1))
        args[3] = [*proof[:i], _flip(proof[i], at), *proof[i + 1:]]
    elif what == "index":
        args[0] = data.draw(st.integers(0, N).filter(lambda i: i != index))
    else:
        args[1] = data.draw(st.integers(0, N + 1).filter(lambda s: s != size))
        if 0 < args[1] and index < args[1] and _sides(index, args[1]) == _sides(index, size):
            # RFC 9162 does not bind the size into an inclusion path: where the path has the
            # same shape (the leftmost leaves of sizes 33 to 64) it leads to the same root. The
            # size is bound by the signed checkpoint the root comes from.
            merkle.verify_inclusion(*args)
            return
    with pytest.raises(merkle.ProofError):
        merkle.verify_inclusion(*args)


def _sides(index: int, size: int) -> list[bool]:
    return [start > index for start, _ in merkle.inclusion_ranges(index, size)]


@settings(max_examples=300, deadline=None)
@given(st.integers(1, N).flatmap(lambda s2: st.tuples(st.integers(1, s2), st.just(s2))),
       st.data())
def test_a_consistency_proof_fails_after_any_change(built, sizes, data):
    nodes, leaves = built
    size1, size2 = sizes
    proof = merkle.prove(merkle.consistency_ranges(size1, size2), nodes.fetch)
    root1, root2 = mth(leaves[:size1]), mth(leaves[:size2])
    what = data.draw(st.sampled_from(["root1", "root2", "path", "size1", "size2"]))
    at = data.draw(st.integers(0, 31))
    args = [size1, size2, root1, root2, proof]
    if what == "root1":
        args[2] = _flip(root1, at)
    elif what == "root2":
        args[3] = _flip(root2, at)
    elif what == "path":
        if not proof:
            return
        i = data.draw(st.integers(0, len(proof) - 1))
        args[4] = [*proof[:i], _flip(proof[i], at), *proof[i + 1:]]
    elif what == "size1":
        args[0] = data.draw(st.integers(0, N).filter(lambda s: s != size1))
    else:
        args[1] = data.draw(st.integers(0, N + 1).filter(lambda s: s != size2))
    s1, s2 = args[0], args[1]
    if 0 < s1 < s2 and len(_shape(s1, s2)) == len(proof):
        return  # a proof of the same length may fit other sizes: the signed checkpoints bind them
    with pytest.raises(merkle.ProofError):
        merkle.verify_consistency(*args)


def _shape(size1: int, size2: int) -> list[tuple[int, int]]:
    return merkle.consistency_ranges(size1, size2)

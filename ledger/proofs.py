"""Checkpoints and proofs of a ledger, read from its stored Merkle tree; and the stored tree
checked against the chain.

A checkpoint (`ledger.note`) is the tree head of the ledger at a size, signed with the ledger's
Ed25519 key. That key is never in the ledger: `--key-file FILE`, else the file named by
`LEDGER_KEY_FILE`, else the key itself in `LEDGER_KEY` (docs/security.md). Its public half (`ledger
audit key public`) is what outsiders hold to check checkpoints and proofs with `ledger audit check`
(`ledger/verifier.py`).

Proofs read a few dozen stored nodes (`ledger.tree.Tree`), never the whole log: an inclusion proof
names the event by its position, its leaf index and hash, and carries its leaf input (the chain
input of the event: what its link covers), so a checker sees which event it is. A checkpoint given
to prove against must be one of this ledger's: its root at its size must be the stored tree's.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ledger import chain, merkle
from ledger.dates import term
from ledger.errors import IntegrityFailure, InvalidInput
from ledger.i18n import N_, _
from ledger.note import Checkpoint, Note, NoteError, Signer, Verifier, read_checkpoint, sign_checkpoint
from ledger.tree import TREE, Tree, behind, catch_up, has_table
from ledger.verifier import FORMAT

KEY_FILE_ENV, KEY_ENV = "LEDGER_KEY_FILE", "LEDGER_KEY"


def load_signer(key_file: str | Path | None = None) -> Signer:
    """The ledger's private key: from `key_file`, else `$LEDGER_KEY_FILE`, else `$LEDGER_KEY`."""
    path = key_file or os.environ.get(KEY_FILE_ENV, "").strip() or None
    if path is not None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InvalidInput(_("There is no key file {path}.").format(path=path),
                               hint=_("Make the ledger's key with `ledger audit key generate "
                                      "--name NAME --out FILE`.")) from None
        except (OSError, UnicodeDecodeError) as e:
            raise InvalidInput(_("The key file {path} cannot be read ({reason}).").format(
                path=path, reason=type(e).__name__),
                hint=_("Give the file `ledger audit key generate` wrote.")) from None
    else:
        text = os.environ.get(KEY_ENV, "")
        if not text.strip():
            raise InvalidInput(
                _("The ledger's signing key is not given."),
                hint=_("Pass --key-file FILE, or set {file_env} to the key file (or {key_env} to "
                       "the key); make one with `ledger audit key generate`.").format(
                    file_env=KEY_FILE_ENV, key_env=KEY_ENV))
    try:
        return Signer.parse(text)
    except NoteError as e:
        raise InvalidInput(str(e),
                           hint=_("The key file holds one line PRIVATE+KEY+NAME+ID+KEY.")) from None


def optional_signer(key_file: str | Path | None = None) -> Signer | None:
    """The ledger's private key when one is given (`key_file`, `$LEDGER_KEY_FILE`,
    `$LEDGER_KEY`), else None: a report issued without a key carries an unsigned checkpoint. A
    key that is given but unreadable is refused, as `load_signer` refuses it."""
    if key_file or os.environ.get(KEY_FILE_ENV, "").strip() or os.environ.get(KEY_ENV, "").strip():
        return load_signer(key_file)
    return None


def load_verifier(text: str) -> Verifier:
    """A public key given on the command line: the key itself, or a file holding it."""
    value = text.strip()
    if Path(value).is_file():
        value = Path(value).read_text(encoding="utf-8").strip()
    elif value.count("+") < 2:
        raise InvalidInput(
            _("'{value}' is neither a public key nor a file holding one.").format(value=value[:60]),
            hint=_("Give the NAME+ID+KEY line `ledger audit key public` prints, or a file "
                   "holding it."))
    try:
        return Verifier.parse(value)
    except NoteError as e:
        raise InvalidInput(str(e), hint=_("Use the line `ledger audit key public` prints.")) \
            from None


def read_note_file(path: str | Path, what: str = N_("checkpoint")) -> tuple[Checkpoint, Note]:
    """A checkpoint from a file, or one sentence saying why it is none."""
    try:
        data = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInput(_("There is no {what} file {path}.").format(what=term(what), path=path),
                           hint=_("Make one with `ledger audit checkpoint --out FILE`.")) from None
    except (OSError, UnicodeDecodeError) as e:
        raise InvalidInput(_("The {what} file {path} cannot be read ({reason}).").format(
            what=term(what), path=path, reason=type(e).__name__)) from None
    try:
        return read_checkpoint(data)
    except NoteError as e:
        raise InvalidInput(f"{path}: {e}", hint=_("Give a checkpoint as `ledger audit checkpoint` "
                                                 "prints it.")) from None


def b64(value: bytes) -> str:
    return base64.b64encode(value).decode()


class Prover:
    """Checkpoints and proofs of the ledger behind a RawLog."""

    def __init__(self, raw: Any):
        self.raw = raw
        if behind(raw):  # an older ledger's tree, built once (checked against the chain)
            catch_up(raw)
        self.tree = Tree(raw)
        self._cur = raw.conn.cursor()

    def size(self) -> int:
        return self.tree.size()

    def position_of_leaf(self, index: int) -> int:
        self._cur.execute(f"SELECT position FROM {self.tree.nodes.table} WHERE level = 0 AND "
                          f"idx = {self.raw.p}", (index,))
        row = self._cur.fetchone()
        if row is None:
            raise IntegrityFailure(_("The Merkle tree lacks its leaf {n}.").format(n=index + 1),
                                   hint=_("Run `ledger audit verify`."))
        return int(row[0])

    def size_at(self, position: int) -> int:
        """The tree size at log `position`: the number of events up to and including it."""
        self._cur.execute(f"SELECT idx FROM {self.tree.nodes.table} WHERE position <= "
                          f"{self.raw.p} ORDER BY position DESC LIMIT 1", (position,))
        row = self._cur.fetchone()
        return 0 if row is None else int(row[0]) + 1

    def anchor(self, position: int, signer: Signer | None) -> dict[str, Any]:
        """A report's checkpoint at log `position`: the tree's size and root hash there, and the
        checkpoint signed with the ledger's key when there is one (else None)."""
        size = self.size_at(position)
        note = self.checkpoint(signer, size) if signer is not None else None
        return {"tree_size": size, "tree_root": b64(self.tree.root(size)),
                "checkpoint": str(note) if note is not None else None}

    def fingerprint(self, size: int) -> str:
        if size == 0:
            return str(chain.EMPTY)
        position = self.position_of_leaf(size - 1)
        return f"{position}:{self.raw.link_at(position)}"

    def checkpoint(self, signer: Signer, size: int | None = None) -> Note:
        """The tree head at `size` (default: all events), signed now."""
        size = self.size() if size is None else size
        if size > self.size():
            raise InvalidInput(_("The ledger holds {count} events, fewer than {size}.").format(
                count=self.size(), size=size),
                hint=_("Leave out --size for a checkpoint of every event."))
        try:
            return sign_checkpoint(signer, Checkpoint.make(
                signer.name, size, self.tree.root(size), fingerprint=self.fingerprint(size)))
        except NoteError as e:
            raise InvalidInput(str(e)) from None

    def match(self, cp: Checkpoint) -> None:
        """Refuse a checkpoint this ledger did not make: its root at that size differs."""
        if cp.size > self.size():
            raise IntegrityFailure(
                _("The checkpoint is of {size} events, this ledger holds {count}: it is a "
                  "checkpoint of another ledger, or this ledger lost events.").format(
                    size=cp.size, count=self.size()),
                hint=_("Check the --db option; `ledger audit verify` checks the log."))
        root = self.tree.root(cp.size)
        if root != cp.root:
            raise IntegrityFailure(
                _("The checkpoint's root hash at size {size} is {theirs}, this ledger's is "
                  "{ours}: a split view, or the checkpoint of another ledger.").format(
                    size=cp.size, theirs=b64(cp.root), ours=b64(root)),
                hint=_("Keep both checkpoints; see docs/auditors-guide.md."))

    def leaf_input(self, index: int) -> tuple[int, bytes]:
        """The position and leaf input of leaf `index`, checked against the stored leaf."""
        position = self.position_of_leaf(index)
        previous = (chain.GENESIS if index == 0
                    else self.raw.link_at(self.position_of_leaf(index - 1)))
        row = self.raw.event_at(position)
        if row is None or previous is None:
            raise IntegrityFailure(_("The event at position {position} or the link before it "
                                     "is missing.").format(position=position),
                                   hint=_("Run `ledger audit verify`."))
        data = chain.chain_input(previous, row.position, row.originator_id, row.version,
                                 row.topic, row.state, row.login, row.key_id, row.signature)
        if merkle.leaf_hash(data) != self.tree.nodes.fetch({(0, index)})[(0, index)]:
            raise IntegrityFailure(_("The event at position {position} does not match its leaf "
                                     "in the Merkle tree.").format(position=position),
                                   hint=_("Run `ledger audit verify`."))
        return position, data

    def inclusion(self, position: int, note: Note) -> dict[str, Any]:
        cp = Checkpoint.of(note)
        self.match(cp)
        index = self.tree.index_of(position)
        path = self.tree.inclusion(index, cp.size)
        _position, data = self.leaf_input(index)
        return {"format": FORMAT, "kind": "inclusion", "checkpoint": str(note),
                "event": {"position": position, "leaf_index": index,
                          "leaf_hash": b64(merkle.leaf_hash(data)), "leaf_input": b64(data)},
                "path": [b64(h) for h in path]}

    def consistency(self, old: Note, new: Note) -> dict[str, Any]:
        first, second = Checkpoint.of(old), Checkpoint.of(new)
        if first.size > second.size:
            raise InvalidInput(_("The first checkpoint ({first} events) is newer than the second "
                                 "({second}).").format(first=first.size, second=second.size),
                               hint=_("Give the older checkpoint with --from, the newer with "
                                      "--to."))
        self.match(first)
        self.match(second)
        path = self.tree.consistency(first.size, second.size) if first.size else []
        return {"format": FORMAT, "kind": "consistency", "from": str(old), "to": str(new),
                "path": [b64(h) for h in path]}


# --- the stored tree against the chain (`ledger audit verify`) ------------------------------

@dataclass
class TreeCheck:
    ok: bool
    leaves: int
    behind: int = 0
    bad_position: int | None = None
    problem: str | None = None


class TreeChecker:
    """The stored tree against the events, checked in the same pass as the chain: `take` is
    `chain.verify_rows`'s `leaves`, handed each batch of recomputed leaves (those of verified
    events, in order) to compare with the stored ones; `result`, once the chain verified, checks
    the count of leaves and every interior node from its two children. The first node that
    differs is named by the position of its first leaf. A tree behind the chain (an older
    ledger, not yet built) is not a fault."""

    def __init__(self, raw: Any):
        self.raw = raw
        self.treed = has_table(raw)
        self.table = TREE if raw.kind == "sqlite" else f'"{raw.store.schema}".{TREE}'
        self.leaves = 0
        self.level1: list[bytes] = []  # the nodes over pairs of leaves, recomputed
        self.failed: TreeCheck | None = None
        self.checking = self.treed

    def take(self, positions: list[int], digests: list[bytes]) -> None:
        """Compare a batch of recomputed leaves (and the positions of their events) with the
        stored leaves from index `self.leaves` on."""
        if not self.checking:
            return
        start = self.leaves
        cur = self.raw.conn.cursor()
        cur.execute(f"SELECT idx, hash, position FROM {self.table} WHERE level = 0 AND "
                    f"idx >= {self.raw.p} ORDER BY idx LIMIT {len(digests)}", (start,))
        stored = cur.fetchall()
        indexes = [int(r[0]) for r in stored]
        hashes = [bytes(r[1]) for r in stored]
        at = [int(r[2]) for r in stored]
        n = len(stored)
        if (indexes != list(range(start, start + n)) or at != positions[:n]
                or hashes != digests[:n]):
            i = next(i for i in range(n) if indexes[i] != start + i or at[i] != positions[i]
                     or hashes[i] != digests[i])
            self.failed = TreeCheck(False, start + i, bad_position=positions[i], problem=_(
                "the Merkle tree's leaf {n} does not match the event at position {position}"
            ).format(n=start + i + 1, position=positions[i]))
            self.checking = False
            return
        node = merkle.node_hash
        self.level1 += [node(a, b) for a, b in zip(hashes[0:n - 1:2], hashes[1:n:2], strict=True)]
        self.leaves = start + n
        if n < len(digests):
            self.checking = False  # the tree ends here: the rest is behind

    def result(self) -> TreeCheck:
        count, _last = self.raw.count_and_max()
        if not self.treed:
            return TreeCheck(True, 0, behind=count)
        if self.failed is not None:
            return self.failed
        cur, p, table, leaves = self.raw.conn.cursor(), self.raw.p, self.table, self.leaves
        cur.execute(f"SELECT count(*) FROM {table} WHERE level = 0")
        total = int(cur.fetchone()[0])
        if total != leaves:
            cur.execute(f"SELECT min(position) FROM {table} WHERE level = 0 AND idx >= {p}",
                        (leaves,))
            where = cur.fetchone()[0]
            return TreeCheck(False, leaves, bad_position=int(where) if where else None,
                             problem=_("the Merkle tree holds {total} leaves but {leaves} of "
                                       "them match events of the log").format(total=total,
                                                                              leaves=leaves))
        found = _check_interior(self.raw, table, leaves, chain.LEAF_BATCH, self.level1)
        if found is not None:
            return found
        return TreeCheck(True, leaves, behind=max(count - leaves, 0))


def _check_interior(raw: Any, table: str, size: int, batch: int,
                    level1: list[bytes]) -> TreeCheck | None:
    """Each stored node of level L + 1 must be the hash of its two children, recomputed from
    the leaves up (`level1`: the nodes over pairs of leaves, made in the leaves' pass): every
    complete node must be there, and nothing else. Each stored node is read once."""
    cur, p, node = raw.conn.cursor(), raw.p, merkle.node_hash
    level, computed = 1, level1
    while computed:
        following: list[bytes] = []
        start = 0
        while start < len(computed):
            end = min(start + batch, len(computed))
            cur.execute(f"SELECT idx, hash FROM {table} WHERE level = {p} AND idx >= {p} AND "
                        f"idx < {p} ORDER BY idx", (level, start, end))
            rows = cur.fetchall()
            mine = computed[start:end]
            if [int(i) for i, _h in rows] != list(range(start, end)) or \
                    [bytes(h) for _i, h in rows] != mine:
                stored = {int(i): bytes(h) for i, h in rows}
                i = next(i for i in range(start, end) if stored.get(i) != computed[i])
                first = _first_position(raw, table, i << level)
                return TreeCheck(False, size, bad_position=first, problem=_(
                    "the Merkle tree's node over leaves {start} to {end} (from position "
                    "{position}) does not match the events").format(
                        start=(i << level) + 1, end=(i + 1) << level, position=first))
            # (`start` is even, so the pairs of this batch are pairs of the level)
            following += [node(x, y) for x, y in zip(mine[0:len(mine) - 1:2], mine[1::2], strict=True)]
            start = end
        computed, level = following, level + 1
    cur.execute(f"SELECT level, idx FROM {table} WHERE level > 0 AND idx >= "
                f"(CAST({size} AS BIGINT) >> level) ORDER BY level, idx LIMIT 1")
    extra = cur.fetchone()
    if extra is not None:
        return TreeCheck(False, size, problem=_(
            "the Merkle tree holds a node (level {level}, index {index}) beyond its {size} "
            "leaves").format(level=extra[0], index=extra[1], size=size))
    return None


def _first_position(raw: Any, table: str, index: int) -> int | None:
    cur = raw.conn.cursor()
    cur.execute(f"SELECT position FROM {table} WHERE level = 0 AND idx = {raw.p}", (index,))
    row = cur.fetchone()
    return int(row[0]) if row else None


def witnessed_disagreements(raw: Any, observations: list[dict[str, Any]]) -> list[str]:
    """Cosigned checkpoints whose root this ledger's stored tree no longer has at that size (for
    `ledger status`): the ledger was rewritten after another holder witnessed it."""
    cosigned = [o for o in observations if o["consistent"]]
    if not cosigned or not has_table(raw):
        return []
    tree = Tree(raw)
    size = tree.size()
    found = []
    for o in cosigned:
        if o["size"] > size:
            continue  # a copy that was ahead (proved consistent when it was witnessed)
        own = b64(tree.root(o["size"]))
        if own != o["root"]:
            found.append(_("split view at size {size}: the checkpoint of {holder} (cosigned at "
                           "#{position}) has root {root}, this ledger now has root {own}").format(
                size=o["size"], holder=o["holder"], position=o["position"], root=o["root"],
                own=own))
    return found


def tree_status(raw: Any, count: int, observations: list[dict[str, Any]]
                ) -> tuple[dict[str, Any], list[str]]:
    """For `ledger status`: the tree's size and root (base64, as checkpoints print it), and what
    is wrong with it: behind the log, or disagreeing with a checkpoint it cosigned."""
    found: list[str] = []
    if not has_table(raw):
        return ({"size": 0, "root": b64(merkle.EMPTY_ROOT)},
                [_("the Merkle tree is not built ({count} events): run `ledger init`").format(
                    count=count)])
    tree = Tree(raw)
    size = tree.size()
    if size < count:
        found.append(_("the Merkle tree holds {size} of the {count} events: run `ledger init`"
                       ).format(size=size, count=count))
    found += witnessed_disagreements(raw, observations)
    return {"size": size, "root": b64(tree.root(size))}, found

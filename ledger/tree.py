"""The stored Merkle tree: its table, the append step the recorders run, building it for a ledger
that has none, and reading tree heads and proofs from it.

The table `ledger_tree` holds every complete node (`ledger.merkle`): level 0 are the leaves, one
per event, with the event's position; a node of level L and index i is written in the same
transaction as the leaf that completes it, so a write of k events adds k leaves and about k nodes.
Nothing is ever updated, so the table is append-only as the log is (same triggers, writer role
INSERT only). A tree head or a proof reads at most a few dozen rows by primary key, whatever
the size of the log.

The recorders append in the write's transaction, under the writers' lock, after the chain links
(`append_in_step`). A ledger whose tree is behind its chain (made before the tree existed, or
restored by an older version) is not appended to by writes: its tree is built by `ledger init`
or, lazily, by the first `ledger audit checkpoint`/`prove` that finds it behind (`catch_up`,
under the writers' lock, recomputing and checking each link on the way). Until then `ledger
status` names it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ledger import chain, merkle
from ledger.errors import IntegrityFailure, InvalidInput
from ledger.i18n import _

TREE = "ledger_tree"


def sqlite_statements() -> list[str]:
    """The table and its guards on SQLite (appended to the recorder's create statements)."""
    from ledger.storage import APPEND_ONLY

    return [
        f"CREATE TABLE IF NOT EXISTS {TREE} (level INTEGER NOT NULL, idx INTEGER NOT NULL, "
        "hash BLOB NOT NULL, position INTEGER, PRIMARY KEY (level, idx)) WITHOUT ROWID",
        f"CREATE UNIQUE INDEX IF NOT EXISTS {TREE}_position ON {TREE} (position)",
        *[f"CREATE TRIGGER IF NOT EXISTS {TREE}_no_{verb.lower()} BEFORE {verb} ON {TREE} "
          f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END" for verb in ("UPDATE", "DELETE")],
        f"CREATE TRIGGER IF NOT EXISTS {TREE}_no_replace BEFORE INSERT ON {TREE} "
        f"WHEN EXISTS (SELECT 1 FROM {TREE} WHERE level = NEW.level AND idx = NEW.idx) "
        f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END",
    ]


def postgres_statements(schema: str) -> list[str]:
    """The table and its guards on PostgreSQL, after the log's (`ledger/postgres.py`), whose
    refusing function they share."""
    s = f'"{schema}"'
    return [
        f"CREATE TABLE IF NOT EXISTS {s}.{TREE} (level SMALLINT NOT NULL, idx BIGINT NOT NULL, "
        "hash BYTEA NOT NULL, position BIGINT, PRIMARY KEY (level, idx))",
        f"CREATE UNIQUE INDEX IF NOT EXISTS {TREE}_position ON {s}.{TREE} (position)",
        *[f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = "
          f"t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE t.tgname = "
          f"'{TREE}_{name}' AND n.nspname = '{schema}') THEN CREATE TRIGGER {TREE}_{name} "
          f"BEFORE {verbs} ON {s}.{TREE} FOR EACH {level} EXECUTE FUNCTION "
          f"{s}.ledger_refuse_change(); END IF; END $$"
          for name, verbs, level in (("no_change", "UPDATE OR DELETE", "ROW"),
                                     ("no_truncate", "TRUNCATE", "STATEMENT"))],
    ]


class Nodes:
    """The tree table through one DB-API cursor (SQLite's or psycopg's, tuple or dict rows)."""

    def __init__(self, cur: Any, kind: str, table: str):
        self.cur, self.kind, self.table = cur, kind, table
        self.p = "?" if kind == "sqlite" else "%s"

    def _all(self) -> list[tuple[Any, ...]]:
        return [tuple(r.values()) if isinstance(r, dict) else tuple(r)
                for r in self.cur.fetchall()]

    def end(self) -> tuple[int, int]:
        """(size, position of the last leaf): (0, 0) for an empty tree."""
        self.cur.execute(f"SELECT idx, position FROM {self.table} WHERE level = 0 "
                         "ORDER BY idx DESC LIMIT 1")
        rows = self._all()
        return (int(rows[0][0]) + 1, int(rows[0][1])) if rows else (0, 0)

    def fetch(self, nodes: set[merkle.Node]) -> dict[merkle.Node, bytes]:
        if not nodes:
            return {}
        wanted = sorted(nodes)
        if self.kind == "sqlite":
            # A join on the VALUES list: SQLite answers `(level, idx) IN (VALUES ...)` by
            # scanning the whole table, the join by one primary-key search per node.
            self.cur.execute(
                "SELECT t.level, t.idx, t.hash FROM (VALUES "
                + ", ".join("(?, ?)" for _ in wanted) + f") AS v JOIN {self.table} t "
                "ON t.level = v.column1 AND t.idx = v.column2",
                [v for node in wanted for v in node])
        else:
            self.cur.execute(
                f"SELECT t.level, t.idx, t.hash FROM {self.table} t JOIN unnest(%s::smallint[], "
                "%s::bigint[]) AS u(l, i) ON t.level = u.l AND t.idx = u.i",
                ([lv for lv, _ in wanted], [i for _, i in wanted]))
        found = {(int(lv), int(i)): bytes(h) for lv, i, h in self._all()}
        if len(found) != len(wanted):
            missing = sorted(set(wanted) - set(found))[0]
            raise IntegrityFailure(
                _("The Merkle tree lacks its node at level {level}, index {index}.").format(
                    level=missing[0], index=missing[1]),
                hint=_("Run `ledger audit verify`: the tree table was changed outside the "
                       "ledger."))
        return found

    def index_of(self, position: int) -> int | None:
        self.cur.execute(f"SELECT idx FROM {self.table} WHERE position = {self.p}", (position,))
        rows = self._all()
        return int(rows[0][0]) if rows else None

    def append(self, size: int, leaves: Sequence[tuple[int, bytes]]) -> int:
        """Add leaves (position, leaf hash) after the first `size` leaves, with every node they
        complete; returns the new size."""
        if not leaves:
            return size
        stack = [(lv, i, h) for (lv, i), h in _frontier_hashes(self, size)]
        rows: list[tuple[int, int, bytes, int | None]] = []
        idx = size
        for position, h in leaves:
            rows.append((0, idx, h, position))
            stack.append((0, idx, h))
            while len(stack) > 1 and stack[-1][0] == stack[-2][0]:
                lv, _, right = stack.pop()
                _, left_idx, left = stack.pop()
                node = (lv + 1, left_idx >> 1, merkle.node_hash(left, right))
                stack.append(node)
                rows.append((*node, None))
            idx += 1
        if self.kind == "sqlite":
            self.cur.executemany(f"INSERT INTO {self.table} (level, idx, hash, position) "
                                 "VALUES (?, ?, ?, ?)", rows)
        else:
            self.cur.execute(
                f"INSERT INTO {self.table} (level, idx, hash, position) SELECT * FROM "
                "unnest(%s::smallint[], %s::bigint[], %s::bytea[], %s::bigint[])",
                ([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows],
                 [r[3] for r in rows]))
        return idx

    def root(self, size: int) -> bytes:
        """The tree head of the first `size` leaves."""
        nodes = merkle.frontier(size)
        return merkle.fold(nodes, self.fetch(set(nodes)))


def _frontier_hashes(nodes: Nodes, size: int) -> list[tuple[merkle.Node, bytes]]:
    wanted = merkle.frontier(size)
    found = nodes.fetch(set(wanted))
    return [(n, found[n]) for n in wanted]


def append_in_step(nodes: Nodes, chain_end: int, leaves: Sequence[tuple[int, bytes]]) -> None:
    """The recorders' step: add the leaves of a write when the tree is in step with the chain
    (its last leaf is the chain's last link before this write); leave a tree that is behind for
    `catch_up` (see the module docstring)."""
    size, last = nodes.end()
    if last == chain_end:
        nodes.append(size, leaves)


def leaves_of(previous: str, events: Iterable[Any], positions: Sequence[int],
              login: str | None) -> tuple[list[tuple[int, str]], list[tuple[int, bytes]]]:
    """The chain links and the Merkle leaves of events stored at `positions` after the link
    `previous`: each leaf hashes the same input as its link."""
    import hashlib

    from ledger.storage import _oid

    links, leaves = [], []
    for event, position in zip(events, positions, strict=True):
        key_id, signature = signature_of(event)
        data = chain.chain_input(previous, position, _oid(event.originator_id),
                                 event.originator_version, event.topic, bytes(event.state), login,
                                 key_id, signature)
        previous = hashlib.sha256(data).hexdigest()
        links.append((position, previous))
        leaves.append((position, merkle.leaf_hash(data)))
    return links, leaves


def signature_of(event: Any) -> tuple[str | None, str | None]:
    """The key id and signature of a stored event to be recorded (None, None when unsigned)."""
    signature = getattr(event, "signature", "") or None
    return (getattr(event, "key_id", "") or None, signature) if signature else (None, None)


# --- on a RawLog: building, heads, proofs ------------------------------------------------------

def nodes_of(raw: Any) -> Nodes:
    table = TREE if raw.kind == "sqlite" else f'"{raw.store.schema}".{TREE}'
    return Nodes(raw.conn.cursor(), raw.kind, table)


def has_table(raw: Any) -> bool:
    cur = raw.conn.cursor()
    if raw.kind == "sqlite":
        cur.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
                    (TREE,))
        return bool(cur.fetchone()[0])
    cur.execute("SELECT to_regclass(%s) IS NOT NULL", (f'"{raw.store.schema}".{TREE}',))
    return bool(cur.fetchone()[0])


def behind(raw: Any) -> int:
    """How many events the tree lacks (0 when it is in step); every event when it has no table."""
    count, _ = raw.count_and_max()
    if not has_table(raw):
        return int(count)
    size, _ = nodes_of(raw).end()
    return max(int(count) - size, 0)


def catch_up(raw: Any, *, commit: bool = True) -> int:
    """Build the leaves and nodes the tree lacks, under the writers' lock, checking every link
    on the way (a tree is never built over a chain that does not verify). Returns the number of
    leaves added. With `commit=False` the caller owns the transaction (a restore)."""
    import hashlib

    from ledger.storage import denied

    if commit:
        raw.lock_for_restore()
    try:
        if not has_table(raw):
            _make_table(raw)
        nodes = nodes_of(raw)
        size, last = nodes.end()
        previous = raw.link_at(last) if last else chain.GENESIS
        if previous is None:
            raise IntegrityFailure(_("The Merkle tree names position {position}, which has no "
                                     "chain link.").format(position=last),
                                   hint=_("Run `ledger audit verify`."))
        added, batch = 0, []
        for row in raw.rows(after=last):
            data = chain.chain_input(previous, row.position, row.originator_id, row.version,
                                     row.topic, row.state, row.login, row.key_id, row.signature)
            link = hashlib.sha256(data).hexdigest()
            if row.stored_link != link:
                raise IntegrityFailure(
                    _("The ledger does not verify at position {position}: the Merkle tree "
                      "cannot be built over it.").format(position=row.position),
                    hint=_("Run `ledger audit verify`."))
            previous = link
            batch.append((row.position, merkle.leaf_hash(data)))
            if len(batch) == 20000:
                size = nodes.append(size, batch)
                added += len(batch)
                batch = []
        size = nodes.append(size, batch)
        added += len(batch)
    except BaseException as e:
        if commit:
            raw.conn.rollback()
        if denied(e):
            raise InvalidInput(
                _("The ledger's Merkle tree is behind its log, and this login may not build it."),
                hint=_("Run `ledger init` once as the ledger's owner: it builds the tree.")) \
                from None
        raise
    if commit:
        raw.conn.commit()
    return added


def _make_table(raw: Any) -> None:
    statements = (sqlite_statements() if raw.kind == "sqlite"
                  else postgres_statements(raw.store.schema))
    cur = raw.conn.cursor()
    for sql in statements:
        cur.execute(sql)


class Tree:
    """The tree of a ledger, read through a RawLog: heads and proofs of any size."""

    def __init__(self, raw: Any):
        self.raw = raw
        self.nodes = nodes_of(raw)

    def size(self) -> int:
        return self.nodes.end()[0]

    def root(self, size: int) -> bytes:
        self._check_size(size)
        return self.nodes.root(size)

    def index_of(self, position: int) -> int:
        index = self.nodes.index_of(position)
        if index is None:
            raise InvalidInput(_("There is no event at position {position}.").format(
                position=position), hint=_("Positions are shown by `ledger log`."))
        return index

    def inclusion(self, index: int, size: int) -> list[bytes]:
        self._check_size(size)
        if index >= size:
            raise InvalidInput(_("The event is leaf {n} of the tree, after the checkpoint's "
                                 "{size} leaves: it was recorded after it.").format(
                                     n=index + 1, size=size),
                               hint=_("Prove it against a newer checkpoint."))
        return merkle.prove(merkle.inclusion_ranges(index, size), self.nodes.fetch)

    def consistency(self, size1: int, size2: int) -> list[bytes]:
        self._check_size(size2)
        return merkle.prove(merkle.consistency_ranges(size1, size2), self.nodes.fetch)

    def _check_size(self, size: int) -> None:
        have = self.size()
        if size > have:
            raise InvalidInput(_("The ledger's tree has {have} leaves, fewer than {size}: this "
                                 "is not the ledger the checkpoint was made of, or it lost "
                                 "events.").format(have=have, size=size),
                               hint=_("Check the --db option; `ledger audit verify` checks the "
                                      "log."))


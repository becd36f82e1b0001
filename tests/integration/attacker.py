"""An attacker with the database's administrator rights: the append-only guards dropped, rows of
the log and the chain changed, removed, inserted, moved or cut off at will, through a plain
connection (as the owner, it may also give a chain row the login of its choice), and the Merkle
tree built anew over what it left (`rebuild_tree`, what a careful attacker does last). The
tamper-evidence tests use these to show that `ledger audit verify` catches each.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from ledger import chain
from ledger.storage import RawLog
from ledger.tree import TREE, catch_up

BIG = 10**9  # moves rows out of the way while renumbering (keys stay unique at every step)


def drop_guards(raw: RawLog) -> None:
    if raw.kind == "sqlite":
        names = [r[0] for r in raw.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")]
        for n in names:
            raw.conn.execute(f"DROP TRIGGER {n}")
    else:
        for table in (raw.events, raw.chain, f'"{raw.store.schema}".{TREE}'):
            name = table.split(".")[-1]
            raw.conn.execute(f"DROP TRIGGER IF EXISTS {name}_no_change ON {table}")
            raw.conn.execute(f"DROP TRIGGER IF EXISTS {name}_no_truncate ON {table}")
    raw.conn.commit()


def reset(raw: RawLog, rows: Sequence[chain.Row]) -> None:
    """Put back the untouched log and its tree (guards already dropped)."""
    raw.conn.execute(f"DELETE FROM {raw.events}")
    raw.conn.execute(f"DELETE FROM {raw.chain}")
    raw.insert_rows(rows)
    raw.after_restore()
    rebuild_tree(raw)
    raw.conn.commit()


def rebuild_tree(raw: RawLog) -> None:
    """The Merkle tree made anew over the log as it now stands (guards already dropped), so that
    it matches what the attacker left: the tree alone then tells nothing."""
    table = TREE if raw.kind == "sqlite" else f'"{raw.store.schema}".{TREE}'
    if raw.kind == "sqlite":  # a write since may have put the tree's guards back
        for name in ("no_update", "no_delete", "no_replace"):
            raw.conn.execute(f"DROP TRIGGER IF EXISTS {TREE}_{name}")
    raw.conn.execute(f"DELETE FROM {table}")
    catch_up(raw, commit=False)


def _oid(raw: RawLog, hex_id: str):
    return hex_id if raw.kind == "sqlite" else uuid.UUID(hex_id)


def set_event(raw: RawLog, position: int, row: chain.Row) -> None:
    raw.conn.execute(
        f"UPDATE {raw.events} SET originator_id = {raw.p}, originator_version = {raw.p}, "
        f"topic = {raw.p}, state = {raw.p} WHERE {raw.pos} = {raw.p}",
        (_oid(raw, row.originator_id), row.version, row.topic, row.state, position))


def set_link(raw: RawLog, position: int, link: str | None) -> None:
    if link is None:
        raw.conn.execute(f"DELETE FROM {raw.chain} WHERE position = {raw.p}", (position,))
    else:
        raw.conn.execute(f"UPDATE {raw.chain} SET link = {raw.p} WHERE position = {raw.p}",
                         (link, position))


def delete_event(raw: RawLog, position: int, *, with_link: bool) -> None:
    raw.conn.execute(f"DELETE FROM {raw.events} WHERE {raw.pos} = {raw.p}", (position,))
    if with_link:
        raw.conn.execute(f"DELETE FROM {raw.chain} WHERE position = {raw.p}", (position,))


def cut_after(raw: RawLog, position: int, *, links_too: bool = True) -> None:
    raw.conn.execute(f"DELETE FROM {raw.events} WHERE {raw.pos} > {raw.p}", (position,))
    if links_too:
        raw.conn.execute(f"DELETE FROM {raw.chain} WHERE position > {raw.p}", (position,))


def shift_after(raw: RawLog, position: int) -> None:
    """Renumber every event and link after `position` one up, leaving `position + 1` free."""
    for table, col in ((raw.events, raw.pos), (raw.chain, "position")):
        raw.conn.execute(f"UPDATE {table} SET {col} = {col} + {BIG} WHERE {col} > {raw.p}",
                         (position,))
        raw.conn.execute(f"UPDATE {table} SET {col} = {col} - {BIG - 1} WHERE {col} > {BIG}")


def insert_event(raw: RawLog, position: int, row: chain.Row, link: str | None) -> None:
    """An event at `position`, with `link` as its chain link (None: no link at all)."""
    raw.insert_rows([chain.Row(position, row.originator_id, row.version, row.topic, row.state,
                               link or "x", row.login)])
    if link is None:
        set_link(raw, position, None)


def relink_from(raw: RawLog, position: int) -> None:
    """What a careful attacker does next: recompute every link from `position` on, so the chain
    is consistent again (only a fingerprint held elsewhere can then tell)."""
    rows = list(raw.rows())
    previous = chain.GENESIS
    for r in rows:
        if r.position >= position:
            link = chain.link(previous, r.position, r.originator_id, r.version, r.topic, r.state,
                              r.login)
            if r.stored_link is None:
                raw.conn.execute(f"INSERT INTO {raw.chain} (position, link, login) VALUES "
                                 f"({raw.p}, {raw.p}, {raw.p})", (r.position, link, r.login))
            else:
                set_link(raw, r.position, link)
            previous = link
        else:
            previous = r.stored_link or previous


def forged(row: chain.Row) -> chain.Row:
    """A copy of an event under a new aggregate id (so no key collides)."""
    return chain.Row(row.position, uuid.uuid4().hex, row.version, row.topic, row.state, None,
                     row.login)

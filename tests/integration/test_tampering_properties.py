"""Tamper evidence as properties, through the command line: whatever an administrator does to the
log behind the ledger's back (guards dropped), at whatever position, `ledger audit verify` exits 3
and names the first position that no longer holds, or, for a cut-off log and an old backup
restored over a newer ledger, the position of a fingerprint held elsewhere. A chain made
consistent again (relinked, cut with its links) is first caught by the Merkle tree the attacker
left behind; then the attacker builds the tree anew too, and only the fingerprint tells.

Each example starts from the same untouched ledger (put back row by row) on SQLite and on
PostgreSQL; hypothesis draws the positions, bytes and kinds of damage. Sizes: EXAMPLES per
property per database (docs/reliability.md), LEDGER_STRESS=N times as many on request.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from commands.main import app
from ledger import chain
from ledger.application import init_store, open_ledger
from ledger.storage import RawLog, Store, parse_url
from tests.conftest import _drop, _pg_store, env
from tests.integration import attacker, workload

EXAMPLES = workload.scale(25)
PROPERTY = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
runner = CliRunner()


@dataclass
class Untouched:
    store: Store
    rows: list[chain.Row]
    fingerprint: chain.Fingerprint

    @property
    def positions(self) -> list[int]:
        return [r.position for r in self.rows]

    @property
    def last(self) -> int:
        return self.rows[-1].position

    @contextmanager
    def tampered(self):
        """A connection on the untouched ledger, to tamper with; committed on leaving."""
        with RawLog(self.store) as raw:
            attacker.reset(raw, self.rows)
            yield raw
            raw.conn.commit()


def fill(store: Store) -> None:
    ledger = open_ledger(store)
    for cbs, name in workload.GEMEENTEN:
        ledger.party_add(env(command_id=f"add-{cbs}"), kind="gemeente", name=name, cbs=cbs)
    ledger.party_add(env(), kind="provincie", name="Zuid Holand", key="ZH")
    ledger.party_correct(env(reason="spelling"), "ZH", name="Provincie Zuid-Holland")
    ledger.decision_record(env(command_id="pho"), key="PHO-2021-07", body="pho:WRL",
                           title="Samenwerking warmtetransitie", datum="2021-09-30",
                           participants=workload.CBS)
    for cbs in workload.CBS:
        ledger.decision_ratify(env(on="2021-10-05"), "PHO-2021-07", party=cbs)
    ledger.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def untouched(request, tmp_path_factory):
    if request.param == "sqlite":
        store = parse_url(f"sqlite:///{tmp_path_factory.mktemp('tamper')}/ledger.db")
    else:
        store = _pg_store()
    init_store(store)
    fill(store)
    with RawLog(store) as raw:
        rows = list(raw.rows())
        attacker.drop_guards(raw)
    fp = chain.verify_rows(rows).fingerprint
    yield Untouched(store, rows, fp)
    if store.kind == "postgresql":
        _drop(store)


def verify(store: Store, against: chain.Fingerprint | None = None):
    args = ["--db", store.url, "audit", "verify"]
    if against is not None:
        args += ["--fingerprint", str(against)]
    result = runner.invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result.exit_code, " ".join(result.output.split())


def caught_at(store: Store, position: int, against: chain.Fingerprint | None = None) -> None:
    code, text = verify(store, against)
    assert code == 3, text
    assert f"faalt op positie {position}:" in text, text


def tried(untouched: Untouched, damage: str, position: int, **how: object) -> None:
    workload.record_figure("tampering", db=untouched.store.kind, damage=damage,
                           position=position, of=untouched.last, **how)


def test_the_untouched_ledger_verifies_and_extends_its_fingerprint(untouched):
    with untouched.tampered():
        pass
    assert verify(untouched.store) == (0, verify(untouched.store)[1])
    code, text = verify(untouched.store, untouched.fingerprint)
    assert code == 0 and f"Vingerafdruk {untouched.fingerprint}" in text


@PROPERTY
@given(data=st.data())
def test_a_changed_byte_anywhere_is_caught_at_its_position(untouched, data):
    row = data.draw(st.sampled_from(untouched.rows))
    what = data.draw(st.sampled_from(["state", "topic", "aggregate", "version", "link"]))
    if what == "state":
        i = data.draw(st.integers(0, len(row.state) - 1))
        byte = data.draw(st.integers(0, 255).filter(lambda b: b != row.state[i]))
        changed = chain.Row(row.position, row.originator_id, row.version, row.topic,
                            row.state[:i] + bytes([byte]) + row.state[i + 1:], None)
    elif what == "topic":
        i = data.draw(st.integers(0, len(row.topic) - 1))
        c = data.draw(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ.:_0123456789")
                      .filter(lambda c: c != row.topic[i]))
        changed = chain.Row(row.position, row.originator_id, row.version,
                            row.topic[:i] + c + row.topic[i + 1:], row.state, None)
    elif what == "aggregate":
        i = data.draw(st.integers(0, 31))
        c = data.draw(st.sampled_from("0123456789abcdef").filter(
            lambda c: c != row.originator_id[i]))
        oid = row.originator_id[:i] + c + row.originator_id[i + 1:]
        changed = chain.Row(row.position, oid, row.version, row.topic, row.state, None)
    elif what == "version":
        changed = chain.Row(row.position, row.originator_id, row.version + data.draw(
            st.integers(1000, 10**6)), row.topic, row.state, None)
    else:
        changed = row
    tried(untouched, "changed byte", row.position, field=what)
    with untouched.tampered() as raw:
        if what == "link":
            i = data.draw(st.integers(0, 63))
            link = row.stored_link
            c = data.draw(st.sampled_from("0123456789abcdef").filter(lambda c: c != link[i]))
            attacker.set_link(raw, row.position, link[:i] + c + link[i + 1:])
        else:
            attacker.set_event(raw, row.position, changed)
    caught_at(untouched.store, row.position)


@PROPERTY
@given(data=st.data())
def test_a_deleted_event_is_caught_where_it_was_or_at_the_next(untouched, data):
    position = data.draw(st.sampled_from(untouched.positions))
    with_link = data.draw(st.booleans())
    tried(untouched, "deleted event", position, with_link=with_link)
    with untouched.tampered() as raw:
        attacker.delete_event(raw, position, with_link=with_link)
    if not with_link:
        caught_at(untouched.store, position)  # its link remains without it
    elif position < untouched.last:
        caught_at(untouched.store, position + 1)  # the next event no longer links
    else:
        # The newest event gone with its link is a shorter, consistent chain: its leaf in the
        # Merkle tree tells; once the tree is made anew too, only a fingerprint held elsewhere.
        caught_at(untouched.store, position)
        with RawLog(untouched.store) as raw:
            attacker.rebuild_tree(raw)
            raw.conn.commit()
        assert verify(untouched.store)[0] == 0
        caught_at(untouched.store, untouched.last, untouched.fingerprint)


@PROPERTY
@given(data=st.data())
def test_an_inserted_event_is_caught(untouched, data):
    after = data.draw(st.sampled_from([0, *untouched.positions]))
    source = data.draw(st.sampled_from(untouched.rows))
    skill = data.draw(st.sampled_from(["no link", "a wrong link", "its own link", "every link"]))
    if after == untouched.last and skill in ("its own link", "every link"):
        skill = "a wrong link"  # a correctly linked event at the end is an append, not tampering
    event = attacker.forged(source)
    new = after + 1
    tried(untouched, "inserted event", new, link=skill)
    with untouched.tampered() as raw:
        attacker.shift_after(raw, after)
        previous = raw.link_at(after) if after else chain.GENESIS
        own = chain.link(previous, new, event.originator_id, event.version, event.topic,
                         event.state, event.login)
        link = {"no link": None, "a wrong link": source.stored_link}.get(skill, own)
        attacker.insert_event(raw, new, event, link)
        if skill == "every link":
            attacker.relink_from(raw, new + 1)
    if skill in ("no link", "a wrong link"):
        caught_at(untouched.store, new)
    elif skill == "its own link":
        caught_at(untouched.store, new + 1)  # the event pushed up no longer links
    else:
        caught_at(untouched.store, new)  # the chain holds, the Merkle tree does not
        assert "Merkle-boom" in verify(untouched.store)[1]
        with RawLog(untouched.store) as raw:
            attacker.rebuild_tree(raw)
            raw.conn.commit()
        assert verify(untouched.store)[0] == 0  # consistent in itself...
        caught_at(untouched.store, untouched.last, untouched.fingerprint)  # ...not with the past


@PROPERTY
@given(data=st.data())
def test_two_swapped_events_are_caught_at_the_first(untouched, data):
    a, b = sorted(data.draw(st.lists(st.sampled_from(untouched.positions), min_size=2,
                                     max_size=2, unique=True)))
    links_too = data.draw(st.booleans())
    ra, rb = (next(r for r in untouched.rows if r.position == p) for p in (a, b))
    tried(untouched, "swapped events", a, other=b, links_too=links_too)
    with untouched.tampered() as raw:
        attacker.set_event(raw, a, attacker.forged(ra))  # out of the way: keys stay unique
        attacker.set_event(raw, b, ra)
        attacker.set_event(raw, a, rb)
        if links_too:
            attacker.set_link(raw, a, rb.stored_link)
            attacker.set_link(raw, b, ra.stored_link)
    caught_at(untouched.store, a)


@PROPERTY
@given(data=st.data())
def test_a_cut_off_log_is_caught_against_a_fingerprint_or_by_its_loose_links(untouched, data):
    keep = data.draw(st.integers(0, untouched.last - 1))
    links_too = data.draw(st.booleans())
    tried(untouched, "cut-off log", keep, links_too=links_too)
    with untouched.tampered() as raw:
        attacker.cut_after(raw, keep, links_too=links_too)
    if links_too:
        caught_at(untouched.store, keep + 1)  # the tree still has the leaves cut off
        with RawLog(untouched.store) as raw:
            attacker.rebuild_tree(raw)
            raw.conn.commit()
        assert verify(untouched.store)[0] == 0  # a shorter chain is consistent in itself
        caught_at(untouched.store, untouched.last, untouched.fingerprint)
        code, text = verify(untouched.store, untouched.fingerprint)
        assert f"het grootboek eindigt op positie {keep}" in text
    else:
        caught_at(untouched.store, keep + 1)  # links without their events


@PROPERTY
@given(data=st.data())
def test_an_old_backup_restored_over_a_newer_ledger_is_caught_against_its_fingerprint(
        untouched, data):
    """The ledger is put back to an earlier state (an old backup restored), and perhaps written
    to since through the ledger itself, so its chain is whole: the fingerprint of the newer
    ledger, held elsewhere, no longer matches."""
    keep = data.draw(st.integers(1, untouched.last - 1))
    written = data.draw(st.integers(0, 4))
    tried(untouched, "old backup restored", keep, written_since=written)
    with untouched.tampered() as raw:
        attacker.cut_after(raw, keep)
        raw.after_restore()  # as a restored dump would, PostgreSQL numbers on from the backup
        attacker.rebuild_tree(raw)  # the backup's own tree
    if written:
        ledger = open_ledger(untouched.store)
        for k in range(written):
            ledger.party_add(env(), kind="bedrijf", name=f"Nieuw {k}", key=f"NEW{keep}{k}")
        ledger.close()
    assert verify(untouched.store)[0] == 0
    caught_at(untouched.store, untouched.last, untouched.fingerprint)
    code, text = verify(untouched.store, untouched.fingerprint)
    if keep + written < untouched.last:
        assert "een oudere kopie is teruggezet" in text
    else:
        assert "de geschiedenis ervoor is herschreven" in text

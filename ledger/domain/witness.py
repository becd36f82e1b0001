"""Witnessing: another holder's checkpoint of this ledger, checked and cosigned.

A neighbouring gemeente that keeps a copy of the ledger signs a checkpoint of its copy (its tree
size and root hash, `ledger.note`). This ledger's holder *witnesses* it: the checkpoint's signature
is checked with the holder's public key, its root is compared with this ledger's own root at that
size (or, for a copy ahead of this ledger, a consistency proof from this ledger's checkpoint to it
is checked), and the outcome is recorded here, one aggregate per holder (keyed by the checkpoint's
origin, the holder's name for its copy):

- `Cosigned`: the same tree; the event carries the holder's checkpoint and this ledger's
  cosignature of it (c2sp.org/tlog-cosignature), which the holder can keep beside its copy;
- `SplitViewFound`: two different roots for the same size, the holder's and this ledger's. One of
  the two was rewritten: a finding in `ledger status` until it is explained, naming both roots.

Nothing is decided about which of the two is right: that takes the exports and fingerprints held
elsewhere (docs/auditors-guide.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ledger.domain.base import LedgerAggregate
from ledger.envelope import Envelope


class WitnessedHolder(LedgerAggregate):
    KIND = "witness"
    if TYPE_CHECKING:  # state, set by the events' apply methods
        origin: str
        seen: dict[int, str]

    class Opened(LedgerAggregate.Created):
        """The first checkpoint of this holder was witnessed."""

        def apply(self, w: WitnessedHolder) -> None:
            w.key = w.origin = self.key
            w.seen = {}

    class Cosigned(LedgerAggregate.Event):
        size: int
        root: str
        checkpoint: str
        holder_key: str
        cosignature: str

        def apply(self, w: WitnessedHolder) -> None:
            w.seen[self.size] = self.root

    class SplitViewFound(LedgerAggregate.Event):
        size: int
        root: str
        own_root: str
        checkpoint: str
        holder_key: str

        def apply(self, w: WitnessedHolder) -> None:
            w.seen[self.size] = self.root

    @classmethod
    def open(cls, env: Envelope, origin: str) -> WitnessedHolder:
        return cls._register(cls.Opened, env, origin)

    def cosigned(self, env: Envelope, *, size: int, root: str, checkpoint: str,
                 holder_key: str, cosignature: str) -> None:
        self._record(self.Cosigned, env, size=size, root=root, checkpoint=checkpoint,
                     holder_key=holder_key, cosignature=cosignature)

    def split_view(self, env: Envelope, *, size: int, root: str, own_root: str,
                   checkpoint: str, holder_key: str) -> None:
        self._record(self.SplitViewFound, env, size=size, root=root, own_root=own_root,
                     checkpoint=checkpoint, holder_key=holder_key)

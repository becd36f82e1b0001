"""Dry runs: every rule checked against the real ledger, nothing written to it.

`DryRunLedger` is the normal application service whose recorder keeps new events in memory while
reading existing ones from the real store. Later commands in a dry-run import therefore see what
earlier ones would have recorded (a party registered in line 3 can sign in line 40), yet the
database is only read.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError, StoredEvent
from eventsourcing.popo import POPOApplicationRecorder

from ledger.application import Ledger
from ledger.recording import KeyTaken


class OverlayRecorder(POPOApplicationRecorder):
    """New events in memory, over the events already in `base`."""

    def __init__(self, base: Any):
        super().__init__()
        self.base = base

    def select_events(self, originator_id: UUID | str, *, gt: int | None = None,
                      lte: int | None = None, desc: bool = False,
                      limit: int | None = None) -> Sequence[StoredEvent]:
        merged = list(self.base.select_events(originator_id, gt=gt, lte=lte))
        merged += super().select_events(originator_id, gt=gt, lte=lte)
        merged.sort(key=lambda s: s.originator_version, reverse=desc)
        return merged[:limit] if limit is not None else merged

    def _assert_uniqueness(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> None:
        # A taken key is a conflict here as in the real recorders (`ledger/recording.py`).
        try:
            super()._assert_uniqueness(stored_events, **kwargs)
        except IntegrityError as e:
            raise KeyTaken(str(e)) from None
        for s in stored_events:
            if self.base.select_events(s.originator_id, gt=s.originator_version - 1,
                                       lte=s.originator_version):
                raise KeyTaken(f"Stored event already recorded: {s.originator_id}")


class DryRunLedger(Ledger):
    """The application service, with writes kept in memory."""

    def construct_recorder(self) -> Any:
        return OverlayRecorder(super().construct_recorder())

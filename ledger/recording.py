"""What a failed write means: another writer got there first, or the write failed.

Both recorders (`ledger/sqlite.py`, `ledger/postgres.py`) own the transaction of a write: the
events (a command's receipt among them), their chain links, and the commit. Whatever is raised
inside it, by our code or by the database, rolls the whole transaction back. Only one failure is a
*conflict*: a unique violation on the events' key (aggregate id and version; a receipt's key is its
command id's aggregate), raised by the INSERT of the events. That means another writer recorded
first, and `LedgerBase.execute` builds the command again from what is stored now. Every other
database error (a refused link, a failed trigger, a commit the server would not make) is a
`WriteFailed`: not retried, told to the user in one sentence, with nothing written. Anything that
is not a database error (a bug, memory running out) is raised as it is, after the rollback.
"""

from __future__ import annotations

from eventsourcing.persistence import IntegrityError, PersistenceError


class KeyTaken(IntegrityError):
    """Another writer recorded one of these aggregate versions (or this command id) first."""


class WriteFailed(PersistenceError):
    """The database refused the write for a reason other than a conflict; nothing was written."""


def failed(error: BaseException) -> WriteFailed:
    """The refusal of a write, as one line of the database's own words."""
    first = (str(error).strip().splitlines() or [type(error).__name__])[0]
    return WriteFailed(first)

"""Which journal entries a read wants, said once: each criterion of a `Selection` yields both its
SQL condition on the read tables and its test of one `Entry`, side by side, so the entries the
journal table holds and the unfolded tail (entries a reader folds in memory because its role may
not write the views) are chosen by the same rule. tests/integration/test_selection.py checks the
two against each other on random entries, on both databases.

SQL is written with `?` placeholders and the tables' plain names, as `projections.reading`'s
`Connection` takes it; dates are passed as `date` and turned into the column's form by the caller.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from projections.reading import Entry

ESCAPE = "\\"


@dataclass(frozen=True)
class Clause:
    """One criterion: its SQL condition with its parameters, and the same test of an entry."""

    sql: str
    params: tuple[Any, ...]
    test: Callable[[Entry], bool]


def _marks(values: tuple[Any, ...] | list[Any]) -> str:
    return ", ".join("?" * len(values))


def _like(fragment: str) -> str:
    """`fragment` as a LIKE pattern that matches it literally (`%`, `_` and `\\` escaped)."""
    return (fragment.replace(ESCAPE, ESCAPE * 2).replace("%", ESCAPE + "%")
            .replace("_", ESCAPE + "_"))


def _ascii_lower(text: str) -> str:
    """Lower case as SQLite's lower() makes it (ASCII letters only); PostgreSQL's agrees on the
    ASCII text topics are made of."""
    return text.translate(_LOWER)


_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

NOTHING = Clause("1 = 0", (), lambda e: False)


@dataclass(frozen=True)
class Selection:
    """Entries of some kinds, keys or subjects, in a window of log positions, effective dates
    and recording times. Every field left at its default selects everything; `key_in` or
    `subject_in` given empty selects nothing."""

    kinds: tuple[str, ...] = ()
    keys: tuple[tuple[str, str], ...] = ()
    key_in: tuple[str, ...] | None = None
    subject: str | None = None
    subject_in: tuple[str, ...] | None = None
    receipts: bool = True
    topic: str | None = None
    actor: str | None = None
    after: int | None = None
    upto: int | None = None
    on: date | None = None
    effective_from: date | None = None
    effective_to: date | None = None
    recorded_from: str | None = None
    recorded_to: str | None = None

    def clauses(self) -> list[Clause]:
        c: list[Clause] = []
        if self.after is not None:
            after = self.after
            c.append(Clause("position > ?", (after,), lambda e: e.position > after))
        if self.upto is not None:
            upto = self.upto
            c.append(Clause("position <= ?", (upto,), lambda e: e.position <= upto))
        if self.kinds:
            kinds = tuple(self.kinds)
            c.append(Clause(f"kind IN ({_marks(kinds)})", kinds, lambda e: e.kind in kinds))
        elif not self.receipts:
            c.append(Clause("kind != 'command'", (), lambda e: e.kind != "command"))
        if self.keys:
            pairs = tuple(self.keys)
            # A subquery on the (kind, key) index: given an ORDER BY, the database would
            # otherwise walk every entry of the kind in effective order to find a few.
            c.append(Clause("position IN (SELECT position FROM view_journal WHERE "
                            + " OR ".join(["(kind = ? AND key = ?)"] * len(pairs)) + ")",
                            tuple(v for pair in pairs for v in pair),
                            lambda e: (e.kind, e.key) in pairs))
        if self.key_in is not None:
            wanted = tuple(sorted(set(self.key_in)))
            if not wanted:
                return [NOTHING]
            kinds = tuple(self.kinds)
            c.append(Clause("position IN (SELECT position FROM view_journal WHERE "
                            + (f"kind IN ({_marks(kinds)}) AND " if kinds else "")
                            + f"key IN ({_marks(wanted)}))", (*kinds, *wanted),
                            lambda e: e.key in wanted))
        if self.subject is not None:
            subject = self.subject
            c.append(Clause("position IN (SELECT position FROM view_subject WHERE subject = ?)",
                            (subject,), lambda e: subject in e.subjects))
        if self.subject_in is not None:
            among = tuple(self.subject_in)
            if not among:
                return [NOTHING]
            c.append(Clause("position IN (SELECT position FROM view_subject WHERE subject "
                            f"IN ({_marks(among)}))", among,
                            lambda e: any(s in among for s in e.subjects)))
        if self.topic:
            # lower() on both sides: SQLite's LIKE ignores the case of ASCII letters,
            # PostgreSQL's does not.
            part = _ascii_lower(self.topic)
            c.append(Clause(f"lower(topic) LIKE ? ESCAPE '{ESCAPE}'", ("%" + _like(part) + "%",),
                            lambda e: part in _ascii_lower(e.topic)))
        if self.actor is not None:
            actor = self.actor
            c.append(Clause("actor = ?", (actor,), lambda e: e.actor == actor))
        if self.on is not None:
            on = self.on
            c.append(Clause("effective <= ?", (on,), lambda e: e.effective <= on))
        if self.effective_from is not None:
            start = self.effective_from
            c.append(Clause("effective >= ?", (start,), lambda e: e.effective >= start))
        if self.effective_to is not None:
            end = self.effective_to
            c.append(Clause("effective <= ?", (end,), lambda e: e.effective <= end))
        if self.recorded_from:
            since = self.recorded_from
            c.append(Clause("recorded_at >= ?", (since,), lambda e: e.recorded_at >= since))
        if self.recorded_to:
            until = self.recorded_to
            c.append(Clause("recorded_at <= ?", (until,), lambda e: e.recorded_at <= until))
        return c

    def where(self, as_date: Callable[[date], Any]) -> tuple[list[str], list[Any]]:
        """The SQL conditions (to be joined with AND) and their parameters; `as_date` turns a
        date into the form the journal's `effective` column compares."""
        where: list[str] = []
        params: list[Any] = []
        for clause in self.clauses():
            where.append(clause.sql)
            params += [as_date(p) if isinstance(p, date) else p for p in clause.params]
        return where, params

    def matches(self, entry: Entry) -> bool:
        return all(clause.test(entry) for clause in self.clauses())

    def filter(self, entries: list[Entry]) -> list[Entry]:
        """The entries this selection keeps (the clauses built once, not per entry)."""
        tests = [clause.test for clause in self.clauses()]
        return [e for e in entries if all(t(e) for t in tests)]

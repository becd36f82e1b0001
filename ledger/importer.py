"""Bulk import: running the commands of an import file (`ledger/import_file.py`).

`command` names an application method (`party.add` is `Ledger.party_add`); `args` are its keyword
arguments. Without a `command_id`, one is derived from the command's content (and its ordinal among
identical commands in the file), so re-running a file never records anything twice. Each command
is atomic; the import stops at the first refused command, naming the file and line.

Commands are saved `BATCH` per transaction (`Ledger.batched`, ledger/application/batch.py): each is
built exactly as on its own and stays atomic, and a refused one leaves the commands before it
saved and nothing of itself. A JSON Lines file is read twice, line by line (once to check and
count every line before anything is written, once to run), so a file of any size fits in memory.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledger.envelope import make_envelope
from ledger.errors import LedgerError
from ledger.fitting import fit_args, method_for, text_or_none, text_value
from ledger.i18n import _
from ledger.import_file import Command, at, derive_command_id, iter_file, read_file

if TYPE_CHECKING:
    from ledger.domain.base import LedgerAggregate


@dataclass
class ImportResult:
    file: str
    commands: int = 0
    written: int = 0
    repeated: int = 0
    events: int = 0
    dry_run: bool = False
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


class ImportError_(LedgerError):
    """A command in an import file was refused; names file and line. `cause` is the refusal
    itself."""

    cause: LedgerError | None = None


BATCH = 1000  # commands saved per transaction by an import, at most


class Foresight:
    """Which aggregates a batch's commands will look up, learnt from the commands run before:
    a command that looked up a decision by the value of its argument `key` will do so again for
    the next line with that command. The batch then loads them all in one query instead of one
    query each (most are about to be created, so the answer is mostly "not there"). The batch
    records the id of every lookup (`Batch.looked`); an argument is learnt when the id an
    aggregate class gives its value is among them."""

    def __init__(self) -> None:
        self.learnt: dict[str, set[tuple[str, type[LedgerAggregate]]]] = {}
        self.lessons: dict[str, int] = {}
        self.misses: dict[tuple[str, str], int] = {}
        self._loaded = -1
        self._classes: list[type[LedgerAggregate]] = []

    LESSONS = 200  # commands of each name learnt from (optional arguments show up in time)

    def learn(self, cmd: Command, looked: list[Any]) -> None:
        lessons = self.lessons[cmd.name] = self.lessons.get(cmd.name, 0) + 1
        if not looked or lessons > self.LESSONS:
            looked.clear()
            return
        ids = set(looked)
        looked.clear()
        known = self.learnt.setdefault(cmd.name, set())
        for name, value in cmd.args.items():
            misses = self.misses.get((cmd.name, name), 0)
            if misses >= self.MISSES:
                continue  # an argument that never named what its command looked up
            matched = False
            for v in value if type(value) is list else (value,):
                if type(v) is not str or not v.strip():
                    continue
                for cls in self.classes():
                    if (name, cls) in known:
                        matched = True
                    elif cls.id_for(v.strip()) in ids:
                        known.add((name, cls))
                        matched = True
            if not matched:
                self.misses[(cmd.name, name)] = misses + 1

    MISSES = 8  # lessons after which an argument that never matched is no longer tried

    def classes(self) -> list[type[LedgerAggregate]]:
        """The aggregate classes loaded so far, found again only after a module was imported."""
        if self._loaded != len(sys.modules):
            self._loaded, self._classes = len(sys.modules), aggregate_classes()
        return self._classes

    def ids(self, cmd: Command) -> Iterator[Any]:
        for name, cls in self.learnt.get(cmd.name, ()):
            value = cmd.args.get(name)
            for v in value if type(value) is list else (value,):
                if type(v) is str and v.strip():
                    yield cls.id_for(v)


def aggregate_classes() -> list[type[LedgerAggregate]]:
    """The aggregate classes loaded so far (those with a kind of their own): the classes of every
    aggregate a command looked up are among them."""
    from ledger.domain.base import LedgerAggregate

    found: list[type[LedgerAggregate]] = []
    todo: list[type[LedgerAggregate]] = [LedgerAggregate]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if "KIND" in sub.__dict__:
                found.append(sub)
    return found


@dataclass
class _Pending:
    """A command built in the open batch, not yet saved."""

    cmd: Command
    method: Callable[..., Any]
    env: Any
    args: dict[str, Any]
    outcome: Any


class Importer:
    """Runs the commands of one import file in order, up to `batch` commands per transaction.
    Each command stays atomic: a refused one writes nothing, and nothing after it runs.

    The transactions grow: 1 command, then 2, 4, ... up to `batch`. A long import soon saves
    full batches; a short one (and the start of any) still saves as it goes, so that an
    interrupted import leaves the commands it got through."""

    def __init__(self, ledger: Any, path: str | Path, *, dry_run: bool = False,
                 progress: Callable[[int, int], None] | None = None,
                 actor: str | None = None, batch: int = BATCH):
        self.path, self.progress, self.actor = path, progress, actor
        if Path(path).suffix in (".jsonl", ".ndjson"):
            # Every line is read and checked before anything is written; then read again to run.
            self.total = sum(1 for _ in iter_file(path))
            self.whole: list[Command] | None = None
        else:
            self.whole = read_file(path)
            self.total = len(self.whole)
        if dry_run:
            from ledger.dryrun import DryRunLedger

            ledger = DryRunLedger(ledger.store)
            batch = 1  # a dry run's writes stay in memory anyway
        self.ledger, self.batch, self.dry_run = ledger, batch, dry_run
        self.result = ImportResult(str(path), self.total, dry_run=dry_run)
        self.seen: dict[Any, int] = {}  # derived command ids: identical commands counted
        self.window: list[_Pending] = []  # built in the open batch, saved at its flush
        self.foresight = Foresight()

    def commands(self) -> Iterator[Command]:
        return iter(self.whole) if self.whole is not None else iter_file(self.path)

    def run(self) -> ImportResult:
        if self.batch <= 1:
            for i, cmd in enumerate(self.commands(), start=1):
                try:
                    method, env, args = self.prepare(cmd)
                    self.count(method(env, **args))
                except LedgerError as err:
                    raise self.refused(cmd, err) from None
                self.advance(i)
            if self.dry_run:
                self.ledger.close()
            return self.result
        with self.ledger.batched():
            chunk: list[tuple[int, Command]] = []
            size = 1
            for i, cmd in enumerate(self.commands(), start=1):
                chunk.append((i, cmd))
                if len(chunk) >= size:
                    self.run_chunk(chunk)
                    chunk, size = [], min(2 * size, self.batch)
            self.run_chunk(chunk)
        return self.result

    def advance(self, i: int) -> None:
        if self.progress:
            self.progress(i, self.total)

    def prepare(self, cmd: Command) -> tuple[Callable[..., Any], Any, dict[str, Any]]:
        """The command's application method, its envelope and its fitted arguments."""
        method = method_for(self.ledger, cmd.name)
        args = fit_args(method, cmd.args)
        e = cmd.envelope
        refs = e.get("ref") or []
        env = make_envelope(
            actor=text_value(e.get("actor")) or self.actor, on=text_or_none(e.get("on")),
            refs=[refs] if isinstance(refs, str) else refs, reason=text_value(e.get("reason")),
            command_id=(text_value(e["command_id"]) if e.get("command_id") not in (None, "")
                        else derive_command_id(cmd, self.seen)),
            corrects=e.get("corrects"), on_name="on")
        return method, env, args

    def count(self, outcome: Any) -> None:
        if outcome.replayed:
            self.result.repeated += 1
        else:
            self.result.written += 1
            self.result.events += len(outcome.positions)

    def refused(self, cmd: Command, err: LedgerError) -> ImportError_:
        if isinstance(err, ImportError_):
            return err
        refusal = ImportError_(_("{where} ({command}): {refusal}").format(
            where=at(str(self.path), cmd.line), command=cmd.name, refusal=err.message),
            hint=err.hint)
        refusal.cause = err
        return refusal

    def settle(self) -> None:
        """Save the open batch. If another writer got in first, nothing of it was saved: run its
        commands again one by one, each on the ordinary path."""
        from ledger.application.batch import BatchConflict

        ledger, window = self.ledger, self.window
        try:
            ledger.flush()
            outcomes = [p.outcome for p in window]
        except BatchConflict:
            outcomes = []
            with ledger.unbatched():
                for p in window:
                    try:
                        outcomes.append(p.method(p.env, **p.args))
                    except LedgerError as err:
                        window.clear()
                        raise self.refused(p.cmd, err) from None
        for outcome in outcomes:
            self.count(outcome)
        window.clear()

    def run_chunk(self, chunk: list[tuple[int, Command]]) -> None:
        from ledger.application.batch import BatchConflict
        from ledger.domain.decision import Decision
        from ledger.domain.receipt import CommandReceipt

        ledger = self.ledger
        # Envelopes first, so that one query tells which command ids were used before.
        prepared: list[tuple[int, Command, Any]] = []
        for i, cmd in chunk:
            try:
                prepared.append((i, cmd, self.prepare(cmd)))
            except LedgerError as err:
                prepared.append((i, cmd, err))
                break
        wanted = [CommandReceipt.id_for(p[1].command_id) for _, _, p in prepared
                  if not isinstance(p, LedgerError)]
        for _n, cmd, p in prepared:
            wanted.extend(self.foresight.ids(cmd))
            if not isinstance(p, LedgerError):
                wanted.extend(Decision.id_for(k) for k in p[1].decision_refs())
        ledger.prefetch(wanted)
        looked = ledger.repository.batch.looked
        for i, cmd, p in prepared:
            try:
                if isinstance(p, LedgerError):
                    raise p
                method, env, args = p
                try:
                    outcome = method(env, **args)
                except BatchConflict:  # a flush inside the command met another writer
                    self.settle()
                    with ledger.unbatched():
                        outcome = method(env, **args)
                    self.count(outcome)
                else:
                    self.window.append(_Pending(cmd, method, env, args, outcome))
                self.foresight.learn(cmd, looked)
            except LedgerError as err:
                self.settle()
                raise self.refused(cmd, err) from None
            except BaseException:
                self.settle()
                raise
            self.advance(i)
        self.settle()


def run_import(ledger: Any, path: str | Path, *, dry_run: bool = False,
               progress: Callable[[int, int], None] | None = None,
               actor: str | None = None, batch: int = BATCH) -> ImportResult:
    """Run every command of the file (`Importer`)."""
    return Importer(ledger, path, dry_run=dry_run, progress=progress, actor=actor,
                    batch=batch).run()

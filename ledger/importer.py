"""Bulk import: a versioned file of write commands, the same commands as the CLI.

Format (YAML, or JSON Lines with one command object per line):

    format: ledger-import
    version: 1
    defaults: {actor: secretariaat}
    commands:
      - command: party.add
        on: 2021-10-05
        ref: [zaak:Z/21/000123]
        reason: ...
        command_id: optional-idempotency-key
        args: {kind: gemeente, name: Leiden, cbs: GM0546}

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

import hashlib
import inspect
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledger.envelope import _CONTROL, MAX_TEXT, check_text, make_envelope
from ledger.errors import InvalidInput, LedgerError

if TYPE_CHECKING:
    from ledger.domain.base import LedgerAggregate

FORMAT, VERSION = "ledger-import", 1
ENVELOPE_KEYS = {"command", "args", "on", "ref", "refs", "reason", "command_id", "actor", "corrects"}


@dataclass
class Command:
    line: int
    name: str
    args: dict[str, Any]
    envelope: dict[str, Any]


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
    """A command in an import file was refused; names file and line."""


def read_file(path: str | Path) -> list[Command]:
    return list(iter_file(path))


def iter_file(path: str | Path) -> Iterator[Command]:
    """The commands of a file, in order. A JSON Lines file is read line by line, never held in
    memory whole; a YAML file is read whole."""
    p = Path(path)
    if not p.is_file():
        raise InvalidInput(f"There is no file {p}.", hint="Give the path of a .yaml or .jsonl file.")
    if p.suffix in (".jsonl", ".ndjson"):
        try:
            with p.open("rb") as fh:
                yield from _read_jsonl(_utf8_lines(fh, str(p)), str(p))
        except OSError as e:
            raise InvalidInput(f"Cannot read {p}: {e.strerror}.") from None
        return
    try:
        text = p.read_bytes().decode("utf-8")
    except UnicodeDecodeError as e:
        line = p.read_bytes()[:e.start].count(b"\n") + 1
        raise InvalidInput(f"{p}, line {line}: the file is not UTF-8 text.",
                           hint="Save the import file as UTF-8.") from None
    except OSError as e:
        raise InvalidInput(f"Cannot read {p}: {e.strerror}.") from None
    yield from _read_yaml(text, str(p))


def _utf8_lines(raw: Iterable[bytes], name: str) -> Iterator[str]:
    """The lines of a binary file as text, split as `str.splitlines` would split the whole."""
    for n, line in enumerate(raw, start=1):
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidInput(f"{name}, line {n}: the file is not UTF-8 text.",
                               hint="Save the import file as UTF-8.") from None
        parts = text.splitlines()
        if len(parts) > 1:  # separators other than \n (\r, \x1c, \u2028, ...): rare
            yield from parts
        else:
            yield parts[0] if parts else ""


MAX_DEPTH = 32  # lists and mappings within each other; the parsers recurse, so check first


def _too_deep(name: str, line: int) -> InvalidInput:
    return InvalidInput(f"{name}, line {line}: lists or mappings are nested more than "
                        f"{MAX_DEPTH} deep.",
                        hint="A command's arguments are plain values, lists and mappings.")


def _check_json_depth(raw: str, name: str, line: int) -> None:
    if raw.count("[") + raw.count("{") <= MAX_DEPTH:
        return
    depth, in_text, escaped = 0, False, False
    for c in raw:
        if in_text:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                in_text = False
        elif c == '"':
            in_text = True
        elif c in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise _too_deep(name, line)
        elif c in "]}":
            depth -= 1


def _check_yaml_depth(text: str, loader: type, name: str) -> None:
    """Walk the parser's events (the parser does not recurse; the composer would)."""
    import yaml

    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise _too_deep(name, mark.line + 1 if mark is not None else 1)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _read_jsonl(lines: Iterable[str], name: str) -> Iterator[Command]:
    defaults: dict[str, Any] = {}
    for n, raw in enumerate(lines, start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        _check_json_depth(raw, name, n)
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as e:
            raise InvalidInput(f"{name}, line {n}: not valid JSON ({e.msg}).",
                               hint="Each line holds one JSON object.") from None
        if not isinstance(obj, dict):
            raise InvalidInput(f"{name}, line {n}: expected a JSON object.")
        if "format" in obj:
            _check_header(obj, name, n)
            defaults = _defaults(obj, name, n)
            continue
        yield _command(obj, defaults, name, n)


def _yaml_loader() -> type:
    """A safe YAML loader in which only true/false are booleans (YAML 1.1 would read the key
    `on:` as True, and `no` as False), dates are text and aliases are refused."""
    import re

    import yaml

    class Loader(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            # Aliases could make a small file expand without bound ("billion laughs").
            if self.check_event(yaml.AliasEvent):
                raise yaml.composer.ComposerError(
                    None, None, "aliases (*name) are not accepted",
                    self.peek_event().start_mark)
            return super().compose_node(parent, index)

    # Dates stay text, read by ledger.dates (YAML's own would crash on 2021-02-30).
    Loader.yaml_implicit_resolvers = {
        ch: [(tag, rx) for tag, rx in resolvers
             if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
        for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    Loader.add_implicit_resolver("tag:yaml.org,2002:bool",
                                 re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
    return Loader


def _read_yaml(text: str, name: str) -> Iterator[Command]:
    import yaml

    Loader = _yaml_loader()
    try:
        _check_yaml_depth(text, Loader, name)
        root = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        raise InvalidInput(f"{name}{where}: not valid YAML ({getattr(e, 'problem', e)}).") from None
    if root is None or not isinstance(root, yaml.MappingNode):
        raise InvalidInput(f"{name}: expected a mapping with format, version and commands.")
    loader = Loader("")
    doc: dict[str, Any] = {}
    commands_node = None
    for k, v in root.value:
        if not isinstance(k, yaml.ScalarNode):
            raise InvalidInput(f"{name}, line {k.start_mark.line + 1}: a key must be a plain word.")
        if k.value == "commands":
            commands_node = v
        else:
            doc[k.value] = loader.construct_object(v, deep=True)
    _check_header(doc, name, root.start_mark.line + 1)
    defaults = _defaults(doc, name, root.start_mark.line + 1)
    if commands_node is None or not isinstance(commands_node, yaml.SequenceNode):
        raise InvalidInput(f"{name}: there is no list of commands.")
    for node in commands_node.value:
        line = node.start_mark.line + 1
        obj = loader.construct_object(node, deep=True)
        if not isinstance(obj, dict):
            raise InvalidInput(f"{name}, line {line}: a command must be a mapping.")
        yield _command(obj, defaults, name, line)


def _check_header(doc: dict[str, Any], name: str, line: int) -> None:
    if doc.get("format") != FORMAT:
        raise InvalidInput(f"{name}, line {line}: this is not a ledger import file.",
                           hint=f"The file starts with format: {FORMAT} and version: {VERSION}.")
    if doc.get("version") != VERSION:
        raise InvalidInput(f"{name}, line {line}: import format version {doc.get('version')} "
                           f"is not supported.", hint=f"This ledger reads version {VERSION}.")


def _defaults(doc: dict[str, Any], name: str, line: int) -> dict[str, Any]:
    defaults = doc.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise InvalidInput(f"{name}, line {line}: defaults must be a mapping, e.g. "
                           "defaults: {actor: secretariaat}.")
    return defaults


def _command(obj: dict[str, Any], defaults: dict[str, Any], name: str, line: int) -> Command:
    unknown = {str(k) for k in obj} - ENVELOPE_KEYS
    if unknown:
        raise InvalidInput(f"{name}, line {line}: unknown field(s) {', '.join(sorted(unknown))}.",
                           hint="A command has command, args, on, ref, reason, command_id, actor.")
    if not isinstance(obj.get("command"), str):
        raise InvalidInput(f"{name}, line {line}: the command is missing.",
                           hint="Write command: party.add (see docs/import-format.md).")
    args = obj.get("args") or {}
    if not isinstance(args, dict):
        raise InvalidInput(f"{name}, line {line}: args must be a mapping.")
    env = {**{k: v for k, v in defaults.items() if k in ENVELOPE_KEYS},
           **{k: v for k, v in obj.items() if k not in ("command", "args")}}
    if "refs" in env:
        env["ref"] = env.pop("refs")
    return Command(line, obj["command"].strip(), args, env)


_COMMANDS: dict[str, str] = {}


def method_for(ledger: Any, name: str) -> Callable[..., Any]:
    if not _COMMANDS:
        from ledger.application import write_commands

        _COMMANDS.update(write_commands())
    attr = _COMMANDS.get(name)
    method: Callable[..., Any] | None = getattr(ledger, attr, None) if attr else None
    if method is None:
        raise InvalidInput(f"'{name}' is not a command the ledger knows.",
                           hint="See docs/import-format.md for the commands.")
    return method


def derive_command_id(cmd: Command, seen: dict[Any, int]) -> str:
    body = json.dumps({"command": cmd.name, "args": cmd.args,
                       **{k: cmd.envelope.get(k) for k in ("on", "ref", "reason", "corrects")}},
                      sort_keys=True, default=str, ensure_ascii=False)
    digest = hashlib.sha256(body.encode()).hexdigest()[:24]
    # Counted by a compact key: a million commands must not cost a million strings.
    key = int(digest, 16)
    seen[key] = seen.get(key, 0) + 1
    return f"import:{digest}:{seen[key]}"


BATCH = 1000  # commands saved per transaction by an import, at most


class Foresight:
    """Which aggregates a batch's commands will look up, learnt from the commands run before:
    a command that looked up a decision by the value of its argument `key` will do so again for
    the next line with that command. The batch then loads them all in one query instead of one
    query each (most are about to be created, so the answer is mostly "not there")."""

    def __init__(self) -> None:
        self.learnt: dict[str, set[tuple[str, type[LedgerAggregate]]]] = {}
        self.lessons: dict[str, int] = {}

    LESSONS = 200  # commands of each name learnt from (optional arguments show up in time)

    def learn(self, cmd: Command, looked: list[tuple[type[LedgerAggregate], str]]) -> None:
        lessons = self.lessons[cmd.name] = self.lessons.get(cmd.name, 0) + 1
        if not looked or lessons > self.LESSONS:
            looked.clear()
            return
        known = self.learnt.setdefault(cmd.name, set())
        for cls, key in looked:
            wanted = str(key).strip().casefold()
            for name, value in cmd.args.items():
                if (name, cls) not in known and any(
                        type(v) is str and v.strip().casefold() == wanted
                        for v in (value if type(value) is list else (value,))):
                    known.add((name, cls))
        looked.clear()

    def ids(self, cmd: Command) -> Iterator[Any]:
        for name, cls in self.learnt.get(cmd.name, ()):
            value = cmd.args.get(name)
            for v in value if type(value) is list else (value,):
                if type(v) is str and v.strip():
                    yield cls.id_for(v)


@dataclass
class _Pending:
    """A command built in the open batch, not yet saved."""

    cmd: Command
    method: Callable[..., Any]
    env: Any
    args: dict[str, Any]
    outcome: Any


def run_import(ledger: Any, path: str | Path, *, dry_run: bool = False,
               progress: Callable[[int, int], None] | None = None,
               actor: str | None = None, batch: int = BATCH) -> ImportResult:
    """Run every command of the file in order, up to `batch` commands per transaction. Each
    command stays atomic: a refused one writes nothing, and nothing after it runs.

    The transactions grow: 1 command, then 2, 4, ... up to `batch`. A long import soon saves
    full batches; a short one (and the start of any) still saves as it goes, so that an
    interrupted import leaves the commands it got through."""
    if Path(path).suffix in (".jsonl", ".ndjson"):
        # Every line is read and checked before anything is written; then read again to run.
        total = sum(1 for _ in iter_file(path))

        def commands() -> Iterator[Command]:
            return iter_file(path)
    else:
        whole = read_file(path)
        total = len(whole)

        def commands() -> Iterator[Command]:
            return iter(whole)
    result = ImportResult(str(path), total, dry_run=dry_run)
    if dry_run:
        from ledger.dryrun import DryRunLedger

        ledger = DryRunLedger(ledger.store)
        batch = 1  # a dry run's writes stay in memory anyway
    seen: dict[Any, int] = {}
    window: list[_Pending] = []  # built in this batch, saved at its flush

    def count(outcome: Any) -> None:
        if outcome.replayed:
            result.repeated += 1
        else:
            result.written += 1
            result.events += len(outcome.positions)

    def settle() -> None:
        """Save the open batch. If another writer got in first, nothing of it was saved: run its
        commands again one by one, each on the ordinary path."""
        from ledger.application.batch import BatchConflict

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
                        raise refused(p.cmd, err) from None
        for outcome in outcomes:
            count(outcome)
        window.clear()

    def refused(cmd: Command, err: LedgerError) -> ImportError_:
        if isinstance(err, ImportError_):
            return err
        return ImportError_(f"{path}, line {cmd.line} ({cmd.name}): {err.message}", hint=err.hint)

    def prepare(cmd: Command) -> tuple[Callable[..., Any], Any, dict[str, Any]]:
        method = method_for(ledger, cmd.name)
        args = fit_args(method, cmd.args)
        e = cmd.envelope
        refs = e.get("ref") or []
        env = make_envelope(
            actor=_text(e.get("actor")) or actor, on=_s(e.get("on")),
            refs=[refs] if isinstance(refs, str) else refs, reason=_text(e.get("reason")),
            command_id=(_text(e["command_id"]) if e.get("command_id") not in (None, "")
                        else derive_command_id(cmd, seen)),
            corrects=e.get("corrects"))
        return method, env, args

    def run_one(i: int, cmd: Command) -> None:
        method, env, args = prepare(cmd)
        outcome = method(env, **args)
        count(outcome)

    foresight = Foresight()

    def run_chunk(chunk: list[tuple[int, Command]]) -> None:
        from ledger.application.batch import BatchConflict
        from ledger.domain.decision import Decision
        from ledger.domain.receipt import CommandReceipt

        # Envelopes first, so that one query tells which command ids were used before.
        prepared: list[tuple[int, Command, Any]] = []
        for i, cmd in chunk:
            try:
                prepared.append((i, cmd, prepare(cmd)))
            except LedgerError as err:
                prepared.append((i, cmd, err))
                break
        wanted = [CommandReceipt.id_for(p[1].command_id) for _, _, p in prepared
                  if not isinstance(p, LedgerError)]
        for _, cmd, p in prepared:
            wanted.extend(foresight.ids(cmd))
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
                    settle()
                    with ledger.unbatched():
                        outcome = method(env, **args)
                    count(outcome)
                else:
                    window.append(_Pending(cmd, method, env, args, outcome))
                foresight.learn(cmd, looked)
            except LedgerError as err:
                settle()
                raise refused(cmd, err) from None
            except BaseException:
                settle()
                raise
            if progress:
                progress(i, total)
        settle()

    if batch <= 1:
        for i, cmd in enumerate(commands(), start=1):
            try:
                run_one(i, cmd)
            except LedgerError as err:
                raise refused(cmd, err) from None
            if progress:
                progress(i, total)
        if dry_run:
            ledger.close()
        return result
    with ledger.batched():
        chunk: list[tuple[int, Command]] = []
        size = 1
        for i, cmd in enumerate(commands(), start=1):
            chunk.append((i, cmd))
            if len(chunk) >= size:
                run_chunk(chunk)
                chunk, size = [], min(2 * size, batch)
        run_chunk(chunk)
    return result


def fit_args(method: Callable[..., Any], args: dict[str, Any]) -> dict[str, Any]:
    """The arguments of an import line, checked against the method's signature and types.

    YAML and JSON give any shape of value; the application's methods take text, whole numbers,
    true/false and lists of those. A whole number where text is expected becomes text (`key: 12`);
    anything else that does not fit (a list for a name, a decimal number, an amount written as
    0.5) is refused in a sentence naming the argument. Every piece of text must pass
    `check_text`: printable, and at most MAX_TEXT characters."""
    sig, names, required, open_ended, hints = _shape_of(method)
    if (not open_ended and not names.issuperset(args)) or not required.issubset(args):
        try:
            sig.bind(None, **args)  # its sentence names what does not fit
        except TypeError as e:
            raise InvalidInput(f"the arguments do not fit the command ({e}).",
                               hint="See docs/import-format.md for each command's arguments."
                               ) from None
    return {name: _fit(value, hints.get(name, Any), name) for name, value in args.items()}


_SHAPES: dict[Any, tuple[inspect.Signature, set[str], set[str], bool, dict[str, Any]]] = {}


def _shape_of(method: Callable[..., Any]
              ) -> tuple[inspect.Signature, set[str], set[str], bool, dict[str, Any]]:
    """A method's signature, its keyword names, the required ones, whether it takes any keyword,
    and the type of each parameter: worked out once per method."""
    import typing

    func = getattr(method, "__func__", method)
    shape = _SHAPES.get(func)
    if shape is None:
        sig = inspect.signature(method)
        params = list(sig.parameters.values())[1:]  # after env
        names = {p.name for p in params if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}
        required = {p.name for p in params if p.name in names and p.default is p.empty}
        open_ended = any(p.kind == p.VAR_KEYWORD for p in params)
        try:
            hints = typing.get_type_hints(method)
        except (NameError, TypeError):
            hints = {}
        hints = {k: v for k, v in hints.items() if k in names}
        shape = _SHAPES[func] = (sig, names, required, open_ended, hints)
    return shape


def _fit(value: Any, expected: Any, where: str) -> Any:
    if expected is str and type(value) is str:  # the common case, first
        return check_text(value, f"argument {where}")
    return _fit_any(value, expected, where)


def _fit_any(value: Any, expected: Any, where: str) -> Any:
    import types
    import typing
    from datetime import date
    from decimal import Decimal

    origin, members = typing.get_origin(expected), typing.get_args(expected)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in members:
            return None
        if type(value) is str and str in members and not _CONTROL.search(value) and \
                len(value) <= MAX_TEXT:  # the common case: text that passes `check_text`
            return value
        others = [m for m in members if m is not type(None)]
        if len(others) == 1:  # Optional[X]: X's own sentence says best what does not fit
            return _fit(value, others[0], where)
        for member in members:
            if member is not type(None):
                try:
                    return _fit(value, member, where)
                except InvalidInput:
                    continue
        raise _misfit(value, expected, where)
    if expected is str:
        if isinstance(value, str):
            return check_text(value, f"argument {where}")
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
    elif expected is bool:
        if isinstance(value, bool):
            return value
    elif expected is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif expected is date:
        if isinstance(value, date):
            return value
    elif expected is Decimal:
        if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
            return _plain(value, where)
    elif origin in (list, tuple, set) or expected in (list, tuple):
        if isinstance(value, list):
            item = members[0] if members else Any
            return [_fit(v, item, f"{where}[{i}]") for i, v in enumerate(value)]
    elif origin is dict or expected is dict:
        if isinstance(value, dict):
            item = members[1] if len(members) == 2 else Any
            return {str(k): _fit(v, item, f"{where}.{k}") for k, v in value.items()}
    else:
        return _plain(value, where)  # Any, or a type this check does not know: plain values
    raise _misfit(value, expected, where)


def _plain(value: Any, where: str) -> Any:
    """A plain value: text, whole number, true/false, nothing, or lists and mappings of those."""
    from datetime import date

    if value is None or isinstance(value, (bool, int, date)):
        return value
    if isinstance(value, str):
        return check_text(value, f"argument {where}")
    if isinstance(value, list):
        return [_plain(v, f"{where}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, dict):
        return {str(k): _plain(v, f"{where}.{k}") for k, v in value.items()}
    raise _misfit(value, None, where)


def _misfit(value: Any, expected: Any, where: str) -> InvalidInput:
    if isinstance(value, float):
        return InvalidInput(f"the argument {where} is a decimal number ({value!r:.40}), which the "
                            "ledger does not take.",
                            hint="Write amounts and other numbers with decimals as text in "
                            "quotes, e.g. '450.000' or '12,50'.")
    return InvalidInput(f"the argument {where} must be {_describe(expected)}, not "
                        f"{_kind(value)}.",
                        hint="See docs/import-format.md for each command's arguments.")


def _describe(expected: Any) -> str:
    import types
    import typing
    from datetime import date

    origin, members = typing.get_origin(expected), typing.get_args(expected)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(dict.fromkeys(_describe(m) for m in members if m is not type(None)))
    if origin in (list, tuple, set):
        return f"a list of {_describe(members[0]) if members else 'values'}"
    return {str: "text", int: "a whole number", bool: "true or false", date: "a date",
            dict: "a mapping"}.get(expected, "a plain value")


def _kind(value: Any) -> str:
    return {list: "a list", dict: "a mapping", bool: "true or false", int: "a whole number",
            float: "a decimal number", str: "text", type(None): "nothing"}.get(
        type(value), type(value).__name__)


def _text(value: Any) -> Any:
    """A whole number given where text is meant (`command_id: 12`) is that text."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _s(value: Any) -> Any:
    return None if value is None else str(value)

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
"""

from __future__ import annotations

import hashlib
import inspect
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ledger.envelope import make_envelope
from ledger.errors import InvalidInput, LedgerError

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
    p = Path(path)
    if not p.exists():
        raise InvalidInput(f"There is no file {p}.", hint="Give the path of a .yaml or .jsonl file.")
    text = p.read_text(encoding="utf-8")
    if p.suffix in (".jsonl", ".ndjson"):
        return list(_read_jsonl(text, str(p)))
    return list(_read_yaml(text, str(p)))


def _read_jsonl(text: str, name: str) -> Iterator[Command]:
    defaults: dict[str, Any] = {}
    for n, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as e:
            raise InvalidInput(f"{name}, line {n}: not valid JSON ({e.msg}).",
                               hint="Each line holds one JSON object.") from None
        if not isinstance(obj, dict):
            raise InvalidInput(f"{name}, line {n}: expected a JSON object.")
        if "format" in obj:
            _check_header(obj, name, n)
            defaults = obj.get("defaults") or {}
            continue
        yield _command(obj, defaults, name, n)


def _yaml_loader() -> type:
    """A safe YAML loader in which only true/false are booleans (YAML 1.1 would read the key
    `on:` as True, and `no` as False)."""
    import re

    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
        for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    Loader.add_implicit_resolver("tag:yaml.org,2002:bool",
                                 re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
    return Loader


def _read_yaml(text: str, name: str) -> Iterator[Command]:
    import yaml

    Loader = _yaml_loader()
    try:
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
        if k.value == "commands":
            commands_node = v
        else:
            doc[k.value] = loader.construct_object(v, deep=True)
    _check_header(doc, name, root.start_mark.line + 1)
    defaults = doc.get("defaults") or {}
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


def method_for(ledger: Any, name: str) -> Callable[..., Any]:
    from ledger.application import write_commands

    attr = write_commands().get(name)
    method = getattr(ledger, attr, None) if attr else None
    if method is None:
        raise InvalidInput(f"'{name}' is not a command the ledger knows.",
                           hint="See docs/import-format.md for the commands.")
    return method


def derive_command_id(cmd: Command, seen: dict[str, int]) -> str:
    body = json.dumps({"command": cmd.name, "args": cmd.args,
                       **{k: cmd.envelope.get(k) for k in ("on", "ref", "reason", "corrects")}},
                      sort_keys=True, default=str, ensure_ascii=False)
    digest = hashlib.sha256(body.encode()).hexdigest()[:24]
    seen[digest] = seen.get(digest, 0) + 1
    return f"import:{digest}:{seen[digest]}"


def run_import(ledger: Any, path: str | Path, *, dry_run: bool = False,
               progress: Callable[[int, int], None] | None = None,
               actor: str | None = None) -> ImportResult:
    commands = read_file(path)
    result = ImportResult(str(path), len(commands), dry_run=dry_run)
    if dry_run:
        from ledger.dryrun import DryRunLedger

        ledger = DryRunLedger(ledger.store)
    seen: dict[str, int] = {}
    for i, cmd in enumerate(commands, start=1):
        try:
            method = method_for(ledger, cmd.name)
            e = cmd.envelope
            refs = e.get("ref") or []
            env = make_envelope(
                actor=e.get("actor") or actor, on=_s(e.get("on")),
                refs=[refs] if isinstance(refs, str) else list(refs), reason=e.get("reason"),
                command_id=str(e["command_id"]) if e.get("command_id") else derive_command_id(cmd, seen),
                corrects=e.get("corrects"))
            outcome = _call(method, env, cmd.args)
            if outcome.replayed:
                result.repeated += 1
            else:
                result.written += 1
                result.events += len(outcome.positions)
        except LedgerError as err:
            raise ImportError_(f"{path}, line {cmd.line} ({cmd.name}): {err.message}",
                               hint=err.hint) from None
        if progress:
            progress(i, len(commands))
    if dry_run:
        ledger.close()
    return result


def _call(method: Callable[..., Any], env: Any, args: dict[str, Any]) -> Any:
    try:
        inspect.signature(method).bind(env, **args)
    except TypeError as e:
        raise InvalidInput(f"the arguments do not fit the command ({e}).",
                           hint="See docs/import-format.md for each command's arguments.") from None
    return method(env, **args)


def _s(value: Any) -> Any:
    return None if value is None else str(value)

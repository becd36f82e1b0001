"""The import file: a versioned file of write commands, the same commands as the CLI.

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

This module reads and checks a file into `Command`s (line, name, arguments, envelope) and derives
a command id for a command without one. `ledger/fitting.py` fits the arguments to the application
method; `ledger/importer.py` runs the commands.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ledger.errors import InvalidInput
from ledger.i18n import _, ngettext

FORMAT, VERSION = "ledger-import", 1
ENVELOPE_KEYS = {"command", "args", "on", "ref", "refs", "reason", "command_id", "actor", "corrects"}


@dataclass
class Command:
    line: int
    name: str
    args: dict[str, Any]
    envelope: dict[str, Any]


def read_file(path: str | Path) -> list[Command]:
    return list(iter_file(path))


def iter_file(path: str | Path) -> Iterator[Command]:
    """The commands of a file, in order. A JSON Lines file is read line by line, never held in
    memory whole; a YAML file is read whole."""
    p = Path(path)
    if not p.is_file():
        raise InvalidInput(_("There is no file {path}.").format(path=p),
                           hint=_("Give the path of a .yaml or .jsonl file."))
    if p.suffix in (".jsonl", ".ndjson"):
        try:
            with p.open("rb") as fh:
                yield from _read_jsonl(_utf8_lines(fh, str(p)), str(p))
        except OSError as e:
            raise InvalidInput(_("Cannot read {path}: {reason}.").format(
                path=p, reason=e.strerror)) from None
        return
    try:
        text = p.read_bytes().decode("utf-8")
    except UnicodeDecodeError as e:
        line = p.read_bytes()[:e.start].count(b"\n") + 1
        raise InvalidInput(_("{where}: the file is not UTF-8 text.").format(
            where=at(str(p), line)), hint=_("Save the import file as UTF-8.")) from None
    except OSError as e:
        raise InvalidInput(_("Cannot read {path}: {reason}.").format(
            path=p, reason=e.strerror)) from None
    yield from _read_yaml(text, str(p))


def _utf8_lines(raw: Iterable[bytes], name: str) -> Iterator[str]:
    """The lines of a binary file as text, split as `str.splitlines` would split the whole."""
    for n, line in enumerate(raw, start=1):
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidInput(_("{where}: the file is not UTF-8 text.").format(
                where=at(name, n)), hint=_("Save the import file as UTF-8.")) from None
        parts = text.splitlines()
        if len(parts) > 1:  # separators other than \n (\r, \x1c, \u2028, ...): rare
            yield from parts
        else:
            yield parts[0] if parts else ""


MAX_DEPTH = 32  # lists and mappings within each other; the parsers recurse, so check first


def _too_deep(name: str, line: int) -> InvalidInput:
    return InvalidInput(_("{where}: lists or mappings are nested more than {depth} deep.").format(
        where=at(name, line), depth=MAX_DEPTH),
        hint=_("A command's arguments are plain values, lists and mappings."))


def at(name: str, line: int) -> str:
    """Where in an import file: its name and a line, in the language in use."""
    return _("{file}, line {line}").format(file=name, line=line)


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
            raise InvalidInput(_("{where}: not valid JSON ({reason}).").format(
                where=at(name, n), reason=e.msg), hint=_("Each line holds one JSON object.")) \
                from None
        if not isinstance(obj, dict):
            raise InvalidInput(_("{where}: expected a JSON object.").format(where=at(name, n)),
                               hint=_("Each line holds one JSON object."))
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
                    None, None, _("aliases (*name) are not accepted"),
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
        where = at(name, mark.line + 1) if mark else name
        raise InvalidInput(_("{where}: not valid YAML ({reason}).").format(
            where=where, reason=getattr(e, "problem", e))) from None
    if root is None or not isinstance(root, yaml.MappingNode):
        raise InvalidInput(_("{where}: expected a mapping with format, version and commands."
                             ).format(where=name),
                           hint=_("See docs/import-format.md for the layout of an import file."))
    loader = Loader("")
    doc: dict[str, Any] = {}
    commands_node = None
    for k, v in root.value:
        if not isinstance(k, yaml.ScalarNode):
            raise InvalidInput(_("{where}: a key must be a plain word.").format(
                where=at(name, k.start_mark.line + 1)))
        if k.value == "commands":
            commands_node = v
        else:
            doc[k.value] = loader.construct_object(v, deep=True)
    _check_header(doc, name, root.start_mark.line + 1)
    defaults = _defaults(doc, name, root.start_mark.line + 1)
    if commands_node is None or not isinstance(commands_node, yaml.SequenceNode):
        raise InvalidInput(_("{where}: there is no list of commands.").format(where=name),
                           hint=_("See docs/import-format.md for the layout of an import file."))
    for node in commands_node.value:
        line = node.start_mark.line + 1
        obj = loader.construct_object(node, deep=True)
        if not isinstance(obj, dict):
            raise InvalidInput(_("{where}: a command must be a mapping.").format(
                where=at(name, line)),
                hint=_("Write command: party.add (see docs/import-format.md)."))
        yield _command(obj, defaults, name, line)


def _check_header(doc: dict[str, Any], name: str, line: int) -> None:
    if doc.get("format") != FORMAT:
        raise InvalidInput(_("{where}: this is not a ledger import file.").format(
            where=at(name, line)), hint=_("The file starts with format: {format} and version: "
                                          "{version}.").format(format=FORMAT, version=VERSION))
    if doc.get("version") != VERSION:
        raise InvalidInput(_("{where}: import format version {found} is not supported.").format(
            where=at(name, line), found=doc.get("version")),
            hint=_("This ledger reads version {version}.").format(version=VERSION))


def _defaults(doc: dict[str, Any], name: str, line: int) -> dict[str, Any]:
    defaults = doc.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise InvalidInput(_("{where}: defaults must be a mapping.").format(where=at(name, line)),
                           hint=_("Write for example {example}.").format(
                               example="defaults: {actor: secretariaat}"))
    return defaults


def _command(obj: dict[str, Any], defaults: dict[str, Any], name: str, line: int) -> Command:
    unknown = {str(k) for k in obj} - ENVELOPE_KEYS
    if unknown:
        raise InvalidInput(ngettext("{where}: unknown field {fields}.",
                                    "{where}: unknown fields {fields}.", len(unknown)).format(
            where=at(name, line), fields=", ".join(sorted(unknown))),
            hint=_("A command has command, args, on, ref, reason, command_id, actor."))
    if not isinstance(obj.get("command"), str):
        raise InvalidInput(_("{where}: the command is missing.").format(where=at(name, line)),
                           hint=_("Write command: party.add (see docs/import-format.md)."))
    args = obj.get("args") or {}
    if not isinstance(args, dict):
        raise InvalidInput(_("{where}: args must be a mapping.").format(where=at(name, line)),
                           hint=_("A command's arguments are plain values, lists and mappings."))
    env = {**{k: v for k, v in defaults.items() if k in ENVELOPE_KEYS},
           **{k: v for k, v in obj.items() if k not in ("command", "args")}}
    if "refs" in env:
        env["ref"] = env.pop("refs")
    return Command(line, obj["command"].strip(), args, env)


def derive_command_id(cmd: Command, seen: dict[Any, int]) -> str:
    body = json.dumps({"command": cmd.name, "args": cmd.args,
                       **{k: cmd.envelope.get(k) for k in ("on", "ref", "reason", "corrects")}},
                      sort_keys=True, default=str, ensure_ascii=False)
    digest = hashlib.sha256(body.encode()).hexdigest()[:24]
    # Counted by a compact key: a million commands must not cost a million strings.
    key = int(digest, 16)
    seen[key] = seen.get(key, 0) + 1
    return f"import:{digest}:{seen[key]}"

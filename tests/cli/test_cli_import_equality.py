"""One command, one event: every documented write command (the story of docs/import-format.md,
which holds an example of each) is recorded once through the command line and once through
`ledger import`, into two fresh ledgers; the stored events must be equal field by field, the
recorded time and the login that wrote them aside. On SQLite and PostgreSQL.

The command line for each import command is derived from the command's own declaration (its
typer parameters: an argument is given in place, a list option once per item, a flag when
true); the few arguments that the command line spells differently are named in `SPELLED`.
Both runs give each command the same command id, so the command receipts are compared too."""

from __future__ import annotations

import importlib
import inspect
import json
from datetime import date
from typing import Any, get_type_hints

import typer
from typer.testing import CliRunner

from commands.main import app
from ledger.application import open_ledger
from ledger.importer import Command, read_file, run_import
from ledger.storage import RawLog
from tests.cli.test_import_doc import story_file

# import argument -> (command-line parameter, how one value is written), where they differ
SPELLED: dict[str, dict[str, tuple[str, Any]]] = {
    "budget.fund": {"source_kind": ("kind", None),
                    "shares": ("share", lambda v: [f"{p}:{a}" for p, a in v.items()])},
    "programme.create": {"public_values": ("value", None)},
    "report.text": {"text": ("text_", None),
                    "items": ("item", lambda v: [f"{i['label']}|{','.join(i['rows'])}|{i['text']}"
                                                 if isinstance(i, dict) else i for i in v])},
    "key.add": {"actor": ("holder", None)},
    "key.revoke": {"actor": ("holder", None)},
    "agreement.create": {"percentages": ("percentage",
                                         lambda v: [f"{p}={n}" for p, n in v.items()])},
    "agreement.amend": {"percentages": ("percentage",
                                        lambda v: [f"{p}={n}" for p, n in v.items()]),
                        "drop_reporting": ("no_reporting", None)},
}


def _path(*parts: Any) -> str:
    return "/".join(str(p) for p in parts if p not in (None, ""))


# import arguments -> command-line parameters, for commands that name their subject by a path
# (`PROGRAMME/CODE`, `KEY/1.2`) or call an argument otherwise
COMPOSED: dict[str, Any] = {
    "workstream.add": lambda a: {"workstream": _path(a.pop("programme"), a.pop("code")), **a},
    "workstream.begroting": lambda a: {"workstream": _path(a.pop("programme"), a.pop("code")),
                                       "name": a.pop("begroting"), **a},
    "workstream.topic": lambda a: {"workstream": _path(a.pop("programme"), a.pop("workstream")),
                                   **a},
    "workstream.status": lambda a: {"topic_key": a.pop("topic"), "status_": a.pop("status", None),
                                    **a},
    "workstream.classify": lambda a: {"topic_key": a.pop("topic"), **a},
    "decision.classify": lambda a: {"identificatie": a.pop("decision"), **a},
    "meekoppel.status": lambda a: {"new": a.pop("status"), **a},
    "budget.reserve": lambda a: {"id_": a.pop("reservation", None), **a},
    "budget.assert": lambda a: {"id_": a.pop("assertion", None), **a},
    "routekaart.weg": lambda a: {"target": _path(a.pop("key"), a.pop("number", None)), **a},
    "routekaart.stap": lambda a: {"target": _path(a.pop("key"), a.pop("stap")), **a},
    "routekaart.status": lambda a: {"target": _path(a.pop("key"), a.pop("target")),
                                    "new_status": a.pop("status"), **a},
    "routekaart.actie": lambda a: {"target": _path(a.pop("key"), a.pop("target")), **a},
    "routekaart.output": lambda a: {"target": _path(a.pop("key"), a.pop("target")), **a},
    "report.issue": lambda a: {"report_on": a.pop("on", None), **a},
    "routekaart.due": lambda a: {"target": _path(a.pop("key"), a.pop("target")),
                                 "date_": a.pop("due"), **a},
}


def text(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def parameters(name: str) -> dict[str, tuple[bool, str | None]]:
    """The command's own parameters: name -> (is an argument, its option flag)."""
    group, verb = name.split(".", 1)
    module = importlib.import_module(f"commands.{group}")
    info = next(c for c in module.app.registered_commands if c.name == verb)
    fn = info.callback.fn  # the declared function (commands/declare.py)
    hints = get_type_hints(fn, include_extras=True)
    found = {}
    for p in list(inspect.signature(fn).parameters.values())[1:]:
        meta = [m for m in getattr(hints[p.name], "__metadata__", ())
                if isinstance(m, (typer.models.ArgumentInfo, typer.models.OptionInfo))]
        if meta and isinstance(meta[0], typer.models.ArgumentInfo):
            found[p.name] = (True, None)
        else:
            given = [meta[0].default, *(meta[0].param_decls or ())] if meta else []
            decls = [d for d in given if isinstance(d, str) and d.startswith("--")]
            found[p.name] = (False, decls[0] if decls else "--" + p.name.replace("_", "-"))
    return found


def argv(cmd: Command, command_id: str) -> list[str]:
    """The command line that asks for what the import command asks."""
    params = parameters(cmd.name)
    spelled = SPELLED.get(cmd.name, {})
    positional: dict[str, str] = {}
    options: list[str] = []
    args = dict(cmd.args)
    if cmd.name in COMPOSED:
        args = COMPOSED[cmd.name](args)
    for arg, value in args.items():
        if value is None:
            continue
        param, write = spelled.get(arg, (arg, None))
        for singular in (param[:-1], param[:-3] + "y"):  # a list is given one item at a time
            if param not in params and param.endswith("s") and singular in params:
                param = singular
        arguments = [n for n, (is_argument, _) in params.items() if is_argument]
        if param not in params and arg == "key" and len(arguments) == 1:
            param = arguments[0]  # the subject named in place: `party correct ZH`
        assert param in params, f"{cmd.name}: no parameter for {arg}"
        is_argument, flag = params[param]
        values = write(value) if write else value
        if is_argument:
            positional[param] = text(values)
        elif isinstance(values, bool):
            if values:
                options.append(str(flag))
        elif isinstance(values, list):
            for v in values:
                options += [str(flag), text(v)]
        else:
            options += [str(flag), text(values)]
    env = cmd.envelope
    if env.get("on") is not None:
        options += ["--on", text(env["on"])]
    for ref in env.get("ref") or []:
        options += ["--ref", ref]
    if env.get("reason"):
        options += ["--reason", env["reason"]]
    group, verb = cmd.name.split(".", 1)
    in_place = [positional[n] for n in params if n in positional]  # in the declared order
    return [group, verb, *in_place, *options, "--actor", "secretariaat-wrl",
            "--command-id", command_id]


def stored(store) -> list[dict[str, Any]]:
    """Every stored event, its recorded time (and nothing else) left out; the login that wrote
    it is not part of the event's bytes."""
    out = []
    with RawLog(store) as raw:
        for row in raw.rows():
            state = json.loads(bytes(row.state))
            state.pop("timestamp", None)
            if row.topic.endswith("IssuedReport.Issued"):
                # An issued report names the ledger's fingerprint and its tree's root (and a
                # checkpoint signed with it), and the document printed the fingerprint: the chain
                # and the tree cover every event's bytes, recorded times included.
                state.pop("fingerprint"), state.pop("content_hash"), state.pop("tree_root")
                state.pop("checkpoint")
            out.append({"position": row.position, "originator_id": str(row.originator_id),
                        "version": row.version, "topic": row.topic, "state": state})
    return out


def test_every_documented_command_builds_the_same_events_through_the_cli_and_the_import(
        store, tmp_path, monkeypatch):
    from ledger.application import init_store
    from ledger.storage import parse_url

    story = read_file(story_file(tmp_path))
    ids = [f"equality-{n}" for n in range(len(story))]
    # Through the import (each command with its command id), into the `store` fixture's ledger:
    with_ids = tmp_path / "with-ids.yaml"
    lines = ["format: ledger-import", "version: 1", "defaults: {actor: secretariaat-wrl}",
             "commands:"]
    for cmd, cid in zip(story, ids, strict=True):
        entry = {"command": cmd.name, "command_id": cid, "args": cmd.args,
                 **{("refs" if k == "ref" else k): v for k, v in cmd.envelope.items()
                    if k != "actor" and v is not None}}
        lines.append("  - " + json.dumps(entry, default=text, ensure_ascii=False))
    with_ids.write_text("\n".join(lines) + "\n", encoding="utf-8")
    imported = open_ledger(store)
    try:
        run_import(imported, with_ids)
    finally:
        imported.close()
    # Through the command line, into a second fresh ledger on the same database:
    if store.kind == "sqlite":
        other = parse_url(f"sqlite:///{tmp_path}/cli.db")
    else:
        other = parse_url(store.url.replace(store.schema, store.schema + "_cli"))
    init_store(other)
    monkeypatch.setenv("LEDGER_DB", other.url)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    try:
        for cmd, cid in zip(story, ids, strict=True):
            line = argv(cmd, cid)
            result = runner.invoke(app, line)
            assert result.exit_code == 0, (line, result.output)
        a, b = stored(store), stored(other)
        assert len(a) == len(b)
        for x, y in zip(a, b, strict=True):
            differing = {k: (x["state"].get(k), y["state"].get(k))
                         for k in set(x["state"]) | set(y["state"])
                         if x["state"].get(k) != y["state"].get(k)}
            assert x == y, (x["topic"], differing)
    finally:
        if other.kind == "postgresql":
            with RawLog(other) as raw:
                raw.conn.execute(f'DROP SCHEMA IF EXISTS "{other.schema}" CASCADE')
                raw.conn.commit()

"""The `ledger` program starts light (commands/lazy.py, commands/coercion.py, the plain write
confirmation, reads that skip the write side): it must say and do exactly what typer's fully
built tree, typer's own value conversion and rich would. No timings here; what each kind of run
imports is checked instead, since that is what makes it start fast."""

import io
import re
import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest
import typer.main
from typer.testing import CliRunner

from commands import coercion
from commands.lazy import Deferred, lazy_command
from commands.main import app

ROOT = Path(__file__).resolve().parents[2]


def describe(cmd, ctx):
    """What a user can see of a command: its help, its options (all their settings) and, for a
    group, the same of every command below it."""
    import typer._click as click

    out = {"name": cmd.name, "help": cmd.help, "short_help": cmd.get_short_help_str(),
           "hidden": cmd.hidden, "deprecated": cmd.deprecated, "epilog": cmd.epilog,
           "params": [(p.name, p.opts, p.secondary_opts, p.required, p.default, p.nargs,
                       p.multiple, getattr(p, "help", None), getattr(p, "is_flag", None),
                       getattr(p, "hidden", None), p.get_help_record(ctx))
                      for p in cmd.get_params(ctx)]}
    if hasattr(cmd, "list_commands"):
        out["commands"] = {}
        for name in cmd.list_commands(ctx):
            sub = cmd.get_command(ctx, name)  # a placeholder in the lazy tree
            real = sub.real() if isinstance(sub, Deferred) else sub
            listing = (sub.name, sub.help, sub.get_short_help_str(), sub.hidden, sub.deprecated)
            out["commands"][name] = {"listing": listing, **describe(
                real, click.Context(real, info_name=name, parent=ctx))}
    return out


def test_the_lazy_tree_lists_exactly_the_commands_and_options_of_the_full_one():
    import typer._click as click

    full, lazy = typer.main.get_command(app), lazy_command(app)
    assert not isinstance(full.commands["party"], Deferred)
    assert all(isinstance(c, Deferred) for c in lazy.commands.values())
    assert describe(lazy, click.Context(lazy, info_name="ledger")) == describe(
        full, click.Context(full, info_name="ledger"))


def run_ledger(code, args, cwd):
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          cwd=cwd, env={"PATH": "/usr/bin:/bin", "LEDGER_ACTOR": "test",
                                        "PYTHONPATH": str(ROOT)})
    return done.returncode, done.stdout, done.stderr


LAZY = "from commands.main import run; run()"
FULL = "from commands.main import app; app(prog_name='ledger')"


@pytest.mark.parametrize("args", [
    ["--help"], [], ["party"], ["party", "--help"], ["party", "add", "--help"],
    ["audit", "verify", "--help"], ["log", "--help"], ["party", "ad"], ["nosuch"],
    ["log", "--limit", "0"], ["log", "--limit", "x"], ["party", "add", "Leiden"],
])
def test_the_ledger_program_answers_as_the_full_tree(args, tmp_path):
    assert run_ledger(LAZY, args, tmp_path) == run_ledger(FULL, args, tmp_path)


def test_the_ledger_program_writes_and_reads_as_the_full_tree(tmp_path):
    def session(code, name):
        db = f"sqlite:///{tmp_path}/{name}.db"
        steps = [["--db", db, "init"],
                 ["--db", db, "party", "add", "Leiden", "--kind", "gemeente", "--cbs", "GM0546",
                  "--on", "2021-01-01", "--ref", "doc:1", "--ref", "doc:2"],
                 ["--db", db, "party", "add", "Leiden", "--kind", "gemeente", "--cbs", "GM0546"],
                 ["--db", db, "party", "population", "GM0546", "--peildatum", "2021-01-01",
                  "--inwoners", "125574", "--source", "CBS", "--command-id", "p-1"],
                 ["--db", db, "party", "population", "GM0546", "--peildatum", "2021-01-01",
                  "--inwoners", "125574", "--source", "CBS", "--command-id", "p-1"],
                 ["--db", db, "party", "show", "gm0546", "--json"],
                 ["--db", db, "party", "show", "GM0546"],
                 ["--db", db, "log", "--limit", "2", "--json"]]
        results = []
        for step in steps:
            rc, out, err = run_ledger(code, step, tmp_path)
            out = re.sub(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d[.\d+:]*", "TIME", out)
            results.append((rc, out.replace(name, "NAME"), err.replace(name, "NAME")))
        return results

    assert session(LAZY, "lazy") == session(FULL, "full")


SAMPLES = {
    str: ["Leiden", "", " spaced ", "’s-Gravenhage", "a\tb", "[bold]x[/]", "x" * 5000],
    int: [0, 7, "0", "7", "007", "123456789012345678", "1234567890123456789", "-1", " 5", "+5",
          "1_000", "abc", "", "9" * 30, "٣", True],
    bool: [True, False, "true", "no", "1"],
}


def every_param():
    import typer._click as click

    def walk(cmd, ctx):
        for p in cmd.get_params(ctx):
            if hasattr(p, "type_descriptor"):
                yield p, ctx
        for name in getattr(cmd, "list_commands", lambda c: [])(ctx):
            sub = cmd.get_command(ctx, name)
            yield from walk(sub, click.Context(sub, info_name=name, parent=ctx))

    root = typer.main.get_command(app)
    yield from walk(root, click.Context(root, info_name="ledger"))


def outcome(runtime, value, param, ctx):
    try:
        return "ok", runtime._coerce_value(value, param=param, ctx=ctx)
    except Exception as e:
        return type(e).__name__, str(e)


def test_plain_conversion_gives_what_typer_gives():
    checked = 0
    for param, ctx in every_param():
        desc = param.type_descriptor
        fast = coercion.plain_runtime_param(desc)
        if not isinstance(fast, coercion.PlainRuntimeParam):
            continue
        slow = coercion._typer_runtime_param(desc)
        kind = get_args(desc.annotation)[0] if fast.many else desc.annotation
        values = SAMPLES[kind] + ([SAMPLES[kind][:3], tuple(SAMPLES[kind])] if fast.many else [])
        for value in values:
            assert outcome(fast, value, param, ctx) == outcome(slow, value, param, ctx), (
                param.name, value)
            checked += 1
    assert checked > 500


@pytest.mark.parametrize("line,dim", [
    ("Vastgelegd: partij GM0546 (Leiden, gemeente), per 1 januari 2021", "(gebeurtenis #1)."),
    ("Vastgelegd: partij ZH (Provincie Zuid-Holland, ’s-Gravenhage en Coöperatie)",
     "(gebeurtenis #2)."),
    ("Al vastgelegd (opdrachtnummer demo-1): partij GM0546, gebeurtenis #1. Er is niets nieuws "
     "vastgelegd.", ""),
    ("Vastgelegd: " + "a very long name " * 20, "(gebeurtenissen #3 en #4)."),
    ("Vastgelegd: 日本語の名前 and trailing spaces  ", "(gebeurtenis #5)."),
    ("Vastgelegd: partij [bold]X[/bold] :smile: a\\b", "(gebeurtenis #6)."),
    ("Vastgelegd: time 12:30:00", "(gebeurtenis #7)."),
])
def test_a_plain_confirmation_is_what_rich_would_print(line, dim, capsys):
    from rich.console import Console
    from rich.markup import escape

    from commands.common import say

    expected = io.StringIO()
    Console(file=expected, highlight=False, soft_wrap=True).print(
        escape(line) + (f" [dim]{escape(dim)}[/dim]" if dim else ""))
    say(line, dim=dim)
    assert capsys.readouterr().out == expected.getvalue()


def imported(args, cwd):
    code = ("import sys\nfrom commands.main import run\nsys.argv = ['ledger', *sys.argv[1:]]\n"
            "try:\n    run()\nexcept SystemExit:\n    pass\n"
            "print('\\n' + ' '.join(sorted(sys.modules)), file=sys.stderr)")
    rc, out, err = run_ledger(code, args, cwd)
    return set(err.rsplit("\n", 2)[-2].split())


def test_what_each_kind_of_run_imports(tmp_path):
    """Help imports no library beyond typer; a write imports eventsourcing and the aggregates it
    needs, nothing else heavy; a read of an up-to-date ledger imports neither eventsourcing nor
    SQLAlchemy nor any aggregate."""
    runner = CliRunner()
    db = f"sqlite:///{tmp_path}/l.db"
    assert runner.invoke(app, ["--db", db, "init"]).exit_code == 0

    def libraries(modules):
        return {m.split(".")[0] for m in modules} & {
            "sqlalchemy", "eventsourcing", "pydantic", "rich", "psycopg"}

    def aggregates(modules):
        return {m for m in modules if m.startswith("ledger.domain.")}

    for help_ in (["--help"], ["party", "add", "--help"]):
        found = imported(help_, tmp_path)
        assert (libraries(found), aggregates(found)) == (set(), set())
    write = imported(["--db", db, "party", "add", "Leiden", "--kind", "gemeente", "--cbs",
                      "GM0546", "--on", "2021-01-01"], tmp_path)
    assert libraries(write) == {"eventsourcing"}
    assert aggregates(write) == {"ledger.domain.base", "ledger.domain.receipt",
                                 "ledger.domain.party"}
    assert runner.invoke(app, ["--db", db, "party", "list"]).exit_code == 0  # catches up
    for read in (["party", "show", "GM0546"], ["decision", "show", "X", "--json"]):
        found = imported(["--db", db, *read], tmp_path)
        assert libraries(found) <= {"rich"} and aggregates(found) == set()


def test_the_reading_columns_and_tables_are_the_declared_ones():
    from projections import reading, tables

    assert reading.JOURNAL_COLUMNS == tuple(c.name for c in tables.journal.columns)
    assert set(reading.READ_TABLES) == set(tables.metadata.tables)


def test_the_commands_bound_positions_as_the_chain_does():
    from commands import system
    from ledger import chain

    assert system.MAX_POSITION == chain.MAX_POSITION

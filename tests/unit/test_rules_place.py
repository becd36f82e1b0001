"""Rules in one place: `ledger/rules/` holds pure functions (no eventsourcing, no storage), the
views and the read commands import no aggregate and no eventsourcing, and every rule that
refuses has a public `check_*` name."""

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def modules_under(package: str) -> list[str]:
    folder = ROOT.joinpath(*package.split("."))
    return sorted(f"{package}.{p.stem}" for p in folder.glob("*.py") if p.stem != "__init__")


def imported_after(modules: list[str]) -> set[str]:
    """The modules loaded by a fresh interpreter after importing `modules`."""
    code = ("import importlib, json, sys\n"
            f"for m in {modules!r}:\n    importlib.import_module(m)\n"
            "print(json.dumps(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_every_view_and_command_module_imports_neither_eventsourcing_nor_an_aggregate():
    mods = modules_under("projections") + modules_under("commands")
    assert "projections.budget" in mods and "commands.decision" in mods
    loaded = imported_after(mods)
    assert set(mods) <= loaded
    assert not {m for m in loaded if m == "eventsourcing" or m.startswith("eventsourcing.")}
    assert not {m for m in loaded if m.startswith("ledger.domain")}


def test_the_rules_import_no_eventsourcing_no_storage_and_no_aggregate():
    mods = modules_under("ledger.rules")
    assert {"ledger.rules.finance", "ledger.rules.reservation", "ledger.rules.routekaart",
            "ledger.rules.agreement", "ledger.rules.decision"} <= set(mods)
    loaded = imported_after(mods)
    heavy = {m.split(".")[0] for m in loaded} & {"eventsourcing", "sqlalchemy", "psycopg",
                                                 "sqlite3", "typer", "rich"}
    assert heavy == set()
    assert not {m for m in loaded if m.startswith(("ledger.domain", "projections", "commands",
                                                   "ledger.application"))}


def test_the_views_take_their_rules_from_ledger_rules_not_from_the_aggregates():
    for path in sorted((ROOT / "projections").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("ledger.domain") or node.module == \
                    "ledger.domain.base" and path.name == "rows.py", (path.name, node.module)


def test_no_rule_is_a_private_check_method():
    """docs/architecture.md promises `check_*`: a rule that refuses is public, so a view, a test
    or another aggregate can ask it."""
    found = []
    for folder in ("ledger/domain", "ledger/rules", "ledger/application"):
        for path in sorted((ROOT / folder).glob("*.py")):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and \
                        node.name.startswith("_check"):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert found == []

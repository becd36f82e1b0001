"""Nothing in the code names one example: the names of the Leidse regio's programme and parties
live in the demo files (`ledger/demo/*.yaml`), in docs and in docstrings and comments only."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORDS = ("WRL", "Leidse", "Voorschoten", "GM0546")


def docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def test_no_code_outside_the_demo_files_names_the_first_example():
    hits = []
    for folder in ("ledger", "commands", "projections"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            skip = docstrings(tree)
            for node in ast.walk(tree):
                text = None
                if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                        and id(node) not in skip:
                    text = node.value
                elif isinstance(node, ast.Name):
                    text = node.id
                if text and any(w in text for w in WORDS):
                    hits.append(f"{path.relative_to(ROOT)}:{node.lineno}: {text[:60]!r}")
    assert hits == []

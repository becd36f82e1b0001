"""docs/import-format.md cannot drift from the code: every write command has an example there, the
examples (every ```yaml block that is a list of commands, in document order) form one import
file that a fresh ledger accepts command by command on both databases, and the complete file
examples (the YAML file and the JSON Lines file) import as well."""

import re
import textwrap
from pathlib import Path

import pytest
import yaml

from ledger.application import open_ledger
from ledger.application import write_commands as commands
from ledger.errors import LedgerError
from ledger.import_file import read_file
from ledger.importer import run_import

DOC = Path(__file__).resolve().parents[2] / "docs" / "import-format.md"
FENCE = re.compile(r"^```(?P<lang>[a-z]+)\n(?P<body>.*?)^```", re.S | re.M)
HEADER = "format: ledger-import\nversion: 1\ndefaults: {actor: secretariaat-wrl}\ncommands:\n"


def write_commands() -> list[str]:
    return list(commands())


def blocks(lang: str) -> list[str]:
    return [m["body"] for m in FENCE.finditer(DOC.read_text(encoding="utf-8"))
            if m["lang"] == lang]


def command_lists() -> list[str]:
    """The ```yaml blocks that are lists of commands, in document order."""
    found = []
    for body in blocks("yaml"):
        data = yaml.safe_load(body)
        if isinstance(data, list) and data and all(isinstance(c, dict) and "command" in c
                                                   for c in data):
            found.append(body)
    return found


def story_file(tmp_path: Path) -> Path:
    path = tmp_path / "import-format-story.yaml"
    body = "".join(textwrap.indent(b, "  ") for b in command_lists())
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def import_all(store, path: Path):
    ledger = open_ledger(store)
    try:
        return run_import(ledger, path)
    except LedgerError as refused:
        pytest.fail(f"docs/import-format.md: {refused.message}")
    finally:
        ledger.close()


def test_there_are_write_commands():
    assert "party.add" in write_commands()


def test_every_write_command_has_an_example_in_the_import_format():
    text = DOC.read_text(encoding="utf-8")
    missing = [c for c in write_commands()
               if not re.search(rf"command: {re.escape(c)}(\s|$)", text)]
    assert missing == []


def test_the_examples_are_one_story_of_every_write_command(tmp_path):
    used = {c.name for c in read_file(story_file(tmp_path))}
    assert sorted(set(write_commands()) - used) == []
    assert used <= set(write_commands())


def test_a_fresh_ledger_accepts_every_command_of_the_story(store, tmp_path):
    path = story_file(tmp_path)
    count = len(read_file(path))
    result = import_all(store, path)
    assert (result.commands, result.written, result.repeated) == (count, count, 0)
    assert import_all(store, path).repeated == count  # and importing it again changes nothing


def test_the_yaml_file_example_imports(store, tmp_path):
    (example,) = [b for b in blocks("yaml") if b.startswith("format: ledger-import")]
    path = tmp_path / "example.yaml"
    path.write_text(example, encoding="utf-8")
    assert import_all(store, path).written == 1


def test_the_json_lines_example_imports(store, tmp_path):
    (example,) = blocks("jsonl")
    path = tmp_path / "example.jsonl"
    path.write_text(example, encoding="utf-8")
    count = len(read_file(path))
    assert count == len(example.strip().splitlines()) - 1  # every line but the header
    assert import_all(store, path).written == count

"""Every write command of the ledger is documented, with an example, in docs/import-format.md."""

import re
from pathlib import Path

from ledger.application import write_commands as commands

DOC = Path(__file__).resolve().parents[2] / "docs" / "import-format.md"


def write_commands() -> list[str]:
    return list(commands())


def test_there_are_write_commands():
    assert "party.add" in write_commands()


def test_every_write_command_has_an_example_in_the_import_format():
    text = DOC.read_text(encoding="utf-8")
    missing = [c for c in write_commands()
               if not re.search(rf"command: {re.escape(c)}(\s|$)", text)]
    assert missing == []

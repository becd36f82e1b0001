"""docs/architecture.md names places a newcomer opens: every path it names exists."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "architecture.md"
PATH = re.compile(r"`((?:ledger|projections|commands|features|tests|docs|bench)/[A-Za-z0-9_./<>-]+)`")


def test_every_path_the_architecture_page_names_exists():
    named = {p.rstrip("/.") for p in PATH.findall(PAGE.read_text(encoding="utf-8"))
             if "<" not in p and "*" not in p}
    assert len(named) > 40
    missing = sorted(p for p in named if not (ROOT / p).exists())
    assert missing == []


def test_the_walk_table_answers_rule_event_view_command_and_spec_for_ten_features():
    text = PAGE.read_text(encoding="utf-8")
    table = text.split("### Where is the rule, event, view, command and spec of X", 1)[1]
    rows = [r for r in table.splitlines() if r.startswith("| ") and "`" in r]
    assert len(rows) >= 10
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert len(cells) == 6, row
        for cell, place in zip(cells[1:], ("ledger/rules/", "ledger/domain/", "projections/",
                                            "commands/", "features/"), strict=True):
            path = cell.strip("`")
            assert path.startswith(place) and (ROOT / path).is_file(), (row, path)

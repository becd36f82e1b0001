"""Every read command reads well at 80 and at 120 columns: no word, date or amount is split across
lines, nothing is cut off, no line is wider than the terminal, and no line ends in spaces.

Each command is run on the demo ledger of the Leidse regio three times: at 80 and 120 columns,
and at 1,000 columns as the reference where nothing needs to wrap. Splitting a token at a narrow
width leaves pieces ("registere", "d") that the reference never shows, so every word of a narrow
output must be a word of the reference (box-drawing characters aside).
"""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from commands import common
from commands.layout import cell_width, column_widths, stacked, tokens, wrap
from commands.main import app

READS = [
    ["status"],
    ["log"],
    ["log", "--limit", "5"],
    ["show", "1"],
    ["rules"],
    ["party", "list"],
    ["party", "show", "GM0546"],
    ["decision", "list"],
    ["decision", "show", "BW-GM0546-2021-10-05-WRL"],
    ["agreement", "list"],
    ["agreement", "show", "WRL-SOK"],
    ["agreement", "shares", "WRL-SOK", "--amount", "2000000"],
    ["routekaart", "list"],
    ["routekaart", "show", "VS-RK", "--on", "2019-12-16"],
    ["audit", "trail", "party:GM0546"],
    ["audit", "trail", "agreement:WRL-SOK"],
    ["programme", "list"],
    ["programme", "show", "WRL"],
    ["workstream", "list", "WRL"],
    ["workstream", "show", "WRL/WS1"],
    ["budget", "show", "--programme", "WRL", "--on", "2021-12-31"],
    ["report", "list"],
    ["report", "quarterly", "--programme", "WRL", "--quarter", "2021Q4"],
    ["report", "diff", "WRL-2021Q4"],
    ["indicator", "list", "WRL"],
    ["meekoppel", "list"],
    ["role", "list"],
]
_BOX = re.compile(r"[\u2500-\u257f]")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("columns")
    db = f"sqlite:///{folder}/demo.db"
    result = CliRunner().invoke(app, ["--db", db, "demo", "--output-dir", str(folder / "out")])
    assert result.exit_code == 0, result.output
    return db


def run_at(db: str, args: list[str], width: int) -> str:
    for lazy in (common.console, common.err_console):
        lazy._console = None  # a console takes its width when it is made, as in a new process
    result = CliRunner().invoke(app, ["--db", db, *args], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, f"{args}: {result.output}"
    return result.output


def words(text: str) -> set[str]:
    return set(_BOX.sub(" ", text).split())


@pytest.mark.parametrize("args", READS, ids=[" ".join(a) for a in READS])
@pytest.mark.parametrize("width", [80, 120])
def test_a_read_command_splits_no_token_and_cuts_nothing_off(demo_db, args, width):
    reference = words(run_at(demo_db, args, 1000))
    shown = run_at(demo_db, args, width)
    too_wide = [line for line in shown.splitlines() if cell_width(line) > width]
    assert not too_wide, f"lines wider than {width}: {too_wide[:3]}"
    pieces = sorted(words(shown) - reference)
    assert not pieces, f"split at {width} columns: {pieces[:10]}"
    assert "…" not in shown or "…" in " ".join(reference), "something was cut off"
    torn = [line for line in shown.splitlines() if line.rstrip(" │┃").endswith("€")]
    assert not torn, f"an amount torn from its euro sign: {torn[:3]}"
    padded = [line for line in shown.splitlines() if line != line.rstrip()]
    assert not padded, f"lines ending in spaces (a file or a diff keeps them): {padded[:3]}"


def test_an_amount_is_one_token_and_wrapping_keeps_every_token_whole():
    text = "Gereserveerd € 1.060.000 voor het warmtenet, op 05-10-2021; resterend € 12,50."
    assert "€ 1.060.000" in tokens(text) and "€ 12,50." in tokens(text)
    for width in range(14, 60):
        lines = wrap(text, width).split("\n")
        assert all(cell_width(line) <= width for line in lines)
        assert " ".join(lines) == text


def test_columns_are_never_narrower_than_their_longest_token_or_the_table_is_stacked():
    columns = ["#", "vastgelegd op", "gebeurtenis"]
    rows = [["12", "05-10-2021 14:03:07 UTC", "Agreement.Signed door GM0546 (Leiden)"]]
    widths = column_widths(columns, rows, 80)
    assert widths is not None and widths[1] >= len("05-10-2021") and sum(widths) <= 80 - 10
    assert column_widths(columns, rows, 20) is None


def test_a_stacked_block_puts_each_title_beside_its_value():
    from rich.console import Console

    console = Console(width=40, record=True, color_system=None)
    console.print(stacked("Logboek", ["#", "gebeurtenis"], [["7", "Party.Registered"]], 40))
    out = console.export_text()
    assert "Logboek" in out and re.search(r"^#\s+7$", out, re.M)
    assert re.search(r"^gebeurtenis\s+Party\.Registered$", out, re.M)

"""Tables and text that read well at any terminal width, 80 columns included.

Rich, left to itself, fits a table that is too wide by folding cells in the middle of a word
("registere / d", "2026-12-0 / 4"). Here the ledger decides the layout itself:

- a *token* is what must never be split: a word, a date, a position, an id, and an amount with
  its euro sign ("€ 1.060.000" is one token although it holds a space);
- each column is at least as wide as its longest token, and gets the room left over in
  proportion to how much more it could use; cells are wrapped at token boundaries here, so rich
  never has to break anything;
- when even the narrowest columns do not fit the width, the table is *stacked*: one block per
  row, each line a column title and its value ("Datum  05-10-2021"), the blocks separated by a
  rule. Trails and the log, with many columns, read like this on an 80-column terminal.

Only a token longer than the whole width (none of the ledger's own: a 64-character hash fits 80
columns) is ever folded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

# An amount with its currency sign stays together; so does a number with its "k"/"mln".
# A short bracketed mark ("[aanname 1]", "[loopt]") is one token too.
_TOKEN = re.compile(r"-?€\s?-?[\d.,]+(?:\s?(?:mln|k)\b)?\S*|\S*\[[^\[\]\s]+ \d+\][^\s]*|\S+")
# The same, as the word pattern rich wraps text with (a word and the whitespace after it).
RICH_WORD = re.compile(r"\s*(?:-?€\s?-?[\d.,]+(?:\s?(?:mln|k)\b)?\S*|\S*\[[^\[\]\s]+ \d+\][^\s]*|\S+)"
                       r"\s*")
# Each column costs its two padding spaces and one border: `│ cell │ cell │`.
_PADDING = 2


def cell_width(text: str) -> int:
    from rich.cells import cell_len

    return int(cell_len(text))


def tokens(text: str) -> list[str]:
    """The tokens of `text`, in order (line breaks are not tokens)."""
    return _TOKEN.findall(text)


def longest_token(text: str) -> int:
    return max((cell_width(t) for t in tokens(text)), default=0)


def longest_line(text: str) -> int:
    return max((cell_width(line) for line in text.split("\n")), default=0)


def wrap(text: str, width: int) -> str:
    """`text` wrapped at token boundaries to `width` cells; its own line breaks are kept. A token
    wider than `width` is folded (only then)."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for token in tokens(paragraph):
            while cell_width(token) > width:  # only a token longer than the whole width
                if line:
                    out.append(line)
                    line = ""
                head, token = _split_cells(token, width)
                out.append(head)
            if not line:
                line = token
            elif cell_width(line) + 1 + cell_width(token) <= width:
                line += " " + token
            else:
                out.append(line)
                line = token
        out.append(line)
    return "\n".join(out)


def _split_cells(token: str, width: int) -> tuple[str, str]:
    n = 1
    while n < len(token) and cell_width(token[:n + 1]) <= width:
        n += 1
    return token[:n], token[n:]


def column_widths(columns: Sequence[str], rows: Sequence[Sequence[str]], width: int
                  ) -> list[int] | None:
    """The width of each column so that the table fits `width` cells with no token split, or
    None when it cannot (then the table is stacked)."""
    n = len(columns)
    if n == 0:
        return []
    lows, highs = [], []
    for i, title in enumerate(columns):
        cells = [r[i] for r in rows if i < len(r)]
        low = max([longest_token(title)] + [longest_token(c) for c in cells])
        high = max([longest_line(title)] + [longest_line(c) for c in cells])
        lows.append(max(low, 1))
        highs.append(max(high, low, 1))
    room = width - (n * (_PADDING + 1) + 1)
    if sum(lows) > room:
        return None
    # The room left is shared fairly (max-min): columns that want little (a header, a date, a
    # short name) get all they want; the rest share what remains equally.
    widths = list(lows)
    spare = room - sum(widths)
    order = sorted(range(n), key=lambda i: highs[i] - lows[i])
    for k, i in enumerate(order):
        give = min(highs[i] - lows[i], spare // (n - k))
        widths[i] += give
        spare -= give
    return widths


def fitted_table(title: str | None, columns: Sequence[str], rows: Sequence[Sequence[str]],
                 width: int, *, caption: str | None = None,
                 bold_last: bool = False) -> Any:
    """A rich renderable of the table at `width`: columns fitted (see `column_widths`), or
    stacked when they cannot fit. Cells are plain text (no markup is read in them)."""
    from rich.table import Table
    from rich.text import Text

    widths = column_widths(columns, rows, width)
    if widths is None:
        return stacked(title, columns, rows, width, caption=caption, bold_last=bold_last)
    t = Table(title=Text(title) if title else None,
              caption=Text(wrap(caption, width)) if caption else None,
              show_lines=False, title_justify="left", caption_justify="left")
    for c, w in zip(columns, widths, strict=True):
        t.add_column(Text(wrap(c, w)), width=w, no_wrap=True, overflow="ignore")
    last = len(rows) - 1
    for n, r in enumerate(rows):
        style = "bold" if bold_last and n == last else ""
        t.add_row(*[Text(wrap(v, w), style=style) for v, w in zip(r, widths, strict=False)])
    return t


def stacked(title: str | None, columns: Sequence[str], rows: Sequence[Sequence[str]],
            width: int, *, caption: str | None = None, bold_last: bool = False) -> Any:
    """One block per row: each line a column title and its value, the value wrapped at token
    boundaries beside the title, or below it when the value has a token too wide to sit beside
    it. Empty values are left out."""
    from rich.console import Group
    from rich.text import Text

    label_w = min(max((cell_width(c) for c in columns), default=0), max(width // 3, 8))
    value_w = max(width - label_w - 2, 10)
    parts: list[Any] = []
    if title:
        parts.append(Text(wrap(title, width), style="bold"))
    rule = "─" * min(width, 40)
    last = len(rows) - 1
    for n, r in enumerate(rows):
        parts.append(Text(rule, style="dim"))
        style = "bold" if bold_last and n == last else ""
        for c, v in zip(columns, r, strict=False):
            if v == "":
                continue
            label = wrap(c, label_w).split("\n")
            if longest_token(v) <= value_w:
                lines = wrap(v, value_w).split("\n")
                for i in range(max(len(label), len(lines))):
                    left = label[i] if i < len(label) else ""
                    right = lines[i] if i < len(lines) else ""
                    line = Text(left.ljust(label_w) + "  ", style="dim")
                    line.append(right, style=style)
                    parts.append(line)
            else:
                parts.append(Text("\n".join(label), style="dim"))
                parts.append(Text(wrap(v, width), style=style))
    if rows:
        parts.append(Text(rule, style="dim"))
    if caption:
        parts.append(Text(wrap(caption, width), style="dim"))
    return Group(*parts)

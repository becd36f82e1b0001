"""One language per screen: in Dutch (the default) no read command, no refusal and no help text
shows an English sentence.

The strict catalog (LEDGER_I18N_STRICT, set for every test) already fails a test that shows a
marked message with no Dutch translation; this test finds text that was never marked at all. It
reads every word of the output, leaves out codes, ids, option names and event types (anything with
a dot, colon, slash, dash, underscore, # or @, and words in capitals or CamelCase), and looks for
words that are English and never Dutch.
"""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from commands import common
from commands.main import app
from tests.cli.test_columns import READS

# English words that do not occur in Dutch (nor in the demo's Dutch data); not "of", "budget",
# "status" or the command names (show, list, ...), which Dutch text uses too.
ENGLISH = {
    "the", "and", "with", "not", "has", "have", "which", "there", "this", "that", "must",
    "cannot", "recorded", "event", "events", "decision", "decisions", "agreement", "agreements",
    "party", "parties", "programme", "none", "nothing", "should", "would", "been",
    "its", "their", "from", "into", "only", "already", "written", "given", "shown",
    "position", "reason", "status", "effective", "found", "missing", "unknown",
    "withdrawn", "expired", "amount", "date", "today", "problems", "verifies",
    "first", "every", "each",
    "who", "what", "when", "where", "why", "because", "after", "before", "until", "since",
}
# "status" and "per" are Dutch too; "status" is left out below, where it is a Dutch word.
DUTCH_TOO = {"status"}
_CODE = re.compile(r"\S*[.:/_#@\-–=<>\[\]{}()`'\"“”‘’0-9]\S*")
_WORD = re.compile(r"[A-Za-zÀ-ÿ]+")


def english_words(text: str) -> list[str]:
    # The program's name, and the names of a command's arguments in its help ("position
    # <getal>"), are identifiers, not text.
    text = re.sub(r"\bledger(\s+[a-z][a-z-]*\b(?!-))*", " ", text)
    text = re.sub(r"^\s*[a-z_]+\s+<[^>]+>", " ", text)
    text = re.sub(r"^\s*[a-z][a-z-]*\s{2,}", " ", text)  # a command's name in a group's help
    text = text.replace("coalition of the willing", " ")  # the agreements' own term for it
    found = []
    for token in text.split():
        if _CODE.fullmatch(token) and not re.fullmatch(r"[A-Za-zÀ-ÿ]+[.,;:!?)]*", token):
            continue
        for word in _WORD.findall(token):
            if word.isupper() or re.search(r"[a-z][A-Z]", word):
                continue
            low = word.lower()
            if low in ENGLISH and low not in DUTCH_TOO:
                found.append(word)
    return found


def english_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if english_words(line)]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("language")
    db = f"sqlite:///{folder}/demo.db"
    result = CliRunner().invoke(app, ["--db", db, "demo", "--output-dir", str(folder / "out")])
    assert result.exit_code == 0, result.output
    assert not english_lines(result.output), english_lines(result.output)[:5]
    return db


def run(db: str | None, args: list[str], code: int = 0) -> str:
    for lazy in (common.console, common.err_console):
        lazy._console = None
    result = CliRunner().invoke(app, (["--db", db] if db else []) + args,
                                env={"COLUMNS": "120"})
    assert result.exit_code == code, f"{args}: {result.output}"
    return result.output


def test_the_detector_finds_english_and_passes_dutch():
    assert english_words("Recorded: the decision was withdrawn.") == [
        "Recorded", "the", "decision", "withdrawn"]
    assert english_words("Vastgelegd: besluit BW-GM0546-2021 is ingetrokken per 5 oktober "
                         "2021 (gebeurtenis #57); Party.Registered, --on, WRL-SOK.") == []


@pytest.mark.parametrize("args", READS, ids=[" ".join(a) for a in READS])
def test_a_read_command_speaks_dutch_only(demo_db, args):
    out = run(demo_db, args)
    assert not english_lines(out), english_lines(out)[:5]


REFUSALS = [
    ["party", "show", "GM9999"],
    ["decision", "show", "NOPE"],
    ["agreement", "show", "NOPE"],
    ["routekaart", "show", "NOPE"],
    ["audit", "trail", "party:GM9999"],
    ["budget", "show", "--programme", "NOPE"],
    ["budget", "reserve", "--programme", "WRL", "--workstream", "WS1", "--year", "2021",
     "--amount", "-5", "--purpose", "x", "--decision", "BW-GM0546-2021-10-05-WRL"],
    ["party", "add", "GM0546", "--kind", "gemeente", "--name", "Leiden"],
    ["log", "--on", "morgen"],
    ["show", "999999"],
    ["report", "diff", "NOPE"],
    ["programme", "show", "NOPE"],
]


@pytest.mark.parametrize("args", REFUSALS, ids=[" ".join(a) for a in REFUSALS])
def test_a_refusal_speaks_dutch_only(demo_db, args):
    for lazy in (common.console, common.err_console):
        lazy._console = None
    result = CliRunner().invoke(app, ["--db", demo_db, *args], env={"COLUMNS": "120"})
    assert result.exit_code in (1, 2), result.output
    assert "Fout:" in result.output and "Traceback" not in result.output
    assert not english_lines(result.output), english_lines(result.output)[:5]


def _commands(group, path=()):
    import typer.main

    click_group = typer.main.get_command(app) if group is None else group
    for name, command in sorted(getattr(click_group, "commands", {}).items()):
        yield [*path, name]
        yield from _commands(command, (*path, name)) if hasattr(command, "commands") else ()


@pytest.mark.parametrize("path", list(_commands(None)), ids=lambda p: " ".join(p))
def test_the_help_of_every_command_speaks_dutch(path):
    out = run(None, [*path, "--help"])
    assert not english_lines(out), english_lines(out)[:5]


def test_the_gherkin_rules_quote_dutch_sentences():
    """The scenarios assert refusals and findings in Dutch: no quoted text or table cell of a
    feature file holds an English sentence."""
    from pathlib import Path

    english = []
    for path in sorted(Path("features").rglob("*.feature")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip().startswith("#"):
                continue
            parts = re.findall(r'"([^"]*)"', line)
            if line.strip().startswith("|"):
                parts += [c.strip() for c in line.strip().strip("|").split("|")]
            english += [f"{path}:{n}: {p}" for p in parts if english_words(p)]
    assert not english, "\n".join(english[:20])


def test_a_bad_date_names_the_option_it_was_given_in(demo_db):
    for lazy in (common.console, common.err_console):
        lazy._console = None
    result = CliRunner().invoke(app, ["--db", demo_db, "decision", "ratify",
                                      "BW-GM0546-2021-10-05-WRL", "--party", "GM0546",
                                      "--datum", "2021-13-45"])
    assert result.exit_code == 1
    assert "'2021-13-45' is geen geldige datum (--datum)." in result.output

"""`ledger import` fuzzed on SQLite and PostgreSQL: files that are not UTF-8, not YAML or JSON,
nested without end or full of aliases, and commands whose envelope and arguments hold values of
every shape (odd amounts, dates, identifiers, unicode, very long strings, SQL-looking text, floats,
lists where text belongs). Each file holds one command, so the property is exact: it is recorded
(exit 0, the ledger grows), or refused with a sentence naming the file and line (exit 1, nothing
written); never a traceback."""

from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from commands.main import app
from ledger.storage import RawLog
from tests.conftest import env
from tests.hostile import TEXT, VALUE
from tests.integration.workload import record_figure, scale

# psycopg's pool draws jitter from `random` while hypothesis runs; harmless here.
pytestmark = [pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisDeprecationWarning"),
              pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")]
EXAMPLES = scale(60)
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
runner = CliRunner()

COMMANDS = {
    "party.add": {"kind": st.sampled_from(["gemeente", "bedrijf", "provincie"]),
                  "name": TEXT, "cbs": st.sampled_from(["GM0546", "GM0599"]), "key": TEXT},
    "party.correct": {"key": st.sampled_from(["ZH", "GM0546"]), "name": TEXT, "kind": TEXT,
                      "void": st.booleans()},
    "decision.record": {"key": TEXT, "body": st.sampled_from(["college:GM0546", "pho:WRL"]),
                        "title": TEXT, "datum": st.sampled_from(["2021-10-01", "2021-02-30"]),
                        "participants": st.lists(st.sampled_from(["GM0546", "GM0547"])),
                        "ingangsdatum": TEXT, "toelichting": TEXT, "outcome": TEXT},
    "decision.ratify": {"key": st.just("PHO-1"), "party": st.sampled_from(["GM0546", "GM0547"]),
                        "datum": TEXT, "college_decision": TEXT},
    "decision.withdraw": {"key": st.just("PHO-1"), "datum": TEXT},
}
ENVELOPE = {"on": st.sampled_from(["2021-10-05", "05-10-2021"]) | TEXT,
            "ref": st.lists(st.sampled_from(["zaak:Z/21/1", "besluit:PHO-1"]) | TEXT, max_size=2),
            "reason": TEXT, "command_id": TEXT, "actor": TEXT, "corrects": st.integers(-5, 50)}


@st.composite
def command(draw):
    """A command: a real one with its arguments drawn from fitting or hostile values, or noise."""
    name = draw(st.sampled_from(sorted(COMMANDS)) | TEXT)
    fields = COMMANDS.get(name, {})
    args = {}
    for arg, fitting in fields.items():
        choice = draw(st.integers(0, 3))
        if choice == 1:
            args[arg] = draw(fitting)
        elif choice == 2:
            args[arg] = draw(VALUE)
    if draw(st.booleans()):
        args.update(draw(st.dictionaries(st.text(max_size=8), VALUE, max_size=2)))
    cmd = {"command": name, "args": args}
    for field, fitting in ENVELOPE.items():
        choice = draw(st.integers(0, 3))
        if choice == 1:
            cmd[field] = draw(fitting)
        elif choice == 2:
            cmd[field] = draw(VALUE)
    if draw(st.integers(0, 9)) == 0:
        cmd[draw(st.text(max_size=8))] = draw(VALUE)  # an unknown field
    if draw(st.integers(0, 9)) == 0:
        cmd["args"] = draw(VALUE)  # args that are not a mapping
    return cmd


HEADER = {"format": "ledger-import", "version": 1}


@st.composite
def import_file(draw):
    """(suffix, bytes) of a whole import file."""
    cmd = draw(command())
    header = draw(st.sampled_from([HEADER, HEADER, {**HEADER, "defaults": {"actor": "fuzz"}},
                                   {**HEADER, "version": 2}, {"format": "x"},
                                   {**HEADER, "defaults": ["x"]}]))
    form = draw(st.sampled_from(["jsonl", "yaml", "bytes", "text", "deep", "aliases"]))
    if form == "jsonl":
        body = json.dumps(header) + "\n" + json.dumps(cmd, ensure_ascii=draw(st.booleans())) + "\n"
        return ".jsonl", body.encode("utf-8", "surrogatepass")
    if form == "yaml":
        try:
            body = yaml.safe_dump({**header, "commands": [cmd]}, allow_unicode=True)
        except yaml.YAMLError:
            body = "format: ledger-import\nversion: 1\ncommands: [{command: party.add}]\n"
        return ".yaml", body.encode("utf-8", "surrogatepass")
    if form == "bytes":
        return draw(st.sampled_from([".jsonl", ".yaml"])), draw(st.binary(max_size=200))
    if form == "text":
        return draw(st.sampled_from([".jsonl", ".yaml"])), draw(TEXT).encode(
            "utf-8", "surrogatepass")
    if form == "deep":
        depth = draw(st.integers(50, 5000))
        if draw(st.booleans()):
            body = json.dumps(HEADER) + "\n" + '{"command": "party.add", "args": {"name": ' + \
                "[" * depth + "]" * depth + "}}\n"
            return ".jsonl", body.encode()
        return ".yaml", ("format: ledger-import\nversion: 1\ncommands:\n- command: party.add\n"
                         "  args: {name: " + "[" * depth + "]" * depth + "}\n").encode()
    laughs = "format: ledger-import\nversion: 1\ncommands:\n- command: party.add\n  args:\n" \
             "    name: &a [x, x, x, x, x, x, x, x, x]\n    key: &b [*a, *a, *a, *a, *a, *a]\n" \
             "    kind: [*b, *b, *b, *b, *b, *b, *b]\n"
    return ".yaml", laughs.encode()


@pytest.fixture
def db(store):
    from ledger.application import open_ledger
    from projections.tables import create_tables

    create_tables(store)
    ledger = open_ledger(store)
    for cbs, name in (("GM0546", "Leiden"), ("GM0547", "Leiderdorp")):
        ledger.party_add(env(), kind="gemeente", name=name, cbs=cbs)
    ledger.party_add(env(), kind="provincie", name="Zuid-Holland", key="ZH")
    ledger.decision_record(env(), key="PHO-1", body="pho:WRL", title="Voorgenomen",
                           datum="2021-10-01", participants=["GM0546", "GM0547"])
    ledger.close()
    return store


def events(store) -> int:
    with RawLog(store) as raw:
        return raw.count_and_max()[0]


@FUZZ
@given(file=import_file())
def test_a_hostile_import_records_its_command_or_refuses_naming_the_line(db, tmp_path_factory,
                                                                         file):
    suffix, content = file
    path = tmp_path_factory.mktemp("fuzz") / f"import{suffix}"
    path.write_bytes(content)
    before = events(db)
    result = runner.invoke(app, ["--db", db.url, "import", str(path)])
    out = result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        content[:300], out, result.exception)
    assert "Traceback" not in out
    assert result.exit_code in (0, 1), (content[:300], out)
    if result.exit_code == 1:
        assert out.startswith("Fout: ") and str(path) in out, out
        assert events(db) == before
    else:
        assert events(db) - before in (0, 2), out  # one event and its receipt, or a repeat
    assert runner.invoke(app, ["--db", db.url, "audit", "verify"]).exit_code == 0
    record_figure("fuzz", db=db.kind, surface="import", command=suffix, exit=result.exit_code)


@pytest.mark.parametrize("suffix,content,message", [
    (".yaml", b"format: ledger-import\nversion: 1\ncommands:\n- {command: party.add, "
              b"on: 2021-02-30, args: {kind: bedrijf, name: X, key: X}}\n",
     "geen geldige ingangsdatum (on)"),
    (".yaml", b"format: ledger-import\nversion: 1\ncommands:\n- {command: party.add, "
              b"args: {kind: bedrijf, name: [a, b], key: X}}\n",
     "het argument name moet tekst zijn, niet een lijst"),
    (".yaml", b"format: ledger-import\nversion: 1\ncommands:\n- {command: party.add, "
              b"actor: 12, reason: [x], args: {kind: bedrijf, name: X, key: X}}\n",
     "Het veld reden moet tekst zijn"),
    (".jsonl", b'{"format": "ledger-import", "version": 1}\n{"command": "decision.record", '
               b'"args": {"key": "D", "body": "college:GM0546", "title": "T", "datum": '
               b'"2021-10-01", "participants": [1.5]}}\n', "participants[0] is een decimaal getal"),
    (".jsonl", b'{"format": "ledger-import", "version": 1}\n{"command": "decision.record", '
               b'"args": {"key": "D", "body": "pho:WRL", "title": "T", "datum": '
               b'"2021-10-01", "participants": "GM0546"}}\n', "participants moet een lijst van tekst zijn"),
    (".jsonl", b'{"format": "ledger-import", "version": 1}\n{"command": "party.add", '
               b'"args": {"kind": "bedrijf", "name": "\\ud800", "key": "S"}}\n',
     "bevat stuurtekens"),
    (".jsonl", b'{"format": "ledger-import", "version": 1}\n{"command": "party.correct", '
               b'"corrects": "x", "args": {"key": "ZH", "name": "Y"}}\n',
     "geen geldige te corrigeren positie"),
    (".yaml", b"format: ledger-import\nversion: 1\ncommands:\n- {command: party.add, "
              b"args: {kind: bedrijf, name: &n X, key: *n}}\n", "aliassen"),
    (".yaml", b"format: ledger-import\r\nversion: 1\ncommands: \xff\n", "geen UTF-8"),
    (".jsonl", b'{"format": "ledger-import", "version": 1}\n{"command": "party.add", "args": '
               b'{"name": ' + b"[" * 3000 + b"]" * 3000 + b"}}\n", "meer dan 32 niveaus diep genest"),
    (".yaml", b"format: ledger-import\nversion: 1\ncommands:\n- {command: party.add, args: "
              b"{name: " + b"[" * 3000 + b"]" * 3000 + b"}}\n", "meer dan 32 niveaus diep genest"),
    (".yaml", b"format: ledger-import\nversion: 1\ncommands:\n- {command: party.add, "
              b"args: {kind: bedrijf, name: X, key: X, amount: 0.5}}\n", "heeft geen argument amount"),
])
def test_known_hostile_import_lines_get_their_sentence(db, tmp_path, suffix, content, message):
    path = tmp_path / f"import{suffix}"
    path.write_bytes(content)
    before = events(db)
    result = runner.invoke(app, ["--db", db.url, "import", str(path)])
    assert result.exit_code == 1, result.output
    assert message in " ".join(result.output.split()), result.output
    assert events(db) == before

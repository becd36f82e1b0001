"""Import: atomic commands, stop at the first refusal with file and line, safe re-runs, dry runs."""

import pytest

from ledger.importer import ImportError_, run_import
from ledger.storage import RawLog

HEADER = "format: ledger-import\nversion: 1\ndefaults: {actor: secretariaat}\ncommands:\n"
GOOD = HEADER + """\
  - command: party.add
    on: 2021-01-01
    args: {kind: gemeente, name: Leiden, cbs: GM0546}
  - command: party.add
    on: 2021-01-01
    args: {kind: gemeente, name: Leiderdorp, cbs: GM0547}
  - command: decision.record
    args: {key: PHO-1, body: "pho:WRL", title: Samenwerking, datum: 2021-10-01,
           participants: [GM0546, GM0547]}
"""


def events(store):
    with RawLog(store) as raw:
        return raw.count_and_max()[0]


def test_importing_twice_changes_nothing_the_second_time(ledger, tmp_path):
    f = tmp_path / "a.yaml"
    f.write_text(GOOD)
    first = run_import(ledger, f)
    n = events(ledger.store)
    second = run_import(ledger, f)
    assert (first.written, second.written, second.repeated) == (3, 0, 3)
    assert events(ledger.store) == n


def test_a_broken_line_is_reported_with_its_line_and_nothing_of_it_is_written(ledger, tmp_path):
    f = tmp_path / "b.yaml"
    f.write_text(GOOD.replace("cbs: GM0547", "cbs: GM547"))
    with pytest.raises(ImportError_, match=r"b.yaml, regel 8 \(party.add\): 'GM547' is geen CBS"):
        run_import(ledger, f)
    assert events(ledger.store) == 2  # line 5 and its receipt, nothing of line 8 or after
    f.write_text(GOOD)  # fixed: re-running resumes without duplicating
    result = run_import(ledger, f)
    assert (result.repeated, result.written) == (1, 2)


def test_a_dry_run_checks_later_commands_against_earlier_ones_and_writes_nothing(ledger, tmp_path):
    f = tmp_path / "c.yaml"
    f.write_text(GOOD)
    result = run_import(ledger, f, dry_run=True)
    assert (result.written, result.events) == (3, 3)
    assert events(ledger.store) == 0
    f.write_text(GOOD.replace("participants: [GM0546, GM0547]", "participants: [GM0546, GM9999]"))
    with pytest.raises(ImportError_, match="regel 11.*geen partij 'GM9999'"):
        run_import(ledger, f, dry_run=True)
    assert events(ledger.store) == 0


@pytest.mark.parametrize("text,message", [
    ("format: other\nversion: 1\ncommands: []\n", "geen importbestand van het grootboek"),
    ("format: ledger-import\nversion: 9\ncommands: []\n", "versie 9 van het importformaat"),
    (HEADER + "  - command: party.explode\n    args: {}\n", "geen opdracht die het grootboek kent"),
    (HEADER + "  - command: party.add\n    args: {kind: gemeente, nme: X}\n", "heeft geen argument nme"),
    (HEADER + "  - command: party.add\n    colour: red\n", "onbekend veld colour"),
    (HEADER + "  - [unclosed\n", "geen geldige YAML"),
])
def test_bad_files_are_explained(ledger, tmp_path, text, message):
    f = tmp_path / "bad.yaml"
    f.write_text(text)
    with pytest.raises(Exception, match=message.replace("(", r"\(").replace(")", r"\)")):
        run_import(ledger, f)
    assert events(ledger.store) == 0


def test_json_lines_files_name_their_line(ledger, tmp_path):
    f = tmp_path / "d.jsonl"
    f.write_text('{"format": "ledger-import", "version": 1}\n'
                 '{"command": "party.add", "args": {"kind": "gemeente", "name": "Leiden", '
                 '"cbs": "GM0546"}}\n'
                 '{"command": "party.add", "args": {"kind": "gemeente", "name": "", '
                 '"cbs": "GM0547"}}\n')
    with pytest.raises(ImportError_, match="d.jsonl, regel 3"):
        run_import(ledger, f)
    assert events(ledger.store) == 2


def test_a_broken_line_in_a_copy_of_the_demo_is_named_and_nothing_of_it_is_written(ledger,
                                                                                    tmp_path):
    from ledger.demo import DEMO_FILE

    lines = DEMO_FILE.read_text(encoding="utf-8").splitlines(keepends=True)
    target = next(i for i, line in enumerate(lines) if "demo-party-GM0579" in line)
    lines[target] = lines[target].replace("cbs: GM0579", "cbs: GM579")
    broken = tmp_path / "demo-copy.yaml"
    broken.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ImportError_, match=rf"demo-copy.yaml, regel {target + 1} \(party.add\)"):
        run_import(ledger, broken)
    with RawLog(ledger.store) as raw:
        keys = [r.state for r in raw.rows()]
    assert not any(b"GM579" in s or b"Oegstgeest" in s for s in keys)
    # the fixed file resumes: the three gemeenten before it are not recorded twice
    result = run_import(ledger, DEMO_FILE)
    assert result.repeated == 3

"""The command line fuzzed, in-process, on SQLite and PostgreSQL: hostile text in every argument
and option of the write and read commands. Whatever comes in, the answer is exit 0 (and, for a
write, exactly one command recorded), or exit 1 with one `Fout:` sentence (with --json: one JSON
object on stderr), or exit 2 (usage); (or exit 3 from `audit verify` with a fingerprint the
ledger does not extend); never a traceback; a refusal writes nothing; and the log still verifies
afterwards."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from commands.main import app
from ledger.storage import RawLog
from projections.tables import create_tables
from tests.conftest import env
from tests.hostile import TEXT
from tests.integration.workload import record_figure, scale

# psycopg's pool draws jitter from `random` while hypothesis runs; harmless here.
pytestmark = [pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisDeprecationWarning"),
              pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")]
EXAMPLES = scale(60)
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
runner = CliRunner()

ARG = TEXT.filter(lambda t: "\x00" not in t)  # a NUL cannot be on a command line
DATE = st.one_of(st.sampled_from(["2021-10-05", "05-10-2021", "2021-02-30", "2021-13-01"]), ARG)


def maybe(flag: str, values=ARG):
    return st.one_of(st.just([]), values.map(lambda v: [flag, v]))


def concat(*parts):
    return st.tuples(*parts).map(lambda ps: [a for p in ps for a in p])


WRITES = st.one_of(
    concat(st.just(["party", "add"]), ARG.map(lambda v: [v]),
           st.sampled_from(["gemeente", "provincie", "bedrijf", "stad"]).map(lambda k: ["--kind", k])
           | maybe("--kind"), maybe("--cbs"), maybe("--key"), maybe("--on", DATE),
           maybe("--ref"), maybe("--reason"), maybe("--actor"), maybe("--command-id")),
    concat(st.just(["party", "correct"]), st.sampled_from(["ZH", "GM0546"]).map(lambda k: [k])
           | ARG.map(lambda v: [v]), maybe("--name"), maybe("--kind"), maybe("--corrects"),
           maybe("--reason"), maybe("--on", DATE)),
    concat(st.just(["decision", "record"]), ARG.map(lambda v: [v]),
           st.sampled_from(["college:GM0546", "pho:WRL"]).map(lambda b: ["--body", b])
           | ARG.map(lambda v: ["--body", v]),
           ARG.map(lambda v: ["--title", v]), DATE.map(lambda v: ["--datum", v]),
           maybe("--participant"), maybe("--ingangsdatum", DATE), maybe("--vervaldatum", DATE),
           maybe("--vervalreden"), maybe("--toelichting"), maybe("--outcome"),
           maybe("--condition"), maybe("--ref")),
    concat(st.just(["decision", "ratify"]), st.sampled_from(["PHO-1"]).map(lambda k: [k])
           | ARG.map(lambda v: [v]), ARG.map(lambda v: ["--party", v]),
           maybe("--datum", DATE), maybe("--college-decision")),
    concat(st.just(["decision", "withdraw"]), ARG.map(lambda v: [v]), maybe("--reason"),
           maybe("--datum", DATE)),
)

READS = st.one_of(
    concat(st.just(["party", "show"]), ARG.map(lambda v: [v]), maybe("--on", DATE),
           maybe("--as-of")),
    concat(st.just(["party", "list"]), maybe("--kind"), maybe("--on", DATE), maybe("--as-of")),
    concat(st.just(["decision", "show"]), ARG.map(lambda v: [v]), maybe("--on", DATE)),
    concat(st.just(["decision", "list"]), maybe("--status"), maybe("--as-of")),
    concat(st.just(["log"]), maybe("--subject"), maybe("--type"), maybe("--actor"),
           maybe("--limit"), maybe("--recorded-from"), maybe("--effective-to", DATE),
           maybe("--as-of")),
    concat(st.just(["audit", "trail"]), ARG.map(lambda v: [v]), maybe("--as-of")),
    concat(st.just(["audit", "verify"]), maybe("--fingerprint")),
    concat(st.just(["show"]), ARG.map(lambda v: [v])),
    st.just(["status"]),
)


@pytest.fixture
def db(store):
    """A ledger with the parties and a PHO decision the fuzzed commands can refer to."""
    from ledger.application import open_ledger

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


def run(store, args: list[str], *, json: bool = False):
    before = events(store)
    result = runner.invoke(app, ["--db", store.url, *(["--json"] if json else []), *args])
    out = result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args, out, result.exception)
    assert "Traceback" not in out, (args, out)
    verifying = args[:2] == ["audit", "verify"]
    assert result.exit_code in ((0, 1, 2, 3) if verifying else (0, 1, 2)), (args, out)
    if json and result.exit_code in (1, 2):  # a refusal as one JSON object on stderr
        import json as json_module

        error = json_module.loads(result.stderr)
        assert set(error) == {"error", "hint", "exit"} and error["exit"] == result.exit_code, (
            args, out)
    elif result.exit_code == 1 or (result.exit_code == 3 and not json):  # (--json: a report)
        assert out.startswith("Fout: ") and out.count("Fout: ") == 1, (args, out)
    record_figure("fuzz", db=store.kind, surface="cli", command=" ".join(
        a for a in args[:2] if not a.startswith("-")), exit=result.exit_code)
    return result, before, events(store)


@FUZZ
@given(args=WRITES, json=st.booleans())
def test_hostile_writes_record_one_command_or_are_refused_with_nothing_written(db, args, json):
    result, before, after = run(db, args, json=json)
    if result.exit_code == 0:
        assert after == before + 1, (args, result.output)
    else:
        assert after == before, (args, result.output)


@FUZZ
@given(args=READS, json=st.booleans())
def test_hostile_reads_answer_or_refuse_and_write_nothing(db, args, json):
    result, before, after = run(db, args, json=json)
    assert after == before


def test_the_fuzzed_ledger_still_verifies_and_sql_text_is_kept_as_text(db):
    """SQL in a name is stored as the name, shown as the name; the tables are all still there."""
    name = "Robert'); DROP TABLE stored_events; --"
    result, before, after = run(db, ["party", "add", name, "--kind", "bedrijf", "--key", "BOBBY"])
    assert result.exit_code == 0 and after == before + 1
    shown, _, _ = run(db, ["party", "show", "BOBBY"], json=True)
    assert name in shown.output
    markup, _, _ = run(db, ["party", "add", "[/bold red] [link=x]", "--kind", "bedrijf", "--key",
                            "MARKUP"])
    assert markup.exit_code == 0 and "[/bold red]" in markup.output
    listed, _, _ = run(db, ["party", "list"])
    assert "[/bold red]" in listed.output
    assert run(db, ["audit", "verify"])[0].exit_code == 0


@pytest.mark.parametrize("args,code,message", [
    (["party", "show", "\udcff"], 2, "geen UTF-8"),
    (["show", "99999999999999999999"], 2, ""),
    (["log", "--limit", "-1"], 2, ""),
    (["log", "--as-of", "#99999999999999999999"], 1, "geen geldige positie in het logboek"),
    (["party", "correct", "ZH", "--name", "X", "--corrects", "99999999999999999999"], 1,
     "geen geldige te corrigeren positie"),
    (["party", "show", "[/bold red]"], 1, "geen partij '[/bold red]'"),
    (["party", "add", "X", "--kind", "bedrijf", "--key", "X", "--ref", "https://[::1"], 1,
     "geen geldig webadres"),
    (["audit", "verify", "--fingerprint", "²:abcdef12"], 1, "geen vingerafdruk"),
    (["--db", "postgresql://h:port/db", "status"], 1, "geen database-URL"),
])
def test_known_hostile_inputs_get_their_sentence(db, args, code, message):
    result, before, after = run(db, args)
    assert result.exit_code == code, result.output
    assert message in result.output
    assert after == before

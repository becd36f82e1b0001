"""Audit trails tell the story of any subject: a party, a decision, a Routekaart, a stap, an actie;
every event in order with its envelope, a sentence, the authority spelled out and what changed,
scoped to the subject; corrections linked both ways; the same on both databases, after a rebuild
and for any horizon."""

import pytest
import sqlalchemy as sa

from ledger.errors import InvalidInput, NotFound
from projections import tables
from projections.journal import catch_up
from projections.narration import generic_changes
from projections.reading import Entry, Horizon, Reader
from projections.tables import create_tables, drop_tables
from projections.trail import build, horizon_text, make_story, to_markdown, trail
from tests.conftest import env


def reader(ledger, on=None, upto=None) -> Reader:
    create_tables(ledger.store)
    catch_up(ledger)
    from ledger.dates import parse_date

    return Reader(ledger.store, Horizon(parse_date(on) if on else None, upto))


@pytest.fixture
def rk(ledger):
    """A Routekaart with weg 1, stappen 1.1 and 1.2, and a few changes to stap 1.2."""
    ledger.party_add(env(on="2019-01-01"), kind="gemeente", name="Voorschoten", cbs="GM0626")
    ledger.decision_record(env(on="2019-01-31"), key="VS-RAAD-1", body="raad:GM0626",
                           title="Vaststelling Routekaart", datum="2019-01-31")
    ledger.decision_record(env(on="2019-03-15"), key="VS-COLLEGE-1", body="college:GM0626",
                           title="Inventarisatie aanvaard", datum="2019-03-15")
    ledger.routekaart_create(env(on="2019-01-31"), key="VS-RK", title="Een zelfstandig Voorschoten",
                             party="GM0626", decision="VS-RAAD-1")
    ledger.routekaart_weg(env(on="2019-01-31"), "VS-RK", number=1, title="Visie")
    ledger.routekaart_stap(env(on="2019-01-31"), "VS-RK", stap="1.1", title="Visie formuleren")
    ledger.routekaart_stap(env(on="2019-01-31"), "VS-RK", stap="1.2", title="Inventarisatie")
    ledger.routekaart_actie(env(on="2019-02-01"), "VS-RK", target="1.2", text="Bureau inhuren",
                            voor="college")
    ledger.routekaart_status(env(on="2019-03-01"), "VS-RK", target="1.2/1", status="afgerond")
    ledger.routekaart_status(env(on="2019-03-02"), "VS-RK", target="1.1", status="loopt")
    ledger.routekaart_status(env(on="2019-03-15"), "VS-RK", target="1.2", status="afgerond",
                             decision="VS-COLLEGE-1")
    return ledger


def test_a_stap_trail_holds_only_what_touched_the_stap_in_log_order(rk):
    steps = trail(reader(rk), "stap:VS-RK/1.2")
    assert [s["name"] for s in steps] == ["StapAdded", "ActieAdded", "StatusChanged",
                                          "StatusChanged"]
    assert [s["position"] for s in steps] == sorted(s["position"] for s in steps)
    assert all("1.1" not in s["sentence"] for s in steps)  # stap 1.1's change is not here


def test_each_event_carries_its_envelope_and_a_sentence(rk):
    last = trail(reader(rk), "stap:VS-RK/1.2")[-1]
    assert last["effective"] == "2019-03-15"
    assert last["actor"] == "secretaris"
    assert last["recorded_at"][:4].isdigit()
    # (the Routekaart's narrator tells what happened; who did it is the body of the decision)
    assert last["sentence"].startswith("Het college van B&W van Voorschoten (GM0626) ")
    assert "1.2" in last["sentence"] and "afgerond" in last["sentence"]


def test_the_authority_is_spelled_out_with_its_status_on_the_effective_date(rk):
    last = trail(reader(rk), "stap:VS-RK/1.2")[-1]
    assert last["authority"] == [{
        "ref": "besluit:VS-COLLEGE-1",
        "text": "besluit VS-COLLEGE-1 “Inventarisatie aanvaard” van het college van B&W van "
                "Voorschoten (GM0626), genomen op 15 maart 2019; in werking per 15 maart 2019"}]


def test_before_and_after_are_scoped_to_the_subject_and_label_parts_within_it(rk):
    steps = trail(reader(rk), "stap:VS-RK/1.2")
    assert steps[-1]["changes"] == {"status": {"before": "niet gestart", "after": "afgerond"}}
    assert steps[2]["changes"] == {"actie 1.2/1 status": {"before": "niet gestart",
                                                           "after": "afgerond"}}
    actie = trail(reader(rk), "actie:VS-RK/1.2/1")
    assert actie[-1]["changes"] == {"status": {"before": "niet gestart", "after": "afgerond"}}
    assert len(actie) == 2


def test_a_weg_trail_shows_the_derived_status_of_the_weg(rk):
    steps = trail(reader(rk), "weg:VS-RK/1")
    derived = [s["changes"]["weg 1 status (derived)"] for s in steps
               if "weg 1 status (derived)" in s["changes"]]
    assert derived == [{"before": None, "after": "niet gestart"},
                       {"before": "niet gestart", "after": "loopt"},
                       {"before": "loopt", "after": "gedeeltelijk afgerond"}]


def test_a_decision_trail_lists_what_rests_on_it(rk):
    steps = trail(reader(rk), "decision:VS-COLLEGE-1")
    assert [s["relation"] for s in steps] == ["self", "rests on"]
    assert steps[0]["sentence"].startswith("secretaris heeft besluit VS-COLLEGE-1 van het "
                                           "college van B&W van Voorschoten (GM0626) vastgelegd")
    assert steps[1]["sentence"].endswith("Deze gebeurtenis berust op dit besluit.")


def test_a_ratification_and_a_withdrawal_read_as_sentences(ledger):
    for cbs, name in (("GM0546", "Leiden"), ("GM0626", "Voorschoten")):
        ledger.party_add(env(), kind="gemeente", name=name, cbs=cbs)
    ledger.decision_record(env(), key="PHO-1", body="pho:WRL", title="Plan van aanpak",
                           datum="2021-10-01", participants=["GM0546", "GM0626"])
    ledger.decision_ratify(env(), "PHO-1", party="GM0546", datum="2021-10-05")
    ledger.decision_withdraw(env(reason="vervangen"), "PHO-1", datum="2021-11-01")
    steps = trail(reader(ledger), "decision:PHO-1")
    assert steps[1]["sentence"] == ("Het college van B&W van Leiden (GM0546) heeft besluit "
                                    "PHO-1 op 5 oktober 2021 bekrachtigd.")
    assert steps[2]["sentence"] == ("secretaris heeft vastgelegd dat besluit PHO-1 op 1 november "
                                    "2021 is ingetrokken. Reden: “vervangen”.")
    from ledger.i18n import set_language

    set_language("en")
    try:
        steps = trail(reader(ledger), "decision:PHO-1")
    finally:
        set_language("nl")
    assert steps[1]["sentence"] == ("The college van B&W of Leiden (GM0546) ratified decision "
                                    "PHO-1 on 5 October 2021.")
    assert steps[2]["sentence"] == ("secretaris recorded that decision PHO-1 was withdrawn on "
                                    "1 November 2021. Reason: “vervangen”.")


def test_a_correction_names_what_it_corrects_and_the_corrected_event_names_its_correction(rk):
    wrong = rk.routekaart_status(env(on="2019-04-01"), "VS-RK", target="1.1", status="afgerond")
    fix = rk.routekaart_status(env(on=None, reason="per abuis", corrects=wrong.positions[0]),
                               "VS-RK", target="1.1", status="gedeeltelijk afgerond")
    steps = trail(reader(rk), "stap:VS-RK/1.1")
    corrected, correction = steps[-2], steps[-1]
    assert correction["corrects"] == wrong.positions[0]
    assert correction["effective"] == "2019-04-01"  # a correction takes the corrected date
    assert f"Dit corrigeert gebeurtenis #{wrong.positions[0]} (“secretaris " in \
        correction["sentence"]
    assert correction["changes"] == {"status": {"before": "afgerond",
                                                "after": "gedeeltelijk afgerond"}}
    assert corrected["corrected_by"] == fix.positions
    assert corrected["sentence"].endswith(f"Later gecorrigeerd door gebeurtenis "
                                          f"#{fix.positions[0]}.")


def test_a_party_trail_links_its_correction_to_the_registration(ledger):
    first = ledger.party_add(env(), kind="provincie", name="Zuid Holand", key="ZH")
    ledger.party_correct(env(reason="spelling"), "ZH", name="Provincie Zuid-Holland")
    found = build(reader(ledger), "party:zh")
    registered, corrected = found.steps
    assert found.subject == "party:ZH" and found.title == "Partij ZH: Provincie Zuid-Holland " \
        "(provincie)."
    assert registered["sentence"] == ("secretaris heeft provincie Zuid Holand geregistreerd "
                                      "(sleutel ZH). Later gecorrigeerd door gebeurtenis "
                                      f"#{first.positions[0] + 1}.")
    assert corrected["corrects"] == first.positions[0]
    assert corrected["sentence"] == (
        "secretaris heeft partij ZH gecorrigeerd: naam “Provincie Zuid-Holland”. Dit corrigeert "
        f"gebeurtenis #{first.positions[0]} (“secretaris heeft provincie Zuid Holand "
        "geregistreerd (sleutel ZH)”). Reden: “spelling”.")
    assert corrected["changes"] == {"name": {"before": "Zuid Holand",
                                             "after": "Provincie Zuid-Holland"}}


def test_on_and_as_of_limit_the_trail(rk):
    full = trail(reader(rk), "stap:VS-RK/1.2")
    assert len(trail(reader(rk, on="2019-03-10"), "stap:VS-RK/1.2")) == 3
    upto = full[1]["position"]
    assert [s["position"] for s in trail(reader(rk, upto=upto), "stap:VS-RK/1.2")] == \
        [s["position"] for s in full[:2]]


def test_subjects_are_matched_without_regard_to_case(rk):
    assert trail(reader(rk), "STAP:vs-rk/1.2") == trail(reader(rk), "stap:VS-RK/1.2")


def test_an_unknown_or_malformed_subject_is_explained(rk):
    with pytest.raises(NotFound, match="Niets in het grootboek betreft stap:VS-RK/9.9"):
        trail(reader(rk), "stap:VS-RK/9.9")
    with pytest.raises(NotFound):
        trail(reader(rk, on="2019-01-01"), "stap:VS-RK/1.2")
    with pytest.raises(InvalidInput, match="is geen onderwerp"):
        trail(reader(rk), "VS-RK")


def test_an_area_without_a_narrator_still_gets_scoped_changes(rk):
    """A generic event (no narrator for its kind) with a part: before/after per part."""
    story = make_story(reader(rk), "budget:WRL")

    def entry(position, part, payload):
        from datetime import date

        return Entry(position=position, recorded_at="2022-01-01T00:00:00+00:00",
                     effective=date(2022, 1, 1), kind="budget", key="WRL", version=position,
                     topic="Budget.LineShifted", actor="secretaris", refs=[], reason=None,
                     command_id=None, corrects=None, payload=payload, part=part)

    known: dict = {}
    first = generic_changes(entry(1, "budgetline:WRL/WS1", {"amount": "10.00"}), story, known)
    other = generic_changes(entry(2, "budgetline:WRL/WS2", {"amount": "5.00"}), story, known)
    again = generic_changes(entry(3, "budgetline:WRL/WS1", {"amount": "7.00"}), story, known)
    assert first == {"begrotingspost WS1 amount": {"before": None, "after": "10.00"}}
    assert other == {"begrotingspost WS2 amount": {"before": None, "after": "5.00"}}
    assert again == {"begrotingspost WS1 amount": {"before": "10.00", "after": "7.00"}}
    # (shown with the field's name and the amount as a person reads them)
    from projections.trail import changes_text

    assert changes_text({"changes": again}) == "begrotingspost WS1 bedrag: € 10 → € 7"


def test_markdown_is_an_auditors_file(rk):
    r = reader(rk)
    found = build(r, "stap:VS-RK/1.2")
    text = to_markdown(found.subject, found, horizon_text(r.horizon), fingerprint="12:abc")
    assert text.startswith("# Audittrail van stap:VS-RK/1.2\n")
    assert "Inventarisatie" in text and "VS-RK" in text  # the title (the Routekaart's narrator)
    assert "- Horizon: gebeurtenissen van elke ingangsdatum; alles wat was vastgelegd toen de " \
           "audittrail werd gemaakt." in text
    assert "`ledger audit verify --fingerprint 12:abc`" in text
    assert "## Het verloop" in text and "## De gebeurtenissen" in text and \
        "## Aangehaalde besluiten" in text
    assert "- **VS-COLLEGE-1**: “Inventarisatie aanvaard”, het college van B&W van Voorschoten " \
           "(GM0626) (college:GM0626), besluit van 15 maart 2019, in werking vanaf 15 maart " \
           "2019." in text
    assert "| # | ingangsdatum | vastgelegd op | vastgelegd door |" in text
    assert "| 15-03-2019 |" in text and "2019-03-15" not in text
    # The old call with a list of steps keeps working.
    assert to_markdown("stap:VS-RK/1.2", found.steps, "caption").count("\n| ") == \
        len(found.steps) + 1


def test_a_rebuilt_journal_tells_the_same_trails(rk):
    before = {s: trail(reader(rk), s) for s in ("stap:VS-RK/1.2", "weg:VS-RK/1",
                                                  "decision:VS-COLLEGE-1", "routekaart:VS-RK")}
    drop_tables(rk.store)
    assert {s: trail(reader(rk), s) for s in before} == before


def test_views_from_before_parts_were_recorded_are_rebuilt(rk):
    expected = trail(reader(rk), "stap:VS-RK/1.2")
    engine = tables.engine_for(rk.store)
    table = f'"{rk.store.schema}".view_journal' if rk.store.kind == "postgresql" else "view_journal"
    with engine.begin() as conn:
        conn.execute(sa.text(f"ALTER TABLE {table} DROP COLUMN part"))
    assert trail(reader(rk), "stap:VS-RK/1.2") == expected


def test_narrators_do_not_import_the_trail_nor_narration_a_view():
    """The narrators and what they use form no cycle with the trail: importing every narrator
    loads neither the trail, and `projections.narration` on its own loads no view."""
    import subprocess
    import sys

    code = ("import sys; import projections.narration; "
            "views = {'projections.parties', 'projections.decisions', 'projections.trail'}; "
            "assert not views & set(sys.modules), views & set(sys.modules); "
            "import projections.decisions, projections.parties, projections.routekaart, "
            "projections.budget, projections.agreements; "
            "assert 'projections.trail' not in sys.modules")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr

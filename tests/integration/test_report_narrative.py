"""The kwartaalrapportage's narrative parts, its finance sums, its date and its printed forms, on
both databases: built through the application on the demo ledger, read back from the files."""

from __future__ import annotations

import io
from datetime import date

import pytest

from ledger.demo import DEMO_FILE
from ledger.errors import InvalidInput, NotFound
from ledger.importer import run_import
from ledger.storage import RawLog
from projections import document, printed
from projections.journal import catch_up
from projections.quarterly import quarterly
from projections.reading import Horizon, Reader
from projections.report_diff import diff, issued_reports
from projections.tables import create_tables
from tests.conftest import env


def reader(ledger, on=None, upto=None) -> Reader:
    create_tables(ledger.store)
    catch_up(ledger)
    return Reader(ledger.store, Horizon(date.fromisoformat(on) if on else None, upto))


def count(ledger) -> tuple[int, str]:
    with RawLog(ledger.store) as raw:
        return raw.count_and_max()[0], str(raw.head())


@pytest.fixture
def demo(ledger):
    run_import(ledger, DEMO_FILE, actor="secretariaat-wrl")
    return ledger


def test_every_row_adds_up_as_the_footnote_says(demo):
    demo.budget_spend(env("2022-02-01"), programme="WRL", amount="7000",
                      reference="factuur:2022-001", workstream="WS4")
    for quarter, on in (("2021Q4", "2021-12-31"), ("2022Q1", "2022-03-31")):
        t = quarterly(reader(demo, on), "WRL", quarter).table("finance")
        col = {c.split(" ")[0] if c.startswith(("Budget", "Begroot", "Benut ")) and
               "tot" not in c else c: i for i, c in enumerate(t.columns)}
        for row in [*t.rows, t.totals]:
            total = row[t.columns.index("Totaal begroot")]
            parts = (row[t.columns.index("Benut tot datum")] + row[col["Budget"]]
                     + row[t.columns.index("Reservering")] + row[t.columns.index("Vrij")])
            assert total == parts, (quarter, row)
    q1 = quarterly(reader(demo, "2022-03-31"), "WRL", "2022Q1").table("finance")
    ws4 = next(r for r in q1.rows if r[0].startswith("WS4"))
    assert ws4[q1.columns.index("Benut tot datum")] == 17000 + 7000


def test_finance_rows_carry_the_begroting_names(demo):
    rows = quarterly(reader(demo), "WRL", "2021Q4").table("finance").rows
    assert [r[0] for r in rows][2:] == ["WS3 Omgevingsmanagement, innovatie en markt",
                                        "WS4 Organisatie en samenwerking"]


def test_a_part_is_corrected_by_a_later_event_and_read_at_either_horizon(demo):
    before = count(demo)[0]
    out = demo.report_text(env(None), programme="WRL", quarter="2021Q4", part="risicos",
                           text="WLQ+ kan uitblijven.")
    upto = out.positions[-1]
    fixed = demo.report_text(env(None, corrects=upto), programme="WRL", quarter="2021Q4",
                             part="risicos", text="WLQ+ kan uitblijven; geothermie is onzeker.")
    assert count(demo)[0] == before + 2  # written, corrected (the demo started the quarter)
    then = quarterly(reader(demo, upto=upto), "WRL", "2021Q4")
    now = quarterly(reader(demo), "WRL", "2021Q4")
    assert then.data["narrative"]["risicos"]["text"] == "WLQ+ kan uitblijven."
    assert "geothermie is onzeker" in document.to_markdown(now)
    assert "Risico's" in [s.title.split(". ", 1)[-1] for s in now.sections]
    # by default a part holds from the quarter's last day: not on an earlier --on
    assert "risicos" not in quarterly(reader(demo, "2021-12-30"), "WRL",
                                      "2021Q4").data["narrative"]
    d = diff(reader(demo), issued_reports(reader(demo))["WRL-2021Q4"])
    assert d["reproduced"] and [c["part"] for c in d["narrative"]] == ["risicos"]
    assert fixed.positions


@pytest.mark.parametrize("kwargs, message", [
    ({"part": "samenvatting2", "text": "x"},
     "'samenvatting2' is geen onderdeel van de kwartaalrapportage."),
    ({"part": "toelichting", "items": [{"label": "a", "rows": ["WS9"], "text": "x"}]},
     "Punt a van de toelichting licht werkstroom WS9 toe, die programma WRL niet heeft."),
    ({"part": "toelichting", "items": [{"label": "a", "text": "x"}, {"label": "a", "text": "y"}]},
     "Punt a van de toelichting is twee keer gegeven."),
    ({"part": "prognose", "text": " "}, "De prognose heeft geen tekst en geen punten."),
])
def test_a_bad_part_is_refused_and_writes_nothing(demo, kwargs, message):
    before = count(demo)
    with pytest.raises(InvalidInput) as refused:
        demo.report_text(env(None), programme="WRL", quarter="2021Q4", **kwargs)
    assert refused.value.message == message
    assert count(demo) == before


def test_an_unknown_programme_is_refused(demo):
    with pytest.raises(NotFound):
        demo.report_text(env(None), programme="XYZ", quarter="2021Q4", part="algemeen",
                         text="x")


def test_the_reports_date_is_the_issue_date(demo):
    doc = quarterly(reader(demo), "WRL", "2021Q4")
    assert ("Datum", "17 januari 2022") in doc.meta and doc.data["datum"] == "2022-01-17"
    draft = quarterly(reader(demo, "2022-03-31"), "WRL", "2022Q1")
    assert ("Datum", "concept (nog niet uitgegeven)") in draft.meta


def test_assumed_values_have_a_marker_and_a_footnote(demo):
    demo.workstream_status(env("2021-12-31", refs=["aanname:geen bron voor deze status"]),
                           topic="WRL/WS4/evaluatie", status="In voorbereiding")
    doc = quarterly(reader(demo), "WRL", "2021Q4")
    notes = {n.split(":")[0]: n for n in doc.notes}
    row = next(r for r in doc.table("topics-WS4").rows if r[0] == "Evaluatie WLR")
    n = row[2].rsplit("[aanname ", 1)[1].rstrip("]")
    assert row[2].startswith("In voorbereiding [aanname ")
    assert notes[f"Aanname {n}"].endswith("geen bron voor deze status")


def test_pdf_and_docx_read_back_with_sections_and_figures(demo):
    import docx
    from pypdf import PdfReader

    doc = quarterly(reader(demo), "WRL", "2021Q4", fingerprint="1:abc")
    pdf = printed.to_pdf(doc)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    for expected in ("Warmtetransitie Regio Leiden (WRL)", "17 januari 2022", "1:abc",
                     "1. Algemeen overzicht", "3. Financiën", "4. Evaluatie en vooruitblik",
                     "€ 2.000.000", "€ 715.000", "Pagina 1 van"):
        assert expected in text, expected
    word = docx.Document(io.BytesIO(printed.to_docx(doc)))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert "3. Financiën" in headings and "Toelichting op de verschillen" in headings
    cells = {c.text for t in word.tables for r in t.rows for c in r.cells}
    assert {"€ 2.000.000", "€ 149.000", "17 januari 2022", "1:abc"} <= cells
    footer = word.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer

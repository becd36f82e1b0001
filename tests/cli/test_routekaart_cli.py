"""`ledger routekaart` and `ledger audit trail` end to end on the demo ledger: the overview with
and without --on, JSON and Markdown; a trail as an auditor's file; refusals exit 1 and write
nothing."""

import json

import pytest
from typer.testing import CliRunner

from commands.main import app
from ledger.storage import RawLog, parse_url

runner = CliRunner()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    d = tmp_path_factory.mktemp("demo")
    url = f"sqlite:///{d}/demo.db"
    result = runner.invoke(app, ["--db", url, "demo", "--output-dir", str(d / "out")])
    assert result.exit_code == 0, result.output
    return url


def count(url):
    with RawLog(parse_url(url)) as raw:
        return raw.count_and_max()[0]


def test_show_prints_the_overview_of_the_informatiebrief(demo):
    result = runner.invoke(app, ["--db", demo, "routekaart", "show", "VS-RK"],
                           env={"COLUMNS": "240"})
    assert result.exit_code == 0, result.output
    out = result.output
    for text in ("Wegen/stappen uit Routekaart", "Ondernomen acties om stap te realiseren",
                 "Actie voor", "Stand op", "Weg 1: Visie op regionale samenwerking",
                 "STAP 4 – Vormgeven verdere traject (uiterlijk 30 juni 2020)",
                 "Weg 3: Relatie met Wassenaar (toegevoegd op 16 december 2019)",
                 "Gedeeltelijk afgerond (afgeleid)", "[loopt]", "[aanname 1]",
                 "zaaknummer Z/17/011355, documentnummer 166008"):
        assert text in out, text


def test_a_cell_of_several_lines_reads_as_one_in_the_terminal_and_english_is_english(demo):
    """The status cell of a stap holds its status, outputs and explanation on separate lines;
    the terminal shows them joined, never as a literal `\\n`."""
    result = runner.invoke(app, ["--db", demo, "routekaart", "show", "VS-RK", "--on",
                                 "2019-12-16"], env={"COLUMNS": "240"})
    assert result.exit_code == 0, result.output
    assert "\\n" not in result.output and "Loopt · “Regionaal organiseren" in result.output
    english = runner.invoke(app, ["--db", demo, "--lang", "en", "routekaart", "show", "VS-RK",
                                  "--on", "2019-12-16", "--format", "markdown"]).output
    for text in ("Wegen/stappen from the Routekaart", "Actie for", "partly completed (derived)",
                 "Explanation: Met STAP 3", "case number Z/17/011355", "(due 30 June 2020)"):
        assert text in english, text
    for word in ("afgeleid", "Toelichting", "uiterlijk", "Stand op", "zaaknummer"):
        assert word not in english, word


def test_show_on_a_date_and_as_json(demo):
    june = json.loads(runner.invoke(app, ["--db", demo, "routekaart", "show", "VS-RK", "--on",
                                          "2019-06-01", "--json"]).output)
    assert [w["number"] for w in june["wegen"]] == [1, 2]
    assert june["horizon"] == {"on": "2019-06-01", "as_of_position": None}
    december = json.loads(runner.invoke(app, ["--db", demo, "--json", "routekaart", "show",
                                              "routekaart:vs-rk", "--on", "2019-12-16"]).output)
    assert [w["status"] for w in december["wegen"]] == ["gedeeltelijk afgerond",
                                                        "gedeeltelijk afgerond", "loopt"]
    assert december["fingerprint"].startswith(f"{count(demo)}:")


def test_show_writes_markdown(demo, tmp_path):
    out = tmp_path / "routekaart.md"
    result = runner.invoke(app, ["--db", demo, "routekaart", "show", "VS-RK", "--markdown",
                                 str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("# Routekaart VS-RK: “Een zelfstandig Voorschoten in de "
                                      "Leidse regio”")


def test_list_shows_the_routekaart(demo):
    (found,) = json.loads(runner.invoke(app, ["--db", demo, "routekaart", "list", "--json"]).output)
    assert (found["key"], found["status"], found["wegen"], found["stappen"],
            found["last_informed"]) == ("VS-RK", "gedeeltelijk afgerond", 3, 5, "2019-12-16")


def test_a_stap_trail_on_file_for_an_auditor(demo, tmp_path):
    out = tmp_path / "stap.md"
    result = runner.invoke(app, ["--db", demo, "audit", "trail", "stap:VS-RK/1.4", "--on",
                                 "2019-12-16", "--markdown", str(out)], env={"COLUMNS": "240"})
    assert result.exit_code == 0, result.output
    assert "Controlespoor van stap:VS-RK/1.4" in result.output
    text = out.read_text()
    assert "Stap 1.4 “Vormgeven verdere traject”" in text
    assert "- Horizon: gebeurtenissen met een ingangsdatum tot en met 16 december 2019; alles " \
           "wat was vastgelegd toen de audittrail werd gemaakt." in text
    assert f"- Vingerafdruk van het grootboek: `{count(demo)}:" in text
    # (the sentence itself is the Routekaart's narrator's; the reason follows it)
    assert "secretariaat-voorschoten " in text and " Reden: “Eerste gesprekken gevoerd in " \
           "september 2019.”" in text
    full = json.loads(runner.invoke(app, ["--db", demo, "audit", "trail", "stap:VS-RK/1.4",
                                          "--json"]).output)
    first = full["events"][0]["position"]  # the stap was added here; later events come after
    data = json.loads(runner.invoke(app, ["--db", demo, "audit", "trail", "stap:VS-RK/1.4",
                                          "--as-of", f"#{first}", "--json"]).output)
    assert [e["position"] for e in data["events"]] == [first]
    assert data["fingerprint"].startswith(f"{first}:")


def test_show_writes_the_overview_as_pdf_and_word_for_the_griffie(demo, tmp_path):
    import docx
    from pypdf import PdfReader

    pdf, word = tmp_path / "rk.pdf", tmp_path / "rk.docx"
    for fmt, out in (("pdf", pdf), ("docx", word)):
        result = runner.invoke(app, ["--db", demo, "routekaart", "show", "VS-RK", "--on",
                                     "2019-12-16", "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert f"Geschreven naar {out}" in " ".join(result.output.split())
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert "1. Stand van de Routekaart" in text and f"{count(demo)}:" in text
    assert "Pagina 1 van" in text
    headings = [p.text for p in docx.Document(str(word)).paragraphs
                if p.style.name.startswith("Heading")]
    assert "5. Informatiebrieven aan de raad" in headings


def test_the_demo_writes_the_overview_beside_the_report(demo, tmp_path):
    result = runner.invoke(app, ["--db", f"sqlite:///{tmp_path}/d.db", "demo", "--output-dir",
                                 str(tmp_path / "out"), "--json"])
    assert result.exit_code == 0, result.output
    files = json.loads(result.output)["files"]
    for name in ("report_pdf", "report_docx", "routekaart_pdf", "routekaart_docx"):
        assert files[name].startswith(str(tmp_path / "out")), name
    assert (tmp_path / "out" / "routekaart-VS-RK.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "out" / "routekaart-VS-RK.docx").read_bytes().startswith(b"PK")


@pytest.mark.parametrize("args,message", [
    (["routekaart", "show", "VS-RK", "--format", "pdf"], "Een PDF-bestand kan niet naar de terminal."),
    (["routekaart", "show", "VS-RK", "--format", "odt"], "'odt' is geen vorm van het overzicht."),
    (["routekaart", "status", "VS-RK/1.0", "loopt"], "is een reden nodig"),
    (["routekaart", "status", "VS-RK/1", "afgerond"], "volgt uit zijn stappen"),
    (["routekaart", "status", "VS-RK", "loopt"],
     "'VS-RK' noemt een Routekaart, maar geen onderdeel ervan."),
    (["routekaart", "status", "VS-RK/1.4", "klaar"], "'klaar' is geen status"),
    (["routekaart", "actie", "VS-RK/1", "--text", "x", "--voor", "raad"],
     "zijn acties horen onder een van die stappen"),
    (["routekaart", "inform", "VS-RK", "--zaaknummer", "Z/17/011355", "--documentnummer",
      "166008", "--on", "2019-12-20"], "is al vastgelegd"),
    (["audit", "trail", "stap:VS-RK/7.7"], "Niets in het grootboek betreft stap:VS-RK/7.7"),
])
def test_refusals_exit_1_with_a_sentence_and_write_nothing(demo, args, message):
    before = count(demo)
    result = runner.invoke(app, ["--db", demo, *args])
    assert result.exit_code == 1, result.output
    assert message in result.output and "Traceback" not in result.output
    assert count(demo) == before


def test_a_status_change_is_recorded(tmp_path):
    url = f"sqlite:///{tmp_path}/l.db"
    assert runner.invoke(app, ["--db", url, "demo", "--output-dir",
                               str(tmp_path / "out")]).exit_code == 0
    result = runner.invoke(app, ["--db", url, "--actor", "griffie", "routekaart", "status",
                                 "VS-RK/1.1/7", "loopt", "--on", "2020-02-15", "--reason",
                                 "Provincie uitgenodigd"])
    assert result.exit_code == 0, result.output
    # the confirmation states what was stored: the status, the one it replaced, the date
    assert ("status van actie:VS-RK/1.1/7: loopt (was niet gestart), per 15 februari 2020"
            in result.output)

"""View: the dashboard of a programme, one self-contained HTML file for raadsleden.

Charts (inline SVG, no script, nothing fetched when opened): the budget per werkstroom (begroot,
benut, gereserveerd), spending over time, the status of the onderwerpen per werkstroom and of the
stappen of the Routekaarten of the programme's parties, and one chart per indicator (nulmeting,
laatste meting, doel; see `projections/indicators.py`). Lists: agreements in force, overdue
reports, reported figures the ledger cannot reproduce. The footer carries the horizon and the
fingerprint, as every report does.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from typing import Any

from ledger.dates import today
from projections import agreements as agreements_view
from projections import budget as budget_view
from projections import indicators as indicators_view
from projections import programme as programme_view
from projections import routekaart as routekaart_view
from projections.charts import bar_chart, line_chart, status_bars
from projections.document import Document, Section, Table, to_html
from projections.reading import Reader

# Topic statuses are free text in the reports; the chart groups them, the table shows them as is.
CATEGORIES = (  # checked in this order: "nog te ontwikkelen" is still to do
    ("nog te doen", ("te doen", "nog ", "niet ", "geen ")),
    ("gereed", ("gereed", "getekend", "voorzien", "afgerond", "vastgesteld", "opgenomen",
                "geïntegreerd")),
    ("in uitvoering", ("uitvoering", "loopt", "overleg", "besproken", "ontwikkeling",
                       "voorbereiding", "gemaakt", "afgestemd", "primair")),
)


def status_category(text: str | None) -> str:
    value = (text or "").lower() + " "
    for name, words in CATEGORIES:
        if any(w in value for w in words):
            return name
    return "overig"


def dashboard(reader: Reader, programme: str, *, fingerprint: str | None = None) -> Document:
    on = reader.horizon.on or today()
    prog = programme_view.programme(reader, programme)
    code = prog["code"]
    finance = budget_view.finance_view(reader, code, on.year)
    doc = Document(title=f"Dashboard {prog['name']}",
                   subtitle=f"Stand per {on.isoformat()}"
                   + (f", zoals vastgelegd tot positie {reader.horizon.upto}"
                      if reader.horizon.upto is not None else ", zoals het grootboek nu weet"))

    names = [r["workstream"] for r in finance["rows"]]
    budget = Section("Budget per werkstroom")
    budget.figures.append(bar_chart(
        "budget", f"Budget per werkstroom op {on.isoformat()}", names,
        [("begroot", [r["totaal_begroot"] for r in finance["rows"]]),
         ("benut", [r["benut_tot_datum"] for r in finance["rows"]]),
         ("gereserveerd", [r["reservering"] for r in finance["rows"]])]))
    budget.tables.append(Table(
        ["Werkstroom", "Totaal begroot", "Benut tot datum", "Gereserveerd",
         "Nog niet benut of gereserveerd"],
        [[f"{r['workstream']} {r.get('name', '')}".strip(), r["totaal_begroot"],
          r["benut_tot_datum"], r["reservering"], r["vrij"] + r["budget_volgend_jaar"]]
         for r in finance["rows"]], key="budget"))
    doc.sections.append(budget)

    spending = Section("Uitgaven in de tijd")
    series = _cumulative(finance["spending"], names)
    if any(points for _, points in series):
        spending.figures.append(line_chart("spending", "Cumulatief benut per werkstroom", series))
    else:
        spending.paragraphs.append("Nog geen uitgaven vastgelegd.")
    doc.sections.append(spending)

    topics = Section("Status van de onderwerpen")
    groups, rows = [], []
    for ws_code, ws in prog["workstreams"].items():
        view = programme_view.workstream(reader, f"{code}/{ws_code}")
        groups.append((f"{ws_code} {ws['name']}", dict(Counter(
            status_category(t.get("status")) for t in view["topics"]))))
        rows += [[ws_code, t.get("name") or t["key"], t.get("status")] for t in view["topics"]]
    if rows:
        topics.figures.append(status_bars("topics", "Onderwerpen per werkstroom naar status",
                                          groups))
        topics.tables.append(Table(["Werkstroom", "Onderwerp", "Status"], rows, key="topics"))
    doc.sections.append(topics)

    doc.sections.append(_indicators(reader, code))

    agreements = agreements_view.agreements(reader)
    agreement = agreements.get(prog["agreement"])
    members = set(agreement["parties"]) if agreement else set()
    rk_section = Section("Routekaarten")
    rk_groups = []
    for rk in routekaart_view.routekaarten(reader):
        if members and rk["party"] not in members:
            continue
        view = routekaart_view.overview(reader, rk["key"])
        for weg in view["wegen"]:
            counts = Counter(s["status"] for s in weg["stappen"]) if weg["stappen"] else \
                Counter(a["status"] for a in weg["acties"])
            rk_groups.append((f"{rk['key']} {weg['label']}", dict(counts)))
    if rk_groups:
        rk_section.figures.append(status_bars("routekaart", "Stappen per weg naar status",
                                              rk_groups))
    else:
        rk_section.paragraphs.append("Geen Routekaarten van de deelnemende partijen.")
    doc.sections.append(rk_section)

    in_force = Section("Overeenkomsten in werking")
    in_force.tables.append(Table(["Overeenkomst", "Titel", "Sinds", "Partijen"], [
        [a["key"], a["title"], a.get("in_force_since"), len(a["members"])]
        for a in agreements.values() if a["status"] == "in werking"
        and (not members or members & set(a["parties"]))], key="agreements"))
    doc.sections.append(in_force)

    attention = Section("Aandachtspunten")
    overdue = [p for p in agreements_view.overdue_reporting(reader)
               if any(f"agreement {k} " in p for k in agreements)]
    attention.items += [f"Rapportage achterstallig: {p}" for p in overdue]
    attention.items += [f"Gerapporteerd cijfer klopt niet: {budget_view.assertion_sentence(code, a)}"
                        for a in finance["failing"]]
    if not attention.items:
        attention.paragraphs.append("Geen achterstallige rapportages en geen afwijkende cijfers.")
    doc.sections.append(attention)
    if fingerprint:
        doc.footer += [f"Vingerafdruk van het grootboek: {fingerprint}",
                       f"Controleer met: ledger audit verify --fingerprint {fingerprint}"]
    doc.data = {"programme": code, "on": on, "as_of_position": reader.horizon.upto,
                "fingerprint": fingerprint}
    return doc


def _indicators(reader: Reader, code: str) -> Section:
    from ledger.domain.indicator import format_quantity

    section = Section("Indicatoren")
    found = indicators_view.indicators(reader, code)
    for i in found:
        p, unit = i["progress"], i["unit"]
        series = [(f"nulmeting {p['baseline_date'][:4]}", [p["baseline"]])]
        if p["actual"] is not None:
            series.append((f"meting {p['actual_date']}", [p["actual"]]))
        if p["target"] is not None:
            series.append((f"doel {p['target_year']}", [p["target"]]))

        def fmt(v: float, unit: str = unit) -> str:
            return format_quantity(Decimal(f"{v:.2f}"), unit)

        section.figures.append(bar_chart(
            f"indicator-{i['key']}", f"{i['name']}: {p['verdict']}", [i["name"]], series,
            fmt=fmt))
    if found:
        section.tables.append(Table(
            ["Indicator", "Nulmeting", "Laatste meting", "Doel", "Oordeel"],
            [[i["name"], format_quantity(i["progress"]["baseline"], i["unit"]),
              format_quantity(i["progress"]["actual"], i["unit"])
              if i["progress"]["actual"] is not None else None,
              format_quantity(i["progress"]["target"], i["unit"])
              if i["progress"]["target"] is not None else None, i["progress"]["verdict"]]
             for i in found], key="indicators"))
    else:
        section.paragraphs.append("Geen indicatoren vastgelegd.")
    return section


def _cumulative(spending: list[dict[str, Any]], names: list[str]
                ) -> list[tuple[str, list[tuple[date, Decimal]]]]:
    series = []
    for ws in names:
        total, points = Decimal(0), []
        for s in sorted((s for s in spending if s["workstream"] == ws),
                        key=lambda s: s["effective"]):
            total += s["amount"]
            points.append((s["effective"], total))
        series.append((ws, points))
    return series


def render(doc: Document) -> str:
    return to_html(doc)

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

from ledger.dates import show_date, today
from ledger.i18n import N_, _, language
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


# the chart's groups of free-text topic statuses (codes above), shown in the language in use
CATEGORY_WORDS = {"nog te doen": N_("to do"), "gereed": N_("done"),
                  "in uitvoering": N_("under way"), "overig": N_("other")}


def category_word(code: str) -> str:
    return _(CATEGORY_WORDS[code]) if code in CATEGORY_WORDS else code


def dashboard(reader: Reader, programme: str, *, fingerprint: str | None = None) -> Document:
    on = reader.horizon.on or today()
    prog = programme_view.programme(reader, programme)
    code = prog["code"]
    finance = budget_view.finance_view(reader, code, on.year)
    known = (_("as recorded up to position {pos}").format(pos=reader.horizon.upto)
             if reader.horizon.upto is not None else _("as the ledger knows it now"))
    doc = Document(title=_("Dashboard {name}").format(name=prog["name"]),
                   subtitle=_("As it stood on {on}, {known}.").format(on=show_date(on),
                                                                      known=known))

    names = [r["workstream"] for r in finance["rows"]]
    budget = Section(_("Budget per workstream"))
    budget.figures.append(bar_chart(
        "budget", _("Budget per workstream on {on}").format(on=show_date(on)), names,
        [(_("budgeted"), [r["totaal_begroot"] for r in finance["rows"]]),
         (_("used so far"), [r["benut_tot_datum"] for r in finance["rows"]]),
         (_("reserved"), [r["reservering"] for r in finance["rows"]])]))
    budget.tables.append(Table(
        [_("Workstream"), _("Total budget"), _("Spent to date"), _("Reserved"),
         _("Not yet spent or reserved")],
        [[f"{r['workstream']} {r.get('name', '')}".strip(), r["totaal_begroot"],
          r["benut_tot_datum"], r["reservering"], r["vrij"] + r["budget_volgend_jaar"]]
         for r in finance["rows"]], key="budget"))
    doc.sections.append(budget)

    spending = Section(_("Spending over time"))
    series = _cumulative(finance["spending"], names)
    if any(points for _ws, points in series):
        spending.figures.append(line_chart("spending", _("Spent to date per workstream"),
                                           series))
    else:
        spending.paragraphs.append(_("No spending recorded yet."))
    doc.sections.append(spending)

    topics = Section(_("Status of the topics"))
    groups, rows = [], []
    for ws_code, ws in prog["workstreams"].items():
        view = programme_view.workstream(reader, f"{code}/{ws_code}")
        groups.append((f"{ws_code} {ws['name']}", dict(Counter(
            status_category(t.get("status")) for t in view["topics"]))))
        rows += [[ws_code, t.get("name") or t["key"], t.get("status")] for t in view["topics"]]
    if rows:
        topics.figures.append(status_bars("topics", _("Topics per workstream by status"),
                                          groups, label=category_word))
        topics.tables.append(Table([_("Workstream"), _("Topic"), _("Status")], rows,
                                   key="topics"))
    else:
        topics.paragraphs.append(_("No topics recorded."))
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
        rk_section.figures.append(status_bars("routekaart", _("Stappen per weg by status"),
                                              rk_groups, label=routekaart_view.status_word))
    else:
        rk_section.paragraphs.append(_("No Routekaarten of the participating parties."))
    doc.sections.append(rk_section)

    in_force = Section(_("Agreements in force"))
    in_force_rows = [
        [a["key"], a["title"], date.fromisoformat(a["in_force_since"])
         if a.get("in_force_since") else None, len(a["members"])]
        for a in agreements.values() if a["status"] == "in werking"
        and (not members or members & set(a["parties"]))]
    in_force.tables.append(Table([_("Agreement"), _("Title"), _("Since"), _("Parties")],
                                 in_force_rows, key="agreements", nowrap=(0,),
                                 note=None if in_force_rows else _("No agreement in force.")))
    doc.sections.append(in_force)

    attention = Section(_("Points of attention"))
    overdue = [p for p in agreements_view.overdue_reporting(reader)
               if any(f"agreement {k} " in p for k in agreements)]
    attention.items += [_("Reporting overdue: {what}").format(what=p) for p in overdue]
    attention.items += [_("Reported figure does not agree: {what}").format(
        what=budget_view.assertion_sentence(code, a)) for a in finance["failing"]]
    if not attention.items:
        attention.paragraphs.append(_("No overdue reports and no figures that do not agree."))
    doc.sections.append(attention)
    if fingerprint:
        doc.footer += [_("Ledger fingerprint: {fp}").format(fp=fingerprint),
                       _("Verify with: ledger audit verify --fingerprint {fp}").format(
                           fp=fingerprint)]
    doc.data = {"programme": code, "on": on, "as_of_position": reader.horizon.upto,
                "fingerprint": fingerprint}
    return doc


def _indicators(reader: Reader, code: str) -> Section:
    from ledger.rules.indicator import format_quantity

    lang = language()
    section = Section(_("Indicators"))
    found = indicators_view.indicators(reader, code)
    for i in found:
        p, unit = i["progress"], i["unit"]
        series = [(_("baseline {year}").format(year=p["baseline_date"][:4]), [p["baseline"]])]
        if p["actual"] is not None:
            series.append((_("actual {date}").format(date=show_date(p["actual_date"], "short")),
                           [p["actual"]]))
        if p["target"] is not None:
            series.append((_("target {year}").format(year=p["target_year"]), [p["target"]]))

        def fmt(v: float, unit: str = unit) -> str:
            return format_quantity(Decimal(f"{v:.2f}"), unit, lang)

        section.figures.append(bar_chart(
            f"indicator-{i['key']}", f"{i['name']}: {verdict_word(p['verdict'])}", [i["name"]],
            series, fmt=fmt))
    if found:
        section.tables.append(Table(
            [_("Indicator"), _("Baseline"), _("Latest actual"), _("Target"), _("Verdict")],
            [[i["name"], format_quantity(i["progress"]["baseline"], i["unit"], lang),
              format_quantity(i["progress"]["actual"], i["unit"], lang)
              if i["progress"]["actual"] is not None else None,
              format_quantity(i["progress"]["target"], i["unit"], lang)
              if i["progress"]["target"] is not None else None,
              verdict_word(i["progress"]["verdict"])]
             for i in found], key="indicators"))
    else:
        section.paragraphs.append(_("No indicators recorded."))
    return section


def verdict_word(code: str) -> str:
    """An indicator's verdict (a code: "op koers") in the language in use."""
    from projections.quarterly import labels

    verdicts: dict[str, str] = labels()["verdict"]
    return verdicts.get(code, code)


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

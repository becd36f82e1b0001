"""The dashboard in a real headless Chromium: it loads without errors, fetches nothing, and its
charts are drawn (bars, lines and status bars with a size on the page)."""

from __future__ import annotations

import os
import shutil
from datetime import date

import pytest

from ledger.application import open_ledger
from ledger.demo import DEMO_FILE
from ledger.importer import run_import
from projections.dashboard import dashboard, render, status_category
from projections.journal import catch_up
from projections.reading import Horizon, Reader
from projections.tables import create_tables

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")


def test_free_text_statuses_are_grouped_for_the_chart():
    assert status_category("Nog te ontwikkelen") == "nog te doen"
    assert status_category("Is getekend") == "gereed"
    assert status_category("Intensief overleg over realisatie WLQ+") == "in uitvoering"
    assert status_category("Eerste versie gereed en ambtelijk besproken") == "gereed"


@pytest.fixture
def page(sqlite_store, tmp_path):
    ledger = open_ledger(sqlite_store)
    run_import(ledger, DEMO_FILE, actor="secretariaat-wrl")
    create_tables(ledger.store)
    catch_up(ledger)
    doc = dashboard(Reader(ledger.store, Horizon(date(2021, 12, 31), None)), "WRL",
                    fingerprint="1:abc")
    ledger.close()
    path = tmp_path / "dashboard.html"
    path.write_text(render(doc), encoding="utf-8")
    return path


def test_the_dashboard_is_self_contained(page):
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html and "src=" not in html and "@import" not in html
    assert "<link" not in html and "url(" not in html


def test_the_dashboard_draws_its_charts_in_chromium(page):
    if not (CHROMIUM and DRIVER):
        if os.environ.get("LEDGER_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium and chromedriver are required (apt install chromium "
                        "chromium-driver)")
        pytest.skip("Chromium not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-sync",
                "--disable-component-update", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    try:
        driver.get(page.as_uri())
        assert driver.title == "Dashboard Warmtetransitie Regio Leiden"
        counts = driver.execute_script("""
            const out = {};
            for (const svg of document.querySelectorAll('svg[data-chart]')) {
              const box = svg.getBoundingClientRect();
              out[svg.dataset.chart] = {
                width: box.width, height: box.height,
                bars: svg.querySelectorAll('rect.bar').length,
                lines: svg.querySelectorAll('polyline.line').length};
            }
            return out;""")
        assert set(counts) == {"budget", "spending", "topics", "routekaart",
                               "indicator-WRL/besteding"}
        assert counts["indicator-WRL/besteding"]["bars"] == 3  # nulmeting, meting, doel
        assert counts["budget"]["bars"] == 12  # four werkstromen x begroot, benut, gereserveerd
        assert counts["spending"]["lines"] == 4
        assert counts["topics"]["bars"] >= 4 and counts["routekaart"]["bars"] >= 3
        assert all(c["width"] > 300 and c["height"] > 50 for c in counts.values())
        errors = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
        assert errors == []
        requests = [e for e in driver.get_log("performance")
                    if '"Network.requestWillBeSent"' in e["message"]
                    and page.as_uri() not in e["message"]]
        assert requests == []  # nothing fetched from anywhere
        for width in (1280, 390):  # a desktop and a phone
            driver.set_window_size(width, 900)
            driver.get(page.as_uri())
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(width, min(height + 120, 12000))
            driver.save_screenshot(str(page.parent / f"dashboard-{width}.png"))
            assert driver.execute_script(OVERFLOW) == [], width
    finally:
        driver.quit()


# Every element holding text of its own (outside the charts) shows it whole: no text box is wider
# inside than it shows (scrollWidth > clientWidth) and none sticks out of its parent; the page
# does not scroll sideways; and no text of a chart reaches beyond the chart's drawing.
OVERFLOW = """
const bad = [];
const own = el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
const doc = document.documentElement;
if (doc.scrollWidth > doc.clientWidth + 1) bad.push('page ' + doc.scrollWidth);
for (const el of document.body.querySelectorAll('*')) {
  if (el.closest('svg') || !own(el)) continue;
  const style = getComputedStyle(el);
  if (style.display === 'none') continue;
  const what = el.tagName + ' ' + el.textContent.trim().slice(0, 40);
  if (style.display !== 'inline' && el.scrollWidth > el.clientWidth + 1)
    bad.push('scrolls: ' + what);
  const r = el.getBoundingClientRect(), p = el.parentElement.getBoundingClientRect();
  if (r.right > p.right + 1 || r.left < p.left - 1) bad.push('sticks out: ' + what);
}
for (const svg of document.querySelectorAll('svg.chart')) {
  const box = svg.viewBox.baseVal;
  for (const t of svg.querySelectorAll('text')) {
    const b = t.getBBox();
    if (b.x < box.x - 0.5 || b.x + b.width > box.x + box.width + 0.5 || b.y < box.y - 0.5)
      bad.push('clipped in ' + svg.dataset.chart + ': ' + t.textContent);
  }
}
return bad;
"""


def test_axis_amounts_are_written_as_the_language_writes_them():
    from ledger.i18n import set_language
    from projections.charts import euro_axis

    assert [euro_axis(v) for v in (0, 250_000, 500_000, 1_000_000, 2_500_000)] == [
        "€ 0", "€ 250.000", "€ 500.000", "€ 1 mln", "€ 2,5 mln"]
    set_language("en")
    try:
        assert [euro_axis(v) for v in (500_000, 1_000_000, 2_500_000)] == [
            "€500,000", "€1m", "€2.5m"]
    finally:
        set_language("nl")


def test_a_chart_without_data_says_so_instead_of_an_axis_of_zeros():
    from projections.charts import bar_chart, line_chart, status_bars

    for svg in (bar_chart("budget", "Budget", ["WS1", "WS2"], [("begroot", [0, 0])]),
                bar_chart("budget", "Budget", [], []), line_chart("spending", "Uitgaven", []),
                status_bars("topics", "Onderwerpen", [("WS1", {})])):
        assert "geen gegevens" in svg and "€ 0" not in svg and 'class="bar"' not in svg


def test_the_dashboard_and_the_html_report_in_english_and_dutch(sqlite_store):
    from ledger.i18n import set_language
    from projections.document import to_html
    from projections.quarterly import quarterly

    ledger = open_ledger(sqlite_store)
    run_import(ledger, DEMO_FILE, actor="secretariaat-wrl")
    create_tables(ledger.store)
    catch_up(ledger)
    reader = Reader(ledger.store, Horizon(date(2021, 12, 31), None))
    dutch = render(dashboard(reader, "WRL"))
    assert "Budget per werkstroom" in dutch and "€ 1 mln" in dutch and "€ 1.000k" not in dutch
    assert "nulmeting 2021" in dutch and "31-12-2021" in dutch
    report = to_html(quarterly(reader, "WRL", "2021Q4"))
    # decision ids and agreement keys never break across lines
    assert '<td class="id" data-label="Besluit">BW-GM0537-2021-10-05-WRL' in report
    set_language("en")
    try:
        english = render(dashboard(reader, "WRL"))
    finally:
        set_language("nl")
        ledger.close()
    assert '<html lang="en">' in english and "Budget per workstream" in english
    assert "€1m" in english and "baseline 2021" in english and "2021-12-31" in english
    for word in ("werkstroom", "begroot", "nulmeting", "Aandachtspunten", "Vingerafdruk"):
        assert word not in english, word

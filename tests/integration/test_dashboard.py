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
    finally:
        driver.quit()

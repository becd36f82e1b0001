"""The demo ledger of the Leidse regio, built from the import file shipped beside this module."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ledger.errors import RuleViolation

DEMO_FILE = Path(__file__).resolve().parent / "leidse-regio.yaml"
MARKER = "demo-party-GM0546"  # the command id of the demo's first command


def build_demo(url: str | None) -> dict[str, Any]:
    """Create (or bring up to date) the demo ledger at `url`; refuse a ledger that is not a demo."""
    from ledger.application import init_store, open_ledger
    from ledger.domain.receipt import CommandReceipt
    from ledger.importer import run_import
    from ledger.storage import RawLog, parse_url

    store = parse_url(url)
    init_store(store)
    ledger = open_ledger(store)
    try:
        with RawLog(store) as raw:
            count, _ = raw.count_and_max()
        if count and not ledger.recorder.select_events(CommandReceipt.id_for(MARKER), limit=1):
            raise RuleViolation(
                f"The ledger at {store.display} holds other records; the demo will not "
                "write into it.",
                hint="Run the demo with --db sqlite:///demo.db (or any new database).")
        result = run_import(ledger, DEMO_FILE, actor="secretariaat-wrl")
        with RawLog(store) as raw:
            events, _ = raw.count_and_max()
            head = raw.head()
    finally:
        ledger.close()
    return {"database": store.display, "events": events, "fingerprint": str(head),
            "imported": result.as_dict()}

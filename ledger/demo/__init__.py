"""The demo ledgers, each built from an import file shipped beside this module.

Every `*.yaml` here is an example (`ledger demo --example NAME`, NAME being the file's stem). Its
header carries a small description under `demo:`: a title, the programme and quarter whose
kwartaalrapportage the demo prints (an example without a programme prints none: it names, under
`try:`, the commands that show its story), the command id of its first command (the marker by which a
ledger is recognised as that demo), the actor who records it, and optionally a Routekaart whose
overview the demo writes with the date it describes (`routekaart`, `routekaart_on`). Nothing
about any example is written in code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ledger.errors import InvalidInput, RuleViolation
from ledger.i18n import _

HERE = Path(__file__).resolve().parent
DEFAULT = "leidse-regio"
DEMO_FILE = HERE / f"{DEFAULT}.yaml"


@dataclass(frozen=True)
class Example:
    name: str
    file: Path
    title: str
    programme: str | None
    quarter: str | None
    marker: str
    actor: str
    routekaart: str | None = None
    routekaart_on: str | None = None
    try_: tuple[str, ...] = ()


def examples() -> dict[str, Path]:
    return {p.stem: p for p in sorted(HERE.glob("*.yaml"))}


def example(name: str | None = None) -> Example:
    """The description of one example, read from its file's `demo:` header."""
    import yaml

    found = examples().get(str(name or DEFAULT).strip())
    if found is None:
        raise InvalidInput(_("There is no demo example '{name}'.").format(name=name),
                           hint=_("Use one of: {names}.").format(names=", ".join(examples())))
    head = (yaml.safe_load(found.read_text(encoding="utf-8")) or {}).get("demo") or {}
    return Example(name=found.stem, file=found, title=str(head.get("title", found.stem)),
                   programme=str(head["programme"]) if head.get("programme") else None,
                   quarter=str(head["quarter"]) if head.get("quarter") else None,
                   marker=str(head["marker"]), actor=str(head.get("actor", "demo")),
                   routekaart=str(head["routekaart"]) if head.get("routekaart") else None,
                   routekaart_on=str(head["routekaart_on"]) if head.get("routekaart_on")
                   else None, try_=tuple(str(t) for t in head.get("try") or ()))


def build_demo(url: str | None, name: str | None = None) -> dict[str, Any]:
    """Create (or bring up to date) the demo ledger at `url`; refuse a ledger that is not this
    demo."""
    from ledger.application import init_store, open_ledger
    from ledger.domain.receipt import CommandReceipt
    from ledger.errors import IdempotencyConflict
    from ledger.importer import ImportError_, run_import
    from ledger.storage import RawLog, parse_url

    ex = example(name)
    store = parse_url(url)
    init_store(store)
    ledger = open_ledger(store)
    try:
        with RawLog(store) as raw:
            count, _last = raw.count_and_max()
        if count and not ledger.recorder.select_events(CommandReceipt.id_for(ex.marker),
                                                       limit=1):
            raise RuleViolation(
                _("The ledger at {database} holds other records; the demo will not write into "
                  "it.").format(database=store.display),
                hint=_("Run the demo with --db sqlite:///demo.db (or any new database)."))
        try:
            if count:  # a demo built before: first check, writing nothing, that it still fits
                run_import(ledger, ex.file, actor=ex.actor, dry_run=True)
            result = run_import(ledger, ex.file, actor=ex.actor)
        except ImportError_ as e:
            if not (count and isinstance(e.cause, IdempotencyConflict)):
                raise
            raise RuleViolation(
                _("The ledger at {database} holds this demo as an earlier version of the ledger "
                  "built it; the demo's commands have changed since, and a recorded ledger is "
                  "never rewritten.").format(database=store.display),
                hint=_("Move that database aside (e.g. `mv ledger.db ledger-old.db`) and run the "
                       "demo again, or give it a new one with --db sqlite:///demo.db.")) from None
        with RawLog(store) as raw:
            events, _last = raw.count_and_max()
            head = raw.head()
    finally:
        ledger.close()
    return {"example": ex.name, "title": ex.title, "programme": ex.programme,
            "quarter": ex.quarter, "routekaart": ex.routekaart,
            "routekaart_on": ex.routekaart_on, "try": list(ex.try_), "database": store.display,
            "events": events,
            "fingerprint": str(head), "imported": result.as_dict()}

"""The translation catalogs, kept in step with the code: `python -m ledger.catalogs`.

Each area of the code has its own catalog (`ledger/locale/nl/LC_MESSAGES/AREA.po`), so that work
on one area never edits another's file. `AREAS` says which files belong to which area (the first
pattern that matches a file wins).

    python -m ledger.catalogs check          # every marked message translated, nothing stale
    python -m ledger.catalogs update [AREA]  # add new messages (untranslated), drop stale ones

Messages are found by Babel's Python extractor with the keywords `_`, `gettext`, `ngettext` and
`N_` (see ledger/i18n.py). `check` is what `tests/unit/test_catalog.py` runs.
"""

from __future__ import annotations

import fnmatch
import re
import sys
from collections.abc import Iterable
from datetime import UTC
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CATALOG_DIR = ROOT / "ledger" / "locale" / "nl" / "LC_MESSAGES"

# area -> file patterns (relative to the project root); the first area that matches a file wins.
AREAS: dict[str, tuple[str, ...]] = {
    # the write side of programmes, budgets, indicators, classification, meekoppelkansen, reports
    "budget": tuple(f"ledger/domain/{m}.py" for m in (
        "budget", "programme", "indicator", "classification", "meekoppelkans", "topic",
        "narrative", "report")) + tuple(f"ledger/rules/{m}.py" for m in (
        "finance", "reservation", "classification", "meekoppelkans", "topic", "indicator",
        "narrative")) + tuple(f"ledger/application/{m}.py" for m in (
        "budget", "programme", "indicators", "classification", "meekoppelkansen", "reports")),
    # the write side of parties, decisions, agreements, Routekaarten, witnesses; the rules
    "governance": ("ledger/domain/*.py", "ledger/application/*.py", "ledger/rules/*.py",
                   "ledger/rulebook.py"),
    # the commands that set up, import, export, restore and build the demo
    "system": ("commands/system.py", "ledger/demo/*.py"),
    # the command line's frame (errors, options, rendering) and the governance commands
    "commands": tuple(f"commands/{m}.py" for m in (
        "__init__", "main", "common", "audit", "party", "decision", "agreement", "role",
        "declare", "coercion", "lazy", "entry", "key")),
    # the commands of programmes, budgets, indicators, meekoppelkansen, reports, Routekaarten
    "work": ("commands/*.py",),
    # documents: the kwartaalrapportage, the Routekaart overview, the dashboard, report diff
    "reports": tuple(f"projections/{m}.py" for m in (
        "quarterly", "document", "printed", "report_diff", "dashboard", "charts", "narrative",
        "routekaart", "budget", "anchoring")),
    # the other views: trails, log, status findings, decisions, parties, agreements, ...
    "views": ("projections/*.py",),
    # storage, chain, proofs, import and export, money, dates, errors, language
    "core": ("ledger/*.py",),
}
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def area_of(path: str) -> str | None:
    for area, patterns in AREAS.items():
        if any(fnmatch.fnmatch(path, p) for p in patterns):
            return area
    return None


def sources() -> Iterable[Path]:
    for top in ("ledger", "commands", "projections"):
        yield from sorted((ROOT / top).rglob("*.py"))


def extract() -> dict[str, dict[str, tuple[str, str | None, list[str]]]]:
    """area -> msgid -> (msgid, plural msgid or None, ["file:line", ...])."""
    from babel.messages.extract import extract_python

    found: dict[str, dict[str, tuple[str, str | None, list[str]]]] = {a: {} for a in AREAS}
    for path in sources():
        rel = path.relative_to(ROOT).as_posix()
        area = area_of(rel)
        if area is None:
            continue
        with path.open("rb") as f:
            for lineno, _func, message, _comments in extract_python(f, KEYWORDS, [], {}):
                if isinstance(message, tuple | list):
                    singular, plural = str(message[0] or ""), (str(message[1]) if message[1] else None)
                else:
                    singular, plural = str(message or ""), None
                if not singular:
                    continue
                entry = found[area].setdefault(singular, (singular, plural, []))
                entry[2].append(f"{rel}:{lineno}")
    return found


def read(area: str) -> Any:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    path = CATALOG_DIR / f"{area}.po"
    if not path.exists():
        return Catalog(locale="nl", domain=area, project="ledger", fuzzy=False)
    with path.open("rb") as f:
        return read_po(f, locale="nl")


def write(area: str, catalog: Any) -> None:
    from datetime import datetime

    from babel.messages.pofile import write_po

    # A fixed header and no line numbers: a catalog changes only when its messages do.
    fixed = datetime(2026, 12, 5, tzinfo=UTC)
    catalog.project, catalog.version = "ledger", "1"
    catalog.copyright_holder, catalog.msgid_bugs_address = "the ledger's authors", ""
    catalog.last_translator, catalog.language_team = "the ledger's authors", "Nederlands"
    catalog.creation_date = catalog.revision_date = fixed
    CATALOG_DIR.mkdir(parents=True, exist_ok=True)
    with (CATALOG_DIR / f"{area}.po").open("wb") as f:
        write_po(f, catalog, width=100, sort_output=True, omit_header=False, ignore_obsolete=True,
                 include_previous=False, include_lineno=False)


def update(areas: Iterable[str]) -> None:
    found = extract()
    for area in areas:
        catalog = read(area)
        wanted = found[area]
        for msgid in [m.id for m in catalog if m.id]:
            key = msgid[0] if isinstance(msgid, tuple) else msgid
            if key not in wanted:
                del catalog[msgid]
        for singular, plural, places in wanted.values():
            key = (singular, plural) if plural else singular
            existing = catalog.get(key) or catalog.get(singular)
            if existing is None:
                catalog.add(key, string=("", "") if plural else "",
                            locations=[(p.rsplit(":", 1)[0], int(p.rsplit(":", 1)[1]))
                                       for p in places])
            else:
                existing.locations = [(p.rsplit(":", 1)[0], int(p.rsplit(":", 1)[1]))
                                      for p in places]
        write(area, catalog)
        print(f"{area}: {len(wanted)} messages, {sum(1 for m in catalog if m.id and not _done(m))}"
              " without a translation")


def _done(message: Any) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings) and not message.fuzzy


def problems() -> list[str]:
    """Every way the catalogs and the code disagree, one line each (empty: all is well)."""
    found = extract()
    out: list[str] = []
    for path in sources():
        rel = path.relative_to(ROOT).as_posix()
        if area_of(rel) is None:
            out.append(f"{rel}: belongs to no area of ledger/catalogs.py")
    for area, wanted in found.items():
        catalog = read(area)
        known = {(m.id[0] if isinstance(m.id, tuple) else m.id): m for m in catalog if m.id}
        for singular, plural, places in wanted.values():
            message = known.get(singular)
            where = places[0]
            if message is None:
                out.append(f"{where}: {singular!r} is not in {area}.po")
                continue
            if not _done(message):
                out.append(f"{where}: {singular!r} has no translation in {area}.po")
                continue
            if bool(plural) != isinstance(message.string, tuple):
                out.append(f"{where}: {singular!r} is plural in one place and not in the other")
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            sources_ = (singular, plural) if plural else (singular,)
            names = {n for s in sources_ for n in PLACEHOLDER.findall(s)}
            for s in strings:
                if set(PLACEHOLDER.findall(s)) != names:
                    out.append(f"{where}: the translation of {singular!r} has placeholders "
                               f"{sorted(set(PLACEHOLDER.findall(s)))}, the message {sorted(names)}")
        for msgid in known:
            if msgid not in wanted:
                out.append(f"{area}.po: {msgid!r} is no longer in the code (run update)")
    translations: dict[str, dict[str, str]] = {}
    for area in AREAS:
        for m in read(area):
            if m.id:
                key = m.id[0] if isinstance(m.id, tuple) else m.id
                translations.setdefault(key, {})[area] = str(m.string)
    for key, by_area in translations.items():
        if len(set(by_area.values())) > 1:
            out.append(f"{key!r} is translated differently in "
                       + ", ".join(f"{a}.po ({t!r})" for a, t in sorted(by_area.items())))
    return out


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("check", "update"):
        print(__doc__)
        return 2
    if argv[0] == "update":
        update(argv[1:] or list(AREAS))
        return 0
    found = problems()
    for line in found:
        print(line)
    print(f"{len(found)} problems")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

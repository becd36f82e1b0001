"""The rulebook: the Gherkin features under `features/`, read for `ledger rules`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ledger.i18n import _

FEATURES = Path(__file__).resolve().parent.parent / "features"


def load_rules(area: str | None = None) -> list[dict[str, Any]]:
    from ledger.errors import NotFound

    found = []
    for path in sorted(FEATURES.glob("**/*.feature")):
        rel = path.relative_to(FEATURES)
        this_area = rel.parts[0] if len(rel.parts) > 1 else "general"
        if area and this_area != area:
            continue
        title, scenarios = path.stem, []
        for line in path.read_text(encoding="utf-8").splitlines():
            s = line.strip()
            if s.startswith("Functionaliteit:"):
                title = s.split(":", 1)[1].strip()
            elif s.startswith(("Scenario:", "Abstract Scenario:", "Regel:")):
                scenarios.append(s.split(":", 1)[1].strip())
        found.append({"area": this_area, "file": str(rel), "title": title, "scenarios": scenarios})
    if area and not found:
        raise NotFound(_("There is no rules area '{area}'.").format(area=area),
                       hint=_("Run `ledger rules` for all areas."))
    return found

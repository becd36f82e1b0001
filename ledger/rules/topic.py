"""Onderwerpen (topics): how a topic is keyed (PROGRAMME/WERKSTROOM/KEY), its fields, and what a
topic may depend on. Shared by the `Topic` aggregate (`ledger/domain/topic.py`) and the programme
views."""

from __future__ import annotations

from ledger.errors import InvalidInput
from ledger.i18n import _
from ledger.rules.names import check_key

FIELDS = ("name", "resultaat", "status", "plan", "vervolgstappen")
REPORT_FIELDS = ("resultaat", "status", "plan", "vervolgstappen")


def topic_key(programme: str, workstream: str, key: str) -> str:
    checked = check_key(key, _("topic key"))
    return f"{programme.upper()}/{workstream.upper()}/{checked}"


def split_topic_key(full: str) -> tuple[str, str, str]:
    parts = str(full).strip().split("/")
    if len(parts) != 3 or not all(p.strip() for p in parts):
        raise InvalidInput(_("'{text}' does not name a topic.").format(text=full),
                           hint=_("Name a topic as PROGRAMME/WERKSTROOM/KEY, e.g. "
                                  "PRG/WS1/routekaart."))
    return parts[0].strip().upper(), parts[1].strip().upper(), check_key(parts[2], _("topic key"))


def normalise_dependency(text: str, programme: str) -> str:
    """`topic:WS2/overleg-wlq`, `topic:WRL/WS2/overleg-wlq` or `besluit:ID`, normalised."""
    value = str(text).strip()
    kind, sep, rest = value.partition(":")
    kind = kind.strip().lower()
    rest = rest.strip()
    if sep and kind == "topic" and rest:
        parts = rest.split("/")
        if len(parts) == 2:
            rest = f"{programme}/{rest}"
        p, w, k = split_topic_key(rest)
        return f"topic:{p}/{w}/{k}"
    if sep and kind in ("besluit", "decision") and rest:
        return "besluit:" + check_key(rest, _("decision identificatie"))
    raise InvalidInput(_("'{text}' is not something a topic can depend on.").format(text=text),
                       hint=_("Write topic:WS2/KEY (a topic of the programme) or besluit:ID "
                              "(a decision in the ledger)."))

"""Identifiers of parties in the outside world: the TOOI URI of a gemeente, from its CBS code. A
module of its own, so that views can derive it without importing the aggregates."""

TOOI_GEMEENTE = "https://identifier.overheid.nl/tooi/id/gemeente/"


def tooi_uri(cbs: str) -> str:
    return TOOI_GEMEENTE + cbs.lower()

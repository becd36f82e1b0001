"""The application service: the one entry point for every write to the ledger.

`Ledger` joins the command groups of each area (one module each, beside this file). Its methods
take plain values and an `Envelope`, and return an `Outcome`; the rules live in the aggregates.
"""

from __future__ import annotations

from ledger.application.agreements import AgreementCommands
from ledger.application.base import LedgerBase, Outcome
from ledger.application.budget import BudgetCommands
from ledger.application.classification import ClassificationCommands
from ledger.application.decisions import DecisionCommands
from ledger.application.indicators import IndicatorCommands
from ledger.application.keys import KeyCommands
from ledger.application.meekoppelkansen import MeekoppelkansCommands
from ledger.application.parties import PartyCommands
from ledger.application.programme import ProgrammeCommands
from ledger.application.reports import ReportCommands
from ledger.application.routekaart import RoutekaartCommands
from ledger.application.witness import WitnessCommands
from ledger.storage import Store, check_initialised, parse_url


class Ledger(PartyCommands, DecisionCommands, AgreementCommands, ProgrammeCommands, BudgetCommands,
             RoutekaartCommands, ReportCommands, IndicatorCommands,
             ClassificationCommands, MeekoppelkansCommands, WitnessCommands, KeyCommands,
             LedgerBase):
    """Every write command of the ledger."""


def write_commands() -> dict[str, str]:
    """Every write command, as `group.verb` -> method name: the public methods of `Ledger` that
    return an `Outcome`. The import format and its documentation are checked against this list."""
    import inspect

    found = {}
    for name, fn in inspect.getmembers(Ledger, inspect.isfunction):
        returns = inspect.signature(fn).return_annotation
        if "_" in name and not name.startswith("_") and returns in (Outcome, "Outcome"):
            found[name.replace("_", ".", 1)] = name
    return dict(sorted(found.items()))


def open_ledger(url: str | Store | None = None, *, create: bool = False) -> Ledger:
    return Ledger(url, create=create)


def init_store(url: str | Store | None = None) -> Store:
    """Create the store, the chain and tree tables and the append-only guards, and build the
    Merkle tree of a ledger made before it existed; safe to run twice."""
    store = url if isinstance(url, Store) else parse_url(url)
    if store.kind == "postgresql":
        from ledger.storage import RawLog

        with RawLog(store) as raw:
            raw.conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{store.schema}"')
            raw.conn.commit()
    Ledger(store, create=True).close()
    from ledger.storage import RawLog
    from ledger.tree import behind, catch_up

    with RawLog(store) as raw:
        if behind(raw):  # a ledger made before the tree existed: its tree, built once
            catch_up(raw)
    return store


__all__ = ["Ledger", "Outcome", "open_ledger", "init_store", "check_initialised", "write_commands"]

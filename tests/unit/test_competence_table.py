"""The competence table is written twice, as a table in docs/decisions-and-agreements.md and as
Dutch Gherkin in features/bevoegdheid/: one Regel per row, each with an example that is
accepted and one that is refused; and every act the ledger's table names is in a row of the
docs."""

import re
from pathlib import Path

from ledger.rules.authority import ACTS

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "decisions-and-agreements.md"
FEATURE = ROOT / "features" / "bevoegdheid" / "bevoegdheid.feature"


def table_rows() -> list[str]:
    text = DOC.read_text(encoding="utf-8").split("### Who is competent for what", 1)[1]
    return [line for line in text.splitlines() if re.match(r"\| \d+ \|", line)]


def regels() -> list[str]:
    return re.split(r"^\s*Regel:", FEATURE.read_text(encoding="utf-8"), flags=re.M)[1:]


def test_one_regel_per_row_of_the_table():
    assert len(table_rows()) == len(regels()) == 9


def test_every_regel_has_an_accepted_and_a_refused_example():
    for regel in regels():
        title = regel.splitlines()[0].strip()
        assert "Dan wordt dit aanvaard" in regel, title
        assert "wordt dit geweigerd" in regel, title
        assert "is er niets vastgelegd: het aantal gebeurtenissen en de vingerafdruk" in regel, \
            title


def test_every_act_of_the_ledgers_table_is_in_a_row_of_the_docs():
    rows = "\n".join(table_rows())
    missing = [act for act in ACTS
               if f"`{act.split('.')[0]} " not in rows and f"`{act.replace('.', ' ')}" not in rows
               and act.split(".")[1] not in rows]
    assert missing == []


def test_status_judges_the_events_of_every_aggregate_kind():
    import importlib
    import pkgutil

    import ledger.domain
    from ledger.domain.base import LedgerAggregate
    from projections.authority import KINDS

    for module in pkgutil.iter_modules(ledger.domain.__path__):
        importlib.import_module(f"ledger.domain.{module.name}")

    def every(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from every(sub)

    kinds = {c.KIND for c in every(LedgerAggregate) if isinstance(getattr(c, "KIND", None), str)}
    assert set(KINDS) == kinds

"""`ledger meekoppel`: meekoppelkansen, two pieces of work done together, and their status."""

from typing import Annotated

import typer

from commands.common import horizon_caption, table
from commands.declare import Read, Write, reads, writes

app = typer.Typer(help="Meekoppelkansen: two pieces of work coupled (e.g. sewer and heat network).",
                  no_args_is_help=True)
Opt = typer.Option
Key = Annotated[str, typer.Argument(help="The meekoppelkans's key, e.g. MK-ZUIDWEST-1.")]


@writes(app, "add")
def add(
    w: Write, key: Key, name: Annotated[str, Opt("--name", help="What is coupled, in a few words.")],
    work: Annotated[list[str], Opt("--work", help="A piece of work, twice: a subject "
                                   "(topic:PRG/WS2/KEY, actie:VS-RK/1.2/3, decision:ID) or a "
                                   "description of another party's project.")],
    status: Annotated[str, Opt("--status", help="verkend, afgesproken, in uitvoering, "
                               "gerealiseerd or vervallen.")] = "verkend",
) -> None:
    """Record a meekoppelkans between two pieces of work."""
    out = w.ledger.meekoppel_add(w.env, key=key, name=name, works=list(work), status=status)
    w.done(out, f"meekoppelkans {key}")


@writes(app, "status")
def status(
    w: Write, key: Key,
    new: Annotated[str, typer.Argument(help="verkend, afgesproken, in uitvoering, gerealiseerd "
                                       "or vervallen.")],
) -> None:
    """Change the status of a meekoppelkans (gerealiseerd and vervallen are final)."""
    out = w.ledger.meekoppel_status(w.env, key=key, status=new)
    w.done(out, f"status of meekoppelkans {key}: {new}")


@reads(app, "list")
def list_(
    r: Read,
    status_: Annotated[str | None, Opt("--status", help="Only with this status.",
                                       show_default=False)] = None,
    subject: Annotated[str | None, Opt("--subject", help="Only those coupling this "
                                       "subject, e.g. topic:PRG/WS2/KEY.",
                                       show_default=False)] = None,
) -> None:
    """List meekoppelkansen with both pieces of work and their status on the date."""
    from projections.meekoppelkansen import meekoppelkansen

    rows = meekoppelkansen(r.reader, status=status_, subject=subject)
    if r.answered(rows):
        return
    table("Meekoppelkansen", ["key", "name", "work", "with", "status", "since"],
          [(m["key"], m["name"], m["works"][0]["work"], m["works"][1]["work"], m["status"],
            m["history"][-1]["effective"]) for m in rows], caption=horizon_caption(r))


@reads(app, "show")
def show(r: Read, key: Key) -> None:
    """Show one meekoppelkans with the history of its status."""
    from projections.meekoppelkansen import meekoppelkans

    m = meekoppelkans(r.reader, key)
    if r.answered(m):
        return
    table(f"Meekoppelkans {m['key']}: {m['name']}", ["field", "value"],
          [("work", m["works"][0]["work"]), ("with", m["works"][1]["work"]),
           ("status", m["status"])], caption=horizon_caption(r))
    table("History", ["#", "effective", "status", "actor", "refs"],
          [(h["position"], h["effective"], h["status"], h["actor"], " ".join(h["refs"]))
           for h in m["history"]])

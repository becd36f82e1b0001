"""`ledger programme`: create, list and show programmes (with werkstromen, public values and
mandate limits for budget shifts)."""

from typing import Annotated

import typer

from commands.common import console, horizon_caption, plain, table
from commands.declare import Read, Write, reads, writes

app = typer.Typer(help="Programmes: what the parties agreed to do together, under which "
                  "agreement, and who may shift how much of its budget.", no_args_is_help=True)
Opt = typer.Option


@writes(app, "create")
def create(
    w: Write, code: Annotated[str, typer.Argument(help="The programme's code, its key, e.g. PRG.")],
    name: Annotated[str, Opt("--name", help="The programme's name.")],
    agreement: Annotated[str, Opt("--agreement", help="Key of the agreement it runs under, "
                                  "e.g. PRG-SOK.")],
    start: Annotated[str, Opt("--start", help="First day of the programme (YYYY-MM-DD).")],
    end: Annotated[str, Opt("--end", help="Last day of the programme (YYYY-MM-DD).")],
    value: Annotated[list[str] | None, Opt("--value", help="A public value it safeguards: "
                                           "betaalbaarheid, haalbaarheid, duurzaamheid, "
                                           "betrouwbaarheid, tijdigheid. Repeatable.",
                                           show_default=False)] = None,
    mandate: Annotated[list[str] | None, Opt("--mandate", help="BODY:LIMIT a body may shift, "
                                             "e.g. programmamanager:25000, pho:250k, "
                                             "college:unlimited. Repeatable.",
                                             show_default=False)] = None,
) -> None:
    """Create a programme under an agreement, with its period, public values and mandates."""
    out = w.ledger.programme_create(w.env, code=code, name=name, agreement=agreement,
                                    start=start, end=end, public_values=list(value or []),
                                    mandates=list(mandate or []))
    w.done(out, f"programme {code.upper()} ({name})")


@reads(app, "list")
def list_(r: Read) -> None:
    """List the programmes with their agreement, period and werkstromen."""
    from projections.programme import programmes

    rows = list(programmes(r.reader).values())
    if r.answered(rows):
        return
    table("Programmes", ["code", "name", "agreement", "period", "werkstromen"],
          [(p["code"], p["name"], p["agreement"], f"{p['start']} – {p['end']}",
            ", ".join(p["workstreams"])) for p in rows], caption=horizon_caption(r))


@reads(app, "show")
def show(r: Read, code: Annotated[str, typer.Argument(help="The programme's code.")]) -> None:
    """Show a programme: agreement, period, public values, mandate limits and werkstromen."""
    from ledger.money import format_eur
    from projections.narrative import Footnotes
    from projections.programme import programme

    p = programme(r.reader, code)
    if r.answered(p):
        return
    rows = [("code", p["code"]), ("name", p["name"]), ("agreement", p["agreement"]),
            ("period", f"{p['start']} – {p['end']}"),
            ("public values", ", ".join(p["public_values"]) or "—")]
    rows += [(f"mandate {b}", "unlimited" if v == "unlimited" else format_eur(v))
             for b, v in p["mandates"].items()]
    rows += [(f"werkstroom {w['code']}", f"{w['name']} ({w['topics']} topics)")
             for w in p["workstreams"].values()]
    # what the programme was recorded with that its source does not give (aanname: references)
    notes = Footnotes()
    title = notes.mark(f"Programme {p['code']}", p.get("assumptions") or [])
    table(title, ["field", "value"], rows, caption=horizon_caption(r))
    for line in notes.lines():
        console.print(plain(line))

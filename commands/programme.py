"""`ledger programme`: create, list and show programmes (with werkstromen, public values and
mandate limits for budget shifts)."""

from typing import Annotated, Any

import typer

from commands.budget import day, recorded
from commands.common import console, horizon_caption, plain, table
from commands.declare import Read, Write, reads, writes
from ledger.i18n import _, ngettext

app = typer.Typer(help=_("Programmes: what the parties agreed to do together, under which "
                         "agreement, and who may shift how much of its budget."),
                  no_args_is_help=True)
Opt = typer.Option


def _period(p: dict[str, Any]) -> str:
    return f"{day(p['start'])} – {day(p['end'])}"


@writes(app, "create", help=_("Create a programme under an agreement, with its period, public "
                              "values and mandates."))
def create(
    w: Write, code: Annotated[str, typer.Argument(help=_(
        "The programme's code, its key, e.g. PRG."))],
    name: Annotated[str, Opt("--name", help=_("The programme's name."))],
    agreement: Annotated[str, Opt("--agreement", help=_(
        "Key of the agreement it runs under, e.g. PRG-SOK."))],
    start: Annotated[str, Opt("--start", help=_("First day of the programme (YYYY-MM-DD)."))],
    end: Annotated[str, Opt("--end", help=_("Last day of the programme (YYYY-MM-DD)."))],
    value: Annotated[list[str] | None, Opt("--value", help=_(
        "A public value it safeguards: betaalbaarheid, haalbaarheid, duurzaamheid, "
        "betrouwbaarheid, tijdigheid. Repeatable."), show_default=False)] = None,
    mandate: Annotated[list[str] | None, Opt("--mandate", help=_(
        "BODY:LIMIT a body may shift, e.g. programmamanager:25000, pho:250k, "
        "college:unlimited. Repeatable."), show_default=False)] = None,
) -> None:
    """Create a programme under an agreement, with its period, public values and mandates."""
    out = w.ledger.programme_create(w.env, code=code, name=name, agreement=agreement,
                                    start=start, end=end, public_values=list(value or []),
                                    mandates=list(mandate or []))
    e = recorded(w, out)
    w.done(out, _("programme {code} ({name}) under agreement {agreement}, from {start} to "
                  "{end}").format(code=e.get("key") or code.upper(), name=e.get("name") or name,
                                  agreement=e.get("agreement") or agreement.upper(),
                                  start=day(e.get("start") or start, "long"),
                                  end=day(e.get("end") or end, "long")))


@reads(app, "list", help=_("List the programmes with their agreement, period and werkstromen."))
def list_(r: Read) -> None:
    """List the programmes with their agreement, period and werkstromen."""
    from projections.programme import programmes

    rows = list(programmes(r.reader).values())
    if r.answered(rows):
        return
    table(_("Programmes"), [_("code"), _("name"), _("agreement"), _("period"), _("werkstromen")],
          [(p["code"], p["name"], p["agreement"], _period(p), ", ".join(p["workstreams"]))
           for p in rows], caption=horizon_caption(r))


@reads(app, "show", help=_("Show a programme: agreement, period, public values, mandate limits "
                           "and werkstromen."))
def show(r: Read, code: Annotated[str, typer.Argument(help=_("The programme's code."))]) -> None:
    """Show a programme: agreement, period, public values, mandate limits and werkstromen."""
    from ledger.money import format_eur
    from projections.narrative import Footnotes
    from projections.programme import programme

    p = programme(r.reader, code)
    if r.answered(p):
        return
    rows = [(_("code"), p["code"]), (_("name"), p["name"]), (_("agreement"), p["agreement"]),
            (_("period"), _period(p)),
            (_("public values"), ", ".join(p["public_values"]) or "—")]
    rows += [(_("mandate {body}").format(body=b),
              _("unlimited") if v == "unlimited" else format_eur(v))
             for b, v in p["mandates"].items()]
    rows += [(_("werkstroom {code}").format(code=w["code"]),
              ngettext("{name} ({n} topic)", "{name} ({n} topics)", w["topics"]).format(
                  name=w["name"], n=w["topics"]))
             for w in p["workstreams"].values()]
    # what the programme was recorded with that its source does not give (aanname: references)
    notes = Footnotes()
    title = notes.mark(_("Programme {code}").format(code=p["code"]), p.get("assumptions") or [])
    table(title, [_("field"), _("value")], rows, caption=horizon_caption(r))
    for line in notes.lines():
        console.print(plain(line))

"""`ledger meekoppel`: meekoppelkansen, two pieces of work done together, and their status."""

from typing import Annotated

import typer

from commands.budget import day, recorded
from commands.common import horizon_caption, table
from commands.declare import Read, Write, reads, writes
from ledger.i18n import _

app = typer.Typer(help=_("Meekoppelkansen: two pieces of work coupled (e.g. sewer and heat "
                         "network)."),
                  no_args_is_help=True)
Opt = typer.Option
Key = Annotated[str, typer.Argument(help=_("The meekoppelkans's key, e.g. MK-ZUIDWEST-1."))]


@writes(app, "add", help=_("Record a meekoppelkans between two pieces of work."))
def add(
    w: Write, key: Key, name: Annotated[str, Opt("--name", help=_("What is coupled, in a few words."))],
    work: Annotated[list[str], Opt("--work", help=_(
        "A piece of work, twice: a subject (topic:PRG/WS2/KEY, actie:VS-RK/1.2/3, decision:ID) "
        "or a description of another party's project."))],
    status: Annotated[str, Opt("--status", help=_(
        "verkend, afgesproken, in uitvoering, gerealiseerd or vervallen."))] = "verkend",
) -> None:
    """Record a meekoppelkans between two pieces of work."""
    out = w.ledger.meekoppel_add(w.env, key=key, name=name, works=list(work), status=status)
    e = recorded(w, out)
    w.done(out, _("meekoppelkans {key} ({name}), status {status}").format(
        key=e.get("key") or key.upper(), name=e.get("name") or name,
        status=e.get("status") or status))


@writes(app, "status", help=_("Change the status of a meekoppelkans (gerealiseerd and "
                              "vervallen are final)."))
def status(
    w: Write, key: Key,
    new: Annotated[str, typer.Argument(help=_(
        "verkend, afgesproken, in uitvoering, gerealiseerd or vervallen."))],
) -> None:
    """Change the status of a meekoppelkans (gerealiseerd and vervallen are final)."""
    out = w.ledger.meekoppel_status(w.env, key=key, status=new)
    e = recorded(w, out)
    w.done(out, _("status of meekoppelkans {key}: {status}").format(
        key=key.upper(), status=e.get("status") or new))


@reads(app, "list", help=_("List meekoppelkansen with both pieces of work and their status "
                           "on the date."))
def list_(
    r: Read,
    status_: Annotated[str | None, Opt("--status", help=_("Only with this status."),
                                       show_default=False)] = None,
    subject: Annotated[str | None, Opt("--subject", help=_(
        "Only those coupling this subject, e.g. topic:PRG/WS2/KEY."),
                                       show_default=False)] = None,
) -> None:
    """List meekoppelkansen with both pieces of work and their status on the date."""
    from projections.meekoppelkansen import meekoppelkansen

    rows = meekoppelkansen(r.reader, status=status_, subject=subject)
    if r.answered(rows):
        return
    table(_("Meekoppelkansen"), [_("key"), _("name"), _("work"), _("with"), _("status"),
                                 _("since")],
          [(m["key"], m["name"], m["works"][0]["work"], m["works"][1]["work"], m["status"],
            day(m["history"][-1]["effective"])) for m in rows], caption=horizon_caption(r))


@reads(app, "show", help=_("Show one meekoppelkans with the history of its status."))
def show(r: Read, key: Key) -> None:
    """Show one meekoppelkans with the history of its status."""
    from projections.meekoppelkansen import meekoppelkans

    m = meekoppelkans(r.reader, key)
    if r.answered(m):
        return
    table(_("Meekoppelkans {key}: {name}").format(key=m["key"], name=m["name"]),
          [_("field"), _("value")],
          [(_("work"), m["works"][0]["work"]), (_("with"), m["works"][1]["work"]),
           (_("status"), m["status"])], caption=horizon_caption(r))
    table(_("History"), ["#", _("effective date"), _("status"), _("recorded by"), _("source")],
          [(h["position"], day(h["effective"]), h["status"], h["actor"], " ".join(h["refs"]))
           for h in m["history"]])

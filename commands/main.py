"""`ledger`: the root of the command line and the one place errors become sentences.

A `LedgerError` raised anywhere below prints as `Error: <sentence>` plus a hint on stderr and exits
with its code (1, or 3 for a failed verification); usage errors exit 2 (click's own handling). A
database that refuses us (down, or a role without the right) is reported the same way.
"""

from typing import Any

import typer
from typer.core import TyperGroup

from commands import (
    agreement,
    audit,
    budget,
    decision,
    indicator,
    meekoppel,
    party,
    programme,
    report,
    role,
    routekaart,
    system,
    workstream,
)
from commands.common import Globals, err_console, plain


def report_error(message: str, hint: str | None) -> None:
    err_console.print(f"[bold red]Error:[/bold red] {plain(message)}", markup=True,
                      highlight=False, soft_wrap=True)
    if hint:
        err_console.print(f"[dim]Hint: {plain(hint)}[/dim]", soft_wrap=True)


class LedgerGroup(TyperGroup):
    """Turns refusals into one sentence and an exit code, never a traceback."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # Bytes on the command line that are not UTF-8 reach Python as lone surrogates, which no
        # database, file or terminal can take: refuse them here, as a usage error.
        for n, arg in enumerate(args, start=1):
            if any(0xD800 <= ord(c) <= 0xDFFF for c in arg):
                raise typer.BadParameter(f"argument {n} holds bytes that are not UTF-8 text.")
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        from ledger.errors import LedgerError

        try:
            return super().invoke(ctx)
        except LedgerError as e:
            report_error(e.message, e.hint)
            ctx.exit(e.exit_code)
        except Exception as e:
            if type(e).__module__.startswith(("eventsourcing", "sqlalchemy", "psycopg", "sqlite3")):
                from ledger.storage import denied

                cause = getattr(e, "orig", None) or e  # SQLAlchemy wraps the driver's error
                first = (str(cause).strip().splitlines() or [type(e).__name__])[0]
                if denied(cause):
                    report_error(f"Your database role may not do this: {first}.",
                           "Ask the ledger's administrator; the roles are in docs/security.md.")
                else:
                    report_error(f"The database refused the operation: {first}",
                           "Check the --db URL, that the server runs, and that your role may "
                           "do this.")
                ctx.exit(1)
            raise


app = typer.Typer(
    name="ledger", cls=LedgerGroup, no_args_is_help=True, add_completion=False,
    pretty_exceptions_enable=False, rich_markup_mode=None,
    help="An event-sourced governance ledger for regional cooperation: every decision, agreement, "
    "budget movement and status change is an immutable, hash-chained event; views and reports "
    "are rebuilt from the log for any date (--on) as known at any moment (--as-of).",
)


@app.callback()
def root(
    ctx: typer.Context,
    db: str | None = typer.Option(None, "--db", help="Database URL (default: $LEDGER_DB, else "
                                  "sqlite:///ledger.db).", show_default=False),
    actor: str | None = typer.Option(None, "--actor", help="Who records (default: $LEDGER_ACTOR, "
                                     "else your login name).", show_default=False),
    json_out: bool = typer.Option(False, "--json", help="Machine-readable output for every command."),
    lang: str | None = typer.Option(None, "--lang", help="Language of everything shown: nl "
                                    "(default: $LEDGER_LANG, else nl) or en.", show_default=False),
) -> None:
    """Global options; they apply to every command below."""
    if lang is not None:
        from ledger.i18n import set_language

        set_language(lang)
    ctx.obj = Globals(db=db, actor=actor, json=json_out)


system.register(app)
app.add_typer(party.app, name="party")
app.add_typer(decision.app, name="decision")
app.add_typer(agreement.app, name="agreement")
app.add_typer(routekaart.app, name="routekaart")
app.add_typer(audit.app, name="audit")
app.add_typer(programme.app, name="programme")
app.add_typer(workstream.app, name="workstream")
app.add_typer(budget.app, name="budget")
app.add_typer(report.app, name="report")
app.add_typer(indicator.app, name="indicator")
app.add_typer(meekoppel.app, name="meekoppel")
app.add_typer(role.app, name="role")


def run() -> None:
    """The `ledger` program: typer's tree for `app`, with each command built only when it runs
    (`commands/lazy.py`) and plain option values converted without pydantic
    (`commands/coercion.py`, installed here rather than on import, so that importing the
    commands changes nothing in typer).

    A `ledger` process is short: what it has made so far lives until it ends. `gc.freeze()` moves
    those objects out of the garbage collector's sight, at the start (later collections need not
    look at the modules and classes of start-up) and at the end (Python's final collections would
    otherwise go through them all once more, a good part of a write command's time). Connections
    are therefore closed explicitly before the end (the read side's at exit)."""
    import gc
    import sys

    from commands import coercion
    from commands.lazy import lazy_command

    coercion.install()
    gc.freeze()
    try:
        lazy_command(app)(prog_name="ledger")
    finally:
        tables = sys.modules.get("projections.tables")
        if tables is not None:
            tables.dispose_engines()
        gc.freeze()


if __name__ == "__main__":
    run()

"""`ledger role`: login roles of their own for the people who record or audit (PostgreSQL).

Each person records under their own login, a member of `ledger_writer` (or reads under one in
`ledger_auditor`), so the database stamps who wrote every event (docs/security.md). Thin: one call
into `ledger.roles`, one line of output.
"""

from typing import Annotated

import typer

from commands.common import Db, Json, console, db_url, globals_of, plain, print_json, table
from ledger.i18n import _

app = typer.Typer(help=_("PostgreSQL login roles for the people who record (writers) or audit."),
                  no_args_is_help=True)
Opt = typer.Option


@app.command("add", help=_("Create a login role for one person, member of the writer or the "
                           "auditor role; run it as the ledger's owner."))
def add(ctx: typer.Context,
        name: Annotated[str, typer.Argument(help=_("The person's login name (lower case)."),
                                            metavar=_("LOGIN"))],
        writer: Annotated[bool, Opt("--writer", help=_("May record (member of "
                                                       "ledger_writer)."))] = False,
        auditor: Annotated[bool, Opt("--auditor", help=_("May only read (member of "
                                                         "ledger_auditor)."))] = False,
        password: Annotated[bool, Opt("--password", help=_("Ask for a password for the login "
                                                           "(else authenticate it as "
                                                           "pg_hba.conf says)."))] = False,
        db: Db = None, json_out: Json = False) -> None:
    from ledger.errors import InvalidInput
    from ledger.roles import add_login
    from ledger.storage import check_initialised, parse_url

    if writer == auditor:
        raise InvalidInput(_("Say whether the login records or only reads."),
                           hint=_("Give exactly one of --writer and --auditor."))
    store = parse_url(db_url(db, ctx))
    check_initialised(store)
    secret = typer.prompt(_("Password"), hide_input=True,
                          confirmation_prompt=_("Repeat for confirmation")) if password else None
    kind = "writer" if writer else "auditor"
    made = add_login(store, name, kind, secret)
    if json_out or globals_of(ctx).json:
        print_json({"login": name, "role": kind, "created": made})
        return
    console.print((_("Login {name} created; member of {role}.") if made else
                   _("Login {name} exists already; member of {role}.")).format(
        name=plain(name), role=f"ledger_{kind}"))


@app.command("list", help=_("List the logins that are members of the writer or the auditor "
                            "role."))
def list_(ctx: typer.Context, db: Db = None, json_out: Json = False) -> None:
    from ledger.roles import logins
    from ledger.storage import check_initialised, parse_url

    store = parse_url(db_url(db, ctx))
    check_initialised(store)
    found = logins(store)
    if json_out or globals_of(ctx).json:
        print_json(found)
        return
    table(_("Logins"), [_("login"), _("role")], [(f["login"], f["role"]) for f in found])

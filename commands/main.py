"""`ledger`: the root of the command line and the one place errors become sentences.

A `LedgerError` raised anywhere below prints as `Fout: <sentence>` plus `Tip: <hint>` on stderr
(in the language in use) and exits with its code (1, or 3 for a failed verification). A database
that refuses us (down, or a role without the right) is reported the same way; a usage error too
(exit 2), after its usage line, in the language in use rather than click's English. With `--json`
each of them is one JSON object on stderr instead: {"error": ..., "hint": ..., "exit": N}, with
the same exit code. typer's own words in the help are shown in the language in use as well
(`speak_typer`).
"""

import sys
from typing import Any

import typer
from typer._click import exceptions as click_exceptions
from typer.core import TyperGroup

from commands import (
    agreement,
    audit,
    budget,
    decision,
    indicator,
    key,
    meekoppel,
    party,
    programme,
    report,
    role,
    routekaart,
    system,
    workstream,
)
from commands.common import Globals, err_console, plain, printable
from ledger.i18n import N_, _


def report_error(message: str, hint: str | None, exit_code: int = 1, *,
                 json_out: bool = False) -> None:
    """A refusal on stderr: `Fout: <sentence>` and `Tip: <hint>`, or, with `--json`, one JSON
    object {"error", "hint", "exit"} (the exit code the run ends with)."""
    if json_out:
        import json

        sys.stderr.write(json.dumps({"error": message, "hint": hint or None, "exit": exit_code},
                                    ensure_ascii=False) + "\n")
        return
    err_console.print(_("[bold red]Error:[/bold red] {message}").format(message=plain(message)),
                      markup=True, highlight=False)
    if hint:
        err_console.print("[dim]" + _("Hint: {hint}").format(hint=plain(hint)) + "[/dim]")


def json_wanted(ctx: Any, *, unread: bool = False) -> bool:
    """Whether this run asked for JSON: `ledger --json ...`, a command's own `--json` (noted
    while its options were read, see commands/common.py), or, for a command line that could not
    be read (`unread`) or whose root options failed, a `--json` among its words."""
    root = ctx.find_root()
    if ctx.meta.get("ledger.json"):
        return True
    if isinstance(root.obj, Globals) and (root.obj.json or not unread):
        return root.obj.json
    words = list(ctx.meta.get("ledger.args", ()))
    if "--" in words:
        words = words[:words.index("--")]
    return "--json" in words


# typer's own words around the help (section titles, [required], the help option, the kinds of
# value), shown in the language in use by `speak_typer`.
TYPER_TEXT = (N_("Arguments"), N_("Options"), N_("Commands"), N_("required"),
              N_("default: {default}"), N_("env var: {var}"), N_("Aborted!"),
              N_("Show this message and exit."), N_("[OPTIONS]"), N_("COMMAND [ARGS]..."))
VALUE_KINDS = {"str": N_("text"), "int": N_("number"), "float": N_("number"),
               "path": N_("file"), "list[str]": N_("text"), "list[int]": N_("number"),
               "int range": N_("number"), "float range": N_("number")}
# Bounds beyond this are not printed in the help: they only say "any whole number".
SHOWN_BOUND = 2**31


def _frame_text(message: str) -> str:
    """typer's own text in the language in use (English when no translation is known: typer
    has words of its own this catalog need not hold)."""
    from ledger.i18n import catalog, language

    lang = language()
    return message if lang == "en" else catalog(lang).gettext(message)


def speak_typer() -> None:
    """Make typer's help and refusals speak the language in use and keep giant bounds out of
    the help (`<int range> [1<=x<=9223372036854775807]` reads as `<getal> [x>=1]`): typer's
    gettext calls, its usage prefix, the help option's help and its names of kinds of value.
    Done on import of the command line, so that `app` and the `ledger` program say the same."""
    import typer.core as core
    from typer._click import core as click_core
    from typer._click import formatting

    if getattr(core, "_ledger_speaks", False):
        return
    core._ledger_speaks = True  # type: ignore[attr-defined]
    core._ = _frame_text  # type: ignore[attr-defined]
    describe = core.describe_number_range

    def readable_range(low: Any, high: Any) -> str | None:
        return describe(None if low is not None and abs(low) >= SHOWN_BOUND else low,
                        None if high is not None and abs(high) >= SHOWN_BOUND else high)

    core.describe_number_range = readable_range  # type: ignore[assignment]
    write_usage = formatting.HelpFormatter.write_usage

    def usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            prefix = _frame_text("Usage: {usage}").format(usage="")
        args = args.replace("[OPTIONS]", _frame_text("[OPTIONS]")).replace(
            "COMMAND [ARGS]...", _frame_text("COMMAND [ARGS]..."))
        write_usage(self, prog, args, prefix)

    formatting.HelpFormatter.write_usage = usage  # type: ignore[method-assign]
    get_help_option = click_core.Command.get_help_option

    def help_option(self: Any, ctx: Any) -> Any:
        option = get_help_option(self, ctx)
        if option is not None and option.help == "Show this message and exit.":
            option.help = _frame_text(option.help)
        return option

    click_core.Command.get_help_option = help_option  # type: ignore[method-assign]
    display_type = core._TyperParameter.display_type

    def kind_of_value(self: Any, ctx: Any) -> str:
        shown = display_type(self, ctx)
        inner = shown[1:-1] if shown.startswith("<") and shown.endswith(">") else None
        if inner in VALUE_KINDS:
            return f"<{_frame_text(VALUE_KINDS[inner])}>"
        return shown

    core._TyperParameter.display_type = kind_of_value  # type: ignore[method-assign]


speak_typer()


def value_problem(message: str) -> str:
    """typer's (pydantic's) English for a value that does not convert, in the language in use;
    a refusal of the ledger's own stays as it is."""
    import re

    if re.match(r"Input should be a valid integer", message):
        return _("give a whole number.")
    found = re.fullmatch(r"Input should be greater than or equal to (-?\d+)", message)
    if found:
        return _("give a whole number of at least {n}.").format(n=found.group(1))
    found = re.fullmatch(r"Input should be less than or equal to (-?\d+)", message)
    if found:
        high = int(found.group(1))
        return (_("the number is too large.") if high >= SHOWN_BOUND else
                _("give a whole number of at most {n}.").format(n=high))
    return message


def usage_message(e: Any) -> str:
    """Click's sentence for a usage error, in the language in use (click itself speaks only
    English): the parameter it names, the option or command it could not find, and the
    problem of a bad value (a refusal of the ledger's own is already in the language in use)."""
    import re

    def hint() -> str:
        if e.param_hint is not None:
            names = [e.param_hint] if isinstance(e.param_hint, str) else list(e.param_hint)
            return " / ".join(f"'{n}'" for n in names)
        return str(e.param.get_error_hint()) if e.param is not None else ""

    if isinstance(e, click_exceptions.MissingParameter):
        kind = e.param_type or (e.param.param_type_name if e.param is not None else "parameter")
        if kind == "option":
            return _("The option {name} is missing.").format(name=hint())
        if kind == "argument":
            return _("The argument {name} is missing.").format(name=hint())
        return _("The parameter {name} is missing.").format(name=hint())
    if isinstance(e, click_exceptions.NoSuchOption):
        text = _("There is no option {option}.").format(option=printable(e.option_name))
        if e.possibilities:
            text += " " + _("Did you mean {options}?").format(
                options=", ".join(sorted(e.possibilities)))
        return text
    if isinstance(e, click_exceptions.BadParameter):
        named, problem = hint(), value_problem(str(e.message))
        if not named:
            return _("Invalid value: {problem}").format(problem=problem)
        return _("Invalid value for {name}: {problem}").format(name=named, problem=problem)
    message = str(e.message)
    found = re.fullmatch(r"No such command (.+?)\.(?: Did you mean (.+)\?)?", message, re.S)
    if found:
        text = _("There is no command {name}.").format(name=found.group(1))
        if found.group(2):
            text += " " + _("Did you mean {options}?").format(options=found.group(2))
        return text
    if message == "Missing command.":
        return _("Give a command.")
    found = re.fullmatch(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", message, re.S)
    if found:
        return _("Unexpected extra arguments: {arguments}").format(arguments=found.group(1))
    found = re.fullmatch(r"Option (.+) requires (?:an argument|(\d+) arguments)\.", message)
    if found:
        return _("The option {option} needs a value.").format(option=found.group(1))
    found = re.fullmatch(r"Option (.+) does not take a value\.", message)
    if found:
        return _("The option {option} takes no value.").format(option=found.group(1))
    return str(e.format_message())


class LedgerGroup(TyperGroup):
    """Turns refusals into one sentence and an exit code, never a traceback."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.meta["ledger.args"] = list(args)
        # Bytes on the command line that are not UTF-8 reach Python as lone surrogates, which no
        # database, file or terminal can take: refuse them here, as a usage error.
        try:
            for n, arg in enumerate(args, start=1):
                if any(0xD800 <= ord(c) <= 0xDFFF for c in arg):
                    raise typer.BadParameter(_("argument {n} holds bytes that are not UTF-8 "
                                               "text.").format(n=n))
            return super().parse_args(ctx, args)
        except click_exceptions.UsageError as e:
            self._usage_error(ctx, e)
            raise

    def _usage_error(self, ctx: Any, e: Any) -> None:
        """A usage error in the language in use: the usage line, `Fout: <sentence>` and a hint
        to ask for help; with `--json`, a JSON object on stderr (exit 2 either way)."""
        if isinstance(e, click_exceptions.NoArgsIsHelpError):
            return  # a group given no command: its help, as click shows it
        where = e.ctx or ctx
        message = usage_message(e)
        hint = None
        if e.ctx is not None and e.ctx.command.get_help_option(e.ctx) is not None:
            hint = _("Use `{command} --help` for help.").format(command=e.ctx.command_path)
        if json_wanted(where, unread=True):
            report_error(message, hint, e.exit_code, json_out=True)
        else:
            if e.ctx is not None:
                usage = e.ctx.get_usage()
                if usage.startswith("Usage: "):
                    usage = _("Usage: {usage}").format(usage=usage[len("Usage: "):])
                err_console.print(plain(usage), soft_wrap=True)
            report_error(message, hint, e.exit_code)
        ctx.exit(e.exit_code)

    def invoke(self, ctx: Any) -> Any:
        from ledger.errors import LedgerError

        try:
            return super().invoke(ctx)
        except LedgerError as e:
            report_error(e.message, e.hint, e.exit_code, json_out=json_wanted(ctx))
            ctx.exit(e.exit_code)
        except click_exceptions.UsageError as e:
            self._usage_error(ctx, e)
            raise
        except Exception as e:
            if type(e).__module__.startswith(("eventsourcing", "sqlalchemy", "psycopg", "sqlite3")):
                from ledger.storage import denied

                cause = getattr(e, "orig", None) or e  # SQLAlchemy wraps the driver's error
                first = (str(cause).strip().splitlines() or [type(e).__name__])[0]
                if denied(cause):
                    report_error(_("Your database role may not do this: {problem}.").format(
                        problem=first),
                        _("Ask the ledger's administrator; the roles are in docs/security.md."),
                        json_out=json_wanted(ctx))
                else:
                    report_error(_("The database refused the operation: {problem}").format(
                        problem=first),
                        _("Check the --db URL, that the server runs, and that your role may do "
                          "this."), json_out=json_wanted(ctx))
                ctx.exit(1)
            raise


app = typer.Typer(
    name="ledger", cls=LedgerGroup, no_args_is_help=True, add_completion=False,
    pretty_exceptions_enable=False, rich_markup_mode=None,
    help=_("An event-sourced governance ledger for regional cooperation: every decision, "
           "agreement, budget movement and status change is an immutable, hash-chained event; "
           "views and reports are rebuilt from the log for any date (--on) as known at any "
           "moment (--as-of)."),
)


@app.callback()
def root(
    ctx: typer.Context,
    db: str | None = typer.Option(None, "--db", help=_("Database URL (default: $LEDGER_DB, else "
                                  "sqlite:///ledger.db)."), show_default=False),
    actor: str | None = typer.Option(None, "--actor", help=_("Who records (default: "
                                     "$LEDGER_ACTOR, else your login name)."), show_default=False),
    json_out: bool = typer.Option(False, "--json", help=_("Machine-readable output for every "
                                                          "command, refusals included.")),
    lang: str | None = typer.Option(None, "--lang", help=_("Language of everything shown: nl "
                                    "(default: $LEDGER_LANG, else nl) or en."), show_default=False),
) -> None:
    # Global options; they apply to every command below.
    if lang is not None:
        from ledger.i18n import set_language

        set_language(lang)
    ctx.obj = Globals(db=db, actor=actor, json=json_out)


system.register(app)
for group in (party, decision, agreement, routekaart, audit, programme, workstream, budget, report,
              indicator, meekoppel, role, key):  # each group's name is its module's
    app.add_typer(group.app, name=group.__name__.rsplit(".", 1)[1])


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

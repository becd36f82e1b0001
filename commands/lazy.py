"""The command tree, built as far as a run needs it.

Before running anything, typer turns every command of every group into click objects, analysing
each function's signature and options: a few milliseconds per command, paid by every run and
growing with every area the ledger gains. `lazy_command(app)` builds the root group as typer does,
but stands a light placeholder (`Deferred`) in for each group and command below it, holding its
name and help (all that the help of its parent shows); typer builds the real one when it is run or
its own help is asked for, again with placeholders below it. So `ledger party add` builds the root,
the `party` group and the `add` command, nothing else. Used by `commands.main.run` (the `ledger`
program); tests that invoke `app` get typer's full tree, and `tests/cli/test_lazy_tree.py` checks
that both say the same.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import typer.main as tm
from typer._click.core import Command


class Deferred(Command):
    """A command or group with its name and help only; the real one is built when it is used."""

    def __init__(self, name: str, build: Callable[[], Any], **attrs: Any):
        super().__init__(name, **attrs)
        self._build = build
        self._built: Any = None

    def real(self) -> Any:
        if self._built is None:
            self._built = self._build()
        return self._built

    # Everything but the name and the help shown in the parent's listing is the real command's.
    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        return self.real().make_context(info_name, args, parent=parent, **extra)

    def invoke(self, ctx: Any) -> Any:
        return self.real().invoke(ctx)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        return self.real().main(*args, **kwargs)

    def get_params(self, ctx: Any) -> Any:
        return self.real().get_params(ctx)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self.real().format_help(ctx, formatter)

    def format_options(self, ctx: Any, formatter: Any) -> None:
        self.real().format_options(ctx, formatter)

    def _main_shell_completion(self, *args: Any, **kwargs: Any) -> Any:
        return self.real()._main_shell_completion(*args, **kwargs)

    def get_help(self, ctx: Any) -> Any:
        return self.real().get_help(ctx)

    def get_usage(self, ctx: Any) -> Any:
        return self.real().get_usage(ctx)

    def shell_complete(self, ctx: Any, incomplete: str) -> Any:
        return self.real().shell_complete(ctx, incomplete)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        return self.real().get_command(ctx, cmd_name)

    def list_commands(self, ctx: Any) -> Any:
        return self.real().list_commands(ctx)


def lazy_command(app: Any) -> Any:
    """The root command of `app`, with placeholders below it (see the module docstring)."""
    build_group, build_command = tm.get_group_from_info, tm.get_command_from_info

    def real_group(info: Any, options: dict[str, Any]) -> Any:
        # A group built by typer, with placeholders for its own commands and groups.
        tm.get_group_from_info, tm.get_command_from_info = placeholder_group, placeholder_command
        try:
            return build_group(info, **options)
        finally:
            tm.get_group_from_info, tm.get_command_from_info = build_group, build_command

    def placeholder_group(info: Any, **options: Any) -> Any:
        solved = tm.solve_typer_info_defaults(info)
        if not solved.name:  # merged into its parent: typer needs the real group
            return build_group(info, **options)
        return Deferred(solved.name, lambda: real_group(info, options), help=solved.help,
                        short_help=solved.short_help, hidden=solved.hidden,
                        deprecated=solved.deprecated)

    def placeholder_command(command_info: Any, **options: Any) -> Any:
        info = command_info
        name = info.name or tm.get_command_name(info.callback.__name__)
        help_text = (inspect.getdoc(info.callback) if info.help is None
                     else inspect.cleandoc(info.help))
        return Deferred(name, lambda: build_command(command_info=info, **options),
                        help=help_text, short_help=info.short_help, hidden=info.hidden,
                        deprecated=info.deprecated)

    tm.get_group_from_info = lambda info, **options: real_group(info, options)
    try:
        return tm.get_command(app)
    finally:
        tm.get_group_from_info, tm.get_command_from_info = build_group, build_command

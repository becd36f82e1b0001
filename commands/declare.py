"""Declaring a command: the options every write (the envelope) and every read (the time axes)
takes are declared here once, and the command is handed a ready context.

A write command is a function `fn(w: Write, <its own options>)` under `@writes`; a read command
`fn(r: Read, <its own options>)` under `@reads` (docs/architecture.md, "How to add a command").
The decorator adds the shared options after the command's own ones, in the same order and with
the same help everywhere, builds the `Write` (envelope + opened ledger) or `Read` (caught-up read
side at the horizon) from them, and closes it when the command ends. Nothing is worked out at
import: typer asks for the signature only of the command it builds (commands/lazy.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import typer

from commands.common import (
    Actor,
    AsOf,
    CommandId,
    Db,
    Json,
    On,
    Read,
    ReadOn,
    Reason,
    Ref,
    SigningKeyOpt,
    Write,
)

# (name, annotation, default) of the options every write command takes, after its own ones
WRITE_OPTIONS: tuple[tuple[str, Any, Any], ...] = (
    ("db", Db, None), ("actor", Actor, None), ("on", On, None), ("ref", Ref, None),
    ("reason", Reason, None), ("command_id", CommandId, None),
    ("signing_key", SigningKeyOpt, None), ("json_out", Json, False))
# ... and every read command that shows the world on a date as recorded by a moment
READ_OPTIONS: tuple[tuple[str, Any, Any], ...] = (
    ("db", Db, None), ("on", ReadOn, None), ("as_of", AsOf, None), ("json_out", Json, False))

F = TypeVar("F", bound=Callable[..., Any])


class Declared:
    """A command function with the shared options added to its own (see `writes`, `reads`).

    Typer reads a command's options from its signature and type hints; here those are the
    function's own parameters after its first (the context it is handed) plus the shared ones,
    worked out when typer first asks (so only for the command that runs: start-up stays light)."""

    def __init__(self, fn: Callable[..., Any], options: tuple[tuple[str, Any, Any], ...],
                 make: Callable[..., Any]):
        self.fn, self.options, self.make = fn, options, make
        self.__name__ = fn.__name__
        self.__qualname__ = fn.__qualname__
        self.__module__ = fn.__module__
        self.__doc__ = fn.__doc__
        self._signature: Any = None
        self._hints: dict[str, Any] | None = None

    def _declare(self) -> None:
        import inspect
        from typing import get_type_hints

        hints = get_type_hints(self.fn, include_extras=True)
        own = list(inspect.signature(self.fn).parameters.values())[1:]
        kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
        params = [inspect.Parameter("ctx", kind, annotation=typer.Context)]
        params += [p.replace(annotation=hints.get(p.name, p.annotation)) for p in own]
        params += [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default,
                                     annotation=annotation)
                   for name, annotation, default in self.options]
        self._signature = inspect.Signature(params)
        self._hints = {p.name: p.annotation for p in params}

    @property
    def __signature__(self) -> Any:
        if self._signature is None:
            self._declare()
        return self._signature

    @property
    def __annotations__(self) -> dict[str, Any]:
        if self._hints is None:
            self._declare()
        assert self._hints is not None
        return self._hints

    def __call__(self, ctx: typer.Context, **values: Any) -> Any:
        shared = {name: values.pop(name) for name, _, _ in self.options if name in values}
        context = self.make(ctx, **shared)
        try:
            return self.fn(context, **values)
        finally:
            close = getattr(context, "close", None)
            if close is not None:
                close()


def writes(app: typer.Typer, name: str, **settings: Any) -> Callable[[F], F]:
    """Declare the write command `name` of `app`: `fn(w: Write, <its own options>)`. The envelope
    options (`--db --actor --on --ref --reason --command-id --signing-key --json`) are added after its own,
    and it is handed the `Write` made from them (the envelope and the opened ledger):

        @writes(app, "add")
        def add(
            w: Write,
            name: Annotated[str, typer.Argument(help="The party's name.")],
        ) -> None:
            \"\"\"Register a party.\"\"\"
            w.done(w.ledger.party_add(w.env, name=name), f"party {name}")

    `settings` go to typer's `app.command` (help, hidden, ...)."""
    return _declare(app, name, settings, WRITE_OPTIONS, Write)


def reads(app: typer.Typer, name: str, **settings: Any) -> Callable[[F], F]:
    """Declare the read command `name` of `app`: `fn(r: Read, <its own options>)`. The
    time-axis options (`--db --on --as-of --json`) are added after its own, and it is handed the
    `Read` made from them (the read side caught up, a reader at that horizon), closed when the
    command ends."""
    return _declare(app, name, settings, READ_OPTIONS, Read)


def _declare(app: typer.Typer, name: str, settings: dict[str, Any],
             options: tuple[tuple[str, Any, Any], ...], make: Callable[..., Any]
             ) -> Callable[[F], F]:
    def register(fn: F) -> F:
        command = Declared(fn, options, make)
        app.command(name, **settings)(command)
        return command  # type: ignore[return-value]

    return register
